/* Unit tests of the in-use findings (inuse.c) over inventories built in C with VMs and
 * VCH endpoint VMs carrying vic-machine's extraConfig: each finding where it must
 * appear and where it must not (this VCH's own things, container VMs, other port
 * groups, other VLANs), and the picker helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "findings.h"
#include "inuse.h"
#include "inv.h"
#include "invbuild.h"
#include "mem.h"
#include "plan.h"
#include "planbuild.h"

/* DC0 with host esx1 (vmk 10.0.0.11) on switch DVS0 and:
 *   br        dvportgroup-10  VLAN 100, free
 *   br2       dvportgroup-20  VLAN 100, VCH vch-02's bridge (with its container VM c-1)
 *   crowded   dvportgroup-21  VLAN 200, VMs web-01, web-02 and vch-02's container VM c-1
 *   pub       dvportgroup-11  vch-02's public network (10.0.0.20/24, gateway 10.0.0.1)
 *   cnet      dvportgroup-17  vch-02's container network "routable", pool 10.3.1.0-255
 *   other     dvportgroup-18  VLAN 300, nobody
 *   lonely    dvportgroup-19  teaming with no uplink
 *   VM Network network-7 (standard) */
static struct inv *inventory(void)
{
	struct inv *inv = ib_new("VirtualCenter");
	ib_cluster(inv, "c-1", "C0");
	struct inv_host *h = ib_host(inv, "c-1", "h-1", "esx1");
	strv_push(&h->mgmt_ips, "10.0.0.11");
	ib_switch(inv, "dvs-1", "DVS0", "dvportgroup-up");
	ib_network(inv, INV_NET_DVPG, "dvportgroup-10", "br", "dvs-1", NULL);
	ib_network(inv, INV_NET_DVPG, "dvportgroup-20", "br2", "dvs-1", NULL);
	ib_network(inv, INV_NET_DVPG, "dvportgroup-21", "crowded", "dvs-1", NULL);
	ib_network(inv, INV_NET_DVPG, "dvportgroup-11", "pub", "dvs-1", NULL);
	ib_network(inv, INV_NET_DVPG, "dvportgroup-17", "cnet", "dvs-1", NULL);
	ib_network(inv, INV_NET_DVPG, "dvportgroup-18", "other", "dvs-1", NULL);
	ib_network(inv, INV_NET_DVPG, "dvportgroup-19", "lonely", "dvs-1", NULL);
	ib_network(inv, INV_NET_STANDARD, "network-7", "VM Network", NULL, NULL);
	for (size_t i = 0; i < inv->n_networks; i++) {
		struct inv_network *n = &inv->networks[i];
		if (n->net_kind != INV_NET_DVPG)
			continue;
		n->vlan = INV_VLAN_ID;
		n->vlan_id = strcmp(n->o.name, "crowded") == 0 ? 200
			     : strcmp(n->o.name, "other") == 0 ? 300 : 100;
		n->no_uplink = strcmp(n->o.name, "lonely") == 0;
	}
	static const char *const all[] = {"h-1", NULL};
	ib_datastore(inv, "datastore-1", "ds1", all);
	const struct ib_vch v2 = {
		.bridge = "dvportgroup-20", .bridge_range = "172.16.0.0/16",
		.public_pg = "dvportgroup-11", .public_ip = "10.0.0.20/24", .public_gw = "10.0.0.1",
		.cnet_alias = "routable", .cnet_pg = "dvportgroup-17", .cnet_gw = "10.3.0.1/16",
		.cnet_first = "10.3.1.0", .cnet_last = "10.3.1.255",
	};
	ib_vch(inv, "vm-50", "vch-02", "resgroup-v2", &v2);
	/* vch-02's container VM: on its bridge (a bridge address) and on crowded */
	static const char *const c1_nets[] = {"dvportgroup-20", "dvportgroup-21", NULL};
	static const char *const c1_ips[] = {"172.16.0.2", "10.0.0.77", NULL};
	ib_vm(inv, "vm-51", "c-1", "resgroup-v2", c1_nets, c1_ips);
	static const char *const crowded[] = {"dvportgroup-21", NULL};
	static const char *const web1_ips[] = {"10.0.0.50", "fe80::1", NULL};
	ib_vm(inv, "vm-60", "web-01", "resgroup-1", crowded, web1_ips);
	ib_vm(inv, "vm-61", "web-02", "resgroup-1", crowded, NULL);
	ib_finish(inv);
	return inv;
}

