/* goparse: Go's readings of text, against what Go itself returns (the expected values are
 * Go 1.19's: the Go that vic-machine 1.5 is built with reads them the same way). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "goparse.h"

/* url.Parse's verdicts and errors, strconv.Quote, the thumbprint and the URL host. */
static void test_url_quote_thumbprint(void **state)
{
	static const struct {
		const char *in, *err, *scheme, *host;
	} urls[] = {
		{"http://proxy.example.com:3128", NULL, "http", "proxy.example.com:3128"},
		{"HTTPS://h:443/path?q=1#f", NULL, "https", "h:443"},
		{"http://[2001:DB8:0123::]", NULL, "http", "[2001:DB8:0123::]"},
		{"http://user:pa$$@proxy:3128", NULL, "http", "proxy:3128"},
		{"proxy:3128", NULL, "proxy", ""},
		{"example.com", NULL, "", ""},
		{"1.2.3.4:80", "parse \"1.2.3.4:80\": first path segment in URL cannot contain colon", NULL, NULL},
		{":80", "parse \":80\": missing protocol scheme", NULL, NULL},
		{"http://[::1", "parse \"http://[::1\": missing ']' in host", NULL, NULL},
		{"http://h:port", "parse \"http://h:port\": invalid port \":port\" after host", NULL, NULL},
		{"http://a b", "parse \"http://a b\": invalid character \" \" in host name", NULL, NULL},
		{"http://a%zz", "parse \"http://a%zz\": invalid URL escape \"%zz\"", NULL, NULL},
		{"http://x\n", "parse \"http://x\\n\": net/url: invalid control character in URL", NULL, NULL},
	};
	(void)state;
	for (size_t i = 0; i < sizeof urls / sizeof urls[0]; i++) {
		char *scheme = NULL, *host = NULL;
		char *err = goparse_url_parse(urls[i].in, &scheme, &host);
		if (urls[i].err) {
			if (!err)
				fail_msg("%s: expected an error", urls[i].in);
			assert_string_equal(err, urls[i].err);
			free(err);
			continue;
		}
		if (err)
			fail_msg("%s: unexpected error %s", urls[i].in, err);
		assert_string_equal(scheme, urls[i].scheme);
		assert_string_equal(host, urls[i].host);
		free(scheme);
		free(host);
	}

	char *q = goparse_quote("a\"b\\c\td\x01é\xff");
	assert_string_equal(q, "\"a\\\"b\\\\c\\td\\x01é\\xff\"");
	free(q);

	char *tp = goparse_thumbprint("ab cd ef 01 23 45 67 89 ab cd ef 01 23 45 67 89 ab cd ef 01");
	assert_string_equal(tp, "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01");
	free(tp);
	assert_null(goparse_thumbprint("AB:CD:EF"));
	assert_null(goparse_thumbprint("ZZ:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01"));

	char *h = goparse_url_host("https://root:secret@vc.example.com:8443/sdk");
	assert_string_equal(h, "vc.example.com:8443");
	free(h);
	h = goparse_url_host("vc.example.com");
	assert_string_equal(h, "vc.example.com");
	free(h);
	assert_null(goparse_url_host("https:///sdk"));
}

/* Go's path.Match and path.Clean, as vic-machine's finder uses them (the expected
 * values are Go 1.19's). */
static void test_path_match_clean(void **state)
{
	static const struct { const char *pat, *name; int want; } m[] = {
		{"DC0_DVPG*", "DC0_DVPG1", 1}, {"DC0_DVPG?", "DC0_DVPG1", 1},
		{"DC0_DVPG[12]", "DC0_DVPG1", 1}, {"DC0_DVPG[!0]", "DC0_DVPG0", 1},
		{"DC0_DVPG[^0]", "DC0_DVPG0", 0}, {"DC0_DVPG\\1", "DC0_DVPG1", 1},
		{"DC0_DVPG[", "DC0_DVPG1", -1}, {"[", "x", -1}, {"back\\slash", "back\\slash", 0},
		{"back\\\\slash", "back\\slash", 1}, {"x\\", "zz", -1}, {"*", "a/b", 0},
		{"a[\\]]b", "a]b", 1}, {"a[]", "a", -1}, {"[é-ê]", "ê", 1}, {"?", "é", 1},
		{"ab[", "zz", -1}, {"a*[", "ab", -1}, {"br\\[ack\\]et", "br[ack]et", 1},
		{"br[ack]et", "br[ack]et", 0},
	};
	static const struct { const char *in, *want; } c[] = {
		{"network/", "network"}, {"./", "."}, {"DC0_DVPG1/..", "."}, {"../a/b", "../a/b"},
		{"network/../network/X", "network/X"}, {"//a//b/", "/a/b"}, {"/..", "/"}, {"", "."},
		{"a/../..", ".."}, {"./network/X", "network/X"},
	};
	(void)state;
	for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
		if (goparse_path_match(m[i].pat, m[i].name) != m[i].want)
			fail_msg("path.Match(%s, %s): want %d", m[i].pat, m[i].name, m[i].want);
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		char *got = goparse_path_clean(c[i].in);
		assert_string_equal(got, c[i].want);
		free(got);
	}
	char *e = goparse_path_escape("a*b?c[d]e\\f");
	assert_string_equal(e, "a\\*b\\?c\\[d\\]e\\\\f");
	assert_int_equal(goparse_path_match(e, "a*b?c[d]e\\f"), 1);
	free(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_url_quote_thumbprint),
		cmocka_unit_test(test_path_match_clean),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
