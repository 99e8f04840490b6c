/* inv_yaml: the inventory snapshot (vchnet inventory --save / --inventory) and
#include "yamlw.h"
#include "ytree.h"
 * Paths, datacenters and host compute resources are derived on load (inv_finish()), so
 * the file keeps ids and parent links as the source of truth and shows paths for the
 * reader only. No secret ever enters the model, so none can reach the file. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "err.h"
#include "fileio.h"
#include "inv.h"
#include "mem.h"
#include "yamlw.h"
#include "ytree.h"

#define INV_API_VERSION "vchnet/v1"
#define INV_KIND "Inventory"
#define SNAPSHOT_MAX ((size_t)256 << 20)

/* ---- emitting ---- */

/* Long lists of ids that repeat are written once, under an anchor, and referred to by
 * alias after that: every port group of a switch usually lists the same hosts as the
 * switch and its cluster. At 512 hosts and 2,000 port groups that is the difference
 * between a million scalars (22.7 MB) and a few thousand (0.9 MB; see bench/PROFILE.md).
 * The anchor names the first owner ("hosts-of-domain-c7"), so an alias reads as "the
 * same hosts as domain-c7". The loader keeps an alias as the one list it names (the
 * networks share it), so loading gives back the same model in the file's memory.
 * Shorter lists are written out, being cheap and easier to read. The hosts' firewall
 * rulesets are aliased the same way, host against host (emit_host_fw()). */
#define ALIAS_MIN 8

/* A hash table of keys, open addressing, cap a power of two; a hash of 0 marks an empty
 * slot. Two of them: the lists written (key: the struct strv, with its anchor) and the
 * anchor names given (key: the name, owned by the table). */
struct slot {
	uint64_t hash;
	const void *key;
	const char *anchor;
	size_t group;           /* m->rulesets: index in m->groups */
};

struct table {
	struct slot *v;
	size_t n, cap;
};

struct em {
	struct yamlw *w;
	const char *owner;      /* id of the object being written, for anchor names */
	struct table lists;     /* the lists written under an anchor */
	struct table anchors;   /* every anchor name: names must be unique in a file */
	struct table arrays;    /* the lists seen, by their array (key: the struct strv) */
	struct table rulesets;  /* distinct rulesets, while they are counted (key: a host) */
	struct fw_group {
		const struct inv_host *first; /* the first host that has them */
		size_t hosts;                 /* how many have them */
		const char *anchor;           /* written shared: its anchor; NULL: in place */
	} *groups;
	size_t *group_of;       /* inv->hosts[i]'s group; SIZE_MAX: none (no rulesets) */
	const struct inv_host *hosts; /* inv->hosts, the base of group_of's index */
};

static void map_start(struct em *m, bool flow)
{
	yamlw_map(m->w, flow);
}

static void map_end(struct em *m)
{
	yamlw_end(m->w);
}

static void seq_start(struct em *m, bool flow)
{
	yamlw_seq(m->w, flow, NULL);
}

static void seq_end(struct em *m)
{
	yamlw_end(m->w);
}

/* Plain for keys, numbers and booleans; double-quoted for text from the server, so
 * that a name like "yes", "123" or "a: b" reads back as the same string anywhere. */
static void scalar(struct em *m, const char *s, bool quoted)
{
	if (quoted)
		yamlw_str(m->w, s);
	else
		yamlw_plain(m->w, s);
}

static void mkey(struct em *m, const char *k)
{
	yamlw_key(m->w, k);
}

static void kv_str(struct em *m, const char *k, const char *v)
{
	if (!v)
		return;
	mkey(m, k);
	scalar(m, v, true);
}

static void kv_bool(struct em *m, const char *k, bool v)
{
	mkey(m, k);
	scalar(m, v ? "true" : "false", false);
}

static void kv_int(struct em *m, const char *k, long v)
{
	/* by hand: two of these per firewall rule, tens of thousands of rules */
	char buf[24], *p = buf + sizeof buf;
	unsigned long u = v < 0 ? 0 - (unsigned long)v : (unsigned long)v;
	*--p = '\0';
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	mkey(m, k);
	scalar(m, p, false);
}

#define FNV_OFFSET 14695981039346656037u

static uint64_t hash_str(uint64_t h, const char *s)
{
	/* FNV-1a, with the terminating NUL so that ["ab","c"] and ["a","bc"] differ */
	if (!s)
		s = "";
	do {
		h ^= (unsigned char)*s;
		h *= 1099511628211u;
	} while (*s++);
	return h;
}

static uint64_t hash_list(const struct strv *l)
{
	uint64_t h = FNV_OFFSET;
	for (size_t i = 0; i < l->n; i++)
		h = hash_str(h, l->v[i]);
	return h;
}

/* Makes room for one more key. */
static void table_reserve(struct table *t)
{
	if (2 * (t->n + 1) <= t->cap)
		return;
	size_t cap = t->cap ? 2 * t->cap : 256;
	struct slot *v = xcalloc(cap, sizeof *v);
	for (size_t i = 0; i < t->cap; i++) {
		if (!t->v[i].hash)
			continue;
		size_t j = t->v[i].hash & (cap - 1);
		while (v[j].hash)
			j = (j + 1) & (cap - 1);
		v[j] = t->v[i];
	}
	free(t->v);
	t->v = v;
	t->cap = cap;
}

/* The slot holding key, or the empty one where it goes; after table_reserve(). */
static struct slot *table_probe(struct table *t, uint64_t hash,
				bool (*eq)(const void *a, const void *b), const void *key)
{
	for (size_t i = hash & (t->cap - 1);; i = (i + 1) & (t->cap - 1))
		if (!t->v[i].hash || (t->v[i].hash == hash && eq(t->v[i].key, key)))
			return &t->v[i];
}

static bool list_eq(const void *a, const void *b)
{
	return strv_equal(a, b);
}

static bool name_eq(const void *a, const void *b)
{
	return strcmp(a, b) == 0;
}

/* "hosts-of-dvs-9" (n > 1: "hosts-of-dvs-9-2"). Anchors may hold letters, digits, '-'
 * and '_' only: moref ids are made of those, anything else becomes '_'. */
static char *anchor_name(const char *key, const char *owner, int n)
{
	char *a = n > 1 ? xasprintf("%s-of-%s-%d", key, owner ? owner : "object", n)
			: xasprintf("%s-of-%s", key, owner ? owner : "object");
	for (char *c = a; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
		      *c == '-' || *c == '_'))
			*c = '_';
	return a;
}

