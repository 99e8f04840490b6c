/* help: the wizard's help texts, in plain words for an administrator who has never set
 * up a VCH, shared by the curses help dialog (F1 or ?) and the plain mode ("?" at a
 * question). Each text ends with a pointer to the section of vchnet(1) that says more.
 *
 * Fields are named by their plan key without indexes ("networks.container.alias",
 * "networks.public.ip", "proxy.http"), so the screens and the plain mode ask for the
 * same text. All strings are static. */
#ifndef VCHNET_HELP_H
#define VCHNET_HELP_H

#include "wizard.h"

/* What the step is for and what to watch out for (several sentences). */
const char *help_step(enum wizard_step s);
/* The field's help, or NULL when there is none. */
const char *help_field(const char *key);
/* "vchnet(1), section CONTAINER NETWORKS" */
const char *help_manref(enum wizard_step s);
/* Every key of the wizard, one per line ("F10, Ctrl-N   next step"). */
const char *help_keys(void);
/* The plain mode's conventions (empty answer, ?, <, end of input). */
const char *help_plain(void);

#endif
