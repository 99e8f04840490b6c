/* Unit tests of the vic-machine runner, against the fake vic-machine script
 * (tests/fake/vic-machine) run as a real child process. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "fileio.h"
#include "mem.h"
#include "strv.h"
#include "vicmachine.h"

#define PASSWORD "s3cret-Pa55word!"

static char tmpdir[64];
static char *fake;

static char *tmp_path(const char *name) { return xasprintf("%s/%s", tmpdir, name); }

static char *slurp(const char *name)
{
	char *p = tmp_path(name), *data = NULL;
	size_t len;
	if (fileio_read(p, 1 << 20, &data, &len) != 0)
		data = NULL;
	free(p);
	return data;
}

/* Sets the FAKE_VIC_* file variables to files in the temporary directory, clears the
 * behaviour variables and removes files of an earlier test. */
static int setup(void **state)
{
	static const char *const files[] = {"argv", "env", "pid", "signals", "log"};
	(void)state;
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		char *p = tmp_path(files[i]);
		unlink(p);
		free(p);
	}
	char *a = tmp_path("argv"), *e = tmp_path("env"), *p = tmp_path("pid"),
	     *s = tmp_path("signals");
	setenv("FAKE_VIC_ARGV_FILE", a, 1);
	setenv("FAKE_VIC_ENV_FILE", e, 1);
	setenv("FAKE_VIC_PID_FILE", p, 1);
	setenv("FAKE_VIC_SIGNAL_FILE", s, 1);
	free(a);
	free(e);
	free(p);
	free(s);
	unsetenv("FAKE_VIC_FAIL");
	unsetenv("FAKE_VIC_HANG");
	unsetenv("FAKE_VIC_IGNORE");
	unsetenv("FAKE_VIC_VERSION");
	unsetenv("VIC_MACHINE_PASSWORD");
	/* the child's environment is minimal: the fake's settings must be let through */
	setenv("VCHNET_VIC_MACHINE_ENV", "FAKE_VIC_*", 1);
	err_clear();
	return 0;
}

static void create_args(struct strv *a)
{
	const char *const v[] = {"create", "--target", "https://vc.example.com/DC0", "--user",
				 "administrator@vsphere.local", "--thumbprint",
				 "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01",
				 "--compute-resource", "DC0_C0", "--image-store", "LocalDS_0",
				 "--name", "vch 1", "--bridge-network", "vch-bridge",
				 "--public-network", "VM Network", "--no-tlsverify"};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		strv_push(a, v[i]);
}

/* ---- pure functions ---------------------------------------------------------- */

static void test_parse_line(void **state)
{
	const char *msg;
	(void)state;
	assert_int_equal(vicmachine_parse_line("Nov 14 2017 16:29:25.000Z INFO  Validating "
					       "supplied configuration", &msg),
			 VICM_LEVEL_INFO);
	assert_string_equal(msg, "Validating supplied configuration");
	assert_int_equal(vicmachine_parse_line("Jan  2 2018 01:02:03.123Z ERROR x failed", &msg),
			 VICM_LEVEL_ERROR);
	assert_string_equal(msg, "x failed");
	assert_int_equal(vicmachine_parse_line("Nov 14 2017 16:29:25.000Z WARN  w", &msg),
			 VICM_LEVEL_WARN);
	assert_int_equal(vicmachine_parse_line("ERRO[0012] Create cannot continue", &msg),
			 VICM_LEVEL_ERROR);
	assert_string_equal(msg, "Create cannot continue");
	assert_int_equal(vicmachine_parse_line("INFO[0000] DOCKER_HOST=1.2.3.4:2376", &msg),
			 VICM_LEVEL_INFO);
	assert_string_equal(msg, "DOCKER_HOST=1.2.3.4:2376");
	assert_int_equal(vicmachine_parse_line("plain text", &msg), VICM_LEVEL_NONE);
	assert_string_equal(msg, "plain text");
	assert_int_equal(vicmachine_parse_line("Nov 14 2017 16:29:25.000Z NOTALEVEL x", &msg),
			 VICM_LEVEL_NONE);
	assert_int_equal(vicmachine_parse_line("", &msg), VICM_LEVEL_NONE);
}

