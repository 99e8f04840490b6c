/* step_containers: the plan's container networks as a table with Add, Edit and Delete
 * (Delete asks, Cancel is the default), the edit dialog (port group picker where only
 * networks valid for containers can be chosen, alias, gateway, IP ranges, DNS servers,
 * firewall trust level, each field judged as typed by the rules engine), and the
 * optional proxies for image pulls behind "Proxies (advanced)". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "err.h"
#include "fieldcheck.h"
#include "help.h"
#include "mem.h"
#include "netpick.h"
#include "pick.h"
#include "screens.h"

enum { W_TABLE = 1, W_ADD, W_EDIT, W_DELETE, W_PROXY };
enum { D_PG = 1, D_ALIAS, D_GW, D_RANGES, D_DNS, D_FW, D_OK, D_CANCEL,
       D_HTTP, D_HTTPS, D_NOPROXY };

static const char *const levels[] = {"published", "open", "closed", "outbound", "peers"};
static const char *const level_text[] = {
	"published: out, ping, and only the ports containers publish (the default)",
	"open: every connection in and out is allowed",
	"closed: nothing in or out",
	"outbound: only connections the containers start",
	"peers: out, and in from this network's own IP ranges",
};
#define N_LEVELS (sizeof levels / sizeof levels[0])

/* --- the table --- */

static size_t table_count(void *ctx)
{
	struct app *a = ctx;
	return a->s->wz.plan->n_containers;
}

/* Column widths of the table for w cells: port group, alias, gateway, ranges (the
 * firewall gets the rest). Wider terminals give the names more room; a name longer
 * than its column is cut with a mark (theme_put), never silently. */
static void table_cols(int w, int cw[4])
{
	int extra = w - (2 + 14 + 10 + 13 + 13 + 9);

	cw[0] = 13;
	cw[1] = 9;
	cw[2] = 12;
	cw[3] = 12;
	if (extra > 0) {
		cw[0] += extra / 2;
		cw[1] += extra / 4;
		cw[3] += extra - extra / 2 - extra / 4;
	}
}

/* Draws one row (or the heading) column by column, each cut to its width with a mark. */
static void table_row(int y, int x, int w, enum theme_role r, const char *lead,
		      const char *const col[5])
{
	int cw[4], cx = x;

	table_cols(w, cw);
	theme_put(stdscr, y, x, w, r, "", true);
	cx += theme_put(stdscr, y, cx, 2, r, lead, true);
	for (int i = 0; i < 4 && cx < x + w; i++) {
		int cwi = cw[i] < x + w - cx ? cw[i] : x + w - cx;
		theme_put(stdscr, y, cx, cwi, r, col[i], true);
		cx += cwi + 1;
	}
	if (cx < x + w)
		theme_put(stdscr, y, cx, x + w - cx, r, col[4], true);
}

static void table_draw(void *ctx, size_t i, int y, int x, int w, bool cursor, bool focused)
{
	struct app *a = ctx;
	const struct plan_container_net *cn = &a->s->wz.plan->containers[i];
	char *ranges = strv_join(&cn->ip_ranges, ",");
	const char *col[5] = {
		cn->port_group ? cn->port_group : "(none)",
		cn->alias ? cn->alias : cn->port_group ? cn->port_group : "",
		cn->gateway ? cn->gateway : "DHCP", ranges,
		cn->firewall ? cn->firewall : "published",
	};

	table_row(y, x, w, cursor && focused ? ROLE_FOCUS : ROLE_NORMAL,
		  cursor ? theme_glyph(GLYPH_POINTER) : " ", col);
	free(ranges);
}

static struct widget *button(struct app *a, int id, const char *label, const char *help)
{
	struct widget *w = form_add(&a->form, widget_button_new(id, label));
	app_field_help(w, help);
	return w;
}

static void enter(struct app *a)
{
	struct list_source src = {table_count, table_draw, NULL, NULL, a};
	struct widget *w = form_add(&a->form, widget_list_new(W_TABLE, &src));

	w->empty_text = xstrdup("(none: container networks are optional; choose Add)");
	app_field_help(w, help_step(WIZARD_CONTAINERS));
	button(a, W_ADD, "Add", "Adds a container network: a port group the containers join "
			       "directly, with their own addresses there.");
	button(a, W_EDIT, "Edit", "Edits the container network under the cursor (Enter on a "
				 "row does the same).");
	button(a, W_DELETE, "Delete", "Removes the container network under the cursor from "
				     "the plan, after asking (Delete on a row does the same).");
	button(a, W_PROXY, "Proxies (advanced)", help_field("proxy.http"));
	form_focus(&a->form, a->s->wz.plan->n_containers ? w : form_find(&a->form, W_ADD));
}

