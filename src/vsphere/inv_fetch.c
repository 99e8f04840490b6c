/* inv_fetch: the whole inventory in one ContainerView + RetrievePropertiesEx.
 *
 * The number of requests does not grow with the inventory: CreateContainerView over
 * the root folder (recursive, every type we need), one RetrievePropertiesEx whose
 * propSets name the properties per type, then ContinueRetrievePropertiesEx only while
 * the server pages. Folders come along (name, parent) so that inventory paths can be
 * built locally; host firewall data comes from HostSystem.config.firewall, so no
 * per-host call is needed either.
 *
 * Memory is bounded whatever the server does: pages are parsed as they arrive (one
 * object's tree alive at a time, see soap.h for its budgets), and the whole retrieval,
 * all pages together, may bring at most INV_MAX_OBJECTS objects and INV_MAX_MB MiB
 * (VCHNET_MAX_OBJECTS, VCHNET_MAX_INVENTORY_MB), so a server that pages for ever or
 * sends an endless answer is cut off with an error that names the limit. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <arpa/inet.h>

#include "err.h"
#include "inv.h"
#include "mem.h"
#include "soap.h"
#include "vsphere.h"

static const struct {
	const char *type;
	bool network; /* left out of INV_SCOPE_HOSTS */
} view_types[] = {
	{"Folder", false}, {"Datacenter", false}, {"ComputeResource", false},
	{"ResourcePool", false}, {"HostSystem", false}, {"Datastore", false},
	{"Network", true}, {"DistributedVirtualSwitch", true}, {"VirtualMachine", true},
};

/* One propSet per type; subtypes (ClusterComputeResource, DistributedVirtualPortgroup,
 * OpaqueNetwork, VmwareDistributedVirtualSwitch, VirtualApp) inherit the paths of their
 * base type and add their own. */
static const struct {
	const char *type;
	const char *paths[9];
	bool network; /* left out of INV_SCOPE_HOSTS */
} prop_specs[] = {
	{"Folder", {"name", "parent"}, false},
	{"Datacenter", {"name", "parent"}, false},
	{"ComputeResource", {"name", "parent", "host", "resourcePool"}, false},
	{"ResourcePool", {"name", "parent", "owner"}, false},
	{"HostSystem", {"name", "parent", "runtime.connectionState", "runtime.inMaintenanceMode",
			"configManager.firewallSystem", "config.firewall",
			"config.virtualNicManagerInfo.netConfig", "config.network.vnic"}, false},
	{"Datastore", {"name", "parent", "host"}, false},
	{"Network", {"name", "parent", "host", "vm"}, true},
	{"DistributedVirtualPortgroup", {"key", "config", "tag"}, true},
	{"OpaqueNetwork", {"summary"}, true},
	{"DistributedVirtualSwitch", {"name", "parent", "uuid", "summary.hostMember",
				      "config.uplinkPortgroup"}, true},
	/* plus one config.extraConfig["KEY"] per key of inv_vch_keys: vCenter returns that
	 * one OptionValue (nothing when the VM lacks the key), so a VM that is no VCH costs
	 * a few properties, not its whole configuration */
	{"VirtualMachine", {"name", "runtime.powerState", "resourcePool", "guest.net"}, true},
};

#define EC_PREFIX "config.extraConfig[\""

static char *ec_path(const char *key)
{
	return xasprintf(EC_PREFIX "%s\"]", key);
}

static void add_refs(struct strv *l, const xmlNode *val)
{
	if (soap_take_leaves(val, l))
		return;
	for (xmlNode *r = soap_child(val, "ManagedObjectReference"); r;
	     r = soap_next(r, "ManagedObjectReference"))
		strv_push_owned(l, soap_text(r));
}

/* Interned ids, gathered for one list (see pooled_refs()). */
struct ref_scratch {
	struct inv *inv;
	char **v;
	size_t n, cap;
};

static void scratch_add(void *arg, const char *text, size_t len)
{
	struct ref_scratch *sc = arg;
	xgrow(&sc->v, &sc->cap, sc->n + 1, sizeof *sc->v);
	sc->v[sc->n++] = inv_intern(sc->inv, text, len);
}

/* A port group's hosts: 10,000 port groups list the same few hundred host ids over
 * and over, so ids and whole lists are interned in the inventory's pool. */
static void pooled_refs(struct inv *inv, struct inv_network *n, const xmlNode *val)
{
	struct ref_scratch sc = {.inv = inv};
	if (!soap_each_leaf(val, scratch_add, &sc)) {
		for (xmlNode *r = soap_child(val, "ManagedObjectReference"); r;
		     r = soap_next(r, "ManagedObjectReference")) {
			char *t = soap_text(r);
			scratch_add(&sc, t ? t : "", t ? strlen(t) : 0);
			free(t);
		}
	}
	inv_network_set_pooled_hosts(inv, n, sc.v, sc.n);
	free(sc.v);
}

