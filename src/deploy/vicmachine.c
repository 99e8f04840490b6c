/* vicmachine: find, check and run vic-machine (see vicmachine.h). */
#include "vicmachine.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "err.h"
#include "fileio.h"
#include "mem.h"
#include "sanitize.h"
#include "sig.h"

extern char **environ;

#define KEEP_LINES 12
#define MAX_LINE 65536
#define VERSION_TIMEOUT_MS 15000
/* Passwords shorter than this are not redacted from output: doing so would mangle
 * ordinary text and such a password is not protected by redaction anyway. */
#define REDACT_MIN 4

/* ---- locating ---------------------------------------------------------------- */

static const char *const source_names[] = {
	[VICM_FROM_FLAG] = "--vic-machine",
	[VICM_FROM_ENV] = ("$" VICMACHINE_ENV_PATH), /* one string: clang asks */
	[VICM_FROM_PLAN] = "vic.machine in the plan",
	[VICM_FROM_PATH] = "PATH",
};

const char *vicmachine_source_name(enum vicm_source s)
{
	MEM_ASSERT((unsigned)s < sizeof source_names / sizeof source_names[0]);
	return source_names[s];
}

static bool is_exec_file(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode) && access(p, X_OK) == 0;
}

/* path with its directory made canonical (absolute, no "." or "..", no symbolic
 * links), the file name kept as it is: what is shown is where it really is. */
static char *canonical(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path));
	char *real = realpath(dir, NULL), *out;

	if (!real) {
		err_set("cannot find the directory %s: %s", dir, strerror(errno));
		free(dir);
		return NULL;
	}
	out = xasprintf("%s/%s", strcmp(real, "/") == 0 ? "" : real, slash + 1);
	free(real);
	free(dir);
	return out;
}

/* Searches the absolute directories of $PATH. An empty element (which a shell takes
 * for the current directory) and a relative one are skipped: what runs must not depend
 * on where vchnet was started. */
static char *find_on_path(const char *name)
{
	const char *path = getenv("PATH");
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (const char *p = path;;) {
		const char *end = strchr(p, ':');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (n > 0 && p[0] == '/') {
			char *cand = xasprintf("%.*s/%s", (int)n, p, name);
			if (is_exec_file(cand)) {
				char *abs = canonical(cand);
				free(cand);
				if (abs)
					return abs;
				err_clear();
				return NULL;
			}
			free(cand);
		}
		if (!end)
			return NULL;
		p = end + 1;
	}
}

static char *resolve(const char *value, const char *base_dir, const char *what)
{
	char *joined, *path;

	if (!*value) {
		err_set("%s is empty: give the path of vic-machine-linux", what);
		return NULL;
	}
	if (!strchr(value, '/')) {
		path = find_on_path(value);
		if (!path)
			err_set("%s names '%s', which is not in an absolute directory of PATH: give "
				"its full path or add its directory to PATH", what, value);
		return path;
	}
	if (value[0] != '/' && base_dir && *base_dir)
		joined = xasprintf("%s/%s", base_dir, value);
	else
		joined = xstrdup(value);
	path = canonical(joined);
	if (!path)
		err_prefix("%s names %s", what, joined);
	free(joined);
	if (!path)
		return NULL;
	if (!is_exec_file(path)) {
		err_set("%s names %s, which is not an executable file (%s): give the path of "
			"vic-machine-linux from the VIC bundle", what, path,
			access(path, F_OK) == 0 ? "not executable" : strerror(errno));
		free(path);
		return NULL;
	}
	return path;
}

char *vicmachine_locate(const char *flag_path, const char *plan_machine, const char *plan_dir,
			enum vicm_source *source)
{
	const char *env = getenv(VICMACHINE_ENV_PATH);
	enum vicm_source src;
	char *path;

	if (flag_path) {
		src = VICM_FROM_FLAG;
		path = resolve(flag_path, NULL, source_names[src]);
	} else if (env && *env) {
		src = VICM_FROM_ENV;
		path = resolve(env, NULL, source_names[src]);
	} else if (plan_machine) {
		src = VICM_FROM_PLAN;
		path = resolve(plan_machine, plan_dir, source_names[src]);
	} else {
		src = VICM_FROM_PATH;
		path = find_on_path("vic-machine-linux");
		if (!path)
			path = find_on_path("vic-machine");
		if (!path)
			err_set("vic-machine not found: neither vic-machine-linux nor vic-machine is "
				"in an absolute directory of PATH; give its path with --vic-machine, "
				"$%s or vic.machine in the plan", VICMACHINE_ENV_PATH);
	}
	if (path && source)
		*source = src;
	return path;
}

/* ---- version ----------------------------------------------------------------- */

