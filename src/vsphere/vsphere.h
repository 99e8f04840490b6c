/* vsphere: one session with vCenter or ESXi over HTTPS/SOAP (vim25).
 *
 * The steps are separate so that the wizard can show progress and let the user cancel
 * or decide about a certificate between them:
 *     vs = vsphere_new(&conn);                     settings copied, nothing sent yet
 *     vsphere_set_cancel(vs, fn, arg);             optional: polled during transfers
 *     vsphere_connect(vs);                         TLS handshake + trust, RetrieveServiceContent
 *       -> VSPHERE_ERR_UNTRUSTED: vsphere_cert(vs) has subject/issuer/validity/SHA-1/SHA-256;
 *          the UI may vsphere_trust_thumbprint(vs, cert->sha256) and vsphere_connect() again
 *     vsphere_login(vs, user, password);           only after trust is settled
 *     ... inv_fetch(), vsphere_enable_ruleset(), vsphere_add_dvportgroup() ...
 *     vsphere_free(vs);                            logs out (never cancelled) and frees
 *
 * The certificate check runs inside the TLS handshake, before any byte of a request is
 * sent: a pin (from --thumbprint, the environment, the plan or the known-hosts file)
 * that does not match the SHA-1 or SHA-256 of the leaf certificate is a hard error
 * naming both thumbprints, even when a CA vouches for the certificate (only a
 * thumbprint accepted with vsphere_trust_thumbprint() overrides it); otherwise a valid
 * CA chain with a matching name is accepted, or a matching pin rescues a certificate
 * no CA vouches for; --insecure accepts anything unpinned (loudly).
 *
 * No curl or libxml2 type appears here; the wizard may include this header.
 * Failing functions return -1 with err_set(); vsphere_status()/vsphere_exit_code() classify the
 * last failure. Strings returned by const accessors are borrowed from the session. */
#ifndef VCHNET_VSPHERE_H
#define VCHNET_VSPHERE_H

#include <stdbool.h>
#include <stddef.h>

#include "conn.h"
#include "tlstrust.h"

struct vsphere;

enum vsphere_status {
	VSPHERE_OK,
	VSPHERE_ERR_CONNECT,       /* network, DNS, timeout, HTTP error, TLS failure other than trust */
	VSPHERE_ERR_UNTRUSTED,     /* certificate not trusted and no pin */
	VSPHERE_ERR_PIN_MISMATCH,  /* a pin was given and the certificate does not match it */
	VSPHERE_ERR_LOGIN,         /* InvalidLogin */
	VSPHERE_ERR_NOT_AUTH,      /* NotAuthenticated: session expired or never logged in */
	VSPHERE_ERR_FAULT,         /* any other SOAP fault (NoPermission, NotFound, ...) */
	VSPHERE_ERR_PROTOCOL,      /* the answer is not what vim25 promises (malformed, hostile) */
	VSPHERE_ERR_CANCELLED,     /* the cancel callback asked to stop */
};

enum vsphere_trust {
	VSPHERE_TRUST_NONE,      /* not connected yet */
	VSPHERE_TRUST_CA,        /* CA chain and name verified */
	VSPHERE_TRUST_PIN,       /* rescued by a matching thumbprint */
	VSPHERE_TRUST_INSECURE,  /* --insecure: not verified */
};

/* Returns true to cancel the transfer in progress (e.g. the user pressed Esc). */
typedef bool (*vsphere_cancel_fn)(void *arg);

/* Copies what it needs from c (including the password when set, for re-login). */
struct vsphere *vsphere_new(const struct conn *c);
void vsphere_free(struct vsphere *vs);   /* logs out first when logged in; NULL is fine */

void vsphere_set_cancel(struct vsphere *vs, vsphere_cancel_fn fn, void *arg);
/* Size cap in bytes of the answers held whole before parsing: every answer but the
 * inventory's pages, which are parsed as they arrive and bounded by inv_fetch()
 * (default 16 MiB, or VCHNET_MAX_RESPONSE_MB). It bounds the memory they take. */
