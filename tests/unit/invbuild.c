/* invbuild: inventories built in C for unit tests (see invbuild.h). */
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>
#include <openssl/evp.h>

#include "invbuild.h"
#include "mem.h"

static void obj(struct inv_obj *o, const char *id, const char *type, const char *name,
		const char *parent)
{
	o->id = xstrdup(id);
	o->type = xstrdup(type);
	o->name = xstrdup(name);
	o->parent = xstrdup(parent);
}

struct inv *ib_new(const char *api_type)
{
	struct inv *inv = inv_new();
	inv->api_type = xstrdup(api_type);
	inv->source = xstrdup("https://unit.test/sdk");
	obj(&inv_add_folder(inv)->o, "group-d1", "Folder", "Datacenters", NULL);
	obj(&inv_add_datacenter(inv)->o, "datacenter-2", "Datacenter", "DC0", "group-d1");
	obj(&inv_add_folder(inv)->o, "group-h4", "Folder", "host", "datacenter-2");
	obj(&inv_add_folder(inv)->o, "group-n5", "Folder", "network", "datacenter-2");
	obj(&inv_add_folder(inv)->o, "group-s6", "Folder", "datastore", "datacenter-2");
	return inv;
}

void ib_cluster(struct inv *inv, const char *id, const char *name)
{
	struct inv_compute *c = inv_add_compute(inv);
	obj(&c->o, id, "ClusterComputeResource", name, "group-h4");
	c->cluster = true;
}

static struct inv_compute *compute(struct inv *inv, const char *id)
{
	for (size_t i = 0; i < inv->n_computes; i++)
		if (strcmp(inv->computes[i].o.id, id) == 0)
			return &inv->computes[i];
	return NULL;
}

struct inv_host *ib_host(struct inv *inv, const char *cluster_id, const char *id, const char *name)
{
	struct inv_host *h = inv_add_host(inv);
	obj(&h->o, id, "HostSystem", name, cluster_id);
	h->compute = xstrdup(cluster_id);
	h->connection_state = xstrdup("connected");
	h->firewall_system = xasprintf("firewall-%s", id);
	h->have_firewall = true;
	h->incoming_blocked = h->outgoing_blocked = true;
	struct inv_compute *c = compute(inv, cluster_id);
	if (c)
		strv_push(&c->hosts, id);
	return h;
}

struct inv_host *ib_host_get(struct inv *inv, const char *id)
{
	for (size_t i = 0; i < inv->n_hosts; i++)
		if (strcmp(inv->hosts[i].o.id, id) == 0)
			return &inv->hosts[i];
	return NULL;
}

void ib_rule(struct inv_host *h, const char *direction, const char *port_type,
	     const char *protocol, int port, int end_port)
{
	struct inv_ruleset *rs = &h->rulesets[h->n_rulesets - 1];
	struct inv_fw_rule *r = inv_ruleset_add_rule(rs);
	r->direction = xstrdup(direction);
	r->port_type = xstrdup(port_type);
	r->protocol = xstrdup(protocol);
	r->port = port;
	r->end_port = end_port;
}

struct inv_ruleset *ib_ruleset(struct inv_host *h, const char *key, bool enabled, bool all_ip,
			       int port, int end_port)
{
	struct inv_ruleset *rs = inv_host_add_ruleset(h);
	rs->key = xstrdup(key);
	rs->label = xstrdup(key);
	rs->enabled = enabled;
	rs->all_ip = all_ip;
	ib_rule(h, "outbound", "dst", "tcp", port, end_port);
	return &h->rulesets[h->n_rulesets - 1];
}

void ib_datastore(struct inv *inv, const char *id, const char *name, const char *const *hosts)
{
	struct inv_datastore *d = inv_add_datastore(inv);
	obj(&d->o, id, "Datastore", name, "group-s6");
	for (size_t i = 0; hosts && hosts[i]; i++)
		strv_push(&d->hosts, hosts[i]);
}

void ib_switch(struct inv *inv, const char *id, const char *name, const char *uplink_id)
{
	struct inv_switch *s = inv_add_switch(inv);
	obj(&s->o, id, "VmwareDistributedVirtualSwitch", name, "group-n5");
	s->uuid = xasprintf("uuid-%s", id);
	for (size_t i = 0; i < inv->n_hosts; i++)
		strv_push(&s->hosts, inv->hosts[i].o.id);
	strv_push(&s->uplink_pgs, uplink_id);
	char *up = xasprintf("%s-Uplinks", name);
	ib_network(inv, INV_NET_DVPG, uplink_id, up, id, NULL);
	free(up);
}

void ib_network(struct inv *inv, enum inv_net_kind kind, const char *id, const char *name,
		const char *switch_id, const char *const *except)
{
	static const char *const types[] = {"Network", "DistributedVirtualPortgroup", "OpaqueNetwork"};
	struct inv_network *n = inv_add_network(inv);
	obj(&n->o, id, types[kind], name, "group-n5");
	n->net_kind = kind;
	n->switch_id = xstrdup(switch_id);
	if (kind == INV_NET_DVPG)
		n->key = xstrdup(id);
	if (kind == INV_NET_OPAQUE) {
		n->opaque_type = xstrdup("nsx.LogicalSwitch");
		n->opaque_id = xasprintf("ls-%s", id);
	}
	for (size_t i = 0; i < inv->n_hosts; i++) {
		bool skip = false;
		for (size_t j = 0; except && except[j]; j++)
			skip = skip || strcmp(except[j], inv->hosts[i].o.id) == 0;
		if (!skip)
			strv_push(&n->hosts, inv->hosts[i].o.id);
	}
}

