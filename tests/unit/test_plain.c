/* Unit tests of the plain mode: whole sessions over an inventory built in C, with the
 * answers on a memory stream and the output captured — the defaults giving a complete
 * plan, answers refused as typed with the rules engine's messages and asked again (VCH
 * name, bridge width, unusable port groups, container alias, gateway, range, trust
 * level, proxy URL), '?' help, '<' back, and the end of input keeping nothing saved.
 * The plan is really written and read back with the YAML loader. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "conn.h"
#include "inv.h"
#include "invbuild.h"
#include "mem.h"
#include "plain.h"
#include "plan.h"
#include "plan_yaml.h"
#include "session.h"

static char tmpdir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/test_plain.XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	(void)state;
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
	free(cmd);
	return 0;
}

static struct inv *inventory(void)
{
	static const char *const all[] = {"h-1", "h-2", NULL};
	struct inv *inv = ib_new("VirtualCenter");

	ib_cluster(inv, "c-1", "C0");
	ib_host(inv, "c-1", "h-1", "esx1");
	ib_host(inv, "c-1", "h-2", "esx2");
	for (size_t i = 0; i < inv->n_hosts; i++)
		ib_ruleset(&inv->hosts[i], "vic-engine", true, true, 2377, 2377);
	ib_switch(inv, "dvs-1", "DVS0", "dvportgroup-up");
	ib_network(inv, INV_NET_DVPG, "dvportgroup-10", "vch-bridge", "dvs-1", NULL);
	ib_network(inv, INV_NET_DVPG, "dvportgroup-11", "cn-pg", "dvs-1", NULL);
	ib_network(inv, INV_NET_STANDARD, "network-7", "VM Network", NULL, NULL);
	ib_network(inv, INV_NET_DVPG, "dvportgroup-12", "mgmt-pg", "dvs-1", NULL);
	ib_datastore(inv, "datastore-1", "ds1", all);
	ib_finish(inv);
	return inv;
}

static int session_on_width(const char *answers, char **out, struct plan *plan,
			    const char *plan_path, int width)
{
	struct session s;
	struct plain_opts o;
	size_t len = 0;
	FILE *in = fmemopen((void *)(uintptr_t)answers, strlen(answers), "r");
	FILE *outf = open_memstream(out, &len);
	int code;

	assert_non_null(in);
	assert_non_null(outf);
	/* as cmd_wizard sets it up */
	session_init(&s, plan ? plan : plan_new(), plain_steps());
	s.inv = inventory();
	if (plan_path) {
		wizard_mark_saved(&s.wz, plan_path);
		s.resume_to = WIZARD_LAYOUT;
	}
	memset(&o, 0, sizeof o);
	o.in = in;
	o.out = outf;
	o.width = width;
	code = plain_run(&s, &o);
	session_free(&s);
	fclose(in);
	fclose(outf);
	if (getenv("TEST_PLAIN_VERBOSE")) /* the transcript, for a failing test */
		fprintf(stderr, "%s\n[exit %d]\n", *out, code);
	return code;
}

/* Runs a session with these answers (on plan loaded from plan_path, or a new plan);
 * returns the exit code, *out the transcript (lines not wrapped: the assertions read
 * whole sentences; test_wrapped checks the wrapping). */
static int session_on(const char *answers, char **out, struct plan *plan, const char *plan_path)
{
	return session_on_width(answers, out, plan, plan_path, 0);
}

static int session(const char *answers, char **out)
{
	return session_on(answers, out, NULL, NULL);
}

static struct plan *load(const char *path)
{
	struct plan *p = NULL;
	assert_int_equal(plan_yaml_load(path, &p, NULL), 0);
	return p;
}