static void leave(struct app *a) { (void)a; }

static void layout(struct app *a)
{
	int x = a->bx + 1, w = a->bw - 2, y = a->by + 4, lh = a->bh - 12;

	if (lh < 3)
		lh = 3;
	if (lh > 10)
		lh = 10;
	widget_place(form_find(&a->form, W_TABLE), y, x, w, lh);
	y += lh + 1;
	widget_place(form_find(&a->form, W_ADD), y, x, 9, 1);
	widget_place(form_find(&a->form, W_EDIT), y, x + 10, 10, 1);
	widget_place(form_find(&a->form, W_DELETE), y, x + 21, 12, 1);
	widget_place(form_find(&a->form, W_PROXY), y, x + 34, 24, 1);
}

static void paint(struct app *a)
{
	const struct plan *p = a->s->wz.plan;
	struct widget *t = form_find(&a->form, W_TABLE);
	int x = a->bx + 1, w = a->bw - 2, y;
	char **lines, *s;
	size_t n = theme_wrap(wizard_step_intro(WIZARD_CONTAINERS), w, &lines);

	theme_put(stdscr, a->by, x, w, ROLE_HEADING, "Container networks", true);
	for (size_t i = 0; i < n && i < 2; i++)
		theme_put(stdscr, a->by + 1 + (int)i, x, w, ROLE_NORMAL, lines[i], true);
	theme_free_lines(lines, n);
	{
		static const char *const head[5] = {"PORT GROUP", "ALIAS", "GATEWAY", "IP RANGES",
						    "FIREWALL"};
		table_row(t->y - 1, t->x, t->w, ROLE_HEADING, " ", head);
	}
	y = t->y + t->h + 2;
	if (p->proxy.http || p->proxy.https || p->proxy.no_proxy.n) {
		char *np = strv_join(&p->proxy.no_proxy, ",");
		s = xasprintf("Proxies: HTTP %s, HTTPS %s%s%s", p->proxy.http ? p->proxy.http : "none",
			      p->proxy.https ? p->proxy.https : "none", np[0] ? ", not for " : "", np);
		free(np);
	} else {
		s = xstrdup("Proxies: none (image pulls go direct)");
	}
	theme_put(stdscr, y++, x, w, ROLE_DIM, s, true);
	free(s);
	app_draw_findings(a, WIZARD_CONTAINERS, y, x, w, a->by + a->bh - y);
}

static void sync(struct app *a) { (void)a; }

/* --- the edit dialog --- */

struct netpick {
	struct pick p;          /* first: the list source's ctx is this */
	char **why;             /* per item: why it cannot be a container network, or NULL */
	char **desc;            /* per item: "NAME (switch, VLAN)" for the Chosen line */
};

static bool np_selectable(void *ctx, size_t row)
{
	struct netpick *np = ctx;
	return np->why[pick_item(&np->p, row)] == NULL;
}

struct dlg {
	struct app *a;
	struct form form;
	struct netpick np;
	size_t index;           /* the container network edited */
	char *error;            /* the focused field's error, or the refusal */
	const char *title;
	bool proxies;           /* the proxies dialog instead */
	bool dirty;             /* something was typed or chosen: Esc asks before discarding */
	int y, x, h, w;
};

static const char *field_key(int id)
{
	switch (id) {
	case D_PG: return "networks.container.portGroup";
	case D_ALIAS: return "networks.container.alias";
	case D_GW: return "networks.container.gateway";
	case D_RANGES: return "networks.container.ipRanges";
	case D_DNS: return "networks.container.dns";
	case D_FW: return "networks.container.firewall";
	case D_HTTP: return "proxy.http";
	case D_HTTPS: return "proxy.https";
	case D_NOPROXY: return "proxy.noProxy";
	default: return NULL;
	}
}

