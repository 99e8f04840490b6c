/* session: one wizard session without a terminal, the core both faces (the curses
 * screens and plain mode) drive: the step machine and its plan, the connection
 * settings, the vSphere session and the inventory; connecting and trusting the server;
 * the scope a plan names, found in the inventory; the one resume walk.
 *
 * A face only asks, draws and passes answers. The questions the core must ask while it
 * works (is this certificate trusted? the password?) go through struct session_ui, in
 * the style of struct deploy_ui: the face answers them in its own way (a dialog, a
 * line of text) and the core does the same thing with the answer whichever face gave
 * it, so the plans the faces write are the same byte for byte.
 *
 * Ownership: session_init() takes the plan (through the wizard); session_free() frees
 * the wizard, the connection options, the connection, the vSphere session, the
 * inventory and the datacenter id. Returned strings are the caller's unless said. */
#ifndef VCHNET_SESSION_H
#define VCHNET_SESSION_H

#include <stdbool.h>

#include "conn.h"
#include "tlstrust.h"
#include "wizard.h"

struct inv;
struct inv_network;
struct inv_obj;
struct inv_compute;
struct vsphere;

struct session {
	struct wizard wz;
	struct conn_opts copts;  /* from the command line (owned) */
	struct conn conn;        /* the connection we are signed in with */
	bool have_conn;
	struct vsphere *vs;      /* signed in, or NULL (no connection, or a snapshot) */
	struct inv *inv;         /* the inventory, or NULL before connecting */
	char *dc_id;             /* the chosen datacenter's id, or NULL */
	bool on_vcenter;         /* the target is a vCenter (not a lone ESXi host) */
	enum wizard_step resume_to; /* after connecting, walk up to this step (WIZARD_CONNECT:
				     * nothing to resume) */
	bool resume_draft;       /* what is resumed is a draft (else the plan file) */
};

void session_init(struct session *s, struct plan *plan, unsigned available);
void session_free(struct session *s);

/* --- connecting --- */

enum session_cert_answer {
	SESSION_CERT_REJECT,
	SESSION_CERT_ONCE,       /* trust it for this session */
	SESSION_CERT_REMEMBER,   /* and add it to known_hosts */
};

/* The questions and news of session_connect(); every member may be NULL. */
struct session_ui {
	void *ctx;
	/* The certificate of host is not signed by a trusted authority: what to do. NULL
	 * rejects. */
	enum session_cert_answer (*certificate)(void *ctx, const char *host,
						const struct tls_cert_info *ci);
	/* No password was given nor found (--password-file, VCHNET_PASSWORD,
	 * GOVC_PASSWORD): the user's, or NULL to stop. Returned malloc'ed; the core wipes
	 * and frees it. */
	char *(*password)(void *ctx, const char *host, const char *user);
	/* What the connect does now ("contacting the server", "signing in", "reading
	 * the inventory"); the face shows progress. */
	void (*phase)(void *ctx, const char *host, const char *phase);
	/* Polled while waiting on the server: true stops the connect. */
	bool (*cancelled)(void *ctx);
	/* A warning worth showing (a known_hosts file that cannot be read, ...). */
	void (*warning)(void *ctx, const char *msg);
};

/* Why a connect failed, for a face that branches (which field to focus). */
enum session_fail {
	SESSION_FAIL_NONE,
	SESSION_FAIL_INPUT,      /* the address or user name is missing or not valid */
	SESSION_FAIL_REJECTED,   /* the user rejected the certificate */
	SESSION_FAIL_LOGIN,      /* wrong user name or password */
	SESSION_FAIL_CANCELLED,
	SESSION_FAIL_OTHER,      /* unreachable, not a vCenter, pin mismatch, ... */
};

/* Connects to url as user (password NULL: found as every command finds it, else asked
 * through ui), trusting the server by CA, by pin (--thumbprint, VCHNET_THUMBPRINT,
 * known_hosts, the plan's thumbprint unless the plan is a draft) or by asking
 * (ui->certificate); signs in and reads the inventory. On success replaces the
 * session's connection and inventory, writes the address and user name into the plan,
 * and the SHA-1 thumbprint vic-machine needs the same way whatever trusted the server
 * (none when a CA did). -1 with err_set() in words for the user, *fail says why. */
int session_connect(struct session *s, const char *url, const char *user, const char *password,
		    const struct session_ui *ui, enum session_fail *fail);

/* The address and user name to offer before connecting: once connected, what the
 * plan names; else the option, the environment (VCHNET_*, GOVC_*), then the plan.
 * Borrowed; NULL when none. */
const char *session_default_url(const struct session *s);
const char *session_default_user(const struct session *s);

/* Works from the inventory snapshot --inventory names instead of vCenter (loaded here
 * unless s->inv is set). The plan keeps naming its vCenter. -1 with err_set(). */
int session_use_snapshot(struct session *s);

/* "Connected to HOST: N networks, N hosts, N datastores." Caller frees. */
char *session_connected_text(const struct session *s);