static void test_stage_of_line(void **state)
{
	enum vicm_stage s = VICM_STAGE_STARTING;
	(void)state;
	s = vicmachine_stage_of_line("INFO[0000] ### Installing VCH ####", s);
	assert_int_equal(s, VICM_STAGE_STARTING);
	s = vicmachine_stage_of_line("INFO[0000] Validating supplied configuration", s);
	assert_int_equal(s, VICM_STAGE_VALIDATING);
	s = vicmachine_stage_of_line("INFO[0001] Creating virtual app \"vch1\"", s);
	assert_int_equal(s, VICM_STAGE_CREATING);
	/* a later line that mentions an earlier stage does not move back */
	s = vicmachine_stage_of_line("INFO[0001] Firewall status: ENABLED on \"h\"", s);
	assert_int_equal(s, VICM_STAGE_CREATING);
	s = vicmachine_stage_of_line("INFO[0002] Uploading images for container", s);
	assert_int_equal(s, VICM_STAGE_UPLOADING);
	s = vicmachine_stage_of_line("ERRO[0003] Unexpected return type when attempting to power "
				     "on VM: <nil>", s);
	assert_int_equal(s, VICM_STAGE_POWERING_ON);
	s = vicmachine_stage_of_line("INFO[0004] Waiting for IP information", s);
	assert_int_equal(s, VICM_STAGE_WAITING_IP);
	s = vicmachine_stage_of_line("INFO[0009] Obtained IP address for client interface: "
				     "\"10.0.0.5\"", s);
	assert_int_equal(s, VICM_STAGE_WAITING_SERVICES);
	s = vicmachine_stage_of_line("INFO[0010] Installer completed successfully", s);
	assert_int_equal(s, VICM_STAGE_DONE);
	assert_string_equal(vicmachine_stage_name(VICM_STAGE_WAITING_IP), "waiting for IP");
}

static void test_version_parse(void **state)
{
	int num = 0;
	char *text = NULL;
	(void)state;
	assert_int_equal(vicmachine_version_parse("vic-machine-linux version "
						  "v1.2.1-13858-c3db65f\n", &num, &text), 0);
	assert_int_equal(num, 102);
	assert_string_equal(text, "1.2.1-13858-c3db65f");
	free(text);
	assert_int_equal(vicmachine_version_parse("v1.5.8\n", &num, NULL), 0);
	assert_int_equal(num, 105);
	assert_int_equal(vicmachine_version_parse("vic-machine version 1.3.0", &num, NULL), 0);
	assert_int_equal(num, 103);
	assert_int_equal(vicmachine_version_parse("no version here", &num, NULL), -1);
	assert_non_null(strstr(err_msg(), "cannot read a version"));
}

static void test_version_fits(void **state)
{
	char *w = (char *)1;
	(void)state;
	assert_int_equal(vicmachine_version_fits(102, 102, &w), 0);
	assert_null(w);
	/* same side of 1.3: accepted, with a warning that says so */
	assert_int_equal(vicmachine_version_fits(102, 101, &w), 0);
	assert_non_null(w);
	assert_non_null(strstr(w, "1.1"));
	free(w);
	assert_int_equal(vicmachine_version_fits(105, 103, &w), 0);
	assert_non_null(w);
	free(w);
	/* across 1.3 or another major: refused, naming both versions */
	assert_int_equal(vicmachine_version_fits(102, 103, &w), -1);
	assert_non_null(strstr(err_msg(), "1.3"));
	assert_non_null(strstr(err_msg(), "1.2"));
	assert_int_equal(vicmachine_version_fits(103, 102, NULL), -1);
	assert_int_equal(vicmachine_version_fits(200, 105, NULL), -1);
	assert_int_equal(vicmachine_version_fits(-1, 102, NULL), -1);
}

