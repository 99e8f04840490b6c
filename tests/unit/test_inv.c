/* Unit tests of the inventory: parsing RetrievePropertiesEx results (a capture from
 * tests/vcsim and canned pages with tokens), lookups, the YAML snapshot. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "err.h"
#include "fileio.h"
#include "inv.h"
#include "invbuild.h"
#include "mem.h"

static char *fixture(const char *name, size_t *len)
{
	const char *top = getenv("top_srcdir");
	char *path = xasprintf("%s/tests/fixtures/soap/%s", top ? top : ".", name);
	char *data = NULL;
	assert_int_equal(fileio_read(path, 1 << 24, &data, len), 0);
	free(path);
	return data;
}

static struct inv *load_fixture(const char *name)
{
	size_t len;
	char *data = fixture(name, &len);
	struct inv *inv = inv_new();
	char *token = NULL;
	assert_int_equal(inv_fetch_parse(inv, data, len, &token), 0);
	assert_null(token);
	free(data);
	inv_finish(inv);
	return inv;
}

/* The capture: -host 2 -pg 2 -nsx 1 -nsx-pg 1 -host-ip-base 10.0.0.11
 * -pg-vlan-base 10 -fw-host '#0=allow' */
/* inv_find_id() through the id index inv_finish() builds, and past it: an object
 * added later is still found (the index is stale, the search linear). */
static void test_find_id_index(void **state)
{
	(void)state;
	struct inv *inv = load_fixture("inventory-vcsim.xml");
	assert_true(inv->n_networks > 0 && inv->n_hosts > 0);
	for (size_t i = 0; i < inv->n_networks; i++)
		assert_ptr_equal(inv_find_id(inv, inv->networks[i].o.id), &inv->networks[i].o);
	for (size_t i = 0; i < inv->n_hosts; i++)
		assert_ptr_equal(inv_find_id(inv, inv->hosts[i].o.id), &inv->hosts[i].o);
	for (size_t i = 0; i < inv->n_switches; i++)
		assert_ptr_equal(inv_find_id(inv, inv->switches[i].o.id), &inv->switches[i].o);
	assert_null(inv_find_id(inv, "network-none"));
	assert_null(inv_find_id(inv, ""));
	assert_null(inv_find_id(inv, NULL));

	struct inv_network *n = inv_add_network(inv);
	n->o.id = xstrdup("network-added");
	n->o.name = xstrdup("added");
	assert_ptr_equal(inv_find_id(inv, "network-added"), &n->o);
	assert_ptr_equal(inv_find_id(inv, inv->hosts[0].o.id), &inv->hosts[0].o);
	inv_finish(inv);
	const struct inv_obj *again = inv_find_id(inv, "network-added");
	assert_non_null(again);
	assert_string_equal(again->name, "added");
	inv_free(inv);
}

static void test_parse_vcsim_capture(void **state)
{
	(void)state;
	struct inv *inv = load_fixture("inventory-vcsim.xml");
	assert_int_equal(inv->n_datacenters, 1);
	assert_string_equal(inv->datacenters[0].o.path, "/DC0");
	assert_int_equal(inv->n_computes, 1);
	assert_true(inv->computes[0].cluster);
	assert_int_equal(inv->computes[0].hosts.n, 2);
	assert_int_equal(inv->n_hosts, 2);

	const struct inv_host *h0 = inv_find_host(inv, "DC0_C0_H0", NULL);
	assert_non_null(h0);
	assert_string_equal(h0->o.path, "/DC0/host/DC0_C0/DC0_C0_H0");
	assert_string_equal(h0->connection_state, "connected");
	assert_int_equal(h0->mgmt_ips.n, 1);
	assert_string_equal(h0->mgmt_ips.v[0], "10.0.0.11");
	assert_false(h0->mgmt_dhcp);
	assert_non_null(h0->firewall_system);
	assert_true(h0->have_firewall);
	assert_true(h0->n_rulesets > 5);
	/* the vic-engine ruleset the simulator adds: outbound tcp dst 2377 */
	const struct inv_ruleset *vic = NULL;
	for (size_t i = 0; i < h0->n_rulesets; i++)
		if (strcmp(h0->rulesets[i].key, "vic-engine") == 0)
			vic = &h0->rulesets[i];
	if (!vic)
		fail_msg("no vic-engine ruleset");
	assert_int_equal(vic->n_rules, 1);
	assert_int_equal(vic->rules[0].port, 2377);
	assert_string_equal(vic->rules[0].direction, "outbound");
	assert_string_equal(vic->rules[0].port_type, "dst");
	assert_string_equal(vic->rules[0].protocol, "tcp");
	const struct inv_host *h1 = inv_find_host(inv, "DC0_C0_H1", "DC0");
	assert_non_null(h1);
	assert_string_equal(h1->mgmt_ips.v[0], "10.0.0.12");

	const struct inv_network *pg = inv_find_network(inv, "DC0_DVPG1", NULL);
	assert_non_null(pg);
	assert_int_equal(pg->net_kind, INV_NET_DVPG);
	assert_int_equal(pg->vlan, INV_VLAN_ID);
	assert_int_equal(pg->vlan_id, 11);
	assert_false(pg->uplink);
	assert_non_null(pg->switch_id);
	const struct inv_obj *sw = inv_find_id(inv, pg->switch_id);
	assert_non_null(sw);
	assert_int_equal(sw->kind, INV_SWITCH);
	int total, have = inv_network_hosts_in(inv, pg, NULL, &total);
	assert_int_equal(have, 2);
	assert_int_equal(total, 2);

	const struct inv_network *nsxpg = inv_find_network(inv, "DC0_NSXPG0", NULL);
	assert_non_null(nsxpg);
	assert_true(nsxpg->nsx);
	const struct inv_network *opaque = inv_find_network(inv, "DC0_NSX0", NULL);
	assert_non_null(opaque);
	assert_int_equal(opaque->net_kind, INV_NET_OPAQUE);
	assert_string_equal(opaque->opaque_type, "nsx.LogicalSwitch");
	assert_non_null(opaque->opaque_id);
	const struct inv_network *vmnet = inv_find_network(inv, "/DC0/network/VM Network", NULL);
	assert_non_null(vmnet);
	assert_int_equal(vmnet->net_kind, INV_NET_STANDARD);

	/* the uplink port group, from the switch's uplinkPortgroup list or the tag */
	size_t uplinks = 0;
	for (size_t i = 0; i < inv->n_networks; i++)
		uplinks += inv->networks[i].uplink;
	assert_int_equal(uplinks, 1);

	assert_int_equal(inv->n_datastores, 1);
	assert_int_equal(inv->datastores[0].hosts.n, 2);
	inv_free(inv);
}

