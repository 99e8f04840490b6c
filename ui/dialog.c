/* dialog: message, choice and progress boxes. */
#include "dialog.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mem.h"
#include "theme.h"
#include "ui.h"
#include "widget.h"

struct box {
	const char *title;
	const char *text;
	const char *const *labels;
	size_t n_labels, focus;
	const char *status;     /* progress: status line */
	const char *footer;     /* key hint on the bottom border */
	char **lines;
	size_t n_lines;
	int y, x, h, w;
};

/* Fits the box to the screen: text wrapped to at most 64 columns. */
static void box_layout(struct box *b)
{
	int maxw = ui_cols() - 4, tw;
	int buttons_w = 0;

	if (maxw > 66)
		maxw = 66;
	for (size_t i = 0; i < b->n_labels; i++)
		buttons_w += theme_width(b->labels[i]) + 6;
	theme_free_lines(b->lines, b->n_lines);
	b->n_lines = theme_wrap(b->text, maxw - 4, &b->lines);
	tw = theme_width(b->title) + 6;
	for (size_t i = 0; i < b->n_lines; i++)
		if (theme_width(b->lines[i]) + 4 > tw)
			tw = theme_width(b->lines[i]) + 4;
	if (buttons_w + 4 > tw)
		tw = buttons_w + 4;
	if (b->footer && theme_width(b->footer) + 4 > tw)
		tw = theme_width(b->footer) + 4;
	if (tw < 30)
		tw = 30;
	if (tw > ui_cols() - 2)
		tw = ui_cols() - 2;
	b->w = tw;
	b->h = (int)b->n_lines + 2 + (b->n_labels ? 2 : 0) + (b->status ? 2 : 0);
	if (b->h > ui_lines() - 2)
		b->h = ui_lines() - 2;
	b->y = (ui_lines() - b->h) / 2;
	b->x = (ui_cols() - b->w) / 2;
}

static void box_paint(void *ctx)
{
	struct box *b = ctx;
	int row, maxrows;

	box_layout(b);
	theme_box(stdscr, b->y, b->x, b->h, b->w, ROLE_DIALOG, b->title);
	maxrows = b->h - 2 - (b->n_labels ? 2 : 0) - (b->status ? 2 : 0);
	for (row = 0; row < (int)b->n_lines && row < maxrows; row++)
		theme_put(stdscr, b->y + 1 + row, b->x + 2, b->w - 4, ROLE_DIALOG, b->lines[row], false);
	if (b->status)
		theme_put(stdscr, b->y + 2 + row, b->x + 2, b->w - 4, ROLE_DIALOG, b->status, true);
	if (b->n_labels) {
		int total = 0, bx;
		for (size_t i = 0; i < b->n_labels; i++)
			total += theme_width(b->labels[i]) + 4 + (i ? 2 : 0);
		bx = b->x + (b->w - total) / 2;
		for (size_t i = 0; i < b->n_labels; i++) {
			char *s = xasprintf(i == b->focus ? "[ %s ]" : "< %s >", b->labels[i]);
			bx += theme_put(stdscr, b->y + b->h - 2, bx, b->w - 2,
					i == b->focus ? ROLE_FOCUS : ROLE_DIALOG, s, false) + 2;
			free(s);
		}
	}
	if (b->footer)
		theme_put(stdscr, b->y + b->h - 1, b->x + 2, b->w - 4, ROLE_DIALOG, b->footer, false);
	if (b->n_labels) {
		/* the hardware cursor on the focused button helps screen readers */
		curs_set(0);
	}
}

static void box_free(struct box *b) { theme_free_lines(b->lines, b->n_lines); }

int dialog_choice(const char *title, const char *text, const char *const *labels, size_t n,
		  size_t def)
{
	struct box b = {.title = title, .text = text, .labels = labels, .n_labels = n,
			.focus = def < n ? def : 0};
	int result = -1;

	ui_layer_push(box_paint, &b);
	ui_repaint();
	for (;;) {
		struct key_event ev = keys_meaning(ui_read(-1), false);
		if (ev.act == KEY_ACT_INTERRUPT || ev.act == KEY_ACT_ESC)
			break;
		/* the arrows stop at the ends: Right on the last button (often Cancel, the
		 * default) must not land on the first (often the destructive one); Tab goes
		 * round, as between the fields of a step */
		if (ev.act == KEY_ACT_RIGHT || ev.act == KEY_ACT_DOWN) {
			if (b.focus + 1 < n)
				b.focus++;
		} else if (ev.act == KEY_ACT_LEFT || ev.act == KEY_ACT_UP) {
			if (b.focus > 0)
				b.focus--;
		} else if (ev.act == KEY_ACT_TAB)
			b.focus = (b.focus + 1) % n;
		else if (ev.act == KEY_ACT_BTAB)
			b.focus = (b.focus + n - 1) % n;
		else if (ev.act == KEY_ACT_ENTER || ev.act == KEY_ACT_SPACE) {
			result = (int)b.focus;
			break;
		} else if (ev.act == KEY_ACT_CHAR) {
			/* the first letter of a button chooses it */
			for (size_t i = 0; i < n; i++)
				if ((wchar_t)labels[i][0] == ev.ch ||
				    (wchar_t)(labels[i][0] ^ 0x20) == ev.ch)
					b.focus = i;
		}
		ui_repaint();
	}
	ui_layer_pop();
	box_free(&b);
	ui_repaint();
	return result;
}

