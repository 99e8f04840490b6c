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
#include "session.h"
#include "vsphere.h"

enum { W_URL = 1, W_USER, W_PASS, W_CONNECT };

struct priv {
	char *error;     /* the last failure, kept on screen */
	char *phase;     /* progress status */
	char *url_in, *user_in; /* the fields as they were for the session we hold */
};

static void enter(struct app *a)
{
	struct priv *p = xcalloc(1, sizeof *p);
	/* the precedence of every command: option, environment, then the plan */
	const char *url = session_default_url(a->s);
	const char *user = session_default_user(a->s);
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
	if (a->s->wz.connected) {
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
	if (a->s->wz.connected && a->s->vs) {
		char *s = xasprintf("Connected to %s (%s %s) as %s. Press F10 to continue.",
				    san(a->s->conn.host),
				    vsphere_about_name(a->s->vs) ? san(vsphere_about_name(a->s->vs)) : "vCenter",
				    san(vsphere_api_version(a->s->vs)), san(a->s->conn.username));
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
	struct plan *pl = a->s->wz.plan;

	/* only what the user typed: an empty field leaves the plan's key absent */
	if (*url || pl->target.url)
		mem_set_str(&pl->target.url, *url ? url : NULL);
	if (*user || pl->target.username)
		mem_set_str(&pl->target.username, *user ? user : NULL);
}

/* The progress box while session_connect() works, and its questions. */
struct progress_ctx {
	struct app *a;
	struct dialog_progress *dlg;
	const char *phase;
	char *msg;           /* "Connecting to HOST ..." */
	unsigned ignored;    /* keys typed under the progress box */
};

static void phase_cb(void *ctx, const char *host, const char *phase)
{
	struct progress_ctx *pc = ctx;

	pc->phase = phase;
	if (!pc->dlg) {
		if (!pc->msg)
			pc->msg = xasprintf("Connecting to %s ...", host);
		pc->dlg = dialog_progress_start("Connecting", pc->msg, true);
	}
}

static bool cancel_cb(void *ctx)
{
	struct progress_ctx *pc = ctx;
	return pc->dlg && dialog_progress_poll(pc->dlg, pc->phase);
}

static void progress_end(struct progress_ctx *pc)
{
	if (pc->dlg)
		pc->ignored += dialog_progress_end(pc->dlg);
	pc->dlg = NULL;
}

static void warning_cb(void *ctx, const char *msg)
{
	struct progress_ctx *pc = ctx;

	ui_log("warning: %s", msg);
	app_status(pc->a, ROLE_WARNING, "Warning: %s", msg);
	pc->a->status_pending = true;
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

/* The certificate dialog. */
static enum session_cert_answer ask_certificate(void *ctx, const char *host,
						const struct tls_cert_info *ci)
{
	static const char *const labels[] = {"Reject", "Accept once", "Accept and remember"};
	static const enum session_cert_answer answers[] = {SESSION_CERT_REJECT, SESSION_CERT_ONCE,
							   SESSION_CERT_REMEMBER};
	struct progress_ctx *pc = ctx;
	/* 32 pairs do not fit the box: two lines of 16, broken after a colon, so the
	 * wrapping never splits a pair */
	char sha256[128];
	const char *h = ci->sha256 ? ci->sha256 : "?";

	progress_end(pc);
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
	return r < 0 ? SESSION_CERT_REJECT : answers[r];
}

/* Switches from Connect to the step a resumed plan or draft reaches; where it stops,
 * the refusal is the one Next gives there. */
static void resume(struct app *a)
{
	char *m;
	enum session_resumed r = session_resume(a->s, &m);
	char *why = r == SESSION_RESUME_REFUSED ? xstrdup(err_msg()) : NULL;

	err_clear();
	app_goto_step(a, WIZARD_CONNECT);
	if (r == SESSION_RESUME_REFUSED)
		app_status(a, ROLE_ERROR, "Cannot continue: %s", why);
	else if (r == SESSION_RESUME_DONE)
		app_status(a, ROLE_OK, "%s", m);
	free(why);
	free(m);
}

static void do_connect(struct app *a)
{
	const char *url = widget_field_get(form_find(&a->form, W_URL));
	const char *user = widget_field_get(form_find(&a->form, W_USER));
	const char *pass = widget_field_get(form_find(&a->form, W_PASS));
	struct priv *p = a->priv;
	struct progress_ctx pc = {.a = a};
	struct session_ui ui = {.ctx = &pc, .certificate = ask_certificate, .phase = phase_cb,
				.cancelled = cancel_cb, .warning = warning_cb};
	enum session_fail fail;
	bool resuming = a->s->resume_to != WIZARD_CONNECT;
	int rc;

	free(p->error);
	p->error = NULL;
	if (!*url || !*user || !*pass) {
		set_error(a, "Fill in %s before connecting.",
			  !*url ? "the vCenter address" : !*user ? "the user name" : "the password");
		form_focus(&a->form, form_find(&a->form, !*url ? W_URL : !*user ? W_USER : W_PASS));
		return;
	}
	rc = session_connect(a->s, url, user, pass, &ui, &fail);
	progress_end(&pc);
	free(pc.msg);
	if (rc < 0) {
		set_error(a, "%s", err_msg());
		if (fail == SESSION_FAIL_LOGIN)
			form_focus(&a->form, form_find(&a->form, W_PASS));
		if (pc.ignored)
			app_status(a, ROLE_ERROR, "Not connected: see the message above. Keys typed "
				   "while connecting were ignored.");
		return;
	}
	mem_set_str(&p->url_in, url);
	mem_set_str(&p->user_in, user);
	sync(a);
	ui_log("connected to %s: %zu networks, %zu hosts", a->s->conn.host, a->s->inv->n_networks,
	       a->s->inv->n_hosts);
	if (resuming) {
		resume(a);
		return;
	}
	char *done = session_connected_text(a->s);
	app_status(a, ROLE_OK, "%s%s", done, pc.ignored ? " Typing was ignored." : "");
	free(done);
	a->status_pending = true;
	app_next(a);
}

/* Whether the session we hold is for the address and user in the fields. */
static bool fields_match_session(struct app *a)
{
	struct priv *p = a->priv;

	return a->s->wz.connected && p->url_in && p->user_in &&
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
