/* test_plan_yaml: the plan reader and writer against real libyaml.
 *
 * Reader errors are checked to the line and column, from a table of inline cases and
 * from tests/fixtures/plans/bad/NAME.yaml (each with the exact errors in NAME.err).
 * Every good fixture must read without errors and survive dump -> read -> dump and
 * save -> load -> dump byte for byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "fileio.h"
#include "mem.h"
#include "plan.h"
#include "plan_yaml.h"
#include "strv.h"

#define HEAD "apiVersion: vchnet/v1\nkind: VCHNetworkPlan\n"

static const char *srcdir(void)
{
	const char *s = getenv("top_srcdir");
	return s && *s ? s : ".";
}

static char *fixture(const char *rel) { return xasprintf("%s/tests/fixtures/plans/%s", srcdir(), rel); }

/* Sorted *.yaml names in a fixture directory. */
static void list_yaml(const char *sub, struct strv *out)
{
	char *dir = fixture(sub);
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		fail_msg("cannot open %s: %s", dir, strerror(errno));
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n > 5 && strcmp(e->d_name + n - 5, ".yaml") == 0)
			strv_push(out, e->d_name);
	}
	closedir(d);
	free(dir);
	/* a few names: insertion sort keeps the order stable and simple */
	for (size_t i = 1; i < out->n; i++)
		for (size_t j = i; j > 0 && strcmp(out->v[j - 1], out->v[j]) > 0; j--) {
			char *t = out->v[j];
			out->v[j] = out->v[j - 1];
			out->v[j - 1] = t;
		}
}

static struct plan *parse_ok(const char *yaml)
{
	struct strv errors = {0};
	struct plan *p = NULL;
	int rc = plan_yaml_parse(yaml, strlen(yaml), "t", &p, &errors);

	if (rc != 0)
		fail_msg("unexpected error: %s", errors.n ? errors.v[0] : err_msg());
	assert_non_null(p);
	assert_int_equal(errors.n, 0);
	strv_free(&errors);
	return p;
}

/* ------------------------------------------------------------------------------------ */
/* Reader errors, inline: each expected line is a prefix of the error at that index.    */

struct bad_case {
	const char *name;
	const char *yaml;
	size_t len; /* 0: strlen(yaml) */
	const char *want[4];
};

