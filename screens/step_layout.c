/* step_layout: the topology drawing of the whole plan (topo_text.h: the endpoint VM, its
 * NICs and port groups, the parties, the container VMs and networks), as wide as the pane,
 * with the problems marked on their element, followed by every finding of the rules
 * engine (errors, then warnings, each with its hint, numbered as the marks), scrollable.
 * Next is refused while any error remains. */
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "mem.h"
#include "screens.h"
#include "topo_text.h"

enum { W_VIEW = 1 };

static char *layout_text(struct app *a, int width)
{
	struct layout_inputs in = {.lookup = app_layout_lookup, .ctx = a, .findings = &a->s->wz.findings};
	struct layout_topo *topo = layout_topo_new(a->s->wz.plan, &in);
	struct topo_text_opts to = {.ascii = !theme_utf8(), .width = width, .no_problems = true};
	char *drawing = topo_text_draw(topo, &to);
	size_t errors = findings_count(&a->s->wz.findings, FINDING_ERROR);
	size_t warnings = findings_count(&a->s->wz.findings, FINDING_WARNING);
	char *text, *tmp;

	if (errors + warnings == 0)
		text = xasprintf("%s\nNo problems found.\n", drawing);
	else
		text = xasprintf("%s\n%zu error%s and %zu warning%s (errors must be fixed; "
				 "Esc goes back to the step):\n", drawing, errors, errors == 1 ? "" : "s",
				 warnings, warnings == 1 ? "" : "s");
	for (size_t i = 0; i < a->s->wz.findings.n; i++) {
		const struct finding *f = &a->s->wz.findings.v[i];
		char **lines;
		size_t n;
		char *one = xasprintf("[%c%zu] %s: %s (%s step)", f->severity == FINDING_ERROR ? 'E' : 'W',
				      i + 1, f->severity == FINDING_ERROR ? "Error" : "Warning", f->message,
				      wizard_step_title(wizard_step_of_path(f->path)));
		n = theme_wrap(one, width - 2, &lines);
		for (size_t k = 0; k < n; k++) {
			tmp = xasprintf("%s%s%s\n", text, k ? "  " : "", lines[k]);
			free(text);
			text = tmp;
		}
		theme_free_lines(lines, n);
		free(one);
		if (f->hint) {
			one = xasprintf("  hint: %s", f->hint);
			n = theme_wrap(one, width - 4, &lines);
			for (size_t k = 0; k < n; k++) {
				tmp = xasprintf("%s%s%s\n", text, k ? "    " : "", lines[k]);
				free(text);
				text = tmp;
			}
			theme_free_lines(lines, n);
			free(one);
		}
	}
	free(drawing);
	layout_topo_free(topo);
	return text;
}

static void enter(struct app *a)
{
	struct widget *w = form_add(&a->form, widget_text_new(W_VIEW));
	app_field_help(w, "The box is the VCH's endpoint VM; each numbered port on its right "
			  "is one network card (NIC), with an arrow to its port group and, "
			  "below it, who the VCH reaches there. The container VMs hang off the "
			  "bridge; their container networks go straight to their own port "
			  "groups. [E1] marks error 1 of the list below, [W2] warning 2. Up, Down, Page Up "
			  "and Page Down scroll; Left and Right scroll sideways.");
	a->priv = NULL;
	app_tip(a, "F10 goes on; Esc goes back to the step to fix.");
}

static void leave(struct app *a) { (void)a; }

static void layout(struct app *a)
{
	struct widget *w = form_find(&a->form, W_VIEW);
	char *text;

	widget_place(w, a->by + 1, a->bx + 1, a->bw - 1, a->bh - 1);
	app_recheck(a);
	text = layout_text(a, a->bw - 3);
	widget_text_set(w, text);
	free(text);
}

static void paint(struct app *a)
{
	size_t errors = findings_count(&a->s->wz.findings, FINDING_ERROR);
	char *s = xasprintf("NIC layout of %s%s", a->s->wz.plan->name ? a->s->wz.plan->name : "the VCH",
			    errors ? "  (errors remain)" : "");
	theme_put(stdscr, a->by, a->bx + 1, a->bw - 2, errors ? ROLE_ERROR : ROLE_HEADING, s, true);
	free(s);
}

static void sync(struct app *a) { (void)a; }

static bool key(struct app *a, struct key_event ev, enum widget_res r, struct widget *who)
{
	(void)a, (void)ev, (void)r, (void)who;
	return false;
}

const struct step_def step_layout = {
	.id = WIZARD_LAYOUT,
	.sidebar = "Layout",
	.enter = enter,
	.leave = leave,
	.layout = layout,
	.paint = paint,
	.key = key,
	.sync = sync,
};
