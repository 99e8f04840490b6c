/* vchnet deploy: remediation through the vSphere API, then vic-machine create, with the
 * steps and vic-machine's output printed as they happen (the pipeline is deploy.c). */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "conn.h"
#include "deploy.h"
#include "err.h"
#include "mem.h"
#include "plan.h"
#include "plan_yaml.h"
#include "login.h"
#include "sanitize.h"
#include "sig.h"
#include "vsphere.h"

/* ---- the terminal ------------------------------------------------------------------ */

/* Asks on /dev/tty: 1 yes, 0 no, -1 no terminal (err_set). An interrupted read (a
 * second Ctrl-C) answers on_interrupt. */
static int tty_ask(const char *question, int on_interrupt)
{
	char buf[64];
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	ssize_t n;
	char *prompt;

	if (fd < 0)
		return err_set("no terminal to ask \"%s\" on (%s); run with --yes to answer yes",
			       question, strerror(errno));
	prompt = xasprintf("%s [y/N] ", san(question));
	if (write(fd, prompt, strlen(prompt)) < 0) {
		/* the question did not show: do not take silence for an answer */
		free(prompt);
		close(fd);
		return err_set("cannot write to the terminal: %s", strerror(errno));
	}
	free(prompt);
	n = read(fd, buf, sizeof buf - 1);
	if (n < 0 && errno == EINTR) {
		if (write(fd, "\n", 1) < 0)
			n = -1;
		close(fd);
		return on_interrupt;
	}
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	return buf[0] == 'y' || buf[0] == 'Y';
}

struct cli_ui {
	int last_percent;
	enum vicm_stage stage;
	bool stage_shown;
};

static void ui_step(void *ctx, enum deploy_step s, const char *title)
{
	(void)ctx;
	printf("\n[%d/%d] %s\n", (int)s + 1, (int)DEPLOY_STEP_COUNT, san(title));
	fflush(stdout);
}

static void ui_note(void *ctx, enum deploy_note kind, const char *text)
{
	(void)ctx;
	switch (kind) {
	/* notes quote names from the plan, the inventory and vic-machine */
	case DEPLOY_NOTE_INFO: printf("    %s\n", san(text)); break;
	case DEPLOY_NOTE_WARN: printf("    warning: %s\n", san(text)); break;
	case DEPLOY_NOTE_ERROR: printf("    error: %s\n", san(text)); break;
	case DEPLOY_NOTE_ACTION: printf("    -> %s\n", san(text)); break;
	case DEPLOY_NOTE_COMMAND:
		/* lines we composed (the names in them are escaped already) */
		for (const char *p = text; *p;) {
			size_t n = strcspn(p, "\n");
			char *line = san_ndup(p, n, SAN_DISPLAY);
			printf("    %s\n", line);
			free(line);
			p += n;
			if (*p)
				p++;
		}
		break;
	}
	fflush(stdout);
}

static int ui_confirm(void *ctx, const char *question)
{
	(void)ctx;
	fflush(stdout);
	return tty_ask(question, 0);
}

static void ui_vic_line(void *ctx, const char *line, enum vicm_stage stage)
{
	struct cli_ui *u = ctx;
	if (!u->stage_shown || stage != u->stage) {
		printf("  == %s\n", vicmachine_stage_name(stage));
		u->stage = stage;
		u->stage_shown = true;
	}
	printf("  %s\n", san(line));
	fflush(stdout);
}

static bool ui_should_cancel(void *ctx)
{
	(void)ctx;
	/* Ctrl-C asks before stopping vic-machine; SIGTERM and SIGHUP stop without asking */
	if (sig_pending(SIGTERM) || sig_pending(SIGHUP))
		return true;
	if (!sig_take(SIGINT))
		return false;
	fflush(stdout);
	int r = tty_ask("Stop now? What was created so far stays behind (you will be told "
			"how to remove it)", 1);
	/* without a terminal to ask on, Ctrl-C (or kill -INT) means stop */
	return r != 0;
}

