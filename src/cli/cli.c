/* cli: the commands' one option parser, help writer and usage errors (see cli.h). */
#include "cli.h"

#include <ctype.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conn.h"
#include "err.h"
#include "mem.h"
#include "sanitize.h"

/* getopt_long values of the template's options: above every short option and the
 * connection options' own values (conn.h) */
enum { CLI_LONG_BASE = 0x6000 };
/* the column where option help starts, as in CONN_OPTIONS_HELP */
enum { HELP_COL = 29, HELP_WIDTH = 79 };

static const struct option conn_long[] = {CONN_LONG_OPTIONS};

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	/* the message may quote an argument or a name from a file */
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	fputs("vchnet: ", stderr);
	san_fputs(msg, stderr);
	free(msg);
	if (cmd)
		fprintf(stderr, "\nTry 'vchnet %s --help' for more information.\n", cmd);
	else
		fputs("\nTry 'vchnet --help' for more information.\n", stderr);
	return EXIT_USAGE;
}

static size_t count_opts(const struct cli_cmd *cmd)
{
	size_t n = 0;

	while (cmd->opts && cmd->opts[n].name)
		n++;
	MEM_ASSERT(n <= CLI_MAX_OPTS);
	return n;
}

/* "text, plain or svg" */
static char *choice_list(const char *const *c)
{
	char *s = xstrdup("");

	for (size_t i = 0; c[i]; i++) {
		char *t = xasprintf("%s%s%s", s, i == 0 ? "" : c[i + 1] ? ", " : " or ", c[i]);
		free(s);
		s = t;
	}
	return s;
}

static int take_value(const struct cli_opt *o, const char *arg, struct cli_args *a, size_t i)
{
	char *end;

	switch (o->arg) {
	case CLI_FLAG:
		arg = "";
		break;
	case CLI_VALUE:
		break;
	case CLI_NUMBER: {
		long v = strtol(arg, &end, 10);
		if (end == arg || *end || v < o->min || v > o->max)
			return err_setk(ERR_USAGE, "--%s takes a number from %ld to %ld, not '%s'",
					o->name, o->min, o->max, arg);
		a->number[i] = v;
		break;
	}
	case CLI_CHOICE: {
		size_t k = 0;
		while (o->choices[k] && strcmp(o->choices[k], arg) != 0)
			k++;
		if (!o->choices[k]) {
			char *l = choice_list(o->choices);
			err_setk(ERR_USAGE, "--%s takes %s, not '%s'", o->name, l, arg);
			free(l);
			return -1;
		}
		break;
	}
	}
	a->value[i] = arg;
	return 0;
}

/* The word of argv that getopt_long refused, as the user wrote it (a long option
 * without its "=value"). */
static char *refused_word(char **argv, int ch_known)
{
	const char *w = argv[optind - 1];

	if (ch_known > 0 && ch_known < 256 && !(w[0] == '-' && w[1] == '-'))
		return xasprintf("-%c", ch_known);
	return xstrndup(w, strcspn(w, "="));
}

static bool is_short(const char *shorts, int ch)
{
	return ch > 0 && ch < 256 && ch != ':' && strchr(shorts, ch);
}

static int parse_fail(struct cli_args *a)
{
	conn_opts_free(&a->conn);
	return err_kind_set(ERR_USAGE);
}