static char *field_path(const struct dlg *d, int id)
{
	static const char *const leaf[] = {
		[D_PG] = "portGroup", [D_ALIAS] = "alias", [D_GW] = "gateway",
		[D_RANGES] = "ipRanges", [D_DNS] = "dns", [D_FW] = "firewall",
	};
	if (id == D_HTTP)
		return xstrdup("proxy.http");
	if (id == D_HTTPS)
		return xstrdup("proxy.https");
	if (id == D_NOPROXY)
		return xstrdup("proxy.noProxy");
	if (id < D_PG || id > D_FW)
		return NULL;
	return xasprintf("networks.container[%zu].%s", d->index, leaf[id]);
}

/* Writes the dialog's fields into the plan. */
static void dlg_sync(struct dlg *d)
{
	struct plan *p = d->a->s->wz.plan;

	if (d->proxies) {
		const char *h = widget_field_get(form_find(&d->form, D_HTTP));
		const char *hs = widget_field_get(form_find(&d->form, D_HTTPS));
		mem_set_str(&p->proxy.http, *h ? h : NULL);
		mem_set_str(&p->proxy.https, *hs ? hs : NULL);
		strv_split_list(&p->proxy.no_proxy, widget_field_get(form_find(&d->form, D_NOPROXY)));
		return;
	}
	struct plan_container_net *cn = &p->containers[d->index];
	struct widget *list = form_find(&d->form, D_PG);
	const char *alias = widget_field_get(form_find(&d->form, D_ALIAS));
	const char *gw = widget_field_get(form_find(&d->form, D_GW));
	struct widget *fw = form_find(&d->form, D_FW);

	/* the port group is the row chosen with Enter, not the one under the cursor;
	 * written so that vic-machine's finder reads the name as itself */
	(void)list;
	if (d->np.p.chosen < d->np.p.n) {
		char *pg = wizard_pg_text(d->np.p.value[d->np.p.chosen]);
		mem_set_str(&cn->port_group, pg);
		free(pg);
	}
	mem_set_str(&cn->alias, *alias ? alias : NULL);
	mem_set_str(&cn->gateway, *gw ? gw : NULL);
	strv_split_list(&cn->ip_ranges, widget_field_get(form_find(&d->form, D_RANGES)));
	strv_split_list(&cn->dns, widget_field_get(form_find(&d->form, D_DNS)));
	/* published is the default: only another choice goes in the plan */
	if (cn->firewall || fw->selected != 0)
		mem_set_str(&cn->firewall, levels[fw->selected]);
}

/* The focused field's error (validation as typed). */
static void dlg_judge(struct dlg *d, int id)
{
	char *path = field_path(d, id);

	free(d->error);
	d->error = path ? fieldcheck_error(d->a->s->wz.plan, path) : NULL;
	free(path);
}

/* The rows "Error: ..." takes wrapped to the dialog (at least 2, the area kept for it;
 * at most 5). */
static int dlg_error_rows(const struct dlg *d)
{
	int w = (ui_cols() - 4 > 76 ? 76 : ui_cols() - 4) - 4;
	char *s, **lines;
	size_t n;

	if (!d->error)
		return 2;
	s = xasprintf("Error: %s", d->error);
	n = theme_wrap(s, w, &lines);
	theme_free_lines(lines, n);
	free(s);
	return n < 2 ? 2 : n > 5 ? 5 : (int)n;
}

static void dlg_layout(struct dlg *d)
{
	int lw, y, lh;

	d->w = ui_cols() - 4 > 76 ? 76 : ui_cols() - 4;
	/* the proxies' dialog grows with its error, so that the hint at its end shows */
	d->h = d->proxies ? 12 + dlg_error_rows(d) : ui_lines() - 2;
	if (d->h > 22)
		d->h = 22;
	d->y = (ui_lines() - d->h) / 2;
	d->x = (ui_cols() - d->w) / 2;
	lw = d->w - 4;
	y = d->y + 1;
	if (d->proxies) {
		widget_place(form_find(&d->form, D_HTTP), y + 2, d->x + 2, lw, 1);
		widget_place(form_find(&d->form, D_HTTPS), y + 3, d->x + 2, lw, 1);
		widget_place(form_find(&d->form, D_NOPROXY), y + 4, d->x + 2, lw, 1);
	} else {
		lh = d->h - 16;
		if (lh < 2)
			lh = 2;
		widget_place(form_find(&d->form, D_PG), y + 1, d->x + 2, lw, lh);
		y += lh + 3; /* the Chosen line, then why the cursor's row cannot be used */
		widget_place(form_find(&d->form, D_ALIAS), y++, d->x + 2, lw, 1);
		y++; /* the alias rules */
		widget_place(form_find(&d->form, D_GW), y++, d->x + 2, lw, 1);
		widget_place(form_find(&d->form, D_RANGES), y++, d->x + 2, lw, 1);
		widget_place(form_find(&d->form, D_DNS), y++, d->x + 2, lw, 1);
		widget_place(form_find(&d->form, D_FW), y, d->x + 12, lw - 10, 1);
	}
	widget_place(form_find(&d->form, D_OK), d->y + d->h - 2, d->x + d->w / 2 - 12, 8, 1);
	widget_place(form_find(&d->form, D_CANCEL), d->y + d->h - 2, d->x + d->w / 2 + 2, 12, 1);
}

