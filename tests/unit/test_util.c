/* Unit tests of the small shared modules: mem, err, strv, fileio, plan model. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "fileio.h"
#include "mem.h"
#include "sig.h"
#include "plan.h"
#include "strv.h"

static void test_err_prefix(void **state)
{
	(void)state;
	assert_int_equal(err_set("host %s unreachable", "vc1"), -1);
	assert_int_equal(err_prefix("connecting"), -1);
	assert_string_equal(err_msg(), "connecting: host vc1 unreachable");
	/* the current message may be an argument of the next one */
	err_set("datacenter %s not found", "DC0");
	err_set("checking the target: %s; run vchnet inventory", err_msg());
	assert_string_equal(err_msg(),
			    "checking the target: datacenter DC0 not found; run vchnet inventory");
}

static void test_err_kind(void **state)
{
	(void)state;
	/* err_set records no particular kind; err_setk its kind, which context keeps */
	err_set("plain failure");
	assert_int_equal(err_kind(), ERR_OTHER);
	assert_int_equal(err_setk(ERR_PERMISSION, "user %s needs %s", "u1", "Host.Config"), -1);
	assert_int_equal(err_kind(), ERR_PERMISSION);
	err_prefix("enabling ruleset %s", "vic-engine");
	assert_int_equal(err_kind(), ERR_PERMISSION);
	assert_string_equal(err_msg(), "enabling ruleset vic-engine: user u1 needs Host.Config");
	/* the cause is the first message, whatever context came in front since */
	assert_string_equal(err_cause(), "user u1 needs Host.Config");
	err_prefix("host H1");
	assert_string_equal(err_cause(), "user u1 needs Host.Config");
	assert_string_equal(err_msg(), "host H1: enabling ruleset vic-engine: user u1 needs Host.Config");
	/* a new message starts over: its kind and its cause */
	err_set("datacenter %s not found", "DC0");
	assert_int_equal(err_kind(), ERR_OTHER);
	assert_string_equal(err_cause(), "datacenter DC0 not found");
	/* a caller may say what kind of failure it was */
	assert_int_equal(err_kind_set(ERR_NOT_FOUND), -1);
	assert_int_equal(err_kind(), ERR_NOT_FOUND);
	assert_string_equal(err_kind_name(err_kind()), "not found");
	/* a kind out of range is no kind */
	err_setk((enum err_kind)99, "odd");
	assert_int_equal(err_kind(), ERR_OTHER);
	assert_string_equal(err_kind_name((enum err_kind)99), "other");
	for (int k = 0; k < ERR_KIND_COUNT; k++)
		assert_non_null(err_kind_name((enum err_kind)k));
	err_clear();
	assert_int_equal(err_kind(), ERR_OTHER);
	assert_string_equal(err_msg(), "unknown error");
	assert_string_equal(err_cause(), "unknown error");
	/* a context so long the cause is cut off: the cause is empty, never past the end */
	char big[600];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	err_setk(ERR_TRANSPORT, "refused");
	for (int i = 0; i < 5; i++)
		err_prefix("%s", big);
	assert_true(strlen(err_msg()) < 2048);
	assert_true(strlen(err_cause()) < 2048);
	assert_int_equal(err_kind(), ERR_TRANSPORT);
}

static char hook_trace[16];

static void trace_hook(void *arg)
{
	size_t n = strlen(hook_trace);
	hook_trace[n] = *(const char *)arg;
	hook_trace[n + 1] = '\0';
}

static void test_sig(void **state)
{
	struct sigaction before, now;
	(void)state;

	/* what was there before comes back after the last release */
	signal(SIGHUP, SIG_IGN);
	sig_catch();
	assert_int_equal(sig_caught(), 0);
	raise(SIGINT); /* recorded, not fatal */
	assert_int_equal(sig_caught(), SIGINT);
	assert_true(sig_pending(SIGINT));
	assert_false(sig_pending(SIGTERM));
	assert_true(sig_cancel(NULL));
	raise(SIGTERM);
	assert_int_equal(sig_caught(), SIGTERM);
	/* taking Ctrl-C (answered by a question) leaves the SIGTERM */
	assert_true(sig_take(SIGINT));
	assert_false(sig_take(SIGINT));
	assert_int_equal(sig_caught(), SIGTERM);
	assert_true(sig_take(SIGTERM));
	assert_int_equal(sig_caught(), 0);
	assert_false(sig_cancel(NULL));
	/* a Ctrl-C read as a key counts as SIGINT */
	sig_note(SIGINT);
	assert_true(sig_pending(SIGINT));
	/* nested: the inner catch keeps what was recorded, the inner release keeps ours */
	sig_catch();
	assert_int_equal(sig_caught(), SIGINT);
	sig_release();
	sigaction(SIGHUP, NULL, &now);
	assert_true(now.sa_handler != SIG_IGN && now.sa_handler != SIG_DFL);
	sig_release();
	sigaction(SIGHUP, NULL, &before);
	assert_true(before.sa_handler == SIG_IGN);
	signal(SIGHUP, SIG_DFL);
	/* a new catch starts with nothing recorded */
	sig_catch();
	assert_int_equal(sig_caught(), 0);
	sig_release();

	/* exit hooks: last registered first, a removed one never, each once */
	static const char a = 'a', b = 'b', c = 'c';
	hook_trace[0] = '\0';
	int ha = sig_hook_add(trace_hook, (void *)(uintptr_t)&a);
	int hb = sig_hook_add(trace_hook, (void *)(uintptr_t)&b);
	int hc = sig_hook_add(trace_hook, (void *)(uintptr_t)&c);
	assert_true(ha != 0 && ha != hb && hb != hc);
	sig_hook_remove(hb);
	sig_run_exit_hooks();
	assert_string_equal(hook_trace, "ca");
	sig_run_exit_hooks();
	assert_string_equal(hook_trace, "ca");
	sig_hook_remove(ha); /* already run: nothing to do */
}