static void test_paging(void **state)
{
	(void)state;
	struct inv *inv = inv_new();
	size_t len;
	char *token = NULL;
	char *p1 = fixture("page-1.xml", &len);
	assert_int_equal(inv_fetch_parse(inv, p1, len, &token), 0);
	assert_string_equal(token, "page-2");
	free(token);
	free(p1);
	char *p2 = fixture("page-2.xml", &len);
	assert_int_equal(inv_fetch_parse(inv, p2, len, &token), 0);
	assert_null(token);
	free(p2);
	inv_finish(inv);

	assert_int_equal(inv->n_datacenters, 1);
	assert_string_equal(inv->datacenters[0].o.name, "DC & <one>");
	const struct inv_network *trunk = inv_find_network(inv, "trunk pg", NULL);
	assert_non_null(trunk);
	assert_string_equal(trunk->o.path, "/DC & <one>/network/trunk pg");
	assert_int_equal(trunk->vlan, INV_VLAN_TRUNK);
	assert_string_equal(trunk->vlan_ranges, "100-200,300");
	assert_true(trunk->uplink);
	assert_string_equal(trunk->switch_id, "dvs-5");
	char *vt = inv_vlan_text(trunk);
	assert_string_equal(vt, "trunk 100-200,300");
	free(vt);
	const struct inv_network *pv = inv_find_network(inv, "dvportgroup-10", NULL);
	assert_non_null(pv);
	assert_int_equal(pv->vlan, INV_VLAN_PVLAN);
	assert_int_equal(pv->vlan_id, 7);
	assert_true(pv->nsx);
	assert_null(pv->switch_id);
	inv_free(inv);
}

static void test_missing_set(void **state)
{
	(void)state;
	size_t len;
	char *data = fixture("missingset-notauth.xml", &len);
	struct inv *inv = inv_new();
	char *token = NULL;
	assert_int_equal(inv_fetch_parse(inv, data, len, &token), 1);
	inv_free(inv);
	free(data);

	/* any other missing property is an error naming the object and the path */
	const char *other =
		"<?xml version=\"1.0\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
		"xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soapenv:Body>"
		"<RetrievePropertiesExResponse xmlns=\"urn:vim25\"><returnval><objects>"
		"<obj type=\"DistributedVirtualPortgroup\">dvportgroup-3</obj>"
		"<missingSet><path>config</path><fault><fault xsi:type=\"NoPermission\"/>"
		"<localizedMessage>System.Read required</localizedMessage></fault></missingSet>"
		"</objects></returnval></RetrievePropertiesExResponse></soapenv:Body></soapenv:Envelope>";
	inv = inv_new();
	assert_int_equal(inv_fetch_parse(inv, other, strlen(other), &token), -1);
	assert_non_null(strstr(err_msg(), "config of dvportgroup-3"));
	assert_non_null(strstr(err_msg(), "NoPermission"));
	inv_free(inv);

	/* not a RetrievePropertiesEx result at all */
	data = fixture("login.xml", &len);
	inv = inv_new();
	assert_int_equal(inv_fetch_parse(inv, data, len, &token), -1);
	inv_free(inv);
	free(data);
}

static void test_lookup_ambiguous(void **state)
{
	(void)state;
	struct inv *inv = inv_new();
	struct inv_datacenter *dc = inv_add_datacenter(inv);
	dc->o.id = xstrdup("datacenter-1");
	dc->o.type = xstrdup("Datacenter");
	dc->o.name = xstrdup("DC");
	struct inv_folder *f = inv_add_folder(inv);
	f->o.id = xstrdup("group-n1");
	f->o.type = xstrdup("Folder");
	f->o.name = xstrdup("network");
	f->o.parent = xstrdup("datacenter-1");
	struct inv_folder *g = inv_add_folder(inv);
	g->o.id = xstrdup("group-n2");
	g->o.type = xstrdup("Folder");
	g->o.name = xstrdup("team b");
	g->o.parent = xstrdup("group-n1");
	const char *parents[2] = {"group-n1", "group-n2"};
	for (int i = 0; i < 2; i++) {
		struct inv_network *n = inv_add_network(inv);
		n->net_kind = INV_NET_DVPG;
		n->o.id = xasprintf("dvportgroup-%d", i + 1);
		n->o.type = xstrdup("DistributedVirtualPortgroup");
		n->o.name = xstrdup("shared");
		n->o.parent = xstrdup(parents[i]);
	}
	inv_finish(inv);
	assert_null(inv_find_network(inv, "shared", NULL));
	assert_non_null(strstr(err_msg(), "ambiguous"));
	assert_non_null(strstr(err_msg(), "/DC/network/shared"));
	assert_non_null(strstr(err_msg(), "/DC/network/team b/shared"));
	const struct inv_network *n = inv_find_network(inv, "/DC/network/team b/shared", NULL);
	assert_non_null(n);
	assert_string_equal(n->o.id, "dvportgroup-2");
	n = inv_find_network(inv, "dvportgroup-1", NULL);
	assert_non_null(n);
	assert_string_equal(n->o.path, "/DC/network/shared");
	assert_null(inv_find_network(inv, "nope", NULL));
	assert_non_null(strstr(err_msg(), "no network named \"nope\""));
	assert_null(inv_find_network(inv, "shared", "OtherDC"));
	assert_non_null(strstr(err_msg(), "no datacenter"));
	inv_free(inv);
}

