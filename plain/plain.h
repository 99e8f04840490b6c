/* plain: the wizard without curses — "vchnet wizard --plain", and automatically when
 * TERM=dumb — for screen readers, serial consoles and scripts driven by expect. It asks
 * the same questions as the screens, one per line on stdin/stdout, walks the same step
 * machine (src/wizard/wizard.h), judges every answer with the same rules engine
 * (fieldcheck_error() as typed, wizard_next() before each step) and writes the same
 * plan. Drafts are saved after every step and on SIGHUP/SIGTERM, and the next start
 * offers to resume the latest one (src/wizard/draft.h).
 *
 * It is a face over the wizard core (src/wizard/session.h): connecting, trusting the
 * server, the scope a plan names and resuming are the core's; this file asks, prints
 * and passes answers. Everything it prints is ASCII (our own punctuation and line
 * drawing are replaced; names keep their letters) and wrapped at words. After a refusal
 * only the question it is about is asked again, and a question an earlier answer made
 * moot is not asked ("Same as the client network? yes" asks no address).
 *
 * Conventions at every question: an empty answer takes the value in [brackets], '-'
 * clears an optional value, '?' prints the help (src/wizard/help.h), '<' goes back one step,
 * end of input stops (keeping the draft).
 *
 * Ownership: plain_run() borrows the session. */
#ifndef VCHNET_PLAIN_H
#define VCHNET_PLAIN_H

#include <stdbool.h>
#include <stdio.h>

struct session;

struct plain_opts {
	FILE *in, *out;
	bool drafts;                   /* offer, save and remove drafts */
	int width;                     /* wrap lines at words to this width; 0: never */
};

/* The wizard session s (see session.h: its plan, options, and an inventory to use
 * instead of connecting; set up by cmd_wizard) over o->in and o->out; returns the exit
 * code (0 saved, 1 stopped without saving, 128+N after signal N). s stays the
 * caller's. */
int plain_run(struct session *s, const struct plain_opts *o);

/* The steps plain mode has (WIZARD_STEP_BIT): every one. */
unsigned plain_steps(void);

/* The width plain mode wraps at on out: $COLUMNS, else the terminal's, else 80. */
int plain_width(FILE *out);

#endif
