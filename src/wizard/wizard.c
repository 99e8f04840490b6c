/* wizard: the step machine over a plan, shared by the screens and the tests. */
#include "wizard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "goparse.h"
#include "inuse.h"
#include "inv.h"
#include "layout.h"
#include "mem.h"
#include "precheck.h"
#include "render.h"
#include "rules.h"
#include "sanitize.h"

static const struct {
	const char *name, *title, *intro;
} steps[WIZARD_STEP_COUNT] = {
	[WIZARD_CONNECT] = {"connect", "Connect",
		"Sign in to the vCenter Server that will run the Virtual Container Host (VCH)."},
	[WIZARD_SCOPE] = {"scope", "Scope",
		"Where the VCH runs and stores its images, and its name."},
	[WIZARD_BRIDGE] = {"bridge", "Bridge network",
		"Links the container VMs to the VCH. It needs its own distributed port "
		"group that nothing else uses."},
	[WIZARD_PUBLIC] = {"public", "Public network",
		"Connects the VCH to the outside world: image registries and the ports "
		"that containers publish."},
	[WIZARD_CLIENT] = {"client", "Client network",
		"Where Docker clients reach the VCH's Docker API. By default, the public "
		"network."},
	[WIZARD_MANAGEMENT] = {"management", "Management network",
		"How the VCH reaches vCenter and the ESXi hosts. By default, the client "
		"network."},
	[WIZARD_CONTAINERS] = {"containers", "Container networks",
		"Container networks give containers their own addresses on vSphere networks."},
	[WIZARD_LAYOUT] = {"layout", "Layout",
		"How the VCH's network cards are shared by the roles, and what the checks "
		"found."},
	[WIZARD_FIREWALL] = {"firewall", "Firewall",
		"Checks that the ESXi firewalls let the VCH through."},
	[WIZARD_REVIEW] = {"review", "Review and save",
		"The plan as it will be saved. Nothing is deployed from here."},
};

const char *wizard_step_title(enum wizard_step s)
{
	return (unsigned)s < WIZARD_STEP_COUNT ? steps[s].title : "?";
}

const char *wizard_step_name(enum wizard_step s)
{
	return (unsigned)s < WIZARD_STEP_COUNT ? steps[s].name : "?";
}

const char *wizard_step_intro(enum wizard_step s)
{
	return (unsigned)s < WIZARD_STEP_COUNT ? steps[s].intro : "";
}

void wizard_init(struct wizard *w, struct plan *plan, unsigned available)
{
	memset(w, 0, sizeof *w);
	w->plan = plan;
	w->available = available;
	w->step = WIZARD_CONNECT;
	while (w->step < WIZARD_REVIEW && !wizard_step_applies(w, w->step))
		w->step++;
	w->visited = WIZARD_STEP_BIT(w->step);
}

void wizard_free(struct wizard *w)
{
	plan_free(w->plan);
	plan_free(w->saved);
	free(w->path);
	findings_free(&w->findings);
	memset(w, 0, sizeof *w);
}

bool wizard_step_applies(const struct wizard *w, enum wizard_step s)
{
	if ((unsigned)s >= WIZARD_STEP_COUNT)
		return false;
	return (w->available & WIZARD_STEP_BIT(s)) != 0;
}

int wizard_step_number(const struct wizard *w, enum wizard_step s, int *count)
{
	int n = 0, pos = 0;

	for (int i = 0; i < WIZARD_STEP_COUNT; i++)
		if (wizard_step_applies(w, (enum wizard_step)i)) {
			n++;
			if (i == (int)s)
				pos = n;
		}
	if (count)
		*count = n;
	return pos;
}

static bool has_prefix(const char *path, const char *prefix)
{
	size_t n = strlen(prefix);
	/* "networks.public" matches "networks.public" and "networks.public.ip", not
	 * "networks.publicx" */
	return strncmp(path, prefix, n) == 0 &&
	       (path[n] == '\0' || path[n] == '.' || path[n] == '[');
}

