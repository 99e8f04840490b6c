/* topo_live: see topo_live.h. */
#include "topo_live.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "conn.h"
#include "err.h"
#include "inv.h"
#include "layout.h"
#include "mem.h"
#include "precheck.h"
#include "rules.h"
#include "wizard.h"

bool topo_live_wanted(const struct conn_opts *o)
{
	return o && ((o->url && *o->url) || (o->inventory && *o->inventory));
}

static bool lookup(void *ctx, const char *port_group, struct layout_netinfo *out)
{
	const struct topo_live *l = ctx;
	return wizard_layout_lookup(l->inv, NULL, l->self, port_group, out);
}

struct topo_live *topo_live_new(const struct plan *p, const struct conn_opts *o, int *code)
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
		l->inv = precheck_open(&c, INV_SCOPE_ALL, NULL, NULL, code);
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