static void dlg_paint(void *ctx)
{
	struct dlg *d = ctx;
	int x, y, ey, cy, cx;
	struct widget *f;

	dlg_layout(d);
	theme_fill(stdscr, d->y, d->x, d->h, d->w, ROLE_DIALOG);
	theme_box(stdscr, d->y, d->x, d->h, d->w, ROLE_DIALOG, d->title);
	x = d->x + 2;
	if (d->proxies) {
		char **il;
		size_t in = theme_wrap("Only image pulls and registry logins use the proxies. Write "
				       "them as http(s)://host:port.", d->w - 4, &il);
		for (size_t i = 0; i < in && i < 2; i++)
			theme_put(stdscr, d->y + 1 + (int)i, x, d->w - 4, ROLE_DIALOG, il[i], true);
		theme_free_lines(il, in);
	} else {
		struct widget *list = form_find(&d->form, D_PG), *fw = form_find(&d->form, D_FW);
		theme_put(stdscr, list->y - 1, x, d->w - 4, ROLE_LABEL,
			  "Port group (Enter chooses; x: cannot carry containers; type to filter):", true);
		{
			char *c = xasprintf("Chosen: %s", d->np.p.chosen < d->np.p.n
						      ? d->np.desc[d->np.p.chosen] : "none yet (Enter on a row chooses)");
			theme_put(stdscr, list->y + list->h, x, d->w - 4, ROLE_LABEL, c, true);
			free(c);
		}
		theme_put(stdscr, form_find(&d->form, D_ALIAS)->y + 1, x + 11, d->w - 15, ROLE_DIM,
			  "empty: the port group's name; no spaces or ':', not \"bridge\"", true);
		theme_put(stdscr, fw->y, x, 10, ROLE_LABEL, "Firewall:", true);
		theme_put(stdscr, fw->y + 1, x + 10, d->w - 14, ROLE_DIM,
			  level_text[fw->cursor_opt < N_LEVELS ? fw->cursor_opt : 0], true);
		if (list->cur < d->np.p.n_view && !np_selectable(&d->np, list->cur))
			theme_put(stdscr, list->y + list->h + 1, x, d->w - 4, ROLE_WARNING,
				  d->np.why[pick_item(&d->np.p, list->cur)], true);
	}
	ey = d->y + d->h - 4;
	if (d->error) {
		char *s = xasprintf("Error: %s", d->error), **lines;
		size_t n = theme_wrap(s, d->w - 4, &lines);
		/* the proxies' dialog made room for every line; here two rows, the last one
		 * saying where the rest is when it does not fit */
		size_t rows = d->proxies ? (size_t)dlg_error_rows(d) : 2;
		if (d->proxies)
			ey = d->y + d->h - 2 - (int)rows;
		for (size_t i = 0; i < n && i < rows; i++)
			theme_put(stdscr, ey + (int)i, x, d->w - 4, ROLE_ERROR,
				  i + 1 == rows && n > rows ? "... F1 shows the whole error" : lines[i],
				  true);
		theme_free_lines(lines, n);
		free(s);
	}
	form_draw(&d->form);
	f = form_focused(&d->form);
	(void)f;
	if (form_cursor(&d->form, &cy, &cx)) {
		move(cy, cx);
		curs_set(1);
	} else {
		curs_set(0);
	}
	(void)y;
}

static struct widget *dfield(struct dlg *d, int id, const char *label, const char *value)
{
	struct widget *w = form_add(&d->form, widget_field_new(id, label, value, false));
	w->label_w = 11;
	widget_set_help(w, help_field(field_key(id)));
	return w;
}