static void test_strv(void **state)
{
	struct strv a = {0}, b = {0};
	char *j;
	(void)state;
	strv_push(&a, "10.0.0.2");
	strv_push(&a, "10.0.0.3");
	assert_true(strv_contains(&a, "10.0.0.3"));
	assert_false(strv_contains(&a, "10.0.0.4"));
	strv_copy(&b, &a);
	assert_true(strv_equal(&a, &b));
	j = strv_join(&a, ",");
	assert_string_equal(j, "10.0.0.2,10.0.0.3");
	free(j);
	strv_push(&b, "x");
	assert_false(strv_equal(&a, &b));
	strv_free(&a);
	strv_free(&b);
	assert_int_equal(a.n, 0);
}

/* A list as users type it in both wizard faces. */
static void test_strv_split_list(void **state)
{
	struct strv l = {0};
	(void)state;
	strv_push(&l, "old");
	strv_split_list(&l, " 10.0.0.0/24,10.1.0.0/24\t 8.8.8.8 ,, x");
	assert_int_equal(l.n, 4);
	assert_string_equal(l.v[0], "10.0.0.0/24");
	assert_string_equal(l.v[1], "10.1.0.0/24");
	assert_string_equal(l.v[2], "8.8.8.8");
	assert_string_equal(l.v[3], "x");
	strv_split_list(&l, " , ");
	assert_int_equal(l.n, 0);
	strv_free(&l);
}

