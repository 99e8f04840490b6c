/* step_scope: datacenter (skipped when there is one), compute resource as a tree
 * (clusters, standalone hosts, resource pools), image datastore (only those every host
 * of the chosen compute resource mounts), the VCH's name and the VIC version profile
 * (from vic-machine when one is found, else chosen here). Lists are choose-as-you-move:
 * the row under the cursor is the choice. What a resumed plan names but this inventory
 * lacks is said, and Next refused, until the user chooses from that list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "mem.h"
#include "pick.h"
#include "screens.h"

enum { W_DC = 1, W_NAME, W_VIC, W_COMPUTE, W_DS };


struct priv {
	struct pick dcs, computes, stores;
	/* the plan's choices this inventory lacks (a resumed plan): said, and Next
	 * refused, until the user picks from that list */
	char *missing_dc, *missing_compute, *missing_ds;
	char *note;            /* a fallback we made, said (not an error) */
};

static void fill_computes(struct app *a, struct priv *p)
{
	struct session_places pl;

	pick_free(&p->computes);
	session_computes(a->s, &pl);
	for (size_t i = 0; i < pl.n; i++) {
		const struct inv_obj *o = pl.v[i];
		const struct inv_compute *c = (const struct inv_compute *)o;
		char *label;
		if (o->kind == INV_POOL)
			label = xasprintf("%s (resource pool)", o->name);
		else if (c->cluster)
			label = xasprintf("%s (%zu host%s)", o->name, c->hosts.n,
					  c->hosts.n == 1 ? "" : "s");
		else
			label = xasprintf("%s (host)", o->name);
		pick_add(&p->computes, label, o->id, pl.depth[i]);
		free(label);
	}
	session_places_free(&pl);
}

static void fill_stores(struct app *a, struct priv *p, const char *compute_value)
{
	struct session_places pl;

	pick_free(&p->stores);
	session_datastores(a->s, compute_value, &pl);
	for (size_t i = 0; i < pl.n; i++)
		pick_add(&p->stores, pl.v[i]->name, pl.v[i]->id, 0);
	session_places_free(&pl);
}

/* The id of the plan's choice among objects of kind k, or NULL. */
static const char *plan_obj_id(const struct app *a, enum inv_kind k, const char *what)
{
	return session_obj_id(a->s, k, what);
}

static void choose_row(struct pick *p, struct widget *w)
{
	p->chosen = p->n_view ? pick_item(p, w->cur) : (size_t)-1;
}

