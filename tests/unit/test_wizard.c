/* test_wizard: the step machine without a terminal — order and skipped steps, Next
 * refused while errors remain (with the reason), warnings never blocking, Back keeping
 * every choice, the NIC limit under VIC 1.2 and 1.3 (and the sidebar's invalid mark),
 * resume, unsaved changes, which networks can serve which role, the pickers' natural
 * order, filter and suggestion (src/wizard/netpick.h), and the save rules: the unique default
 * name, never over a file this run did not open or write, the Next commands quoted. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "fileio.h"
#include "help.h"
#include "inv.h"
#include "invbuild.h"
#include "layout.h"
#include "mem.h"
#include "netpick.h"
#include "plan.h"
#include "plan_yaml.h"
#include "topo_live.h"
#include "wizard.h"

/* A face without the container networks and firewall steps: how the available mask
 * hides steps (numbering, Next and Back skip them). */
#define STEPS_BUT_CONTAINERS_FIREWALL \
	((WIZARD_STEP_BIT(WIZARD_STEP_COUNT) - 1) & \
	 ~(WIZARD_STEP_BIT(WIZARD_CONTAINERS) | WIZARD_STEP_BIT(WIZARD_FIREWALL)))

static void fill_scope(struct plan *p)
{
	mem_set_str(&p->target.url, "https://vc.example.com/sdk");
	mem_set_str(&p->target.username, "administrator@vsphere.local");
	mem_set_str(&p->name, "vch1");
	mem_set_str(&p->target.datacenter, "DC0");
	mem_set_str(&p->target.compute_resource, "DC0_C0");
	mem_set_str(&p->target.image_store, "LocalDS_0");
}

static void test_order_and_skips(void **state)
{
	struct wizard w;
	int count;
	(void)state;
	wizard_init(&w, plan_new(), STEPS_BUT_CONTAINERS_FIREWALL);
	assert_int_equal(w.step, WIZARD_CONNECT);
	assert_false(wizard_step_applies(&w, WIZARD_CONTAINERS));
	assert_false(wizard_step_applies(&w, WIZARD_FIREWALL));
	assert_int_equal(wizard_step_number(&w, WIZARD_BRIDGE, &count), 3);
	assert_int_equal(count, 8);
	assert_int_equal(wizard_step_number(&w, WIZARD_REVIEW, NULL), 8);
	assert_string_equal(wizard_step_title(WIZARD_PUBLIC), "Public network");
	assert_string_equal(wizard_step_name(WIZARD_MANAGEMENT), "management");

	/* not connected: refused with a reason */
	assert_int_equal(wizard_next(&w), -1);
	assert_non_null(strstr(err_msg(), "not connected"));
	assert_int_equal(w.step, WIZARD_CONNECT);
	assert_int_equal(wizard_back(&w), -1);
	w.connected = true;
	mem_set_str(&w.plan->target.url, "https://vc.example.com/sdk");
	mem_set_str(&w.plan->target.username, "administrator@vsphere.local");
	assert_int_equal(wizard_next(&w), 0);
	assert_int_equal(w.step, WIZARD_SCOPE);

	/* scope: the VCH name and the target are required */
	assert_int_equal(wizard_next(&w), -1);
	assert_non_null(strstr(err_msg(), "error"));
	fill_scope(w.plan);
	assert_int_equal(wizard_next(&w), 0);
	assert_int_equal(w.step, WIZARD_BRIDGE);

	/* a later step cannot be jumped to before it was reached */
	assert_int_equal(wizard_goto(&w, WIZARD_REVIEW), -1);
	assert_int_equal(wizard_next(&w), -1);
	assert_non_null(strstr(err_msg(), "bridge"));
	mem_set_str(&w.plan->bridge.port_group, "bridge-pg");
	assert_int_equal(wizard_next(&w), 0);
	assert_int_equal(w.step, WIZARD_PUBLIC);
	assert_int_equal(wizard_next(&w), -1);
	mem_set_str(&w.plan->public_net.port_group, "public-pg");
	assert_int_equal(wizard_next(&w), 0);
	assert_int_equal(w.step, WIZARD_CLIENT);
	assert_int_equal(wizard_next(&w), 0); /* "same as public" is fine */
	assert_int_equal(w.step, WIZARD_MANAGEMENT);
	assert_int_equal(wizard_next(&w), 0);
	assert_int_equal(w.step, WIZARD_LAYOUT); /* containers skipped */
	assert_int_equal(wizard_next(&w), 0);
	assert_int_equal(w.step, WIZARD_REVIEW); /* firewall skipped */
	assert_int_equal(wizard_next(&w), -1);
	assert_int_equal(wizard_back(&w), 0);
	assert_int_equal(w.step, WIZARD_LAYOUT);
	assert_int_equal(wizard_goto(&w, WIZARD_BRIDGE), 0);
	assert_int_equal(w.step, WIZARD_BRIDGE);
	wizard_free(&w);
}

