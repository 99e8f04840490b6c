/* session: connecting, the scope a plan names, and the one resume walk, for both
 * faces (see session.h). */
#include "session.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draft.h"
#include "err.h"
#include "inv.h"
#include "mem.h"
#include "netpick.h"
#include "sanitize.h"
#include "vsphere.h"

void session_init(struct session *s, struct plan *plan, unsigned available)
{
	memset(s, 0, sizeof *s);
	wizard_init(&s->wz, plan, available);
}

void session_free(struct session *s)
{
	inv_free(s->inv);
	vsphere_free(s->vs);
	if (s->have_conn)
		conn_free(&s->conn);
	conn_opts_free(&s->copts);
	wizard_free(&s->wz);
	free(s->dc_id);
	memset(s, 0, sizeof *s);
}

static const char *first_set(const char *a, const char *b, const char *c, const char *d)
{
	return a && *a ? a : b && *b ? b : c && *c ? c : d && *d ? d : NULL;
}

const char *session_default_url(const struct session *s)
{
	const struct plan *p = s->wz.plan;

	/* the precedence of every command: option, environment, then the plan; once
	 * connected, the plan's target is what the user connected with */
	if (s->wz.connected)
		return p->target.url;
	return first_set(s->copts.url, getenv("VCHNET_URL"), getenv("GOVC_URL"), p->target.url);
}

const char *session_default_user(const struct session *s)
{
	const struct plan *p = s->wz.plan;

	if (s->wz.connected)
		return p->target.username;
	return first_set(s->copts.username, getenv("VCHNET_USERNAME"), getenv("GOVC_USERNAME"),
			 p->target.username);
}

static bool cancel_cb(void *arg)
{
	const struct session_ui *ui = arg;
	return ui->cancelled && ui->cancelled(ui->ctx);
}

static void phase(const struct session_ui *ui, const char *host, const char *what)
{
	if (ui->phase)
		ui->phase(ui->ctx, host, what);
}

static int fail_with(enum session_fail *fail, enum session_fail kind)
{
	if (fail)
		*fail = kind;
	return -1;
}

/* The failure of a connect in the user's words (err_set()). */
static int connect_error(struct vsphere *vs, const struct conn *c, enum session_fail *fail)
{
	char *why = xstrdup(err_msg());
	/* a transport failure's cause, without the "cannot talk to HOST:PORT" context */
	char *cause = xstrdup(err_kind() == ERR_TRANSPORT ? err_cause() : err_msg());
	enum session_fail kind = SESSION_FAIL_OTHER;

	switch (vsphere_status(vs)) {
	case VSPHERE_ERR_LOGIN:
		err_set("Wrong user name or password: vCenter refused the sign-in of %s. Check "
			"both and connect again.", c->username);
		kind = SESSION_FAIL_LOGIN;
		break;
	case VSPHERE_ERR_CANCELLED:
		err_set("Cancelled: not connected to %s.", c->host);
		kind = SESSION_FAIL_CANCELLED;
		break;
	case VSPHERE_ERR_CONNECT:
		/* the host said once */
		err_set("Cannot reach %s: %s", c->host, cause);
		break;
	case VSPHERE_ERR_PROTOCOL:
		err_set("%s does not answer like a vCenter Server: %s", c->host, why);
		break;
	case VSPHERE_ERR_PIN_MISMATCH:
		/* shorter than the library's message (one kind of thumbprint, said once),
		 * so the advice at its end still fits a screen */
		if (vsphere_cert(vs) && c->thumbprint && vsphere_cert(vs)->sha1 &&
		    vsphere_cert(vs)->sha256) {
			bool sha1 = strlen(c->thumbprint) < 64;
			err_set("Refused: the certificate of %s is not the expected one. %s pins "
				"%s %s, the server presented %s. If the certificate was replaced "
				"on purpose, check it and update the pin; otherwise someone may "
				"be intercepting the connection.", c->host,
				c->thumbprint_from ? c->thumbprint_from : "The pin",
				sha1 ? "SHA-1" : "SHA-256", c->thumbprint,
				sha1 ? vsphere_cert(vs)->sha1 : vsphere_cert(vs)->sha256);
		} else {
			err_set("%c%s", toupper((unsigned char)why[0]), why + 1);
		}
		break;
	default:
		err_set("Cannot connect to %s: %s", c->host, why);
		break;
	}
	free(why);
	free(cause);
	return fail_with(fail, kind);
}

