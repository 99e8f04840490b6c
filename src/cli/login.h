/* login: what the CLI commands share to reach vSphere: a logged-in session for the
 * connection settings (certificate trust first, then the password, then the login),
 * and the inventory those settings point at (an --inventory snapshot or a live fetch).
 *
 * It prints the warnings a command owes its user on stderr (--insecure, known_hosts)
 * and turns failures into the program's exit codes (err.h), so it belongs to the CLI,
 * not to the core; the wizard connects through its own steps.
 *
 * Ownership: the caller frees what it gets (vsphere_free(), inv_free()). */
#ifndef VCHNET_LOGIN_H
#define VCHNET_LOGIN_H

#include <stdbool.h>

#include "inv.h" /* enum inv_scope */

struct conn;
struct vsphere;

/* A new logged-in session for the connection settings: connect (certificate
 * trust; a warning on stderr under --insecure), then read the password (only once the
 * server is trusted) and log in. cancel (may be NULL) is set on the session with
 * vsphere_set_cancel(). The caller vsphere_free()s it. NULL on failure with err_set() and *code set
 * to the exit code (EXIT_CONNECT, EXIT_UNTRUSTED, EXIT_PROBLEMS). */
struct vsphere *login_session(struct conn *c, bool (*cancel)(void *arg), void *arg, int *code);

/* The inventory the connection settings point at: the --inventory snapshot,
 * or a live fetch over login_session()'s session (cancel as there, arg NULL). With keep
 * (not NULL) the logged-in session is handed back in *keep (vsphere_free() it), else it is
 * logged out. NULL on failure with err_set() and *code set to the exit code
 * (EXIT_CONNECT, EXIT_UNTRUSTED, EXIT_PROBLEMS, EXIT_USAGE). */
struct inv *login_open(struct conn *c, enum inv_scope scope, struct vsphere **keep,
		       bool (*cancel)(void *arg), int *code);

/* The command is done with inv: freed in sanitizer builds, else kept for the exit to
 * release (see login.c). */
void login_done(struct inv *inv);

#endif
