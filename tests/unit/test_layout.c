/* layout: the NICs of the endpoint VM and their drawing. Golden drawings (UTF-8 and
 * ASCII; 2, 3 and 4 NICs; container networks; over the VIC 1.2 limit; 40 columns) live
 * in tests/golden/layout; VCHNET_REGEN_GOLDEN=1 rewrites them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "layout.h"
#include "mem.h"
#include "planbuild.h"
#include "topo_text.h"

#define S(...) ((const char *const[]){__VA_ARGS__, NULL})

/* Every line fits the width (columns = code points here), and ASCII is ASCII. */
static void assert_fits(const char *text, int width, bool ascii)
{
	const char *line = text;
	while (*line) {
		const char *nl = strchr(line, '\n');
		int cols = 0;
		assert_non_null(nl);
		for (const char *c = line; c < nl; c++) {
			cols += ((unsigned char)*c & 0xc0) != 0x80;
			if (ascii && (unsigned char)*c >= 0x80)
				fail_msg("non-ASCII byte in an ASCII drawing: %.*s", (int)(nl - line), line);
		}
		if (cols > width)
			fail_msg("line of %d columns (max %d): %.*s", cols, width, (int)(nl - line), line);
		line = nl + 1;
	}
}

/* A pretend inventory: what the wizard's inventory module would answer. */
static bool lookup(void *ctx, const char *pg, struct layout_netinfo *out)
{
	(void)ctx;
	if (strcmp(pg, "VM Network") == 0) {
		out->type = "standard port group";
		out->switch_name = "vSwitch0";
		out->vlan = "0";
		return true;
	}
	if (strncmp(pg, "vch", 3) == 0 || strncmp(pg, "Containers", 10) == 0) {
		out->type = "distributed port group";
		out->switch_name = "DSwitch-01";
		out->vlan = "201";
		return true;
	}
	return false;
}

static const struct {
	const char *name;
	const char *const *set;
	bool ascii;
	int width;
	bool inventory;
} drawings[] = {
	{"nics2-utf8", S("networks.public.ip=10.0.0.5/24", "networks.public.gateway=10.0.0.1",
			 "networks.dns=10.0.0.2"), false, 80, false},
	{"nics2-ascii", S("networks.public.ip=10.0.0.5/24", "networks.public.gateway=10.0.0.1",
			  "networks.dns=10.0.0.2"), true, 80, false},
	{"nics3-utf8-inventory", S("networks.client.portGroup=Client-VLAN20", "networks.client.ip=10.1.0.5/24",
				   "networks.client.gateway=10.1.0.1", "networks.client.routes=10.2.0.0/16"),
	 false, 80, true},
	{"nics3-ascii", S("networks.management.portGroup=Mgmt-VLAN10"), true, 80, false},
	{"nics4-utf8", S("vic.version=1.3", "networks.public.ip=10.0.0.5/24", "networks.public.gateway=10.0.0.1",
			 "networks.client.portGroup=Client-VLAN20", "networks.client.ip=10.1.0.5/24",
			 "networks.client.gateway=10.1.0.1", "networks.client.routes=10.2.0.0/16|10.7.0.0/16",
			 "networks.management.portGroup=Mgmt-VLAN10", "networks.bridge.ipRange=172.20.0.0/16",
			 "networks.bridge.width=24"), false, 80, false},
	{"nics4-over-limit-utf8", S("vic.version=1.2", "networks.client.portGroup=Client-VLAN20",
				    "networks.management.portGroup=Mgmt-VLAN10"), false, 80, false},
	{"nics4-over-limit-ascii", S("vic.version=1.2", "networks.client.portGroup=Client-VLAN20",
				     "networks.management.portGroup=Mgmt-VLAN10"), true, 80, false},
	{"containers-utf8", S("networks.container[0].portGroup=Containers-Routable", "networks.container[0].alias=routable",
			      "networks.container[0].gateway=10.3.0.1/16",
			      "networks.container[0].ipRanges=10.3.1.0/24|10.3.2.10-10.3.2.50",
			      "networks.container[0].dns=10.3.0.2", "networks.container[0].firewall=published",
			      "networks.container[1].portGroup=DMZ Network", "networks.container[1].alias=dmz",
			      "networks.container[1].firewall=outbound"), false, 80, true},
	{"containers-ascii-40", S("networks.container[0].portGroup=Containers-Routable", "networks.container[0].alias=routable",
				  "networks.container[0].gateway=10.3.0.1/16",
				  "networks.container[0].ipRanges=10.3.1.0/24|10.3.2.10-10.3.2.50",
				  "networks.container[1].portGroup=DMZ Network", "networks.container[1].alias=dmz"),
	 true, 40, false},
	{"nics3-utf8-40", S("networks.public.ip=10.0.0.5/24", "networks.public.gateway=10.0.0.1",
			    "networks.management.portGroup=/DC0/network/Management Network With A Long Name",
			    "networks.management.ip=10.4.0.5/24"), false, 40, true},
	{"bridge-shared-utf8", S("networks.bridge.portGroup=VM Network"), false, 80, false},
	{"missing-port-groups", S("networks.public.portGroup=~", "metadata.name=~"), false, 60, false},
};

