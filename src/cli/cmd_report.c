/* vchnet report: the review report of a plan (topo_report.h), one HTML file for a
 * change ticket. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "conn.h"
#include "err.h"
#include "fileio.h"
#include "login.h"
#include "mem.h"
#include "plan.h"
#include "plan_yaml.h"
#include "topo_live.h"
#include "topo_report.h"

enum { REPORT_MAX_PLAN = 4 << 20 };

static void usage(FILE *out)
{
	fputs("Usage: vchnet report [-o FILE.html] [CONNECTION OPTIONS] PLAN\n"
	      "\n"
	      "Write the review report of a plan: one self-contained HTML file for a change\n"
	      "ticket, readable without vchnet and printable on A4. It holds the network\n"
	      "drawing, the plan's choices, every finding of the offline rules (and, with\n"
	      "--url or --inventory, of the live checks, with their time), the per-host\n"
	      "firewall table, the exact vic-machine command and the plan itself. No\n"
	      "JavaScript, nothing fetched from anywhere.\n"
	      "\n"
	      "Options:\n"
	      "  -o, --output FILE  where to write it (default: the plan's name with .html;\n"
	      "                     '-' for standard output)\n"
	      "  -h, --help         show this help\n"
	      "\n" CONN_OPTIONS_HELP
	      "\n"
	      "Exit status: 0 written (whatever the findings), 2 the plan cannot be read or\n"
	      "bad usage, 1 the report cannot be written, 3 connection or login failure,\n"
	      "60 untrusted certificate.\n",
	      out);
}

int cmd_report(int argc, char **argv)
{
	static const struct option opts[] = {
		CONN_LONG_OPTIONS,
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct conn_opts copts = {0};
	struct topo_report_in in = {0};
	struct topo_live *l;
	struct plan *p;
	char *output = NULL, *text = NULL, *html, stamp[32];
	size_t len;
	time_t now = time(NULL);
	struct tm tm;
	int c, code;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":ho:" CONN_SHORT_OPTIONS, opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			free(output);
			output = xstrdup(optarg);
			break;
		case 'h':
			usage(stdout);
			free(output);
			conn_opts_free(&copts);
			return EXIT_OK;
		default:
			if (cli_conn_option(&copts, "report", c, optarg, argv[optind - 1]) == 0)
				break;
			free(output);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc || optind + 1 < argc) {
		free(output);
		conn_opts_free(&copts);
		return optind >= argc ? cli_usage_error("report", "report: which plan? give the plan file")
				      : cli_usage_error("report", "report: one plan at a time ('%s' is extra)",
							argv[optind + 1]);
	}
	p = plan_yaml_load_print(argv[optind], stderr);
	if (!p) {
		free(output);
		conn_opts_free(&copts);
		return EXIT_USAGE;
	}
	if (fileio_read(argv[optind], REPORT_MAX_PLAN, &text, &len) < 0)
		text = NULL; /* it was just read: only a race could fail here; the report goes without it */
	l = topo_live_new(p, &copts, login_open, &code);
	conn_opts_free(&copts);
	if (!l) {
		fprintf(stderr, "vchnet: %s\n", err_msg());
		free(text);
		free(output);
		plan_free(p);
		return code;
	}
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M UTC", &tm);
	in.plan = p;
	in.topo = l->topo;
	in.plan_file = argv[optind];
	in.plan_text = text;
	in.generated_at = stamp;
	html = topo_report_html(&in);
	if (!output)
		output = topo_report_path(argv[optind]);
	code = EXIT_OK;
	if (strcmp(output, "-") == 0) {
		fputs(html, stdout);
	} else if (fileio_write_atomic(output, html, strlen(html), 0600) < 0) {
		fprintf(stderr, "vchnet: cannot write the report: %s\n", err_msg());
		code = EXIT_PROBLEMS;
	} else {
		fprintf(stderr, "vchnet: wrote the review report to %s\n", output);
	}
	free(html);
	free(text);
	free(output);
	topo_live_free(l);
	plan_free(p);
	return code;
}
