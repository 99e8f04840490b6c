/* vchnet check: judge a plan and print the findings, errors first.
 *
 * The offline phase (check_offline: the rules engine, no vCenter) always runs. The live
 * phase (check_live: pre-checks against the inventory, live or a --inventory snapshot:
 * port groups, types, host membership, firewall; src/checks/precheck.h) runs unless --offline.
 * Findings of both go to one list, printed by findings_print(). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "conn.h"
#include "err.h"
#include "findings.h"
#include "firewall.h"
#include "plan.h"
#include "inv.h"
#include "mem.h"
#include "plan_yaml.h"
#include "login.h"
#include "precheck.h"
#include "rules.h"
#include "sanitize.h"
#include "strv.h"

/* The offline phase: appends the rules engine's findings; returns the error count.
 * Missing target details are warnings here (the live phase and render need them). */
static int check_offline(const struct plan *p, struct findings *out)
{
	return rules_check(p, out);
}

/* The live phase: the inventory (live or the --inventory snapshot), then the pre-checks
 * and the firewall check. Returns EXIT_OK, or an exit code after printing why. */
static int check_live(const struct plan *p, const struct conn_opts *opts, struct findings *out)
{
	struct conn c;
	struct conn_plan_target pt = {p->target.url, p->target.username, p->target.thumbprint};
	if (conn_resolve(&c, opts, &pt, 0) < 0)
		return cli_usage_error("check", "%s", err_msg());
	int code = EXIT_OK;
	struct inv *inv = login_open(&c, INV_SCOPE_ALL, NULL, NULL, &code);
	conn_free(&c);
	if (!inv) {
		fprintf(stderr, "vchnet: %s\n", san(err_msg()));
		return code;
	}
	struct fw_report fw;
	precheck_live(inv, p, out, &fw);
	if (fw.compute) {
		/* which hosts the firewall findings are about */
		char *scope = firewall_scope_text(&fw);
		printf("firewall: %s\n", san(scope));
		free(scope);
	}
	firewall_report_free(&fw);
	login_done(inv);
	return EXIT_OK;
}

/* An offline "target.X is missing" warning next to the live check's error on the same
 * key says the same thing twice: only the error stays. */
static void drop_superseded(struct findings *f)
{
	bool *drop = xcalloc(f->n + 1, sizeof *drop);
	size_t o = 0;

	for (size_t i = 0; i < f->n; i++) {
		const struct finding *w = &f->v[i];
		if (w->severity != FINDING_WARNING || strcmp(w->code, "target-missing") != 0 || !w->path)
			continue;
		for (size_t k = 0; k < f->n && !drop[i]; k++)
			drop[i] = f->v[k].severity == FINDING_ERROR && f->v[k].path &&
				  strcmp(f->v[k].path, w->path) == 0;
	}
	for (size_t i = 0; i < f->n; i++) {
		if (drop[i]) {
			free(f->v[i].code);
			free(f->v[i].path);
			free(f->v[i].message);
			free(f->v[i].hint);
			continue;
		}
		f->v[o++] = f->v[i];
	}
	f->n = o;
	free(drop);
}

static int check_exec(const struct cli_args *a)
{
	const struct conn_opts *copts = &a->conn;
	bool offline = cli_flag(a, "offline");
	struct plan *p = NULL;
	struct findings f = {0};
	const char *path = a->plan;
	int rc;

	p = plan_yaml_load_print(path, stderr);
	if (!p)
		return EXIT_USAGE;

	check_offline(p, &f);
	if (!offline) {
		rc = check_live(p, copts, &f);
		if (rc != EXIT_OK) {
			findings_free(&f);
			plan_free(p);
			return rc;
		}
		drop_superseded(&f);
	}
	findings_sort_file(&f, p);
	if (f.n == 0)
		printf("%s: no problems found (%s checks)\n", san(path), offline ? "offline" : "live");
	else
		findings_print(stdout, &f, p, path, true);
	rc = findings_count(&f, FINDING_ERROR) ? EXIT_PROBLEMS : EXIT_OK;
	findings_free(&f);
	plan_free(p);
	return rc;
}

static const struct cli_opt options[] = {
	{.name = "offline", .arg = CLI_FLAG,
	 .help = "check without vCenter (the rules engine only); without it the plan is also checked "
	 "against the inventory: port groups, their types and hosts, the target objects and "
	 "the host firewalls"},
	{0},
};

const struct cli_cmd cmd_check_entry = {
	.name = "check",
	.summary = "check a plan (--offline: without vCenter)",
	.usage = "[--offline] [CONNECTION OPTIONS] PLAN",
	.about = "Check a plan as vic-machine create would, and beyond: every finding names the\n"
		 "plan key (FILE:LINE:COL), quotes vic-machine's own message where it has one and\n"
		 "says how to fix it. Errors come first.\n",
	.opts = options,
	.epilog = "\n"
		  "Exit status: 0 no errors (warnings allowed), 1 errors found, 2 the plan cannot\n"
		  "be read or bad usage, 3 connection or login failure, 60 untrusted certificate.\n",
	.needs = CLI_NEEDS_PLAN | CLI_NEEDS_CONN,
	.exec = check_exec,
};
