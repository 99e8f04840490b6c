/* inuse: findings about what is already on the plan's networks, from the inventory's
 * VMs and existing VCHs (inv.h: a network's vm list, VM guest IPs, the VCHs read from
 * their endpoint VMs' extraConfig):
 *
 *   bridge-in-use-vch      error    the bridge port group is another VCH's bridge
 *   bridge-has-vms         error    other VMs are attached to the bridge port group
 *   bridge-vlan-shared     warning  another VCH's bridge is on the same switch and VLAN
 *   address-in-use         error    a role's static address is an address in use (an
 *                                   ESXi vmkernel address, a VM's guest IP, another VCH's
 *                                   address, a gateway)
 *   container-range-in-use warning  a container network range contains such an address
 *   container-range-overlap warning a container range overlaps another VCH's range on
 *                                   the same port group
 *   uplink-none            warning  a public/client/management port group has no uplink
 *
 * "This VCH" is the VCH named as the plan (metadata.name): its own endpoint VM, its
 * container VMs (the VMs of its resource pool) and its addresses are never a conflict,
 * so checking a plan that is already deployed stays quiet.
 *
 * Port groups are resolved as precheck does (finder_resolve()); one that does not
 * resolve to exactly one network is left to precheck's own findings. Findings go to
 * the caller's list (findings.h); nothing is sent to vCenter. */
#ifndef VCHNET_INUSE_H
#define VCHNET_INUSE_H

#include <stddef.h>

struct findings;
struct inv;
struct inv_network;
struct inv_obj;
struct inv_switch;
struct plan;

/* Appends the findings above for plan p in datacenter dc (as finder_target() found
 * it); returns the number of errors added. */
int inuse_check(const struct inv *inv, const struct plan *p, const struct inv_obj *dc,
		struct findings *out);

/* For pickers: why n cannot be plan p's bridge because something uses it already
 * (another VCH's bridge, or VMs other than this VCH's), written into buf; NULL when
 * nothing does. */
const char *inuse_bridge_reason(const struct inv *inv, const struct plan *p,
				const struct inv_network *n, char *buf, size_t len);
/* Who uses n, in words that follow "NAME is" ("the bridge network of VCH vch-02",
 * "used by 4 VMs (web-01, web-02, db-01 and 1 more)"), or NULL. Caller frees. */
char *inuse_describe(const struct inv *inv, const struct plan *p, const struct inv_network *n);
/* For "Create a new bridge port group": the first distributed switch of datacenter
 * dc_id (NULL: any) and a VLAN its port groups do not use (one above the highest, or the
 * lowest free from 100 when none is tagged; 0 when none is free). -1 without a switch. */
int inuse_suggest_bridge(const struct inv *inv, const char *dc_id, const struct inv_switch **sw,
			 int *vlan);

#endif