void dialog_message(const char *title, const char *text)
{
	const char *ok[] = {"OK"};
	dialog_choice(title, text, ok, 1, 0);
}

bool dialog_confirm(const char *title, const char *text, const char *yes, const char *no,
		    bool default_yes)
{
	const char *labels[] = {yes, no};
	return dialog_choice(title, text, labels, 2, default_yes ? 0 : 1) == 0;
}

struct input_box {
	struct box b;
	struct widget *field;
};

static void input_paint(void *ctx)
{
	struct input_box *ib = ctx;
	int cy, cx;

	box_paint(&ib->b);
	/* the field sits on the row box_paint keeps for a status */
	widget_place(ib->field, ib->b.y + ib->b.h - 4, ib->b.x + 2, ib->b.w - 4, 1);
	widget_draw(ib->field, true);
	{
		struct form f = {.v = &ib->field, .n = 1, .cap = 1, .focus = 0};
		if (form_cursor(&f, &cy, &cx)) {
			move(cy, cx);
			curs_set(1);
		}
	}
}

char *dialog_input(const char *title, const char *text, const char *label, const char *initial)
{
	static const char *const labels[] = {"OK", "Cancel"};
	struct input_box ib = {.b = {.title = title, .text = text, .labels = labels, .n_labels = 2,
				     .focus = 0, .status = "",
				     .footer = "Enter accepts, Esc cancels"}};
	char *result = NULL;

	ib.field = widget_field_new(0, label, initial, false);
	ui_layer_push(input_paint, &ib);
	ui_repaint();
	for (;;) {
		struct key_event ev = keys_meaning(ui_read(-1), true);
		if (ev.act == KEY_ACT_INTERRUPT || ev.act == KEY_ACT_ESC)
			break;
		if (ev.act == KEY_ACT_TAB || ev.act == KEY_ACT_BTAB) {
			ib.b.focus = (ib.b.focus + 1) % 2;
		} else if (ev.act == KEY_ACT_ENTER) {
			if (ib.b.focus == 0 && widget_field_get(ib.field)[0])
				result = xstrdup(widget_field_get(ib.field));
			if (ib.b.focus == 1 || result)
				break;
		} else {
			widget_key(ib.field, ev);
		}
		ui_repaint();
	}
	ui_layer_pop();
	widget_free(ib.field);
	box_free(&ib.b);
	ui_repaint();
	return result;
}

struct dialog_progress {
	struct box b;
	char *status;
	struct timespec start;
	unsigned tick;
	double last_paint;
	char last_status[128];
	bool cancellable, cancelled;
	unsigned ignored;       /* keys typed meanwhile, dropped */
};

static double elapsed(const struct timespec *t0)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

struct dialog_progress *dialog_progress_start(const char *title, const char *text,
					      bool cancellable)
{
	struct dialog_progress *p = xcalloc(1, sizeof *p);

	p->b.title = title;
	p->b.text = text;
	p->cancellable = cancellable;
	p->b.footer = cancellable ? " Esc cancels " : NULL;
	p->status = xstrdup("");
	p->b.status = p->status;
	clock_gettime(CLOCK_MONOTONIC, &p->start);
	ui_layer_push(box_paint, &p->b);
	ui_repaint();
	return p;
}

bool dialog_progress_poll(struct dialog_progress *p, const char *status)
{
	static const char spin_ascii[] = "|/-\\";
	struct key_event ev;
	char *s;

	if (p->cancelled)
		return true;
	/* look at the keyboard without waiting */
	ev = ui_read(0);
	if (ev.act == KEY_ACT_INTERRUPT || (p->cancellable && ev.act == KEY_ACT_ESC)) {
		p->cancelled = true;
		return true;
	}
	if (ev.act != KEY_ACT_NONE && ev.act != KEY_ACT_RESIZE && ev.act != KEY_ACT_REDRAW) {
		/* not silently: the footer says so while the box is up */
		if (p->ignored++ == 0) {
			p->b.footer = p->cancellable ? " Busy: keys are ignored; Esc cancels "
						     : " Busy: keys are ignored until done ";
			p->tick = 0; /* repaint now */
		}
	}
	/* redraw at most ten times a second, however often the work calls back */
	{
		double now = elapsed(&p->start);
		if (p->tick > 0 && now - p->last_paint < 0.1 && !(status && strcmp(status, p->last_status) != 0))
			return false;
		p->last_paint = now;
		snprintf(p->last_status, sizeof p->last_status, "%s", status ? status : "");
	}
	p->tick++;
	s = xasprintf("%c %s (%.0f s)", spin_ascii[(p->tick / 2) % 4], status ? status : "working",
		      elapsed(&p->start));
	free(p->status);
	p->status = s;
	p->b.status = s;
	ui_repaint();
	return false;
}

unsigned dialog_progress_end(struct dialog_progress *p)
{
	unsigned ignored;

	if (!p)
		return 0;
	ignored = p->ignored;
	ui_layer_pop();
	box_free(&p->b);
	free(p->status);
	free(p);
	ui_repaint();
	return ignored;
}
