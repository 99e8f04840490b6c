/* goparse: text read the way vic-machine's Go libraries read it (see goparse.h). */
#include "goparse.h"

#include <ctype.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

static const char *nz(const char *s) { return s && *s ? s : NULL; }

/* ---- strconv.Quote and url.Parse ------------------------------------------------------ */

char *goparse_quote(const char *s)
{
	size_t n = strlen(s);
	char *out = xmalloc(n * 4 + 3), *p = out;
	const unsigned char *u = (const unsigned char *)s;

	*p++ = '"';
	for (size_t i = 0; i < n;) {
		unsigned char c = u[i];
		if (c < 0x80) {
			switch (c) {
			case '"': p += sprintf(p, "\\\""); break;
			case '\\': p += sprintf(p, "\\\\"); break;
			case '\a': p += sprintf(p, "\\a"); break;
			case '\b': p += sprintf(p, "\\b"); break;
			case '\f': p += sprintf(p, "\\f"); break;
			case '\n': p += sprintf(p, "\\n"); break;
			case '\r': p += sprintf(p, "\\r"); break;
			case '\t': p += sprintf(p, "\\t"); break;
			case '\v': p += sprintf(p, "\\v"); break;
			default:
				if (c < 0x20 || c == 0x7f)
					p += sprintf(p, "\\x%02x", c);
				else
					*p++ = (char)c;
			}
			i++;
			continue;
		}
		/* a valid UTF-8 sequence is kept as is, a stray byte is escaped */
		size_t len = c >= 0xf0 && c < 0xf5 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
		bool ok = len > 0 && i + len <= n;
		for (size_t k = 1; ok && k < len; k++)
			ok = (u[i + k] & 0xc0) == 0x80;
		if (ok) {
			memcpy(p, u + i, len);
			p += len;
			i += len;
		} else {
			p += sprintf(p, "\\x%02x", c);
			i++;
		}
	}
	*p++ = '"';
	*p = '\0';
	return out;
}

static char *go_url_error(const char *url, const char *why)
{
	char *q = goparse_quote(url);
	char *e = xasprintf("parse %s: %s", q, why);
	free(q);
	return e;
}

static bool valid_optional_port(const char *p, size_t n)
{
	if (n == 0)
		return true;
	if (p[0] != ':')
		return false;
	for (size_t i = 1; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return true;
}

static int hexval_c(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : (tolower((unsigned char)c) - 'a' + 10);
}

/* Go's url.shouldEscape for the host and zone modes. */
static bool host_should_escape(unsigned char c)
{
	if (isalnum(c))
		return false;
	return !strchr("!$&'()*+,;=:[]<>\"-_.~", c);
}

enum go_esc_mode { GO_ESC_PATH, GO_ESC_FRAGMENT, GO_ESC_USER, GO_ESC_HOST, GO_ESC_ZONE };

/* Go's url.unescape, only its errors: NULL when s[0..n) unescapes in that mode, else
 * the error text (caller frees). */
static char *go_unescape_err(const char *s, size_t n, enum go_esc_mode mode)
{
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c == '%') {
			if (i + 2 >= n || !isxdigit((unsigned char)s[i + 1]) ||
			    !isxdigit((unsigned char)s[i + 2])) {
				size_t k = n - i < 3 ? n - i : 3;
				char *bad = xstrndup(s + i, k), *q = goparse_quote(bad);
				char *e = xasprintf("invalid URL escape %s", q);
				free(bad), free(q);
				return e;
			}
			unsigned v = (unsigned)(hexval_c(s[i + 1]) << 4 | hexval_c(s[i + 2]));
			if ((mode == GO_ESC_HOST && hexval_c(s[i + 1]) < 8 && strncmp(s + i, "%25", 3) != 0) ||
			    (mode == GO_ESC_ZONE && strncmp(s + i, "%25", 3) != 0 && v != ' ' &&
			     (v >= 0x80 || host_should_escape((unsigned char)v)))) {
				char *bad = xstrndup(s + i, 3), *q = goparse_quote(bad);
				char *e = xasprintf("invalid URL escape %s", q);
				free(bad), free(q);
				return e;
			}
			i += 3;
			continue;
		}
		if ((mode == GO_ESC_HOST || mode == GO_ESC_ZONE) && c < 0x80 && host_should_escape(c)) {
			char bad[2] = {(char)c, 0};
			char *q = goparse_quote(bad), *e = xasprintf("invalid character %s in host name", q);
			free(q);
			return e;
		}
		i++;
	}
	return NULL;
}

