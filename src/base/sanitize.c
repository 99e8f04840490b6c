/* sanitize: see sanitize.h. */
#include "sanitize.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "mem.h"

struct out {
	char *p;
	size_t n, cap;
};

static void put(struct out *o, const char *s, size_t n)
{
	xgrow(&o->p, &o->cap, o->n + n + 1, 1);
	memcpy(o->p + o->n, s, n);
	o->n += n;
	o->p[o->n] = '\0';
}

/* Decodes one UTF-8 sequence of s[0..n). Returns its length and sets *cp, or returns 0
 * for a byte that does not start a well-formed sequence (overlong forms, surrogates and
 * code points past U+10FFFF included). */
static size_t decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c = s[0], min;
	size_t len;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2, c &= 0x1f, min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3, c &= 0x0f, min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4, c &= 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/* Format characters that change how text around them is ordered or broken into lines. */
static bool is_format(uint32_t c)
{
	return c == 0x061c || c == 0x200e || c == 0x200f || c == 0x2028 || c == 0x2029 ||
	       (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0xfeff;
}

static const char *c0_name(uint32_t c)
{
	switch (c) {
	case 0x07: return "\\a";
	case 0x08: return "\\b";
	case 0x09: return "\\t";
	case 0x0a: return "\\n";
	case 0x0b: return "\\v";
	case 0x0c: return "\\f";
	case 0x0d: return "\\r";
	case 0x1b: return "\\e";
	default: return NULL;
	}
}

static bool is_control(uint32_t c)
{
	return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f);
}

bool san_codepoint_clean(unsigned long c)
{
	return c <= 0x10ffff && !(c >= 0xd800 && c <= 0xdfff) && !is_control((uint32_t)c) &&
	       !is_format((uint32_t)c);
}

size_t san_char(const char *s, size_t n, bool *clean)
{
	uint32_t c;
	size_t len;

	if (n == 0) {
		*clean = true;
		return 0;
	}
	len = decode((const unsigned char *)s, n, &c);
	if (len == 0) {
		*clean = false;
		return 1;
	}
	*clean = !is_control(c) && !is_format(c);
	return len;
}

/* Appends the sanitised form of s[0..n) to o. */
static void clean(struct out *o, const char *s, size_t n, enum san_mode mode)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run = 0; /* run: clean bytes not yet copied, ending at i */
	char esc[16];

	while (i < n) {
		uint32_t c;
		size_t len = decode(u + i, n - i, &c);
		const char *rep = NULL;

		if (len == 0) {
			rep = "\xef\xbf\xbd"; /* U+FFFD */
			len = 1;
		} else if (is_control(c)) {
			rep = c0_name(c);
			if (!rep) {
				snprintf(esc, sizeof esc, "\\x%02x", (unsigned)c);
				rep = esc;
			}
		} else if (is_format(c)) {
			snprintf(esc, sizeof esc, "\\u%04x", (unsigned)c);
			rep = esc;
		} else if (c == '\\' && mode == SAN_FIELD) {
			rep = "\\\\";
		}
		if (rep) {
			put(o, s + i - run, run);
			run = 0;
			put(o, rep, strlen(rep));
		} else {
			run += len;
		}
		i += len;
	}
	put(o, s + i - run, run);
}

char *san_ndup(const char *s, size_t n, enum san_mode mode)
{
	struct out o = {0};
	put(&o, "", 0);
	if (s)
		clean(&o, s, n, mode);
	return o.p;
}

char *san_dup(const char *s, enum san_mode mode)
{
	return san_ndup(s, s ? strlen(s) : 0, mode);
}

const char *san(const char *s)
{
	static _Thread_local char *ring[SAN_RING];
	static _Thread_local unsigned next;
	unsigned k = next++ % SAN_RING;

	free(ring[k]);
	ring[k] = san_dup(s, SAN_DISPLAY);
	return ring[k];
}

int san_fputs(const char *s, FILE *f)
{
	char *c = san_dup(s, SAN_DISPLAY);
	int r = fputs(c, f);
	free(c);
	return r;
}

bool san_is_clean(const char *s)
{
	char *c = san_dup(s, SAN_DISPLAY);
	bool same = strcmp(c, s ? s : "") == 0;
	free(c);
	return same;
}

/* Octal escapes: always three digits, so that a digit after one never joins it (\x does
 * not say where it ends in every shell). */
char *san_shell_word(const char *s)
{
	size_t n = strlen(s), i = 0, k = 0;
	/* at most 4 bytes out per byte in ("\ooo"), plus $' ' and the NUL */
	char *out = xmalloc(4 * n + 4);

	out[k++] = '$';
	out[k++] = '\'';
	while (i < n) {
		bool clean;
		size_t len = san_char(s + i, n - i, &clean);
		for (size_t j = 0; j < len; j++) {
			unsigned char c = (unsigned char)s[i + j];
			if (!clean) {
				k += (size_t)sprintf(out + k, "\\%03o", c);
			} else if (c == '\'' || c == '\\') {
				out[k++] = '\\';
				out[k++] = (char)c;
			} else {
				out[k++] = (char)c;
			}
		}
		i += len;
	}
	out[k++] = '\'';
	out[k] = '\0';
	return out;
}

/* Columns of one code point; 1 where the C library has no answer. */
static size_t cp_width(uint32_t c)
{
	int w;
	if (c < 0x80)
		return 1;
	w = wcwidth((wchar_t)c);
	return w < 0 ? 1 : (size_t)w;
}

/* Walks s until its columns would pass cols; returns the bytes walked, *used the columns. */
static size_t walk(const char *s, size_t cols, size_t *used)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n = strlen(s), w = 0;

	while (i < n) {
		uint32_t c;
		size_t len = decode(u + i, n - i, &c), cw;
		if (len == 0) {
			len = 1, cw = 1;
		} else {
			cw = cp_width(c);
		}
		if (w + cw > cols)
			break;
		w += cw;
		i += len;
	}
	*used = w;
	return i;
}

size_t san_width(const char *s)
{
	size_t w = 0;
	if (s)
		walk(s, SIZE_MAX, &w);
	return w;
}

size_t san_fit(const char *s, size_t cols)
{
	size_t w;
	return s ? walk(s, cols, &w) : 0;
}
