/* Unit tests of the live pre-checks over inventories built in C: port group
 * resolution (not found with candidates, ambiguous, name vs path, special characters),
 * role types on vCenter and ESXi, uplink port groups, host membership, recorded ids,
 * target objects, and precheck_live() with the firewall. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "finder.h"
#include "findings.h"
#include "firewall.h"
#include "inv.h"
#include "invbuild.h"
#include "mem.h"
#include "plan.h"
#include "planbuild.h"
#include "precheck.h"

#define SPECIAL "web & db <prod> \"blue\" é"

static struct inv *inventory(const char *api_type)
{
	struct inv *inv = ib_new(api_type);
	ib_cluster(inv, "c-1", "C0");
	ib_host(inv, "c-1", "h-1", "esx1");
	ib_host(inv, "c-1", "h-2", "esx2");
	ib_host(inv, "c-1", "h-3", "esx3");
	for (size_t i = 0; i < inv->n_hosts; i++)
		ib_ruleset(&inv->hosts[i], "vic-engine", true, true, 2377, 2377);
	ib_switch(inv, "dvs-1", "DVS0", "dvportgroup-up");
	ib_switch(inv, "dvs-2", "DVS1", "dvportgroup-up2");
	ib_network(inv, INV_NET_DVPG, "dvportgroup-10", "br", "dvs-1", NULL);
	ib_network(inv, INV_NET_DVPG, "dvportgroup-11", "pub", "dvs-1", NULL);
	ib_network(inv, INV_NET_DVPG, "dvportgroup-12", SPECIAL, "dvs-1", NULL);
	static const char *const no_h2[] = {"h-2", NULL};
	ib_network(inv, INV_NET_DVPG, "dvportgroup-13", "det", "dvs-1", no_h2);
	ib_network(inv, INV_NET_DVPG, "dvportgroup-14", "dup", "dvs-1", NULL);
	ib_network(inv, INV_NET_DVPG, "dvportgroup-15", "dup", "dvs-2", NULL);
	ib_network(inv, INV_NET_DVPG, "dvportgroup-16", "bridge", "dvs-1", NULL);
	ib_network(inv, INV_NET_STANDARD, "network-7", "VM Network", NULL, NULL);
	ib_network(inv, INV_NET_OPAQUE, "opaque-1", "nsx-seg", NULL, NULL);
	static const char *const all[] = {"h-1", "h-2", "h-3", NULL};
	ib_datastore(inv, "datastore-1", "ds1", all);
	ib_finish(inv);
	return inv;
}

/* The base plan on this inventory, then the settings. */
static struct plan *plan(const char *const *settings)
{
	static const char *const base[] = {"target.datacenter=DC0", "target.computeResource=C0",
					    "target.imageStore=ds1", "networks.bridge.portGroup=br",
					    "networks.public.portGroup=VM Network", NULL};
	struct plan *p = pb_make(base);
	pb_set(p, settings);
	return p;
}

struct run {
	struct inv *inv;
	struct plan *p;
	struct findings f;
	int errors;
};

static void run(struct run *r, const char *api_type, const char *const *settings)
{
	memset(r, 0, sizeof *r);
	r->inv = inventory(api_type);
	r->p = plan(settings);
	r->errors = precheck_run(r->inv, r->p, &r->f);
}

static void done(struct run *r)
{
	findings_free(&r->f);
	plan_free(r->p);
	inv_free(r->inv);
}

static const struct finding *need(const struct run *r, const char *code, const char *path)
{
	const struct finding *fd = findings_find(&r->f, code, path);
	if (!fd) {
		for (size_t i = 0; i < r->f.n; i++)
			fprintf(stderr, "# have %s at %s: %s\n", r->f.v[i].code, r->f.v[i].path,
				r->f.v[i].message);
		fail_msg("no finding %s at %s", code, path ? path : "(any)");
	}
	return fd;
}

