/* step_review: how Docker clients reach the VCH (the TLS choice, with the certificate's
 * common name for tlsverify), the plan exactly as it will be written (YAML,
 * scrollable), the file name, Save, Deploy, and the Command view: the vic-machine
 * command of 'vchnet render', one argument per line and never wrapped, with "Write to
 * FILE.sh" and a clipboard copy. After saving, the path and the next commands are shown
 * here and again when the wizard closes.
 *
 * The TLS choice is asked here, not on Scope, because its common name comes from the
 * client network's static address, chosen on a later step. */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "layout.h"
#include "mem.h"
#include "pager.h"
#include "plan_yaml.h"
#include "render.h"
#include "rules.h"
#include "screens.h"
#include "topo_report.h"

enum { W_TLS = 1, W_CNAME, W_VIEW, W_FILE, W_SAVE, W_DEPLOY, W_COMMAND };

static const char *const tls_labels[RENDER_TLS_COUNT] = {"tlsverify", "no-tlsverify", "no-tls"};

static void enter(struct app *a)
{
	struct plan *pl = a->s->wz.plan;
	struct widget *w, *save;
	char suggest[320];
	char *def = app_default_save_path(a);
	/* a loaded plan without tls.mode means no-tlsverify, and stays so unless changed */
	size_t sel = render_tls_index(a->s->wz.saved && !pl->tls.mode ? NULL : render_tls_default(pl));

	w = form_add(&a->form, widget_radio_new(W_TLS, tls_labels, RENDER_TLS_COUNT, sel));
	w->horizontal = true;
	w->h = 1;
	app_field_help(w, "How Docker clients reach the VCH. tlsverify: vic-machine generates a "
			  "CA, server and client certificates, and only clients holding the "
			  "client certificate may connect. no-tlsverify: encrypted, but any "
			  "client that reaches the VCH may use it. no-tls: plain TCP, for an "
			  "isolated test network only. A new plan starts on tlsverify when the "
			  "client address is static, else on no-tlsverify. Left and Right change it.");
	render_tls_suggest_cname(pl, suggest, sizeof suggest);
	w = form_add(&a->form, widget_field_new(W_CNAME, "Cert name:",
						pl->tls.cname ? pl->tls.cname : suggest, false));
	w->label_w = 11;
	w->placeholder = xstrdup("the FQDN or address clients use");
	app_field_help(w, "The name the VCH's server certificate is made for: the name or "
			  "address Docker clients use. Suggested from the client network's "
			  "static address; type an FQDN when clients use a DNS name.");

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
	save = w = form_add(&a->form, widget_button_new(W_SAVE, "Save"));
	app_field_help(w, "Writes the plan. Ctrl-S does the same from any step.");
	w = form_add(&a->form, widget_button_new(W_COMMAND, "Command"));
	app_field_help(w, "Shows the vic-machine create command of this plan, exactly as "
			  "'vchnet render' prints it, one argument per line and never wrapped "
			  "(Left and Right scroll sideways), to write to a script or copy.");
	form_add(&a->form, widget_button_new(W_DEPLOY, "Deploy..."));
	app_field_help(form_find(&a->form, W_DEPLOY),
		       "Deploys this plan now, or shows in a dry run what a deploy would do. "
		       "Every change is confirmed first; 'vchnet deploy FILE' does the same "
		       "from the command line.");
	form_focus(&a->form, save);
	free(def);
	a->priv = NULL;
	app_focus_tip(a, "Press Enter on Save (or Ctrl-S) to write the plan; q quits.");
}

static void leave(struct app *a) { (void)a; }

static bool tlsverify(struct app *a)
{
	return form_find(&a->form, W_TLS)->selected == 0;
}