static void test_defaults(void **state)
{
	char *path = xasprintf("%s/defaults.yaml", tmpdir), *answers, *out = NULL;
	struct plan *p;
	(void)state;

	/* scope 4, bridge 3, public 3, client 1 and management 1 (the same network: no
	 * address to ask), containers 2, layout, firewall, the TLS choice (the default),
	 * then the file name */
	answers = xasprintf("\n" "administrator@vsphere.local\n" "\n\n\n\n" "\n\n\n" "\n\n\n" "\n" "\n" "\n\n" "\n\n" "\n" "%s\n", path);
	assert_int_equal(session(answers, &out), 0);
	assert_non_null(strstr(out, "== Step 10 of 10: Review and save =="));
	assert_non_null(strstr(out, "VM Network (standard, no VLAN, on 2 of 2 hosts)  -- cannot be "
				    "used: a standard port group; on vCenter the bridge needs"));
	assert_non_null(strstr(out, "No problems found."));
	/* nothing is chosen for the user: the only usable port group named for the bridge
	 * and vic-machine's VM Network are suggested, and the empty answer takes them */
	assert_non_null(strstr(out, "Suggested (not chosen yet): vch-bridge (DVS0, no VLAN). Press Enter to take it."));
	/* client and management shared: no address, gateway or routes asked for them */
	assert_non_null(strstr(out, "The management network shares the client network's card"));
	assert_null(strstr(strstr(out, "Same as the client network"), "Static address"));
	assert_non_null(strstr(out, "Suggested (not chosen yet): VM Network (standard port group, no VLAN)."));
	assert_non_null(strstr(out, "Chosen: vch-bridge (DVS0, no VLAN)"));
	assert_non_null(strstr(out, ") x VM Network (standard"));
	assert_non_null(strstr(out, "Pre-check: "));
	assert_non_null(strstr(out, "Saved the plan to"));
	/* every address is DHCP: no name to certify, so no-tlsverify is offered first */
	assert_non_null(strstr(out, "How will Docker clients reach the VCH?"));
	assert_non_null(strstr(out, "Docker access (number or name) [2]"));
	p = load(path);
	assert_string_equal(p->tls.mode, "no-tlsverify");
	assert_null(p->tls.cname);
	assert_string_equal(p->name, "vch-01");
	assert_string_equal(p->target.datacenter, "DC0");
	assert_string_equal(p->target.compute_resource, "C0");
	assert_string_equal(p->target.image_store, "ds1");
	assert_string_equal(p->bridge.port_group, "vch-bridge");
	assert_string_equal(p->public_net.port_group, "VM Network");
	assert_null(p->public_net.ip);
	assert_null(p->client_net.port_group);
	assert_int_equal(p->n_containers, 0);
	assert_non_null(p->precheck_summary);
	/* VM Network is a standard port group: the pre-check warns about vMotion */
	assert_non_null(strstr(p->precheck_summary, ": 0 errors, 1 warning"));
	assert_non_null(strstr(out, "Warning: the public, client and management networks are on "
				    "\"VM Network\", a standard port group"));
	assert_non_null(strstr(out, "    hint: choose a distributed port group"));
	plan_free(p);
	free(answers);
	free(out);
	free(path);
}

