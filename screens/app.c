/* vchnet wizard: the frame around the steps (title, sidebar, status line, footer), the
 * global keys, saving and quitting, and the command line. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "err.h"
#include "fileio.h"
#include "help.h"
#include "inv.h"
#include "layout.h"
#include "mem.h"
#include "pager.h"
#include "plan_yaml.h"
#include "sanitize.h"
#include "screens.h"
#include "topo_live.h"
#include "vsphere.h"

#define SIDEBAR_W 16

void app_status(struct app *a, enum theme_role r, const char *fmt, ...)
{
	va_list ap;

	free(a->status);
	va_start(ap, fmt);
	a->status = xvasprintf(fmt, ap);
	va_end(ap);
	a->status_role = r;
	a->status_refusal = false;
	a->status_tip = false;
	ui_log("status: %s", a->status);
}

void app_tip(struct app *a, const char *tip)
{
	if (a->status_pending) {
		a->status_pending = false;
		return;
	}
	app_status(a, ROLE_NORMAL, "%s", tip);
}

void app_focus_tip(struct app *a, const char *tip)
{
	app_tip(a, tip);
	a->status_tip = a->status && strcmp(a->status, tip) == 0;
}

/* A tip about the focused item (app_focus_tip) is stale once the focus moves: the tip
 * then says what the newly focused item takes (messages, errors and warnings stay). */
static void tip_follows_focus(struct app *a, const struct widget *before)
{
	const struct widget *f = form_focused(&a->form);

	if (!a->status_tip || f == before || !f)
		return;
	app_status(a, ROLE_NORMAL, "%s",
		   f->kind == WIDGET_FIELD ? "Type the value; F1 explains it."
		   : f->kind == WIDGET_RADIO ? "Left and Right choose; F1 explains it."
		   : f->kind == WIDGET_CHECK ? "Space turns it on or off; F1 explains it."
		   : f->kind == WIDGET_LIST ? "Up and Down browse, Enter chooses; F1 explains it."
		   : f->kind == WIDGET_BUTTON ? "Enter presses the button; F1 explains it."
					      : "Up and Down scroll; F1 explains it.");
	a->status_tip = true;
}

void app_recheck(struct app *a) { wizard_check(&a->s->wz); }

void app_field_help(struct widget *w, const char *text) { widget_set_help(w, text); }

const struct inv_obj *app_datacenter(const struct app *a)
{
	if (!a->s->inv || !a->s->dc_id)
		return NULL;
	return inv_find_id(a->s->inv, a->s->dc_id);
}

const struct inv_obj *app_scope(const struct app *a) { return session_scope(a->s); }

bool app_layout_lookup(void *ctx, const char *port_group, struct layout_netinfo *out)
{
	struct app *a = ctx;
	const struct inv_obj *dc = app_datacenter(a);

	return topo_live_lookup(a->s->inv, dc ? dc->name : NULL, a->s->wz.plan->name, port_group,
				out);
}

/* Whether finding f shows on step s (the layout shows every finding). */
static bool finding_on_step(const struct finding *f, enum wizard_step s)
{
	return s == WIZARD_LAYOUT || wizard_step_of_path(f->path) == s;
}

int app_draw_findings(struct app *a, enum wizard_step s, int y, int x, int w, int max_rows)
{
	int rows = 0;
	bool cut = false, any = false;

	/* every line of every finding first, then as many as fit: what does not fit is
	 * never dropped silently, the last row says where the rest is */
	for (size_t i = 0; i < a->s->wz.findings.n; i++) {
		const struct finding *f = &a->s->wz.findings.v[i];
		if (!finding_on_step(f, s))
			continue;
		char *line = xasprintf("%s: %s", f->severity == FINDING_ERROR ? "Error" : "Warning",
				       san(f->message));
		char **fl;
		size_t fn = theme_wrap(line, w, &fl);
		for (size_t k = 0; k < fn; k++) {
			if (rows < max_rows) {
				theme_put(stdscr, y + rows++, x, w,
					  f->severity == FINDING_ERROR ? ROLE_ERROR : ROLE_WARNING, fl[k], true);
			} else {
				cut = true;
			}
		}
		any = true;
		theme_free_lines(fl, fn);
		free(line);
	}
	if (cut && max_rows > 0) {
		theme_put(stdscr, y + max_rows - 1, x, w, ROLE_DIM,
			  "... more: F1 shows every finding whole, and how to fix it", true);
	} else if (any && rows < max_rows) {
		theme_put(stdscr, y + rows++, x, w, ROLE_DIM,
			  "F1: the whole finding, the hint and any one-key fix", true);
	}
	return rows;
}