static const struct bad_case bad_cases[] = {
	{"unknown key names the key path and the expected keys",
	 HEAD "networks:\n  bridge:\n    nmae: x\n", 0,
	 {"t:5:5: error: networks.bridge.nmae: unknown key; expected one of: portGroup, id, "
	  "ipRange, width, create"}},
	{"unknown top-level key",
	 HEAD "spec:\n  a: b\n", 0,
	 {"t:3:1: error: spec: unknown key; expected one of the top-level keys: apiVersion, "
	  "kind, metadata, vic, target, tls, networks, proxy"}},
	{"duplicate key points at the second one and names the first",
	 HEAD "metadata:\n  name: a\n  name: b\n", 0,
	 {"t:5:3: error: metadata.name: duplicate key (first given at 4:3); give it once"}},
	{"duplicate key inside a container network",
	 HEAD "networks:\n  container:\n    - portGroup: a\n      alias: x\n      alias: y\n", 0,
	 {"t:7:7: error: networks.container[0].alias: duplicate key (first given at 6:7)"}},
	{"list where a string is expected",
	 HEAD "metadata:\n  name: [a, b]\n", 0,
	 {"t:4:9: error: metadata.name: expected a string, found a list"}},
	{"string where a list is expected",
	 HEAD "networks:\n  dns: 10.0.0.2\n", 0,
	 {"t:4:8: error: networks.dns: expected a list of strings, like [\"a\", \"b\"], found a "
	  "string"}},
	{"string where a mapping is expected",
	 HEAD "networks: x\n", 0,
	 {"t:3:11: error: networks: expected a mapping (keys bridge, public, client, "
	  "management, dns, container), found a string"}},
	{"bad tls.mode",
	 HEAD "tls:\n  mode: verify\n", 0,
	 {"t:4:9: error: tls.mode: unknown value \"verify\"; expected one of: no-tlsverify, "
	  "tlsverify, no-tls"}},
	{"unknown apiVersion",
	 "apiVersion: vchnet/v2\nkind: VCHNetworkPlan\n", 0,
	 {"t:1:13: error: apiVersion: unknown value \"vchnet/v2\"; expected vchnet/v1"}},
	{"unknown kind",
	 "apiVersion: vchnet/v1\nkind: Plan\n", 0,
	 {"t:2:7: error: kind: unknown value \"Plan\"; expected VCHNetworkPlan"}},
	{"missing apiVersion and kind are reported at the document",
	 "\nmetadata:\n  name: a\n", 0,
	 {"t:2:1: error: apiVersion is missing; a plan starts with \"apiVersion: vchnet/v1\"",
	  "t:2:1: error: kind is missing; add \"kind: VCHNetworkPlan\" after apiVersion"}},
	{"a tab indenting a key",
	 HEAD "metadata:\n\tname: x\n", 0,
	 {"t:4:1: error: YAML syntax error: "}},
	{"invalid UTF-8 points at the bad character",
	 HEAD "metadata:\n  name: a\xffz\n", 0,
	 {"t:4:10: error: the file is not valid UTF-8 (invalid leading UTF-8 octet); save it as "
	  "UTF-8 text"}},
	{"truncated UTF-8 sequence",
	 HEAD "metadata:\n  name: \xc3(\n", 0,
	 {"t:4:9: error: the file is not valid UTF-8 (invalid trailing UTF-8 octet)"}},
	{"a UTF-16 file",
	 "\xff\xfe" "a\0:\0 \0b\0\n\0", 12,
	 {"t:1:1: error: the file is UTF-16 text; save it as UTF-8"}},
	{"a control character",
	 HEAD "metadata:\n  name: a\x01z\n", 0,
	 {"t:4:10: error: the file contains a control character (0x01), which YAML does not "
	  "allow; remove it"}},
	{"a NUL byte in the file",
	 HEAD "metadata:\n  name: a\0z\n", sizeof(HEAD "metadata:\n  name: a\0z\n") - 1,
	 {"t:4:10: error: the file contains a control character (0x00)"}},
	{"an escaped NUL in a value",
	 HEAD "metadata:\n  name: \"a\\0b\"\n", 0,
	 {"t:4:9: error: a value contains a NUL character (\\0), which a plan cannot hold"}},
	{"an anchor and its alias",
	 HEAD "metadata: &m\n  name: x\nvic: *m\n", 0,
	 {"t:3:11: error: anchors (&m) are not allowed in a plan; write the value out in full",
	  "t:5:6: error: aliases (*m) are not allowed in a plan; write the value out in full"}},
	{"an anchor on a scalar",
	 HEAD "metadata:\n  name: &n vch-01\n", 0,
	 {"t:4:9: error: anchors (&n) are not allowed in a plan"}},
	{"an explicit standard tag",
	 "apiVersion: vchnet/v1\nkind: !!str VCHNetworkPlan\n", 0,
	 {"t:2:7: error: explicit tags (tag:yaml.org,2002:str) are not allowed in a plan; "
	  "remove the tag"}},
	{"a local tag on a mapping",
	 HEAD "tls: !secure\n  mode: tlsverify\n", 0,
	 {"t:3:6: error: explicit tags (!secure) are not allowed in a plan; remove the tag"}},
	{"a %TAG directive",
	 "%TAG !v! tag:example.com,2026:\n---\n" HEAD, 0,
	 {"t:1:1: error: %TAG directives are not allowed in a plan; remove them"}},
	{"two documents",
	 HEAD "---\n" HEAD, 0,
	 {"t:3:1: error: a plan file holds one YAML document; remove this \"---\" and what "
	  "follows, or split the file"}},
	{"empty input",
	 "", 0,
	 {"t:1:1: error: the file holds no plan; a plan starts with \"apiVersion: vchnet/v1\" "
	  "and \"kind: VCHNetworkPlan\" (see vchnet-plan(5))"}},
	{"only comments and blank lines",
	 "# nothing here\n\n   \n", 0,
	 {"t:1:1: error: the file holds no plan"}},
	{"only a UTF-8 BOM",
	 "\xef\xbb\xbf", 0,
	 {"t:1:1: error: the file holds no plan"}},
	{"a list at the top level",
	 "- a\n- b\n", 0,
	 {"t:1:1: error: expected a mapping of keys (apiVersion, kind, metadata, ...) at the "
	  "top level, found a list"}},
	{"a complex key",
	 HEAD "? [a]\n: b\n", 0,
	 {"t:3:3: error: a key must be a name, found a list"}},
	{"a quoted integer",
	 HEAD "networks:\n  bridge:\n    width: \"16\"\n", 0,
	 {"t:5:12: error: networks.bridge.width: expected an integer, found a "
	  "quoted string (\"16\"); write the number without quotes"}},
	{"a float for an integer",
	 HEAD "networks:\n  bridge:\n    create: {vlan: 20.5}\n", 0,
	 {"t:5:20: error: networks.bridge.create.vlan: expected an integer from 0 to 4094, "
	  "found \"20.5\""}},
	{"an integer with a leading zero",
	 HEAD "networks:\n  bridge:\n    width: 016\n", 0,
	 {"t:5:12: error: networks.bridge.width: \"016\" has a leading zero, which some YAML "
	  "readers take as octal; write it without the leading zero"}},
	{"a negative VLAN",
	 HEAD "networks:\n  bridge:\n    create:\n      vlan: -1\n", 0,
	 {"t:6:13: error: networks.bridge.create.vlan: -1 is out of range; expected an integer "
	  "from 0 to 4094"}},
	{"an integer beyond int",
	 HEAD "networks:\n  bridge:\n    width: 99999999999999999999\n", 0,
	 {"t:5:12: error: networks.bridge.width: 99999999999999999999 is out of range"}},
	{"a mapping for an integer",
	 HEAD "networks:\n  bridge:\n    width: {a: 1}\n", 0,
	 {"t:5:12: error: networks.bridge.width: expected an integer, found a "
	  "mapping"}},
	{"an empty list item",
	 HEAD "networks:\n  dns:\n    - 10.0.0.1\n    -\n", 0,
	 {"t:6:6: error: networks.dns[1]: empty list item; give a value or remove the item"}},
	{"a list inside a list of strings",
	 HEAD "proxy:\n  noProxy: [a, [b]]\n", 0,
	 {"t:4:16: error: proxy.noProxy[1]: expected a string, found a list"}},
	{"a container network that is not a mapping",
	 HEAD "networks:\n  container:\n    - Containers\n", 0,
	 {"t:5:7: error: networks.container[0]: expected a container network (a mapping with "
	  "portGroup, alias, ...), found a string"}},
	{"container networks given as a mapping",
	 HEAD "networks:\n  container:\n    portGroup: a\n", 0,
	 {"t:5:5: error: networks.container: expected a list of container networks"}},
	{"unclosed quote",
	 HEAD "metadata:\n  name: \"vch\n", 0,
	 {"t:5:1: error: YAML syntax error: while scanning a quoted scalar found unexpected end "
	  "of stream (at 4:9)"}},
	{"bad indentation",
	 HEAD "metadata:\n  name: a\n   description: b\n", 0,
	 {"t:5:15: error: YAML syntax error: mapping values are not allowed in this context"}},
	{"unquoted value with \": \"",
	 HEAD "metadata:\n  description: a: b\n", 0,
	 {"t:4:17: error: YAML syntax error: mapping values are not allowed in this context; "
	  "check the indentation, and quote values"}},
	{"several problems are all reported, in file order",
	 HEAD "tls:\n  mode: x\nmetadata:\n  nam: a\nnetworks:\n  dns: a\n", 0,
	 {"t:4:9: error: tls.mode: unknown value \"x\"",
	  "t:6:3: error: metadata.nam: unknown key",
	  "t:8:8: error: networks.dns: expected a list of strings"}},
	{"user text in messages is escaped and cut",
	 HEAD "metadata:\n  \"a\\nb\\\"\": x\n  "
	 "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk: y\n",
	 0,
	 {"t:4:3: error: metadata.a\\x0Ab\\\": unknown key",
	  "t:5:3: error: metadata.kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk...: "
	  "unknown key"}},
};