static int parse_version_token(const char *s, int *num, char **text)
{
	unsigned major, minor;
	int n = 0;
	size_t len;

	if (*s == 'v' || *s == 'V')
		s++;
	if (!isdigit((unsigned char)*s) || sscanf(s, "%u.%u%n", &major, &minor, &n) != 2 ||
	    major > 99 || minor > 99)
		return -1;
	*num = (int)(major * 100 + minor);
	if (text) {
		len = strcspn(s, " \t\r\n");
		*text = xstrndup(s, len);
	}
	return 0;
}

int vicmachine_version_parse(const char *output, int *num, char **text)
{
	const char *p = output;

	/* "NAME version vX.Y.Z-BUILD-COMMIT": the token after the word "version" */
	while ((p = strstr(p, "version")) != NULL) {
		const char *q = p + strlen("version");
		while (*q == ' ' || *q == '\t' || *q == ':')
			q++;
		if (parse_version_token(q, num, text) == 0)
			return 0;
		p = q;
	}
	/* otherwise the first word that looks like a version */
	for (p = output; *p; p++) {
		bool word_start = p == output || isspace((unsigned char)p[-1]);
		if (word_start && parse_version_token(p, num, text) == 0)
			return 0;
	}
	return err_set("cannot read a version from vic-machine's output \"%.80s\"; check that "
		       "the binary is vic-machine from a VIC bundle", output);
}

/* Variables the child gets from our environment: what a program needs to run, find
 * its locale and time zone, and reach vCenter through a proxy. Nothing else: our
 * own settings and secrets (VCHNET_*, GOVC_*) stay with us. */
static const char *const env_keep[] = {
	"PATH", "HOME", "LANG", "LC_*", "TZ", "http_proxy", "https_proxy", "no_proxy",
	"HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY",
};

/* Whether NAME=... (entry) matches pattern, a name or a prefix ending in '*'. */
static bool env_matches(const char *entry, const char *pat, size_t plen)
{
	size_t n = strcspn(entry, "=");
	if (plen > 0 && pat[plen - 1] == '*')
		return n >= plen - 1 && strncmp(entry, pat, plen - 1) == 0;
	return n == plen && strncmp(entry, pat, plen) == 0;
}

/* Never passed, whatever VCHNET_VIC_MACHINE_ENV says. */
static bool env_forbidden(const char *entry)
{
	return strncmp(entry, "VCHNET_", 7) == 0 || strncmp(entry, "GOVC_", 5) == 0 ||
	       env_matches(entry, VICMACHINE_ENV_PASSWORD, strlen(VICMACHINE_ENV_PASSWORD));
}

static bool env_wanted(const char *entry, const char *extra)
{
	for (size_t i = 0; i < sizeof env_keep / sizeof env_keep[0]; i++)
		if (env_matches(entry, env_keep[i], strlen(env_keep[i])))
			return true;
	for (const char *p = extra ? extra : ""; *p;) {
		p += strspn(p, " ,");
		size_t n = strcspn(p, " ,");
		if (n > 0 && env_matches(entry, p, n))
			return true;
		p += n;
	}
	return false;
}

/* The environment of a child: the kept variables of ours, plus the given password.
 * The returned array borrows our entries; *secret is the one it owns. */
static char **child_env(const char *password, char **secret)
{
	size_t n = 0, k = 0;
	const char *extra = getenv(VICMACHINE_ENV_EXTRA);
	char **env;

	for (char **e = environ; e && *e; e++)
		n++;
	env = xcalloc(n + 2, sizeof *env);
	for (char **e = environ; e && *e; e++)
		if (!env_forbidden(*e) && env_wanted(*e, extra))
			env[k++] = *e;
	*secret = NULL;
	if (password) {
		*secret = xasprintf("%s=%s", VICMACHINE_ENV_PASSWORD, password);
		env[k++] = *secret;
	}
	env[k] = NULL;
	return env;
}

/* Starts path with argv in its own process group, stdin on /dev/null, stdout and
 * stderr on one pipe whose non-blocking read end is returned in *fd. The child is
 * killed when we die, however we die (PR_SET_PDEATHSIG), so that no vic-machine goes on
 * changing vSphere with nobody watching. */
