/* deploy: the deploy pipeline (see deploy.h). */
#include "deploy.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "conn.h"
#include "err.h"
#include "fileio.h"
#include "findings.h"
#include "firewall.h"
#include "inv.h"
#include "mem.h"
#include "precheck.h"
#include "render.h"
#include "rules.h"
#include "vsphere.h"

#define TASK_POLL_MS 500

struct deploy {
	struct deploy_req req;
	struct deploy_ui ui;
	struct deploy_report rep;
	bool prepared;
	bool vic_usable;       /* located and version fits (dry run goes on without) */
	char *vic_error;       /* why not, for the end of a dry run */
	const char *vic_source; /* where vic-machine was found (static), or NULL */
	struct inv *inv;
};

static const char *const step_titles[DEPLOY_STEP_COUNT] = {
	[DEPLOY_STEP_CHECK] = "Check the plan",
	[DEPLOY_STEP_VICMACHINE] = "Find vic-machine",
	[DEPLOY_STEP_LIVE] = "Check against vCenter",
	[DEPLOY_STEP_BRIDGE] = "Bridge port group",
	[DEPLOY_STEP_FIREWALL] = "Host firewalls",
	[DEPLOY_STEP_CREATE] = "vic-machine create",
};

const char *deploy_step_title(enum deploy_step s)
{
	MEM_ASSERT((unsigned)s < DEPLOY_STEP_COUNT);
	return step_titles[s];
}

/* ---- talking to the user ---------------------------------------------------------- */

static void step(struct deploy *d, enum deploy_step s)
{
	if (d->ui.step)
		d->ui.step(d->ui.ctx, s, step_titles[s]);
}

