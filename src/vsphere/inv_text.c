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

	t.cols = 8;
	row(&t, "NAME", "TYPE", "SWITCH", "VLAN", "HOSTS", "UPLINK", "USED BY", "PATH");
	for (size_t i = 0; i < inv->n_networks; i++) {
		const struct inv_network *n = &inv->networks[i];
		if (n->net_kind != INV_NET_DVPG || !in_dc(&n->o, dc))
			continue;
		int total, have = inv_network_hosts_in(inv, n, dc, &total);
		char *hosts = xasprintf("%d of %d", have, total);
		char *vlan = inv_vlan_text(n);
		char *used = inv_used_by(inv, n);
		/* on a narrow terminal the picker's short form, so the row fits */
		row(&t, n->o.name, n->nsx ? "nsx" : term_cols && term_cols < 100 ? "dvpg" : "distributed",
		    n->switch_id ? name_of(inv, n->switch_id) : "(not visible: needs System.Read)",
		    vlan, hosts, n->uplink ? "yes" : "no", used, n->o.path);
		free(hosts);
		free(vlan);
		free(used);
	}
	print_table(out, "Distributed port groups", &t);

	t.cols = 6;
	row(&t, "NAME", "TYPE", "ID", "HOSTS", "USED BY", "PATH");
	for (size_t i = 0; i < inv->n_networks; i++) {
		const struct inv_network *n = &inv->networks[i];
		if (n->net_kind != INV_NET_OPAQUE || !in_dc(&n->o, dc))
			continue;
		int total, have = inv_network_hosts_in(inv, n, dc, &total);
		char *hosts = xasprintf("%d of %d", have, total);
		char *used = inv_used_by(inv, n);
		row(&t, n->o.name, n->opaque_type ? n->opaque_type : "", n->opaque_id ? n->opaque_id : "",
		    hosts, used, n->o.path);
		free(hosts);
		free(used);
	}
	print_table(out, "Opaque networks", &t);

	t.cols = 4;
	row(&t, "NAME", "HOSTS", "USED BY", "PATH");
	for (size_t i = 0; i < inv->n_networks; i++) {
		const struct inv_network *n = &inv->networks[i];
		if (n->net_kind != INV_NET_STANDARD || !in_dc(&n->o, dc))
			continue;
		int total, have = inv_network_hosts_in(inv, n, dc, &total);
		char *hosts = xasprintf("%d of %d", have, total);
		char *used = inv_used_by(inv, n);
		row(&t, n->o.name, hosts, used, n->o.path);
		free(hosts);
		free(used);
	}
	print_table(out, "Standard networks", &t);

	t.cols = 3;

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

/* The port group of id, by name (the id when unknown); "-" for none. */
static const char *pg_name(const struct inv *inv, const char *id)
{
	return id ? name_of(inv, id) : "-";
}

void inv_print_vchs(const struct inv *inv, FILE *out, const char *datacenter)
{
	const struct inv_obj *dc = NULL;
	if (datacenter)
		dc = inv_find(inv, INV_DATACENTER, datacenter, NULL);
	size_t shown = 0;
	for (size_t i = 0; i < inv->n_vms; i++) {
		const struct inv_vm *vm = &inv->vms[i];
		const struct inv_vch *v = vm->vch;
		if (!v)
			continue;
		const struct inv_obj *br = inv_find_id(inv, v->bridge);
		if (dc && !(br && in_dc(br, dc)))
			continue;
		/* its container VMs: the other VMs on its bridge in its resource pool */
		size_t containers = 0;
		const struct inv_network *bn = br && br->kind == INV_NETWORK ? (const void *)br : NULL;
		for (size_t j = 0; bn && j < bn->vms.n; j++) {
			const struct inv_vm *c = inv_find_vm(inv, bn->vms.v[j]);
			containers += c && c != vm && c->pool && vm->pool && strcmp(c->pool, vm->pool) == 0;
		}
		char *name = clean(v->name), *st = clean(vm->power_state ? vm->power_state : "?");
		fprintf(out, "%sVCH %s (endpoint VM %s, %s)\n", shown ? "\n" : "", name, vm->o.id, st);
		free(name);
		free(st);
		shown++;
		struct table t = {.cols = 3};
		row(&t, "ROLE", "PORT GROUP", "ADDRESSES");
		char *range = xasprintf("range %s, %zu container VM%s", v->bridge_range ? v->bridge_range : "?",
					containers, containers == 1 ? "" : "s");
		row(&t, "bridge", pg_name(inv, v->bridge), range);
		free(range);
		static const char *const roles[INV_VCH_ROLES] = {"public", "client", "management"};
		for (int r = 0; r < INV_VCH_ROLES; r++) {
			const struct inv_vch_role *x = &v->roles[r];
			char *a = x->ip ? xasprintf("%s%s%s", x->ip, x->gateway ? ", gateway " : "",
						    x->gateway ? x->gateway : "")
					: xstrdup("dhcp");
			row(&t, roles[r], pg_name(inv, x->port_group), a);
			free(a);
		}
		for (size_t k = 0; k < v->n_nets; k++) {
			const struct inv_vch_net *cn = &v->nets[k];
			char *pools = strv_join(&cn->pools, ", ");
			char *role = xasprintf("container %s", cn->alias ? cn->alias : "?");
			char *a = xasprintf("gateway %s%s%s", cn->gateway ? cn->gateway : "-",
					    cn->pools.n ? ", pool " : "", pools);
			row(&t, role, pg_name(inv, cn->port_group), a);
			free(pools);
			free(role);
			free(a);
		}
		/* print_table's title line, then the rows */
		print_table(out, "  Networks", &t);
	}
	if (!shown)
		fprintf(out, "No VCH found%s%s.\n", dc ? " in datacenter " : "", dc ? dc->name : "");
}
