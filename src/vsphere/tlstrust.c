#include "tlstrust.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "err.h"
#include "fileio.h"
#include "mem.h"

#define KNOWN_HOSTS_MAX (4u << 20)

void tlstrust_cert_free(struct tls_cert_info *c)
{
	if (!c)
		return;
	free(c->subject);
	free(c->issuer);
	free(c->not_before);
	free(c->not_after);
	free(c->sha1);
	free(c->sha256);
	memset(c, 0, sizeof *c);
}

void tlstrust_cert_copy(struct tls_cert_info *dst, const struct tls_cert_info *src)
{
	tlstrust_cert_free(dst);
	dst->subject = xstrdup(src->subject);
	dst->issuer = xstrdup(src->issuer);
	dst->not_before = xstrdup(src->not_before);
	dst->not_after = xstrdup(src->not_after);
	dst->sha1 = xstrdup(src->sha1);
	dst->sha256 = xstrdup(src->sha256);
}

char *tlstrust_normalize(const char *in)
{
	char hex[65];
	size_t n = 0;
	if (!in)
		in = "";
	for (const char *p = in; *p; p++) {
		if (*p == ':' || *p == ' ' || *p == '\t')
			continue;
		if (!isxdigit((unsigned char)*p) || n == 64) {
			err_set("invalid thumbprint \"%.80s\": expected 40 (SHA-1) or 64 (SHA-256) "
				"hexadecimal digits, with or without colons", in);
			return NULL;
		}
		hex[n++] = (char)toupper((unsigned char)*p);
	}
	if (n != 40 && n != 64) {
		err_set("invalid thumbprint \"%.80s\": expected 40 (SHA-1) or 64 (SHA-256) "
			"hexadecimal digits, got %zu", in, n);
		return NULL;
	}
	char *out = xmalloc(n / 2 * 3);
	size_t o = 0;
	for (size_t i = 0; i < n; i += 2) {
		if (i)
			out[o++] = ':';
		out[o++] = hex[i];
		out[o++] = hex[i + 1];
	}
	out[o] = '\0';
	return out;
}

static bool same(const char *a, const char *b)
{
	if (!a || !b)
		return false;
	size_t la = strlen(a), lb = strlen(b);
	if (la != lb)
		return false;
	unsigned char d = 0;
	for (size_t i = 0; i < la; i++)
		d |= (unsigned char)(a[i] ^ b[i]);
	return d == 0;
}

bool tlstrust_matches(const char *pin, const struct tls_cert_info *c)
{
	return c && (same(pin, c->sha1) || same(pin, c->sha256));
}

char *tlstrust_host_key(const char *host, int port)
{
	if (port <= 0)
		port = 443;
	if (strchr(host, ':') && host[0] != '[')
		return xasprintf("[%s]:%d", host, port);
	return xasprintf("%s:%d", host, port);
}

/* "host", "host:port", "[v6]", "[v6]:port", or a bare IPv6 literal -> "host:port" */
static char *entry_key(const char *h)
{
	if (h[0] == '[') {
		const char *close = strchr(h, ']');
		if (close && close[1] == ':')
			return xstrdup(h);
		if (close && !close[1])
			return xasprintf("%s:443", h);
		return NULL;
	}
	const char *colon = strchr(h, ':');
	if (!colon)
		return xasprintf("%s:443", h);
	if (strchr(colon + 1, ':'))
		return xasprintf("[%s]:443", h);
	return xstrdup(h);
}

static bool key_equal(const char *a, const char *b)
{
	/* host names are case-insensitive */
	return strcasecmp(a, b) == 0;
}

/* The next line of *p (without its '\n'; *len bytes) and *p moved past it; NULL at the
 * end */
static const char *next_line(const char **p, size_t *len)
{
	const char *line = *p;
	if (!line || !*line)
		return NULL;
	const char *eol = strchr(line, '\n');
	*len = eol ? (size_t)(eol - line) : strlen(line);
	*p = eol ? eol + 1 : NULL;
	return line;
}

