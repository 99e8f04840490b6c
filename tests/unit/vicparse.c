#include "vicparse.h"

#include <ctype.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "goparse.h"
#include "mem.h"
#include "netaddr.h"
#include "rules.h"

enum kind { STR, SLICE, BOOL };

struct flagdef {
	const char *name, *alias;
	enum kind kind;
	size_t off; /* into struct vicparse: char * for STR, struct strv for SLICE, bool */
};

/* Raw string-slice values of the container flags, before processing. */
struct raw {
	struct strv cn, cng, cnr, cnd, cnf;
	char *pub_name, *pub_ip, *pub_gw, *cli_name, *cli_ip, *cli_gw, *mgmt_name, *mgmt_ip,
		*mgmt_gw;
	char *http, *https, *noproxy;
	bool http_set, https_set;
};

#define V(f) offsetof(struct vicparse, f)
#define R(f) offsetof(struct raw, f)

static const struct flagdef vflags[] = {
	{"target", "t", STR, V(target)},
	{"user", "u", STR, V(user)},
	{"thumbprint", NULL, STR, V(thumbprint)},
	{"name", "n", STR, V(name)},
	{"compute-resource", "r", STR, V(compute)},
	{"image-store", "i", STR, V(image)},
	{"volume-store", "vs", SLICE, V(volumes)},
	{"no-tls", "k", BOOL, V(no_tls)},
	{"no-tlsverify", "kv", BOOL, V(no_tlsverify)},
	{"tls-cname", NULL, STR, V(cname)},
	{"bridge-network", "b", STR, V(bridge)},
	{"bridge-network-range", "bnr", STR, V(bridge_range)},
	{"bridge-network-width", "bnw", STR, V(bridge_width)},
	{"dns-server", NULL, SLICE, V(dns)},
	{"force", "f", BOOL, V(force)},
	{"password", "p", STR, (size_t)-1},
};

static const struct flagdef rflags[] = {
	{"public-network", "pn", STR, R(pub_name)},
	{"public-network-ip", NULL, STR, R(pub_ip)},
	{"public-network-gateway", NULL, STR, R(pub_gw)},
	{"client-network", "cln", STR, R(cli_name)},
	{"client-network-ip", NULL, STR, R(cli_ip)},
	{"client-network-gateway", NULL, STR, R(cli_gw)},
	{"management-network", "mn", STR, R(mgmt_name)},
	{"management-network-ip", NULL, STR, R(mgmt_ip)},
	{"management-network-gateway", NULL, STR, R(mgmt_gw)},
	{"container-network", "cn", SLICE, R(cn)},
	{"container-network-gateway", "cng", SLICE, R(cng)},
	{"container-network-ip-range", "cnr", SLICE, R(cnr)},
	{"container-network-dns", "cnd", SLICE, R(cnd)},
	{"container-network-firewall", "cnf", SLICE, R(cnf)},
	{"http-proxy", NULL, STR, R(http)},
	{"https-proxy", NULL, STR, R(https)},
	{"no-proxy", NULL, STR, R(noproxy)},
};

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...)
{
	va_list ap;
	char *s;
	va_start(ap, f);
	s = xvasprintf(f, ap);
	va_end(ap);
	return s;
}

static const struct flagdef *lookup(const char *name, size_t n, bool *is_raw)
{
	for (size_t i = 0; i < sizeof vflags / sizeof vflags[0]; i++)
		if ((strlen(vflags[i].name) == n && !strncmp(vflags[i].name, name, n)) ||
		    (vflags[i].alias && strlen(vflags[i].alias) == n && !strncmp(vflags[i].alias, name, n))) {
			*is_raw = false;
			return &vflags[i];
		}
	for (size_t i = 0; i < sizeof rflags / sizeof rflags[0]; i++)
		if ((strlen(rflags[i].name) == n && !strncmp(rflags[i].name, name, n)) ||
		    (rflags[i].alias && strlen(rflags[i].alias) == n && !strncmp(rflags[i].alias, name, n))) {
			*is_raw = true;
			return &rflags[i];
		}
	return NULL;
}

