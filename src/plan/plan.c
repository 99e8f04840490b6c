#include "plan.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

static const char *const role_names[PLAN_ROLE_COUNT] = {"public", "client", "management",
							 "bridge"};

const char *plan_role_name(enum plan_role r)
{
	MEM_ASSERT(r < PLAN_ROLE_COUNT);
	return role_names[r];
}

struct plan *plan_new(void)
{
	struct plan *p = xcalloc(1, sizeof *p);
	p->bridge.create_vlan = -1;
	return p;
}

static void role_free(struct plan_role_net *r)
{
	free(r->port_group);
	free(r->id);
	free(r->ip);
	free(r->gateway);
	strv_free(&r->routes);
}

static void container_free(struct plan_container_net *c)
{
	free(c->port_group);
	free(c->alias);
	free(c->gateway);
	strv_free(&c->ip_ranges);
	strv_free(&c->dns);
	free(c->firewall);
}

void plan_free(struct plan *p)
{
	if (!p)
		return;
	free(p->name);
	free(p->description);
	free(p->vic_version);
	free(p->vic_machine);
	free(p->target.url);
	free(p->target.username);
	free(p->target.thumbprint);
	free(p->target.datacenter);
	free(p->target.compute_resource);
	free(p->target.image_store);
	strv_free(&p->target.volume_stores);
	free(p->tls.mode);
	free(p->tls.cname);
	free(p->bridge.port_group);
	free(p->bridge.id);
	free(p->bridge.ip_range);
	free(p->bridge.create_switch);
	role_free(&p->public_net);
	role_free(&p->client_net);
	role_free(&p->management_net);
	strv_free(&p->dns);
	for (size_t i = 0; i < p->n_containers; i++)
		container_free(&p->containers[i]);
	free(p->containers);
	free(p->proxy.http);
	free(p->proxy.https);
	strv_free(&p->proxy.no_proxy);
	free(p->generated_at);
	free(p->precheck_summary);
	for (size_t i = 0; i < p->n_pos; i++)
		free(p->pos[i].path);
	free(p->pos);
	free(p);
}

static void role_copy(struct plan_role_net *d, const struct plan_role_net *s)
{
	d->present = s->present;
	d->port_group = xstrdup(s->port_group);
	d->id = xstrdup(s->id);
	d->ip = xstrdup(s->ip);
	d->gateway = xstrdup(s->gateway);
	strv_copy(&d->routes, &s->routes);
}

struct plan *plan_dup(const struct plan *s)
{
	struct plan *d = plan_new();

	d->name = xstrdup(s->name);
	d->description = xstrdup(s->description);
	d->vic_version = xstrdup(s->vic_version);
	d->vic_machine = xstrdup(s->vic_machine);
	d->target.url = xstrdup(s->target.url);
	d->target.username = xstrdup(s->target.username);
	d->target.thumbprint = xstrdup(s->target.thumbprint);
	d->target.datacenter = xstrdup(s->target.datacenter);
	d->target.compute_resource = xstrdup(s->target.compute_resource);
	d->target.image_store = xstrdup(s->target.image_store);
	strv_copy(&d->target.volume_stores, &s->target.volume_stores);
	d->tls.mode = xstrdup(s->tls.mode);
	d->tls.cname = xstrdup(s->tls.cname);
	d->bridge.port_group = xstrdup(s->bridge.port_group);
	d->bridge.id = xstrdup(s->bridge.id);
	d->bridge.ip_range = xstrdup(s->bridge.ip_range);
	d->bridge.width = s->bridge.width;
	d->bridge.width_given = s->bridge.width_given;
	d->bridge.create = s->bridge.create;
	d->bridge.create_switch = xstrdup(s->bridge.create_switch);
	d->bridge.create_vlan = s->bridge.create_vlan;
	role_copy(&d->public_net, &s->public_net);
	role_copy(&d->client_net, &s->client_net);
	role_copy(&d->management_net, &s->management_net);
	strv_copy(&d->dns, &s->dns);
	for (size_t i = 0; i < s->n_containers; i++) {
		const struct plan_container_net *sc = &s->containers[i];
		struct plan_container_net *dc = plan_add_container(d);
		dc->port_group = xstrdup(sc->port_group);
		dc->alias = xstrdup(sc->alias);
		dc->gateway = xstrdup(sc->gateway);
		strv_copy(&dc->ip_ranges, &sc->ip_ranges);
		strv_copy(&dc->dns, &sc->dns);
		dc->firewall = xstrdup(sc->firewall);
	}
	d->proxy.http = xstrdup(s->proxy.http);
	d->proxy.https = xstrdup(s->proxy.https);
	strv_copy(&d->proxy.no_proxy, &s->proxy.no_proxy);
	d->generated_at = xstrdup(s->generated_at);
	d->precheck_summary = xstrdup(s->precheck_summary);
	for (size_t i = 0; i < s->n_pos; i++)
		plan_set_pos(d, s->pos[i].path, s->pos[i].pos.line, s->pos[i].pos.col);
	return d;
}

