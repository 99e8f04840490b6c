/* precheck: the live pre-checks of a plan against the inventory (see precheck.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "err.h"
#include "findings.h"
#include "firewall.h"
#include "inuse.h"
#include "inv.h"
#include "mem.h"
#include "plan.h"
#include "precheck.h"
#include "sanitize.h"
#include "vsphere.h"

static bool nz(const char *s)
{
	return s && *s;
}

static bool str_eq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* ---- target objects ---------------------------------------------------------------- */

static bool in_dc(const struct inv_obj *o, const struct inv_obj *dc)
{
	return !dc || str_eq(o->datacenter, dc->id);
}

static const struct inv_obj *find_dc(const struct inv *inv, const struct plan *p)
{
	const char *want = p->target.datacenter;
	if (!nz(want)) {
		if (inv->n_datacenters == 1)
			return &inv->datacenters[0].o;
		err_set("target.datacenter is not set and the inventory has %zu datacenters; name "
			"one in target.datacenter", inv->n_datacenters);
		return NULL;
	}
	const struct inv_obj *dc = inv_find(inv, INV_DATACENTER, want, NULL);
	if (!dc) {
		/* a copy: err_set() must not read the buffer it writes */
		char *why = xstrdup(err_msg());
		err_set("datacenter \"%s\" not found: %s", want, why);
		free(why);
	}
	return dc;
}

static const struct inv_compute *find_compute(const struct inv *inv, const struct plan *p,
					      const struct inv_obj *dc)
{
	const char *want = p->target.compute_resource;
	if (!nz(want)) {
		const struct inv_compute *only = NULL;
		size_t n = 0;
		for (size_t i = 0; i < inv->n_computes; i++)
			if (in_dc(&inv->computes[i].o, dc)) {
				only = &inv->computes[i];
				n++;
			}
		if (n == 1)
			return only;
		err_set("target.computeResource is not set and datacenter %s has %zu compute "
			"resources; name one in target.computeResource", dc->name, n);
		return NULL;
	}
	const struct inv_compute *c = inv_find_compute(inv, want, dc->id);
	if (c)
		return c;
	char *first = xstrdup(err_msg());
	/* vic-machine also takes a path below the host folder, and a resource pool */
	char *rel = want[0] == '/' ? xstrdup(want) : xasprintf("%s/host/%s", dc->path, want);
	for (size_t i = 0; i < inv->n_computes; i++)
		if (str_eq(inv->computes[i].o.path, rel)) {
			c = &inv->computes[i];
			goto out;
		}
	for (size_t i = 0; i < inv->n_pools; i++) {
		const struct inv_pool *pool = &inv->pools[i];
		if (!str_eq(pool->o.path, rel) || !pool->owner)
			continue;
		const struct inv_obj *o = inv_find_id(inv, pool->owner);
		if (o && o->kind == INV_COMPUTE) {
			c = (const struct inv_compute *)o;
			goto out;
		}
	}
	err_set("compute resource \"%s\" not found: %s", want, first);
out:
	free(first);
	free(rel);
	return c;
}

/* The datastore part of imageStore: "ds://name/folder" and "name/folder" give "name". */
static char *datastore_name(const char *image_store)
{
	const char *s = image_store;
	if (strncmp(s, "ds://", 5) == 0)
		s += 5;
	const char *slash = strchr(s, '/');
	return slash ? xstrndup(s, (size_t)(slash - s)) : xstrdup(s);
}

static const struct inv_datastore *find_datastore(const struct inv *inv, const struct plan *p,
						  const struct inv_obj *dc)
{
	if (!nz(p->target.image_store)) {
		err_set("target.imageStore is not set; name the datastore for the VCH's images");
		return NULL;
	}
	char *name = datastore_name(p->target.image_store);
	const struct inv_obj *o = inv_find(inv, INV_DATASTORE, name, dc->id);
	if (!o) {
		char *why = xstrdup(err_msg());
		err_set("image datastore \"%s\" not found: %s", name, why);
		free(why);
	}
	free(name);
	return (const struct inv_datastore *)o;
}