static void layout(struct app *a)
{
	struct widget *v = form_find(&a->form, W_VIEW), *cn = form_find(&a->form, W_CNAME);
	struct layout_opts lo = {.ascii = false, .width = 76, .lookup = app_layout_lookup, .ctx = a};
	char *drawing = layout_draw(a->s->wz.plan, &lo);
	char *yaml = plan_yaml_dump(a->s->wz.plan, drawing);
	int w = a->bw - 2, x = a->bx + 1, y = a->by + 1;

	widget_place(form_find(&a->form, W_TLS), y, x + 11, w - 11, 1);
	cn->hidden = !tlsverify(a);
	widget_place(cn, y + 3, x, w > 60 ? 60 : w, 1);
	widget_place(v, y + 4, x, a->bw - 1, a->bh - 8);
	widget_text_set(v, yaml);
	free(yaml);
	free(drawing);
	widget_place(form_find(&a->form, W_FILE), a->by + a->bh - 2, x, w - 36, 1);
	widget_place(form_find(&a->form, W_SAVE), a->by + a->bh - 2, x + w - 35, 8, 1);
	widget_place(form_find(&a->form, W_COMMAND), a->by + a->bh - 2, x + w - 26, 11, 1);
	widget_place(form_find(&a->form, W_DEPLOY), a->by + a->bh - 2, x + w - 14, 14, 1);
}

static void paint(struct app *a)
{
	struct widget *t = form_find(&a->form, W_TLS);
	int x = a->bx + 1, w = a->bw - 2;
	char **lines;
	size_t n;

	theme_put(stdscr, a->by, x, w, ROLE_HEADING, "Review the plan, then save it", true);
	theme_put(stdscr, t->y, x, 11, ROLE_LABEL, "Docker:", true);
	/* the choice's sentence wraps into the two rows below it (F1 has the whole
	 * story); tlsverify without a name says what is missing there instead */
	bool missing = tlsverify(a) && findings_find(&a->s->wz.findings, "tls-cname", NULL);
	n = theme_wrap(missing ? "Error: tlsverify needs the name Docker clients use; there is "
				 "no static client address to suggest: type it, or choose "
				 "no-tlsverify."
			       : render_tls_explain(render_tls_modes[t->selected]),
		       w, &lines);
	for (size_t i = 0; i < 2; i++)
		theme_put(stdscr, t->y + 1 + (int)i, x, w, missing ? ROLE_ERROR : ROLE_DIM,
			  i < n ? lines[i] : "", true);
	theme_free_lines(lines, n);
	if (!tlsverify(a))
		theme_put(stdscr, t->y + 3, x, w, ROLE_DIM, "", true);
	theme_hline(stdscr, a->by + a->bh - 3, x, w, ROLE_DIM);
	/* the next commands stay in view after saving (the status line is one row and
	 * cuts them at 80 columns) */
	if (a->s->wz.path && !wizard_unsaved(&a->s->wz)) {
		char *nx = wizard_next_commands(a->s->wz.path), *s = xasprintf("Next: %s", nx);
		free(nx);
		theme_put(stdscr, a->by + a->bh - 1, x, w, ROLE_OK, s, true);
		free(s);
	}
}

static void sync(struct app *a)
{
	struct widget *t = form_find(&a->form, W_TLS);

	mem_set_str(&a->save_as, widget_field_get(form_find(&a->form, W_FILE)));
	render_tls_apply(a->s->wz.plan, t->selected, widget_field_get(form_find(&a->form, W_CNAME)),
			 a->s->wz.saved == NULL);
}

/* FILE.sh next to the plan: the Save as name with .yaml (or .yml) replaced. */
static char *script_path(struct app *a)
{
	const char *f = widget_field_get(form_find(&a->form, W_FILE));
	size_t n = strlen(f);

	if (n == 0)
		return xasprintf("%s.sh", a->s->wz.plan->name ? a->s->wz.plan->name : "vch-create");
	if (n > 5 && strcmp(f + n - 5, ".yaml") == 0)
		n -= 5;
	else if (n > 4 && strcmp(f + n - 4, ".yml") == 0)
		n -= 4;
	return xasprintf("%.*s.sh", (int)n, f);
}