/* --- the frame --- */

static void paint_title(struct app *a)
{
	char right[160];
	int n, count;
	const char *host = a->s->have_conn ? a->s->conn.host : NULL;

	n = wizard_step_number(&a->s->wz, a->s->wz.step, &count);
	snprintf(right, sizeof right, "%s%s%sStep %d of %d ", host ? "vCenter " : "",
		 host ? host : "", host ? "  " : "", n, count);
	theme_put(stdscr, 0, 0, ui_cols(), ROLE_TITLE, " vchnet: VCH network plan", true);
	int rw = theme_width(right);
	if (rw < ui_cols() - 28)
		theme_put(stdscr, 0, ui_cols() - rw, rw, ROLE_TITLE, right, false);
}

/* Before the first choice (a new plan, still on Connect) only the address and user
 * name are in it: nothing worth a "save?" question or a "not saved" mark. */
static bool nothing_chosen(const struct app *a)
{
	return !a->s->wz.path && !(a->s->wz.visited & ~WIZARD_STEP_BIT(WIZARD_CONNECT));
}

static void paint_sidebar(struct app *a)
{
	int y = 2, h = ui_lines() - 3;

	theme_put(stdscr, 1, 0, SIDEBAR_W - 1, ROLE_HEADING, " Steps", true);
	for (int s = 0; s < WIZARD_STEP_COUNT && y < h; s++) {
		const struct step_def *d = steps_table[s];
		char buf[64];
		enum theme_role r;
		bool cur = (int)a->s->wz.step == s, done = (a->s->wz.visited & WIZARD_STEP_BIT(s)) && !cur;

		if (!d || !wizard_step_applies(&a->s->wz, (enum wizard_step)s))
			continue;
		/* a tick only for a step that is valid now; "!" for one a later change broke
		 * (or that was left with an error) */
		snprintf(buf, sizeof buf, " %s%2d %s",
			 cur    ? theme_glyph(GLYPH_POINTER)
			 : done ? (wizard_step_invalid(&a->s->wz, (enum wizard_step)s) ? "!" : theme_glyph(GLYPH_DONE))
				: " ",
			 wizard_step_number(&a->s->wz, (enum wizard_step)s, NULL), d->sidebar);
		r = cur ? ROLE_SIDEBAR_CUR : (a->s->wz.visited & WIZARD_STEP_BIT(s)) ? ROLE_SIDEBAR
										: ROLE_SIDEBAR_OFF;
		theme_put(stdscr, y++, 0, SIDEBAR_W - 1, r, buf, true);
	}
	y++;
	if (y < h && a->s->wz.plan->name) {
		char *s = xasprintf(" VCH %s", a->s->wz.plan->name);
		theme_put(stdscr, y++, 0, SIDEBAR_W - 1, ROLE_DIM, s, true);
		free(s);
	}
	if (y < h)
		theme_put(stdscr, y++, 0, SIDEBAR_W - 1, ROLE_DIM,
			  nothing_chosen(a)         ? ""
			  : wizard_unsaved(&a->s->wz) ? " * not saved"
			  : a->s->wz.path              ? " saved"
						    : "",
			  true);
	theme_vline(stdscr, 1, SIDEBAR_W - 1, ui_lines() - 3, ROLE_DIM);
}

