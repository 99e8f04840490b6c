/* step_review: the plan exactly as it will be written (YAML, scrollable), the file
 * name, and Save. After saving, the path and the next commands are shown here and
 * again when the wizard closes. */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "layout.h"
#include "mem.h"
#include "plan_yaml.h"
#include "screens.h"
#include "topo_report.h"

enum { W_VIEW = 1, W_FILE, W_SAVE, W_DEPLOY };

static void enter(struct app *a)
{
	struct widget *w;
	char *def = app_default_save_path(a);

	w = form_add(&a->form, widget_text_new(W_VIEW));
	app_field_help(w, "The plan as it will be saved. It holds no password. Review it, "
			  "then save; 'vchnet check FILE' re-checks it against vCenter and "
			  "'vchnet render FILE' prints the vic-machine command. Up, Down and "
			  "the Page keys scroll; Left and Right scroll sideways where a line "
			  "is cut at the right edge.");
	w = form_add(&a->form, widget_field_new(W_FILE, "Save as:", def, false));
	w->label_w = 9;
	app_field_help(w, "The file to write the plan to (YAML, mode 0600). A relative name is "
			  "relative to the directory the wizard started in.");
	w = form_add(&a->form, widget_button_new(W_SAVE, "Save"));
	app_field_help(w, "Writes the plan. Ctrl-S does the same from any step.");
	form_add(&a->form, widget_button_new(W_DEPLOY, "Deploy..."));
	app_field_help(form_find(&a->form, W_DEPLOY),
		       "Deploys this plan now, or shows in a dry run what a deploy would do. "
		       "Every change is confirmed first; 'vchnet deploy FILE' does the same "
		       "from the command line.");
	form_focus(&a->form, w);
	free(def);
	a->priv = NULL;
	app_tip(a, "Press Enter on Save (or Ctrl-S) to write the plan; q quits.");
}

static void leave(struct app *a) { (void)a; }

static void layout(struct app *a)
{
	struct widget *v = form_find(&a->form, W_VIEW);
	struct layout_opts lo = {.ascii = false, .width = 76, .lookup = app_layout_lookup, .ctx = a};
	char *drawing = layout_draw(a->wz.plan, &lo);
	char *yaml = plan_yaml_dump(a->wz.plan, drawing);
	int w = a->bw - 2;

	widget_place(v, a->by + 1, a->bx + 1, a->bw - 1, a->bh - 4);
	widget_text_set(v, yaml);
	free(yaml);
	free(drawing);
	widget_place(form_find(&a->form, W_FILE), a->by + a->bh - 2, a->bx + 1, w - 27, 1);
	widget_place(form_find(&a->form, W_SAVE), a->by + a->bh - 2, a->bx + 1 + w - 25, 10, 1);
	widget_place(form_find(&a->form, W_DEPLOY), a->by + a->bh - 2, a->bx + 1 + w - 14, 14, 1);
}

static void paint(struct app *a)
{
	theme_put(stdscr, a->by, a->bx + 1, a->bw - 2, ROLE_HEADING,
		  "Review the plan, then save it", true);
	theme_hline(stdscr, a->by + a->bh - 3, a->bx + 1, a->bw - 2, ROLE_DIM);
	/* the next commands stay in view after saving (the status line is one row and
	 * cuts them at 80 columns) */
	if (a->wz.path && !wizard_unsaved(&a->wz)) {
		char *n = wizard_next_commands(a->wz.path), *s = xasprintf("Next: %s", n);
		free(n);
		theme_put(stdscr, a->by + a->bh - 1, a->bx + 1, a->bw - 2, ROLE_OK, s, true);
		free(s);
	}
}

static void sync(struct app *a)
{
	mem_set_str(&a->save_as, widget_field_get(form_find(&a->form, W_FILE)));
}

/* The review report (one HTML file for a change ticket) goes beside the saved plan. */
static void save_report(struct app *a)
{
	struct layout_inputs in = {.lookup = app_layout_lookup, .ctx = a, .findings = &a->wz.findings};
	char *html = topo_report_save(a->wz.plan, a->wz.path, &in);

	if (html) {
		const char *base = strrchr(html, '/');
		app_status(a, ROLE_OK, "Saved to %s; review report beside it: %s", a->wz.path,
			   base ? base + 1 : html);
	} else {
		app_status(a, ROLE_ERROR, "Saved to %s; the review report was not written: %s", a->wz.path,
			   err_msg());
	}
	free(html);
}

static bool key(struct app *a, struct key_event ev, enum widget_res r, struct widget *who)
{
	(void)ev;
	if (who && ((who->id == W_SAVE && r == WIDGET_ACTIVATED) ||
		    (who->id == W_FILE && ev.act == KEY_ACT_ENTER))) {
		app_save(a, widget_field_get(form_find(&a->form, W_FILE)));
		if (a->wz.path && !wizard_unsaved(&a->wz))
			save_report(a);
		return true;
	}
	if (who && who->id == W_DEPLOY && r == WIDGET_ACTIVATED) {
		deploy_screen_run(a);
		return true;
	}
	return false;
}

static const char *hint(struct app *a, struct widget *w)
{
	(void)a;
	if (w && w->id == W_DEPLOY)
		return "deploy";
	return w && (w->id == W_SAVE || w->id == W_FILE) ? "save" : NULL;
}

/* Ctrl-S on this step saves under the name in the field. */
const struct step_def step_review = {
	.id = WIZARD_REVIEW,
	.sidebar = "Review",
	.enter = enter,
	.leave = leave,
	.layout = layout,
	.paint = paint,
	.key = key,
	.sync = sync,
	.hint = hint,
};