/* Go's url.parseHost: NULL or the error (caller frees). */
static char *go_parse_host(const char *h, size_t n)
{
	const char *colon = NULL;

	if (n > 0 && h[0] == '[') {
		const char *rb = NULL;
		for (size_t i = 0; i < n; i++)
			if (h[i] == ']')
				rb = h + i;
		if (!rb)
			return xstrdup("missing ']' in host");
		size_t pn = n - (size_t)(rb + 1 - h);
		if (!valid_optional_port(rb + 1, pn)) {
			char *port = xstrndup(rb + 1, pn), *q = goparse_quote(port);
			char *e = xasprintf("invalid port %s after host", q);
			free(port), free(q);
			return e;
		}
		/* an RFC 6874 zone: %25 and what follows up to ']' */
		const char *z = NULL;
		for (const char *p = h; p + 3 <= rb; p++)
			if (strncmp(p, "%25", 3) == 0) {
				z = p;
				break;
			}
		if (z) {
			char *e = go_unescape_err(h, (size_t)(z - h), GO_ESC_HOST);
			if (!e)
				e = go_unescape_err(z, (size_t)(rb - z), GO_ESC_ZONE);
			if (!e)
				e = go_unescape_err(rb, n - (size_t)(rb - h), GO_ESC_HOST);
			return e;
		}
	} else {
		for (size_t i = 0; i < n; i++)
			if (h[i] == ':')
				colon = h + i;
		if (colon && !valid_optional_port(colon, n - (size_t)(colon - h))) {
			char *port = xstrndup(colon, n - (size_t)(colon - h)), *q = goparse_quote(port);
			char *e = xasprintf("invalid port %s after host", q);
			free(port), free(q);
			return e;
		}
	}
	return go_unescape_err(h, n, GO_ESC_HOST);
}

/* Go's url.validUserinfo. */
static bool go_valid_userinfo(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("-._:~!$&'()*+,;=%@", s[i]))
			return false;
	return true;
}

/* Go's url.parse (viaRequest false) of u[0..n): NULL or the error (caller frees). */
static char *go_parse(const char *u, size_t n, char **scheme_out, char **host_out)
{
	const char *rest = u;
	size_t rn = n;
	char *e;

	for (size_t i = 0; i < n; i++)
		if ((unsigned char)u[i] < 0x20 || u[i] == 0x7f)
			return xstrdup("net/url: invalid control character in URL");
	if (n == 1 && u[0] == '*') {
		*scheme_out = xstrdup("");
		*host_out = xstrdup("");
		return NULL;
	}
	/* getScheme */
	for (size_t i = 0; i < n; i++) {
		char c = u[i];
		if (isalpha((unsigned char)c))
			continue;
		if (isdigit((unsigned char)c) || c == '+' || c == '-' || c == '.') {
			if (i == 0)
				break;
			continue;
		}
		if (c == ':') {
			if (i == 0)
				return xstrdup("missing protocol scheme");
			*scheme_out = xstrndup(u, i);
			for (char *p = *scheme_out; *p; p++)
				*p = (char)tolower((unsigned char)*p);
			rest = u + i + 1;
			rn = n - i - 1;
		}
		break;
	}
	if (!*scheme_out)
		*scheme_out = xstrdup("");
	/* the query: one trailing "?" is ForceQuery, else cut at the first "?" */
	for (size_t i = 0; i < rn; i++)
		if (rest[i] == '?') {
			rn = i;
			break;
		}
	if (rn == 0 || rest[0] != '/') {
		if ((*scheme_out)[0]) {
			*host_out = xstrdup(""); /* opaque: not validated further */
			return NULL;
		}
		for (size_t i = 0; i < rn && rest[i] != '/'; i++)
			if (rest[i] == ':')
				return xstrdup("first path segment in URL cannot contain colon");
	}
	if (((*scheme_out)[0] || !(rn >= 3 && strncmp(rest, "///", 3) == 0)) && rn >= 2 &&
	    rest[0] == '/' && rest[1] == '/') {
		const char *auth = rest + 2;
		size_t an = 0;
		while (an < rn - 2 && auth[an] != '/')
			an++;
		const char *at = NULL;
		for (size_t i = 0; i < an; i++)
			if (auth[i] == '@')
				at = auth + i;
		const char *h = at ? at + 1 : auth;
		size_t hn = an - (size_t)(h - auth);
		e = go_parse_host(h, hn);
		if (e)
			return e;
		if (at) {
			size_t un = (size_t)(at - auth);
			if (!go_valid_userinfo(auth, un))
				return xstrdup("net/url: invalid userinfo");
			e = go_unescape_err(auth, un, GO_ESC_USER);
			if (e)
				return e;
		}
		*host_out = xstrndup(h, hn);
		rest = auth + an;
		rn = rn - 2 - an;
	}
	if (!*host_out)
		*host_out = xstrdup("");
	return go_unescape_err(rest, rn, GO_ESC_PATH);
}

