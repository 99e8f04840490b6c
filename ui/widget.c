/* widget: fields, buttons, toggles, lists, text views and the form. */
#include "widget.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "mem.h"
#include "sanitize.h"
#include "theme.h"

static struct widget *widget_new(enum widget_kind kind, int id, const char *label)
{
	struct widget *w = xcalloc(1, sizeof *w);

	w->kind = kind;
	w->id = id;
	w->label = xstrdup(label ? label : "");
	w->h = 1;
	return w;
}

static void wipe(void *p, size_t n)
{
	volatile unsigned char *q = p;
	while (n--)
		*q++ = 0;
}

static void field_sync(struct widget *w)
{
	size_t need = w->len * MB_CUR_MAX + 1, o = 0;
	char *s = xmalloc(need > 8 ? need : 8);
	mbstate_t st;

	memset(&st, 0, sizeof st);
	for (size_t i = 0; i < w->len; i++) {
		size_t n = wcrtomb(s + o, w->text[i], &st);
		if (n == (size_t)-1)
			s[o++] = '?';
		else
			o += n;
	}
	s[o] = '\0';
	if (w->utf8) {
		if (w->masked)
			wipe(w->utf8, strlen(w->utf8));
		free(w->utf8);
	}
	w->utf8 = s;
}

void widget_field_set(struct widget *w, const char *utf8)
{
	mbstate_t st;
	const char *p = utf8 ? utf8 : "";
	size_t n = strlen(p);

	if (w->masked && w->text)
		wipe(w->text, w->cap * sizeof *w->text);
	xgrow(&w->text, &w->cap, n + 1, sizeof *w->text);
	w->len = 0;
	memset(&st, 0, sizeof st);
	while (*p) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, p, strlen(p), &st);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			wc = (wchar_t)(unsigned char)*p;
			k = 1;
			memset(&st, 0, sizeof st);
		}
		w->text[w->len++] = wc;
		p += k;
	}
	w->cursor = w->len;
	w->scroll = 0;
	field_sync(w);
}

const char *widget_field_get(struct widget *w) { return w->utf8 ? w->utf8 : ""; }

struct widget *widget_field_new(int id, const char *label, const char *value, bool masked)
{
	struct widget *w = widget_new(WIDGET_FIELD, id, label);

	w->masked = masked;
	widget_field_set(w, value);
	return w;
}

struct widget *widget_button_new(int id, const char *label)
{
	return widget_new(WIDGET_BUTTON, id, label);
}

struct widget *widget_check_new(int id, const char *label, bool on)
{
	struct widget *w = widget_new(WIDGET_CHECK, id, label);
	w->on = on;
	return w;
}

struct widget *widget_radio_new(int id, const char *const *options, size_t n, size_t selected)
{
	struct widget *w = widget_new(WIDGET_RADIO, id, NULL);

	w->options = xcalloc(n ? n : 1, sizeof *w->options);
	for (size_t i = 0; i < n; i++)
		w->options[i] = xstrdup(options[i]);
	w->n_options = n;
	w->selected = w->cursor_opt = selected < n ? selected : 0;
	w->h = (int)n;
	w->label_w = 0;
	return w;
}

struct widget *widget_list_new(int id, const struct list_source *src)
{
	struct widget *w = widget_new(WIDGET_LIST, id, NULL);
	w->src = *src;
	w->filter = xstrdup("");
	return w;
}

struct widget *widget_text_new(int id) { return widget_new(WIDGET_TEXT, id, NULL); }

struct widget *widget_label_new(int id, const char *text)
{
	return widget_new(WIDGET_LABEL, id, text);
}

