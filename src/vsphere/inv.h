/* inv: the vCenter inventory that planning needs, in memory.
 *
 * Filled from a live session by inv_fetch() (one ContainerView + RetrievePropertiesEx,
 * see inv_fetch.c) or from a snapshot by inv_yaml_load(); written by inv_yaml_save().
 * Every object carries its managed object id (moref value, unique within a vCenter),
 * its type, its name and its inventory path (/DC/network/folder/name). References
 * between objects are moref values (strv of ids), resolved with inv_find_id().
 *
 * struct inv owns everything in it; inv_free() releases it. Lookups return pointers
 * borrowed from the inventory. No curl or libxml2 here: the wizard includes this. */
#ifndef VCHNET_INV_H
#define VCHNET_INV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "strv.h"

enum inv_kind {
	INV_DATACENTER,
	INV_COMPUTE,     /* ClusterComputeResource or ComputeResource (standalone host) */
	INV_POOL,
	INV_HOST,
	INV_DATASTORE,
	INV_SWITCH,
	INV_NETWORK,
	INV_FOLDER,
	INV_VM,          /* VirtualMachine: kept apart (struct inv_vm) */
	INV_KIND_COUNT
};

/* The header every object starts with. */
struct inv_obj {
	enum inv_kind kind;
	char *id;          /* moref value: "host-21" */
	char *type;        /* moref type: "HostSystem", "DistributedVirtualPortgroup", ... */
	char *name;        /* as vCenter has it (any UTF-8) */
	char *path;        /* /DC0/host/DC0_C0/DC0_C0_H0 */
	char *parent;      /* moref value of the parent, or NULL */
	char *datacenter;  /* moref value of the datacenter it lives in, or NULL */
};

struct inv_folder {
	struct inv_obj o;
};

struct inv_datacenter {
	struct inv_obj o;
};

struct inv_compute {
	struct inv_obj o;
	bool cluster;          /* ClusterComputeResource */
	struct strv hosts;     /* HostSystem ids */
	char *root_pool;       /* ResourcePool id */
};

struct inv_pool {
	struct inv_obj o;
	char *owner;           /* compute resource id */
};

struct inv_fw_rule {
	int port, end_port;    /* end_port 0: a single port */
	char *direction;       /* inbound | outbound */
	char *port_type;       /* src | dst */
	char *protocol;        /* tcp | udp */
};

struct inv_ruleset {
	char *key, *label;
	bool enabled, required;
	struct inv_fw_rule *rules;
	size_t n_rules;
	bool all_ip;           /* allowedHosts.allIp */
	struct strv ip_addresses;
	struct strv ip_networks; /* "10.0.0.0/8" */
};

struct inv_host {
	struct inv_obj o;
	char *compute;             /* compute resource id */
	char *connection_state;    /* connected | disconnected | notResponding */
	bool maintenance;
	struct strv mgmt_ips;      /* management vmknic addresses */
	bool mgmt_dhcp;            /* a management vmknic uses DHCP */
	char *firewall_system;     /* HostFirewallSystem id, or NULL */
	bool have_firewall;        /* firewall fields below are known */
	bool incoming_blocked, outgoing_blocked;
	struct inv_ruleset *rulesets;
	size_t n_rulesets;
	bool rulesets_shared;      /* rulesets belong to another host (a snapshot's alias:
				    * the same list loaded once); never changed or freed here */
};

struct inv_datastore {
	struct inv_obj o;
	struct strv hosts;         /* hosts that mount it */
};

struct inv_switch {
	struct inv_obj o;
	char *uuid;
	struct strv hosts;         /* member hosts */
	struct strv uplink_pgs;    /* uplink port group ids */
};

enum inv_net_kind {
	INV_NET_STANDARD,  /* Network ("VM Network") */
	INV_NET_DVPG,      /* DistributedVirtualPortgroup */
	INV_NET_OPAQUE,    /* OpaqueNetwork (NSX-T logical switch) */
};

enum inv_vlan {
	INV_VLAN_UNKNOWN,  /* not a DVPG, or not reported */
	INV_VLAN_ID,       /* vlan_id (0 = none) */
	INV_VLAN_TRUNK,    /* vlan_ranges: "0-4094", "100-200,300" */
	INV_VLAN_PVLAN,    /* vlan_id = private VLAN id */
};