static bool has_space(const char *s) { return strchr(s, ' ') != NULL; }

/* splitVnetParam */
static char *split_vnet(const char *p, char **vnet, char **value)
{
	const char *c1 = strchr(p, ':');
	*vnet = *value = NULL;
	if (c1 && strchr(c1 + 1, ':'))
		return fmt("Invalid value for parameter %s", p);
	*vnet = c1 ? xstrndup(p, (size_t)(c1 - p)) : xstrdup(p);
	*value = xstrdup(c1 ? c1 + 1 : "");
	if (!**vnet)
		return fmt("Container network not specified in parameter %s", p);
	if (has_space(*vnet) && !**value) {
		char *q = goparse_quote(p), *e = fmt("A network alias must be supplied when network name %s contains spaces.", q);
		free(q);
		return e;
	}
	if (c1 && has_space(*value)) {
		char *q = goparse_quote(p), *e = fmt("The network alias supplied in %s cannot contain spaces.", q);
		free(q);
		return e;
	}
	return NULL;
}

struct kv {
	char *key;
	struct strv vals;
	bool used;
};

static struct kv *kv_get(struct kv **v, size_t *n, const char *key)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*v)[i].key, key))
			return &(*v)[i];
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	memset(&(*v)[*n], 0, sizeof **v);
	(*v)[*n].key = xstrdup(key);
	return &(*v)[(*n)++];
}

static void kv_free(struct kv *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].key);
		strv_free(&v[i].vals);
	}
	free(v);
}

/* A typed companion list: 'g' gateway, 'r' range, 'd' dns, 'f' firewall. */
static char *companions(const struct strv *in, char kind, struct kv **out, size_t *n)
{
	for (size_t i = 0; i < in->n; i++) {
		char *vnet, *value, *e = split_vnet(in->v[i], &vnet, &value);
		if (e) {
			char *w = fmt("Error parsing container network parameter %s: %s", in->v[i], e);
			free(e), free(vnet), free(value);
			return w;
		}
		struct kv *k = kv_get(out, n, vnet);
		if (kind == 'g') {
			struct netaddr_cidr c;
			if (netaddr_parse_cidr(value, &c) < 0)
				e = fmt("Error parsing container network parameter %s: invalid CIDR address: %s", in->v[i], value);
			else if (k->vals.n)
				e = fmt("Duplicate gateway specified for container network %s", vnet);
		} else if (kind == 'r') {
			struct netaddr_range r;
			if (netaddr_parse_range(value, &r) < 0)
				e = fmt("Error parsing container network parameter %s: parse error: %s", in->v[i], value);
		} else if (kind == 'd') {
			struct netaddr a;
			if (*value && netaddr_parse_ip(value, &a) < 0)
				e = fmt("Error parsing container network parameter %s: invalid IP address: %s", in->v[i], value);
			else if (!*value)
				e = fmt("DNS IP not specified for container network %s", vnet);
		} else if (kind == 'f') {
			static const char *const lv[] = {"open", "closed", "published", "outbound", "peers", ""};
			bool ok = false;
			for (size_t j = 0; j < 6; j++)
				ok |= strcasecmp(lv[j], value) == 0;
			if (!ok)
				e = fmt("Unrecognized container trust level %s.", value);
			strv_free(&k->vals); /* last one wins */
		}
		if (!e)
			strv_push(&k->vals, value);
		free(vnet);
		free(value);
		if (e)
			return e;
	}
	return NULL;
}

