#include "render.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "effective.h"
#include "err.h"
#include "fileio.h"
#include "goparse.h"
#include "mem.h"
#include "rules.h"
#include "sanitize.h"

static const char *nz(const char *s) { return s && *s ? s : NULL; }

static void opt(struct strv *a, const char *flag, const char *value)
{
	strv_push(a, flag);
	if (value)
		strv_push(a, value);
}

static void opt_owned(struct strv *a, const char *flag, char *value)
{
	strv_push(a, flag);
	strv_push_owned(a, value);
}

static void role_opts(struct strv *a, const struct plan_role_net *r, const char *name, bool always)
{
	char flag[64];

	if (!always && !r->present && !nz(r->port_group) && !nz(r->ip) && !nz(r->gateway))
		return;
	if (nz(r->port_group)) {
		snprintf(flag, sizeof flag, "--%s-network", name);
		opt(a, flag, r->port_group);
	}
	if (nz(r->ip)) {
		snprintf(flag, sizeof flag, "--%s-network-ip", name);
		opt(a, flag, r->ip);
	}
	if (nz(r->gateway)) {
		snprintf(flag, sizeof flag, "--%s-network-gateway", name);
		/* one empty item is no destination: write the gateway alone, not ":GW" */
		if (r->routes.n > 1 || (r->routes.n == 1 && r->routes.v[0][0])) {
			char *d = strv_join(&r->routes, ",");
			opt_owned(a, flag, xasprintf("%s:%s", d, r->gateway));
			free(d);
		} else {
			opt(a, flag, r->gateway);
		}
	}
}

