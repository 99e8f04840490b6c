/* Unit tests of the firewall check: the verdict of one host over rulesets built in C
 * (every case of doc/vic-networking.md 10.30, and where we do better than vic-machine),
 * the host selection of firewall_check(), the findings, the fix plan and the table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "findings.h"
#include "firewall.h"
#include "inv.h"
#include "invbuild.h"
#include "mem.h"
#include "plan.h"
#include "planbuild.h"

/* One host h-1 in cluster c-1; the test adds rulesets to hosts[0]. */
static struct inv *one_host(void)
{
	struct inv *inv = ib_new("VirtualCenter");
	ib_cluster(inv, "c-1", "C0");
	ib_host(inv, "c-1", "h-1", "esx1");
	return inv;
}

/* The stock ESXi rulesets that cover 2377, all disabled, plus an unrelated one. */
static void stock(struct inv_host *h, bool vic_engine)
{
	ib_ruleset(h, "sshServer", true, true, 22, 0);
	ib_rule(h, "inbound", "dst", "tcp", 22, 0);
	if (vic_engine)
		ib_ruleset(h, "vic-engine", false, true, 2377, 2377);
	ib_ruleset(h, "vSPC", false, true, 0, 65535);
	ib_ruleset(h, "nfsClient", false, true, 0, 65535);
	ib_ruleset(h, "remoteSerialPort", false, true, 0, 65535);
}

static struct inv_ruleset *rs_of(struct inv_host *h, const char *key)
{
	for (size_t i = 0; i < h->n_rulesets; i++)
		if (strcmp(h->rulesets[i].key, key) == 0)
			return &h->rulesets[i];
	fail_msg("no ruleset %s", key);
	abort();
}

/* Enables the ruleset key for the IPs the test then lists (none yet). */
static struct inv_ruleset *limited(struct inv_host *h, const char *key)
{
	struct inv_ruleset *rs = rs_of(h, key);
	rs->enabled = true;
	rs->all_ip = false;
	return rs;
}

/* The single-host tests: setup builds one_host(), the test adds rulesets and judges,
 * teardown frees both. */
struct one {
	struct inv *inv;
	struct inv_host *host; /* inv->hosts[0] */
	struct fw_host h;      /* the last verdict */
	bool judged;
};

static int one_setup(void **state)
{
	struct one *o = xcalloc(1, sizeof *o);
	o->inv = one_host();
	o->host = &o->inv->hosts[0];
	*state = o;
	return 0;
}

static int one_teardown(void **state)
{
	struct one *o = *state;
	if (o->judged)
		firewall_host_free(&o->h);
	inv_free(o->inv);
	free(o);
	return 0;
}

/* The verdict of the host for management IP ip; judging again takes the rulesets as
 * they are now. */
static const struct fw_host *judge(struct one *o, const char *ip)
{
	if (o->judged)
		firewall_host_free(&o->h);
	else
		ib_finish(o->inv);
	firewall_judge_host(o->host, ip, &o->h);
	o->judged = true;
	return &o->h;
}

/* vic-engine enabled for 10.0.0.0/8 only */
static void restricted_host(struct inv_host *host)
{
	stock(host, true);
	strv_push(&limited(host, "vic-engine")->ip_networks, "10.0.0.0/8");
}

static void test_blocked_no_ruleset_enabled(void **state)
{
	struct one *o = *state;
	stock(o->host, true);
	const struct fw_host *h = judge(o, NULL);
	assert_int_equal(h->verdict, FW_BLOCKED);
	assert_true(firewall_verdict_is_error(h->verdict));
	assert_int_equal(h->state, FW_STATE_ON);
	assert_int_equal(h->rulesets.n, 0);
	assert_string_equal(h->vic_message, "Firewall configuration incorrect on hosts: \"/DC0/host/C0/esx1\"");
	assert_non_null(strstr(h->reason, "no enabled ruleset allows dst 2377/tcp outbound"));
	assert_non_null(strstr(h->fix, "vic-engine"));
	assert_string_equal(h->fix_ruleset, "vic-engine");
}

