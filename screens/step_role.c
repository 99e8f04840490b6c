/* step_role: the bridge, public, client and management steps — a network picker over
 * the datacenter's networks in natural order (unusable ones marked x and dimmed, with
 * the reason under the list; the roles' choices marked with their letters), the role's
 * address settings, the NIC layout drawn live (beside the picker from 120 columns,
 * below it when it fits, else as a one-line summary), and the rules engine's findings
 * for the step.
 *
 * Browsing is not choosing: the cursor and the filter move freely, and only Enter (or
 * Space) on a row makes it the role's choice, marked with a bullet and named on the
 * "Chosen:" line under the list. Where netpick_suggest() finds an unambiguous port
 * group (bridge, public) it is marked as suggested, not chosen; Next then asks once
 * whether to take it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "err.h"
#include "inuse.h"
#include "layout.h"
#include "mem.h"
#include "netlist.h"
#include "netpick.h"
#include "screens.h"

enum { W_SAME = 1, W_LIST, W_MODE, W_IP, W_GW, W_EXTRA, W_RANGE, W_WIDTH, W_CREATE };

struct priv {
	enum plan_role role;
	struct netlist *nets;
	const struct inv_network **inv_of; /* model index -> inventory network */
	char *missing;                     /* the plan's choice, absent from the inventory */
	char *width_error;                 /* why the typed bridge width is no width, or NULL */
	bool tip_for_list;                 /* the status line holds the picker's tip */
	/* bridge: no distributed port group is free, so a new one can be created */
	char *create_switch;               /* switch name, or NULL: not offered */
	int create_vlan;
	long suggested;                    /* model index of the suggestion, or -1 */
	char *own_pg, *own_id;             /* the role's own network while "same as" is on */
};

static const char *const modes[] = {"DHCP", "Static address"};

#define LIST_TIP "Up and Down browse, Enter chooses (type to filter); F10 goes on."

static enum plan_role role_of(const struct app *a)
{
	switch (a->s->wz.step) {
	case WIZARD_BRIDGE: return PLAN_ROLE_BRIDGE;
	case WIZARD_PUBLIC: return PLAN_ROLE_PUBLIC;
	case WIZARD_CLIENT: return PLAN_ROLE_CLIENT;
	default: return PLAN_ROLE_MANAGEMENT;
	}
}

static const char *role_title(enum plan_role r)
{
	switch (r) {
	case PLAN_ROLE_BRIDGE: return "Bridge network";
	case PLAN_ROLE_PUBLIC: return "Public network";
	case PLAN_ROLE_CLIENT: return "Client network";
	default: return "Management network";
	}
}

/* The plan's port group and id for the role (NULL when defaulted or unset). */
static void role_choice(const struct plan *p, enum plan_role r, const char **pg, const char **id)
{
	if (r == PLAN_ROLE_BRIDGE) {
		*pg = p->bridge.port_group;
		*id = p->bridge.id;
	} else {
		const struct plan_role_net *rn = plan_role_const(p, r);
		*pg = rn->port_group;
		*id = rn->id;
	}
}

static unsigned marks_for(const struct plan *p, const struct inv_network *n)
{
	unsigned m = 0;
	static const unsigned bit[PLAN_ROLE_COUNT] = {
		[PLAN_ROLE_PUBLIC] = NETLIST_MARK_PUBLIC, [PLAN_ROLE_CLIENT] = NETLIST_MARK_CLIENT,
		[PLAN_ROLE_MANAGEMENT] = NETLIST_MARK_MANAGEMENT, [PLAN_ROLE_BRIDGE] = NETLIST_MARK_BRIDGE,
	};

	for (int r = 0; r < PLAN_ROLE_COUNT; r++) {
		const char *pg = r == PLAN_ROLE_BRIDGE ? p->bridge.port_group
						       : plan_effective_port_group(p, (enum plan_role)r);
		const char *id = r == PLAN_ROLE_BRIDGE ? p->bridge.id : NULL;
		if (session_net_is(n, pg, id))
			m |= bit[r];
	}
	return m;
}

static void refresh_marks(struct app *a)
{
	struct priv *p = a->priv;

	for (size_t i = 0; i < netlist_total(p->nets); i++)
		netlist_set_marks(p->nets, i, marks_for(a->s->wz.plan, p->inv_of[i]));
}

/* What to do about row's refusal, in the words 'vchnet check' uses; "" when none. */
static const char *row_hint(struct app *a, size_t row)
{
	struct priv *p = a->priv;
	const struct inv_obj *scope = app_scope(a);
	const char *hint = NULL;
	char reason[256];

	wizard_network_refusal(a->s->wz.plan, a->s->inv, scope && scope->kind == INV_COMPUTE ? scope : NULL,
			       a->s->on_vcenter, p->role, p->inv_of[netlist_model_index(p->nets, row)],
			       reason, sizeof reason, &hint);
	return hint ? hint : "";
}

/* The rows are the core's choices for the role (the same list, reasons and "used
 * by" plain mode reads); the netlist keeps its own copy for filtering and drawing. */