struct inv_network {
	struct inv_obj o;
	enum inv_net_kind net_kind;
	struct strv hosts;         /* hosts that can use it */
	bool hosts_pooled;         /* hosts (array and strings) belong to the inventory's
				    * pool (inv_intern_list()), not to the network */
	/* DVPG */
	char *key;                 /* port group key */
	char *switch_id;           /* NULL: not visible (needs System.Read on the switch) */
	enum inv_vlan vlan;
	int vlan_id;
	char *vlan_ranges;
	bool uplink;               /* config.uplink, UPLINKPG tag, or switch's uplinkPortgroup */
	bool no_uplink;            /* its teaming policy names no active or standby uplink */
	bool nsx;                  /* DVPG: backingType nsx or a logicalSwitchUuid; opaque: nsx.* type */
	char *logical_switch_uuid;
	/* opaque */
	char *opaque_id, *opaque_type;
	struct strv vms;           /* VirtualMachine ids attached (the network's vm property) */
};

/* What a VCH endpoint VM's extraConfig says about its networks (vic-machine 1.5 keys,
 * see inv_vch_decode()). Port groups are network ids; addresses are text. */
struct inv_vch_role {
	char *port_group;          /* network id, or NULL */
	char *ip;                  /* static address with prefix ("10.0.0.5/24"), or NULL: DHCP */
	char *gateway;             /* "10.0.0.1", or NULL */
};

struct inv_vch_net {
	char *alias;               /* container network alias ("routable") */
	char *port_group;          /* network id, or NULL */
	char *gateway;             /* "10.3.0.1/16", or NULL */
	struct strv pools;         /* address ranges: "10.3.1.0-10.3.1.255" */
};

enum { INV_VCH_PUBLIC, INV_VCH_CLIENT, INV_VCH_MANAGEMENT, INV_VCH_ROLES };

struct inv_vch {
	char *name;                /* init/common/name (the VCH's name) */
	char *bridge;              /* bridge port group id, or NULL */
	char *bridge_range;        /* "172.16.0.0/12", or NULL */
	struct inv_vch_role roles[INV_VCH_ROLES];
	struct inv_vch_net *nets;  /* container networks (the bridge not among them) */
	size_t n_nets;
};

/* A virtual machine: only what tells who uses a network. VMs are not part of the
 * path/lookup machinery of the other kinds (inv_find_id() does not see them): there
 * can be tens of thousands; inv_find_vm() finds one by id. */
struct inv_vm {
	struct inv_obj o;          /* path and datacenter stay NULL */
	char *power_state;         /* poweredOn | poweredOff | suspended */
	char *pool;                /* resourcePool id: container VMs share their VCH's */
	struct strv ips;           /* guest IP addresses VMware Tools reports (guest.net) */
	struct inv_vch *vch;       /* a VCH endpoint VM: what it uses; else NULL */
	struct strv ec;            /* while fetching: extraConfig key, value, key, value... */
};

/* What inv_fetch() brings: everything, or the compute side only (datacenters,
 * folders, compute resources, pools, hosts with their firewalls, datastores), which
 * is all the firewall check reads. Networks are most of a large vCenter's answer:
 * every port group lists its hosts (82 of 99 MB at 512 hosts and 2,000 port groups). */
enum inv_scope { INV_SCOPE_ALL, INV_SCOPE_HOSTS };

struct inv {
	enum inv_scope scope;  /* what it holds (snapshots: all) */
	char *source;          /* URL it came from (no credentials) */
	char *api_type;        /* VirtualCenter | HostAgent */
	char *api_version;
	char *fetched_at;      /* RFC 3339 UTC */
	struct inv_folder *folders;
	size_t n_folders, cap_folders;
	struct inv_datacenter *datacenters;
	size_t n_datacenters, cap_datacenters;
	struct inv_compute *computes;
	size_t n_computes, cap_computes;
	struct inv_pool *pools;
	size_t n_pools, cap_pools;
	struct inv_host *hosts;
	size_t n_hosts, cap_hosts;
	struct inv_datastore *datastores;
	size_t n_datastores, cap_datastores;
	struct inv_switch *switches;
	size_t n_switches, cap_switches;
	struct inv_network *networks;
	size_t n_networks, cap_networks;
	struct inv_vm *vms;    /* sorted by id after inv_finish() */
	size_t n_vms, cap_vms;
	struct inv_pool_strs *pool; /* interned strings and lists, freed with the inventory */
	/* Indexes inv_finish() builds, owned by inv: every object but the VMs sorted by id
	 * (inv_find_id()), and the VCH endpoint VMs (inv_bridge_owner() and the like, once
	 * per network at 10,000 networks). Objects added later make them stale: the
	 * lookups see it from the counts and search every object instead. */
	struct inv_obj **by_id;
	size_t n_by_id;
	const struct inv_vm **vchs;
	size_t n_vchs, vchs_of; /* vchs_of: n_vms when built */
};

