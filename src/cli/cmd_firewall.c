/* vchnet firewall: the per-host 2377/tcp firewall table of a plan, and --fix. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "conn.h"
#include "err.h"
#include "firewall.h"
#include "inv.h"
#include "plan.h"
#include "plan_yaml.h"
#include "login.h"
#include "sanitize.h"
#include "strv.h"
#include "vsphere.h"

/* Asks on the terminal; false (and says why) when there is none. */
static bool confirm(size_t n)
{
	if (!isatty(STDIN_FILENO)) {
		fprintf(stderr,
			"vchnet: not changing any host firewall: there is no terminal to ask for "
			"confirmation on; rerun with --yes to apply the %zu change%s shown above\n",
			n, n == 1 ? "" : "s");
		return false;
	}
	char *ans = NULL;
	if (conn_tty_read("Apply these changes? [y/N] ", true, &ans) < 0) {
		fprintf(stderr, "vchnet: %s; nothing changed\n", san(err_msg()));
		return false;
	}
	bool yes = ans && (strcasecmp(ans, "y") == 0 || strcasecmp(ans, "yes") == 0);
	free(ans);
	if (!yes)
		fputs("vchnet: nothing changed\n", stderr);
	return yes;
}

static int firewall_exec(const struct cli_args *a)
{
	bool fix = cli_flag(a, "fix"), yes = cli_flag(a, "yes");
	bool allow_all = cli_flag(a, "allow-all-ips");
	const char *path = a->plan;

	if (!fix && (yes || allow_all))
		return cli_usage_error("firewall", "--yes and --allow-all-ips go with --fix");
	if (fix && a->conn.inventory)
		return cli_usage_error("firewall", "--fix changes the hosts and needs vCenter; "
				       "--inventory (a snapshot) is only for the check");

	struct plan *p = plan_yaml_load_print(path, stderr);
	if (!p)
		return EXIT_USAGE;

	struct conn c;
	struct conn_plan_target pt = {p->target.url, p->target.username, p->target.thumbprint};
	if (conn_resolve(&c, &a->conn, &pt, 0) < 0) {
		plan_free(p);
		return cli_usage_error("firewall", "%s", err_msg());
	}

	int code = EXIT_OK;
	struct vsphere *vs = NULL;
	struct inv *inv = login_open(&c, INV_SCOPE_HOSTS, fix ? &vs : NULL, NULL, &code);
	if (!inv) {
		fprintf(stderr, "vchnet: %s\n", san(err_msg()));
		conn_free(&c);
		plan_free(p);
		return code;
	}

	struct fw_report r;
	if (firewall_check(inv, p, &r) < 0) {
		fprintf(stderr, "vchnet: %s\n", san(err_msg()));
		code = EXIT_PROBLEMS;
		goto out;
	}
	firewall_print(stdout, &r);

	if (fix) {
		size_t n = firewall_plan_fix(&r, allow_all);
		bool others = false;
		for (size_t i = 0; i < r.n_hosts; i++)
			others = others || r.hosts[i].fix_action == FW_FIX_NEEDS_ALLOW ||
				 r.hosts[i].fix_action == FW_FIX_CANNOT;
		if (n == 0) {
			printf("\nNothing to change.\n");
			if (others)
				firewall_print_plan(stdout, &r);
		} else {
			printf("\n### WARNING ### --fix changes the firewall of %zu host%s:\n", n,
			       n == 1 ? "" : "s");
			firewall_print_plan(stdout, &r);
			fflush(stdout);
			if (!yes && !confirm(n)) {
				code = EXIT_USAGE;
				goto out;
			}
			int failed = firewall_fix(vs, p, &inv, &r);
			if (failed < 0) {
				fprintf(stderr, "vchnet: %s\n", san(err_msg()));
				code = EXIT_PROBLEMS;
				goto out;
			}
			printf("\nChanged (checked again afterwards):\n");
			firewall_print_fix(stdout, &r);
			printf("\n");
			firewall_print(stdout, &r);
			if (failed > 0)
				code = EXIT_PROBLEMS;
		}
	}
	if (firewall_blocking(&r))
		code = EXIT_PROBLEMS;
out:
	if (fflush(stdout) != 0)
		code = EXIT_PROBLEMS;
	firewall_report_free(&r);
	inv_free(inv);
	vsphere_free(vs);
	conn_free(&c);
	plan_free(p);
	return code;
}

static const struct cli_opt options[] = {
	{.name = "fix", .arg = CLI_FLAG,
	 .help = "open the hosts that need it: enable the ruleset vic-engine (outbound "
		 "2377/tcp), or vSPC (all outbound tcp) where vic-engine does not exist; shows "
		 "the changes and asks first"},
	{.name = "yes", .short_name = 'y', .arg = CLI_FLAG,
	 .help = "do not ask (for scripts)"},
	{.name = "allow-all-ips", .arg = CLI_FLAG,
	 .help = "also open hosts whose rulesets allow only some IPs (RESTRICTED, "
		 "UNVERIFIABLE) to every IP"},
	{0},
};

const struct cli_cmd cmd_firewall_entry = {
	.name = "firewall",
	.summary = "check (and --fix) the ESXi firewalls for a plan",
	.usage = "PLAN [--fix [--yes] [--allow-all-ips]]\n[CONNECTION OPTIONS]",
	.about = "Checks, host by host, that the ESXi firewall lets dst 2377/tcp outbound through\n"
		 "to the VCH management IP (the hosts of the plan's compute resource that mount\n"
		 "the image datastore, as vic-machine does). Verdicts: OK, BLOCKED, RESTRICTED\n"
		 "(the IP is outside the allowed IPs), UNVERIFIABLE (DHCP and an allowed-IP\n"
		 "list), DISABLED (firewall off), UNKNOWN (no firewall information).\n",
	.opts = options,
	.epilog = "      (--inventory works for the check, not for --fix)\n"
		  "\n"
		  "Exit status: 0 no host BLOCKED or RESTRICTED (after --fix: and every change\n"
		  "applied), 1 some are (or a change failed), 2 usage or unreadable plan, 3\n"
		  "connection or login failure, 60 untrusted certificate.\n",
	.needs = CLI_NEEDS_PLAN | CLI_NEEDS_CONN,
	.exec = firewall_exec,
};