static void build_list(struct app *a, struct priv *p)
{
	struct session_net_choices nc;
	const char *pg, *id;

	role_choice(a->s->wz.plan, p->role, &pg, &id);
	session_net_choices(a->s, p->role, pg, id, &nc);
	p->nets = netlist_new();
	p->inv_of = xcalloc(nc.n + 1, sizeof *p->inv_of);
	for (size_t i = 0; i < nc.n; i++) {
		const struct session_net_choice *c = &nc.v[i];
		struct netlist_entry e = {0};

		p->inv_of[i] = c->net;
		e.name = c->net->o.name;
		e.id = c->net->o.id;
		e.type = c->type;
		e.sw = c->sw;
		e.vlan = c->vlan;
		e.hosts = c->hosts;
		e.hosts_total = c->hosts_total;
		e.reason = c->why_not;
		e.used_by = c->used_by;
		netlist_add(p->nets, &e);
	}
	p->suggested = nc.suggested;
	session_net_choices_free(&nc);
	refresh_marks(a);
}

static bool row_ok(struct priv *p, size_t row)
{
	return netlist_row(p->nets, row)->reason == NULL;
}

/* --- list source --- */

static size_t src_count(void *ctx) { return netlist_count(((struct app *)ctx)->priv ? ((struct priv *)((struct app *)ctx)->priv)->nets : NULL); }

static bool src_selectable(void *ctx, size_t i)
{
	struct app *a = ctx;
	return row_ok(a->priv, i);
}

static bool is_chosen(struct app *a, const struct netlist_entry *e)
{
	struct priv *p = a->priv;
	const char *pg, *id;

	role_choice(a->s->wz.plan, p->role, &pg, &id);
	if (id && e->id)
		return strcmp(id, e->id) == 0;
	return pg && strcmp(pg, e->name) == 0;
}

/* The marker column: the choice, a suggestion, or a row that cannot serve. A text mark,
 * so terminals without dim or colour (vt100, NO_COLOR, monochrome) show it too. */
static const char *row_mark(struct app *a, size_t row, const struct netlist_entry *e)
{
	struct priv *p = a->priv;

	if (is_chosen(a, e))
		return e->reason ? "x" : theme_glyph(GLYPH_CHOSEN);
	if (e->reason)
		return "x";
	if (p->suggested >= 0 && netlist_model_index(p->nets, row) == (size_t)p->suggested)
		return theme_utf8() ? "\u25cb" : "o";
	return " ";
}

static void src_draw(void *ctx, size_t i, int y, int x, int w, bool cursor, bool focused)
{
	struct app *a = ctx;
	struct priv *p = a->priv;
	const struct netlist_entry *e = netlist_row(p->nets, i);
	char tags[8], buf[512], *line;
	enum theme_role r = e->reason ? ROLE_DIM : ROLE_NORMAL;
	bool disabled = form_find(&a->form, W_LIST)->disabled;

	snprintf(tags, sizeof tags, "%c%c%c%c", e->marks & NETLIST_MARK_BRIDGE ? 'B' : ' ',
		 e->marks & NETLIST_MARK_PUBLIC ? 'P' : ' ', e->marks & NETLIST_MARK_CLIENT ? 'C' : ' ',
		 e->marks & NETLIST_MARK_MANAGEMENT ? 'M' : ' ');
	netlist_format(e, w - 8, buf, sizeof buf);
	/* the chosen row keeps its mark while the list is off (same as public): the mark
	 * says which network the role uses, the letters say which roles */
	line = xasprintf("%s%s %s %s", cursor && !disabled ? theme_glyph(GLYPH_POINTER) : " ",
			 disabled && !e->reason ? " " : row_mark(a, i, e), tags, buf);
	if (cursor && focused)
		r = e->reason ? ROLE_DIM : ROLE_FOCUS;
	if (disabled)
		r = ROLE_DIM;
	theme_put_attr(stdscr, y, x, w, theme_attr(r) | (cursor && focused ? A_REVERSE : 0), line, true);
	free(line);
}

static void src_filter(void *ctx, const char *text)
{
	struct app *a = ctx;
	netlist_filter(((struct priv *)a->priv)->nets, text);
}

/* --- the role's fields --- */

static char *join(const struct strv *l) { return strv_join(l, ", "); }

static struct widget *field(struct app *a, int id, const char *label, const char *value,
			    const char *placeholder, const char *help)
{
	struct widget *w = form_add(&a->form, widget_field_new(id, label, value, false));
	w->label_w = theme_width(label) + 1;
	if (placeholder)
		w->placeholder = xstrdup(placeholder);
	app_field_help(w, help);
	return w;
}

/* The name a created bridge port group gets. */
static char *create_name(const struct plan *pl)
{
	return xasprintf("%s-bridge", pl->name && *pl->name ? pl->name : "vch");
}

/* When no distributed (or NSX) port group can be the bridge, offer to create one
 * (networks.bridge.create) on the datacenter's switch with a VLAN no port group of
 * that switch uses. */
static void offer_create(struct app *a, struct priv *p)
{
	struct plan *pl = a->s->wz.plan;
	const struct inv_switch *sw;
	bool free_dvpg = false;

	for (size_t i = 0; i < netlist_total(p->nets); i++) {
		const struct netlist_entry *e = netlist_entry(p->nets, i);
		if (!e->reason && strcmp(e->type, "standard") != 0)
			free_dvpg = true;
	}
	if ((free_dvpg && !pl->bridge.create) ||
	    inuse_suggest_bridge(a->s->inv, a->s->dc_id, &sw, &p->create_vlan) < 0)
		return;
	if (pl->bridge.create && pl->bridge.create_switch)
		p->create_switch = xstrdup(pl->bridge.create_switch);
	else
		p->create_switch = xstrdup(sw->o.name);
	if (pl->bridge.create && pl->bridge.create_vlan >= 0)
		p->create_vlan = pl->bridge.create_vlan;
	struct widget *w = form_add(&a->form, widget_check_new(W_CREATE, "Create a new bridge port group",
							       pl->bridge.create));
	app_field_help(w, "Every distributed port group here is in use (or cannot be the "
			  "bridge). Space makes the plan create a new one at deploy time "
			  "(networks.bridge.create): on the datacenter's distributed switch, with "
			  "a VLAN none of its port groups uses. Give it uplinks if the hosts of "
			  "the cluster must reach each other's container VMs.");
}

