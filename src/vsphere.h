/* vsphere: one session with vCenter or ESXi over HTTPS/SOAP (vim25).
 *
 * The steps are separate so that the wizard can show progress and let the user cancel
 * or decide about a certificate between them:
 *     vs = vs_new(&conn);                     settings copied, nothing sent yet
 *     vs_set_cancel(vs, fn, arg);             optional: polled during transfers
 *     vs_connect(vs);                         TLS handshake + trust, RetrieveServiceContent
 *       -> VS_ERR_UNTRUSTED: vs_cert(vs) has subject/issuer/validity/SHA-1/SHA-256;
 *          the UI may vs_trust_thumbprint(vs, cert->sha256) and vs_connect() again
 *     vs_login(vs, user, password);           only after trust is settled
 *     ... inv_fetch(), vs_enable_ruleset(), vs_add_dvportgroup() ...
 *     vs_free(vs);                            logs out (never cancelled) and frees
 *
 * The certificate check runs inside the TLS handshake, before any byte of a request is
 * sent: a valid CA chain with a matching name is accepted; otherwise a pin (from
 * --thumbprint, the environment, the plan or the known-hosts file) that matches the
 * SHA-1 or SHA-256 of the leaf certificate rescues it; a pin that does not match is a
 * hard error naming both thumbprints; --insecure accepts anything (loudly).
 *
 * No curl or libxml2 type appears here; the wizard may include this header.
 * Failing functions return -1 with err_set(); vs_status()/vs_exit_code() classify the
 * last failure. Strings returned by const accessors are borrowed from the session. */
#ifndef VCHNET_VSPHERE_H
#define VCHNET_VSPHERE_H

#include <stdbool.h>
#include <stddef.h>

#include "conn.h"
#include "tlstrust.h"

struct vs;

enum vs_status {
	VS_OK,
	VS_ERR_CONNECT,       /* network, DNS, timeout, HTTP error, TLS failure other than trust */
	VS_ERR_UNTRUSTED,     /* certificate not trusted and no pin */
	VS_ERR_PIN_MISMATCH,  /* a pin was given and the certificate does not match it */
	VS_ERR_LOGIN,         /* InvalidLogin */
	VS_ERR_NOT_AUTH,      /* NotAuthenticated: session expired or never logged in */
	VS_ERR_FAULT,         /* any other SOAP fault (NoPermission, NotFound, ...) */
	VS_ERR_PROTOCOL,      /* the answer is not what vim25 promises (malformed, hostile) */
	VS_ERR_CANCELLED,     /* the cancel callback asked to stop */
};

enum vs_trust {
	VS_TRUST_NONE,      /* not connected yet */
	VS_TRUST_CA,        /* CA chain and name verified */
	VS_TRUST_PIN,       /* rescued by a matching thumbprint */
	VS_TRUST_INSECURE,  /* --insecure: not verified */
};

/* Returns true to cancel the transfer in progress (e.g. the user pressed Esc). */
typedef bool (*vs_cancel_fn)(void *arg);

/* Copies what it needs from c (including the password when set, for re-login). */
struct vs *vs_new(const struct conn *c);
void vs_free(struct vs *vs);   /* logs out first when logged in; NULL is fine */

void vs_set_cancel(struct vs *vs, vs_cancel_fn fn, void *arg);
/* Response size cap in bytes (default 256 MiB, or VCHNET_MAX_RESPONSE_MB). The whole
 * response is held in memory before parsing, so the cap bounds memory too. */
void vs_set_max_response(struct vs *vs, size_t bytes);
/* Trusts this thumbprint (normalised or not) for the rest of the session: "accept once". */
int vs_trust_thumbprint(struct vs *vs, const char *thumbprint);

int vs_connect(struct vs *vs);
/* The certificate the server presented in the last handshake, or NULL. */
const struct tls_cert_info *vs_cert(const struct vs *vs);
enum vs_trust vs_trusted_by(const struct vs *vs);

/* Logs in; keeps a wiped-on-free copy of the password for re-login after expiry
 * (dropped again when the server rejects it). */
int vs_login(struct vs *vs, const char *user, const char *password);
/* Logs in again with the held password (after VS_ERR_NOT_AUTH); -1 when none is held. */
int vs_relogin(struct vs *vs);
bool vs_logged_in(const struct vs *vs);
int vs_logout(struct vs *vs);

enum vs_status vs_status(const struct vs *vs);
/* EXIT_CONNECT, EXIT_UNTRUSTED or EXIT_PROBLEMS for the last failure. */
int vs_exit_code(const struct vs *vs);

/* From the ServiceContent (after vs_connect). */
const char *vs_api_type(const struct vs *vs);    /* VirtualCenter | HostAgent */
const char *vs_api_version(const struct vs *vs); /* "6.5", "8.0.2.0" */
const char *vs_about_name(const struct vs *vs);  /* fullName */
const char *vs_url(const struct vs *vs);
const char *vs_root_folder(const struct vs *vs);
const char *vs_property_collector(const struct vs *vs);
const char *vs_view_manager(const struct vs *vs);
/* HTTP requests sent by this session so far (for tests and benchmarks). */
unsigned vs_request_count(const struct vs *vs);

/* Firewall (issue 5): EnableRuleset(ruleset) on a HostFirewallSystem moref value. */
int vs_enable_ruleset(struct vs *vs, const char *firewall_system, const char *ruleset);

/* Port groups (issue 8): AddDVPortgroup_Task on a switch (moref type and value) with
 * one early-binding port group; vlan 0 = none. *task is the Task moref value. */
int vs_add_dvportgroup(struct vs *vs, const char *switch_type, const char *switch_id,
		       const char *name, int vlan, int num_ports, char **task);
/* Polls Task.info every poll_ms until success or error. progress (may be NULL) gets the
 * percentage when the server reports one. Returns 0 on success, -1 with the task's
 * error (or a transport error) otherwise. */
int vs_wait_task(struct vs *vs, const char *task, unsigned poll_ms,
		 void (*progress)(void *arg, int percent), void *arg);

/* The generic call for src/ modules (inv_fetch.c, ...): posts body (a full envelope)
 * and returns the parsed response document (an xmlDoc *, release with xmlFreeDoc()),
 * or NULL after err_set() with the fault mapped to a status. method names the call in
 * messages. Does not retry; see vs_call_relogin(). */
struct _xmlDoc;
struct _xmlDoc *vs_call(struct vs *vs, const char *method, const char *body, size_t len);
/* Like vs_call(), but after NotAuthenticated logs in again with the held password and
 * repeats the call once. Only for calls that do not depend on session-bound objects. */
struct _xmlDoc *vs_call_relogin(struct vs *vs, const char *method, const char *body, size_t len);
/* Marks the session state after a caller found NotAuthenticated inside a result
 * (vcsim reports it in missingSet). */
void vs_note_not_authenticated(struct vs *vs);

#endif