static void test_back_keeps_choices(void **state)
{
	struct wizard w;
	struct plan *before;
	(void)state;
	wizard_init(&w, plan_new(), STEPS_BUT_CONTAINERS_FIREWALL);
	w.connected = true;
	fill_scope(w.plan);
	mem_set_str(&w.plan->bridge.port_group, "bridge-pg");
	mem_set_str(&w.plan->public_net.port_group, "public-pg");
	mem_set_str(&w.plan->public_net.ip, "10.0.0.5/24");
	mem_set_str(&w.plan->public_net.gateway, "10.0.0.1");
	/* the layout is never passed by itself: the user reviews it */
	assert_int_equal(wizard_resume(&w, WIZARD_REVIEW, NULL, NULL), 1);
	assert_int_equal(w.step, WIZARD_LAYOUT);
	before = plan_dup(w.plan);
	while (wizard_back(&w) == 0)
		;
	assert_int_equal(w.step, WIZARD_CONNECT);
	assert_true(plan_equal(before, w.plan));
	plan_free(before);
	wizard_free(&w);
}

static int refuse_public(void *ctx, enum wizard_step s)
{
	(*(int *)ctx)++;
	return s == WIZARD_PUBLIC ? err_set("the plan's public port group is gone") : 0;
}

/* The one resume walk: up to the step asked for, stopping where the plan chooses
 * nothing yet or the face's check refuses, saying why. */
static void test_resume_stops(void **state)
{
	struct wizard w;
	int calls = 0;
	(void)state;
	wizard_init(&w, plan_new(), STEPS_BUT_CONTAINERS_FIREWALL);
	w.connected = true;
	fill_scope(w.plan);
	assert_int_equal(wizard_resume(&w, WIZARD_CLIENT, NULL, NULL), 1);
	assert_int_equal(w.step, WIZARD_BRIDGE);
	assert_non_null(strstr(err_msg(), "no choice here yet"));
	mem_set_str(&w.plan->bridge.port_group, "bridge-pg");
	mem_set_str(&w.plan->public_net.port_group, "public-pg");
	assert_int_equal(wizard_resume(&w, WIZARD_CLIENT, refuse_public, &calls), -1);
	assert_int_equal(w.step, WIZARD_PUBLIC);
	assert_string_equal(err_msg(), "the plan's public port group is gone");
	assert_int_equal(wizard_resume(&w, WIZARD_CLIENT, NULL, NULL), 0);
	assert_int_equal(w.step, WIZARD_CLIENT);
	wizard_free(&w);
}

static void test_nic_limit(void **state)
{
	struct wizard w;
	const struct finding *f;
	(void)state;
	wizard_init(&w, plan_new(), STEPS_BUT_CONTAINERS_FIREWALL);
	w.connected = true;
	fill_scope(w.plan);
	mem_set_str(&w.plan->bridge.port_group, "pg-bridge");
	mem_set_str(&w.plan->public_net.port_group, "pg-public");
	w.plan->client_net.present = true;
	mem_set_str(&w.plan->client_net.port_group, "pg-client");
	w.plan->management_net.present = true;
	mem_set_str(&w.plan->management_net.port_group, "pg-mgmt");
	assert_int_equal(wizard_resume(&w, WIZARD_REVIEW, NULL, NULL), -1);
	/* VIC 1.2: four NICs are refused at the management step, with vic-machine's words */
	assert_int_equal(w.step, WIZARD_MANAGEMENT);
	assert_int_equal(wizard_blocking(&w, WIZARD_MANAGEMENT, &f), 1);
	assert_string_equal(f->code, "nic-limit");
	assert_int_equal(wizard_blocking(&w, WIZARD_CLIENT, NULL), 0);
	assert_int_equal(wizard_next(&w), -1);
	assert_non_null(strstr(err_msg(), "Four different networks"));
	assert_int_equal(w.step, WIZARD_MANAGEMENT);
	/* the sidebar: management is invalid now, the earlier steps are not */
	w.visited |= WIZARD_STEP_BIT(WIZARD_MANAGEMENT);
	assert_true(wizard_step_invalid(&w, WIZARD_MANAGEMENT));
	assert_false(wizard_step_invalid(&w, WIZARD_CLIENT));
	assert_false(wizard_step_invalid(&w, WIZARD_SCOPE));
	/* VIC 1.3 allows four */
	mem_set_str(&w.plan->vic_version, "1.3");
	assert_int_equal(wizard_next(&w), 0);
	assert_int_equal(w.step, WIZARD_LAYOUT);
	/* a later change fixed it: the mark goes */
	assert_false(wizard_step_invalid(&w, WIZARD_MANAGEMENT));
	wizard_free(&w);
}

