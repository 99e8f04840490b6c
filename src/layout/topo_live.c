/* topo_live: see topo_live.h. */
#include "topo_live.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "conn.h"
#include "err.h"
#include "goparse.h"
#include "inv.h"
#include "layout.h"
#include "mem.h"
#include "precheck.h"
#include "rules.h"

bool topo_live_wanted(const struct conn_opts *o)
{
	return o && ((o->url && *o->url) || (o->inventory && *o->inventory));
}

bool topo_live_lookup(const struct inv *inv, const char *dc_name, const char *self,
		      const char *port_group, struct layout_netinfo *out)
{
	/* a ring larger than the NICs and container networks one drawing looks up */
	static char vlans[64][48];
	static unsigned next;
	char *vlan = vlans[next++ % 64], *v;
	const struct inv_network *n;

	if (!inv)
		return false;
	n = inv_find_network(inv, port_group, dc_name);
	if (!n && strchr(port_group, '\\')) {
		/* a name the wizard wrote escaped for vic-machine's finder */
		for (size_t i = 0; i < inv->n_networks && !n; i++)
{
			char *e = goparse_path_escape(inv->networks[i].o.name);
			if (strcmp(e, port_group) == 0)
				n = &inv->networks[i];
			free(e);
		}
	}
	err_clear();
	if (!n)
		return false;
	out->type = inv_net_type_noun(n);
	out->switch_name = NULL;
	if (n->switch_id) {
		const struct inv_obj *sw = inv_find_id(inv, n->switch_id);
		if (sw)
			out->switch_name = sw->name;
	}
	v = inv_vlan_text(n);
	snprintf(vlan, sizeof vlans[0], "%s", v ? v : "");
	free(v);
	out->vlan = vlan[0] ? vlan : NULL;
	/* who else is on it (inv_used_by()'s "-": nobody), kept in a ring like the VLANs */
	static char *used[64];
	char **u = &used[(next - 1) % 64];
	free(*u);
	*u = inv_used_by_except(inv, n, self);
	if (strcmp(*u, "-") == 0) {
		free(*u);
		*u = NULL;
	}
	out->in_use = *u;
	return true;
}

static bool lookup(void *ctx, const char *port_group, struct layout_netinfo *out)
{
	const struct topo_live *l = ctx;
	return topo_live_lookup(l->inv, NULL, l->self, port_group, out);
}

struct topo_live *topo_live_new(const struct plan *p, const struct conn_opts *o,
				topo_live_open_fn *open_inv, int *code)
{
	struct topo_live *l = xcalloc(1, sizeof *l);
	struct layout_inputs in = {0};

	*code = EXIT_OK;
	rules_check(p, &l->findings);
	if (topo_live_wanted(o)) {
		struct conn c;
		struct conn_plan_target pt = {p->target.url, p->target.username, p->target.thumbprint};
		time_t now = time(NULL);
		struct tm tm;

		if (conn_resolve(&c, o, &pt, 0) < 0) {
			*code = EXIT_USAGE;
			topo_live_free(l);
			return NULL;
		}
		l->inv = open_inv(&c, INV_SCOPE_ALL, NULL, NULL, code);
		conn_free(&c);
		if (!l->inv) {
			topo_live_free(l);
			return NULL;
		}
		precheck_live(l->inv, p, &l->findings, &l->fw);
		gmtime_r(&now, &tm);
		strftime(l->checked_at, sizeof l->checked_at, "%Y-%m-%d %H:%M UTC", &tm);
		l->live = true;
		l->self = p->name;
		in.lookup = lookup;
		in.ctx = l;
		in.fw = &l->fw;
		in.checked_at = l->checked_at;
	}
	findings_sort(&l->findings);
	in.findings = &l->findings;
	l->topo = layout_topo_new(p, &in);
	return l;
}

void topo_live_free(struct topo_live *l)
{
	if (!l)
		return;
	layout_topo_free(l->topo);
	findings_free(&l->findings);
	firewall_report_free(&l->fw);
	inv_free(l->inv);
	free(l);
}