int precheck_target(const struct inv *inv, const struct plan *p, struct precheck_target *t,
		    struct findings *f)
{
	memset(t, 0, sizeof *t);
	char *first = NULL;
	t->dc = find_dc(inv, p);
	if (!t->dc) {
		first = xstrdup(err_msg());
		if (f)
			findings_add(f, FINDING_ERROR, "datacenter-not-found", "target.datacenter", false,
				     "run 'vchnet inventory' to see the datacenters", "%s", first);
		err_set("%s", first);
		free(first);
		return -1;
	}
	t->compute = find_compute(inv, p, t->dc);
	if (!t->compute) {
		first = xstrdup(err_msg());
		if (f)
			findings_add(f, FINDING_ERROR, "compute-not-found", "target.computeResource",
				     false, "run 'vchnet inventory' to see the compute resources",
				     "%s", first);
	}
	t->datastore = find_datastore(inv, p, t->dc);
	if (!t->datastore) {
		if (f)
			findings_add(f, FINDING_ERROR, "imagestore-not-found", "target.imageStore",
				     false, "run 'vchnet inventory' to see the datastores", "%s",
				     err_msg());
		if (!first)
			first = xstrdup(err_msg());
	}
	if (first) {
		err_set("%s", first);
		free(first);
		return -1;
	}
	return 0;
}

/* ---- port group resolution ---------------------------------------------------------- */

size_t precheck_resolve(const struct inv *inv, const struct inv_obj *dc, const char *what,
			const struct inv_network ***out)
{
	size_t n = 0, cap = 0;
	*out = NULL;
	if (!nz(what))
		return 0;
	char *path = NULL;
	if (what[0] == '/')
		path = xstrdup(what);
	else if (strchr(what, '/') && dc)
		path = xasprintf("%s/network/%s", dc->path, what);
	for (size_t i = 0; i < inv->n_networks; i++) {
		const struct inv_network *net = &inv->networks[i];
		bool hit = path ? str_eq(net->o.path, path)
				: (str_eq(net->o.name, what) && in_dc(&net->o, dc));
		if (!hit)
			continue;
		xgrow(out, &cap, n + 1, sizeof **out);
		(*out)[n++] = net;
	}
	free(path);
	return n;
}

/* One port group reference of the plan. */
struct ref {
	const char *text;       /* as written */
	char *key;              /* plan key path of the port group */
	char *id_key;           /* plan key path of the recorded id, or NULL */
	const char *id;         /* recorded id, or NULL */
	enum { REF_PUBLIC, REF_CLIENT, REF_MANAGEMENT, REF_BRIDGE, REF_CONTAINER } role;
	const char *alias;      /* container: alias (or port group) */
	const struct inv_network *net; /* resolved, or NULL */
};

static const char *role_flag(int role)
{
	switch (role) {
	case REF_PUBLIC: return "--public-network";
	case REF_CLIENT: return "--client-network";
	case REF_MANAGEMENT: return "--management-network";
	case REF_BRIDGE: return "--bridge-network";
	default: return "--container-network";
	}
}

static const char *role_word(int role)
{
	switch (role) {
	case REF_PUBLIC: return "public";
	case REF_CLIENT: return "client";
	case REF_MANAGEMENT: return "management";
	case REF_BRIDGE: return "bridge";
	default: return "container";
	}
}

/* vic-machine's issue text for a failed lookup or type check of this role. */
static char *vic_issue(const struct ref *r, bool vcenter, const char *inner)
{
	if (r->role == REF_BRIDGE && (vcenter || !strstr(inner, "not found")))
		return xasprintf("An existing distributed port group or opaque network must be "
				 "specified for bridge network on vCenter: %s", inner);
	if (r->role == REF_CONTAINER)
		return xasprintf("Error adding container network \"%s\": %s", r->alias, inner);
	return xasprintf("Error checking network for %s: %s", role_flag(r->role), inner);
}

/* Would this network do for the role? (the candidates offered after a failed lookup) */
static bool fits(const struct ref *r, const struct inv_network *n, bool vcenter)
{
	if (n->uplink)
		return false;
	if (r->role != REF_BRIDGE && str_eq(n->o.name, "bridge"))
		return false;
	if (vcenter && (r->role == REF_BRIDGE || r->role == REF_CONTAINER))
		return n->net_kind != INV_NET_STANDARD;
	return true;
}

static const char *switch_name(const struct inv *inv, const struct inv_network *n)
{
	const struct inv_obj *o = n->switch_id ? inv_find_id(inv, n->switch_id) : NULL;
	return o ? o->name : NULL;
}