static void test_bad_case(void **state)
{
	const struct bad_case *c = *state;
	size_t len = c->len ? c->len : strlen(c->yaml), want = 0;
	struct strv errors = {0};
	struct plan *p = (struct plan *)1;
	int rc = plan_yaml_parse(c->yaml, len, "t", &p, &errors);

	assert_int_equal(rc, -1);
	assert_null(p);
	while (want < 4 && c->want[want])
		want++;
	if (errors.n != want) {
		for (size_t i = 0; i < errors.n; i++)
			print_message("# got: %s\n", errors.v[i]);
		fail_msg("%s: %zu errors, expected %zu", c->name, errors.n, want);
	}
	for (size_t i = 0; i < want; i++)
		if (strncmp(errors.v[i], c->want[i], strlen(c->want[i])) != 0)
			fail_msg("%s:\n got  %s\n want %s...", c->name, errors.v[i], c->want[i]);
	/* err_msg() holds the first error */
	assert_string_equal(err_msg(), errors.v[0]);
	strv_free(&errors);
}

/* The tab case must say what to do about tabs. */
static void test_tab_hint(void **state)
{
	struct strv errors = {0};
	struct plan *p;
	const char *y = HEAD "networks:\n  bridge:\n\t  portGroup: b\n";

	(void)state;
	assert_int_equal(plan_yaml_parse(y, strlen(y), "t", &p, &errors), -1);
	assert_int_equal(errors.n, 1);
	assert_non_null(strstr(errors.v[0], "t:5:1: error: "));
	assert_non_null(strstr(errors.v[0], "indent with spaces"));
	strv_free(&errors);
}

/* ------------------------------------------------------------------------------------ */
/* Bad fixture files: exactly the errors in NAME.err                                     */

/* Trust levels are read as vic-machine reads them: any case (written back in lower
 * case), "" as unspecified, and an unknown one kept for the rules to name in
 * vic-machine's words (a plan error, not a reader error). */
static void test_trust_levels(void **state)
{
	static const struct { const char *in, *want; } t[] = {
		{"open", "open"}, {"Open", "open"}, {"PEERS", "peers"}, {"\"\"", NULL},
		{"public", "public"}, {"\" open\"", " open"},
	};
	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		char *y = xasprintf(HEAD "networks:\n  container:\n    - {portGroup: a, firewall: %s}\n",
				    t[i].in);
		struct strv errors = {0};
		struct plan *p = NULL;
		assert_int_equal(plan_yaml_parse(y, strlen(y), "t", &p, &errors), 0);
		assert_int_equal(errors.n, 0);
		if (t[i].want)
			assert_string_equal(p->containers[0].firewall, t[i].want);
		else
			assert_null(p->containers[0].firewall);
		char *out = plan_yaml_dump(p, NULL);
		if (t[i].want)
			assert_non_null(strstr(out, t[i].want));
		else
			assert_null(strstr(out, "firewall"));
		free(out);
		plan_free(p);
		strv_free(&errors);
		free(y);
	}
}

/* A width of 0 (or below) is read and written back: vic-machine has a message for it,
 * which the rules give; absent stays absent. */
static void test_width_zero(void **state)
{
	struct strv errors = {0};
	struct plan *p = NULL;
	const char *y = HEAD "networks:\n  bridge:\n    width: 0\n";

	(void)state;
	assert_int_equal(plan_yaml_parse(y, strlen(y), "t", &p, &errors), 0);
	assert_true(p->bridge.width_given);
	assert_int_equal(p->bridge.width, 0);
	char *out = plan_yaml_dump(p, NULL);
	assert_non_null(strstr(out, "    width: 0\n"));
	free(out);
	plan_free(p);
	y = HEAD "networks:\n  bridge:\n    portGroup: b\n";
	assert_int_equal(plan_yaml_parse(y, strlen(y), "t", &p, &errors), 0);
	assert_false(p->bridge.width_given);
	out = plan_yaml_dump(p, NULL);
	assert_null(strstr(out, "width"));
	free(out);
	plan_free(p);
	strv_free(&errors);
}

static void test_bad_fixtures(void **state)
{
	struct strv names = {0};

	(void)state;
	list_yaml("bad", &names);
	assert_true(names.n >= 20);
	for (size_t i = 0; i < names.n; i++) {
		char *rel = xasprintf("bad/%s", names.v[i]);
		char *path = fixture(rel), *errpath, *buf, *want, *got;
		size_t len, wlen;
		struct strv errors = {0};
		struct plan *p;

		assert_int_equal(fileio_read(path, 64 << 20, &buf, &len), 0);
		errpath = xasprintf("%.*s.err", (int)(strlen(path) - 5), path);
		if (fileio_read(errpath, 1 << 20, &want, &wlen) < 0)
			fail_msg("%s has no .err file: %s", names.v[i], err_msg());
		if (plan_yaml_parse(buf, len, names.v[i], &p, &errors) == 0)
			fail_msg("%s: read without errors", names.v[i]);
		got = strv_join(&errors, "\n");
		if (errors.n) {
			char *t = xasprintf("%s\n", got);
			free(got);
			got = t;
		}
		if (strcmp(got, want) != 0)
			fail_msg("%s:\n--- got\n%s--- want\n%s", names.v[i], got, want);
		free(got);
		free(want);
		free(errpath);
		free(buf);
		free(path);
		free(rel);
		strv_free(&errors);
	}
	strv_free(&names);
}