static void set(char **slot, const xmlNode *val)
{
	free(*slot);
	*slot = soap_text(val);
}

static bool bool_of(const xmlNode *val)
{
	char *s = soap_text(val);
	bool v = s && strcmp(s, "true") == 0;
	free(s);
	return v;
}

static void parse_firewall(struct inv_host *h, const xmlNode *fw)
{
	for (size_t j = 0; j < h->n_rulesets; j++) {
		/* a repeated property replaces what came before */
		struct inv_ruleset *r = &h->rulesets[j];
		free(r->key);
		free(r->label);
		for (size_t k = 0; k < r->n_rules; k++) {
			free(r->rules[k].direction);
			free(r->rules[k].port_type);
			free(r->rules[k].protocol);
		}
		free(r->rules);
		strv_free(&r->ip_addresses);
		strv_free(&r->ip_networks);
	}
	free(h->rulesets);
	h->rulesets = NULL;
	h->n_rulesets = 0;
	h->have_firewall = true;
	xmlNode *dp = soap_child(fw, "defaultPolicy");
	h->incoming_blocked = soap_child_bool(dp, "incomingBlocked", false);
	h->outgoing_blocked = soap_child_bool(dp, "outgoingBlocked", false);
	for (xmlNode *rs = soap_child(fw, "ruleset"); rs; rs = soap_next(rs, "ruleset")) {
		struct inv_ruleset *r = inv_host_add_ruleset(h);
		r->key = soap_child_text(rs, "key");
		r->label = soap_child_text(rs, "label");
		r->enabled = soap_child_bool(rs, "enabled", false);
		r->required = soap_child_bool(rs, "required", false);
		for (xmlNode *ru = soap_child(rs, "rule"); ru; ru = soap_next(ru, "rule")) {
			struct inv_fw_rule *x = inv_ruleset_add_rule(r);
			x->port = (int)soap_child_long(ru, "port", 0);
			x->end_port = (int)soap_child_long(ru, "endPort", 0);
			x->direction = soap_child_text(ru, "direction");
			x->port_type = soap_child_text(ru, "portType");
			x->protocol = soap_child_text(ru, "protocol");
		}
		xmlNode *ah = soap_child(rs, "allowedHosts");
		/* no allowedHosts at all means no restriction */
		r->all_ip = ah ? soap_child_bool(ah, "allIp", false) : true;
		for (xmlNode *a = soap_child(ah, "ipAddress"); a; a = soap_next(a, "ipAddress"))
			strv_push_owned(&r->ip_addresses, soap_text(a));
		for (xmlNode *a = soap_child(ah, "ipNetwork"); a; a = soap_next(a, "ipNetwork")) {
			char *net = soap_child_text(a, "network");
			long pl = soap_child_long(a, "prefixLength", -1);
			if (net && pl >= 0 && pl <= 128)
				strv_push_owned(&r->ip_networks, xasprintf("%s/%ld", net, pl));
			free(net);
		}
	}
}

static void vnic_ip(struct inv_host *h, const xmlNode *vnic)
{
	xmlNode *ip = soap_child(soap_child(vnic, "spec"), "ip");
	char *addr = soap_child_text(ip, "ipAddress");
	if (soap_child_bool(ip, "dhcp", false))
		h->mgmt_dhcp = true;
	unsigned char buf[16];
	if (addr && (inet_pton(AF_INET, addr, buf) == 1 || inet_pton(AF_INET6, addr, buf) == 1) &&
	    !strv_contains(&h->mgmt_ips, addr))
		strv_push(&h->mgmt_ips, addr);
	free(addr);
}

/* config.virtualNicManagerInfo.netConfig: the vmknics selected for management */
static void parse_netconfig(struct inv_host *h, const xmlNode *val)
{
	for (xmlNode *nc = soap_child(val, "VirtualNicManagerNetConfig"); nc;
	     nc = soap_next(nc, "VirtualNicManagerNetConfig")) {
		char *type = soap_child_text(nc, "nicType");
		bool mgmt = type && strcmp(type, "management") == 0;
		free(type);
		if (!mgmt)
			continue;
		strv_free(&h->mgmt_ips);
		h->mgmt_dhcp = false;
		for (xmlNode *c = soap_child(nc, "candidateVnic"); c; c = soap_next(c, "candidateVnic")) {
			char *key = soap_child_text(c, "key");
			bool selected = false;
			for (xmlNode *s = soap_child(nc, "selectedVnic"); s && key; s = soap_next(s, "selectedVnic")) {
				char *sel = soap_text(s);
				size_t ls = strlen(sel), lk = strlen(key);
				/* selectedVnic is "<nicType>.<key>" */
				if (ls >= lk && strcmp(sel + ls - lk, key) == 0)
					selected = true;
				free(sel);
			}
			if (selected)
				vnic_ip(h, c);
			free(key);
		}
	}
}