/* A new anchor name for the list under key of the current object, unique in the file
 * and owned by m->anchors. */
static const char *new_anchor(struct em *m, const char *key)
{
	table_reserve(&m->anchors);
	for (int n = 1;; n++) {
		char *a = anchor_name(key, m->owner, n);
		uint64_t h = hash_str(FNV_OFFSET, a) | 1;
		struct slot *s = table_probe(&m->anchors, h, name_eq, a);
		if (!s->hash) {
			*s = (struct slot){.hash = h, .key = a, .anchor = a};
			m->anchors.n++;
			return a;
		}
		free(a);
	}
}

/* The anchor name given (unique: the rulesets' names are numbered apart from the
 * lists' "-of-" names), owned by m->anchors. */
static const char *new_anchor_named(struct em *m, const char *name)
{
	table_reserve(&m->anchors);
	char *a = xstrdup(name);
	uint64_t h = hash_str(FNV_OFFSET, a) | 1;
	struct slot *s = table_probe(&m->anchors, h, name_eq, a);
	MEM_ASSERT(!s->hash);
	*s = (struct slot){.hash = h, .key = a, .anchor = a};
	m->anchors.n++;
	return a;
}

/* The anchor of an equal list written before, or NULL after remembering this one
 * under a new anchor, returned in *anchor. */
static bool array_eq(const void *a, const void *b)
{
	const struct strv *x = a, *y = b;
	return x->v == y->v && x->n == y->n;
}

static const char *seen_lookup(struct em *m, const struct strv *list, const char *key,
			       const char **anchor)
{
	/* the port groups of a switch share one interned array of its hosts (see
	 * inv_intern_list()): that array is looked up by address before its contents
	 * are hashed */
	uint64_t ha = ((uint64_t)(uintptr_t)list->v * 0x9E3779B97F4A7C15u) ^ list->n;
	ha = (ha ^ (ha >> 29)) | 1;
	table_reserve(&m->arrays);
	struct slot *sa = table_probe(&m->arrays, ha, array_eq, list);
	if (sa->hash)
		return sa->anchor;
	uint64_t h = hash_list(list) | 1; /* never 0, the empty mark */
	table_reserve(&m->lists);
	struct slot *s = table_probe(&m->lists, h, list_eq, list);
	const char *prev = s->hash ? s->anchor : NULL;
	if (!prev) {
		*s = (struct slot){.hash = h, .key = list, .anchor = new_anchor(m, key)};
		m->lists.n++;
		*anchor = s->anchor;
	}
	*sa = (struct slot){.hash = ha, .key = list, .anchor = s->anchor};
	m->arrays.n++;
	return prev;
}

static void kv_list(struct em *m, const char *k, const struct strv *l)
{
	mkey(m, k);
	const char *anchor = NULL;
	if (l->n >= ALIAS_MIN) {
		const char *prev = seen_lookup(m, l, k, &anchor);
		if (prev) {
			yamlw_alias(m->w, prev);
			return;
		}
	}
	yamlw_seq(m->w, true, anchor);
	for (size_t i = 0; i < l->n; i++)
		scalar(m, l->v[i], true);
	seq_end(m);
}

static void obj_head(struct em *m, const struct inv_obj *o)
{
	kv_str(m, "id", o->id);
	kv_str(m, "type", o->type);
	kv_str(m, "name", o->name);
	kv_str(m, "path", o->path);
	kv_str(m, "parent", o->parent);
}

/* the vlan type of a DVPG in the file */
static const char *const vlan_types[] = {
	[INV_VLAN_ID] = "id", [INV_VLAN_TRUNK] = "trunk", [INV_VLAN_PVLAN] = "pvlan"};

static bool want(const struct inv_obj *o, const char *dc)
{
	return !dc || (o->datacenter && strcmp(o->datacenter, dc) == 0);
}

/* ---- the fields of each kind, written and read from one table ---- */

/* F_PLIST: a list loaded into the inventory's pool (pooled_list()); the loader sets
 * the struct's flag that says so (a network's hosts_pooled) */
enum ftype { F_STR, F_BOOL, F_INT, F_LIST, F_PLIST };

struct field {
	const char *key;
	enum ftype type;
	size_t off;  /* in the kind's struct */
	int hi;      /* F_INT: 0..hi */
};

/* offsetof(T, m), refused at compile time unless member m has type FT */
#define FOFF(T, m, FT)                                                                   \
	(offsetof(T, m) +                                                                \
	 0 * sizeof(char[__builtin_types_compatible_p(__typeof__(((T *)0)->m), FT) ? 1 : -1]))
#define FSTR(k, T, m) {k, F_STR, FOFF(T, m, char *), 0}
#define FBOOL(k, T, m) {k, F_BOOL, FOFF(T, m, bool), 0}
#define FINT(k, T, m, hi) {k, F_INT, FOFF(T, m, int), hi}
#define FLIST(k, T, m) {k, F_LIST, FOFF(T, m, struct strv), 0}
#define FPLIST(k, T, m) {k, F_PLIST, FOFF(T, m, struct strv), 0}
#define NF(t) (sizeof(t) / sizeof(t)[0])

