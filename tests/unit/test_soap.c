/* Unit tests of src/vsphere/soap.c: escaping, envelopes, the hardened parser, xsi:type by
 * namespace URI, faults. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "err.h"
#include "fileio.h"
#include "mem.h"
#include "soap.h"

#define ENV_HEAD "<?xml version=\"1.0\"?><soapenv:Envelope " \
	"xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" " \
	"xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soapenv:Body>"
#define ENV_TAIL "</soapenv:Body></soapenv:Envelope>"

static char *fixture(const char *name, size_t *len)
{
	const char *top = getenv("top_srcdir");
	char *path = xasprintf("%s/tests/fixtures/soap/%s", top ? top : ".", name);
	char *data = NULL;
	assert_int_equal(fileio_read(path, 1 << 24, &data, len), 0);
	free(path);
	return data;
}

/* A fixture parsed (it must parse); the caller frees the document. */
static xmlDoc *fixture_doc(const char *name)
{
	size_t len;
	char *data = fixture(name, &len);
	xmlDoc *doc = soap_parse(data, len);
	assert_non_null(doc);
	free(data);
	return doc;
}

static xmlDoc *parse_str(const char *s)
{
	return soap_parse(s, strlen(s));
}

static void test_escape(void **state)
{
	(void)state;
	static const struct {
		const char *in, *want;
	} t[] = {
		{"a&b<c>\"d'e", "a&amp;b&lt;c&gt;&quot;d&apos;e"},
		{"tab\there\nnl\x01\x1f end", "tab&#9;here&#10;nl end"},
		{"caf\xc3\xa9 \xe2\x82\xac", "caf\xc3\xa9 \xe2\x82\xac"},
		{"", ""},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		char *e = soap_escape(t[i].in);
		assert_string_equal(e, t[i].want);
		free(e);
	}
}

/* What we escape, libxml2 reads back byte for byte. */
static void test_envelope_round_trip(void **state)
{
	(void)state;
	const char *pw = "p&ss<w>rd\"'\t]]>\xc3\xa9";
	struct soap_buf b = {0};
	soap_begin(&b, "Login", "SessionManager", "Session<Manager>");
	soap_elem(&b, "userName", "admin@vsphere.local");
	soap_elem(&b, "password", pw);
	soap_end(&b, "Login");
	xmlDoc *doc = soap_parse(b.s, b.len);
	assert_non_null(doc);
	xmlNode *login = soap_body_first(doc);
	assert_true(soap_name_is(login, "Login"));
	char *got = soap_child_text(login, "password");
	assert_string_equal(got, pw);
	free(got);
	xmlNode *this = soap_child(login, "_this");
	char *t = soap_attr(this, "type");
	char *v = soap_text(this);
	assert_string_equal(t, "SessionManager");
	assert_string_equal(v, "Session<Manager>");
	free(t);
	free(v);
	xmlFreeDoc(doc);
	soap_buf_free_secret(&b);
	assert_null(b.s);
}

static void test_rejects_doctype(void **state)
{
	(void)state;
	xmlDoc *doc = parse_str("<?xml version=\"1.0\"?><!DOCTYPE x>" ENV_HEAD ENV_TAIL);
	assert_null(doc);
	assert_non_null(strstr(err_msg(), "document type declaration"));
}

static void test_rejects_entity_bomb(void **state)
{
	(void)state;
	xmlDoc *doc = parse_str("<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\">"
				"<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
				"<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
				ENV_HEAD "<x>&c;</x>" ENV_TAIL);
	assert_null(doc);
	assert_non_null(strstr(err_msg(), "document type declaration"));
}

static void test_rejects_external_entity(void **state)
{
	(void)state;
	xmlDoc *doc = parse_str("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM "
				"\"file:///etc/passwd\">]>" ENV_HEAD "<x>&x;</x>" ENV_TAIL);
	assert_null(doc);
	assert_null(strstr(err_msg(), "root:"));
	/* an entity reference without any DTD is simply malformed */
	doc = parse_str(ENV_HEAD "<x>&x;</x>" ENV_TAIL);
	assert_null(doc);
	assert_non_null(strstr(err_msg(), "not well-formed"));
}

static void test_rejects_deep_nesting(void **state)
{
	(void)state;
	size_t depth = 100000;
	struct soap_buf b = {0};
	soap_buf_add(&b, ENV_HEAD);
	for (size_t i = 0; i < depth; i++)
		soap_buf_add(&b, "<d>");
	for (size_t i = 0; i < depth; i++)
		soap_buf_add(&b, "</d>");
	soap_buf_add(&b, ENV_TAIL);
	xmlDoc *doc = soap_parse(b.s, b.len);
	assert_null(doc);
	assert_non_null(strstr(err_msg(), "not well-formed"));
	soap_buf_free(&b);
}