static void test_disabled_firewall_is_warning(void **state)
{
	struct one *o = *state;
	stock(o->host, true);
	o->host->incoming_blocked = o->host->outgoing_blocked = false;
	const struct fw_host *h = judge(o, NULL);
	assert_int_equal(h->verdict, FW_DISABLED);
	assert_false(firewall_verdict_is_error(h->verdict));
	assert_int_equal(h->state, FW_STATE_OFF);
	assert_non_null(strstr(h->vic_message, "will be incorrect if firewall is reenabled"));
	assert_non_null(strstr(h->reason, "firewall is off"));
}

static void test_vspc_all_ip_ok(void **state)
{
	struct one *o = *state;
	stock(o->host, false);
	rs_of(o->host, "vSPC")->enabled = true;
	const struct fw_host *h = judge(o, "192.168.1.5");
	assert_int_equal(h->verdict, FW_OK);
	assert_false(h->vic_disagrees);
	assert_int_equal(h->rulesets.n, 1);
	assert_string_equal(h->rulesets.v[0], "vSPC");
	assert_true(h->all_ip);
	assert_int_equal(h->allowed.n, 0);
	assert_null(h->fix);
	assert_null(h->fix_ruleset);
}

static void test_static_ip_outside_network_restricted(void **state)
{
	struct one *o = *state;
	restricted_host(o->host);
	const struct fw_host *h = judge(o, "192.168.1.5/24");
	assert_int_equal(h->verdict, FW_RESTRICTED);
	assert_true(firewall_verdict_is_error(h->verdict));
	assert_string_equal(h->vic_message,
			    "Firewall configuration on \"/DC0/host/C0/esx1\" does not permit dst 2377/tcp "
			    "outbound for 192.168.1.5 with allowed IPs: [10.0.0.0/8]");
	assert_non_null(strstr(h->fix, "192.168.1.5"));
	assert_non_null(strstr(h->fix, "192.168.1.0/24"));
	assert_non_null(strstr(h->fix, "vic-engine"));
}

static void test_static_ip_inside_network_ok(void **state)
{
	struct one *o = *state;
	restricted_host(o->host);
	const struct fw_host *h = judge(o, "10.2.3.4/16");
	assert_int_equal(h->verdict, FW_OK);
	assert_int_equal(h->allowed.n, 1);
	assert_string_equal(h->allowed.v[0], "10.0.0.0/8");
	assert_non_null(strstr(h->reason, "10.2.3.4"));
}

static void test_static_ip_equal_to_address_ok(void **state)
{
	struct one *o = *state;
	restricted_host(o->host);
	strv_push(&rs_of(o->host, "vic-engine")->ip_addresses, "192.168.1.5");
	assert_int_equal(judge(o, "192.168.1.5")->verdict, FW_OK);
	/* one address off: restricted; the list prints networks first */
	const struct fw_host *h = judge(o, "192.168.1.6");
	assert_int_equal(h->verdict, FW_RESTRICTED);
	assert_non_null(strstr(h->vic_message, "with allowed IPs: [10.0.0.0/8 192.168.1.5]"));
}

static void test_dhcp_with_list_unverifiable(void **state)
{
	struct one *o = *state;
	restricted_host(o->host);
	const struct fw_host *h = judge(o, NULL);
	assert_int_equal(h->verdict, FW_UNVERIFIABLE);
	assert_false(firewall_verdict_is_error(h->verdict));
	assert_string_equal(h->vic_message,
			    "Firewall configuration on \"/DC0/host/C0/esx1\" may prevent connection on "
			    "dst 2377/tcp outbound with allowed IPs: [10.0.0.0/8]");
	assert_non_null(strstr(h->reason, "DHCP"));
}

static void test_dhcp_empty_list_blocked(void **state)
{
	struct one *o = *state;
	stock(o->host, true);
	limited(o->host, "vic-engine");
	const struct fw_host *h = judge(o, NULL);
	assert_int_equal(h->verdict, FW_BLOCKED);
	assert_int_equal(h->rulesets.n, 1);
	assert_non_null(strstr(h->reason, "allows no IP"));
}