void widget_free(struct widget *w)
{
	if (!w)
		return;
	if (w->text) {
		if (w->masked)
			wipe(w->text, w->cap * sizeof *w->text);
		free(w->text);
	}
	if (w->utf8) {
		if (w->masked)
			wipe(w->utf8, strlen(w->utf8));
		free(w->utf8);
	}
	for (size_t i = 0; i < w->n_options; i++)
		free(w->options[i]);
	free(w->options);
	for (size_t i = 0; i < w->n_lines; i++)
		free(w->lines[i]);
	free(w->lines);
	free(w->label);
	free(w->help);
	free(w->filter);
	free(w->empty_text);
	free(w->placeholder);
	free(w);
}

void widget_place(struct widget *w, int y, int x, int width, int height)
{
	w->y = y;
	w->x = x;
	w->w = width;
	if (height > 0)
		w->h = height;
}

void widget_set_help(struct widget *w, const char *help) { mem_set_str(&w->help, help); }
void widget_set_label(struct widget *w, const char *label) { mem_set_str(&w->label, label); }

void widget_text_set(struct widget *w, const char *text)
{
	const char *p = text ? text : "";

	for (size_t i = 0; i < w->n_lines; i++)
		free(w->lines[i]);
	free(w->lines);
	w->lines = NULL;
	w->n_lines = 0;
	size_t cap = 0;
	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (!nl && len == 0)
			break;
		xgrow(&w->lines, &cap, w->n_lines + 1, sizeof *w->lines);
		w->lines[w->n_lines++] = xstrndup(p, len);
		if (!nl)
			break;
		p = nl + 1;
	}
	if (w->top > w->n_lines)
		w->top = 0;
}

static size_t list_count(struct widget *w) { return w->src.count ? w->src.count(w->src.ctx) : 0; }

static bool list_selectable(struct widget *w, size_t i)
{
	return !w->src.selectable || w->src.selectable(w->src.ctx, i);
}

void widget_list_set_cursor(struct widget *w, size_t i)
{
	size_t n = list_count(w);

	w->cur = n == 0 ? 0 : (i < n ? i : n - 1);
	if (w->cur < w->top)
		w->top = w->cur;
	if (w->h > 0 && w->cur >= w->top + (size_t)w->h)
		w->top = w->cur - (size_t)w->h + 1;
}

bool widget_takes_text(const struct widget *w)
{
	return w->kind == WIDGET_FIELD || w->kind == WIDGET_LIST;
}

static bool focusable(const struct widget *w)
{
	return !w->hidden && !w->disabled && w->kind != WIDGET_LABEL;
}

/* --- drawing --- */

static int label_cells(const struct widget *w)
{
	if (!w->label[0])
		return 0;
	return w->label_w > 0 ? w->label_w : theme_width(w->label) + 1;
}

static void draw_field(struct widget *w, bool focused)
{
	int lw = label_cells(w), fw = w->w - lw;
	size_t vis;

	if (lw)
		theme_put(stdscr, w->y, w->x, lw, focused ? ROLE_HEADING : ROLE_LABEL, w->label, true);
	if (fw < 2)
		return;
	/* keep the caret inside the visible part */
	vis = (size_t)fw - 1;
	if (w->cursor < w->scroll)
		w->scroll = w->cursor;
	if (w->cursor > w->scroll + vis)
		w->scroll = w->cursor - vis;
	attr_t a = theme_attr(focused ? ROLE_FOCUS : ROLE_FIELD);
	theme_put_attr(stdscr, w->y, w->x + lw, fw, a, "", true);
	if (w->len == 0 && w->placeholder && !focused) {
		theme_put(stdscr, w->y, w->x + lw, fw, ROLE_DIM, w->placeholder, false);
		return;
	}
	wattr_set(stdscr, a, (short)PAIR_NUMBER(a), NULL);
	wmove(stdscr, w->y, w->x + lw);
	int used = 0;
	for (size_t i = w->scroll; i < w->len && used < fw; i++) {
		wchar_t c = w->masked ? L'*' : w->text[i];
		int cw = wcwidth(c);
		/* a value from a plan may hold a control or a bidi override */
		if (cw < 0 || (!theme_utf8() && c >= 128) || !san_codepoint_clean((unsigned long)c)) {
			c = L'?';
			cw = 1;
		}
		if (used + cw > fw)
			break;
		wchar_t buf[2] = {c, 0};
		waddnwstr(stdscr, buf, 1);
		used += cw;
	}
	wattr_set(stdscr, A_NORMAL, 0, NULL);
}

