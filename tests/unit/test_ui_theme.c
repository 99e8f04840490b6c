/* test_ui_theme: glyph tables and text measuring/wrapping without a terminal. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <string.h>

#include "theme.h"

static void test_glyphs(void **state)
{
	(void)state;
	theme_set_utf8(false);
	for (int g = 0; g < GLYPH_COUNT; g++)
		for (const char *p = theme_glyph((enum theme_glyph)g); *p; p++)
			assert_true((unsigned char)*p < 0x80);
	assert_string_equal(theme_glyph(GLYPH_RADIO_ON), "(*)");
	theme_set_utf8(true);
	assert_string_equal(theme_glyph(GLYPH_CHECK_ON), "[x]");
	assert_int_equal(theme_width(theme_glyph(GLYPH_RADIO_ON)), 3);
}

static void test_width(void **state)
{
	(void)state;
	theme_set_utf8(true);
	assert_int_equal(theme_width("abc"), 3);
	assert_int_equal(theme_width("r\xc3\xa9seau"), 6);
	theme_set_utf8(false);
	assert_int_equal(theme_width("r\xc3\xa9seau"), 6); /* one '?' */
	assert_int_equal(theme_width(NULL), 0);
}

static void test_wrap(void **state)
{
	char **lines;
	size_t n;
	(void)state;
	theme_set_utf8(true);
	n = theme_wrap("the quick brown fox jumps over the lazy dog", 10, &lines);
	assert_int_equal(n, 5);
	assert_string_equal(lines[0], "the quick");
	assert_string_equal(lines[4], "dog");
	for (size_t i = 0; i < n; i++)
		assert_true(theme_width(lines[i]) <= 10);
	theme_free_lines(lines, n);
	n = theme_wrap("one\ntwo\n\nthree", 20, &lines);
	assert_int_equal(n, 4);
	assert_string_equal(lines[2], "");
	assert_string_equal(lines[3], "three");
	theme_free_lines(lines, n);
	n = theme_wrap("abcdefghijklmnop", 5, &lines);
	assert_int_equal(n, 4);
	assert_string_equal(lines[0], "abcde");
	theme_free_lines(lines, n);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_glyphs),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_wrap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