static int spawn_child(const char *path, char *const argv[], char *const envp[], pid_t *pid,
		       int *fd)
{
	const pid_t parent = getpid();
	sigset_t all, old;
	int p[2], ep[2], devnull, child_errno = 0;
	ssize_t got;
	pid_t c;

	devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (devnull < 0)
		return err_set("cannot open /dev/null for vic-machine: %s", strerror(errno));
	if (pipe2(p, O_CLOEXEC) != 0) {
		close(devnull);
		return err_set("cannot create a pipe for vic-machine: %s", strerror(errno));
	}
	/* tells us why exec failed; closed by a successful exec */
	if (pipe2(ep, O_CLOEXEC) != 0) {
		close(devnull);
		close(p[0]);
		close(p[1]);
		return err_set("cannot create a pipe for vic-machine: %s", strerror(errno));
	}
	/* no handler of ours may run in the child between fork and exec */
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	c = fork();
	if (c == 0) {
		/* the child: async-signal-safe calls only */
		sigset_t none;
		int e;

		sig_child_reset();
		/* its own process group: Ctrl-C in the terminal reaches us only, so that
		 * we can ask before stopping it, and a cancel reaches everything it runs */
		setpgid(0, 0);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		/* we may have died before the line above: then nobody would kill it */
		if (getppid() != parent)
			_exit(127);
		if (dup2(devnull, 0) < 0 || dup2(p[1], 1) < 0 || dup2(p[1], 2) < 0)
			goto failed;
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		execve(path, argv, envp);
	failed:
		e = errno;
		if (write(ep[1], &e, sizeof e) < 0) {
			/* nothing more to say */
		}
		_exit(127);
	}
	if (c > 0)
		setpgid(c, c); /* as the child does: whichever runs first */
	sigprocmask(SIG_SETMASK, &old, NULL);
	close(devnull);
	close(p[1]);
	close(ep[1]);
	if (c < 0) {
		int e = errno;
		close(p[0]);
		close(ep[0]);
		return err_set("cannot start %s: %s", path, strerror(e));
	}
	do
		got = read(ep[0], &child_errno, sizeof child_errno);
	while (got < 0 && errno == EINTR);
	close(ep[0]);
	if (got > 0) {
		while (waitpid(c, NULL, 0) < 0 && errno == EINTR)
			;
		close(p[0]);
		return err_set("cannot run %s: %s; check that it is an executable for this "
			       "machine", path, strerror(child_errno));
	}
	fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK);
	*fd = p[0];
	*pid = c;
	return 0;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int vicmachine_version(const char *path, int *num, char **text)
{
	char *argv[] = {(char *)(uintptr_t)path, (char *)(uintptr_t)"version", NULL};
	char buf[4096], *secret;
	char **env = child_env(NULL, &secret);
	size_t len = 0;
	pid_t pid;
	int fd, status = 0;
	long long deadline;
	bool timed_out = false;

	if (spawn_child(path, argv, env, &pid, &fd) != 0) {
		free(env);
		return -1;
	}
	free(env);
	deadline = now_ms() + VERSION_TIMEOUT_MS;
	for (;;) {
		struct pollfd pfd = {.fd = fd, .events = POLLIN};
		long long left = deadline - now_ms();
		ssize_t r;
		if (left <= 0) {
			timed_out = true;
			break;
		}
		if (poll(&pfd, 1, (int)left) < 0 && errno != EINTR)
			break;
		r = read(fd, buf + len, sizeof buf - 1 - len);
		if (r == 0)
			break;
		if (r < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			break;
		}
		len += (size_t)r;
		if (len == sizeof buf - 1)
			break;
	}
	close(fd);
	buf[len] = '\0';
	if (timed_out)
		kill(-pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (timed_out)
		return err_set("'%s version' did not answer within %d s; check that it is "
			       "vic-machine from a VIC bundle", path, VERSION_TIMEOUT_MS / 1000);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return err_set("'%s version' failed (%s %d): %.200s", path,
			       WIFEXITED(status) ? "exit status" : "signal",
			       WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status), buf);
	if (vicmachine_version_parse(buf, num, text) != 0)
		return err_prefix("%s", path);
	return 0;
}

int vicmachine_version_fits(int profile_num, int binary_num, char **warning)
{
	if (warning)
		*warning = NULL;
	if (profile_num < 0)
		return err_set("the plan's vic.version is not a version (like 1.2): fix it, then "
			       "deploy again");
	if (profile_num == binary_num)
		return 0;
	if (profile_num / 100 == binary_num / 100 &&
	    (profile_num < 103) == (binary_num < 103)) {
		if (warning)
			*warning = xasprintf(
				"vic-machine is version %d.%d but the plan was made for VIC %d.%d; "
				"the networking flags are the same for both, so deploying anyway",
				binary_num / 100, binary_num % 100, profile_num / 100,
				profile_num % 100);
		return 0;
	}
	return err_set("vic-machine is version %d.%d but the plan was made for VIC %d.%d, and "
		       "their networking rules differ (%s); use a vic-machine %d.%d binary, or "
		       "set vic.version: \"%d.%d\" in the plan and check it again",
		       binary_num / 100, binary_num % 100, profile_num / 100, profile_num % 100,
		       profile_num / 100 != binary_num / 100 ? "another major version"
							     : "3 NICs below 1.3, 4 from 1.3",
		       profile_num / 100, profile_num % 100, binary_num / 100, binary_num % 100);
}

