/* yamlw: a direct YAML writer, laid out as libyaml's emitter lays out the same
 * document (see yamlw.h). The state (column, indent, whether the last thing written
 * was whitespace or indentation) follows libyaml's emitter so that the same rules
 * give the same bytes: a break and indentation before a block entry unless the
 * cursor already stands there, one space before an indicator that needs it, a break
 * in a flow collection or at a space of a quoted text once a line passes the width. */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "err.h"
#include "mem.h"
#include "yamlw.h"

#define WIDTH 4096  /* libyaml's best_width as vchnet set it */
#define STEP 2      /* its best_indent */

static void flush(struct yamlw *w)
{
	if (w->n && !w->err && fwrite(w->buf, 1, w->n, w->f) != w->n)
		w->err = errno ? errno : EIO;
	w->n = 0;
}

static inline void put(struct yamlw *w, char c)
{
	if (w->n == sizeof w->buf)
		flush(w);
	w->buf[w->n++] = c;
	w->column++;
}

/* bytes that are one column each (ASCII) */
static inline void put_run(struct yamlw *w, const char *s, size_t len)
{
	w->column += (int)len;
	if (len <= 16 && w->n + 16 <= sizeof w->buf) {
		/* most runs are short (an id, a key): no call */
		char *d = w->buf + w->n;
		w->n += len;
		while (len--)
			*d++ = *s++;
		return;
	}
	while (len) {
		if (w->n == sizeof w->buf)
			flush(w);
		size_t k = sizeof w->buf - w->n;
		if (k > len)
			k = len;
		memcpy(w->buf + w->n, s, k);
		w->n += k;
		s += k;
		len -= k;
	}
}

static void put_break(struct yamlw *w)
{
	put(w, '\n');
	w->column = 0;
}

/* libyaml's write_indent */
static void indent(struct yamlw *w)
{
	int in = w->indent >= 0 ? w->indent : 0;
	if (!w->indention || w->column > in || (w->column == in && !w->whitespace))
		put_break(w);
	while (w->column < in)
		put(w, ' ');
	w->whitespace = true;
	w->indention = true;
}

/* libyaml's write_indicator (every indicator written here is one character) */
static inline void indicator(struct yamlw *w, char c, bool need_ws, bool is_ws, bool is_ind)
{
	if (need_ws && !w->whitespace)
		put(w, ' ');
	put(w, c);
	w->whitespace = is_ws;
	w->indention = w->indention && is_ind;
}

static void increase_indent(struct yamlw *w, bool flow, bool indentless)
{
	if (w->indent < 0)
		w->indent = flow ? STEP : 0;
	else if (!indentless)
		w->indent += STEP;
}

static struct yamlw_level *top(struct yamlw *w)
{
	return w->depth ? &w->lv[w->depth - 1] : NULL;
}

/* A block collection gets its indent at its first entry (libyaml decides on seeing
 * it: an empty one is written [] or {} instead). */
static void open_block(struct yamlw *w, struct yamlw_level *l)
{
	if (l->open)
		return;
	l->open = true;
	l->indent = w->indent;
	/* a sequence that is a mapping's value is not indented under its key */
	increase_indent(w, false, l->kind == 'S' && l->value && !w->indention);
}

/* What comes before any value node, from where it stands in its parent. */
static void node_prefix(struct yamlw *w)
{
	struct yamlw_level *l = top(w);
	if (!l)
		return;
	switch (l->kind) {
	case 'M':
	case '{':
		MEM_ASSERT(l->value);
		l->value = false;
		break;
	case 'S':
		open_block(w, l);
		indent(w);
		indicator(w, '-', true, false, true);
		break;
	case '[':
		if (!l->first)
			indicator(w, ',', false, false, false);
		l->first = false;
		if (w->column > WIDTH)
			indent(w);
		break;
	}
}