struct run {
	struct inv *inv;
	struct plan *p;
	struct findings f;
	int errors;
};

/* The plan vch-01 (bridge br, public pub) with the settings, checked. */
static void run(struct run *r, const char *const *settings)
{
	static const char *const base[] = {"metadata.name=vch-01", "target.datacenter=DC0",
					    "target.computeResource=C0", "target.imageStore=ds1",
					    "networks.bridge.portGroup=br",
					    "networks.public.portGroup=pub", NULL};
	memset(r, 0, sizeof *r);
	r->inv = inventory();
	r->p = pb_make(base);
	pb_set(r->p, settings);
	r->errors = inuse_check(r->inv, r->p, inv_find_id(r->inv, "datacenter-2"), &r->f);
}

static void done(struct run *r)
{
	findings_free(&r->f);
	plan_free(r->p);
	inv_free(r->inv);
}

static void dump(const struct run *r)
{
	for (size_t i = 0; i < r->f.n; i++)
		fprintf(stderr, "# have %s at %s: %s\n", r->f.v[i].code, r->f.v[i].path,
			r->f.v[i].message);
}

/* The finding code at path, with its severity and the words given in its message. */
static const struct finding *need(const struct run *r, const char *code, const char *path,
				  enum finding_severity sev, const char *const *words)
{
	const struct finding *fd = findings_find(&r->f, code, path);
	if (!fd) {
		dump(r);
		fail_msg("no finding %s at %s", code, path ? path : "(any)");
	}
	assert_int_equal(fd->severity, sev);
	for (size_t i = 0; words && words[i]; i++)
		if (!strstr(fd->message, words[i]))
			fail_msg("%s: \"%s\" not in: %s", code, words[i], fd->message);
	assert_non_null(fd->hint);
	return fd;
}

static void none(const struct run *r, const char *code)
{
	if (findings_find(&r->f, code, NULL)) {
		dump(r);
		fail_msg("unexpected finding %s", code);
	}
}

static const char *const CODES[] = {"bridge-in-use-vch", "bridge-has-vms", "bridge-vlan-shared",
				    "address-in-use", "container-range-in-use",
				    "container-range-overlap", "uplink-none", NULL};

static void test_clean_plan(void **state)
{
	(void)state;
	static const char *const s[] = {"networks.bridge.portGroup=other",
					"networks.public.ip=10.0.0.99/24", NULL};
	struct run r;
	run(&r, s);
	for (size_t i = 0; CODES[i]; i++)
		none(&r, CODES[i]);
	assert_int_equal(r.errors, 0);
	done(&r);
}

static void test_bridge_in_use_vch(void **state)
{
	(void)state;
	static const char *const s[] = {"networks.bridge.portGroup=br2", NULL};
	static const char *const w[] = {"br2", "VCH vch-02", "vm-50", NULL};
	struct run r;
	run(&r, s);
	need(&r, "bridge-in-use-vch", "networks.bridge.portGroup", FINDING_ERROR, w);
	/* vch-02's container VM on its bridge is vch-02's business, not "other VMs" */
	none(&r, "bridge-has-vms");
	assert_int_equal(r.errors, 1);
	done(&r);
	/* the same plan named vch-02 is the deployed VCH checked again: quiet */
	static const char *const self[] = {"metadata.name=vch-02",
					   "networks.bridge.portGroup=br2", NULL};
	run(&r, self);
	none(&r, "bridge-in-use-vch");
	none(&r, "bridge-has-vms");
	none(&r, "bridge-vlan-shared");
	done(&r);
}

