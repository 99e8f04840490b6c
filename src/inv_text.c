/* inv_text: `vchnet inventory` as aligned text tables. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "inv.h"
#include "mem.h"
#include "sanitize.h"

struct table {
	size_t cols;
	char **cells; /* rows * cols, owned */
	size_t n, cap;
};

/* The terminal's width when printing to one (0: no limit, e.g. a pipe or a file), and
 * whether a PATH column was left out to fit it. */
static size_t term_cols;
static bool paths_dropped;

/* Names come from the server or a snapshot: they go through the one sanitiser. */
static char *clean(const char *s)
{
	return san_dup(s, SAN_DISPLAY);
}

static void row(struct table *t, ...)
{
	va_list ap;
	va_start(ap, t);
	for (size_t i = 0; i < t->cols; i++) {
		const char *s = va_arg(ap, const char *);
		xgrow(&t->cells, &t->cap, t->n + 1, sizeof *t->cells);
		t->cells[t->n++] = clean(s);
	}
	va_end(ap);
}

static size_t width(const char *s)
{
	return san_width(s);
}

static void print_table(FILE *out, const char *title, struct table *t)
{
	size_t rows = t->n / t->cols;
	fprintf(out, "\n%s\n", title);
	if (rows <= 1) {
		fputs("  (none)\n", out);
	} else {
		size_t *w = xcalloc(t->cols, sizeof *w), total = 0, shown = t->cols;
		for (size_t r = 0; r < rows; r++)
			for (size_t c = 0; c < t->cols; c++) {
				size_t x = width(t->cells[r * t->cols + c]);
				if (x > w[c])
					w[c] = x;
			}
		for (size_t c = 0; c < t->cols; c++)
			total += 2 + w[c];
		/* on a terminal too narrow for the table, the inventory path goes (a wrapped
		 * table cannot be read); the name still identifies the object */
		if (term_cols && total > term_cols && t->cols > 2 &&
		    strcmp(t->cells[t->cols - 1], "PATH") == 0) {
			shown--;
			paths_dropped = true;
		}
		for (size_t r = 0; r < rows; r++) {
			/* padding is only written before a non-empty cell: no trailing blanks */
			size_t pending = 2;
			for (size_t c = 0; c < shown; c++) {
				const char *s = t->cells[r * t->cols + c];
				if (*s) {
					for (; pending; pending--)
						fputc(' ', out);
					fputs(s, out);
				}
				pending += w[c] + 2 - width(s);
			}
			fputc('\n', out);
		}
		free(w);
	}
	for (size_t i = 0; i < t->n; i++)
		free(t->cells[i]);
	free(t->cells);
	t->cells = NULL;
	t->n = t->cap = 0;
}

static const char *name_of(const struct inv *inv, const char *id)
{
	const struct inv_obj *o = inv_find_id(inv, id);
	return o && o->name ? o->name : id ? id : "";
}

static char *names_of(const struct inv *inv, const struct strv *ids)
{
	struct strv n = {0};
	for (size_t i = 0; i < ids->n; i++)
		strv_push(&n, name_of(inv, ids->v[i]));
	char *s = strv_join(&n, ", ");
	strv_free(&n);
	return s;
}

static bool in_dc(const struct inv_obj *o, const struct inv_obj *dc)
{
	return o->datacenter && strcmp(o->datacenter, dc->id) == 0;
}