static char *candidates(const struct inv *inv, const struct inv_obj *dc, const struct ref *r,
			bool vcenter)
{
	struct strv l = {0};
	size_t total = 0;
	for (size_t i = 0; i < inv->n_networks; i++) {
		const struct inv_network *n = &inv->networks[i];
		if (!in_dc(&n->o, dc) || !fits(r, n, vcenter))
			continue;
		if (++total > 12)
			continue;
		/* the full path only where the name alone is ambiguous, and the switch where
		 * even the path is */
		const struct inv_network **m = NULL;
		size_t same = precheck_resolve(inv, dc, n->o.name, &m);
		free(m);
		size_t same_path = precheck_resolve(inv, dc, n->o.path, &m);
		free(m);
		const char *sw = switch_name(inv, n);
		if (same_path > 1)
			strv_push_owned(&l, xasprintf("\"%s\" (on %s)", n->o.path, sw ? sw : n->o.id));
		else
			strv_push_owned(&l, xasprintf("\"%s\"", same > 1 ? n->o.path : n->o.name));
	}
	char *s;
	if (l.n == 0) {
		s = xasprintf("no network in this datacenter fits the %s role%s", role_word(r->role),
			      vcenter && (r->role == REF_BRIDGE || r->role == REF_CONTAINER)
				      ? " (it needs a distributed port group or an NSX network)" : "");
	} else {
		char *j = strv_join(&l, ", ");
		char *more = total > 12 ? xasprintf(" and %zu more", total - 12) : xstrdup("");
		s = xasprintf("networks that fit the %s role: %s%s", role_word(r->role), j, more);
		free(more);
		free(j);
	}
	strv_free(&l);
	return s;
}

static char *describe(const struct inv *inv, const struct inv_network *n)
{
	const char *sw = switch_name(inv, n);
	return xasprintf("%s (%s%s%s, id %s)", n->o.path, inv_net_kind_name(n->net_kind),
			 sw ? " on " : "", sw ? sw : "", n->o.id);
}

struct ctx {
	const struct inv *inv;
	const struct plan *p;
	const struct precheck_target *t;
	bool vcenter;
	struct findings *f;
	int errors;
};

static void resolve_ref(struct ctx *c, struct ref *r)
{
	const struct inv *inv = c->inv;
	const struct inv_network **m = NULL;
	size_t n = precheck_resolve(inv, c->t->dc, r->text, &m);
	if (n == 1) {
		r->net = m[0];
		free(m);
		return;
	}
	if (n > 1) {
		struct strv l = {0};
		for (size_t i = 0; i < n; i++)
			strv_push_owned(&l, describe(inv, m[i]));
		char *all = strv_join(&l, "; ");
		bool same_path = true;
		for (size_t i = 1; i < n; i++)
			same_path = same_path && str_eq(m[i]->o.path, m[0]->o.path);
		char *inner = xasprintf("ambiguous network %s", r->text);
		char *msg = vic_issue(r, c->vcenter, inner);
		char *hint = xasprintf("\"%s\" matches %zu networks: %s; %s", r->text, n, all,
				       same_path ? "they even share the inventory path, so rename one "
						   "of them in vCenter"
						 : "write the inventory path of the one you mean");
		findings_add(c->f, FINDING_ERROR, "pg-ambiguous", r->key, true, hint, "%s", msg);
		c->errors++;
		free(inner);
		free(msg);
		free(hint);
		free(all);
		strv_free(&l);
		free(m);
		return;
	}
	free(m);

	/* not found */
	if (r->role == REF_BRIDGE && c->p->bridge.create) {
		/* deploy creates it on the named switch: that switch must exist */
		const char *sw = c->p->bridge.create_switch;
		if (nz(sw) && !inv_find(inv, INV_SWITCH, sw, c->t->dc->id)) {
			findings_add(c->f, FINDING_ERROR, "bridge-switch-not-found",
				     "networks.bridge.create.switch", false,
				     "name an existing distributed switch (see 'vchnet inventory')",
				     "the bridge port group \"%s\" does not exist and is to be created, "
				     "but %s", r->text, err_msg());
			c->errors++;
		}
		return;
	}
	if (r->role == REF_BRIDGE && !c->vcenter) {
		findings_add(c->f, FINDING_WARNING, "bridge-will-be-created", r->key, false,
			     "create the port group yourself if it must have uplinks or a VLAN",
			     "the bridge network \"%s\" does not exist on this ESXi host: vic-machine "
			     "will create a vSwitch and a port group of that name (1024 ports, VLAN 1, "
			     "no uplinks)", r->text);
		return;
	}
	char *inner = xasprintf("network '%s' not found", r->text);
	char *msg = vic_issue(r, c->vcenter, inner);
	char *cand = candidates(inv, c->t->dc, r, c->vcenter);
	findings_add(c->f, FINDING_ERROR, "pg-not-found", r->key, true, cand, "%s", msg);
	c->errors++;
	free(inner);
	free(msg);
	free(cand);
	/* the recorded id tells what became of it */
	if (nz(r->id)) {
		const struct inv_obj *o = inv_find_id(inv, r->id);
		if (o && o->kind == INV_NETWORK)
			findings_add(c->f, FINDING_WARNING, "pg-renamed", r->id_key, false,
				     "use the new name (or path) in the plan",
				     "the port group recorded as %s is now named \"%s\" (%s): it was "
				     "renamed", r->id, o->name, o->path);
		else
			findings_add(c->f, FINDING_WARNING, "pg-replaced", r->id_key, false,
				     "choose the port group again (the wizard records the new id)",
				     "the port group recorded as %s no longer exists: it was removed "
				     "or replaced", r->id);
	}
}