static void test_refused_then_accepted(void **state)
{
	char *path = xasprintf("%s/checked.yaml", tmpdir), *answers, *out = NULL;
	struct plan *p;
	(void)state;

	answers = xasprintf(
		"\n" "administrator@vsphere.local\n"              /* connect */
		"\n\n" "bad name!\n" "vch-ok\n" "\n"            /* scope: the name twice */
		"\n\n" "0\n" "\n"                               /* bridge: width 0, then default */
		"\n\n\n" "\n" "\n"                              /* public, client, management */
		"a\n"                                           /* containers: add */
		"VM Network\n" "cn-pg\n"                        /* a standard port group first */
		"my net\n" "cnet\n"                             /* alias */
		"10.3.0.0/16\n" "10.3.0.1/16\n"                 /* gateway */
		"10.4.0.0/24\n" "10.3.1.0/24\n"                 /* range */
		"10.3.0.2\n"                                    /* DNS */
		"bogus\n" "peers\n"                             /* trust level */
		"c\n"
		"y\n" "example.com\n" "http://proxy:3128\n" "\n" "localhost,.example.com\n"
		"\n\n" "tlsverify\n" "\n" "1\n" "vch-ok.example.com\n" "%s\n", path);
	assert_int_equal(session(answers, &out), 0);
	assert_non_null(strstr(out, "Error: tlsverify needs the name clients use"));
	assert_non_null(strstr(out, "Error: "));
	assert_non_null(strstr(out, "Refused: VM Network cannot be used: a standard port group"));
	assert_non_null(strstr(out, "Error: The network alias supplied in \"cn-pg:my net\" cannot "
				    "contain spaces."));
	assert_non_null(strstr(out, "Error: Gateway 10.3.0.0 is not a routable address"));
	assert_non_null(strstr(out, "Error: IP range"));
	assert_non_null(strstr(out, "Error: Unrecognized container trust level bogus."));
	assert_non_null(strstr(out, "Error: Could not parse HTTP(S) proxy"));
	p = load(path);
	assert_string_equal(p->name, "vch-ok");
	assert_int_equal(p->bridge.width, 0);
	assert_int_equal(p->n_containers, 1);
	assert_string_equal(p->containers[0].port_group, "cn-pg");
	assert_string_equal(p->containers[0].alias, "cnet");
	assert_string_equal(p->containers[0].gateway, "10.3.0.1/16");
	assert_int_equal(p->containers[0].ip_ranges.n, 1);
	assert_string_equal(p->containers[0].ip_ranges.v[0], "10.3.1.0/24");
	assert_string_equal(p->containers[0].dns.v[0], "10.3.0.2");
	assert_string_equal(p->containers[0].firewall, "peers");
	assert_string_equal(p->proxy.http, "http://proxy:3128");
	assert_null(p->proxy.https);
	assert_int_equal(p->proxy.no_proxy.n, 2);
	assert_string_equal(p->tls.mode, "tlsverify");
	assert_string_equal(p->tls.cname, "vch-ok.example.com");
	plan_free(p);
	free(answers);
	free(out);
	free(path);
}

static void test_help_back_and_end_of_input(void **state)
{
	char *out = NULL, *first, *second;
	(void)state;

	/* ? at the compute resource, then the scope, '<' on the bridge, the scope again,
	 * then the input ends */
	assert_int_equal(session("\nroot\n" "?\n\n\n\n\n" "<\n" "\n\n\n\n", &out), 1);
	assert_non_null(strstr(out, "The cluster, host or resource pool that runs the VCH"));
	assert_non_null(strstr(out, "see vchnet(1), section THE WIZARD"));
	first = strstr(out, "== Step 2 of 10: Scope ==");
	assert_non_null(first);
	second = strstr(first + 1, "== Step 2 of 10: Scope ==");
	assert_non_null(strstr(first, "== Step 3 of 10: Bridge network =="));
	assert_non_null(second);
	assert_non_null(strstr(second, "== Step 3 of 10: Bridge network =="));
	assert_non_null(strstr(out, "Input ended"));
	free(out);
}

/* vchnet wizard --plain PLAN: after connecting, on to the layout when every choice
 * holds; a port group the inventory lacks stops the walk on its step */
