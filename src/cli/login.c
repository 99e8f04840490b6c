/* login: a logged-in session and an inventory for the CLI commands (see login.h). */
#include "login.h"

#include <stdio.h>
#include <stdlib.h>

#include "conn.h"
#include "err.h"
#include "inv.h"
#include "mem.h"
#include "sanitize.h"
#include "vsphere.h"

/* vsphere_free() that keeps the message of the failure it cleans up after (a logout may set
 * its own) */
static void free_keep_err(struct vsphere *vs)
{
	char *msg = xstrdup(err_msg());
	vsphere_free(vs);
	err_set("%s", msg);
	free(msg);
}

struct vsphere *login_session(struct conn *c, bool (*cancel)(void *arg), void *arg, int *code)
{
	struct vsphere *vs = vsphere_new(c);
	if (c->known_hosts_warning)
		fprintf(stderr, "vchnet: warning: %s\n", c->known_hosts_warning);
	if (cancel)
		vsphere_set_cancel(vs, cancel, arg);
	if (vsphere_connect(vs) < 0)
		goto fail;
	if (vsphere_trusted_by(vs) == VSPHERE_TRUST_INSECURE)
		fprintf(stderr,
			"vchnet: WARNING: --insecure: the certificate of %s was NOT verified "
			"(SHA-256 %s). Anyone on the network path could read the password and "
			"falsify the inventory.\n",
			san(c->host), vsphere_cert(vs) ? san(vsphere_cert(vs)->sha256) : "?");
	/* the password is read only once the server is trusted */
	if (conn_read_password(c, 0) < 0) {
		*code = EXIT_CONNECT;
		vsphere_free(vs);
		return NULL;
	}
	if (vsphere_login(vs, c->username, c->password) < 0)
		goto fail;
	return vs;
fail:
	*code = vsphere_status(vs) == VSPHERE_OK ? EXIT_PROBLEMS : vsphere_exit_code(vs);
	free_keep_err(vs);
	return NULL;
}

struct inv *login_open(struct conn *c, enum inv_scope scope, struct vsphere **keep,
		       bool (*cancel)(void *arg), int *code)
{
	if (keep)
		*keep = NULL;
	if (c->inventory) {
		struct inv *inv = inv_yaml_load(c->inventory);
		if (!inv)
			*code = EXIT_USAGE;
		return inv;
	}
	struct vsphere *vs = login_session(c, cancel, NULL, code);
	if (!vs)
		return NULL;
	struct inv *inv = inv_fetch(vs, keep != NULL, 0, scope);
	if (!inv) {
		*code = vsphere_status(vs) == VSPHERE_OK ? EXIT_PROBLEMS : vsphere_exit_code(vs);
		free_keep_err(vs);
		return NULL;
	}
	if (keep) {
		*keep = vs;
	} else {
		vsphere_logout(vs);
		vsphere_free(vs);
	}
	return inv;
}

/* AddressSanitizer builds free the model at once, to keep checking inv_free() */
#if defined(__SANITIZE_ADDRESS__)
#define FREE_AT_EXIT 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FREE_AT_EXIT 1
#endif
#endif

/* The model of a large inventory is millions of small allocations (2,500 hosts and
 * 40,000 VMs), and freeing them one by one only for the process to exit costs 0.05 s
 * and more after the output is complete. Once a command is done with it, the model is
 * kept here, reachable, so leak checkers do not count it, and the exit releases it. */
#ifdef FREE_AT_EXIT
void login_done(struct inv *inv)
{
	inv_free(inv);
}
#else
static struct inv *done_inv;

void login_done(struct inv *inv)
{
	inv_free(done_inv); /* a second command in one process: only the last is kept */
	done_inv = inv;
}
#endif
