/* precheck: the live pre-checks of a plan against the inventory (see precheck.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "finder.h"
#include "findings.h"
#include "firewall.h"
#include "goparse.h"
#include "inuse.h"
#include "inv.h"
#include "mem.h"
#include "plan.h"
#include "precheck.h"

static bool nz(const char *s)
{
	return s && *s;
}

static bool str_eq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* One port group reference of the plan. */
struct ref {
	const char *text;       /* as written */
	char *key;              /* plan key path of the port group */
	char *id_key;           /* plan key path of the recorded id, or NULL */
	const char *id;         /* recorded id, or NULL */
	enum { REF_PUBLIC, REF_CLIENT, REF_MANAGEMENT, REF_BRIDGE, REF_CONTAINER } role;
	const char *alias;      /* container: alias (or port group) */
	bool defaulted;         /* a role that takes its port group from another one */
	const struct inv_network *net; /* resolved, or NULL */
	const struct inv_obj *sw;      /* resolved to a distributed switch, or NULL */
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
		if (!finder_in_dc(&n->o, dc) || !fits(r, n, vcenter))
			continue;
		if (++total > 12)
			continue;
		/* the full path only where the name alone is ambiguous, and the switch where
		 * even the path is */
		const struct inv_network **m = NULL;
		size_t same = finder_resolve(inv, dc, n->o.name, &m);
		free(m);
		size_t same_path = finder_resolve(inv, dc, n->o.path, &m);
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
	const struct finder_target *t;
	bool vcenter;
	struct findings *f;
	int errors;
};

static bool pattern_syntax(const char *text)
{
	return strpbrk(text, "*?[\\") || (strchr(text, '/') && text[0] != '/') ||
	       strstr(text, "//") || strstr(text, "/.") ||
	       (text[0] && text[strlen(text) - 1] == '/');
}