/* the findings view's one-key fixes: offered where obvious, applied to the plan */
static void test_fixes(void **state)
{
	struct wizard w;
	struct wizard_fix fx[4];
	const struct finding *f;
	(void)state;
	wizard_init(&w, plan_new(), STEPS_BUT_CONTAINERS_FIREWALL);
	w.connected = true;
	fill_scope(w.plan);
	mem_set_str(&w.plan->bridge.port_group, "pg-bridge");
	mem_set_str(&w.plan->public_net.port_group, "pg-public");
	mem_set_str(&w.plan->public_net.ip, "10.0.0.5");
	mem_set_str(&w.plan->public_net.gateway, "10.0.0.1");
	w.plan->client_net.present = true;
	mem_set_str(&w.plan->client_net.port_group, "pg-client");
	w.plan->management_net.present = true;
	mem_set_str(&w.plan->management_net.port_group, "pg-mgmt");
	wizard_check(&w);

	f = findings_find(&w.findings, "nic-limit", NULL);
	assert_non_null(f);
	assert_int_equal(wizard_fixes(&w, f, fx, 4), 2);
	assert_string_equal(fx[0].label, "Set VIC version to 1.3");
	assert_string_equal(fx[1].label, "Share management with client");
	f = findings_find(&w.findings, "role-ip-syntax", "networks.public.ip");
	assert_non_null(f);
	assert_int_equal(wizard_fixes(&w, f, fx + 2, 2), 1);
	assert_string_equal(fx[2].label, "Use 10.0.0.5/24");

	assert_int_equal(wizard_apply_fix(&w, &fx[2]), 1);
	assert_string_equal(w.plan->public_net.ip, "10.0.0.5/24");
	assert_int_equal(wizard_apply_fix(&w, &fx[0]), 0);
	assert_string_equal(w.plan->vic_version, "1.3");
	assert_null(findings_find(&w.findings, "nic-limit", NULL));
	/* sharing management instead: three NICs */
	mem_set_str(&w.plan->vic_version, "1.2");
	wizard_check(&w);
	assert_int_equal(wizard_apply_fix(&w, &fx[1]), 0);
	assert_null(w.plan->management_net.port_group);
	wizard_free(&w);
}

static void test_warnings_never_block(void **state)
{
	struct wizard w;
	size_t errors;
	(void)state;
	wizard_init(&w, plan_new(), STEPS_BUT_CONTAINERS_FIREWALL);
	w.connected = true;
	fill_scope(w.plan);
	mem_set_str(&w.plan->bridge.port_group, "pg-bridge");
	mem_set_str(&w.plan->public_net.port_group, "pg-public");
	strv_push(&w.plan->dns, ""); /* an empty DNS entry is a warning */
	w.step = WIZARD_PUBLIC;
	wizard_check(&w);
	assert_true(wizard_step_findings(&w, WIZARD_PUBLIC, &errors) >= 1);
	assert_int_equal(errors, 0);
	assert_int_equal(wizard_next(&w), 0);
	assert_int_equal(w.step, WIZARD_CLIENT);
	wizard_free(&w);
}

static void test_step_of_path(void **state)
{
	(void)state;
	assert_int_equal(wizard_step_of_path("target.url"), WIZARD_CONNECT);
	assert_int_equal(wizard_step_of_path("target.imageStore"), WIZARD_SCOPE);
	assert_int_equal(wizard_step_of_path("metadata.name"), WIZARD_SCOPE);
	assert_int_equal(wizard_step_of_path("networks.bridge.ipRange"), WIZARD_BRIDGE);
	assert_int_equal(wizard_step_of_path("networks.public.gateway"), WIZARD_PUBLIC);
	assert_int_equal(wizard_step_of_path("networks.dns[1]"), WIZARD_PUBLIC);
	assert_int_equal(wizard_step_of_path("networks.client.routes[0]"), WIZARD_CLIENT);
	assert_int_equal(wizard_step_of_path("networks.management"), WIZARD_MANAGEMENT);
	assert_int_equal(wizard_step_of_path("networks"), WIZARD_MANAGEMENT);
	assert_int_equal(wizard_step_of_path("networks.container[0].alias"), WIZARD_CONTAINERS);
	assert_int_equal(wizard_step_of_path("proxy.http"), WIZARD_LAYOUT);
	assert_int_equal(wizard_step_of_path(NULL), WIZARD_LAYOUT);
}