static void enter(struct app *a)
{
	struct priv *p = xcalloc(1, sizeof *p);
	struct plan *pl = a->s->wz.plan;
	struct widget *w;
	size_t vic_sel = 0;
	struct list_source src;

	a->priv = p;
	pick_init(&p->dcs);
	pick_init(&p->computes);
	pick_init(&p->stores);

	/* datacenter: the plan's, else the first */
	for (size_t i = 0; i < a->s->inv->n_datacenters; i++)
		pick_add(&p->dcs, a->s->inv->datacenters[i].o.name, a->s->inv->datacenters[i].o.id, 0);
	if (!a->s->dc_id && pl->target.datacenter) {
		const struct inv_obj *o = inv_find(a->s->inv, INV_DATACENTER, pl->target.datacenter, NULL);
		err_clear();
		if (o)
			a->s->dc_id = xstrdup(o->id);
		else if (a->s->inv->n_datacenters > 1)
			p->missing_dc = xstrdup(pl->target.datacenter);
		else if (a->s->inv->n_datacenters == 1)
			/* nothing to choose from: take the only one, and say so */
			p->note = xasprintf("Note: the plan's datacenter \"%s\" is not in this "
					    "vCenter; it has one, %s, used instead.",
					    pl->target.datacenter, a->s->inv->datacenters[0].o.name);
	}
	if (!a->s->dc_id && a->s->inv->n_datacenters > 0)
		a->s->dc_id = xstrdup(a->s->inv->datacenters[0].o.id);
	src = pick_source(&p->dcs);
	w = form_add(&a->form, widget_list_new(W_DC, &src));
	pick_cursor_to(&p->dcs, w, a->s->dc_id);
	choose_row(&p->dcs, w);
	w->hidden = a->s->inv->n_datacenters <= 1;
	app_field_help(w, "The datacenter whose hosts, networks and datastores the VCH uses.");

	w = form_add(&a->form, widget_field_new(W_NAME, "VCH name:", pl->name ? pl->name : "vch-01", false));
	w->label_w = 14;
	app_field_help(w, "The name of the Virtual Container Host: it names the VCH's VM and "
			  "folder in vCenter. Letters, digits, '-' and '_' are safe.");

	/* VIC version: the plan's, else the default. vic-machine is not run to find out:
	 * nothing runs before a deploy, which checks the binary against this choice. */
	const char *cur = pl->vic_version ? pl->vic_version : PLAN_DEFAULT_VIC_VERSION;
	for (size_t i = 0; i < PLAN_N_VIC_VERSIONS; i++)
		if (strcmp(cur, plan_vic_versions[i]) == 0)
			vic_sel = i;
	w = form_add(&a->form, widget_radio_new(W_VIC, plan_vic_versions, PLAN_N_VIC_VERSIONS, vic_sel));
	w->horizontal = true;
	w->h = 1;
	app_field_help(w, "The VIC release you will deploy with. It decides how many network "
			  "cards the VCH can have: VIC 1.2 allows three (so two of public, "
			  "client and management must share a port group), 1.3 and later allow "
			  "four. Left and Right change it.");

	fill_computes(a, p);
	src = pick_source(&p->computes);
	w = form_add(&a->form, widget_list_new(W_COMPUTE, &src));
	w->empty_text = xstrdup("(no clusters or hosts here)");
	pick_cursor_to(&p->computes, w, plan_obj_id(a, INV_COMPUTE, pl->target.compute_resource));
	pick_cursor_to(&p->computes, w, plan_obj_id(a, INV_POOL, pl->target.compute_resource));
	choose_row(&p->computes, w);
	if (pl->target.compute_resource && !plan_obj_id(a, INV_COMPUTE, pl->target.compute_resource) &&
	    !plan_obj_id(a, INV_POOL, pl->target.compute_resource))
		p->missing_compute = xstrdup(pl->target.compute_resource);
	app_field_help(w, "Where the VCH and its container VMs run: a cluster, a standalone "
			  "host or a resource pool. Every host there must reach the networks "
			  "you choose next. Type to filter.");

	fill_stores(a, p, p->computes.chosen != (size_t)-1 ? p->computes.value[p->computes.chosen] : NULL);
	src = pick_source(&p->stores);
	w = form_add(&a->form, widget_list_new(W_DS, &src));
	w->empty_text = xstrdup("(no datastore on every host)");
	const char *ds_id = session_datastore_id(a->s, pl->target.image_store);
	pick_cursor_to(&p->stores, w, ds_id);
	choose_row(&p->stores, w);
	if (pl->target.image_store && !p->missing_compute &&
	    (!ds_id || p->stores.chosen == (size_t)-1 ||
	     strcmp(p->stores.value[p->stores.chosen], ds_id) != 0))
		p->missing_ds = xstrdup(pl->target.image_store);
	app_field_help(w, "The datastore for the VCH's container images. Only datastores that "
			  "every host of the chosen compute resource mounts are listed.");
	form_focus(&a->form, form_find(&a->form, W_NAME));
	app_tip(a, "Check the name and the choices, then press F10 for the networks.");
}

static void leave(struct app *a)
{
	struct priv *p = a->priv;
	pick_free(&p->dcs);
	pick_free(&p->computes);
	pick_free(&p->stores);
	free(p->missing_dc);
	free(p->missing_compute);
	free(p->missing_ds);
	free(p->note);
	free(p);
}

