/* Unit tests of the commands' one option parser and help writer (cli.h), over a
 * template of every kind of option; tests/cli.sh runs the real commands. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "err.h"
#include "mem.h"

static const char *const formats[] = {"text", "plain", "svg", NULL};

static const struct cli_opt try_opts[] = {
	{.name = "offline", .arg = CLI_FLAG, .help = "no vCenter"},
	{.name = "yes", .short_name = 'y', .arg = CLI_FLAG, .help = "do not ask"},
	{.name = "output", .short_name = 'o', .arg = CLI_VALUE, .metavar = "FILE",
	 .help = "where to write it (default: the plan's name with .html; '-' for standard "
		 "output), a help long enough to be wrapped over more than one line of the "
		 "eighty columns of a terminal"},
	{.name = "width", .arg = CLI_NUMBER, .metavar = "N", .min = 40, .max = 500,
	 .help = "draw in N columns"},
	{.name = "format", .arg = CLI_CHOICE, .metavar = "FORMAT", .choices = formats,
	 .help = "how to draw it"},
	{.name = "a-very-long-option-name", .arg = CLI_VALUE, .metavar = "VALUE",
	 .help = "its help starts on the next line"},
	{0},
};

static int never(const struct cli_args *a)
{
	(void)a;
	return 99;
}

static const struct cli_cmd try_cmd = {
	.name = "try",
	.summary = "a command with every kind of option",
	.usage = "[--offline] [--width N]\n[CONNECTION OPTIONS] PLAN",
	.about = "Tries the parser.\n",
	.opts = try_opts,
	.epilog = "\nExit status: 0 fine.\n",
	.needs = CLI_NEEDS_PLAN | CLI_NEEDS_CONN,
	.exec = never,
};

static const struct cli_cmd bare_cmd = {
	.name = "bare",
	.summary = "no options, no plan",
	.usage = "",
	.exec = never,
};

static const struct cli_cmd live_cmd = {
	.name = "live",
	.summary = "needs vCenter",
	.usage = "PLAN",
	.needs = CLI_NEEDS_PLAN | CLI_NEEDS_CONN | CLI_NEEDS_VCENTER,
	.exec = never,
};

/* argv as getopt_long wants it (writable: it permutes); freed by free_argv() */
static char **make_argv(int *argc, ...)
{
	va_list ap;
	char **v = xcalloc(32, sizeof *v);
	const char *s;
	int n = 0;

	va_start(ap, argc);
	while ((s = va_arg(ap, const char *)) && n < 31)
		v[n++] = xstrdup(s);
	va_end(ap);
	*argc = n;
	return v;
}

static void free_argv(char **v)
{
	for (size_t i = 0; v[i]; i++)
		free(v[i]);
	free(v);
}

/* Parses and returns cli_parse()'s result; the error is in err_msg(). */
static int parse(const struct cli_cmd *cmd, struct cli_args *a, char **v, int argc)
{
	return cli_parse(cmd, argc, v, a);
}

#define PARSE_FAILS(cmd, msg, ...)                                                      \
	do {                                                                            \
		struct cli_args a_;                                                     \
		int argc_;                                                              \
		char **v_ = make_argv(&argc_, __VA_ARGS__, (const char *)NULL);          \
		assert_int_equal(parse(cmd, &a_, v_, argc_), -1);                       \
		assert_string_equal(err_msg(), msg);                                    \
		assert_int_equal(err_kind(), ERR_USAGE);                                \
		free_argv(v_);                                                          \
	} while (0)