static char *process_network(struct vicparse_role *r, const char *role, const char *name,
			     const char *ip, const char *gw)
{
	struct netaddr_cidr ipc;
	r->name = xstrdup(name ? name : "");
	r->ip = xstrdup(ip ? ip : "");
	r->gateway = xstrdup(gw ? gw : "");
	if (gw && *gw && !(ip && *ip))
		return fmt("Gateway provided without static IP for %s network", role);
	if (ip && *ip && netaddr_parse_cidr(ip, &ipc) < 0)
		return fmt("Failed to parse the provided %s network IP address %s: invalid CIDR address: %s", role, ip, ip);
	if (gw && *gw) {
		const char *c1 = strchr(gw, ':');
		const char *gws = c1 ? c1 + 1 : gw;
		struct netaddr g;
		char buf[NETADDR_STRLEN];
		if (c1 && strchr(c1 + 1, ':'))
			return fmt("Invalid %s network gateway: gateway %s specified incorrectly", role, gw);
		if (netaddr_parse_ip(gws, &g) < 0)
			return fmt("Invalid %s network gateway: Provided gateway IP address is not valid: %s", role, gws);
		if (c1 && c1 > gw) {
			char *d = xstrndup(gw, (size_t)(c1 - gw)), *tok, *next;
			for (tok = d; tok; tok = next) {
				struct netaddr_cidr c;
				next = strchr(tok, ',');
				if (next)
					*next++ = '\0';
				if (netaddr_parse_cidr(tok, &c) < 0) {
					char *e = fmt("Invalid %s network gateway: invalid CIDR in gateway specification: invalid CIDR address: %s", role, tok);
					free(d);
					return e;
				}
				strv_push_owned(&r->dests, netaddr_cidr_net_str(&c));
			}
			free(d);
		}
		netaddr_format(&g, buf);
		r->gw_ip = xstrdup(buf);
		if (!netaddr_cidr_contains(&ipc, &g)) {
			char *net = netaddr_cidr_net_str(&ipc);
			char *e = fmt("%s gateway with IP %s is not reachable from %s", role, buf, net);
			free(net);
			return e;
		}
	}
	return NULL;
}

static char *url_check(const char *u)
{
	char *scheme, *host, *e = goparse_url_parse(u, &scheme, &host);
	if (e)
		return e;
	if (!*host || (strcmp(scheme, "http") && strcmp(scheme, "https")))
		e = fmt("Could not parse HTTP(S) proxy - expected format http(s)://fqnd_or_ip:port: %s", u);
	free(scheme);
	free(host);
	return e;
}

/* ProcessVolumeStores for one value. */
static char *volume_store(const char *arg)
{
	static const char *fmt_err = "volume store input must be in format <datastore url w/ path>:label or nfs://<host>/<url-path>?<mount option as query parameters>:<label>";
	const char *last = strrchr(arg, ':');
	char *target, *label, *scheme, *host, *e;

	if (!last)
		return xstrdup(fmt_err);
	target = xstrndup(arg, (size_t)(last - arg));
	label = xstrdup(last + 1);
	if (!*label || !*target || strpbrk(label, "%&*$#@!\\/:?\"<>;'|")) {
		free(target), free(label);
		return xstrdup(fmt_err);
	}
	free(label);
	e = goparse_url_parse(target, &scheme, &host);
	if (e) {
		/* strings.Replace(rawTarget, "ds://", "", -1) */
		char *out = xmalloc(strlen(target) + 1), *o = out;
		for (const char *q = target; *q;)
			if (strncmp(q, "ds://", 5) == 0)
				q += 5;
			else
				*o++ = *q++;
		*o = '\0';
		free(e);
		free(target);
		target = out;
		e = goparse_url_parse(target, &scheme, &host);
		if (e) {
			free(e), free(target);
			return xstrdup("parsed url for option --volume-store could not be parsed as a url, valid inputs are datastore/path:label or nfs://<host>/<url-path>?<mount option as query parameters>:<label>. See -h for usage examples.");
		}
	}
	e = NULL;
	if (!strcmp(scheme, "") || !strcmp(scheme, "ds")) {
		for (const char *q = target; *q && !e; q++)
			if (strchr("%&*$#@!\\?\"<>;'|", *q)) {
				char ch[2] = {*q, 0};
				char *qc = goparse_quote(ch), *qt = goparse_quote(target);
				e = fmt("--volume-store contains unsupported characters for datastore target: unsupported character %s in %s Allowed characters are alphanumeric, space and symbols - _ ( ) / : ,", qc, qt);
				free(qc), free(qt);
			}
		const char *qm = strchr(target, '?');
		if (!e && qm && qm[1] && qm[1] != '#')
			e = xstrdup("volume store input must be in format datastore/path:label or nfs://<host>/<url-path>?<mount option as query parameters>:<label>");
	} else if (strcmp(scheme, "nfs") != 0) {
		e = xstrdup("Please specify a datastore or nfs target. See -vs usage for examples.");
	}
	free(scheme), free(host), free(target);
	return e;
}

