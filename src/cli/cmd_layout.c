/* vchnet layout: draw the topology of a plan's VCH (the model of layout.h) for a
 * terminal (topo_text.h), in sentences, or as SVG (topo_svg.h). */
#include <getopt.h>
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
#include "strv.h"
#include "topo_live.h"
#include "topo_svg.h"
#include "topo_text.h"

static void usage(FILE *out)
{
	fputs("Usage: vchnet layout [--ascii] [--width N] [--format text|plain|svg]\n"
	      "                     [CONNECTION OPTIONS] PLAN\n"
	      "\n"
	      "Draw the VCH's networks: the endpoint VM with one port per NIC, the port group\n"
	      "each NIC reaches and the roles sharing it, the parties each role serves (Docker\n"
	      "clients, vCenter and the ESXi hosts, registries and proxies), the container VMs\n"
	      "under the bridge and the container networks on their own port groups. Problems\n"
	      "the rules find are marked where they are ([E1] error, [W2] warning) and listed.\n"
	      "With --url or --inventory the drawing also shows each port group's switch and\n"
	      "VLAN, the live pre-checks and every host's 2377/tcp firewall verdict.\n"
	      "\n"
	      "Options:\n"
	      "  --ascii          plain ASCII lines instead of box drawing (the default\n"
	      "                   outside UTF-8 locales)\n"
	      "  --width N        draw in N columns (40..500; default: the terminal's width,\n"
	      "                   else 80); from 110 columns the full form\n"
	      "  --format FORMAT  text (the drawing, the default), plain (sentences, for\n"
	      "                   screen readers) or svg (a standalone SVG image)\n"
	      "  -h, --help       show this help\n"
	      "\n" CONN_OPTIONS_HELP,
	      out);
}

enum { OPT_ASCII = 0x4400, OPT_WIDTH, OPT_FORMAT };

int cmd_layout(int argc, char **argv)
{
	static const struct option opts[] = {
		CONN_LONG_OPTIONS,
		{"ascii", no_argument, NULL, OPT_ASCII},
		{"width", required_argument, NULL, OPT_WIDTH},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct topo_text_opts to = {0};
	struct conn_opts copts = {0};
	struct topo_live *l;
	struct plan *p = NULL;
	const char *format = "text";
	char *text, *end;
	int c, code;

	to.ascii = !layout_locale_is_utf8();
	to.width = 0;
	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":h" CONN_SHORT_OPTIONS, opts, NULL)) != -1) {
		switch (c) {
		case OPT_ASCII:
			to.ascii = true;
			break;
		case OPT_WIDTH: {
			long w = strtol(optarg, &end, 10);
			if (*end || end == optarg || w < TOPO_TEXT_MIN || w > 500) {
				conn_opts_free(&copts);
				return cli_usage_error("layout", "--width takes a number from %d to 500, not '%s'",
						       TOPO_TEXT_MIN, optarg);
			}
			to.width = (int)w;
			break;
		}
		case OPT_FORMAT:
			if (strcmp(optarg, "text") != 0 && strcmp(optarg, "plain") != 0 &&
			    strcmp(optarg, "svg") != 0) {
				conn_opts_free(&copts);
				return cli_usage_error("layout", "--format takes text, plain or svg, not '%s'", optarg);
			}
			format = optarg;
			break;
		case 'h':
			usage(stdout);
			conn_opts_free(&copts);
			return EXIT_OK;
		default:
			if (cli_conn_option(&copts, "layout", c, optarg, argv[optind - 1]) == 0)
				break;
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		conn_opts_free(&copts);
		return cli_usage_error("layout", "layout: which plan? give the plan file");
	}
	if (optind + 1 < argc) {
		conn_opts_free(&copts);
		return cli_usage_error("layout", "layout: one plan at a time ('%s' is extra)", argv[optind + 1]);
	}
	if (to.width == 0) {
		/* a terminal's width; 80 into a pipe or a file, so that output is stable */
		struct winsize ws;
		to.width = isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
				   ws.ws_col >= TOPO_TEXT_MIN ? (ws.ws_col > 500 ? 500 : ws.ws_col) : 80;
	}
	p = plan_yaml_load_print(argv[optind], stderr);
	if (!p) {
		conn_opts_free(&copts);
		return EXIT_USAGE;
	}
	l = topo_live_new(p, &copts, login_open, &code);
	conn_opts_free(&copts);
	if (!l) {
		fprintf(stderr, "vchnet: %s\n", err_msg());
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
