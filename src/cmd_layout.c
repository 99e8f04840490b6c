/* vchnet layout: draw the NIC layout of a plan's VCH endpoint VM. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "err.h"
#include "layout.h"
#include "plan.h"
#include "plan_yaml.h"
#include "strv.h"

static void usage(FILE *out)
{
	fputs("Usage: vchnet layout [--ascii] [--width N] PLAN\n"
	      "\n"
	      "Draw the NICs of the VCH endpoint VM: which roles (public, client, management,\n"
	      "bridge) share which NIC, their port groups and addresses, and the container\n"
	      "networks apart, with the NIC count against the plan's VIC version.\n"
	      "\n"
	      "Options:\n"
	      "  --ascii      plain ASCII instead of box drawing (the default outside UTF-8\n"
	      "               locales)\n"
	      "  --width N    at most N columns (24..80, default 80)\n"
	      "  -h, --help   show this help\n",
	      out);
}

int cmd_layout(int argc, char **argv)
{
	static const struct option opts[] = {
		{"ascii", no_argument, NULL, 'a'},
		{"width", required_argument, NULL, 'w'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct layout_opts lo = {0};
	struct plan *p = NULL;
	char *text, *end;
	int c;

	lo.ascii = !layout_locale_is_utf8();
	lo.width = 80;
	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'a':
			lo.ascii = true;
			break;
		case 'w': {
			long w = strtol(optarg, &end, 10);
			if (*end || end == optarg || w < 24 || w > 80)
				return cli_usage_error("layout", "--width takes a number from 24 to 80, not '%s'",
						       optarg);
			lo.width = (int)w;
			break;
		}
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case ':':
			return cli_usage_error("layout", "option '%s' needs a value", argv[optind - 1]);
		default:
			return cli_usage_error("layout", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error("layout", "layout: which plan? give the plan file");
	if (optind + 1 < argc)
		return cli_usage_error("layout", "layout: one plan at a time ('%s' is extra)",
				       argv[optind + 1]);
	p = plan_yaml_load_print(argv[optind], stderr);
	if (!p)
		return EXIT_USAGE;
	text = layout_draw(p, &lo);
	fputs(text, stdout);
	free(text);
	plan_free(p);
	return EXIT_OK;
}