/* ---- log lines ------------------------------------------------------------------ */

static const char *const stage_names[VICM_STAGE_COUNT] = {
	[VICM_STAGE_STARTING] = "starting",
	[VICM_STAGE_VALIDATING] = "validating",
	[VICM_STAGE_CREATING] = "creating",
	[VICM_STAGE_UPLOADING] = "uploading",
	[VICM_STAGE_POWERING_ON] = "powering on",
	[VICM_STAGE_WAITING_IP] = "waiting for IP",
	[VICM_STAGE_WAITING_SERVICES] = "waiting for services",
	[VICM_STAGE_DONE] = "done",
};

const char *vicmachine_stage_name(enum vicm_stage s)
{
	MEM_ASSERT((unsigned)s < VICM_STAGE_COUNT);
	return stage_names[s];
}

static enum vicm_level level_word(const char *w, size_t n)
{
	static const struct {
		const char *w;
		enum vicm_level l;
	} words[] = {
		{"DEBUG", VICM_LEVEL_DEBUG}, {"DEBU", VICM_LEVEL_DEBUG},
		{"INFO", VICM_LEVEL_INFO},   {"WARN", VICM_LEVEL_WARN},
		{"WARNING", VICM_LEVEL_WARN}, {"ERROR", VICM_LEVEL_ERROR},
		{"ERRO", VICM_LEVEL_ERROR},  {"FATAL", VICM_LEVEL_ERROR},
		{"FATA", VICM_LEVEL_ERROR},  {"PANIC", VICM_LEVEL_ERROR},
		{"PANI", VICM_LEVEL_ERROR},
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strlen(words[i].w) == n && strncmp(words[i].w, w, n) == 0)
			return words[i].l;
	return VICM_LEVEL_NONE;
}

enum vicm_level vicmachine_parse_line(const char *line, const char **msg)
{
	const char *p = line;
	size_t n;
	enum vicm_level l;

	*msg = line;
	/* logrus: "INFO[0012] msg" */
	n = strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
	if (n >= 4 && p[n] == '[') {
		l = level_word(p, n);
		const char *q = p + n + 1;
		q += strspn(q, "0123456789");
		if (l != VICM_LEVEL_NONE && *q == ']') {
			q++;
			q += strspn(q, " \t");
			*msg = q;
			return l;
		}
	}
	/* vic-machine: "Nov 14 2017 16:29:25.000Z INFO  msg" */
	if (isupper((unsigned char)p[0]) && islower((unsigned char)p[1]) &&
	    islower((unsigned char)p[2]) && p[3] == ' ') {
		int day, year, hh, mm, ss, used = 0;
		if (sscanf(p + 4, "%d %d %d:%d:%d%n", &day, &year, &hh, &mm, &ss, &used) == 5 &&
		    used > 0) {
			const char *q = p + 4 + used;
			q += strspn(q, ".0123456789Z");
			if (*q == ' ') {
				q += strspn(q, " ");
				n = strspn(q, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
				l = level_word(q, n);
				if (l != VICM_LEVEL_NONE && (q[n] == ' ' || q[n] == '\0')) {
					q += n;
					q += strspn(q, " \t");
					*msg = q;
					return l;
				}
			}
		}
	}
	return VICM_LEVEL_NONE;
}

enum vicm_stage vicmachine_stage_of_line(const char *line, enum vicm_stage cur)
{
	static const struct {
		enum vicm_stage s;
		const char *needle;
	} marks[] = {
		{VICM_STAGE_VALIDATING, "validating supplied configuration"},
		{VICM_STAGE_VALIDATING, "configuration ok on"},
		{VICM_STAGE_VALIDATING, "firewall status"},
		{VICM_STAGE_VALIDATING, "license check"},
		{VICM_STAGE_VALIDATING, "drs check"},
		{VICM_STAGE_CREATING, "creating virtual app"},
		{VICM_STAGE_CREATING, "creating resource pool"},
		{VICM_STAGE_CREATING, "creating directory"},
		{VICM_STAGE_CREATING, "creating appliance"},
		{VICM_STAGE_CREATING, "creating the appliance"},
		{VICM_STAGE_UPLOADING, "uploading images"},
		{VICM_STAGE_UPLOADING, "uploading iso"},
		{VICM_STAGE_POWERING_ON, "registering vch as a vsphere extension"},
		{VICM_STAGE_POWERING_ON, "powering on"},
		{VICM_STAGE_POWERING_ON, "power on"},
		{VICM_STAGE_POWERING_ON, "starting appliance"},
		{VICM_STAGE_WAITING_IP, "waiting for ip"},
		{VICM_STAGE_WAITING_SERVICES, "waiting for major appliance components"},
		{VICM_STAGE_WAITING_SERVICES, "obtained ip address"},
		{VICM_STAGE_WAITING_SERVICES, "checking vch connectivity"},
		{VICM_STAGE_DONE, "initialization of appliance successful"},
		{VICM_STAGE_DONE, "installer completed successfully"},
	};
	const char *msg;
	enum vicm_stage best = cur;