char *goparse_url_parse(const char *s, char **scheme_out, char **host_out)
{
	const char *hash = strchr(s, '#');
	size_t n = hash ? (size_t)(hash - s) : strlen(s);
	char *why, *url, *e;
	bool whole = false;

	*scheme_out = *host_out = NULL;
	why = go_parse(s, n, scheme_out, host_out);
	if (!why && hash && hash[1]) {
		why = go_unescape_err(hash + 1, strlen(hash + 1), GO_ESC_FRAGMENT);
		whole = true; /* Go names the whole text when the fragment is wrong */
	}
	if (!why)
		return NULL;
	free(*scheme_out);
	free(*host_out);
	*scheme_out = *host_out = NULL;
	url = whole ? xstrdup(s) : xstrndup(s, n);
	e = go_url_error(url, why);
	free(url);
	free(why);
	return e;
}

char *goparse_thumbprint(const char *tp)
{
	char hex[41];
	size_t k = 0;
	char *out;

	if (!tp)
		return NULL;
	for (const char *p = tp; *p; p++) {
		if (*p == ':' || *p == ' ')
			continue;
		if (!isxdigit((unsigned char)*p) || k == 40)
			return NULL;
		hex[k++] = (char)toupper((unsigned char)*p);
	}
	if (k != 40)
		return NULL;
	out = xmalloc(60);
	for (size_t i = 0; i < 20; i++) {
		out[3 * i] = hex[2 * i];
		out[3 * i + 1] = hex[2 * i + 1];
		out[3 * i + 2] = i == 19 ? '\0' : ':';
	}
	return out;
}

char *goparse_url_host(const char *url)
{
	const char *p, *end, *at;

	if (!nz(url))
		return NULL;
	p = strstr(url, "://");
	p = p ? p + 3 : url;
	end = p + strcspn(p, "/?#");
	at = NULL;
	for (const char *q = p; q < end; q++)
		if (*q == '@')
			at = q;
	if (at)
		p = at + 1;
	if (end == p)
		return NULL;
	return xstrndup(p, (size_t)(end - p));
}

/* ---- path.Match and path.Clean ------------------------------------------------------- */

/* One UTF-8 sequence as Go's utf8.DecodeRuneInString reads it: an invalid one is
 * U+FFFD of length 1. */
static unsigned long go_rune(const char *s, size_t n, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned long r;
	size_t k;

	*len = 1;
	if (n == 0)
		return 0xFFFD;
	if (u[0] < 0x80)
		return u[0];
	if (u[0] >= 0xC2 && u[0] <= 0xDF)
		k = 2, r = u[0] & 0x1F;
	else if (u[0] >= 0xE0 && u[0] <= 0xEF)
		k = 3, r = u[0] & 0x0F;
	else if (u[0] >= 0xF0 && u[0] <= 0xF4)
		k = 4, r = u[0] & 0x07;
	else
		return 0xFFFD;
	if (n < k)
		return 0xFFFD;
	for (size_t i = 1; i < k; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0xFFFD;
		r = r << 6 | (u[i] & 0x3F);
	}
	if ((k == 3 && (r < 0x800 || (r >= 0xD800 && r <= 0xDFFF))) || (k == 4 && (r < 0x10000 || r > 0x10FFFF)))
		return 0xFFFD;
	*len = k;
	return r;
}

/* Go's path.getEsc: one class character; -1 for a bad pattern. */
static int go_get_esc(const char **chunk, size_t *n, unsigned long *r)
{
	const char *c = *chunk;
	size_t len = *n, k;

	if (len == 0 || c[0] == '-' || c[0] == ']')
		return -1;
	if (c[0] == '\\') {
		c++, len--;
		if (len == 0)
			return -1;
	}
	*r = go_rune(c, len, &k);
	if (*r == 0xFFFD && k == 1 && (unsigned char)c[0] >= 0x80)
		return -1;
	c += k, len -= k;
	if (len == 0)
		return -1;
	*chunk = c, *n = len;
	return 0;
}

/* Go's path.matchChunk: 1 and *rest when chunk matches a prefix of s, 0 when not,
 * -1 for a bad pattern (checked to the chunk's end even after a mismatch). */