static void test_rejects_malformed_and_foreign(void **state)
{
	(void)state;
	assert_null(parse_str(ENV_HEAD "<a><b></a>" ENV_TAIL));
	assert_null(parse_str(""));
	assert_null(parse_str("<html><body>Not Found</body></html>"));
	assert_non_null(strstr(err_msg(), "not a SOAP envelope"));
	/* the right local name in the wrong namespace is not an envelope either */
	assert_null(parse_str("<Envelope xmlns=\"urn:other\"><Body/></Envelope>"));
}

static void test_xsi_type_by_namespace(void **state)
{
	(void)state;
	/* vcsim's odd prefix resolves; a lookalike xsi: prefix bound elsewhere does not */
	xmlDoc *doc = parse_str(ENV_HEAD "<r>"
				"<a xmlns:XMLSchema-instance=\"http://www.w3.org/2001/XMLSchema-instance\" "
				"XMLSchema-instance:type=\"xsd:string\">x</a>"
				"<b xmlns:xsi=\"urn:not-xsi\" xsi:type=\"Fake\">y</b>"
				"<c xsi:type=\"HostFirewallInfo\">z</c>"
				"</r>" ENV_TAIL);
	assert_non_null(doc);
	xmlNode *r = soap_body_first(doc);
	char *t = soap_xsi_type(soap_child(r, "a"));
	assert_string_equal(t, "string");
	free(t);
	assert_null(soap_xsi_type(soap_child(r, "b")));
	t = soap_xsi_type(soap_child(r, "c"));
	assert_string_equal(t, "HostFirewallInfo");
	free(t);
	xmlFreeDoc(doc);
}

static void test_child_helpers(void **state)
{
	(void)state;
	xmlDoc *doc = parse_str(ENV_HEAD "<r><n>42</n><bad>4x</bad><t>true</t><f>false</f>"
				"<i>1</i><i>2</i><i>3</i></r>" ENV_TAIL);
	assert_non_null(doc);
	xmlNode *r = soap_body_first(doc);
	assert_int_equal(soap_child_long(r, "n", -1), 42);
	assert_int_equal(soap_child_long(r, "bad", -1), -1);
	assert_int_equal(soap_child_long(r, "missing", 7), 7);
	assert_true(soap_child_bool(r, "t", false));
	assert_false(soap_child_bool(r, "f", true));
	int n = 0;
	for (xmlNode *i = soap_child(r, "i"); i; i = soap_next(i, "i"))
		n++;
	assert_int_equal(n, 3);
	xmlFreeDoc(doc);
}

static void test_fault_invalid_login(void **state)
{
	(void)state;
	xmlDoc *doc = fixture_doc("fault-invalid-login.xml");
	struct soap_fault f;
	assert_int_equal(soap_fault_parse(doc, &f), 1);
	assert_string_equal(f.type, "InvalidLogin");
	assert_string_equal(f.message, "Login failure");
	soap_fault_free(&f);
	xmlFreeDoc(doc);
}

static void test_fault_no_permission(void **state)
{
	(void)state;
	xmlDoc *doc = fixture_doc("fault-no-permission.xml");
	struct soap_fault f;
	assert_int_equal(soap_fault_parse(doc, &f), 1);
	assert_string_equal(f.type, "NoPermission");
	assert_string_equal(f.privilege, "Host.Config.NetService");
	assert_string_equal(f.object, "firewallSystem-1");
	soap_fault_free(&f);
	xmlFreeDoc(doc);

	/* a response is not a fault */
	doc = fixture_doc("service-content.xml");
	assert_int_equal(soap_fault_parse(doc, &f), 0);
	xmlFreeDoc(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_envelope_round_trip),
		cmocka_unit_test(test_rejects_doctype),
		cmocka_unit_test(test_rejects_entity_bomb),
		cmocka_unit_test(test_rejects_external_entity),
		cmocka_unit_test(test_rejects_deep_nesting),
		cmocka_unit_test(test_rejects_malformed_and_foreign),
		cmocka_unit_test(test_xsi_type_by_namespace),
		cmocka_unit_test(test_child_helpers),
		cmocka_unit_test(test_fault_invalid_login),
		cmocka_unit_test(test_fault_no_permission),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
