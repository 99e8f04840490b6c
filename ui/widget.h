/* widget: the pieces of a screen — text field (optionally masked), button, checkbox,
 * radio group, scrolling list with type-to-filter, scrollable text view — and the form
 * that holds them and moves focus (Tab/Shift-Tab, Up/Down when the widget does not use
 * them).
 *
 * Widgets are placed by the screen after every resize (widget_place) and drawn on
 * stdscr. A form owns its widgets: form_free() frees them. Labels, help texts and
 * option strings are copied. Text field contents are UTF-8 strings owned by the field;
 * masked fields wipe their memory when changed or freed. */
#ifndef VCHNET_WIDGET_H
#define VCHNET_WIDGET_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "keys.h"

enum widget_kind {
	WIDGET_FIELD,
	WIDGET_BUTTON,
	WIDGET_CHECK,
	WIDGET_RADIO,
	WIDGET_LIST,
	WIDGET_TEXT,
	WIDGET_LABEL
};

/* What a key did to a widget. */
enum widget_res {
	WIDGET_IGNORED,   /* not ours: the form or the screen may use it */
	WIDGET_HANDLED,   /* used, nothing else changed */
	WIDGET_CHANGED,   /* the value changed (typing, toggle, list move) */
	WIDGET_ACTIVATED  /* Enter on a button or list row, Space on a button */
};

/* A list's rows come from its owner (the network picker's model, a plain string list):
 * the widget only keeps the cursor, the scroll position and the filter text. */
struct list_source {
	size_t (*count)(void *ctx);           /* visible rows (after filtering) */
	/* draws row i in w cells at (y, x); focused: the cursor row of a focused list */
	void (*draw)(void *ctx, size_t i, int y, int x, int w, bool cursor, bool focused);
	bool (*selectable)(void *ctx, size_t i);
	/* the filter text changed (UTF-8); the source refilters; may be NULL */
	void (*filter)(void *ctx, const char *text);
	void *ctx;
};

struct widget {
	enum widget_kind kind;
	int id;              /* the screen's name for it */
	int y, x, w, h;      /* placement; h only for lists and text views */
	bool hidden, disabled;
	char *label;         /* shown before fields, on buttons and checkboxes */
	int label_w;         /* cells reserved for the label of a field (0: its width) */
	char *help;          /* F1/? text, or NULL */

	/* field */
	wchar_t *text;
	size_t len, cap, cursor, scroll;
	size_t max_len;      /* 0: unlimited */
	bool masked;
	char *utf8;          /* cache of text as UTF-8 */
	char *placeholder;   /* dim hint when empty */

	/* check / radio */
	bool on;
	bool horizontal;     /* radio: options on one row, Left/Right move */
	char **options;
	size_t n_options, selected, cursor_opt;

	/* list / text view */
	struct list_source src;
	size_t top, cur;
	char *filter;        /* UTF-8 filter text of a list; "" when none */
	char *empty_text;    /* shown when a list has no rows */
	char **lines;        /* text view lines (owned) */
	size_t n_lines;
	int hscroll;         /* text view: cells scrolled to the left (Left/Right) */
};

struct widget *widget_field_new(int id, const char *label, const char *value, bool masked);
struct widget *widget_button_new(int id, const char *label);
struct widget *widget_check_new(int id, const char *label, bool on);
struct widget *widget_radio_new(int id, const char *const *options, size_t n, size_t selected);
struct widget *widget_list_new(int id, const struct list_source *src);
struct widget *widget_text_new(int id);
struct widget *widget_label_new(int id, const char *text);
void widget_free(struct widget *w);

void widget_place(struct widget *w, int y, int x, int width, int height);
void widget_set_help(struct widget *w, const char *help);
void widget_set_label(struct widget *w, const char *label);

/* Field value: borrowed UTF-8, valid until the next change. */
const char *widget_field_get(struct widget *w);
void widget_field_set(struct widget *w, const char *utf8);
/* Text view contents: replaced by a copy of text split at newlines. */
void widget_text_set(struct widget *w, const char *text);
/* List: cursor (index into the source's current rows). */
void widget_list_set_cursor(struct widget *w, size_t i);
/* Takes in text (a widget that consumes printable characters: fields and lists). */
bool widget_takes_text(const struct widget *w);

void widget_draw(struct widget *w, bool focused);
enum widget_res widget_key(struct widget *w, struct key_event ev);

/* A form: widgets in focus order. */
struct form {
	struct widget **v;
	size_t n, cap;
	size_t focus;
};

struct widget *form_add(struct form *f, struct widget *w); /* takes w, returns it */
void form_free(struct form *f);
struct widget *form_focused(struct form *f);
struct widget *form_find(struct form *f, int id);
void form_focus(struct form *f, struct widget *w);
/* Moves focus to the next/previous focusable widget (wraps). */
void form_focus_next(struct form *f, int dir);
void form_draw(struct form *f);
/* Gives the key to the focused widget; if ignored, Tab/Shift-Tab/Up/Down move focus.
 * *who is set to the widget that changed or was activated. */
enum widget_res form_key(struct form *f, struct key_event ev, struct widget **who);
/* Where the hardware cursor belongs (the focused field's caret), for screen readers
 * and for typing; false when focus is not in a field. */
bool form_cursor(struct form *f, int *y, int *x);

#endif