/* Sets or clears networks.bridge.create from the check box. */
static void apply_create(struct app *a, bool on)
{
	struct priv *p = a->priv;
	struct plan *pl = a->s->wz.plan;

	if (on) {
		char *name = pl->bridge.create && pl->bridge.port_group ? xstrdup(pl->bridge.port_group)
								       : create_name(pl);
		mem_set_str(&pl->bridge.port_group, name);
		mem_set_str(&pl->bridge.id, NULL);
		pl->bridge.create = true;
		mem_set_str(&pl->bridge.create_switch, p->create_switch);
		pl->bridge.create_vlan = p->create_vlan;
		free(name);
	} else if (pl->bridge.create) {
		pl->bridge.create = false;
		mem_set_str(&pl->bridge.create_switch, NULL);
		pl->bridge.create_vlan = -1;
		mem_set_str(&pl->bridge.port_group, NULL);
	}
	form_find(&a->form, W_LIST)->disabled = on;
	refresh_marks(a);
}

static void enter(struct app *a)
{
	struct priv *p = xcalloc(1, sizeof *p);
	struct plan *pl = a->s->wz.plan;
	struct list_source src = {src_count, src_draw, src_selectable, src_filter, a};
	struct widget *list, *w;
	const char *pg, *id;
	long row = -1;

	a->priv = p;
	p->role = role_of(a);
	build_list(a, p);

	if (p->role == PLAN_ROLE_CLIENT || p->role == PLAN_ROLE_MANAGEMENT) {
		role_choice(pl, p->role, &pg, &id);
		w = form_add(&a->form, widget_check_new(W_SAME, p->role == PLAN_ROLE_CLIENT
				? "Same as the public network (the default)"
				: "Same as the client network (the default)", pg == NULL && id == NULL));
		app_field_help(w, p->role == PLAN_ROLE_CLIENT
			? "Docker clients reach the VCH on the public network unless you give "
			  "them a network of their own. Sharing keeps the VCH at fewer network "
			  "cards. Space turns it off to pick a network below."
			: "The VCH reaches vCenter and the hosts over the client network unless "
			  "you give management its own. Space turns it off to pick a network below.");
	}
	if (p->role == PLAN_ROLE_BRIDGE)
		offer_create(a, p);
	list = form_add(&a->form, widget_list_new(W_LIST, &src));
	list->empty_text = xstrdup("(no networks in this datacenter)");
	app_field_help(list, p->role == PLAN_ROLE_BRIDGE
		? "The bridge network carries traffic between container VMs and the VCH. "
		  "It must be a distributed port group (or NSX network) that nothing else "
		  "uses: not another role, not another VCH, not other VMs. Up and Down browse; "
		  "Enter (or Space) chooses the row, marked with a bullet; a suggestion is "
		  "marked with a circle until chosen. Networks marked x cannot be used; the "
		  "line under the list says why. Type: dvpg a distributed port group, NSX an "
		  "NSX network, std a standard port group. Type to filter by name, switch or "
		  "type; a number or vlan:N also finds VLAN N."
		: "Pick the port group for this role: Up and Down browse, Enter (or Space) "
		  "chooses. Roles on the same port group share one network card of the VCH. "
		  "Networks marked x cannot be used; the line under the list says why. B, P, "
		  "C and M mark the bridge, public, client and management choices. Type: dvpg "
		  "a distributed port group, NSX an NSX network, std a standard port group. "
		  "Type to filter by name, switch or type; a number or vlan:N also finds VLAN N.");

	role_choice(pl, p->role, &pg, &id);
	if (pg || id) {
		for (size_t i = 0; i < netlist_count(p->nets) && row < 0; i++)
			if (session_net_is(p->inv_of[netlist_model_index(p->nets, i)], pg, id))
				row = (long)i;
		if (row < 0 && !(p->role == PLAN_ROLE_BRIDGE && pl->bridge.create))
			p->missing = xstrdup(pg ? pg : id);
	}
	/* nothing chosen yet: the core's suggestion, when one port group is clearly right */
	if (p->suggested >= 0)
		row = p->suggested; /* unfiltered: the row is the model index */
	for (size_t i = 0; i < netlist_count(p->nets) && row < 0; i++)
		if (row_ok(p, i))
			row = (long)i;
	widget_list_set_cursor(list, row > 0 ? (size_t)row : 0);

	if (p->role == PLAN_ROLE_BRIDGE) {
		char wbuf[16] = "";
		if (pl->bridge.width)
			snprintf(wbuf, sizeof wbuf, "%d", pl->bridge.width);
		field(a, W_RANGE, "IP range:", pl->bridge.ip_range, PLAN_DEFAULT_BRIDGE_RANGE " (default)",
		      "The private address range the VCH hands out to containers on the bridge "
		      "network, in CIDR form. Leave it empty for 172.16.0.0/12. It must not "
		      "overlap the networks the VCH or containers need to reach.");
		field(a, W_WIDTH, "Width:", wbuf, "16 (default)",
		      "The prefix length of each container bridge network cut from the range: "
		      "16 gives /16 networks. Leave it empty for 16.");
	} else {
		const struct plan_role_net *rn = plan_role_const(pl, p->role);
		if (p->role == PLAN_ROLE_PUBLIC) {
			w = form_add(&a->form, widget_radio_new(W_MODE, modes, 2, rn->ip ? 1 : 0));
			w->horizontal = true;
			w->h = 1;
			app_field_help(w, "DHCP: the VCH gets its public address from a DHCP server "
					  "on that network (the address can change when the VCH "
					  "restarts). Static: you give the address, its prefix and the "
					  "gateway. Left and Right change it.");
		}
		field(a, W_IP, "Address:", rn->ip, p->role == PLAN_ROLE_PUBLIC ? "e.g. 10.0.0.5/24" : "DHCP (empty)",
		      "A static IPv4 address with its prefix length (CIDR), for example "
		      "10.0.0.5/24. Empty means DHCP.");
		field(a, W_GW, "Gateway:", rn->gateway, "none",
		      "The router for this network, for example 10.0.0.1. On client and "
		      "management networks a gateway needs routing destinations.");
		if (p->role == PLAN_ROLE_PUBLIC) {
			char *dns = join(&pl->dns);
			field(a, W_EXTRA, "DNS servers:", dns, "from DHCP, else 8.8.8.8 8.8.4.4",
			      "The DNS servers the VCH uses, separated by commas or spaces. Empty: "
			      "the ones DHCP gives, or Google's when every role is static.");
			free(dns);
		} else {
			char *routes = join(&rn->routes);
			field(a, W_EXTRA, "Routes:", routes, "none",
			      "Networks (CIDR, comma separated) reached through this network's "
			      "gateway, for example 10.20.0.0/16. Without routes, the gateway is "
			      "not used.");
			free(routes);
		}
	}
	if (p->missing)
		app_status(a, ROLE_ERROR, "The plan's %s port group \"%s\" is not in this datacenter: choose another.",
			   plan_role_name(p->role), p->missing);
	form_focus(&a->form, list);
	if (form_find(&a->form, W_SAME) && form_find(&a->form, W_SAME)->on)
		form_focus(&a->form, form_find(&a->form, W_SAME));
	if (form_find(&a->form, W_CREATE)) {
		list->disabled = form_find(&a->form, W_CREATE)->on;
		form_focus(&a->form, form_find(&a->form, W_CREATE));
	}
	p->tip_for_list = form_focused(&a->form) && form_focused(&a->form)->kind == WIDGET_LIST;
	if (!p->missing)
		app_tip(a, (p->role == PLAN_ROLE_CLIENT || p->role == PLAN_ROLE_MANAGEMENT) &&
				   form_find(&a->form, W_SAME)->on
			   ? "Keep the default with F10, or press Space to pick a network of its own."
			   : LIST_TIP);
}