struct footer_key {
	const char *key, *what;
};

static void paint_footer(struct app *a)
{
	struct widget *f = form_focused(&a->form);
	bool text = f && widget_takes_text(f);
	const char *hint = a->cur && a->cur->hint ? a->cur->hint(a, f) : NULL;
	struct footer_key keys[10];
	size_t n = 0;
	int x = 0, w = ui_cols();

	/* the keys of help_key_table that have a footer, the step's hint after the first */
	for (size_t i = 0; i < help_n_keys && n < sizeof keys / sizeof keys[0] - 1; i++) {
		const struct help_key *k = &help_key_table[i];
		const char *key = text ? k->footer_key_in_text : k->footer_key;
		if (!key)
			continue;
		/* the findings view's key, where the step has findings to show */
		if (k->footer_with_findings &&
		    (a->s->wz.step == WIZARD_CONNECT ||
		     !wizard_step_findings(&a->s->wz, a->s->wz.step, NULL)))
			continue;
		keys[n++] = (struct footer_key){key, k->footer};
		if (n > 1 || !hint)
			continue;
		/* a hint names its own key when it is not Enter ("Left/Right change" on a
		 * radio group): the label goes with that key, not with Enter */
		if (strncmp(hint, "Left/Right ", 11) == 0)
			keys[n++] = (struct footer_key){"Left/Right", hint + 11};
		else
			keys[n++] = (struct footer_key){"Enter", hint};
	}
	/* an 80-column footer with a long Enter label and ^F drops what a user finds
	 * without it first (Tab, then ^S: both are in F1's list of keys), so that the
	 * keys it shows are never cut */
	for (const char *drop[] = {"Tab", "^S", NULL}, **d = drop; *d; d++) {
		int total = 0;
		for (size_t i = 0; i < n; i++)
			total += 2 + theme_width(keys[i].key) + theme_width(keys[i].what);
		if (total <= w)
			break;
		for (size_t i = 0; i < n; i++)
			if (strcmp(keys[i].key, *d) == 0) {
				memmove(&keys[i], &keys[i + 1], (n - i - 1) * sizeof keys[0]);
				n--;
				break;
			}
	}
	theme_put(stdscr, ui_lines() - 1, 0, w, ROLE_FOOTER, "", true);
	for (size_t i = 0; i < n && x < w; i++) {
		x += theme_put(stdscr, ui_lines() - 1, x, w - x, ROLE_FOOTER, " ", false);
		x += theme_put(stdscr, ui_lines() - 1, x, w - x, ROLE_FOOTER_KEY, keys[i].key, false);
		x += theme_put(stdscr, ui_lines() - 1, x, w - x, ROLE_FOOTER, " ", false);
		x += theme_put(stdscr, ui_lines() - 1, x, w - x, ROLE_FOOTER, keys[i].what, false);
	}
}

static void paint_frame(void *ctx)
{
	struct app *a = ctx;
	int y, x;

	a->by = 1;
	a->bx = SIDEBAR_W + 1;
	a->bh = ui_lines() - 3;
	a->bw = ui_cols() - SIDEBAR_W - 2;
	paint_title(a);
	paint_sidebar(a);
	if (a->cur) {
		a->cur->layout(a);
		if (a->cur->paint)
			a->cur->paint(a);
		form_draw(&a->form);
	}
	/* a status longer than the row ends in a cut mark; F1 then shows all of it (the
	 * findings view), so the row keeps every cell for the text itself */
	theme_put(stdscr, ui_lines() - 2, 0, ui_cols(), a->status_role,
		  a->status ? a->status : "", true);
	paint_footer(a);
	if (form_cursor(&a->form, &y, &x)) {
		move(y, x);
		curs_set(1);
	} else {
		curs_set(0);
	}
}

/* --- steps --- */

