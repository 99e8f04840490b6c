/* pager: the scrolling, never clipping text view (see pager.h). */
#include "pager.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "mem.h"
#include "theme.h"
#include "ui.h"

struct pager {
	const struct pager_opts *o;
	char **lines;
	size_t n, top;
	int hscroll, widest;
	size_t focus;             /* index into buttons; n_buttons is Close */
	int body_h, body_w;
};

size_t pager_lines(const char *text, bool wrap, int w, char ***out)
{
	size_t n = 0, cap = 0;
	char **v = NULL;
	const char *p = text ? text : "";

	if (wrap)
		return theme_wrap(text, w, out);
	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (!nl && len == 0 && n > 0)
			break;
		xgrow(&v, &cap, n + 1, sizeof *v);
		v[n++] = xstrndup(p, len);
		if (!nl)
			break;
		p = nl + 1;
	}
	*out = v;
	return n;
}

/* The part of s after its first n cells (a wide character cut in two is skipped). */
const char *pager_skip_cells(const char *s, int n)
{
	mbstate_t st;

	memset(&st, 0, sizeof st);
	while (*s && n > 0) {
		wchar_t wc;
		size_t len = mbrtowc(&wc, s, strlen(s), &st);
		int cw;
		if (len == (size_t)-1 || len == (size_t)-2 || len == 0) {
			memset(&st, 0, sizeof st);
			len = 1;
			cw = 1;
		} else {
			cw = wcwidth(wc);
			if (cw < 0)
				cw = 1;
		}
		s += len;
		n -= cw;
	}
	return s;
}

static void pager_layout(struct pager *pg)
{
	int w = ui_cols() - 6;

	theme_free_lines(pg->lines, pg->n);
	pg->n = pager_lines(pg->o->text, pg->o->wrap, w, &pg->lines);
	pg->body_w = w;
	/* box rows: border, body, (note), hint, buttons, border */
	pg->body_h = ui_lines() - 2 - 2 - 2 - (pg->o->note ? 1 : 0);
	if (pg->body_h < 1)
		pg->body_h = 1;
	pg->widest = 0;
	for (size_t i = 0; i < pg->n; i++) {
		int cw = theme_width(pg->lines[i]);
		if (cw > pg->widest)
			pg->widest = cw;
	}
	if (pg->n <= (size_t)pg->body_h)
		pg->top = 0;
	else if (pg->top > pg->n - (size_t)pg->body_h)
		pg->top = pg->n - (size_t)pg->body_h;
	if (pg->hscroll > pg->widest - pg->body_w)
		pg->hscroll = pg->widest - pg->body_w > 0 ? pg->widest - pg->body_w : 0;
}

