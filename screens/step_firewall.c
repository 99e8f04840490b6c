/* step_firewall: the live pre-check after the layout — reads the hosts' firewalls again
 * with a progress box (Esc cancels), shows the per-host table with verdicts and
 * reasons, then the pre-check's other findings (port groups, hosts, vMotion) as 'vchnet
 * check' prints them, and offers Fix: a confirmation listing each host and the rule set that will
 * be enabled on it (Cancel is the default), then applies it and checks again. The
 * summary and its time go into the plan's header comment (plan->precheck_summary). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "fwstep.h"
#include "help.h"
#include "inv.h"
#include "mem.h"
#include "sanitize.h"
#include "screens.h"
#include "vsphere.h"

enum { W_TABLE = 1, W_RECHECK, W_FIX };

struct priv {
	struct fwstep s;
	bool checked;
	char *fixed;      /* what the last fix did (firewall_print_fix), or NULL */
	struct dialog_progress *dlg;
};

static bool cancel_cb(void *arg)
{
	struct priv *p = arg;
	return p->dlg && dialog_progress_poll(p->dlg, "reading the hosts' firewalls");
}

static int fetch(struct app *a, void *arg)
{
	struct priv *p = arg;
	struct inv *inv;

	vsphere_set_cancel(a->s->vs, cancel_cb, p);
	inv = inv_fetch(a->s->vs, true, 0, INV_SCOPE_ALL);
	if (!inv)
		return -1;
	inv_free(a->s->inv);
	a->s->inv = inv;
	return 0;
}

static char *fix_to_string(const struct fw_report *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return xstrdup("");
	firewall_print_fix(f, r);
	fclose(f);
	return buf;
}

/* The longest verdict word (UNVERIFIABLE) plus a gap: the verdict goes first, before the
 * host name, so that it is never the part cut at the right edge. */
enum { VERDICT_W = 14 };

static void put_list(FILE *f, const struct strv *v, const char *none)
{
	if (v->n == 0)
		fputs(none, f);
	for (size_t i = 0; i < v->n; i++)
		fprintf(f, "%s%s", i ? ", " : "", san(v->v[i]));
}

/* The per-host report, one logical line per fact (names sanitised, so that a LF in one
 * cannot add a line); wrap_text() fits it to the view. */
static char *report_text(const struct fw_report *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return xstrdup("");
	fprintf(f, "Hosts checked: %zu, those of %s that mount the image datastore %s and are "
		   "connected\n", r->n_hosts, san(r->compute), san(r->datastore));
	for (size_t i = 0; i < r->skipped.n; i++)
		fprintf(f, "  skipped %s\n", san(r->skipped.v[i]));
	if (r->mgmt_ip)
		fprintf(f, "VCH management IP: %s (static, %s)\n", san(r->mgmt_ip), san(r->mgmt_from));
	else
		fprintf(f, "VCH management IP: DHCP (%s)\n", san(r->mgmt_from));
	fprintf(f, "Needed: an enabled rule set allowing dst %d/tcp outbound to that IP\n\n",
		FIREWALL_PORT);
	if (r->n_hosts == 0)
		fputs("No host to check.\n", f);
	else
		fprintf(f, "%-*s%s\n", VERDICT_W, "VERDICT", "HOST");
	for (size_t i = 0; i < r->n_hosts; i++) {
		const struct fw_host *h = &r->hosts[i];
		fprintf(f, "%-*s%s\n", VERDICT_W, firewall_verdict_name(h->verdict), san(h->name));
		fprintf(f, "    firewall %s; rule sets for %d/tcp out: ", firewall_state_name(h->state),
			FIREWALL_PORT);
		put_list(f, &h->rulesets, "none");
		if (h->rulesets.n && h->all_ip)
			fputs(" (all IPs)", f);
		else if (h->rulesets.n) {
			fputs(" (only ", f);
			put_list(f, &h->allowed, "no IP");
			fputc(')', f);
		}
		fputc('\n', f);
		fprintf(f, "    reason: %s\n", san(h->reason));
		if (h->vic_message)
			fprintf(f, "    vic-machine: %s\n", san(h->vic_message));
		if (h->fix)
			fprintf(f, "    fix: %s\n", san(h->fix));
	}
	fclose(f);
	return buf;
}