static void enter_step(struct app *a)
{
	a->cur = steps_table[a->s->wz.step];
	MEM_ASSERT(a->cur != NULL);
	form_free(&a->form);
	a->priv = NULL;
	/* the last step's tip or refusal is not about this step: a step without a tip of
	 * its own shows none; a pending message survives this one change only */
	if (!a->status_pending) {
		free(a->status);
		a->status = NULL;
		a->status_role = ROLE_NORMAL;
	}
	a->cur->enter(a);
	a->status_pending = false;
	/* what the screen shows as defaults is the choice until changed */
	a->cur->sync(a);
	app_recheck(a);
	ui_log("enter step %s", wizard_step_name(a->s->wz.step));
	draft_ui_autosave(a);
}

static void leave_step(struct app *a)
{
	if (!a->cur)
		return;
	a->cur->sync(a);
	a->cur->leave(a);
	form_free(&a->form);
	a->priv = NULL;
	a->cur = NULL;
}

void app_next(struct app *a)
{
	enum wizard_step from = a->s->wz.step;

	a->cur->sync(a);
	if (a->cur->validate && a->cur->validate(a) < 0) {
		app_status(a, ROLE_ERROR, "Cannot continue: %s", err_msg());
		a->status_refusal = true;
		return;
	}
	if (wizard_next(&a->s->wz) < 0) {
		app_status(a, ROLE_ERROR, "Cannot continue: %s", err_msg());
		a->status_refusal = true;
		return;
	}
	a->s->wz.step = from;
	leave_step(a);
	wizard_next(&a->s->wz);
	enter_step(a);
}

void app_goto_step(struct app *a, enum wizard_step from)
{
	enum wizard_step to = a->s->wz.step;

	a->s->wz.step = from;
	leave_step(a);
	a->s->wz.step = to;
	enter_step(a);
}

static void go_back(struct app *a)
{
	enum wizard_step from = a->s->wz.step;

	a->cur->sync(a);
	if (wizard_back(&a->s->wz) < 0) {
		app_status(a, ROLE_WARNING, "This is the first step: nothing to go back to.");
		return;
	}
	enum wizard_step to = a->s->wz.step;
	a->s->wz.step = from;
	leave_step(a);
	a->s->wz.step = to;
	enter_step(a);
}

char *app_default_save_path(const struct app *a)
{
	if (a->save_as && *a->save_as)
		return xstrdup(a->save_as);
	if (a->s->wz.path)
		return xstrdup(a->s->wz.path);
	return wizard_default_plan_path(a->s->wz.plan->name, NULL);
}

/* Where to write when path exists and is not this run's plan: asks Overwrite / Save
 * as... / Cancel (Cancel the default, as Esc). Returns the path to write (the caller's)
 * or NULL when nothing is to be written. */
static char *resolve_target(struct app *a, const char *path)
{
	static const char *const labels[] = {"Overwrite", "Save as...", "Cancel"};
	char *target = xstrdup(path);

	while (wizard_save_target(&a->s->wz, target) == WIZARD_SAVE_EXISTS) {
		char *q = xasprintf("%s already exists and is not the plan this session opened or "
				    "saved. Overwriting it replaces what is in it.", target);
		int r = dialog_choice("The file exists", q, labels, 3, 2);
		free(q);
		if (r == 0)
			break;
		if (r == 1) {
			char *def = wizard_default_plan_path(a->s->wz.plan->name, NULL);
			char *name = dialog_input("Save as", "Save the plan under another name "
						  "(relative names are in the directory the "
						  "wizard started in).", "File:", def);
			free(def);
			if (name) {
				free(target);
				target = name;
				continue;
			}
		}
		app_status(a, ROLE_WARNING, "Not saved: %s exists and was left as it was.", target);
		free(target);
		return NULL;
	}
	return target;
}