static void test_unsaved(void **state)
{
	struct wizard w;
	(void)state;
	wizard_init(&w, plan_new(), STEPS_BUT_CONTAINERS_FIREWALL);
	assert_false(wizard_unsaved(&w));
	mem_set_str(&w.plan->name, "vch1");
	assert_true(wizard_unsaved(&w));
	wizard_mark_saved(&w, "/tmp/x.yaml");
	assert_false(wizard_unsaved(&w));
	assert_string_equal(w.path, "/tmp/x.yaml");
	mem_set_str(&w.plan->public_net.port_group, "pg");
	assert_true(wizard_unsaved(&w));
	wizard_free(&w);
}

static struct inv_network *add_net(struct inv *inv, const char *id, const char *name,
				   enum inv_net_kind kind, int hosts)
{
	struct inv_network *n = inv_add_network(inv);
	n->o.id = xstrdup(id);
	n->o.name = xstrdup(name);
	n->o.type = xstrdup(kind == INV_NET_STANDARD ? "Network" : "DistributedVirtualPortgroup");
	n->o.parent = xstrdup("group-n1");
	n->net_kind = kind;
	if (hosts >= 1)
		strv_push(&n->hosts, "host-1");
	if (hosts >= 2)
		strv_push(&n->hosts, "host-2");
	return n;
}

static void test_network_reason(void **state)
{
	struct inv *inv = inv_new();
	struct plan *p = plan_new();
	struct inv_compute *c;
	char buf[256];
	const struct inv_network *vmnet, *pga, *pgb, *half, *up;
	(void)state;

	c = inv_add_compute(inv);
	c->o.id = xstrdup("domain-c1");
	c->o.name = xstrdup("Cluster1");
	c->o.type = xstrdup("ClusterComputeResource");
	c->cluster = true;
	strv_push(&c->hosts, "host-1");
	strv_push(&c->hosts, "host-2");
	add_net(inv, "network-1", "VM Network", INV_NET_STANDARD, 2);
	add_net(inv, "dvportgroup-1", "pg-a", INV_NET_DVPG, 2);
	add_net(inv, "dvportgroup-2", "pg-b", INV_NET_DVPG, 2);
	add_net(inv, "dvportgroup-3", "pg-half", INV_NET_DVPG, 1);
	add_net(inv, "dvportgroup-4", "DSwitch-Uplinks", INV_NET_DVPG, 2)->uplink = true;
	vmnet = &inv->networks[0];
	pga = &inv->networks[1];
	pgb = &inv->networks[2];
	half = &inv->networks[3];
	up = &inv->networks[4];
	const struct inv_obj *scope = &inv->computes[0].o;

	assert_null(wizard_network_reason(p, inv, scope, true, PLAN_ROLE_BRIDGE, pga, buf, sizeof buf));
	assert_non_null(wizard_network_reason(p, inv, scope, true, PLAN_ROLE_BRIDGE, vmnet, buf, sizeof buf));
	assert_non_null(strstr(buf, "standard port group"));
	assert_null(wizard_network_reason(p, inv, scope, false, PLAN_ROLE_BRIDGE, vmnet, buf, sizeof buf));
	assert_null(wizard_network_reason(p, inv, scope, true, PLAN_ROLE_PUBLIC, vmnet, buf, sizeof buf));
	assert_non_null(wizard_network_reason(p, inv, scope, true, PLAN_ROLE_PUBLIC, up, buf, sizeof buf));
	assert_non_null(strstr(buf, "uplink"));
	assert_non_null(wizard_network_reason(p, inv, scope, true, PLAN_ROLE_PUBLIC, half, buf, sizeof buf));
	assert_non_null(strstr(buf, "only on 1 of the 2 hosts"));

	mem_set_str(&p->bridge.port_group, "pg-a");
	assert_non_null(wizard_network_reason(p, inv, scope, true, PLAN_ROLE_PUBLIC, pga, buf, sizeof buf));
	assert_non_null(strstr(buf, "already the bridge"));
	mem_set_str(&p->public_net.port_group, "pg-b");
	/* client defaults to public: pg-b cannot become the bridge */
	assert_non_null(wizard_network_reason(p, inv, scope, true, PLAN_ROLE_BRIDGE, pgb, buf, sizeof buf));
	assert_non_null(strstr(buf, "already the public network"));
	assert_null(wizard_network_reason(p, inv, scope, true, PLAN_ROLE_CLIENT, pgb, buf, sizeof buf));
	plan_free(p);
	inv_free(inv);
}

