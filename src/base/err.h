/* err: the message that goes with an expected failure.
 *
 * Functions that can fail for reasons the user can act on return -1 (or NULL) after
 * err_set() recorded one sentence: what failed, why, and what to do. The caller may add
 * context in front with err_prefix(). The message lives in a per-thread buffer owned by
 * this module; copy it if it must outlive the next err_set(). */
#ifndef VCHNET_ERR_H
#define VCHNET_ERR_H

/* Records the message; always returns -1 so that "return err_set(...)" reads naturally. */
int err_set(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Puts "context: " in front of the current message; returns -1. */
int err_prefix(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *err_msg(void);
void err_clear(void);

/* Exit codes shared by every subcommand (documented in vchnet(1)). */
enum {
	EXIT_OK = 0,        /* success */
	EXIT_PROBLEMS = 1,  /* the command ran and found problems, or failed */
	EXIT_USAGE = 2,     /* usage error or unreadable input */
	EXIT_CONNECT = 3,   /* connection or login failure */
	EXIT_UNTRUSTED = 60 /* the server's certificate is not trusted */
};

#endif