/* The server's certificate is not trusted: asks, and on yes pins it (remembered in
 * known_hosts when asked) and connects again. */
static int trust_by_asking(struct vsphere *vs, const struct conn *c, const struct session_ui *ui,
			   enum session_fail *fail)
{
	struct tls_cert_info ci = {0};
	enum session_cert_answer answer;

	tlstrust_cert_copy(&ci, vsphere_cert(vs));
	answer = ui->certificate ? ui->certificate(ui->ctx, c->host, &ci) : SESSION_CERT_REJECT;
	if (answer == SESSION_CERT_REJECT) {
		tlstrust_cert_free(&ci);
		err_set("Certificate rejected: not connected to %s. If you did not expect a "
			"self-signed certificate, ask the vCenter administrator.", c->host);
		return fail_with(fail, SESSION_FAIL_REJECTED);
	}
	if (answer == SESSION_CERT_REMEMBER) {
		char *kh = c->known_hosts ? xstrdup(c->known_hosts) : tlstrust_default_known_hosts();
		if (!kh || tlstrust_known_hosts_add(kh, c->host, c->port, ci.sha256) < 0) {
			char *m = xasprintf("could not remember the certificate: %s",
					    kh ? err_msg() : "no home directory");
			if (ui->warning)
				ui->warning(ui->ctx, m);
			free(m);
			err_clear();
		}
		free(kh);
	}
	vsphere_trust_thumbprint(vs, ci.sha256);
	tlstrust_cert_free(&ci);
	phase(ui, c->host, "contacting the server");
	return vsphere_connect(vs);
}

int session_connect(struct session *s, const char *url, const char *user, const char *password,
		    const struct session_ui *ui, enum session_fail *fail)
{
	static const struct session_ui none = {0};
	struct plan *p = s->wz.plan;
	struct conn_opts o;
	struct conn c;
	struct vsphere *vs;
	struct inv *inv = NULL;
	int rc;

	if (!ui)
		ui = &none;
	if (fail)
		*fail = SESSION_FAIL_NONE;
	if (!url || !*url || !user || !*user) {
		err_set("Fill in %s before connecting.", !url || !*url ? "the vCenter address"
								: "the user name");
		return fail_with(fail, SESSION_FAIL_INPUT);
	}
	{
		/* the address as typed, checked first so the message speaks of the field, not
		 * of the --url option conn_resolve() would name */
		char *nu = NULL, *nh = NULL;
		int np;
		rc = conn_url_normalize(url, &nu, &nh, &np);
		free(nu);
		free(nh);
		if (rc < 0) {
			err_setk(ERR_USAGE, "The vCenter address is not valid: %s", err_cause());
			return fail_with(fail, SESSION_FAIL_INPUT);
		}
	}
	o = s->copts;
	o.url = (char *)(uintptr_t)url;
	o.username = (char *)(uintptr_t)user;
	memset(&c, 0, sizeof c);
	/* the plan's thumbprint (recorded by an earlier run) counts as a pin; a draft's
	 * does not: the certificate is asked about unless the user's own settings
	 * (known_hosts, --thumbprint, VCHNET_THUMBPRINT) trust it */
	struct conn_plan_target pt = {url, user, s->wz.draft_target ? NULL : p->target.thumbprint};
	if (conn_resolve(&c, &o, &pt, CONN_NO_PASSWORD_PROMPT) < 0) {
		return fail_with(fail, SESSION_FAIL_INPUT);
	}
	if (c.known_hosts_warning && ui->warning)
		ui->warning(ui->ctx, c.known_hosts_warning);
	if (password) {
		c.password = xstrdup(password);
	} else if (conn_read_password(&c, CONN_NO_PASSWORD_PROMPT) < 0 || !c.password) {
		err_clear();
		c.password = ui->password ? ui->password(ui->ctx, c.host, c.username) : NULL;
		if (!c.password) {
			conn_free(&c);
			err_set("Cancelled: no password given.");
			return fail_with(fail, SESSION_FAIL_CANCELLED);
		}
	}

	phase(ui, c.host, "contacting the server");
	vs = vsphere_new(&c);
	vsphere_set_cancel(vs, cancel_cb, (void *)(uintptr_t)ui);
	rc = vsphere_connect(vs);
	if (rc < 0 && vsphere_status(vs) == VSPHERE_ERR_UNTRUSTED && vsphere_cert(vs)) {
		enum session_fail why = SESSION_FAIL_NONE;
		rc = trust_by_asking(vs, &c, ui, &why);
		if (rc < 0 && why == SESSION_FAIL_REJECTED) {
			vsphere_free(vs);
			conn_free(&c);
			return fail_with(fail, why);
		}
	}
	if (rc == 0) {
		phase(ui, c.host, "signing in");
		rc = vsphere_login(vs, c.username, c.password);
	}
	if (rc == 0) {
		phase(ui, c.host, "reading the inventory");
		inv = inv_fetch(vs, true, 0, INV_SCOPE_ALL);
		if (!inv)
			rc = -1;
	}
	/* ui lives in the caller's frame: later calls on the session must not see it */
	vsphere_set_cancel(vs, NULL, NULL);
	if (rc < 0) {
		connect_error(vs, &c, fail);
		vsphere_free(vs);
		conn_free(&c);
		return -1;
	}
	/* vic-machine pins the server by its SHA-1 thumbprint: whatever trusted it here
	 * (known_hosts, --thumbprint, the plan, the user's yes), the plan records it, so
	 * render and deploy pass the same pin; a CA-signed server needs none */
	if (vsphere_trusted_by(vs) == VSPHERE_TRUST_CA)
		mem_set_str(&p->target.thumbprint, NULL);
	else if (vsphere_trusted_by(vs) == VSPHERE_TRUST_PIN && vsphere_cert(vs) && vsphere_cert(vs)->sha1)
		mem_set_str(&p->target.thumbprint, vsphere_cert(vs)->sha1);
	/* replace an earlier session */
	inv_free(s->inv);
	vsphere_free(s->vs);
	if (s->have_conn)
		conn_free(&s->conn);
	s->conn = c;
	s->have_conn = true;
	s->vs = vs;
	s->inv = inv;
	s->on_vcenter = vsphere_api_type(vs) && strcmp(vsphere_api_type(vs), "VirtualCenter") == 0;
	s->wz.connected = true;
	s->wz.draft_target = false; /* its thumbprint is now the one just verified */
	/* only what the user typed goes in the plan */
	mem_set_str(&p->target.url, url);
	mem_set_str(&p->target.username, user);
	return 0;
}