static void parse_vlan(struct inv_network *n, const xmlNode *vlan)
{
	char *t = soap_xsi_type(vlan);
	free(n->vlan_ranges);
	n->vlan_ranges = NULL;
	n->vlan = INV_VLAN_UNKNOWN;
	if (t && strcmp(t, "VmwareDistributedVirtualSwitchVlanIdSpec") == 0) {
		long id = soap_child_long(vlan, "vlanId", -1);
		if (id >= 0 && id <= 4094) {
			n->vlan = INV_VLAN_ID;
			n->vlan_id = (int)id;
		}
	} else if (t && strcmp(t, "VmwareDistributedVirtualSwitchTrunkVlanSpec") == 0) {
		struct strv parts = {0};
		for (xmlNode *r = soap_child(vlan, "vlanId"); r; r = soap_next(r, "vlanId")) {
			long a = soap_child_long(r, "start", -1), b = soap_child_long(r, "end", -1);
			if (a < 0 || b < a || b > 4094)
				continue;
			strv_push_owned(&parts, a == b ? xasprintf("%ld", a) : xasprintf("%ld-%ld", a, b));
		}
		n->vlan = INV_VLAN_TRUNK;
		n->vlan_ranges = strv_join(&parts, ",");
		strv_free(&parts);
	} else if (t && strcmp(t, "VmwareDistributedVirtualSwitchPvlanSpec") == 0) {
		long id = soap_child_long(vlan, "pvlanId", -1);
		if (id >= 0 && id <= 4094) {
			n->vlan = INV_VLAN_PVLAN;
			n->vlan_id = (int)id;
		}
	}
	/* other (newer) VLAN spec types stay "unknown" rather than failing the fetch */
	free(t);
}

static void parse_dvpg_config(struct inv_network *n, const xmlNode *cfg)
{
	xmlNode *sw = soap_child(cfg, "distributedVirtualSwitch");
	if (sw)
		set(&n->switch_id, sw);
	xmlNode *dpc = soap_child(cfg, "defaultPortConfig");
	xmlNode *vlan = soap_child(dpc, "vlan");
	if (vlan)
		parse_vlan(n, vlan);
	/* a port group whose teaming order lists no uplink has no physical path out */
	xmlNode *order = soap_child(soap_child(dpc, "uplinkTeamingPolicy"), "uplinkPortOrder");
	if (order)
		n->no_uplink = !soap_child(order, "activeUplinkPort") &&
			       !soap_child(order, "standbyUplinkPort");
	char *backing = soap_child_text(cfg, "backingType");
	char *lsu = soap_child_text(cfg, "logicalSwitchUuid");
	if ((backing && strcmp(backing, "nsx") == 0) || (lsu && *lsu))
		n->nsx = true;
	if (lsu && *lsu) {
		free(n->logical_switch_uuid);
		n->logical_switch_uuid = lsu;
		lsu = NULL;
	}
	free(lsu);
	free(backing);
	if (soap_child_bool(cfg, "uplink", false))
		n->uplink = true;
	if (!n->key)
		n->key = soap_child_text(cfg, "key");
}

struct pending {
	struct inv_obj *o;
	const char *type;
};

static struct inv_obj *new_object(struct inv *inv, const char *type)
{
	if (strcmp(type, "Folder") == 0 || strcmp(type, "StoragePod") == 0)
		return &inv_add_folder(inv)->o;
	if (strcmp(type, "Datacenter") == 0)
		return &inv_add_datacenter(inv)->o;
	if (strcmp(type, "ClusterComputeResource") == 0 || strcmp(type, "ComputeResource") == 0) {
		struct inv_compute *c = inv_add_compute(inv);
		c->cluster = strcmp(type, "ClusterComputeResource") == 0;
		return &c->o;
	}
	if (strcmp(type, "ResourcePool") == 0 || strcmp(type, "VirtualApp") == 0)
		return &inv_add_pool(inv)->o;
	if (strcmp(type, "HostSystem") == 0)
		return &inv_add_host(inv)->o;
	if (strcmp(type, "Datastore") == 0)
		return &inv_add_datastore(inv)->o;
	if (strcmp(type, "DistributedVirtualSwitch") == 0 ||
	    strcmp(type, "VmwareDistributedVirtualSwitch") == 0)
		return &inv_add_switch(inv)->o;
	if (strcmp(type, "Network") == 0 || strcmp(type, "DistributedVirtualPortgroup") == 0 ||
	    strcmp(type, "OpaqueNetwork") == 0) {
		struct inv_network *n = inv_add_network(inv);
		n->net_kind = type[0] == 'D' ? INV_NET_DVPG : type[0] == 'O' ? INV_NET_OPAQUE
									     : INV_NET_STANDARD;
		return &n->o;
	}
	if (strcmp(type, "VirtualMachine") == 0)
		return &inv_add_vm(inv)->o;
	return NULL; /* a type we did not ask for: ignored */
}