/* What vic-machine's finder makes of a name: patterns, relative paths, switches. */
static void test_finder(void **state)
{
	static const struct { const char *what; int want; const char *first, *err; } t[] = {
		{"br", 1, "/DC0/network/br", NULL},
		{"b?", 1, "/DC0/network/br", NULL},
		{"d*", 3, NULL, NULL},                       /* det, dup, dup */
		{"network/br", 1, "/DC0/network/br", NULL},
		{"DC0/network/br", 1, "/DC0/network/br", NULL},
		{"./br", 1, "/DC0/network/br", NULL},
		{"br/", 1, "/DC0/network/br", NULL},
		{"/DC0/network/br", 1, "/DC0/network/br", NULL},
		{"/*/network/br", 1, "/DC0/network/br", NULL},
		{"DVS0", 1, "/DC0/network/DVS0", NULL},      /* a switch is a network too */
		{"nope", 0, NULL, NULL},
		{"./", 0, NULL, NULL},
		{"br[", -1, NULL, "syntax error in pattern"},
		{"../DC0/network/br", -1, NULL, "cannot traverse up a tree"},
		{"*/br", -1, NULL, "cannot traverse type"},
	};
	(void)state;
	struct inv *inv = inventory("VirtualCenter");
	const struct inv_obj *dc = &inv->datacenters[0].o;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		const struct inv_obj **m = NULL;
		char *err = NULL;
		int n = finder_find(inv, dc, t[i].what, &m, &err);
		if (n != t[i].want)
			fail_msg("%s: %d found, want %d (%s)", t[i].what, n, t[i].want, err ? err : "");
		if (t[i].first)
			assert_string_equal(m[0]->path, t[i].first);
		if (t[i].err)
			assert_non_null(strstr(err, t[i].err));
		free(m);
		free(err);
	}
	inv_free(inv);
}

static void test_clean_plan(void **state)
{
	(void)state;
	struct run r;
	/* public on a distributed port group: the base plan's VM Network would warn */
	static const char *const s[] = {"networks.public.portGroup=pub",
					 "networks.client.portGroup=/DC0/network/" SPECIAL,
					 "networks.container[0].portGroup=nsx-seg", NULL};
	run(&r, "VirtualCenter", s);
	assert_int_equal(r.errors, 0);
	assert_int_equal(r.f.n, 0);
	done(&r);
}

/* A standard port group for public, client or management on vCenter keeps the endpoint
 * VM from vMotion: one warning per port group, naming the roles on it; none on ESXi. */
static void test_standard_vmotion(void **state)
{
	(void)state;
	struct run r;
	const struct finding *fd;
	static const char *const shared[] = {NULL};
	run(&r, "VirtualCenter", shared);
	assert_int_equal(r.errors, 0);
	fd = need(&r, "pg-standard-vmotion", "networks.public.portGroup");
	assert_int_equal(fd->severity, FINDING_WARNING);
	assert_false(fd->vic);
	assert_non_null(strstr(fd->message, "the public, client and management networks are on "
					    "\"VM Network\", a standard port group"));
	assert_non_null(strstr(fd->message, "vMotion"));
	assert_non_null(strstr(fd->hint, "distributed port group"));
	assert_int_equal(r.f.n, 1);
	done(&r);

	static const char *const mgmt[] = {"networks.public.portGroup=pub",
					   "networks.management.portGroup=VM Network", NULL};
	run(&r, "VirtualCenter", mgmt);
	fd = need(&r, "pg-standard-vmotion", "networks.management.portGroup");
	assert_non_null(strstr(fd->message, "the management network \"VM Network\" is a standard"));
	assert_int_equal(r.f.n, 1);
	done(&r);

	/* a standalone ESXi host has no vMotion to lose */
	run(&r, "HostAgent", shared);
	assert_null(findings_find(&r.f, "pg-standard-vmotion", NULL));
	done(&r);
}

static void test_resolve(void **state)
{
	(void)state;
	struct inv *inv = inventory("VirtualCenter");
	const struct inv_obj *dc = &inv->datacenters[0].o;
	const struct inv_network **m = NULL;
	assert_int_equal(finder_resolve(inv, dc, SPECIAL, &m), 1);
	assert_string_equal(m[0]->o.id, "dvportgroup-12");
	free(m);
	assert_int_equal(finder_resolve(inv, dc, "/DC0/network/" SPECIAL, &m), 1);
	assert_string_equal(m[0]->o.id, "dvportgroup-12");
	free(m);
	assert_int_equal(finder_resolve(inv, dc, "dup", &m), 2);
	free(m);
	/* the two "dup" even share their path */
	assert_int_equal(finder_resolve(inv, dc, "/DC0/network/dup", &m), 2);
	free(m);
	assert_int_equal(finder_resolve(inv, dc, "web", &m), 0);
	free(m);
	assert_int_equal(finder_resolve(inv, dc, "/DC1/network/br", &m), 0);
	free(m);
	inv_free(inv);
}