void vsphere_set_max_response(struct vsphere *vs, size_t bytes);
/* Trusts this thumbprint (normalised or not) for the rest of the session: "accept once". */
int vsphere_trust_thumbprint(struct vsphere *vs, const char *thumbprint);

int vsphere_connect(struct vsphere *vs);
/* The certificate the server presented in the last handshake, or NULL. */
const struct tls_cert_info *vsphere_cert(const struct vsphere *vs);
enum vsphere_trust vsphere_trusted_by(const struct vsphere *vs);

/* Logs in; keeps a wiped-on-free copy of the password for re-login after expiry
 * (dropped again when the server rejects it). */
int vsphere_login(struct vsphere *vs, const char *user, const char *password);
/* Logs in again with the held password (after VSPHERE_ERR_NOT_AUTH); -1 when none is held. */
int vsphere_relogin(struct vsphere *vs);
bool vsphere_logged_in(const struct vsphere *vs);
int vsphere_logout(struct vsphere *vs);

enum vsphere_status vsphere_status(const struct vsphere *vs);
/* EXIT_CONNECT, EXIT_UNTRUSTED or EXIT_PROBLEMS for the last failure. */
int vsphere_exit_code(const struct vsphere *vs);

/* From the ServiceContent (after vsphere_connect). */
const char *vsphere_api_type(const struct vsphere *vs);    /* VirtualCenter | HostAgent */
const char *vsphere_api_version(const struct vsphere *vs); /* "6.5", "8.0.2.0" */
const char *vsphere_about_name(const struct vsphere *vs);  /* fullName */
const char *vsphere_url(const struct vsphere *vs);
const char *vsphere_root_folder(const struct vsphere *vs);
const char *vsphere_property_collector(const struct vsphere *vs);
const char *vsphere_view_manager(const struct vsphere *vs);
/* HTTP requests sent by this session so far (for tests and benchmarks). */
unsigned vsphere_request_count(const struct vsphere *vs);

/* Firewall: EnableRuleset(ruleset) on a HostFirewallSystem moref value. */
int vsphere_enable_ruleset(struct vsphere *vs, const char *firewall_system, const char *ruleset);

/* Port groups: AddDVPortgroup_Task on a switch (moref type and value) with
 * one early-binding port group; vlan 0 = none. *task is the Task moref value. */
int vsphere_add_dvportgroup(struct vsphere *vs, const char *switch_type, const char *switch_id,
		       const char *name, int vlan, int num_ports, char **task);
/* Polls Task.info every poll_ms until success or error. progress (may be NULL) gets the
 * percentage when the server reports one. Returns 0 on success, -1 with the task's
 * error (or a transport error) otherwise. */
int vsphere_wait_task(struct vsphere *vs, const char *task, unsigned poll_ms,
		 void (*progress)(void *arg, int percent), void *arg);

/* The generic call for src/ modules (inv_fetch.c, ...): posts body (a full envelope)
 * and returns the parsed response document (an xmlDoc *, release with xmlFreeDoc()),
 * or NULL after err_set() with the fault mapped to a status. method names the call in
 * messages. Does not retry; see vsphere_call_relogin(). */
struct _xmlDoc;
struct _xmlDoc *vsphere_call(struct vsphere *vs, const char *method, const char *body, size_t len);
/* Like vsphere_call(), but after NotAuthenticated logs in again with the held password and
 * repeats the call once. Only for calls that do not depend on session-bound objects. */
struct _xmlDoc *vsphere_call_relogin(struct vsphere *vs, const char *method, const char *body, size_t len);
/* Marks the session state after a caller found NotAuthenticated inside a result
 * (vcsim reports it in missingSet). */
void vsphere_note_not_authenticated(struct vsphere *vs);

#endif