static void fill_networks(struct dlg *d, const char *current)
{
	struct app *a = d->a;
	const struct inv_obj *scope = app_scope(a);
	const struct inv_network **nets;
	size_t cap = 0, cap2 = 0, n_nets;

	pick_init(&d->np.p);
	d->np.why = NULL;
	d->np.desc = NULL;
	if (!a->s->inv)
		return;
	nets = netpick_sorted(a->s->inv, a->s->dc_id, &n_nets);
	for (size_t i = 0; i < n_nets; i++) {
		const struct inv_network *n = nets[i];
		char reason[256], *label;
		const char *why;

		why = wizard_network_reason(a->s->wz.plan, a->s->inv,
					    scope && scope->kind == INV_COMPUTE ? scope : NULL,
					    a->s->on_vcenter, PLAN_ROLE_COUNT, n, reason, sizeof reason);
		/* its own current port group stays choosable */
		if (current && strcmp(current, n->o.name) == 0)
			why = NULL;
		label = why ? xasprintf("%s  (cannot: %s)", n->o.name, why) : xstrdup(n->o.name);
		pick_add(&d->np.p, label, n->o.name, 0);
		free(label);
		if (why)
			pick_set_unusable(&d->np.p, d->np.p.n - 1);
		xgrow(&d->np.why, &cap, d->np.p.n, sizeof *d->np.why);
		d->np.why[d->np.p.n - 1] = why ? xasprintf("Cannot use %s: it is %s", n->o.name, why) : NULL;
		xgrow(&d->np.desc, &cap2, d->np.p.n, sizeof *d->np.desc);
		d->np.desc[d->np.p.n - 1] = netpick_describe(a->s->inv, n);
		if (current && strcmp(current, n->o.name) == 0)
			d->np.p.chosen = d->np.p.n - 1;
	}
	free(nets);
}

static void free_networks(struct dlg *d)
{
	for (size_t i = 0; i < d->np.p.n; i++) {
		free(d->np.why[i]);
		free(d->np.desc[i]);
	}
	free(d->np.why);
	free(d->np.desc);
	pick_free(&d->np.p);
}

/* Runs the dialog; true when the user chose OK with every field accepted. */
static bool dlg_run(struct dlg *d)
{
	bool ok = false;

	ui_layer_push(dlg_paint, d);
	for (;;) {
		struct widget *f, *who = NULL;
		struct key_event ev;
		enum widget_res r;

		ui_repaint();
		f = form_focused(&d->form);
		ev = keys_meaning(ui_read(-1), f && widget_takes_text(f));
		if (ev.act == KEY_ACT_INTERRUPT)
			break;
		if (ev.act == KEY_ACT_ESC) {
			/* Esc in a filtered list clears the filter first */
			if (f && f->kind == WIDGET_LIST && f->filter[0]) {
				struct key_event kill = {KEY_ACT_KILL_LINE, 0};
				form_key(&d->form, kill, &who);
				continue;
			}
			/* what was typed is not thrown away without a question */
			if (d->dirty && !dialog_confirm("Discard these changes?", "What you typed and "
							"chose in this dialog is lost. Discard it?",
							"Discard", "Keep editing", false))
				continue;
			break;
		}
		if (ev.act == KEY_ACT_RESIZE || ev.act == KEY_ACT_REDRAW || ev.act == KEY_ACT_NONE)
			continue;
		if (ev.act == KEY_ACT_HELP) {
			const char *h = f ? help_field(field_key(f->id)) : NULL;
			/* the error whole first, when the dialog shows one */
			char *m = d->error ? xasprintf("Error: %s\n\n%s", d->error,
						       h ? h : help_step(WIZARD_CONTAINERS)) : NULL;
			dialog_message(d->title, m ? m : h ? h : help_step(WIZARD_CONTAINERS));
			free(m);
			continue;
		}
		r = form_key(&d->form, ev, &who);
		if (who && who->id == D_CANCEL && r == WIDGET_ACTIVATED)
			break;
		if (who && who->id == D_PG) {
			/* browsing the port groups changes nothing; Enter (or Space) chooses */
			if (r == WIDGET_ACTIVATED && who->cur < d->np.p.n_view) {
				free(d->error);
				d->error = NULL;
				if (np_selectable(&d->np, who->cur)) {
					d->np.p.chosen = pick_item(&d->np.p, who->cur);
					d->dirty = true;
					dlg_sync(d);
					form_focus_next(&d->form, 1);
				} else {
					d->error = xstrdup(d->np.why[pick_item(&d->np.p, who->cur)]);
				}
			}
			continue;
		}
		if (r == WIDGET_CHANGED && who && who->kind != WIDGET_LIST)
			d->dirty = true;
		if (r == WIDGET_CHANGED || r == WIDGET_HANDLED || r == WIDGET_ACTIVATED) {
			if (who && who->kind == WIDGET_RADIO)
				who->selected = who->cursor_opt;
			dlg_sync(d);
			if (who && who->id != D_OK)
				dlg_judge(d, who->id);
		}
		if (who && who->id == D_OK && r == WIDGET_ACTIVATED) {
			/* every field once more: refuse with the first error, on its field */
			static const int ids[] = {D_PG, D_ALIAS, D_GW, D_RANGES, D_DNS, D_FW,
						  D_HTTP, D_HTTPS, D_NOPROXY};
			dlg_sync(d);
			free(d->error);
			d->error = NULL;
			if (!d->proxies && !d->a->s->wz.plan->containers[d->index].port_group)
				d->error = xstrdup("choose a port group that can carry containers");
			for (size_t i = 0; i < sizeof ids / sizeof ids[0] && !d->error; i++) {
				struct widget *w = form_find(&d->form, ids[i]);
				if (!w)
					continue;
				dlg_judge(d, ids[i]);
				if (d->error)
					form_focus(&d->form, w);
			}
			if (!d->error) {
				ok = true;
				break;
			}
		}
	}
	ui_layer_pop();
	return ok;
}