static void apply_prop(struct inv *inv, struct inv_obj *o, const char *name, const xmlNode *val)
{
	if (strcmp(name, "name") == 0) {
		set(&o->name, val);
		return;
	}
	if (strcmp(name, "parent") == 0) {
		set(&o->parent, val);
		return;
	}
	switch (o->kind) {
	case INV_COMPUTE: {
		struct inv_compute *c = (struct inv_compute *)o;
		if (strcmp(name, "host") == 0) {
			strv_free(&c->hosts);
			add_refs(&c->hosts, val);
		} else if (strcmp(name, "resourcePool") == 0) {
			set(&c->root_pool, val);
		}
		break;
	}
	case INV_POOL:
		if (strcmp(name, "owner") == 0)
			set(&((struct inv_pool *)o)->owner, val);
		break;
	case INV_HOST: {
		struct inv_host *h = (struct inv_host *)o;
		if (strcmp(name, "runtime.connectionState") == 0)
			set(&h->connection_state, val);
		else if (strcmp(name, "runtime.inMaintenanceMode") == 0)
			h->maintenance = bool_of(val);
		else if (strcmp(name, "configManager.firewallSystem") == 0)
			set(&h->firewall_system, val);
		else if (strcmp(name, "config.firewall") == 0 && val)
			parse_firewall(h, val);
		else if (strcmp(name, "config.virtualNicManagerInfo.netConfig") == 0)
			parse_netconfig(h, val);
		else if (strcmp(name, "config.network.vnic") == 0 && h->mgmt_ips.n == 0) {
			/* without a management selection, the vmknics on the management port
			 * group (or vmk0) are the management addresses */
			for (xmlNode *v = soap_child(val, "HostVirtualNic"); v; v = soap_next(v, "HostVirtualNic")) {
				char *pg = soap_child_text(v, "portgroup");
				char *dev = soap_child_text(v, "device");
				if ((pg && strcmp(pg, "Management Network") == 0) || (dev && strcmp(dev, "vmk0") == 0))
					vnic_ip(h, v);
				free(pg);
				free(dev);
			}
		}
		break;
	}
	case INV_DATASTORE:
		if (strcmp(name, "host") == 0) {
			struct inv_datastore *d = (struct inv_datastore *)o;
			strv_free(&d->hosts);
			for (xmlNode *m = soap_child(val, "DatastoreHostMount"); m;
			     m = soap_next(m, "DatastoreHostMount"))
				strv_push_owned(&d->hosts, soap_child_text(m, "key"));
		}
		break;
	case INV_SWITCH: {
		struct inv_switch *s = (struct inv_switch *)o;
		if (strcmp(name, "uuid") == 0) {
			set(&s->uuid, val);
		} else if (strcmp(name, "summary.hostMember") == 0) {
			strv_free(&s->hosts);
			add_refs(&s->hosts, val);
		} else if (strcmp(name, "config.uplinkPortgroup") == 0) {
			strv_free(&s->uplink_pgs);
			add_refs(&s->uplink_pgs, val);
		}
		break;
	}
	case INV_NETWORK: {
		struct inv_network *n = (struct inv_network *)o;
		if (strcmp(name, "host") == 0) {
			pooled_refs(inv, n, val);
		} else if (strcmp(name, "vm") == 0) {
			strv_free(&n->vms);
			add_refs(&n->vms, val);
		} else if (strcmp(name, "key") == 0) {
			set(&n->key, val);
		} else if (strcmp(name, "config") == 0 && val) {
			parse_dvpg_config(n, val);
		} else if (strcmp(name, "tag") == 0) {
			for (xmlNode *t = soap_child(val, "Tag"); t; t = soap_next(t, "Tag")) {
				char *k = soap_child_text(t, "key");
				if (k && strcmp(k, "SYSTEM/DVS.UPLINKPG") == 0)
					n->uplink = true;
				else if (k && strstr(k, "UPLINKPG"))
					n->uplink = true;
				free(k);
			}
		} else if (strcmp(name, "summary") == 0 && n->net_kind == INV_NET_OPAQUE) {
			free(n->opaque_id);
			free(n->opaque_type);
			n->opaque_id = soap_child_text(val, "opaqueNetworkId");
			n->opaque_type = soap_child_text(val, "opaqueNetworkType");
		}
		break;
	}
	case INV_VM: {
		struct inv_vm *v = (struct inv_vm *)o;
		if (strcmp(name, "runtime.powerState") == 0) {
			set(&v->power_state, val);
		} else if (strcmp(name, "resourcePool") == 0) {
			set(&v->pool, val);
		} else if (strcmp(name, "guest.net") == 0) {
			strv_free(&v->ips);
			for (xmlNode *g = soap_child(val, "GuestNicInfo"); g; g = soap_next(g, "GuestNicInfo"))
				for (xmlNode *a = soap_child(g, "ipAddress"); a; a = soap_next(a, "ipAddress")) {
					char *ip = soap_text(a);
					if (ip && *ip && !strv_contains(&v->ips, ip))
						strv_push_owned(&v->ips, ip);
					else
						free(ip);
				}
		} else if (strncmp(name, EC_PREFIX, strlen(EC_PREFIX)) == 0 && val) {
			size_t kl = strlen(name) - strlen(EC_PREFIX);
			if (kl < 2 || strcmp(name + strlen(EC_PREFIX) + kl - 2, "\"]") != 0)
				break;
			/* an OptionValue; its value is a string */
			xmlNode *value = soap_child(val, "value");
			char *text = value ? soap_text(value) : soap_child(val, "key") ? NULL : soap_text(val);
			strv_push_owned(&v->ec, xstrndup(name + strlen(EC_PREFIX), kl - 2));
			strv_push_owned(&v->ec, text ? text : xstrdup(""));
		}
		break;
	}
	case INV_DATACENTER:
	case INV_FOLDER:
	case INV_KIND_COUNT:
		break;
	}
}