int session_use_snapshot(struct session *s)
{
	struct plan *p = s->wz.plan;
	const char *url = session_default_url(s), *user = session_default_user(s);

	if (!s->inv) {
		s->inv = inv_yaml_load(s->copts.inventory);
		if (!s->inv)
			return -1;
	}
	s->on_vcenter = s->inv->api_type && strcmp(s->inv->api_type, "VirtualCenter") == 0;
	/* the plan still names its vCenter: render and deploy need it */
	if (!p->target.url)
		mem_set_str(&p->target.url, url ? url : s->inv->source);
	if (!p->target.username)
		mem_set_str(&p->target.username, user);
	return 0;
}

char *session_connected_text(const struct session *s)
{
	return xasprintf("Connected to %s: %zu networks, %zu hosts, %zu datastores.",
			 s->have_conn ? s->conn.host : "?", s->inv ? s->inv->n_networks : 0,
			 s->inv ? s->inv->n_hosts : 0, s->inv ? s->inv->n_datastores : 0);
}

/* --- scope --- */

const struct inv_obj *session_datacenter(struct session *s)
{
	const struct plan *p = s->wz.plan;

	if (!s->inv)
		return NULL;
	if (!s->dc_id && p->target.datacenter) {
		const struct inv_obj *o = inv_find(s->inv, INV_DATACENTER, p->target.datacenter, NULL);
		err_clear();
		if (o)
			s->dc_id = xstrdup(o->id);
	}
	if (!s->dc_id && s->inv->n_datacenters > 0)
		s->dc_id = xstrdup(s->inv->datacenters[0].o.id);
	return s->dc_id ? inv_find_id(s->inv, s->dc_id) : NULL;
}

static const struct inv_obj *dc_of(const struct session *s)
{
	return s->inv && s->dc_id ? inv_find_id(s->inv, s->dc_id) : NULL;
}

const struct inv_obj *session_scope(const struct session *s)
{
	const struct plan *p = s->wz.plan;
	const struct inv_obj *dc = dc_of(s), *o;

	if (!s->inv || !p->target.compute_resource)
		return dc;
	o = inv_find(s->inv, INV_COMPUTE, p->target.compute_resource, dc ? dc->name : NULL);
	if (!o) {
		o = inv_find(s->inv, INV_POOL, p->target.compute_resource, dc ? dc->name : NULL);
		if (o) {
			const struct inv_pool *pool = (const struct inv_pool *)o;
			o = pool->owner ? inv_find_id(s->inv, pool->owner) : NULL;
		}
	}
	err_clear();
	return o ? o : dc;
}

