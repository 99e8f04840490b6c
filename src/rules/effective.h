/* effective: a plan as vic-machine create would run it, after its defaults and its
 * propagation of static settings (doc/vic-networking.md, "Defaults and propagation"):
 * each role's port group (client and management default to public), the addresses a
 * role inherits from another on the same port group, the bridge range and width, the
 * DNS servers, the NICs and the TLS common name.
 *
 * The rules, the layout, the rendering and the firewall check read a plan through this
 * one view, so that they agree with each other and with vic-machine.
 *
 * Pure: no I/O and no allocation; everything points into the plan (borrowed). */
#ifndef VCHNET_EFFECTIVE_H
#define VCHNET_EFFECTIVE_H

#include <stdbool.h>

#include "netaddr.h"
#include "plan.h"

/* One role of the endpoint VM after vic-machine's defaulting and static-IP propagation. */
struct effective_role {
	const char *port_group;    /* after defaulting; NULL when unset */
	bool defaulted;            /* port group inherited: client from public, ... */
	const char *ip;            /* static address (CIDR text); NULL: DHCP */
	const char *gateway;       /* NULL: none */
	const struct strv *routes; /* routing destinations; never NULL */
	enum plan_role from;       /* the role whose settings apply (itself unless propagated) */
	bool propagated;           /* settings copied from a role sharing the port group */
	int nic;                   /* 0-based NIC index; -1 when the port group is unset */
};

struct effective {
	struct effective_role role[PLAN_ROLE_COUNT]; /* bridge: port_group and nic only */
	const char *bridge_range;  /* plan's or PLAN_DEFAULT_BRIDGE_RANGE */
	int bridge_width;          /* plan's or PLAN_DEFAULT_BRIDGE_WIDTH */
	bool dns_default;          /* all roles static and no DNS: 8.8.8.8, 8.8.4.4 */
	bool dns_dhcp;             /* no DNS given and a role uses DHCP: DHCP's servers */
	int n_nics;                /* distinct port groups among the four roles */
	int max_nics;              /* plan_max_nics() */
	const char *nic_port_group[PLAN_ROLE_COUNT]; /* NIC i's port group, i < n_nics */
	unsigned nic_roles[PLAN_ROLE_COUNT];         /* NIC i's roles, bit (1u << role) */
	/* TLS common name: the plan's, or derived from a static IP as vic-machine does
	 * (address without prefix); empty when none. */
	char cname[NETADDR_STRLEN + 256];
	bool cname_derived;
};

/* Fills *e (no allocation; pointers borrow from p). */
void effective_compute(const struct plan *p, struct effective *e);

/* A role with its own static settings (an address or a gateway): vic-machine lends such
 * settings to the roles sharing its port group. */
bool effective_role_static(const struct plan_role_net *r);

#endif
