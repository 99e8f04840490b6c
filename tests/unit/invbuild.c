/* invbuild: inventories built in C for unit tests (see invbuild.h). */
#include <stdlib.h>
#include <string.h>

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

void ib_finish(struct inv *inv)
{
	inv_finish(inv);
}