static void ui_progress(void *ctx, int percent)
{
	struct cli_ui *u = ctx;
	if (percent != u->last_percent) {
		printf("    task progress: %d%%\n", percent);
		fflush(stdout);
		u->last_percent = percent;
	}
}

/* ---- the result ------------------------------------------------------------------- */

static void print_list(const char *title, const struct strv *l)
{
	if (!l->n)
		return;
	printf("  %s\n", title);
	for (size_t i = 0; i < l->n; i++)
		printf("    - %s\n", san(l->v[i]));
}

static void print_result(const struct deploy_report *r, const struct plan *p, bool dry_run,
			 const char *error)
{
	printf("\n");
	if (dry_run) {
		if (error && r->failed_step < DEPLOY_STEP_COUNT)
			printf("Dry run: nothing was changed. A deploy would fail at: %s (see "
			       "below).%s\n", deploy_step_title(r->failed_step),
			       r->planned.n ? " Besides, it would:" : "");
		else
			printf("Dry run: nothing was changed.%s\n",
			       r->planned.n ? " A deploy would:" : "");
		for (size_t i = 0; i < r->planned.n; i++)
			printf("    - %s\n", san(r->planned.v[i]));
	} else if (r->success) {
		printf("The VCH %s is deployed.\n", san(p->name));
		if (r->vic.docker_host)
			printf("  Docker endpoint: %s\n", san(r->vic.docker_host));
		if (r->vic.admin_portal)
			printf("  Admin portal:    %s\n", san(r->vic.admin_portal));
		if (r->vic.published_ports)
			printf("  Published ports: %s\n", san(r->vic.published_ports));
		if (r->next_command)
			printf("  Try:             %s\n", san(r->next_command));
		print_list("Changes made before vic-machine ran:", &r->applied);
		printf("  Log:             %s\n", san(r->log_path));
	} else {
		printf("Deploy of %s %s%s%s.\n", p->name ? san(p->name) : "the plan",
		       r->vic_started && r->vic.cancelled ? "stopped" : "failed",
		       r->failed_step < DEPLOY_STEP_COUNT ? " at: " : "",
		       r->failed_step < DEPLOY_STEP_COUNT ? deploy_step_title(r->failed_step) : "");
		if (r->vic_started && r->vic.errors.n)
			print_list("vic-machine's last errors:", &r->vic.errors);
		else if (r->vic_started && r->vic.tail.n)
			print_list("vic-machine's last lines:", &r->vic.tail);
		print_list("Changes already made in this run (kept):", &r->applied);
		if (!r->applied.n)
			printf("  No changes were made by vchnet before this step.\n");
		print_list("What vic-machine may have left behind:", &r->leftovers);
		if (r->delete_command)
			printf("  To remove it (vic-machine asks for the password, or reads "
			       "VIC_MACHINE_PASSWORD):\n    %s\n", san(r->delete_command));
		if (r->log_path && r->vic_started)
			printf("  Log: %s\n", san(r->log_path));
	}
	fflush(stdout);
	if (error)
		fprintf(stderr, "vchnet: deploy: %s\n", san(error));
}

/* ---- the command ------------------------------------------------------------------- */

