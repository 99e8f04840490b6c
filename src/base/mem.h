/* mem: allocation that never returns NULL, and the one way a bug ends the program.
 *
 * Out of memory and broken invariants are bugs, not user errors: they end the program
 * through mem_die(), which first runs the hook that restores the terminal (set by the
 * wizard), so the user never keeps a screen in curses mode.
 * Everything returned by x*() is owned by the caller and released with free(). */
#ifndef VCHNET_MEM_H
#define VCHNET_MEM_H

#include <stdarg.h>
#include <stddef.h>
#include <stdnoreturn.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows *p (an array of *cap elements of size elem) so that it holds at least need. */
void xgrow(void *pp, size_t *cap, size_t need, size_t elem);
char *xstrdup(const char *s);            /* NULL in, NULL out */
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Wipes then frees a secret (passwords, session cookies). NULL is fine. */
void mem_free_secret(char *s);
/* Replaces *slot with a copy of s, freeing the old value. */
void mem_set_str(char **slot, const char *s);

/* Called by mem_die() before it prints: restores the terminal. One hook at a time. */
void mem_set_die_hook(void (*hook)(void));
noreturn void mem_die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define MEM_ASSERT(cond) \
	do { if (!(cond)) mem_die("internal error: %s at %s:%d", #cond, __FILE__, __LINE__); } while (0)

#endif