static void test_not_found_with_candidates(void **state)
{
	(void)state;
	struct run r;
	static const char *const s[] = {"networks.bridge.portGroup=nope",
					 "networks.public.portGroup=gone", NULL};
	run(&r, "VirtualCenter", s);
	/* client and management default to public's port group: vic-machine looks it up,
	 * and reports it, once for each role */
	assert_int_equal(r.errors, 4);
	const struct finding *fd = need(&r, "pg-not-found", "networks.client.portGroup");
	assert_string_equal(fd->message,
			    "Error checking network for --client-network: network 'gone' not found");
	fd = need(&r, "pg-not-found", "networks.management.portGroup");
	assert_string_equal(fd->message,
			    "Error checking network for --management-network: network 'gone' not found");
	fd = need(&r, "pg-not-found", "networks.bridge.portGroup");
	assert_true(fd->vic);
	assert_string_equal(fd->message, "An existing distributed port group or opaque network must "
					 "be specified for bridge network on vCenter: network 'nope' "
					 "not found");
	/* bridge candidates: DVPGs and NSX, no standard network, no uplink; "bridge" is
	 * offered only for the bridge */
	assert_non_null(strstr(fd->hint, "\"br\""));
	assert_non_null(strstr(fd->hint, "\"nsx-seg\""));
	assert_non_null(strstr(fd->hint, "\"bridge\""));
	assert_null(strstr(fd->hint, "VM Network"));
	assert_null(strstr(fd->hint, "Uplinks"));
	/* duplicate names are offered by path, and same paths with the switch */
	assert_non_null(strstr(fd->hint, "\"/DC0/network/dup\" (on DVS0)"));
	fd = need(&r, "pg-not-found", "networks.public.portGroup");
	assert_string_equal(fd->message,
			    "Error checking network for --public-network: network 'gone' not found");
	assert_non_null(strstr(fd->hint, "\"VM Network\""));
	assert_null(strstr(fd->hint, "\"bridge\""));
	done(&r);
}

static void test_ambiguous(void **state)
{
	(void)state;
	struct run r;
	static const char *const s[] = {"networks.container[0].portGroup=dup",
					 "networks.container[0].alias=dupnet", NULL};
	run(&r, "VirtualCenter", s);
	assert_int_equal(r.errors, 1);
	const struct finding *fd = need(&r, "pg-ambiguous", "networks.container[0].portGroup");
	assert_string_equal(fd->message,
			    "Error adding container network \"dupnet\": ambiguous network dup");
	assert_non_null(strstr(fd->hint, "dvportgroup-14"));
	assert_non_null(strstr(fd->hint, "dvportgroup-15"));
	assert_non_null(strstr(fd->hint, "DVS1"));
	done(&r);
}

static void test_name_vs_path(void **state)
{
	(void)state;
	struct run r;
	static const char *const s[] = {"networks.public.portGroup=/DC0/network/pub",
					 "networks.client.portGroup=pub", NULL};
	run(&r, "VirtualCenter", s);
	assert_int_equal(r.errors, 1);
	const struct finding *fd = need(&r, "pg-spelling", "networks.client.portGroup");
	assert_non_null(strstr(fd->message, "same port group"));
	done(&r);

	/* bridge written as a path, public by name: a shared bridge vic-machine misses */
	static const char *const s2[] = {"networks.bridge.portGroup=/DC0/network/pub",
					  "networks.public.portGroup=pub", NULL};
	run(&r, "VirtualCenter", s2);
	fd = need(&r, "pg-spelling", "networks.public.portGroup");
	assert_non_null(strstr(fd->message, "bridge"));
	done(&r);

	/* a container network may share public's port group, however written */
	static const char *const s3[] = {"networks.public.portGroup=pub",
					  "networks.container[0].portGroup=/DC0/network/pub", NULL};
	run(&r, "VirtualCenter", s3);
	assert_int_equal(r.errors, 0);
	done(&r);
}

