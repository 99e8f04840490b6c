/* inv_yaml: the inventory snapshot (vchnet inventory --save / --inventory) and
 * --format yaml. Written with libyaml's emitter, read with libyaml's document loader.
 * Paths, datacenters and host compute resources are derived on load (inv_finish()), so
 * the file keeps ids and parent links as the source of truth and shows paths for the
 * reader only. No secret ever enters the model, so none can reach the file. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "err.h"
#include "fileio.h"
#include "inv.h"
#include "mem.h"

#define INV_API_VERSION "vchnet/v1"
#define INV_KIND "Inventory"
#define SNAPSHOT_MAX ((size_t)256 << 20)

/* ---- emitting ---- */

struct out {
	char *s;
	size_t len, cap;
};

static int write_handler(void *data, unsigned char *buf, size_t size)
{
	struct out *o = data;
	xgrow(&o->s, &o->cap, o->len + size + 1, 1);
	memcpy(o->s + o->len, buf, size);
	o->len += size;
	o->s[o->len] = '\0';
	return 1;
}

struct em {
	yaml_emitter_t e;
	bool failed;
};

static void emit(struct em *m, yaml_event_t *ev)
{
	if (m->failed) {
		yaml_event_delete(ev);
		return;
	}
	if (!yaml_emitter_emit(&m->e, ev))
		m->failed = true;
}

static void map_start(struct em *m, bool flow)
{
	yaml_event_t ev;
	yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
					    flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE);
	emit(m, &ev);
}

static void map_end(struct em *m)
{
	yaml_event_t ev;
	yaml_mapping_end_event_initialize(&ev);
	emit(m, &ev);
}

static void seq_start(struct em *m, bool flow)
{
	yaml_event_t ev;
	yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
					     flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
	emit(m, &ev);
}

static void seq_end(struct em *m)
{
	yaml_event_t ev;
	yaml_sequence_end_event_initialize(&ev);
	emit(m, &ev);
}

/* Plain for keys, numbers and booleans; double-quoted for text from the server, so
 * that a name like "yes", "123" or "a: b" reads back as the same string anywhere. */
static void scalar(struct em *m, const char *s, bool quoted)
{
	yaml_event_t ev;
	yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)(uintptr_t)s, (int)strlen(s),
				     1, 1, quoted ? YAML_DOUBLE_QUOTED_SCALAR_STYLE : YAML_PLAIN_SCALAR_STYLE);
	emit(m, &ev);
}

static void kv_str(struct em *m, const char *k, const char *v)
{
	if (!v)
		return;
	scalar(m, k, false);
	scalar(m, v, true);
}

static void kv_bool(struct em *m, const char *k, bool v)
{
	scalar(m, k, false);
	scalar(m, v ? "true" : "false", false);
}

static void kv_int(struct em *m, const char *k, long v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%ld", v);
	scalar(m, k, false);
	scalar(m, buf, false);
}

