/* vchnet check: judge a plan and print the findings, errors first.
 *
 * The offline phase (check_offline: the rules engine, no vCenter) always runs. The live
 * phase (pre-checks against vCenter: inventory, port group types, host membership,
 * firewall) belongs in check_live() here once the pre-check module lands; until then,
 * check without --offline says so. Findings are printed by findings_print(). */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "err.h"
#include "findings.h"
#include "plan.h"
#include "plan_yaml.h"
#include "rules.h"
#include "strv.h"

static void usage(FILE *out)
{
	fputs("Usage: vchnet check --offline PLAN\n"
	      "\n"
	      "Check a plan as vic-machine create would, and beyond: every finding names the\n"
	      "plan key (FILE:LINE:COL), quotes vic-machine's own message where it has one and\n"
	      "says how to fix it. Errors come first.\n"
	      "\n"
	      "Options:\n"
	      "  --offline   check without vCenter (the rules engine only); live checks\n"
	      "              against vCenter need a connection\n"
	      "  -h, --help  show this help\n"
	      "\n"
	      "Exit status: 0 no errors (warnings allowed), 1 errors found, 2 the plan cannot\n"
	      "be read or bad usage.\n",
	      out);
}

/* The offline phase: appends the rules engine's findings; returns the error count.
 * Missing target details are warnings here (the live phase and render need them). */
static int check_offline(const struct plan *p, struct findings *out)
{
	return rules_check(p, out);
}

int cmd_check(int argc, char **argv)
{
	static const struct option opts[] = {
		{"offline", no_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	bool offline = false;
	struct plan *p = NULL;
	struct strv errors = {0};
	struct findings f = {0};
	const char *path;
	int c, rc;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			offline = true;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		default:
			return cli_usage_error("check", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error("check", "check: which plan? give the plan file");
	if (optind + 1 < argc)
		return cli_usage_error("check", "check: one plan at a time ('%s' is extra)",
				       argv[optind + 1]);
	path = argv[optind];
	if (!offline) {
		fprintf(stderr,
			"vchnet: live checks need a connection to vCenter and are not available in this build yet;\n"
			"run 'vchnet check --offline %s' for the offline checks\n",
			path);
		return EXIT_USAGE;
	}
	if (plan_yaml_load(path, &p, &errors) < 0) {
		for (size_t i = 0; i < errors.n; i++)
			fprintf(stderr, "%s\n", errors.v[i]);
		if (errors.n == 0)
			fprintf(stderr, "vchnet: %s\n", err_msg());
		strv_free(&errors);
		return EXIT_USAGE;
	}
	strv_free(&errors);

	check_offline(p, &f);
	findings_sort(&f);
	if (f.n == 0)
		printf("%s: no problems found (offline checks)\n", path);
	else
		findings_print(stdout, &f, p, path, true);
	rc = findings_count(&f, FINDING_ERROR) ? EXIT_PROBLEMS : EXIT_OK;
	findings_free(&f);
	plan_free(p);
	return rc;
}