/* after obj_head() (id, type, name, path, parent) */
static const struct field compute_fields[] = {
	FBOOL("cluster", struct inv_compute, cluster),
	FLIST("hosts", struct inv_compute, hosts),
	FSTR("rootPool", struct inv_compute, root_pool),
};
static const struct field pool_fields[] = {
	FSTR("owner", struct inv_pool, owner),
};
static const struct field host_fields[] = {
	FSTR("connectionState", struct inv_host, connection_state),
	FBOOL("maintenance", struct inv_host, maintenance),
	FLIST("managementIPs", struct inv_host, mgmt_ips),
	FBOOL("managementDHCP", struct inv_host, mgmt_dhcp),
	FSTR("firewallSystem", struct inv_host, firewall_system),
};
/* the host's "firewall" mapping, then its rulesets and their rules */
static const struct field host_fw_fields[] = {
	FBOOL("incomingBlocked", struct inv_host, incoming_blocked),
	FBOOL("outgoingBlocked", struct inv_host, outgoing_blocked),
};
static const struct field ruleset_fields[] = {
	FSTR("key", struct inv_ruleset, key),
	FSTR("label", struct inv_ruleset, label),
	FBOOL("enabled", struct inv_ruleset, enabled),
	FBOOL("required", struct inv_ruleset, required),
	FBOOL("allIp", struct inv_ruleset, all_ip),
	FLIST("ipAddresses", struct inv_ruleset, ip_addresses),
	FLIST("ipNetworks", struct inv_ruleset, ip_networks),
};
static const struct field rule_fields[] = {
	FINT("port", struct inv_fw_rule, port, 65535),
	FINT("endPort", struct inv_fw_rule, end_port, 65535),
	FSTR("direction", struct inv_fw_rule, direction),
	FSTR("portType", struct inv_fw_rule, port_type),
	FSTR("protocol", struct inv_fw_rule, protocol),
};
static const struct field datastore_fields[] = {
	FLIST("hosts", struct inv_datastore, hosts),
};
static const struct field switch_fields[] = {
	FSTR("uuid", struct inv_switch, uuid),
	FLIST("hosts", struct inv_switch, hosts),
	FLIST("uplinkPortgroups", struct inv_switch, uplink_pgs),
};
/* networks: "kind", then these; a DVPG's before and after its "vlan"; an opaque
 * network's */
static const struct field net_fields[] = {
	FPLIST("hosts", struct inv_network, hosts),
	FLIST("vms", struct inv_network, vms),
};
static const struct field dvpg_fields[] = {
	FSTR("key", struct inv_network, key),
	FSTR("switch", struct inv_network, switch_id),
};
static const struct field dvpg_more_fields[] = {
	FBOOL("uplink", struct inv_network, uplink),
	FBOOL("nsx", struct inv_network, nsx),
	FBOOL("noUplink", struct inv_network, no_uplink),
	FSTR("logicalSwitchUuid", struct inv_network, logical_switch_uuid),
};
/* virtual machines (obj_head without path), then "vch" for an endpoint VM */
static const struct field vm_fields[] = {
	FSTR("powerState", struct inv_vm, power_state),
	FSTR("resourcePool", struct inv_vm, pool),
	FLIST("guestIPs", struct inv_vm, ips),
};
static const struct field vch_fields[] = {
	FSTR("name", struct inv_vch, name),
	FSTR("bridge", struct inv_vch, bridge),
	FSTR("bridgeRange", struct inv_vch, bridge_range),
};
static const struct field vch_role_fields[] = {
	FSTR("portGroup", struct inv_vch_role, port_group),
	FSTR("ip", struct inv_vch_role, ip),
	FSTR("gateway", struct inv_vch_role, gateway),
};
static const struct field vch_net_fields[] = {
	FSTR("alias", struct inv_vch_net, alias),
	FSTR("portGroup", struct inv_vch_net, port_group),
	FSTR("gateway", struct inv_vch_net, gateway),
	FLIST("pools", struct inv_vch_net, pools),
};
static const char *const vch_role_keys[INV_VCH_ROLES] = {"public", "client", "management"};

static const struct field opaque_fields[] = {
	FSTR("opaqueId", struct inv_network, opaque_id),
	FSTR("opaqueType", struct inv_network, opaque_type),
};

static void emit_fields(struct em *m, const void *base, const struct field *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const void *p = (const char *)base + f[i].off;
		switch (f[i].type) {
		case F_STR: kv_str(m, f[i].key, *(char *const *)p); break;
		case F_BOOL: kv_bool(m, f[i].key, *(const bool *)p); break;
		case F_INT: kv_int(m, f[i].key, *(const int *)p); break;
		case F_LIST:
		case F_PLIST: kv_list(m, f[i].key, p); break;
		}
	}
}

#define EMIT_FIELDS(m, base, t) emit_fields(m, base, t, NF(t))

static void emit_ruleset(struct em *m, const struct inv_ruleset *r)
{
	map_start(m, false);
	EMIT_FIELDS(m, r, ruleset_fields);
	mkey(m, "rules");
	seq_start(m, false);
	for (size_t k = 0; k < r->n_rules; k++) {
		map_start(m, true);
		EMIT_FIELDS(m, &r->rules[k], rule_fields);
		map_end(m);
	}
	seq_end(m);
	map_end(m);
}

static uint64_t hash_int(uint64_t h, long v)
{
	for (int i = 0; i < 8; i++, v >>= 8) {
		h ^= (unsigned char)v;
		h *= 1099511628211u;
	}
	return h;
}

static uint64_t hash_rulesets(const struct inv_host *h)
{
	uint64_t x = hash_int(FNV_OFFSET, (long)h->n_rulesets);
	for (size_t i = 0; i < h->n_rulesets; i++) {
		const struct inv_ruleset *r = &h->rulesets[i];
		x = hash_str(hash_str(x, r->key), r->label);
		x = hash_int(x, r->enabled | r->required << 1 | r->all_ip << 2);
		x = hash_int(x, (long)hash_list(&r->ip_addresses));
		x = hash_int(x, (long)hash_list(&r->ip_networks));
		x = hash_int(x, (long)r->n_rules);
		for (size_t k = 0; k < r->n_rules; k++) {
			const struct inv_fw_rule *u = &r->rules[k];
			x = hash_int(hash_int(x, u->port), u->end_port);
			x = hash_str(hash_str(hash_str(x, u->direction), u->port_type), u->protocol);
		}
	}
	return x;
}

static bool str_same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static bool rulesets_eq(const void *a, const void *b)
{
	const struct inv_host *x = a, *y = b;
	if (x->n_rulesets != y->n_rulesets)
		return false;
	for (size_t i = 0; i < x->n_rulesets; i++) {
		const struct inv_ruleset *r = &x->rulesets[i], *q = &y->rulesets[i];
		if (!str_same(r->key, q->key) || !str_same(r->label, q->label) ||
		    r->enabled != q->enabled || r->required != q->required || r->all_ip != q->all_ip ||
		    !strv_equal(&r->ip_addresses, &q->ip_addresses) ||
		    !strv_equal(&r->ip_networks, &q->ip_networks) || r->n_rules != q->n_rules)
			return false;
		for (size_t k = 0; k < r->n_rules; k++) {
			const struct inv_fw_rule *u = &r->rules[k], *v = &q->rules[k];
			if (u->port != v->port || u->end_port != v->end_port ||
			    !str_same(u->direction, v->direction) || !str_same(u->port_type, v->port_type) ||
			    !str_same(u->protocol, v->protocol))
				return false;
		}
	}
	return true;
}

