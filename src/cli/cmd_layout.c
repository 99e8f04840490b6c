/* vchnet layout: draw the topology of a plan's VCH (the model of layout.h) for a
 * terminal (topo_text.h), in sentences, or as SVG (topo_svg.h). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"
#include "conn.h"
#include "err.h"
#include "layout.h"
#include "login.h"
#include "plan.h"
#include "plan_yaml.h"
#include "sanitize.h"
#include "strv.h"
#include "topo_live.h"
#include "topo_svg.h"
#include "topo_text.h"

static int layout_exec(const struct cli_args *a)
{
	struct topo_text_opts to = {0};
	struct topo_live *l;
	struct plan *p = NULL;
	const char *format = cli_value(a, "format") ? cli_value(a, "format") : "text";
	char *text;
	int code;

	to.ascii = cli_flag(a, "ascii") || !layout_locale_is_utf8();
	to.width = (int)cli_number(a, "width", 0);
	if (to.width == 0) {
		/* a terminal's width; 80 into a pipe or a file, so that output is stable */
		struct winsize ws;
		to.width = isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
				   ws.ws_col >= TOPO_TEXT_MIN ? (ws.ws_col > 500 ? 500 : ws.ws_col) : 80;
	}
	p = plan_yaml_load_print(a->plan, stderr);
	if (!p)
		return EXIT_USAGE;
	l = topo_live_new(p, &a->conn, login_open, &code);
	if (!l) {
		fprintf(stderr, "vchnet: %s\n", san(err_msg()));
		plan_free(p);
		return code;
	}
	if (strcmp(format, "svg") == 0)
		text = topo_svg(l->topo);
	else if (strcmp(format, "plain") == 0)
		text = topo_text_describe(l->topo, to.width);
	else
		text = topo_text_draw(l->topo, &to);
	fputs(text, stdout);
	free(text);
	topo_live_free(l);
	plan_free(p);
	return EXIT_OK;
}

static const char *const formats[] = {"text", "plain", "svg", NULL};

static const struct cli_opt options[] = {
	{.name = "ascii", .arg = CLI_FLAG,
	 .help = "plain ASCII lines instead of box drawing (the default outside UTF-8 locales)"},
	{.name = "width", .arg = CLI_NUMBER, .metavar = "N", .min = TOPO_TEXT_MIN, .max = 500,
	 .help = "draw in N columns (40..500; default: the terminal's width, else 80); from "
		 "110 columns the full form"},
	{.name = "format", .arg = CLI_CHOICE, .metavar = "FORMAT", .choices = formats,
	 .help = "text (the drawing, the default), plain (sentences, for screen readers) or "
		 "svg (a standalone SVG image)"},
	{0},
};

const struct cli_cmd cmd_layout_entry = {
	.name = "layout",
	.summary = "draw the network layout of a plan (text or SVG)",
	.usage = "[--ascii] [--width N] [--format text|plain|svg]\n[CONNECTION OPTIONS] PLAN",
	.about = "Draw the VCH's networks: the endpoint VM with one port per NIC, the port group\n"
		 "each NIC reaches and the roles sharing it, the parties each role serves (Docker\n"
		 "clients, vCenter and the ESXi hosts, registries and proxies), the container VMs\n"
		 "under the bridge and the container networks on their own port groups. Problems\n"
		 "the rules find are marked where they are ([E1] error, [W2] warning) and listed.\n"
		 "With --url or --inventory the drawing also shows each port group's switch and\n"
		 "VLAN, the live pre-checks and every host's 2377/tcp firewall verdict.\n",
	.opts = options,
	.needs = CLI_NEEDS_PLAN | CLI_NEEDS_CONN,
	.exec = layout_exec,
};