/* ------------------------------------------------------------------------------------ */
/* Hostile files                                                                         */

static char *tmp_dir;

static int setup_tmp(void **state)
{
	char tmpl[] = "/tmp/test_plan_yaml.XXXXXX";
	(void)state;
	if (!mkdtemp(tmpl))
		return -1;
	tmp_dir = xstrdup(tmpl);
	return 0;
}

static int teardown_tmp(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", tmp_dir);
	(void)state;
	if (system(cmd) != 0)
		return -1;
	free(cmd);
	free(tmp_dir);
	return 0;
}

static void expect_load_error(const char *path, const char *want)
{
	struct strv errors = {0};
	struct plan *p = (struct plan *)1;

	assert_int_equal(plan_yaml_load(path, &p, &errors), -1);
	assert_null(p);
	assert_int_equal(errors.n, 1);
	if (!strstr(errors.v[0], want))
		fail_msg("got %s\nwant ...%s...", errors.v[0], want);
	assert_string_equal(err_msg(), errors.v[0]);
	strv_free(&errors);
}

static void test_load_directory(void **state)
{
	char *want = xasprintf("%s: error: cannot read %s: not a regular file", tmp_dir, tmp_dir);
	(void)state;
	expect_load_error(tmp_dir, want);
	free(want);
}

static void test_load_dev_zero(void **state)
{
	(void)state;
	expect_load_error("/dev/zero", "/dev/zero: error: cannot read /dev/zero: not a regular "
			  "file (it is a character device); give the path of a plan file");
}

static void test_load_missing(void **state)
{
	char *path = xasprintf("%s/nope.yaml", tmp_dir);
	char *want = xasprintf("%s: error: cannot open %s: No such file or directory", path, path);
	(void)state;
	expect_load_error(path, want);
	free(want);
	free(path);
}

/* A 10 MB scalar, on disk and in memory. */
static void test_huge_scalar(void **state)
{
	size_t n = 10u << 20;
	char *buf = xmalloc(n + 1), *path = xasprintf("%s/huge.yaml", tmp_dir), *want;
	struct strv errors = {0};
	struct plan *p;

	(void)state;
	memcpy(buf, HEAD "metadata:\n  name: ", strlen(HEAD "metadata:\n  name: "));
	memset(buf + strlen(HEAD "metadata:\n  name: "), 'x', n - strlen(HEAD "metadata:\n  name: "));
	buf[n] = '\0';
	assert_int_equal(fileio_write_atomic(path, buf, n, 0600), 0);
	want = xasprintf("cannot read %s: larger than the limit of %d bytes", path,
			 PLAN_YAML_MAX_BYTES);
	expect_load_error(path, want);
	assert_int_equal(plan_yaml_parse(buf, n, "t", &p, &errors), -1);
	assert_int_equal(errors.n, 1);
	assert_string_equal(errors.v[0], "t: error: the plan is 10485760 bytes, more than the "
			    "limit of 1048576; this is not a plan file");
	/* just under the file limit, the scalar limit speaks */
	n = PLAN_YAML_MAX_BYTES - 1;
	buf[n] = '\0';
	strv_free(&errors);
	assert_int_equal(plan_yaml_parse(buf, n, "t", &p, &errors), -1);
	assert_int_equal(errors.n, 1);
	assert_string_equal(errors.v[0], "t:4:9: error: a value of 1048514 bytes is longer than "
			    "the limit of 16384 bytes; shorten it");
	strv_free(&errors);
	free(want);
	free(path);
	free(buf);
}

/* Deep nesting in flow and block style, and a list of a million items, stop early. */
static void test_deep_and_long(void **state)
{
	size_t n = 500000;
	char *buf = xmalloc(2 * n + 1);
	struct strv errors = {0};
	struct plan *p;

	(void)state;
	memset(buf, '[', n);
	memset(buf + n, ']', n);
	buf[2 * n] = '\0';
	assert_int_equal(plan_yaml_parse(buf, 2 * n, "t", &p, &errors), -1);
	assert_int_equal(errors.n, 1);
	assert_string_equal(errors.v[0], "t:1:33: error: the document nests deeper than 32 "
			    "levels; a plan needs at most 5");
	strv_free(&errors);

	/* block style: "a:\n a:\n  a:\n ..." */
	{
		struct strv lines = {0};
		char *doc;
		for (int i = 0; i < 40; i++)
			strv_push_owned(&lines, xasprintf("%*sa:", i, ""));
		doc = strv_join(&lines, "\n");
		assert_int_equal(plan_yaml_parse(doc, strlen(doc), "t", &p, &errors), -1);
		assert_int_equal(errors.n, 1);
		assert_string_equal(errors.v[0], "t:33:33: error: the document nests deeper than "
				    "32 levels; a plan needs at most 5");
		strv_free(&errors);
		strv_free(&lines);
		free(doc);
	}

	/* "[a,a,a,...,a,]" */
	for (size_t i = 1; i < 2 * n - 1; i++)
		buf[i] = i % 2 ? 'a' : ',';
	buf[0] = '[';
	buf[2 * n - 1] = ']';
	assert_int_equal(plan_yaml_parse(buf, 2 * n, "t", &p, &errors), -1);
	assert_int_equal(errors.n, 1);
	assert_string_equal(errors.v[0], "t:1:514: error: more than 256 items in one list; a plan "
			    "never needs that many");
	strv_free(&errors);
	free(buf);
}