static void leave(struct app *a)
{
	struct priv *p = a->priv;
	netlist_free(p->nets);
	free(p->inv_of);
	free(p->missing);
	free(p->width_error);
	free(p->create_switch);
	free(p->own_pg);
	free(p->own_id);
	free(p);
}

static void set_role_net(struct plan *pl, enum plan_role r, const char *pg, const char *id)
{
	if (r == PLAN_ROLE_BRIDGE) {
		mem_set_str(&pl->bridge.port_group, pg);
		mem_set_str(&pl->bridge.id, id);
	} else {
		struct plan_role_net *rn = plan_role(pl, r);
		mem_set_str(&rn->port_group, pg);
		mem_set_str(&rn->id, id);
	}
}

/* Makes model entry i the role's choice (Enter on its row, or a suggestion confirmed). */
static void choose_entry(struct app *a, size_t i)
{
	struct priv *p = a->priv;
	const struct netlist_entry *e = netlist_entry(p->nets, i);

	/* written so that vic-machine's finder reads the name as itself */
	char *pg = wizard_pg_text(e->name);
	set_role_net(a->s->wz.plan, p->role, pg, e->id);
	free(pg);
	free(p->missing);
	p->missing = NULL;
	p->suggested = -1;
	refresh_marks(a);
}

/* The "Chosen:" line: what the role uses now, whatever the list shows. */
static char *chosen_text(struct app *a)
{
	struct priv *p = a->priv;
	struct widget *same = form_find(&a->form, W_SAME);
	const char *pg, *id;
	char *d, *s;

	if (same && same->on) {
		const char *eff = plan_effective_port_group(a->s->wz.plan, p->role);
		return xasprintf("Chosen: same as the %s network (%s)",
				 p->role == PLAN_ROLE_CLIENT ? "public" : "client", eff ? eff : "none yet");
	}
	if (p->missing)
		return xasprintf("Chosen: %s, which is not in this datacenter", p->missing);
	role_choice(a->s->wz.plan, p->role, &pg, &id);
	for (size_t i = 0; (pg || id) && i < netlist_total(p->nets); i++)
		if (session_net_is(p->inv_of[i], pg, id)) {
			d = netpick_describe(a->s->inv, p->inv_of[i]);
			s = xasprintf("Chosen: %s", d);
			free(d);
			return s;
		}
	if (pg || id)
		return xasprintf("Chosen: %s", pg ? pg : id);
	if (p->suggested >= 0)
		return xasprintf("Chosen: none yet (suggested: %s)", p->inv_of[p->suggested]->o.name);
	return xstrdup("Chosen: none yet (Enter on a row chooses)");
}