static void pager_paint(void *ctx)
{
	struct pager *pg = ctx;
	const struct pager_opts *o = pg->o;
	int y0 = 1, x0 = 1, h = ui_lines() - 2, w = ui_cols() - 2, row;
	char hint[160];
	bool more_below, more_right;

	pager_layout(pg);
	theme_box(stdscr, y0, x0, h, w, ROLE_DIALOG, o->title);
	for (row = 0; row < pg->body_h; row++) {
		size_t i = pg->top + (size_t)row;
		const char *s = i < pg->n ? pg->lines[i] : "";
		if (!o->wrap && i < pg->n)
			s = pager_skip_cells(s, pg->hscroll);
		theme_put(stdscr, y0 + 1 + row, x0 + 2, pg->body_w, ROLE_DIALOG, s, true);
		/* a line that goes on past the right edge ends in theme_put's cut mark */
		theme_put(stdscr, y0 + 1 + row, x0 + 2 + pg->body_w, 1, ROLE_DIALOG, "", true);
	}
	row = y0 + 1 + pg->body_h;
	if (o->note)
		theme_put(stdscr, row++, x0 + 2, w - 4, ROLE_OK, o->note, true);
	more_below = pg->top + (size_t)pg->body_h < pg->n;
	more_right = !o->wrap && pg->hscroll + pg->body_w < pg->widest;
	{
		char where[80];
		snprintf(where, sizeof where, "Lines %zu-%zu/%zu%s%s", pg->n ? pg->top + 1 : 0,
			 pg->top + (size_t)pg->body_h < pg->n ? pg->top + (size_t)pg->body_h : pg->n,
			 pg->n, more_below ? ", more below" : "",
			 pg->hscroll > 0 ? ", scrolled right" : more_right ? ", more right" : "");
		snprintf(hint, sizeof hint, "%s. %s scroll, Tab buttons, Esc close", where,
			 o->wrap ? "Up/Down" : "Arrows");
		/* the short form when the keys do not fit: the footer never clips either */
		if (theme_width(hint) > w - 4)
			snprintf(hint, sizeof hint, "%s. Esc close", where);
	}
	theme_put(stdscr, row++, x0 + 2, w - 4, ROLE_DIM, hint, true);
	{
		int bx = x0 + 2;
		for (size_t i = 0; i <= o->n_buttons; i++) {
			const char *label = i < o->n_buttons ? o->buttons[i] : "Close";
			char *s = xasprintf(i == pg->focus ? "[ %s ]" : "< %s >", label);
			bx += theme_put(stdscr, row, bx, x0 + w - 2 - bx,
					i == pg->focus ? ROLE_FOCUS : ROLE_DIALOG, s, false) + 1;
			free(s);
		}
		theme_put(stdscr, row, bx, x0 + w - 2 - bx > 0 ? x0 + w - 2 - bx : 0, ROLE_DIALOG, "", true);
	}
	curs_set(0);
}

int pager_run(const struct pager_opts *o)
{
	struct pager pg = {.o = o, .focus = o->focus <= o->n_buttons ? o->focus : o->n_buttons};
	int result = -1;

	ui_layer_push(pager_paint, &pg);
	ui_repaint();
	for (;;) {
		struct key_event ev = ui_read(-1);
		size_t page = pg.body_h > 1 ? (size_t)pg.body_h - 1 : 1;
		size_t last = pg.n > (size_t)pg.body_h ? pg.n - (size_t)pg.body_h : 0;

		if (ev.act == KEY_ACT_ESC || ev.act == KEY_ACT_INTERRUPT || ev.act == KEY_ACT_QUIT ||
		    (ev.act == KEY_ACT_CHAR && ev.ch == L'q'))
			break;
		if (ev.act == KEY_ACT_ENTER || ev.act == KEY_ACT_SPACE) {
			result = pg.focus < o->n_buttons ? (int)pg.focus : -1;
			break;
		}
		switch (ev.act) {
		case KEY_ACT_DOWN:
			if (pg.top < last)
				pg.top++;
			break;
		case KEY_ACT_UP:
			if (pg.top > 0)
				pg.top--;
			break;
		case KEY_ACT_PGDN:
			pg.top = pg.top + page < last ? pg.top + page : last;
			break;
		case KEY_ACT_PGUP:
			pg.top = pg.top > page ? pg.top - page : 0;
			break;
		case KEY_ACT_HOME:
			pg.top = 0;
			pg.hscroll = 0;
			break;
		case KEY_ACT_END:
			pg.top = last;
			break;
		case KEY_ACT_RIGHT:
			if (!o->wrap && pg.hscroll + pg.body_w < pg.widest)
				pg.hscroll += 8;
			break;
		case KEY_ACT_LEFT:
			if (!o->wrap)
				pg.hscroll = pg.hscroll > 8 ? pg.hscroll - 8 : 0;
			break;
		case KEY_ACT_TAB:
			pg.focus = (pg.focus + 1) % (o->n_buttons + 1);
			break;
		case KEY_ACT_BTAB:
			pg.focus = (pg.focus + o->n_buttons) % (o->n_buttons + 1);
			break;
		default:
			break;
		}
		ui_repaint();
	}
	ui_layer_pop();
	theme_free_lines(pg.lines, pg.n);
	return result;
}