static void check_ref(struct ctx *c, struct ref *r)
{
	const struct inv *inv = c->inv;
	const struct inv_network *n = r->net;

	if (nz(r->id) && !str_eq(r->id, n->o.id)) {
		const struct inv_obj *o = inv_find_id(inv, r->id);
		char *then = o && o->kind == INV_NETWORK
			? xasprintf("%s is now \"%s\" (%s)", r->id, o->name, o->path)
			: xasprintf("%s no longer exists", r->id);
		findings_add(c->f, FINDING_WARNING, "pg-id-changed", r->id_key, false,
			     "check that it is the port group you mean, then choose it again in the "
			     "wizard (or update the id)",
			     "\"%s\" is now %s, but the plan recorded %s: the port group was renamed "
			     "or replaced (%s)", r->text, n->o.id, r->id, then);
		free(then);
	}

	if (n->uplink) {
		const char *sw = switch_name(inv, n);
		findings_add(c->f, FINDING_ERROR, "pg-uplink", r->key, false,
			     "choose a port group for virtual machines, not the switch's uplinks",
			     "\"%s\" is the uplink port group of distributed switch %s: it carries the "
			     "hosts' physical uplinks, not VM traffic, so the %s network would not "
			     "work (vic-machine accepts it all the same)", r->text, sw ? sw : "?",
			     role_word(r->role));
		c->errors++;
		return;
	}

	bool strict = r->role == REF_BRIDGE || r->role == REF_CONTAINER;
	if (c->vcenter && strict && n->net_kind == INV_NET_STANDARD) {
		char *inner = xasprintf("\"%s\" is not a Distributed Port Group or an Opaque Network",
					r->text);
		char *msg = vic_issue(r, true, inner);
		char *cand = candidates(inv, c->t->dc, r, true);
		char *hint = xasprintf("on vCenter the %s network must be a distributed port group "
				       "or an NSX network: %s", role_word(r->role), cand);
		findings_add(c->f, FINDING_ERROR, "pg-type", r->key, true, hint, "%s", msg);
		c->errors++;
		free(inner);
		free(msg);
		free(cand);
		free(hint);
		return;
	}

	/* host membership, on vCenter (vic-machine checks bridge and container networks) */
	if (!c->vcenter || !c->t->compute)
		return;
	struct strv missing = {0};
	const struct inv_compute *cr = c->t->compute;
	for (size_t i = 0; i < cr->hosts.n; i++) {
		if (strv_contains(&n->hosts, cr->hosts.v[i]))
			continue;
		const struct inv_obj *h = inv_find_id(inv, cr->hosts.v[i]);
		strv_push(&missing, h && h->path ? h->path : cr->hosts.v[i]);
	}
	if (missing.n) {
		char *list = strv_join(&missing, " ");
		if (strict) {
			findings_add(c->f, FINDING_ERROR, "pg-hosts-missing", r->key, true,
				     "add the missing hosts to the switch (or network), or choose a "
				     "port group every host of the compute resource has",
				     "All cluster hosts must be in the vDS or Opaque Network. \"%s\" is "
				     "missing hosts: [%s]", r->text, list);
			c->errors++;
		} else {
			char *names = NULL;
			struct strv nm = {0};
			for (size_t i = 0; i < missing.n; i++) {
				const char *s = strrchr(missing.v[i], '/');
				strv_push(&nm, s ? s + 1 : missing.v[i]);
			}
			names = strv_join(&nm, ", ");
			findings_add(c->f, FINDING_WARNING, "pg-hosts-missing", r->key, false,
				     "attach every host of the compute resource to it, or keep the VCH "
				     "off those hosts (DRS rules)",
				     "%zu of %zu hosts of %s are not attached to the %s network \"%s\" "
				     "(%s): a VCH running there would lose that network (vic-machine "
				     "does not check this)", missing.n, cr->hosts.n, cr->o.name,
				     role_word(r->role), r->text, names);
			free(names);
			strv_free(&nm);
		}
		free(list);
	}
	strv_free(&missing);
}