static void test_uplink_refused_for_every_role(void **state)
{
	(void)state;
	static const char *const keys[] = {"networks.bridge.portGroup", "networks.public.portGroup",
					   "networks.management.portGroup",
					   "networks.container[0].portGroup"};
	for (size_t i = 0; i < 4; i++) {
		char *set = xasprintf("%s=DVS0-Uplinks", keys[i]);
		const char *const s[] = {set, NULL};
		struct run r;
		run(&r, "VirtualCenter", s);
		const struct finding *fd = need(&r, "pg-uplink", keys[i]);
		assert_int_equal(fd->severity, FINDING_ERROR);
		assert_non_null(strstr(fd->message, "uplink port group of distributed switch DVS0"));
		done(&r);
		free(set);
	}
}

static void test_types_vcenter_and_esxi(void **state)
{
	(void)state;
	struct run r;
	static const char *const s[] = {"networks.bridge.portGroup=VM Network",
					 "networks.public.portGroup=pub",
					 "networks.container[0].portGroup=VM Network",
					 "networks.container[0].alias=vmnet", NULL};
	run(&r, "VirtualCenter", s);
	assert_int_equal(r.errors, 2);
	const struct finding *fd = need(&r, "pg-type", "networks.bridge.portGroup");
	assert_true(fd->vic);
	assert_string_equal(fd->message, "An existing distributed port group or opaque network must "
					 "be specified for bridge network on vCenter: \"VM Network\" "
					 "is not a Distributed Port Group or an Opaque Network");
	fd = need(&r, "pg-type", "networks.container[0].portGroup");
	assert_string_equal(fd->message, "Error adding container network \"vmnet\": \"VM Network\" "
					 "is not a Distributed Port Group or an Opaque Network");
	done(&r);

	/* a standalone ESXi takes any type */
	run(&r, "HostAgent", s);
	assert_int_equal(r.errors, 0);
	assert_null(findings_find(&r.f, "pg-type", NULL));
	done(&r);

	/* opaque (NSX) bridge on vCenter: fine */
	static const char *const s2[] = {"networks.bridge.portGroup=nsx-seg", NULL};
	run(&r, "VirtualCenter", s2);
	assert_int_equal(r.errors, 0);
	done(&r);
}

static void test_membership(void **state)
{
	(void)state;
	struct run r;
	static const char *const s[] = {"networks.bridge.portGroup=det", NULL};
	run(&r, "VirtualCenter", s);
	assert_int_equal(r.errors, 1);
	const struct finding *fd = need(&r, "pg-hosts-missing", "networks.bridge.portGroup");
	assert_true(fd->vic);
	assert_string_equal(fd->message, "All cluster hosts must be in the vDS or Opaque Network. "
					 "\"det\" is missing hosts: [/DC0/host/C0/esx2]");
	done(&r);

	/* public, client, management: a warning */
	static const char *const s2[] = {"networks.public.portGroup=det",
					  "networks.container[0].portGroup=det", NULL};
	run(&r, "VirtualCenter", s2);
	assert_int_equal(r.errors, 1);
	fd = need(&r, "pg-hosts-missing", "networks.public.portGroup");
	assert_int_equal(fd->severity, FINDING_WARNING);
	assert_non_null(strstr(fd->message, "esx2"));
	fd = need(&r, "pg-hosts-missing", "networks.container[0].portGroup");
	assert_int_equal(fd->severity, FINDING_ERROR);
	done(&r);

	/* ESXi: not checked */
	run(&r, "HostAgent", s);
	assert_null(findings_find(&r.f, "pg-hosts-missing", NULL));
	done(&r);
}

static void test_recorded_ids(void **state)
{
	(void)state;
	struct run r;
	memset(&r, 0, sizeof r);
	r.inv = inventory("VirtualCenter");
	r.p = plan(NULL);
	r.p->bridge.id = xstrdup("dvportgroup-99");
	r.p->public_net.id = xstrdup("network-7");
	r.errors = precheck_run(r.inv, r.p, &r.f);
	assert_int_equal(r.errors, 0);
	const struct finding *fd = need(&r, "pg-id-changed", "networks.bridge.id");
	assert_int_equal(fd->severity, FINDING_WARNING);
	assert_non_null(strstr(fd->message, "renamed or replaced"));
	assert_null(findings_find(&r.f, "pg-id-changed", "networks.public.id"));
	findings_free(&r.f);

	/* the recorded port group now has another name */
	free(r.p->bridge.port_group);
	r.p->bridge.port_group = xstrdup("old-bridge");
	free(r.p->bridge.id);
	r.p->bridge.id = xstrdup("dvportgroup-10");
	r.errors = precheck_run(r.inv, r.p, &r.f);
	need(&r, "pg-not-found", "networks.bridge.portGroup");
	fd = need(&r, "pg-renamed", "networks.bridge.id");
	assert_non_null(strstr(fd->message, "now named \"br\""));
	done(&r);
}

