/* rules: judges a plan offline, as vic-machine create would (parse phase and the
 * network part of its validation phase), plus warnings where vic-machine is silent.
 * See ../shared/spec/vic-networking.md sections 1, 2 and 5; messages are vic-machine's
 * verbatim where it has one.
 *
 * Pure and fast: no I/O, a few small allocations; the wizard runs it on every cursor
 * move. Everything returned points into the plan (borrowed) or into the result struct. */
#ifndef VCHNET_RULES_H
#define VCHNET_RULES_H

#include <stdbool.h>

#include "findings.h"
#include "netaddr.h"
#include "plan.h"

/* One role of the endpoint VM after vic-machine's defaulting and static-IP propagation. */
struct rules_role {
	const char *port_group;    /* after defaulting; NULL when unset */
	bool defaulted;            /* port group inherited: client from public, ... */
	const char *ip;            /* static address (CIDR text); NULL: DHCP */
	const char *gateway;       /* NULL: none */
	const struct strv *routes; /* routing destinations; never NULL */
	enum plan_role from;       /* the role whose settings apply (itself unless propagated) */
	bool propagated;           /* settings copied from a role sharing the port group */
	int nic;                   /* 0-based NIC index; -1 when the port group is unset */
};

struct rules_effective {
	struct rules_role role[PLAN_ROLE_COUNT]; /* bridge: port_group and nic only */
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
void rules_effective(const struct plan *p, struct rules_effective *e);

enum {
	/* target.url, datacenter, computeResource and imageStore missing are errors
	 * (render, deploy) instead of warnings (check --offline). A missing
	 * target.username is a warning either way (vic-machine reads VIC_MACHINE_USER). */
	RULES_TARGET_REQUIRED = 1u << 0,
};

/* Appends the findings about p to *out (not sorted: call findings_sort()). Returns the
 * number of errors found. */
int rules_check(const struct plan *p, struct findings *out);
int rules_check_ex(const struct plan *p, struct findings *out, unsigned flags);

/* Helpers shared with render and the tests. */

/* Go's strconv.Quote (what %q prints for a string). Caller frees. */
char *rules_go_quote(const char *s);
/* Go's url.Parse, enough to judge proxy URLs: returns NULL when Go accepts the text and
 * sets *scheme (lower case) and *host (host[:port], may be empty), both owned by the
 * caller; else Go's error text, owned by the caller. */
char *rules_go_url_parse(const char *s, char **scheme, char **host);
/* The SHA-1 thumbprint in vic-machine's form (upper-case hex pairs joined by ':'),
 * from upper/lower case, with or without ':' or spaces; NULL when not 20 hex bytes.
 * Caller frees. */
char *rules_thumbprint_normalize(const char *tp);
/* The host[:port] part of target.url (no scheme, no credentials, no path); NULL when
 * there is none. Caller frees. */
char *rules_target_host(const char *url);

#endif