static void dlg_buttons(struct dlg *d)
{
	form_add(&d->form, widget_button_new(D_OK, "OK"));
	form_add(&d->form, widget_button_new(D_CANCEL, "Cancel"));
}

/* Edits container network i (new: remove it again on Cancel). */
static void edit(struct app *a, size_t i, bool added)
{
	struct plan *before = plan_dup(a->s->wz.plan);
	struct plan_container_net *cn = &a->s->wz.plan->containers[i];
	struct dlg d;
	struct list_source src;
	struct widget *w;
	char *ranges = strv_join(&cn->ip_ranges, ", "), *dns = strv_join(&cn->dns, ", ");
	size_t sel = 0;

	/* the caller appended the new network already: Cancel must take it away again */
	if (added)
		plan_remove_container(before, i);
	memset(&d, 0, sizeof d);
	d.a = a;
	d.index = i;
	d.title = added ? "Add a container network" : "Edit the container network";
	fill_networks(&d, cn->port_group);
	src = pick_source(&d.np.p);
	src.selectable = np_selectable;
	w = form_add(&d.form, widget_list_new(D_PG, &src));
	w->empty_text = xstrdup("(no networks in this datacenter)");
	widget_set_help(w, help_field("networks.container.portGroup"));
	if (cn->port_group)
		pick_cursor_to(&d.np.p, w, cn->port_group);
	else
		for (size_t r = 0; r < d.np.p.n_view; r++)
			if (np_selectable(&d.np, r)) {
				widget_list_set_cursor(w, r);
				break;
			}
	dfield(&d, D_ALIAS, "Alias:", cn->alias);
	dfield(&d, D_GW, "Gateway:", cn->gateway)->placeholder = xstrdup("10.3.0.1/16 (empty: DHCP)");
	dfield(&d, D_RANGES, "IP ranges:", ranges)->placeholder = xstrdup("10.3.1.0/24, 10.3.2.10-50");
	dfield(&d, D_DNS, "DNS:", dns)->placeholder = xstrdup("10.3.0.2");
	for (size_t k = 0; k < N_LEVELS; k++)
		if (cn->firewall && strcasecmp(cn->firewall, levels[k]) == 0)
			sel = k;
	w = form_add(&d.form, widget_radio_new(D_FW, levels, N_LEVELS, sel));
	w->horizontal = true;
	w->h = 1;
	widget_set_help(w, help_field("networks.container.firewall"));
	dlg_buttons(&d);
	free(ranges);
	free(dns);

	if (dlg_run(&d)) {
		cn = &a->s->wz.plan->containers[i];
		app_status(a, ROLE_OK, "%s the container network %s.", added ? "Added" : "Changed",
			   cn->alias ? cn->alias : cn->port_group);
	} else {
		/* Esc or Cancel: the plan as before the dialog */
		plan_free(a->s->wz.plan);
		a->s->wz.plan = before;
		before = NULL;
		app_status(a, ROLE_NORMAL, "%s", added ? "Not added." : "Nothing changed.");
	}
	plan_free(before);
	free(d.error);
	form_free(&d.form);
	free_networks(&d);
	app_recheck(a);
}

