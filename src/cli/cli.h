/* cli: the commands of vchnet as descriptors, and the one option parser and help
 * writer they share (in the spirit of tmux's cmd_entry).
 *
 * Each command file (src/cmd_*.c) defines a const struct cli_cmd, cmd_NAME_entry: its
 * name, a one-line summary, its usage line and description, its options template and
 * what it needs (a plan, a connection, a terminal). main.c lists the entries. cli_run()
 * parses argv against the template (getopt_long, permuting, so options may follow the
 * plan), prints --help and the usage errors, and calls the command's exec with the
 * parsed arguments; the command only does its work. Exit codes come from err.h
 * (EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_CONNECT, EXIT_UNTRUSTED).
 *
 * The wizard's entry (src/cli/cmd_wizard.c) is one like the others: it parses its
 * options here and then hands the session to the face asked for.
 *
 * Ownership: descriptors are static and const. struct cli_args borrows the strings of
 * argv and owns its struct conn_opts: cli_run() frees it after exec returns. */
#ifndef VCHNET_CLI_H
#define VCHNET_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "conn.h"

/* What an option takes. */
enum cli_arg {
	CLI_FLAG,   /* nothing */
	CLI_VALUE,  /* any string */
	CLI_NUMBER, /* a whole number from min to max */
	CLI_CHOICE, /* one of choices */
};

struct cli_opt {
	const char *name;            /* long name, without "--" */
	char short_name;             /* 0 when there is none */
	enum cli_arg arg;
	const char *metavar;         /* the value's name in the help ("FILE") */
	const char *help;            /* one paragraph; the help writer wraps it */
	long min, max;               /* CLI_NUMBER */
	const char *const *choices;  /* CLI_CHOICE: NULL-terminated */
};

/* What a command needs; the parser and the help writer act on it. */
enum cli_need {
	CLI_NEEDS_PLAN = 1 << 0,     /* exactly one PLAN argument (else none at all) */
	CLI_NEEDS_CONN = 1 << 1,     /* a connection: the connection options (vCenter, or
				      * a --inventory snapshot), listed in its help */
	CLI_NEEDS_VCENTER = 1 << 2,  /* a live vCenter: --inventory is refused */
	CLI_NEEDS_TERMINAL = 1 << 3, /* draws on the terminal (the full-screen wizard) */
	CLI_PLAN_OPTIONAL = 1 << 4,  /* at most one PLAN argument */
};

/* Options a command's template may hold at most. */
#define CLI_MAX_OPTS 16

struct cli_args {
	const struct cli_cmd *cmd;
	const char *plan;                  /* CLI_NEEDS_PLAN: the PLAN argument */
	struct conn_opts conn;             /* CLI_NEEDS_CONN: the connection options */
	const char *value[CLI_MAX_OPTS];   /* per template option: its last value ("" for a
					    * flag), NULL when not given */
	long number[CLI_MAX_OPTS];         /* CLI_NUMBER: the value as a number */
};

struct cli_cmd {
	const char *name;
	const char *summary;        /* one line for "vchnet --help" */
	const char *usage;          /* what follows "Usage: vchnet NAME "; '\n' continues */
	const char *about;          /* the description, as printed (hand-wrapped) */
	const struct cli_opt *opts; /* {NULL}-terminated; NULL when none; -h/--help is added */
	void (*help_more)(FILE *out); /* or NULL: prints what the help needs computed */
	const char *epilog;         /* printed after the options (exit status, notes) */
	unsigned needs;             /* enum cli_need */
	int (*exec)(const struct cli_args *a); /* runs the command after cli_run() parsed */
};

/* Parses argv (argv[0] is the command's name) against cmd's template into *a.
 * Returns 0 when parsed, 1 when --help was asked for, -1 on a usage error (err_msg()
 * says what, in the words every command prints; err_kind() is ERR_USAGE). *a holds
 * nothing to free unless 0 is returned. */
int cli_parse(const struct cli_cmd *cmd, int argc, char **argv, struct cli_args *a);
void cli_args_free(struct cli_args *a);
/* The option's value in a; name must be in the command's template (else a bug). */
bool cli_flag(const struct cli_args *a, const char *name);
const char *cli_value(const struct cli_args *a, const char *name);
long cli_number(const struct cli_args *a, const char *name, long dflt);

/* Writes "vchnet NAME --help" from the descriptor. */
void cli_help(const struct cli_cmd *cmd, FILE *out);
/* Parses, prints --help or the usage error, runs the command; returns its exit code. */
int cli_run(const struct cli_cmd *cmd, int argc, char **argv);

/* The entry named name in table (n entries), or NULL. */
const struct cli_cmd *cli_find(const struct cli_cmd *const *table, size_t n, const char *name);
/* The name a mistyped word most likely meant (at most two edits, and fewer than half
 * its letters; case and swapped neighbours forgiven), or NULL. */
const char *cli_closest(const struct cli_cmd *const *table, size_t n, const char *word);

/* Prints "vchnet: <message>" and a pointer to the command's --help (cmd NULL: to
 * "vchnet --help") to stderr; returns EXIT_USAGE. For errors found after parsing. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A face of the wizard, as the wizard command hands it the session. Each face defines
 * its own (screens/app.c, plain/plain.c); the command picks one and includes neither,
 * so the core never includes a face. */
struct session;
struct wizard_face_opts {
	bool ascii, no_color;  /* the screens' --ascii and --no-color */
	const char *log_path;  /* --log FILE, or NULL */
	const char *plan_path; /* the plan being resumed, or NULL: a draft is offered */
};
struct wizard_face {
	unsigned (*steps)(void); /* the steps it shows (a WIZARD_STEP_BIT set) */
	/* Runs the wizard over s (borrowed) until the user saves or quits; returns the
	 * exit code. */
	int (*run)(struct session *s, const struct wizard_face_opts *o);
};
extern const struct wizard_face wizard_face_screens, wizard_face_plain;

/* The entry points. */
extern const struct cli_cmd cmd_wizard_entry, cmd_inventory_entry, cmd_check_entry, cmd_layout_entry,
	cmd_firewall_entry, cmd_render_entry, cmd_report_entry, cmd_deploy_entry;

#endif
