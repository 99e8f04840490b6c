/* vchnet wizard: the options are read once here, by the descriptor parser, for either
 * face; the session they set up (src/wizard/session.h) is then driven by the curses
 * screens, or line by line by plain mode (--plain, or TERM=dumb: no curses at all).
 * The faces are reached through their struct wizard_face (cli.h), never their
 * headers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "conn.h"
#include "err.h"
#include "help.h"
#include "mem.h"
#include "plan.h"
#include "plan_yaml.h"
#include "sanitize.h"
#include "session.h"
#include "strv.h"

/* The plan file to resume, loaded (*plan NULL: none given). -1 after saying why. */
static int load_plan(const char *plan_path, struct plan **plan)
{
	struct strv errors = {0};

	*plan = NULL;
	if (!plan_path)
		return 0;
	if (plan_yaml_load(plan_path, plan, &errors) < 0) {
		fprintf(stderr, "vchnet: cannot resume from %s:\n", san(plan_path));
		for (size_t i = 0; i < errors.n; i++)
			fprintf(stderr, "  %s\n", san(errors.v[i]));
		if (errors.n == 0)
			fprintf(stderr, "  %s\n", san(err_msg()));
		strv_free(&errors);
		return -1;
	}
	strv_free(&errors);
	return 0;
}

static int wizard_exec(const struct cli_args *a)
{
	const char *term = getenv("TERM");
	bool plain = cli_flag(a, "plain") || (term && strcmp(term, "dumb") == 0);
	struct plan *plan = NULL;
	struct session s;
	int code;

	if (a->conn.inventory && !plain)
		/* the screens read vCenter live; only plain mode plans from a snapshot */
		return cli_usage_error("wizard", "--inventory works with --plain only: the "
				       "full-screen wizard needs a live vCenter (vchnet wizard "
				       "--plain --inventory FILE plans from a snapshot)");
	if (load_plan(a->plan, &plan) < 0)
		return EXIT_USAGE;
	const struct wizard_face *face = plain ? &wizard_face_plain : &wizard_face_screens;
	struct wizard_face_opts fo = {.ascii = cli_flag(a, "ascii"),
				      .no_color = cli_flag(a, "no-color"),
				      .log_path = cli_value(a, "log"),
				      .plan_path = a->plan};

	session_init(&s, plan ? plan : plan_new(), face->steps());
	conn_opts_copy(&s.copts, &a->conn);
	if (a->plan) {
		wizard_mark_saved(&s.wz, a->plan);
		s.resume_to = WIZARD_LAYOUT; /* on to the layout if every choice holds */
	}
	code = face->run(&s, &fo);
	session_free(&s);
	return code;
}

/* after the options: the keys, and what the screens need */
static void wizard_help_more(FILE *out)
{
	char *keys = help_keys_brief(79);

	fprintf(out, "\n%s", keys);
	free(keys);
	fputs("Needs a terminal of at least 72x20 (designed for 80x24); with TERM=dumb, or\n"
	      "--plain, the questions come line by line instead.\n",
	      out);
}

static const struct cli_opt options[] = {
	{.name = "ascii", .arg = CLI_FLAG,
	 .help = "ASCII lines and markers (also in UTF-8 terminals)"},
	{.name = "no-color", .arg = CLI_FLAG, .help = "no colours (also when NO_COLOR is set)"},
	{.name = "log", .arg = CLI_VALUE, .metavar = "FILE",
	 .help = "write diagnostics to FILE (never to the screen)"},
	{.name = "plain", .arg = CLI_FLAG,
	 .help = "the questions line by line on standard input and output, without curses "
		 "(also when TERM=dumb): for screen readers, serial consoles and expect "
		 "scripts; ASCII only, wrapped at words ($COLUMNS, else 80). An empty answer "
		 "takes the value in [brackets], '-' clears it, '?' explains, '<' goes back a "
		 "step; end of input stops and keeps a draft"},
	{0},
};

const struct cli_cmd cmd_wizard_entry = {
	.name = "wizard",
	.summary = "open the interactive wizard (the default)",
	.usage = "[OPTIONS] [PLAN]",
	.about = "Opens the interactive wizard: connect to vCenter, choose the VCH's scope and\n"
		 "its bridge, public, client and management networks, review the NIC layout and\n"
		 "save the plan as YAML. With PLAN, the plan is loaded and the wizard resumes\n"
		 "with its choices, checked against the live inventory.\n",
	.opts = options,
	.help_more = wizard_help_more,
	.needs = CLI_NEEDS_CONN | CLI_PLAN_OPTIONAL | CLI_NEEDS_TERMINAL,
	.exec = wizard_exec,
};