int cli_parse(const struct cli_cmd *cmd, int argc, char **argv, struct cli_args *a)
{
	size_t n = count_opts(cmd), nconn = (cmd->needs & CLI_NEEDS_CONN) ?
					       sizeof conn_long / sizeof conn_long[0] : 0;
	struct option *longopts = xcalloc(n + nconn + 2, sizeof *longopts);
	char shorts[2 * CLI_MAX_OPTS + 8] = ":h", *sp = shorts + 2;
	int ch, r = 0;

	memset(a, 0, sizeof *a);
	a->cmd = cmd;
	for (size_t i = 0; i < n; i++) {
		const struct cli_opt *o = &cmd->opts[i];
		longopts[i] = (struct option){o->name, o->arg == CLI_FLAG ? no_argument
									     : required_argument,
					      NULL, CLI_LONG_BASE + (int)i};
		if (o->short_name) {
			*sp++ = o->short_name;
			if (o->arg != CLI_FLAG)
				*sp++ = ':';
		}
	}
	for (size_t i = 0; i < nconn; i++)
		longopts[n + i] = conn_long[i];
	if (nconn)
		*sp++ = CONN_SHORT_OPTIONS[0];
	*sp = '\0';
	longopts[n + nconn] = (struct option){"help", no_argument, NULL, 'h'};

	/* every command the same way: 0 starts the scan afresh (glibc) */
	optind = 0;
	opterr = 0; /* our own messages, in the house style */
	while (r == 0 && (ch = getopt_long(argc, argv, shorts, longopts, NULL)) != -1) {
		if (ch == 'h') {
			r = 1;
			break;
		}
		if (ch >= CLI_LONG_BASE && ch < CLI_LONG_BASE + (int)n) {
			size_t i = (size_t)(ch - CLI_LONG_BASE);
			r = take_value(&cmd->opts[i], optarg, a, i);
			continue;
		}
		size_t i = 0;
		while (i < n && !(cmd->opts[i].short_name && cmd->opts[i].short_name == ch))
			i++;
		if (i < n && ch != ':' && ch != '?') {
			r = take_value(&cmd->opts[i], optarg, a, i);
			continue;
		}
		if (nconn && ch != ':' && ch != '?') {
			/* a connection option: conn words a bad value ("--timeout: ...") */
			r = conn_opts_parse(&a->conn, ch, optarg) < 0 ? -1 : 0;
			continue;
		}
		char *w = refused_word(argv, optopt);
		if (ch == ':')
			err_setk(ERR_USAGE, "option '%s' needs a value", w);
		else if (optopt >= 256 || is_short(shorts, optopt))
			/* a known option given "=value" it does not take */
			err_setk(ERR_USAGE, "option '%s' takes no value", w);
		else
			err_setk(ERR_USAGE, "unknown option '%s'", w);
		free(w);
		r = -1;
	}
	free(longopts);
	if (r != 0) {
		conn_opts_free(&a->conn);
		if (r < 0)
			err_kind_set(ERR_USAGE);
		return r;
	}
	if (cmd->needs & CLI_NEEDS_PLAN) {
		if (optind >= argc) {
			err_setk(ERR_USAGE, "%s: which plan? give the plan file", cmd->name);
			return parse_fail(a);
		}
		if (optind + 1 < argc) {
			err_setk(ERR_USAGE, "%s: one plan at a time ('%s' is extra)", cmd->name,
				 argv[optind + 1]);
			return parse_fail(a);
		}
		a->plan = argv[optind];
	} else if (cmd->needs & CLI_PLAN_OPTIONAL) {
		/* the command's own word after options given first ("vchnet --plain wizard"),
		 * unless it is the only word and names a file */
		if (optind < argc && strcmp(argv[optind], cmd->name) == 0 &&
		    (optind + 1 < argc || access(argv[optind], F_OK) != 0))
			optind++;
		if (optind + 1 < argc) {
			err_setk(ERR_USAGE, "too many arguments: give at most one plan file");
			return parse_fail(a);
		}
		a->plan = optind < argc ? argv[optind] : NULL;
	} else if (optind < argc) {
		err_setk(ERR_USAGE, "unexpected argument '%s'", argv[optind]);
		return parse_fail(a);
	}
	if ((cmd->needs & CLI_NEEDS_VCENTER) && a->conn.inventory) {
		err_setk(ERR_USAGE, "--inventory cannot be used here: 'vchnet %s' needs a live "
			 "vCenter", cmd->name);
		return parse_fail(a);
	}
	return 0;
}

void cli_args_free(struct cli_args *a)
{
	conn_opts_free(&a->conn);
}

static size_t opt_index(const struct cli_args *a, const char *name)
{
	size_t n = count_opts(a->cmd);

	for (size_t i = 0; i < n; i++)
		if (strcmp(a->cmd->opts[i].name, name) == 0)
			return i;
	mem_die("internal error: 'vchnet %s' has no option --%s", a->cmd->name, name);
}

bool cli_flag(const struct cli_args *a, const char *name)
{
	return a->value[opt_index(a, name)] != NULL;
}

const char *cli_value(const struct cli_args *a, const char *name)
{
	return a->value[opt_index(a, name)];
}