static void test_parse_values(void **state)
{
	struct cli_args a;
	int argc;
	char **v;
	(void)state;

	/* options before and after the plan (permuted), long and short, = and separate */
	v = make_argv(&argc, "try", "--width=120", "plan.yaml", "-yo", "out.html", "--format",
		      "svg", "--url", "vc1.example.com", "-k", (const char *)NULL);
	assert_int_equal(parse(&try_cmd, &a, v, argc), 0);
	assert_string_equal(a.plan, "plan.yaml");
	assert_false(cli_flag(&a, "offline"));
	assert_true(cli_flag(&a, "yes"));
	assert_string_equal(cli_value(&a, "output"), "out.html");
	assert_int_equal(cli_number(&a, "width", 0), 120);
	assert_string_equal(cli_value(&a, "format"), "svg");
	assert_null(cli_value(&a, "a-very-long-option-name"));
	assert_string_equal(a.conn.url, "vc1.example.com");
	assert_true(a.conn.insecure);
	cli_args_free(&a);
	free_argv(v);

	/* a second parse starts afresh (every command resets getopt the same way); the
	 * last of a repeated option wins; a number not given takes the default */
	v = make_argv(&argc, "try", "--offline", "-o", "a", "--output=b", "p2.yaml",
		      (const char *)NULL);
	assert_int_equal(parse(&try_cmd, &a, v, argc), 0);
	assert_true(cli_flag(&a, "offline"));
	assert_false(cli_flag(&a, "yes"));
	assert_string_equal(cli_value(&a, "output"), "b");
	assert_int_equal(cli_number(&a, "width", 77), 77);
	assert_null(a.conn.url);
	assert_string_equal(a.plan, "p2.yaml");
	cli_args_free(&a);
	free_argv(v);

	/* --help wins over what follows, and needs no plan */
	v = make_argv(&argc, "try", "--offline", "--help", "--bogus", (const char *)NULL);
	assert_int_equal(parse(&try_cmd, &a, v, argc), 1);
	free_argv(v);
	v = make_argv(&argc, "bare", "-h", (const char *)NULL);
	assert_int_equal(parse(&bare_cmd, &a, v, argc), 1);
	free_argv(v);
	v = make_argv(&argc, "bare", (const char *)NULL);
	assert_int_equal(parse(&bare_cmd, &a, v, argc), 0);
	cli_args_free(&a);
	free_argv(v);
}

static void test_parse_errors(void **state)
{
	(void)state;
	/* the words every command printed before the parser was shared */
	PARSE_FAILS(&try_cmd, "unknown option '--bogus'", "try", "--bogus", "p.yaml");
	PARSE_FAILS(&try_cmd, "unknown option '--bogus'", "try", "--bogus=1", "p.yaml");
	PARSE_FAILS(&try_cmd, "unknown option '-x'", "try", "p.yaml", "-x");
	/* in the middle of a cluster: the letter, not the word before it */
	PARSE_FAILS(&try_cmd, "unknown option '-x'", "try", "--offline", "p.yaml", "-yx");
	PARSE_FAILS(&try_cmd, "option '--width' needs a value", "try", "p.yaml", "--width");
	PARSE_FAILS(&try_cmd, "option '--output' needs a value", "try", "p.yaml", "--output");
	PARSE_FAILS(&try_cmd, "option '-o' needs a value", "try", "p.yaml", "-o");
	PARSE_FAILS(&try_cmd, "option '--url' needs a value", "try", "p.yaml", "--url");
	PARSE_FAILS(&try_cmd, "option '--offline' takes no value", "try", "--offline=yes", "p");
	PARSE_FAILS(&try_cmd, "option '--insecure' takes no value", "try", "--insecure=1", "p");
	PARSE_FAILS(&try_cmd, "--width takes a number from 40 to 500, not '10'", "try",
		    "--width", "10", "p.yaml");
	PARSE_FAILS(&try_cmd, "--width takes a number from 40 to 500, not '80x'", "try",
		    "--width=80x", "p.yaml");
	PARSE_FAILS(&try_cmd, "--width takes a number from 40 to 500, not ''", "try",
		    "--width=", "p.yaml");
	PARSE_FAILS(&try_cmd, "--format takes text, plain or svg, not 'png'", "try",
		    "--format", "png", "p.yaml");
	PARSE_FAILS(&try_cmd, "try: which plan? give the plan file", "try", "--offline");
	PARSE_FAILS(&try_cmd, "try: one plan at a time ('b.yaml' is extra)", "try", "a.yaml",
		    "b.yaml", "c.yaml");
	PARSE_FAILS(&bare_cmd, "unexpected argument 'x'", "bare", "x");
	/* options of a connection only where the command takes one */
	PARSE_FAILS(&bare_cmd, "unknown option '--url'", "bare", "--url", "vc1");
	PARSE_FAILS(&live_cmd, "--inventory cannot be used here: 'vchnet live' needs a live "
		    "vCenter", "live", "p.yaml", "--inventory", "snap.yaml");
	/* a bad connection value in conn's words, as a usage error */
	struct cli_args a;
	int argc;
	char **v = make_argv(&argc, "try", "--thumbprint", "zz", "p.yaml", (const char *)NULL);
	assert_int_equal(parse(&try_cmd, &a, v, argc), -1);
	assert_true(strncmp(err_msg(), "--thumbprint: invalid thumbprint", 32) == 0);
	assert_int_equal(err_kind(), ERR_USAGE);
	free_argv(v);
}