static void test_yaml_round_trip(void **state)
{
	(void)state;
	struct inv *inv = load_fixture("inventory-vcsim.xml");
	/* awkward names must survive the file */
	struct inv_network *n = &inv->networks[0];
	free(n->o.name);
	n->o.name = xstrdup("a: b & <c> \"q\" 'x' \xc3\xa9 #no comment");
	inv->source = xstrdup("https://vc:443/sdk");
	inv->fetched_at = xstrdup("2026-01-01T00:00:00Z");
	inv_finish(inv);
	char dir[] = "/tmp/test_inv.XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *path = xasprintf("%s/snap.yaml", dir);
	assert_int_equal(inv_yaml_save(inv, path), 0);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	struct inv *back = inv_yaml_load(path);
	assert_non_null(back);
	assert_true(inv_equal(inv, back));
	assert_non_null(inv_find_network(back, "a: b & <c> \"q\" 'x' \xc3\xa9 #no comment", NULL));
	const struct inv_host *h = inv_find_host(back, "DC0_C0_H0", NULL);
	assert_non_null(h);
	assert_true(h->have_firewall);
	assert_string_equal(h->mgmt_ips.v[0], "10.0.0.11");
	inv_free(back);
	unlink(path);
	rmdir(dir);
	free(path);
	inv_free(inv);
}

static void test_yaml_bad(void **state)
{
	(void)state;
	const char *wrong_kind = "apiVersion: vchnet/v1\nkind: VCHNetworkPlan\n";
	assert_null(inv_yaml_parse(wrong_kind, strlen(wrong_kind), "x.yaml"));
	assert_non_null(strstr(err_msg(), "not a vchnet inventory snapshot"));
	const char *broken = "apiVersion: vchnet/v1\nkind: Inventory\nhosts: [\n";
	assert_null(inv_yaml_parse(broken, strlen(broken), "y.yaml"));
	assert_non_null(strstr(err_msg(), "y.yaml:"));
	const char *bad_vlan = "apiVersion: vchnet/v1\nkind: Inventory\nnetworks:\n"
			       "- {id: n1, type: DistributedVirtualPortgroup, name: x, kind: distributed,"
			       " vlan: {type: id, id: 5000}}\n";
	assert_null(inv_yaml_parse(bad_vlan, strlen(bad_vlan), "z.yaml"));
	assert_non_null(strstr(err_msg(), "z.yaml:4:"));
	const char *no_id = "apiVersion: vchnet/v1\nkind: Inventory\nhosts:\n- {name: h}\n";
	assert_null(inv_yaml_parse(no_id, strlen(no_id), "w.yaml"));
	assert_non_null(strstr(err_msg(), "needs id"));
}

/* A response around one port group: its hosts are collected as texts, not built as
 * nodes (soap_push_collect()); the texts must come out whole and in order. */
#define RPE_HEAD                                                                          \
	"<?xml version=\"1.0\"?><soapenv:Envelope "                                       \
	"xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "                    \
	"xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soapenv:Body>"          \
	"<RetrievePropertiesExResponse xmlns=\"urn:vim25\"><returnval><objects>"          \
	"<obj type=\"DistributedVirtualPortgroup\">dvportgroup-3</obj>"                   \
	"<propSet><name>name</name><val xsi:type=\"xsd:string\">pg</val></propSet>"       \
	"<propSet><name>host</name><val xsi:type=\"ArrayOfManagedObjectReference\">"
#define RPE_TAIL                                                                          \
	"</val></propSet></objects></returnval></RetrievePropertiesExResponse>"            \
	"</soapenv:Body></soapenv:Envelope>"

static void test_parse_host_lists(void **state)
{
	(void)state;
	/* a character reference and a CDATA section split the text into several pieces;
	 * the padding puts the rest across the 1024-byte pieces fed to the parser */
	char pad[1200];
	memset(pad, ' ', sizeof pad - 1);
	pad[sizeof pad - 1] = '\0';
	char *body = xasprintf(RPE_HEAD
			       "<ManagedObjectReference type=\"HostSystem\">host-1</ManagedObjectReference>"
			       "%s<ManagedObjectReference type=\"HostSystem\">host&#45;22</ManagedObjectReference>"
			       "<ManagedObjectReference type=\"HostSystem\"><![CDATA[host]]>-333</ManagedObjectReference>"
			       "<ManagedObjectReference type=\"HostSystem\"></ManagedObjectReference>" RPE_TAIL,
			       pad);
	struct inv *inv = inv_new();
	char *token = NULL;
	assert_int_equal(inv_fetch_parse(inv, body, strlen(body), &token), 0);
	assert_int_equal(inv->n_networks, 1);
	const struct inv_network *n = &inv->networks[0];
	assert_string_equal(n->o.name, "pg");
	assert_int_equal(n->hosts.n, 4);
	assert_string_equal(n->hosts.v[0], "host-1");
	assert_string_equal(n->hosts.v[1], "host-22");
	assert_string_equal(n->hosts.v[2], "host-333");
	assert_string_equal(n->hosts.v[3], "");
	inv_free(inv);
	free(body);

	/* leaves of another element in between: each parent keeps all of its own */
	const char *between = RPE_HEAD "<ManagedObjectReference>host-1</ManagedObjectReference>"
				       "<x><ManagedObjectReference>host-9</ManagedObjectReference></x>"
				       "<ManagedObjectReference>host-2</ManagedObjectReference>" RPE_TAIL;
	inv = inv_new();
	assert_int_equal(inv_fetch_parse(inv, between, strlen(between), &token), 0);
	assert_int_equal(inv->networks[0].hosts.n, 2);
	assert_string_equal(inv->networks[0].hosts.v[0], "host-1");
	assert_string_equal(inv->networks[0].hosts.v[1], "host-2");
	inv_free(inv);

	/* a moref is text: an element inside one is refused, not silently dropped */
	const char *nested = RPE_HEAD "<ManagedObjectReference type=\"HostSystem\">host-1<b/>"
				      "</ManagedObjectReference>" RPE_TAIL;
	inv = inv_new();
	assert_int_equal(inv_fetch_parse(inv, nested, strlen(nested), &token), -1);
	assert_non_null(strstr(err_msg(), "inside a ManagedObjectReference"));
	inv_free(inv);

	/* a body cut off inside a list is malformed, and nothing leaks */
	char *cut = xasprintf(RPE_HEAD "<ManagedObjectReference>host-1</ManagedObjectReference>"
				       "<ManagedObjectReference>host-2</Man");
	inv = inv_new();
	assert_int_equal(inv_fetch_parse(inv, cut, strlen(cut), &token), -1);
	assert_non_null(strstr(err_msg(), "not well-formed"));
	inv_free(inv);
	free(cut);
}

/* The parser's memory budgets (soap.h): one object's tree, what lies outside the
 * objects, the distinct names; each overrun is refused with its own message. */
