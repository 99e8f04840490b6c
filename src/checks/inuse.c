/* inuse: the plan against what already uses its networks (see inuse.h). */
#include "inuse.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finder.h"
#include "findings.h"
#include "inv.h"
#include "mem.h"
#include "netaddr.h"
#include "plan.h"

/* An address somebody uses, and who ("the guest IP of VM web-01"). */
struct use {
	struct netaddr a;
	char *who;
};

struct ctx {
	const struct inv *inv;
	const struct plan *p;
	const struct inv_obj *dc;
	struct findings *f;
	const struct inv_vm *self;  /* this VCH's endpoint VM, when it exists already */
	struct use *uses;
	size_t n_uses, cap_uses;
	/* uses by address: open addressing, cap a power of two, holding index + 1 (0:
	 * empty); tens of thousands of guest IPs made a linear search quadratic */
	size_t *by_addr;
	size_t cap_by_addr;
};

static bool nz(const char *s)
{
	return s && *s;
}

static bool same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* A VM that belongs to VCH endpoint e: e itself or a VM of its resource pool. */
static bool of_vch(const struct inv_vm *vm, const struct inv_vm *e)
{
	return e && vm && (vm == e || same(vm->pool, e->pool));
}

static const struct inv_network *resolve(const struct ctx *c, const char *text)
{
	const struct inv_network **m = NULL;
	size_t n = finder_resolve(c->inv, c->dc, text, &m);
	const struct inv_network *net = n == 1 ? m[0] : NULL;
	free(m);
	return net;
}

static const char *name_of(const struct inv *inv, const char *id)
{
	const struct inv_obj *o = inv_find_id(inv, id);
	return o && o->name ? o->name : id ? id : "?";
}

static size_t addr_hash(const struct netaddr *a)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < sizeof a->a; i++)
		h = (h ^ a->a[i]) * 0x100000001b3ULL;
	return (size_t)h;
}

/* The slot of address a in c->by_addr: the one holding it, or the empty one where it
 * goes. */
static size_t *addr_slot(const struct ctx *c, const struct netaddr *a)
{
	size_t mask = c->cap_by_addr - 1;
	for (size_t i = addr_hash(a) & mask;; i = (i + 1) & mask)
		if (!c->by_addr[i] || netaddr_equal(&c->uses[c->by_addr[i] - 1].a, a))
			return &c->by_addr[i];
}

/* Records addr (text, a "/prefix" ignored) as used by who (printf-style, formatted only
 * for a new address). */
static void add_use(struct ctx *c, const char *addr, const char *who, ...)
	__attribute__((format(printf, 3, 4)));
static void add_use(struct ctx *c, const char *addr, const char *who, ...)
{
	struct netaddr a;
	char *slash = addr ? strchr(addr, '/') : NULL;
	char *text = slash ? xstrndup(addr, (size_t)(slash - addr)) : xstrdup(addr ? addr : "");
	bool ok = netaddr_parse_ip(text, &a) == 0 && !netaddr_is_unspecified(&a);
	free(text);
	if (!ok || (c->cap_by_addr && *addr_slot(c, &a)))
		return; /* the first (most telling) owner is kept */
	if ((c->n_uses + 1) * 2 > c->cap_by_addr) {
		free(c->by_addr);
		c->cap_by_addr = c->cap_by_addr ? c->cap_by_addr * 2 : 256;
		c->by_addr = xcalloc(c->cap_by_addr, sizeof *c->by_addr);
		for (size_t i = 0; i < c->n_uses; i++)
			*addr_slot(c, &c->uses[i].a) = i + 1;
	}
	xgrow(&c->uses, &c->cap_uses, c->n_uses + 1, sizeof *c->uses);
	va_list ap;
	va_start(ap, who);
	c->uses[c->n_uses] = (struct use){a, xvasprintf(who, ap)};
	va_end(ap);
	*addr_slot(c, &a) = ++c->n_uses;
}

static const char *const role_names[INV_VCH_ROLES] = {"public", "client", "management"};

/* Every address in use outside this VCH: other VCHs' addresses and gateways first (the
 * most specific owners), then ESXi vmkernel addresses, then VM guest IPs. */