static void test_bridge_has_vms(void **state)
{
	(void)state;
	static const char *const s[] = {"networks.bridge.portGroup=crowded", NULL};
	/* vch-02's container VM c-1 counts here: crowded is not vch-02's bridge */
	static const char *const w[] = {"crowded", "3 other VMs", "c-1, web-01, web-02", NULL};
	struct run r;
	run(&r, s);
	need(&r, "bridge-has-vms", "networks.bridge.portGroup", FINDING_ERROR, w);
	none(&r, "bridge-in-use-vch");
	done(&r);
	/* a port group only its own VMs use */
	run(&r, NULL);
	none(&r, "bridge-has-vms");
	done(&r);
}

static void test_bridge_vlan_shared(void **state)
{
	(void)state;
	/* br is on VLAN 100 of DVS0, like vch-02's bridge br2 */
	static const char *const w[] = {"br", "VLAN 100", "DVS0", "br2", "vch-02", NULL};
	struct run r;
	run(&r, NULL);
	need(&r, "bridge-vlan-shared", "networks.bridge.portGroup", FINDING_WARNING, w);
	assert_int_equal(r.errors, 0);
	done(&r);
	/* crowded is on VLAN 200 */
	static const char *const s[] = {"networks.bridge.portGroup=crowded", NULL};
	run(&r, s);
	none(&r, "bridge-vlan-shared");
	done(&r);
	/* br2 itself is reported as in use, not as sharing its own VLAN */
	static const char *const own[] = {"networks.bridge.portGroup=br2", NULL};
	run(&r, own);
	none(&r, "bridge-vlan-shared");
	done(&r);
}

/* The public address ip gets address-in-use naming who (NULL: no finding). */
static void address(const char *ip, const char *name, const char *who)
{
	char *set = xasprintf("networks.public.ip=%s", ip);
	char *nm = xasprintf("metadata.name=%s", name);
	const char *const s[] = {set, nm, "networks.bridge.portGroup=other", NULL};
	struct run r;
	run(&r, s);
	if (who) {
		const char *const w[] = {who, NULL};
		need(&r, "address-in-use", "networks.public.ip", FINDING_ERROR, w);
		assert_int_equal(r.errors, 1);
	} else {
		none(&r, "address-in-use");
	}
	done(&r);
	free(set);
	free(nm);
}

static void test_address_in_use(void **state)
{
	(void)state;
	address("10.0.0.11/24", "vch-01", "the vmkernel address of ESXi host esx1");
	address("10.0.0.50/24", "vch-01", "the guest IP of VM web-01");
	address("10.0.0.20/24", "vch-01", "the public address of VCH vch-02");
	address("10.0.0.1/24", "vch-01", "the public gateway of VCH vch-02");
	address("10.3.0.1/16", "vch-01", "container network routable");
	address("10.0.0.77/24", "vch-01", "the guest IP of VM c-1");
	/* free addresses, the bridge address of vch-02's container VM (private to its
	 * bridge), and vch-02's own addresses when the plan is vch-02 */
	address("10.0.0.99/24", "vch-01", NULL);
	address("172.16.0.2/16", "vch-01", NULL);
	address("10.0.0.20/24", "vch-02", NULL);
	address("10.0.0.77/24", "vch-02", NULL);
	/* a prefix does not matter, the address does */
	address("10.0.0.11/8", "vch-01", "esx1");
}