#define BUDGET_HEAD                                                                       \
	"<?xml version=\"1.0\"?><soapenv:Envelope "                                       \
	"xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"      \
	"<RetrievePropertiesExResponse xmlns=\"urn:vim25\"><returnval>"

static void test_parse_budgets(void **state)
{
	(void)state;
	char *token = NULL;
	struct inv *inv;
	size_t cap = 40u << 20, n;
	char *body = xmalloc(cap);

	/* an object of more than 32 MiB of XML (propSets that go on) */
	n = (size_t)snprintf(body, cap, "%s", BUDGET_HEAD "<objects><obj type=\"Folder\">group-1</obj>");
	while (n + 200 < cap - 1024)
		n += (size_t)snprintf(body + n, cap - n, "<propSet><name>name</name><val>x</val></propSet>");
	n += (size_t)snprintf(body + n, cap - n, "</objects></returnval></RetrievePropertiesExResponse>"
						  "</soapenv:Body></soapenv:Envelope>");
	inv = inv_new();
	assert_int_equal(inv_fetch_parse(inv, body, n, &token), -1);
	assert_non_null(strstr(err_msg(), "an object of more than 32 MiB of XML"));
	inv_free(inv);

	/* 5 MiB of elements after the container */
	n = (size_t)snprintf(body, cap, "%s", BUDGET_HEAD "<objects><obj type=\"Folder\">group-1</obj>"
				 "</objects></returnval><junk>");
	while (n < (5u << 20))
		n += (size_t)snprintf(body + n, cap - n, "<a>lots</a>");
	n += (size_t)snprintf(body + n, cap - n, "</junk></RetrievePropertiesExResponse>"
						  "</soapenv:Body></soapenv:Envelope>");
	inv = inv_new();
	assert_int_equal(inv_fetch_parse(inv, body, n, &token), -1);
	assert_non_null(strstr(err_msg(), "more than 4 MiB of XML outside its objects"));
	inv_free(inv);

	/* 200,001 distinct element names in one object (small enough for its budget) */
	n = (size_t)snprintf(body, cap, "%s", BUDGET_HEAD "<objects><obj type=\"Folder\">group-1</obj>");
	for (int i = 0; i < 200001; i++)
		n += (size_t)snprintf(body + n, cap - n, "<n%d/>", i);
	n += (size_t)snprintf(body + n, cap - n, "</objects></returnval></RetrievePropertiesExResponse>"
						  "</soapenv:Body></soapenv:Envelope>");
	inv = inv_new();
	assert_int_equal(inv_fetch_parse(inv, body, n, &token), -1);
	assert_non_null(strstr(err_msg(), "more than 200000 distinct element names"));
	inv_free(inv);
	free(body);
	assert_null(token);
}

/* Emits inv and returns the text (owned by the caller). */
static char *emit_text(const struct inv *inv)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	assert_int_equal(inv_yaml_emit(inv, f, NULL), 0);
	assert_int_equal(fclose(f), 0);
	return text;
}

