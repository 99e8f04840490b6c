/* keys: raw curses input to actions, in one table, so that every widget sees the same
 * meaning for a key and every F-key has a letter or Ctrl twin (F1 and ?, F10 and
 * Ctrl-N, F2 and Ctrl-S); Ctrl-F opens the findings view. PuTTY's Home/End (KEY_FIND/KEY_SELECT) count as Home/End.
 *
 * keys_translate() is pure (no terminal needed) so the table is unit-tested; the
 * context decides what a printable character means: in a text field '?' and 'q' are
 * text, elsewhere they are KEY_ACT_HELP and KEY_ACT_QUIT (see keys_meaning()). */
#ifndef VCHNET_KEYS_H
#define VCHNET_KEYS_H

#include <stdbool.h>
#include <wchar.h>

enum key_act {
	KEY_ACT_NONE,      /* timeout or a swallowed sequence */
	KEY_ACT_CHAR,      /* printable character in .ch */
	KEY_ACT_TAB,
	KEY_ACT_BTAB,
	KEY_ACT_UP,
	KEY_ACT_DOWN,
	KEY_ACT_LEFT,
	KEY_ACT_RIGHT,
	KEY_ACT_HOME,
	KEY_ACT_END,
	KEY_ACT_PGUP,
	KEY_ACT_PGDN,
	KEY_ACT_ENTER,
	KEY_ACT_SPACE,
	KEY_ACT_ESC,       /* back one step or close a dialog */
	KEY_ACT_BACKSPACE,
	KEY_ACT_DELETE,
	KEY_ACT_KILL_LINE, /* Ctrl-U: clear a text field */
	KEY_ACT_HELP,      /* F1 (or '?' outside text) */
	KEY_ACT_NEXT,      /* F10 or Ctrl-N */
	KEY_ACT_SAVE,      /* F2 or Ctrl-S */
	KEY_ACT_REDRAW,    /* Ctrl-L */
	KEY_ACT_QUIT,      /* 'q' outside text (keys_meaning) */
	KEY_ACT_RESIZE,
	KEY_ACT_INTERRUPT, /* Ctrl-C, SIGINT, SIGTERM, SIGHUP */
	KEY_ACT_FINDINGS,  /* Ctrl-F: the step's findings, whole */
	KEY_ACT_OTHER      /* a key with no meaning here */
};

struct key_event {
	enum key_act act;
	wchar_t ch; /* for KEY_ACT_CHAR */
};

/* is_key: wget_wch() returned KEY_CODE_YES (ch is a KEY_* code); else ch is a
 * character. */
struct key_event keys_translate(bool is_key, unsigned int ch);

/* What the event means where focus is: outside a text field a plain '?' is help and
 * 'q' quits; inside, they are text. */
struct key_event keys_meaning(struct key_event ev, bool in_text);

/* A short name for logs and tests ("F10/Ctrl-N" style is in the footer, not here). */
const char *keys_act_name(enum key_act a);

#endif