/* The extras after a kind's fields; o is the first member of its struct. Rulesets
 * that more than one host has are in the section sharedFirewallRulesets (see
 * emit_shared_rulesets()) and named by alias; a host's own are written in place. */
static void emit_host_fw(struct em *m, const struct inv_obj *o)
{
	const struct inv_host *h = (const struct inv_host *)o;
	if (!h->have_firewall)
		return;
	mkey(m, "firewall");
	map_start(m, false);
	EMIT_FIELDS(m, h, host_fw_fields);
	mkey(m, "rulesets");
	size_t g = m->group_of ? m->group_of[h - m->hosts] : SIZE_MAX;
	if (g != SIZE_MAX && m->groups[g].anchor) {
		yamlw_alias(m->w, m->groups[g].anchor);
	} else {
		seq_start(m, false);
		for (size_t j = 0; j < h->n_rulesets; j++)
			emit_ruleset(m, &h->rulesets[j]);
		seq_end(m);
	}
	map_end(m);
}

/* The hosts of a cluster mostly have the same firewall rulesets, 60 or so of them in
 * 450 lines, which made the rulesets 84 % of a snapshot at vCenter's maximums. Rulesets
 * that two or more hosts have are written once, before the hosts, each under an anchor
 * ("rulesets-1") with the number of hosts that name it; a host with its own rulesets
 * has them in place, so an unusual host stands out and can be edited alone. The
 * loader reads the hosts' aliases and needs nothing from this section. Groups the
 * hosts by their rulesets (m->groups, m->group_of) for emit_host_fw(). */
static void emit_shared_rulesets(struct em *m, const struct inv *inv, const char *dc)
{
	size_t n_groups = 0, n_shared = 0;
	m->hosts = inv->hosts;
	m->group_of = xcalloc(inv->n_hosts + 1, sizeof *m->group_of);
	m->groups = xcalloc(inv->n_hosts + 1, sizeof *m->groups);
	for (size_t i = 0; i < inv->n_hosts; i++) {
		const struct inv_host *h = &inv->hosts[i];
		m->group_of[i] = SIZE_MAX;
		if (!want(&h->o, dc) || !h->have_firewall || !h->n_rulesets)
			continue;
		uint64_t x = hash_rulesets(h) | 1; /* never 0, the empty mark */
		table_reserve(&m->rulesets);
		struct slot *s = table_probe(&m->rulesets, x, rulesets_eq, h);
		if (!s->hash) {
			*s = (struct slot){.hash = x, .key = h, .group = n_groups};
			m->rulesets.n++;
			m->groups[n_groups++].first = h;
		}
		m->group_of[i] = s->group;
		if (++m->groups[s->group].hosts == 2)
			n_shared++;
	}
	if (!n_shared)
		return;
	mkey(m, "sharedFirewallRulesets");
	seq_start(m, false);
	/* in host order: the first host's rulesets first */
	for (size_t g = 0, named = 0; g < n_groups; g++) {
		struct fw_group *fg = &m->groups[g];
		if (fg->hosts < 2)
			continue;
		char name[32];
		snprintf(name, sizeof name, "rulesets-%zu", ++named);
		fg->anchor = new_anchor_named(m, name);
		map_start(m, false);
		kv_int(m, "hosts", (long)fg->hosts);
		mkey(m, "rulesets");
		yamlw_seq(m->w, false, fg->anchor);
		for (size_t j = 0; j < fg->first->n_rulesets; j++)
			emit_ruleset(m, &fg->first->rulesets[j]);
		seq_end(m);
		map_end(m);
	}
	seq_end(m);
}

static void emit_network(struct em *m, const struct inv_obj *o)
{
	const struct inv_network *n = (const struct inv_network *)o;
	kv_str(m, "kind", inv_net_kind_name(n->net_kind));
	EMIT_FIELDS(m, n, net_fields);
	if (n->net_kind == INV_NET_DVPG) {
		EMIT_FIELDS(m, n, dvpg_fields);
		if (n->vlan != INV_VLAN_UNKNOWN) {
			mkey(m, "vlan");
			map_start(m, true);
			kv_str(m, "type", vlan_types[n->vlan]);
			if (n->vlan == INV_VLAN_TRUNK)
				kv_str(m, "ranges", n->vlan_ranges ? n->vlan_ranges : "");
			else
				kv_int(m, "id", n->vlan_id);
			map_end(m);
		}
		EMIT_FIELDS(m, n, dvpg_more_fields);
	}
	if (n->net_kind == INV_NET_OPAQUE)
		EMIT_FIELDS(m, n, opaque_fields);
}

static void emit_vch(struct em *m, const struct inv_vch *v)
{
	mkey(m, "vch");
	map_start(m, false);
	EMIT_FIELDS(m, v, vch_fields);
	for (int r = 0; r < INV_VCH_ROLES; r++) {
		const struct inv_vch_role *x = &v->roles[r];
		if (!x->port_group && !x->ip && !x->gateway)
			continue;
		mkey(m, vch_role_keys[r]);
		map_start(m, true);
		EMIT_FIELDS(m, x, vch_role_fields);
		map_end(m);
	}
	mkey(m, "containerNetworks");
	seq_start(m, false);
	for (size_t i = 0; i < v->n_nets; i++) {
		map_start(m, true);
		EMIT_FIELDS(m, &v->nets[i], vch_net_fields);
		map_end(m);
	}
	seq_end(m);
	map_end(m);
}

/* VMs: all of them, or (dc) those attached to a network of dc and the VCHs whose
 * bridge is one. */
