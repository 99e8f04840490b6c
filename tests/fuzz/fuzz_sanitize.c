/* libFuzzer target of the sanitiser: for any bytes, both modes give valid UTF-8 with no
 * control character, no C1 code point and no bidi or line-breaking format character, and
 * san_fit() never cuts a character. A violation aborts. */
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *a = san_ndup((const char *)data, size, SAN_DISPLAY);
	char *b = san_ndup((const char *)data, size, SAN_FIELD);
	check(a);
	check(b);
	if (strchr(b, '\n') || strchr(b, '\r'))
		abort();
	free(a);
	free(b);
	return 0;
}