/* One <objects> element (an ObjectContent): the object and its properties. Returns 0,
 * 1 for NotAuthenticated in a missingSet, or -1 with the error set. */
static int parse_object(struct inv *inv, const xmlNode *oc)
{
	int r = 0;
	xmlNode *obj = soap_child(oc, "obj");
	char *type = soap_attr(obj, "type");
	char *id = soap_text(obj);
	if (!type || !id || !*id) {
		free(type);
		free(id);
		return err_set("the server returned an object without a type or id");
	}
	struct inv_obj *o = new_object(inv, type);
	if (o) {
		o->id = id;
		o->type = type;
		id = type = NULL;
		for (xmlNode *ps = soap_child(oc, "propSet"); ps; ps = soap_next(ps, "propSet")) {
			/* the property's name is read in place (one allocation less a property) */
			xmlNode *nn = soap_child(ps, "name");
			const char *name = soap_text_ref(nn);
			char *copy = name || !nn ? NULL : soap_text(nn);
			if (name || copy)
				apply_prop(inv, o, name ? name : copy, soap_child(ps, "val"));
			free(copy);
		}
	}
	for (xmlNode *ms = soap_child(oc, "missingSet"); ms && r == 0; ms = soap_next(ms, "missingSet")) {
		char *path = soap_child_text(ms, "path");
		xmlNode *f = soap_child(ms, "fault");
		char *ft = soap_xsi_type(soap_child(f, "fault"));
		char *msg = soap_child_text(f, "localizedMessage");
		if (ft && strcmp(ft, "NotAuthenticated") == 0) {
			r = 1;
		} else if (o && o->kind == INV_VM) {
			/* a VM without a configuration or guest information (inaccessible,
			 * orphaned, being created) simply tells less */
		} else if (o && o->kind == INV_HOST && path && strncmp(path, "config", 6) == 0 &&
			   ((struct inv_host *)o)->connection_state &&
			   strcmp(((struct inv_host *)o)->connection_state, "connected") != 0) {
			/* a host that is not connected has no configuration to report */
		} else {
			r = err_set("vCenter did not return %s of %s: %s%s%s", path ? path : "?",
				    o ? o->id : "an object", ft ? ft : "fault",
				    msg && *msg ? ": " : "", msg ? msg : "");
		}
		free(path);
		free(ft);
		free(msg);
	}
	free(type);
	free(id);
	return r;
}

static int parse_doc(struct inv *inv, xmlDoc *doc, char **token)
{
	*token = NULL;
	xmlNode *first = soap_body_first(doc);
	if (!soap_name_is(first, "RetrievePropertiesExResponse") &&
	    !soap_name_is(first, "ContinueRetrievePropertiesExResponse"))
		return err_set("the server's answer is not a RetrievePropertiesEx result");
	xmlNode *rv = soap_child(first, "returnval");
	int r = 0;
	for (xmlNode *oc = soap_child(rv, "objects"); oc && r == 0; oc = soap_next(oc, "objects"))
		r = parse_object(inv, oc);
	if (r == 0) {
		char *t = soap_child_text(rv, "token");
		if (t && *t)
			*token = t;
		else
			free(t);
	}
	return r;
}