int render_argv(const struct plan *p, struct strv *a)
{
	static const struct {
		const char *key;
		size_t off;
	} need[] = {
		{"metadata.name", offsetof(struct plan, name)},
		{"networks.bridge.portGroup", offsetof(struct plan, bridge.port_group)},
		{"networks.public.portGroup", offsetof(struct plan, public_net.port_group)},
		{"target.url", offsetof(struct plan, target.url)},
		{"target.datacenter", offsetof(struct plan, target.datacenter)},
		{"target.computeResource", offsetof(struct plan, target.compute_resource)},
		{"target.imageStore", offsetof(struct plan, target.image_store)},
	};
	char *host, *tp;
	const char *dc, *mode;

	for (size_t i = 0; i < sizeof need / sizeof need[0]; i++)
		if (!nz(*(char *const *)((const char *)p + need[i].off)))
			return err_set("cannot render the vic-machine command: %s is missing; "
				       "set it in the plan ('vchnet check --offline' lists what else is wrong)",
				       need[i].key);
	host = goparse_url_host(p->target.url);
	if (!host)
		return err_set("cannot render the vic-machine command: target.url has no host; "
			       "write it as https://HOST/sdk");

	strv_push(a, nz(p->vic_machine) ? p->vic_machine : RENDER_DEFAULT_MACHINE);
	strv_push(a, "create");

	dc = p->target.datacenter;
	if (dc[0] == '/')
		dc++;
	opt_owned(a, "--target", xasprintf("%s/%s", host, dc));
	free(host);
	if (nz(p->target.username))
		opt(a, "--user", p->target.username);
	if (nz(p->target.thumbprint)) {
		tp = goparse_thumbprint(p->target.thumbprint);
		/* an unusable thumbprint is the rules' error; pass it on untouched */
		opt_owned(a, "--thumbprint", tp ? tp : xstrdup(p->target.thumbprint));
	}
	opt(a, "--name", p->name);
	opt(a, "--compute-resource", p->target.compute_resource);
	opt(a, "--image-store", p->target.image_store);
	for (size_t i = 0; i < p->target.volume_stores.n; i++)
		opt(a, "--volume-store", p->target.volume_stores.v[i]);

	mode = nz(p->tls.mode) ? p->tls.mode : "no-tlsverify";
	if (strcmp(mode, "no-tls") == 0)
		opt(a, "--no-tls", NULL);
	else if (strcmp(mode, "no-tlsverify") == 0)
		opt(a, "--no-tlsverify", NULL);
	if (strcmp(mode, "no-tls") != 0 && nz(p->tls.cname))
		opt(a, "--tls-cname", p->tls.cname);

	opt(a, "--bridge-network", p->bridge.port_group);
	if (nz(p->bridge.ip_range))
		opt(a, "--bridge-network-range", p->bridge.ip_range);
	if (p->bridge.width || p->bridge.width_given)
		opt_owned(a, "--bridge-network-width", xasprintf("%d", p->bridge.width));

	role_opts(a, &p->public_net, "public", true);
	role_opts(a, &p->client_net, "client", false);
	role_opts(a, &p->management_net, "management", false);
	for (size_t i = 0; i < p->dns.n; i++)
		if (p->dns.v[i][0])
			opt(a, "--dns-server", p->dns.v[i]);

	for (size_t i = 0; i < p->n_containers; i++) {
		const struct plan_container_net *c = &p->containers[i];
		const char *pg = c->port_group ? c->port_group : "";
		if (c->alias)
			opt_owned(a, "--container-network", xasprintf("%s:%s", pg, c->alias));
		else
			opt(a, "--container-network", pg);
		if (nz(c->gateway))
			opt_owned(a, "--container-network-gateway", xasprintf("%s:%s", pg, c->gateway));
		for (size_t k = 0; k < c->ip_ranges.n; k++)
			opt_owned(a, "--container-network-ip-range",
				  xasprintf("%s:%s", pg, c->ip_ranges.v[k]));
		for (size_t k = 0; k < c->dns.n; k++)
			opt_owned(a, "--container-network-dns", xasprintf("%s:%s", pg, c->dns.v[k]));
		if (nz(c->firewall))
			opt_owned(a, "--container-network-firewall", xasprintf("%s:%s", pg, c->firewall));
	}

	if (nz(p->proxy.http))
		opt(a, "--http-proxy", p->proxy.http);
	if (nz(p->proxy.https))
		opt(a, "--https-proxy", p->proxy.https);
	if (p->proxy.no_proxy.n > 0)
		opt_owned(a, "--no-proxy", strv_join(&p->proxy.no_proxy, ","));
	return 0;
}

char *render_shell_quote(const char *s)
{
	size_t n = 0;
	bool plain = *s != '\0';
	char *out, *q;

	if (!san_is_clean(s))
		return san_shell_word(s);

	for (const char *c = s; *c; c++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
			    "_@%+=:,./-", *c))
			plain = false;
	if (plain)
		return xstrdup(s);
	for (const char *c = s; *c; c++)
		n += *c == '\'' ? 4 : 1;
	out = q = xmalloc(n + 3);
	*q++ = '\'';
	for (const char *c = s; *c; c++) {
		if (*c == '\'') {
			memcpy(q, "'\\''", 4);
			q += 4;
		} else {
			*q++ = *c;
		}
	}
	*q++ = '\'';
	*q = '\0';
	return out;
}

static bool flag_takes_value(const char *flag)
{
	return strcmp(flag, "--no-tls") != 0 && strcmp(flag, "--no-tlsverify") != 0;
}

static void append(char **out, size_t *len, size_t *cap, const char *s)
{
	size_t n = strlen(s);
	if (*len + n + 1 > *cap) {
		while (*len + n + 1 > *cap)
			*cap *= 2;
		*out = xrealloc(*out, *cap);
	}
	memcpy(*out + *len, s, n + 1);
	*len += n;
}