static void kv_list(struct em *m, const char *k, const struct strv *l)
{
	scalar(m, k, false);
	seq_start(m, true);
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

/* The fields after obj_head() of each kind; o is the first member of its struct. */
static void emit_compute(struct em *m, const struct inv_obj *o)
{
	const struct inv_compute *c = (const struct inv_compute *)o;
	kv_bool(m, "cluster", c->cluster);
	kv_list(m, "hosts", &c->hosts);
	kv_str(m, "rootPool", c->root_pool);
}

static void emit_pool(struct em *m, const struct inv_obj *o)
{
	kv_str(m, "owner", ((const struct inv_pool *)o)->owner);
}

static void emit_rule(struct em *m, const struct inv_fw_rule *x)
{
	map_start(m, true);
	kv_int(m, "port", x->port);
	kv_int(m, "endPort", x->end_port);
	kv_str(m, "direction", x->direction);
	kv_str(m, "portType", x->port_type);
	kv_str(m, "protocol", x->protocol);
	map_end(m);
}

static void emit_ruleset(struct em *m, const struct inv_ruleset *r)
{
	map_start(m, false);
	kv_str(m, "key", r->key);
	kv_str(m, "label", r->label);
	kv_bool(m, "enabled", r->enabled);
	kv_bool(m, "required", r->required);
	kv_bool(m, "allIp", r->all_ip);
	kv_list(m, "ipAddresses", &r->ip_addresses);
	kv_list(m, "ipNetworks", &r->ip_networks);
	scalar(m, "rules", false);
	seq_start(m, false);
	for (size_t k = 0; k < r->n_rules; k++)
		emit_rule(m, &r->rules[k]);
	seq_end(m);
	map_end(m);
}

static void emit_host(struct em *m, const struct inv_obj *o)
{
	const struct inv_host *h = (const struct inv_host *)o;
	kv_str(m, "connectionState", h->connection_state);
	kv_bool(m, "maintenance", h->maintenance);
	kv_list(m, "managementIPs", &h->mgmt_ips);
	kv_bool(m, "managementDHCP", h->mgmt_dhcp);
	kv_str(m, "firewallSystem", h->firewall_system);
	if (!h->have_firewall)
		return;
	scalar(m, "firewall", false);
	map_start(m, false);
	kv_bool(m, "incomingBlocked", h->incoming_blocked);
	kv_bool(m, "outgoingBlocked", h->outgoing_blocked);
	scalar(m, "rulesets", false);
	seq_start(m, false);
	for (size_t j = 0; j < h->n_rulesets; j++)
		emit_ruleset(m, &h->rulesets[j]);
	seq_end(m);
	map_end(m);
}

static void emit_datastore(struct em *m, const struct inv_obj *o)
{
	kv_list(m, "hosts", &((const struct inv_datastore *)o)->hosts);
}

static void emit_switch(struct em *m, const struct inv_obj *o)
{
	const struct inv_switch *s = (const struct inv_switch *)o;
	kv_str(m, "uuid", s->uuid);
	kv_list(m, "hosts", &s->hosts);
	kv_list(m, "uplinkPortgroups", &s->uplink_pgs);
}

static void emit_network(struct em *m, const struct inv_obj *o)
{
	const struct inv_network *n = (const struct inv_network *)o;
	kv_str(m, "kind", inv_net_kind_name(n->net_kind));
	kv_list(m, "hosts", &n->hosts);
	if (n->net_kind == INV_NET_DVPG) {
		kv_str(m, "key", n->key);
		kv_str(m, "switch", n->switch_id);
		if (n->vlan != INV_VLAN_UNKNOWN) {
			scalar(m, "vlan", false);
			map_start(m, true);
			kv_str(m, "type", vlan_types[n->vlan]);
			if (n->vlan == INV_VLAN_TRUNK)
				kv_str(m, "ranges", n->vlan_ranges ? n->vlan_ranges : "");
			else
				kv_int(m, "id", n->vlan_id);
			map_end(m);
		}
		kv_bool(m, "uplink", n->uplink);
		kv_bool(m, "nsx", n->nsx);
		kv_str(m, "logicalSwitchUuid", n->logical_switch_uuid);
	}
	if (n->net_kind == INV_NET_OPAQUE) {
		kv_str(m, "opaqueId", n->opaque_id);
		kv_str(m, "opaqueType", n->opaque_type);
	}
}

/* One section: key, then a block list of the objects of one kind in dc (all when dc
 * is NULL). arr is an array of n structs of the given size, each starting with its
 * struct inv_obj; extra emits the kind's own fields (NULL: none). */
static void emit_objs(struct em *m, const char *key, const void *arr, size_t n, size_t size,
		      const char *dc, void (*extra)(struct em *, const struct inv_obj *))
{
	scalar(m, key, false);
	seq_start(m, false);
	for (size_t i = 0; i < n; i++) {
		const struct inv_obj *o = (const struct inv_obj *)((const char *)arr + i * size);
		if (!want(o, dc))
			continue;
		map_start(m, false);
		obj_head(m, o);
		if (extra)
			extra(m, o);
		map_end(m);
	}
	seq_end(m);
}

#define EMIT_OBJS(m, key, arr, n, dc, extra) emit_objs(m, key, arr, n, sizeof *(arr), dc, extra)

static void emit_inv(struct em *m, const struct inv *inv, const char *dc)
{
	yaml_event_t ev;
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	emit(m, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	emit(m, &ev);
	map_start(m, false);
	kv_str(m, "apiVersion", INV_API_VERSION);
	kv_str(m, "kind", INV_KIND);
	scalar(m, "server", false);
	map_start(m, false);
	kv_str(m, "url", inv->source);
	kv_str(m, "apiType", inv->api_type);
	kv_str(m, "apiVersion", inv->api_version);
	map_end(m);
	kv_str(m, "fetchedAt", inv->fetched_at);

	EMIT_OBJS(m, "folders", inv->folders, inv->n_folders, dc, NULL);
	EMIT_OBJS(m, "datacenters", inv->datacenters, inv->n_datacenters, dc, NULL);
	EMIT_OBJS(m, "computeResources", inv->computes, inv->n_computes, dc, emit_compute);
	EMIT_OBJS(m, "resourcePools", inv->pools, inv->n_pools, dc, emit_pool);
	EMIT_OBJS(m, "hosts", inv->hosts, inv->n_hosts, dc, emit_host);
	EMIT_OBJS(m, "datastores", inv->datastores, inv->n_datastores, dc, emit_datastore);
	EMIT_OBJS(m, "switches", inv->switches, inv->n_switches, dc, emit_switch);
	EMIT_OBJS(m, "networks", inv->networks, inv->n_networks, dc, emit_network);

	map_end(m);
	yaml_document_end_event_initialize(&ev, 1);
	emit(m, &ev);
	yaml_stream_end_event_initialize(&ev);
	emit(m, &ev);
}

static int emit_to_buf(const struct inv *inv, const char *dc_name, struct out *o)
{
	const char *dc = NULL;
	if (dc_name) {
		const struct inv_obj *d = inv_find(inv, INV_DATACENTER, dc_name, NULL);
		if (!d)
			return -1;
		dc = d->id;
	}
	struct em m = {.failed = false};
	if (!yaml_emitter_initialize(&m.e))
		mem_die("out of memory (YAML emitter)");
	yaml_emitter_set_output(&m.e, write_handler, o);
	yaml_emitter_set_unicode(&m.e, 1);
	yaml_emitter_set_width(&m.e, 4096);
	emit_inv(&m, inv, dc);
	yaml_emitter_flush(&m.e);
	bool failed = m.failed;
	char why[200];
	snprintf(why, sizeof why, "%s", m.e.problem ? m.e.problem : "unknown problem");
	yaml_emitter_delete(&m.e);
	if (failed) {
		free(o->s);
		o->s = NULL;
		return err_set("cannot write the inventory as YAML: %s", why);
	}
	return 0;
}

int inv_yaml_emit(const struct inv *inv, FILE *f, const char *datacenter)
{
	struct out o = {0};
	if (emit_to_buf(inv, datacenter, &o) < 0)
		return -1;
	size_t w = fwrite(o.s, 1, o.len, f);
	free(o.s);
	if (w != o.len)
		return err_set("cannot write the inventory: %s", strerror(errno));
	return 0;
}

int inv_yaml_save(const struct inv *inv, const char *path)
{
	struct out o = {0};
	if (emit_to_buf(inv, NULL, &o) < 0)
		return -1;
	const char *head = "# vchnet inventory snapshot: no secrets. Use it with --inventory FILE.\n";
	size_t hl = strlen(head);
	char *all = xmalloc(hl + o.len + 1);
	memcpy(all, head, hl);
	memcpy(all + hl, o.s, o.len);
	int r = fileio_write_atomic(path, all, hl + o.len, 0600);
	free(all);
	free(o.s);
	return r < 0 ? err_prefix("saving the inventory") : 0;
}

bool inv_equal(const struct inv *a, const struct inv *b)
{
	/* the YAML form carries every field of the model, so equal texts mean equal
	 * models */
	struct out x = {0}, y = {0};
	bool eq = emit_to_buf(a, NULL, &x) == 0 && emit_to_buf(b, NULL, &y) == 0 &&
		  x.len == y.len && memcmp(x.s, y.s, x.len) == 0;
	free(x.s);
	free(y.s);
	return eq;
}

/* ---- loading ---- */

struct ld {
	yaml_document_t *d;
	const char *name;
	int failed;
};

static int bad(struct ld *l, const yaml_node_t *n, const char *what)
{
	if (!l->failed)
		err_set("%s:%lu:%lu: %s", l->name, n ? (unsigned long)n->start_mark.line + 1 : 0,
			n ? (unsigned long)n->start_mark.column + 1 : 0, what);
	l->failed = 1;
	return -1;
}

static yaml_node_t *get(struct ld *l, const yaml_node_t *map, const char *key)
{
	if (!map || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(l->d, p->key);
		if (k && k->type == YAML_SCALAR_NODE && strcmp((const char *)k->data.scalar.value, key) == 0)
			return yaml_document_get_node(l->d, p->value);
	}
	return NULL;
}

static char *str(struct ld *l, const yaml_node_t *map, const char *key)
{
	yaml_node_t *v = get(l, map, key);
	if (!v)
		return NULL;
	if (v->type != YAML_SCALAR_NODE) {
		bad(l, v, "expected a text value");
		return NULL;
	}
	return xstrndup((const char *)v->data.scalar.value, v->data.scalar.length);
}

static bool boolean(struct ld *l, const yaml_node_t *map, const char *key)
{
	char *s = str(l, map, key);
	bool v = s && strcmp(s, "true") == 0;
	if (s && !v && strcmp(s, "false") != 0)
		bad(l, get(l, map, key), "expected true or false");
	free(s);
	return v;
}

static long integer(struct ld *l, const yaml_node_t *map, const char *key, long lo, long hi)
{
	char *s = str(l, map, key), *end;
	long v = 0;
	if (s) {
		errno = 0;
		v = strtol(s, &end, 10);
		if (errno || end == s || *end || v < lo || v > hi)
			bad(l, get(l, map, key), "expected a number in range");
	}
	free(s);
	return v;
}

static void list(struct ld *l, const yaml_node_t *map, const char *key, struct strv *out)
{
	yaml_node_t *v = get(l, map, key);
	if (!v)
		return;
	if (v->type != YAML_SEQUENCE_NODE) {
		bad(l, v, "expected a list");
		return;
	}
	for (yaml_node_item_t *i = v->data.sequence.items.start; i < v->data.sequence.items.top; i++) {
		yaml_node_t *e = yaml_document_get_node(l->d, *i);
		if (!e || e->type != YAML_SCALAR_NODE) {
			bad(l, e, "expected a list of text values");
			return;
		}
		strv_push_owned(out, xstrndup((const char *)e->data.scalar.value, e->data.scalar.length));
	}
}

/* Calls fn(l, ctx, item) for each mapping in the sequence under key (none when the
 * key is missing). what names the items in the messages ("ruleset": "expected a list
 * of rulesets", "expected a ruleset mapping"); NULL for plain "list"/"mapping". */
static void each(struct ld *l, const yaml_node_t *map, const char *key, const char *what,
		 void (*fn)(struct ld *, void *, yaml_node_t *), void *ctx)
{
	yaml_node_t *v = get(l, map, key);
	if (!v)
		return;
	if (v->type != YAML_SEQUENCE_NODE) {
		char *m = what ? xasprintf("expected a list of %ss", what) : xstrdup("expected a list");
		bad(l, v, m);
		free(m);
		return;
	}
	for (yaml_node_item_t *i = v->data.sequence.items.start; i < v->data.sequence.items.top && !l->failed; i++) {
		yaml_node_t *e = yaml_document_get_node(l->d, *i);
		if (!e || e->type != YAML_MAPPING_NODE) {
			char *m = what ? xasprintf("expected a %s mapping", what) : xstrdup("expected a mapping");
			bad(l, e, m);
			free(m);
			return;
		}
		fn(l, ctx, e);
	}
}

static void head(struct ld *l, struct inv_obj *o, yaml_node_t *n)
{
	o->id = str(l, n, "id");
	o->type = str(l, n, "type");
	o->name = str(l, n, "name");
	o->parent = str(l, n, "parent");
	if (!l->failed && (!o->id || !*o->id || !o->type || !o->name))
		bad(l, n, "an object needs id, type and name");
}

static void ld_folder(struct ld *l, void *inv, yaml_node_t *n)
{
	head(l, &inv_add_folder(inv)->o, n);
}

static void ld_dc(struct ld *l, void *inv, yaml_node_t *n)
{
	head(l, &inv_add_datacenter(inv)->o, n);
}

static void ld_compute(struct ld *l, void *inv, yaml_node_t *n)
{
	struct inv_compute *c = inv_add_compute(inv);
	head(l, &c->o, n);
	c->cluster = boolean(l, n, "cluster");
	list(l, n, "hosts", &c->hosts);
	c->root_pool = str(l, n, "rootPool");
}

static void ld_pool(struct ld *l, void *inv, yaml_node_t *n)
{
	struct inv_pool *p = inv_add_pool(inv);
	head(l, &p->o, n);
	p->owner = str(l, n, "owner");
}

static void ld_rule(struct ld *l, void *r, yaml_node_t *n)
{
	struct inv_fw_rule *x = inv_ruleset_add_rule(r);
	x->port = (int)integer(l, n, "port", 0, 65535);
	x->end_port = (int)integer(l, n, "endPort", 0, 65535);
	x->direction = str(l, n, "direction");
	x->port_type = str(l, n, "portType");
	x->protocol = str(l, n, "protocol");
}

static void ld_ruleset(struct ld *l, void *h, yaml_node_t *n)
{
	struct inv_ruleset *r = inv_host_add_ruleset(h);
	r->key = str(l, n, "key");
	r->label = str(l, n, "label");
	r->enabled = boolean(l, n, "enabled");
	r->required = boolean(l, n, "required");
	r->all_ip = boolean(l, n, "allIp");
	list(l, n, "ipAddresses", &r->ip_addresses);
	list(l, n, "ipNetworks", &r->ip_networks);
	each(l, n, "rules", "rule", ld_rule, r);
}

static void ld_host(struct ld *l, void *inv, yaml_node_t *n)
{
	struct inv_host *h = inv_add_host(inv);
	head(l, &h->o, n);
	h->connection_state = str(l, n, "connectionState");
	h->maintenance = boolean(l, n, "maintenance");
	list(l, n, "managementIPs", &h->mgmt_ips);
	h->mgmt_dhcp = boolean(l, n, "managementDHCP");
	h->firewall_system = str(l, n, "firewallSystem");
	yaml_node_t *fw = get(l, n, "firewall");
	if (!fw)
		return;
	h->have_firewall = true;
	h->incoming_blocked = boolean(l, fw, "incomingBlocked");
	h->outgoing_blocked = boolean(l, fw, "outgoingBlocked");
	each(l, fw, "rulesets", "ruleset", ld_ruleset, h);
}

static void ld_ds(struct ld *l, void *inv, yaml_node_t *n)
{
	struct inv_datastore *d = inv_add_datastore(inv);
	head(l, &d->o, n);
	list(l, n, "hosts", &d->hosts);
}

static void ld_switch(struct ld *l, void *inv, yaml_node_t *n)
{
	struct inv_switch *s = inv_add_switch(inv);
	head(l, &s->o, n);
	s->uuid = str(l, n, "uuid");
	list(l, n, "hosts", &s->hosts);
	list(l, n, "uplinkPortgroups", &s->uplink_pgs);
}

static void ld_net(struct ld *l, void *inv, yaml_node_t *n)
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
	list(l, n, "hosts", &x->hosts);
	x->key = str(l, n, "key");
	x->switch_id = str(l, n, "switch");
	yaml_node_t *v = get(l, n, "vlan");
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
	x->uplink = boolean(l, n, "uplink");
	x->nsx = boolean(l, n, "nsx");
	x->logical_switch_uuid = str(l, n, "logicalSwitchUuid");
	x->opaque_id = str(l, n, "opaqueId");
	x->opaque_type = str(l, n, "opaqueType");
}

struct inv *inv_yaml_parse(const char *text, size_t len, const char *name)
{
	yaml_parser_t p;
	yaml_document_t d;
	if (!yaml_parser_initialize(&p))
		mem_die("out of memory (YAML parser)");
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	if (!yaml_parser_load(&p, &d)) {
		err_set("%s:%lu:%lu: not valid YAML: %s", name, (unsigned long)p.problem_mark.line + 1,
			(unsigned long)p.problem_mark.column + 1, p.problem ? p.problem : "?");
		yaml_parser_delete(&p);
		return NULL;
	}
	yaml_parser_delete(&p);
	struct ld l = {&d, name, 0};
	struct inv *inv = inv_new();
	yaml_node_t *root = yaml_document_get_root_node(&d);
	char *api = str(&l, root, "apiVersion"), *kind = str(&l, root, "kind");
	if (!root || root->type != YAML_MAPPING_NODE || !api || strcmp(api, INV_API_VERSION) != 0 ||
	    !kind || strcmp(kind, INV_KIND) != 0) {
		l.failed = 0;
		bad(&l, root, "not a vchnet inventory snapshot (expected apiVersion: vchnet/v1 and "
			      "kind: Inventory); create one with 'vchnet inventory --save FILE'");
	}
	free(api);
	free(kind);
	if (!l.failed) {
		yaml_node_t *srv = get(&l, root, "server");
		inv->source = str(&l, srv, "url");
		inv->api_type = str(&l, srv, "apiType");
		inv->api_version = str(&l, srv, "apiVersion");
		inv->fetched_at = str(&l, root, "fetchedAt");
		each(&l, root, "folders", NULL, ld_folder, inv);
		each(&l, root, "datacenters", NULL, ld_dc, inv);
		each(&l, root, "computeResources", NULL, ld_compute, inv);
		each(&l, root, "resourcePools", NULL, ld_pool, inv);
		each(&l, root, "hosts", NULL, ld_host, inv);
		each(&l, root, "datastores", NULL, ld_ds, inv);
		each(&l, root, "switches", NULL, ld_switch, inv);
		each(&l, root, "networks", NULL, ld_net, inv);
	}
	yaml_document_delete(&d);
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