static char *help_of(const struct cli_cmd *cmd)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	cli_help(cmd, f);
	fclose(f);
	return buf;
}

static void test_help(void **state)
{
	char *h = help_of(&try_cmd);
	(void)state;

	/* the usage line, its continuation under the first argument */
	assert_non_null(strstr(h, "Usage: vchnet try [--offline] [--width N]\n"
				  "                  [CONNECTION OPTIONS] PLAN\n\nTries the parser.\n"));
	assert_non_null(strstr(h, "\nOptions:\n      --offline              no vCenter\n"));
	assert_non_null(strstr(h, "\n  -y, --yes                  do not ask\n"));
	assert_non_null(strstr(h, "\n  -o, --output FILE          where to write it"));
	/* a choice's values are named when the help does not name them */
	assert_non_null(strstr(h, "--format FORMAT        how to draw it (text, plain or svg)\n"));
	assert_non_null(strstr(h, "      --a-very-long-option-name VALUE\n"
				  "                             its help starts on the next line\n"));
	assert_non_null(strstr(h, "\n  -h, --help                 show this help\n"));
	/* the connection options where the command takes them, then the epilog */
	assert_non_null(strstr(h, "show this help\n\nConnection (also from VCHNET_*"));
	assert_non_null(strstr(h, "saved inventory snapshot instead of vCenter\n\nExit status: 0 fine.\n"));
	/* wrapped: no line wider than 79 columns, continuation lines at the help column */
	for (const char *p = h; *p;) {
		size_t n = strcspn(p, "\n");
		assert_true(n <= 79);
		p += n + (p[n] == '\n');
	}
	assert_non_null(strstr(h, "\n                             .html; '-' for standard output), a help long"));
	free(h);

	h = help_of(&live_cmd);
	assert_non_null(strstr(h, "(not --inventory: this command needs a live vCenter)"));
	free(h);
	h = help_of(&bare_cmd);
	assert_null(strstr(h, "Connection"));
	assert_non_null(strstr(h, "Options:\n  -h, --help"));
	free(h);
}

static void test_table(void **state)
{
	static const struct cli_cmd inventory = {.name = "inventory", .exec = never};
	static const struct cli_cmd check = {.name = "check", .exec = never};
	static const struct cli_cmd layout = {.name = "layout", .exec = never};
	const struct cli_cmd *const table[] = {&inventory, &check, &layout};
	(void)state;

	assert_ptr_equal(cli_find(table, 3, "check"), &check);
	assert_null(cli_find(table, 3, "Check"));
	assert_string_equal(cli_closest(table, 3, "inventroy"), "inventory");
	assert_string_equal(cli_closest(table, 3, "Chek"), "check");
	assert_string_equal(cli_closest(table, 3, "layuot"), "layout");
	assert_null(cli_closest(table, 3, "frobnicate"));
	assert_null(cli_closest(table, 3, "x"));
	/* a word too long to measure is never a typo */
	assert_null(cli_closest(table, 3, "inventoryinventoryinventory"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_values),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_help),
		cmocka_unit_test(test_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
