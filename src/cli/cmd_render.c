/* vchnet render: print the vic-machine create command of a plan. The command goes to
 * stdout (ready to paste); findings go to stderr. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "err.h"
#include "findings.h"
#include "plan.h"
#include "plan_yaml.h"
#include "render.h"
#include "rules.h"
#include "sanitize.h"
#include "strv.h"

static int render_exec(const struct cli_args *a)
{
	struct plan *p = NULL;
	struct findings f = {0};
	const char *path = a->plan, *output = cli_value(a, "output");
	char *cmd;
	int rc = EXIT_OK;

	p = plan_yaml_load_print(path, stderr);
	if (!p)
		return EXIT_USAGE;

	rules_check_ex(p, &f, RULES_TARGET_REQUIRED);
	findings_sort_file(&f, p);
	findings_print(stderr, &f, p, path, false);
	if (findings_count(&f, FINDING_ERROR)) {
		fprintf(stderr, "vchnet: not rendering %s: fix the errors above first\n", san(path));
		rc = EXIT_PROBLEMS;
	} else if (output) {
		if (render_write_script(p, path, output) < 0) {
			fprintf(stderr, "vchnet: %s\n", san(err_msg()));
			rc = EXIT_USAGE;
		} else {
			printf("vchnet: wrote %s (mode 0700). Export VIC_MACHINE_PASSWORD and run it,\n"
			       "or run it as is and vic-machine asks for the password.\n", san(output));
		}
	} else if (!(cmd = render_command(p))) {
		fprintf(stderr, "vchnet: %s\n", san(err_msg()));
		rc = EXIT_PROBLEMS;
	} else {
		fputs(cmd, stdout);
		free(cmd);
	}
	findings_free(&f);
	plan_free(p);
	return rc;
}

static const struct cli_opt options[] = {
	{.name = "output", .short_name = 'o', .arg = CLI_VALUE, .metavar = "FILE.sh",
	 .help = "write the command as a script instead (mode 0700, #!/bin/sh, set -e); it "
		 "reads the password from VIC_MACHINE_PASSWORD as 'vchnet deploy' passes it"},
	{0},
};

const struct cli_cmd cmd_render_entry = {
	.name = "render",
	.summary = "print the vic-machine create command of a plan",
	.usage = "[--output FILE.sh] PLAN",
	.about = "Print the vic-machine create command the plan stands for, one option per line,\n"
		 "shell-quoted and ready to paste. It never holds a password (vic-machine asks\n"
		 "for it) and never --force. The thumbprint is written in vic-machine's form\n"
		 "(upper case, colons). --bridge-network-range and --bridge-network-width appear\n"
		 "only when the plan sets them (vic-machine's defaults are the same).\n"
		 "A plan with errors is not rendered: the findings go to stderr (see\n"
		 "'vchnet check --offline'); here the target details are required.\n"
		 "\n"
		 "The TLS flags follow tls.mode: tlsverify (no flag; vic-machine generates\n"
		 "certificates, --tls-cname names the VCH), no-tlsverify (--no-tlsverify, the\n"
		 "default of a plan without tls.mode) or no-tls (--no-tls).\n",
	.opts = options,
	.epilog = "\n"
		  "Exit status: 0 printed, 1 the plan has errors, 2 the plan cannot be read or bad\n"
		  "usage.\n",
	.needs = CLI_NEEDS_PLAN,
	.exec = render_exec,
};
