/* vchnet: the entry point and the table of commands (their descriptors: cli.h). */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "err.h"
#include "sanitize.h"

/* In the order "vchnet --help" lists them. */
static const struct cli_cmd *const commands[] = {
	&cmd_wizard_entry, &cmd_inventory_entry, &cmd_check_entry, &cmd_layout_entry,
	&cmd_firewall_entry, &cmd_render_entry, &cmd_report_entry, &cmd_deploy_entry,
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *out)
{
	fputs("Usage: vchnet [--help] [--version] [COMMAND [OPTIONS] [ARGS]]\n"
	      "\n"
	      "Plan and deploy the networking of a vSphere Integrated Containers\n"
	      "Virtual Container Host. Without a command, the wizard opens.\n"
	      "\n"
	      "Commands:\n",
	      out);
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(out, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
	fputs("\n"
	      "Run 'vchnet COMMAND --help' for the options of a command, and see vchnet(1)\n"
	      "and vchnet-plan(5).\n"
	      "Exit status: 0 success, 1 problems found or the command failed, 2 usage or\n"
	      "unreadable input, 3 connection or login failure, 60 untrusted certificate.\n",
	      out);
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
		for (int i = 2; i < argc; i++) {
			const struct cli_cmd *c = cli_find(commands, N_COMMANDS, argv[i]);
			if (c && c != &cmd_wizard_entry)
				return cli_usage_error(c->name, "options go after the command: "
							"vchnet %s [OPTIONS] ...", c->name);
		}
		/* no command, or wizard options first (vchnet --ascii): the wizard */
		if (argc >= 2 && (strcmp(argv[1], "-h") == 0)) {
			usage(stdout);
			return EXIT_OK;
		}
		static char wizard_name[] = "wizard";
		argv[0] = wizard_name;
		return cli_run(&cmd_wizard_entry, argc, argv);
	}
	const struct cli_cmd *cmd = cli_find(commands, N_COMMANDS, argv[1]);
	if (cmd)
		return cli_run(cmd, argc - 1, argv + 1);
	fprintf(stderr, "vchnet: unknown command '%s'\n", san(argv[1]));
	const char *near = cli_closest(commands, N_COMMANDS, argv[1]);
	if (near) {
		/* a typo: the suggestion, not the whole usage, so it is not scrolled away */
		fprintf(stderr, "Did you mean 'vchnet %s'? Run 'vchnet --help' for every command.\n",
			near);
		return EXIT_USAGE;
	}
	usage(stderr);
	return EXIT_USAGE;
}