static void collect_uses(struct ctx *c)
{
	const struct inv *inv = c->inv;
	for (size_t i = 0; i < inv->n_vms; i++) {
		const struct inv_vm *vm = &inv->vms[i];
		const struct inv_vch *v = vm->vch;
		if (!v || vm == c->self)
			continue;
		for (int r = 0; r < INV_VCH_ROLES; r++) {
			if (v->roles[r].ip)
				add_use(c, v->roles[r].ip, "the %s address of VCH %s", role_names[r],
					v->name);
			if (v->roles[r].gateway)
				add_use(c, v->roles[r].gateway, "the %s gateway of VCH %s",
					role_names[r], v->name);
		}
		for (size_t k = 0; k < v->n_nets; k++)
			if (v->nets[k].gateway)
				add_use(c, v->nets[k].gateway,
					"the gateway of VCH %s's container network %s", v->name,
					v->nets[k].alias ? v->nets[k].alias : "?");
	}
	for (size_t i = 0; i < inv->n_hosts; i++) {
		const struct inv_host *h = &inv->hosts[i];
		for (size_t k = 0; k < h->mgmt_ips.n; k++)
			add_use(c, h->mgmt_ips.v[k], "the vmkernel address of ESXi host %s",
				h->o.name);
	}
	const struct inv_vm **vchs = xcalloc(inv->n_vms + 1, sizeof *vchs);
	size_t n_vchs = 0;
	for (size_t i = 0; i < inv->n_vms; i++)
		if (inv->vms[i].vch)
			vchs[n_vchs++] = &inv->vms[i];
	for (size_t i = 0; i < inv->n_vms; i++) {
		const struct inv_vm *vm = &inv->vms[i];
		if (of_vch(vm, c->self))
			continue;
		/* a container VM's bridge address is private to its VCH's bridge */
		const struct inv_vch *owner = NULL;
		for (size_t j = 0; !vm->vch && j < n_vchs && !owner; j++)
			if (of_vch(vm, vchs[j]))
				owner = vchs[j]->vch;
		struct netaddr_cidr br;
		bool have_br = owner && owner->bridge_range &&
			       netaddr_parse_cidr(owner->bridge_range, &br) == 0;
		for (size_t k = 0; k < vm->ips.n; k++) {
			struct netaddr a;
			if (have_br && netaddr_parse_ip(vm->ips.v[k], &a) == 0 &&
			    netaddr_cidr_contains(&br, &a))
				continue;
			add_use(c, vm->ips.v[k], "the guest IP of VM %s", vm->o.name);
		}
	}
	free(vchs);
}

static const struct use *find_use(const struct ctx *c, const struct netaddr *a)
{
	size_t i = c->cap_by_addr ? *addr_slot(c, a) : 0;
	return i ? &c->uses[i - 1] : NULL;
}

/* The VMs on net that belong neither to this VCH (self) nor to VCH owner: "a, b, c and
 * 2 more" with their number in *count, or NULL when there are none. */
static char *other_vms(const struct inv *inv, const struct inv_vm *self,
		       const struct inv_vm *owner, const struct inv_network *net, size_t *count)
{
	struct strv names = {0};
	for (size_t i = 0; i < net->vms.n; i++) {
		const struct inv_vm *vm = inv_find_vm(inv, net->vms.v[i]);
		if (!vm || of_vch(vm, self) || of_vch(vm, owner))
			continue;
		strv_push(&names, vm->o.name ? vm->o.name : vm->o.id);
	}
	*count = names.n;
	char *out = NULL;
	if (names.n) {
		struct strv first = {0};
		for (size_t i = 0; i < names.n && i < 3; i++)
			strv_push(&first, names.v[i]);
		char *list = strv_join(&first, ", ");
		out = names.n > 3 ? xasprintf("%s and %zu more", list, names.n - 3) : xstrdup(list);
		free(list);
		strv_free(&first);
	}
	strv_free(&names);
	return out;
}

static const struct inv_vm *find_self(const struct inv *inv, const struct plan *p)
{
	return nz(p->name) ? inv_find_vch(inv, p->name) : NULL;
}

