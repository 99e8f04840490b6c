/* plain: the wizard without curses — "vchnet wizard --plain", and automatically when
 * TERM=dumb — for screen readers, serial consoles and scripts driven by expect. It asks
 * the same questions as the screens, one per line on stdin/stdout, walks the same step
 * machine (src/wizard.h), judges every answer with the same rules engine
 * (fieldcheck_error() as typed, wizard_next() before each step) and writes the same
 * plan. Drafts are saved after every step and on SIGHUP/SIGTERM, and the next start
 * offers to resume the latest one (src/draft.h).
 *
 * Conventions at every question: an empty answer takes the value in [brackets], '-'
 * clears an optional value, '?' prints the help (src/help.h), '<' goes back one step,
 * end of input stops (keeping the draft).
 *
 * Ownership: plain_run() takes the plan and the inventory it is given. */
#ifndef VCHNET_PLAIN_H
#define VCHNET_PLAIN_H

#include <stdbool.h>
#include <stdio.h>

#include "conn.h"

struct inv;
struct plan;

/* Whether "vchnet wizard ARGS" should run in plain mode: --plain among the options (before
 * a "--"), or TERM=dumb. */
bool plain_wanted(int argc, char **argv);

/* The plan file among the arguments left after option parsing, argv[first..argc-1]:
 * *plan_path is borrowed from argv, NULL when none. "vchnet --log F wizard PLAN" (options
 * before the command word) reaches the wizard with its own name among them, so a leading
 * "wizard" is skipped unless it is the only argument and an existing file. Returns -1
 * with err_set() when more than one plan file remains. */
int plain_plan_arg(int argc, char **argv, int first, const char **plan_path);

/* "vchnet wizard --plain [OPTIONS] [PLAN]" on stdin/stdout; returns the exit code. */
int plain_main(int argc, char **argv);

struct plain_opts {
	FILE *in, *out;
	const struct conn_opts *copts; /* connection settings (borrowed) */
	struct plan *plan;             /* taken; NULL: a new plan */
	const char *plan_path;         /* the file the plan came from, or NULL */
	struct inv *inv;               /* taken; non-NULL: use it instead of connecting */
	bool ascii;                    /* layout drawings in ASCII */
	bool drafts;                   /* offer, save and remove drafts */
};

/* One wizard session over o->in and o->out; returns the exit code (0 saved, 1 stopped
 * without saving, 128+N after signal N). */
int plain_run(struct plain_opts *o);

#endif