/* Billions of laughs: refused at the first anchor and aliases, never expanded. */
static void test_alias_bomb(void **state)
{
	struct strv lines = {0}, errors = {0};
	struct plan *p;
	char *doc;

	(void)state;
	strv_push(&lines, HEAD "a0: &a0 [x, x, x, x, x, x, x, x, x, x]");
	for (int i = 1; i < 40; i++)
		strv_push_owned(&lines, xasprintf("a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, "
						  "*a%d, *a%d, *a%d, *a%d]",
						  i, i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1,
						  i - 1, i - 1, i - 1, i - 1));
	doc = strv_join(&lines, "\n");
	assert_int_equal(plan_yaml_parse(doc, strlen(doc), "t", &p, &errors), -1);
	/* capped: PLAN_YAML_MAX_ERRORS, then one line saying so */
	assert_int_equal(errors.n, PLAN_YAML_MAX_ERRORS + 1);
	/* the first 50 found are kept: anchors and aliases, found while reading */
	assert_string_equal(errors.v[0], "t:3:5: error: anchors (&a0) are not allowed in a plan; "
			    "write the value out in full");
	assert_string_equal(errors.v[1], "t:4:5: error: anchors (&a1) are not allowed in a plan; "
			    "write the value out in full");
	assert_string_equal(errors.v[2], "t:4:10: error: aliases (*a0) are not allowed in a plan; "
			    "write the value out in full");
	assert_string_equal(errors.v[PLAN_YAML_MAX_ERRORS],
			    "t: error: too many errors; only the first 50 are shown, fix them and "
			    "read the plan again");
	strv_free(&errors);
	strv_free(&lines);
	free(doc);
}

/* errors may be NULL; err_msg() still has the first problem. */
static void test_null_errors_list(void **state)
{
	struct plan *p;
	const char *y = HEAD "metadata:\n  nam: x\n  name: [y]\n";

	(void)state;
	err_clear();
	assert_int_equal(plan_yaml_parse(y, strlen(y), "plan.yaml", &p, NULL), -1);
	assert_string_equal(err_msg(), "plan.yaml:4:3: error: metadata.nam: unknown key; "
			    "expected one of: name, description");
}

/* ------------------------------------------------------------------------------------ */
/* Reading values                                                                       */

static void test_bom_accepted(void **state)
{
	struct plan *p = parse_ok("\xef\xbb\xbf" HEAD "metadata:\n  name: vch-01\n");

	(void)state;
	assert_string_equal(p->name, "vch-01");
	assert_int_equal(plan_pos(p, "metadata.name").line, 4);
	assert_int_equal(plan_pos(p, "metadata.name").col, 3);
	assert_int_equal(plan_pos(p, "apiVersion").col, 1);
	plan_free(p);
}

/* YAML 1.1 pitfalls: unquoted on/yes/10.10 are the strings they look like; a plain
 * null/~/empty is "absent"; quoted "null" is the string. */
static void test_scalars_are_strings(void **state)
{
	struct plan *p = parse_ok(HEAD "metadata:\n  name: no\n  description: \"null\"\n"
				       "vic:\n  version: 1.10\n  machine: ~\n"
				       "tls:\n  mode:\n  cname: ''\n"
				       "networks:\n  bridge:\n    portGroup: on\n    width: ~\n"
				       "  public: {portGroup: yes, ip: null, gateway: NULL}\n"
				       "  client: ~\n  management: {}\n  dns: ~\n"
				       "  container:\n    - portGroup: 10.10\n      alias: Null\n"
				       "proxy:\n  http: 0x10\n");

	(void)state;
	assert_string_equal(p->name, "no");
	assert_string_equal(p->description, "null");
	assert_string_equal(p->vic_version, "1.10");
	assert_null(p->vic_machine);
	assert_null(p->tls.mode);
	assert_string_equal(p->tls.cname, "");
	assert_string_equal(p->bridge.port_group, "on");
	assert_int_equal(p->bridge.width, 0);
	assert_false(p->bridge.create);
	assert_int_equal(p->bridge.create_vlan, -1);
	assert_true(p->public_net.present);
	assert_string_equal(p->public_net.port_group, "yes");
	assert_null(p->public_net.ip);
	assert_null(p->public_net.gateway);
	assert_false(p->client_net.present);
	assert_true(p->management_net.present);
	assert_null(p->management_net.port_group);
	assert_int_equal(p->dns.n, 0);
	assert_int_equal(p->n_containers, 1);
	assert_string_equal(p->containers[0].port_group, "10.10");
	assert_null(p->containers[0].alias);
	assert_string_equal(p->proxy.http, "0x10");
	plan_free(p);
}

static void test_values_and_positions(void **state)
{
	struct plan *p = parse_ok(HEAD "networks:\n"
				       "  bridge:\n"
				       "    portGroup: b\n"
				       "    create: {switch: s, vlan: 7}\n"
				       "  client:\n"
				       "    portGroup: c\n"
				       "    gateway: 10.1.0.1\n"
				       "  dns: [1.1.1.1, 8.8.8.8]\n"
				       "  container:\n"
				       "    - portGroup: x\n"
				       "    - portGroup: y\n"
				       "      alias: why\n"
				       "      ipRanges:\n"
				       "        - 10.0.0.0/24\n"
				       "        - 10.0.1.0/24\n");
	static const struct {
		const char *path;
		int line, col;
	} want[] = {
		{"apiVersion", 1, 1},
		{"kind", 2, 1},
		{"networks", 3, 1},
		{"networks.bridge", 4, 3},
		{"networks.bridge.portGroup", 5, 5},
		{"networks.bridge.create", 6, 5},
		{"networks.bridge.create.switch", 6, 14},
		{"networks.bridge.create.vlan", 6, 25},
		{"networks.client.gateway", 9, 5},
		{"networks.client.ip", 7, 3}, /* not given: its section */
		{"networks.dns", 10, 3},
		{"networks.dns[1]", 10, 18},
		{"networks.container[0]", 12, 7},
		{"networks.container[1]", 13, 7},
		{"networks.container[1].alias", 14, 7},
		{"networks.container[1].ipRanges[1]", 17, 11},
		{"networks.container[1].firewall", 13, 7},
		{"proxy.http", 0, 0},
	};

	(void)state;
	assert_string_equal(p->bridge.create_switch, "s");
	assert_true(p->bridge.create);
	assert_int_equal(p->bridge.create_vlan, 7);
	assert_true(p->client_net.present);
	assert_false(p->public_net.present);
	assert_string_equal(p->client_net.gateway, "10.1.0.1");
	assert_int_equal(p->dns.n, 2);
	assert_string_equal(p->dns.v[1], "8.8.8.8");
	assert_int_equal(p->n_containers, 2);
	assert_string_equal(p->containers[1].alias, "why");
	assert_int_equal(p->containers[1].ip_ranges.n, 2);
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		struct plan_pos pos = plan_pos(p, want[i].path);
		if (pos.line != want[i].line || pos.col != want[i].col)
			fail_msg("%s at %d:%d, expected %d:%d", want[i].path, pos.line, pos.col,
				 want[i].line, want[i].col);
	}
	plan_free(p);
}