/* Fits text to w cells: each line is wrapped at word boundaries, its continuation lines
 * indented two cells more than it, so that nothing needs sideways scrolling. Caller
 * frees. */
static char *wrap_text(const char *text, int w)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	const char *p = text;

	if (!f)
		return xstrdup(text);
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p), ind = strspn(p, " ");
		char *line = xstrndup(p + ind, n - ind), **v, **rest;
		int room = w - (int)ind;
		size_t k, kr = 0;
		const char *more;

		/* the first line takes the full width; theme_wrap() lines are prefixes of
		 * their text, so the rest starts after the first one */
		k = theme_wrap(line, room < 12 ? 10 : room, &v);
		fprintf(f, "%*s%s\n", (int)ind, "", k ? v[0] : "");
		more = line + (k ? strlen(v[0]) : strlen(line));
		more += strspn(more, " ");
		if (*more)
			kr = theme_wrap(more, room < 12 ? 10 : room - 2, &rest);
		for (size_t i = 0; i < kr; i++)
			fprintf(f, "%*s%s\n", (int)ind + 2, "", rest[i]);
		if (kr)
			theme_free_lines(rest, kr);
		theme_free_lines(v, k);
		free(line);
		p += n;
		if (*p == '\n')
			p++;
	}
	fclose(f);
	return buf;
}

/* The pre-check's findings the table does not show (port groups, hosts, vMotion), as
 * 'vchnet check' prints them, hint included; "" when there are none. Caller frees. */
static char *other_findings(const struct findings *fs)
{
	char *buf = NULL;
	size_t len = 0, n = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return xstrdup("");
	for (size_t i = 0; i < fs->n; i++) {
		if (fwstep_in_table(&fs->v[i]))
			continue;
		if (n++ == 0)
			fputs("\nBesides the firewalls, the pre-check found:\n", f);
		/* sanitised by findings_format */
		char *one = findings_format(&fs->v[i], NULL, NULL);
		fprintf(f, "  %s", one);
		free(one);
	}
	fclose(f);
	return buf;
}

/* from_top: a new result starts at its first line (a resize keeps the place). */
static void show(struct app *a, bool from_top)
{
	struct priv *p = a->priv;
	struct widget *w = form_find(&a->form, W_TABLE);
	char *table, *text, *wrapped, *others;

	if (p->s.fw_error)
		table = xasprintf("The firewall check could not run: %s\n", p->s.fw_error);
	else
		table = report_text(&p->s.fw);
	others = other_findings(&p->s.findings);
	/* the table first: it is what the step is for; the rest follows it */
	text = xasprintf("%s%s%s%s", p->fixed ? p->fixed : "", p->fixed ? "\n" : "", table,
			 others);
	free(others);
	/* one cell for the scroll mark at the right edge */
	wrapped = wrap_text(text, w->w > 1 ? w->w - 1 : 60);
	widget_text_set(w, wrapped);
	if (from_top)
		w->top = 0;
	free(wrapped);
	free(table);
	free(text);
}

/* The plan's summary without its time (the plan keeps it; on the status line it pushed
 * "Choose Fix" off an 80-column screen). Borrowed. */
static const char *summary(const struct app *a)
{
	const char *s = a->s->wz.plan->precheck_summary, *t = s ? strstr(s, "Z: ") : NULL;

	return t ? t + 3 : s ? s : "";
}