static void test_resume_plan(void **state)
{
	char *path = xasprintf("%s/resume.yaml", tmpdir), *answers, *out = NULL, *after;
	struct plan *p;
	(void)state;

	answers = xasprintf("\nroot\n" "\n\n\n\n" "\n\n\n" "\n\n\n" "\n" "\n" "\n\n"
			    "\n\n" "\n" "%s\n", path);
	assert_int_equal(session(answers, &out), 0);
	free(out);
	free(answers);

	answers = xasprintf("\n\n" "\n\n" "\n" "%s\n", path);
	assert_int_equal(session_on(answers, &out, load(path), path), 0);
	/* the one resume walk, and the words the screens show too */
	after = strstr(out, "Resumed ");
	assert_non_null(after);
	assert_non_null(strstr(after, "resume.yaml: every choice checked against"));
	assert_non_null(after);
	assert_non_null(strstr(after, "== Step 8 of 10: Layout =="));
	assert_null(strstr(out, "== Step 3 of 10"));
	free(out);
	free(answers);

	p = load(path);
	mem_set_str(&p->public_net.port_group, "gone-pg");
	mem_set_str(&p->public_net.id, NULL);
	assert_int_equal(session_on("\n\n", &out, p, path), 1);
	assert_non_null(strstr(out, "Resuming stopped at the Public network step: the plan's public "
				    "port group \"gone-pg\" is not in this datacenter"));
	assert_non_null(strstr(out, "== Step 4 of 10: Public network =="));
	free(out);
	free(path);
}

/* The plain-mode manners: a refused answer is never offered back as the default; a
 * question an earlier answer made moot is not asked; a refusal at Next asks again only
 * the question it is about, not the whole step. */
static void test_one_question_again(void **state)
{
	char *path = xasprintf("%s/again.yaml", tmpdir), *answers, *out = NULL, *refusal, *next;
	struct plan *p;
	(void)state;

	answers = xasprintf(
		"\n" "root\n" "\n\n\n\n"                        /* connect, scope */
		"\n\n\n"                                        /* bridge */
		"\n" "a\n" "\n" "\n"                            /* public: a bad address, then DHCP */
		"n\n" "cn-pg\n" "\n" "\n"                       /* client on its own port group */
		"n\n" "mgmt-pg\n" "\n" "\n"                     /* management too: four NICs */
		"y\n"                                           /* ... asked again: share it */
		"\n\n" "\n\n" "\n" "%s\n", path);
	assert_int_equal(session(answers, &out), 0);
	/* the refused address is not the next default */
	assert_non_null(strstr(out, "Error: "));
	assert_null(strstr(out, "[a]"));
	/* VIC 1.2 refuses four NICs at Next: only the sharing question comes again */
	refusal = strstr(out, "Cannot continue: ");
	assert_non_null(refusal);
	assert_non_null(strstr(refusal, "Four different networks"));
	next = strstr(refusal, "== Step 7 of 10");
	assert_non_null(next);
	assert_non_null(strstr(refusal, "Same as the client network (the default)? [y/N]: y"));
	{
		char *again = strstr(refusal, "Static address");
		assert_true(again == NULL || again > next);
		assert_null(strstr(refusal, "== Step 6 of 10"));
	}
	p = load(path);
	assert_string_equal(p->client_net.port_group, "cn-pg");
	assert_null(p->management_net.port_group);
	assert_null(p->public_net.ip);
	plan_free(p);
	free(out);
	free(answers);
	free(path);
}