static size_t count_of(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* Texts that YAML would read as something else unless quoted and escaped right. */
static const char *const hostile[] = {
	"", "true", "false", "null", "Null", "~", "yes", "no", "on", "off", "y", "123", "-1",
	"0x1F", "1e3", ".inf", ".nan", "0o17", "1_000", "2026-01-01", "-", "- a", "? x", ":",
	"a: b", "a:b", "a #b", "#c", "&a", "*a", "!tag", "!!str", "|", ">", "%YAML", "@x",
	"`x", "---", "...", "[a, b]", "{a: b}", ",", "\"q\"", "'s'", "back\\slash", "\\n",
	" lead", "trail ", "  two  spaces  ", "tab\there", "nl\nx", "\n", "cr\rx", "\r\n",
	"\x01\x07\x1b\x7f", "\xc3\xa9t\xc3\xa9", "\xe2\x80\xae" "evil", "\xe2\x80\xa8",
	"\xe2\x80\xa9", "\xc2\x85", "\xc2\xa0", "\xef\xbb\xbf" "bom", "\xf0\x9f\x98\x80",
	"\xe4\xb8\xad\xe6\x96\x87", "\xef\xbf\xbd", "a\"b'c\\d",
};

/* A random text of hostile pieces (xorshift: the same texts on every run). */
static char *hostile_text(uint32_t *seed)
{
	char *s = xstrdup("");
	int n = (int)(*seed % 6);
	for (int i = 0; i < n; i++) {
		*seed ^= *seed << 13;
		*seed ^= *seed >> 17;
		*seed ^= *seed << 5;
		char *t = xasprintf("%s%s", s, hostile[*seed % (sizeof hostile / sizeof *hostile)]);
		free(s);
		s = t;
	}
	return s;
}

static void put_text(char **slot, const char *text)
{
	free(*slot);
	*slot = xstrdup(text);
}

/* Every text of the model, whatever its bytes, comes back from a saved snapshot and
 * from --format yaml (ASCII escapes) exactly as it was. */
static void test_yaml_hostile_texts(void **state)
{
	(void)state;
	char dir[] = "/tmp/test_inv.XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *path = xasprintf("%s/snap.yaml", dir);
	size_t nh = sizeof hostile / sizeof *hostile;
	/* a long text with spaces: written folded past the line width */
	char *long_text = xstrdup("");
	for (int i = 0; i < 700; i++) {
		char *t = xasprintf("%s word%d %s", long_text, i, i % 50 ? "" : " ");
		free(long_text);
		long_text = t;
	}
	uint32_t seed = 2463534242u;
	for (size_t round = 0; round < nh + 40; round++) {
		/* first each hostile text alone, then random mixtures of them */
		char *a = round < nh ? xstrdup(hostile[round]) : hostile_text(&seed);
		char *b = round == nh ? xstrdup(long_text) : hostile_text(&seed);
		struct inv *inv = ib_new("VirtualCenter");
		ib_cluster(inv, "domain-c1", b);
		struct inv_host *h = NULL;
		for (int i = 0; i < 9; i++) {
			char id[16];
			snprintf(id, sizeof id, "host-%d", i);
			h = ib_host(inv, "domain-c1", id, i == 0 ? a : id);
		}
		struct inv_ruleset *r = ib_ruleset(h, a, true, false, 22, 0);
		put_text(&r->label, b);
		strv_push(&r->ip_addresses, a);
		strv_push(&r->ip_addresses, b);
		ib_network(inv, INV_NET_STANDARD, "network-1", a, NULL, NULL);
		/* an anchored list of hostile texts, and its alias */
		struct strv ips = {0};
		for (int i = 0; i < 9; i++)
			strv_push_owned(&ips, i % 2 ? xstrdup(a) : xasprintf("%d%s", i, b));
		strv_push(&ips, NULL);
		char *vm_id = xasprintf("vm-%s", a);
		ib_vm(inv, vm_id, b, NULL, (const char *const[]){"network-1", NULL},
		      (const char *const *)ips.v);
		ib_vm(inv, "vm-2", a, NULL, NULL, (const char *const *)ips.v);
		put_text(&inv->source, b);
		put_text(&inv->fetched_at, a);
		ib_finish(inv);

		assert_int_equal(inv_yaml_save(inv, path), 0);
		struct inv *back = inv_yaml_load(path);
		if (!back)
			fail_msg("round %zu: %s", round, err_msg());
		assert_true(inv_equal(inv, back));
		assert_string_equal(back->networks[0].o.name, a);
		const struct inv_vm *v1 = inv_find_vm(back, vm_id), *v2 = inv_find_vm(back, "vm-2");
		assert_non_null(v1);
		assert_non_null(v2);
		assert_string_equal(v1->o.name, b);
		assert_string_equal(v2->ips.v[1], a);
		assert_string_equal(back->source, b);
		const struct inv_host *bh = (const struct inv_host *)inv_find_id(back, "host-8");
		assert_non_null(bh);
		const struct inv_ruleset *br = &bh->rulesets[0];
		assert_string_equal(br->key, a);
		assert_string_equal(br->label, b);
		assert_string_equal(br->ip_addresses.v[0], a);
		inv_free(back);

		/* --format yaml: ASCII only, the same model */
		char *text = emit_text(inv);
		for (const char *p = text; *p; p++)
			assert_true((unsigned char)*p < 0x80);
		back = inv_yaml_parse(text, strlen(text), "ascii.yaml");
		assert_non_null(back);
		assert_true(inv_equal(inv, back));
		inv_free(back);
		free(text);

		free(vm_id);
		strv_free(&ips);
		free(a);
		free(b);
		inv_free(inv);
	}

	/* a text that is not UTF-8 cannot be written: the snapshot saved before stays */
	char *before = NULL, *after = NULL;
	size_t bl, al;
	assert_int_equal(fileio_read(path, 1 << 24, &before, &bl), 0);
	struct inv *inv = ib_new("VirtualCenter");
	ib_network(inv, INV_NET_STANDARD, "network-1", "bad \xff byte", NULL, NULL);
	ib_finish(inv);
	assert_int_equal(inv_yaml_save(inv, path), -1);
	assert_non_null(strstr(err_msg(), "not valid UTF-8"));
	assert_int_equal(fileio_read(path, 1 << 24, &after, &al), 0);
	assert_true(al == bl && memcmp(before, after, bl) == 0);
	inv_free(inv);
	free(before);
	free(after);
	unlink(path);
	assert_int_equal(rmdir(dir), 0); /* no temporary file left behind */
	free(path);
	free(long_text);
}

/* Long lists and hosts' rulesets that repeat are written once and aliased; short lists
 * are written out; loading gives back the same model. */
static void test_yaml_aliases(void **state)
{
	(void)state;
	struct inv *inv = ib_new("VirtualCenter");
	ib_cluster(inv, "domain-c1", "C1");
	for (int i = 0; i < 10; i++) {
		char id[16], name[16];
		snprintf(id, sizeof id, "host-%d", i);
		snprintf(name, sizeof name, "H%d", i);
		struct inv_host *h = ib_host(inv, "domain-c1", id, name);
		h->have_firewall = true;
		for (int k = 0; k < 9; k++) {
			char key[16];
			snprintf(key, sizeof key, "rs%d", k);
			ib_ruleset(h, key, true, true, 1000 + k, 0);
		}
		if (i == 7) /* one host differs in one rule: its rulesets are its own */
			h->rulesets[3].rules[0].port = 2377;
	}
	ib_switch(inv, "dvs-1", "DSwitch", "dvportgroup-up");
	ib_network(inv, INV_NET_DVPG, "dvportgroup-1", "pg-a", "dvs-1", NULL);
	ib_network(inv, INV_NET_DVPG, "dvportgroup-2", "pg-b", "dvs-1", NULL);
	const char *const except[] = {"host-3", NULL};
	ib_network(inv, INV_NET_DVPG, "dvportgroup-3", "pg-c", "dvs-1", except);
	ib_network(inv, INV_NET_STANDARD, "network-1", "VM Network", NULL, NULL);
	/* the same short list twice is written out twice */
	ib_datastore(inv, "datastore-1", "ds1", (const char *const[]){"host-1", "host-2", NULL});
	ib_datastore(inv, "datastore-2", "ds2", (const char *const[]){"host-1", "host-2", NULL});
	inv->fetched_at = xstrdup("2026-01-01T00:00:00Z");
	ib_finish(inv);

	char *text = emit_text(inv);
	/* the cluster's 10 hosts come first, and every equal list refers to them */
	assert_int_equal(count_of(text, "&hosts-of-domain-c1 ["), 1);
	/* the switch, its uplink port group, pg-a, pg-b, VM Network */
	assert_int_equal(count_of(text, "*hosts-of-domain-c1"), 5);
	assert_non_null(strstr(text, "&hosts-of-dvportgroup-3 [")); /* 9 hosts: its own list */
	assert_int_equal(count_of(text, "hosts: [\"host-1\", \"host-2\"]"), 2);
	/* rulesets that several hosts have are written once, before the hosts, and named
	 * by them; host 7, which differs in one rule, has its own in place */
	assert_int_equal(count_of(text, "sharedFirewallRulesets:\n- hosts: 9\n  rulesets: &rulesets-1\n"), 1);
	assert_int_equal(count_of(text, "rulesets: *rulesets-1\n"), 9);
	assert_int_equal(count_of(text, "    rulesets:\n    - key: "), 1);
	assert_int_equal(count_of(text, "&rulesets"), 1);
	assert_true(strstr(text, "sharedFirewallRulesets:") < strstr(text, "\nhosts:"));

	struct inv *back = inv_yaml_parse(text, strlen(text), "aliases.yaml");
	assert_non_null(back);
	assert_true(inv_equal(inv, back));
	const struct inv_network *c = inv_find_network(back, "pg-c", NULL);
	assert_non_null(c);
	assert_int_equal(c->hosts.n, 9);
	assert_false(strv_contains(&c->hosts, "host-3"));
	const struct inv_host *h7 = inv_find_host(back, "H7", NULL);
	const struct inv_host *h8 = inv_find_host(back, "H8", NULL);
	const struct inv_host *h0 = inv_find_host(back, "H0", NULL);
	/* the hosts that name the shared rulesets share one array; host 7 has its own */
	assert_ptr_equal(h0->rulesets, h8->rulesets);
	assert_true(h0->rulesets_shared != h8->rulesets_shared);
	assert_ptr_not_equal(h7->rulesets, h8->rulesets);
	assert_false(h7->rulesets_shared);
	assert_int_equal(h7->rulesets[3].rules[0].port, 2377);
	assert_int_equal(h8->rulesets[3].rules[0].port, 1003);
	assert_int_equal(h8->n_rulesets, 9);
	/* the lists loaded from one anchor are one list in the inventory's pool, its ids
	 * interned; a list of its own is apart, sharing the ids */
	const struct inv_network *a = inv_find_network(back, "pg-a", NULL);
	const struct inv_network *b = inv_find_network(back, "pg-b", NULL);
	const struct inv_network *vmn = inv_find_network(back, "VM Network", NULL);
	assert_int_equal(a->hosts.n, 10);
	assert_true(a->hosts_pooled && b->hosts_pooled && c->hosts_pooled);
	assert_ptr_equal(a->hosts.v, b->hosts.v);
	assert_ptr_equal(a->hosts.v, vmn->hosts.v);
	assert_ptr_not_equal(a->hosts.v, c->hosts.v);
	assert_ptr_equal(a->hosts.v[0], c->hosts.v[0]);
	assert_string_equal(a->hosts.v[9], "host-9");
	/* saved again, the loaded model writes the same text */
	char *again = emit_text(back);
	assert_string_equal(text, again);
	free(again);
	inv_free(back);
	free(text);
	inv_free(inv);
}

/* Anchor names stay unique when ids would clash once made anchor-safe. */
static void test_yaml_anchor_names(void **state)
{
	(void)state;
	struct inv *inv = ib_new("VirtualCenter");
	ib_cluster(inv, "domain-c1", "C1");
	for (int i = 0; i < 8; i++) {
		char id[16];
		snprintf(id, sizeof id, "host-%d", i);
		ib_host(inv, "domain-c1", id, id);
	}
	/* two switches whose ids both become "a_b", with different host lists */
	ib_switch(inv, "a:b", "S1", "dvportgroup-u1");
	ib_switch(inv, "a/b", "S2", "dvportgroup-u2");
	ib_finish(inv);
	for (size_t i = 0; i < inv->n_switches; i++) {
		struct inv_switch *s = &inv->switches[i];
		strv_free(&s->hosts);
		for (int k = 0; k < 8; k++) {
			char id[16];
			snprintf(id, sizeof id, "host-%d", (k + (int)i + 1) % 8);
			strv_push(&s->hosts, id);
		}
	}
	char *text = emit_text(inv);
	assert_non_null(strstr(text, "&hosts-of-a_b ["));
	assert_non_null(strstr(text, "&hosts-of-a_b-2 ["));
	struct inv *back = inv_yaml_parse(text, strlen(text), "names.yaml");
	assert_non_null(back);
	assert_true(inv_equal(inv, back));
	inv_free(back);
	free(text);
	inv_free(inv);
}

/* Aliases cannot make a small file expand without bound. */
static void test_yaml_alias_bomb(void **state)
{
	(void)state;
	/* a list of 10,000 ids, then 500 networks naming it: 5 million entries from
	 * about 130 KB, where 16 per byte plus a million are allowed */
	size_t cap = 1 << 20, len = 0;
	char *t = xmalloc(cap);
	len += (size_t)snprintf(t + len, cap - len,
				"apiVersion: vchnet/v1\nkind: Inventory\nswitches:\n"
				"- {id: dvs-1, type: DistributedVirtualSwitch, name: s, hosts: &h [");
	for (int i = 0; i < 10000; i++)
		len += (size_t)snprintf(t + len, cap - len, "%sh%d", i ? "," : "", i);
	len += (size_t)snprintf(t + len, cap - len, "]}\nnetworks:\n");
	for (int i = 0; i < 500; i++)
		len += (size_t)snprintf(t + len, cap - len,
					"- {id: n%d, type: Network, name: n%d, kind: standard, hosts: *h}\n",
					i, i);
	assert_true(len < cap - 1);
	assert_null(inv_yaml_parse(t, len, "bomb.yaml"));
	/* where the budget ran out: the alias of a network past the first 330 or so */
	assert_non_null(strstr(err_msg(), "bomb.yaml:"));
	assert_non_null(strstr(err_msg(), ": too many list entries once aliases are expanded"));
	assert_null(strstr(err_msg(), "bomb.yaml:0:"));
	free(t);
}

/* The same bomb nested: a list of lists is no list of ids; it is refused at its first
 * item (the anchored node, where it stands in the file), without being walked. */
static void test_yaml_alias_bomb_nested(void **state)
{
	(void)state;
	const char *t = "apiVersion: vchnet/v1\nkind: Inventory\n"
			"a: &a [x, x, x, x, x, x, x, x, x, x]\n"
			"b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
			"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
			"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
			"networks:\n"
			"- {id: n1, type: Network, name: n1, kind: standard, hosts: *d}\n";
	assert_null(inv_yaml_parse(t, strlen(t), "nested.yaml"));
	assert_string_equal(err_msg(), "nested.yaml:5:4: expected a list of text values");
}

/* What the loader refuses in aliases and anchors, with the place. */
static void test_yaml_alias_errors(void **state)
{
	(void)state;
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{"apiVersion: vchnet/v1\nkind: Inventory\nnetworks:\n"
		 "- {id: n1, type: Network, name: n1, kind: standard, hosts: *nowhere}\n",
		 "alias.yaml:4:60: not valid YAML: found undefined alias"},
		/* an anchor is known from the end of its node: no cycles */
		{"apiVersion: vchnet/v1\nkind: Inventory\nnetworks:\n- &n {id: n1, hosts: *n}\n",
		 "alias.yaml:4:22: not valid YAML: found undefined alias"},
		{"apiVersion: vchnet/v1\nkind: Inventory\na: &x [h1]\nb: &x [h2]\n",
		 "alias.yaml:4:4: not valid YAML: found duplicate anchor"},
		{"apiVersion: vchnet/v1\nkind: Inventory\na: &x h1\nnetworks:\n"
		 "- {id: n1, type: Network, name: n1, kind: standard, hosts: *x}\n",
		 "alias.yaml:3:4: expected a list"},
		{"apiVersion: vchnet/v1\nkind: Inventory\nnetworks: [\n",
		 "alias.yaml:4:1: not valid YAML: did not find expected node content"},
		/* one node read as a host list, then as a host's rulesets, and the other way:
		 * each read of it must be what the first made of it, or refused */
		{"apiVersion: vchnet/v1\nkind: Inventory\nx: &l [h1, h2]\nhosts:\n"
		 "- {id: h0, type: HostSystem, name: h0, firewall: {rulesets: *l}}\n"
		 "networks:\n- {id: n1, type: Network, name: n1, kind: standard, hosts: *l}\n",
		 "alias.yaml:3:8: expected a ruleset mapping"},
		{"apiVersion: vchnet/v1\nkind: Inventory\nx: &l [h1, h2]\n"
		 "networks:\n- {id: n1, type: Network, name: n1, kind: standard, hosts: *l}\n"
		 "hosts:\n- {id: h0, type: HostSystem, name: h0, firewall: {rulesets: *l}}\n",
		 "alias.yaml:3:4: expected a list of rulesets"},
		{"apiVersion: vchnet/v1\nkind: Inventory\nx: &r [{key: a, rules: []}]\nhosts:\n"
		 "- {id: h0, type: HostSystem, name: h0, firewall: {rulesets: *r}}\n"
		 "networks:\n- {id: n1, type: Network, name: n1, kind: standard, hosts: *r}\n",
		 "alias.yaml:3:4: expected a list of text values"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_null(inv_yaml_parse(cases[i].text, strlen(cases[i].text), "alias.yaml"));
		assert_string_equal(err_msg(), cases[i].msg);
	}
}

/* An alias shares the list, never the network: a network can still name a list of its
 * own, and two networks naming one anchor through flow and block styles agree. */
static void test_yaml_alias_shared_load(void **state)
{
	(void)state;
	const char *t = "apiVersion: vchnet/v1\nkind: Inventory\n"
			"switches:\n"
			"- {id: dvs-1, type: VmwareDistributedVirtualSwitch, name: s, "
			"hosts: &h [host-1, host-2, host-3]}\n"
			"networks:\n"
			"- {id: n1, type: Network, name: n1, kind: standard, hosts: *h}\n"
			"- id: n2\n  type: Network\n  name: n2\n  kind: standard\n  hosts: *h\n"
			"- {id: n3, type: Network, name: n3, kind: standard, hosts: [host-1, host-2, host-3]}\n"
			"- {id: n4, type: Network, name: n4, kind: standard, hosts: [host-3]}\n";
	struct inv *inv = inv_yaml_parse(t, strlen(t), "shared.yaml");
	assert_non_null(inv);
	const struct inv_network *n1 = inv_find_network(inv, "n1", NULL);
	const struct inv_network *n2 = inv_find_network(inv, "n2", NULL);
	const struct inv_network *n3 = inv_find_network(inv, "n3", NULL);
	const struct inv_network *n4 = inv_find_network(inv, "n4", NULL);
	assert_ptr_equal(n1->hosts.v, n2->hosts.v);
	/* an equal list written out is interned to the same one */
	assert_ptr_equal(n1->hosts.v, n3->hosts.v);
	assert_int_equal(n4->hosts.n, 1);
	assert_ptr_equal(n4->hosts.v[0], n1->hosts.v[2]);
	/* the switch owns its own copy, as before */
	assert_int_equal(inv->switches[0].hosts.n, 3);
	assert_ptr_not_equal(inv->switches[0].hosts.v, n1->hosts.v);
	struct inv *back = inv_yaml_parse(t, strlen(t), "shared.yaml");
	assert_true(inv_equal(inv, back));
	inv_free(back);
	inv_free(inv);
}

/* Objects load as the parser reads them once the root says it is a snapshot; a file
 * whose apiVersion and kind come last, or that repeats a section, loads as before:
 * the same model, the first key of a name read. An anchor inside an object loaded
 * early still serves the aliases after it. */
static void test_yaml_items_streamed(void **state)
{
	(void)state;
	const char *head = "apiVersion: vchnet/v1\nkind: Inventory\n";
	const char *body =
		"networks:\n"
		"- {id: n1, type: Network, name: n1, kind: standard, hosts: &h [host-1, host-2]}\n"
		"- {id: n2, type: Network, name: n2, kind: standard, hosts: *h}\n"
		"switches:\n"
		"- {id: dvs-1, type: VmwareDistributedVirtualSwitch, name: s, hosts: *h}\n"
		"networks:\n"
		"- {id: n3, type: Network, name: n3, kind: standard}\n";
	char *first = xasprintf("%s%s", head, body), *last = xasprintf("%s%s", body, head);
	struct inv *a = inv_yaml_parse(first, strlen(first), "first.yaml");
	struct inv *b = inv_yaml_parse(last, strlen(last), "last.yaml");
	assert_non_null(a);
	assert_non_null(b);
	assert_true(inv_equal(a, b));
	assert_int_equal(a->n_networks, 2); /* n3 is under a second "networks": not read */
	assert_int_equal(a->n_switches, 1);
	assert_int_equal(a->switches[0].hosts.n, 2);
	assert_ptr_equal(a->networks[0].hosts.v, a->networks[1].hosts.v);
	inv_free(a);
	inv_free(b);
	free(first);
	free(last);

	/* an error in an object read early still names the place, and stops there */
	const char *badt = "apiVersion: vchnet/v1\nkind: Inventory\nhosts:\n"
			   "- {id: host-1, type: HostSystem, name: h1}\n"
			   "- {id: host-2, type: HostSystem, name: h2, maintenance: perhaps}\n"
			   "- [not, a, host]\n";
	assert_null(inv_yaml_parse(badt, strlen(badt), "bad.yaml"));
	assert_string_equal(err_msg(), "bad.yaml:5:57: expected true or false");
	const char *notmap = "apiVersion: vchnet/v1\nkind: Inventory\nhosts:\n- just text\n";
	assert_null(inv_yaml_parse(notmap, strlen(notmap), "bad.yaml"));
	assert_string_equal(err_msg(), "bad.yaml:4:3: expected a mapping");
	/* not a snapshot: said first, whatever follows */
	const char *plan = "apiVersion: vchnet/v1\nkind: VCHNetworkPlan\nhosts:\n- just text\n";
	assert_null(inv_yaml_parse(plan, strlen(plan), "plan.yaml"));
	assert_non_null(strstr(err_msg(), "plan.yaml:1:1: not a vchnet inventory snapshot"));
}

/* The network-type words both wizard faces show come from one table. */
static void test_net_type_words(void **state)
{
	struct inv_network n = {0};
	(void)state;
	n.net_kind = INV_NET_STANDARD;
	assert_string_equal(inv_net_type_word(&n), "standard");
	assert_string_equal(inv_net_type_noun(&n), "standard port group");
	n.net_kind = INV_NET_DVPG;
	assert_string_equal(inv_net_type_word(&n), "distributed");
	assert_string_equal(inv_net_type_noun(&n), "distributed port group");
	n.nsx = true;
	assert_string_equal(inv_net_type_word(&n), "NSX");
	n.nsx = false;
	n.net_kind = INV_NET_OPAQUE;
	assert_string_equal(inv_net_type_noun(&n), "NSX network");
	assert_string_equal(inv_net_type_noun_of("distributed"), "distributed port group");
	assert_string_equal(inv_net_type_noun_of("other"), "other");
}

/* Host ids and whole host lists are interned: port groups that list the same hosts
 * share one list, a repeated id is one string; and the pool survives growth. */
static void test_intern(void **state)
{
	(void)state;
	struct inv *inv = inv_new();
	char *a = inv_intern(inv, "host-1xyz", 6);
	assert_string_equal(a, "host-1");
	assert_ptr_equal(inv_intern(inv, "host-1", 6), a);
	assert_ptr_not_equal(inv_intern(inv, "host-12", 7), a);
	assert_string_equal(inv_intern(inv, "", 0), "");
	/* many strings: the table grows and finds every one again */
	char *ids[5000];
	for (int i = 0; i < 5000; i++) {
		char buf[32];
		int len = snprintf(buf, sizeof buf, "host-%d", i);
		ids[i] = inv_intern(inv, buf, (size_t)len);
	}
	for (int i = 0; i < 5000; i++) {
		char buf[32];
		int len = snprintf(buf, sizeof buf, "host-%d", i);
		assert_ptr_equal(inv_intern(inv, buf, (size_t)len), ids[i]);
		assert_string_equal(ids[i], buf);
	}
	/* lists: equal contents give one copy, any difference (order, length) another */
	char **l1 = inv_intern_list(inv, ids, 3000);
	assert_ptr_equal(inv_intern_list(inv, ids, 3000), l1);
	assert_ptr_not_equal(inv_intern_list(inv, ids, 2999), l1);
	assert_ptr_not_equal(inv_intern_list(inv, ids + 1, 3000), l1);
	char *swapped[2] = {ids[1], ids[0]};
	assert_ptr_not_equal(inv_intern_list(inv, swapped, 2), inv_intern_list(inv, ids, 2));
	assert_non_null(inv_intern_list(inv, NULL, 0));
	for (int i = 0; i < 200; i++)
		inv_intern_list(inv, ids + i, 10);
	assert_ptr_equal(inv_intern_list(inv, ids, 3000), l1);
	assert_ptr_equal(l1[2999], ids[2999]);
	inv_free(inv);

	/* from the wire: two port groups with the same hosts share the list; a property
	 * repeated on one object replaces its list */
	const char *two =
		"<?xml version=\"1.0\"?><soapenv:Envelope "
		"xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
		"xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soapenv:Body>"
		"<RetrievePropertiesExResponse xmlns=\"urn:vim25\"><returnval>"
		"<objects><obj type=\"DistributedVirtualPortgroup\">dvportgroup-3</obj>"
		"<propSet><name>host</name><val><ManagedObjectReference>host-1</ManagedObjectReference>"
		"<ManagedObjectReference>host-2</ManagedObjectReference></val></propSet></objects>"
		"<objects><obj type=\"DistributedVirtualPortgroup\">dvportgroup-4</obj>"
		"<propSet><name>host</name><val><ManagedObjectReference>host-9</ManagedObjectReference></val></propSet>"
		"<propSet><name>host</name><val><ManagedObjectReference>host-1</ManagedObjectReference>"
		"<ManagedObjectReference>host-2</ManagedObjectReference></val></propSet></objects>"
		"</returnval></RetrievePropertiesExResponse></soapenv:Body></soapenv:Envelope>";
	inv = inv_new();
	char *token = NULL;
	assert_int_equal(inv_fetch_parse(inv, two, strlen(two), &token), 0);
	assert_int_equal(inv->n_networks, 2);
	assert_true(inv->networks[0].hosts_pooled);
	assert_int_equal(inv->networks[1].hosts.n, 2);
	assert_ptr_equal(inv->networks[0].hosts.v, inv->networks[1].hosts.v);
	assert_string_equal(inv->networks[1].hosts.v[1], "host-2");
	inv_free(inv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_vcsim_capture),
		cmocka_unit_test(test_find_id_index),
		cmocka_unit_test(test_paging),
		cmocka_unit_test(test_missing_set),
		cmocka_unit_test(test_lookup_ambiguous),
		cmocka_unit_test(test_yaml_round_trip),
		cmocka_unit_test(test_yaml_bad),
		cmocka_unit_test(test_parse_host_lists),
		cmocka_unit_test(test_parse_budgets),
		cmocka_unit_test(test_yaml_aliases),
		cmocka_unit_test(test_yaml_hostile_texts),
		cmocka_unit_test(test_yaml_anchor_names),
		cmocka_unit_test(test_yaml_alias_bomb),
		cmocka_unit_test(test_yaml_alias_bomb_nested),
		cmocka_unit_test(test_yaml_alias_errors),
		cmocka_unit_test(test_yaml_alias_shared_load),
		cmocka_unit_test(test_yaml_items_streamed),
		cmocka_unit_test(test_net_type_words),
		cmocka_unit_test(test_intern),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