static void test_target_objects(void **state)
{
	(void)state;
	struct run r;
	static const char *const s[] = {"target.computeResource=C9", "target.imageStore=nods/x", NULL};
	run(&r, "VirtualCenter", s);
	/* and, as vic-machine says, the checks that need the cluster are skipped */
	assert_int_equal(r.errors, 4);
	need(&r, "compute-not-found", "target.computeResource");
	need(&r, "imagestore-not-found", "target.imageStore");
	need(&r, "compute-checks-skipped", "target.computeResource");
	need(&r, "pg-hosts-unchecked", "networks.bridge.portGroup");
	done(&r);

	/* with the firewall: skipped, and said so */
	memset(&r, 0, sizeof r);
	r.inv = inventory("VirtualCenter");
	r.p = plan(s);
	struct fw_report fw;
	r.errors = precheck_live(r.inv, r.p, &r.f, &fw);
	assert_int_equal(r.errors, 4);
	assert_int_equal(fw.n_hosts, 0);
	need(&r, "firewall-skipped", NULL);
	firewall_report_free(&fw);
	done(&r);

	static const char *const s2[] = {"target.datacenter=DC9", NULL};
	run(&r, "VirtualCenter", s2);
	assert_int_equal(r.errors, 1);
	need(&r, "datacenter-not-found", "target.datacenter");
	done(&r);

	/* by path, and "ds://" image stores */
	static const char *const s3[] = {"target.computeResource=/DC0/host/C0",
					  "target.imageStore=ds://ds1/images", NULL};
	run(&r, "VirtualCenter", s3);
	assert_int_equal(r.errors, 0);
	done(&r);
}

static void test_bridge_created_later(void **state)
{
	(void)state;
	struct run r;
	memset(&r, 0, sizeof r);
	r.inv = inventory("VirtualCenter");
	static const char *const s[] = {"networks.bridge.portGroup=vch-new-bridge", NULL};
	r.p = plan(s);
	r.p->bridge.create = true;
	r.p->bridge.create_switch = xstrdup("DVS0");
	r.errors = precheck_run(r.inv, r.p, &r.f);
	assert_int_equal(r.errors, 0);
	free(r.p->bridge.create_switch);
	r.p->bridge.create_switch = xstrdup("DVS7");
	r.errors = precheck_run(r.inv, r.p, &r.f);
	assert_int_equal(r.errors, 1);
	need(&r, "bridge-switch-not-found", NULL);
	done(&r);

	/* on ESXi vic-machine creates a missing bridge itself: a warning */
	run(&r, "HostAgent", s);
	assert_int_equal(r.errors, 0);
	need(&r, "bridge-will-be-created", "networks.bridge.portGroup");
	done(&r);
}

static void test_live_adds_firewall(void **state)
{
	(void)state;
	struct inv *inv = inventory("VirtualCenter");
	/* esx3 blocks 2377 */
	inv->hosts[2].rulesets[0].enabled = false;
	struct plan *p = plan(NULL);
	struct findings f = {0};
	struct fw_report fw;
	int errors = precheck_live(inv, p, &f, &fw);
	assert_int_equal(errors, 2);
	assert_int_equal(fw.n_hosts, 3);
	const struct finding *fd = findings_find(&f, "firewall-blocked", NULL);
	assert_non_null(fd);
	assert_non_null(strstr(fd->message, "esx3"));
	assert_non_null(findings_find(&f, "firewall-must-permit", NULL));
	firewall_report_free(&fw);
	findings_free(&f);
	plan_free(p);
	inv_free(inv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_finder),
		cmocka_unit_test(test_clean_plan),
		cmocka_unit_test(test_standard_vmotion),
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_not_found_with_candidates),
		cmocka_unit_test(test_ambiguous),
		cmocka_unit_test(test_name_vs_path),
		cmocka_unit_test(test_uplink_refused_for_every_role),
		cmocka_unit_test(test_types_vcenter_and_esxi),
		cmocka_unit_test(test_membership),
		cmocka_unit_test(test_recorded_ids),
		cmocka_unit_test(test_target_objects),
		cmocka_unit_test(test_bridge_created_later),
		cmocka_unit_test(test_live_adds_firewall),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