/* Reads the inventory again (fresh firewall state) and runs the pre-check. */
static void check(struct app *a)
{
	struct priv *p = a->priv;
	int rc = 0;

	if (a->s->vs) {
		p->dlg = dialog_progress_start("Firewall pre-check", "Reading the hosts' firewalls "
					       "from vCenter ...", true);
		rc = guard_call(a, "reading the hosts' firewalls", fetch, p);
		dialog_progress_end(p->dlg);
		p->dlg = NULL;
		vsphere_set_cancel(a->s->vs, NULL, NULL);
	}
	if (rc < 0) {
		app_status(a, ROLE_ERROR, "%s", vsphere_status(a->s->vs) == VSPHERE_ERR_CANCELLED
			   ? "Pre-check cancelled: the table shows the last result (if any)."
			   : err_msg());
		if (p->checked)
			return;
	}
	fwstep_check(a->s->inv, a->s->wz.plan, a->s->have_conn ? a->s->conn.host : NULL, &p->s);
	p->checked = true;
	show(a, true);
	if (p->s.errors)
		app_status(a, ROLE_ERROR, "Pre-check: %s. %s", summary(a),
			   firewall_blocking(&p->s.fw) ? "Choose Fix to open the hosts." : "");
	else
		app_status(a, p->s.warnings ? ROLE_WARNING : ROLE_OK, "Pre-check: %s",
			   summary(a));
}

static void enter(struct app *a)
{
	struct priv *p = xcalloc(1, sizeof *p);
	struct widget *w;

	a->priv = p;
	w = form_add(&a->form, widget_text_new(W_TABLE));
	app_field_help(w, help_step(WIZARD_FIREWALL));
	w = form_add(&a->form, widget_button_new(W_RECHECK, "Check again"));
	app_field_help(w, "Reads the hosts' firewalls from vCenter again and repeats the check.");
	w = form_add(&a->form, widget_button_new(W_FIX, "Fix..."));
	app_field_help(w, help_field("firewall.fix"));
	check(a);
	form_focus(&a->form, form_find(&a->form, firewall_blocking(&p->s.fw) ? W_FIX : W_TABLE));
}

static void leave(struct app *a)
{
	struct priv *p = a->priv;
	fwstep_free(&p->s);
	free(p->fixed);
	free(p);
}

static void layout(struct app *a)
{
	int x = a->bx + 1, w = a->bw - 2, y = a->by + 3;

	widget_place(form_find(&a->form, W_RECHECK), y, x, 15, 1);
	widget_place(form_find(&a->form, W_FIX), y, x + 17, 10, 1);
	widget_place(form_find(&a->form, W_TABLE), y + 2, x, w, a->bh - 6);
	if (((struct priv *)a->priv)->checked)
		show(a, false); /* wrapped to the new width */
}

static void paint(struct app *a)
{
	struct priv *p = a->priv;
	int x = a->bx + 1, w = a->bw - 2;
	char *s;

	theme_put(stdscr, a->by, x, w, ROLE_HEADING, "Firewall: can the hosts let the VCH through?", true);
	theme_put(stdscr, a->by + 1, x, w, ROLE_NORMAL,
		  "Each host must let 2377/tcp out to the VCH's management IP.", true);
	s = xasprintf("%zu error%s, %zu warning%s; %zu of %zu hosts OK", p->s.errors,
		      p->s.errors == 1 ? "" : "s", p->s.warnings, p->s.warnings == 1 ? "" : "s",
		      firewall_count(&p->s.fw, FW_OK), p->s.fw.n_hosts);
	if (theme_width(s) > w - 29) { /* 80 columns: the short form */
		free(s);
		s = xasprintf("%zu err, %zu warn; %zu/%zu hosts OK", p->s.errors, p->s.warnings,
			      firewall_count(&p->s.fw, FW_OK), p->s.fw.n_hosts);
	}
	theme_put(stdscr, a->by + 3, x + 29, w - 29, p->s.errors ? ROLE_ERROR : ROLE_OK, s, true);
	free(s);
}

static void sync(struct app *a) { (void)a; }