static char *process(struct vicparse *v, struct raw *r, bool user_env)
{
	char *e;
	static const char *deny = "%&*$#@!\\/:?\"<>;'|";

	if (!v->target)
		return xstrdup("--target argument must be specified");
	if (!v->user && !user_env && !strchr(v->target, '@'))
		return xstrdup("vSphere user must be specified, either with --user or as part of --target");
	if (!v->name)
		v->name = xstrdup("virtual-container-host");
	for (const char *q = v->name; *q; q++)
		if (strchr(deny, *q)) {
			char ch[2] = {*q, 0};
			char *qc = goparse_quote(ch), *qn = goparse_quote(v->name);
			e = fmt("--name contains unsupported characters: unsupported character %s in %s Allowed characters are alphanumeric, space and symbols - _ ( )", qc, qn);
			free(qc), free(qn);
			return e;
		}
	if (strlen(v->name) > 31)
		return fmt("Display name %s exceeds the permitted 31 characters limit. Please use a shorter -name parameter", v->name);
	if (!v->bridge || !*v->bridge)
		mem_set_str(&v->bridge, v->name);

	/* container networks */
	struct kv *gws = NULL, *pools = NULL, *dns = NULL, *fws = NULL;
	size_t ng = 0, np = 0, nd = 0, nf = 0;
	e = companions(&r->cng, 'g', &gws, &ng);
	if (!e)
		e = companions(&r->cnr, 'r', &pools, &np);
	if (!e)
		e = companions(&r->cnd, 'd', &dns, &nd);
	if (!e)
		e = companions(&r->cnf, 'f', &fws, &nf);
	for (size_t i = 0; !e && i < r->cn.n; i++) {
		char *vnet, *value;
		e = split_vnet(r->cn.v[i], &vnet, &value);
		if (!e) {
			const char *alias = *value ? value : vnet;
			struct vicparse_cnet *c = NULL;
			for (size_t k = 0; k < v->n_cnets; k++)
				if (!strcmp(v->cnets[k].alias, alias))
					c = &v->cnets[k]; /* same alias: overwritten */
			if (!c) {
				v->cnets = xrealloc(v->cnets, (v->n_cnets + 1) * sizeof *v->cnets);
				c = &v->cnets[v->n_cnets++];
				memset(c, 0, sizeof *c);
				c->alias = xstrdup(alias);
			}
			mem_set_str(&c->pg, vnet);
			struct kv *k;
			mem_set_str(&c->gateway, NULL);
			mem_set_str(&c->firewall, NULL);
			strv_free(&c->ranges);
			strv_free(&c->dns);
			for (k = gws; k < gws + ng; k++)
				if (!k->used && !strcmp(k->key, vnet)) {
					mem_set_str(&c->gateway, k->vals.v[0]);
					k->used = true;
				}
			for (k = pools; k < pools + np; k++)
				if (!k->used && !strcmp(k->key, vnet)) {
					strv_copy(&c->ranges, &k->vals);
					k->used = true;
				}
			for (k = dns; k < dns + nd; k++)
				if (!k->used && !strcmp(k->key, vnet)) {
					strv_copy(&c->dns, &k->vals);
					k->used = true;
				}
			for (k = fws; k < fws + nf; k++)
				if (!k->used && !strcmp(k->key, vnet)) {
					mem_set_str(&c->firewall, k->vals.v[0]);
					k->used = true;
				}
		}
		free(vnet);
		free(value);
	}
	if (!e) {
		bool left = false;
		for (size_t k = 0; k < ng; k++)
			left |= !gws[k].used;
		for (size_t k = 0; k < np; k++)
			left |= !pools[k].used;
		for (size_t k = 0; k < nd; k++)
			left |= !dns[k].used;
		for (size_t k = 0; k < nf; k++)
			left |= !fws[k].used;
		if (left)
			e = xstrdup("Inconsistent container network configuration.");
	}
	kv_free(gws, ng);
	kv_free(pools, np);
	kv_free(dns, nd);
	kv_free(fws, nf);
	if (e)
		return e;

	/* bridge range and width */
	{
		const char *range = v->bridge_range ? v->bridge_range : "172.16.0.0/12";
		struct netaddr_cidr c;
		long width = 16;
		if (netaddr_parse_cidr(range, &c) < 0)
			return fmt("Error parsing bridge network ip range: invalid CIDR address: %s. Range must be in CIDR format, e.g., 172.16.0.0/12", range);
		if (v->bridge_width) {
			char *end;
			width = strtol(v->bridge_width, &end, 10);
			if (*end || end == v->bridge_width)
				return fmt("Error parsing bridge network width: strconv.Atoi: parsing \"%s\": invalid syntax. Width must be an integer less than 31.", v->bridge_width);
			if (width > 30)
				return xstrdup("Error parsing bridge network width: %!s(<nil>). Width must be an integer less than 31.");
		}
		if (width < c.prefix)
			return fmt("Error specifying bridge network width: %ld. Width must be larger than prefix of bridge network ip range.", width);
	}

	if ((e = process_network(&v->client, "client", r->cli_name, r->cli_ip, r->cli_gw)))
		return e;
	if ((e = process_network(&v->public_, "public", r->pub_name ? r->pub_name : "VM Network", r->pub_ip, r->pub_gw)))
		return e;
	if ((e = process_network(&v->management, "management", r->mgmt_name, r->mgmt_ip, r->mgmt_gw)))
		return e;

	for (size_t i = 0; i < v->dns.n; i++) {
		struct netaddr a;
		if (*v->dns.v[i] && netaddr_parse_ip(v->dns.v[i], &a) < 0)
			return fmt("Invalid DNS server specified: %s", v->dns.v[i]);
	}

	/* certificates: a common name is needed to generate client certificates */
	if (!v->no_tls && !v->no_tlsverify && !(v->cname && *v->cname)) {
		const char *cli = r->cli_name ? r->cli_name : "", *pub = r->pub_name ? r->pub_name : "";
		const char *mgmt = r->mgmt_name ? r->mgmt_name : "";
		bool derived = (r->cli_ip && *r->cli_ip) ||
			       (r->pub_ip && *r->pub_ip && (!strcmp(pub, cli) || !*cli)) ||
			       (r->mgmt_ip && *r->mgmt_ip && (!strcmp(mgmt, cli) || (!*cli && !strcmp(mgmt, pub))));
		if (!derived)
			return xstrdup("provide Common Name for server certificate");
	}

	if (v->image) {
		static const char *ddeny = "%&*$#@!\\?\"<>;'|";
		for (const char *q = v->image; *q; q++)
			if (strchr(ddeny, *q)) {
				char ch[2] = {*q, 0};
				char *qc = goparse_quote(ch), *qn = goparse_quote(v->image);
				e = fmt("--image-store contains unsupported characters: unsupported character %s in %s Allowed characters are alphanumeric, space and symbols - _ ( ) / :", qc, qn);
				free(qc), free(qn);
				return e;
			}
	}

	for (size_t i = 0; i < v->volumes.n; i++)
		if ((e = volume_store(v->volumes.v[i])))
			return e;

	if (r->http && *r->http && (e = url_check(r->http)))
		return e;
	if (r->https && *r->https && (e = url_check(r->https)))
		return e;
	v->http_proxy = xstrdup(r->http);
	v->https_proxy = xstrdup(r->https);
	if (r->noproxy) {
		/* split on ',', trim, re-join */
		struct strv parts = {0};
		char *d = xstrdup(r->noproxy), *tok, *next;
		for (tok = d; tok; tok = next) {
			next = strchr(tok, ',');
			if (next)
				*next++ = '\0';
			while (*tok == ' ')
				tok++;
			size_t n = strlen(tok);
			while (n && tok[n - 1] == ' ')
				tok[--n] = '\0';
			strv_push(&parts, tok);
		}
		free(d);
		v->no_proxy = strv_join(&parts, ",");
		strv_free(&parts);
	}
	return NULL;
}

