/* vchnet: entry point and subcommand table. */
#include <ctype.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "err.h"
#include "sanitize.h"

struct subcommand {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

static const struct subcommand subcommands[] = {
	{"wizard", cmd_wizard, "open the interactive wizard (the default)"},
	{"inventory", cmd_inventory, "show the networks, hosts and datastores of a vCenter"},
	{"check", cmd_check, "check a plan (--offline: without vCenter)"},
	{"layout", cmd_layout, "draw the network layout of a plan (text or SVG)"},
	{"firewall", cmd_firewall, "check (and --fix) the ESXi firewalls for a plan"},
	{"render", cmd_render, "print the vic-machine create command of a plan"},
	{"report", cmd_report, "write a plan's review report (one HTML file)"},
	{"deploy", cmd_deploy, "deploy a plan: remediation, then vic-machine create"},
};

static void usage(FILE *out)
{
	fputs("Usage: vchnet [--help] [--version] [COMMAND [OPTIONS] [ARGS]]\n"
	      "\n"
	      "Plan and deploy the networking of a vSphere Integrated Containers\n"
	      "Virtual Container Host. Without a command, the wizard opens.\n"
	      "\n"
	      "Commands:\n",
	      out);
	for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
		fprintf(out, "  %-10s %s\n", subcommands[i].name, subcommands[i].summary);
	fputs("\n"
	      "Run 'vchnet COMMAND --help' for the options of a command, and see vchnet(1)\n"
	      "and vchnet-plan(5).\n"
	      "Exit status: 0 success, 1 problems found or the command failed, 2 usage or\n"
	      "unreadable input, 3 connection or login failure, 60 untrusted certificate.\n",
	      out);
}

/* Edit distance (insertions, deletions, substitutions, and swapping two neighbours
 * counts one), case-insensitive; capped at 9 for long words. */
static int distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	int d[24][24];

	if (la > 22 || lb > 22)
		return 9;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = (int)i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			int cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
			int v = d[i - 1][j - 1] + cost;
			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[la][lb];
}

/* The command a mistyped word most likely meant (at most two edits, and fewer than
 * half its letters), or NULL. */
static const char *closest_command(const char *word)
{
	const char *best = NULL;
	int best_d = 3;

	for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++) {
		int dd = distance(word, subcommands[i].name);
		if (dd < best_d && (size_t)dd * 2 < strlen(subcommands[i].name)) {
			best_d = dd;
			best = subcommands[i].name;
		}
	}
	return best;
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");

	if (argc < 2 || argv[1][0] == '-') {
		if (argc >= 2 && strcmp(argv[1], "--help") == 0) {
			usage(stdout);
			return EXIT_OK;
		}
		if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
			printf("vchnet %s\n", PACKAGE_VERSION);
			return EXIT_OK;
		}
		/* Options come after the command word; "vchnet --log F check PLAN" would
		 * otherwise reach the wizard as two plan files. */
		for (int i = 2; i < argc; i++)
			for (size_t k = 1; k < sizeof subcommands / sizeof subcommands[0]; k++)
				if (strcmp(argv[i], subcommands[k].name) == 0)
					return cli_usage_error(subcommands[k].name,
							       "options go after the command: "
							       "vchnet %s [OPTIONS] ...",
							       subcommands[k].name);
		/* no command, or wizard options first (vchnet --ascii): the wizard */
		if (argc >= 2 && (strcmp(argv[1], "-h") == 0)) {
			usage(stdout);
			return EXIT_OK;
		}
		static char wizard_name[] = "wizard";
		argv[0] = wizard_name;
		return cmd_wizard(argc, argv);
	}
	for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
		if (strcmp(argv[1], subcommands[i].name) == 0)
			return subcommands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "vchnet: unknown command '%s'\n", san(argv[1]));
	const char *near = closest_command(argv[1]);
	if (near) {
		/* a typo: the suggestion, not the whole usage, so it is not scrolled away */
		fprintf(stderr, "Did you mean 'vchnet %s'? Run 'vchnet --help' for every command.\n",
			near);
		return EXIT_USAGE;
	}
	usage(stderr);
	return EXIT_USAGE;
}