struct inv *inv_new(void);
void inv_free(struct inv *inv);

/* Interning, for what repeats at scale (10,000 port groups each listing the same
 * hundreds of host ids): one copy per distinct string, and per distinct list, owned by
 * inv and alive until inv_free(). inv_intern() returns the copy of s (len bytes);
 * inv_intern_list() the copy of a list of strings already interned here (compared by
 * address). */
char *inv_intern(struct inv *inv, const char *s, size_t len); /* never freed or changed by the caller */
char **inv_intern_list(struct inv *inv, char *const *v, size_t n);
/* Sets n->hosts to a pooled list (see hosts_pooled); what it had is freed. */
void inv_network_set_pooled_hosts(struct inv *inv, struct inv_network *n, char *const *v,
				  size_t count);

const char *inv_kind_name(enum inv_kind k);          /* "host", "network", ... */
const char *inv_net_kind_name(enum inv_net_kind k);  /* "standard", "distributed", "opaque" */
/* What a network is in the words the wizard shows, from one table: NSX-backed
 * distributed port groups and opaque networks are both "NSX".
 *   inv_net_type_word(): "standard", "distributed" or "NSX" (a column);
 *   inv_net_type_noun(): "standard port group", "distributed port group" or
 *                        "NSX network" (a sentence);
 *   inv_net_type_noun_of(): the noun of a word above; the word itself otherwise. */
const char *inv_net_type_word(const struct inv_network *n);
const char *inv_net_type_noun(const struct inv_network *n);
const char *inv_net_type_noun_of(const char *word);
/* "100", "trunk 0-4094", "pvlan 5", or "" when unknown; owned by the caller. */
char *inv_vlan_text(const struct inv_network *n);

/* Appenders used by the loaders: the new element is zeroed except its header kind. */
struct inv_folder *inv_add_folder(struct inv *inv);
struct inv_datacenter *inv_add_datacenter(struct inv *inv);
struct inv_compute *inv_add_compute(struct inv *inv);
struct inv_pool *inv_add_pool(struct inv *inv);
struct inv_host *inv_add_host(struct inv *inv);
struct inv_datastore *inv_add_datastore(struct inv *inv);
struct inv_switch *inv_add_switch(struct inv *inv);
struct inv_network *inv_add_network(struct inv *inv);
struct inv_vm *inv_add_vm(struct inv *inv);
struct inv_vch_net *inv_vch_add_net(struct inv_vch *v);
struct inv_ruleset *inv_host_add_ruleset(struct inv_host *h);
struct inv_fw_rule *inv_ruleset_add_rule(struct inv_ruleset *r);

/* After loading: computes every path and datacenter from the parent links, sorts each
 * list by path, and derives the uplink flag from the switches' uplink lists. */
void inv_finish(struct inv *inv);

/* A VM by moref value (binary search: after inv_finish()), or NULL. */
const struct inv_vm *inv_find_vm(const struct inv *inv, const char *id);

/* Who uses network n, for a "Used by" column: "vch-02 (VCH)" when it is a VCH's
 * bridge (or several: "vch-02 (VCH) +1"), "12 VMs" / "1 VM" for other attached VMs,
 * or "-". Owned by the caller. */
char *inv_used_by(const struct inv *inv, const struct inv_network *n);
/* The same, leaving out VCH skip (may be NULL): its endpoint VM and the VMs of its
 * resource pool, and n as its bridge. For a plan's own VCH, which is no other user. */
char *inv_used_by_except(const struct inv *inv, const struct inv_network *n, const char *skip);
/* The VCH whose bridge is network id (NULL: none); skip (may be NULL) names a VCH
 * to pass over (the plan's own). */
const struct inv_vm *inv_bridge_owner(const struct inv *inv, const char *net_id,
				      const char *skip);

/* The endpoint VM of the VCH named name, or NULL. */
const struct inv_vm *inv_find_vch(const struct inv *inv, const char *name);

/* Reads a VCH's facts from the extraConfig values collected in vm->ec (the keys
 * inv_vch_keys lists; vic-machine encodes addresses as base64 of raw bytes) and
 * recognises the endpoint VM: guestinfo.vice./init/common/id holds the VM's own
 * reference. Sets vm->vch (or leaves it NULL) and empties vm->ec. */