/* The limits of one retrieval (all its pages) and what it has used of them. */
struct budget {
	size_t max_objects, objects;
	size_t max_bytes, bytes;
};

/* A limit from the environment: a whole number in [1, max], else def (a typo must not
 * lift the limit, nor make it zero). */
static size_t env_limit(const char *name, size_t def, size_t max)
{
	const char *v = getenv(name);
	if (!v || !*v)
		return def;
	char *end;
	errno = 0;
	unsigned long long n = strtoull(v, &end, 10);
	if (errno || *end || n < 1 || n > max || v[0] == '-')
		return def;
	return (size_t)n;
}

static void budget_init(struct budget *b)
{
	*b = (struct budget){0};
	b->max_objects = env_limit("VCHNET_MAX_OBJECTS", INV_MAX_OBJECTS, 100000000);
	b->max_bytes = env_limit("VCHNET_MAX_INVENTORY_MB", INV_MAX_MB, 1u << 20) << 20;
}

/* Streaming: the items of <returnval> arrive one at a time; objects are parsed as they
 * come and the first <token> is kept, as parse_doc() does on a tree. */
struct page {
	struct inv *inv;
	struct budget *budget; /* NULL: none (inv_fetch_parse()) */
	char *token;
	bool seen_token;
	int r; /* what on_item() stopped with */
};

static int on_item(void *arg, xmlNode *item)
{
	struct page *p = arg;
	if (soap_name_is(item, "objects")) {
		struct budget *b = p->budget;
		if (b && ++b->objects > b->max_objects)
			return p->r = err_set("the inventory has more than %zu objects, the limit "
					      "(vCenter's configuration maximums are about 60,000 "
					      "with every VM); if this vCenter is really that large, "
					      "raise VCHNET_MAX_OBJECTS", b->max_objects);
		p->r = parse_object(p->inv, item);
	} else if (soap_name_is(item, "token") && !p->seen_token) {
		p->seen_token = true;
		p->token = soap_text(item);
	}
	return p->r;
}

static int page_done(struct page *p, char **token)
{
	if (p->r == 0 && p->token && *p->token) {
		*token = p->token;
		p->token = NULL;
	}
	free(p->token);
	p->token = NULL;
	return p->r;
}

/* The leaves collected instead of built as nodes (see fetch_page()). */
#define INV_LEAF "ManagedObjectReference"

int inv_fetch_parse(struct inv *inv, const char *body, size_t len, char **token)
{
	*token = NULL;
	static const char *const names[] = {"RetrievePropertiesExResponse",
					    "ContinueRetrievePropertiesExResponse", NULL};
	struct page p = {.inv = inv};
	/* the parser inv_fetch() uses, fed in pieces as the network feeds it */
	struct soap_push *sp = soap_push_new(names, "returnval", on_item, &p);
	soap_push_collect(sp, INV_LEAF);
	for (size_t off = 0; off < len; off += 1024)
		soap_push_feed(sp, body + off, len - off < 1024 ? len - off : 1024);
	xmlDoc *doc = NULL;
	int r = soap_push_finish(sp, &doc);
	if (r == SOAP_STREAM_BAD) {
		page_done(&p, token);
		return -1;
	}
	if (r != SOAP_STREAM_DOM)
		return page_done(&p, token);
	page_done(&p, token);
	r = parse_doc(inv, doc, token);
	xmlFreeDoc(doc);
	return r;
}

/* The answer is parsed as a stream, one object alive at a time: a large inventory's
 * answer (about 100 MB for 512 hosts and 2,000 port groups) never becomes one tree. */
static int fetch_page(struct vsphere *vs, struct inv *inv, const char *method, struct soap_buf *b,
		      struct budget *bud, char **token)
{
	*token = NULL;
	struct page p = {.inv = inv, .budget = bud};
	xmlDoc *doc = NULL;
	/* a port group's hosts are a million morefs at 2,000 port groups x 512 hosts: they
	 * are collected as texts, not built as nodes */
	int r = vsphere_call_stream(vs, method, b->s, b->len, bud->max_bytes - bud->bytes,
				    "returnval", INV_LEAF, on_item, &p, &doc);
	bud->bytes += vsphere_response_bytes(vs);
	int pr = page_done(&p, token);
	if (r == SOAP_STREAM_OVER) {
		return err_set("%s: the inventory's answers are larger than %zu MiB in all, the "
			       "limit; if this vCenter is really that large, raise "
			       "VCHNET_MAX_INVENTORY_MB", method, bud->max_bytes >> 20);
	}
	if (r != 0 && vsphere_status(vs) != VSPHERE_OK) {
		/* the call's own failure (transport, fault, malformed), already worded */
		free(*token);
		*token = NULL;
		return -1;
	}
	if (r == 0 && doc) {
		r = parse_doc(inv, doc, token);
		xmlFreeDoc(doc);
	} else {
		r = pr; /* the page's own verdict */
	}
	if (r < 0)
		err_prefix("%s", method);
	return r;
}