/* Each ruleset enabled alone with allIp: does it count for dst 2377/tcp outbound? */
static void test_rule_matching(void **state)
{
	(void)state;
	static const struct {
		const char *dir, *type, *proto;
		int port, end;
		enum fw_verdict want;
	} t[] = {
		{"outbound", "dst", "tcp", 2377, 0, FW_OK},
		{"outbound", "dst", "tcp", 2376, 0, FW_BLOCKED},
		{"outbound", "dst", "tcp", 2378, 0, FW_BLOCKED},
		{"outbound", "dst", "tcp", 2000, 3000, FW_OK},
		{"outbound", "dst", "tcp", 2377, 2377, FW_OK},
		{"outbound", "dst", "tcp", 2300, 2377, FW_OK},
		{"outbound", "dst", "tcp", 2378, 3000, FW_BLOCKED},
		{"outbound", "dst", "tcp", 0, 2376, FW_BLOCKED},
		{"inbound", "dst", "tcp", 2377, 0, FW_BLOCKED},
		{"outbound", "src", "tcp", 2377, 0, FW_BLOCKED},
		{"outbound", "dst", "udp", 2377, 0, FW_BLOCKED},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		struct inv *inv = one_host();
		struct inv_host *hh = &inv->hosts[0];
		struct inv_ruleset *rs = inv_host_add_ruleset(hh);
		rs->key = xstrdup("custom");
		rs->enabled = true;
		rs->all_ip = true;
		ib_rule(hh, t[i].dir, t[i].type, t[i].proto, t[i].port, t[i].end);
		ib_finish(inv);
		struct fw_host h;
		firewall_judge_host(hh, "10.0.0.5", &h);
		if (h.verdict != t[i].want)
			fail_msg("%s %s %s %d-%d: verdict %d, want %d", t[i].dir, t[i].type,
				 t[i].proto, t[i].port, t[i].end, (int)h.verdict, (int)t[i].want);
		firewall_host_free(&h);
		inv_free(inv);
	}
}

/* An unrelated ruleset covering 2377 with an IP list decides the verdict, as in
 * vic-machine (vic-ui#455). */
static void test_unrelated_nfsclient_with_list(void **state)
{
	struct one *o = *state;
	stock(o->host, true);
	strv_push(&limited(o->host, "nfsClient")->ip_networks, "10.0.0.0/8");
	const struct fw_host *h = judge(o, "192.168.1.5");
	assert_int_equal(h->verdict, FW_RESTRICTED);
	assert_string_equal(h->rulesets.v[0], "nfsClient");
	/* and a second enabled ruleset for all IPs makes it OK */
	rs_of(o->host, "vSPC")->enabled = true;
	h = judge(o, "192.168.1.5");
	assert_int_equal(h->verdict, FW_OK);
	assert_int_equal(h->rulesets.n, 2);
}

static void test_no_firewall_info_unknown(void **state)
{
	struct one *o = *state;
	o->host->have_firewall = false;
	const struct fw_host *h = judge(o, "10.0.0.5");
	assert_int_equal(h->verdict, FW_UNKNOWN);
	assert_false(firewall_verdict_is_error(h->verdict));
	assert_int_equal(h->state, FW_STATE_UNKNOWN);
	assert_string_equal(h->vic_message, "Firewall configuration unavailable on \"/DC0/host/C0/esx1\"");
}

/* vic-machine ignores the default policy; we do not. */
static void test_policy_passes_outbound(void **state)
{
	struct one *o = *state;
	stock(o->host, true);
	o->host->outgoing_blocked = false;
	const struct fw_host *h = judge(o, NULL);
	assert_int_equal(h->verdict, FW_OK);
	assert_true(h->vic_disagrees);
	assert_int_equal(h->state, FW_STATE_PASS_OUT);
	assert_non_null(strstr(h->vic_message, "Firewall configuration incorrect on hosts"));
	assert_non_null(strstr(h->reason, "default policy lets outbound traffic through"));
	assert_non_null(strstr(h->reason, "vic-machine ignores the default policy"));
}

