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
/* Computes paths and flags (inv_finish()). Call after the last object was added. */
void ib_finish(struct inv *inv);

#endif