static int deploy_exec(const struct cli_args *a)
{
	struct deploy_req req = {0};
	struct cli_ui cu = {.last_percent = -1};
	struct deploy_ui ui = {
		.ctx = &cu,
		.step = ui_step,
		.note = ui_note,
		.confirm = ui_confirm,
		.vic_line = ui_vic_line,
		.should_cancel = ui_should_cancel,
		.progress = ui_progress,
	};
	struct plan *plan = NULL;
	struct deploy *d;
	struct conn c;
	struct vsphere *vs;
	char *dir, *error = NULL;
	int code = EXIT_PROBLEMS;

	req.assume_yes = cli_flag(a, "yes");
	req.dry_run = cli_flag(a, "dry-run");
	req.vic_machine = cli_value(a, "vic-machine");
	req.log_path = cli_value(a, "log");
	plan = plan_yaml_load_print(a->plan, stderr);
	if (!plan)
		return EXIT_USAGE;
	dir = xstrdup(a->plan);
	req.plan = plan;
	req.plan_dir = dirname(dir);
	if (getenv("VCHNET_DEPLOY_GRACE_MS"))
		req.grace_ms = atoi(getenv("VCHNET_DEPLOY_GRACE_MS"));

	printf("Deploying %s from %s%s\n", plan->name ? san(plan->name) : "(unnamed plan)",
	       san(a->plan), req.dry_run ? " (dry run: nothing will be changed)" : "");
	d = deploy_new(&req, &ui);
	if (deploy_prepare(d) != 0) {
		error = xstrdup(deploy_report(d)->error ? deploy_report(d)->error : err_msg());
		goto done;
	}

	const struct conn_plan_target pt = {plan->target.url, plan->target.username,
					    plan->target.thumbprint};
	if (conn_resolve(&c, &a->conn, &pt, isatty(0) ? CONN_INTERACTIVE : 0) < 0) {
		fprintf(stderr, "vchnet: deploy: %s\n", san(err_msg()));
		code = EXIT_USAGE;
		goto out;
	}
	vs = login_session(&c, NULL, NULL, &code);
	if (!vs) {
		fprintf(stderr, "vchnet: deploy: %s\n", san(err_msg()));
		conn_free(&c);
		goto out;
	}

	sig_catch(); /* a Ctrl-C interrupts a prompt too */
	if (deploy_execute(d, vs, c.username, c.password) != 0)
		error = xstrdup(deploy_report(d)->error ? deploy_report(d)->error : err_msg());
	sig_release();
	vsphere_free(vs);
	conn_free(&c);
done:
	print_result(deploy_report(d), plan, req.dry_run, error);
	code = deploy_report(d)->exit_code;
out:
	free(error);
	deploy_free(d);
	free(dir);
	plan_free(plan);
	return code;
}

static const struct cli_opt options[] = {
	{.name = "yes", .short_name = 'y', .arg = CLI_FLAG,
	 .help = "answer yes to every confirmation (warnings too)"},
	{.name = "dry-run", .short_name = 'n', .arg = CLI_FLAG,
	 .help = "show every step and the command; change nothing"},
	{.name = "vic-machine", .arg = CLI_VALUE, .metavar = "PATH",
	 .help = "the vic-machine binary (else $VCHNET_VIC_MACHINE, the plan's vic.machine, "
		 "vic-machine-linux on PATH)"},
	{.name = "log", .arg = CLI_VALUE, .metavar = "FILE",
	 .help = "vic-machine's output (default: a new file under $XDG_STATE_HOME/vchnet, "
		 "created 0600)"},
	{0},
};

const struct cli_cmd cmd_deploy_entry = {
	.name = "deploy",
	.summary = "deploy a plan: remediation, then vic-machine create",
	.usage = "PLAN [--yes] [--dry-run] [--vic-machine PATH] [--log FILE]\n[CONNECTION OPTIONS]",
	.about = "Deploys a plan: checks it, creates the bridge port group when the plan asks for\n"
		 "it (networks.bridge.create), then runs vic-machine create with the arguments\n"
		 "'vchnet render' prints. Every change is shown and confirmed first; the password\n"
		 "reaches vic-machine only in its environment (VIC_MACHINE_PASSWORD).\n"
		 "Ctrl-C while vic-machine runs asks, then stops it and says what to clean up.\n",
	.opts = options,
	.epilog = "\n"
		  "Exit status: 0 deployed (or a clean dry run), 1 failed or stopped, 2 usage or\n"
		  "unreadable plan, 3 connection or login failure, 60 untrusted certificate.\n",
	.needs = CLI_NEEDS_PLAN | CLI_NEEDS_CONN | CLI_NEEDS_VCENTER,
	.exec = deploy_exec,
};