static void layout(struct app *a)
{
	int x = a->bx + 1, w = a->bw - 2, half = (w - 2) / 2;
	bool dcs = !form_find(&a->form, W_DC)->hidden;
	int y = a->by + 3, lh;

	if (dcs) {
		widget_place(form_find(&a->form, W_DC), y + 1, x, w, 2);
		y += 3;
	}
	widget_place(form_find(&a->form, W_NAME), y, x, w > 50 ? 50 : w, 1);
	widget_place(form_find(&a->form, W_VIC), y + 1, x + 14, w - 14, 1);
	y += 5;
	lh = a->by + a->bh - 3 - y;
	/* no taller than the longer list needs: the messages below stay near it */
	struct priv *p = a->priv;
	size_t items = p->computes.n > p->stores.n ? p->computes.n : p->stores.n;
	if (lh > (int)items + 1)
		lh = (int)items + 1;
	if (lh < 3)
		lh = 3;
	widget_place(form_find(&a->form, W_COMPUTE), y, x, half, lh);
	widget_place(form_find(&a->form, W_DS), y, x + half + 2, w - half - 2, lh);
}

/* What the resumed plan names that is not here, as one sentence (static), or NULL. */
static const char *missing_text(const struct priv *p)
{
	static char buf[512];

	if (p->missing_dc)
		snprintf(buf, sizeof buf, "the plan's datacenter \"%s\" is not in this vCenter; "
			 "choose one from the list", p->missing_dc);
	else if (p->missing_compute)
		snprintf(buf, sizeof buf, "the plan's compute resource \"%s\" is not in this "
			 "datacenter; choose one from the list (Enter on it)", p->missing_compute);
	else if (p->missing_ds)
		snprintf(buf, sizeof buf, "the plan's image datastore \"%s\" is not on every host "
			 "of the compute resource; choose one from the list (Enter on it)",
			 p->missing_ds);
	else
		return NULL;
	return buf;
}

static int validate(struct app *a)
{
	const char *m = missing_text(a->priv);
	return m ? err_set("%s", m) : 0;
}

static void paint(struct app *a)
{
	struct priv *p = a->priv;
	struct widget *comp = form_find(&a->form, W_COMPUTE), *ds = form_find(&a->form, W_DS);
	struct widget *vic = form_find(&a->form, W_VIC);
	int x = a->bx + 1, w = a->bw - 2;
	char *s;

	theme_put(stdscr, a->by, x, w, ROLE_HEADING, "Scope: where the VCH runs", true);
	theme_put(stdscr, a->by + 1, x, w, ROLE_NORMAL, wizard_step_intro(WIZARD_SCOPE), true);
	if (form_find(&a->form, W_DC)->hidden) {
		s = xasprintf("Datacenter:   %s (the only one)", p->dcs.n ? p->dcs.label[0] : "(none)");
		theme_put(stdscr, a->by + 2, x, w, ROLE_NORMAL, s, true);
		free(s);
	} else {
		theme_put(stdscr, a->by + 3, x, w, ROLE_LABEL, "Datacenter:", true);
	}
	theme_put(stdscr, vic->y, x, 14, ROLE_LABEL, "VIC version:", true);
	s = xasprintf("VIC %s: at most %d network cards on the VCH.",
		      plan_vic_versions[vic->selected], plan_max_nics(a->s->wz.plan));
	theme_put(stdscr, vic->y + 1, x + 14, w - 14, ROLE_DIM, s, true);
	free(s);
	theme_put(stdscr, comp->y - 1, comp->x, comp->w, ROLE_HEADING, "Compute resource", true);
	theme_put(stdscr, ds->y - 1, ds->x, ds->w, ROLE_HEADING, "Image datastore", true);
	int y = comp->y + comp->h, bottom = a->by + a->bh;
	if (p->note) {
		char **lines;
		size_t n = theme_wrap(p->note, w, &lines);
		for (size_t i = 0; i < n && y < bottom; i++)
			theme_put(stdscr, y++, x, w, ROLE_WARNING, lines[i], true);
		theme_free_lines(lines, n);
	}
	if (missing_text(p)) {
		char *m = xasprintf("Error: %s.", missing_text(p)), **lines;
		size_t n = theme_wrap(m, w, &lines);
		for (size_t i = 0; i < n && y < bottom; i++)
			theme_put(stdscr, y++, x, w, ROLE_ERROR, lines[i], true);
		theme_free_lines(lines, n);
		free(m);
	}
	app_draw_findings(a, WIZARD_SCOPE, y, x, w, bottom - y);
}