static void resolve_ref(struct ctx *c, struct ref *r)
{
	const struct inv *inv = c->inv;
	const struct inv_obj **m = NULL;
	char *ferr = NULL;
	int n = finder_find(inv, c->t->dc, r->text, &m, &ferr);
	if (n < 0) {
		char *msg = vic_issue(r, c->vcenter, ferr);
		char *cand = candidates(inv, c->t->dc, r, c->vcenter);
		char *hint = xasprintf("vic-machine reads \"%s\" as a path of patterns (* ? [...] \\); "
				       "write the name with \\ before * ? [ ] and \\ to mean the "
				       "characters themselves; %s", r->text, cand);
		findings_add(c->f, FINDING_ERROR, "pg-pattern", r->key, true, hint, "%s", msg);
		c->errors++;
		free(msg);
		free(cand);
		free(hint);
		free(ferr);
		return;
	}
	if (n == 1 && m[0]->kind == INV_SWITCH) {
		r->sw = m[0];
		free(m);
		return;
	}
	if (n == 1) {
		r->net = (const struct inv_network *)m[0];
		char *literal = goparse_path_escape(r->net->o.name ? r->net->o.name : "");
		bool plain = str_eq(r->text, literal); /* the name, escaped: no pattern */
		free(literal);
		if (!r->defaulted && !plain && pattern_syntax(r->text) &&
		    !str_eq(r->text, r->net->o.path) && !str_eq(r->text, r->net->o.name))
			findings_add(c->f, FINDING_WARNING, "pg-pattern", r->key, false,
				     "write the port group's name (with \\ before * ? [ ] \\) or its full "
				     "path, so that a new network cannot change what it means",
				     "\"%s\" is read by vic-machine's finder as a pattern or relative "
				     "path: it resolves to %s", r->text, r->net->o.path);
		free(m);
		return;
	}
	if (n > 1) {
		struct strv l = {0};
		for (int i = 0; i < n; i++)
			strv_push_owned(&l, m[i]->kind == INV_NETWORK
				? describe(inv, (const struct inv_network *)m[i])
				: xasprintf("%s (distributed switch, id %s)", m[i]->path, m[i]->id));
		char *all = strv_join(&l, "; ");
		bool same_path = true;
		for (int i = 1; i < n; i++)
			same_path = same_path && str_eq(m[i]->path, m[0]->path);
		char *inner = xasprintf("ambiguous network %s", r->text);
		char *msg = vic_issue(r, c->vcenter, inner);
		char *hint = xasprintf("\"%s\" matches %d networks: %s; %s", r->text, n, all,
				       same_path ? "they even share the inventory path, so rename one "
						   "of them in vCenter"
				       : pattern_syntax(r->text)
					       ? "vic-machine reads * ? [...] as patterns: write the "
						 "inventory path of the one you mean, with \\ before "
						 "* ? [ ] \\"
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
				     "the bridge port group \"%s\" does not exist (vic-machine: An existing "
				     "distributed port group or opaque network must be specified for bridge "
				     "network on vCenter: network '%s' not found) and is to be created, "
				     "but %s", r->text, r->text, err_msg());
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
			     findings_hint(FINDINGS_HINT_UPLINK),
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
	if (!c->vcenter)
		return;
	if (!c->t->compute) {
		if (strict) {
			findings_add(c->f, FINDING_ERROR, "pg-hosts-unchecked", r->key, true,
				     "fix target.computeResource first",
				     "Unable to check hosts in vDS or Opaque Network for \"%s\": Invalid "
				     "cluster. Check --compute-resource", r->text);
			c->errors++;
		}
		return;
	}
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
				     findings_hint(FINDINGS_HINT_HOSTS_MISSING),
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

/* A name that found a distributed switch: vic-machine's finder counts switches as
 * networks. */
static void check_switch(struct ctx *c, struct ref *r)
{
	if (c->vcenter && (r->role == REF_BRIDGE || r->role == REF_CONTAINER)) {
		char *inner = xasprintf("\"%s\" is not a Distributed Port Group or an Opaque Network",
					r->text);
		char *msg = vic_issue(r, true, inner);
		char *cand = candidates(c->inv, c->t->dc, r, true);
		findings_add(c->f, FINDING_ERROR, "pg-type", r->key, true, cand, "%s", msg);
		c->errors++;
		free(inner);
		free(msg);
		free(cand);
		return;
	}
	findings_add(c->f, FINDING_ERROR, "pg-switch", r->key, false,
		     "choose one of the switch's port groups",
		     "\"%s\" is the distributed switch %s, not a port group: vic-machine would "
		     "accept the plan (its lookup counts switches as networks), but its create then "
		     "fails to attach the %s network (\"Failed to get network backing info\")",
		     r->text, r->sw->path, role_word(r->role));
	c->errors++;
}

/* Public, client and management on a standard port group of vCenter: vic-machine
 * accepts it, but a standard port group exists on each host separately, not in vCenter,
 * so the endpoint VM cannot be moved with vMotion (VIC's network requirements). One
 * warning per port group, on the first role written in the plan (or public, when every
 * role takes vic-machine's default "VM Network"). */
static void check_vmotion(struct ctx *c, struct ref *refs, size_t n)
{
	if (!c->vcenter)
		return;
	for (size_t i = 0; i < n; i++) {
		const struct inv_network *net = refs[i].net;
		if (!net || net->uplink || net->net_kind != INV_NET_STANDARD ||
		    refs[i].role == REF_BRIDGE || refs[i].role == REF_CONTAINER)
			continue;
		bool seen = false;
		for (size_t k = 0; k < i && !seen; k++)
			seen = refs[k].net == net && refs[k].role != REF_BRIDGE &&
			       refs[k].role != REF_CONTAINER;
		if (seen)
			continue;
		/* the roles on it, and the key the plan writes it at */
		struct strv roles = {0};
		const struct ref *at = NULL;
		for (size_t k = i; k < n; k++) {
			if (refs[k].net != net || refs[k].role == REF_BRIDGE ||
			    refs[k].role == REF_CONTAINER)
				continue;
			strv_push(&roles, role_word(refs[k].role));
			if (!at && !refs[k].defaulted)
				at = &refs[k];
		}
		if (!at)
			at = &refs[i];
		char *list = roles.n == 1 ? xstrdup(roles.v[0])
			   : roles.n == 2 ? xasprintf("%s and %s", roles.v[0], roles.v[1])
					  : xasprintf("%s, %s and %s", roles.v[0], roles.v[1], roles.v[2]);
		char *what = roles.n == 1 ? xasprintf("the %s network \"%s\" is", list, at->text)
					  : xasprintf("the %s networks are on \"%s\",", list, at->text);
		findings_add(c->f, FINDING_WARNING, "pg-standard-vmotion", at->key, false,
			     findings_hint(FINDINGS_HINT_VMOTION),
			     "%s a standard port group: it keeps the VCH's endpoint VM from being "
			     "moved with vMotion, since a standard port group is set up host by host, "
			     "not once in vCenter (vic-machine does not check this)",
			     what);
		free(what);
		free(list);
		strv_free(&roles);
	}
}

/* Volume stores on datastores (nfs:// ones are mounted by the VCH, not checked here):
 * the datastore must exist in the datacenter, as vic-machine checks. */
static void check_volume_stores(struct ctx *c)
{
	const struct strv *vs = &c->p->target.volume_stores;
	for (size_t i = 0; i < vs->n; i++) {
		const char *colon = strrchr(vs->v[i], ':');
		if (!colon || colon == vs->v[i] || strncmp(vs->v[i], "nfs://", 6) == 0)
			continue; /* the rules judge its form */
		char *raw = xstrndup(vs->v[i], (size_t)(colon - vs->v[i]));
		char *name = finder_datastore_name(raw);
		size_t found = 0;
		for (size_t k = 0; k < c->inv->n_datastores; k++) {
			const struct inv_obj *o = &c->inv->datastores[k].o;
			if (finder_in_dc(o, c->t->dc) && goparse_path_match(name, o->name ? o->name : "") == 1)
				found++;
		}
		if (found == 0 && name[0]) {
			char *key = xasprintf("target.volumeStores[%zu]", i);
			findings_add(c->f, FINDING_ERROR, "volume-store-not-found", key, true,
				     "name a datastore of the datacenter (see 'vchnet inventory'); names "
				     "are case-sensitive",
				     "datastore '%s' not found", name);
			c->errors++;
			free(key);
		}
		free(name);
		free(raw);
	}
}

/* The same network written two ways: vic-machine compares the text. */
static void check_spelling(struct ctx *c, struct ref *refs, size_t n)
{
	for (size_t j = 1; j < n; j++) {
		if (!refs[j].net || refs[j].defaulted)
			continue;
		for (size_t i = 0; i < j; i++) {
			if (refs[i].defaulted || refs[i].net != refs[j].net || str_eq(refs[i].text, refs[j].text))
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
				     bridge ? findings_hint(FINDINGS_HINT_BRIDGE_OWN)
					    : "write the port group the same way in every role",
				     "%s \"%s\" and %s \"%s\" are the same port group (%s) written two "
				     "ways: vic-machine would accept the plan, but %s", refs[j].key, refs[j].text, refs[i].key, refs[i].text,
				     refs[j].net->o.path, what);
			c->errors++;
			break;
		}
	}
}

int precheck_run(const struct inv *inv, const struct plan *p, struct findings *out)
{
	struct finder_target t;
	struct ctx c = {.inv = inv, .p = p, .t = &t, .f = out};
	/* a standalone ESXi (HostAgent) takes any network type; so does the inventory of
	 * unknown origin, where vCenter is the safer assumption */
	c.vcenter = !str_eq(inv->api_type, "HostAgent");
	size_t before = findings_count(out, FINDING_ERROR);
	finder_target(inv, p, &t, out);
	if (!t.dc)
		return (int)(findings_count(out, FINDING_ERROR) - before);

	size_t n = 0;
	struct ref *refs = xcalloc(4 + p->n_containers, sizeof *refs);
	if (nz(p->bridge.port_group))
		refs[n++] = (struct ref){.text = p->bridge.port_group, .role = REF_BRIDGE,
					 .key = xstrdup("networks.bridge.portGroup"),
					 .id_key = xstrdup("networks.bridge.id"), .id = p->bridge.id};
	else if (nz(p->name))
		/* vic-machine's default: the VCH's name */
		refs[n++] = (struct ref){.text = p->name, .role = REF_BRIDGE, .defaulted = true,
					 .key = xstrdup("networks.bridge.portGroup")};
	static const struct { enum plan_role pr; int role; const char *name; } roles[] = {
		{PLAN_ROLE_PUBLIC, REF_PUBLIC, "public"},
		{PLAN_ROLE_CLIENT, REF_CLIENT, "client"},
		{PLAN_ROLE_MANAGEMENT, REF_MANAGEMENT, "management"},
	};
	for (size_t i = 0; i < 3; i++) {
		const struct plan_role_net *rn = plan_role_const(p, roles[i].pr);
		const char *eff = plan_effective_port_group(p, roles[i].pr);
		if (!nz(eff))
			eff = "VM Network"; /* vic-machine's default for public, and so the others' */
		struct ref *r = &refs[n++];
		r->text = eff;
		r->role = roles[i].role;
		r->key = xasprintf("networks.%s.portGroup", roles[i].name);
		if (!nz(rn->port_group)) {
			/* defaulted: vic-machine looks it up (and reports it) once per role */
			r->defaulted = true;
			continue;
		}
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
		if (refs[i].defaulted)
			continue;
		if (refs[i].net)
			check_ref(&c, &refs[i]);
		else if (refs[i].sw)
			check_switch(&c, &refs[i]);
	}
	check_spelling(&c, refs, n);
	check_vmotion(&c, refs, n);
	check_volume_stores(&c);
	if (!t.compute && c.vcenter)
		findings_add(out, FINDING_ERROR, "compute-checks-skipped", "target.computeResource",
			     true, "fix target.computeResource first",
			     "vCenter settings check SKIPPED; Set vCenter settings SKIPPED; Firewall "
			     "check SKIPPED; License check SKIPPED; DRS check SKIPPED; Compatibility "
			     "check SKIPPED (cluster not set)");
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
		/* the missing target object itself was reported above: name it, once (the
		 * cause, without the "firewall check" context the title says already) */
		const char *why = err_cause();
		findings_add(out, FINDING_WARNING, "firewall-skipped", "target", false,
			     "fix the target first; then the host firewalls are checked too",
			     "Firewall check SKIPPED (the host firewalls were not checked): %s", why);
		firewall_report_free(r);
	}
	if (!fw)
		firewall_report_free(&local);
	return errors;
}