static void sync(struct app *a)
{
	struct priv *p = a->priv;
	struct plan *pl = a->s->wz.plan;
	struct widget *same = form_find(&a->form, W_SAME);

	if (p->role == PLAN_ROLE_BRIDGE) {
		const char *range = widget_field_get(form_find(&a->form, W_RANGE));
		const char *width = widget_field_get(form_find(&a->form, W_WIDTH));
		mem_set_str(&pl->bridge.ip_range, *range ? range : NULL);
		free(p->width_error);
		p->width_error = NULL;
		/* no number: the plan keeps the default, and Next is refused until it is one */
		if (wizard_parse_bridge_width(width, &pl->bridge.width) < 0) {
			p->width_error = xstrdup(err_msg());
			pl->bridge.width = 0;
		}
		return;
	}
	struct plan_role_net *rn = plan_role(pl, p->role);
	const char *ip = widget_field_get(form_find(&a->form, W_IP));
	const char *gw = widget_field_get(form_find(&a->form, W_GW));
	const char *extra = widget_field_get(form_find(&a->form, W_EXTRA));
	struct widget *mode = form_find(&a->form, W_MODE);
	bool dhcp = mode && mode->selected == 0;

	if (same && same->on)
		set_role_net(pl, p->role, NULL, NULL);
	mem_set_str(&rn->ip, *ip && !dhcp ? ip : NULL);
	mem_set_str(&rn->gateway, *gw && !dhcp ? gw : NULL);
	if (p->role == PLAN_ROLE_PUBLIC)
		strv_split_list(&pl->dns, extra);
	else
		strv_split_list(&rn->routes, extra);
	if (p->role == PLAN_ROLE_PUBLIC)
		rn->present = true;
	else
		rn->present = rn->port_group || rn->id || rn->ip || rn->gateway || rn->routes.n;
	refresh_marks(a);
}

static int validate(struct app *a)
{
	struct priv *p = a->priv;

	if (p->missing)
		return err_set("the plan's %s port group \"%s\" is not in this datacenter; choose one from the list",
			       plan_role_name(p->role), p->missing);
	if (p->width_error)
		return err_set("%s", p->width_error);
	{
		struct widget *same = form_find(&a->form, W_SAME);
		const char *pg, *id;
		role_choice(a->s->wz.plan, p->role, &pg, &id);
		if (same && !same->on && !pg && !id)
			return err_set("no %s network is chosen: press Enter on a row of the list, or "
				       "turn \"Same as the %s network\" back on",
				       plan_role_name(p->role), p->role == PLAN_ROLE_CLIENT ? "public" : "client");
		if (!same && !pg && !id)
			return err_set("no %s network is chosen: press Enter on a row of the list",
				       plan_role_name(p->role));
	}
	return 0;
}

static void describe_cursor(struct app *a)
{
	struct priv *p = a->priv;
	struct widget *list = form_find(&a->form, W_LIST);
	const struct netlist_entry *e;
	char vl[32];

	if (netlist_count(p->nets) == 0)
		return;
	e = netlist_row(p->nets, list->cur);
	if (e->reason) {
		/* the hint goes last: F1 shows the whole line when the row cuts it */
		const char *h = row_hint(a, list->cur);
		app_status(a, ROLE_WARNING, "Cannot use: %s is %s%s%s", e->name, e->reason,
			   h[0] ? "; hint: " : "", h);
		return;
	}
	/* in words: the columns abbreviate */
	const char *kind = inv_net_type_noun_of(e->type);
	if (e->vlan == -2)
		snprintf(vl, sizeof vl, ", VLAN trunk");
	else if (e->vlan > 0)
		snprintf(vl, sizeof vl, ", VLAN %d", e->vlan);
	else
		vl[0] = '\0'; /* none, or not known (NSX, standard) */
	app_status(a, ROLE_NORMAL, "%s: %s%s%s%s, on %d of %d hosts", e->name, kind,
		   e->sw ? " on " : "", e->sw ? e->sw : "", vl, e->hosts, e->hosts_total);
}

/* The status line's tip follows the focus: the picker's "Up and Down choose a network"
 * is no help in the address fields. Messages (errors, warnings) stay. */
static void tip_follows_focus(struct app *a)
{
	struct priv *p = a->priv;
	struct widget *f = form_focused(&a->form);
	bool in_list = f && f->kind == WIDGET_LIST;

	if (in_list == p->tip_for_list || a->status_role != ROLE_NORMAL)
		return;
	p->tip_for_list = in_list;
	if (in_list)
		app_status(a, ROLE_NORMAL, LIST_TIP);
	else if (f && f->kind == WIDGET_FIELD)
		app_status(a, ROLE_NORMAL, "Type the value (empty: the dimmed default); F1 explains it; "
			   "F10 goes on.");
	else if (f && f->kind == WIDGET_RADIO)
		app_status(a, ROLE_NORMAL, "Left and Right choose; F1 explains it; F10 goes on.");
	else
		app_status(a, ROLE_NORMAL, "F1 explains the focused item; F10 goes on.");
}

