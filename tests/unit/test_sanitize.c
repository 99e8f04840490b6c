/* Unit tests of the sanitiser: what each kind of hostile byte becomes, and widths. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "sanitize.h"

static void test_plain_text_unchanged(void **state)
{
	(void)state;
	assert_string_equal(san("DSwitch-Prod / VLAN 201"), "DSwitch-Prod / VLAN 201");
	assert_string_equal(san("Réseau-生产"), "Réseau-生产");
	assert_string_equal(san(NULL), "");
	assert_true(san_is_clean("vch-bridge-02"));
	assert_false(san_is_clean("a\033b"));
}

static void test_c0_and_del(void **state)
{
	(void)state;
	/* an OSC title sequence, a screen clear, and an overprinting CR */
	assert_string_equal(san("pg\033]0;pwned\007"), "pg\\e]0;pwned\\a");
	assert_string_equal(san("\033[2J"), "\\e[2J");
	assert_string_equal(san("ok\rFAKE"), "ok\\rFAKE");
	assert_string_equal(san("a\nb\tc"), "a\\nb\\tc");
	assert_string_equal(san("x\x01y\x7fz"), "x\\x01y\\x7fz");
}

static void test_c1_bidi_invalid(void **state)
{
	(void)state;
	/* U+009B (CSI) encoded in UTF-8 */
	assert_string_equal(san("a\xc2\x9b" "31m"), "a\\x9b31m");
	/* U+202E RIGHT-TO-LEFT OVERRIDE and U+2066 LEFT-TO-RIGHT ISOLATE */
	assert_string_equal(san("abc\xe2\x80\xae" "fdp.exe"), "abc\\u202efdp.exe");
	assert_string_equal(san("\xe2\x81\xa6x"), "\\u2066x");
	/* a lone 0x9b byte, an overlong '/', a surrogate: not UTF-8 */
	assert_string_equal(san("a\x9b" "b"), "a\xef\xbf\xbd" "b");
	assert_string_equal(san("\xc0\xaf"), "\xef\xbf\xbd\xef\xbf\xbd");
	assert_string_equal(san("\xed\xa0\x80"), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	/* a sequence cut short at the end */
	assert_string_equal(san("x\xe4\xb8"), "x\xef\xbf\xbd\xef\xbf\xbd");
}

static void test_field_mode(void **state)
{
	char *f;
	(void)state;
	f = san_dup("name=a\\b\r\nID=forged", SAN_FIELD);
	assert_string_equal(f, "name=a\\\\b\\r\\nID=forged");
	free(f);
	/* display mode keeps a backslash: port group names may hold one */
	assert_string_equal(san("pg\\1"), "pg\\1");
	/* embedded NUL in a counted string */
	f = san_ndup("a\0b", 3, SAN_DISPLAY);
	assert_string_equal(f, "a\\x00b");
	free(f);
}

static void test_ring(void **state)
{
	const char *p[SAN_RING];
	char want[8];
	(void)state;
	for (int i = 0; i < SAN_RING; i++) {
		snprintf(want, sizeof want, "n%d", i);
		p[i] = san(want);
	}
	for (int i = 0; i < SAN_RING; i++) {
		snprintf(want, sizeof want, "n%d", i);
		assert_string_equal(p[i], want);
	}
}

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(san_width("abc"), 3);
	assert_int_equal(san_width("生产网络"), 8);
	assert_int_equal(san_width("e\xcc\x81"), 1); /* e + combining acute */
	assert_int_equal(san_width(""), 0);
	/* never cuts a wide character in half */
	assert_int_equal(san_fit("生产网络", 3), 3);
	assert_int_equal(san_fit("生产网络", 4), 6);
	assert_int_equal(san_fit("ab", 10), 2);
	assert_int_equal(san_fit("abc", 0), 0);
}

static void test_char_and_codepoint(void **state)
{
	bool clean;
	(void)state;
	assert_int_equal(san_char("abc", 3, &clean), 1);
	assert_true(clean);
	assert_int_equal(san_char("\033]", 2, &clean), 1);
	assert_false(clean);
	assert_int_equal(san_char("\xc2\x9b", 2, &clean), 2); /* U+009B */
	assert_false(clean);
	assert_int_equal(san_char("\xe2\x80\xae", 3, &clean), 3); /* U+202E */
	assert_false(clean);
	assert_int_equal(san_char("\xe7\x94\x9f", 3, &clean), 3); /* a CJK character */
	assert_true(clean);
	assert_int_equal(san_char("\xff", 1, &clean), 1); /* not UTF-8 */
	assert_false(clean);
	assert_int_equal(san_char("\xe7\x94", 2, &clean), 1); /* cut short */
	assert_false(clean);
	assert_int_equal(san_char("", 0, &clean), 0);
	assert_true(san_codepoint_clean('a'));
	assert_true(san_codepoint_clean(0x751f));
	assert_false(san_codepoint_clean(0x1b));
	assert_false(san_codepoint_clean(0x9b));
	assert_false(san_codepoint_clean(0x202e));
	assert_false(san_codepoint_clean(0x2066));
	assert_false(san_codepoint_clean(0xd800));
	assert_false(san_codepoint_clean(0x110000));
}

static void test_shell_word(void **state)
{
	char *w;
	(void)state;
	/* controls in octal, always three digits, so that a following digit stays apart */
	w = san_shell_word("pg\033]0;x\a1");
	assert_string_equal(w, "$'pg\\033]0;x\\0071'");
	free(w);
	/* every byte of a C1 or bidi character; quotes and backslashes escaped */
	w = san_shell_word("it's\\\xc2\x9b\xe2\x80\xae");
	assert_string_equal(w, "$'it\\'s\\\\\\302\\233\\342\\200\\256'");
	free(w);
	/* CJK is kept as it is; a byte that is not UTF-8 is escaped */
	w = san_shell_word("\xe7\x94\x9f\r\xff");
	assert_string_equal(w, "$'\xe7\x94\x9f\\015\\377'");
	free(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_text_unchanged),
		cmocka_unit_test(test_c0_and_del),
		cmocka_unit_test(test_c1_bidi_invalid),
		cmocka_unit_test(test_field_mode),
		cmocka_unit_test(test_ring),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_char_and_codepoint),
		cmocka_unit_test(test_shell_word),
	};
	if (!setlocale(LC_ALL, "C.UTF-8"))
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