static void draw_button(struct widget *w, bool focused)
{
	char *s = xasprintf(focused ? "[ %s ]" : "< %s >", w->label);
	theme_put(stdscr, w->y, w->x, w->w, focused ? ROLE_FOCUS : ROLE_NORMAL, s, false);
	free(s);
}

static void draw_check(struct widget *w, bool focused)
{
	char *s = xasprintf("%s %s", theme_glyph(w->on ? GLYPH_CHECK_ON : GLYPH_CHECK_OFF), w->label);
	theme_put(stdscr, w->y, w->x, w->w, focused ? ROLE_FOCUS : ROLE_NORMAL, s, false);
	free(s);
}

static void draw_radio(struct widget *w, bool focused)
{
	if (w->horizontal) {
		int x = w->x, end = w->x + w->w;
		for (size_t i = 0; i < w->n_options && x < end; i++) {
			char *s = xasprintf("%s %s",
					    theme_glyph(i == w->selected ? GLYPH_RADIO_ON : GLYPH_RADIO_OFF),
					    w->options[i]);
			x += theme_put(stdscr, w->y, x, end - x,
				       focused && i == w->cursor_opt ? ROLE_FOCUS : ROLE_NORMAL, s, false);
			x += 2;
			free(s);
		}
		return;
	}
	for (size_t i = 0; i < w->n_options && (int)i < w->h; i++) {
		char *s = xasprintf("%s %s",
				    theme_glyph(i == w->selected ? GLYPH_RADIO_ON : GLYPH_RADIO_OFF),
				    w->options[i]);
		theme_put(stdscr, w->y + (int)i, w->x, w->w,
			  focused && i == w->cursor_opt ? ROLE_FOCUS : ROLE_NORMAL, s, false);
		free(s);
	}
}

static void draw_list(struct widget *w, bool focused)
{
	size_t n = list_count(w);
	int rows = w->h;
	bool filtering = w->filter[0] != '\0';

	if (filtering) {
		/* the last row shows the filter being typed */
		rows--;
	}
	if (w->cur >= n && n > 0)
		w->cur = n - 1;
	if (w->cur < w->top)
		w->top = w->cur;
	if (rows > 0 && w->cur >= w->top + (size_t)rows)
		w->top = w->cur - (size_t)rows + 1;
	if (w->top + (size_t)rows > n)
		w->top = n > (size_t)rows ? n - (size_t)rows : 0;
	for (int r = 0; r < rows; r++) {
		size_t i = w->top + (size_t)r;
		if (i < n) {
			w->src.draw(w->src.ctx, i, w->y + r, w->x, w->w - 1, i == w->cur, focused);
		} else {
			theme_put(stdscr, w->y + r, w->x, w->w - 1, ROLE_NORMAL, "", true);
			if (n == 0 && r == 0)
				theme_put(stdscr, w->y, w->x + 1, w->w - 2, ROLE_DIM,
					  /* a filter that matches nothing is not an empty list */
					  filtering ? "(nothing matches the filter)"
					  : w->empty_text ? w->empty_text
							  : "(empty)",
					  false);
		}
	}
	/* scroll marks in the last column */
	theme_put(stdscr, w->y, w->x + w->w - 1, 1, ROLE_DIM,
		  w->top > 0 ? theme_glyph(GLYPH_ARROW_UP) : " ", true);
	if (rows > 1)
		theme_put(stdscr, w->y + rows - 1, w->x + w->w - 1, 1, ROLE_DIM,
			  w->top + (size_t)rows < n ? theme_glyph(GLYPH_ARROW_DOWN) : " ", true);
	if (filtering) {
		char *s = xasprintf("Filter: %s   (%zu match%s; Backspace edits, Esc clears)",
				    w->filter, n, n == 1 ? "" : "es");
		theme_put(stdscr, w->y + rows, w->x, w->w, ROLE_HEADING, s, true);
		free(s);
	}
}