int app_save(struct app *a, const char *path)
{
	char *target, *layout, *next, abs[PATH_MAX];
	struct layout_opts lo = {.ascii = false, .width = 76, .lookup = app_layout_lookup, .ctx = a};
	int errors;

	if (path && *path)
		target = resolve_target(a, path);
	else {
		char *def = app_default_save_path(a);
		target = resolve_target(a, def);
		free(def);
	}
	if (!target)
		return -1;
	layout = layout_draw(a->s->wz.plan, &lo);
	if (plan_yaml_save(a->s->wz.plan, target, layout) < 0) {
		app_status(a, ROLE_ERROR, "Not saved: %s", err_msg());
		free(layout);
		free(target);
		return -1;
	}
	free(layout);
	wizard_mark_saved(&a->s->wz, target);
	/* later Ctrl-S go to the same file, whatever the review's field said */
	mem_set_str(&a->save_as, target);
	errors = wizard_check(&a->s->wz);
	if (!realpath(target, abs))
		snprintf(abs, sizeof abs, "%s", target);
	free(a->saved_msg);
	a->saved_msg = wizard_saved_message(abs, target);
	next = wizard_next_commands(target);
	if (errors)
		app_status(a, ROLE_WARNING, "Saved to %s, with %d error%s still to fix. Next: %s",
			   abs, errors, errors == 1 ? "" : "s", next);
	else
		app_status(a, ROLE_OK, "Saved to %s. Next: %s", abs, next);
	free(next);
	free(target);
	return 0;
}

/* The findings view: every finding of the step whole (vic-machine's words, where they
 * come from, the hint 'vchnet check' prints), the status line's refusal when it was
 * cut, and a button per one-action fix; a fix goes through the plan and the step is
 * entered again, as after a manual change. Returns false when there was nothing to
 * show. */
static bool findings_view(struct app *a)
{
	enum { MAX_FIX = 4 };

	for (;;) {
		enum wizard_step s = a->s->wz.step;
		struct wizard_fix fixes[MAX_FIX];
		const char *buttons[MAX_FIX + 1];
		size_t nfix = 0, shown = 0;
		char *text = xstrdup(""), *t;
		int r;

		if (a->status && theme_width(a->status) > ui_cols()) {
			t = xasprintf("The status line says: %s\n\n", a->status);
			free(text);
			text = t;
		}
		for (size_t i = 0; i < a->s->wz.findings.n; i++) {
			const struct finding *f = &a->s->wz.findings.v[i];
			if (!finding_on_step(f, s))
				continue;
			char *one = findings_explain(f, wizard_step_title(wizard_step_of_path(f->path)));
			t = xasprintf("%s%s%s", text, shown ? "\n\n" : "", one);
			free(text);
			free(one);
			text = t;
			shown++;
			nfix += wizard_fixes(&a->s->wz, f, fixes + nfix, MAX_FIX - nfix);
		}
		if (!shown && !text[0]) {
			free(text);
			return false;
		}
		for (size_t i = 0; i < nfix; i++)
			buttons[i] = fixes[i].label;
		buttons[nfix] = "Field help";
		t = xasprintf("Findings: %s", wizard_step_title(s));
		r = pager_run(&(struct pager_opts){.title = t, .text = text, .wrap = true,
						   .buttons = buttons, .n_buttons = nfix + 1});
		free(t);
		free(text);
		if (r < 0)
			return true;
		if ((size_t)r == nfix) {
			help_ui_show(a);
			return true;
		}
		/* the same path as a change made on the screen: the widgets write the plan,
		 * the fix changes it, the step opens again showing it, the rules run */
		size_t focus = a->form.focus;
		leave_step(a);
		int errors = wizard_apply_fix(&a->s->wz, &fixes[r]);
		enter_step(a);
		/* the focus stays where the user was (the field just fixed, usually) */
		if (focus < a->form.n && !a->form.v[focus]->hidden)
			form_focus(&a->form, a->form.v[focus]);
		/* back on the step, showing the change; F1 again for what is left */
		app_status(a, ROLE_OK, "Done: %s.%s", fixes[r].label,
			   errors ? " F1 shows what is left." : " No errors left.");
		return true;
	}
}