/* Several hosts, built for the report and fix tests: esx1 allow, esx2 blocked,
 * esx3 restricted to 10/8, esx4 no vic-engine (vSPC fallback), esx5 no info, esx6
 * not mounting the datastore, esx7 disconnected, esx8 nothing usable at all. */
static struct inv *cluster(void)
{
	struct inv *inv = ib_new("VirtualCenter");
	ib_cluster(inv, "c-1", "C0");
	static const char *const names[] = {"esx1", "esx2", "esx3", "esx4", "esx5", "esx6",
					    "esx7", "esx8"};
	char id[16];
	for (int i = 0; i < 8; i++) {
		snprintf(id, sizeof id, "h-%d", i + 1);
		ib_host(inv, "c-1", id, names[i]);
	}
	for (size_t i = 0; i < 7; i++)
		stock(&inv->hosts[i], i != 3);
	rs_of(&inv->hosts[0], "vic-engine")->enabled = true;
	struct inv_ruleset *rs = rs_of(&inv->hosts[2], "vic-engine");
	rs->enabled = true;
	rs->all_ip = false;
	strv_push(&rs->ip_networks, "10.0.0.0/8");
	inv->hosts[4].have_firewall = false;
	free(inv->hosts[6].connection_state);
	inv->hosts[6].connection_state = xstrdup("notResponding");
	ib_ruleset(&inv->hosts[7], "sshServer", true, true, 22, 0);
	static const char *const mounted[] = {"h-1", "h-2", "h-3", "h-4", "h-5", "h-7", "h-8", NULL};
	ib_datastore(inv, "datastore-1", "ds1", mounted);
	ib_finish(inv);
	return inv;
}

static struct plan *plan_with(const char *const *settings)
{
	struct plan *p = pb_make(settings);
	return p;
}

static const struct fw_host *by_name(const struct fw_report *r, const char *name)
{
	for (size_t i = 0; i < r->n_hosts; i++)
		if (strcmp(r->hosts[i].name, name) == 0)
			return &r->hosts[i];
	fail_msg("no host %s in the report", name);
	abort();
}

static void test_check_hosts_and_mgmt_ip(void **state)
{
	(void)state;
	struct inv *inv = cluster();
	static const char *const s[] = {"target.computeResource=C0", "target.imageStore=ds1/vch",
					 "networks.bridge.portGroup=br",
					 "networks.public.ip=192.168.1.5/24", NULL};
	struct plan *p = plan_with(s);
	struct fw_report r;
	assert_int_equal(firewall_check(inv, p, &r), 0);
	/* management defaults to public's port group and takes its static IP */
	assert_string_equal(r.mgmt_ip, "192.168.1.5");
	assert_non_null(strstr(r.mgmt_from, "public"));
	assert_string_equal(r.datastore, "ds1");
	assert_int_equal(r.n_hosts, 6);
	for (size_t i = 0; i < r.n_hosts; i++) {
		assert_string_not_equal(r.hosts[i].name, "esx6");
		assert_string_not_equal(r.hosts[i].name, "esx7");
	}
	assert_int_equal(r.skipped.n, 2);
	assert_non_null(strstr(r.skipped.v[0], "esx6: does not mount ds1"));
	assert_non_null(strstr(r.skipped.v[1], "esx7: notResponding"));
	assert_int_equal(by_name(&r, "esx1")->verdict, FW_OK);
	assert_int_equal(by_name(&r, "esx2")->verdict, FW_BLOCKED);
	assert_int_equal(by_name(&r, "esx3")->verdict, FW_RESTRICTED);
	assert_int_equal(by_name(&r, "esx4")->verdict, FW_BLOCKED);
	assert_int_equal(by_name(&r, "esx5")->verdict, FW_UNKNOWN);
	assert_true(firewall_blocking(&r));
	assert_int_equal(firewall_count(&r, FW_BLOCKED), 3);

	struct findings f = {0};
	int errors = firewall_findings(&r, &f);
	assert_int_equal(errors, 5); /* esx2, esx3, esx4, esx8 and the vic-machine summary */
	const struct finding *fd = findings_find(&f, "firewall-must-permit", NULL);
	assert_non_null(fd);
	assert_true(fd->vic);
	assert_string_equal(fd->message,
			    "Firewall must permit dst 2377/tcp outbound to the VCH management interface");
	fd = findings_find(&f, "firewall-restricted", "networks.management.ip");
	assert_non_null(fd);
	assert_non_null(strstr(fd->message, "esx3"));
	assert_non_null(findings_find(&f, "firewall-unknown", NULL));
	findings_free(&f);
	firewall_report_free(&r);

	/* a management role of its own: its own address (here DHCP) */
	static const char *const s2[] = {"networks.management.portGroup=mgmt", NULL};
	pb_set(p, s2);
	assert_int_equal(firewall_check(inv, p, &r), 0);
	assert_null(r.mgmt_ip);
	assert_string_equal(r.mgmt_from, "management role");
	assert_int_equal(by_name(&r, "esx3")->verdict, FW_UNVERIFIABLE);
	firewall_report_free(&r);
	plan_free(p);
	inv_free(inv);
}

