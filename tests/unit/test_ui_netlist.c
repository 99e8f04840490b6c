/* test_ui_netlist: the picker model without a terminal — filtering (incremental and
 * not), reasons and marks, lookup, column layout, and 10,000 networks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "netlist.h"

static struct netlist *sample(void)
{
	static const struct {
		const char *name, *type, *sw;
		int vlan;
	} nets[] = {
		{"VM Network", "standard", "vSwitch0", -1},
		{"dvs-public", "distributed", "DSwitch", 10},
		{"dvs-bridge", "distributed", "DSwitch", 20},
		{"DSwitch-Uplinks", "distributed", "DSwitch", -2},
		{"nsx-seg-app", "NSX", NULL, -1},
	};
	struct netlist *l = netlist_new();
	for (size_t i = 0; i < sizeof nets / sizeof nets[0]; i++) {
		struct netlist_entry e = {.name = nets[i].name, .type = nets[i].type,
					  .sw = nets[i].sw, .vlan = nets[i].vlan,
					  .hosts = 3, .hosts_total = 3};
		netlist_add(l, &e);
	}
	return l;
}

static void test_filter(void **state)
{
	struct netlist *l = sample();
	(void)state;
	assert_int_equal(netlist_count(l), 5);
	netlist_filter(l, "DVS");
	assert_int_equal(netlist_count(l), 2);
	assert_string_equal(netlist_row(l, 0)->name, "dvs-public");
	netlist_filter(l, "dvs-b"); /* narrowing */
	assert_int_equal(netlist_count(l), 1);
	assert_string_equal(netlist_row(l, 0)->name, "dvs-bridge");
	netlist_filter(l, "dvs"); /* widening searches everything again */
	assert_int_equal(netlist_count(l), 2);
	netlist_filter(l, "dswitch"); /* matches the switch column too */
	assert_int_equal(netlist_count(l), 3);
	netlist_filter(l, "trunk");
	assert_int_equal(netlist_count(l), 1);
	netlist_filter(l, "zzz");
	assert_int_equal(netlist_count(l), 0);
	netlist_filter(l, "");
	assert_int_equal(netlist_count(l), 5);
	assert_int_equal(netlist_find(l, "nsx-seg-app"), 4);
	assert_int_equal(netlist_find(l, "nope"), -1);
	netlist_free(l);
}

static void test_filter_vlan_words(void **state)
{
	struct netlist *l = sample();
	(void)state;
	netlist_filter(l, "vlan:20");
	assert_int_equal(netlist_count(l), 1);
	assert_string_equal(netlist_row(l, 0)->name, "dvs-bridge");
	netlist_filter(l, "vlan:2"); /* not a prefix match: VLAN 2 exactly */
	assert_int_equal(netlist_count(l), 0);
	netlist_filter(l, "1"); /* a plain number: VLAN 1 or a name with a 1 */
	assert_int_equal(netlist_count(l), 0);
	netlist_filter(l, "10");
	assert_int_equal(netlist_count(l), 1);
	assert_string_equal(netlist_row(l, 0)->name, "dvs-public");
	netlist_filter(l, "dswitch 20"); /* every word: the switch and the VLAN */
	assert_int_equal(netlist_count(l), 1);
	assert_string_equal(netlist_row(l, 0)->name, "dvs-bridge");
	netlist_filter(l, "vlan:trunk");
	assert_int_equal(netlist_count(l), 1);
	assert_string_equal(netlist_row(l, 0)->name, "DSwitch-Uplinks");
	netlist_filter(l, "");
	assert_int_equal(netlist_count(l), 5);
	netlist_free(l);
}

static void test_reason_marks(void **state)
{
	struct netlist *l = sample();
	(void)state;
	netlist_set_reason(l, 3, "uplink port group: carries the host's physical uplinks");
	netlist_set_marks(l, 1, NETLIST_MARK_PUBLIC | NETLIST_MARK_CLIENT);
	netlist_filter(l, "uplink");
	assert_int_equal(netlist_count(l), 1);
	assert_non_null(netlist_row(l, 0)->reason);
	assert_int_equal(netlist_model_index(l, 0), 3);
	assert_int_equal(netlist_entry(l, 1)->marks, NETLIST_MARK_PUBLIC | NETLIST_MARK_CLIENT);
	netlist_set_reason(l, 3, NULL);
	assert_null(netlist_entry(l, 3)->reason);
	netlist_free(l);
}