static void test_golden(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof drawings / sizeof drawings[0]; i++) {
		struct plan *p = pb_make(drawings[i].set);
		struct layout_opts o = {drawings[i].ascii, drawings[i].width,
					drawings[i].inventory ? lookup : NULL, NULL};
		char *s = layout_draw(p, &o);
		assert_fits(s, drawings[i].width, drawings[i].ascii);
		pb_golden("layout", drawings[i].name, s);
		free(s);
		plan_free(p);
	}
}

/* Every width from 24 to 80 keeps every line inside it. */
static void test_widths(void **state)
{
	struct plan *p = pb_make(S("vic.version=1.3", "networks.public.ip=10.0.0.5/24",
				   "networks.public.gateway=10.0.0.1",
				   "networks.client.portGroup=Client network with a rather long name",
				   "networks.client.ip=10.1.0.5/24", "networks.client.gateway=10.1.0.1",
				   "networks.client.routes=10.2.0.0/16|10.7.0.0/16|10.8.0.0/16",
				   "networks.management.portGroup=Mgmt",
				   "networks.container[0].portGroup=Contäiners-Ünicode", "networks.container[0].alias=routable",
				   "networks.container[0].gateway=10.3.0.1/16",
				   "networks.container[0].ipRanges=10.3.1.0/24|10.3.2.10-10.3.2.50"));
	(void)state;
	for (int w = 24; w <= 80; w++)
		for (int ascii = 0; ascii < 2; ascii++) {
			struct layout_opts o = {ascii != 0, w, lookup, NULL};
			char *s = layout_draw(p, &o);
			assert_fits(s, w, ascii != 0);
			assert_non_null(strstr(s, "NICs: 4 of 4 (VIC 1.3)"));
			free(s);
		}
	plan_free(p);
}

static void test_compute(void **state)
{
	struct layout l;
	struct plan *p;
	(void)state;

	p = pb_make(NULL);
	layout_compute(p, &l);
	assert_int_equal(l.n_nics, 2);
	assert_int_equal(l.max_nics, 3);
	assert_string_equal(l.vic_version, "1.2");
	assert_string_equal(l.nic[0].port_group, "VM Network");
	assert_int_equal(l.nic[0].roles, (1u << PLAN_ROLE_PUBLIC) | (1u << PLAN_ROLE_CLIENT) |
						  (1u << PLAN_ROLE_MANAGEMENT));
	assert_int_equal(l.nic_of_role[PLAN_ROLE_BRIDGE], 1);
	plan_free(p);

	p = pb_make(S("vic.version=1.5", "networks.client.portGroup=C", "networks.management.portGroup=M"));
	layout_compute(p, &l);
	assert_int_equal(l.n_nics, 4);
	assert_int_equal(l.max_nics, 4);
	assert_int_equal(l.nic_of_role[PLAN_ROLE_MANAGEMENT], 2);
	plan_free(p);

	/* a bridge on public's port group shares its NIC (the rules call it an error) */
	p = pb_make(S("networks.bridge.portGroup=VM Network"));
	layout_compute(p, &l);
	assert_int_equal(l.n_nics, 1);
	plan_free(p);
}

