/* vchnet report: the review report of a plan (topo_report.h), one HTML file for a
 * change ticket. */
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
#include "sanitize.h"
#include "topo_live.h"
#include "topo_report.h"

enum { REPORT_MAX_PLAN = 4 << 20 };

static int report_exec(const struct cli_args *a)
{
	struct topo_report_in in = {0};
	struct topo_live *l;
	struct plan *p;
	char *output = NULL, *text = NULL, *html, stamp[32];
	size_t len;
	time_t now = time(NULL);
	struct tm tm;
	int code;

	p = plan_yaml_load_print(a->plan, stderr);
	if (!p)
		return EXIT_USAGE;
	if (fileio_read(a->plan, REPORT_MAX_PLAN, &text, &len) < 0)
		text = NULL; /* it was just read: only a race could fail here; the report goes without it */
	l = topo_live_new(p, &a->conn, login_open, &code);
	if (!l) {
		fprintf(stderr, "vchnet: %s\n", san(err_msg()));
		free(text);
		plan_free(p);
		return code;
	}
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M UTC", &tm);
	in.plan = p;
	in.topo = l->topo;
	in.plan_file = a->plan;
	in.plan_text = text;
	in.generated_at = stamp;
	html = topo_report_html(&in);
	output = cli_value(a, "output") ? xstrdup(cli_value(a, "output")) : topo_report_path(a->plan);
	code = EXIT_OK;
	if (strcmp(output, "-") == 0) {
		fputs(html, stdout);
	} else if (fileio_write_atomic(output, html, strlen(html), 0600) < 0) {
		fprintf(stderr, "vchnet: cannot write the report: %s\n", san(err_msg()));
		code = EXIT_PROBLEMS;
	} else {
		fprintf(stderr, "vchnet: wrote the review report to %s\n", san(output));
	}
	free(html);
	free(text);
	free(output);
	topo_live_free(l);
	plan_free(p);
	return code;
}

static const struct cli_opt options[] = {
	{.name = "output", .short_name = 'o', .arg = CLI_VALUE, .metavar = "FILE",
	 .help = "where to write it (default: the plan's name with .html; '-' for standard "
		 "output)"},
	{0},
};

const struct cli_cmd cmd_report_entry = {
	.name = "report",
	.summary = "write a plan's review report (one HTML file)",
	.usage = "[-o FILE.html] [CONNECTION OPTIONS] PLAN",
	.about = "Write the review report of a plan: one self-contained HTML file for a change\n"
		 "ticket, readable without vchnet and printable on A4. It holds the network\n"
		 "drawing, the plan's choices, every finding of the offline rules (and, with\n"
		 "--url or --inventory, of the live checks, with their time), the per-host\n"
		 "firewall table, the exact vic-machine command and the plan itself. No\n"
		 "JavaScript, nothing fetched from anywhere.\n",
	.opts = options,
	.epilog = "\n"
		  "Exit status: 0 written (whatever the findings), 2 the plan cannot be read or\n"
		  "bad usage, 1 the report cannot be written, 3 connection or login failure,\n"
		  "60 untrusted certificate.\n",
	.needs = CLI_NEEDS_PLAN | CLI_NEEDS_CONN,
	.exec = report_exec,
};