static void cursor_to_choice(struct app *a, struct widget *list)
{
	struct priv *p = a->priv;
	const char *pg, *id;

	role_choice(a->s->wz.plan, p->role, &pg, &id);
	for (size_t r = 0; (pg || id) && r < netlist_count(p->nets); r++)
		if (session_net_is(p->inv_of[netlist_model_index(p->nets, r)], pg, id)) {
			widget_list_set_cursor(list, r);
			return;
		}
}

/* Next while the role holds only a suggestion: asks once whether to take it. Returns
 * true when the step keeps the key (the user wants to choose another). */
static bool confirm_suggestion(struct app *a)
{
	struct priv *p = a->priv;
	const char *pg, *id;
	char *d, *q;
	bool yes;

	role_choice(a->s->wz.plan, p->role, &pg, &id);
	/* another refusal comes first: the question is for a step otherwise ready */
	sync(a);
	if (pg || id || p->suggested < 0 || p->missing || p->width_error)
		return false;
	d = netpick_describe(a->s->inv, p->inv_of[p->suggested]);
	q = xasprintf("No %s network is chosen yet. The wizard suggests %s%s.\n\nUse it as the "
		      "%s network?", plan_role_name(p->role), d,
		      p->role == PLAN_ROLE_BRIDGE ? ", the only usable port group that fits"
						  : ", vic-machine's default",
		      plan_role_name(p->role));
	yes = dialog_confirm("Use the suggestion?", q, "Use it", "Choose another", true);
	free(q);
	free(d);
	if (yes) {
		choose_entry(a, (size_t)p->suggested);
		sync(a);
		app_recheck(a);
		return false;
	}
	form_focus(&a->form, form_find(&a->form, W_LIST));
	app_status(a, ROLE_NORMAL, "Choose the %s network: Enter on a row.", plan_role_name(p->role));
	return true;
}

static bool key(struct app *a, struct key_event ev, enum widget_res r, struct widget *who)
{
	struct priv *p = a->priv;

	tip_follows_focus(a);
	if (!who) {
		if (ev.act == KEY_ACT_NEXT)
			return confirm_suggestion(a);
		return false;
	}
	if (who->id == W_CREATE && r == WIDGET_CHANGED) {
		apply_create(a, who->on);
		app_recheck(a);
		return true;
	}
	if (who->id == W_SAME && r == WIDGET_CHANGED) {
		const char *pg, *id;
		form_find(&a->form, W_LIST)->disabled = who->on;
		/* turning "same as" on and off again gives back the network chosen before */
		role_choice(a->s->wz.plan, p->role, &pg, &id);
		if (who->on && (pg || id)) {
			mem_set_str(&p->own_pg, pg);
			mem_set_str(&p->own_id, id);
		} else if (!who->on && (p->own_pg || p->own_id)) {
			set_role_net(a->s->wz.plan, p->role, p->own_pg, p->own_id);
			refresh_marks(a);
			cursor_to_choice(a, form_find(&a->form, W_LIST));
		}
		sync(a);
		app_recheck(a);
		role_choice(a->s->wz.plan, p->role, &pg, &id);
		if (!who->on && !pg && !id)
			app_status(a, ROLE_NORMAL, "Choose the %s network: Enter on a row.",
				   plan_role_name(p->role));
		return true;
	}
	if (who->id == W_LIST && r == WIDGET_CHANGED) {
		/* browsing and filtering: the choice stays; only the cursor's row is described.
		 * With the filter cleared, the cursor goes back to the chosen row. */
		if ((ev.act == KEY_ACT_BACKSPACE || ev.act == KEY_ACT_KILL_LINE) && !who->filter[0])
			cursor_to_choice(a, who);
		describe_cursor(a);
		return true;
	}
	if (who->id == W_LIST && r == WIDGET_ACTIVATED) {
		const struct netlist_entry *e = netlist_count(p->nets) ? netlist_row(p->nets, who->cur) : NULL;
		char *c;

		if (!e)
			return true;
		if (e->reason) {
			const char *h = row_hint(a, who->cur);
			app_status(a, ROLE_ERROR, "Refused as %s network: %s is %s%s%s",
				   plan_role_name(p->role), e->name, e->reason,
				   h[0] ? "; hint: " : "", h);
			return true;
		}
		choose_entry(a, netlist_model_index(p->nets, who->cur));
		sync(a);
		app_recheck(a);
		c = chosen_text(a);
		app_status(a, ROLE_OK, "%s as the %s network.", c, plan_role_name(p->role));
		free(c);
		/* on to the role's address settings, as before */
		form_focus_next(&a->form, 1);
		return true;
	}
	return false;
}

static const char *hint(struct app *a, struct widget *w)
{
	(void)a;
	if (w && w->kind == WIDGET_LIST)
		return "choose (type to filter)";
	if (w && w->kind == WIDGET_CHECK)
		return "toggle";
	return NULL;
}

/* --- drawing --- */