/* s after its first cells display cells (UTF-8; a wide character is skipped whole). */
static const char *skip_cells(const char *s, int cells)
{
	mbstate_t st;

	memset(&st, 0, sizeof st);
	while (*s && cells > 0) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s, strlen(s), &st);
		int cw;
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			k = 1;
			cw = 1;
			memset(&st, 0, sizeof st);
		} else {
			cw = wcwidth(wc);
		}
		cells -= cw > 0 ? cw : 0;
		s += k;
	}
	return s;
}

/* How far a text view can scroll sideways: its widest line past the view. */
static int text_hmax(const struct widget *w)
{
	int widest = 0;

	for (size_t i = 0; i < w->n_lines; i++) {
		int cw = theme_width(w->lines[i]);
		if (cw > widest)
			widest = cw;
	}
	return widest > w->w - 1 ? widest - (w->w - 1) : 0;
}

static void draw_text(struct widget *w, bool focused)
{
	size_t rows = (size_t)(w->h > 0 ? w->h : 1);

	if (w->n_lines > rows && w->top > w->n_lines - rows)
		w->top = w->n_lines - rows;
	if (w->hscroll > text_hmax(w))
		w->hscroll = text_hmax(w); /* the view grew, or the text changed */
	for (size_t r = 0; r < rows; r++) {
		size_t i = w->top + r;
		theme_put(stdscr, w->y + (int)r, w->x, w->w - 1, ROLE_NORMAL,
			  i < w->n_lines ? skip_cells(w->lines[i], w->hscroll) : "", true);
	}
	theme_put(stdscr, w->y, w->x + w->w - 1, 1, focused ? ROLE_HEADING : ROLE_DIM,
		  w->top > 0 ? theme_glyph(GLYPH_ARROW_UP) : " ", true);
	theme_put(stdscr, w->y + (int)rows - 1, w->x + w->w - 1, 1, focused ? ROLE_HEADING : ROLE_DIM,
		  w->top + rows < w->n_lines ? theme_glyph(GLYPH_ARROW_DOWN) : " ", true);
}

void widget_draw(struct widget *w, bool focused)
{
	if (w->hidden || w->w <= 0)
		return;
	switch (w->kind) {
	case WIDGET_FIELD: draw_field(w, focused); break;
	case WIDGET_BUTTON: draw_button(w, focused); break;
	case WIDGET_CHECK: draw_check(w, focused); break;
	case WIDGET_RADIO: draw_radio(w, focused); break;
	case WIDGET_LIST: draw_list(w, focused); break;
	case WIDGET_TEXT: draw_text(w, focused); break;
	case WIDGET_LABEL: theme_put(stdscr, w->y, w->x, w->w, ROLE_LABEL, w->label, true); break;
	}
}

/* --- keys --- */