static void emit_vms(struct em *m, const struct inv *inv, const char *dc)
{
	bool *keep = NULL;
	if (dc) {
		keep = xcalloc(inv->n_vms + 1, sizeof *keep);
		for (size_t i = 0; i < inv->n_networks; i++) {
			const struct inv_network *n = &inv->networks[i];
			if (!want(&n->o, dc))
				continue;
			for (size_t j = 0; j < n->vms.n; j++) {
				const struct inv_vm *v = inv_find_vm(inv, n->vms.v[j]);
				if (v)
					keep[v - inv->vms] = true;
			}
			for (size_t j = 0; j < inv->n_vms; j++)
				if (inv->vms[j].vch && inv->vms[j].vch->bridge &&
				    strcmp(inv->vms[j].vch->bridge, n->o.id) == 0)
					keep[j] = true;
		}
	}
	mkey(m, "virtualMachines");
	seq_start(m, false);
	for (size_t i = 0; i < inv->n_vms; i++) {
		const struct inv_vm *v = &inv->vms[i];
		if (keep && !keep[i])
			continue;
		map_start(m, false);
		m->owner = v->o.id;
		obj_head(m, &v->o);
		EMIT_FIELDS(m, v, vm_fields);
		if (v->vch)
			emit_vch(m, v->vch);
		map_end(m);
	}
	seq_end(m);
	free(keep);
}

/* One section: key, then a block list of the objects of one kind in dc (all when dc
 * is NULL). arr is an array of n structs of the given size, each starting with its
 * struct inv_obj; after obj_head() come the kind's fields (nf of them), then what
 * extra emits (NULL: nothing). */
static void emit_objs(struct em *m, const char *key, const void *arr, size_t n, size_t size,
		      const char *dc, const struct field *fields, size_t nf,
		      void (*extra)(struct em *, const struct inv_obj *))
{
	mkey(m, key);
	seq_start(m, false);
	for (size_t i = 0; i < n; i++) {
		const struct inv_obj *o = (const struct inv_obj *)((const char *)arr + i * size);
		if (!want(o, dc))
			continue;
		map_start(m, false);
		m->owner = o->id;
		obj_head(m, o);
		emit_fields(m, o, fields, nf);
		if (extra)
			extra(m, o);
		map_end(m);
	}
	seq_end(m);
}

#define EMIT_OBJS(m, key, arr, n, dc, fields, extra) \
	emit_objs(m, key, arr, n, sizeof *(arr), dc, fields, NF(fields), extra)

static void emit_inv(struct em *m, const struct inv *inv, const char *dc)
{
	map_start(m, false);
	kv_str(m, "apiVersion", INV_API_VERSION);
	kv_str(m, "kind", INV_KIND);
	mkey(m, "server");
	map_start(m, false);
	kv_str(m, "url", inv->source);
	kv_str(m, "apiType", inv->api_type);
	kv_str(m, "apiVersion", inv->api_version);
	map_end(m);
	kv_str(m, "fetchedAt", inv->fetched_at);

	emit_objs(m, "folders", inv->folders, inv->n_folders, sizeof *inv->folders, dc, NULL, 0, NULL);
	emit_objs(m, "datacenters", inv->datacenters, inv->n_datacenters, sizeof *inv->datacenters, dc,
		  NULL, 0, NULL);
	EMIT_OBJS(m, "computeResources", inv->computes, inv->n_computes, dc, compute_fields, NULL);
	EMIT_OBJS(m, "resourcePools", inv->pools, inv->n_pools, dc, pool_fields, NULL);
	emit_shared_rulesets(m, inv, dc);
	EMIT_OBJS(m, "hosts", inv->hosts, inv->n_hosts, dc, host_fields, emit_host_fw);
	EMIT_OBJS(m, "datastores", inv->datastores, inv->n_datastores, dc, datastore_fields, NULL);
	EMIT_OBJS(m, "switches", inv->switches, inv->n_switches, dc, switch_fields, NULL);
	emit_objs(m, "networks", inv->networks, inv->n_networks, sizeof *inv->networks, dc, NULL, 0,
		  emit_network);
	emit_vms(m, inv, dc);

	map_end(m);
}

/* Writes the inventory (dc_name: one datacenter's part) to f as it goes. ascii: every
 * non-ASCII character written as an escape (\uXXXX), for a stream that may be a
 * terminal: escaping controls alone would let bidi overrides (U+202E) through. */
static int emit_to(const struct inv *inv, const char *dc_name, bool ascii, FILE *f)
{
	const char *dc = NULL;
	if (dc_name) {
		const struct inv_obj *d = inv_find(inv, INV_DATACENTER, dc_name, NULL);
		if (!d)
			return -1;
		dc = d->id;
	}
	struct yamlw *w = xmalloc(sizeof *w);
	yamlw_init(w, f, ascii);
	struct em m = {.w = w};
	emit_inv(&m, inv, dc);
	int r = yamlw_finish(w);
	free(w);
	free(m.lists.v);
	free(m.arrays.v);
	free(m.rulesets.v);
	free(m.groups);
	free(m.group_of);
	for (size_t i = 0; i < m.anchors.cap; i++)
		free((void *)(uintptr_t)m.anchors.v[i].key);
	free(m.anchors.v);
	return r < 0 ? err_prefix("cannot write the inventory as YAML") : 0;
}

int inv_yaml_emit(const struct inv *inv, FILE *f, const char *datacenter)
{
	return emit_to(inv, datacenter, true, f);
}

static int save_fill(FILE *f, void *arg)
{
	if (fputs("# vchnet inventory snapshot: no secrets. Use it with --inventory FILE.\n", f) < 0)
		return err_set("%s", strerror(errno));
	return emit_to(arg, NULL, false, f);
}

int inv_yaml_save(const struct inv *inv, const char *path)
{
	/* written to a temporary file as it goes, renamed over path once complete */
	int r = fileio_write_atomic_stream(path, 0600, save_fill, (void *)(uintptr_t)inv);
	return r < 0 ? err_prefix("saving the inventory") : 0;
}

/* The inventory's YAML in memory (owned by the caller), or NULL. */
static char *emit_mem(const struct inv *inv, size_t *len)
{
	char *s = NULL;
	FILE *f = open_memstream(&s, len);
	if (!f)
		mem_die("out of memory (YAML text)");
	int r = emit_to(inv, NULL, false, f);
	if (fclose(f) != 0)
		mem_die("out of memory (YAML text)");
	if (r < 0) {
		free(s);
		return NULL;
	}
	return s;
}

bool inv_equal(const struct inv *a, const struct inv *b)
{
	/* the YAML form carries every field of the model, so equal texts mean equal
	 * models */
	size_t xl = 0, yl = 0;
	char *x = emit_mem(a, &xl), *y = emit_mem(b, &yl);
	bool eq = x && y && xl == yl && memcmp(x, y, xl) == 0;
	free(x);
	free(y);
	return eq;
}

