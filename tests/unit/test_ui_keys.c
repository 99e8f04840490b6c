/* test_ui_keys: the key table — every F-key has its twin, PuTTY's Home/End, and what
 * 'q' and '?' mean inside and outside text. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <curses.h>
#include <locale.h>

#include "keys.h"

static enum key_act key(unsigned int code) { return keys_translate(true, code).act; }
static enum key_act chr(unsigned int c) { return keys_translate(false, c).act; }

static void test_fkey_twins(void **state)
{
	(void)state;
	assert_int_equal(key(KEY_F(1)), KEY_ACT_HELP);
	assert_int_equal(keys_meaning(keys_translate(false, '?'), false).act, KEY_ACT_HELP);
	assert_int_equal(key(KEY_F(10)), KEY_ACT_NEXT);
	assert_int_equal(chr('N' & 0x1f), KEY_ACT_NEXT);
	assert_int_equal(key(KEY_F(2)), KEY_ACT_SAVE);
	assert_int_equal(chr('S' & 0x1f), KEY_ACT_SAVE);
	assert_int_equal(chr('L' & 0x1f), KEY_ACT_REDRAW);
	assert_int_equal(chr('C' & 0x1f), KEY_ACT_INTERRUPT);
	assert_int_equal(chr('F' & 0x1f), KEY_ACT_FINDINGS);
	assert_string_equal(keys_act_name(KEY_ACT_FINDINGS), "findings");
}

static void test_navigation(void **state)
{
	(void)state;
	assert_int_equal(chr('\t'), KEY_ACT_TAB);
	assert_int_equal(key(KEY_BTAB), KEY_ACT_BTAB);
	assert_int_equal(chr('\r'), KEY_ACT_ENTER);
	assert_int_equal(chr('\n'), KEY_ACT_ENTER);
	assert_int_equal(key(KEY_ENTER), KEY_ACT_ENTER);
	assert_int_equal(chr(' '), KEY_ACT_SPACE);
	assert_int_equal(chr(27), KEY_ACT_ESC);
	assert_int_equal(key(KEY_FIND), KEY_ACT_HOME);
	assert_int_equal(key(KEY_SELECT), KEY_ACT_END);
	assert_int_equal(chr(127), KEY_ACT_BACKSPACE);
	assert_int_equal(key(KEY_BACKSPACE), KEY_ACT_BACKSPACE);
	assert_int_equal(key(KEY_RESIZE), KEY_ACT_RESIZE);
	assert_int_equal(key(KEY_F(7)), KEY_ACT_OTHER);
}

static void test_text_context(void **state)
{
	struct key_event q = keys_translate(false, 'q');
	(void)state;
	assert_int_equal(q.act, KEY_ACT_CHAR);
	assert_int_equal(q.ch, L'q');
	assert_int_equal(keys_meaning(q, true).act, KEY_ACT_CHAR);
	assert_int_equal(keys_meaning(q, false).act, KEY_ACT_QUIT);
	assert_int_equal(keys_meaning(keys_translate(false, '?'), true).act, KEY_ACT_CHAR);
	assert_int_equal(keys_meaning(keys_translate(false, 'x'), false).act, KEY_ACT_CHAR);
	assert_int_equal(keys_translate(false, 0xe9).act, KEY_ACT_CHAR);
	assert_string_equal(keys_act_name(KEY_ACT_NEXT), "next");
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fkey_twins),
		cmocka_unit_test(test_navigation),
		cmocka_unit_test(test_text_context),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