int vicparse_run(int argc, char *const *argv, bool user_env, struct vicparse *v, char **err)
{
	struct raw r;
	char *e = NULL;

	memset(v, 0, sizeof *v);
	memset(&r, 0, sizeof r);
	*err = NULL;
	if (argc < 2 || strcmp(argv[1], "create") != 0) {
		*err = xstrdup("not a create command");
		return -1;
	}
	for (int i = 2; i < argc && !e; i++) {
		const char *a = argv[i], *name, *eq;
		bool raw;
		const struct flagdef *f;
		if (a[0] != '-' || !a[1]) {
			e = fmt("Unknown argument: %s", a);
			break;
		}
		name = a + (a[1] == '-' ? 2 : 1);
		eq = strchr(name, '=');
		f = lookup(name, eq ? (size_t)(eq - name) : strlen(name), &raw);
		if (!f) {
			e = fmt("flag provided but not defined: -%.*s", (int)(eq ? eq - name : (long)strlen(name)), name);
			break;
		}
		char *base = raw ? (char *)&r : (char *)v;
		if (f->off == (size_t)-1) {
			v->password = true;
			if (!eq)
				i++;
			continue;
		}
		if (f->kind == BOOL) {
			*(bool *)(base + f->off) = !eq || strcmp(eq + 1, "false") != 0;
			continue;
		}
		const char *val;
		if (eq) {
			val = eq + 1;
		} else if (i + 1 < argc) {
			val = argv[++i];
		} else {
			e = fmt("flag needs an argument: -%s", name);
			break;
		}
		if (f->kind == STR)
			mem_set_str((char **)(base + f->off), val);
		else
			strv_push((struct strv *)(base + f->off), val);
	}
	if (!e)
		e = process(v, &r, user_env);
	strv_free(&r.cn), strv_free(&r.cng), strv_free(&r.cnr), strv_free(&r.cnd), strv_free(&r.cnf);
	free(r.pub_name), free(r.pub_ip), free(r.pub_gw), free(r.cli_name), free(r.cli_ip);
	free(r.cli_gw), free(r.mgmt_name), free(r.mgmt_ip), free(r.mgmt_gw);
	free(r.http), free(r.https), free(r.noproxy);
	if (e) {
		*err = e;
		return -1;
	}
	return 0;
}

static void role_free(struct vicparse_role *r)
{
	free(r->name), free(r->ip), free(r->gateway), free(r->gw_ip);
	strv_free(&r->dests);
}

void vicparse_free(struct vicparse *v)
{
	free(v->target), free(v->user), free(v->thumbprint), free(v->name), free(v->compute);
	free(v->image), free(v->cname), free(v->bridge), free(v->bridge_range);
	free(v->bridge_width), free(v->http_proxy), free(v->https_proxy), free(v->no_proxy);
	strv_free(&v->volumes);
	strv_free(&v->dns);
	role_free(&v->public_), role_free(&v->client), role_free(&v->management);
	for (size_t i = 0; i < v->n_cnets; i++) {
		struct vicparse_cnet *c = &v->cnets[i];
		free(c->alias), free(c->pg), free(c->gateway), free(c->firewall);
		strv_free(&c->ranges), strv_free(&c->dns);
	}
	free(v->cnets);
	memset(v, 0, sizeof *v);
}
