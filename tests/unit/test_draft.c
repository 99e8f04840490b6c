/* Unit tests of the wizard's drafts: where they live (XDG_STATE_HOME, HOME, neither),
 * a save/load round trip that keeps every choice and the wizard's position, the file and
 * directory modes, the latest of several drafts, files that are not drafts, discard, and
 * the header time that belongs to the plan, not to the draft. Real files in a temporary
 * directory; no stubs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <cmocka.h>

#include "draft.h"
#include "err.h"
#include "fileio.h"
#include "mem.h"
#include "plan.h"
#include "wizard.h"

static char tmpdir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/test_draft.XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	setenv("XDG_STATE_HOME", tmpdir, 1);
	return 0;
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

static struct plan *sample(void)
{
	struct plan *p = plan_new();
	struct plan_container_net *cn;

	mem_set_str(&p->name, "vch-draft");
	mem_set_str(&p->target.url, "vc.example.com");
	mem_set_str(&p->target.username, "administrator@vsphere.local");
	mem_set_str(&p->bridge.port_group, "bridge-pg");
	mem_set_str(&p->public_net.port_group, "VM Network");
	mem_set_str(&p->public_net.ip, "10.0.0.5/24");
	mem_set_str(&p->public_net.gateway, "10.0.0.1");
	p->public_net.present = true;
	strv_push(&p->dns, "10.0.0.2");
	cn = plan_add_container(p);
	mem_set_str(&cn->port_group, "cnet-pg");
	mem_set_str(&cn->alias, "cnet");
	mem_set_str(&cn->gateway, "10.3.0.1/16");
	strv_push(&cn->ip_ranges, "10.3.1.0/24");
	mem_set_str(&cn->firewall, "open");
	mem_set_str(&p->proxy.http, "http://proxy:3128");
	return p;
}

static void test_dir(void **state)
{
	char *d;
	(void)state;

	d = draft_dir();
	assert_non_null(d);
	assert_string_equal(d + strlen(tmpdir), "/vchnet/drafts");
	free(d);
	/* a relative XDG_STATE_HOME is ignored, as the XDG spec says */
	setenv("XDG_STATE_HOME", "relative/state", 1);
	setenv("HOME", "/home/someone", 1);
	d = draft_dir();
	assert_string_equal(d, "/home/someone/.local/state/vchnet/drafts");
	free(d);
	unsetenv("XDG_STATE_HOME");
	unsetenv("HOME");
	assert_null(draft_dir());
	assert_non_null(strstr(err_msg(), "XDG_STATE_HOME"));
	setenv("XDG_STATE_HOME", tmpdir, 1);
}

static void test_round_trip(void **state)
{
	struct wizard w;
	struct plan *back;
	struct draft_info info;
	char *path = draft_new_path(), *text;
	size_t len;
	struct stat st;
	(void)state;

	wizard_init(&w, sample(), (1u << WIZARD_STEP_COUNT) - 1);
	w.step = WIZARD_CONTAINERS;
	w.visited = 0x7f;
	mem_set_str(&w.path, "/srv/plans/vch-draft.yaml");
	assert_int_equal(draft_save(path, &w), 0);

	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	{
		char *dir = draft_dir();
		assert_int_equal(stat(dir, &st), 0);
		assert_int_equal(st.st_mode & 0777, 0700);
		free(dir);
	}
	assert_int_equal(fileio_read(path, 1 << 20, &text, &len), 0);
	assert_non_null(strstr(text, "# draft-step: containers\n"));
	assert_null(strstr(text, "password"));
	free(text);

	assert_int_equal(draft_load(path, &back, &info), 0);
	assert_true(plan_equal(back, w.plan));
	assert_int_equal(info.step, WIZARD_CONTAINERS);
	assert_int_equal(info.visited, 0x7fu);
	assert_string_equal(info.plan_path, "/srv/plans/vch-draft.yaml");
	assert_true(info.mtime > 0);
	/* the draft's own header time is not the plan's first save */
	assert_null(back->generated_at);
	{
		char *desc = draft_describe(back, &info);
		assert_non_null(strstr(desc, "\"vch-draft\", at the Container networks step"));
		free(desc);
	}
	plan_free(back);
	draft_info_free(&info);

	/* a plan saved once keeps its first save time through the draft */
	mem_set_str(&w.plan->generated_at, "2026-11-27T18:00:00Z");
	assert_int_equal(draft_save(path, &w), 0);
	assert_int_equal(draft_load(path, &back, &info), 0);
	assert_string_equal(back->generated_at, "2026-11-27T18:00:00Z");
	plan_free(back);
	draft_info_free(&info);

	/* a relative plan path is kept as the absolute path it means now */
	{
		char cwd[4096], *want;
		assert_non_null(getcwd(cwd, sizeof cwd));
		mem_set_str(&w.path, "plans/./vch.yaml");
		assert_int_equal(draft_save(path, &w), 0);
		assert_int_equal(draft_load(path, &back, &info), 0);
		want = xasprintf("%s/plans/vch.yaml", strcmp(cwd, "/") == 0 ? "" : cwd);
		assert_string_equal(info.plan_path, want);
		free(want);
		plan_free(back);
		draft_info_free(&info);
	}
	/* a draft naming a relative path (written by hand) names none */
	{
		static const char text2[] = "# draft-step: scope\n# draft-plan-path: elsewhere.yaml\n"
					    "apiVersion: vchnet/v1\nkind: VCHNetworkPlan\n";
		assert_int_equal(fileio_write_atomic(path, text2, sizeof text2 - 1, 0600), 0);
		assert_int_equal(draft_load(path, &back, &info), 0);
		assert_null(info.plan_path);
		plan_free(back);
		draft_info_free(&info);
	}

	assert_int_equal(draft_discard(path), 0);
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(draft_discard(path), 0); /* already gone: fine */
	wizard_free(&w);
	free(path);
}