static bool str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

static bool role_equal(const struct plan_role_net *a, const struct plan_role_net *b)
{
	return a->present == b->present && str_eq(a->port_group, b->port_group) &&
	       str_eq(a->id, b->id) && str_eq(a->ip, b->ip) && str_eq(a->gateway, b->gateway) &&
	       strv_equal(&a->routes, &b->routes);
}

bool plan_equal(const struct plan *a, const struct plan *b)
{
	if (!(str_eq(a->name, b->name) && str_eq(a->description, b->description) &&
	      str_eq(a->vic_version, b->vic_version) && str_eq(a->vic_machine, b->vic_machine) &&
	      str_eq(a->target.url, b->target.url) &&
	      str_eq(a->target.username, b->target.username) &&
	      str_eq(a->target.thumbprint, b->target.thumbprint) &&
	      str_eq(a->target.datacenter, b->target.datacenter) &&
	      str_eq(a->target.compute_resource, b->target.compute_resource) &&
	      str_eq(a->target.image_store, b->target.image_store) &&
	      strv_equal(&a->target.volume_stores, &b->target.volume_stores) &&
	      str_eq(a->tls.mode, b->tls.mode) && str_eq(a->tls.cname, b->tls.cname)))
		return false;
	if (!(str_eq(a->bridge.port_group, b->bridge.port_group) &&
	      str_eq(a->bridge.id, b->bridge.id) && str_eq(a->bridge.ip_range, b->bridge.ip_range) &&
	      a->bridge.width == b->bridge.width && (a->bridge.width_given || a->bridge.width) == (b->bridge.width_given || b->bridge.width) && a->bridge.create == b->bridge.create &&
	      str_eq(a->bridge.create_switch, b->bridge.create_switch) &&
	      a->bridge.create_vlan == b->bridge.create_vlan))
		return false;
	if (!(role_equal(&a->public_net, &b->public_net) &&
	      role_equal(&a->client_net, &b->client_net) &&
	      role_equal(&a->management_net, &b->management_net) && strv_equal(&a->dns, &b->dns)))
		return false;
	if (a->n_containers != b->n_containers)
		return false;
	for (size_t i = 0; i < a->n_containers; i++) {
		const struct plan_container_net *x = &a->containers[i], *y = &b->containers[i];
		if (!(str_eq(x->port_group, y->port_group) && str_eq(x->alias, y->alias) &&
		      str_eq(x->gateway, y->gateway) && strv_equal(&x->ip_ranges, &y->ip_ranges) &&
		      strv_equal(&x->dns, &y->dns) && str_eq(x->firewall, y->firewall)))
			return false;
	}
	return str_eq(a->proxy.http, b->proxy.http) && str_eq(a->proxy.https, b->proxy.https) &&
	       strv_equal(&a->proxy.no_proxy, &b->proxy.no_proxy);
}

struct plan_role_net *plan_role(struct plan *p, enum plan_role r)
{
	switch (r) {
	case PLAN_ROLE_PUBLIC:
		return &p->public_net;
	case PLAN_ROLE_CLIENT:
		return &p->client_net;
	case PLAN_ROLE_MANAGEMENT:
		return &p->management_net;
	default:
		return NULL;
	}
}

const struct plan_role_net *plan_role_const(const struct plan *p, enum plan_role r)
{
	/* plan_role() only picks a member; it writes nothing through p */
	return plan_role((struct plan *)(uintptr_t)p, r);
}

