/* invbuild: small vCenter inventories built in C for the unit tests of precheck and
 * firewall (no SOAP, no YAML): one datacenter DC0 with its host, network and datastore
 * folders, then clusters, hosts, switches, networks and datastores added by the test.
 * Paths come from inv_finish() (ib_finish()), as for a fetched inventory.
 *
 * Hosts start connected with a firewall that blocks outbound and inbound traffic by
 * default and no ruleset. Strings are copied; the inventory is the caller's
 * (inv_free()). Pointers returned stay valid until the next ib_* call that adds an
 * object of the same kind (the arrays grow), so set fields right away. */
#ifndef VCHNET_TEST_INVBUILD_H
#define VCHNET_TEST_INVBUILD_H

#include <stdbool.h>

#include "inv.h"

/* api_type: "VirtualCenter" or "HostAgent". */
struct inv *ib_new(const char *api_type);
/* A cluster in DC0's host folder. */
void ib_cluster(struct inv *inv, const char *id, const char *name);
/* A host in a cluster (appended to the cluster's host list). */
struct inv_host *ib_host(struct inv *inv, const char *cluster_id, const char *id, const char *name);
struct inv_host *ib_host_get(struct inv *inv, const char *id);
/* A ruleset with one rule (outbound tcp dst, port..end_port; end_port 0: one port). */
struct inv_ruleset *ib_ruleset(struct inv_host *h, const char *key, bool enabled, bool all_ip,
			       int port, int end_port);
/* A rule of any kind added to the last ruleset of h. */
void ib_rule(struct inv_host *h, const char *direction, const char *port_type,
	     const char *protocol, int port, int end_port);
/* A datastore mounted by the hosts listed (NULL-terminated ids). */
void ib_datastore(struct inv *inv, const char *id, const char *name, const char *const *hosts);
/* A distributed switch with an uplink port group uplink_id (a DVPG named name-Uplinks). */
void ib_switch(struct inv *inv, const char *id, const char *name, const char *uplink_id);
/* A network in DC0's network folder, attached to every host added so far except those
 * in except (NULL-terminated ids, or NULL). switch_id only for DVPGs. */
void ib_network(struct inv *inv, enum inv_net_kind kind, const char *id, const char *name,
		const char *switch_id, const char *const *except);
/* A VM (type VirtualMachine) in resource pool pool (NULL: none), attached to the
 * networks listed (NULL-terminated ids, added to each network's vm list) and with the
 * guest IPs listed (NULL-terminated, or NULL). Add the networks first. */
struct inv_vm *ib_vm(struct inv *inv, const char *id, const char *name, const char *pool,
		     const char *const *nets, const char *const *ips);
/* One extraConfig key and value on vm, as a fetch collects them (vm->ec). */
void ib_ec(struct inv_vm *vm, const char *key, const char *value);
/* An IPv4 address's raw bytes in base64, as vic-machine writes them: 16 bytes
 * (IPv4-mapped IPv6) when mapped, else 4. Owned by the caller. */
char *ib_b64_ip4(const char *dotted, bool mapped);

/* A VCH endpoint VM as vic-machine 1.5 leaves one (see the extraConfig sample in
 * the project's spec): every field may be NULL. Addresses with a prefix length are
 * written as IP and Mask. */
struct ib_vch {
	const char *bridge;          /* bridge port group id */
	const char *bridge_range;    /* "172.16.0.0/16" */
	const char *public_pg;       /* public port group id */
	const char *public_ip;       /* "10.0.0.5/24" */
	const char *public_gw;       /* "10.0.0.1" */
	const char *cnet_alias;      /* one container network: "routable" */
	const char *cnet_pg;
	const char *cnet_gw;         /* "10.3.0.1/16" */
	const char *cnet_first, *cnet_last;  /* its pool */
};
/* Adds the endpoint VM id (pool pool) of VCH name, attached to its bridge and public
 * port groups, with the extraConfig of s, and reads it back (inv_vch_decode()). */
struct inv_vm *ib_vch(struct inv *inv, const char *id, const char *name, const char *pool,
		      const struct ib_vch *s);
/* Computes paths and flags (inv_finish()). Call after the last object was added. */
void ib_finish(struct inv *inv);

#endif
