/* help (screens): the F1 / ? dialog — the focused field in plain words, what the step is
 * for, where vchnet(1) says more — and the scrollable list of every key. The texts are
 * src/wizard/help.c's, shared with the plain mode. */
#include <stdlib.h>
#include <string.h>

#include "help.h"
#include "mem.h"
#include "screens.h"

struct keys_view {
	char **lines;
	size_t n, top;
};

static void paint_keys(void *ctx)
{
	struct keys_view *v = ctx;
	int h = ui_lines() - 4, w = ui_cols() - 4;
	size_t n;

	theme_box(stdscr, 1, 1, ui_lines() - 2, ui_cols() - 2, ROLE_DIALOG, "Keys");
	theme_free_lines(v->lines, v->n);
	v->n = theme_wrap(help_keys(), w - 2, &v->lines);
	if (v->top + (size_t)h > v->n)
		v->top = v->n > (size_t)h ? v->n - (size_t)h : 0;
	n = 0;
	for (size_t i = v->top; i < v->n && n < (size_t)h - 1; i++, n++)
		theme_put(stdscr, 2 + (int)n, 3, w - 2, ROLE_DIALOG, v->lines[i], true);
	for (; n < (size_t)h - 1; n++)
		theme_put(stdscr, 2 + (int)n, 3, w - 2, ROLE_DIALOG, "", true);
	theme_put(stdscr, ui_lines() - 2, 3, w - 2, ROLE_DIALOG,
		  v->top + (size_t)h - 1 < v->n ? " Up/Down scroll, Esc or Enter close (more below) "
						: " Up/Down scroll, Esc or Enter close ", false);
	curs_set(0);
}

void help_ui_keys(void)
{
	struct keys_view v = {0};

	ui_layer_push(paint_keys, &v);
	ui_repaint();
	for (;;) {
		struct key_event ev = ui_read(-1);
		if (ev.act == KEY_ACT_ESC || ev.act == KEY_ACT_ENTER || ev.act == KEY_ACT_INTERRUPT ||
		    ev.act == KEY_ACT_QUIT || (ev.act == KEY_ACT_CHAR && ev.ch == L'q'))
			break;
		if ((ev.act == KEY_ACT_DOWN || ev.act == KEY_ACT_PGDN) && v.top + 1 < v.n)
			v.top += ev.act == KEY_ACT_PGDN ? 10 : 1;
		else if ((ev.act == KEY_ACT_UP || ev.act == KEY_ACT_PGUP) && v.top > 0)
			v.top -= ev.act == KEY_ACT_PGUP && v.top >= 10 ? 10 : 1;
		ui_repaint();
	}
	ui_layer_pop();
	theme_free_lines(v.lines, v.n);
}

void help_ui_show(struct app *a)
{
	static const char *const labels[] = {"Close", "About this step", "All keys"};
	struct widget *f = form_focused(&a->form);
	char *text, *about;
	int r;

	/* the field first (short), then the step's whole story on request: a dialog does
	 * not scroll, and 80x24 must show every word */
	if (f && f->help)
		text = xasprintf("%s%s%s\n\nSee %s.", f->label ? f->label : "", f->label ? " " : "",
				 f->help, help_manref(a->s->wz.step));
	else
		text = xasprintf("%s\n\nSee %s.", help_step(a->s->wz.step), help_manref(a->s->wz.step));
	r = dialog_choice(wizard_step_title(a->s->wz.step), text, labels, 3, 0);
	if (r == 1) {
		about = xasprintf("%s\n\nSee %s.", help_step(a->s->wz.step), help_manref(a->s->wz.step));
		dialog_message(wizard_step_title(a->s->wz.step), about);
		free(about);
	} else if (r == 2) {
		help_ui_keys();
	}
	free(text);
}