static void fix(struct app *a)
{
	static const char *const labels[] = {"Cancel", "Enable"};
	struct priv *p = a->priv;
	size_t n = fwstep_plan_fix(&p->s), len = 0;
	char *text = NULL;
	FILE *f;
	int failed;

	if (n == 0) {
		app_status(a, ROLE_NORMAL, "Nothing to fix: no host needs a rule set enabled%s.",
			   firewall_blocking(&p->s.fw) ? " that vchnet may enable (see the reasons)" : "");
		return;
	}
	if (!a->s->vs) {
		app_status(a, ROLE_ERROR, "Fixing needs a vCenter session.");
		return;
	}
	f = open_memstream(&text, &len);
	if (!f)
		return;
	fprintf(f, "These hosts will get a firewall rule set enabled (needs %s):\n",
		FIREWALL_PRIVILEGE);
	for (size_t i = 0; i < p->s.fw.n_hosts; i++) {
		const struct fw_host *h = &p->s.fw.hosts[i];
		/* what each rule set opens, as 'vchnet firewall --fix' says it */
		if (h->fix_action == FW_FIX_ENABLE)
			fprintf(f, "  %s: enable %s (opens %s)\n", san(h->name), san(h->fix_ruleset),
				strcmp(h->fix_ruleset, FIREWALL_RULESET_VSPC) == 0
					? "ALL outbound tcp ports of the host"
					: "outbound tcp 2377 only");
	}
	for (size_t i = 0; i < p->s.fw.n_hosts; i++) {
		const struct fw_host *h = &p->s.fw.hosts[i];
		if (h->fix_action == FW_FIX_NEEDS_ALLOW || h->fix_action == FW_FIX_CANNOT)
			fprintf(f, "  %s: not changed: %s\n", san(h->name), san(h->fix_why));
	}
	fclose(f);
	if (dialog_choice("Fix the host firewalls", text, labels, 2, 0) != 1) {
		free(text);
		app_status(a, ROLE_NORMAL, "Fix cancelled: nothing was changed.");
		return;
	}
	free(text);
	p->dlg = dialog_progress_start("Fix", "Enabling the rule sets and checking again ...", false);
	failed = firewall_fix(a->s->vs, a->s->wz.plan, &a->s->inv, &p->s.fw);
	dialog_progress_end(p->dlg);
	p->dlg = NULL;
	if (failed < 0) {
		app_status(a, ROLE_ERROR, "Fix: %s", err_msg());
		return;
	}
	free(p->fixed);
	p->fixed = fix_to_string(&p->s.fw);
	/* the fix read the inventory again: judge it without another fetch */
	fwstep_check(a->s->inv, a->s->wz.plan, a->s->have_conn ? a->s->conn.host : NULL, &p->s);
	show(a, true);
	if (failed)
		app_status(a, ROLE_ERROR, "%d host%s could not be changed (see the table). Pre-check: %s",
			   failed, failed == 1 ? "" : "s", summary(a));
	else
		app_status(a, p->s.errors ? ROLE_ERROR : ROLE_OK, "Fixed. Pre-check: %s",
			   summary(a));
	/* Fix has nothing left to do now: the table, with the new verdicts, takes focus */
	if (!fwstep_plan_fix(&p->s))
		form_focus(&a->form, form_find(&a->form, W_TABLE));
}

static bool key(struct app *a, struct key_event ev, enum widget_res r, struct widget *who)
{
	(void)ev;
	if (!who || r != WIDGET_ACTIVATED)
		return false;
	if (who->id == W_RECHECK) {
		check(a);
		return true;
	}
	if (who->id == W_FIX) {
		fix(a);
		return true;
	}
	return false;
}

static const char *hint(struct app *a, struct widget *w)
{
	(void)a;
	if (w && w->id == W_RECHECK)
		return "check again";
	if (w && w->id == W_FIX)
		return "fix";
	return NULL;
}

const struct step_def step_firewall = {
	.id = WIZARD_FIREWALL,
	.sidebar = "Firewall",
	.enter = enter,
	.leave = leave,
	.layout = layout,
	.paint = paint,
	.key = key,
	.sync = sync,
	.hint = hint,
};