static int go_match_chunk(const char *chunk, size_t cn, const char *s, size_t sn, size_t *rest)
{
	bool failed = false;
	size_t k;

	while (cn > 0) {
		if (!failed && sn == 0)
			failed = true;
		if (chunk[0] == '[') {
			unsigned long r = 0, lo, hi;
			if (!failed) {
				r = go_rune(s, sn, &k);
				s += k, sn -= k;
			}
			chunk++, cn--;
			bool negated = false, match = false;
			if (cn > 0 && chunk[0] == '^')
				negated = true, chunk++, cn--;
			for (int nrange = 0;; nrange++) {
				if (cn > 0 && chunk[0] == ']' && nrange > 0) {
					chunk++, cn--;
					break;
				}
				if (go_get_esc(&chunk, &cn, &lo) < 0)
					return -1;
				hi = lo;
				if (chunk[0] == '-') {
					chunk++, cn--;
					if (go_get_esc(&chunk, &cn, &hi) < 0)
						return -1;
				}
				if (lo <= r && r <= hi)
					match = true;
			}
			if (match == negated)
				failed = true;
		} else if (chunk[0] == '?') {
			if (!failed) {
				if (s[0] == '/')
					failed = true;
				go_rune(s, sn, &k);
				s += k, sn -= k;
			}
			chunk++, cn--;
		} else {
			if (chunk[0] == '\\') {
				chunk++, cn--;
				if (cn == 0)
					return -1;
			}
			if (!failed) {
				if (chunk[0] != s[0])
					failed = true;
				s++, sn--;
			}
			chunk++, cn--;
		}
	}
	if (failed)
		return 0;
	*rest = sn;
	return 1;
}

/* Go's path.scanChunk. */
static void go_scan_chunk(const char **pat, size_t *pn, bool *star, const char **chunk, size_t *cn)
{
	const char *p = *pat;
	size_t n = *pn, i;
	bool inrange = false;

	*star = false;
	while (n > 0 && p[0] == '*')
		p++, n--, *star = true;
	for (i = 0; i < n; i++) {
		if (p[i] == '\\') {
			if (i + 1 < n)
				i++;
		} else if (p[i] == '[') {
			inrange = true;
		} else if (p[i] == ']') {
			inrange = false;
		} else if (p[i] == '*' && !inrange) {
			break;
		}
	}
	*chunk = p, *cn = i;
	*pat = p + i, *pn = n - i;
}

int goparse_path_match(const char *pattern, const char *name)
{
	const char *pat = pattern, *chunk;
	size_t pn = strlen(pattern), nn = strlen(name), cn, t;
	bool star;
	int ok;

next:
	while (pn > 0) {
		go_scan_chunk(&pat, &pn, &star, &chunk, &cn);
		if (star && cn == 0)
			return memchr(name, '/', nn) == NULL;
		ok = go_match_chunk(chunk, cn, name, nn, &t);
		if (ok == 1 && (t == 0 || pn > 0)) {
			name += nn - t, nn = t;
			continue;
		}
		if (ok < 0)
			return -1;
		if (star) {
			for (size_t i = 0; i < nn && name[i] != '/'; i++) {
				ok = go_match_chunk(chunk, cn, name + i + 1, nn - i - 1, &t);
				if (ok == 1) {
					if (pn == 0 && t > 0)
						continue;
					name += nn - t, nn = t;
					goto next;
				}
				if (ok < 0)
					return -1;
			}
		}
		while (pn > 0) {
			go_scan_chunk(&pat, &pn, &star, &chunk, &cn);
			if (go_match_chunk(chunk, cn, "", 0, &t) < 0)
				return -1;
		}
		return 0;
	}
	return nn == 0;
}

char *goparse_path_clean(const char *p)
{
	size_t n = strlen(p);
	bool rooted = n > 0 && p[0] == '/';
	char *out = xmalloc(n + 2);
	size_t w = 0, r = 0, dotdot = 0;

	if (n == 0) {
		free(out);
		return xstrdup(".");
	}
	if (rooted)
		out[w++] = '/', r = 1, dotdot = 1;
	while (r < n) {
		if (p[r] == '/') {
			r++;
		} else if (p[r] == '.' && (r + 1 == n || p[r + 1] == '/')) {
			r++;
		} else if (p[r] == '.' && p[r + 1] == '.' && (r + 2 == n || p[r + 2] == '/')) {
			r += 2;
			if (w > dotdot) {
				w--;
				while (w > dotdot && out[w] != '/')
					w--;
			} else if (!rooted) {
				if (w > 0)
					out[w++] = '/';
				out[w++] = '.', out[w++] = '.';
				dotdot = w;
			}
		} else {
			if ((rooted && w != 1) || (!rooted && w != 0))
				out[w++] = '/';
			while (r < n && p[r] != '/')
				out[w++] = p[r++];
		}
	}
	if (w == 0)
		out[w++] = '.';
	out[w] = '\0';
	return out;
}

char *goparse_path_escape(const char *name)
{
	size_t n = 0;
	for (const char *s = name; *s; s++)
		n += strchr("*?[]\\", *s) ? 2 : 1;
	char *out = xmalloc(n + 1), *w = out;
	for (const char *s = name; *s; s++) {
		if (strchr("*?[]\\", *s))
			*w++ = '\\';
		*w++ = *s;
	}
	*w = '\0';
	return out;
}