/* The same network written two ways: vic-machine compares the text. */
static void check_spelling(struct ctx *c, struct ref *refs, size_t n)
{
	for (size_t j = 1; j < n; j++) {
		if (!refs[j].net)
			continue;
		for (size_t i = 0; i < j; i++) {
			if (refs[i].net != refs[j].net || str_eq(refs[i].text, refs[j].text))
				continue;
			bool bridge = refs[i].role == REF_BRIDGE || refs[j].role == REF_BRIDGE;
			bool both_cn = refs[i].role == REF_CONTAINER && refs[j].role == REF_CONTAINER;
			bool cn_pair = refs[i].role == REF_CONTAINER || refs[j].role == REF_CONTAINER;
			/* a container network may use public's or management's port group */
			if (cn_pair && !bridge && !both_cn)
				continue;
			const char *what = bridge
				? "the bridge network must not be shared with another role, and "
				  "vic-machine compares the text, so it would not notice"
				: both_cn ? "two container networks on one port group"
				: "vic-machine compares the text, so it would not see that these roles "
				  "share a NIC (static IP and gateway rules of shared port groups would be "
				  "skipped)";
			findings_add(c->f, FINDING_ERROR, "pg-spelling", refs[j].key, false,
				     bridge ? "give the bridge its own port group"
					    : "write the port group the same way in every role",
				     "%s \"%s\" and %s \"%s\" are the same port group (%s) written two "
				     "ways: %s", refs[j].key, refs[j].text, refs[i].key, refs[i].text,
				     refs[j].net->o.path, what);
			c->errors++;
			break;
		}
	}
}

int precheck_run(const struct inv *inv, const struct plan *p, struct findings *out)
{
	struct precheck_target t;
	struct ctx c = {.inv = inv, .p = p, .t = &t, .f = out};
	/* a standalone ESXi (HostAgent) takes any network type; so does the inventory of
	 * unknown origin, where vCenter is the safer assumption */
	c.vcenter = !str_eq(inv->api_type, "HostAgent");
	size_t before = findings_count(out, FINDING_ERROR);
	precheck_target(inv, p, &t, out);
	if (!t.dc)
		return (int)(findings_count(out, FINDING_ERROR) - before);

	size_t n = 0;
	struct ref *refs = xcalloc(4 + p->n_containers, sizeof *refs);
	if (nz(p->bridge.port_group))
		refs[n++] = (struct ref){.text = p->bridge.port_group, .role = REF_BRIDGE,
					 .key = xstrdup("networks.bridge.portGroup"),
					 .id_key = xstrdup("networks.bridge.id"), .id = p->bridge.id};
	static const struct { enum plan_role pr; int role; const char *name; } roles[] = {
		{PLAN_ROLE_PUBLIC, REF_PUBLIC, "public"},
		{PLAN_ROLE_CLIENT, REF_CLIENT, "client"},
		{PLAN_ROLE_MANAGEMENT, REF_MANAGEMENT, "management"},
	};
	for (size_t i = 0; i < 3; i++) {
		const struct plan_role_net *rn = plan_role_const(p, roles[i].pr);
		if (!nz(rn->port_group))
			continue; /* defaulted: checked through the role it comes from */
		struct ref *r = &refs[n++];
		r->text = rn->port_group;
		r->role = roles[i].role;
		r->key = xasprintf("networks.%s.portGroup", roles[i].name);
		r->id_key = xasprintf("networks.%s.id", roles[i].name);
		r->id = rn->id;
	}
	for (size_t i = 0; i < p->n_containers; i++) {
		const struct plan_container_net *cn = &p->containers[i];
		if (!nz(cn->port_group))
			continue;
		struct ref *r = &refs[n++];
		r->text = cn->port_group;
		r->role = REF_CONTAINER;
		r->alias = nz(cn->alias) ? cn->alias : cn->port_group;
		r->key = xasprintf("networks.container[%zu].portGroup", i);
	}
	for (size_t i = 0; i < n; i++) {
		resolve_ref(&c, &refs[i]);
		if (refs[i].net)
			check_ref(&c, &refs[i]);
	}
	check_spelling(&c, refs, n);
	inuse_check(inv, p, t.dc, out); /* what already uses the plan's networks */
	for (size_t i = 0; i < n; i++) {
		free(refs[i].key);
		free(refs[i].id_key);
	}
	free(refs);
	return (int)(findings_count(out, FINDING_ERROR) - before);
}

