/* cli: what every subcommand's option parsing shares. */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "conn.h"
#include "err.h"
#include "mem.h"
#include "sanitize.h"

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

int cli_conn_option(struct conn_opts *opts, const char *cmd, int ch, const char *arg,
		    const char *word)
{
	int r = conn_opts_parse(opts, ch, arg);

	if (r == 1)
		return 0;
	conn_opts_free(opts);
	if (r < 0)
		return cli_usage_error(cmd, "%s", err_msg());
	if (ch == ':')
		return cli_usage_error(cmd, "option '%s' needs a value", word);
	return cli_usage_error(cmd, "unknown option '%s'", word);
}
