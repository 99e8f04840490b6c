#include "inv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "err.h"
#include "mem.h"

struct inv *inv_new(void)
{
	return xcalloc(1, sizeof(struct inv));
}

static void obj_free(struct inv_obj *o)
{
	free(o->id);
	free(o->type);
	free(o->name);
	free(o->path);
	free(o->parent);
	free(o->datacenter);
}

static void ruleset_free(struct inv_ruleset *r)
{
	free(r->key);
	free(r->label);
	for (size_t i = 0; i < r->n_rules; i++) {
		free(r->rules[i].direction);
		free(r->rules[i].port_type);
		free(r->rules[i].protocol);
	}
	free(r->rules);
	strv_free(&r->ip_addresses);
	strv_free(&r->ip_networks);
}

static void vch_free(struct inv_vch *v)
{
	if (!v)
		return;
	free(v->name);
	free(v->bridge);
	free(v->bridge_range);
	for (int i = 0; i < INV_VCH_ROLES; i++) {
		free(v->roles[i].port_group);
		free(v->roles[i].ip);
		free(v->roles[i].gateway);
	}
	for (size_t i = 0; i < v->n_nets; i++) {
		free(v->nets[i].alias);
		free(v->nets[i].port_group);
		free(v->nets[i].gateway);
		strv_free(&v->nets[i].pools);
	}
	free(v->nets);
	free(v);
}

/* ---- interning ---- */

/* Memory comes from chunks that live as long as the pool; strings and lists are found
 * again through two open-addressing hash tables (FNV-1a; lists hash their pointers). */
struct pool_chunk {
	struct pool_chunk *next;
	size_t used, size;
	max_align_t data[];
};

struct pool_list {
	char **v;
	size_t n;
	uint64_t hash;
};

/* inv_network_hosts_in() of a pooled host list in a compute resource: networks of one
 * switch share one list, so the Bridge step's 10,000 rows ask about a few lists only */
struct hosts_in_memo {
	char *const *list;
	size_t n;
	const struct inv_compute *scope;
	size_t scope_n;
	int have;
};

#define HOSTS_IN_MEMO 64

struct inv_pool_strs {
	struct pool_chunk *chunks;
	char **strs;           /* table of 2^k slots, NULL: empty */
	size_t n_strs, cap_strs;
	struct pool_list *lists;
	size_t n_lists, cap_lists;
	struct hosts_in_memo memo[HOSTS_IN_MEMO];
	size_t n_memo;
};

#define POOL_CHUNK (64 * 1024)