long cli_number(const struct cli_args *a, const char *name, long dflt)
{
	size_t i = opt_index(a, name);

	return a->value[i] ? a->number[i] : dflt;
}

/* text from column col to HELP_WIDTH, its continuation lines indented to col; the
 * first line starts at column at */
static void put_wrapped(FILE *out, const char *text, int at, int col)
{
	const char *p = text;

	while (*p) {
		int room = HELP_WIDTH - at;
		size_t len = strlen(p), cut = len;

		if ((int)len > room) {
			/* the last space that fits; a word longer than the room goes whole */
			cut = (size_t)room;
			while (cut > 0 && p[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = strcspn(p, " ");
		}
		fprintf(out, "%.*s\n", (int)cut, p);
		p += cut;
		while (*p == ' ')
			p++;
		if (*p)
			fprintf(out, "%*s", col, "");
		at = col;
	}
}

static void put_option(FILE *out, char short_name, const char *name, const char *metavar,
		       const char *help)
{
	char *left = xasprintf("  %c%c%c --%s%s%s", short_name ? '-' : ' ',
			       short_name ? short_name : ' ', short_name ? ',' : ' ', name,
			       metavar ? " " : "", metavar ? metavar : "");
	int w = (int)strlen(left);

	fputs(left, out);
	free(left);
	if (w + 2 > HELP_COL) {
		fprintf(out, "\n%*s", HELP_COL, "");
		w = HELP_COL;
	} else {
		fprintf(out, "%*s", HELP_COL - w, "");
		w = HELP_COL;
	}
	put_wrapped(out, help, w, HELP_COL);
}

void cli_help(const struct cli_cmd *cmd, FILE *out)
{
	int indent = (int)strlen("Usage: vchnet ") + (int)strlen(cmd->name) + 1;

	fprintf(out, "Usage: vchnet %s ", cmd->name);
	for (const char *p = cmd->usage; *p;) {
		size_t len = strcspn(p, "\n");
		fprintf(out, "%.*s\n", (int)len, p);
		p += len;
		if (*p == '\n' && *++p)
			fprintf(out, "%*s", indent, "");
	}
	if (cmd->about)
		fprintf(out, "\n%s", cmd->about);
	fputs("\nOptions:\n", out);
	for (size_t i = 0; i < count_opts(cmd); i++) {
		const struct cli_opt *o = &cmd->opts[i];
		char *help = o->help ? xstrdup(o->help) : xstrdup("");
		if (o->arg == CLI_CHOICE && !strstr(help, o->choices[0])) {
			char *l = choice_list(o->choices), *t = xasprintf("%s (%s)", help, l);
			free(l);
			free(help);
			help = t;
		}
		put_option(out, o->short_name, o->name, o->metavar, help);
		free(help);
	}
	put_option(out, 'h', "help", NULL, "show this help");
	if (cmd->needs & CLI_NEEDS_CONN) {
		fputs("\n" CONN_OPTIONS_HELP, out);
		if (cmd->needs & CLI_NEEDS_VCENTER)
			fputs("      (not --inventory: this command needs a live vCenter)\n", out);
	}
	if (cmd->help_more)
		cmd->help_more(out);
	if (cmd->epilog)
		fputs(cmd->epilog, out);
}

int cli_run(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct cli_args a;
	int r, code;

	r = cli_parse(cmd, argc, argv, &a);
	if (r == 1) {
		cli_help(cmd, stdout);
		return EXIT_OK;
	}
	if (r < 0)
		return cli_usage_error(cmd->name, "%s", err_msg());
	code = cmd->exec(&a);
	cli_args_free(&a);
	return code;
}

const struct cli_cmd *cli_find(const struct cli_cmd *const *table, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(table[i]->name, name) == 0)
			return table[i];
	return NULL;
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

const char *cli_closest(const struct cli_cmd *const *table, size_t n, const char *word)
{
	const char *best = NULL;
	int best_d = 3;

	for (size_t i = 0; i < n; i++) {
		int dd = distance(word, table[i]->name);
		if (dd < best_d && (size_t)dd * 2 < strlen(table[i]->name)) {
			best_d = dd;
			best = table[i]->name;
		}
	}
	return best;
}