const char *inuse_bridge_reason(const struct inv *inv, const struct plan *p,
				const struct inv_network *n, char *buf, size_t len)
{
	const struct inv_vm *owner = inv_bridge_owner(inv, n->o.id, p->name);
	if (owner) {
		snprintf(buf, len, "the bridge network of VCH %s; two VCHs cannot share a bridge",
			 owner->vch->name);
		return buf;
	}
	size_t count;
	char *list = other_vms(inv, find_self(inv, p), NULL, n, &count);
	if (!list)
		return NULL;
	snprintf(buf, len, "in use by %zu other VM%s (%s); the bridge needs a port group of "
		 "its own", count, count == 1 ? "" : "s", list);
	free(list);
	return buf;
}

char *inuse_describe(const struct inv *inv, const struct plan *p, const struct inv_network *n)
{
	const struct inv_vm *self = find_self(inv, p);
	const struct inv_vm *owner = inv_bridge_owner(inv, n->o.id, NULL);
	size_t count;
	char *list = other_vms(inv, NULL, owner, n, &count);
	char *s = NULL;
	if (owner && owner == self)
		s = xasprintf("the bridge network of this VCH (%s)", owner->vch->name);
	else if (owner)
		s = xasprintf("the bridge network of VCH %s", owner->vch->name);
	if (list) {
		char *t = xasprintf("%s%sused by %zu %sVM%s (%s)", s ? s : "", s ? " and " : "", count,
				    s ? "other " : "", count == 1 ? "" : "s", list);
		free(s);
		s = t;
	}
	free(list);
	return s;
}

int inuse_suggest_bridge(const struct inv *inv, const char *dc_id, const struct inv_switch **sw,
			 int *vlan)
{
	*sw = NULL;
	for (size_t i = 0; i < inv->n_switches && !*sw; i++)
		if (!dc_id || same(inv->switches[i].o.datacenter, dc_id))
			*sw = &inv->switches[i];
	if (!*sw)
		return -1;
	/* above every VLAN id the switch's port groups use; else the lowest free one */
	bool used[4095] = {false};
	int top = 0;
	for (size_t i = 0; i < inv->n_networks; i++) {
		const struct inv_network *n = &inv->networks[i];
		if (!same(n->switch_id, (*sw)->o.id) || n->uplink ||
		    (n->vlan != INV_VLAN_ID && n->vlan != INV_VLAN_PVLAN))
			continue;
		if (n->vlan_id >= 0 && n->vlan_id <= 4094) {
			used[n->vlan_id] = true;
			if (n->vlan_id > top)
				top = n->vlan_id;
		}
	}
	*vlan = top + 1;
	if (top == 0 || *vlan > 4094)
		for (*vlan = top == 0 ? 100 : 2; *vlan <= 4094 && used[*vlan]; (*vlan)++)
			;
	if (*vlan > 4094)
		*vlan = 0;
	return 0;
}

static const char *const bridge_hint =
	"choose a distributed port group that no other VCH or VM uses, or have vchnet create "
	"one (networks.bridge.create)";

