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
int cmd_deploy(int argc, char **argv);

/* Prints "vchnet: <message>" and a pointer to the command's --help to stderr;
 * returns EXIT_USAGE. For unknown options and bad arguments. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
