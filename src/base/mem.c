#include "mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void (*die_hook)(void);

void mem_set_die_hook(void (*hook)(void)) { die_hook = hook; }

void mem_die(const char *fmt, ...)
{
	va_list ap;
	void (*hook)(void) = die_hook;

	die_hook = NULL; /* a failing hook must not recurse */
	if (hook)
		hook();
	fputs("vchnet: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		mem_die("out of memory (%zu bytes)", n);
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		mem_die("out of memory (%zu x %zu bytes)", count, size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		mem_die("out of memory (%zu bytes)", n);
	return q;
}

void xgrow(void *pp, size_t *cap, size_t need, size_t elem)
{
	void **slot = pp;
	size_t ncap = *cap ? *cap : 8;

	if (need <= *cap)
		return;
	while (ncap < need) {
		if (ncap > ((size_t)-1) / 2 / elem)
			mem_die("array too large (%zu elements)", need);
		ncap *= 2;
	}
	*slot = xrealloc(*slot, ncap * elem);
	*cap = ncap;
}

char *xstrdup(const char *s)
{
	return s ? xstrndup(s, strlen(s)) : NULL;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Measured, then written into our own allocation: a leak report then names the caller
 * (libc's vasprintf has no frame the sanitizers can unwind through). */
char *xvasprintf(const char *fmt, va_list ap)
{
	va_list again;
	va_copy(again, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	if (n < 0)
		mem_die("cannot format a message (%s)", fmt);
	char *p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, again);
	va_end(again);
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;
	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void mem_free_secret(char *s)
{
	if (!s)
		return;
	explicit_bzero(s, strlen(s));
	free(s);
}

void mem_set_str(char **slot, const char *s)
{
	char *n = xstrdup(s);
	free(*slot);
	*slot = n;
}