void inv_vch_decode(struct inv_vm *vm);
/* vm->ec holds guestinfo.vice./init/common/id with the VM's own reference. */
bool inv_vch_is_endpoint(const struct inv_vm *vm);
/* The extraConfig keys read for every VM, NULL-terminated. */
extern const char *const inv_vch_keys[];
/* The keys of one container network alias (NULL-terminated, owned by the caller). */
struct strv inv_vch_net_keys(const char *alias);
/* The aliases of vm's container networks, from the collected values (borrowed). */
void inv_vch_aliases(const struct inv_vm *vm, struct strv *out);

/* Any object by moref value, or NULL. */
const struct inv_obj *inv_find_id(const struct inv *inv, const char *id);

/* Finds one object of kind k by id, inventory path or name. datacenter (name or NULL)
 * narrows a name lookup. NULL with err_set() when nothing matches, or when the name is
 * ambiguous (the message lists every path). */
const struct inv_obj *inv_find(const struct inv *inv, enum inv_kind k, const char *what,
			       const char *datacenter);
const struct inv_network *inv_find_network(const struct inv *inv, const char *what,
					   const char *datacenter);
const struct inv_host *inv_find_host(const struct inv *inv, const char *what,
				     const char *datacenter);
const struct inv_compute *inv_find_compute(const struct inv *inv, const char *what,
					   const char *datacenter);

/* How many of the hosts in scope can use network n: scope is a compute resource (its
 * hosts), a datacenter (all its hosts) or NULL (every host). *total gets the number of
 * hosts in scope. */
int inv_network_hosts_in(const struct inv *inv, const struct inv_network *n,
			 const struct inv_obj *scope, int *total);

/* Renders the inventory as aligned text tables (datacenter: name or NULL for all). */
void inv_print_text(const struct inv *inv, FILE *out, const char *datacenter);
/* The VCHs found (endpoint VMs recognised by their extraConfig), each with its bridge,
 * role and container networks (datacenter: only VCHs whose bridge is there). */
void inv_print_vchs(const struct inv *inv, FILE *out, const char *datacenter);

/* YAML snapshot (schema vchnet/v1 Inventory, see vchnet(1)). Save writes atomically
 * (mode 0600) and holds no secrets; load gives back the same model. Return -1 with
 * err_set() on failure. inv_yaml_emit() writes to a stream (for --format yaml),
 * limited to one datacenter when datacenter is not NULL, with every non-ASCII character
 * escaped (the stream may be a terminal; the saved file keeps them as they are). */
int inv_yaml_save(const struct inv *inv, const char *path);
int inv_yaml_emit(const struct inv *inv, FILE *out, const char *datacenter);
struct inv *inv_yaml_load(const char *path);
struct inv *inv_yaml_parse(const char *text, size_t len, const char *name);

/* Compares two inventories through their YAML form, which carries every field of the
 * model (for tests). */
bool inv_equal(const struct inv *a, const struct inv *b);

struct vsphere;
/* Fetches the inventory (scope says how much) over a logged-in session:
 * CreateContainerView on the root folder, RetrievePropertiesEx, ContinueRetrievePropertiesEx while a token comes
 * back. When the session expired, logs in again with the held password and starts
 * over once. destroy_view: also DestroyView (skip it when logging out right after:
 * the view dies with the session, and that saves a request). page_size: maxObjects
 * (0: INV_PAGE_OBJECTS; the server may send fewer). The whole retrieval, all pages,
 * may bring at most VCHNET_MAX_OBJECTS objects (default INV_MAX_OBJECTS) and
 * VCHNET_MAX_INVENTORY_MB MiB (default INV_MAX_MB); past either it ends with an error
 * naming the limit. NULL with err_set() on failure. */
#define INV_PAGE_OBJECTS 1000
#define INV_MAX_OBJECTS 100000
#define INV_MAX_MB 2048
struct inv *inv_fetch(struct vsphere *vs, bool destroy_view, int page_size, enum inv_scope scope);
/* The parser behind inv_fetch(): adds the objects of one RetrievePropertiesEx or
 * ContinueRetrievePropertiesEx response body to inv and returns the continuation token
 * in *token (NULL when none). -1 with err_set() on malformed or partial data; 1 when
 * the result reports NotAuthenticated (vcsim does that in missingSet). */
int inv_fetch_parse(struct inv *inv, const char *body, size_t len, char **token);

#endif