/* ---- loading ----
 *
 * The file is parsed into a ytree (libyaml's events into one arena, an alias being the
 * node its anchor names), then read by key through the field tables. The host lists of
 * networks, most of a large inventory once aliases are counted, load into the
 * inventory's pool: each id interned, each list node converted once and shared by every
 * network that names it (its memo), as inv_fetch() shares them. */

#define N_SECTIONS 9 /* the lists of objects under the root: sections[] */

/* What a node's memo holds (ytree_node.memo_kind): a network's interned host list, or
 * the rulesets a host loaded from it. */
enum { MEMO_HOST_LIST = 1, MEMO_RULESETS };

struct rulesets_memo {
	struct inv_ruleset *v; /* the first host's, which owns them */
	size_t n;
};

struct ld {
	struct inv *inv;
	const char *name;
	int failed;
	size_t budget; /* list items still allowed (aliases repeat lists without bytes) */
	struct strv scratch; /* a pooled list's interned ids while it is built (borrowed) */
	bool streamed[N_SECTIONS]; /* sections[i] was loaded item by item while parsing
				    * (on_item()) */
	struct rulesets_memo **memos; /* what rulesets nodes loaded into (node->memo) */
	size_t n_memos;
};

static void ld_free_memos(struct ld *l)
{
	for (size_t i = 0; i < l->n_memos; i++)
		free(l->memos[i]);
	free(l->memos);
}

static int bad(struct ld *l, const struct ytree_node *n, const char *what)
{
	if (!l->failed)
		err_set("%s:%u:%u: %s", l->name, n ? n->line : 0, n ? n->column : 0, what);
	l->failed = 1;
	return -1;
}

/* Aliases let a few bytes stand for a long list many times over. A snapshot vchnet
 * wrote expands to a few list entries per byte (a port group that names its switch's
 * 512 hosts by alias takes about 200 bytes; 2,000 hosts, the most a switch can have,
 * about 10 entries per byte), so a file that asks for more than 16 per byte, plus a
 * million, is refused before it takes the memory. */
#define LOAD_ITEMS_BASE ((size_t)1 << 20)
#define LOAD_ITEMS_PER_BYTE 16

static bool spend(struct ld *l, const struct ytree_node *n, size_t items)
{
	if (l->budget >= items) {
		l->budget -= items;
		return true;
	}
	bad(l, n, "too many list entries once aliases are expanded: not a snapshot vchnet "
		  "wrote; save it again with 'vchnet inventory --save FILE'");
	return false;
}

static char *str(struct ld *l, const struct ytree_node *map, const char *key)
{
	struct ytree_node *v = ytree_get(map, key);
	if (!v)
		return NULL;
	if (v->type != YTREE_SCALAR) {
		bad(l, v, "expected a text value");
		return NULL;
	}
	return xstrndup(v->u.s, v->n);
}

/* The text under key, borrowed from the tree (read as str() would copy it: up to a
 * NUL), or NULL; *node gets its node. */
static const char *text(struct ld *l, const struct ytree_node *map, const char *key,
			const struct ytree_node **node)
{
	const struct ytree_node *v = *node = ytree_get(map, key);
	if (!v)
		return NULL;
	if (v->type != YTREE_SCALAR) {
		bad(l, v, "expected a text value");
		return NULL;
	}
	return v->u.s;
}

/* booleans and numbers are read in place: a host's rulesets hold hundreds */
static bool boolean(struct ld *l, const struct ytree_node *map, const char *key)
{
	const struct ytree_node *n;
	const char *s = text(l, map, key, &n);
	bool v = s && strcmp(s, "true") == 0;
	if (s && !v && strcmp(s, "false") != 0)
		bad(l, n, "expected true or false");
	return v;
}

static long integer(struct ld *l, const struct ytree_node *map, const char *key, long lo, long hi)
{
	const struct ytree_node *n;
	const char *s = text(l, map, key, &n);
	char *end;
	long v = 0;
	if (s) {
		errno = 0;
		v = strtol(s, &end, 10);
		if (errno || end == s || *end || v < lo || v > hi)
			bad(l, n, "expected a number in range");
	}
	return v;
}

/* The list under key, or NULL when there is none or (after bad()) it is no list. */
static struct ytree_node *seq_of(struct ld *l, const struct ytree_node *map, const char *key)
{
	struct ytree_node *v = ytree_get(map, key);
	if (v && v->type != YTREE_SEQUENCE) {
		bad(l, v, "expected a list");
		return NULL;
	}
	return v;
}

static void list(struct ld *l, const struct ytree_node *map, const char *key, struct strv *out)
{
	struct ytree_node *v = seq_of(l, map, key);
	if (!v || !spend(l, v, v->n))
		return;
	for (size_t i = 0; i < v->n; i++) {
		const struct ytree_node *e = v->u.items[i];
		if (e->type != YTREE_SCALAR) {
			bad(l, e, "expected a list of text values");
			return;
		}
		strv_push_owned(out, xstrndup(e->u.s, e->n));
	}
}

/* The same into the inventory's pool: out gets a list that it does not own (see
 * inv_network.hosts_pooled), the one list of every key naming the same node. Each
 * use is still charged to the budget: the model shares the list, but what reads it
 * (the checks, the picker) walks it once per use. */
static void pooled_list(struct ld *l, const struct ytree_node *map, const char *key,
			struct strv *out)
{
	struct ytree_node *v = seq_of(l, map, key);
	if (!v)
		return;
	if (v->memo && v->memo_kind != MEMO_HOST_LIST) {
		bad(l, v, "expected a list of text values");
		return;
	}
	if (!spend(l, v, v->n))
		return;
	if (!v->memo) {
		l->scratch.n = 0;
		for (size_t i = 0; i < v->n; i++) {
			const struct ytree_node *e = v->u.items[i];
			if (e->type != YTREE_SCALAR) {
				bad(l, e, "expected a list of text values");
				return;
			}
			xgrow(&l->scratch.v, &l->scratch.cap, l->scratch.n + 1, sizeof *l->scratch.v);
			/* up to a NUL, as the text copies of list() read */
			l->scratch.v[l->scratch.n++] = inv_intern(l->inv, e->u.s, strlen(e->u.s));
		}
		v->memo = inv_intern_list(l->inv, l->scratch.v, v->n);
		v->memo_kind = MEMO_HOST_LIST;
	}
	*out = (struct strv){.v = v->memo, .n = v->n, .cap = v->n};
}