/* The Command view: what 'vchnet render' prints for the plan, or why it refuses. */
static void command_view(struct app *a)
{
	struct findings f = {0};
	char *text, *path = script_path(a), *write_label, *note = NULL;
	const char *buttons[2];
	size_t focus = 0;

	sync(a);
	rules_check_ex(a->s->wz.plan, &f, RULES_TARGET_REQUIRED);
	findings_sort(&f);
	if (findings_count(&f, FINDING_ERROR)) {
		char *all = xstrdup("");
		for (size_t i = 0; i < f.n; i++) {
			char *one = findings_format(&f.v[i], a->s->wz.plan, NULL), *both;
			both = xasprintf("%s%s", all, one);
			free(all);
			free(one);
			all = both;
		}
		text = xasprintf("vchnet render does not write a command for a plan with errors. "
				 "Fix these first:\n\n%s", all);
		free(all);
		pager_run(&(struct pager_opts){.title = "vic-machine command", .text = text,
					       .wrap = true, .n_buttons = 0});
		free(text);
		findings_free(&f);
		free(path);
		return;
	}
	findings_free(&f);
	text = render_command(a->s->wz.plan);
	if (!text) {
		app_status(a, ROLE_ERROR, "Error: %s", err_msg());
		free(path);
		return;
	}
	write_label = xasprintf("Write to %s", path);
	buttons[0] = write_label;
	buttons[1] = "Copy to clipboard";
	for (;;) {
		int r = pager_run(&(struct pager_opts){.title = "vic-machine command (vchnet render)",
						       .text = text, .wrap = false,
						       .buttons = buttons, .n_buttons = 2,
						       .focus = focus, .note = note});
		const char *why;
		free(note);
		note = NULL;
		if (r == 0) {
			if (render_write_script(a->s->wz.plan, a->s->wz.path, path) < 0)
				note = xasprintf("Not written: %s", err_msg());
			else
				note = xasprintf("Wrote %s (mode 0700). Export VIC_MACHINE_PASSWORD, "
						 "then run it.", path);
		} else if (r == 1) {
			if (!ui_clipboard_enabled(&why))
				note = xasprintf("Not copied: %s.", why);
			else if (ui_clipboard_copy(text) < 0)
				note = xasprintf("Not copied: %s", err_msg());
			else
				note = xstrdup("Sent to the terminal's clipboard (OSC 52); if nothing "
					       "arrived, your terminal does not support it.");
		} else {
			break;
		}
		focus = (size_t)r;
	}
	free(note);
	free(write_label);
	free(text);
	free(path);
}

/* The review report (one HTML file for a change ticket) goes beside the saved plan. */
static void save_report(struct app *a)
{
	struct layout_inputs in = {.lookup = app_layout_lookup, .ctx = a, .findings = &a->s->wz.findings};
	char *html = topo_report_save(a->s->wz.plan, a->s->wz.path, &in);

	if (html) {
		const char *base = strrchr(html, '/');
		app_status(a, ROLE_OK, "Saved to %s; review report beside it: %s", a->s->wz.path,
			   base ? base + 1 : html);
	} else {
		app_status(a, ROLE_ERROR, "Saved to %s; the review report was not written: %s", a->s->wz.path,
			   err_msg());
	}
	free(html);
}

static bool key(struct app *a, struct key_event ev, enum widget_res r, struct widget *who)
{
	(void)ev;
	if (who && who->id == W_TLS && r == WIDGET_CHANGED) {
		struct widget *cn = form_find(&a->form, W_CNAME);
		char suggest[320];
		if (tlsverify(a) && !widget_field_get(cn)[0])
			widget_field_set(cn, render_tls_suggest_cname(a->s->wz.plan, suggest, sizeof suggest));
		sync(a);
		app_recheck(a);
		return true;
	}
	if (who && who->id == W_CNAME && r == WIDGET_CHANGED) {
		sync(a);
		app_recheck(a);
		return true;
	}
	if (who && ((who->id == W_SAVE && r == WIDGET_ACTIVATED) ||
		    (who->id == W_FILE && ev.act == KEY_ACT_ENTER))) {
		app_save(a, widget_field_get(form_find(&a->form, W_FILE)));
		if (a->s->wz.path && !wizard_unsaved(&a->s->wz))
			save_report(a);
		return true;
	}
	if (who && who->id == W_COMMAND && r == WIDGET_ACTIVATED) {
		command_view(a);
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
	if (w && w->id == W_COMMAND)
		return "the command";
	if (w && w->id == W_TLS)
		return "Left/Right change";
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