static void show_help(struct app *a)
{
	size_t errors = 0;

	/* F1 on a step with errors (or a refusal the status line cuts) opens the findings
	 * whole; its "Field help" button leads to the usual help */
	wizard_step_findings(&a->s->wz, a->s->wz.step, &errors);
	/* Connect's "errors" are the address and user not typed yet: its help is what
	 * a first-time user needs there */
	if (a->s->wz.step != WIZARD_CONNECT && (errors > 0 || (a->status && theme_width(a->status) > ui_cols())) && findings_view(a))
		return;
	help_ui_show(a); /* screens/help_ui.c: field, step, vchnet(1) section, all keys */
}

/* Asks before quitting with unsaved choices. Returns true to quit. Quitting without
 * saving keeps the choices as a draft unless the user says to discard them. */
static bool confirm_quit(struct app *a)
{
	static const char *const labels[] = {"Save and quit", "Quit, keep draft", "Discard", "Cancel"};

	a->cur->sync(a);
	if (!wizard_unsaved(&a->s->wz) || nothing_chosen(a))
		return true;
	switch (dialog_choice("Quit", "The plan has choices that are not saved yet. Save them "
				      "before quitting? Without saving, they are kept as a draft "
				      "that 'vchnet wizard' offers to resume; Discard removes them.",
			      labels, 4, 3)) {
	case 0:
		return app_save(a, NULL) == 0;
	case 1:
		a->keep_draft = true;
		return true;
	case 2:
		if (!dialog_confirm("Discard the choices?", "The choices of this session are "
				    "removed for good: no plan and no draft is kept. Discard them?",
				    "Discard", "Keep them", false))
			return false;
		return true;
	default:
		return false;
	}
}

/* A "Cannot continue" on the status line once its cause is fixed would send the user
 * looking for an error that is gone: it goes (the screen shows errors as they come, so
 * no "fixed" claim that a later change could make stale). */
static void refusal_lifted(struct app *a)
{
	/* (on Connect and Review the refusal is about the step itself, not an error) */
	if (!a->status_refusal || a->s->wz.step == WIZARD_CONNECT || a->s->wz.step == WIZARD_REVIEW)
		return;
	if (wizard_blocking(&a->s->wz, a->s->wz.step, NULL) > 0 ||
	    (a->cur->validate && a->cur->validate(a) < 0)) {
		err_clear();
		return;
	}
	app_status(a, ROLE_NORMAL, "%s", "");
}

static void run(struct app *a)
{
	ui_layer_push(paint_frame, a);
	enter_step(a);
	ui_repaint();
	while (!a->quit) {
		struct widget *f = form_focused(&a->form), *who = NULL;
		enum wizard_step step = a->s->wz.step;
		struct key_event ev = keys_meaning(ui_read(-1), f && widget_takes_text(f));
		enum widget_res r = WIDGET_IGNORED;

		switch (ev.act) {
		case KEY_ACT_NONE:
		case KEY_ACT_RESIZE:
		case KEY_ACT_REDRAW:
			continue;
		case KEY_ACT_INTERRUPT:
			a->quit = true;
			a->exit_code = 128 + ui_interrupted();
			continue;
		case KEY_ACT_NEXT:
			/* a step may take Next itself first, told by who NULL (connect:
			 * connects, then goes on) */
			if (!a->cur->key(a, ev, WIDGET_IGNORED, NULL))
				app_next(a);
			break;
		case KEY_ACT_ESC:
			/* Esc in a filtered list clears the filter first: the step stays */
			if (f && f->kind == WIDGET_LIST && f->filter && f->filter[0]) {
				struct key_event kill = {KEY_ACT_KILL_LINE, 0};
				r = form_key(&a->form, kill, &who);
				if (!a->cur->key(a, kill, r, who) && r == WIDGET_CHANGED) {
					a->cur->sync(a);
					app_recheck(a);
				}
				break;
			}
			go_back(a);
			break;
		case KEY_ACT_SAVE:
			a->cur->sync(a);
			app_save(a, NULL);
			break;
		case KEY_ACT_HELP:
			show_help(a);
			break;
		case KEY_ACT_FINDINGS:
			/* the findings view whatever F1 would open: warnings too */
			a->cur->sync(a);
			app_recheck(a);
			if (a->s->wz.step == WIZARD_CONNECT || !findings_view(a))
				app_status(a, ROLE_NORMAL, "No findings on this step: F1 explains the "
					   "focused item.");
			break;
		case KEY_ACT_QUIT:
			if (confirm_quit(a))
				a->quit = true;
			break;
		default:
			r = form_key(&a->form, ev, &who);
			if (a->cur->key(a, ev, r, who))
				break;
			if (r == WIDGET_CHANGED) {
				a->cur->sync(a);
				app_recheck(a);
			}
			break;
		}
		if (ui_interrupted()) {
			a->quit = true;
			a->exit_code = 128 + ui_interrupted();
		}
		if (!a->quit)
			refusal_lifted(a);
		if (!a->quit && step == a->s->wz.step)
			tip_follows_focus(a, f);
		if (!a->quit)
			ui_repaint();
	}
	leave_step(a);
	a->kept_draft = draft_ui_finish(a);
	ui_layer_pop();
}

