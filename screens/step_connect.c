/* step_connect: vCenter address, user name, password; connecting with a progress box
 * (Esc cancels), the certificate dialog when the server is not trusted, and errors in
 * plain words that stay on the screen. */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "mem.h"
#include "sanitize.h"
#include "screens.h"
#include "tlstrust.h"
#include "vsphere.h"

enum { W_URL = 1, W_USER, W_PASS, W_CONNECT };

struct priv {
	char *error;     /* the last failure, kept on screen */
	char *phase;     /* progress status */
	char *url_in, *user_in; /* the fields as they were for the session we hold */
};

static const char *first_set(const char *a, const char *b, const char *c, const char *d)
{
	return a && *a ? a : b && *b ? b : c && *c ? c : d && *d ? d : NULL;
}

static void enter(struct app *a)
{
	struct priv *p = xcalloc(1, sizeof *p);
	const struct plan *pl = a->wz.plan;
	/* the precedence of every command: option, environment, then the plan; once
	 * connected, the plan's target is what the user connected with */
	const char *url = a->have_conn ? pl->target.url
				       : first_set(a->copts.url, getenv("VCHNET_URL"),
						   getenv("GOVC_URL"), pl->target.url);
	const char *user = a->have_conn ? pl->target.username
					: first_set(a->copts.username, getenv("VCHNET_USERNAME"),
						    getenv("GOVC_USERNAME"), pl->target.username);
	struct widget *w;

	a->priv = p;
	w = form_add(&a->form, widget_field_new(W_URL, "vCenter:", url, false));
	w->label_w = 11;
	w->placeholder = xstrdup("e.g. vcenter.example.com");
	app_field_help(w, "The address of the vCenter Server: a host name or IP address, "
			  "optionally with a port, or the full https://host/sdk URL. vchnet "
			  "only talks HTTPS.");
	w = form_add(&a->form, widget_field_new(W_USER, "User name:", user, false));
	w->label_w = 11;
	w->placeholder = xstrdup("e.g. administrator@vsphere.local");
	app_field_help(w, "A vCenter user that can read the inventory, for example "
			  "administrator@vsphere.local. The plan records the user name, never "
			  "the password.");
	w = form_add(&a->form, widget_field_new(W_PASS, "Password:", a->prefill_password, true));
	w->label_w = 11;
	app_field_help(w, "The password of that user. It is only kept in memory while the "
			  "wizard runs and is never written to the plan or the log.");
	w = form_add(&a->form, widget_button_new(W_CONNECT, "Connect"));
	app_field_help(w, "Connects, checks the server's certificate, signs in and reads the "
			  "inventory (networks, hosts and datastores).");
	if (a->wz.connected) {
		p->url_in = xstrdup(widget_field_get(form_find(&a->form, W_URL)));
		p->user_in = xstrdup(widget_field_get(form_find(&a->form, W_USER)));
	}
	app_tip(a, "Fill in the address, user name and password; then Enter or F10 connects.");
	if (url && user && a->prefill_password)
		form_focus(&a->form, w);
	else if (url && user)
		form_focus(&a->form, form_find(&a->form, W_PASS));
	else if (url)
		form_focus(&a->form, form_find(&a->form, W_USER));
}

static void leave(struct app *a)
{
	struct priv *p = a->priv;
	free(p->error);
	free(p->phase);
	free(p->url_in);
	free(p->user_in);
	free(p);
}

static void layout(struct app *a)
{
	int x = a->bx + 1, w = a->bw - 2;
	if (w > 60)
		w = 60;
	widget_place(form_find(&a->form, W_URL), a->by + 4, x, w, 1);
	widget_place(form_find(&a->form, W_USER), a->by + 6, x, w, 1);
	widget_place(form_find(&a->form, W_PASS), a->by + 8, x, w, 1);
	widget_place(form_find(&a->form, W_CONNECT), a->by + 10, x + 11, 14, 1);
}