enum wizard_step wizard_step_of_path(const char *path)
{
	static const struct {
		const char *prefix;
		enum wizard_step step;
	} map[] = {
		{"target.url", WIZARD_CONNECT},
		{"target.username", WIZARD_CONNECT},
		{"target.thumbprint", WIZARD_CONNECT},
		{"target", WIZARD_SCOPE},
		{"metadata", WIZARD_SCOPE},
		{"vic", WIZARD_SCOPE},
		{"networks.bridge", WIZARD_BRIDGE},
		{"networks.public", WIZARD_PUBLIC},
		{"networks.dns", WIZARD_PUBLIC},
		{"networks.client", WIZARD_CLIENT},
		{"networks.management", WIZARD_MANAGEMENT},
		{"networks.container", WIZARD_CONTAINERS},
		{"tls", WIZARD_REVIEW}, /* asked on the review step */
	};

	if (!path)
		return WIZARD_LAYOUT;
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (has_prefix(path, map[i].prefix))
			return map[i].step;
	/* "networks" itself: the NIC count, settled once every role is chosen */
	if (strcmp(path, "networks") == 0)
		return WIZARD_MANAGEMENT;
	return WIZARD_LAYOUT;
}

int wizard_check(struct wizard *w)
{
	int errors;

	findings_free(&w->findings);
	errors = rules_check_ex(w->plan, &w->findings, RULES_TARGET_REQUIRED);
	findings_sort(&w->findings);
	return errors;
}

/* The step a finding blocks from: its own, except that steps without a screen hand
 * their findings to the layout step, where every finding is listed. */
static enum wizard_step finding_step(const struct wizard *w, const struct finding *f)
{
	enum wizard_step s = wizard_step_of_path(f->path);

	if (!wizard_step_applies(w, s) && s != WIZARD_CONNECT)
		s = WIZARD_LAYOUT;
	return s;
}

size_t wizard_blocking(const struct wizard *w, enum wizard_step s, const struct finding **first)
{
	size_t n = 0;

	if (first)
		*first = NULL;
	for (size_t i = 0; i < w->findings.n; i++) {
		const struct finding *f = &w->findings.v[i];
		if (f->severity != FINDING_ERROR || finding_step(w, f) > s)
			continue;
		if (n++ == 0 && first)
			*first = f;
	}
	return n;
}

size_t wizard_step_findings(const struct wizard *w, enum wizard_step s, size_t *errors)
{
	size_t n = 0, e = 0;

	for (size_t i = 0; i < w->findings.n; i++) {
		const struct finding *f = &w->findings.v[i];
		if (s != WIZARD_LAYOUT && s != WIZARD_REVIEW && finding_step(w, f) != s)
			continue;
		n++;
		if (f->severity == FINDING_ERROR)
			e++;
	}
	if (errors)
		*errors = e;
	return n;
}

int wizard_next(struct wizard *w)
{
	const struct finding *first;
	size_t n;
	enum wizard_step s;

	if (w->step == WIZARD_CONNECT && !w->connected)
		return err_set("not connected yet: enter the vCenter address, user name and "
			       "password, then choose Connect");
	wizard_check(w);
	n = wizard_blocking(w, w->step, &first);
	if (n > 0) {
		enum wizard_step at = finding_step(w, first);
		if (at != w->step)
			return err_set("%zu error%s to fix first: %s (on the %s step)", n,
				       n == 1 ? "" : "s", first->message, wizard_step_title(at));
		return err_set("%zu error%s to fix first: %s", n, n == 1 ? "" : "s", first->message);
	}
	for (s = w->step + 1; s < WIZARD_STEP_COUNT; s++)
		if (wizard_step_applies(w, s))
			break;
	if (s >= WIZARD_STEP_COUNT)
		return err_set("this is the last step: save the plan with Ctrl-S");
	w->step = s;
	w->visited |= WIZARD_STEP_BIT(s);
	return 0;
}

int wizard_back(struct wizard *w)
{
	for (int s = (int)w->step - 1; s >= 0; s--)
		if (wizard_step_applies(w, (enum wizard_step)s)) {
			w->step = (enum wizard_step)s;
			return 0;
		}
	return err_set("this is the first step");
}