static void test_header_read_back(void **state)
{
	char *path = fixture("good/written-by-vchnet.yaml");
	struct strv errors = {0};
	struct plan *p;

	(void)state;
	assert_int_equal(plan_yaml_load(path, &p, &errors), 0);
	assert_string_equal(p->generated_at, "2026-11-27T18:00:00Z");
	assert_string_equal(p->precheck_summary,
			    "2026-11-27T18:05:12Z: 0 errors, 1 warning against vcenter.example.com");
	assert_string_equal(p->name, "vch-prod-01");
	plan_free(p);
	free(path);

	/* a hand-written file has neither */
	p = parse_ok("# Generated by hand\n# Pre-check is something else\n" HEAD);
	assert_null(p->generated_at);
	assert_null(p->precheck_summary);
	plan_free(p);
	/* only the leading comment block counts, up to the layout's bare "#" */
	p = parse_ok("# Generated by vchnet 9 on T1\n#\n# Pre-check: layout text\n" HEAD
		     "# Pre-check: late\n");
	assert_string_equal(p->generated_at, "T1");
	assert_null(p->precheck_summary);
	plan_free(p);
}

/* ------------------------------------------------------------------------------------ */
/* Writing                                                                              */

static struct plan *sample_plan(void)
{
	struct plan *p = plan_new();
	struct plan_container_net *c;

	p->name = xstrdup("vch-01");
	p->generated_at = xstrdup("2026-11-27T18:00:00Z");
	p->target.url = xstrdup("https://vc.example.com/sdk");
	strv_push(&p->target.volume_stores, "ds1/v:default");
	p->bridge.port_group = xstrdup("br");
	p->bridge.width = 24;
	p->bridge.create = true;
	p->bridge.create_vlan = 0;
	p->public_net.present = true;
	p->public_net.port_group = xstrdup("VM Network");
	p->public_net.ip = xstrdup("10.0.0.5/24");
	p->public_net.gateway = xstrdup("10.0.0.1");
	p->management_net.present = true;
	c = plan_add_container(p);
	c->port_group = xstrdup("cn");
	c->firewall = xstrdup("open");
	plan_add_container(p);
	c = plan_add_container(p);
	strv_push(&c->dns, "10.3.0.2");
	return p;
}

static const char sample_yaml[] =
	"# Generated by vchnet " PACKAGE_VERSION " on 2026-11-27T18:00:00Z\n"
	"# A VCH network plan (see vchnet-plan(5)). No secrets are stored in this file.\n"
	"# Check it:  vchnet check PLAN   (without vCenter: vchnet check --offline PLAN)\n"
	"# Deploy it: vchnet deploy PLAN\n"
	"# Pre-check: 0 errors, 0 warnings\n"
	"#\n"
	"# +-----+\n"
	"#\n"
	"# | VCH |\n"
	"\n"
	"apiVersion: \"vchnet/v1\"\n"
	"kind: \"VCHNetworkPlan\"\n"
	"metadata:\n"
	"  name: \"vch-01\"\n"
	"target:\n"
	"  url: \"https://vc.example.com/sdk\"\n"
	"  volumeStores: [\"ds1/v:default\"]\n"
	"networks:\n"
	"  bridge:\n"
	"    portGroup: \"br\"\n"
	"    width: 24\n"
	"    create: {vlan: 0}\n"
	"  public:\n"
	"    portGroup: \"VM Network\"\n"
	"    ip: \"10.0.0.5/24\"\n"
	"    gateway: \"10.0.0.1\"\n"
	"  management: {}\n"
	"  container:\n"
	"    - portGroup: \"cn\"\n"
	"      firewall: \"open\"\n"
	"    - {}\n"
	"    - dns: [\"10.3.0.2\"]\n";

static void test_dump_exact(void **state)
{
	struct plan *p = sample_plan(), *q;
	char *s, *s2;

	(void)state;
	p->precheck_summary = xstrdup("0 errors, 0 warnings");
	s = plan_yaml_dump(p, "+-----+\n\n| VCH |\n");
	assert_string_equal(s, sample_yaml);
	/* and it reads back to the same plan and the same text */
	q = parse_ok(s);
	assert_true(plan_equal(p, q));
	assert_string_equal(q->generated_at, p->generated_at);
	assert_string_equal(q->precheck_summary, p->precheck_summary);
	s2 = plan_yaml_dump(q, "+-----+\n\n| VCH |");
	assert_string_equal(s, s2);
	free(s2);
	free(s);
	plan_free(q);
	plan_free(p);
}

static void test_dump_empty_plan(void **state)
{
	struct plan *p = plan_new(), *q;
	char *s;

	(void)state;
	p->generated_at = xstrdup("T");
	s = plan_yaml_dump(p, NULL);
	assert_non_null(strstr(s, "\n\napiVersion: \"vchnet/v1\"\nkind: \"VCHNetworkPlan\"\n"));
	q = parse_ok(s);
	assert_true(plan_equal(p, q));
	free(s);
	plan_free(q);
	plan_free(p);
}