/* --- scope --- */

/* The datacenter chosen (s->dc_id), else the plan's, else the first; sets s->dc_id. */
const struct inv_obj *session_datacenter(struct session *s);
/* The compute resource the plan names (a pool's owner), else the datacenter: the scope
 * for host counts. */
const struct inv_obj *session_scope(const struct session *s);
/* The compute resource of the inventory object id (a pool's owner), or NULL. */
const struct inv_compute *session_compute_of(const struct session *s, const char *id);
/* The id of the object of kind k the plan calls what in the datacenter, or NULL. */
const char *session_obj_id(const struct session *s, int kind, const char *what);

/* The id of the datastore of an image store ("datastore" or "datastore/path", as
 * vic-machine takes it), or NULL. */
const char *session_datastore_id(const struct session *s, const char *store);

/* The places a scope step lists: compute resources and resource pools, or datastores.
 * The objects are borrowed from the inventory; a face words them itself. */
struct session_places {
	const struct inv_obj **v;
	int *depth;      /* 0: a cluster, a host or a datastore; 1..: a pool's nesting */
	size_t n;
};
/* The datacenter's clusters and standalone hosts, each followed by its resource
 * pools (not the hidden root pool), nested. */
void session_computes(const struct session *s, struct session_places *out);
/* The datastores every host of the compute resource (or pool) id mounts: the only
 * ones an image store can be on. */
void session_datastores(const struct session *s, const char *id, struct session_places *out);
void session_places_free(struct session_places *p);

/* What the plan names for step s that this inventory lacks, in one sentence for
 * "Cannot continue: " (static), or NULL when every named object is here. */
const char *session_missing(struct session *s, enum wizard_step step);

/* --- drafts --- */

struct draft_info;
/* Resumes the draft at path (taken) with plan p (taken) and info: the plan replaces
 * the session's, its thumbprint trusts no server (a draft pins nothing), and after
 * connecting session_resume() walks to the draft's step. */
void session_take_draft(struct session *s, struct plan *p, const struct draft_info *info);

/* --- the end of a session --- */

/* What happened to the choices of a session that ends without the plan saved, in the
 * words both faces use after their own lead ("interrupted; ", "Input ended before the
 * plan was saved; "): kept in the draft kept_path, or (kept_path NULL) lost, why_lost
 * saying why. Caller frees. */
char *session_draft_outcome(const char *kept_path, const char *why_lost);

/* --- network choices --- */

/* One network as a face lists it for a role. */
struct session_net_choice {
	const struct inv_network *net; /* borrowed from the inventory */
	char *label;     /* "NAME (distributed on DVS0, VLAN 10, on 2 of 3 hosts, used by
			  * vch-02 (VCH))" */
	char *why_not;   /* NULL: it can serve the role; else why not (after "cannot be
			  * used: ") */
	char *hay;       /* what a filter searches: lower-case name, switch, kind */
	int vlan;        /* netpick_vlan_of() */
	const char *type;     /* inv_net_type_word(): "standard", "distributed", "NSX" */
	const char *sw;       /* its switch's name, or NULL (borrowed from the inventory) */
	int hosts, hosts_total; /* inv_network_hosts_in() the scope */
	char *used_by;        /* inv_used_by(): "vch-02 (VCH)", "4 VMs" or "-" */
};

struct session_net_choices {
	struct session_net_choice *v;
	size_t n;
	long current;    /* the plan's choice (pg or id given), or -1 */
	long suggested;  /* nothing chosen: the suggestion (netpick_suggest), or -1 */
};

/* The datacenter's networks for role (PLAN_ROLE_COUNT: a container network) in
 * natural order, each with why it cannot serve, and which is the plan's choice pg/id
 * (or, without one, the suggestion). Freed by session_net_choices_free(). */
void session_net_choices(struct session *s, enum plan_role role, const char *pg, const char *id,
			 struct session_net_choices *out);
void session_net_choices_free(struct session_net_choices *c);
/* Whether n is the network a plan names by port group pg (name, path or another
 * spelling wizard_pg_is() accepts) or by id. */
bool session_net_is(const struct inv_network *n, const char *pg, const char *id);

/* --- resume --- */

/* After connecting: the one resume walk. Passes every step up to s->resume_to that
 * the plan fills, that no error blocks and whose named objects this inventory has
 * (wizard_resume with session_missing), and clears s->resume_to. *msg (the caller's,
 * NULL for NONE) says what happened for the user; where it stopped, err_msg() says
 * why in the words Next uses. */
enum session_resumed {
	SESSION_RESUME_NONE,      /* nothing to resume */
	SESSION_RESUME_DONE,      /* at the step asked for */
	SESSION_RESUME_UNCHOSEN,  /* stopped on a step the plan makes no choice on yet */
	SESSION_RESUME_REFUSED,   /* stopped on a step that refuses Next */
};
enum session_resumed session_resume(struct session *s, char **msg);

#endif