static void note(struct deploy *d, enum deploy_note kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void note(struct deploy *d, enum deploy_note kind, const char *fmt, ...)
{
	va_list ap;
	char *s;
	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	if (d->ui.note)
		d->ui.note(d->ui.ctx, kind, s);
	free(s);
}

/* Records the failure in the report and returns -1 with the message kept in err_msg(). */
static int fail(struct deploy *d, enum deploy_step s, int code)
{
	d->rep.success = false;
	d->rep.failed_step = s;
	d->rep.exit_code = code;
	/* keep a copy: the UI may run code that records or clears messages */
	mem_set_str(&d->rep.error, err_msg());
	note(d, DEPLOY_NOTE_ERROR, "%s", d->rep.error);
	err_set("%s", d->rep.error);
	return -1;
}

/* 1 go on, 0 the user said no (err_set), -1 cannot ask (err_set). */
static int ask(struct deploy *d, const char *question)
{
	int r;
	if (d->req.assume_yes) {
		note(d, DEPLOY_NOTE_INFO, "%s yes (--yes)", question);
		return 1;
	}
	if (!d->ui.confirm) {
		err_set("%s: cannot ask for a confirmation here; run with --yes to answer yes",
			question);
		return -1;
	}
	r = d->ui.confirm(d->ui.ctx, question);
	if (r == 0)
		err_set("stopped: the answer to \"%s\" was no", question);
	return r;
}

static bool ui_cancel(void *arg)
{
	struct deploy *d = arg;
	return d->ui.should_cancel && d->ui.should_cancel(d->ui.ctx);
}

static void ui_progress(void *arg, int percent)
{
	struct deploy *d = arg;
	if (d->ui.progress)
		d->ui.progress(d->ui.ctx, percent);
}

/* ---- setup ---------------------------------------------------------------------- */

struct deploy *deploy_new(const struct deploy_req *req, const struct deploy_ui *ui)
{
	struct deploy *d = xcalloc(1, sizeof *d);
	MEM_ASSERT(req && req->plan);
	d->req = *req;
	if (ui)
		d->ui = *ui;
	d->rep.exit_code = EXIT_PROBLEMS;
	return d;
}

const struct deploy_report *deploy_report(const struct deploy *d) { return &d->rep; }

void deploy_free(struct deploy *d)
{
	struct deploy_report *r;
	if (!d)
		return;
	r = &d->rep;
	strv_free(&r->applied);
	strv_free(&r->planned);
	strv_free(&r->args);
	strv_free(&r->leftovers);
	free(r->vic_path);
	free(r->vic_version);
	free(r->command);
	free(r->delete_command);
	free(r->next_command);
	free(r->log_path);
	free(r->error);
	if (r->vic_started)
		vicmachine_result_free(&r->vic);
	inv_free(d->inv);
	free(d->vic_error);
	free(d);
}

char *deploy_default_log_path(const char *name, char **note_out)
{
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char stamp[32], *dir = NULL, *path, *safe;
	time_t t = time(NULL);
	struct tm tm;

	*note_out = NULL;
	gmtime_r(&t, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
	/* the VCH name may hold anything: keep the file name to plain characters */
	safe = xstrdup(name && *name ? name : "vch");
	for (char *c = safe; *c; c++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-", *c))
			*c = '_';
	if (state && state[0] == '/')
		dir = xasprintf("%s/vchnet", state);
	else if (home && home[0] == '/')
		dir = xasprintf("%s/.local/state/vchnet", home);
	if (dir && fileio_mkdirs(dir, 0700) != 0) {
		*note_out = xasprintf("cannot use %s for the log (%s); writing it to the current "
				      "directory", dir, err_msg());
		free(dir);
		dir = NULL;
	} else if (!dir) {
		*note_out = xstrdup("neither XDG_STATE_HOME nor HOME is set; writing the log to "
				    "the current directory");
	}
	path = xasprintf("%s%sdeploy-%s-%s.log", dir ? dir : "", dir ? "/" : "", safe, stamp);
	free(dir);
	free(safe);
	return path;
}

/* The command as shell text: path and subcommand, then one option (and value) a line. */
static char *command_text(const char *path, const struct strv *args)
{
	struct strv parts = {0};
	char *q, *out;

	strv_push_owned(&parts, vicmachine_shell_quote(path));
	for (size_t i = 0; i < args->n; i++) {
		q = vicmachine_shell_quote(args->v[i]);
		if (i > 0 && strncmp(args->v[i], "--", 2) == 0) {
			strv_push(&parts, " \\\n    ");
		} else {
			strv_push(&parts, " ");
		}
		strv_push_owned(&parts, q);
	}
	out = strv_join(&parts, "");
	strv_free(&parts);
	return out;
}

/* ---- CHECK and VICMACHINE ---------------------------------------------------------- */

/* Shows the findings (sorted); errors stop the step, warnings need a yes (not in a dry
 * run). what names the check in messages ("the plan", "the live check"); how says
 * where to see them again. */
static int judge(struct deploy *d, enum deploy_step s, struct findings *f, const char *what,
		 const char *how)
{
	size_t nerr, nwarn;

	findings_sort(f);
	nerr = findings_count(f, FINDING_ERROR);
	nwarn = findings_count(f, FINDING_WARNING);
	for (size_t i = 0; i < f->n; i++) {
		char *t = findings_format(&f->v[i], d->req.plan, NULL);
		const char *sev = findings_severity_name(f->v[i].severity);
		size_t n = strlen(t), k = strlen(sev);
		if (n && t[n - 1] == '\n')
			t[n - 1] = '\0';
		/* the note's kind says error or warning already */
		if (strncmp(t, sev, k) == 0 && t[k] == ':' && t[k + 1] == ' ')
			k += 2;
		else
			k = 0;
		/* the hint as a note of its own: a note is one line, so that a face can
		 * sanitise it whole */
		char *hint = strchr(t + k, '\n');
		if (hint)
			*hint++ = '\0';
		note(d, f->v[i].severity == FINDING_ERROR ? DEPLOY_NOTE_ERROR : DEPLOY_NOTE_WARN,
		     "%s", t + k);
		if (hint)
			note(d, DEPLOY_NOTE_INFO, "%s", hint + strspn(hint, " "));
		free(t);
	}
	findings_free(f);
	if (nerr) {
		err_set("%s found %zu error%s: fix %s (%s), then deploy again", what, nerr,
			nerr == 1 ? "" : "s", nerr == 1 ? "it" : "them", how);
		return fail(d, s, EXIT_PROBLEMS);
	}
	note(d, DEPLOY_NOTE_INFO, "%s: no errors, %zu warning%s", what, nwarn,
	     nwarn == 1 ? "" : "s");
	if (nwarn && !d->req.dry_run) {
		char *q = xasprintf("%c%s found %zu warning%s (above). Deploy anyway?",
				    toupper((unsigned char)what[0]), what + 1, nwarn,
				    nwarn == 1 ? "" : "s");
		int r = ask(d, q);
		free(q);
		if (r <= 0)
			return fail(d, s, EXIT_PROBLEMS);
	}
	return 0;
}

static int do_check(struct deploy *d)
{
	struct findings f = {0};

	step(d, DEPLOY_STEP_CHECK);
	rules_check_ex(d->req.plan, &f, RULES_TARGET_REQUIRED);
	return judge(d, DEPLOY_STEP_CHECK, &f, "the offline check",
		     "'vchnet check --offline PLAN' shows them");
}

static int do_vicmachine(struct deploy *d)
{
	struct strv argv = {0};
	enum vicm_source source = VICM_FROM_PATH;
	char *warning = NULL, *text = NULL;
	int num = -1, profile = plan_vic_version_num(d->req.plan);

	step(d, DEPLOY_STEP_VICMACHINE);
	if (render_argv(d->req.plan, &argv) != 0) {
		strv_free(&argv);
		return fail(d, DEPLOY_STEP_VICMACHINE, EXIT_PROBLEMS);
	}
	/* argv[0] is the program as the plan names it; we run the one we locate */
	for (size_t i = 1; i < argv.n; i++)
		strv_push(&d->rep.args, argv.v[i]);
	strv_free(&argv);

	/* found without running it; what it is has been shown before it runs */
	d->rep.vic_path = vicmachine_locate(d->req.vic_machine, d->req.plan->vic_machine,
					    d->req.plan_dir, &source);
	if (d->rep.vic_path) {
		d->vic_source = vicmachine_source_name(source);
		note(d, DEPLOY_NOTE_INFO, "vic-machine: %s (from %s)", d->rep.vic_path,
		     d->vic_source);
	}
	if (d->rep.vic_path && source == VICM_FROM_PLAN) {
		/* a plan may come from anyone: the program it names runs only after a yes,
		 * and never in a dry run */
		if (d->req.dry_run) {
			d->rep.command = command_text(d->rep.vic_path, &d->rep.args);
			note(d, DEPLOY_NOTE_ACTION, "would ask before running %s, which the plan "
						    "names, and then read its version (a dry run "
						    "runs nothing)", d->rep.vic_path);
			strv_push_owned(&d->rep.planned,
					xasprintf("ask before running %s, named by the plan's "
						  "vic.machine", d->rep.vic_path));
			d->vic_usable = true;
			return 0;
		}
		char *q = xasprintf("The plan names the program %s (vic.machine). Run it? vchnet "
				    "runs it now for its version and, after the checks, for "
				    "vic-machine create.", d->rep.vic_path);
		int r = ask(d, q);
		free(q);
		if (r <= 0) {
			d->rep.command = command_text(d->rep.vic_path, &d->rep.args);
			return fail(d, DEPLOY_STEP_VICMACHINE, EXIT_PROBLEMS);
		}
	}
	if (!d->rep.vic_path || vicmachine_version(d->rep.vic_path, &num, &text) != 0 ||
	    vicmachine_version_fits(profile, num, &warning) != 0) {
		d->rep.command = command_text(d->rep.vic_path ? d->rep.vic_path
							      : RENDER_DEFAULT_MACHINE,
					      &d->rep.args);
		free(text);
		if (!d->req.dry_run)
			return fail(d, DEPLOY_STEP_VICMACHINE, EXIT_PROBLEMS);
		/* a dry run shows the rest, and fails at the end */
		note(d, DEPLOY_NOTE_ERROR, "%s", err_msg());
		d->vic_error = xstrdup(err_msg());
		d->rep.failed_step = DEPLOY_STEP_VICMACHINE;
		return 0;
	}
	d->rep.vic_version = text;
	d->rep.command = command_text(d->rep.vic_path, &d->rep.args);
	note(d, DEPLOY_NOTE_INFO, "version %s; the plan is for VIC %d.%d", text, profile / 100,
	     profile % 100);
	if (warning) {
		note(d, DEPLOY_NOTE_WARN, "%s", warning);
		free(warning);
	}
	d->vic_usable = true;
	return 0;
}

int deploy_prepare(struct deploy *d)
{
	d->rep.failed_step = DEPLOY_STEP_COUNT;
	if (do_check(d) != 0 || do_vicmachine(d) != 0)
		return -1;
	d->prepared = true;
	return 0;
}

/* ---- LIVE ---------------------------------------------------------------------- */

static int do_live(struct deploy *d, struct vsphere *vs, const char *username)
{
	const struct plan *p = d->req.plan;
	char *purl = NULL, *phost = NULL, *vurl = NULL, *vhost = NULL;
	int pport = 0, vport = 0;
	bool same;

	step(d, DEPLOY_STEP_LIVE);
	/* the session must be the vCenter and the user vic-machine will use, or the port
	 * group would be made in one place and the VCH deployed in another */
	if (conn_url_normalize(p->target.url, &purl, &phost, &pport) != 0 ||
	    conn_url_normalize(vsphere_url(vs), &vurl, &vhost, &vport) != 0) {
		free(purl);
		free(phost);
		free(vurl);
		free(vhost);
		return fail(d, DEPLOY_STEP_LIVE, EXIT_USAGE);
	}
	same = strcasecmp(phost, vhost) == 0 && pport == vport;
	if (!same)
		err_set("connected to %s:%d but the plan's target.url is %s:%d: vic-machine would "
			"deploy to another vCenter than the one checked here; connect to the "
			"plan's vCenter (drop --url) or fix target.url", vhost, vport, phost, pport);
	free(purl);
	free(phost);
	free(vurl);
	free(vhost);
	if (!same)
		return fail(d, DEPLOY_STEP_LIVE, EXIT_USAGE);
	if (username && strcasecmp(username, p->target.username) != 0) {
		err_set("logged in as %s but the plan's target.username is %s, and vic-machine "
			"gets the same password: log in as %s (drop --username) or change "
			"target.username", username, p->target.username, p->target.username);
		return fail(d, DEPLOY_STEP_LIVE, EXIT_USAGE);
	}
	note(d, DEPLOY_NOTE_INFO, "connected to %s (%s %s) as %s", vsphere_url(vs),
	     vsphere_about_name(vs) ? vsphere_about_name(vs) : "vSphere",
	     vsphere_api_version(vs) ? vsphere_api_version(vs) : "", p->target.username);

	d->inv = inv_fetch(vs, true, 0, INV_SCOPE_ALL);
	if (!d->inv)
		return fail(d, DEPLOY_STEP_LIVE, vsphere_exit_code(vs));
	note(d, DEPLOY_NOTE_INFO, "inventory: %zu host%s, %zu network%s, %zu switch%s",
	     d->inv->n_hosts, d->inv->n_hosts == 1 ? "" : "s", d->inv->n_networks,
	     d->inv->n_networks == 1 ? "" : "s", d->inv->n_switches,
	     d->inv->n_switches == 1 ? "" : "es");
	/* port groups, types, host membership, target objects; the firewall has its own
	 * step, where BLOCKED hosts are fixed rather than reported */
	struct findings f = {0};
	precheck_run(d->inv, p, &f);
	return judge(d, DEPLOY_STEP_LIVE, &f, "the live check",
		     "'vchnet check PLAN' shows them");
}

/* ---- BRIDGE ---------------------------------------------------------------------- */

/* The port group's name as vCenter has it: the last element of an inventory path. */
static const char *pg_name(const char *pg)
{
	const char *slash = strrchr(pg, '/');
	return pg[0] == '/' && slash ? slash + 1 : pg;
}

struct pg_search {
	const struct inv_network *same;  /* on the switch */
	struct strv elsewhere;           /* descriptions of the others */
};

static void search_pg(const struct inv *inv, const char *dc_id, const char *name,
		      const char *switch_id, struct pg_search *s)
{
	memset(s, 0, sizeof *s);
	for (size_t i = 0; i < inv->n_networks; i++) {
		const struct inv_network *n = &inv->networks[i];
		if (!n->o.name || strcmp(n->o.name, name) != 0)
			continue;
		if (dc_id && n->o.datacenter && strcmp(n->o.datacenter, dc_id) != 0)
			continue;
		if (n->net_kind == INV_NET_DVPG && n->switch_id &&
		    strcmp(n->switch_id, switch_id) == 0) {
			s->same = n;
			continue;
		}
		const struct inv_obj *sw = n->switch_id ? inv_find_id(inv, n->switch_id) : NULL;
		if (n->net_kind == INV_NET_DVPG)
			strv_push_owned(&s->elsewhere,
					xasprintf("%s (on switch %s)", n->o.path ? n->o.path : n->o.id,
						  sw ? sw->name : "not visible"));
		else
			strv_push_owned(&s->elsewhere,
					xasprintf("%s (a %s network)", n->o.path ? n->o.path : n->o.id,
						  inv_net_kind_name(n->net_kind)));
	}
}

/* 0 when the existing port group has the VLAN asked for. */
static int check_vlan(const struct inv_network *n, int want, const char *swname)
{
	char *have;
	if (n->vlan == INV_VLAN_ID && n->vlan_id == want)
		return 0;
	if (n->vlan == INV_VLAN_UNKNOWN && want == 0)
		return 0;
	have = inv_vlan_text(n);
	err_set("the port group %s exists on switch %s with VLAN %s, but the plan asks for VLAN "
		"%d: change networks.bridge.create.vlan to match, or fix the port group in "
		"vCenter", n->o.name, swname, have && *have ? have : "(unknown)", want);
	free(have);
	return -1;
}

/* The switch and datacenter by value: the inventory is replaced after the creation. */
struct sw_ref {
	char *dc_id, *id, *name, *type;
};

static int bridge_on_switch(struct deploy *d, struct vsphere *vs, const struct sw_ref *ref,
			    const char *name, int vlan)
{
	const struct plan *p = d->req.plan;
	struct pg_search s;
	char *task = NULL, *what;
	int r;

	search_pg(d->inv, ref->dc_id, name, ref->id, &s);
	if (s.elsewhere.n) {
		char *all = strv_join(&s.elsewhere, ", ");
		err_set("a network named %s exists already elsewhere: %s; vic-machine finds "
			"networks by name, so choose another bridge port group name, or remove "
			"networks.bridge.create and use the existing one", name, all);
		free(all);
		strv_free(&s.elsewhere);
		return fail(d, DEPLOY_STEP_BRIDGE, EXIT_PROBLEMS);
	}
	if (s.same) {
		if (check_vlan(s.same, vlan, ref->name) != 0)
			return fail(d, DEPLOY_STEP_BRIDGE, EXIT_PROBLEMS);
		note(d, DEPLOY_NOTE_INFO, "the port group %s exists on switch %s with VLAN %d: "
					  "reused, nothing to do", name, ref->name, vlan);
		return 0;
	}

	what = xasprintf("create the distributed port group %s on switch %s with VLAN %d", name,
			 ref->name, vlan);
	if (d->req.dry_run) {
		note(d, DEPLOY_NOTE_ACTION, "would %s", what);
		strv_push(&d->rep.planned, what);
		free(what);
		return 0;
	}
	char *q = xasprintf("Create the distributed port group %s on switch %s with VLAN %d?",
			    name, ref->name, vlan);
	r = ask(d, q);
	free(q);
	if (r <= 0) {
		free(what);
		return fail(d, DEPLOY_STEP_BRIDGE, EXIT_PROBLEMS);
	}
	bool task_failed = false;
	char *task_error = NULL;
	if (vsphere_add_dvportgroup(vs, ref->type, ref->id, name, vlan, 0, &task) != 0 ||
	    vsphere_wait_task(vs, task, TASK_POLL_MS, ui_progress, d) != 0) {
		err_prefix("creating the port group %s on switch %s", name, ref->name);
		if (vsphere_status(vs) != VSPHERE_ERR_FAULT) {
			free(task);
			free(what);
			return fail(d, DEPLOY_STEP_BRIDGE, vsphere_exit_code(vs));
		}
		/* A fault (DuplicateName after a request the HTTP layer repeated, or a
		 * concurrent creation) may still leave what we asked for: look. */
		task_failed = true;
		task_error = xstrdup(err_msg());
	}
	/* verify through a fresh inventory, not the task's word */
	inv_free(d->inv);
	d->inv = inv_fetch(vs, true, 0, INV_SCOPE_ALL);
	if (!d->inv) {
		free(task_error);
		free(task);
		free(what);
		return fail(d, DEPLOY_STEP_BRIDGE, vsphere_exit_code(vs));
	}
	search_pg(d->inv, ref->dc_id, name, ref->id, &s);
	strv_free(&s.elsewhere);
	if (task_failed && !s.same) {
		err_set("%s", task_error);
		free(task_error);
		free(task);
		free(what);
		return fail(d, DEPLOY_STEP_BRIDGE, EXIT_PROBLEMS);
	}
	if (task_failed) {
		note(d, DEPLOY_NOTE_WARN, "%s; but the port group is on the switch now, so going "
					  "on", task_error);
		free(task_error);
	}
	if (!s.same) {
		err_set("task %s succeeded but the port group %s is not on switch %s afterwards; "
			"check it in vCenter", task, name, ref->name);
		free(task);
		free(what);
		return fail(d, DEPLOY_STEP_BRIDGE, EXIT_PROBLEMS);
	}
	if (check_vlan(s.same, vlan, ref->name) != 0) {
		free(task);
		free(what);
		return fail(d, DEPLOY_STEP_BRIDGE, EXIT_PROBLEMS);
	}
	/* the live check again, for what concerns the new port group (host membership) */
	struct findings f = {0}, fb = {0};
	precheck_run(d->inv, p, &f);
	for (size_t i = 0; i < f.n; i++)
		if (f.v[i].path && strncmp(f.v[i].path, "networks.bridge", 15) == 0)
			findings_add(&fb, f.v[i].severity, f.v[i].code, f.v[i].path, f.v[i].vic,
				     f.v[i].hint, "%s", f.v[i].message);
	findings_free(&f);
	strv_push_owned(&d->rep.applied, xasprintf("created the distributed port group %s (%s) on "
						   "switch %s with VLAN %d", name, s.same->o.id,
						   ref->name, vlan));
	note(d, DEPLOY_NOTE_ACTION, "created %s on switch %s with VLAN %d (task %s); verified",
	     s.same->o.id, ref->name, vlan, task ? task : "?");
	free(task);
	free(what);
	return judge(d, DEPLOY_STEP_BRIDGE, &fb, "the check of the new port group",
		     "'vchnet check PLAN' shows them");
}

static int do_bridge(struct deploy *d, struct vsphere *vs)
{
	const struct plan *p = d->req.plan;
	const struct plan_bridge *b = &p->bridge;
	const struct inv_obj *dc, *swo;
	struct sw_ref ref;
	int vlan = b->create_vlan > 0 ? b->create_vlan : 0, r;

	step(d, DEPLOY_STEP_BRIDGE);
	if (!b->create) {
		note(d, DEPLOY_NOTE_INFO, "the plan uses the existing port group %s "
					  "(networks.bridge.create is not set): nothing to do",
		     b->port_group);
		return 0;
	}
	dc = inv_find(d->inv, INV_DATACENTER, p->target.datacenter, NULL);
	swo = dc ? inv_find(d->inv, INV_SWITCH, b->create_switch, p->target.datacenter) : NULL;
	if (!swo) {
		err_prefix("networks.bridge.create.switch");
		return fail(d, DEPLOY_STEP_BRIDGE, EXIT_PROBLEMS);
	}
	ref.dc_id = xstrdup(dc->id);
	ref.id = xstrdup(swo->id);
	ref.name = xstrdup(swo->name);
	ref.type = xstrdup(swo->type);
	r = bridge_on_switch(d, vs, &ref, pg_name(b->port_group), vlan);
	free(ref.dc_id);
	free(ref.id);
	free(ref.name);
	free(ref.type);
	return r;
}

/* ---- FIREWALL ---------------------------------------------------------------------- */

/* Captures what a firewall_print*() function writes, without the final newline. */
/* hosts that would refuse the VCH */
static size_t blocked(const struct fw_report *r)
{
	return firewall_count(r, FW_BLOCKED) + firewall_count(r, FW_RESTRICTED);
}

static char *fw_text(void (*print)(FILE *, const struct fw_report *), const struct fw_report *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		mem_die("out of memory");
	print(f, r);
	fclose(f);
	while (len > 0 && buf[len - 1] == '\n')
		buf[--len] = '\0';
	return buf;
}

static int do_firewall(struct deploy *d, struct vsphere *vs)
{
	const struct plan *p = d->req.plan;
	struct fw_report r;
	size_t n;
	char *text;
	int failed;

	step(d, DEPLOY_STEP_FIREWALL);
	if (firewall_check(d->inv, p, &r) != 0) {
		firewall_report_free(&r);
		return fail(d, DEPLOY_STEP_FIREWALL, EXIT_PROBLEMS);
	}
	text = fw_text(firewall_print, &r);
	note(d, DEPLOY_NOTE_COMMAND, "%s", text);
	free(text);
	/* the same decisions as "vchnet firewall --fix", never opening to all IPs */
	n = firewall_plan_fix(&r, false);
	if (n == 0) {
		if (firewall_blocking(&r)) {
			text = fw_text(firewall_print_plan, &r);
			note(d, DEPLOY_NOTE_COMMAND, "%s", text);
			free(text);
			size_t nb = blocked(&r);
			err_set("%zu host%s would refuse the VCH (2377/tcp blocked) and vchnet cannot "
				"open %s without allowing every IP; see 'vchnet firewall PLAN --fix "
				"--allow-all-ips' or change the hosts' allowed IPs",
				nb, nb == 1 ? "" : "s", nb == 1 ? "it" : "them");
			firewall_report_free(&r);
			return fail(d, DEPLOY_STEP_FIREWALL, EXIT_PROBLEMS);
		}
		size_t unsure = firewall_count(&r, FW_UNVERIFIABLE) +
				firewall_count(&r, FW_UNKNOWN) + firewall_count(&r, FW_DISABLED);
		firewall_report_free(&r);
		if (!unsure) {
			note(d, DEPLOY_NOTE_INFO, "every host lets 2377/tcp out: nothing to change");
			return 0;
		}
		note(d, DEPLOY_NOTE_WARN, "%zu host%s could not be verified (see above); vchnet "
					  "does not open %s to every IP", unsure,
		     unsure == 1 ? "" : "s", unsure == 1 ? "it" : "them");
		if (d->req.dry_run)
			return 0;
		char *q2 = xasprintf("%zu host%s may block the VCH on 2377/tcp. Deploy anyway?",
				     unsure, unsure == 1 ? "" : "s");
		int go = ask(d, q2);
		free(q2);
		return go > 0 ? 0 : fail(d, DEPLOY_STEP_FIREWALL, EXIT_PROBLEMS);
	}
	text = fw_text(firewall_print_plan, &r);
	if (d->req.dry_run) {
		note(d, DEPLOY_NOTE_ACTION, "would change the firewall of %zu host%s:", n,
		     n == 1 ? "" : "s");
		note(d, DEPLOY_NOTE_COMMAND, "%s", text);
		for (size_t i = 0; i < r.n_hosts; i++)
			if (r.hosts[i].fix_action == FW_FIX_ENABLE)
				strv_push_owned(&d->rep.planned,
						xasprintf("enable the firewall ruleset %s on host %s",
							  r.hosts[i].fix_ruleset, r.hosts[i].name));
		free(text);
		firewall_report_free(&r);
		return 0;
	}
	note(d, DEPLOY_NOTE_COMMAND, "%s", text);
	free(text);
	char *q = xasprintf("Open the firewall of %zu host%s as shown above?", n, n == 1 ? "" : "s");
	int yes = ask(d, q);
	free(q);
	if (yes <= 0) {
		firewall_report_free(&r);
		return fail(d, DEPLOY_STEP_FIREWALL, EXIT_PROBLEMS);
	}
	/* applies, reads the inventory again and checks again */
	failed = firewall_fix(vs, p, &d->inv, &r);
	if (failed < 0) {
		firewall_report_free(&r);
		return fail(d, DEPLOY_STEP_FIREWALL, vsphere_exit_code(vs));
	}
	for (size_t i = 0; i < r.n_hosts; i++)
		if (r.hosts[i].fix_applied)
			strv_push_owned(&d->rep.applied,
					xasprintf("enabled the firewall ruleset %s on host %s",
						  r.hosts[i].fix_applied, r.hosts[i].name));
	text = fw_text(firewall_print_fix, &r);
	note(d, DEPLOY_NOTE_ACTION, "changed (checked again afterwards):");
	note(d, DEPLOY_NOTE_COMMAND, "%s", text);
	free(text);
	if (failed > 0 || firewall_blocking(&r)) {
		size_t nb = blocked(&r);
		err_set("%s: after the change %zu host%s still block%s 2377/tcp; see the table "
			"above and 'vchnet firewall PLAN'",
			failed > 0 ? "the firewall could not be opened everywhere" : "firewall", nb,
			nb == 1 ? "" : "s", nb == 1 ? "s" : "");
		firewall_report_free(&r);
		return fail(d, DEPLOY_STEP_FIREWALL, EXIT_PROBLEMS);
	}
	firewall_report_free(&r);
	return 0;
}

/* ---- CREATE ---------------------------------------------------------------------- */

static void on_vic_line(void *ctx, const char *line, enum vicm_stage stage)
{
	struct deploy *d = ctx;
	if (d->ui.vic_line)
		d->ui.vic_line(d->ui.ctx, line, stage);
}

static int vic_should_cancel(void *ctx)
{
	return ui_cancel(ctx);
}

static char *next_command(const struct plan *p, const struct vicm_result *v)
{
	const char *mode = p->tls.mode ? p->tls.mode : "no-tlsverify";
	if (v->docker_command)
		return xstrdup(v->docker_command);
	if (!v->docker_host)
		return NULL;
	if (strcmp(mode, "no-tls") == 0)
		return xasprintf("docker -H %s info", v->docker_host);
	if (strcmp(mode, "tlsverify") == 0)
		return xasprintf("docker -H %s --tlsverify --tlscacert=%s/ca.pem --tlscert=%s/cert.pem "
				 "--tlskey=%s/key.pem info", v->docker_host, p->name, p->name,
				 p->name);
	return xasprintf("docker -H %s --tls info", v->docker_host);
}

static void cleanup_advice(struct deploy *d)
{
	const struct plan *p = d->req.plan;
	struct strv del = {0};
	char *words;

	vicmachine_leftovers(d->rep.vic.stage, p->name, p->target.image_store, &d->rep.leftovers);
	if (d->rep.vic.stage >= VICM_STAGE_CREATING) {
		vicmachine_delete_args(&d->rep.args, &del);
		/* no password in it: vic-machine asks, or reads VIC_MACHINE_PASSWORD */
		words = command_text(d->rep.vic_path, &del);
		d->rep.delete_command = words;
		strv_free(&del);
	}
}

static int do_create(struct deploy *d, const char *password)
{
	const struct plan *p = d->req.plan;
	struct vicm_spec spec;
	char *lognote = NULL;
	int r;

	step(d, DEPLOY_STEP_CREATE);
	note(d, DEPLOY_NOTE_COMMAND, "%s", d->rep.command);
	note(d, DEPLOY_NOTE_INFO, "the password goes to vic-machine in its environment "
				  "(VIC_MACHINE_PASSWORD), never on its command line");
	if (d->req.dry_run) {
		note(d, DEPLOY_NOTE_ACTION, "would run the command above (dry run: nothing was "
					    "changed)");
		strv_push(&d->rep.planned, "run vic-machine create");
		return 0;
	}
	if (!d->vic_usable)
		return fail(d, DEPLOY_STEP_VICMACHINE, EXIT_PROBLEMS);
	char *q = xasprintf("Run vic-machine create for the VCH %s now? The program is %s "
			    "(from %s).", p->name, d->rep.vic_path, d->vic_source);
	r = ask(d, q);
	free(q);
	if (r <= 0)
		return fail(d, DEPLOY_STEP_CREATE, EXIT_PROBLEMS);

	d->rep.log_path = d->req.log_path ? xstrdup(d->req.log_path)
					  : deploy_default_log_path(p->name, &lognote);
	if (lognote) {
		note(d, DEPLOY_NOTE_WARN, "%s", lognote);
		free(lognote);
	}
	note(d, DEPLOY_NOTE_INFO, "log: %s", d->rep.log_path);
	memset(&spec, 0, sizeof spec);
	spec.path = d->rep.vic_path;
	spec.args = &d->rep.args;
	spec.password = password;
	spec.log_path = d->rep.log_path;
	spec.on_line = on_vic_line;
	spec.ctx = d;
	spec.grace_ms = d->req.grace_ms;
	r = vicmachine_run(&spec, vic_should_cancel, d, &d->rep.vic);
	d->rep.vic_started = d->rep.vic.started;
	if (!d->rep.vic.started) {
		vicmachine_result_free(&d->rep.vic);
		return fail(d, DEPLOY_STEP_CREATE, EXIT_PROBLEMS);
	}
	if (d->rep.vic.log_warning)
		note(d, DEPLOY_NOTE_WARN, "%s", d->rep.vic.log_warning);
	if (r != 0) {
		cleanup_advice(d);
		return fail(d, DEPLOY_STEP_CREATE, EXIT_PROBLEMS);
	}
	d->rep.next_command = next_command(p, &d->rep.vic);
	return 0;
}

int deploy_execute(struct deploy *d, struct vsphere *vs, const char *username, const char *password)
{
	int r;

	MEM_ASSERT(d->prepared);
	vsphere_set_cancel(vs, ui_cancel, d);
	r = do_live(d, vs, username) != 0 || do_bridge(d, vs) != 0 ||
	    do_firewall(d, vs) != 0 || do_create(d, password) != 0;
	/* d may be freed before the session is used again: leave no callback into it */
	vsphere_set_cancel(vs, NULL, NULL);
	if (r)
		return -1;
	if (d->req.dry_run && !d->vic_usable) {
		d->rep.exit_code = EXIT_PROBLEMS;
		err_set("%s (dry run: nothing was changed)", d->vic_error);
		mem_set_str(&d->rep.error, err_msg());
		return -1;
	}
	d->rep.success = true;
	d->rep.exit_code = EXIT_OK;
	d->rep.failed_step = DEPLOY_STEP_COUNT;
	return 0;
}
