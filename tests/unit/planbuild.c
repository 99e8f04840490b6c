#include "planbuild.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fileio.h"
#include "mem.h"

static void set_str(char **slot, const char *v)
{
	mem_set_str(slot, strcmp(v, "~") == 0 ? NULL : v);
}

static void set_list(struct strv *l, const char *v)
{
	char *copy, *tok, *next;

	strv_free(l);
	if (strcmp(v, "~") == 0 || !*v)
		return;
	if (strcmp(v, "''") == 0) {
		strv_push(l, ""); /* one empty item */
		return;
	}
	copy = xstrdup(v);
	for (tok = copy; tok; tok = next) {
		next = strchr(tok, '|');
		if (next)
			*next++ = '\0';
		strv_push(l, tok);
	}
	free(copy);
}

static int set_role(struct plan_role_net *r, const char *leaf, const char *v)
{
	r->present = true;
	if (strcmp(leaf, "portGroup") == 0)
		set_str(&r->port_group, v);
	else if (strcmp(leaf, "ip") == 0)
		set_str(&r->ip, v);
	else if (strcmp(leaf, "gateway") == 0)
		set_str(&r->gateway, v);
	else if (strcmp(leaf, "routes") == 0)
		set_list(&r->routes, v);
	else if (strcmp(leaf, "id") == 0)
		set_str(&r->id, v);
	else
		return -1;
	return 0;
}

static int set_one(struct plan *p, const char *key, const char *v)
{
	unsigned idx;
	char leaf[64];

	if (strcmp(key, "metadata.name") == 0)
		set_str(&p->name, v);
	else if (strcmp(key, "vic.version") == 0)
		set_str(&p->vic_version, v);
	else if (strcmp(key, "vic.machine") == 0)
		set_str(&p->vic_machine, v);
	else if (strcmp(key, "target.url") == 0)
		set_str(&p->target.url, v);
	else if (strcmp(key, "target.username") == 0)
		set_str(&p->target.username, v);
	else if (strcmp(key, "target.thumbprint") == 0)
		set_str(&p->target.thumbprint, v);
	else if (strcmp(key, "target.datacenter") == 0)
		set_str(&p->target.datacenter, v);
	else if (strcmp(key, "target.computeResource") == 0)
		set_str(&p->target.compute_resource, v);
	else if (strcmp(key, "target.imageStore") == 0)
		set_str(&p->target.image_store, v);
	else if (strcmp(key, "target.volumeStores") == 0)
		set_list(&p->target.volume_stores, v);
	else if (strcmp(key, "tls.mode") == 0)
		set_str(&p->tls.mode, v);
	else if (strcmp(key, "tls.cname") == 0)
		set_str(&p->tls.cname, v);
	else if (strcmp(key, "networks.bridge.portGroup") == 0)
		set_str(&p->bridge.port_group, v);
	else if (strcmp(key, "networks.bridge.ipRange") == 0)
		set_str(&p->bridge.ip_range, v);
	else if (strcmp(key, "networks.bridge.width") == 0)
	{
		p->bridge.width = strcmp(v, "~") == 0 ? 0 : atoi(v);
		p->bridge.width_given = strcmp(v, "~") != 0;
	}
	else if (strncmp(key, "networks.public.", 16) == 0)
		return set_role(&p->public_net, key + 16, v);
	else if (strncmp(key, "networks.client.", 16) == 0)
		return set_role(&p->client_net, key + 16, v);
	else if (strncmp(key, "networks.management.", 20) == 0)
		return set_role(&p->management_net, key + 20, v);
	else if (strcmp(key, "networks.dns") == 0)
		set_list(&p->dns, v);
	else if (sscanf(key, "networks.container[%u].%63s", &idx, leaf) == 2) {
		struct plan_container_net *c;
		while (p->n_containers <= idx)
			plan_add_container(p);
		c = &p->containers[idx];
		if (strcmp(leaf, "portGroup") == 0)
			set_str(&c->port_group, v);
		else if (strcmp(leaf, "alias") == 0)
			set_str(&c->alias, v);
		else if (strcmp(leaf, "gateway") == 0)
			set_str(&c->gateway, v);
		else if (strcmp(leaf, "ipRanges") == 0)
			set_list(&c->ip_ranges, v);
		else if (strcmp(leaf, "dns") == 0)
			set_list(&c->dns, v);
		else if (strcmp(leaf, "firewall") == 0)
			set_str(&c->firewall, v);
		else
			return -1;
	} else if (strcmp(key, "proxy.http") == 0)
		set_str(&p->proxy.http, v);
	else if (strcmp(key, "proxy.https") == 0)
		set_str(&p->proxy.https, v);
	else if (strcmp(key, "proxy.noProxy") == 0)
		set_list(&p->proxy.no_proxy, v);
	else
		return -1;
	return 0;
}

void pb_set(struct plan *p, const char *const *settings)
{
	for (size_t i = 0; settings && settings[i]; i++) {
		const char *eq = strchr(settings[i], '=');
		char *key;
		if (!eq) {
			fprintf(stderr, "planbuild: no '=' in \"%s\"\n", settings[i]);
			abort();
		}
		key = xstrndup(settings[i], (size_t)(eq - settings[i]));
		if (set_one(p, key, eq + 1) < 0) {
			fprintf(stderr, "planbuild: unknown key \"%s\"\n", key);
			abort();
		}
		free(key);
	}
}

struct plan *pb_base(void)
{
	static const char *const base[] = {
		"metadata.name=vch-01",
		"target.url=https://vcenter.example.com/sdk",
		"target.username=administrator@vsphere.local",
		"target.datacenter=DC0",
		"target.computeResource=DC0_C0",
		"target.imageStore=datastore1",
		"tls.mode=no-tlsverify",
		"networks.bridge.portGroup=vch-bridge",
		"networks.public.portGroup=VM Network",
		NULL,
	};
	struct plan *p = plan_new();
	pb_set(p, base);
	return p;
}

struct plan *pb_make(const char *const *settings)
{
	struct plan *p = pb_base();
	pb_set(p, settings);
	return p;
}

void pb_golden(const char *area, const char *name, const char *got)
{
	const char *top = getenv("top_srcdir");
	char *path = xasprintf("%s/tests/golden/%s/%s.txt", top && *top ? top : ".", area, name);
	const char *regen = getenv("VCHNET_REGEN_GOLDEN");
	if (regen && strcmp(regen, "1") == 0) {
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fputs(got, f);
		fclose(f);
	} else {
		char *want;
		size_t len;
		if (fileio_read(path, (size_t)1 << 20, &want, &len) < 0)
			fail_msg("missing golden file %s (VCHNET_REGEN_GOLDEN=1 writes it)", path);
		if (strcmp(want, got) != 0)
			fail_msg("%s differs from the golden file:\n--- got\n%s--- want\n%s", name, got, want);
		free(want);
	}
	free(path);
}