static enum widget_res field_key(struct widget *w, struct key_event ev)
{
	switch (ev.act) {
	case KEY_ACT_CHAR:
	case KEY_ACT_SPACE:
		if (w->max_len && w->len >= w->max_len)
			return WIDGET_HANDLED;
		xgrow(&w->text, &w->cap, w->len + 2, sizeof *w->text);
		memmove(w->text + w->cursor + 1, w->text + w->cursor,
			(w->len - w->cursor) * sizeof *w->text);
		w->text[w->cursor++] = ev.act == KEY_ACT_SPACE ? L' ' : ev.ch;
		w->len++;
		break;
	case KEY_ACT_BACKSPACE:
		if (w->cursor == 0)
			return WIDGET_HANDLED;
		memmove(w->text + w->cursor - 1, w->text + w->cursor,
			(w->len - w->cursor) * sizeof *w->text);
		w->cursor--;
		w->len--;
		break;
	case KEY_ACT_DELETE:
		if (w->cursor == w->len)
			return WIDGET_HANDLED;
		memmove(w->text + w->cursor, w->text + w->cursor + 1,
			(w->len - w->cursor - 1) * sizeof *w->text);
		w->len--;
		break;
	case KEY_ACT_KILL_LINE:
		if (w->masked)
			wipe(w->text, w->cap * sizeof *w->text);
		w->len = w->cursor = 0;
		break;
	case KEY_ACT_LEFT:
		if (w->cursor > 0)
			w->cursor--;
		return WIDGET_HANDLED;
	case KEY_ACT_RIGHT:
		if (w->cursor < w->len)
			w->cursor++;
		return WIDGET_HANDLED;
	case KEY_ACT_HOME:
		w->cursor = 0;
		return WIDGET_HANDLED;
	case KEY_ACT_END:
		w->cursor = w->len;
		return WIDGET_HANDLED;
	default:
		return WIDGET_IGNORED;
	}
	field_sync(w);
	return WIDGET_CHANGED;
}

static void list_refilter(struct widget *w)
{
	if (w->src.filter)
		w->src.filter(w->src.ctx, w->filter);
	w->top = 0;
	widget_list_set_cursor(w, 0);
	/* land on the first row that can be chosen */
	size_t n = list_count(w);
	for (size_t i = 0; i < n; i++)
		if (list_selectable(w, i)) {
			widget_list_set_cursor(w, i);
			break;
		}
}

static enum widget_res list_key(struct widget *w, struct key_event ev)
{
	size_t n = list_count(w), page = w->h > 2 ? (size_t)w->h - 1 : 1;

	switch (ev.act) {
	case KEY_ACT_UP:
		if (w->cur == 0 || n == 0)
			return WIDGET_IGNORED;
		widget_list_set_cursor(w, w->cur - 1);
		return WIDGET_CHANGED;
	case KEY_ACT_DOWN:
		if (n == 0 || w->cur + 1 >= n)
			return WIDGET_IGNORED;
		widget_list_set_cursor(w, w->cur + 1);
		return WIDGET_CHANGED;
	case KEY_ACT_PGUP:
		widget_list_set_cursor(w, w->cur > page ? w->cur - page : 0);
		return WIDGET_CHANGED;
	case KEY_ACT_PGDN:
		widget_list_set_cursor(w, w->cur + page);
		return WIDGET_CHANGED;
	case KEY_ACT_HOME:
		widget_list_set_cursor(w, 0);
		return WIDGET_CHANGED;
	case KEY_ACT_END:
		widget_list_set_cursor(w, n ? n - 1 : 0);
		return WIDGET_CHANGED;
	case KEY_ACT_ENTER:
	case KEY_ACT_SPACE:
		if (ev.act == KEY_ACT_SPACE && w->filter[0]) {
			/* a space is part of the filter text once one is being typed */
			ev.act = KEY_ACT_CHAR;
			ev.ch = L' ';
			break;
		}
		return n ? WIDGET_ACTIVATED : WIDGET_HANDLED;
	case KEY_ACT_CHAR:
		break;
	case KEY_ACT_BACKSPACE:
		if (!w->filter[0])
			return WIDGET_IGNORED;
		{
			size_t len = strlen(w->filter);
			/* drop one UTF-8 character */
			while (len > 0 && ((unsigned char)w->filter[len - 1] & 0xc0) == 0x80)
				len--;
			if (len > 0)
				len--;
			w->filter[len] = '\0';
		}
		list_refilter(w);
		return WIDGET_CHANGED;
	case KEY_ACT_KILL_LINE:
		if (!w->filter[0])
			return WIDGET_IGNORED;
		w->filter[0] = '\0';
		list_refilter(w);
		return WIDGET_CHANGED;
	default:
		return WIDGET_IGNORED;
	}
	/* a printable character: extend the filter */
	char mb[8];
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t k = wcrtomb(mb, ev.ch, &st);
	if (k == (size_t)-1)
		return WIDGET_HANDLED;
	mb[k] = '\0';
	char *nf = xasprintf("%s%s", w->filter, mb);
	free(w->filter);
	w->filter = nf;
	list_refilter(w);
	return WIDGET_CHANGED;
}