static void print_dc(const struct inv *inv, FILE *out, const struct inv_obj *dc)
{
	struct table t = {.cols = 4};
	char *s = clean(dc->name), *p = clean(dc->path);
	fprintf(out, "Datacenter %s (%s)\n", s, p);
	free(s);
	free(p);

	row(&t, "NAME", "TYPE", "HOSTS", "PATH");
	for (size_t i = 0; i < inv->n_computes; i++) {
		const struct inv_compute *c = &inv->computes[i];
		if (!in_dc(&c->o, dc))
			continue;
		char *n = xasprintf("%zu", c->hosts.n);
		row(&t, c->o.name, c->cluster ? "cluster" : "standalone", n, c->o.path);
		free(n);
	}
	print_table(out, "Compute resources", &t);

	t.cols = 5;
	/* the firewall's default policy for outgoing traffic (short: fits 80 columns) */
	row(&t, "NAME", "COMPUTE RESOURCE", "STATE", "MANAGEMENT IP", "FW OUTGOING");
	for (size_t i = 0; i < inv->n_hosts; i++) {
		const struct inv_host *h = &inv->hosts[i];
		if (!in_dc(&h->o, dc))
			continue;
		char *ips = strv_join(&h->mgmt_ips, ", ");
		char *ipcol = xasprintf("%s%s%s", ips, h->mgmt_dhcp ? (h->mgmt_ips.n ? " (dhcp)" : "dhcp") : "",
					h->mgmt_ips.n || h->mgmt_dhcp ? "" : "-");
		char *state = xasprintf("%s%s", h->connection_state ? h->connection_state : "?",
					h->maintenance ? ", maintenance" : "");
		const char *fw = !h->have_firewall ? "unknown" : h->outgoing_blocked ? "blocked" : "allowed";
		row(&t, h->o.name, name_of(inv, h->compute ? h->compute : h->o.parent), state, ipcol, fw);
		free(ips);
		free(ipcol);
		free(state);
	}
	print_table(out, "Hosts", &t);

	t.cols = 3;
	row(&t, "NAME", "HOSTS", "UPLINK PORT GROUPS");
	for (size_t i = 0; i < inv->n_switches; i++) {
		const struct inv_switch *sw = &inv->switches[i];
		if (!in_dc(&sw->o, dc))
			continue;
		char *n = xasprintf("%zu", sw->hosts.n);
		char *u = names_of(inv, &sw->uplink_pgs);
		row(&t, sw->o.name, n, u);
		free(n);
		free(u);
	}
	print_table(out, "Distributed switches", &t);

	t.cols = 7;
	row(&t, "NAME", "TYPE", "SWITCH", "VLAN", "HOSTS", "UPLINK", "PATH");
	for (size_t i = 0; i < inv->n_networks; i++) {
		const struct inv_network *n = &inv->networks[i];
		if (n->net_kind != INV_NET_DVPG || !in_dc(&n->o, dc))
			continue;
		int total, have = inv_network_hosts_in(inv, n, dc, &total);
		char *hosts = xasprintf("%d of %d", have, total);
		char *vlan = inv_vlan_text(n);
		/* on a narrow terminal the picker's short form, so the row fits */
		row(&t, n->o.name, n->nsx ? "nsx" : term_cols && term_cols < 100 ? "dvpg" : "distributed",
		    n->switch_id ? name_of(inv, n->switch_id) : "(not visible: needs System.Read)",
		    vlan, hosts, n->uplink ? "yes" : "no", n->o.path);
		free(hosts);
		free(vlan);
	}
	print_table(out, "Distributed port groups", &t);

	t.cols = 5;
	row(&t, "NAME", "TYPE", "ID", "HOSTS", "PATH");
	for (size_t i = 0; i < inv->n_networks; i++) {
		const struct inv_network *n = &inv->networks[i];
		if (n->net_kind != INV_NET_OPAQUE || !in_dc(&n->o, dc))
			continue;
		int total, have = inv_network_hosts_in(inv, n, dc, &total);
		char *hosts = xasprintf("%d of %d", have, total);
		row(&t, n->o.name, n->opaque_type ? n->opaque_type : "", n->opaque_id ? n->opaque_id : "",
		    hosts, n->o.path);
		free(hosts);
	}
	print_table(out, "Opaque networks", &t);

	t.cols = 3;
	row(&t, "NAME", "HOSTS", "PATH");
	for (size_t i = 0; i < inv->n_networks; i++) {
		const struct inv_network *n = &inv->networks[i];
		if (n->net_kind != INV_NET_STANDARD || !in_dc(&n->o, dc))
			continue;
		int total, have = inv_network_hosts_in(inv, n, dc, &total);
		char *hosts = xasprintf("%d of %d", have, total);
		row(&t, n->o.name, hosts, n->o.path);
		free(hosts);
	}
	print_table(out, "Standard networks", &t);

	row(&t, "NAME", "HOSTS", "PATH");
	for (size_t i = 0; i < inv->n_datastores; i++) {
		const struct inv_datastore *d = &inv->datastores[i];
		if (!in_dc(&d->o, dc))
			continue;
		int total = 0, have = 0;
		for (size_t j = 0; j < inv->n_hosts; j++)
			if (in_dc(&inv->hosts[j].o, dc)) {
				total++;
				have += strv_contains(&d->hosts, inv->hosts[j].o.id);
			}
		char *hosts = xasprintf("%d of %d", have, total);
		row(&t, d->o.name, hosts, d->o.path);
		free(hosts);
	}
	print_table(out, "Datastores", &t);
}

void inv_print_text(const struct inv *inv, FILE *out, const char *datacenter)
{
	struct winsize ws;

	term_cols = 0;
	paths_dropped = false;
	if (isatty(fileno(out)) && ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		term_cols = ws.ws_col;
	if (inv->source)
		fprintf(out, "# %s (%s %s), %s\n", san(inv->source),
			inv->api_type ? san(inv->api_type) : "?",
			inv->api_version ? san(inv->api_version) : "?", san(inv->fetched_at));
	bool first = true;
	for (size_t i = 0; i < inv->n_datacenters; i++) {
		const struct inv_obj *dc = &inv->datacenters[i].o;
		if (datacenter && strcmp(dc->name, datacenter) != 0 && strcmp(dc->path, datacenter) != 0)
			continue;
		if (!first)
			fputc('\n', out);
		first = false;
		print_dc(inv, out, dc);
	}
	if (paths_dropped)
		fprintf(out, "\n(PATH columns left out to fit %zu columns: --format yaml or a pipe "
			"shows them.)\n", term_cols);
}
