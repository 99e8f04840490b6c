/* libFuzzer target of the sanitiser: for any bytes, both modes give valid UTF-8 with no
 * control character, no C1 code point and no bidi or line-breaking format character,
 * san_fit() never cuts a character, san_char() agrees with the sanitiser character by
 * character, and san_shell_word() gives printable ASCII-or-clean text that decodes back
 * to the input (the shell's $'...' rules: \ooo, \' and \\). A violation aborts. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "sanitize.h"

static void check(const char *t)
{
	const unsigned char *u = (const unsigned char *)t;
	size_t n = strlen(t), i = 0;

	while (i < n) {
		uint32_t c = u[i];
		size_t len = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
		if (c >= 0x80 && (c < 0xc2 || c > 0xf4))
			abort();
		if (i + len > n)
			abort();
		for (size_t k = 1; k < len; k++) {
			if ((u[i + k] & 0xc0) != 0x80)
				abort();
		}
		if (len == 1)
			c = u[i];
		else if (len == 2)
			c = ((c & 0x1f) << 6) | (u[i + 1] & 0x3f);
		else if (len == 3)
			c = ((c & 0x0f) << 12) | ((u[i + 1] & 0x3f) << 6) | (u[i + 2] & 0x3f);
		else
			c = ((c & 0x07) << 18) | ((u[i + 1] & 0x3f) << 12) | ((u[i + 2] & 0x3f) << 6) |
			    (u[i + 3] & 0x3f);
		if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f))
			abort();
		if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e ||
		    c == 0x200f || c == 0x061c || c == 0x2028 || c == 0x2029)
			abort();
		i += len;
	}
	for (size_t cols = 0; cols < 8; cols++) {
		size_t k = san_fit(t, cols);
		if (k > n || (k < n && (u[k] & 0xc0) == 0x80))
			abort();
	}
}

/* Undoes san_shell_word(): $'...' with \ooo, \' and \\ escapes. */
static void check_shell_word(const char *in, size_t n, const char *w)
{
	size_t len = strlen(w), i = 2, k = 0;

	check(w);
	if (len < 3 || w[0] != '$' || w[1] != '\'' || w[len - 1] != '\'')
		abort();
	while (i < len - 1) {
		unsigned char c = (unsigned char)w[i];
		if (c == '\'') {
			abort(); /* an unescaped quote would end the word early */
		} else if (c == '\\') {
			unsigned char e = (unsigned char)w[i + 1];
			if (e == '\'' || e == '\\') {
				c = e;
				i += 2;
			} else if (e >= '0' && e <= '3' && i + 3 < len - 1) {
				for (int d = 1; d <= 3; d++)
					if (w[i + d] < '0' || w[i + d] > '7')
						abort();
				c = (unsigned char)((w[i + 1] - '0') * 64 + (w[i + 2] - '0') * 8 +
						    (w[i + 3] - '0'));
				i += 4;
			} else {
				abort();
			}
		} else {
			i++;
		}
		if (k >= n || (unsigned char)in[k] != c)
			abort();
		k++;
	}
	if (k != n)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *a = san_ndup((const char *)data, size, SAN_DISPLAY);
	char *b = san_ndup((const char *)data, size, SAN_FIELD);
	check(a);
	check(b);
	if (strchr(b, '\n') || strchr(b, '\r'))
		abort();
	/* san_char(): a character is kept as is exactly when the sanitiser keeps it */
	for (size_t i = 0; i < size;) {
		bool clean;
		size_t len = san_char((const char *)data + i, size - i, &clean);
		if (len == 0 || len > 4 || i + len > size)
			abort();
		char *one = san_ndup((const char *)data + i, len, SAN_DISPLAY);
		bool same = strlen(one) == len && memcmp(one, data + i, len) == 0;
		free(one);
		if (clean != same)
			abort();
		i += len;
	}
	/* san_shell_word() of a C string (no NUL inside) */
	if (!memchr(data, 0, size)) {
		char *in = xmalloc(size + 1), *w;
		memcpy(in, data, size);
		in[size] = '\0';
		w = san_shell_word(in);
		check_shell_word(in, size, w);
		free(w);
		free(in);
	}
	free(a);
	free(b);
	return 0;
}