static struct inv_network *network(struct inv *inv, const char *id)
{
	for (size_t i = 0; i < inv->n_networks; i++)
		if (strcmp(inv->networks[i].o.id, id) == 0)
			return &inv->networks[i];
	return NULL;
}

struct inv_vm *ib_vm(struct inv *inv, const char *id, const char *name, const char *pool,
		     const char *const *nets, const char *const *ips)
{
	struct inv_vm *vm = inv_add_vm(inv);
	vm->o.id = xstrdup(id);
	vm->o.type = xstrdup("VirtualMachine");
	vm->o.name = xstrdup(name);
	vm->power_state = xstrdup("poweredOn");
	vm->pool = xstrdup(pool);
	for (size_t i = 0; nets && nets[i]; i++) {
		struct inv_network *n = network(inv, nets[i]);
		MEM_ASSERT(n != NULL);
		strv_push(&n->vms, id);
	}
	for (size_t i = 0; ips && ips[i]; i++)
		strv_push(&vm->ips, ips[i]);
	return vm;
}

void ib_ec(struct inv_vm *vm, const char *key, const char *value)
{
	strv_push(&vm->ec, key);
	strv_push(&vm->ec, value);
}

char *ib_b64_ip4(const char *dotted, bool mapped)
{
	unsigned char raw[16] = {0};
	raw[10] = raw[11] = 0xff;
	unsigned char *a = mapped ? raw + 12 : raw;
	MEM_ASSERT(inet_pton(AF_INET, dotted, a) == 1);
	unsigned char out[32];
	EVP_EncodeBlock(out, mapped ? raw : a, mapped ? 16 : 4);
	return xstrdup((const char *)out);
}

/* "10.0.0.5/24" as the base64 of its address (mapped) and of its mask (4 bytes) */
static void ec_cidr(struct inv_vm *vm, const char *k_ip, const char *k_mask, const char *cidr,
		    bool mapped)
{
	const char *slash = strchr(cidr, '/');
	char *ip = slash ? xstrndup(cidr, (size_t)(slash - cidr)) : xstrdup(cidr);
	char *v = ib_b64_ip4(ip, mapped);
	ib_ec(vm, k_ip, v);
	free(v);
	free(ip);
	if (!slash)
		return;
	int len = atoi(slash + 1);
	unsigned long m = len ? 0xfffffffful << (32 - len) : 0;
	char *mask = xasprintf("%lu.%lu.%lu.%lu", (m >> 24) & 255, (m >> 16) & 255, (m >> 8) & 255,
			       m & 255);
	v = ib_b64_ip4(mask, false);
	ib_ec(vm, k_mask, v);
	free(v);
	free(mask);
}

#define VICE "guestinfo.vice./"

struct inv_vm *ib_vch(struct inv *inv, const char *id, const char *name, const char *pool,
		      const struct ib_vch *s)
{
	const char *nets[3] = {NULL, NULL, NULL};
	size_t n = 0;
	if (s->bridge)
		nets[n++] = s->bridge;
	if (s->public_pg && !(s->bridge && strcmp(s->bridge, s->public_pg) == 0))
		nets[n++] = s->public_pg;
	struct inv_vm *vm = ib_vm(inv, id, id, pool, nets, NULL);
	char *self = xasprintf("VirtualMachine:%s", id);
	ib_ec(vm, VICE "init/common/id", self);
	free(self);
	ib_ec(vm, "init/common/name", name);
	if (s->bridge) {
		char *pg = xasprintf("DistributedVirtualPortgroup:%s", s->bridge);
		ib_ec(vm, VICE "network/container_networks|bridge/Common/id", pg);
		ib_ec(vm, VICE "init/networks|bridge/network/Common/id", pg);
		free(pg);
	}
	if (s->bridge_range)
		ec_cidr(vm, VICE "network/bridge-ip-range/IP", VICE "network/bridge-ip-range/Mask",
			s->bridge_range, false);
	if (s->public_pg) {
		char *pg = xasprintf("DistributedVirtualPortgroup:%s", s->public_pg);
		ib_ec(vm, VICE "init/networks|public/network/Common/id", pg);
		free(pg);
	}
	if (s->public_ip)
		ec_cidr(vm, VICE "init/networks|public/ip/IP", VICE "init/networks|public/ip/Mask",
			s->public_ip, true);
	if (s->public_gw)
		ec_cidr(vm, VICE "init/networks|public/network/gateway/IP",
			VICE "init/networks|public/network/gateway/Mask", s->public_gw, true);
	if (s->cnet_alias) {
		char *list = xasprintf("bridge|%s", s->cnet_alias);
		ib_ec(vm, VICE "network/container_networks", list);
		free(list);
		struct strv k = inv_vch_net_keys(s->cnet_alias);
		if (s->cnet_pg) {
			char *pg = xasprintf("DistributedVirtualPortgroup:%s", s->cnet_pg);
			ib_ec(vm, k.v[0], pg);
			free(pg);
		}
		if (s->cnet_gw)
			ec_cidr(vm, k.v[1], k.v[2], s->cnet_gw, true);
		if (s->cnet_first && s->cnet_last) {
			char *a = ib_b64_ip4(s->cnet_first, false), *b = ib_b64_ip4(s->cnet_last, false);
			ib_ec(vm, k.v[3], a);
			ib_ec(vm, k.v[4], b);
			free(a);
			free(b);
		}
		strv_free(&k);
	}
	inv_vch_decode(vm);
	return vm;
}

void ib_finish(struct inv *inv)
{
	inv_finish(inv);
}