static void test_check_missing_target(void **state)
{
	(void)state;
	struct inv *inv = cluster();
	static const char *const s[] = {"target.computeResource=C9", "target.imageStore=ds1", NULL};
	struct plan *p = plan_with(s);
	struct fw_report r;
	assert_int_equal(firewall_check(inv, p, &r), -1);
	firewall_report_free(&r);
	static const char *const s2[] = {"target.computeResource=C0", "target.imageStore=nods", NULL};
	pb_set(p, s2);
	assert_int_equal(firewall_check(inv, p, &r), -1);
	firewall_report_free(&r);
	/* no host mounting the datastore: checked nothing, and says so */
	static const char *const s3[] = {"target.imageStore=ds2", NULL};
	pb_set(p, s3);
	ib_datastore(inv, "datastore-2", "ds2", NULL);
	ib_finish(inv);
	assert_int_equal(firewall_check(inv, p, &r), 0);
	assert_int_equal(r.n_hosts, 0);
	struct findings f = {0};
	assert_int_equal(firewall_findings(&r, &f), 0);
	assert_non_null(findings_find(&f, "firewall-no-hosts", NULL));
	findings_free(&f);
	firewall_report_free(&r);
	plan_free(p);
	inv_free(inv);
}

static void test_fix_plan(void **state)
{
	(void)state;
	struct inv *inv = cluster();
	static const char *const s[] = {"target.computeResource=C0", "target.imageStore=ds1",
					 "networks.public.ip=192.168.1.5/24", NULL};
	struct plan *p = plan_with(s);
	struct fw_report r;
	assert_int_equal(firewall_check(inv, p, &r), 0);
	assert_int_equal(firewall_plan_fix(&r, false), 2);
	assert_int_equal(by_name(&r, "esx1")->fix_action, FW_FIX_NONE);
	assert_int_equal(by_name(&r, "esx2")->fix_action, FW_FIX_ENABLE);
	assert_string_equal(by_name(&r, "esx2")->fix_ruleset, "vic-engine");
	/* restricted: only with the explicit flag, and then through vSPC (vic-engine is
	 * already enabled, limited to 10/8) */
	assert_int_equal(by_name(&r, "esx3")->fix_action, FW_FIX_NEEDS_ALLOW);
	assert_string_equal(by_name(&r, "esx3")->fix_ruleset, "vSPC");
	assert_int_equal(by_name(&r, "esx4")->fix_action, FW_FIX_ENABLE);
	assert_string_equal(by_name(&r, "esx4")->fix_ruleset, "vSPC");
	assert_non_null(strstr(by_name(&r, "esx4")->fix_why, "vic-engine does not exist"));
	assert_int_equal(by_name(&r, "esx5")->fix_action, FW_FIX_CANNOT);
	assert_int_equal(by_name(&r, "esx8")->fix_action, FW_FIX_CANNOT);
	assert_non_null(strstr(by_name(&r, "esx8")->fix_why, "neither vic-engine nor vSPC"));
	assert_int_equal(firewall_plan_fix(&r, true), 3);
	assert_int_equal(by_name(&r, "esx3")->fix_action, FW_FIX_ENABLE);

	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	firewall_plan_fix(&r, false);
	firewall_print_plan(out, &r);
	firewall_print(out, &r);
	fclose(out);
	assert_non_null(strstr(buf, "esx2: enable ruleset vic-engine"));
	assert_non_null(strstr(buf, "esx4: enable ruleset vSPC"));
	assert_non_null(strstr(buf, "esx3: NOT changed"));
	assert_non_null(strstr(buf, "--allow-all-ips"));
	assert_non_null(strstr(buf, "HOST"));
	assert_non_null(strstr(buf, "skipped esx6: does not mount ds1"));
	assert_non_null(strstr(buf, "VCH management IP: 192.168.1.5 (static"));
	free(buf);
	firewall_report_free(&r);
	plan_free(p);
	inv_free(inv);
}