/* The bridge width field: letters or out-of-range numbers are refused in words (they
 * used to reach the rules engine as -1), empty is the default. */
static void test_bridge_width(void **state)
{
	int w = -7;

	(void)state;
	assert_int_equal(wizard_parse_bridge_width("", &w), 0);
	assert_int_equal(w, 0);
	assert_int_equal(wizard_parse_bridge_width(" 16 ", &w), 0);
	assert_int_equal(w, 16);
	assert_int_equal(wizard_parse_bridge_width("30", &w), 0);
	assert_int_equal(w, 30);
	assert_int_equal(wizard_parse_bridge_width("1", &w), 0);
	assert_int_equal(w, 1);
	w = 5;
	const char *bad[] = {"ab", "12x", "0", "31", "-1", "99999999999999999999", "1 6"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_int_equal(wizard_parse_bridge_width(bad[i], &w), -1);
		assert_int_equal(w, 5);
		assert_non_null(strstr(err_msg(), "whole number from 1 to 30"));
		assert_null(strstr(err_msg(), "-1."));
	}
}

/* Every answer of one drawing stays valid: two port groups keep their own VLANs. */
static void test_layout_lookup(void **state)
{
	struct inv *inv = ib_new("VirtualCenter");
	struct inv_network *n;
	struct layout_netinfo a = {0}, b = {0}, c = {0};
	(void)state;
	ib_cluster(inv, "domain-c1", "C0");
	ib_host(inv, "domain-c1", "host-1", "H0");
	ib_switch(inv, "dvs-1", "DSwitch", "dvportgroup-1");
	ib_network(inv, INV_NET_DVPG, "dvportgroup-2", "Prod-VLAN100", "dvs-1", NULL);
	ib_network(inv, INV_NET_DVPG, "dvportgroup-3", "Mgmt-VLAN10", "dvs-1", NULL);
	ib_network(inv, INV_NET_STANDARD, "network-1", "VM Network", NULL, NULL);
	ib_finish(inv);
	for (size_t i = 0; i < inv->n_networks; i++) {
		n = &inv->networks[i];
		n->vlan = INV_VLAN_ID;
		n->vlan_id = strcmp(n->o.name, "Prod-VLAN100") == 0 ? 100
			     : strcmp(n->o.name, "Mgmt-VLAN10") == 0 ? 10 : 0;
	}
	assert_true(topo_live_lookup(inv, "DC0", NULL, "Prod-VLAN100", &a));
	assert_true(topo_live_lookup(inv, "DC0", NULL, "Mgmt-VLAN10", &b));
	assert_true(topo_live_lookup(inv, "DC0", NULL, "VM Network", &c));
	assert_non_null(a.vlan);
	assert_non_null(b.vlan);
	assert_non_null(strstr(a.vlan, "100"));
	assert_null(strstr(b.vlan, "100"));
	assert_non_null(strstr(b.vlan, "10"));
	assert_string_equal(a.switch_name, "DSwitch");
	assert_string_equal(a.type, "distributed port group");
	assert_string_equal(c.type, "standard port group");
	assert_false(topo_live_lookup(inv, "DC0", NULL, "no-such-network", &c));
	inv_free(inv);
}