static void nic_summary(struct app *a, char *buf, size_t n)
{
	struct layout lay;
	size_t o;

	layout_compute(a->s->wz.plan, &lay);
	o = (size_t)snprintf(buf, n, "NICs: %d of at most %d.", lay.n_nics, lay.max_nics);
	for (int i = 0; i < lay.n_nics && o < n; i++) {
		bool first = true;
		o += (size_t)snprintf(buf + o, n - o, " %d:", i + 1);
		for (int r = 0; r < PLAN_ROLE_COUNT && o < n; r++)
			if (lay.nic[i].roles & (1u << r)) {
				o += (size_t)snprintf(buf + o, n - o, "%s%s", first ? "" : "+",
						      plan_role_name((enum plan_role)r));
				first = false;
			}
	}
}

static int field_rows(const struct priv *p)
{
	return p->role == PLAN_ROLE_BRIDGE ? 1 : p->role == PLAN_ROLE_PUBLIC ? 3 : 2;
}

/* The layout pane beside the picker takes 40 columns; below 120 that left the list too
 * narrow for the network names and the Switch column, so there it goes below. */
enum { BESIDE_COLS = 120, PANE_W = 40 };

static bool beside(void) { return ui_cols() >= BESIDE_COLS; }

/* Where the live layout goes: beside (cols >= BESIDE_COLS), below, or nowhere. */
static void layout(struct app *a)
{
	struct priv *p = a->priv;
	int x = a->bx + 1, w = a->bw - 2, y = a->by + 3, bottom = a->by + a->bh;
	int lw = w, lh, fy;
	struct widget *same = form_find(&a->form, W_SAME);
	struct widget *create = form_find(&a->form, W_CREATE);

	if (beside())
		lw = w - PANE_W;
	if (same) {
		widget_place(same, y, x, lw, 1);
		y++;
	}
	if (create) {
		widget_place(create, y, x, lw, 1);
		y++;
	}
	/* list: what is left after the fields, the NIC line and two finding rows */
	lh = bottom - (y + 1) - field_rows(p) - 1 - 2 - 1;
	if (lh > (int)netlist_total(p->nets) + 1 && lh > 4)
		lh = (int)netlist_total(p->nets) + 1 > 4 ? (int)netlist_total(p->nets) + 1 : 4;
	if (lh > 14)
		lh = 14;
	if (lh < 3)
		lh = 3;
	widget_place(form_find(&a->form, W_LIST), y + 1, x, lw, lh);
	fy = y + 1 + lh + 1;
	if (create)
		form_find(&a->form, W_LIST)->disabled = create->on;
	if (p->role == PLAN_ROLE_BRIDGE) {
		widget_place(form_find(&a->form, W_RANGE), fy, x, lw / 2 + 6, 1);
		widget_place(form_find(&a->form, W_WIDTH), fy, x + lw / 2 + 8, lw - lw / 2 - 8, 1);
		return;
	}
	if (p->role == PLAN_ROLE_PUBLIC) {
		widget_place(form_find(&a->form, W_MODE), fy++, x, lw, 1);
	}
	widget_place(form_find(&a->form, W_IP), fy, x, lw / 2, 1);
	widget_place(form_find(&a->form, W_GW), fy, x + lw / 2 + 1, lw - lw / 2 - 1, 1);
	widget_place(form_find(&a->form, W_EXTRA), fy + 1, x, lw, 1);
	struct widget *mode = form_find(&a->form, W_MODE);
	bool dhcp = mode && mode->selected == 0;
	form_find(&a->form, W_IP)->disabled = dhcp;
	form_find(&a->form, W_GW)->disabled = dhcp;
	if (same)
		form_find(&a->form, W_LIST)->disabled = same->on;
}

static void draw_layout_pane(struct app *a, int y, int x, int w, int h)
{
	struct layout_opts lo = {.ascii = !theme_utf8(), .width = w, .lookup = app_layout_lookup, .ctx = a};
	char *text = layout_draw(a->s->wz.plan, &lo), *s = text, *nl;
	int row = 0;

	while (s && *s && row < h) {
		nl = strchr(s, '\n');
		if (nl)
			*nl = '\0';
		theme_put(stdscr, y + row++, x, w, ROLE_NORMAL, s, true);
		if (!nl)
			break;
		s = nl + 1;
	}
	free(text);
}

static int count_lines(const char *s)
{
	int n = 0;
	for (; s && *s; s++)
		n += *s == '\n';
	return n;
}