static void test_latest(void **state)
{
	struct wizard w;
	char *dir = draft_dir(), *a, *b, *latest, *warning;
	struct timeval old[2] = {{1000000000, 0}, {1000000000, 0}};
	(void)state;

	a = xasprintf("%s/draft-a.yaml", dir);
	b = xasprintf("%s/draft-b.yaml", dir);
	wizard_init(&w, sample(), (1u << WIZARD_STEP_COUNT) - 1);
	w.step = WIZARD_PUBLIC;
	assert_int_equal(draft_save(b, &w), 0);
	assert_int_equal(draft_save(a, &w), 0);
	/* b is older by its time, though later by its name */
	assert_int_equal(utimes(b, old), 0);
	{
		char *other = xasprintf("%s/notes.txt", dir);
		assert_int_equal(fileio_write_atomic(other, "x", 1, 0600), 0);
		free(other);
	}
	latest = draft_latest(&warning);
	assert_non_null(latest);
	assert_null(warning);
	assert_string_equal(latest, a);
	free(latest);
	draft_discard(a);
	latest = draft_latest(&warning);
	assert_string_equal(latest, b);
	assert_null(warning);
	free(latest);
	draft_discard(b);
	wizard_free(&w);
	free(a);
	free(b);
	free(dir);
}

static void test_not_a_draft(void **state)
{
	char *dir = draft_dir(), *path = xasprintf("%s/draft-plan.yaml", dir);
	struct plan *p = (struct plan *)1;
	struct draft_info info;
	static const char text[] = "apiVersion: \"vchnet/v1\"\nkind: \"VCHNetworkPlan\"\n";
	(void)state;

	assert_int_equal(fileio_mkdirs(dir, 0700), 0);
	assert_int_equal(fileio_write_atomic(path, text, sizeof text - 1, 0600), 0);
	assert_int_equal(draft_load(path, &p, &info), -1);
	assert_null(p);
	assert_non_null(strstr(err_msg(), "is not a vchnet draft"));
	unlink(path);
	assert_int_equal(draft_load(path, &p, &info), -1);
	assert_non_null(strstr(err_msg(), "cannot read the draft"));
	free(path);
	free(dir);
	/* no drafts directory at all: nothing to offer, no error */
	setenv("XDG_STATE_HOME", "/nonexistent-vchnet-test", 1);
	char *warning;
	assert_null(draft_latest(&warning));
	assert_null(warning);
	setenv("XDG_STATE_HOME", tmpdir, 1);
}

/* Drafts that are not ours alone are never offered, and the warning says why and
 * what to run. */
static void test_untrusted(void **state)
{
	struct wizard w;
	char *dir = draft_dir(), *mine, *theirs, *latest, *warning;
	struct timeval old[2] = {{1000000000, 0}, {1000000000, 0}};
	(void)state;

	mine = xasprintf("%s/draft-mine.yaml", dir);
	theirs = xasprintf("%s/draft-theirs.yaml", dir);
	wizard_init(&w, sample(), (1u << WIZARD_STEP_COUNT) - 1);
	w.step = WIZARD_PUBLIC;
	assert_int_equal(draft_save(mine, &w), 0);
	assert_int_equal(draft_save(theirs, &w), 0);
	assert_int_equal(utimes(mine, old), 0); /* theirs is the newer one */

	/* a group-writable draft */
	assert_int_equal(chmod(theirs, 0660), 0);
	latest = draft_latest(&warning);
	assert_non_null(latest);
	assert_string_equal(latest, mine);
	assert_non_null(warning);
	assert_non_null(strstr(warning, "draft-theirs.yaml is writable by its group"));
	assert_non_null(strstr(warning, "chmod go-w"));
	free(latest);
	free(warning);
	assert_int_equal(chmod(theirs, 0600), 0);

	/* a draft of another user (needs root to make one) */
	if (geteuid() == 0) {
		assert_int_equal(chown(theirs, 4242, 4242), 0);
		latest = draft_latest(&warning);
		assert_string_equal(latest, mine);
		assert_non_null(warning);
		assert_non_null(strstr(warning, "belongs to another user (uid 4242)"));
		free(latest);
		free(warning);
		assert_int_equal(chown(theirs, 0, 0), 0);
	}

	/* a directory others may write to: nothing in it is offered, nor saved there */
	assert_int_equal(chmod(dir, 0777), 0);
	latest = draft_latest(&warning);
	assert_null(latest);
	assert_non_null(warning);
	assert_non_null(strstr(warning, "is writable by every user"));
	assert_non_null(strstr(warning, "chmod go-w"));
	free(warning);
	assert_int_equal(draft_save(mine, &w), -1);
	assert_non_null(strstr(err_msg(), "cannot save the draft"));
	assert_int_equal(chmod(dir, 0700), 0);

	draft_discard(mine);
	draft_discard(theirs);
	wizard_free(&w);
	free(mine);
	free(theirs);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dir),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_latest),
		cmocka_unit_test(test_not_a_draft),
		cmocka_unit_test(test_untrusted),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