static void test_format(void **state)
{
	struct netlist *l = sample();
	char buf[256], head[256];
	(void)state;
	netlist_format(netlist_entry(l, 1), 80, buf, sizeof buf);
	netlist_header(80, head, sizeof head);
	assert_int_equal(strlen(buf), 80);
	assert_int_equal(strlen(head), 80);
	assert_non_null(strstr(buf, "dvs-public"));
	assert_non_null(strstr(buf, "distributed")); /* wide enough for the long type */
	assert_non_null(strstr(buf, "10"));
	assert_non_null(strstr(buf, "3/3"));
	assert_non_null(strstr(head, "VLAN"));
	netlist_format(netlist_entry(l, 3), 60, buf, sizeof buf);
	assert_non_null(strstr(buf, "trunk"));
	netlist_free(l);
}

/* The picker at 80x24 (51 cells for the columns): the name keeps the room, the type is
 * short, who uses the network is shown (the switch column gives way), and a clipped
 * value never runs into the next column. */
static void test_format_narrow(void **state)
{
	struct netlist *l = netlist_new();
	struct netlist_entry e = {.name = "Containers-Routable", .type = "distributed",
				  .sw = "DSwitch-Prod", .vlan = 300, .hosts = 6, .hosts_total = 6,
				  .used_by = "vch-02 (VCH)"};
	char buf[256], head[256];
	(void)state;
	netlist_add(l, &e);
	e.name = "a-port-group-name-much-longer-than-the-column";
	e.type = "standard";
	e.sw = "a-switch-name-longer-than-its-column";
	netlist_add(l, &e);
	netlist_format(netlist_entry(l, 0), 51, buf, sizeof buf);
	netlist_header(51, head, sizeof head);
	assert_int_equal(strlen(buf), 51);
	assert_int_equal(strlen(head), 51);
	assert_non_null(strstr(buf, "Containers-Routable "));
	assert_non_null(strstr(buf, " dvpg "));
	assert_null(strstr(buf, "DSwitch-Prod"));
	assert_non_null(strstr(buf, " 300 "));
	assert_non_null(strstr(buf, "6/6 "));
	assert_non_null(strstr(buf, " vch-02 (VCH)"));
	assert_null(strstr(head, "Switch"));
	assert_non_null(strstr(head, " Hosts Used by"));
	netlist_format(netlist_entry(l, 1), 51, buf, sizeof buf);
	assert_non_null(strstr(buf, " std "));
	assert_non_null(strstr(buf, "~ std "));
	/* wide enough, the switch comes back beside who uses the network */
	netlist_format(netlist_entry(l, 0), 80, buf, sizeof buf);
	assert_non_null(strstr(buf, " DSwitch-Prod "));
	assert_non_null(strstr(buf, " vch-02 (VCH)"));
	/* below 50 cells there is no room for it */
	netlist_format(netlist_entry(l, 0), 49, buf, sizeof buf);
	netlist_header(49, head, sizeof head);
	assert_null(strstr(buf, "vch-02"));
	assert_null(strstr(head, "Used by"));
	/* typing what the column shows filters */
	netlist_filter(l, "dvpg");
	assert_int_equal(netlist_count(l), 1);
	/* too narrow for the switch: the name keeps its room */
	netlist_format(netlist_entry(l, 0), 40, buf, sizeof buf);
	assert_null(strstr(buf, "DSwitch"));
	assert_non_null(strstr(buf, "Containers-Routable "));
	netlist_free(l);
}

static void test_ten_thousand(void **state)
{
	struct netlist *l = netlist_new();
	char name[64];
	(void)state;
	for (int i = 0; i < 10000; i++) {
		snprintf(name, sizeof name, "pg-%05d-vlan%d", i, i % 4000);
		struct netlist_entry e = {.name = name, .type = "distributed",
					  .sw = "DSwitch", .vlan = i % 4000};
		netlist_add(l, &e);
	}
	assert_int_equal(netlist_count(l), 10000);
	netlist_filter(l, "pg-0");
	assert_int_equal(netlist_count(l), 10000);
	netlist_filter(l, "pg-09");
	assert_int_equal(netlist_count(l), 1000);
	netlist_filter(l, "pg-099");
	assert_int_equal(netlist_count(l), 100);
	netlist_filter(l, "pg-0999");
	assert_int_equal(netlist_count(l), 10);
	netlist_filter(l, "pg-09999");
	assert_int_equal(netlist_count(l), 1);
	assert_string_equal(netlist_row(l, 0)->name, "pg-09999-vlan1999");
	netlist_free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_filter),
		cmocka_unit_test(test_filter_vlan_words),
		cmocka_unit_test(test_reason_marks),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_format_narrow),
		cmocka_unit_test(test_ten_thousand),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
