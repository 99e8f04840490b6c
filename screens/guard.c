/* guard: vCenter calls made after connecting, guarded. vCenter drops idle sessions
 * after about 30 minutes; the vSphere client signs in again by itself with the password
 * it holds, so usually the user sees nothing. When that fails too (the password was
 * changed, or the client holds none), the password is asked again in a dialog and the
 * call repeated, so no choice is lost. A lost connection is reported with Retry. */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "mem.h"
#include "screens.h"
#include "vsphere.h"

enum { P_PASS = 1, P_OK, P_CANCEL };

struct pw_dlg {
	struct form form;
	const char *text;
	char *error;
	int y, x, h, w;
};

static void pw_paint(void *ctx)
{
	struct pw_dlg *d = ctx;
	char **lines;
	size_t n;
	int cy, cx;

	d->w = ui_cols() - 4 > 64 ? 64 : ui_cols() - 4;
	n = theme_wrap(d->text, d->w - 4, &lines);
	d->h = (int)n + 8;
	d->y = (ui_lines() - d->h) / 2;
	d->x = (ui_cols() - d->w) / 2;
	theme_fill(stdscr, d->y, d->x, d->h, d->w, ROLE_DIALOG);
	theme_box(stdscr, d->y, d->x, d->h, d->w, ROLE_DIALOG, "Sign in again");
	for (size_t i = 0; i < n; i++)
		theme_put(stdscr, d->y + 1 + (int)i, d->x + 2, d->w - 4, ROLE_DIALOG, lines[i], true);
	theme_free_lines(lines, n);
	widget_place(form_find(&d->form, P_PASS), d->y + (int)n + 2, d->x + 2, d->w - 4, 1);
	if (d->error)
		theme_put(stdscr, d->y + (int)n + 4, d->x + 2, d->w - 4, ROLE_ERROR, d->error, true);
	widget_place(form_find(&d->form, P_OK), d->y + d->h - 2, d->x + d->w / 2 - 12, 8, 1);
	widget_place(form_find(&d->form, P_CANCEL), d->y + d->h - 2, d->x + d->w / 2 + 2, 12, 1);
	form_draw(&d->form);
	if (form_cursor(&d->form, &cy, &cx)) {
		move(cy, cx);
		curs_set(1);
	}
}

/* Asks for the password until vCenter accepts it; false on Esc or Cancel. */
static bool ask_password(struct app *a, const char *why)
{
	struct pw_dlg d;
	bool ok = false;
	char *text = xasprintf("%s\n\nEnter the password of %s on %s to continue where you "
			       "were; nothing you chose is lost.", why, a->s->conn.username, a->s->conn.host);

	memset(&d, 0, sizeof d);
	d.text = text;
	form_add(&d.form, widget_field_new(P_PASS, "Password:", NULL, true))->label_w = 11;
	form_add(&d.form, widget_button_new(P_OK, "OK"));
	form_add(&d.form, widget_button_new(P_CANCEL, "Cancel"));
	ui_layer_push(pw_paint, &d);
	for (;;) {
		struct widget *f, *who = NULL;
		struct key_event ev;
		enum widget_res r;

		ui_repaint();
		f = form_focused(&d.form);
		ev = keys_meaning(ui_read(-1), f && widget_takes_text(f));
		if (ev.act == KEY_ACT_ESC || ev.act == KEY_ACT_INTERRUPT)
			break;
		r = form_key(&d.form, ev, &who);
		if (who && who->id == P_CANCEL && r == WIDGET_ACTIVATED)
			break;
		if ((who && who->id == P_OK && r == WIDGET_ACTIVATED) ||
		    (who && who->id == P_PASS && ev.act == KEY_ACT_ENTER)) {
			const char *pw = widget_field_get(form_find(&d.form, P_PASS));
			if (vsphere_login(a->s->vs, a->s->conn.username, pw) == 0) {
				mem_free_secret(a->s->conn.password);
				a->s->conn.password = xstrdup(pw);
				ok = true;
				break;
			}
			free(d.error);
			d.error = xasprintf("Not accepted: %s", err_msg());
			widget_field_set(form_find(&d.form, P_PASS), "");
			form_focus(&d.form, form_find(&d.form, P_PASS));
		}
	}
	ui_layer_pop();
	form_free(&d.form);
	free(d.error);
	free(text);
	return ok;
}

int guard_call(struct app *a, const char *what, int (*fn)(struct app *a, void *arg), void *arg)
{
	static const char *const retry[] = {"Retry", "Cancel"};

	if (!a->s->vs)
		return err_set("not connected to vCenter: go back to the Connect step");
	for (;;) {
		char *why;
		int rc = fn(a, arg);

		if (rc == 0)
			return 0;
		switch (vsphere_status(a->s->vs)) {
		case VSPHERE_ERR_NOT_AUTH:
		case VSPHERE_ERR_LOGIN:
			why = xasprintf("The vCenter session expired while %s, and signing in again "
					"with the password given earlier failed: %s", what, err_msg());
			ui_log("session: %s", why);
			if (!ask_password(a, why)) {
				free(why);
				return err_set("%s: cancelled; the session has expired (sign in again to "
					       "continue)", what);
			}
			free(why);
			app_status(a, ROLE_OK, "Signed in again to %s.", a->s->conn.host);
			continue;
		case VSPHERE_ERR_CONNECT:
			why = xasprintf("The connection to %s was lost while %s: %s\n\nCheck the "
					"network, then choose Retry. Your choices are kept.",
					a->s->conn.host, what, err_msg());
			ui_log("session: %s", why);
			rc = dialog_choice("Connection lost", why, retry, 2, 0);
			free(why);
			if (rc == 0)
				continue;
			return err_set("%s: the connection to %s is lost", what, a->s->conn.host);
		default:
			return -1;
		}
	}
}