static void app_free(struct app *a)
{
	form_free(&a->form);
	free(a->status);
	free(a->saved_msg);
	free(a->draft_error);
	free(a->save_as);
	free(a->kept_draft);
	mem_free_secret(a->prefill_password);
}

/* The screens as the wizard command runs them (cli.h). */
static int app_run(struct session *s, const struct wizard_face_opts *o)
{
	struct ui_opts uo = {.ascii = o->ascii, .no_color = o->no_color, .log_path = o->log_path};
	struct app a;
	const char *plan_path = o->plan_path;

	memset(&a, 0, sizeof a);
	a.s = s;
	{
		/* found as the other commands find it (VCHNET_PASSWORD, GOVC_PASSWORD,
		 * --password-file); without one the field stays empty */
		struct conn pc;
		memset(&pc, 0, sizeof pc);
		pc.password_file = a.s->copts.password_file; /* borrowed */
		if (conn_read_password(&pc, CONN_NO_PASSWORD_PROMPT) == 0) {
			a.prefill_password = pc.password;
		} else if (a.s->copts.password_file) {
			fprintf(stderr, "vchnet: %s\n", san(err_msg()));
			app_free(&a);
			return EXIT_USAGE;
		}
	}

	if (ui_init(&uo) < 0) {
		fprintf(stderr, "vchnet: %s\n", san(err_msg()));
		app_free(&a);
		return EXIT_USAGE;
	}
	if (plan_path) {
		app_status(&a, ROLE_NORMAL, "Resuming %s: sign in to check it against vCenter.", plan_path);
		a.status_pending = true;
	}
	if (!plan_path)
		draft_ui_offer(&a);
	run(&a);
	ui_end();

	if (a.saved_msg)
		fputs(a.saved_msg, stdout);
	if (a.exit_code >= 128 && (a.kept_draft || (a.s->wz.visited & ~WIZARD_STEP_BIT(WIZARD_CONNECT)))) {
		char *outcome = session_draft_outcome(a.kept_draft, a.draft_error);
		fprintf(stderr, "vchnet: interrupted; %s\n", outcome);
		free(outcome);
	} else if (a.exit_code == 0 && wizard_unsaved(&a.s->wz) && !nothing_chosen(&a)) {
		char *outcome = a.kept_draft ? session_draft_outcome(a.kept_draft, NULL)
					     : xstrdup("the choices were discarded (no draft kept)");
		printf("vchnet: quit without saving the plan; %s\n", outcome);
		free(outcome);
	}
	int code = a.exit_code;
	app_free(&a);
	return code;
}

const struct wizard_face wizard_face_screens = {.steps = steps_available, .run = app_run};