/* The next page after *token (ContinueRetrievePropertiesEx), parsed into inv like the
 * first; *token is consumed and replaced by the page's own token, or NULL at the end. */
static int fetch_next_page(struct vsphere *vs, struct inv *inv, struct budget *bud,
			   char **token)
{
	struct soap_buf b = {0};
	int r;

	soap_begin(&b, "ContinueRetrievePropertiesEx", "PropertyCollector",
		   vsphere_property_collector(vs));
	soap_elem(&b, "token", *token);
	soap_end(&b, "ContinueRetrievePropertiesEx");
	free(*token);
	*token = NULL;
	r = fetch_page(vs, inv, "ContinueRetrievePropertiesEx", &b, bud, token);
	soap_buf_free(&b);
	return r;
}

/* The container networks of the VCHs found: their aliases are only known now, so one
 * more RetrievePropertiesEx asks each VCH endpoint VM for the keys of those aliases
 * (one request whatever the number of VCHs; none when there is no container network).
 * Then every VM's collected values are decoded. */
static int fetch_vch_nets(struct vsphere *vs, struct inv *inv, struct budget *bud)
{
	struct strv aliases = {0};
	for (size_t i = 0; i < inv->n_vms; i++)
		if (inv_vch_is_endpoint(&inv->vms[i]))
			inv_vch_aliases(&inv->vms[i], &aliases);
	int r = 0;
	if (aliases.n) {
		struct soap_buf b = {0};
		soap_begin(&b, "RetrievePropertiesEx", "PropertyCollector", vsphere_property_collector(vs));
		soap_buf_add(&b, "<specSet><propSet><type>VirtualMachine</type>");
		for (size_t a = 0; a < aliases.n; a++) {
			struct strv keys = inv_vch_net_keys(aliases.v[a]);
			for (size_t k = 0; k < keys.n; k++) {
				char *path = ec_path(keys.v[k]);
				soap_elem(&b, "pathSet", path);
				free(path);
			}
			strv_free(&keys);
		}
		soap_buf_add(&b, "</propSet>");
		for (size_t i = 0; i < inv->n_vms; i++)
			if (inv_vch_is_endpoint(&inv->vms[i])) {
				soap_buf_add(&b, "<objectSet>");
				soap_moref(&b, "obj", "VirtualMachine", inv->vms[i].o.id);
				soap_buf_add(&b, "<skip>false</skip></objectSet>");
			}
		soap_buf_add(&b, "</specSet><options></options>");
		soap_end(&b, "RetrievePropertiesEx");
		/* parsed into a scratch inventory, then the values join the VMs' own */
		struct inv *more = inv_new();
		char *token = NULL;
		r = fetch_page(vs, more, "RetrievePropertiesEx", &b, bud, &token);
		soap_buf_free(&b);
		/* one object per VCH endpoint VM: a server still paging after this many pages
		 * is not answering the question */
		for (int pages = 1; r == 0 && token; pages++) {
			if (pages > 100) {
				r = err_set("ContinueRetrievePropertiesEx: the server sent more than 100 "
					    "pages for the container networks of the VCH endpoint VMs; "
					    "giving up (is this really vCenter?)");
				break;
			}
			r = fetch_next_page(vs, more, bud, &token);
		}
		free(token);
		for (size_t i = 0; r == 0 && i < more->n_vms; i++)
			for (size_t j = 0; j < inv->n_vms; j++)
				if (strcmp(inv->vms[j].o.id, more->vms[i].o.id) == 0) {
					for (size_t k = 0; k < more->vms[i].ec.n; k++)
						strv_push(&inv->vms[j].ec, more->vms[i].ec.v[k]);
					break;
				}
		inv_free(more);
	}
	strv_free(&aliases);
	for (size_t i = 0; r == 0 && i < inv->n_vms; i++)
		inv_vch_decode(&inv->vms[i]);
	return r;
}

static int fetch_once(struct vsphere *vs, struct inv *inv, bool destroy_view, int page_size,
		      enum inv_scope scope)
{
	struct soap_buf b = {0};
	soap_begin(&b, "CreateContainerView", "ViewManager", vsphere_view_manager(vs));
	soap_moref(&b, "container", "Folder", vsphere_root_folder(vs));
	for (size_t i = 0; i < sizeof view_types / sizeof view_types[0]; i++)
		if (scope == INV_SCOPE_ALL || !view_types[i].network)
			soap_elem(&b, "type", view_types[i].type);
	soap_buf_add(&b, "<recursive>true</recursive>");
	soap_end(&b, "CreateContainerView");
	xmlDoc *doc = vsphere_call(vs, "CreateContainerView", b.s, b.len);
	soap_buf_free(&b);
	if (!doc)
		return -1;
	char *view = soap_child_text(soap_body_first(doc), "returnval");
	xmlFreeDoc(doc);
	if (!view || !*view) {
		free(view);
		return err_set("CreateContainerView returned no view");
	}

