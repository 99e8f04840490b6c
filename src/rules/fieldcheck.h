/* fieldcheck: "validated as typed" — the rules engine's verdict on one field of a plan,
 * for the wizard's edit dialogs (curses) and the plain mode's questions alike.
 *
 * Only findings about the field itself count: its syntax, and rules that the field
 * alone breaks (a reserved alias, an unroutable gateway, a range outside the gateway's
 * subnet). Rules that depend on a field the user has not reached yet (a gateway waiting
 * for its routes) are left to Next, where the whole plan is judged.
 *
 * Ownership: the returned message is the caller's (free()). */
#ifndef VCHNET_FIELDCHECK_H
#define VCHNET_FIELDCHECK_H

#include "plan.h"

/* The first error about the key path (and its elements: "networks.container[0].dns"
 * covers "...dns[1]"), as "message (hint)", or NULL when the field is fine. */
char *fieldcheck_error(const struct plan *p, const char *path);

#endif