static void test_container_range_in_use(void **state)
{
	(void)state;
	static const char *const s[] = {"networks.bridge.portGroup=other",
					"networks.container[0].portGroup=other",
					"networks.container[0].alias=ext",
					"networks.container[0].ipRanges=10.0.0.40-10.0.0.60|10.0.0.0/28", NULL};
	struct run r;
	run(&r, s);
	/* the range holds web-01's guest IP; the CIDR holds vch-02's gateway and esx1 */
	static const char *const w1[] = {"10.0.0.40-10.0.0.60", "ext", "10.0.0.50", "web-01", NULL};
	need(&r, "container-range-in-use", "networks.container[0].ipRanges", FINDING_WARNING, w1);
	size_t n = 0;
	for (size_t i = 0; i < r.f.n; i++)
		if (strcmp(r.f.v[i].code, "container-range-in-use") == 0) {
			n++;
			if (strstr(r.f.v[i].message, "10.0.0.0/28"))
				assert_non_null(strstr(r.f.v[i].message, "10.0.0.1, the public gateway "
									 "of VCH vch-02 (and 1 more address "
									 "in use)"));
		}
	assert_int_equal(n, 2);
	assert_int_equal(r.errors, 0);
	done(&r);
	static const char *const free_range[] = {"networks.bridge.portGroup=other",
						 "networks.container[0].portGroup=other",
						 "networks.container[0].ipRanges=10.0.0.200-10.0.0.210",
						 NULL};
	run(&r, free_range);
	none(&r, "container-range-in-use");
	done(&r);
}

static void test_container_range_overlap(void **state)
{
	(void)state;
	static const char *const s[] = {"networks.bridge.portGroup=other",
					"networks.container[0].portGroup=cnet",
					"networks.container[0].alias=mine",
					"networks.container[0].ipRanges=10.3.1.100-10.3.1.120", NULL};
	static const char *const w[] = {"10.3.1.100-10.3.1.120", "mine", "10.3.1.0-10.3.1.255",
					"VCH vch-02", "routable", "cnet", NULL};
	struct run r;
	run(&r, s);
	need(&r, "container-range-overlap", "networks.container[0].ipRanges", FINDING_WARNING, w);
	assert_int_equal(r.errors, 0);
	done(&r);
	/* beside vch-02's pool on the same port group */
	static const char *const beside[] = {"networks.bridge.portGroup=other",
					     "networks.container[0].portGroup=cnet",
					     "networks.container[0].ipRanges=10.3.2.0/24", NULL};
	run(&r, beside);
	none(&r, "container-range-overlap");
	done(&r);
	/* the same addresses on another port group */
	static const char *const elsewhere[] = {"networks.bridge.portGroup=other",
						"networks.container[0].portGroup=other",
						"networks.container[0].ipRanges=10.3.1.0/24", NULL};
	run(&r, elsewhere);
	none(&r, "container-range-overlap");
	done(&r);
	/* vch-02 itself */
	static const char *const self[] = {"metadata.name=vch-02", "networks.bridge.portGroup=br2",
					   "networks.container[0].portGroup=cnet",
					   "networks.container[0].ipRanges=10.3.1.0-10.3.1.255",
					   NULL};
	run(&r, self);
	none(&r, "container-range-overlap");
	done(&r);
}

static void test_uplink_none(void **state)
{
	(void)state;
	static const char *const s[] = {"networks.bridge.portGroup=other",
					"networks.public.portGroup=lonely",
					"networks.client.portGroup=lonely",
					"networks.management.portGroup=pub", NULL};
	static const char *const w[] = {"lonely", "public network", "no active or standby uplink",
					NULL};
	struct run r;
	run(&r, s);
	need(&r, "uplink-none", "networks.public.portGroup", FINDING_WARNING, w);
	/* one port group, one finding */
	assert_null(findings_find(&r.f, "uplink-none", "networks.client.portGroup"));
	assert_null(findings_find(&r.f, "uplink-none", "networks.management.portGroup"));
	assert_int_equal(r.errors, 0);
	done(&r);
	/* a switch with no uplink port group at all */
	run(&r, NULL);
	none(&r, "uplink-none");
	strv_free(&r.inv->switches[0].uplink_pgs);
	findings_free(&r.f);
	memset(&r.f, 0, sizeof r.f);
	inuse_check(r.inv, r.p, inv_find_id(r.inv, "datacenter-2"), &r.f);
	static const char *const w2[] = {"pub", "its switch has no uplink port group", NULL};
	need(&r, "uplink-none", "networks.public.portGroup", FINDING_WARNING, w2);
	done(&r);
	/* a standard port group is not judged */
	static const char *const std[] = {"networks.public.portGroup=VM Network", NULL};
	run(&r, std);
	none(&r, "uplink-none");
	done(&r);
}