/* Calls fn(l, ctx, item) for each mapping in the sequence under key (none when the
 * key is missing). what names the items in the messages ("ruleset": "expected a list
 * of rulesets", "expected a ruleset mapping"); NULL for plain "list"/"mapping". */
static void each(struct ld *l, const struct ytree_node *map, const char *key, const char *what,
		 void (*fn)(struct ld *, void *, struct ytree_node *), void *ctx)
{
	struct ytree_node *v = ytree_get(map, key);
	if (!v)
		return;
	if (v->type != YTREE_SEQUENCE) {
		char *m = what ? xasprintf("expected a list of %ss", what) : xstrdup("expected a list");
		bad(l, v, m);
		free(m);
		return;
	}
	if (!spend(l, v, v->n))
		return;
	for (size_t i = 0; i < v->n && !l->failed; i++) {
		struct ytree_node *e = v->u.items[i];
		if (e->type != YTREE_MAPPING) {
			char *m = what ? xasprintf("expected a %s mapping", what) : xstrdup("expected a mapping");
			bad(l, e, m);
			free(m);
			return;
		}
		fn(l, ctx, e);
	}
}

static void head(struct ld *l, struct inv_obj *o, struct ytree_node *n)
{
	o->id = str(l, n, "id");
	o->type = str(l, n, "type");
	o->name = str(l, n, "name");
	o->parent = str(l, n, "parent");
	if (!l->failed && (!o->id || !*o->id || !o->type || !o->name))
		bad(l, n, "an object needs id, type and name");
}

static void ld_folder(struct ld *l, void *inv, struct ytree_node *n)
{
	head(l, &inv_add_folder(inv)->o, n);
}

static void ld_dc(struct ld *l, void *inv, struct ytree_node *n)
{
	head(l, &inv_add_datacenter(inv)->o, n);
}

static void load_fields(struct ld *l, void *base, const struct ytree_node *n, const struct field *f,
			size_t cnt)
{
	for (size_t i = 0; i < cnt; i++) {
		void *p = (char *)base + f[i].off;
		switch (f[i].type) {
		case F_STR: *(char **)p = str(l, n, f[i].key); break;
		case F_BOOL: *(bool *)p = boolean(l, n, f[i].key); break;
		case F_INT: *(int *)p = (int)integer(l, n, f[i].key, 0, f[i].hi); break;
		case F_LIST: list(l, n, f[i].key, p); break;
		case F_PLIST: pooled_list(l, n, f[i].key, p); break;
		}
	}
}

#define LOAD_FIELDS(l, base, n, t) load_fields(l, base, n, t, NF(t))

static void ld_compute(struct ld *l, void *inv, struct ytree_node *n)
{
	struct inv_compute *c = inv_add_compute(inv);
	head(l, &c->o, n);
	LOAD_FIELDS(l, c, n, compute_fields);
}

static void ld_pool(struct ld *l, void *inv, struct ytree_node *n)
{
	struct inv_pool *p = inv_add_pool(inv);
	head(l, &p->o, n);
	LOAD_FIELDS(l, p, n, pool_fields);
}

static void ld_rule(struct ld *l, void *r, struct ytree_node *n)
{
	LOAD_FIELDS(l, inv_ruleset_add_rule(r), n, rule_fields);
}

static void ld_ruleset(struct ld *l, void *h, struct ytree_node *n)
{
	struct inv_ruleset *r = inv_host_add_ruleset(h);
	LOAD_FIELDS(l, r, n, ruleset_fields);
	each(l, n, "rules", "rule", ld_rule, r);
}

static void ld_host(struct ld *l, void *inv, struct ytree_node *n)
{
	struct inv_host *h = inv_add_host(inv);
	head(l, &h->o, n);
	LOAD_FIELDS(l, h, n, host_fields);
	struct ytree_node *fw = ytree_get(n, "firewall");
	if (!fw)
		return;
	h->have_firewall = true;
	LOAD_FIELDS(l, h, fw, host_fw_fields);
	/* rulesets named by alias (sharedFirewallRulesets) are loaded once: the hosts that
	 * name the same node share the first one's array, at 2,500 hosts 150,000 rulesets
	 * fewer to build */
	struct ytree_node *rs = ytree_get(fw, "rulesets");
	if (rs && rs->memo && rs->memo_kind != MEMO_RULESETS) {
		bad(l, rs, "expected a list of rulesets");
		return;
	}
	if (rs && rs->memo) {
		const struct rulesets_memo *m = rs->memo;
		h->rulesets = m->v;
		h->n_rulesets = m->n;
		h->rulesets_shared = true;
		return;
	}
	each(l, fw, "rulesets", "ruleset", ld_ruleset, h);
	if (rs && rs->type == YTREE_SEQUENCE && !l->failed) {
		struct rulesets_memo *m = xmalloc(sizeof *m);
		*m = (struct rulesets_memo){h->rulesets, h->n_rulesets};
		l->memos = xrealloc(l->memos, (l->n_memos + 1) * sizeof *l->memos);
		l->memos[l->n_memos++] = m;
		rs->memo = m;
		rs->memo_kind = MEMO_RULESETS;
	}
}

static void ld_ds(struct ld *l, void *inv, struct ytree_node *n)
{
	struct inv_datastore *d = inv_add_datastore(inv);
	head(l, &d->o, n);
	LOAD_FIELDS(l, d, n, datastore_fields);
}

static void ld_switch(struct ld *l, void *inv, struct ytree_node *n)
{
	struct inv_switch *s = inv_add_switch(inv);
	head(l, &s->o, n);
	LOAD_FIELDS(l, s, n, switch_fields);
}