const struct inv_compute *session_compute_of(const struct session *s, const char *id)
{
	const struct inv_obj *o = id && s->inv ? inv_find_id(s->inv, id) : NULL;

	if (o && o->kind == INV_POOL) {
		const struct inv_pool *pool = (const struct inv_pool *)o;
		o = pool->owner ? inv_find_id(s->inv, pool->owner) : NULL;
	}
	return o && o->kind == INV_COMPUTE ? (const struct inv_compute *)o : NULL;
}

const char *session_obj_id(const struct session *s, int kind, const char *what)
{
	const struct inv_obj *dc = dc_of(s), *o;

	if (!what || !s->inv)
		return NULL;
	o = inv_find(s->inv, (enum inv_kind)kind, what, dc ? dc->name : NULL);
	err_clear();
	return o ? o->id : NULL;
}

const char *session_datastore_id(const struct session *s, const char *store)
{
	const char *id = session_obj_id(s, INV_DATASTORE, store);
	const char *slash = store ? strchr(store, '/') : NULL;

	if (!id && slash && slash != store) {
		char *name = xstrndup(store, (size_t)(slash - store));
		id = session_obj_id(s, INV_DATASTORE, name);
		free(name);
	}
	return id;
}

static void place_add(struct session_places *p, const struct inv_obj *o, int depth)
{
	p->v = xrealloc(p->v, (p->n + 1) * sizeof *p->v);
	p->depth = xrealloc(p->depth, (p->n + 1) * sizeof *p->depth);
	p->v[p->n] = o;
	p->depth[p->n++] = depth;
}

void session_places_free(struct session_places *p)
{
	free(p->v);
	free(p->depth);
	memset(p, 0, sizeof *p);
}

static int pool_depth(const struct session *s, const struct inv_pool *pool, const char *root)
{
	int d = 1;
	const struct inv_obj *o = &pool->o;

	while (o && o->parent && (!root || strcmp(o->parent, root) != 0) && d < 8) {
		o = inv_find_id(s->inv, o->parent);
		if (!o || o->kind != INV_POOL)
			break;
		d++;
	}
	return d;
}

void session_computes(const struct session *s, struct session_places *out)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; s->inv && i < s->inv->n_computes; i++) {
		const struct inv_compute *c = &s->inv->computes[i];
		if (!s->dc_id || !c->o.datacenter || strcmp(c->o.datacenter, s->dc_id) != 0)
			continue;
		place_add(out, &c->o, 0);
		for (size_t k = 0; k < s->inv->n_pools; k++) {
			const struct inv_pool *pool = &s->inv->pools[k];
			if (!pool->owner || strcmp(pool->owner, c->o.id) != 0 ||
			    (c->root_pool && strcmp(pool->o.id, c->root_pool) == 0))
				continue;
			place_add(out, &pool->o, pool_depth(s, pool, c->root_pool));
		}
	}
}

static bool on_every_host(const struct session *s, const struct inv_compute *cr, const char *id);

void session_datastores(const struct session *s, const char *id, struct session_places *out)
{
	const struct inv_compute *cr = session_compute_of(s, id);

	memset(out, 0, sizeof *out);
	for (size_t i = 0; cr && i < s->inv->n_datastores; i++)
		if (on_every_host(s, cr, s->inv->datastores[i].o.id))
			place_add(out, &s->inv->datastores[i].o, 0);
}

/* Whether datastore id is mounted on every host of compute resource cr. */
static bool on_every_host(const struct session *s, const struct inv_compute *cr, const char *id)
{
	for (size_t i = 0; i < s->inv->n_datastores; i++) {
		const struct inv_datastore *d = &s->inv->datastores[i];
		bool all = cr->hosts.n > 0;
		if (strcmp(d->o.id, id) != 0)
			continue;
		for (size_t h = 0; h < cr->hosts.n && all; h++)
			all = strv_contains(&d->hosts, cr->hosts.v[h]);
		return all;
	}
	return false;
}

