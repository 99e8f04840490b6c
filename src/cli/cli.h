/* cli: the subcommands of vchnet. Each takes argc/argv with argv[0] set to the
 * subcommand's name, parses its own options (getopt_long) and returns an exit code
 * from err.h (EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_CONNECT, EXIT_UNTRUSTED).
 * cmd_wizard lives in screens/ (it needs curses); every other one in src/. */
#ifndef VCHNET_CLI_H
#define VCHNET_CLI_H

#include <stdio.h>

int cmd_wizard(int argc, char **argv);
int cmd_inventory(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_layout(int argc, char **argv);
int cmd_firewall(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_deploy(int argc, char **argv);

/* Prints "vchnet: <message>" and a pointer to the command's --help to stderr;
 * returns EXIT_USAGE. For unknown options and bad arguments. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The default branch of a command's getopt_long loop (with opterr = 0 and ':' first
 * in the short options): takes a connection option into opts and returns 0, or frees
 * opts, prints a usage error (missing value, unknown option, bad value) naming word,
 * the offending argument (argv[optind - 1]), and returns EXIT_USAGE. */
struct conn_opts;
int cli_conn_option(struct conn_opts *opts, const char *cmd, int ch, const char *arg,
		    const char *word);

#endif
