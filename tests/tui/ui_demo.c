/* ui_demo: every widget and dialog of the toolkit on one screen, for the TUI tests of
 * ui/ (tests/tui/widgets.sh). Options: --ascii, --no-color, --log FILE. The status line
 * reports what happened, so a test can wait for it. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialog.h"
#include "err.h"
#include "mem.h"
#include "netlist.h"
#include "theme.h"
#include "ui.h"
#include "widget.h"

enum { W_NAME = 1, W_PASS, W_CHECK, W_RADIO, W_LIST, W_TEXT, W_MSG, W_CONFIRM, W_PROGRESS, W_QUIT };

struct demo {
	struct form form;
	struct netlist *nets;
	char status[256];
};

static size_t src_count(void *ctx) { return netlist_count(((struct demo *)ctx)->nets); }

static bool src_selectable(void *ctx, size_t i)
{
	return netlist_row(((struct demo *)ctx)->nets, i)->reason == NULL;
}

static void src_draw(void *ctx, size_t i, int y, int x, int w, bool cursor, bool focused)
{
	struct demo *d = ctx;
	const struct netlist_entry *e = netlist_row(d->nets, i);
	char buf[512];
	enum theme_role r = e->reason ? ROLE_DIM : ROLE_NORMAL;

	netlist_format(e, w - 2, buf, sizeof buf);
	theme_put(stdscr, y, x, 2, cursor && focused ? ROLE_FOCUS : r,
		  cursor ? theme_glyph(GLYPH_POINTER) : " ", true);
	theme_put(stdscr, y, x + 2, w - 2, cursor && focused ? ROLE_FOCUS : r, buf, true);
}

static void src_filter(void *ctx, const char *text) { netlist_filter(((struct demo *)ctx)->nets, text); }

static void layout(struct demo *d)
{
	int w = ui_cols() - 4;
	widget_place(form_find(&d->form, W_NAME), 2, 2, 40, 1);
	widget_place(form_find(&d->form, W_PASS), 3, 2, 40, 1);
	widget_place(form_find(&d->form, W_CHECK), 4, 2, 30, 1);
	widget_place(form_find(&d->form, W_RADIO), 5, 2, 30, 2);
	widget_place(form_find(&d->form, W_LIST), 8, 2, w, 5);
	widget_place(form_find(&d->form, W_TEXT), 14, 2, w, 3);
	widget_place(form_find(&d->form, W_MSG), 18, 2, 12, 1);
	widget_place(form_find(&d->form, W_CONFIRM), 18, 16, 12, 1);
	widget_place(form_find(&d->form, W_PROGRESS), 18, 30, 13, 1);
	widget_place(form_find(&d->form, W_QUIT), 18, 45, 10, 1);
}

static void paint(void *ctx)
{
	struct demo *d = ctx;
	char head[256];
	int y, x;

	layout(d);
	theme_put(stdscr, 0, 0, ui_cols(), ROLE_TITLE, " ui demo", true);
	netlist_header(ui_cols() - 6, head, sizeof head);
	theme_put(stdscr, 7, 4, ui_cols() - 6, ROLE_HEADING, head, true);
	form_draw(&d->form);
	theme_put(stdscr, ui_lines() - 2, 0, ui_cols(), ROLE_NORMAL, d->status, true);
	theme_put(stdscr, ui_lines() - 1, 0, ui_cols(), ROLE_FOOTER,
		  " Tab move  Space toggle  Enter activate  q quit", true);
	if (form_cursor(&d->form, &y, &x)) {
		move(y, x);
		curs_set(1);
	}
}

int main(int argc, char **argv)
{
	struct ui_opts o = {0};
	struct demo d;
	const char *radio[] = {"DHCP", "Static address"};
	static const char *names[] = {"VM Network", "dvs-public", "dvs-bridge", "DSwitch-Uplinks",
				      "dvs-mgmt", "dvs-client", "nsx-seg-app"};

	setlocale(LC_ALL, "");
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--ascii") == 0)
			o.ascii = true;
		else if (strcmp(argv[i], "--no-color") == 0)
			o.no_color = true;
		else if (strcmp(argv[i], "--log") == 0 && i + 1 < argc)
			o.log_path = argv[++i];
	}
	memset(&d, 0, sizeof d);
	d.nets = netlist_new();
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		struct netlist_entry e = {.name = names[i],
					  .type = (i == 0 ? "standard" : "distributed"),
					  .sw = (i == 0 ? "vSwitch0" : "DSwitch"),
					  .vlan = (int)i * 10, .hosts = 3, .hosts_total = 3};
		if (i == 3)
			e.reason = "uplink port group: it carries the hosts' physical uplinks";
		netlist_add(d.nets, &e);
	}
	form_add(&d.form, widget_field_new(W_NAME, "Name:", "", false))->label_w = 10;
	form_add(&d.form, widget_field_new(W_PASS, "Password:", "", true))->label_w = 10;
	form_add(&d.form, widget_check_new(W_CHECK, "Remember", false));
	form_add(&d.form, widget_radio_new(W_RADIO, radio, 2, 0));
	struct list_source src = {src_count, src_draw, src_selectable, src_filter, &d};
	form_add(&d.form, widget_list_new(W_LIST, &src));
	struct widget *t = form_add(&d.form, widget_text_new(W_TEXT));
	widget_text_set(t, "line 1\nline 2\nline 3\nline 4\nline 5\nline 6");
	form_add(&d.form, widget_button_new(W_MSG, "Message"));
	form_add(&d.form, widget_button_new(W_CONFIRM, "Confirm"));
	form_add(&d.form, widget_button_new(W_PROGRESS, "Progress"));
	form_add(&d.form, widget_button_new(W_QUIT, "Quit"));
	snprintf(d.status, sizeof d.status, "ready");

	if (ui_init(&o) < 0) {
		fprintf(stderr, "ui_demo: %s\n", err_msg());
		return 2;
	}
	ui_layer_push(paint, &d);
	ui_repaint();
	for (;;) {
		struct widget *fw = form_focused(&d.form), *who;
		struct key_event ev = keys_meaning(ui_read(-1), fw && widget_takes_text(fw));
		enum widget_res r;

		if (ev.act == KEY_ACT_INTERRUPT || ev.act == KEY_ACT_QUIT)
			break;
		if (ev.act == KEY_ACT_RESIZE) {
			snprintf(d.status, sizeof d.status, "resized to %dx%d", ui_cols(), ui_lines());
			ui_repaint();
			continue;
		}
		r = form_key(&d.form, ev, &who);
		if (r == WIDGET_CHANGED && who->kind == WIDGET_FIELD)
			snprintf(d.status, sizeof d.status, "%s = %s", who->label,
				 who->masked ? "(hidden)" : widget_field_get(who));
		else if (r == WIDGET_CHANGED && who->kind == WIDGET_CHECK)
			snprintf(d.status, sizeof d.status, "remember %s", who->on ? "on" : "off");
		else if (r == WIDGET_CHANGED && who->kind == WIDGET_RADIO)
			snprintf(d.status, sizeof d.status, "mode %s", radio[who->selected]);
		else if (r == WIDGET_CHANGED && who->kind == WIDGET_LIST && netlist_count(d.nets)) {
			const struct netlist_entry *e = netlist_row(d.nets, who->cur);
			snprintf(d.status, sizeof d.status, "%s%s", e->reason ? "cannot use: " : "on ",
				 e->reason ? e->reason : e->name);
		} else if (r == WIDGET_ACTIVATED && who->kind == WIDGET_LIST) {
			const struct netlist_entry *e = netlist_row(d.nets, who->cur);
			snprintf(d.status, sizeof d.status, "%s %s", e->reason ? "refused" : "chose", e->name);
		} else if (r == WIDGET_ACTIVATED && who->id == W_MSG) {
			dialog_message("Message", "A message dialog. Enter or Esc closes it.");
			snprintf(d.status, sizeof d.status, "message closed");
		} else if (r == WIDGET_ACTIVATED && who->id == W_CONFIRM) {
			bool yes = dialog_confirm("Confirm", "Delete everything?", "Delete", "Cancel", false);
			snprintf(d.status, sizeof d.status, "confirm: %s", yes ? "yes" : "no");
		} else if (r == WIDGET_ACTIVATED && who->id == W_PROGRESS) {
			struct dialog_progress *p = dialog_progress_start("Working", "Waiting for Esc.", true);
			bool cancelled = false;
			/* five minutes: the test resizes twice before its Esc, which
			 * takes long on a loaded machine, and "done" would fail it */
			for (int i = 0; i < 6000 && !cancelled; i++) {
				cancelled = dialog_progress_poll(p, "waiting");
				napms(50);
			}
			dialog_progress_end(p);
			snprintf(d.status, sizeof d.status, "progress %s", cancelled ? "cancelled" : "done");
		} else if (r == WIDGET_ACTIVATED && who->id == W_QUIT) {
			break;
		}
		ui_repaint();
	}
	ui_end();
	printf("ui_demo: name=%s status=%s\n", widget_field_get(form_find(&d.form, W_NAME)), d.status);
	form_free(&d.form);
	netlist_free(d.nets);
	return ui_interrupted() ? 130 : 0;
}