/* Whether the plan's port group pg (or network id) is a network of the datacenter. */
static bool network_here(const struct session *s, const char *pg, const char *id)
{
	size_t n;
	const struct inv_network **nets = netpick_sorted(s->inv, s->dc_id, &n);
	bool found = false;

	for (size_t i = 0; i < n && !found; i++)
		found = session_net_is(nets[i], pg, id);
	free(nets);
	return found;
}

const char *session_missing(struct session *s, enum wizard_step step)
{
	static char buf[512];
	const struct plan *p = s->wz.plan;

	if (!s->inv)
		return NULL;
	if (step == WIZARD_SCOPE) {
		const char *cid;
		if (p->target.datacenter && !session_obj_id(s, INV_DATACENTER, p->target.datacenter) &&
		    s->inv->n_datacenters > 1) {
			snprintf(buf, sizeof buf, "the plan's datacenter \"%s\" is not in this "
				 "vCenter; choose one from the list", p->target.datacenter);
			return buf;
		}
		session_datacenter(s);
		cid = session_obj_id(s, INV_COMPUTE, p->target.compute_resource);
		if (!cid)
			cid = session_obj_id(s, INV_POOL, p->target.compute_resource);
		if (p->target.compute_resource && !cid) {
			snprintf(buf, sizeof buf, "the plan's compute resource \"%s\" is not in this "
				 "datacenter; choose one from the list", p->target.compute_resource);
			return buf;
		}
		const struct inv_compute *cr = session_compute_of(s, cid);
		const char *ds = session_datastore_id(s, p->target.image_store);
		if (p->target.image_store && cr && (!ds || !on_every_host(s, cr, ds))) {
			snprintf(buf, sizeof buf, "the plan's image datastore \"%s\" is not on every "
				 "host of the compute resource; choose one from the list",
				 p->target.image_store);
			return buf;
		}
		return NULL;
	}
	if (step >= WIZARD_BRIDGE && step <= WIZARD_MANAGEMENT) {
		static const enum plan_role roles[] = {PLAN_ROLE_BRIDGE, PLAN_ROLE_PUBLIC,
						       PLAN_ROLE_CLIENT, PLAN_ROLE_MANAGEMENT};
		enum plan_role role = roles[step - WIZARD_BRIDGE];
		const char *pg, *id;
		if (role == PLAN_ROLE_BRIDGE) {
			pg = p->bridge.port_group;
			id = p->bridge.id;
		} else {
			pg = plan_role_const(p, role)->port_group;
			id = plan_role_const(p, role)->id;
		}
		session_datacenter(s);
		/* a bridge the wizard creates is not in the inventory yet */
		if (role == PLAN_ROLE_BRIDGE && p->bridge.create)
			return NULL;
		if ((pg || id) && !network_here(s, pg, id)) {
			snprintf(buf, sizeof buf, "the plan's %s port group \"%s\" is not in this "
				 "datacenter; choose one from the list", plan_role_name(role),
				 pg ? pg : id);
			return buf;
		}
	}
	return NULL;
}

/* --- drafts --- */

void session_take_draft(struct session *s, struct plan *p, const struct draft_info *info)
{
	plan_free(s->wz.plan);
	s->wz.plan = p;
	s->wz.draft_target = true;
	if (info->plan_path)
		mem_set_str(&s->wz.path, info->plan_path);
	/* the steps seen before: the resume walk passes the layout and pre-check only
	 * when the user saw them */
	s->wz.visited |= info->visited;
	s->resume_to = info->step;
	s->resume_draft = true;
}

/* --- the end of a session --- */

char *session_draft_outcome(const char *kept_path, const char *why_lost)
{
	if (kept_path)
		return xasprintf("your choices are kept in the draft %s ('vchnet wizard' offers "
				 "to resume it)", san(kept_path));
	return xasprintf("your choices are lost: %s",
			 why_lost ? san(why_lost) : "the draft could not be saved");
}

/* --- network choices --- */

bool session_net_is(const struct inv_network *n, const char *pg, const char *id)
{
	if (id && n->o.id && strcmp(id, n->o.id) == 0)
		return true;
	return pg && (strcmp(pg, n->o.name) == 0 || wizard_pg_is(pg, n->o.name) ||
		      (n->o.path && strcmp(pg, n->o.path) == 0));
}

void session_net_choices(struct session *s, enum plan_role role, const char *pg, const char *id,
			 struct session_net_choices *out)
{
	const struct inv_obj *scope = session_scope(s);
	size_t n;
	/* natural order, as every list of networks: DVPG2 before DVPG10 */
	const struct inv_network **sorted = netpick_sorted(s->inv, s->dc_id, &n);

