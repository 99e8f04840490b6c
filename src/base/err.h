/* err: the message that goes with an expected failure, and its kind.
 *
 * Functions that can fail for reasons the user can act on return -1 (or NULL) after
 * err_set() recorded one sentence: what failed, why, and what to do. The caller may add
 * context in front with err_prefix(). Where a caller must branch on what went wrong
 * (retry with another ruleset, say "cannot reach", refuse instead of warn), the failing
 * function records a kind with err_setk() and the caller asks err_kind(): nobody
 * branches on the text, which is for people and free to change.
 * The message and kind live in per-thread storage owned by this module; copy the message
 * if it must outlive the next err_set(). */
#ifndef VCHNET_ERR_H
#define VCHNET_ERR_H

enum err_kind {
	ERR_OTHER = 0,   /* no particular kind: report the message (what err_set() records) */
	ERR_USAGE,       /* the command line or a value typed is wrong */
	ERR_NOT_FOUND,   /* the named object, file or ruleset does not exist */
	ERR_PERMISSION,  /* refused for lack of a privilege or of file permissions */
	ERR_TRANSPORT,   /* the network, the server's HTTP, a timeout: the peer was not reached */
	ERR_UNTRUSTED,   /* TLS: the certificate is not trusted or does not match the pin */
	ERR_LOGIN,       /* the credentials were refused, or the session expired */
	ERR_PROTOCOL,    /* the peer answered, but not as promised (malformed, too large) */
	ERR_CANCELLED,   /* the user (or a signal) asked to stop */
	ERR_REFUSED,     /* the input is understood but does not hold: cannot continue */
	ERR_KIND_COUNT
};

/* Records the message with kind ERR_OTHER; always returns -1 so that
 * "return err_set(...)" reads naturally. */
int err_set(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Records the message with its kind; returns -1. */
int err_setk(enum err_kind kind, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Puts "context: " in front of the current message (the kind stays); returns -1. */
int err_prefix(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Changes the kind of the current message (a caller that knows better); returns -1. */
int err_kind_set(enum err_kind kind);
const char *err_msg(void);
/* The message as it was first recorded, without the context err_prefix() put in front
 * ("cannot talk to vc1:443: Connection refused" -> "Connection refused" when the
 * failing function recorded the detail and prefixed the host itself). */
const char *err_cause(void);
enum err_kind err_kind(void);
/* "not found", "permission", ...: for logs and tests. */
const char *err_kind_name(enum err_kind kind);
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