static void test_locate(void **state)
{
	char *bindir = tmp_path("bin"), *exe, *plain, *got, *rel;
	char *old_path = xstrdup(getenv("PATH"));
	char cwd[4096];
	enum vicm_source src = VICM_FROM_FLAG;
	(void)state;

	assert_int_equal(fileio_mkdirs(bindir, 0700), 0);
	exe = xasprintf("%s/vic-machine-linux", bindir);
	assert_int_equal(fileio_write_atomic(exe, "#!/bin/sh\n", 10, 0700), 0);
	plain = xasprintf("%s/not-executable", bindir);
	assert_int_equal(fileio_write_atomic(plain, "x\n", 2, 0600), 0);
	unsetenv(VICMACHINE_ENV_PATH);

	/* PATH search */
	setenv("PATH", bindir, 1);
	got = vicmachine_locate(NULL, NULL, NULL, &src);
	assert_non_null(got);
	assert_string_equal(got, exe);
	assert_int_equal(src, VICM_FROM_PATH);
	assert_string_equal(vicmachine_source_name(src), "PATH");
	free(got);
	/* empty and relative PATH elements (the current directory) are never searched */
	assert_non_null(getcwd(cwd, sizeof cwd));
	assert_int_equal(chdir(bindir), 0);
	setenv("PATH", ":.:bin", 1);
	assert_null(vicmachine_locate(NULL, NULL, NULL, &src));
	assert_non_null(strstr(err_msg(), "vic-machine not found"));
	assert_null(vicmachine_locate("vic-machine-linux", NULL, NULL, &src));
	/* a relative path is made absolute */
	got = vicmachine_locate("./vic-machine-linux", NULL, NULL, &src);
	assert_non_null(got);
	assert_string_equal(got, exe);
	free(got);
	assert_int_equal(chdir(cwd), 0);
	setenv("PATH", bindir, 1);
	/* the plan's vic.machine, relative to the plan's directory */
	got = vicmachine_locate(NULL, "bin/vic-machine-linux", tmpdir, &src);
	assert_non_null(got);
	rel = xasprintf("%s/bin/vic-machine-linux", tmpdir);
	assert_string_equal(got, rel);
	assert_int_equal(src, VICM_FROM_PLAN);
	assert_string_equal(vicmachine_source_name(src), "vic.machine in the plan");
	free(got);
	free(rel);
	/* ... and a relative plan directory is taken from the current directory */
	assert_int_equal(chdir(tmpdir), 0);
	got = vicmachine_locate(NULL, "./bin/vic-machine-linux", ".", &src);
	assert_non_null(got);
	assert_string_equal(got, exe);
	free(got);
	assert_int_equal(chdir(cwd), 0);
	/* the environment wins over the plan; a bad value there is an error, no fallback */
	setenv(VICMACHINE_ENV_PATH, plain, 1);
	assert_null(vicmachine_locate(NULL, "bin/vic-machine-linux", tmpdir, &src));
	assert_non_null(strstr(err_msg(), "not executable"));
	assert_non_null(strstr(err_msg(), VICMACHINE_ENV_PATH));
	/* the flag wins over everything; a bare name is searched on PATH */
	got = vicmachine_locate("vic-machine-linux", NULL, NULL, &src);
	assert_non_null(got);
	assert_string_equal(got, exe);
	assert_int_equal(src, VICM_FROM_FLAG);
	free(got);
	assert_null(vicmachine_locate("/nonexistent/vic-machine", NULL, NULL, NULL));
	assert_non_null(strstr(err_msg(), "--vic-machine"));
	unsetenv(VICMACHINE_ENV_PATH);
	/* nothing anywhere */
	setenv("PATH", tmpdir, 1);
	assert_null(vicmachine_locate(NULL, NULL, NULL, NULL));
	assert_non_null(strstr(err_msg(), "vic-machine not found"));

	setenv("PATH", old_path, 1);
	free(old_path);
	free(exe);
	free(plain);
	free(bindir);
}

static void test_version_of_fake(void **state)
{
	int num = 0;
	char *text = NULL;
	(void)state;
	setenv("FAKE_VIC_VERSION", "v1.5.8-21111-abcdef0", 1);
	setenv("VIC_MACHINE_PASSWORD", PASSWORD, 1);
	assert_int_equal(vicmachine_version(fake, &num, &text), 0);
	assert_int_equal(num, 105);
	assert_string_equal(text, "1.5.8-21111-abcdef0");
	free(text);
	/* "version" gets no password, not even one inherited from our environment */
	char *env = slurp("env");
	assert_non_null(env);
	assert_null(strstr(env, PASSWORD));
	assert_null(strstr(env, "VIC_MACHINE_PASSWORD"));
	free(env);
}

/* ---- running ------------------------------------------------------------------- */

struct seen {
	int lines;
	bool stage_seen[VICM_STAGE_COUNT];
	bool pw_in_line;
	bool cancel_at_upload;
	bool proc_checked, pw_in_cmdline, pw_in_environ;
};