void yamlw_init(struct yamlw *w, FILE *f, bool ascii)
{
	w->f = f;
	w->ascii = ascii;
	w->err = 0;
	w->column = 0;
	w->indent = -1;
	w->whitespace = w->indention = true;
	w->depth = 0;
	w->n = 0;
}

static void push(struct yamlw *w, char kind, bool map_value)
{
	MEM_ASSERT(w->depth < YAMLW_DEPTH);
	w->lv[w->depth++] = (struct yamlw_level){.kind = kind, .first = true, .value = map_value,
						  .indent = w->indent};
}

static void begin(struct yamlw *w, bool flow, bool map, const char *anchor)
{
	struct yamlw_level *p = top(w);
	bool map_value = p && (p->kind == 'M' || p->kind == '{');
	node_prefix(w);
	if (anchor) {
		indicator(w, '&', true, false, false);
		put_run(w, anchor, strlen(anchor));
		w->whitespace = w->indention = false;
	}
	/* inside a flow collection everything is flow */
	if (flow || (p && (p->kind == '[' || p->kind == '{'))) {
		indicator(w, map ? '{' : '[', true, true, false);
		push(w, map ? '{' : '[', false);
		increase_indent(w, true, false);
	} else {
		/* for a block sequence, .value records that it is a mapping's value */
		push(w, map ? 'M' : 'S', map_value && !map);
	}
}

void yamlw_map(struct yamlw *w, bool flow)
{
	begin(w, flow, true, NULL);
}

void yamlw_seq(struct yamlw *w, bool flow, const char *anchor)
{
	begin(w, flow, false, anchor);
}

void yamlw_end(struct yamlw *w)
{
	struct yamlw_level *l = top(w);
	MEM_ASSERT(l && !((l->kind == 'M' || l->kind == '{') && l->value));
	switch (l->kind) {
	case '[':
	case '{':
		w->indent = l->indent;
		indicator(w, l->kind == '[' ? ']' : '}', false, false, false);
		break;
	default:
		if (l->open) {
			w->indent = l->indent;
		} else {
			/* empty: libyaml writes it in flow style */
			indicator(w, l->kind == 'S' ? '[' : '{', true, true, false);
			indicator(w, l->kind == 'S' ? ']' : '}', false, false, false);
		}
	}
	w->depth--;
}

static void plain(struct yamlw *w, const char *s)
{
	if (!w->whitespace)
		put(w, ' ');
	put_run(w, s, strlen(s));
	w->whitespace = w->indention = false;
}

void yamlw_key(struct yamlw *w, const char *k)
{
	struct yamlw_level *l = top(w);
	MEM_ASSERT(l && (l->kind == 'M' || l->kind == '{') && !l->value);
	if (l->kind == 'M') {
		open_block(w, l);
		indent(w);
	} else {
		if (!l->first)
			indicator(w, ',', false, false, false);
		l->first = false;
		if (w->column > WIDTH)
			indent(w);
	}
	plain(w, k);
	indicator(w, ':', false, false, false);
	l->value = true;
}

void yamlw_plain(struct yamlw *w, const char *s)
{
	node_prefix(w);
	plain(w, s);
}

void yamlw_alias(struct yamlw *w, const char *anchor)
{
	node_prefix(w);
	indicator(w, '*', true, false, false);
	put_run(w, anchor, strlen(anchor));
	w->whitespace = w->indention = false;
}

/* The code point at s (n bytes left) in *cp and its length, or 0 when s does not start
 * with a well-formed UTF-8 sequence (overlong forms, surrogates and values past
 * U+10FFFF are not: YAML cannot carry them). */