/* The topology model: port groups shared between a role and a container network are one
 * entry, the parties hang off their roles, problems land on their element, numbered
 * errors first; the drawings fit every width from the narrowest to 200 columns. */
static void test_topo(void **state)
{
	struct plan *p = pb_make(S("vic.version=1.5", "target.url=https://admin@vc.example.com:8443/sdk",
				   "networks.client.portGroup=Client-VLAN20", "networks.client.ip=10.1.0.5/24",
				   "networks.client.gateway=10.1.0.1",
				   "networks.management.portGroup=Mgmt", "networks.management.ip=10.4.0.5/24",
				   "networks.container[0].portGroup=VM Network", "networks.container[0].alias=pub",
				   "networks.container[1].portGroup=Containers-B", "networks.container[1].alias=bridge",
				   "proxy.https=https://proxy.example.com:3128"));
	struct layout_inputs in = {.lookup = lookup};
	struct layout_topo *t;
	struct topo_text_opts to = {0};
	size_t hosts = 0, proxies = 0;
	(void)state;

	t = layout_topo_new(p, &in);
	assert_int_equal(t->nics.n_nics, 4);
	assert_int_equal(t->n_pgs, 5); /* 4 NICs' port groups and Containers-B; VM Network once */
	assert_int_equal(t->cnets[0].pg, t->role[PLAN_ROLE_PUBLIC].pg);
	assert_int_equal(t->pgs[t->cnets[0].pg].nic, 0);
	assert_int_equal(t->pgs[t->cnets[1].pg].nic, -1);
	assert_string_equal(t->pgs[0].switch_name, "vSwitch0");
	assert_string_equal(t->pgs[0].vlan, "0");
	assert_string_equal(t->cnets[0].firewall, "published");
	assert_true(t->cnets[0].firewall_default);
	for (size_t i = 0; i < t->n_parties; i++) {
		if (t->parties[i].kind == LAYOUT_PARTY_VCENTER) {
			assert_string_equal(t->parties[i].name, "vCenter vc.example.com");
			assert_int_equal(t->parties[i].role, PLAN_ROLE_MANAGEMENT);
		}
		hosts += t->parties[i].kind == LAYOUT_PARTY_HOSTS;
		proxies += t->parties[i].kind == LAYOUT_PARTY_PROXY;
	}
	assert_int_equal(hosts, 1);
	assert_int_equal(proxies, 1);
	assert_false(t->fw_checked);
	/* client's gateway without routes is an error on client; the alias "bridge" is
	 * reserved: an error on container network 1 */
	assert_int_equal(t->role[PLAN_ROLE_CLIENT].marks.mark, LAYOUT_MARK_ERROR);
	assert_int_equal(t->cnets[1].marks.mark, LAYOUT_MARK_ERROR);
	assert_int_equal(t->role[PLAN_ROLE_PUBLIC].marks.mark, LAYOUT_MARK_NONE);
	for (size_t i = 1; i < t->n_problems; i++)
		assert_true(t->problems[i - 1].sev >= t->problems[i].sev);
	assert_string_equal(layout_role_addr(t, PLAN_ROLE_MANAGEMENT), "10.4.0.5/24");
	for (int w = TOPO_TEXT_MIN; w <= 200; w++)
		for (int ascii = 0; ascii < 2; ascii++) {
			char *s;
			to.width = w;
			to.ascii = ascii != 0;
			s = topo_text_draw(t, &to);
			assert_fits(s, w, ascii != 0);
			free(s);
		}
	layout_topo_free(t);
	plan_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden),
		cmocka_unit_test(test_widths),
		cmocka_unit_test(test_compute),
		cmocka_unit_test(test_topo),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
