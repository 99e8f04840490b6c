#include "rules.h"

#include <ctype.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "effective.h"
#include "goparse.h"
#include "mem.h"

/* ---- small helpers ---------------------------------------------------------------- */

static const char *nz(const char *s) { return s && *s ? s : NULL; }

static bool str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}



/* "1.5.2" -> 10502; patch 0 when absent; -1 when unparsable. */
static int version_full(const struct plan *p)
{
	const char *v = p->vic_version ? p->vic_version : PLAN_DEFAULT_VIC_VERSION;
	unsigned a, b, c = 0;
	int n = 0;

	if (sscanf(v, "%u.%u%n", &a, &b, &n) != 2 || a > 99 || b > 99)
		return -1;
	if (v[n] == '.') {
		int m = 0;
		if (sscanf(v + n, ".%u%n", &c, &m) != 1 || v[n + m] || c > 99)
			return -1;
	} else if (v[n]) {
		return -1;
	}
	return (int)(a * 10000 + b * 100 + c);
}

static const char *role_key(enum plan_role r)
{
	return plan_role_name(r);
}

static char *rpath(enum plan_role r, const char *leaf)
{
	if (r == PLAN_ROLE_BRIDGE)
		return xasprintf("networks.bridge%s%s", leaf ? "." : "", leaf ? leaf : "");
	return xasprintf("networks.%s%s%s", role_key(r), leaf ? "." : "", leaf ? leaf : "");
}

static char *cpath(size_t i, const char *leaf)
{
	return xasprintf("networks.container[%zu]%s%s", i, leaf ? "." : "", leaf ? leaf : "");
}

/* The port group's last path component ("/dc/network/x" -> "x"). */
static const char *pg_base(const char *pg)
{
	const char *s = strrchr(pg, '/');
	return s ? s + 1 : pg;
}

/* ---- the checks ----------------------------------------------------------------------- */

struct ctx {
	const struct plan *p;
	struct findings *f;
	unsigned flags;
	struct effective e;
	int errors;
	/* parsed role addresses (valid when ok) */
	struct netaddr_cidr role_ip[3];
	bool role_ok[3];
	/* parsed container gateways */
	struct netaddr_cidr *cgw;
	bool *cgw_ok, *cparse_ok;
	struct netaddr_cidr bridge_net;
	bool bridge_ok;
};