static void sync(struct app *a)
{
	struct priv *p = a->priv;
	struct plan *pl = a->s->wz.plan;
	const char *name = widget_field_get(form_find(&a->form, W_NAME));
	struct widget *vic = form_find(&a->form, W_VIC);
	const char *v = plan_vic_versions[vic->selected];

	mem_set_str(&pl->name, *name ? name : NULL);
	/* only an explicit choice goes in the plan: 1.2 is the default */
	if (pl->vic_version || strcmp(v, PLAN_DEFAULT_VIC_VERSION) != 0)
		mem_set_str(&pl->vic_version, v);
	if (p->dcs.chosen != (size_t)-1) {
		mem_set_str(&a->s->dc_id, p->dcs.value[p->dcs.chosen]);
		mem_set_str(&pl->target.datacenter, p->dcs.label[p->dcs.chosen]);
	}
	if (p->computes.chosen != (size_t)-1) {
		const struct inv_obj *o = inv_find_id(a->s->inv, p->computes.value[p->computes.chosen]);
		if (o)
			mem_set_str(&pl->target.compute_resource, o->name);
	}
	if (p->stores.chosen != (size_t)-1)
		mem_set_str(&pl->target.image_store, p->stores.label[p->stores.chosen]);
	else
		mem_set_str(&pl->target.image_store, NULL);
}

static bool key(struct app *a, struct key_event ev, enum widget_res r, struct widget *who)
{
	struct priv *p = a->priv;

	(void)ev;
	if (!who || (r != WIDGET_CHANGED && r != WIDGET_ACTIVATED))
		return false;
	/* a choice from a list replaces what the plan named there */
	if (who->id == W_DC) {
		free(p->missing_dc);
		p->missing_dc = NULL;
	}
	if (who->id == W_DC || who->id == W_COMPUTE) {
		free(p->missing_compute);
		p->missing_compute = NULL;
	}
	if (who->id == W_DC || who->id == W_COMPUTE || who->id == W_DS) {
		free(p->missing_ds);
		p->missing_ds = NULL;
	}
	if (who->id == W_DC) {
		choose_row(&p->dcs, who);
		if (p->dcs.chosen != (size_t)-1)
			mem_set_str(&a->s->dc_id, p->dcs.value[p->dcs.chosen]);
		fill_computes(a, p);
		struct widget *c = form_find(&a->form, W_COMPUTE);
		widget_list_set_cursor(c, 0);
		choose_row(&p->computes, c);
	}
	if (who->id == W_DC || who->id == W_COMPUTE) {
		struct widget *c = form_find(&a->form, W_COMPUTE), *d = form_find(&a->form, W_DS);
		choose_row(&p->computes, c);
		fill_stores(a, p, p->computes.chosen != (size_t)-1 ? p->computes.value[p->computes.chosen] : NULL);
		widget_list_set_cursor(d, 0);
		choose_row(&p->stores, d);
	}
	if (who->id == W_DS)
		choose_row(&p->stores, who);
	if (r == WIDGET_ACTIVATED)
		form_focus_next(&a->form, 1);
	sync(a);
	app_recheck(a);
	return true;
}

static const char *hint(struct app *a, struct widget *w)
{
	(void)a;
	if (w && w->kind == WIDGET_LIST)
		return "choose (type to filter)";
	if (w && w->kind == WIDGET_RADIO)
		return "Left/Right change";
	return NULL;
}

const struct step_def step_scope = {
	.id = WIZARD_SCOPE,
	.sidebar = "Scope",
	.enter = enter,
	.leave = leave,
	.layout = layout,
	.paint = paint,
	.key = key,
	.sync = sync,
	.validate = validate,
	.hint = hint,
};
