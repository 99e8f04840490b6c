/* effective: a plan as vic-machine create would run it (see effective.h). */
#include "effective.h"

#include <stdio.h>
#include <string.h>

static const char *nz(const char *s) { return s && *s ? s : NULL; }

static bool str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

static const struct strv empty_strv;

bool effective_role_static(const struct plan_role_net *r)
{
	return nz(r->ip) || nz(r->gateway);
}

void effective_compute(const struct plan *p, struct effective *e)
{
	static const enum plan_role order[3] = {PLAN_ROLE_MANAGEMENT, PLAN_ROLE_CLIENT,
						PLAN_ROLE_PUBLIC};

	memset(e, 0, sizeof *e);
	for (int r = 0; r < PLAN_ROLE_COUNT; r++) {
		struct effective_role *rr = &e->role[r];
		rr->port_group = plan_effective_port_group(p, (enum plan_role)r);
		rr->from = (enum plan_role)r;
		rr->routes = &empty_strv;
		rr->nic = -1;
		if (r == PLAN_ROLE_BRIDGE)
			continue;
		const struct plan_role_net *pr = plan_role_const(p, (enum plan_role)r);
		rr->defaulted = !nz(pr->port_group) && r != PLAN_ROLE_PUBLIC;
		rr->ip = nz(pr->ip);
		rr->gateway = nz(pr->gateway);
		rr->routes = &pr->routes;
	}

	/* propagation: a port group with exactly one static role lends its settings to the
	 * other roles on it (vnet.go configureSharedPortGroups) */
	for (int i = 0; i < 3; i++) {
		enum plan_role src = order[i];
		const char *pg = e->role[src].port_group;
		int count = 0;
		if (!pg || !effective_role_static(plan_role_const(p, src)))
			continue;
		for (int j = 0; j < 3; j++)
			if (str_eq(e->role[order[j]].port_group, pg) &&
			    effective_role_static(plan_role_const(p, order[j])))
				count++;
		if (count != 1)
			continue;
		for (int j = 0; j < 3; j++) {
			enum plan_role dst = order[j];
			if (dst == src || !str_eq(e->role[dst].port_group, pg) ||
			    effective_role_static(plan_role_const(p, dst)))
				continue;
			const struct plan_role_net *sr = plan_role_const(p, src);
			e->role[dst].ip = nz(sr->ip);
			e->role[dst].gateway = nz(sr->gateway);
			e->role[dst].routes = &sr->routes;
			e->role[dst].from = src;
			e->role[dst].propagated = true;
		}
	}

	e->bridge_range = nz(p->bridge.ip_range) ? p->bridge.ip_range : PLAN_DEFAULT_BRIDGE_RANGE;
	e->bridge_width = p->bridge.width || p->bridge.width_given ? p->bridge.width
								  : PLAN_DEFAULT_BRIDGE_WIDTH;

	bool dhcp = !e->role[PLAN_ROLE_PUBLIC].ip || !e->role[PLAN_ROLE_CLIENT].ip ||
		    !e->role[PLAN_ROLE_MANAGEMENT].ip;
	/* vic-machine drops empty entries before it looks at the list */
	size_t ndns = 0;
	for (size_t i = 0; i < p->dns.n; i++)
		ndns += p->dns.v[i][0] != '\0';
	e->dns_default = !dhcp && ndns == 0;
	e->dns_dhcp = dhcp && ndns == 0;

	/* NICs: distinct port group strings, in role order */
	for (int r = 0; r < PLAN_ROLE_COUNT; r++) {
		const char *pg = e->role[r].port_group;
		int k;
		if (!pg)
			continue;
		for (k = 0; k < e->n_nics; k++)
			if (strcmp(e->nic_port_group[k], pg) == 0)
				break;
		if (k == e->n_nics)
			e->nic_port_group[e->n_nics++] = pg;
		e->nic_roles[k] |= 1u << r;
		e->role[r].nic = k;
	}
	e->max_nics = plan_max_nics(p);

	/* TLS common name (certificate.go): from the raw flags, before defaulting */
	if (nz(p->tls.cname)) {
		snprintf(e->cname, sizeof e->cname, "%s", p->tls.cname);
	} else {
		const char *pub = nz(p->public_net.port_group), *cli = nz(p->client_net.port_group),
			   *mgmt = nz(p->management_net.port_group);
		const char *ip = NULL;
		if (nz(p->client_net.ip))
			ip = p->client_net.ip;
		else if (nz(p->public_net.ip) && (str_eq(pub, cli) || !cli))
			ip = p->public_net.ip;
		else if (nz(p->management_net.ip) && (str_eq(mgmt, cli) || (!cli && str_eq(mgmt, pub))))
			ip = p->management_net.ip;
		if (ip) {
			struct netaddr_cidr c;
			if (netaddr_parse_cidr(ip, &c) == 0)
				netaddr_format(&c.ip, e->cname);
			else
				snprintf(e->cname, sizeof e->cname, "%s", ip);
			e->cname_derived = true;
		}
	}
}