/* The key (entry_key()) of a known-hosts line "HOST THUMBPRINT", with *rest pointing
 * after the host; NULL for a blank line, a comment, or a host alone. */
static char *line_key(char *line, char **rest)
{
	while (*line == ' ' || *line == '\t')
		line++;
	char *sp = strpbrk(line, " \t");
	if (!*line || *line == '#' || !sp)
		return NULL;
	char *host = xstrndup(line, (size_t)(sp - line));
	char *key = entry_key(host);
	free(host);
	*rest = sp + 1;
	return key;
}

int tlstrust_known_hosts_find(const char *text, const char *host, int port, char **out)
{
	char *want = tlstrust_host_key(host, port);
	char *found = NULL;
	const char *p = text, *l;
	size_t len;
	while ((l = next_line(&p, &len))) {
		char *line = xstrndup(l, len), *tp;
		char *key = line_key(line, &tp);
		if (key && key_equal(key, want)) {
			while (*tp == ' ' || *tp == '\t')
				tp++;
			size_t tl = strlen(tp);
			while (tl && (tp[tl - 1] == '\r' || tp[tl - 1] == ' ' || tp[tl - 1] == '\t'))
				tp[--tl] = '\0';
			char *norm = tlstrust_normalize(tp);
			if (norm) {
				free(found);
				found = norm;
			} else {
				err_clear();
			}
		}
		free(key);
		free(line);
	}
	free(want);
	*out = found;
	return found ? 1 : 0;
}

int tlstrust_known_hosts_lookup(const char *path, const char *host, int port, char **out)
{
	char *text = NULL;
	size_t len;
	struct stat st;
	*out = NULL;
	if (stat(path, &st) != 0)
		return 0; /* a missing file simply knows no host, as in govc */
	if (fileio_read(path, KNOWN_HOSTS_MAX, &text, &len) < 0)
		return err_prefix("cannot read the known-hosts file");
	int r = tlstrust_known_hosts_find(text, host, port, out);
	free(text);
	return r;
}

int tlstrust_known_hosts_add(const char *path, const char *host, int port, const char *thumbprint)
{
	char *norm = tlstrust_normalize(thumbprint);
	if (!norm)
		return -1;
	char *want = tlstrust_host_key(host, port);
	char *text = NULL;
	size_t len = 0;
	struct stat st;
	if (stat(path, &st) == 0 && fileio_read(path, KNOWN_HOSTS_MAX, &text, &len) < 0) {
		free(norm);
		free(want);
		return err_prefix("cannot update the known-hosts file");
	}
	/* keep every other line as it was; drop the old entries of this host */
	size_t cap = 0, n = 0;
	char *out = NULL;
	const char *p = text, *ln;
	size_t l;
	while ((ln = next_line(&p, &l))) {
		char *line = xstrndup(ln, l), *rest;
		char *key = line_key(line, &rest);
		bool drop = key && key_equal(key, want);
		free(key);
		if (!drop) {
			xgrow(&out, &cap, n + l + 2, 1);
			memcpy(out + n, line, l);
			n += l;
			out[n++] = '\n';
		}
		free(line);
	}
	char *entry = xasprintf("%s %s\n", want, norm);
	xgrow(&out, &cap, n + strlen(entry) + 1, 1);
	memcpy(out + n, entry, strlen(entry));
	n += strlen(entry);
	free(entry);
	free(text);
	free(norm);
	free(want);

	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	int r = 0;
	if (slash && slash != dir) {
		*slash = '\0';
		r = fileio_mkdirs(dir, 0700);
	}
	free(dir);
	if (r == 0)
		r = fileio_write_atomic(path, out, n, 0600);
	free(out);
	return r < 0 ? err_prefix("cannot remember the thumbprint") : 0;
}

char *tlstrust_default_known_hosts(void)
{
	const char *x = getenv("XDG_CONFIG_HOME");
	if (x && *x == '/')
		return xasprintf("%s/vchnet/known_hosts", x);
	const char *home = getenv("HOME");
	if (home && *home)
		return xasprintf("%s/.config/vchnet/known_hosts", home);
	return NULL;
}
