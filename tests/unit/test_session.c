/* Unit tests of the wizard session (src/wizard/session.c), the core both faces drive,
 * over an inventory built in C: what a plan names that the inventory lacks, the
 * network lists with their reasons and the suggestion, the one resume walk (to a
 * draft's step, stopping where a choice is gone), and the words about drafts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "draft.h"
#include "err.h"
#include "inv.h"
#include "invbuild.h"
#include "mem.h"
#include "session.h"

static struct inv *inventory(void)
{
	static const char *const all[] = {"h-1", "h-2", NULL};
	struct inv *inv = ib_new("VirtualCenter");

	ib_cluster(inv, "c-1", "C0");
	ib_host(inv, "c-1", "h-1", "esx1");
	ib_host(inv, "c-1", "h-2", "esx2");
	ib_switch(inv, "dvs-1", "DVS0", "dvportgroup-up");
	ib_network(inv, INV_NET_DVPG, "dvportgroup-10", "vch-bridge", "dvs-1", NULL);
	ib_network(inv, INV_NET_DVPG, "dvportgroup-11", "cn-pg", "dvs-1", NULL);
	ib_network(inv, INV_NET_STANDARD, "network-7", "VM Network", NULL, NULL);
	ib_datastore(inv, "datastore-1", "ds1", all);
	ib_finish(inv);
	return inv;
}

/* A connected session on that inventory with a plan through the public step. */
static void start(struct session *s)
{
	struct plan *p = plan_new();

	mem_set_str(&p->target.url, "vc.example.com");
	mem_set_str(&p->target.username, "administrator@vsphere.local");
	mem_set_str(&p->name, "vch-01");
	mem_set_str(&p->target.datacenter, "DC0");
	mem_set_str(&p->target.compute_resource, "C0");
	mem_set_str(&p->target.image_store, "ds1");
	mem_set_str(&p->bridge.port_group, "vch-bridge");
	mem_set_str(&p->public_net.port_group, "VM Network");
	p->public_net.present = true;
	session_init(s, p, (1u << WIZARD_STEP_COUNT) - 1);
	s->inv = inventory();
	s->on_vcenter = true;
	s->wz.connected = true;
}

static void test_missing(void **state)
{
	struct session s;
	const char *m;
	(void)state;

	start(&s);
	assert_null(session_missing(&s, WIZARD_SCOPE));
	assert_null(session_missing(&s, WIZARD_PUBLIC));
	mem_set_str(&s.wz.plan->target.compute_resource, "gone");
	m = session_missing(&s, WIZARD_SCOPE);
	assert_non_null(m);
	assert_non_null(strstr(m, "compute resource \"gone\" is not in this datacenter"));
	mem_set_str(&s.wz.plan->target.compute_resource, "C0");
	mem_set_str(&s.wz.plan->target.image_store, "nowhere");
	assert_non_null(strstr(session_missing(&s, WIZARD_SCOPE), "image datastore \"nowhere\""));
	/* vic-machine takes datastore/path */
	mem_set_str(&s.wz.plan->target.image_store, "ds1/images");
	assert_null(session_missing(&s, WIZARD_SCOPE));
	mem_set_str(&s.wz.plan->public_net.port_group, "gone-pg");
	m = session_missing(&s, WIZARD_PUBLIC);
	assert_non_null(m);
	assert_non_null(strstr(m, "public port group \"gone-pg\""));
	/* a bridge the wizard creates is not in the inventory yet */
	mem_set_str(&s.wz.plan->bridge.port_group, "to-create");
	s.wz.plan->bridge.create = true;
	assert_null(session_missing(&s, WIZARD_BRIDGE));
	session_free(&s);
}

static long index_of(const struct session_net_choices *c, const char *name)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->v[i].net->o.name, name) == 0)
			return (long)i;
	fail_msg("%s is not listed", name);
	return -1;
}

static void test_net_choices(void **state)
{
	struct session s;
	struct session_net_choices c;
	(void)state;

	start(&s);
	session_datacenter(&s);
	session_net_choices(&s, PLAN_ROLE_BRIDGE, NULL, NULL, &c);
	/* natural order (the switch's uplink port group among them, never usable) */
	long bridge = index_of(&c, "vch-bridge"), vm = index_of(&c, "VM Network");
	assert_true(index_of(&c, "cn-pg") < bridge && bridge < vm);
	/* the standard port group cannot be the bridge on vCenter */
	assert_non_null(c.v[vm].why_not);
	assert_null(c.v[bridge].why_not);
	assert_string_equal(c.v[bridge].label, "vch-bridge (distributed on DVS0, no VLAN, on 2 of 2 hosts)");
	assert_int_equal(c.current, -1);
	assert_int_equal(c.suggested, bridge);
	session_net_choices_free(&c);
	/* the plan's choice, written as the wizard writes names */
	session_net_choices(&s, PLAN_ROLE_PUBLIC, "VM Network", NULL, &c);
	assert_int_equal(c.current, index_of(&c, "VM Network"));
	assert_int_equal(c.suggested, -1);
	session_net_choices_free(&c);
	session_free(&s);
}

static void test_resume(void **state)
{
	struct session s;
	struct draft_info info = {.step = WIZARD_CLIENT, .visited = 0x1f};
	char *m;
	(void)state;

	/* a draft at the client step: after connecting, straight there */
	start(&s);
	session_take_draft(&s, plan_dup(s.wz.plan), &info);
	assert_true(s.wz.draft_target);
	s.wz.connected = true;
	s.have_conn = false;
	assert_int_equal(session_resume(&s, &m), SESSION_RESUME_DONE);
	assert_int_equal(s.wz.step, WIZARD_CLIENT);
	assert_non_null(strstr(m, "Resumed the draft at the Client network step"));
	free(m);
	/* once only */
	assert_int_equal(session_resume(&s, &m), SESSION_RESUME_NONE);
	assert_null(m);
	session_free(&s);

	/* a plan whose public port group is gone: stopped there, saying why */
	start(&s);
	mem_set_str(&s.wz.plan->public_net.port_group, "gone-pg");
	s.resume_to = WIZARD_LAYOUT;
	assert_int_equal(session_resume(&s, &m), SESSION_RESUME_REFUSED);
	assert_int_equal(s.wz.step, WIZARD_PUBLIC);
	assert_non_null(strstr(err_msg(), "\"gone-pg\" is not in this datacenter"));
	assert_non_null(strstr(m, "Resuming stopped at the Public network step"));
	free(m);
	session_free(&s);

	/* the layout is passed only when the user saw it before */
	start(&s);
	s.resume_to = WIZARD_REVIEW;
	assert_int_equal(session_resume(&s, &m), SESSION_RESUME_UNCHOSEN);
	assert_int_equal(s.wz.step, WIZARD_LAYOUT);
	free(m);
	session_free(&s);
}

static void test_draft_outcome(void **state)
{
	char *m;
	(void)state;

	m = session_draft_outcome("/tmp/d.yaml", NULL);
	assert_string_equal(m, "your choices are kept in the draft /tmp/d.yaml ('vchnet wizard' "
			       "offers to resume it)");
	free(m);
	m = session_draft_outcome(NULL, "disk full");
	assert_string_equal(m, "your choices are lost: disk full");
	free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_net_choices),
		cmocka_unit_test(test_resume),
		cmocka_unit_test(test_draft_outcome),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