	soap_begin(&b, "RetrievePropertiesEx", "PropertyCollector", vsphere_property_collector(vs));
	soap_buf_add(&b, "<specSet>");
	for (size_t i = 0; i < sizeof prop_specs / sizeof prop_specs[0]; i++) {
		if (scope != INV_SCOPE_ALL && prop_specs[i].network)
			continue;
		soap_buf_add(&b, "<propSet>");
		soap_elem(&b, "type", prop_specs[i].type);
		for (size_t j = 0; j < 9 && prop_specs[i].paths[j]; j++)
			soap_elem(&b, "pathSet", prop_specs[i].paths[j]);
		if (strcmp(prop_specs[i].type, "VirtualMachine") == 0)
			for (size_t j = 0; inv_vch_keys[j]; j++) {
				char *path = ec_path(inv_vch_keys[j]);
				soap_elem(&b, "pathSet", path);
				free(path);
			}
		soap_buf_add(&b, "</propSet>");
	}
	soap_buf_add(&b, "<objectSet>");
	soap_moref(&b, "obj", "ContainerView", view);
	soap_buf_add(&b, "<skip>true</skip><selectSet xsi:type=\"TraversalSpec\">"
			 "<name>traverseView</name><type>ContainerView</type><path>view</path>"
			 "<skip>false</skip></selectSet></objectSet></specSet><options>");
	/* pages keep each answer small on the server's side; the requests they add are few
	 * (60 at the configuration maximums) */
	soap_buf_addf(&b, "<maxObjects>%d</maxObjects>", page_size > 0 ? page_size : INV_PAGE_OBJECTS);
	soap_buf_add(&b, "</options>");
	soap_end(&b, "RetrievePropertiesEx");
	struct budget bud;
	budget_init(&bud);
	char *token = NULL;
	int r = fetch_page(vs, inv, "RetrievePropertiesEx", &b, &bud, &token);
	soap_buf_free(&b);
	size_t had = 0; /* objects before the page just read */
	int empty = 0;
	while (r == 0 && token) {
		/* a page that brings no object only costs a request and a few bytes: a server
		 * that pages like that for ever is stopped after a few */
		empty = bud.objects == had ? empty + 1 : 0;
		had = bud.objects;
		if (empty > 10) {
			r = err_set("the server keeps sending pages without objects (%d in a row); "
				    "giving up (is this really vCenter?)", empty);
			break;
		}
		r = fetch_next_page(vs, inv, &bud, &token);
	}
	free(token);
	if (r == 0 && scope == INV_SCOPE_ALL)
		r = fetch_vch_nets(vs, inv, &bud);
	if (r == 1)
		vsphere_note_not_authenticated(vs);
	if (r == 0 && destroy_view) {
		soap_begin(&b, "DestroyView", "ContainerView", view);
		soap_end(&b, "DestroyView");
		doc = vsphere_call(vs, "DestroyView", b.s, b.len);
		soap_buf_free(&b);
		if (!doc)
			r = -1;
		else
			xmlFreeDoc(doc);
	}
	free(view);
	return r;
}

struct inv *inv_fetch(struct vsphere *vs, bool destroy_view, int page_size, enum inv_scope scope)
{
	for (int attempt = 0;; attempt++) {
		struct inv *inv = inv_new();
		int r = fetch_once(vs, inv, destroy_view, page_size, scope);
		if (r == 0) {
			inv->scope = scope;
			inv->source = xstrdup(vsphere_url(vs));
			inv->api_type = xstrdup(vsphere_api_type(vs));
			inv->api_version = xstrdup(vsphere_api_version(vs));
			char buf[32];
			time_t now = time(NULL);
			struct tm tm;
			gmtime_r(&now, &tm);
			strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
			inv->fetched_at = xstrdup(buf);
			inv_finish(inv);
			return inv;
		}
		inv_free(inv);
		/* the session expired under us: the view went with it, so log in again
		 * and start over, once */
		if (attempt == 0 && vsphere_status(vs) == VSPHERE_ERR_NOT_AUTH && vsphere_relogin(vs) == 0)
			continue;
		if (r == 1)
			err_set("reading the inventory: the session is not logged in or has expired");
		err_prefix("reading the inventory");
		return NULL;
	}
}