static void ld_net(struct ld *l, void *inv, struct ytree_node *n)
{
	struct inv_network *x = inv_add_network(inv);
	head(l, &x->o, n);
	char *kind = str(l, n, "kind");
	enum inv_net_kind k = INV_NET_STANDARD;
	while (kind && k <= INV_NET_OPAQUE && strcmp(kind, inv_net_kind_name(k)) != 0)
		k++;
	if (kind && k <= INV_NET_OPAQUE)
		x->net_kind = k;
	else
		bad(l, n, "network kind must be standard, distributed or opaque");
	free(kind);
	x->hosts_pooled = true;
	LOAD_FIELDS(l, x, n, net_fields);
	LOAD_FIELDS(l, x, n, dvpg_fields);
	struct ytree_node *v = ytree_get(n, "vlan");
	if (v) {
		char *t = str(l, v, "type");
		enum inv_vlan vt = INV_VLAN_ID;
		while (t && vt <= INV_VLAN_PVLAN && strcmp(t, vlan_types[vt]) != 0)
			vt++;
		if (!t || vt > INV_VLAN_PVLAN)
			bad(l, v, "vlan type must be id, trunk or pvlan");
		else if ((x->vlan = vt) == INV_VLAN_TRUNK)
			x->vlan_ranges = str(l, v, "ranges");
		else
			x->vlan_id = (int)integer(l, v, "id", 0, 4094);
		free(t);
	}
	LOAD_FIELDS(l, x, n, dvpg_more_fields);
	LOAD_FIELDS(l, x, n, opaque_fields);
}

static void ld_vch_net(struct ld *l, void *v, struct ytree_node *n)
{
	LOAD_FIELDS(l, inv_vch_add_net(v), n, vch_net_fields);
}

static void ld_vm(struct ld *l, void *inv, struct ytree_node *n)
{
	struct inv_vm *v = inv_add_vm(inv);
	head(l, &v->o, n);
	LOAD_FIELDS(l, v, n, vm_fields);
	struct ytree_node *x = ytree_get(n, "vch");
	if (!x)
		return;
	if (x->type != YTREE_MAPPING) {
		bad(l, x, "expected a vch mapping");
		return;
	}
	v->vch = xcalloc(1, sizeof *v->vch);
	LOAD_FIELDS(l, v->vch, x, vch_fields);
	for (int r = 0; r < INV_VCH_ROLES; r++) {
		struct ytree_node *rn = ytree_get(x, vch_role_keys[r]);
		if (rn && rn->type != YTREE_MAPPING)
			bad(l, rn, "expected a mapping");
		else if (rn)
			LOAD_FIELDS(l, &v->vch->roles[r], rn, vch_role_fields);
	}
	each(l, x, "containerNetworks", "container network", ld_vch_net, v->vch);
}

/* the lists of objects under the root, in the order they are loaded from a tree */
static const struct section {
	const char *key;
	void (*fn)(struct ld *, void *, struct ytree_node *);
} sections[] = {
	{"folders", ld_folder}, {"datacenters", ld_dc}, {"computeResources", ld_compute},
	{"resourcePools", ld_pool}, {"hosts", ld_host}, {"datastores", ld_ds},
	{"switches", ld_switch}, {"networks", ld_net}, {"virtualMachines", ld_vm},
};
_Static_assert(NF(sections) == N_SECTIONS, "N_SECTIONS counts sections[]");

static bool is_snapshot(const struct ytree_node *root)
{
	const struct ytree_node *api = ytree_get(root, "apiVersion"), *kind = ytree_get(root, "kind");
	return api && api->type == YTREE_SCALAR && strcmp(api->u.s, INV_API_VERSION) == 0 && kind &&
	       kind->type == YTREE_SCALAR && strcmp(kind->u.s, INV_KIND) == 0;
}

/* An object of a section, loaded as soon as the parser has it, so that the tree holds
 * one host's firewall at a time rather than every host's (the bulk of a large file).
 * Only once the root said it is a snapshot, and only under the first key of a name
 * (the one the tree walk reads); anything else stays for the walk after parsing, which
 * gives the messages in the order it always did. */
static int on_item(void *ctx, const struct ytree_node *root, const struct ytree_node *key,
		   struct ytree_node *it)
{
	struct ld *l = ctx;
	size_t i = 0;
	while (i < NF(sections) && !(key->type == YTREE_SCALAR && strcmp(key->u.s, sections[i].key) == 0))
		i++;
	if (i == NF(sections) || ytree_get(root, sections[i].key) || !is_snapshot(root))
		return 0;
	l->streamed[i] = true;
	if (spend(l, it, 1)) {
		if (it->type != YTREE_MAPPING)
			bad(l, it, "expected a mapping");
		else
			sections[i].fn(l, l->inv, it);
	}
	return l->failed ? -1 : 1;
}

struct inv *inv_yaml_parse(const char *text, size_t len, const char *name)
{
	struct inv *inv = inv_new();
	struct ld l = {inv, name, 0,
		       LOAD_ITEMS_BASE + (len < SNAPSHOT_MAX ? len : SNAPSHOT_MAX) * LOAD_ITEMS_PER_BYTE,
		       {0}, {0}, NULL, 0};
	struct ytree *t = ytree_parse_items(text, len, name, on_item, &l);
	if (!t) {
		free(l.scratch.v);
		ld_free_memos(&l);
		inv_free(inv);
		return NULL;
	}
	struct ytree_node *root = ytree_root(t);
	char *api = str(&l, root, "apiVersion"), *kind = str(&l, root, "kind");
	if (!root || root->type != YTREE_MAPPING || !api || strcmp(api, INV_API_VERSION) != 0 ||
	    !kind || strcmp(kind, INV_KIND) != 0) {
		l.failed = 0;
		bad(&l, root, "not a vchnet inventory snapshot (expected apiVersion: vchnet/v1 and "
			      "kind: Inventory); create one with 'vchnet inventory --save FILE'");
	}
	free(api);
	free(kind);
	if (!l.failed) {
		struct ytree_node *srv = ytree_get(root, "server");
		inv->source = str(&l, srv, "url");
		inv->api_type = str(&l, srv, "apiType");
		inv->api_version = str(&l, srv, "apiVersion");
		inv->fetched_at = str(&l, root, "fetchedAt");
		for (size_t i = 0; i < NF(sections); i++)
			if (!l.streamed[i])
				each(&l, root, sections[i].key, NULL, sections[i].fn, inv);
	}
	free(l.scratch.v);
	ld_free_memos(&l);
	ytree_free(t);
	if (l.failed) {
		inv_free(inv);
		return NULL;
	}
	inv_finish(inv);
	return inv;
}

struct inv *inv_yaml_load(const char *path)
{
	char *text;
	size_t len;
	if (fileio_read(path, SNAPSHOT_MAX, &text, &len) < 0) {
		err_prefix("cannot load the inventory snapshot");
		return NULL;
	}
	struct inv *inv = inv_yaml_parse(text, len, path);
	free(text);
	return inv;
}