static enum widget_res text_key(struct widget *w, struct key_event ev)
{
	size_t rows = (size_t)(w->h > 0 ? w->h : 1);
	size_t max = w->n_lines > rows ? w->n_lines - rows : 0;

	switch (ev.act) {
	case KEY_ACT_UP:
		if (w->top == 0)
			return WIDGET_IGNORED;
		w->top--;
		return WIDGET_HANDLED;
	case KEY_ACT_DOWN:
		if (w->top >= max)
			return WIDGET_IGNORED;
		w->top++;
		return WIDGET_HANDLED;
	case KEY_ACT_PGUP:
		w->top = w->top > rows - 1 ? w->top - (rows - 1) : 0;
		return WIDGET_HANDLED;
	case KEY_ACT_PGDN:
		w->top = w->top + rows - 1 < max ? w->top + rows - 1 : max;
		return WIDGET_HANDLED;
	case KEY_ACT_HOME:
		w->top = 0;
		return WIDGET_HANDLED;
	case KEY_ACT_END:
		w->top = max;
		return WIDGET_HANDLED;
	case KEY_ACT_LEFT:
		/* lines wider than the view are cut: Left and Right scroll sideways */
		if (w->hscroll == 0)
			return WIDGET_IGNORED;
		w->hscroll = w->hscroll > 8 ? w->hscroll - 8 : 0;
		return WIDGET_HANDLED;
	case KEY_ACT_RIGHT: {
		int hmax = text_hmax(w);
		if (w->hscroll >= hmax)
			return WIDGET_IGNORED;
		w->hscroll = w->hscroll + 8 < hmax ? w->hscroll + 8 : hmax;
		return WIDGET_HANDLED;
	}
	default:
		return WIDGET_IGNORED;
	}
}

enum widget_res widget_key(struct widget *w, struct key_event ev)
{
	switch (w->kind) {
	case WIDGET_FIELD:
		return field_key(w, ev);
	case WIDGET_BUTTON:
		if (ev.act == KEY_ACT_ENTER || ev.act == KEY_ACT_SPACE)
			return WIDGET_ACTIVATED;
		return WIDGET_IGNORED;
	case WIDGET_CHECK:
		if (ev.act == KEY_ACT_SPACE || ev.act == KEY_ACT_ENTER) {
			w->on = !w->on;
			return WIDGET_CHANGED;
		}
		return WIDGET_IGNORED;
	case WIDGET_RADIO:
		if (w->horizontal && (ev.act == KEY_ACT_LEFT || ev.act == KEY_ACT_RIGHT)) {
			if (ev.act == KEY_ACT_LEFT && w->cursor_opt > 0)
				w->cursor_opt--;
			else if (ev.act == KEY_ACT_RIGHT && w->cursor_opt + 1 < w->n_options)
				w->cursor_opt++;
			else
				return WIDGET_HANDLED;
			/* moving is choosing on a one-row radio: there is nothing else to do */
			w->selected = w->cursor_opt;
			return WIDGET_CHANGED;
		}
		if (w->horizontal && (ev.act == KEY_ACT_UP || ev.act == KEY_ACT_DOWN))
			return WIDGET_IGNORED;
		if (ev.act == KEY_ACT_UP && w->cursor_opt > 0) {
			w->cursor_opt--;
			return WIDGET_HANDLED;
		}
		if (ev.act == KEY_ACT_DOWN && w->cursor_opt + 1 < w->n_options) {
			w->cursor_opt++;
			return WIDGET_HANDLED;
		}
		if ((ev.act == KEY_ACT_SPACE || ev.act == KEY_ACT_ENTER) &&
		    w->selected != w->cursor_opt) {
			w->selected = w->cursor_opt;
			return WIDGET_CHANGED;
		}
		if (ev.act == KEY_ACT_SPACE)
			return WIDGET_HANDLED;
		return WIDGET_IGNORED;
	case WIDGET_LIST:
		return list_key(w, ev);
	case WIDGET_TEXT:
		return text_key(w, ev);
	case WIDGET_LABEL:
		return WIDGET_IGNORED;
	}
	return WIDGET_IGNORED;
}