/* Without generated_at the header carries the current time, and the plan is not
 * touched. */
static void test_dump_does_not_mutate(void **state)
{
	struct plan *p = sample_plan(), *before;
	char *s;
	regex_t re;

	(void)state;
	free(p->generated_at);
	p->generated_at = NULL;
	before = plan_dup(p);
	s = plan_yaml_dump(p, NULL);
	assert_null(p->generated_at);
	assert_true(plan_equal(p, before));
	assert_int_equal(regcomp(&re, "^# Generated by vchnet [^ ]+ on "
				 "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\n",
				 REG_EXTENDED), 0);
	assert_int_equal(regexec(&re, s, 0, NULL, 0), 0);
	regfree(&re);
	free(s);
	plan_free(before);
	plan_free(p);
}

/* Strings that another YAML reader could misread are quoted; every one survives. */
static void test_quoting(void **state)
{
	static const struct {
		const char *in, *written, *read_back;
	} cases[] = {
		{"on", "\"on\"", NULL},
		{"yes", "\"yes\"", NULL},
		{"off", "\"off\"", NULL},
		{"y", "\"y\"", NULL},
		{"10.10", "\"10.10\"", NULL},
		{"1e3", "\"1e3\"", NULL},
		{"0x1F", "\"0x1F\"", NULL},
		{"null", "\"null\"", NULL},
		{"~", "\"~\"", NULL},
		{"", "\"\"", NULL},
		{"VM Network", "\"VM Network\"", NULL},
		{"Prod & Test <VLAN 30>", "\"Prod & Test <VLAN 30>\"", NULL},
		{"say \"hi\"", "\"say \\\"hi\\\"\"", NULL},
		{"it's", "\"it's\"", NULL},
		{"back\\slash", "\"back\\\\slash\"", NULL},
		{"a: b # c", "\"a: b # c\"", NULL},
		{"- dash", "\"- dash\"", NULL},
		{"*star &amp !bang %pct @at `tick` |pipe >gt", NULL, NULL},
		{"{brace} [bracket], comma", "\"{brace} [bracket], comma\"", NULL},
		{" leading and trailing ", "\" leading and trailing \"", NULL},
		{"Zürich – 日本語 😀", "\"Zürich – 日本語 😀\"", NULL},
		{"tab\there", "\"tab\\there\"", NULL},
		{"two\nlines\r\n", "\"two\\nlines\\r\\n\"", NULL},
		{"bell\a del\x7f", "\"bell\\x07 del\\x7F\"", NULL},
		{"nel\xc2\x85 ls\xe2\x80\xa8 ps\xe2\x80\xa9", "\"nel\\N ls\\L ps\\P\"", NULL},
		{"c1\xc2\x9b nbsp\xc2\xa0", "\"c1\\x9B nbsp\xc2\xa0\"", NULL},
		{"bom\xef\xbb\xbf nonchar\xef\xbf\xbe", "\"bom\\uFEFF nonchar\\uFFFE\"", NULL},
		{"bad\xff utf8\xc3", "\"bad\\uFFFD utf8\\uFFFD\"",
		 "bad\xef\xbf\xbd utf8\xef\xbf\xbd"},
		{"overlong\xc0\xaf surrogate\xed\xa0\x80", NULL,
		 "overlong\xef\xbf\xbd\xef\xbf\xbd surrogate\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct plan *p = plan_new(), *q;
		char *s, *line;
		const char *want = cases[i].read_back ? cases[i].read_back : cases[i].in;

		p->generated_at = xstrdup("T");
		p->public_net.present = true;
		p->public_net.port_group = xstrdup(cases[i].in);
		strv_push(&p->dns, cases[i].in);
		plan_add_container(p)->alias = xstrdup(cases[i].in);
		s = plan_yaml_dump(p, NULL);
		if (cases[i].written) {
			line = xasprintf("    portGroup: %s\n", cases[i].written);
			if (!strstr(s, line))
				fail_msg("case %zu: %s not in\n%s", i, line, s);
			free(line);
		}
		q = parse_ok(s);
		assert_string_equal(q->public_net.port_group, want);
		assert_string_equal(q->dns.v[0], want);
		assert_string_equal(q->containers[0].alias, want);
		free(s);
		plan_free(q);
		plan_free(p);
	}
}

/* Header texts are kept on one comment line whatever they hold. */
static void test_header_sanitised(void **state)
{
	struct plan *p = plan_new(), *q;
	char *s, *s2;

	(void)state;
	p->generated_at = xstrdup("T\n\xe2\x80\xa8x");
	p->precheck_summary = xstrdup("ok\r\napiVersion: evil\n\xff");
	s = plan_yaml_dump(p, "a\tb\n\xc2\x85");
	assert_non_null(strstr(s, "on T  x\n"));
	assert_non_null(strstr(s, "# Pre-check: ok  apiVersion: evil ?\n"));
	assert_non_null(strstr(s, "\n# a b\n#  \n\n"));
	q = parse_ok(s);
	s2 = plan_yaml_dump(q, "a\tb\n\xc2\x85");
	assert_string_equal(s, s2);
	free(s2);
	free(s);
	plan_free(q);
	plan_free(p);
}

/* ------------------------------------------------------------------------------------ */
/* Good fixtures: read, and round trips                                                 */

static const char layout[] = "+---------------------+\n| VCH endpoint VM     |\n"
			     "|  NIC 1  public      |\n+---------------------+\n";

static void test_good_fixtures(void **state)
{
	struct strv names = {0};

	(void)state;
	list_yaml("good", &names);
	assert_true(names.n >= 8);
	for (size_t i = 0; i < names.n; i++) {
		char *rel = xasprintf("good/%s", names.v[i]), *path = fixture(rel);
		char *saved = xasprintf("%s/%s", tmp_dir, names.v[i]);
		char *d1, *d2, *d3, *bytes;
		size_t len;
		struct strv errors = {0};
		struct plan *p, *q, *r;
		struct stat st;

		if (plan_yaml_load(path, &p, &errors) != 0)
			fail_msg("%s: %s", names.v[i], errors.n ? errors.v[0] : err_msg());
		assert_int_equal(errors.n, 0);
		assert_true(p->n_pos > 0);
		/* every good plan names the VCH, the bridge and the public port group */
		assert_non_null(p->name);
		assert_non_null(p->bridge.port_group);
		assert_non_null(p->public_net.port_group);
		if (!p->generated_at)
			p->generated_at = xstrdup("2026-11-27T18:30:00Z");

		/* dump(load(dump(p))) == dump(p) */
		d1 = plan_yaml_dump(p, layout);
		if (plan_yaml_parse(d1, strlen(d1), "dump", &q, &errors) != 0)
			fail_msg("%s: the dump does not read back: %s\n%s", names.v[i], errors.v[0],
				 d1);
		assert_true(plan_equal(p, q));
		d2 = plan_yaml_dump(q, layout);
		assert_string_equal(d1, d2);

		/* save: mode 0600, the bytes of the dump; load then dump gives the file */
		assert_int_equal(plan_yaml_save(q, saved, layout), 0);
		assert_int_equal(stat(saved, &st), 0);
		assert_int_equal(st.st_mode & 07777, 0600);
		assert_int_equal(fileio_read(saved, 1 << 20, &bytes, &len), 0);
		assert_string_equal(bytes, d1);
		assert_int_equal(plan_yaml_load(saved, &r, NULL), 0);
		d3 = plan_yaml_dump(r, layout);
		assert_string_equal(d3, bytes);
		assert_true(plan_equal(p, r));

		free(d1);
		free(d2);
		free(d3);
		free(bytes);
		plan_free(p);
		plan_free(q);
		plan_free(r);
		free(saved);
		free(path);
		free(rel);
	}
	strv_free(&names);
}

/* The fixture written by vchnet is byte-identical to what vchnet writes for it (apart
 * from the version in the header, which follows PACKAGE_VERSION). */
static void test_written_fixture_identical(void **state)
{
	char *path = fixture("good/written-by-vchnet.yaml"), *bytes, *d, *nl, *expect;
	size_t len;
	struct plan *p;

	(void)state;
	assert_int_equal(fileio_read(path, 1 << 20, &bytes, &len), 0);
	assert_int_equal(plan_yaml_load(path, &p, NULL), 0);
	/* the layout block is the caller's: take it from the file */
	{
		/* the layout starts after the first bare "#" line */
		const char *b = strstr(bytes, "\n#\n"), *e = strstr(bytes, "\n\napiVersion");
		struct strv lines = {0};
		char *block, *lay;
		assert_non_null(b);
		assert_non_null(e);
		b += 3;
		block = xstrndup(b, (size_t)(e - b));
		for (char *tok = strtok(block, "\n"); tok; tok = strtok(NULL, "\n"))
			strv_push(&lines, tok[1] == ' ' ? tok + 2 : tok + 1);
		lay = strv_join(&lines, "\n");
		d = plan_yaml_dump(p, lay);
		free(lay);
		free(block);
		strv_free(&lines);
	}
	nl = strchr(bytes, '\n');
	expect = xasprintf("# Generated by vchnet %s on 2026-11-27T18:00:00Z%s", PACKAGE_VERSION,
			   nl);
	assert_string_equal(d, expect);
	free(expect);
	free(d);
	free(bytes);
	free(path);
	plan_free(p);
}

static void test_save_errors(void **state)
{
	struct plan *p = sample_plan();
	char *path = xasprintf("%s/no/such/dir/plan.yaml", tmp_dir);

	(void)state;
	assert_int_equal(plan_yaml_save(p, path, NULL), -1);
	assert_non_null(strstr(err_msg(), "cannot save the plan: cannot write"));
	free(path);
	plan_free(p);
}

int main(void)
{
	size_t nbad = sizeof bad_cases / sizeof *bad_cases, n = 0;
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_tab_hint),
		cmocka_unit_test(test_trust_levels),
		cmocka_unit_test(test_width_zero),
		cmocka_unit_test(test_bad_fixtures),
		cmocka_unit_test(test_load_directory),
		cmocka_unit_test(test_load_dev_zero),
		cmocka_unit_test(test_load_missing),
		cmocka_unit_test(test_huge_scalar),
		cmocka_unit_test(test_deep_and_long),
		cmocka_unit_test(test_alias_bomb),
		cmocka_unit_test(test_null_errors_list),
		cmocka_unit_test(test_bom_accepted),
		cmocka_unit_test(test_scalars_are_strings),
		cmocka_unit_test(test_values_and_positions),
		cmocka_unit_test(test_header_read_back),
		cmocka_unit_test(test_dump_exact),
		cmocka_unit_test(test_dump_empty_plan),
		cmocka_unit_test(test_dump_does_not_mutate),
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_header_sanitised),
		cmocka_unit_test(test_good_fixtures),
		cmocka_unit_test(test_written_fixture_identical),
		cmocka_unit_test(test_save_errors),
	};
	size_t nfixed = sizeof fixed / sizeof *fixed;
	struct CMUnitTest *tests = xcalloc(nbad + nfixed, sizeof *tests);
	int rc;

	/* one test per table row, so that TAP counts and names each case */
	for (size_t i = 0; i < nbad; i++) {
		struct CMUnitTest t = cmocka_unit_test_prestate(
			test_bad_case, (void *)(uintptr_t)&bad_cases[i]);
		t.name = bad_cases[i].name;
		tests[n++] = t;
	}
	for (size_t i = 0; i < nfixed; i++)
		tests[n++] = fixed[i];
	rc = _cmocka_run_group_tests("plan_yaml", tests, n, setup_tmp, teardown_tmp);
	free(tests);
	return rc;
}