static void paint(struct app *a)
{
	struct priv *p = a->priv;
	char **lines;
	size_t n = theme_wrap(wizard_step_intro(WIZARD_CONNECT), a->bw - 2, &lines);
	int y = a->by + 1;

	theme_put(stdscr, a->by, a->bx + 1, a->bw - 2, ROLE_HEADING, "Connect to vCenter", true);
	for (size_t i = 0; i < n && i < 2; i++)
		theme_put(stdscr, y++, a->bx + 1, a->bw - 2, ROLE_NORMAL, lines[i], true);
	theme_free_lines(lines, n);
	y = a->by + 12;
	if (a->wz.connected && a->vs) {
		char *s = xasprintf("Connected to %s (%s %s) as %s. Press F10 to continue.",
				    san(a->conn.host),
				    vsphere_about_name(a->vs) ? san(vsphere_about_name(a->vs)) : "vCenter",
				    san(vsphere_api_version(a->vs)), san(a->conn.username));
		n = theme_wrap(s, a->bw - 2, &lines);
		for (size_t i = 0; i < n && y < a->by + a->bh; i++)
			theme_put(stdscr, y++, a->bx + 1, a->bw - 2, ROLE_OK, lines[i], true);
		theme_free_lines(lines, n);
		free(s);
	}
	if (p->error) {
		n = theme_wrap(p->error, a->bw - 2, &lines);
		for (size_t i = 0; i < n && y < a->by + a->bh; i++)
			theme_put(stdscr, y++, a->bx + 1, a->bw - 2, ROLE_ERROR, lines[i], true);
		theme_free_lines(lines, n);
	}
}

static void sync(struct app *a)
{
	const char *url = widget_field_get(form_find(&a->form, W_URL));
	const char *user = widget_field_get(form_find(&a->form, W_USER));
	struct plan *pl = a->wz.plan;

	/* only what the user typed: an empty field leaves the plan's key absent */
	if (*url || pl->target.url)
		mem_set_str(&pl->target.url, *url ? url : NULL);
	if (*user || pl->target.username)
		mem_set_str(&pl->target.username, *user ? user : NULL);
}

struct progress_ctx {
	struct dialog_progress *dlg;
	const char *phase;
};

static bool cancel_cb(void *arg)
{
	struct progress_ctx *pc = arg;
	return dialog_progress_poll(pc->dlg, pc->phase);
}