static void add(struct ctx *c, enum finding_severity sev, const char *code, const char *path,
		bool vic, const char *hint, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

static void add(struct ctx *c, enum finding_severity sev, const char *code, const char *path,
		bool vic, const char *hint, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	findings_add(c->f, sev, code, path, vic, hint, "%s", msg);
	free(msg);
	if (sev == FINDING_ERROR)
		c->errors++;
}

/* vic's deny-list for --name (utils.go). Returns the first offending character. */
static const char *unsupported_char(const char *s, const char *deny)
{
	for (const char *q = s; *q; q++)
		if (strchr(deny, *q))
			return q;
	return NULL;
}

#define NAME_DENY "%&*$#@!\\/:?\"<>;'|"
#define DATASTORE_DENY "%&*$#@!\\?\"<>;'|"

static void check_required(struct ctx *c)
{
	const struct plan *p = c->p;
	enum finding_severity tsev = c->flags & RULES_TARGET_REQUIRED ? FINDING_ERROR : FINDING_WARNING;

	if (!nz(p->name))
		add(c, FINDING_ERROR, "name-missing", "metadata.name", false,
		    "set metadata.name to the VCH name (vic-machine --name)",
		    "the VCH name (metadata.name) is required");
	if (!nz(p->bridge.port_group))
		add(c, FINDING_ERROR, "bridge-missing", "networks.bridge.portGroup", false,
		    "name a distributed port group used only by this VCH's bridge network",
		    "networks.bridge.portGroup is required: vic-machine would accept the plan and "
		    "look for a port group named after the VCH (\"%s\"), but vchnet wants the plan "
		    "to name the bridge so that a reviewer sees it", nz(p->name) ? p->name : "");
	if (!nz(p->public_net.port_group))
		add(c, FINDING_ERROR, "public-missing", "networks.public.portGroup", false,
		    "name the port group of the public network (vic-machine's default is \"VM Network\")",
		    "networks.public.portGroup is required: vic-machine would accept the plan and use "
		    "\"VM Network\", but vchnet wants the plan to name the public port group so "
		    "that a reviewer sees it");

	static const struct {
		const char *key, *what;
		size_t off;
	} tk[] = {
		{"target.url", "the vCenter or ESXi address (vic-machine --target)",
		 offsetof(struct plan_target, url)},
		{"target.datacenter", "the datacenter (the path of vic-machine --target)",
		 offsetof(struct plan_target, datacenter)},
		{"target.computeResource", "the cluster, host or resource pool (vic-machine --compute-resource)",
		 offsetof(struct plan_target, compute_resource)},
		{"target.imageStore", "the datastore for the VCH's images (vic-machine --image-store)",
		 offsetof(struct plan_target, image_store)},
	};
	for (size_t i = 0; i < sizeof tk / sizeof tk[0]; i++) {
		const char *v = *(char *const *)((const char *)&p->target + tk[i].off);
		if (!nz(v)) {
			char *hint = xasprintf("set %s: %s", tk[i].key, tk[i].what);
			add(c, tsev, "target-missing", tk[i].key, false, hint,
			    "%s is missing; render, deploy and the live checks need it", tk[i].key);
			free(hint);
		}
	}
	/* vic-machine also takes the user from VIC_MACHINE_USER: a warning everywhere */
	if (!nz(p->target.username))
		add(c, FINDING_WARNING, "target-user-missing", "target.username", false,
		    "set target.username, or export VIC_MACHINE_USER before running vic-machine",
		    "target.username is missing: vic-machine fails with \"vSphere user must be specified, either with --user or as part of --target\" unless VIC_MACHINE_USER is set");
}

static void check_name(struct ctx *c)
{
	const char *name = nz(c->p->name);
	const char *bad;

	if (!name)
		return;
	if ((bad = unsupported_char(name, NAME_DENY))) {
		char ch[2] = {*bad, 0};
		char *qc = goparse_quote(ch), *qn = goparse_quote(name);
		add(c, FINDING_ERROR, "name-chars", "metadata.name", true,
		    "use letters, digits, spaces and - _ ( ) in the VCH name",
		    "--name contains unsupported characters: unsupported character %s in %s Allowed characters are alphanumeric, space and symbols - _ ( )",
		    qc, qn);
		free(qc);
		free(qn);
	}
	if (strlen(name) > 31)
		add(c, FINDING_ERROR, "name-length", "metadata.name", true,
		    "shorten the VCH name to at most 31 bytes",
		    "Display name %s exceeds the permitted 31 characters limit. Please use a shorter -name parameter",
		    name);
}

/* Does the URL's authority hold "user[:password]@"? */
static bool has_userinfo(const char *url)
{
	const char *a = strstr(url, "://");
	a = a ? a + 3 : url;
	return memchr(a, '@', strcspn(a, "/?#")) != NULL;
}

static void check_target(struct ctx *c)
{
	const struct plan *p = c->p;

	if (nz(p->target.url)) {
		char *scheme = NULL, *host = NULL;
		const char *url = p->target.url;
		char *full = strstr(url, "://") ? xstrdup(url) : xasprintf("https://%s", url);
		char *err = goparse_url_parse(full, &scheme, &host);
		if (err) {
			add(c, FINDING_ERROR, "target-url", "target.url", false,
			    "write the vCenter address as https://HOST/sdk or just HOST",
			    "target.url cannot be parsed: %s", err);
		} else if (has_userinfo(full)) {
			add(c, FINDING_ERROR, "target-credentials", "target.url", false,
			    "remove USER:PASSWORD@ from target.url; set target.username instead",
			    "target.url must not hold credentials");
		} else if (!host[0]) {
			add(c, FINDING_ERROR, "target-url", "target.url", false,
			    "write the vCenter address as https://HOST/sdk or just HOST",
			    "target.url has no host: %s", url);
		}
		free(err);
		free(scheme);
		free(host);
		free(full);
	}
	if (nz(p->target.datacenter)) {
		const char *dc = p->target.datacenter;
		if (dc[0] == '/')
			dc++;
		if (strchr(dc, '/'))
			add(c, FINDING_ERROR, "target-datacenter-path", "target.datacenter", true,
			    "give the datacenter's name only; put clusters and pools in target.computeResource",
			    "--target should only specify datacenter in the path (e.g. https://addr/datacenter) - specify cluster, resource pool, or folder with --compute-resource");
	}
	if (nz(p->target.thumbprint)) {
		char *tp = goparse_thumbprint(p->target.thumbprint);
		char *h = goparse_url_host(p->target.url);
		char *thost = !h ? xstrdup("") : strchr(h, ':') ? xstrdup(h) : xasprintf("%s:443", h);
		free(h);
		if (!tp)
			add(c, FINDING_ERROR, "thumbprint-syntax", "target.thumbprint", false,
			    "copy the SHA-1 fingerprint of the vCenter certificate, e.g. from 'vchnet inventory'",
			    "target.thumbprint is not a SHA-1 fingerprint (20 hex bytes): vic-machine "
			    "would fail with: Failed to create client for validation of operations "
			    "credentials: Post \"https://%s/sdk\": Host \"%s\" thumbprint does not match \"%s\"",
			    thost, thost, p->target.thumbprint);
		free(tp);
		free(thost);
	}
}

static void check_image_store(struct ctx *c)
{
	const struct plan *p = c->p;

	if (nz(p->target.image_store)) {
		char *scheme, *host, *perr = goparse_url_parse(p->target.image_store, &scheme, &host);
		if (perr) {
			add(c, FINDING_ERROR, "image-store-syntax", "target.imageStore", true,
			    "write the image store as DATASTORE or DATASTORE/PATH",
			    "error parsing datastore path: %s", perr);
			free(perr);
		} else {
			free(scheme);
			free(host);
		}
		const char *bad = unsupported_char(p->target.image_store, DATASTORE_DENY);
		if (bad) {
			char ch[2] = {*bad, 0};
			char *qc = goparse_quote(ch), *qn = goparse_quote(p->target.image_store);
			add(c, FINDING_ERROR, "image-store-chars", "target.imageStore", true,
			    "use a datastore name and path without % & * $ # @ ! \\ ? \" < > ; ' |",
			    "--image-store contains unsupported characters: unsupported character %s in %s Allowed characters are alphanumeric, space and symbols - _ ( ) / :",
			    qc, qn);
			free(qc);
			free(qn);
		}
	}
}

/* splitVnetParam + the typed parse of a container companion (cnetworks.go). kind:
 * 'n' network (no wrapping), 'g' gateway, 'r' range, 'd' dns, 'f' firewall.
 * Returns vic's message or NULL. */
static char *vnet_param(const char *param, char kind)
{
	const char *c1 = strchr(param, ':');
	const char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
	char *vnet, *value = NULL, *inner = NULL, *msg;

	if (c2) {
		inner = xasprintf("Invalid value for parameter %s", param);
	} else {
		vnet = c1 ? xstrndup(param, (size_t)(c1 - param)) : xstrdup(param);
		value = c1 ? xstrdup(c1 + 1) : xstrdup("");
		if (!vnet[0]) {
			inner = xasprintf("Container network not specified in parameter %s", param);
		} else if (strchr(vnet, ' ') && !value[0]) {
			char *q = goparse_quote(param);
			inner = xasprintf("A network alias must be supplied when network name %s contains spaces.", q);
			free(q);
		} else if (c1 && strchr(value, ' ')) {
			char *q = goparse_quote(param);
			inner = xasprintf("The network alias supplied in %s cannot contain spaces.", q);
			free(q);
		}
		free(vnet);
	}
	if (inner) {
		free(value);
		if (kind == 'n')
			return inner;
		msg = xasprintf("Error parsing container network parameter %s: %s", param, inner);
		free(inner);
		return msg;
	}
	msg = NULL;
	switch (kind) {
	case 'g': {
		struct netaddr_cidr cc;
		if (netaddr_parse_cidr(value, &cc) < 0)
			msg = xasprintf("Error parsing container network parameter %s: invalid CIDR address: %s",
					param, value);
		break;
	}
	case 'r': {
		struct netaddr_range r;
		if (netaddr_parse_range(value, &r) < 0)
			msg = xasprintf("Error parsing container network parameter %s: parse error: %s",
					param, value);
		break;
	}
	case 'd': {
		struct netaddr a;
		if (value[0] && netaddr_parse_ip(value, &a) < 0)
			msg = xasprintf("Error parsing container network parameter %s: invalid IP address: %s",
					param, value);
		break;
	}
	default:
		break;
	}
	free(value);
	return msg;
}

static bool trust_level_ok(const char *v)
{
	static const char *const levels[] = {"open", "closed", "published", "outbound", "peers"};
	if (!v[0])
		return true;
	for (size_t i = 0; i < 5; i++)
		if (strcasecmp(v, levels[i]) == 0)
			return true;
	return false;
}

static const char *container_alias(const struct plan_container_net *cn)
{
	return nz(cn->alias) ? cn->alias : cn->port_group ? cn->port_group : "";
}

/* The --container-network value render writes. Caller frees. */
static char *cn_param(const struct plan_container_net *cn)
{
	const char *pg = cn->port_group ? cn->port_group : "";
	if (cn->alias)
		return xasprintf("%s:%s", pg, cn->alias);
	return xstrdup(pg);
}

static void check_containers_parse(struct ctx *c)
{
	const struct plan *p = c->p;

	for (size_t i = 0; i < p->n_containers; i++) {
		const struct plan_container_net *cn = &p->containers[i];
		const char *pg = cn->port_group ? cn->port_group : "";
		char *param, *msg, *path;
		bool ok = true;

		/* companions first, as ProcessContainerNetworks does */
		if (nz(cn->gateway)) {
			param = xasprintf("%s:%s", pg, cn->gateway);
			if ((msg = vnet_param(param, 'g'))) {
				path = cpath(i, "gateway");
				add(c, FINDING_ERROR, "container-gateway-syntax", path, true,
				    "write the gateway address with the subnet's prefix, e.g. 10.3.0.1/16",
				    "%s", msg);
				free(path);
				free(msg);
				ok = false;
			} else {
				netaddr_parse_cidr(cn->gateway, &c->cgw[i]);
				c->cgw_ok[i] = true;
			}
			free(param);
			for (size_t j = 0; j < i; j++)
				if (str_eq(p->containers[j].port_group, cn->port_group) &&
				    nz(p->containers[j].gateway)) {
					path = cpath(i, "gateway");
					add(c, FINDING_ERROR, "container-gateway-duplicate", path, true,
					    "map each port group once in networks.container",
					    "Duplicate gateway specified for container network %s", pg);
					free(path);
					ok = false;
					break;
				}
		}
		for (size_t k = 0; k < cn->ip_ranges.n; k++) {
			param = xasprintf("%s:%s", pg, cn->ip_ranges.v[k]);
			if ((msg = vnet_param(param, 'r'))) {
				char leaf[64];
				snprintf(leaf, sizeof leaf, "ipRanges[%zu]", k);
				path = cpath(i, leaf);
				add(c, FINDING_ERROR, "container-range-syntax", path, true,
				    "write a range as CIDR (10.3.1.0/24), FIRST-LAST or FIRST-LASTOCTET (10.3.2.10-50)",
				    "%s", msg);
				free(path);
				free(msg);
				ok = false;
			}
			free(param);
		}
		for (size_t k = 0; k < cn->dns.n; k++) {
			char leaf[64];
			snprintf(leaf, sizeof leaf, "dns[%zu]", k);
			param = xasprintf("%s:%s", pg, cn->dns.v[k]);
			if ((msg = vnet_param(param, 'd'))) {
				path = cpath(i, leaf);
				add(c, FINDING_ERROR, "container-dns-syntax", path, true,
				    "write the DNS server as an IP address", "%s", msg);
				free(path);
				free(msg);
			} else if (!cn->dns.v[k][0] && pg[0] && !strchr(pg, ':')) {
				path = cpath(i, leaf);
				add(c, FINDING_ERROR, "container-dns-empty", path, true,
				    "remove the empty entry or write the DNS server's address",
				    "DNS IP not specified for container network %s", pg);
				free(path);
			}
			free(param);
		}
		if (nz(cn->firewall)) {
			param = xasprintf("%s:%s", pg, cn->firewall);
			path = cpath(i, "firewall");
			if ((msg = vnet_param(param, 'f'))) {
				add(c, FINDING_ERROR, "container-firewall-syntax", path, true,
				    "use one of open, closed, published, outbound, peers", "%s", msg);
				free(msg);
			} else if (!trust_level_ok(cn->firewall)) {
				add(c, FINDING_ERROR, "container-firewall", path, true,
				    "use one of open, closed, published, outbound, peers",
				    "Unrecognized container trust level %s.", cn->firewall);
			}
			free(path);
			free(param);
		}

		/* the --container-network value itself */
		param = cn_param(cn);
		if ((msg = vnet_param(param, 'n'))) {
			const char *leaf = "portGroup", *hint = "use a port group name without ':'";
			const char *code = "container-param";
			if (strncmp(msg, "Container network not specified", 31) == 0) {
				code = "container-portgroup-missing";
				hint = "name the port group of this container network";
			} else if (strstr(msg, "alias must be supplied")) {
				leaf = "alias";
				hint = "set an alias without spaces: the port group's name has spaces";
			} else if (strstr(msg, "cannot contain spaces")) {
				leaf = "alias";
				hint = "remove the spaces from the alias";
			} else if (cn->alias && strchr(cn->alias, ':') && !strchr(pg, ':')) {
				leaf = "alias";
				hint = "use an alias without ':'";
			}
			path = cpath(i, leaf);
			add(c, FINDING_ERROR, code, path, true, hint, "%s", msg);
			free(path);
			free(msg);
		} else if (strchr(pg, ':') && !cn->alias) {
			/* vic-machine would read "a:b" as port group a, alias b, and not complain */
			path = cpath(i, "portGroup");
			add(c, FINDING_ERROR, "container-portgroup-colon", path, false,
			    "vic-machine cannot map a port group whose name holds ':'; rename it",
			    "port group \"%s\" contains ':', which vic-machine reads as PORTGROUP:ALIAS (port group \"%.*s\")",
			    pg, (int)strcspn(pg, ":"), pg);
			free(path);
		}
		free(param);

		/* our own: the same port group or alias twice */
		for (size_t j = 0; j < i; j++) {
			const struct plan_container_net *o = &p->containers[j];
			if (nz(cn->port_group) && str_eq(o->port_group, cn->port_group)) {
				char *prev = cpath(j, NULL);
				/* harmless without settings; with them the plan would lie */
				bool settings = nz(cn->gateway) || cn->ip_ranges.n || cn->dns.n ||
						nz(cn->firewall) || nz(o->gateway) || o->ip_ranges.n ||
						o->dns.n || nz(o->firewall);
				path = cpath(i, "portGroup");
				add(c, settings ? FINDING_ERROR : FINDING_WARNING,
				    "container-portgroup-duplicate", path, false,
				    "map each port group once; vic-machine keys gateway, ranges, DNS and firewall by port group",
				    "port group \"%s\" is mapped again (first in %s): vic-machine would accept the plan, but gives all of its settings to the first alias only",
				    pg, prev);
				if (settings)
					ok = false;
				free(prev);
				free(path);
				break;
			}
		}
		for (size_t j = 0; j < i; j++) {
			const struct plan_container_net *o = &p->containers[j];
			if (strcmp(container_alias(o), container_alias(cn)) == 0 && container_alias(cn)[0]) {
				char *prev = cpath(j, NULL);
				path = cpath(i, cn->alias ? "alias" : "portGroup");
				add(c, FINDING_ERROR, "container-alias-duplicate", path, false,
				    "give each container network its own alias",
				    "container network alias \"%s\" is used twice (first in %s): vic-machine would accept the plan, but silently keeps only the last one",
				    container_alias(cn), prev);
				free(prev);
				free(path);
				break;
			}
		}
		/* the validation-phase checks need a parsed gateway and ranges; naming, DNS
		 * and firewall mistakes do not stop them, so all problems show at once */
		c->cparse_ok[i] = ok;
	}
}

static void check_bridge(struct ctx *c)
{
	const struct plan *p = c->p;
	const char *range = c->e.bridge_range;
	int width = c->e.bridge_width;

	if (netaddr_parse_cidr(range, &c->bridge_net) < 0) {
		add(c, FINDING_ERROR, "bridge-range-syntax", "networks.bridge.ipRange", true,
		    "write the bridge range as a CIDR network, e.g. 172.16.0.0/12",
		    "Error parsing bridge network ip range: invalid CIDR address: %s. Range must be in CIDR format, e.g., 172.16.0.0/12",
		    range);
		return;
	}
	c->bridge_ok = true;
	if (width > 30) {
		add(c, FINDING_ERROR, "bridge-width", "networks.bridge.width", true,
		    "use a bridge network width between the range's prefix and 30",
		    "Error parsing bridge network width: %%!s(<nil>). Width must be an integer less than 31.");
		return;
	}
	if (width < c->bridge_net.prefix) {
		char *hint = xasprintf("use a width of at least %d (the prefix of %s), or a larger range",
				       c->bridge_net.prefix, range);
		add(c, FINDING_ERROR, "bridge-width-prefix",
		    p->bridge.width || p->bridge.width_given ? "networks.bridge.width" : "networks.bridge.ipRange", true, hint,
		    "Error specifying bridge network width: %d. Width must be larger than prefix of bridge network ip range.",
		    width);
		free(hint);
	}
	if (c->bridge_net.bits != 32)
		add(c, FINDING_WARNING, "bridge-range-ipv6", "networks.bridge.ipRange", false,
		    "use an IPv4 range: vic-machine turns the width into an IPv4 mask",
		    "the bridge network range %s is not IPv4", range);
	if (p->bridge.width || p->bridge.width_given) {
		int v = version_full(p);
		/* the docs date the flag to 1.5.2; "1.5" is taken to mean a current 1.5.x */
		if (v >= 0 && v < 10500)
			add(c, FINDING_WARNING, "bridge-width-version", "networks.bridge.width", false,
			    "remove networks.bridge.width, or set vic.version to the 1.5.x you deploy with",
			    "networks.bridge.width needs VIC 1.5.2 or later: the vic-machine of VIC %s may reject --bridge-network-width",
			    p->vic_version ? p->vic_version : PLAN_DEFAULT_VIC_VERSION);
	}
}

static char *gateway_spec(const struct plan_role_net *r)
{
	if (r->routes.n > 0) {
		char *d = strv_join(&r->routes, ",");
		char *s = xasprintf("%s:%s", d, r->gateway);
		free(d);
		return s;
	}
	return xstrdup(r->gateway);
}

/* parseGatewaySpec (create.go). Returns the inner error or NULL; *gw the gateway. */
static char *parse_gateway_spec(const char *spec, struct netaddr *gw, const char **bad_item)
{
	const char *c1 = strchr(spec, ':');
	const char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
	const char *gws;
	char *dests = NULL, *err = NULL;

	*bad_item = NULL;
	if (c2)
		return xasprintf("gateway %s specified incorrectly", spec);
	gws = c1 ? c1 + 1 : spec;
	if (netaddr_parse_ip(gws, gw) < 0)
		return xasprintf("Provided gateway IP address is not valid: %s", gws);
	if (c1 && c1 > spec) {
		dests = xstrndup(spec, (size_t)(c1 - spec));
		for (char *tok = dests, *next; tok; tok = next) {
			struct netaddr_cidr cc;
			next = strchr(tok, ',');
			if (next)
				*next++ = '\0';
			if (netaddr_parse_cidr(tok, &cc) < 0) {
				err = xasprintf("invalid CIDR in gateway specification: invalid CIDR address: %s", tok);
				*bad_item = spec + (tok - dests);
				break;
			}
		}
		free(dests);
	}
	return err;
}

static void check_role_parse(struct ctx *c, enum plan_role r)
{
	const struct plan_role_net *pr = plan_role_const(c->p, r);
	const char *name = role_key(r);
	const char *ip = nz(pr->ip), *gw = nz(pr->gateway);
	char *path;

	if (gw && !ip) {
		path = rpath(r, "gateway");
		char *hint = r == PLAN_ROLE_PUBLIC
				     ? xstrdup("set networks.public.ip (ADDRESS/PREFIX) or remove the gateway")
				     : xasprintf("set networks.%s.ip, or remove the gateway (DHCP provides one)", name);
		add(c, FINDING_ERROR, "role-gateway-without-ip", path, true, hint,
		    "Gateway provided without static IP for %s network", name);
		free(hint);
		free(path);
	}
	if (ip) {
		if (netaddr_parse_cidr(ip, &c->role_ip[r]) < 0) {
			/* the hint names the mistake: a number above 255, a missing or bad
			 * prefix, a host name (findings.c words it for every face) */
			char *hint = findings_address_hint(ip, false);
			if (!hint)
				hint = xstrdup("write the address with its prefix length, e.g. 10.0.0.5/24");
			path = rpath(r, "ip");
			add(c, FINDING_ERROR, "role-ip-syntax", path, true, hint,
			    "Failed to parse the provided %s network IP address %s: invalid CIDR address: %s",
			    name, ip, ip);
			free(path);
			free(hint);
		} else {
			c->role_ok[r] = true;
		}
	}
	if (gw && ip) {
		char *spec = gateway_spec(pr);
		struct netaddr g;
		const char *bad;
		char *err = parse_gateway_spec(spec, &g, &bad);
		if (err) {
			const char *hint = "write the gateway as an IPv4 address and each route as a CIDR network";
			path = rpath(r, "gateway");
			if (bad) {
				for (size_t k = 0; k < pr->routes.n; k++)
					if (strstr(pr->routes.v[k], ",") || strchr(pr->routes.v[k], ' ') ||
					    netaddr_parse_cidr(pr->routes.v[k], &(struct netaddr_cidr){0}) < 0) {
						free(path);
						path = xasprintf("networks.%s.routes[%zu]", name, k);
						break;
					}
				hint = "write each routing destination as a CIDR network without spaces, e.g. 10.2.0.0/16";
			} else if (strstr(err, "specified incorrectly")) {
				hint = "vic-machine takes only IPv4 gateways and routes here (':' separates routes from the gateway)";
			}
			add(c, FINDING_ERROR, "role-gateway-syntax", path, true, hint,
			    "Invalid %s network gateway: %s", name, err);
			free(path);
			free(err);
		} else if (c->role_ok[r] && !netaddr_cidr_contains(&c->role_ip[r], &g)) {
			char gbuf[NETADDR_STRLEN];
			char *net = netaddr_cidr_net_str(&c->role_ip[r]);
			char *hint = xasprintf("use a gateway inside %s, or fix the prefix of networks.%s.ip", net, name);
			netaddr_format(&g, gbuf);
			path = rpath(r, "gateway");
			add(c, FINDING_ERROR, "role-gateway-unreachable", path, true, hint,
			    "%s gateway with IP %s is not reachable from %s", name, gbuf, net);
			free(path);
			free(net);
			free(hint);
		}
		free(spec);
	}
	/* a route written with host bits: vic-machine quietly routes the whole network */
	for (size_t k = 0; k < pr->routes.n; k++) {
		struct netaddr_cidr rc;
		char *hint;
		if (netaddr_parse_cidr(pr->routes.v[k], &rc) < 0 ||
		    !(hint = findings_address_hint(pr->routes.v[k], true)))
			continue;
		path = xasprintf("networks.%s.routes[%zu]", name, k);
		add(c, FINDING_WARNING, "route-host-bits", path, false, hint,
		    "routing destination %s is not a network address: vic-machine routes the whole network it is in",
		    pr->routes.v[k]);
		free(path);
		free(hint);
	}
	if (pr->routes.n > 0 && !gw) {
		path = rpath(r, "routes");
		add(c, FINDING_ERROR, "role-routes-without-gateway", path, false,
		    "set the gateway the routes go through, or remove the routes",
		    nz(pr->ip) ? "networks.%s.routes needs networks.%s.gateway: vic-machine takes routing destinations only with a gateway (written as --%s-network-gateway ROUTES: it says: Invalid %s network gateway: Provided gateway IP address is not valid: )"
			       : "networks.%s.routes needs networks.%s.gateway: vic-machine takes routing destinations only with a gateway (written as --%s-network-gateway ROUTES: it says: Gateway provided without static IP for %s network)",
		    name, name, name, name);
		free(path);
	}
}

static void check_dns(struct ctx *c)
{
	const struct strv *d = &c->p->dns;
	size_t given = 0;

	for (size_t i = 0; i < d->n; i++) {
		struct netaddr a;
		char *path = xasprintf("networks.dns[%zu]", i);
		if (!d->v[i][0]) {
			add(c, FINDING_WARNING, "dns-empty", path, false, "remove the empty entry",
			    "empty DNS server entry: vic-machine ignores it");
		} else if (netaddr_parse_ip(d->v[i], &a) < 0) {
			add(c, FINDING_ERROR, "dns-syntax", path, true,
			    "write each DNS server as an IP address", "Invalid DNS server specified: %s",
			    d->v[i]);
		} else {
			given++;
		}
		free(path);
	}
	if (given > 3)
		add(c, FINDING_WARNING, "dns-too-many", "networks.dns", true,
		    "keep at most 3 DNS servers; the VCH uses the first 3",
		    "Maximum of 3 DNS servers allowed. Additional servers specified will be ignored.");
}

static void check_tls(struct ctx *c)
{
	const char *mode = nz(c->p->tls.mode) ? c->p->tls.mode : "no-tlsverify";

	if (strcmp(mode, "tlsverify") != 0 && strcmp(mode, "no-tlsverify") != 0 &&
	    strcmp(mode, "no-tls") != 0) {
		add(c, FINDING_ERROR, "tls-mode", "tls.mode", false,
		    "use one of no-tlsverify, tlsverify, no-tls",
		    "tls.mode must be no-tlsverify, tlsverify or no-tls, not \"%s\"", mode);
		return;
	}
	if (strcmp(mode, "tlsverify") == 0 && !c->e.cname[0])
		add(c, FINDING_ERROR, "tls-cname", "tls.cname", true,
		    "set tls.cname to the VCH's FQDN (or give the client network a static IP), or use tls.mode no-tlsverify",
		    "provide Common Name for server certificate");
	if (strcmp(mode, "no-tls") == 0 && nz(c->p->tls.cname))
		add(c, FINDING_WARNING, "tls-cname-unused", "tls.cname", false,
		    "remove tls.cname, or use tls.mode tlsverify or no-tlsverify",
		    "tls.cname is not used with tls.mode no-tls");
}

#define VS_FORMAT "volume store input must be in format <datastore url w/ path>:label or nfs://<host>/<url-path>?<mount option as query parameters>:<label>"

/* One --volume-store value as vic-machine's ProcessVolumeStores sees it; returns its
 * message or NULL. Caller frees. */
static char *volume_store_error(const char *arg)
{
	const char *colon = strrchr(arg, ':');
	char *raw, *label, *scheme = NULL, *host = NULL, *e, *msg = NULL;

	if (!colon || colon == arg || !colon[1])
		return xstrdup(VS_FORMAT);
	label = xstrdup(colon + 1);
	raw = xstrndup(arg, (size_t)(colon - arg));
	if (unsupported_char(label, NAME_DENY)) {
		msg = xstrdup(VS_FORMAT);
		goto out;
	}
	e = goparse_url_parse(raw, &scheme, &host);
	if (e) {
		/* vic-machine retries without "ds://" */
		struct strv parts = {0};
		char *stripped;
		free(e);
		for (const char *q = raw;;) {
			const char *hit = strstr(q, "ds://");
			if (!hit) {
				strv_push(&parts, q);
				break;
			}
			strv_push_owned(&parts, xstrndup(q, (size_t)(hit - q)));
			q = hit + 5;
		}
		stripped = strv_join(&parts, "");
		strv_free(&parts);
		e = goparse_url_parse(stripped, &scheme, &host);
		free(raw);
		raw = stripped;
		if (e) {
			free(e);
			msg = xstrdup("parsed url for option --volume-store could not be parsed as a url, valid inputs are datastore/path:label or nfs://<host>/<url-path>?<mount option as query parameters>:<label>. See -h for usage examples.");
			goto out;
		}
	}
	if (strcmp(scheme, "nfs") == 0) {
		/* nothing more before the live checks */
	} else if (!scheme[0] || strcmp(scheme, "ds") == 0) {
		const char *bad = unsupported_char(raw, DATASTORE_DENY);
		const char *q = strchr(raw, '?');
		if (bad) {
			char ch[2] = {*bad, 0};
			char *qc = goparse_quote(ch), *qr = goparse_quote(raw);
			msg = xasprintf("--volume-store contains unsupported characters for datastore target: unsupported character %s in %s Allowed characters are alphanumeric, space and symbols - _ ( ) / : ,",
					qc, qr);
			free(qc);
			free(qr);
		} else if (q && q[1] && q[1] != '#') {
			msg = xstrdup("volume store input must be in format datastore/path:label or nfs://<host>/<url-path>?<mount option as query parameters>:<label>");
		} else {
			/* the path after the datastore keeps any further ':' */
			const char *ds = strncmp(raw, "ds://", 5) == 0 ? raw + 5 : raw;
			const char *slash = strchr(ds, '/');
			if (slash && strchr(slash + 1, ':'))
				msg = xasprintf("Ambiguous datastore path format encountered from input: [%.*s] %s.",
						(int)(slash - ds), ds, slash + 1);
		}
	} else {
		msg = xstrdup("Please specify a datastore or nfs target. See -vs usage for examples.");
	}
out:
	free(scheme);
	free(host);
	free(raw);
	free(label);
	return msg;
}

static void check_volume_stores(struct ctx *c)
{
	const struct strv *vs = &c->p->target.volume_stores;
	for (size_t i = 0; i < vs->n; i++) {
		char *msg = volume_store_error(vs->v[i]);
		if (msg) {
			char *path = xasprintf("target.volumeStores[%zu]", i);
			add(c, FINDING_ERROR, "volume-store", path, true,
			    "write a volume store as DATASTORE/PATH:LABEL (or nfs://HOST/PATH:LABEL)",
			    "%s", msg);
			free(path);
			free(msg);
		}
	}
}

static void check_proxy_url(struct ctx *c, const char *url, const char *path)
{
	char *scheme, *host, *err;

	if (!nz(url))
		return;
	err = goparse_url_parse(url, &scheme, &host);
	if (err) {
		add(c, FINDING_ERROR, "proxy-url", path, true,
		    "write the proxy as http://HOST:PORT or https://HOST:PORT", "%s", err);
		free(err);
		return;
	}
	if (!host[0] || (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0))
		add(c, FINDING_ERROR, "proxy-url", path, true,
		    "write the proxy as http://HOST:PORT or https://HOST:PORT",
		    "Could not parse HTTP(S) proxy - expected format http(s)://fqnd_or_ip:port: %s", url);
	free(scheme);
	free(host);
}

static void check_proxies(struct ctx *c)
{
	const struct strv *np = &c->p->proxy.no_proxy;

	check_proxy_url(c, c->p->proxy.http, "proxy.http");
	check_proxy_url(c, c->p->proxy.https, "proxy.https");
	if (np->n == 0)
		return;
	/* vic-machine joins the list with ",", splits it again, and parses every entry but
	 * the first, trimmed, with url.Parse; its message shows the entry untrimmed */
	char *all = strv_join(np, ",");
	size_t item = 0, pos = 0, next_item_end = strlen(np->v[0]);
	bool first = true;
	for (char *e = all, *comma;; e = comma + 1) {
		comma = strchr(e, ',');
		size_t len = comma ? (size_t)(comma - e) : strlen(e);
		/* which list item this entry came from */
		while (item + 1 < np->n && pos > next_item_end) {
			item++;
			next_item_end += 1 + strlen(np->v[item]);
		}
		if (!first) {
			char *raw = xstrndup(e, len), *scheme, *host, *err;
			const char *t0 = raw;
			while (*t0 == ' ' || *t0 == '\t' || *t0 == '\n' || *t0 == '\r' || *t0 == '\v' || *t0 == '\f')
				t0++;
			size_t tn = strlen(t0);
			while (tn && strchr(" \t\n\r\v\f", t0[tn - 1]))
				tn--;
			char *t = xstrndup(t0, tn);
			err = goparse_url_parse(t, &scheme, &host);
			if (err) {
				char *path = xasprintf("proxy.noProxy[%zu]", item);
				add(c, FINDING_ERROR, "no-proxy", path, true,
				    "list host names or domains (.example.com), or *",
				    "Could not parse no-proxy - expected format is * or a comma-separated list of hostnames, domain names, or a mixture of both, e.g. localhost,.example.com: %s",
				    raw);
				free(path);
				free(err);
			} else {
				free(scheme);
				free(host);
			}
			free(t);
			free(raw);
		}
		first = false;
		pos += len + 1;
		if (!comma)
			break;
	}
	free(all);
}

/* 0.0.0.0/N (or ::/N): the unspecified address. */
static bool unspecified_cidr(const char *cidr)
{
	struct netaddr_cidr cc;
	struct netaddr a;
	if (!cidr)
		return false;
	if (netaddr_parse_cidr(cidr, &cc) == 0)
		return netaddr_is_unspecified(&cc.ip);
	return netaddr_parse_ip(cidr, &a) == 0 && netaddr_is_unspecified(&a);
}

/* The routing destinations as vic-machine counts them: the list is joined with ","
 * before the gateway, so one empty item is no destination at all. */
static size_t route_count(const struct strv *r)
{
	return r->n == 1 && !r->v[0][0] ? 0 : r->n;
}

/* The validation phase's rules for roles sharing a port group (doc/vic-networking.md,
 * section 4, "The roles"). */
static void check_shared_port_groups(struct ctx *c)
{
	static const enum plan_role order[3] = {PLAN_ROLE_MANAGEMENT, PLAN_ROLE_CLIENT,
						PLAN_ROLE_PUBLIC};
	const struct plan *p = c->p;
	const struct effective *e = &c->e;
	const char *pub_pg = e->role[PLAN_ROLE_PUBLIC].port_group;
	bool shared = false, multi = false;
	enum plan_role offender = PLAN_ROLE_CLIENT;

	/* rule 1: client/management static on public's port group */
	for (int r = PLAN_ROLE_CLIENT; r <= PLAN_ROLE_MANAGEMENT; r++) {
		if (!shared && pub_pg && str_eq(e->role[r].port_group, pub_pg) &&
		    effective_role_static(plan_role_const(p, (enum plan_role)r))) {
			shared = true;
			offender = (enum plan_role)r;
		}
	}
	if (shared) {
		const struct plan_role_net *o = plan_role_const(p, offender);
		char *path = rpath(offender, nz(o->ip) ? "ip" : "gateway");
		char *hint = xasprintf("remove networks.%s.ip/gateway and set the static IP on networks.public: roles on the public port group take public's",
				       role_key(offender));
		add(c, FINDING_ERROR, "static-ip-shares-public", path, true, hint,
		    "Static IP on network sharing port group with public network - Configuration ONLY allowed through public network options");
		free(hint);
		free(path);
	}

	/* rule 2 (only without rule 1) and the propagation failure */
	for (int i = 0; i < 3; i++) {
		enum plan_role a = order[i];
		const char *pg = e->role[a].port_group;
		int count = 0;
		enum plan_role second = a;
		bool seen_before = false;
		if (!pg || !effective_role_static(plan_role_const(p, a)))
			continue;
		for (int j = 0; j < i; j++)
			if (str_eq(e->role[order[j]].port_group, pg) &&
			    effective_role_static(plan_role_const(p, order[j])))
				seen_before = true;
		if (seen_before)
			continue;
		for (int j = 0; j < 3; j++)
			if (str_eq(e->role[order[j]].port_group, pg) &&
			    effective_role_static(plan_role_const(p, order[j]))) {
				count++;
				if (order[j] != a)
					second = order[j];
			}
		if (count < 2)
			continue;
		multi = true;
		/* point at the role that is not public, or the second one */
		enum plan_role at = a == PLAN_ROLE_PUBLIC ? second : a;
		const struct plan_role_net *o = plan_role_const(p, at);
		char *path = rpath(at, nz(o->ip) ? "ip" : "gateway");
		if (!shared)
			add(c, FINDING_ERROR, "static-ip-multiple", path, true,
			    "keep the static IP on one role of the port group and remove it from the others: they share it",
			    "Incorrect static IP configuration for networks on port group \"%s\"", pg);
		add(c, FINDING_ERROR, "static-ip-propagation", path, true,
		    "keep one static IP per port group; roles sharing the port group take it",
		    "Failed to configure static IP for additional networks using port group \"%s\"", pg);
		free(path);
	}

	/* rule 3: same subnet on two port groups (a warning) */
	if (!shared && !multi) {
		for (int i = 0; i < 3; i++) {
			enum plan_role a = order[i];
			if (!c->role_ok[a] || !nz(plan_role_const(p, a)->ip) || !e->role[a].port_group)
				continue;
			for (int j = i + 1; j < 3; j++) {
				enum plan_role b = order[j];
				if (!c->role_ok[b] || !nz(plan_role_const(p, b)->ip) ||
				    !e->role[b].port_group ||
				    str_eq(e->role[a].port_group, e->role[b].port_group))
					continue;
				char *na = netaddr_cidr_net_str(&c->role_ip[a]);
				char *nb = netaddr_cidr_net_str(&c->role_ip[b]);
				if (strcmp(na, nb) == 0) {
					char *path = rpath(b, "ip");
					add(c, FINDING_WARNING, "same-subnet", path, true,
					    "give each port group its own subnet, or put these roles on one port group",
					    "Unsupported static IP configuration: Same subnet \"%s\" is assigned to multiple port groups \"%s\" and \"%s\"",
					    na, e->role[a].port_group, e->role[b].port_group);
					free(path);
				}
				free(na);
				free(nb);
			}
		}
	}

	/* 2.3: gateway and route rules after propagation */
	for (int r = PLAN_ROLE_CLIENT; r <= PLAN_ROLE_MANAGEMENT; r++) {
		const struct effective_role *rr = &e->role[r];
		if (str_eq(rr->port_group, pub_pg))
			continue;
		/* vic-machine reads the unspecified gateway (0.0.0.0) as none here */
		if (rr->gateway && route_count(rr->routes) == 0 && !unspecified_cidr(rr->gateway)) {
			char *path = rpath(rr->from, "gateway");
			char *hint = xasprintf("add the networks reached through this gateway to networks.%s.routes, or remove the gateway if the %s network is directly attached",
					       role_key(rr->from), role_key((enum plan_role)r));
			add(c, FINDING_ERROR, "gateway-without-routes", path, true, hint,
			    "%s network gateway specified without at least one routing destination",
			    role_key((enum plan_role)r));
			free(hint);
			free(path);
		}
	}
	const struct effective_role *pub = &e->role[PLAN_ROLE_PUBLIC];
	/* vic-machine reads an unspecified public address (0.0.0.0/N) as no address here */
	if (pub->ip && !pub->gateway && !unspecified_cidr(pub->ip)) {
		char *path = rpath(pub->from, "ip");
		add(c, FINDING_ERROR, "public-gateway-missing", path, true,
		    "set networks.public.gateway: the public network carries the default route",
		    "public network must have both static IP and gateway specified");
		free(path);
	}
	if (pub->gateway && route_count(pub->routes) > 0) {
		char *path = rpath(pub->from, "routes");
		add(c, FINDING_ERROR, "public-routes", path, true,
		    "remove the routes: the public gateway is the default route",
		    "public network has the default route and must not have any routing destinations specified for gateway");
		free(path);
	}
}

static void check_bridge_conflicts(struct ctx *c)
{
	const char *bridge = c->e.role[PLAN_ROLE_BRIDGE].port_group;

	if (!bridge)
		return;
	for (int r = PLAN_ROLE_PUBLIC; r <= PLAN_ROLE_MANAGEMENT; r++)
		if (str_eq(c->e.role[r].port_group, bridge)) {
			char *hint = xasprintf("give the bridge network a port group of its own (the %s network uses \"%s\"%s)",
					       role_key((enum plan_role)r), bridge,
					       c->e.role[r].defaulted ? " by default" : "");
			add(c, FINDING_ERROR, "bridge-shared", "networks.bridge.portGroup", true, hint,
			    "the bridge network must not be shared with another network role - %s also uses \"%s\"",
			    role_key((enum plan_role)r), bridge);
			free(hint);
		}
}

static void check_containers_validate(struct ctx *c)
{
	const struct plan *p = c->p;
	const char *bridge = c->e.role[PLAN_ROLE_BRIDGE].port_group;

	for (size_t i = 0; i < p->n_containers; i++) {
		const struct plan_container_net *cn = &p->containers[i];
		const char *alias = container_alias(cn);
		char *path, *q;
		bool gw_set;

		if (!c->cparse_ok[i])
			continue;
		if (strcmp(alias, "bridge") == 0) {
			path = cpath(i, cn->alias ? "alias" : "portGroup");
			add(c, FINDING_ERROR, "container-alias-reserved", path, true,
			    "choose another alias: \"bridge\" is the VCH's own bridge network",
			    "Cannot use reserved name \"bridge\" for container network");
			free(path);
			continue;
		}
		/* IsUnspecifiedSubnet: no gateway, 0.0.0.0 or a /0 count as none */
		gw_set = c->cgw_ok[i] && !netaddr_is_unspecified(&c->cgw[i].ip) && c->cgw[i].prefix > 0;
		if (cn->ip_ranges.n > 0 && !gw_set) {
			path = cpath(i, nz(cn->gateway) ? "gateway" : "ipRanges");
			q = goparse_quote(alias);
			add(c, FINDING_ERROR, "container-range-without-gateway", path, true,
			    "set the gateway of the container network (ADDRESS/PREFIX), or remove the ranges for DHCP",
			    "IP range specified without gateway for container network %s", q);
			free(q);
			free(path);
			continue;
		}
		if (gw_set) {
			struct netaddr first, last;
			netaddr_cidr_first(&c->cgw[i], &first);
			netaddr_cidr_last(&c->cgw[i], &last);
			if (c->cgw[i].bits != 32 || netaddr_equal(&c->cgw[i].ip, &first) ||
			    netaddr_equal(&c->cgw[i].ip, &last)) {
				char buf[NETADDR_STRLEN];
				netaddr_format(&c->cgw[i].ip, buf);
				path = cpath(i, "gateway");
				add(c, FINDING_ERROR, "container-gateway-unroutable", path, true,
				    "use a host address of the subnet (not its network or broadcast address), e.g. 10.3.0.1/16",
				    "Gateway %s is not a routable address", buf);
				free(path);
				continue;
			}
		}
		/* ranges inside the subnet, no overlaps (stops at the first problem) */
		bool bad = false;
		struct netaddr_range *rs = xcalloc(cn->ip_ranges.n + 1, sizeof *rs);
		for (size_t k = 0; k < cn->ip_ranges.n; k++)
			netaddr_parse_range(cn->ip_ranges.v[k], &rs[k]);
		for (size_t k = 0; k < cn->ip_ranges.n && !bad; k++) {
			if (!netaddr_range_in_cidr(&rs[k], &c->cgw[i])) {
				char *rq = netaddr_range_vic_str(&rs[k]);
				char gb[NETADDR_STRLEN];
				char *mask = netaddr_mask_hex(&c->cgw[i]);
				char leaf[64];
				char *net = netaddr_cidr_net_str(&c->cgw[i]);
				char *hint = xasprintf("keep the range inside the gateway's subnet %s", net);
				netaddr_format(&c->cgw[i].ip, gb);
				snprintf(leaf, sizeof leaf, "ipRanges[%zu]", k);
				path = cpath(i, leaf);
				add(c, FINDING_ERROR, "container-range-outside", path, true, hint,
				    "IP range %s is not in subnet {\"%s\" \"%s\"}", rq, gb, mask);
				free(path);
				free(rq);
				free(mask);
				free(net);
				free(hint);
				bad = true;
				break;
			}
			for (size_t m = k + 1; m < cn->ip_ranges.n; m++) {
				if (netaddr_range_overlap_vic(&rs[m], &rs[k])) {
					char *r2 = netaddr_range_vic_str(&rs[m]), *r1 = netaddr_range_vic_str(&rs[k]);
					char leaf[64];
					snprintf(leaf, sizeof leaf, "ipRanges[%zu]", m);
					path = cpath(i, leaf);
					add(c, FINDING_ERROR, "container-ranges-overlap", path, true,
					    "make the ranges of a container network disjoint",
					    "Overlapping ip ranges: %s %s", r2, r1);
					free(path);
					free(r1);
					free(r2);
					bad = true;
					break;
				}
			}
		}
		if (!bad) {
			/* vic misses overlaps between a CIDR range and a dash range */
			for (size_t k = 0; k < cn->ip_ranges.n; k++)
				for (size_t m = k + 1; m < cn->ip_ranges.n; m++)
					if (netaddr_range_overlap(&rs[k], &rs[m])) {
						char leaf[64];
						snprintf(leaf, sizeof leaf, "ipRanges[%zu]", m);
						path = cpath(i, leaf);
						add(c, FINDING_WARNING, "container-ranges-overlap-unseen", path, false,
						    "make the ranges disjoint: containers could get the same address",
						    "IP ranges %s and %s overlap (vic-machine does not notice when one is a CIDR and the other a dash range)",
						    cn->ip_ranges.v[m], cn->ip_ranges.v[k]);
						free(path);
					}
		}
		free(rs);
		if (bad)
			continue;
		if (bridge && str_eq(cn->port_group, bridge)) {
			path = cpath(i, "portGroup");
			add(c, FINDING_ERROR, "bridge-shared-container", path, true,
			    "map another port group: the bridge network belongs to the VCH alone",
			    "the bridge network must not be shared with another network role - \"%s\" also mapped as container network \"%s\"",
			    bridge, alias);
			free(path);
		}
		if (nz(cn->firewall) && strcasecmp(cn->firewall, "peers") == 0 && cn->ip_ranges.n == 0) {
			path = cpath(i, "firewall");
			add(c, FINDING_WARNING, "container-peers-without-range", path, false,
			    "give the network an IP range, or choose another trust level",
			    "firewall \"peers\" without an IP range behaves like \"open\"");
			free(path);
		}
	}
}

/* 0.0.0.0 as an address or gateway: vic-machine takes it (as no address in its public
 * network check, as an address everywhere else), which is surely not what was meant. */
static void check_unspecified(struct ctx *c)
{
	for (int r = PLAN_ROLE_PUBLIC; r <= PLAN_ROLE_MANAGEMENT; r++) {
		const struct plan_role_net *rn = plan_role_const(c->p, (enum plan_role)r);
		if (unspecified_cidr(rn->ip)) {
			char *path = rpath((enum plan_role)r, "ip");
			add(c, FINDING_WARNING, "unspecified-address", path, false,
			    "leave ip out for DHCP, or give the address the VCH should have",
			    "%s is the unspecified address: vic-machine takes it (as no address in its "
			    "public network check, as a static address everywhere else), so the %s "
			    "network would get no usable address",
			    rn->ip, role_key((enum plan_role)r));
			free(path);
		}
		if (nz(rn->gateway) && unspecified_cidr(rn->gateway)) {
			char *path = rpath((enum plan_role)r, "gateway");
			add(c, FINDING_WARNING, "unspecified-address", path, false,
			    "give the address of the router, or leave the gateway out",
			    "gateway %s is the unspecified address: no router answers there",
			    rn->gateway);
			free(path);
		}
	}
	for (size_t i = 0; i < c->p->dns.n; i++) {
		const char *d = c->p->dns.v[i];
		if (unspecified_cidr(d)) {
			char *path = xasprintf("networks.dns[%zu]", i);
			add(c, FINDING_WARNING, "unspecified-address", path, false,
			    "give the address of a DNS server",
			    "DNS server %s is the unspecified address: vic-machine takes it, but no "
			    "server answers there", d);
			free(path);
		}
	}
}

static void check_vic_version(struct ctx *c)
{
	if (version_full(c->p) < 0)
		add(c, FINDING_ERROR, "vic-version", "vic.version", false,
		    "write the VIC version the VCH is deployed with, e.g. \"1.2\" or \"1.5.2\"",
		    "vic.version \"%s\" is not a version (MAJOR.MINOR or MAJOR.MINOR.PATCH): the NIC limit depends on it",
		    c->p->vic_version);
}

static void check_nic_limit(struct ctx *c)
{
	if (c->e.n_nics <= c->e.max_nics)
		return;
	add(c, FINDING_ERROR, "nic-limit", "networks", true,
	    "put two of the public, client and management networks on one port group, or set vic.version to 1.3 or later",
	    "Four different networks including bridge network are not allowed at this time. At least two network roles of client network, management network and public network should share same network (the rule of vic-machine 1.2, which vic.version names; vic-machine 1.3 and later would accept the plan)");
}

/* A port group text that vic-machine's finder reads as exactly the name it spells:
 * no metacharacter, or each one escaped with \\ (as the wizard writes names). */
static bool pg_literal(const char *pg)
{
	if (!strpbrk(pg, "*?[\\"))
		return true;
	for (const char *s = pg; *s; s++) {
		if (*s == '\\') {
			if (!s[1] || !strchr("*?[]\\", s[1]))
				return false;
			s++;
		} else if (strchr("*?[]", *s)) {
			return false;
		}
	}
	return true;
}

/* Our warnings where vic-machine is silent. */
static void check_extras(struct ctx *c)
{
	const struct plan *p = c->p;
	const struct effective *e = &c->e;
	const char *pg[PLAN_ROLE_COUNT + 1];
	const char *key[PLAN_ROLE_COUNT];
	int n = 0;

	/* the same port group written two ways (name vs. path) */
	for (int r = 0; r < PLAN_ROLE_COUNT; r++) {
		const char *s = e->role[r].port_group;
		bool dup = false;
		if (!s)
			continue;
		for (int k = 0; k < n; k++)
			dup |= strcmp(pg[k], s) == 0;
		if (dup)
			continue;
		for (int k = 0; k < n; k++)
			if (strcmp(pg_base(pg[k]), pg_base(s)) == 0) {
				char *path = rpath((enum plan_role)r, "portGroup");
				add(c, FINDING_WARNING, "portgroup-two-spellings", path, false,
				    "write the port group the same way everywhere (name or full path) so that vic-machine sees one network",
				    "\"%s\" (%s) and \"%s\" (%s) may be the same port group written two ways: vic-machine compares the strings, so its bridge and sharing rules would not see it",
				    s, role_key((enum plan_role)r), pg[k], key[k]);
				free(path);
			}
		key[n] = role_key((enum plan_role)r);
		pg[n++] = s;
	}

	/* a container network on the bridge's port group written another way */
	const char *bridge = e->role[PLAN_ROLE_BRIDGE].port_group;
	for (size_t i = 0; bridge && i < p->n_containers; i++) {
		const char *cpg = nz(p->containers[i].port_group);
		if (cpg && strcmp(cpg, bridge) != 0 && strcmp(pg_base(cpg), pg_base(bridge)) == 0) {
			char *path = cpath(i, "portGroup");
			add(c, FINDING_WARNING, "portgroup-two-spellings", path, false,
			    "write the port group the same way everywhere (name or full path) so that vic-machine sees one network",
			    "\"%s\" (container network) and \"%s\" (bridge) may be the same port group written two ways: vic-machine would not see that the bridge is shared",
			    cpg, bridge);
			free(path);
		}
	}

	/* glob characters: vic-machine looks port groups up with a pattern finder */
	for (int r = 0; r < PLAN_ROLE_COUNT; r++) {
		const char *raw = r == PLAN_ROLE_BRIDGE ? nz(p->bridge.port_group)
							: nz(plan_role_const(p, (enum plan_role)r)->port_group);
		if (raw && !pg_literal(raw)) {
			char *path = rpath((enum plan_role)r, "portGroup");
			add(c, FINDING_WARNING, "portgroup-glob", path, false,
			    "write \\ before * ? [ ] \\ to mean the characters themselves, or make sure the pattern matches exactly one network ('vchnet check' says which)",
			    "port group \"%s\" contains * ? [ or \\, which vic-machine's finder reads as a pattern", raw);
			free(path);
		}
	}
	for (size_t i = 0; i < p->n_containers; i++) {
		const char *raw = nz(p->containers[i].port_group);
		if (raw && !pg_literal(raw)) {
			char *path = cpath(i, "portGroup");
			add(c, FINDING_WARNING, "portgroup-glob", path, false,
			    "write \\ before * ? [ ] \\ to mean the characters themselves, or make sure the pattern matches exactly one network ('vchnet check' says which)",
			    "port group \"%s\" contains * ? [ or \\, which vic-machine's finder reads as a pattern", raw);
			free(path);
		}
	}

	/* bridge range vs. role and container subnets */
	if (c->bridge_ok) {
		for (int r = PLAN_ROLE_PUBLIC; r <= PLAN_ROLE_MANAGEMENT; r++) {
			if (!c->role_ok[r] || !nz(plan_role_const(p, (enum plan_role)r)->ip))
				continue;
			if (netaddr_cidr_overlap(&c->bridge_net, &c->role_ip[r])) {
				char *net = netaddr_cidr_net_str(&c->role_ip[r]);
				add(c, FINDING_WARNING, "bridge-range-overlap", "networks.bridge.ipRange", false,
				    "choose a bridge range that no VCH or container network uses",
				    "the bridge range %s overlaps the %s network's subnet %s: containers could not reach it",
				    e->bridge_range, role_key((enum plan_role)r), net);
				free(net);
			}
		}
		for (size_t i = 0; i < p->n_containers; i++)
			if (c->cgw_ok[i] && netaddr_cidr_overlap(&c->bridge_net, &c->cgw[i])) {
				char *net = netaddr_cidr_net_str(&c->cgw[i]);
				add(c, FINDING_WARNING, "bridge-range-overlap", "networks.bridge.ipRange", false,
				    "choose a bridge range that no VCH or container network uses",
				    "the bridge range %s overlaps container network \"%s\" (%s)",
				    e->bridge_range, container_alias(&p->containers[i]), net);
				free(net);
			}
	}

	/* container subnets vs. VCH role subnets on other port groups */
	for (size_t i = 0; i < p->n_containers; i++) {
		if (!c->cgw_ok[i])
			continue;
		for (int r = PLAN_ROLE_PUBLIC; r <= PLAN_ROLE_MANAGEMENT; r++) {
			if (!c->role_ok[r] || !nz(plan_role_const(p, (enum plan_role)r)->ip) ||
			    str_eq(e->role[r].port_group, p->containers[i].port_group))
				continue;
			if (netaddr_cidr_overlap(&c->cgw[i], &c->role_ip[r])) {
				char *cnet = netaddr_cidr_net_str(&c->cgw[i]);
				char *rnet = netaddr_cidr_net_str(&c->role_ip[r]);
				char *path = cpath(i, "gateway");
				add(c, FINDING_WARNING, "container-overlaps-role", path, false,
				    "give the container network a subnet of its own",
				    "container network \"%s\" (%s) overlaps the %s network's subnet %s on another port group",
				    container_alias(&p->containers[i]), cnet, role_key((enum plan_role)r), rnet);
				free(path);
				free(cnet);
				free(rnet);
			}
		}
	}

	/* client/management static IP inside public's subnet, on another port group */
	if (c->role_ok[PLAN_ROLE_PUBLIC] && nz(p->public_net.ip)) {
		for (int r = PLAN_ROLE_CLIENT; r <= PLAN_ROLE_MANAGEMENT; r++) {
			if (!c->role_ok[r] || !nz(plan_role_const(p, (enum plan_role)r)->ip) ||
			    str_eq(e->role[r].port_group, e->role[PLAN_ROLE_PUBLIC].port_group))
				continue;
			char *pn = netaddr_cidr_net_str(&c->role_ip[PLAN_ROLE_PUBLIC]);
			char *rn = netaddr_cidr_net_str(&c->role_ip[r]);
			if (strcmp(pn, rn) != 0 &&
			    netaddr_cidr_contains(&c->role_ip[PLAN_ROLE_PUBLIC], &c->role_ip[r].ip)) {
				char *path = rpath((enum plan_role)r, "ip");
				add(c, FINDING_WARNING, "role-ip-in-public-subnet", path, false,
				    "use an address of the port group's own subnet, or put the role on the public port group",
				    "the %s address %s is inside the public subnet %s but on another port group: replies may leave through the wrong NIC",
				    role_key((enum plan_role)r), plan_role_const(p, (enum plan_role)r)->ip, pn);
				free(path);
			}
			free(pn);
			free(rn);
		}
	}
}

int rules_check_ex(const struct plan *p, struct findings *out, unsigned flags)
{
	struct ctx c;

	memset(&c, 0, sizeof c);
	c.p = p;
	c.f = out;
	c.flags = flags;
	effective_compute(p, &c.e);
	c.cgw = xcalloc(p->n_containers + 1, sizeof *c.cgw);
	c.cgw_ok = xcalloc(p->n_containers + 1, sizeof *c.cgw_ok);
	c.cparse_ok = xcalloc(p->n_containers + 1, sizeof *c.cparse_ok);

	/* vic-machine's parse-phase order (create.go ProcessParams) */
	check_required(&c);
	/* the rest reads the plan as vic-machine would run it: public on its default */
	struct plan *vp = NULL;
	if (!nz(p->public_net.port_group)) {
		vp = plan_dup(p);
		free(vp->public_net.port_group);
		vp->public_net.port_group = xstrdup("VM Network");
		c.p = vp;
		effective_compute(vp, &c.e);
	}
	check_vic_version(&c);
	check_name(&c);
	check_containers_parse(&c);
	check_bridge(&c);
	check_role_parse(&c, PLAN_ROLE_CLIENT);
	check_role_parse(&c, PLAN_ROLE_PUBLIC);
	check_role_parse(&c, PLAN_ROLE_MANAGEMENT);
	check_dns(&c);
	check_tls(&c);
	check_image_store(&c);
	check_volume_stores(&c);
	check_proxies(&c);
	/* then the validation phase */
	check_target(&c);
	check_shared_port_groups(&c);
	check_bridge_conflicts(&c);
	check_containers_validate(&c);
	check_nic_limit(&c);
	check_extras(&c);
	check_unspecified(&c);

	free(c.cgw);
	free(c.cgw_ok);
	free(c.cparse_ok);
	plan_free(vp);
	return c.errors;
}

int rules_check(const struct plan *p, struct findings *out)
{
	return rules_check_ex(p, out, 0);
}