static char *read_proc(long pid, const char *what, size_t *len)
{
	char *p = xasprintf("/proc/%ld/%s", pid, what);
	FILE *f = fopen(p, "rb");
	char *buf = xmalloc(1 << 16);
	*len = 0;
	if (f) {
		*len = fread(buf, 1, (1 << 16) - 1, f);
		fclose(f);
	}
	buf[*len] = '\0';
	free(p);
	return buf;
}

static bool mem_has(const char *buf, size_t len, const char *needle)
{
	return memmem(buf, len, needle, strlen(needle)) != NULL;
}

static void on_line(void *ctx, const char *line, enum vicm_stage stage)
{
	struct seen *s = ctx;
	s->lines++;
	s->stage_seen[stage] = true;
	if (strstr(line, PASSWORD))
		s->pw_in_line = true;
	if (stage == VICM_STAGE_UPLOADING && !s->proc_checked) {
		/* the child is alive now: look at what other users could see */
		char *pidtext = slurp("pid");
		size_t len;
		assert_non_null(pidtext);
		long pid = atol(pidtext);
		char *cmd = read_proc(pid, "cmdline", &len);
		assert_true(len > 0);
		assert_true(mem_has(cmd, len, "create"));
		s->pw_in_cmdline = mem_has(cmd, len, PASSWORD);
		free(cmd);
		char *env = read_proc(pid, "environ", &len);
		s->pw_in_environ = mem_has(env, len, "VIC_MACHINE_PASSWORD=" PASSWORD);
		free(env);
		free(pidtext);
		s->proc_checked = true;
	}
}

static int cancel_at_upload(void *ctx)
{
	struct seen *s = ctx;
	return s->stage_seen[VICM_STAGE_UPLOADING];
}

static void spec_init(struct vicm_spec *sp, struct strv *args, struct seen *seen)
{
	memset(sp, 0, sizeof *sp);
	sp->path = fake;
	sp->args = args;
	sp->password = PASSWORD;
	sp->log_path = tmp_path("log");
	sp->on_line = on_line;
	sp->ctx = seen;
	sp->grace_ms = 300;
}