/* --- form --- */

struct widget *form_add(struct form *f, struct widget *w)
{
	xgrow(&f->v, &f->cap, f->n + 1, sizeof *f->v);
	f->v[f->n++] = w;
	return w;
}

void form_free(struct form *f)
{
	for (size_t i = 0; i < f->n; i++)
		widget_free(f->v[i]);
	free(f->v);
	memset(f, 0, sizeof *f);
}

struct widget *form_focused(struct form *f)
{
	if (f->focus >= f->n || !focusable(f->v[f->focus]))
		form_focus_next(f, 1);
	if (f->focus >= f->n || !focusable(f->v[f->focus]))
		return NULL;
	return f->v[f->focus];
}

struct widget *form_find(struct form *f, int id)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i]->id == id)
			return f->v[i];
	return NULL;
}

void form_focus(struct form *f, struct widget *w)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i] == w && focusable(w))
			f->focus = i;
}

void form_focus_next(struct form *f, int dir)
{
	if (f->n == 0)
		return;
	size_t start = f->focus < f->n ? f->focus : 0;
	for (size_t k = 1; k <= f->n; k++) {
		size_t i = (start + f->n + (size_t)((long)dir * (long)k % (long)f->n)) % f->n;
		if (focusable(f->v[i])) {
			f->focus = i;
			return;
		}
	}
}

void form_draw(struct form *f)
{
	struct widget *cur = form_focused(f);

	for (size_t i = 0; i < f->n; i++)
		widget_draw(f->v[i], f->v[i] == cur);
}

enum widget_res form_key(struct form *f, struct key_event ev, struct widget **who)
{
	struct widget *w = form_focused(f);
	enum widget_res r;

	*who = w;
	if (!w)
		return WIDGET_IGNORED;
	r = widget_key(w, ev);
	if (r != WIDGET_IGNORED)
		return r;
	switch (ev.act) {
	case KEY_ACT_TAB:
	case KEY_ACT_DOWN:
		form_focus_next(f, 1);
		return WIDGET_HANDLED;
	case KEY_ACT_BTAB:
	case KEY_ACT_UP:
		form_focus_next(f, -1);
		return WIDGET_HANDLED;
	case KEY_ACT_RIGHT:
	case KEY_ACT_LEFT:
		/* between buttons on one row */
		if (w->kind == WIDGET_BUTTON) {
			form_focus_next(f, ev.act == KEY_ACT_RIGHT ? 1 : -1);
			return WIDGET_HANDLED;
		}
		return WIDGET_IGNORED;
	case KEY_ACT_ENTER:
		/* Enter in a field moves on, like Tab: forms read top to bottom */
		if (w->kind == WIDGET_FIELD) {
			form_focus_next(f, 1);
			return WIDGET_HANDLED;
		}
		return WIDGET_IGNORED;
	default:
		return WIDGET_IGNORED;
	}
}

bool form_cursor(struct form *f, int *y, int *x)
{
	struct widget *w = form_focused(f);
	int lw, col = 0;

	if (!w || w->kind != WIDGET_FIELD || w->hidden)
		return false;
	lw = label_cells(w);
	for (size_t i = w->scroll; i < w->cursor && i < w->len; i++) {
		int cw = w->masked ? 1 : wcwidth(w->text[i]);
		col += cw > 0 ? cw : 1;
	}
	if (col >= w->w - lw)
		col = w->w - lw - 1;
	*y = w->y;
	*x = w->x + lw + col;
	return true;
}