static int utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char c = s[0];
	int len;
	uint32_t v, min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
		len = 2, v = c & 0x1F, min = 0x80;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3, v = c & 0x0F, min = 0x800;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4, v = c & 0x07, min = 0x10000;
	else
		return 0;
	if ((size_t)len > n)
		return 0;
	for (int i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

/* What libyaml writes raw inside double quotes: printable, no break, no BOM. */
static bool raw_ok(const struct yamlw *w, uint32_t cp)
{
	if (cp >= 0x20 && cp <= 0x7E)
		return cp != '"' && cp != '\\';
	if (w->ascii || cp == 0x2028 || cp == 0x2029) /* line and paragraph separators */
		return false;
	return (cp >= 0xA0 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD && cp != 0xFEFF);
}

static void escape(struct yamlw *w, uint32_t cp)
{
	static const char hex[] = "0123456789ABCDEF";
	char c = 0;
	switch (cp) {
	case 0x00: c = '0'; break;
	case 0x07: c = 'a'; break;
	case 0x08: c = 'b'; break;
	case 0x09: c = 't'; break;
	case 0x0A: c = 'n'; break;
	case 0x0B: c = 'v'; break;
	case 0x0C: c = 'f'; break;
	case 0x0D: c = 'r'; break;
	case 0x1B: c = 'e'; break;
	case 0x22: c = '"'; break;
	case 0x5C: c = '\\'; break;
	case 0x85: c = 'N'; break;
	case 0xA0: c = '_'; break;
	case 0x2028: c = 'L'; break;
	case 0x2029: c = 'P'; break;
	}
	put(w, '\\');
	if (c) {
		put(w, c);
		return;
	}
	int digits = cp <= 0xFF ? 2 : cp <= 0xFFFF ? 4 : 8;
	put(w, digits == 2 ? 'x' : digits == 4 ? 'u' : 'U');
	for (int k = (digits - 1) * 4; k >= 0; k -= 4)
		put(w, hex[(cp >> k) & 0x0F]);
}

void yamlw_str(struct yamlw *w, const char *s)
{
	node_prefix(w);
	indicator(w, '"', true, false, false);
	const unsigned char *p = (const unsigned char *)s, *start = p, *end = p + strlen(s);
	bool spaces = false;
	while (p < end) {
		/* the common case: a run of printable ASCII that needs no escape */
		const unsigned char *q = p;
		while (q < end && *q > 0x20 && *q < 0x7F && *q != '"' && *q != '\\')
			q++;
		if (q > p) {
			put_run(w, (const char *)p, (size_t)(q - p));
			p = q;
			spaces = false;
			continue;
		}
		if (*p == ' ') {
			/* libyaml folds a long line at a space (a single line break in a
			 * double-quoted text reads back as that space) */
			if (!spaces && w->column > WIDTH && p != start && p != end - 1) {
				/* continued one step in, as libyaml indents a scalar */
				int saved = w->indent;
				increase_indent(w, true, false);
				indent(w);
				w->indent = saved;
				if (p[1] == ' ')
					put(w, '\\');
			} else {
				put(w, ' ');
			}
			p++;
			spaces = true;
			continue;
		}
		uint32_t cp;
		int len = utf8_decode(p, (size_t)(end - p), &cp);
		if (!len) {
			if (!w->err)
				w->err = -1;
			break;
		}
		if (raw_ok(w, cp)) {
			/* one character, one column */
			if (w->n + 4 > sizeof w->buf)
				flush(w);
			memcpy(w->buf + w->n, p, (size_t)len);
			w->n += (size_t)len;
			w->column++;
		} else {
			escape(w, cp);
		}
		p += len;
		spaces = false;
	}
	indicator(w, '"', false, false, false);
	w->whitespace = w->indention = false;
}

int yamlw_finish(struct yamlw *w)
{
	MEM_ASSERT(w->depth == 0);
	w->indent = -1;
	indent(w);
	flush(w);
	if (!w->err && fflush(w->f) != 0)
		w->err = errno ? errno : EIO;
	if (w->err == -1)
		return err_set("a text is not valid UTF-8, which YAML cannot hold");
	if (w->err)
		return err_set("%s", strerror(w->err));
	return 0;
}