static void proxies(struct app *a)
{
	struct plan *before = plan_dup(a->s->wz.plan);
	const struct plan_proxy *px = &a->s->wz.plan->proxy;
	struct dlg d;
	char *np = strv_join(&px->no_proxy, ",");

	memset(&d, 0, sizeof d);
	d.a = a;
	d.proxies = true;
	d.title = "Proxies for image pulls (advanced)";
	dfield(&d, D_HTTP, "HTTP:", px->http)->placeholder = xstrdup("http://proxy.example.com:3128");
	dfield(&d, D_HTTPS, "HTTPS:", px->https)->placeholder = xstrdup("http://proxy.example.com:3128");
	dfield(&d, D_NOPROXY, "No proxy:", np)->placeholder = xstrdup("localhost,.example.com");
	free(np);
	dlg_buttons(&d);
	if (dlg_run(&d)) {
		app_status(a, ROLE_OK, "Proxies set.");
	} else {
		plan_free(a->s->wz.plan);
		a->s->wz.plan = before;
		before = NULL;
		app_status(a, ROLE_NORMAL, "Proxies unchanged.");
	}
	plan_free(before);
	free(d.error);
	form_free(&d.form);
	app_recheck(a);
}

static void delete(struct app *a, size_t i)
{
	const struct plan_container_net *cn = &a->s->wz.plan->containers[i];
	char *q = xasprintf("Delete the container network %s (port group %s) from the plan? "
			    "Nothing in vCenter changes.", cn->alias ? cn->alias : cn->port_group,
			    cn->port_group ? cn->port_group : "none");
	char *name = xstrdup(cn->alias ? cn->alias : cn->port_group);

	if (dialog_confirm("Delete", q, "Delete", "Cancel", false)) {
		plan_remove_container(a->s->wz.plan, i);
		app_status(a, ROLE_OK, "Deleted the container network %s.", name ? name : "");
		app_recheck(a);
	} else {
		app_status(a, ROLE_NORMAL, "Nothing deleted.");
	}
	free(q);
	free(name);
}

static bool key(struct app *a, struct key_event ev, enum widget_res r, struct widget *who)
{
	struct widget *t = form_find(&a->form, W_TABLE);
	size_t n = a->s->wz.plan->n_containers;

	if (!who)
		return false;
	if (r == WIDGET_ACTIVATED && who->id == W_ADD) {
		plan_add_container(a->s->wz.plan);
		edit(a, a->s->wz.plan->n_containers - 1, true);
		widget_list_set_cursor(t, a->s->wz.plan->n_containers ? a->s->wz.plan->n_containers - 1 : 0);
		return true;
	}
	if ((r == WIDGET_ACTIVATED && (who->id == W_EDIT || who->id == W_TABLE)) ||
	    (r == WIDGET_ACTIVATED && who->id == W_DELETE) ||
	    (ev.act == KEY_ACT_DELETE && who->id == W_TABLE)) {
		if (n == 0) {
			app_status(a, ROLE_WARNING, "There is no container network yet: choose Add.");
			return true;
		}
		if (who->id == W_DELETE || ev.act == KEY_ACT_DELETE)
			delete(a, t->cur < n ? t->cur : n - 1);
		else
			edit(a, t->cur < n ? t->cur : n - 1, false);
		widget_list_set_cursor(t, t->cur);
		return true;
	}
	if (r == WIDGET_ACTIVATED && who->id == W_PROXY) {
		proxies(a);
		return true;
	}
	return false;
}

static const char *hint(struct app *a, struct widget *w)
{
	(void)a;
	if (w && w->id == W_TABLE)
		return "edit, Del delete";
	return NULL;
}

const struct step_def step_containers = {
	.id = WIZARD_CONTAINERS,
	.sidebar = "Containers",
	.enter = enter,
	.leave = leave,
	.layout = layout,
	.paint = paint,
	.key = key,
	.sync = sync,
	.hint = hint,
};