/* Plain mode prints ASCII only and wraps at words to the width it is given. */
static void test_ascii_wrapped(void **state)
{
	char *path = xasprintf("%s/wrapped.yaml", tmpdir), *answers, *out = NULL, *line;
	(void)state;

	answers = xasprintf("\n" "root\n" "\n\n\n\n" "\n\n\n" "\n\n\n" "\n" "\n" "\n\n" "\n\n" "\n"
			    "%s\n", path);
	assert_int_equal(session_on_width(answers, &out, NULL, NULL, 60), 0);
	for (const unsigned char *c = (const unsigned char *)out; *c; c++)
		if (*c >= 0x80)
			fail_msg("not ASCII at: %.60s", (const char *)c);
	line = out;
	while (line && *line) {
		char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		/* longer only where one word is (never broken inside a word), or where the
		 * answer typed is echoed after its question */
		if (len > 60 && !memmem(line, len, tmpdir, strlen(tmpdir)) && memchr(line + strspn(line, " "), ' ', len - strspn(line, " ")))
			fail_msg("a line of %zu columns: %.*s", len, (int)len, line);
		line = end ? end + 1 : NULL;
	}
	/* the help line, long, comes in pieces broken at spaces */
	assert_non_null(strstr(out, "vchnet wizard, plain mode."));
	free(out);
	free(answers);
	free(path);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = xcalloc(1, 65536);
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, 65535, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Saving: an existing file this session did not open or write is never replaced
 * without asking (cancel the default, then save as another name); the default name is
 * unique in the directory; the Next commands are shell-quoted. */
static void test_save_safely(void **state)
{
	static const char *const steps = "\n" "root\n" "\n\n\n\n" "\n\n\n" "\n\n\n" "\n"
					 "\n" "\n\n" "\n\n"
					 "\n"; /* the review's TLS question: the default */
	char *existing = xasprintf("%s/reviewed.yaml", tmpdir), *answers, *out = NULL, *before, *after;
	char cwd[4096];
	struct plan *p;
	FILE *f;
	(void)state;

	f = fopen(existing, "w");
	assert_non_null(f);
	fputs("# reviewed by a colleague\nname: prod\n", f);
	fclose(f);
	before = slurp(existing);
	/* the existing file: cancel (the default, an empty answer), the same name again,
	 * then save as another name with a space */
	answers = xasprintf("%s%s\n" "\n" "%s\n" "s\n" "%s/my plan.yaml\n", steps, existing, existing,
			    tmpdir);
	assert_int_equal(session(answers, &out), 0);
	assert_non_null(strstr(out, "reviewed.yaml already exists and is not the plan this session opened or saved."));
	assert_non_null(strstr(out, "Overwrite it (o), save as another name (s), or cancel (c)? [c]"));
	assert_non_null(strstr(out, "reviewed.yaml was left as it was."));
	after = slurp(existing);
	assert_string_equal(before, after);
	free(after);
	/* the commands can be pasted */
	assert_non_null(strstr(out, "Next: vchnet check '"));
	assert_non_null(strstr(out, "/my plan.yaml'\n      vchnet render '"));
	{
		char *mine = xasprintf("%s/my plan.yaml", tmpdir);
		p = load(mine);
		free(mine);
	}
	assert_string_equal(p->name, "vch-01");
	plan_free(p);
	free(out);
	free(answers);

	/* overwrite on purpose */
	answers = xasprintf("%s%s\n" "o\n", steps, existing);
	assert_int_equal(session(answers, &out), 0);
	after = slurp(existing);
	assert_non_null(strstr(after, "name: \"vch-01\""));
	free(after);
	free(out);
	free(answers);

	/* the default name: vch-01.yaml exists here, so vch-01-2.yaml */
	assert_non_null(getcwd(cwd, sizeof cwd));
	assert_int_equal(chdir(tmpdir), 0);
	f = fopen("vch-01.yaml", "w");
	assert_non_null(f);
	fputs("keep: me\n", f);
	fclose(f);
	answers = xasprintf("%s\n", steps);
	assert_int_equal(session(answers, &out), 0);
	assert_non_null(strstr(out, "Save the plan as [vch-01-2.yaml]"));
	assert_non_null(strstr(out, "Next: vchnet check vch-01-2.yaml\n"));
	after = slurp("vch-01.yaml");
	assert_string_equal(after, "keep: me\n");
	free(after);
	assert_int_equal(access("vch-01-2.yaml", F_OK), 0);
	assert_int_equal(chdir(cwd), 0);
	free(out);
	free(answers);
	free(before);
	free(existing);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_refused_then_accepted),
		cmocka_unit_test(test_help_back_and_end_of_input),
		cmocka_unit_test(test_resume_plan),
		cmocka_unit_test(test_save_safely),
		cmocka_unit_test(test_one_question_again),
		cmocka_unit_test(test_ascii_wrapped),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
