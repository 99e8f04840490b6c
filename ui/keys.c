/* keys: the one table from raw input to actions. */
#include "keys.h"

#include <curses.h>
#include <wctype.h>

#define CTRL(c) ((c) & 0x1f)

static const struct {
	unsigned int code;
	enum key_act act;
} key_codes[] = {
	{KEY_UP, KEY_ACT_UP},
	{KEY_DOWN, KEY_ACT_DOWN},
	{KEY_LEFT, KEY_ACT_LEFT},
	{KEY_RIGHT, KEY_ACT_RIGHT},
	{KEY_HOME, KEY_ACT_HOME},
	{KEY_FIND, KEY_ACT_HOME},   /* PuTTY sends ESC[1~ */
	{KEY_END, KEY_ACT_END},
	{KEY_SELECT, KEY_ACT_END},  /* PuTTY sends ESC[4~ */
	{KEY_LL, KEY_ACT_END},
	{KEY_PPAGE, KEY_ACT_PGUP},
	{KEY_NPAGE, KEY_ACT_PGDN},
	{KEY_BTAB, KEY_ACT_BTAB},
	{KEY_ENTER, KEY_ACT_ENTER},
	{KEY_BACKSPACE, KEY_ACT_BACKSPACE},
	{KEY_DC, KEY_ACT_DELETE},
	{KEY_F(1), KEY_ACT_HELP},
	{KEY_HELP, KEY_ACT_HELP},
	{KEY_F(2), KEY_ACT_SAVE},
	{KEY_F(10), KEY_ACT_NEXT},
	{KEY_RESIZE, KEY_ACT_RESIZE},
};

static const struct {
	unsigned int ch;
	enum key_act act;
} key_chars[] = {
	{'\t', KEY_ACT_TAB},
	{'\r', KEY_ACT_ENTER},
	{'\n', KEY_ACT_ENTER},
	{' ', KEY_ACT_SPACE},
	{27, KEY_ACT_ESC},
	{127, KEY_ACT_BACKSPACE},
	{CTRL('H'), KEY_ACT_BACKSPACE},
	{CTRL('U'), KEY_ACT_KILL_LINE},
	{CTRL('N'), KEY_ACT_NEXT},
	{CTRL('S'), KEY_ACT_SAVE},
	{CTRL('L'), KEY_ACT_REDRAW},
	{CTRL('C'), KEY_ACT_INTERRUPT},
	{CTRL('A'), KEY_ACT_HOME},
	{CTRL('E'), KEY_ACT_END},
	{CTRL('D'), KEY_ACT_DELETE},
	{CTRL('P'), KEY_ACT_UP},
	{CTRL('F'), KEY_ACT_FINDINGS},
};

struct key_event keys_translate(bool is_key, unsigned int ch)
{
	struct key_event ev = {KEY_ACT_OTHER, 0};

	if (is_key) {
		for (size_t i = 0; i < sizeof key_codes / sizeof key_codes[0]; i++)
			if (key_codes[i].code == ch) {
				ev.act = key_codes[i].act;
				return ev;
			}
		return ev;
	}
	for (size_t i = 0; i < sizeof key_chars / sizeof key_chars[0]; i++)
		if (key_chars[i].ch == ch) {
			ev.act = key_chars[i].act;
			return ev;
		}
	if (ch >= 32 && ch != 127 && iswprint((wint_t)ch)) {
		ev.act = KEY_ACT_CHAR;
		ev.ch = (wchar_t)ch;
	}
	return ev;
}

struct key_event keys_meaning(struct key_event ev, bool in_text)
{
	if (in_text || ev.act != KEY_ACT_CHAR)
		return ev;
	if (ev.ch == '?')
		ev.act = KEY_ACT_HELP;
	else if (ev.ch == 'q' || ev.ch == 'Q')
		ev.act = KEY_ACT_QUIT;
	return ev;
}

const char *keys_act_name(enum key_act a)
{
	static const char *const names[] = {
		"none", "char", "tab", "btab", "up", "down", "left", "right", "home", "end",
		"pgup", "pgdn", "enter", "space", "esc", "backspace", "delete", "kill-line",
		"help", "next", "save", "redraw", "quit", "resize", "interrupt", "findings", "other",
	};
	if ((unsigned)a < sizeof names / sizeof names[0])
		return names[a];
	return "?";
}