char *render_command(const struct plan *p)
{
	struct strv a = {0};
	size_t cap = 256, len = 0;
	char *out, *w;

	if (render_argv(p, &a) < 0) {
		strv_free(&a);
		return NULL;
	}
	out = xmalloc(cap);
	out[0] = '\0';
	/* "MACHINE create", then one option (and its value) per line */
	for (size_t i = 0; i < 2; i++) {
		w = render_shell_quote(a.v[i]);
		append(&out, &len, &cap, i ? " " : "");
		append(&out, &len, &cap, w);
		free(w);
	}
	for (size_t i = 2; i < a.n; i++) {
		append(&out, &len, &cap, " \\\n    ");
		w = render_shell_quote(a.v[i]);
		append(&out, &len, &cap, w);
		free(w);
		if (flag_takes_value(a.v[i]) && i + 1 < a.n) {
			w = render_shell_quote(a.v[++i]);
			append(&out, &len, &cap, " ");
			append(&out, &len, &cap, w);
			free(w);
		}
	}
	append(&out, &len, &cap, "\n");
	strv_free(&a);
	return out;
}

char *render_script(const struct plan *p, const char *plan_name)
{
	char *cmd = render_command(p), *name, *out;

	if (!cmd)
		return NULL;
	name = xstrdup(plan_name ? plan_name : "(unsaved plan)");
	for (char *c = name; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = '?';
	out = xasprintf("#!/bin/sh\n"
			"# The vic-machine create command of the plan %s, written by vchnet render.\n"
			"# No password here: vic-machine reads it from the environment variable\n"
			"# VIC_MACHINE_PASSWORD (export it first, as 'vchnet deploy' passes it), or asks.\n"
			"set -e\n"
			"%s",
			name, cmd);
	free(name);
	free(cmd);
	return out;
}

int render_write_script(const struct plan *p, const char *plan_name, const char *path)
{
	char *s = render_script(p, plan_name);
	int rc;

	if (!s)
		return -1;
	rc = fileio_write_atomic(path, s, strlen(s), 0700);
	free(s);
	return rc;
}

const char *const render_tls_modes[RENDER_TLS_COUNT] = {"tlsverify", "no-tlsverify", "no-tls"};

size_t render_tls_index(const char *mode)
{
	for (size_t i = 0; i < RENDER_TLS_COUNT; i++)
		if (mode && strcmp(mode, render_tls_modes[i]) == 0)
			return i;
	return 1;
}

const char *render_tls_explain(const char *mode)
{
	static const char *const text[RENDER_TLS_COUNT] = {
		"vic-machine makes certificates; only Docker clients holding a client "
		"certificate may connect.",
		"Encrypted, but any Docker client that reaches the VCH may use it, with no "
		"certificate.",
		"Plain TCP on port 2375: no encryption and no authentication; for an isolated "
		"test network only.",
	};
	return text[render_tls_index(mode)];
}

void render_tls_apply(struct plan *p, size_t choice, const char *cname, bool new_plan)
{
	const char *mode = render_tls_modes[choice < RENDER_TLS_COUNT ? choice : 1];

	if (nz(p->tls.mode) || new_plan || strcmp(mode, "no-tlsverify") != 0)
		mem_set_str(&p->tls.mode, mode);
	if (strcmp(mode, "tlsverify") == 0)
		mem_set_str(&p->tls.cname, nz(cname));
	else if (strcmp(mode, "no-tls") == 0)
		mem_set_str(&p->tls.cname, NULL);
}

char *render_tls_suggest_cname(const struct plan *p, char *buf, size_t len)
{
	struct plan tmp = *p; /* shallow: effective_compute only reads */
	struct effective e;

	tmp.tls.cname = NULL;
	effective_compute(&tmp, &e);
	snprintf(buf, len, "%s", e.cname);
	return buf;
}

const char *render_tls_default(const struct plan *p)
{
	char cn[sizeof ((struct effective *)0)->cname];

	if (nz(p->tls.mode))
		return p->tls.mode;
	return render_tls_suggest_cname(p, cn, sizeof cn)[0] ? "tlsverify" : "no-tlsverify";
}