static void set_error(struct app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void set_error(struct app *a, const char *fmt, ...)
{
	struct priv *p = a->priv;
	va_list ap;
	char *msg;
	free(p->error);
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	/* one message, shown wrapped: a name or a server's answer in it may hold a LF */
	p->error = san_dup(msg, SAN_DISPLAY);
	free(msg);
	app_status(a, ROLE_ERROR, "Not connected: see the message above.");
}

/* The certificate dialog. Returns 0 reject, 1 accept once, 2 accept and remember. */
static int ask_certificate(const char *host, const struct tls_cert_info *ci)
{
	static const char *const labels[] = {"Reject", "Accept once", "Accept and remember"};
	/* 32 pairs do not fit the box: two lines of 16, broken after a colon, so the
	 * wrapping never splits a pair */
	char sha256[128];
	const char *h = ci->sha256 ? ci->sha256 : "?";
	if (strlen(h) == 95)
		snprintf(sha256, sizeof sha256, "%.48s\n%s", h, h + 48);
	else
		snprintf(sha256, sizeof sha256, "%s", h);
	char *text = xasprintf(
		"The certificate of %s is not signed by an authority this computer trusts. "
		"Before you accept it, compare its fingerprint with the one your vCenter "
		"administrator sees (vCenter shows it on its web page).\n\n"
		"Subject: %s\nIssuer:  %s\nValid:   %s to %s\nSHA-256:\n%s\nSHA-1:\n%s",
		host, ci->subject ? ci->subject : "?", ci->issuer ? ci->issuer : "?",
		ci->not_before ? ci->not_before : "?", ci->not_after ? ci->not_after : "?",
		sha256, ci->sha1 ? ci->sha1 : "?");
	int r = dialog_choice("Untrusted certificate", text, labels, 3, 0);
	free(text);
	return r < 0 ? 0 : r;
}

static void do_connect(struct app *a)
{
	struct conn_opts o;
	struct conn c;
	struct vsphere *vs;
	struct progress_ctx pc = {0};
	const char *url = widget_field_get(form_find(&a->form, W_URL));
	const char *user = widget_field_get(form_find(&a->form, W_USER));
	const char *pass = widget_field_get(form_find(&a->form, W_PASS));
	struct priv *p = a->priv;
	struct inv *inv;
	char *msg;
	int rc;
	unsigned ignored = 0;    /* keys typed under the progress box */

	free(p->error);
	p->error = NULL;
	if (!*url || !*user || !*pass) {
		set_error(a, "Fill in %s before connecting.",
			  !*url ? "the vCenter address" : !*user ? "the user name" : "the password");
		form_focus(&a->form, form_find(&a->form, !*url ? W_URL : !*user ? W_USER : W_PASS));
		return;
	}
	o = a->copts;
	o.url = (char *)(uintptr_t)url;
	o.username = (char *)(uintptr_t)user;
	memset(&c, 0, sizeof c);
	/* the plan's thumbprint (recorded by an earlier run) counts as a pin; a draft's
	 * does not: the certificate is asked about unless the user's own settings
	 * (known_hosts, --thumbprint, VCHNET_THUMBPRINT) trust it */
	struct conn_plan_target pt = {url, user,
				      a->wz.draft_target ? NULL : a->wz.plan->target.thumbprint};
	if (conn_resolve(&c, &o, &pt, CONN_NO_PASSWORD_PROMPT) < 0) {
		/* the messages name command-line options; here they are fields */
		const char *m = err_msg();
		if (strncmp(m, "--url: ", 7) == 0)
			set_error(a, "The vCenter address is not valid: %s", m + 7);
		else if (strncmp(m, "--username: ", 12) == 0)
			set_error(a, "The user name is not valid: %s", m + 12);
		else
			set_error(a, "%s", m);
		return;
	}
	c.password = xstrdup(pass);
	if (c.known_hosts_warning) {
		ui_log("warning: %s", c.known_hosts_warning);
		app_status(a, ROLE_WARNING, "Warning: %s", c.known_hosts_warning);
		a->status_pending = true;
	}

	msg = xasprintf("Connecting to %s ...", c.host);
	pc.dlg = dialog_progress_start("Connecting", msg, true);
	pc.phase = "contacting the server";
	vs = vsphere_new(&c);
	vsphere_set_cancel(vs, cancel_cb, &pc);
	rc = vsphere_connect(vs);
	if (rc < 0 && vsphere_status(vs) == VSPHERE_ERR_UNTRUSTED && vsphere_cert(vs)) {
		struct tls_cert_info ci = {0};
		tlstrust_cert_copy(&ci, vsphere_cert(vs));
		ignored += dialog_progress_end(pc.dlg);
		pc.dlg = NULL;
		int answer = ask_certificate(c.host, &ci);
		if (answer == 0) {
			set_error(a, "Certificate rejected: not connected to %s. If you did not "
				  "expect a self-signed certificate, ask the vCenter administrator.",
				  c.host);
			tlstrust_cert_free(&ci);
			vsphere_free(vs);
			conn_free(&c);
			free(msg);
			return;
		}
		if (answer == 2) {
			char *kh = c.known_hosts ? xstrdup(c.known_hosts) : tlstrust_default_known_hosts();
			if (!kh || tlstrust_known_hosts_add(kh, c.host, c.port, ci.sha256) < 0)
				app_status(a, ROLE_WARNING, "Could not remember the certificate: %s",
					   kh ? err_msg() : "no home directory");
			free(kh);
		}
		vsphere_trust_thumbprint(vs, ci.sha256);
		/* vic-machine pins the server by its SHA-1 thumbprint */
		mem_set_str(&a->wz.plan->target.thumbprint, ci.sha1);
		tlstrust_cert_free(&ci);
		pc.dlg = dialog_progress_start("Connecting", msg, true);
		rc = vsphere_connect(vs);
	}
	if (rc == 0) {
		pc.phase = "signing in";
		rc = vsphere_login(vs, c.username, c.password);
	}
	inv = NULL;
	if (rc == 0) {
		pc.phase = "reading the inventory";
		inv = inv_fetch(vs, true, 0, INV_SCOPE_ALL);
		if (!inv)
			rc = -1;
	}
	ignored += dialog_progress_end(pc.dlg);
	/* pc lives on this stack frame: later calls on the session must not see it */
	vsphere_set_cancel(vs, NULL, NULL);
	free(msg);
	if (rc < 0) {
		enum vsphere_status st = vsphere_status(vs);
		char *why = xstrdup(err_msg());
		switch (st) {
		case VSPHERE_ERR_LOGIN:
			set_error(a, "Wrong user name or password: vCenter refused the sign-in of "
				  "%s. Check both and choose Connect again.", c.username);
			form_focus(&a->form, form_find(&a->form, W_PASS));
			break;
		case VSPHERE_ERR_CANCELLED:
			set_error(a, "Cancelled: not connected to %s.", c.host);
			break;
		case VSPHERE_ERR_CONNECT: {
			/* a transport failure's cause without "cannot talk to HOST:PORT": the
			 * host said once */
			set_error(a, "Cannot reach %s: %s", c.host,
				  err_kind() == ERR_TRANSPORT ? err_cause() : why);
			break;
		}
		case VSPHERE_ERR_PROTOCOL:
			set_error(a, "%s does not answer like a vCenter Server: %s", c.host, why);
			break;
		case VSPHERE_ERR_PIN_MISMATCH:
			/* shorter than the library's message (one kind of thumbprint, said
			 * once), so the advice at its end still fits the screen */
			if (vsphere_cert(vs) && c.thumbprint && vsphere_cert(vs)->sha1 && vsphere_cert(vs)->sha256) {
				bool sha1 = strlen(c.thumbprint) < 64;
				set_error(a, "Refused: the certificate of %s is not the expected one. "
					  "%s pins %s %s, the server presented %s. If the "
					  "certificate was replaced on purpose, check it and update "
					  "the pin; otherwise someone may be intercepting the "
					  "connection.", c.host,
					  c.thumbprint_from ? c.thumbprint_from : "The pin",
					  sha1 ? "SHA-1" : "SHA-256", c.thumbprint,
					  sha1 ? vsphere_cert(vs)->sha1 : vsphere_cert(vs)->sha256);
			} else {
				set_error(a, "%c%s", toupper((unsigned char)why[0]), why + 1);
			}
			break;
		default:
			set_error(a, "Cannot connect to %s: %s", c.host, why);
			break;
		}
		free(why);
		if (ignored)
			app_status(a, ROLE_ERROR, "Not connected: see the message above. Keys typed "
				   "while connecting were ignored.");
		vsphere_free(vs);
		conn_free(&c);
		return;
	}
	if (vsphere_trusted_by(vs) == VSPHERE_TRUST_CA)
		mem_set_str(&a->wz.plan->target.thumbprint, NULL);
	else if (vsphere_trusted_by(vs) == VSPHERE_TRUST_PIN && vsphere_cert(vs) && vsphere_cert(vs)->sha1)
		/* pinned (known_hosts, VCHNET_THUMBPRINT): vic-machine needs the same pin */
		mem_set_str(&a->wz.plan->target.thumbprint, vsphere_cert(vs)->sha1);
	/* replace an earlier session */
	inv_free(a->inv);
	vsphere_free(a->vs);
	if (a->have_conn)
		conn_free(&a->conn);
	a->conn = c;
	a->have_conn = true;
	a->vs = vs;
	a->inv = inv;
	a->on_vcenter = vsphere_api_type(vs) && strcmp(vsphere_api_type(vs), "VirtualCenter") == 0;
	a->wz.connected = true;
	a->wz.draft_target = false; /* its thumbprint is now the one just verified */
	mem_set_str(&p->url_in, url);
	mem_set_str(&p->user_in, user);
	sync(a);
	ui_log("connected to %s: %zu networks, %zu hosts", c.host, inv->n_networks, inv->n_hosts);
	if (draft_ui_resume(a))
		return;
	if (a->wz.path && !(a->wz.visited & WIZARD_STEP_BIT(WIZARD_SCOPE))) {
		app_resume(a);
		return;
	}
	app_status(a, ROLE_OK, "Connected to %s: %zu networks, %zu hosts, %zu datastores.%s",
		   a->conn.host, a->inv->n_networks, a->inv->n_hosts, a->inv->n_datastores,
		   ignored ? " Typing was ignored." : "");
	a->status_pending = true;
	app_next(a);
}

/* Whether the session we hold is for the address and user in the fields. */
static bool fields_match_session(struct app *a)
{
	struct priv *p = a->priv;

	return a->wz.connected && p->url_in && p->user_in &&
	       strcmp(widget_field_get(form_find(&a->form, W_URL)), p->url_in) == 0 &&
	       strcmp(widget_field_get(form_find(&a->form, W_USER)), p->user_in) == 0;
}

static bool key(struct app *a, struct key_event ev, enum widget_res r, struct widget *who)
{
	if (ev.act == KEY_ACT_NEXT && !who) {
		/* Next means "connect, then go on" until we hold a session for these
		 * fields; after that it just goes on */
		if (fields_match_session(a))
			return false;
		do_connect(a);
		return true;
	}
	if (!who)
		return false;
	if ((r == WIDGET_ACTIVATED && who->id == W_CONNECT) ||
	    (ev.act == KEY_ACT_ENTER && who->id == W_PASS)) {
		do_connect(a);
		return true;
	}
	return false;
}

static const char *hint(struct app *a, struct widget *w)
{
	(void)a;
	if (w && (w->id == W_CONNECT || w->id == W_PASS))
		return "connect";
	return NULL;
}

const struct step_def step_connect = {
	.id = WIZARD_CONNECT,
	.sidebar = "Connect",
	.enter = enter,
	.leave = leave,
	.layout = layout,
	.paint = paint,
	.key = key,
	.sync = sync,
	.hint = hint,
};