	memset(out, 0, sizeof *out);
	out->current = out->suggested = -1;
	out->v = xcalloc(n + 1, sizeof *out->v);
	out->n = n;
	for (size_t i = 0; i < n; i++) {
		struct session_net_choice *c = &out->v[i];
		const struct inv_network *net = sorted[i];
		const struct inv_obj *sw = net->switch_id ? inv_find_id(s->inv, net->switch_id) : NULL;
		char reason[256], vlan[32];
		const char *why;

		c->net = net;
		c->vlan = netpick_vlan_of(net);
		why = wizard_network_reason(s->wz.plan, s->inv,
					    scope && scope->kind == INV_COMPUTE ? scope : NULL,
					    s->on_vcenter, role, net, reason, sizeof reason);
		c->why_not = why ? xstrdup(why) : NULL;
		c->hosts = inv_network_hosts_in(s->inv, net, scope, &c->hosts_total);
		c->type = inv_net_type_word(net);
		c->sw = sw ? sw->name : NULL;
		if (c->vlan == NETPICK_VLAN_TRUNK)
			snprintf(vlan, sizeof vlan, "trunk");
		else if (c->vlan > 0)
			snprintf(vlan, sizeof vlan, "VLAN %d", c->vlan);
		else
			snprintf(vlan, sizeof vlan, "no VLAN");
		/* who is on it already: "used by vch-02 (VCH)", "used by 4 VMs" */
		c->used_by = inv_used_by(s->inv, net);
		bool in_use = strcmp(c->used_by, "-") != 0;
		c->label = xasprintf("%s (%s%s%s, %s, on %d of %d hosts%s%s)", net->o.name, c->type,
				     sw ? " on " : "", sw ? sw->name : "", vlan, c->hosts, c->hosts_total,
				     in_use ? ", used by " : "", in_use ? c->used_by : "");
		c->hay = xasprintf("%s\t%s\t%s", net->o.name, sw ? sw->name : "", c->type);
		for (char *h = c->hay; *h; h++)
			*h = (char)tolower((unsigned char)*h);
		if ((pg || id) && out->current < 0 && session_net_is(net, pg, id))
			out->current = (long)i;
	}
	if (!pg && !id && n) {
		/* nothing chosen: a suggestion only where one is clearly right */
		bool *usable = xcalloc(n, sizeof *usable);
		const char **names = xcalloc(n, sizeof *names);
		for (size_t i = 0; i < n; i++) {
			usable[i] = out->v[i].why_not == NULL;
			names[i] = sorted[i]->o.name;
		}
		out->suggested = netpick_suggest(role, names, usable, n);
		free(usable);
		free(names);
	}
	free(sorted);
}

void session_net_choices_free(struct session_net_choices *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].label);
		free(c->v[i].why_not);
		free(c->v[i].hay);
		free(c->v[i].used_by);
	}
	free(c->v);
	memset(c, 0, sizeof *c);
}

/* --- resume --- */

static int resume_check(void *ctx, enum wizard_step step)
{
	const char *m = session_missing(ctx, step);
	return m ? err_set("%s", m) : 0;
}

enum session_resumed session_resume(struct session *s, char **msg)
{
	enum wizard_step to = s->resume_to;
	const char *host = s->have_conn ? s->conn.host : s->inv && s->inv->source ? s->inv->source
										: "the inventory";

	*msg = NULL;
	if (to == WIZARD_CONNECT)
		return SESSION_RESUME_NONE;
	s->resume_to = WIZARD_CONNECT;
	session_datacenter(s);
	int rc = wizard_resume(&s->wz, to, resume_check, s);
	if (rc != 0) {
		*msg = xasprintf("Resuming stopped at the %s step: %s", wizard_step_title(s->wz.step),
				 err_msg());
		return rc < 0 ? SESSION_RESUME_REFUSED : SESSION_RESUME_UNCHOSEN;
	}
	if (s->resume_draft)
		*msg = xasprintf("Resumed the draft at the %s step: every choice is kept and was "
				 "checked against %s.", wizard_step_title(s->wz.step), host);
	else
		*msg = xasprintf("Resumed %s: every choice checked against %s. Review the layout.",
				 s->wz.path ? s->wz.path : "the plan", host);
	return SESSION_RESUME_DONE;
}
