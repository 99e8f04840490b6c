/* vchnet firewall: the per-host 2377/tcp firewall table of a plan, and --fix. */
#include <getopt.h>
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

static void usage(FILE *out)
{
	fputs("Usage: vchnet firewall PLAN [--fix [--yes] [--allow-all-ips]]\n"
	      "                       [CONNECTION OPTIONS]\n"
	      "\n"
	      "Checks, host by host, that the ESXi firewall lets dst 2377/tcp outbound through\n"
	      "to the VCH management IP (the hosts of the plan's compute resource that mount\n"
	      "the image datastore, as vic-machine does). Verdicts: OK, BLOCKED, RESTRICTED\n"
	      "(the IP is outside the allowed IPs), UNVERIFIABLE (DHCP and an allowed-IP\n"
	      "list), DISABLED (firewall off), UNKNOWN (no firewall information).\n"
	      "\n"
	      "      --fix            open the hosts that need it: enable the ruleset\n"
	      "                       vic-engine (outbound 2377/tcp), or vSPC (all outbound\n"
	      "                       tcp) where vic-engine does not exist; shows the changes\n"
	      "                       and asks first\n"
	      "  -y, --yes            do not ask (for scripts)\n"
	      "      --allow-all-ips  also open hosts whose rulesets allow only some IPs\n"
	      "                       (RESTRICTED, UNVERIFIABLE) to every IP\n"
	      "  -h, --help           this help\n"
	      "\n" CONN_OPTIONS_HELP
	      "      (--inventory works for the check, not for --fix)\n"
	      "\n"
	      "Exit status: 0 no host BLOCKED or RESTRICTED (after --fix: and every change\n"
	      "applied), 1 some are (or a change failed), 2 usage or unreadable plan, 3\n"
	      "connection or login failure, 60 untrusted certificate.\n",
	      out);
}

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

int cmd_firewall(int argc, char **argv)
{
	static const struct option longopts[] = {
		CONN_LONG_OPTIONS,
		{"fix", no_argument, NULL, 'f'},
		{"yes", no_argument, NULL, 'y'},
		{"allow-all-ips", no_argument, NULL, 'A'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct conn_opts opts = {0};
	bool fix = false, yes = false, allow_all = false;
	int ch;

	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":hy" CONN_SHORT_OPTIONS, longopts, NULL)) != -1) {
		switch (ch) {
		case 'f': fix = true; break;
		case 'y': yes = true; break;
		case 'A': allow_all = true; break;
		case 'h':
			usage(stdout);
			conn_opts_free(&opts);
			return EXIT_OK;
		default:
			if (cli_conn_option(&opts, "firewall", ch, optarg, argv[optind - 1]) == 0)
				break;
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		conn_opts_free(&opts);
		return cli_usage_error("firewall", "firewall: which plan? give the plan file");
	}
	if (optind + 1 < argc) {
		conn_opts_free(&opts);
		return cli_usage_error("firewall", "firewall: one plan at a time ('%s' is extra)",
				       argv[optind + 1]);
	}
	if (!fix && (yes || allow_all)) {
		conn_opts_free(&opts);
		return cli_usage_error("firewall", "--yes and --allow-all-ips go with --fix");
	}
	if (fix && opts.inventory) {
		conn_opts_free(&opts);
		return cli_usage_error("firewall", "--fix changes the hosts and needs vCenter; "
				       "--inventory (a snapshot) is only for the check");
	}
	const char *path = argv[optind];

	struct plan *p = plan_yaml_load_print(path, stderr);
	if (!p) {
		conn_opts_free(&opts);
		return EXIT_USAGE;
	}

	struct conn c;
	struct conn_plan_target pt = {p->target.url, p->target.username, p->target.thumbprint};
	if (conn_resolve(&c, &opts, &pt, 0) < 0) {
		conn_opts_free(&opts);
		plan_free(p);
		return cli_usage_error("firewall", "%s", err_msg());
	}
	conn_opts_free(&opts);

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