static void test_fileio_atomic(void **state)
{
	char dir[] = "/tmp/vchnet-test-XXXXXX";
	char *path, *data;
	size_t len;
	struct stat st;
	(void)state;
	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/a/b/plan.yaml", dir);
	*strrchr(path, '/') = '\0';
	assert_int_equal(fileio_mkdirs(path, 0700), 0);
	path[strlen(path)] = '/';
	assert_int_equal(fileio_write_atomic(path, "abc\n", 4, 0600), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(fileio_read(path, 100, &data, &len), 0);
	assert_int_equal(len, 4);
	assert_string_equal(data, "abc\n");
	free(data);
	/* over the cap and a directory are refused with a message naming the path */
	assert_int_equal(fileio_read(path, 2, &data, &len), -1);
	assert_non_null(strstr(err_msg(), "plan.yaml"));
	assert_int_equal(fileio_read(dir, 100, &data, &len), -1);
	assert_non_null(strstr(err_msg(), "not a regular file"));
	unlink(path);
	free(path);
	path = xasprintf("rm -rf %s", dir);
	assert_int_equal(system(path), 0);
	free(path);
}

/* Input files never block and are refused unless regular; saving writes through a
 * symbolic link to its target; logs never follow links and are 0600 whatever the
 * umask; state files must be ours alone. */
static void test_fileio_safety(void **state)
{
	char dir[] = "/tmp/vchnet-test-XXXXXX";
	char *fifo, *target, *link, *dangling, *log, *data, *cmd, *abs;
	size_t len;
	struct stat st;
	mode_t old;
	int fd;
	(void)state;
	assert_non_null(mkdtemp(dir));

	/* a FIFO without a writer: refused at once, not waited on */
	fifo = xasprintf("%s/plan.fifo", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(fileio_read(fifo, 100, &data, &len), -1);
	assert_non_null(strstr(err_msg(), "not a regular file (it is a FIFO (named pipe))"));
	assert_int_equal(fileio_open_input("/dev/null", NULL), -1);
	assert_non_null(strstr(err_msg(), "character device"));

	/* a symbolic link is written through: the link stays, its target changes */
	target = xasprintf("%s/real.yaml", dir);
	link = xasprintf("%s/link.yaml", dir);
	assert_int_equal(fileio_write_atomic(target, "old\n", 4, 0600), 0);
	assert_int_equal(symlink("real.yaml", link), 0);
	assert_int_equal(fileio_write_atomic(link, "new\n", 4, 0600), 0);
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(fileio_read(target, 100, &data, &len), 0);
	assert_string_equal(data, "new\n");
	free(data);
	/* ... and a link that leads nowhere is refused, creating nothing */
	dangling = xasprintf("%s/dangling.yaml", dir);
	assert_int_equal(symlink("missing/nothing.yaml", dangling), 0);
	assert_int_equal(fileio_write_atomic(dangling, "x", 1, 0600), -1);
	assert_non_null(strstr(err_msg(), "symbolic link that leads nowhere"));

	/* logs: O_NOFOLLOW, and 0600 under umask 000 */
	log = xasprintf("%s/wizard.log", dir);
	assert_int_equal(fileio_open_log(link, true), -1);
	assert_non_null(strstr(err_msg(), "symbolic link"));
	old = umask(0);
	fd = fileio_open_log(log, true);
	umask(old);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(stat(log, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	/* an existing log readable by others is made private */
	assert_int_equal(chmod(log, 0666), 0);
	fd = fileio_open_log(log, false);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(stat(log, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);

	/* state files: ours alone, or a reason and the fix */
	assert_int_equal(fileio_check_private(target), 0);
	assert_int_equal(chmod(target, 0620), 0);
	assert_int_equal(fileio_check_private(target), -1);
	assert_non_null(strstr(err_msg(), "writable by its group"));
	assert_non_null(strstr(err_msg(), "chmod go-w"));
	assert_int_equal(chmod(target, 0600), 0);
	assert_int_equal(chmod(dir, 0777), 0);
	assert_int_equal(fileio_check_private(target), -1);
	assert_non_null(strstr(err_msg(), "the directory"));
	assert_non_null(strstr(err_msg(), "writable by every user"));
	assert_int_equal(chmod(dir, 0700), 0);
	if (geteuid() == 0) {
		assert_int_equal(chown(target, 4242, 4242), 0);
		assert_int_equal(fileio_check_private(target), -1);
		assert_non_null(strstr(err_msg(), "belongs to another user (uid 4242)"));
	}
	assert_int_equal(fileio_check_private(fifo), -1);
	cmd = xasprintf("%s/none", dir);
	assert_int_equal(fileio_check_private(cmd), 1);
	free(cmd);

	/* absolute paths */
	abs = fileio_absolute("/a/./b//c/.");
	assert_string_equal(abs, "/a/b/c");
	free(abs);

	free(fifo);
	free(target);
	free(link);
	free(dangling);
	free(log);
	cmd = xasprintf("rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static void test_plan_vic_versions(void **state)
{
	(void)state;
	char *t = plan_vic_versions_text(" or ");
	assert_string_equal(t, "1.2, 1.3, 1.4 or 1.5");
	free(t);
	assert_string_equal(plan_vic_versions[0], PLAN_DEFAULT_VIC_VERSION);
}

static void test_plan_defaults(void **state)
{
	struct plan *p = plan_new(), *q;
	(void)state;
	p->public_net.port_group = xstrdup("VM Network");
	p->bridge.port_group = xstrdup("vch-bridge");
	assert_string_equal(plan_effective_port_group(p, PLAN_ROLE_CLIENT), "VM Network");
	assert_string_equal(plan_effective_port_group(p, PLAN_ROLE_MANAGEMENT), "VM Network");
	p->client_net.port_group = xstrdup("Client-VLAN20");
	/* management follows client, not public */
	assert_string_equal(plan_effective_port_group(p, PLAN_ROLE_MANAGEMENT), "Client-VLAN20");
	assert_int_equal(plan_max_nics(p), 3);
	p->vic_version = xstrdup("1.3");
	assert_int_equal(plan_max_nics(p), 4);
	mem_set_str(&p->vic_version, "1.5.8");
	assert_int_equal(plan_vic_version_num(p), 105);
	mem_set_str(&p->vic_version, "one");
	assert_int_equal(plan_vic_version_num(p), -1);
	plan_add_container(p)->port_group = xstrdup("c1");
	plan_add_container(p)->port_group = xstrdup("c2");
	q = plan_dup(p);
	assert_true(plan_equal(p, q));
	plan_remove_container(q, 0);
	assert_string_equal(q->containers[0].port_group, "c2");
	assert_false(plan_equal(p, q));
	plan_set_pos(p, "networks.client", 12, 3);
	assert_int_equal(plan_pos(p, "networks.client.gateway").line, 12);
	assert_int_equal(plan_pos(p, "networks.public").line, 0);
	plan_set_pos(p, "networks.container[1]", 20, 5);
	assert_int_equal(plan_pos(p, "networks.container[1].alias").col, 5);
	plan_free(p);
	plan_free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_err_prefix),
		cmocka_unit_test(test_err_kind),
		cmocka_unit_test(test_sig),
		cmocka_unit_test(test_strv),
		cmocka_unit_test(test_strv_split_list),
		cmocka_unit_test(test_fileio_atomic),
		cmocka_unit_test(test_fileio_safety),
		cmocka_unit_test(test_plan_defaults),
		cmocka_unit_test(test_plan_vic_versions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