static void test_pickers(void **state)
{
	(void)state;
	struct run r;
	run(&r, NULL);
	char buf[256];
	const struct inv_network *br = (const void *)inv_find_id(r.inv, "dvportgroup-10");
	const struct inv_network *br2 = (const void *)inv_find_id(r.inv, "dvportgroup-20");
	const struct inv_network *crowded = (const void *)inv_find_id(r.inv, "dvportgroup-21");
	assert_null(inuse_bridge_reason(r.inv, r.p, br, buf, sizeof buf));
	assert_non_null(inuse_bridge_reason(r.inv, r.p, br2, buf, sizeof buf));
	assert_non_null(strstr(buf, "the bridge network of VCH vch-02"));
	assert_non_null(inuse_bridge_reason(r.inv, r.p, crowded, buf, sizeof buf));
	assert_non_null(strstr(buf, "in use by 3 other VMs (c-1, web-01, web-02)"));
	char *d = inuse_describe(r.inv, r.p, br2);
	assert_string_equal(d, "the bridge network of VCH vch-02");
	free(d);
	assert_null(inuse_describe(r.inv, r.p, br));
	/* a VCH's endpoint by name, from the index inv_finish() built */
	const struct inv_vm *ep = inv_find_vch(r.inv, "vch-02");
	assert_non_null(ep);
	assert_string_equal(ep->vch->name, "vch-02");
	assert_ptr_equal(inv_bridge_owner(r.inv, "dvportgroup-20", NULL), ep);
	assert_null(inv_find_vch(r.inv, "vch-99"));
	char *u = inv_used_by(r.inv, crowded);
	assert_string_equal(u, "3 VMs");
	free(u);
	u = inv_used_by(r.inv, br2);
	assert_string_equal(u, "vch-02 (VCH)");
	free(u);
	/* for vch-02's own plan: its bridge is nobody else's, its container VM on crowded
	 * and its endpoint on pub are its own */
	u = inv_used_by_except(r.inv, br2, "vch-02");
	assert_string_equal(u, "-");
	free(u);
	u = inv_used_by_except(r.inv, crowded, "vch-02");
	assert_string_equal(u, "2 VMs");
	free(u);
	const struct inv_network *pub = (const void *)inv_find_id(r.inv, "dvportgroup-11");
	u = inv_used_by(r.inv, pub);
	assert_string_equal(u, "1 VM");
	free(u);
	u = inv_used_by_except(r.inv, pub, "vch-02");
	assert_string_equal(u, "-");
	free(u);
	u = inv_used_by_except(r.inv, br2, "vch-01");
	assert_string_equal(u, "vch-02 (VCH)");
	free(u);
	const struct inv_switch *sw;
	int vlan;
	assert_int_equal(inuse_suggest_bridge(r.inv, "datacenter-2", &sw, &vlan), 0);
	assert_string_equal(sw->o.name, "DVS0");
	assert_int_equal(vlan, 301);
	done(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean_plan),
		cmocka_unit_test(test_bridge_in_use_vch),
		cmocka_unit_test(test_bridge_has_vms),
		cmocka_unit_test(test_bridge_vlan_shared),
		cmocka_unit_test(test_address_in_use),
		cmocka_unit_test(test_container_range_in_use),
		cmocka_unit_test(test_container_range_overlap),
		cmocka_unit_test(test_uplink_none),
		cmocka_unit_test(test_pickers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