int precheck_live(const struct inv *inv, const struct plan *p, struct findings *out,
		  struct fw_report *fw)
{
	int errors = precheck_run(inv, p, out);
	struct fw_report local;
	struct fw_report *r = fw ? fw : &local;
	if (firewall_check(inv, p, r) == 0) {
		errors += firewall_findings(r, out);
	} else {
		/* the missing target object itself was reported above: name it, once */
		const char *why = err_msg();
		if (strncmp(why, "firewall check: ", 16) == 0)
			why += 16;
		findings_add(out, FINDING_WARNING, "firewall-skipped", "target", false,
			     "fix the target first; then the host firewalls are checked too",
			     "Firewall check SKIPPED (the host firewalls were not checked): %s", why);
		firewall_report_free(r);
	}
	if (!fw)
		firewall_report_free(&local);
	return errors;
}

/* ---- CLI helper ---------------------------------------------------------------------- */

/* vsphere_free() that keeps the message of the failure it cleans up after (a logout may set
 * its own) */
static void free_keep_err(struct vsphere *vs)
{
	char *msg = xstrdup(err_msg());
	vsphere_free(vs);
	err_set("%s", msg);
	free(msg);
}

struct vsphere *precheck_login(struct conn *c, bool (*cancel)(void *arg), void *arg, int *code)
{
	struct vsphere *vs = vsphere_new(c);
	if (c->known_hosts_warning)
		fprintf(stderr, "vchnet: warning: %s\n", c->known_hosts_warning);
	if (cancel)
		vsphere_set_cancel(vs, cancel, arg);
	if (vsphere_connect(vs) < 0)
		goto fail;
	if (vsphere_trusted_by(vs) == VSPHERE_TRUST_INSECURE)
		fprintf(stderr,
			"vchnet: WARNING: --insecure: the certificate of %s was NOT verified "
			"(SHA-256 %s). Anyone on the network path could read the password and "
			"falsify the inventory.\n",
			san(c->host), vsphere_cert(vs) ? san(vsphere_cert(vs)->sha256) : "?");
	/* the password is read only once the server is trusted */
	if (conn_read_password(c, 0) < 0) {
		*code = EXIT_CONNECT;
		vsphere_free(vs);
		return NULL;
	}
	if (vsphere_login(vs, c->username, c->password) < 0)
		goto fail;
	return vs;
fail:
	*code = vsphere_status(vs) == VSPHERE_OK ? EXIT_PROBLEMS : vsphere_exit_code(vs);
	free_keep_err(vs);
	return NULL;
}

struct inv *precheck_open(struct conn *c, enum inv_scope scope, struct vsphere **keep,
			  bool (*cancel)(void *arg), int *code)
{
	if (keep)
		*keep = NULL;
	if (c->inventory) {
		struct inv *inv = inv_yaml_load(c->inventory);
		if (!inv)
			*code = EXIT_USAGE;
		return inv;
	}
	struct vsphere *vs = precheck_login(c, cancel, NULL, code);
	if (!vs)
		return NULL;
	struct inv *inv = inv_fetch(vs, keep != NULL, 0, scope);
	if (!inv) {
		*code = vsphere_status(vs) == VSPHERE_OK ? EXIT_PROBLEMS : vsphere_exit_code(vs);
		free_keep_err(vs);
		return NULL;
	}
	if (keep) {
		*keep = vs;
	} else {
		vsphere_logout(vs);
		vsphere_free(vs);
	}
	return inv;
}