static void test_run_success(void **state)
{
	struct strv args = {0};
	struct seen seen = {0};
	struct vicm_spec sp;
	struct vicm_result res;
	struct stat st;
	char *argv_rec, *env_rec, *log, *want;
	(void)state;

	create_args(&args);
	spec_init(&sp, &args, &seen);
	/* an old log readable by others is reset to 0600 */
	assert_int_equal(fileio_write_atomic(sp.log_path, "old\n", 4, 0644), 0);
	chmod(sp.log_path, 0644);
	setenv("VIC_MACHINE_PASSWORD", "inherited-wrong", 1);
	setenv("VCHNET_PASSWORD", "vchnet-secret", 1);
	setenv("GOVC_PASSWORD", "govc-secret", 1);
	setenv("GOVC_URL", "https://u:govc-secret@vc", 1);
	setenv("VCHNET_SECRET_EXTRA", "x", 1);
	setenv("UNRELATED_VARIABLE", "x", 1);
	setenv("LC_TIME", "C", 1);
	setenv("https_proxy", "http://proxy.example:3128", 1);
	/* asking for them by name does not pass ours either */
	setenv("VCHNET_VIC_MACHINE_ENV", "FAKE_VIC_*, VCHNET_*,GOVC_PASSWORD", 1);

	assert_int_equal(vicmachine_run(&sp, NULL, NULL, &res), 0);
	assert_true(res.success);
	assert_true(res.exited);
	assert_int_equal(res.exit_code, 0);
	assert_int_equal(res.stage, VICM_STAGE_DONE);
	for (int s = VICM_STAGE_VALIDATING; s <= VICM_STAGE_DONE; s++)
		assert_true(seen.stage_seen[s]);
	assert_string_equal(res.docker_host, "192.168.100.10:2376");
	assert_string_equal(res.admin_portal, "https://192.168.100.10:2378");
	assert_string_equal(res.published_ports, "192.168.100.10");
	assert_string_equal(res.docker_command, "docker -H 192.168.100.10:2376 --tls info");
	assert_int_equal(res.errors.n, 0);

	/* exactly our arguments, one per line */
	argv_rec = slurp("argv");
	want = strv_join(&args, "\n");
	assert_non_null(argv_rec);
	argv_rec[strlen(argv_rec) - 1] = '\0';
	assert_string_equal(argv_rec, want);
	/* the password in the child's environment, replacing the inherited one */
	env_rec = slurp("env");
	assert_non_null(strstr(env_rec, "\nVIC_MACHINE_PASSWORD=" PASSWORD "\n") ||
			strncmp(env_rec, "VIC_MACHINE_PASSWORD=" PASSWORD "\n", 38) == 0);
	assert_null(strstr(env_rec, "inherited-wrong"));
	/* none of our settings or secrets, nor anything not on the list */
	assert_null(strstr(env_rec, "VCHNET_PASSWORD"));
	assert_null(strstr(env_rec, "GOVC_PASSWORD"));
	assert_null(strstr(env_rec, "GOVC_URL"));
	assert_null(strstr(env_rec, "VCHNET_SECRET_EXTRA"));
	assert_null(strstr(env_rec, "UNRELATED_VARIABLE"));
	assert_non_null(strstr(env_rec, "LC_TIME=C"));
	assert_non_null(strstr(env_rec, "https_proxy=http://proxy.example:3128"));
	assert_non_null(strstr(env_rec, "FAKE_VIC_ARGV_FILE="));
	/* the log: 0600, every line, no password */
	assert_int_equal(stat(sp.log_path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	log = slurp("log");
	assert_null(strstr(log, PASSWORD));
	assert_null(strstr(log, "old\n"));
	assert_non_null(strstr(log, "Installer completed successfully"));
	assert_non_null(strstr(log, "'vch 1'"));
	assert_false(seen.pw_in_line);
	assert_true(seen.proc_checked);
	assert_false(seen.pw_in_cmdline);
	assert_true(seen.pw_in_environ);

	free(argv_rec);
	free(want);
	free(env_rec);
	free(log);
	vicmachine_result_free(&res);
	free((char *)(uintptr_t)sp.log_path);
	strv_free(&args);
}

static void test_run_failure(void **state)
{
	struct strv args = {0};
	struct seen seen = {0};
	struct vicm_spec sp;
	struct vicm_result res;
	(void)state;

	create_args(&args);
	spec_init(&sp, &args, &seen);
	setenv("FAKE_VIC_FAIL", "poweron", 1);
	assert_int_equal(vicmachine_run(&sp, NULL, NULL, &res), -1);
	assert_false(res.success);
	assert_true(res.exited);
	assert_int_equal(res.exit_code, 1);
	assert_int_equal(res.stage, VICM_STAGE_POWERING_ON);
	assert_null(res.docker_host);
	/* the error lines, without the "-----" separator, last one last */
	assert_int_equal(res.errors.n, 2);
	assert_non_null(strstr(res.errors.v[0], "Failed to power on appliance"));
	assert_non_null(strstr(res.errors.v[1], "vic-machine-linux create failed"));
	assert_non_null(strstr(err_msg(), "exit status 1"));
	assert_non_null(strstr(err_msg(), "powering on"));
	assert_non_null(strstr(err_msg(), sp.log_path));
	vicmachine_result_free(&res);

	/* a validation failure stops in the validating stage */
	setenv("FAKE_VIC_FAIL", "validate", 1);
	assert_int_equal(vicmachine_run(&sp, NULL, NULL, &res), -1);
	assert_int_equal(res.stage, VICM_STAGE_VALIDATING);
	assert_non_null(strstr(err_msg(), "validation of configuration failed"));
	vicmachine_result_free(&res);

	free((char *)(uintptr_t)sp.log_path);
	strv_free(&args);
}

static bool process_gone(void)
{
	char *pidtext = slurp("pid");
	long pid;
	char *p;
	struct stat st;
	bool gone;

	assert_non_null(pidtext);
	pid = atol(pidtext);
	p = xasprintf("/proc/%ld", pid);
	gone = stat(p, &st) != 0; /* reaped: no zombie left either */
	free(p);
	free(pidtext);
	return gone;
}

static void test_cancel(void **state)
{
	struct strv args = {0}, del = {0}, left = {0};
	struct seen seen = {0};
	struct vicm_spec sp;
	struct vicm_result res;
	char *sigs, *joined;
	(void)state;

	create_args(&args);
	spec_init(&sp, &args, &seen);
	/* a fake that stops on SIGINT gets no SIGTERM, however slow a loaded machine makes
	 * its exit: the grace period is far longer than it needs */
	sp.grace_ms = 10000;
	setenv("FAKE_VIC_HANG", "upload", 1);
	assert_int_equal(vicmachine_run(&sp, cancel_at_upload, &seen, &res), -1);
	assert_true(res.cancelled);
	assert_false(res.success);
	assert_int_equal(res.stage, VICM_STAGE_UPLOADING);
	assert_true(process_gone());
	sigs = slurp("signals");
	assert_non_null(sigs);
	assert_string_equal(sigs, "INT\n");
	free(sigs);
	assert_non_null(strstr(err_msg(), "cancelled while uploading"));
	assert_true(seen.proc_checked);
	assert_false(seen.pw_in_cmdline);
	assert_true(seen.pw_in_environ);

	/* what is left and how to remove it */
	vicmachine_leftovers(res.stage, vicmachine_arg_value(&args, "--name"),
			     vicmachine_arg_value(&args, "--image-store"), &left);
	joined = strv_join(&left, "\n");
	assert_non_null(strstr(joined, "VCH endpoint VM vch 1"));
	assert_non_null(strstr(joined, "datastore LocalDS_0"));
	assert_non_null(strstr(joined, "uploaded ISO images"));
	free(joined);
	vicmachine_delete_args(&args, &del);
	joined = strv_join(&del, " ");
	assert_string_equal(joined, "delete --target https://vc.example.com/DC0 --user "
			    "administrator@vsphere.local --thumbprint "
			    "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01 "
			    "--compute-resource DC0_C0 --name vch 1");
	free(joined);
	vicmachine_result_free(&res);
	strv_free(&left);
	strv_free(&del);

	/* before anything was created, nothing is left in vSphere */
	vicmachine_leftovers(VICM_STAGE_VALIDATING, "v", "ds", &left);
	assert_non_null(strstr(left.v[0], "nothing in vSphere"));
	strv_free(&left);

	free((char *)(uintptr_t)sp.log_path);
	strv_free(&args);
}

static void test_cancel_escalates(void **state)
{
	struct strv args = {0};
	struct seen seen = {0};
	struct vicm_spec sp;
	struct vicm_result res;
	char *sigs, *log;
	(void)state;

	create_args(&args);
	spec_init(&sp, &args, &seen);
	setenv("FAKE_VIC_HANG", "upload", 1);
	/* deaf to SIGINT: SIGTERM follows after the grace period */
	setenv("FAKE_VIC_IGNORE", "INT", 1);
	assert_int_equal(vicmachine_run(&sp, cancel_at_upload, &seen, &res), -1);
	assert_true(res.cancelled);
	assert_true(process_gone());
	sigs = slurp("signals");
	assert_string_equal(sigs, "INT\nTERM\n");
	free(sigs);
	vicmachine_result_free(&res);

	/* deaf to both: SIGKILL ends it */
	memset(&seen, 0, sizeof seen);
	setup(NULL);
	setenv("FAKE_VIC_HANG", "upload", 1);
	setenv("FAKE_VIC_IGNORE", "INT TERM", 1);
	assert_int_equal(vicmachine_run(&sp, cancel_at_upload, &seen, &res), -1);
	assert_true(res.cancelled);
	assert_false(res.exited);
	assert_int_equal(res.term_signal, SIGKILL);
	assert_true(process_gone());
	sigs = slurp("signals");
	assert_string_equal(sigs, "INT\nTERM\n");
	free(sigs);
	log = slurp("log");
	assert_non_null(strstr(log, "sent SIGKILL"));
	free(log);
	vicmachine_result_free(&res);

	free((char *)(uintptr_t)sp.log_path);
	strv_free(&args);
}

static void test_refuses_password_in_argv(void **state)
{
	struct strv args = {0};
	struct seen seen = {0};
	struct vicm_spec sp;
	struct vicm_result res;
	char *argv_rec;
	(void)state;

	create_args(&args);
	strv_push(&args, "--password=" PASSWORD);
	spec_init(&sp, &args, &seen);
	assert_int_equal(vicmachine_run(&sp, NULL, NULL, &res), -1);
	assert_false(res.started);
	assert_non_null(strstr(err_msg(), "contains the password"));
	argv_rec = slurp("argv");
	assert_null(argv_rec); /* never started */
	free((char *)(uintptr_t)sp.log_path);
	strv_free(&args);
}

static void test_unterminated_and_missing(void **state)
{
	struct strv args = {0};
	struct vicm_spec sp;
	struct vicm_result res;
	struct seen seen = {0};
	char *script = tmp_path("noeol.sh");
	const char body[] = "#!/bin/sh\nprintf 'INFO[0000] DOCKER_HOST=10.9.8.7:2376'\n";
	(void)state;

	assert_int_equal(fileio_write_atomic(script, body, sizeof body - 1, 0700), 0);
	strv_push(&args, "create");
	spec_init(&sp, &args, &seen);
	sp.path = script;
	sp.password = NULL;
	assert_int_equal(vicmachine_run(&sp, NULL, NULL, &res), 0);
	assert_string_equal(res.docker_host, "10.9.8.7:2376");
	assert_int_equal(seen.lines, 1);
	vicmachine_result_free(&res);

	/* a program that cannot run: an error, and the log says why */
	sp.path = "/nonexistent/vic-machine-linux";
	assert_int_equal(vicmachine_run(&sp, NULL, NULL, &res), -1);
	assert_false(res.started);
	assert_non_null(strstr(err_msg(), "cannot run"));

	/* a log that cannot be created */
	sp.path = fake;
	free((char *)(uintptr_t)sp.log_path);
	sp.log_path = "/nonexistent-dir/deploy.log";
	assert_int_equal(vicmachine_run(&sp, NULL, NULL, &res), -1);
	assert_non_null(strstr(err_msg(), "cannot open the log file"));
	/* never through a symbolic link */
	{
		char *link = tmp_path("log-link"), *target = tmp_path("log-target");
		assert_int_equal(symlink(target, link), 0);
		sp.log_path = link;
		assert_int_equal(vicmachine_run(&sp, NULL, NULL, &res), -1);
		assert_non_null(strstr(err_msg(), "symbolic link"));
		assert_int_equal(access(target, F_OK), -1);
		unlink(link);
		free(link);
		free(target);
	}

	free(script);
	strv_free(&args);
}

static void test_shell_quote(void **state)
{
	static const struct {
		const char *in, *want;
	} t[] = {
		{"DC0_C0/Resources", "DC0_C0/Resources"},
		{"VM Network", "'VM Network'"},
		{"it's", "'it'\\''s'"},
		{"", "''"},
	};
	struct strv a = {0};
	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		char *q = vicmachine_shell_quote(t[i].in);
		assert_string_equal(q, t[i].want);
		free(q);
	}
	strv_push(&a, "--name=x");
	strv_push(&a, "--target");
	assert_string_equal(vicmachine_arg_value(&a, "--name"), "x");
	assert_null(vicmachine_arg_value(&a, "--target"));
	assert_null(vicmachine_arg_value(&a, "--user"));
	strv_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_line),
		cmocka_unit_test(test_stage_of_line),
		cmocka_unit_test(test_version_parse),
		cmocka_unit_test(test_version_fits),
		cmocka_unit_test(test_shell_quote),
		cmocka_unit_test_setup(test_locate, setup),
		cmocka_unit_test_setup(test_version_of_fake, setup),
		cmocka_unit_test_setup(test_run_success, setup),
		cmocka_unit_test_setup(test_run_failure, setup),
		cmocka_unit_test_setup(test_cancel, setup),
		cmocka_unit_test_setup(test_cancel_escalates, setup),
		cmocka_unit_test_setup(test_refuses_password_in_argv, setup),
		cmocka_unit_test_setup(test_unterminated_and_missing, setup),
	};
	const char *top = getenv("top_srcdir");
	int rc;

	if (!top) {
		fprintf(stderr, "test_vicmachine: set top_srcdir to the source tree\n");
		return 1;
	}
	fake = xasprintf("%s/tests/fake/vic-machine", top);
	snprintf(tmpdir, sizeof tmpdir, "/tmp/vchnet-vicm-XXXXXX");
	if (!mkdtemp(tmpdir))
		return 1;
	/* a child killed while we write to its pipe must not kill us */
	signal(SIGPIPE, SIG_IGN);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		rc = 1;
	free(cmd);
	free(fake);
	return rc;
}