int wizard_goto(struct wizard *w, enum wizard_step s)
{
	if (!wizard_step_applies(w, s))
		return err_set("the %s step is not available", wizard_step_title(s));
	if (!(w->visited & WIZARD_STEP_BIT(s)))
		return err_set("the %s step comes later: finish this one and choose Next",
			       wizard_step_title(s));
	w->step = s;
	return 0;
}

/* Whether the plan already has what the step asks for (so resume may pass it). */
static bool step_filled(const struct wizard *w, enum wizard_step s, unsigned seen)
{
	const struct plan *p = w->plan;

	switch (s) {
	case WIZARD_CONNECT:
		return w->connected;
	case WIZARD_SCOPE:
		return p->name && p->target.datacenter && p->target.compute_resource &&
		       p->target.image_store;
	case WIZARD_BRIDGE:
		return p->bridge.port_group != NULL;
	case WIZARD_PUBLIC:
		return p->public_net.port_group != NULL;
	case WIZARD_CLIENT:
	case WIZARD_MANAGEMENT:
	case WIZARD_CONTAINERS:
		return true;
	case WIZARD_LAYOUT:
	case WIZARD_FIREWALL:
		/* nothing to choose, but something to look at: passed only when the user
		 * saw it before the walk (a draft) */
		return (seen & WIZARD_STEP_BIT(s)) != 0;
	case WIZARD_REVIEW:
	case WIZARD_STEP_COUNT:
		return false;
	}
	return false;
}

int wizard_resume(struct wizard *w, enum wizard_step to, int (*check)(void *ctx, enum wizard_step s),
		  void *ctx)
{
	unsigned seen = w->visited; /* before the walk marks the steps it passes */

	if (to > WIZARD_REVIEW)
		to = WIZARD_REVIEW;
	wizard_check(w);
	while (w->step < to) {
		if (!step_filled(w, w->step, seen)) {
			err_set("the plan makes no choice here yet");
			return 1;
		}
		if (check && check(ctx, w->step) < 0)
			return -1;
		/* refused while errors block, saying which */
		if (wizard_next(w) < 0)
			return -1;
	}
	err_clear();
	return 0;
}

bool wizard_unsaved(const struct wizard *w)
{
	if (w->saved)
		return !plan_equal(w->plan, w->saved);
	/* a new plan: unsaved once it holds any choice */
	struct plan *empty = plan_new();
	bool differs = !plan_equal(w->plan, empty);
	plan_free(empty);
	return differs;
}

void wizard_mark_saved(struct wizard *w, const char *path)
{
	plan_free(w->saved);
	w->saved = plan_dup(w->plan);
	if (path)
		mem_set_str(&w->path, path);
}

bool wizard_step_invalid(const struct wizard *w, enum wizard_step s)
{
	for (size_t i = 0; i < w->findings.n; i++) {
		const struct finding *f = &w->findings.v[i];
		if (f->severity == FINDING_ERROR && finding_step(w, f) == s)
			return true;
	}
	return false;
}

/* --- saving --- */

static bool exists_in(const char *dir, const char *name)
{
	struct stat st;
	char *p = dir ? xasprintf("%s/%s", dir, name) : xstrdup(name);
	bool e = lstat(p, &st) == 0;

	free(p);
	return e;
}

char *wizard_default_plan_path(const char *vch_name, const char *dir)
{
	char *base = xstrdup(vch_name && *vch_name ? vch_name : "vch-plan"), *name;

	/* a file in dir, not a path elsewhere */
	for (char *c = base; *c; c++)
		if (*c == '/')
			*c = '-';
	if (base[0] == '.')
		base[0] = '_';
	name = xasprintf("%s.yaml", base);
	for (int i = 2; exists_in(dir, name) && i < 10000; i++) {
		free(name);
		name = xasprintf("%s-%d.yaml", base, i);
	}
	free(base);
	return name;
}

enum wizard_save_target wizard_save_target(const struct wizard *w, const char *path)
{
	struct stat st, own;