static void *pool_alloc(struct inv_pool_strs *p, size_t size)
{
	size = (size + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	struct pool_chunk *c = p->chunks;
	if (!c || c->size - c->used < size) {
		size_t cap = size > POOL_CHUNK / 4 ? size : POOL_CHUNK;
		c = xmalloc(sizeof *c + cap);
		c->used = 0;
		c->size = cap;
		if (size > POOL_CHUNK / 4 && p->chunks) {
			/* a big one goes behind the current chunk, which keeps filling */
			c->next = p->chunks->next;
			p->chunks->next = c;
		} else {
			c->next = p->chunks;
			p->chunks = c;
		}
	}
	void *r = (char *)c->data + c->used;
	c->used += size;
	return r;
}

static void pool_free(struct inv_pool_strs *p)
{
	if (!p)
		return;
	for (struct pool_chunk *c = p->chunks, *next; c; c = next) {
		next = c->next;
		free(c);
	}
	free(p->strs);
	free(p->lists);
	free(p);
}

static uint64_t fnv(uint64_t h, const void *data, size_t len)
{
	const unsigned char *b = data;
	for (size_t i = 0; i < len; i++)
		h = (h ^ b[i]) * 0x100000001b3ULL;
	return h;
}

#define FNV_BASIS 0xcbf29ce484222325ULL

static struct inv_pool_strs *pool_of(struct inv *inv)
{
	if (!inv->pool)
		inv->pool = xcalloc(1, sizeof *inv->pool);
	return inv->pool;
}

static void strs_insert(struct inv_pool_strs *p, char *s)
{
	size_t mask = p->cap_strs - 1;
	for (size_t i = fnv(FNV_BASIS, s, strlen(s)) & mask;; i = (i + 1) & mask)
		if (!p->strs[i]) {
			p->strs[i] = s;
			return;
		}
}

char *inv_intern(struct inv *inv, const char *s, size_t len)
{
	struct inv_pool_strs *p = pool_of(inv);
	if ((p->n_strs + 1) * 2 > p->cap_strs) {
		char **old = p->strs;
		size_t old_cap = p->cap_strs;
		p->cap_strs = old_cap ? old_cap * 2 : 256;
		p->strs = xcalloc(p->cap_strs, sizeof *p->strs);
		for (size_t i = 0; i < old_cap; i++)
			if (old[i])
				strs_insert(p, old[i]);
		free(old);
	}
	size_t mask = p->cap_strs - 1;
	size_t i = fnv(FNV_BASIS, s, len) & mask;
	for (; p->strs[i]; i = (i + 1) & mask)
		if (strncmp(p->strs[i], s, len) == 0 && p->strs[i][len] == '\0')
			return p->strs[i];
	char *c = pool_alloc(p, len + 1);
	memcpy(c, s, len);
	c[len] = '\0';
	p->strs[i] = c;
	p->n_strs++;
	return c;
}

static uint64_t list_hash(char *const *v, size_t n)
{
	return fnv(fnv(FNV_BASIS, &n, sizeof n), v, n * sizeof *v);
}

static void lists_insert(struct inv_pool_strs *p, struct pool_list l)
{
	size_t mask = p->cap_lists - 1;
	for (size_t i = l.hash & mask;; i = (i + 1) & mask)
		if (!p->lists[i].v) {
			p->lists[i] = l;
			return;
		}
}

char **inv_intern_list(struct inv *inv, char *const *v, size_t n)
{
	struct inv_pool_strs *p = pool_of(inv);
	if ((p->n_lists + 1) * 2 > p->cap_lists) {
		struct pool_list *old = p->lists;
		size_t old_cap = p->cap_lists;
		p->cap_lists = old_cap ? old_cap * 2 : 64;
		p->lists = xcalloc(p->cap_lists, sizeof *p->lists);
		for (size_t i = 0; i < old_cap; i++)
			if (old[i].v)
				lists_insert(p, old[i]);
		free(old);
	}
	uint64_t h = list_hash(v, n);
	size_t mask = p->cap_lists - 1;
	size_t i = h & mask;
	for (; p->lists[i].v; i = (i + 1) & mask)
		if (p->lists[i].hash == h && p->lists[i].n == n &&
		    memcmp(p->lists[i].v, v, n * sizeof *v) == 0)
			return p->lists[i].v;
	/* one slot more than needed, so an empty list has an address too */
	char **c = pool_alloc(p, (n + 1) * sizeof *c);
	if (n)
		memcpy(c, v, n * sizeof *v);
	c[n] = NULL;
	p->lists[i] = (struct pool_list){c, n, h};
	p->n_lists++;
	return c;
}

void inv_network_set_pooled_hosts(struct inv *inv, struct inv_network *n, char *const *v,
				  size_t count)
{
	if (!n->hosts_pooled)
		strv_free(&n->hosts);
	n->hosts = (struct strv){.v = inv_intern_list(inv, v, count), .n = count, .cap = count};
	n->hosts_pooled = true;
}

void inv_free(struct inv *inv)
{
	if (!inv)
		return;
	for (size_t i = 0; i < inv->n_folders; i++)
		obj_free(&inv->folders[i].o);
	for (size_t i = 0; i < inv->n_datacenters; i++)
		obj_free(&inv->datacenters[i].o);
	for (size_t i = 0; i < inv->n_computes; i++) {
		struct inv_compute *c = &inv->computes[i];
		obj_free(&c->o);
		strv_free(&c->hosts);
		free(c->root_pool);
	}
	for (size_t i = 0; i < inv->n_pools; i++) {
		obj_free(&inv->pools[i].o);
		free(inv->pools[i].owner);
	}
	for (size_t i = 0; i < inv->n_hosts; i++) {
		struct inv_host *h = &inv->hosts[i];
		obj_free(&h->o);
		free(h->compute);
		free(h->connection_state);
		strv_free(&h->mgmt_ips);
		free(h->firewall_system);
		for (size_t j = 0; j < h->n_rulesets && !h->rulesets_shared; j++)
			ruleset_free(&h->rulesets[j]);
		if (!h->rulesets_shared)
			free(h->rulesets);
	}
	for (size_t i = 0; i < inv->n_datastores; i++) {
		obj_free(&inv->datastores[i].o);
		strv_free(&inv->datastores[i].hosts);
	}
	for (size_t i = 0; i < inv->n_switches; i++) {
		struct inv_switch *s = &inv->switches[i];
		obj_free(&s->o);
		free(s->uuid);
		strv_free(&s->hosts);
		strv_free(&s->uplink_pgs);
	}
	for (size_t i = 0; i < inv->n_networks; i++) {
		struct inv_network *n = &inv->networks[i];
		obj_free(&n->o);
		if (n->hosts_pooled)
			n->hosts = (struct strv){0};
		else
			strv_free(&n->hosts);
		free(n->key);
		free(n->switch_id);
		free(n->vlan_ranges);
		free(n->logical_switch_uuid);
		free(n->opaque_id);
		free(n->opaque_type);
		strv_free(&n->vms);
	}
	for (size_t i = 0; i < inv->n_vms; i++) {
		struct inv_vm *v = &inv->vms[i];
		obj_free(&v->o);
		free(v->power_state);
		free(v->pool);
		strv_free(&v->ips);
		strv_free(&v->ec);
		vch_free(v->vch);
	}
	pool_free(inv->pool);
	free(inv->vms);
	free(inv->by_id);
	free(inv->vchs);
	free(inv->folders);
	free(inv->datacenters);
	free(inv->computes);
	free(inv->pools);
	free(inv->hosts);
	free(inv->datastores);
	free(inv->switches);
	free(inv->networks);
	free(inv->source);
	free(inv->api_type);
	free(inv->api_version);
	free(inv->fetched_at);
	free(inv);
}

const char *inv_kind_name(enum inv_kind k)
{
	static const char *const names[INV_KIND_COUNT] = {
		"datacenter", "compute resource", "resource pool", "host", "datastore",
		"switch", "network", "folder", "virtual machine",
	};
	return k < INV_KIND_COUNT ? names[k] : "object";
}

const char *inv_net_kind_name(enum inv_net_kind k)
{
	switch (k) {
	case INV_NET_STANDARD: return "standard";
	case INV_NET_DVPG: return "distributed";
	case INV_NET_OPAQUE: return "opaque";
	}
	return "?";
}

static const struct {
	const char *word, *noun;
} net_types[] = {
	{"standard", "standard port group"},
	{"distributed", "distributed port group"},
	{"NSX", "NSX network"},
};

static size_t net_type(const struct inv_network *n)
{
	if (n->net_kind == INV_NET_STANDARD)
		return 0;
	return n->net_kind == INV_NET_OPAQUE || n->nsx ? 2 : 1;
}

const char *inv_net_type_word(const struct inv_network *n)
{
	return net_types[net_type(n)].word;
}

const char *inv_net_type_noun(const struct inv_network *n)
{
	return net_types[net_type(n)].noun;
}

const char *inv_net_type_noun_of(const char *word)
{
	for (size_t i = 0; i < sizeof net_types / sizeof net_types[0]; i++)
		if (strcmp(net_types[i].word, word) == 0)
			return net_types[i].noun;
	return word;
}

char *inv_vlan_text(const struct inv_network *n)
{
	switch (n->vlan) {
	case INV_VLAN_ID: return xasprintf("%d", n->vlan_id);
	case INV_VLAN_TRUNK: return xasprintf("trunk %s", n->vlan_ranges ? n->vlan_ranges : "");
	case INV_VLAN_PVLAN: return xasprintf("pvlan %d", n->vlan_id);
	case INV_VLAN_UNKNOWN: break;
	}
	return xstrdup("");
}

#define ADDER(fn, type, arr, kindv)                                          \
	type *fn(struct inv *inv)                                            \
	{                                                                    \
		xgrow(&inv->arr, &inv->cap_##arr, inv->n_##arr + 1, sizeof(type)); \
		type *e = &inv->arr[inv->n_##arr++];                          \
		memset(e, 0, sizeof *e);                                      \
		e->o.kind = kindv;                                            \
		return e;                                                     \
	}
ADDER(inv_add_folder, struct inv_folder, folders, INV_FOLDER)
ADDER(inv_add_datacenter, struct inv_datacenter, datacenters, INV_DATACENTER)
ADDER(inv_add_compute, struct inv_compute, computes, INV_COMPUTE)
ADDER(inv_add_pool, struct inv_pool, pools, INV_POOL)
ADDER(inv_add_host, struct inv_host, hosts, INV_HOST)
ADDER(inv_add_datastore, struct inv_datastore, datastores, INV_DATASTORE)
ADDER(inv_add_switch, struct inv_switch, switches, INV_SWITCH)
ADDER(inv_add_network, struct inv_network, networks, INV_NETWORK)
/* VMs have no kind of their own: they stay out of the generic object walks */
ADDER(inv_add_vm, struct inv_vm, vms, INV_VM)

struct inv_vch_net *inv_vch_add_net(struct inv_vch *v)
{
	size_t cap = v->n_nets;
	xgrow(&v->nets, &cap, v->n_nets + 1, sizeof *v->nets);
	struct inv_vch_net *n = &v->nets[v->n_nets++];
	memset(n, 0, sizeof *n);
	return n;
}

struct inv_ruleset *inv_host_add_ruleset(struct inv_host *h)
{
	MEM_ASSERT(!h->rulesets_shared);
	size_t cap = h->n_rulesets;
	/* exact-size growth keeps the struct free of a capacity field */
	xgrow(&h->rulesets, &cap, h->n_rulesets + 1, sizeof *h->rulesets);
	struct inv_ruleset *r = &h->rulesets[h->n_rulesets++];
	memset(r, 0, sizeof *r);
	return r;
}

struct inv_fw_rule *inv_ruleset_add_rule(struct inv_ruleset *r)
{
	size_t cap = r->n_rules;
	xgrow(&r->rules, &cap, r->n_rules + 1, sizeof *r->rules);
	struct inv_fw_rule *x = &r->rules[r->n_rules++];
	memset(x, 0, sizeof *x);
	return x;
}

/* Calls fn on every object header. */
static void each_obj(const struct inv *inv, void (*fn)(struct inv_obj *, void *), void *arg)
{
	for (size_t i = 0; i < inv->n_folders; i++) fn(&inv->folders[i].o, arg);
	for (size_t i = 0; i < inv->n_datacenters; i++) fn(&inv->datacenters[i].o, arg);
	for (size_t i = 0; i < inv->n_computes; i++) fn(&inv->computes[i].o, arg);
	for (size_t i = 0; i < inv->n_pools; i++) fn(&inv->pools[i].o, arg);
	for (size_t i = 0; i < inv->n_hosts; i++) fn(&inv->hosts[i].o, arg);
	for (size_t i = 0; i < inv->n_datastores; i++) fn(&inv->datastores[i].o, arg);
	for (size_t i = 0; i < inv->n_switches; i++) fn(&inv->switches[i].o, arg);
	for (size_t i = 0; i < inv->n_networks; i++) fn(&inv->networks[i].o, arg);
}

struct find_id {
	const char *id;
	struct inv_obj *found;
};

static void find_id_cb(struct inv_obj *o, void *arg)
{
	struct find_id *f = arg;
	if (!f->found && o->id && strcmp(o->id, f->id) == 0)
		f->found = o;
}

static size_t n_objs(const struct inv *inv)
{
	return inv->n_folders + inv->n_datacenters + inv->n_computes + inv->n_pools + inv->n_hosts +
	       inv->n_datastores + inv->n_switches + inv->n_networks;
}

static struct inv_obj *find_mut(const struct inv *inv, const char *id)
{
	struct find_id f = {id, NULL};
	if (!id)
		return NULL;
	if (inv->by_id && inv->n_by_id == n_objs(inv)) {
		/* the first of equal ids, as the linear search in each_obj() order finds */
		size_t lo = 0, hi = inv->n_by_id;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (strcmp(inv->by_id[mid]->id, id) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < inv->n_by_id && strcmp(inv->by_id[lo]->id, id) == 0)
			return inv->by_id[lo];
		return NULL;
	}
	each_obj(inv, find_id_cb, &f);
	return f.found;
}

struct by_id_ent {
	struct inv_obj *o;
	size_t pos; /* in each_obj() order */
};

struct by_id {
	struct by_id_ent *v;
	size_t n;
};

static void by_id_cb(struct inv_obj *o, void *arg)
{
	struct by_id *b = arg;
	if (o->id) {
		b->v[b->n].o = o;
		b->v[b->n].pos = b->n;
		b->n++;
	}
}

/* by id; equal ids keep each_obj()'s order, so the first is what the linear search finds */
static int cmp_by_id(const void *a, const void *b)
{
	const struct by_id_ent *x = a, *y = b;
	int c = strcmp(x->o->id, y->o->id);
	return c ? c : (x->pos > y->pos) - (x->pos < y->pos);
}

/* Builds the indexes of struct inv (see inv.h); an object without an id is left out
 * of by_id, which then never counts as fresh: such an inventory is searched linearly. */
static void build_indexes(struct inv *inv)
{
	if (inv->pool)
		inv->pool->n_memo = 0; /* its compute resources may have moved */
	struct by_id b = {xcalloc(n_objs(inv) + 1, sizeof *b.v), 0};
	each_obj(inv, by_id_cb, &b);
	if (b.n > 1)
		qsort(b.v, b.n, sizeof *b.v, cmp_by_id);
	free(inv->by_id);
	inv->by_id = xcalloc(b.n + 1, sizeof *inv->by_id);
	for (size_t i = 0; i < b.n; i++)
		inv->by_id[i] = b.v[i].o;
	inv->n_by_id = b.n;
	free(b.v);

	free(inv->vchs);
	inv->vchs = xcalloc(inv->n_vms + 1, sizeof *inv->vchs);
	inv->n_vchs = 0;
	for (size_t i = 0; i < inv->n_vms; i++)
		if (inv->vms[i].vch)
			inv->vchs[inv->n_vchs++] = &inv->vms[i];
	inv->vchs_of = inv->n_vms;
}

/* The VMs that may be VCH endpoints: the index when it is fresh, else all of them. */
static size_t vch_count(const struct inv *inv)
{
	return inv->vchs && inv->vchs_of == inv->n_vms ? inv->n_vchs : inv->n_vms;
}

static const struct inv_vm *vch_at(const struct inv *inv, size_t i)
{
	return inv->vchs && inv->vchs_of == inv->n_vms ? inv->vchs[i] : &inv->vms[i];
}

const struct inv_obj *inv_find_id(const struct inv *inv, const char *id)
{
	return find_mut(inv, id);
}

static void clear_path_cb(struct inv_obj *o, void *arg)
{
	(void)arg;
	free(o->path);
	o->path = NULL;
	free(o->datacenter);
	o->datacenter = NULL;
}

/* Path from the parent chain; the depth bound stops a cycle in hostile data. */
static void compute_path(const struct inv *inv, struct inv_obj *o, int depth)
{
	if (o->path)
		return;
	struct inv_obj *p = find_mut(inv, o->parent);
	const char *name = o->name ? o->name : o->id;
	if (!p || depth > 64 || p == o) {
		o->path = xasprintf("/%s", name ? name : "?");
		if (o->kind == INV_DATACENTER)
			o->datacenter = xstrdup(o->id);
		return;
	}
	compute_path(inv, p, depth + 1);
	/* the root folder has no parent: it is not part of the path */
	o->path = xasprintf("%s/%s", p->path, name ? name : "?");
	if (o->kind == INV_DATACENTER)
		o->datacenter = xstrdup(o->id);
	else
		o->datacenter = xstrdup(p->datacenter);
}

static void path_cb(struct inv_obj *o, void *arg)
{
	compute_path(arg, o, 0);
}

static int cmp_obj(const void *a, const void *b)
{
	const struct inv_obj *x = a, *y = b;
	int c = strcmp(x->path ? x->path : "", y->path ? y->path : "");
	return c ? c : strcmp(x->id ? x->id : "", y->id ? y->id : "");
}

static int cmp_vm(const void *a, const void *b)
{
	const struct inv_vm *x = a, *y = b;
	return strcmp(x->o.id ? x->o.id : "", y->o.id ? y->o.id : "");
}

void inv_finish(struct inv *inv)
{
	each_obj(inv, clear_path_cb, NULL);
	/* the paths look every parent up: with the index, not a search of every object
	 * per step (quadratic at the maximums); rebuilt below once the arrays are sorted */
	build_indexes(inv);
	/* a folder without a known parent is the root folder ("Datacenters"): paths start
	 * below it, so drop its name from the path of its children */
	for (size_t i = 0; i < inv->n_folders; i++) {
		struct inv_obj *f = &inv->folders[i].o;
		if (!inv_find_id(inv, f->parent))
			f->path = xstrdup("");
	}
	each_obj(inv, path_cb, (void *)inv);
	for (size_t i = 0; i < inv->n_hosts; i++) {
		struct inv_host *h = &inv->hosts[i];
		const struct inv_obj *p = inv_find_id(inv, h->o.parent);
		if (!h->compute && p && p->kind == INV_COMPUTE)
			h->compute = xstrdup(p->id);
	}
	for (size_t i = 0; i < inv->n_networks; i++) {
		struct inv_network *n = &inv->networks[i];
		/* NSX-T logical switches show up as opaque networks of type nsx.* */
		if (n->net_kind == INV_NET_OPAQUE && n->opaque_type &&
		    strncmp(n->opaque_type, "nsx.", 4) == 0)
			n->nsx = true;
		for (size_t j = 0; j < inv->n_switches; j++)
			if (strv_contains(&inv->switches[j].uplink_pgs, n->o.id))
				n->uplink = true;
	}
	/* qsort() must not see the NULL of an empty list */
#define SORT(a, n) do { if ((n) > 1) qsort((a), (n), sizeof *(a), cmp_obj); } while (0)
	SORT(inv->datacenters, inv->n_datacenters);
	SORT(inv->computes, inv->n_computes);
	SORT(inv->pools, inv->n_pools);
	SORT(inv->hosts, inv->n_hosts);
	SORT(inv->datastores, inv->n_datastores);
	SORT(inv->switches, inv->n_switches);
	SORT(inv->networks, inv->n_networks);
	SORT(inv->folders, inv->n_folders);
#undef SORT
	if (inv->n_vms > 1)
		qsort(inv->vms, inv->n_vms, sizeof *inv->vms, cmp_vm);
	build_indexes(inv);
}

const struct inv_vm *inv_find_vm(const struct inv *inv, const char *id)
{
	if (!id || !inv->n_vms)
		return NULL;
	size_t lo = 0, hi = inv->n_vms;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(inv->vms[mid].o.id ? inv->vms[mid].o.id : "", id);
		if (c == 0)
			return &inv->vms[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct inv_vm *inv_bridge_owner(const struct inv *inv, const char *net_id,
				      const char *skip)
{
	for (size_t i = 0, n = vch_count(inv); net_id && i < n; i++) {
		const struct inv_vch *v = vch_at(inv, i)->vch;
		if (v && v->bridge && strcmp(v->bridge, net_id) == 0 &&
		    !(skip && v->name && strcmp(v->name, skip) == 0))
			return vch_at(inv, i);
	}
	return NULL;
}

const struct inv_vm *inv_find_vch(const struct inv *inv, const char *name)
{
	for (size_t i = 0, n = vch_count(inv); name && i < n; i++) {
		const struct inv_vch *v = vch_at(inv, i)->vch;
		if (v && v->name && strcmp(v->name, name) == 0)
			return vch_at(inv, i);
	}
	return NULL;
}

/* vm is VCH endpoint e or one of its container VMs (the VMs of its resource pool) */
static bool of_vch(const struct inv_vm *vm, const struct inv_vm *e)
{
	return e && vm && (vm == e || (vm->pool && e->pool && strcmp(vm->pool, e->pool) == 0));
}

char *inv_used_by(const struct inv *inv, const struct inv_network *n)
{
	return inv_used_by_except(inv, n, NULL);
}

char *inv_used_by_except(const struct inv *inv, const struct inv_network *n, const char *skip)
{
	const struct inv_vm *owner = NULL, *self = NULL;
	size_t vchs = 0, others = 0;
	for (size_t i = 0, nv = vch_count(inv); i < nv; i++) {
		const struct inv_vch *v = vch_at(inv, i)->vch;
		if (v && skip && v->name && strcmp(v->name, skip) == 0) {
			self = vch_at(inv, i);
			continue;
		}
		if (v && v->bridge && strcmp(v->bridge, n->o.id) == 0 && vchs++ == 0)
			owner = vch_at(inv, i);
	}
	for (size_t i = 0; i < n->vms.n; i++) {
		const struct inv_vm *vm = inv_find_vm(inv, n->vms.v[i]);
		/* a VCH's endpoint VM is counted as its VCH; VMs in its pool are its containers */
		if (of_vch(vm, owner) || of_vch(vm, self))
			continue;
		others++;
	}
	if (owner) {
		char *s = vchs > 1 ? xasprintf("%s (VCH) +%zu", owner->vch->name, vchs - 1)
				   : xasprintf("%s (VCH)", owner->vch->name);
		if (others) {
			char *t = xasprintf("%s, %zu VM%s", s, others, others == 1 ? "" : "s");
			free(s);
			s = t;
		}
		return s;
	}
	if (others)
		return xasprintf("%zu VM%s", others, others == 1 ? "" : "s");
	return xstrdup("-");
}

static const struct inv_obj *obj_at(const struct inv *inv, enum inv_kind k, size_t i, size_t *n)
{
	switch (k) {
	case INV_DATACENTER: *n = inv->n_datacenters; return i < *n ? &inv->datacenters[i].o : NULL;
	case INV_COMPUTE: *n = inv->n_computes; return i < *n ? &inv->computes[i].o : NULL;
	case INV_POOL: *n = inv->n_pools; return i < *n ? &inv->pools[i].o : NULL;
	case INV_HOST: *n = inv->n_hosts; return i < *n ? &inv->hosts[i].o : NULL;
	case INV_DATASTORE: *n = inv->n_datastores; return i < *n ? &inv->datastores[i].o : NULL;
	case INV_SWITCH: *n = inv->n_switches; return i < *n ? &inv->switches[i].o : NULL;
	case INV_NETWORK: *n = inv->n_networks; return i < *n ? &inv->networks[i].o : NULL;
	case INV_FOLDER: *n = inv->n_folders; return i < *n ? &inv->folders[i].o : NULL;
	case INV_VM:
	case INV_KIND_COUNT: break;
	}
	*n = 0;
	return NULL;
}

static const struct inv_obj *find_dc(const struct inv *inv, const char *dc)
{
	for (size_t i = 0; i < inv->n_datacenters; i++) {
		const struct inv_obj *o = &inv->datacenters[i].o;
		if (strcmp(o->name, dc) == 0 || strcmp(o->path, dc) == 0 || strcmp(o->id, dc) == 0)
			return o;
	}
	return NULL;
}

const struct inv_obj *inv_find(const struct inv *inv, enum inv_kind k, const char *what,
			       const char *datacenter)
{
	size_t n;
	const struct inv_obj *dc = NULL;
	if (!what || !*what) {
		err_set("no %s given", inv_kind_name(k));
		return NULL;
	}
	if (datacenter && !(dc = find_dc(inv, datacenter))) {
		err_set("no datacenter \"%s\" in the inventory", datacenter);
		return NULL;
	}
	obj_at(inv, k, 0, &n);
	/* by moref id or path first: both are unique */
	for (size_t i = 0; i < n; i++) {
		const struct inv_obj *o = obj_at(inv, k, i, &n);
		if (strcmp(o->id, what) == 0 || (what[0] == '/' && o->path && strcmp(o->path, what) == 0))
			return o;
	}
	struct strv paths = {0};
	const struct inv_obj *hit = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct inv_obj *o = obj_at(inv, k, i, &n);
		if (!o->name || strcmp(o->name, what) != 0)
			continue;
		if (dc && (!o->datacenter || strcmp(o->datacenter, dc->id) != 0))
			continue;
		hit = o;
		/* the id makes entries distinct even where two paths coincide */
		strv_push_owned(&paths, xasprintf("%s (id %s)", o->path ? o->path : "?", o->id));
	}
	if (paths.n == 1) {
		strv_free(&paths);
		return hit;
	}
	if (paths.n == 0) {
		err_set("no %s named \"%s\"%s%s in the inventory; run 'vchnet inventory' to see "
			"what exists", inv_kind_name(k), what, dc ? " in datacenter " : "",
			dc ? dc->name : "");
	} else {
		char *all = strv_join(&paths, ", ");
		err_set("the %s name \"%s\" is ambiguous: it matches %s; give the inventory path "
			"or the id instead", inv_kind_name(k), what, all);
		free(all);
	}
	strv_free(&paths);
	return NULL;
}

const struct inv_network *inv_find_network(const struct inv *inv, const char *what,
					   const char *datacenter)
{
	return (const struct inv_network *)inv_find(inv, INV_NETWORK, what, datacenter);
}

const struct inv_host *inv_find_host(const struct inv *inv, const char *what,
				     const char *datacenter)
{
	return (const struct inv_host *)inv_find(inv, INV_HOST, what, datacenter);
}

const struct inv_compute *inv_find_compute(const struct inv *inv, const char *what,
					   const char *datacenter)
{
	return (const struct inv_compute *)inv_find(inv, INV_COMPUTE, what, datacenter);
}

int inv_network_hosts_in(const struct inv *inv, const struct inv_network *n,
			 const struct inv_obj *scope, int *total)
{
	int have = 0, all = 0;
	if (scope && scope->kind == INV_COMPUTE) {
		const struct inv_compute *c = (const struct inv_compute *)scope;
		/* a pooled list never changes: its answer is kept in the pool */
		struct inv_pool_strs *p = n->hosts_pooled ? inv->pool : NULL;
		for (size_t i = 0; p && i < p->n_memo; i++) {
			const struct hosts_in_memo *m = &p->memo[i];
			if (m->list == n->hosts.v && m->n == n->hosts.n && m->scope == c &&
			    m->scope_n == c->hosts.n) {
				*total = (int)c->hosts.n;
				return m->have;
			}
		}
		for (size_t i = 0; i < c->hosts.n; i++) {
			all++;
			have += strv_contains(&n->hosts, c->hosts.v[i]);
		}
		if (p) {
			if (p->n_memo == HOSTS_IN_MEMO)
				p->n_memo = 0;
			p->memo[p->n_memo++] = (struct hosts_in_memo){n->hosts.v, n->hosts.n, c,
								      c->hosts.n, have};
		}
	} else {
		for (size_t i = 0; i < inv->n_hosts; i++) {
			const struct inv_host *h = &inv->hosts[i];
			if (scope && (!h->o.datacenter || strcmp(h->o.datacenter, scope->id) != 0))
				continue;
			all++;
			have += strv_contains(&n->hosts, h->o.id);
		}
	}
	*total = all;
	return have;
}