	vicmachine_parse_line(line, &msg);
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
		if (marks[i].s > best && strcasestr(msg, marks[i].needle))
			best = marks[i].s;
	return best;
}

/* ---- the runner -------------------------------------------------------------------- */

enum pending { PEND_NONE, PEND_PORTAL, PEND_PUBLISHED, PEND_DOCKER_CMD };

struct vicm_run {
	pid_t pid;
	int fd;          /* read end of the output pipe, -1 once closed */
	int log_fd;
	int log_errno;   /* first write error on the log, 0 if none */
	bool running;
	int stop_hook;   /* the exit hook stopping its process group (sig.h), 0 when none */
	int status;
	bool cancelled;
	int escalation;  /* signals sent: 0 none, 1 SIGINT, 2 SIGTERM, 3 SIGKILL */
	long long next_signal_ms;
	int grace_ms;
	char *password;  /* for redaction only */
	char *subcommand;
	void (*on_line)(void *ctx, const char *line, enum vicm_stage stage);
	void *ctx;
	char *buf;
	size_t len, cap;
	enum vicm_stage stage;
	enum pending pending;
	struct vicm_result res;
};

static void stop_group(void *arg);

static void push_capped(struct strv *l, const char *s)
{
	if (l->n == KEEP_LINES) {
		free(l->v[0]);
		memmove(l->v, l->v + 1, (l->n - 1) * sizeof *l->v);
		l->n--;
	}
	strv_push(l, s);
}

static void log_write(struct vicm_run *r, const char *s, size_t n)
{
	while (n > 0 && r->log_fd >= 0 && !r->log_errno) {
		ssize_t w = write(r->log_fd, s, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			r->log_errno = errno;
			return;
		}
		s += w;
		n -= (size_t)w;
	}
}

static char *redact(const char *line, const char *pw)
{
	size_t plen = pw ? strlen(pw) : 0;
	struct strv parts = {0};
	const char *p = line, *hit;
	char *out;

	if (plen < REDACT_MIN || !strstr(line, pw))
		return xstrdup(line);
	while ((hit = strstr(p, pw)) != NULL) {
		strv_push_owned(&parts, xstrndup(p, (size_t)(hit - p)));
		p = hit + plen;
	}
	strv_push(&parts, p);
	out = strv_join(&parts, "********");
	strv_free(&parts);
	return out;
}

static void set_once(char **slot, const char *v)
{
	size_t n = strlen(v);
	while (n > 0 && isspace((unsigned char)v[n - 1]))
		n--;
	if (n > 0) {
		free(*slot);
		*slot = xstrndup(v, n);
	}
}

static void banner(struct vicm_run *r, const char *msg)
{
	const char *rest;

	if (strncmp(msg, "DOCKER_HOST=", 12) == 0) {
		set_once(&r->res.docker_host, msg + 12);
		r->pending = PEND_NONE;
	} else if ((rest = strstr(msg, "VCH Admin Portal:")) != NULL) {
		rest += strlen("VCH Admin Portal:");
		rest += strspn(rest, " \t");
		if (*rest)
			set_once(&r->res.admin_portal, rest);
		r->pending = *rest ? PEND_NONE : PEND_PORTAL;
	} else if ((rest = strstr(msg, "Published ports can be reached at:")) != NULL) {
		rest += strlen("Published ports can be reached at:");
		rest += strspn(rest, " \t");
		if (*rest)
			set_once(&r->res.published_ports, rest);
		r->pending = *rest ? PEND_NONE : PEND_PUBLISHED;
	} else if (strncmp(msg, "Connect to docker:", 18) == 0) {
		r->pending = PEND_DOCKER_CMD;
	} else if (*msg && r->pending != PEND_NONE) {
		char **slot = r->pending == PEND_PORTAL      ? &r->res.admin_portal
			      : r->pending == PEND_PUBLISHED ? &r->res.published_ports
							     : &r->res.docker_command;
		set_once(slot, msg);
		r->pending = PEND_NONE;
	}
}

static void handle_line(struct vicm_run *r, char *raw)
{
	size_t n = strlen(raw);
	const char *msg;
	enum vicm_level lvl;
	char *line;

	if (n > 0 && raw[n - 1] == '\r')
		raw[n - 1] = '\0';
	line = redact(raw, r->password);
	{
		/* the log is read on a terminal: one sanitised line per line received */
		char *clean = san_dup(line, SAN_DISPLAY);
		log_write(r, clean, strlen(clean));
		log_write(r, "\n", 1);
		free(clean);
	}
	r->stage = vicmachine_stage_of_line(line, r->stage);
	lvl = vicmachine_parse_line(line, &msg);
	if (lvl == VICM_LEVEL_ERROR && *msg && strspn(msg, "-") != strlen(msg))
		push_capped(&r->res.errors, msg);
	push_capped(&r->res.tail, line);
	banner(r, msg);
	if (r->on_line)
		r->on_line(r->ctx, line, r->stage);
	free(line);
}

/* Splits what is in the buffer into lines; with flush, the unterminated rest too. */
static void take_lines(struct vicm_run *r, bool flush)
{
	size_t start = 0;
	for (size_t i = 0; i < r->len; i++) {
		if (r->buf[i] == '\n' || (i - start) >= MAX_LINE) {
			char *line = xstrndup(r->buf + start, i - start);
			handle_line(r, line);
			free(line);
			start = r->buf[i] == '\n' ? i + 1 : i;
		}
	}
	if (flush && start < r->len) {
		char *line = xstrndup(r->buf + start, r->len - start);
		handle_line(r, line);
		free(line);
		start = r->len;
	}
	memmove(r->buf, r->buf + start, r->len - start);
	r->len -= start;
}

/* Reads everything available now; closes the pipe at end of file. */
static void drain(struct vicm_run *r)
{
	while (r->fd >= 0) {
		xgrow(&r->buf, &r->cap, r->len + 4096, 1);
		ssize_t n = read(r->fd, r->buf + r->len, r->cap - r->len);
		if (n > 0) {
			r->len += (size_t)n;
			take_lines(r, false);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return;
		close(r->fd);
		r->fd = -1;
	}
}

static void log_header(struct vicm_run *r, const struct vicm_spec *s)
{
	char stamp[64];
	time_t t = time(NULL);
	struct tm tm;
	char *q = vicmachine_shell_quote(s->path);
	char *line;

	gmtime_r(&t, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
	line = xasprintf("# vchnet %s: started %s\n# command: %s", PACKAGE_VERSION, stamp, q);
	log_write(r, line, strlen(line));
	free(line);
	free(q);
	for (size_t i = 0; i < s->args->n; i++) {
		q = vicmachine_shell_quote(s->args->v[i]);
		log_write(r, " ", 1);
		log_write(r, q, strlen(q));
		free(q);
	}
	line = xasprintf("\n# password: %s\n",
			 s->password ? "in the environment (" VICMACHINE_ENV_PASSWORD "), not shown"
				     : "none given");
	log_write(r, line, strlen(line));
	free(line);
}

static int open_log(const char *path)
{
	/* never through a symbolic link, 0600 whatever the umask or an older file's mode;
	 * the message names the path and says what to do */
	return fileio_open_log(path, false);
}

static bool args_carry_password(const struct strv *args, const char *pw)
{
	if (!pw || !*pw)
		return false;
	for (size_t i = 0; i < args->n; i++)
		if (strcmp(args->v[i], pw) == 0 ||
		    (strlen(pw) >= REDACT_MIN && strstr(args->v[i], pw)))
			return true;
	return false;
}

struct vicm_run *vicmachine_start(const struct vicm_spec *spec)
{
	struct vicm_run *r;
	char **argv, **env, *secret;
	int log_fd;

	MEM_ASSERT(spec && spec->path && spec->args && spec->log_path);
	if (args_carry_password(spec->args, spec->password)) {
		err_set("refusing to run vic-machine: one of its arguments contains the password, "
			"which would be visible to every user in the process list");
		return NULL;
	}
	log_fd = open_log(spec->log_path);
	if (log_fd < 0)
		return NULL;

	r = xcalloc(1, sizeof *r);
	r->fd = -1;
	r->log_fd = log_fd;
	r->grace_ms = spec->grace_ms > 0 ? spec->grace_ms : VICMACHINE_DEFAULT_GRACE_MS;
	r->password = xstrdup(spec->password);
	r->subcommand = xstrdup(spec->args->n ? spec->args->v[0] : "");
	r->on_line = spec->on_line;
	r->ctx = spec->ctx;
	r->res.log_path = xstrdup(spec->log_path);
	log_header(r, spec);

	argv = xcalloc(spec->args->n + 2, sizeof *argv);
	argv[0] = (char *)(uintptr_t)spec->path;
	for (size_t i = 0; i < spec->args->n; i++)
		argv[i + 1] = spec->args->v[i];
	env = child_env(spec->password, &secret);
	int rc = spawn_child(spec->path, argv, env, &r->pid, &r->fd);
	mem_free_secret(secret);
	free(env);
	free(argv);
	if (rc != 0) {
		char *line = xasprintf("# not started: %s\n", san(err_msg()));
		log_write(r, line, strlen(line));
		free(line);
		close(r->log_fd);
		mem_free_secret(r->password);
		free(r->subcommand);
		vicmachine_result_free(&r->res);
		free(r);
		return NULL;
	}
	r->running = true;
	r->res.started = true;
	r->stop_hook = sig_hook_add(stop_group, r);
	return r;
}

/* The exit hook: a bug or out of memory here must not leave vic-machine (or what it
 * started) changing vSphere with nobody watching; PR_SET_PDEATHSIG reaches only the
 * child itself. */
static void stop_group(void *arg)
{
	struct vicm_run *r = arg;

	if (r->running)
		kill(-r->pid, SIGKILL);
}

static void send_next_signal(struct vicm_run *r)
{
	static const int order[] = {SIGINT, SIGTERM, SIGKILL};
	static const char *const names[] = {"SIGINT", "SIGTERM", "SIGKILL"};
	char *line;

	if (!r->running || r->escalation >= 3)
		return;
	kill(-r->pid, order[r->escalation]);
	line = xasprintf("# vchnet: sent %s to vic-machine (process group %ld)\n",
			 names[r->escalation], (long)r->pid);
	log_write(r, line, strlen(line));
	free(line);
	r->escalation++;
	r->next_signal_ms = now_ms() + r->grace_ms;
}

void vicmachine_cancel(struct vicm_run *r)
{
	if (r->cancelled)
		return;
	r->cancelled = true;
	send_next_signal(r);
}

static void reap(struct vicm_run *r)
{
	int st;
	pid_t w;

	do
		w = waitpid(r->pid, &st, WNOHANG);
	while (w < 0 && errno == EINTR);
	if (w == r->pid) {
		r->status = st;
		r->running = false;
		sig_hook_remove(r->stop_hook);
		r->stop_hook = 0;
		/* what it wrote before it ended is in the pipe already */
		drain(r);
		if (r->fd >= 0) {
			/* a leftover grandchild holds the pipe open: stop listening */
			close(r->fd);
			r->fd = -1;
		}
		take_lines(r, true);
	}
}

int vicmachine_pump(struct vicm_run *r, int timeout_ms)
{
	long long deadline = now_ms() + (timeout_ms > 0 ? timeout_ms : 0);

	for (;;) {
		long long now = now_ms();
		long long wait = deadline - now;

		if (!r->running)
			return 0;
		if (r->cancelled && r->escalation < 3) {
			if (now >= r->next_signal_ms)
				send_next_signal(r);
			if (r->next_signal_ms - now < wait)
				wait = r->next_signal_ms - now;
		}
		/* poll the pipe; once it is closed, wake up often to notice the exit */
		if (r->fd < 0 && wait > 50)
			wait = 50;
		if (wait < 0)
			wait = 0;
		struct pollfd pfd = {.fd = r->fd, .events = POLLIN};
		int n = poll(&pfd, r->fd >= 0 ? 1 : 0, (int)wait);
		if (n > 0)
			drain(r);
		reap(r);
		if (!r->running)
			return 0;
		if (now_ms() >= deadline)
			return 1;
	}
}

bool vicmachine_running(const struct vicm_run *r) { return r->running; }
pid_t vicmachine_pid(const struct vicm_run *r) { return r->pid; }
enum vicm_stage vicmachine_stage(const struct vicm_run *r) { return r->stage; }

int vicmachine_finish(struct vicm_run *r, struct vicm_result *out)
{
	struct vicm_result *res = &r->res;
	const char *name = r->subcommand;
	const char *stage;
	char *line;
	int rc = 0;

	while (vicmachine_pump(r, 200) > 0)
		;
	res->cancelled = r->cancelled;
	res->stage = r->stage;
	res->exited = WIFEXITED(r->status);
	res->exit_code = res->exited ? WEXITSTATUS(r->status) : -1;
	res->term_signal = WIFSIGNALED(r->status) ? WTERMSIG(r->status) : 0;
	res->success = res->exited && res->exit_code == 0 && !r->cancelled;
	stage = vicmachine_stage_name(r->stage);

	line = res->exited ? xasprintf("# vchnet: vic-machine exited with status %d\n",
				       res->exit_code)
			   : xasprintf("# vchnet: vic-machine was ended by signal %d\n",
				       res->term_signal);
	log_write(r, line, strlen(line));
	free(line);

	if (r->cancelled) {
		rc = err_set("vic-machine %s was cancelled while %s; its output is in %s", name,
			     stage, res->log_path);
	} else if (!res->success) {
		const char *last = res->errors.n ? res->errors.v[res->errors.n - 1]
			       : res->tail.n     ? res->tail.v[res->tail.n - 1]
						 : "(no output)";
		if (res->exited)
			rc = err_set("vic-machine %s failed (exit status %d) while %s: %s; its "
				     "output is in %s", name, res->exit_code, stage, last,
				     res->log_path);
		else
			rc = err_set("vic-machine %s was killed by signal %d while %s: %s; its "
				     "output is in %s", name, res->term_signal, stage, last,
				     res->log_path);
	}
	if (r->log_errno) {
		/* the run itself may have worked: say so rather than hide the lost log */
		res->log_warning = xasprintf("writing the log %s failed: %s; it is incomplete",
					     res->log_path, strerror(r->log_errno));
		if (rc != 0)
			err_prefix("writing the log %s failed (%s)", res->log_path,
				   strerror(r->log_errno));
	}
	if (r->log_fd >= 0)
		close(r->log_fd);
	if (r->fd >= 0)
		close(r->fd);
	*out = *res;
	sig_hook_remove(r->stop_hook);
	mem_free_secret(r->password);
	free(r->subcommand);
	free(r->buf);
	free(r);
	return rc;
}

int vicmachine_run(const struct vicm_spec *spec, int (*should_cancel)(void *ctx), void *ctx,
		   struct vicm_result *result)
{
	struct vicm_run *r;

	memset(result, 0, sizeof *result);
	r = vicmachine_start(spec);
	if (!r)
		return -1;
	while (vicmachine_pump(r, 100) > 0)
		if (should_cancel && !r->cancelled && should_cancel(ctx))
			vicmachine_cancel(r);
	return vicmachine_finish(r, result);
}

void vicmachine_result_free(struct vicm_result *r)
{
	free(r->docker_host);
	free(r->admin_portal);
	free(r->published_ports);
	free(r->docker_command);
	free(r->log_path);
	free(r->log_warning);
	strv_free(&r->errors);
	strv_free(&r->tail);
	memset(r, 0, sizeof *r);
}

/* ---- cleaning up ------------------------------------------------------------------- */

const char *vicmachine_arg_value(const struct strv *args, const char *opt)
{
	size_t n = strlen(opt);
	for (size_t i = 0; i < args->n; i++) {
		if (strcmp(args->v[i], opt) == 0)
			return i + 1 < args->n ? args->v[i + 1] : NULL;
		if (strncmp(args->v[i], opt, n) == 0 && args->v[i][n] == '=')
			return args->v[i] + n + 1;
	}
	return NULL;
}

void vicmachine_delete_args(const struct strv *create_args, struct strv *out)
{
	static const char *const keep[] = {"--target", "--user", "--thumbprint",
					   "--compute-resource", "--name"};
	strv_push(out, "delete");
	for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
		const char *v = vicmachine_arg_value(create_args, keep[i]);
		if (v) {
			strv_push(out, keep[i]);
			strv_push(out, v);
		}
	}
}

void vicmachine_leftovers(enum vicm_stage s, const char *name, const char *image_store,
			  struct strv *out)
{
	const char *n = name ? name : "(the VCH name)";

	if (s >= VICM_STAGE_DONE) {
		strv_push_owned(out, xasprintf("the complete VCH %s, which vic-machine reported as "
					       "installed", n));
		return;
	}
	if (s < VICM_STAGE_CREATING) {
		strv_push(out, "nothing in vSphere: vic-machine stopped before it created "
			       "anything there");
	} else {
		strv_push_owned(out, xasprintf("the virtual app or resource pool %s and the VCH "
					       "endpoint VM %s", n, n));
		strv_push_owned(out, xasprintf("the folder %s on datastore %s (VM files%s)", n,
					       image_store ? image_store : "(the image store)",
					       s >= VICM_STAGE_UPLOADING ? " and uploaded ISO images"
									 : ""));
		if (s >= VICM_STAGE_POWERING_ON)
			strv_push_owned(out, xasprintf("the VM %s may be powered on and registered "
						       "as a vSphere extension", n));
	}
	strv_push_owned(out, xasprintf("certificates vic-machine may have generated in the "
				       "local directory ./%s", n));
}

char *vicmachine_shell_quote(const char *s)
{
	static const char safe[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
				   "0123456789_@%+=:,./-";
	struct strv parts = {0};
	const char *p;
	char *body, *out;

	if (*s && strspn(s, safe) == strlen(s))
		return xstrdup(s);
	if (!san_is_clean(s)) /* the text is shown: no raw control in it */
		return san_shell_word(s);
	for (p = s;;) {
		const char *q = strchr(p, '\'');
		if (!q) {
			strv_push(&parts, p);
			break;
		}
		strv_push_owned(&parts, xstrndup(p, (size_t)(q - p)));
		p = q + 1;
	}
	body = strv_join(&parts, "'\\''");
	out = xasprintf("'%s'", body);
	free(body);
	strv_free(&parts);
	return out;
}