	if (lstat(path, &st) < 0)
		return WIZARD_SAVE_NEW;
	if (w->path && stat(w->path, &own) == 0 && stat(path, &st) == 0 &&
	    own.st_dev == st.st_dev && own.st_ino == st.st_ino)
		return WIZARD_SAVE_OWN;
	return WIZARD_SAVE_EXISTS;
}

char *wizard_next_commands(const char *path)
{
	char *q = render_shell_quote(path);
	char *s = xasprintf("vchnet check %s; vchnet render %s", q, q);

	free(q);
	return s;
}

char *wizard_saved_message(const char *abs, const char *path)
{
	char *q = render_shell_quote(path);
	/* printed after the screen ends: the path may come from the plan's name */
	char *s = xasprintf("Saved the plan to %s\nNext: vchnet check %s\n      vchnet render %s\n",
			    san(abs), q, q);

	free(q);
	return s;
}

/* --- which networks can serve a role --- */

static bool net_is(const struct inv_network *n, const char *pg, const char *id)
{
	if (id && n->o.id && strcmp(id, n->o.id) == 0)
		return true;
	if (!pg)
		return false;
	return strcmp(pg, n->o.name) == 0 || wizard_pg_is(pg, n->o.name) ||
	       (n->o.path && strcmp(pg, n->o.path) == 0);
}

char *wizard_pg_text(const char *name)
{
	return goparse_path_escape(name);
}

bool wizard_pg_is(const char *pg, const char *name)
{
	char *e = goparse_path_escape(name);
	bool same = strcmp(e, pg) == 0;
	free(e);
	return same;
}

static bool role_uses(const struct plan *p, enum plan_role r, const struct inv_network *n)
{
	const struct plan_role_net *rn;

	if (r == PLAN_ROLE_BRIDGE)
		return net_is(n, p->bridge.port_group, p->bridge.id);
	rn = plan_role_const(p, r);
	if (rn->port_group || rn->id)
		return net_is(n, rn->port_group, rn->id);
	/* defaulted: client from public, management from client */
	return net_is(n, plan_effective_port_group(p, r), NULL);
}

const char *wizard_network_refusal(const struct plan *p, const struct inv *inv,
				   const struct inv_obj *scope, bool on_vcenter,
				   enum plan_role role, const struct inv_network *n,
				   char *buf, size_t len, const char **hint)
{
	int hosts, total;
	const char *h_unused;

	if (!hint)
		hint = &h_unused;
	*hint = NULL;

	if (n->uplink) {
		snprintf(buf, len, "an uplink port group (it carries the hosts' uplinks, not VM "
			 "traffic)");
		*hint = findings_hint(FINDINGS_HINT_UPLINK);
		return buf;
	}
	if ((role == PLAN_ROLE_BRIDGE || role == PLAN_ROLE_COUNT) && on_vcenter &&
	    n->net_kind == INV_NET_STANDARD) {
		snprintf(buf, len, "a standard port group; on vCenter the %s needs a distributed "
			 "or NSX one",
			 role == PLAN_ROLE_BRIDGE ? "bridge" : "container network");
		*hint = findings_hint(FINDINGS_HINT_DISTRIBUTED);
		return buf;
	}
	if (role == PLAN_ROLE_BRIDGE) {
		for (int r = PLAN_ROLE_PUBLIC; r < PLAN_ROLE_BRIDGE; r++)
			if (role_uses(p, (enum plan_role)r, n)) {
				snprintf(buf, len, "already the %s network; the bridge needs its own", plan_role_name((enum plan_role)r));
				*hint = findings_hint(FINDINGS_HINT_BRIDGE_OWN);
				return buf;
			}
		for (size_t i = 0; i < p->n_containers; i++)
			if (net_is(n, p->containers[i].port_group, NULL)) {
				snprintf(buf, len, "already a container network; the bridge needs its own");
				*hint = findings_hint(FINDINGS_HINT_BRIDGE_OWN);
				return buf;
			}
		/* another VCH's bridge, or other VMs on it (see inuse.h) */
		if (inuse_bridge_reason(inv, p, n, buf, len)) {
			*hint = findings_hint(FINDINGS_HINT_BRIDGE_OWN);
			return buf;
		}
	} else if (role_uses(p, PLAN_ROLE_BRIDGE, n)) {
		snprintf(buf, len, "already the bridge network, which cannot be shared");
		*hint = findings_hint(FINDINGS_HINT_BRIDGE_OWN);
		return buf;
	}
	if (scope && inv_network_hosts_in(inv, n, scope, &total) < total) {
		hosts = inv_network_hosts_in(inv, n, scope, &total);
		snprintf(buf, len, "only on %d of the %d hosts of %s",
			 hosts, total, scope->name);
		*hint = findings_hint(FINDINGS_HINT_HOSTS_MISSING);
		return buf;
	}
	return NULL;
}

