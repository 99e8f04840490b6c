/* help: the wizard's help texts, in plain words for an administrator who has never set
 * up a VCH, shared by the curses help dialog (F1 or ?) and the plain mode ("?" at a
 * question). Each text ends with a pointer to the section of vchnet(1) that says more.
 *
 * Fields are named by their plan key without indexes ("networks.container.alias",
 * "networks.public.ip", "proxy.http"), so the screens and the plain mode ask for the
 * same text. All strings are static. */
#ifndef VCHNET_HELP_H
#define VCHNET_HELP_H

#include <stdbool.h>

#include "wizard.h"

/* What the step is for and what to watch out for (several sentences). */
const char *help_step(enum wizard_step s);
/* The field's help, or NULL when there is none. */
const char *help_field(const char *key);
/* "vchnet(1), section CONTAINER NETWORKS" */
const char *help_manref(enum wizard_step s);
/* The wizard's keys, one table read by the F1 key list, the footer of the screens and
 * "vchnet wizard --help", so the three always agree. A row leaves out the views it
 * has no part in (NULL). */
struct help_key {
	const char *keys;         /* key list: "F10, Ctrl-N" */
	const char *what;         /* key list: "next step (refused, ...)" */
	const char *brief_keys;   /* --help: "F10 or Ctrl-N"; NULL: not there */
	const char *brief;        /* --help: "next" */
	const char *footer_key;   /* footer outside text fields: "F10/^N"; NULL: not there */
	const char *footer_key_in_text; /* footer in a text field; NULL: not shown there */
	const char *footer;       /* footer: "next" */
	bool footer_with_findings; /* in the footer only on a step that has findings */
};
extern const struct help_key help_key_table[];
extern const size_t help_n_keys;

/* Every key of the wizard, one per line ("F10, Ctrl-N   next step"), then how drafts
 * are kept. Built from help_key_table on first use; owned by this module. */
const char *help_keys(void);
/* The keys in one sentence for --help, "Keys: Tab/Shift-Tab and arrows move, ...",
 * wrapped to lines of at most width columns, each ending in a newline. Caller frees. */
char *help_keys_brief(int width);
/* The plain mode's conventions (empty answer, ?, <, end of input). */
const char *help_plain(void);

#endif