/* Hosts that pass only through the default policy are fixed too: vic-machine would
 * refuse them; a second plan after the fix has nothing to do. */
static void test_fix_policy_pass_and_idempotent(void **state)
{
	(void)state;
	struct inv *inv = one_host();
	stock(&inv->hosts[0], true);
	inv->hosts[0].outgoing_blocked = false;
	static const char *const mounted[] = {"h-1", NULL};
	ib_datastore(inv, "datastore-1", "ds1", mounted);
	ib_finish(inv);
	static const char *const s[] = {"target.computeResource=C0", "target.imageStore=ds1", NULL};
	struct plan *p = plan_with(s);
	struct fw_report r;
	assert_int_equal(firewall_check(inv, p, &r), 0);
	assert_false(firewall_blocking(&r));
	struct findings f = {0};
	assert_int_equal(firewall_findings(&r, &f), 0);
	assert_non_null(findings_find(&f, "firewall-vic-disagrees", NULL));
	findings_free(&f);
	assert_int_equal(firewall_plan_fix(&r, false), 1);
	firewall_report_free(&r);
	/* what the fix does on the host */
	rs_of(&inv->hosts[0], "vic-engine")->enabled = true;
	assert_int_equal(firewall_check(inv, p, &r), 0);
	assert_int_equal(r.hosts[0].verdict, FW_OK);
	assert_false(r.hosts[0].vic_disagrees);
	assert_int_equal(firewall_plan_fix(&r, true), 0);
	firewall_report_free(&r);
	plan_free(p);
	inv_free(inv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_blocked_no_ruleset_enabled, one_setup, one_teardown),
		cmocka_unit_test_setup_teardown(test_disabled_firewall_is_warning, one_setup, one_teardown),
		cmocka_unit_test_setup_teardown(test_vspc_all_ip_ok, one_setup, one_teardown),
		cmocka_unit_test_setup_teardown(test_static_ip_outside_network_restricted, one_setup, one_teardown),
		cmocka_unit_test_setup_teardown(test_static_ip_inside_network_ok, one_setup, one_teardown),
		cmocka_unit_test_setup_teardown(test_static_ip_equal_to_address_ok, one_setup, one_teardown),
		cmocka_unit_test_setup_teardown(test_dhcp_with_list_unverifiable, one_setup, one_teardown),
		cmocka_unit_test_setup_teardown(test_dhcp_empty_list_blocked, one_setup, one_teardown),
		cmocka_unit_test(test_rule_matching),
		cmocka_unit_test_setup_teardown(test_unrelated_nfsclient_with_list, one_setup, one_teardown),
		cmocka_unit_test_setup_teardown(test_no_firewall_info_unknown, one_setup, one_teardown),
		cmocka_unit_test_setup_teardown(test_policy_passes_outbound, one_setup, one_teardown),
		cmocka_unit_test(test_check_hosts_and_mgmt_ip),
		cmocka_unit_test(test_check_missing_target),
		cmocka_unit_test(test_fix_plan),
		cmocka_unit_test(test_fix_policy_pass_and_idempotent),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