static void test_natcmp(void **state)
{
	static const char *in[] = {"DVPG10", "dvpg2", "DVPG1", "DVPG02", "Prod", "nsx-a", "DVPG100", "DVPG9"};
	static const char *want[] = {"DVPG1", "DVPG02", "dvpg2", "DVPG9", "DVPG10", "DVPG100", "nsx-a", "Prod"};
	const char *v[8];
	(void)state;
	memcpy(v, in, sizeof v);
	/* a plain insertion sort with the comparison under test */
	for (size_t i = 1; i < 8; i++)
		for (size_t j = i; j > 0 && netpick_natcmp(v[j - 1], v[j]) > 0; j--) {
			const char *t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	for (size_t i = 0; i < 8; i++)
		assert_string_equal(v[i], want[i]);
	assert_true(netpick_natcmp("DC0_DVPG2", "DC0_DVPG10") < 0);
	assert_true(netpick_natcmp("a", "a") == 0);
	/* total: differing only in case still orders */
	assert_true(netpick_natcmp("abc", "ABC") != 0);
	assert_true(netpick_natcmp("abc", "ABC") == -netpick_natcmp("ABC", "abc"));
}

static void test_filter_words(void **state)
{
	struct netpick_filter f;
	(void)state;
	netpick_filter_parse("vlan:201", &f);
	assert_true(netpick_filter_match(&f, "vch-bridge-01\tdswitch\tdistributed", 201));
	assert_false(netpick_filter_match(&f, "vch-bridge-02\tdswitch\tdistributed", 202));
	assert_false(netpick_filter_match(&f, "pg-201\tdswitch\tdistributed", 20));
	netpick_filter_free(&f);
	/* a plain number: the VLAN exactly, or in a name */
	netpick_filter_parse("20", &f);
	assert_true(netpick_filter_match(&f, "client\tdswitch\tdistributed", 20));
	assert_false(netpick_filter_match(&f, "client\tdswitch\tdistributed", 201));
	assert_true(netpick_filter_match(&f, "dc0_dvpg20\tdvs0\tdistributed", -1));
	netpick_filter_free(&f);
	/* every word must match: switch and name */
	netpick_filter_parse("DSwitch-Prod  Mgmt", &f);
	assert_int_equal(f.n, 2);
	assert_true(netpick_filter_match(&f, "mgmt-vlan10\tdswitch-prod\tdistributed", 10));
	assert_false(netpick_filter_match(&f, "prod-vlan100\tdswitch-prod\tdistributed", 100));
	netpick_filter_free(&f);
	netpick_filter_parse("vlan:trunk", &f);
	assert_true(netpick_filter_match(&f, "uplinks\tdvs\tdistributed", NETPICK_VLAN_TRUNK));
	assert_false(netpick_filter_match(&f, "uplinks\tdvs\tdistributed", 5));
	netpick_filter_free(&f);
	netpick_filter_parse("vlan:abc", &f);
	assert_false(netpick_filter_match(&f, "vlan:abc\t\t", -1));
	netpick_filter_free(&f);
	/* typing one more character narrows a name, but not a number */
	assert_true(netpick_filter_narrows("dvs", "dvs-"));
	assert_true(netpick_filter_narrows("dvs", "dvs b"));
	assert_false(netpick_filter_narrows("2", "20"));
	assert_false(netpick_filter_narrows("vlan", "vlan:2"));
	assert_false(netpick_filter_narrows("", "a"));
	assert_false(netpick_filter_narrows("ab", "a"));
}

static void test_suggest(void **state)
{
	const char *names[] = {"Client-VLAN20", "vch-bridge-01", "vch-bridge-02", "VM Network", "Prod"};
	bool usable[] = {true, true, false, true, true};
	bool one[] = {false, false, false, false, true};
	bool two_bridges[] = {true, true, true, true, true};
	(void)state;
	/* the only usable port group whose name says bridge */
	assert_int_equal(netpick_suggest(PLAN_ROLE_BRIDGE, names, usable, 5), 1);
	/* two of them: nothing is clear */
	assert_int_equal(netpick_suggest(PLAN_ROLE_BRIDGE, names, two_bridges, 5), -1);
	/* the only usable one at all */
	assert_int_equal(netpick_suggest(PLAN_ROLE_BRIDGE, names, one, 5), 4);
	/* public: vic-machine's default when usable, else the only usable one */
	assert_int_equal(netpick_suggest(PLAN_ROLE_PUBLIC, names, usable, 5), 3);
	assert_int_equal(netpick_suggest(PLAN_ROLE_PUBLIC, names, one, 5), 4);
	/* client and management follow; container networks get none */
	assert_int_equal(netpick_suggest(PLAN_ROLE_CLIENT, names, usable, 5), -1);
	assert_int_equal(netpick_suggest(PLAN_ROLE_COUNT, names, one, 5), -1);
}

static void test_sorted_and_described(void **state)
{
	struct inv *inv = ib_new("VirtualCenter");
	const struct inv_network **v;
	size_t n;
	char *d;
	(void)state;
	ib_cluster(inv, "domain-c1", "C0");
	ib_host(inv, "domain-c1", "host-1", "H0");
	ib_switch(inv, "dvs-1", "DSwitch", "dvportgroup-1");
	ib_network(inv, INV_NET_DVPG, "dvportgroup-2", "DVPG10", "dvs-1", NULL);
	ib_network(inv, INV_NET_DVPG, "dvportgroup-3", "DVPG2", "dvs-1", NULL);
	ib_network(inv, INV_NET_STANDARD, "network-1", "VM Network", NULL, NULL);
	ib_finish(inv);
	for (size_t i = 0; i < inv->n_networks; i++)
		if (strcmp(inv->networks[i].o.name, "DVPG2") == 0) {
			inv->networks[i].vlan = INV_VLAN_ID;
			inv->networks[i].vlan_id = 201;
		}
	v = netpick_sorted(inv, NULL, &n);
	assert_true(n >= 3);
	for (size_t i = 0; i + 1 < n; i++)
		assert_true(netpick_natcmp(v[i]->o.name, v[i + 1]->o.name) <= 0);
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i]->o.name, "DVPG2") == 0) {
			d = netpick_describe(inv, v[i]);
			assert_string_equal(d, "DVPG2 (DSwitch, VLAN 201)");
			free(d);
		} else if (strcmp(v[i]->o.name, "VM Network") == 0) {
			d = netpick_describe(inv, v[i]);
			assert_string_equal(d, "VM Network (standard port group, no VLAN)");
			free(d);
		}
	free(v);
	inv_free(inv);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_save_rules(void **state)
{
	char dir[] = "/tmp/test_wizard.XXXXXX", *p, *q, *cmd;
	struct wizard w;
	(void)state;
	assert_non_null(mkdtemp(dir));
	/* the default name: from the VCH name, unique in the directory */
	p = wizard_default_plan_path("vch-01", dir);
	assert_string_equal(p, "vch-01.yaml");
	free(p);
	q = xasprintf("%s/vch-01.yaml", dir);
	write_file(q, "reviewed: true\n");
	p = wizard_default_plan_path("vch-01", dir);
	assert_string_equal(p, "vch-01-2.yaml");
	free(p);
	p = wizard_default_plan_path(NULL, dir);
	assert_string_equal(p, "vch-plan.yaml");
	free(p);
	p = wizard_default_plan_path("a/b", dir);
	assert_string_equal(p, "a-b.yaml");
	free(p);

	/* an existing file this run did not open or write: ask */
	wizard_init(&w, plan_new(), STEPS_BUT_CONTAINERS_FIREWALL);
	assert_int_equal(wizard_save_target(&w, q), WIZARD_SAVE_EXISTS);
	p = xasprintf("%s/new.yaml", dir);
	assert_int_equal(wizard_save_target(&w, p), WIZARD_SAVE_NEW);
	/* the file this run saved (or loaded): no question, under another spelling too */
	write_file(p, "x\n");
	wizard_mark_saved(&w, p);
	assert_int_equal(wizard_save_target(&w, p), WIZARD_SAVE_OWN);
	free(p);
	p = xasprintf("%s/./new.yaml", dir);
	assert_int_equal(wizard_save_target(&w, p), WIZARD_SAVE_OWN);
	assert_int_equal(wizard_save_target(&w, q), WIZARD_SAVE_EXISTS);
	free(p);
	wizard_free(&w);

	/* the Next commands can be pasted */
	p = wizard_next_commands("my vch.yaml");
	assert_string_equal(p, "vchnet check 'my vch.yaml'; vchnet render 'my vch.yaml'");
	free(p);
	p = wizard_saved_message("/x/it's.yaml", "it's.yaml");
	assert_string_equal(p, "Saved the plan to /x/it's.yaml\nNext: vchnet check 'it'\\''s.yaml'\n"
			       "      vchnet render 'it'\\''s.yaml'\n");
	free(p);
	p = wizard_next_commands("vch-01.yaml");
	assert_string_equal(p, "vchnet check vch-01.yaml; vchnet render vch-01.yaml");
	free(p);
	free(q);
	cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

/* The key help is one table: the F1 list and --help's sentence read the same rows
 * (the footer reads them too, asserted through tmux by the TUI goldens). */
static void test_key_help(void **state)
{
	(void)state;
	assert_string_equal(help_keys(),
	       "Tab, Down         next field or button\n"
	       "Shift-Tab, Up     previous field or button\n"
	       "Enter             choose, press the focused button\n"
	       "Space             toggle a check box, press a button\n"
	       "Left, Right       change a choice (DHCP or static, VIC version)\n"
	       "typing in a list  filters it; Ctrl-U clears a field\n"
	       "Esc               back one step, or close a dialog (never destroys)\n"
	       "F10, Ctrl-N       next step (refused, with the reason, while errors remain)\n"
	       "F2, Ctrl-S        save the plan\n"
	       "F1, ?             help for the focused field (? outside text fields)\n"
	       "Ctrl-F            the step's findings, whole, with the hints and one-key fixes\n"
	       "Ctrl-L            redraw the screen\n"
	       "q                 quit (outside text fields; asks when not saved)\n"
	       "Delete            delete the container network under the cursor (asks)\n"
	       "Your choices are saved as a draft after every step and when the connection "
	       "drops; the next start offers to resume. See vchnet(1), section KEYS.");
	char *b = help_keys_brief(79);
	assert_string_equal(b,
	      "Keys: Tab/Shift-Tab and arrows move, Enter chooses, Space toggles, Esc goes\n"
	      "back, F10 or Ctrl-N next, Ctrl-S save, F1 or ? help, Ctrl-F findings, Ctrl-L\n"
	      "redraw, q quit.\n");
	free(b);
	/* every key the footer shows is in the list */
	for (size_t i = 0; i < help_n_keys; i++)
		if (help_key_table[i].footer_key)
			assert_non_null(help_key_table[i].footer);
}

/* The man page's KEYS section is prose written beside the table: every key of the
 * table must be one of its terms (".BR F10 \", \" Ctrl\\-N" reads "F10, Ctrl-N"), so
 * a key added to the wizard cannot go undocumented. The rows that are not keys
 * ("typing in a list") are the ones written in lower case with spaces. */
static char *man_keys_terms(void)
{
	const char *src = getenv("top_srcdir");
	char *path = xasprintf("%s/man/vchnet.1", src ? src : ".."), *text;
	size_t len;
	assert_int_equal(fileio_read(path, 1 << 20, &text, &len), 0);
	free(path);
	char *sec = strstr(text, "\n.SS KEYS\n");
	assert_non_null(sec);
	char *end = strstr(sec + 1, "\n.SS ");
	if (end)
		*end = '\0';
	/* the line after each .TP, with the font requests, quotes and escapes dropped */
	char *terms = xstrdup("\n");
	for (char *tp = strstr(sec, "\n.TP"); tp; tp = strstr(tp + 1, "\n.TP")) {
		char *line = strchr(tp + 1, '\n');
		if (!line)
			break;
		line++;
		char *eol = strchrnul(line, '\n'), term[128];
		size_t n = 0;
		const char *p = line;
		/* .BR joins its arguments as they are, .B with spaces: "Page Up" is one */
		bool join = strncmp(p, ".BR ", 4) == 0;
		if (join)
			p += 4;
		else if (strncmp(p, ".B ", 3) == 0)
			p += 3;
		for (bool quoted = false; p < eol && n + 1 < sizeof term; p++) {
			if (*p == '"') {
				quoted = !quoted;
				continue;
			}
			if (*p == ' ' && !quoted && join)
				continue;
			if (*p == '\\' && p + 1 < eol) {
				p++;
				if (*p == '&')
					continue;
			}
			term[n++] = *p;
		}
		term[n] = '\0';
		char *t = xasprintf("%s%s\n", terms, term);
		free(terms);
		terms = t;
	}
	free(text);
	return terms;
}

static void test_man_lists_every_key(void **state)
{
	(void)state;
	char *terms = man_keys_terms();
	for (size_t i = 0; i < help_n_keys; i++) {
		const char *k = help_key_table[i].keys;
		bool prose = strchr(k, ' ') && !strpbrk(k, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
		if (prose)
			continue;
		char *want = xasprintf("\n%s\n", k);
		if (!strstr(terms, want))
			fail_msg("key \"%s\" of the wizard's key table is not a term of vchnet(1)'s "
				 "KEYS section (terms:%s)", k, terms);
		free(want);
	}
	free(terms);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_and_skips),
		cmocka_unit_test(test_man_lists_every_key),
		cmocka_unit_test(test_back_keeps_choices),
		cmocka_unit_test(test_nic_limit),
		cmocka_unit_test(test_resume_stops),
		cmocka_unit_test(test_fixes),
		cmocka_unit_test(test_warnings_never_block),
		cmocka_unit_test(test_step_of_path),
		cmocka_unit_test(test_unsaved),
		cmocka_unit_test(test_network_reason),
		cmocka_unit_test(test_bridge_width),
		cmocka_unit_test(test_layout_lookup),
		cmocka_unit_test(test_natcmp),
		cmocka_unit_test(test_key_help),
		cmocka_unit_test(test_filter_words),
		cmocka_unit_test(test_suggest),
		cmocka_unit_test(test_sorted_and_described),
		cmocka_unit_test(test_save_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
