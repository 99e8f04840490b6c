#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static _Thread_local char err_buf[2048];

int err_set(const char *fmt, ...)
{
	char tmp[sizeof err_buf];
	va_list ap;

	/* through a copy: callers may pass err_msg() itself as an argument */
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	memcpy(err_buf, tmp, sizeof err_buf);
	return -1;
}

int err_prefix(const char *fmt, ...)
{
	char ctx[512], old[sizeof err_buf];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ctx, sizeof ctx, fmt, ap);
	va_end(ap);
	memcpy(old, err_buf, sizeof old);
	/* truncation is acceptable: the end of a very long message is the least useful */
	if (snprintf(err_buf, sizeof err_buf, "%s: %s", ctx, old) >= (int)sizeof err_buf)
		memcpy(err_buf + sizeof err_buf - 4, "...", 4);
	return -1;
}

const char *err_msg(void) { return err_buf[0] ? err_buf : "unknown error"; }

void err_clear(void) { err_buf[0] = '\0'; }