static void check_bridge(struct ctx *c)
{
	const struct plan *p = c->p;
	const struct inv *inv = c->inv;
	const struct inv_network *net = resolve(c, p->bridge.port_group);
	if (!net)
		return;
	const char *key = "networks.bridge.portGroup";
	const struct inv_vm *owner = inv_bridge_owner(inv, net->o.id, p->name);
	if (owner)
		findings_add(c->f, FINDING_ERROR, "bridge-in-use-vch", key, false, bridge_hint,
			     "port group %s is already the bridge network of VCH %s (endpoint VM %s): "
			     "two VCHs on one bridge give their container VMs duplicate addresses",
			     net->o.name, owner->vch->name, owner->o.id);

	size_t others;
	char *list = other_vms(inv, c->self, owner, net, &others);
	if (list)
		findings_add(c->f, FINDING_ERROR, "bridge-has-vms", key, false, bridge_hint,
			     "port group %s has %zu other VM%s attached (%s): a bridge network must "
			     "carry only this VCH's container VMs, or addresses clash",
			     net->o.name, others, others == 1 ? "" : "s", list);
	free(list);

	/* another VCH's bridge on the same switch and VLAN: one layer-2 segment */
	if (net->net_kind != INV_NET_DVPG || !net->switch_id || net->vlan != INV_VLAN_ID)
		return;
	for (size_t i = 0; i < inv->n_vms; i++) {
		const struct inv_vm *vm = &inv->vms[i];
		const struct inv_vch *v = vm->vch;
		if (!v || vm == c->self || same(v->name, p->name) || !v->bridge ||
		    same(v->bridge, net->o.id))
			continue;
		const struct inv_obj *o = inv_find_id(inv, v->bridge);
		const struct inv_network *b = o && o->kind == INV_NETWORK ? (const void *)o : NULL;
		if (!b || !same(b->switch_id, net->switch_id) || b->vlan != INV_VLAN_ID ||
		    b->vlan_id != net->vlan_id)
			continue;
		char *vlan = net->vlan_id ? xasprintf("VLAN %d", net->vlan_id)
					  : xstrdup("VLAN 0 (untagged)");
		findings_add(c->f, FINDING_WARNING, "bridge-vlan-shared", key, false,
			     "give the bridge port group a VLAN that no other bridge network uses",
			     "port group %s shares %s on switch %s with %s, the bridge network of VCH "
			     "%s: the two VCHs' container traffic is not isolated",
			     net->o.name, vlan, name_of(inv, net->switch_id), b->o.name, v->name);
		free(vlan);
	}
}

static void check_addresses(struct ctx *c)
{
	const struct plan *p = c->p;
	static const enum plan_role roles[] = {PLAN_ROLE_PUBLIC, PLAN_ROLE_CLIENT,
					       PLAN_ROLE_MANAGEMENT};
	for (size_t r = 0; r < 3; r++) {
		const struct plan_role_net *rn = plan_role_const(p, roles[r]);
		struct netaddr_cidr cidr;
		if (!nz(rn->ip) || netaddr_parse_cidr(rn->ip, &cidr) < 0)
			continue; /* the rules engine reports a malformed address */
		const struct use *u = find_use(c, &cidr.ip);
		if (!u)
			continue;
		char buf[NETADDR_STRLEN];
		netaddr_format(&cidr.ip, buf);
		char *key = xasprintf("networks.%s.ip", plan_role_name(roles[r]));
		findings_add(c->f, FINDING_ERROR, "address-in-use", key, false,
			     "choose an address nothing else uses on that network, or leave the "
			     "address out to use DHCP",
			     "the %s address %s is already in use: it is %s", plan_role_name(roles[r]),
			     buf, u->who);
		free(key);
	}
	for (size_t i = 0; i < p->n_containers; i++) {
		const struct plan_container_net *cn = &p->containers[i];
		const char *alias = nz(cn->alias) ? cn->alias : cn->port_group ? cn->port_group : "?";
		for (size_t k = 0; k < cn->ip_ranges.n; k++) {
			struct netaddr_range rg;
			if (netaddr_parse_range(cn->ip_ranges.v[k], &rg) < 0)
				continue;
			const struct use *first = NULL;
			size_t hits = 0;
			for (size_t u = 0; u < c->n_uses; u++)
				if (netaddr_cmp(&rg.first, &c->uses[u].a) <= 0 &&
				    netaddr_cmp(&c->uses[u].a, &rg.last) <= 0) {
					hits++;
					/* the lowest one is named */
					if (!first || netaddr_cmp(&c->uses[u].a, &first->a) < 0)
						first = &c->uses[u];
				}
			if (!first)
				continue;
			char buf[NETADDR_STRLEN];
			netaddr_format(&first->a, buf);
			char *key = xasprintf("networks.container[%zu].ipRanges", i);
			char *more = hits > 1 ? xasprintf(" (and %zu more address%s in use)", hits - 1,
							  hits == 2 ? "" : "es")
					      : xstrdup("");
			findings_add(c->f, FINDING_WARNING, "container-range-in-use", key, false,
				     "leave the addresses in use out of the range, or they will be "
				     "handed to container VMs twice",
				     "the range %s of container network %s contains %s, %s%s",
				     cn->ip_ranges.v[k], alias, buf, first->who, more);
			free(key);
			free(more);
		}
	}
}