static void paint(struct app *a)
{
	struct priv *p = a->priv;
	struct widget *list = form_find(&a->form, W_LIST);
	int x = a->bx + 1, w = a->bw - 2, bottom = a->by + a->bh;
	char head[256], nics[256], **lines;
	size_t n;
	int y, lw = list->w;

	theme_put(stdscr, a->by, x, w, ROLE_HEADING, role_title(p->role), true);
	n = theme_wrap(wizard_step_intro(a->s->wz.step), w, &lines);
	for (size_t i = 0; i < n && i < 2; i++)
		theme_put(stdscr, a->by + 1 + (int)i, x, w, ROLE_NORMAL, lines[i], true);
	theme_free_lines(lines, n);
	netlist_header(lw - 9, head, sizeof head);
	char *h = xasprintf("        %s", head);
	theme_put(stdscr, list->y - 1, x, lw, ROLE_HEADING, h, true);
	free(h);

	{
		/* under the list: the choice, whatever the filter shows; the position on the
		 * title row, where it never cuts the choice short */
		char pos[64], *c = chosen_text(a);
		size_t cnt = netlist_count(p->nets), tot = netlist_total(p->nets);
		int pw;
		if (list->filter[0])
			snprintf(pos, sizeof pos, "%zu of %zu matching", cnt ? list->cur + 1 : 0, cnt);
		else
			snprintf(pos, sizeof pos, "%zu of %zu", cnt ? list->cur + 1 : 0, tot);
		pw = theme_width(pos);
		theme_put(stdscr, list->y + list->h, x, lw, ROLE_LABEL, c, true);
		theme_put(stdscr, a->by, x + lw - pw, pw, ROLE_DIM, pos, false);
		free(c);
	}
	y = (p->role == PLAN_ROLE_BRIDGE ? form_find(&a->form, W_RANGE)->y
					  : form_find(&a->form, W_EXTRA)->y) + 1;
	nic_summary(a, nics, sizeof nics);
	theme_put(stdscr, y++, x, lw, ROLE_DIM, nics, true);
	if (form_find(&a->form, W_CREATE)) {
		bool on = form_find(&a->form, W_CREATE)->on;
		char *name = on && a->s->wz.plan->bridge.port_group ? xstrdup(a->s->wz.plan->bridge.port_group)
								  : create_name(a->s->wz.plan);
		char *m = on ? xasprintf("%s will be created on %s with VLAN %d (no port group of %s "
					 "uses it) when the plan is deployed.", name, p->create_switch,
					 p->create_vlan, p->create_switch)
			     : xasprintf("No distributed port group is free for the bridge: the box "
					 "above creates %s on %s, VLAN %d.", name, p->create_switch,
					 p->create_vlan);
		n = theme_wrap(m, lw, &lines);
		for (size_t i = 0; i < n && y < bottom; i++)
			theme_put(stdscr, y++, x, lw, on ? ROLE_NORMAL : ROLE_WARNING, lines[i], true);
		theme_free_lines(lines, n);
		free(m);
		free(name);
	}
	if (p->missing) {
		char *m = xasprintf("Error: the plan's %s port group \"%s\" is not in this "
				    "datacenter; choose one from the list.",
				    plan_role_name(p->role), p->missing);
		n = theme_wrap(m, lw, &lines);
		for (size_t i = 0; i < n && y < bottom; i++)
			theme_put(stdscr, y++, x, lw, ROLE_ERROR, lines[i], true);
		theme_free_lines(lines, n);
		free(m);
	}
	if (p->width_error) {
		n = theme_wrap(p->width_error, lw, &lines);
		for (size_t i = 0; i < n && y < bottom; i++)
			theme_put(stdscr, y++, x, lw, ROLE_ERROR, lines[i], true);
		theme_free_lines(lines, n);
	}
	/* why the highlighted network cannot serve, in full (the status line cuts it at
	 * 80 columns) */
	if (!list->disabled && list->cur < netlist_count(p->nets) &&
	    netlist_row(p->nets, list->cur)->reason) {
		const struct netlist_entry *e = netlist_row(p->nets, list->cur);
		char *m = xasprintf("Cannot use %s: it is %s.", e->name, e->reason);
		n = theme_wrap(m, lw, &lines);
		for (size_t i = 0; i < n && y < bottom; i++)
			theme_put(stdscr, y++, x, lw, ROLE_WARNING, lines[i], true);
		theme_free_lines(lines, n);
		free(m);
	} else if (!list->disabled && list->cur < netlist_count(p->nets)) {
		/* who is on the highlighted network already */
		const struct inv_network *net = p->inv_of[netlist_model_index(p->nets, list->cur)];
		char *who = inuse_describe(a->s->inv, a->s->wz.plan, net);
		if (who) {
			char *m = xasprintf("%s is %s.", net->o.name, who);
			n = theme_wrap(m, lw, &lines);
			for (size_t i = 0; i < n && y < bottom; i++)
				theme_put(stdscr, y++, x, lw, ROLE_DIM, lines[i], true);
			theme_free_lines(lines, n);
			free(m);
		}
		free(who);
	}
	y += app_draw_findings(a, a->s->wz.step, y, x, lw, bottom - y);

	if (beside()) {
		theme_vline(stdscr, a->by + 3, x + lw + 1, a->bh - 3, ROLE_DIM);
		theme_put(stdscr, a->by + 3, x + lw + 3, PANE_W - 4, ROLE_HEADING, "NIC layout", true);
		draw_layout_pane(a, a->by + 4, x + lw + 3, w - lw - 3, a->bh - 4);
	} else {
		struct layout_opts lo = {.ascii = !theme_utf8(), .width = lw, .lookup = app_layout_lookup, .ctx = a};
		char *text = layout_draw(a->s->wz.plan, &lo);
		int need = count_lines(text);
		free(text);
		if (bottom - y >= need + 1) {
			theme_put(stdscr, y, x, lw, ROLE_HEADING, "NIC layout", true);
			draw_layout_pane(a, y + 1, x, lw, bottom - y - 1);
		}
	}
}

#define ROLE_STEP(var, step, side) \
	const struct step_def var = { \
		.id = step, .sidebar = side, .enter = enter, .leave = leave, .layout = layout, \
		.paint = paint, .key = key, .sync = sync, .validate = validate, .hint = hint, \
	}

ROLE_STEP(step_bridge, WIZARD_BRIDGE, "Bridge");
ROLE_STEP(step_public, WIZARD_PUBLIC, "Public");
ROLE_STEP(step_client, WIZARD_CLIENT, "Client");
ROLE_STEP(step_management, WIZARD_MANAGEMENT, "Management");