static const char *nonempty(const char *s) { return s && *s ? s : NULL; }

const char *plan_effective_port_group(const struct plan *p, enum plan_role r)
{
	const char *pg;

	switch (r) {
	case PLAN_ROLE_BRIDGE:
		return nonempty(p->bridge.port_group);
	case PLAN_ROLE_PUBLIC:
		return nonempty(p->public_net.port_group);
	case PLAN_ROLE_CLIENT:
		pg = nonempty(p->client_net.port_group);
		return pg ? pg : plan_effective_port_group(p, PLAN_ROLE_PUBLIC);
	case PLAN_ROLE_MANAGEMENT:
		pg = nonempty(p->management_net.port_group);
		return pg ? pg : plan_effective_port_group(p, PLAN_ROLE_CLIENT);
	default:
		MEM_ASSERT(!"bad role");
	}
	return NULL;
}

const char *const plan_vic_versions[PLAN_N_VIC_VERSIONS] = {"1.2", "1.3", "1.4", "1.5"};

char *plan_vic_versions_text(const char *conj)
{
	char *s = xstrdup(plan_vic_versions[0]);
	for (size_t i = 1; i < PLAN_N_VIC_VERSIONS; i++) {
		char *t = xasprintf("%s%s%s", s, i + 1 < PLAN_N_VIC_VERSIONS ? ", " : conj,
				    plan_vic_versions[i]);
		free(s);
		s = t;
	}
	return s;
}

int plan_vic_version_num(const struct plan *p)
{
	const char *v = p->vic_version ? p->vic_version : PLAN_DEFAULT_VIC_VERSION;
	unsigned major, minor;
	int n = 0;

	if (sscanf(v, "%u.%u%n", &major, &minor, &n) != 2 || major > 99 || minor > 99)
		return -1;
	/* allow a patch level (1.5.8) but nothing else */
	if (v[n] != '\0') {
		unsigned patch;
		int m = 0;
		if (sscanf(v + n, ".%u%n", &patch, &m) != 1 || v[n + m] != '\0')
			return -1;
	}
	return (int)(major * 100 + minor);
}

int plan_max_nics(const struct plan *p)
{
	int v = plan_vic_version_num(p);
	return v >= 0 && v < 103 ? 3 : 4;
}

struct plan_container_net *plan_add_container(struct plan *p)
{
	struct plan_container_net *c;

	xgrow(&p->containers, &p->cap_containers, p->n_containers + 1, sizeof *p->containers);
	c = &p->containers[p->n_containers++];
	memset(c, 0, sizeof *c);
	return c;
}

void plan_remove_container(struct plan *p, size_t i)
{
	MEM_ASSERT(i < p->n_containers);
	container_free(&p->containers[i]);
	memmove(&p->containers[i], &p->containers[i + 1],
		(p->n_containers - i - 1) * sizeof *p->containers);
	p->n_containers--;
}

void plan_set_pos(struct plan *p, const char *path, int line, int col)
{
	for (size_t i = 0; i < p->n_pos; i++)
		if (strcmp(p->pos[i].path, path) == 0) {
			p->pos[i].pos.line = line;
			p->pos[i].pos.col = col;
			return;
		}
	xgrow(&p->pos, &p->cap_pos, p->n_pos + 1, sizeof *p->pos);
	p->pos[p->n_pos].path = xstrdup(path);
	p->pos[p->n_pos].pos.line = line;
	p->pos[p->n_pos].pos.col = col;
	p->n_pos++;
}

struct plan_pos plan_pos(const struct plan *p, const char *path)
{
	struct plan_pos none = {0, 0};
	char *key = xstrdup(path);

	for (;;) {
		char *cut;
		for (size_t i = 0; i < p->n_pos; i++)
			if (strcmp(p->pos[i].path, key) == 0) {
				struct plan_pos found = p->pos[i].pos;
				free(key);
				return found;
			}
		/* walk up: "a.b[2].c" -> "a.b[2]" -> "a.b" -> "a" */
		cut = strrchr(key, '.');
		char *br = strrchr(key, '[');
		if (br && (!cut || br > cut))
			cut = br;
		if (!cut)
			break;
		*cut = '\0';
	}
	free(key);
	return none;
}