static void check_container_overlap(struct ctx *c)
{
	const struct plan *p = c->p;
	const struct inv *inv = c->inv;
	for (size_t i = 0; i < p->n_containers; i++) {
		const struct plan_container_net *cn = &p->containers[i];
		const struct inv_network *net = resolve(c, cn->port_group);
		if (!net)
			continue;
		const char *alias = nz(cn->alias) ? cn->alias : cn->port_group;
		for (size_t k = 0; k < cn->ip_ranges.n; k++) {
			struct netaddr_range mine;
			if (netaddr_parse_range(cn->ip_ranges.v[k], &mine) < 0)
				continue;
			for (size_t j = 0; j < inv->n_vms; j++) {
				const struct inv_vch *v = inv->vms[j].vch;
				if (!v || &inv->vms[j] == c->self || same(v->name, p->name))
					continue;
				for (size_t n = 0; n < v->n_nets; n++) {
					if (!same(v->nets[n].port_group, net->o.id))
						continue;
					for (size_t q = 0; q < v->nets[n].pools.n; q++) {
						struct netaddr_range theirs;
						if (netaddr_parse_range(v->nets[n].pools.v[q], &theirs) < 0 ||
						    !netaddr_range_overlap(&mine, &theirs))
							continue;
						char *key = xasprintf("networks.container[%zu].ipRanges", i);
						findings_add(c->f, FINDING_WARNING, "container-range-overlap", key,
							     false,
							     "split the addresses of the port group between the "
							     "VCHs so that their ranges do not overlap",
							     "the range %s of container network %s overlaps %s, "
							     "the range VCH %s gives its container network %s on "
							     "the same port group %s",
							     cn->ip_ranges.v[k], alias, v->nets[n].pools.v[q],
							     v->name, v->nets[n].alias ? v->nets[n].alias : "?",
							     net->o.name);
						free(key);
					}
				}
			}
		}
	}
}

static void check_uplinks(struct ctx *c)
{
	const struct plan *p = c->p;
	const struct inv_network *seen[3] = {NULL, NULL, NULL};
	static const enum plan_role roles[] = {PLAN_ROLE_PUBLIC, PLAN_ROLE_CLIENT,
					       PLAN_ROLE_MANAGEMENT};
	for (size_t r = 0; r < 3; r++) {
		const struct plan_role_net *rn = plan_role_const(p, roles[r]);
		if (!nz(rn->port_group))
			continue; /* defaulted: checked through the role it comes from */
		const struct inv_network *net = resolve(c, rn->port_group);
		if (!net || net == seen[0] || net == seen[1])
			continue;
		seen[r] = net;
		const char *why = NULL;
		const struct inv_obj *sw = net->switch_id ? inv_find_id(c->inv, net->switch_id) : NULL;
		if (net->net_kind == INV_NET_DVPG && net->no_uplink)
			why = "its teaming policy names no active or standby uplink";
		else if (net->net_kind == INV_NET_DVPG && sw && sw->kind == INV_SWITCH &&
			 ((const struct inv_switch *)sw)->uplink_pgs.n == 0)
			why = "its switch has no uplink port group";
		if (!why)
			continue;
		char *key = xasprintf("networks.%s.portGroup", plan_role_name(roles[r]));
		findings_add(c->f, FINDING_WARNING, "uplink-none", key, false,
			     "choose a port group with a physical uplink, or give this one uplinks "
			     "in its teaming policy",
			     "port group %s (%s network) has no uplink: %s, so the VCH cannot reach "
			     "anything outside its host", net->o.name, plan_role_name(roles[r]), why);
		free(key);
	}
}

int inuse_check(const struct inv *inv, const struct plan *p, const struct inv_obj *dc,
		struct findings *out)
{
	size_t before = findings_count(out, FINDING_ERROR);
	struct ctx c = {.inv = inv, .p = p, .dc = dc, .f = out, .self = find_self(inv, p)};
	collect_uses(&c);
	if (nz(p->bridge.port_group))
		check_bridge(&c);
	check_addresses(&c);
	check_container_overlap(&c);
	check_uplinks(&c);
	for (size_t i = 0; i < c.n_uses; i++)
		free(c.uses[i].who);
	free(c.uses);
	free(c.by_addr);
	return (int)(findings_count(out, FINDING_ERROR) - before);
}