const char *wizard_network_reason(const struct plan *p, const struct inv *inv,
				  const struct inv_obj *scope, bool on_vcenter,
				  enum plan_role role, const struct inv_network *n,
				  char *buf, size_t len)
{
	return wizard_network_refusal(p, inv, scope, on_vcenter, role, n, buf, len, NULL);
}

int wizard_parse_bridge_width(const char *s, int *width)
{
	long v = 0;
	size_t i;

	s += strspn(s, " ");
	for (i = 0; s[i] >= '0' && s[i] <= '9' && v <= 30; i++)
		v = v * 10 + (s[i] - '0');
	if (i == 0 && s[strspn(s, " ")] == '\0') {
		*width = 0;
		return 0;
	}
	if (i == 0 || s[i + strspn(s + i, " ")] != '\0' || v < 1 || v > 30)
		return err_set("bridge width \"%s\": the width must be a whole number from 1 to 30; "
			       "leave it empty for the default (16)", s);
	*width = (int)v;
	return 0;
}

size_t wizard_fixes(const struct wizard *w, const struct finding *fd, struct wizard_fix *out,
		    size_t max)
{
	const struct plan *p = w->plan;
	size_t n = 0;

	if (strcmp(fd->code, "nic-limit") == 0) {
		if (n < max && plan_vic_version_num(p) < 103) {
			out[n] = (struct wizard_fix){.kind = WIZARD_FIX_VIC_13};
			snprintf(out[n++].label, sizeof out->label, "Set VIC version to 1.3");
		}
		if (n < max && p->management_net.port_group && p->management_net.port_group[0]) {
			out[n] = (struct wizard_fix){.kind = WIZARD_FIX_SHARE_MGMT};
			snprintf(out[n++].label, sizeof out->label, "Share management with client");
		}
	} else if (strcmp(fd->code, "role-ip-syntax") == 0) {
		for (int r = PLAN_ROLE_PUBLIC; r < PLAN_ROLE_COUNT && n < max; r++) {
			const struct plan_role_net *pr = plan_role_const(p, (enum plan_role)r);
			struct netaddr a;
			char path[64];
			snprintf(path, sizeof path, "networks.%s.ip", plan_role_name((enum plan_role)r));
			if (!pr || !pr->ip || strcmp(fd->path, path) != 0 ||
			    netaddr_parse_ip(pr->ip, &a) != 0 || !netaddr_is4(&a))
				continue;
			out[n] = (struct wizard_fix){.kind = WIZARD_FIX_ADD_PREFIX, .role = (enum plan_role)r};
			snprintf(out[n++].label, sizeof out->label, "Use %.60s/24", pr->ip);
		}
	}
	return n;
}

int wizard_apply_fix(struct wizard *w, const struct wizard_fix *fx)
{
	struct plan_role_net *pr;
	char *v;

	switch (fx->kind) {
	case WIZARD_FIX_VIC_13:
		mem_set_str(&w->plan->vic_version, "1.3");
		break;
	case WIZARD_FIX_SHARE_MGMT:
		mem_set_str(&w->plan->management_net.port_group, NULL);
		mem_set_str(&w->plan->management_net.id, NULL);
		break;
	case WIZARD_FIX_ADD_PREFIX:
		pr = plan_role(w->plan, fx->role);
		if (pr && pr->ip) {
			v = xasprintf("%s/24", pr->ip);
			mem_set_str(&pr->ip, v);
			free(v);
		}
		break;
	}
	return wizard_check(w);
}
