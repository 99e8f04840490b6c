/* err: the current failure's message and kind (see err.h). */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static _Thread_local char err_buf[2048];
/* where the first recorded message starts in err_buf (after the prefixes) */
static _Thread_local size_t err_cause_at;
static _Thread_local enum err_kind err_cur_kind;

__attribute__((format(printf, 2, 0)))
static void set_v(enum err_kind kind, const char *fmt, va_list ap)
{
	char tmp[sizeof err_buf];

	/* through a copy: callers may pass err_msg() itself as an argument */
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	memcpy(err_buf, tmp, sizeof err_buf);
	err_cause_at = 0;
	err_cur_kind = kind;
}

int err_set(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_v(ERR_OTHER, fmt, ap);
	va_end(ap);
	return -1;
}

int err_setk(enum err_kind kind, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_v(kind >= 0 && kind < ERR_KIND_COUNT ? kind : ERR_OTHER, fmt, ap);
	va_end(ap);
	return -1;
}

int err_prefix(const char *fmt, ...)
{
	char ctx[512], old[sizeof err_buf];
	va_list ap;
	int n;

	va_start(ap, fmt);
	vsnprintf(ctx, sizeof ctx, fmt, ap);
	va_end(ap);
	memcpy(old, err_buf, sizeof old);
	/* truncation is acceptable: the end of a very long message is the least useful */
	n = snprintf(err_buf, sizeof err_buf, "%s: %s", ctx, old);
	if (n >= (int)sizeof err_buf)
		memcpy(err_buf + sizeof err_buf - 4, "...", 4);
	err_cause_at += strlen(ctx) + 2;
	if (err_cause_at >= sizeof err_buf)
		err_cause_at = sizeof err_buf - 1; /* the cause was cut off: nothing is left of it */
	return -1;
}

int err_kind_set(enum err_kind kind)
{
	err_cur_kind = kind >= 0 && kind < ERR_KIND_COUNT ? kind : ERR_OTHER;
	return -1;
}

const char *err_msg(void) { return err_buf[0] ? err_buf : "unknown error"; }

const char *err_cause(void) { return err_buf[0] ? err_buf + err_cause_at : "unknown error"; }

enum err_kind err_kind(void) { return err_cur_kind; }

const char *err_kind_name(enum err_kind kind)
{
	static const char *const names[ERR_KIND_COUNT] = {
		[ERR_OTHER] = "other",         [ERR_USAGE] = "usage",
		[ERR_NOT_FOUND] = "not found", [ERR_PERMISSION] = "permission",
		[ERR_TRANSPORT] = "transport", [ERR_UNTRUSTED] = "untrusted",
		[ERR_LOGIN] = "login",         [ERR_PROTOCOL] = "protocol",
		[ERR_CANCELLED] = "cancelled", [ERR_REFUSED] = "refused",
	};
	return kind >= 0 && kind < ERR_KIND_COUNT ? names[kind] : "other";
}

void err_clear(void)
{
	err_buf[0] = '\0';
	err_cause_at = 0;
	err_cur_kind = ERR_OTHER;
}
