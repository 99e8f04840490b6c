#include "layout.h"

#include <langinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "findings.h"
#include "firewall.h"
#include "mem.h"
#include "netaddr.h"
#include "rules.h"
#include "sanitize.h"

void layout_compute(const struct plan *p, struct layout *out)
{
	struct effective e;

	effective_compute(p, &e);
	memset(out, 0, sizeof *out);
	out->n_nics = e.n_nics;
	out->max_nics = e.max_nics;
	snprintf(out->vic_version, sizeof out->vic_version, "%s",
		 p->vic_version ? p->vic_version : PLAN_DEFAULT_VIC_VERSION);
	for (int i = 0; i < e.n_nics; i++) {
		out->nic[i].port_group = e.nic_port_group[i];
		out->nic[i].roles = e.nic_roles[i];
	}
	for (int r = 0; r < PLAN_ROLE_COUNT; r++)
		out->nic_of_role[r] = e.role[r].nic;
}

bool layout_locale_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}

/* ---- a small string builder ----------------------------------------------------------- */

struct sb {
	char *s;
	size_t len, cap;
};

static void sb_add(struct sb *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 512;
		while (b->len + n + 1 > cap)
			cap *= 2;
		b->s = xrealloc(b->s, cap);
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void sb_puts(struct sb *b, const char *s) { sb_add(b, s, strlen(s)); }

static void sb_rep(struct sb *b, const char *s, int n)
{
	for (int i = 0; i < n; i++)
		sb_puts(b, s);
}

/* Display columns of sanitised text s[0..n) (wide CJK characters count 2); s[n] is
 * its end (every caller passes a whole string). */
static int cols(const char *s, size_t n)
{
	(void)n;
	return (int)san_width(s);
}

/* Bytes of the first `max` columns of sanitised text s, never cutting a character. */
static size_t cut_cols(const char *s, size_t n, int max)
{
	(void)n;
	return san_fit(s, max > 0 ? (size_t)max : 0);
}

struct pen {
	struct sb out;
	bool ascii;
	int width; /* whole line, borders included */
	const char *h, *v, *tl, *tr, *bl, *br, *lt, *rt, *ell;
};

static void pen_init(struct pen *p, const struct layout_opts *o)
{
	memset(p, 0, sizeof *p);
	p->ascii = o && o->ascii;
	p->width = o && o->width > 0 ? o->width : 80;
	if (p->width < 24)
		p->width = 24;
	if (p->width > 80)
		p->width = 80;
	if (p->ascii) {
		p->h = "-", p->v = "|", p->tl = p->tr = p->bl = p->br = p->lt = p->rt = "+";
		p->ell = "...";
	} else {
		p->h = "─", p->v = "│", p->tl = "┌", p->tr = "┐", p->bl = "└", p->br = "┘";
		p->lt = "├", p->rt = "┤", p->ell = "…";
	}
}

/* Text that must fit in `room` columns: cut with an ellipsis. Caller frees. */
static char *fit(const struct pen *p, const char *s, int room)
{
	size_t n = strlen(s);
	int ell = cols(p->ell, strlen(p->ell));
	if (cols(s, n) <= room)
		return xstrdup(s);
	if (room <= ell)
		return xstrndup(s, cut_cols(s, n, room));
	size_t k = cut_cols(s, n, room - ell);
	char *r = xmalloc(k + strlen(p->ell) + 1);
	memcpy(r, s, k);
	strcpy(r + k, p->ell);
	return r;
}

/* Names from the plan and the inventory go through the sanitiser first (a LF would break
 * the box, an escape would reach the terminal). In ASCII mode every non-ASCII character
 * (a UTF-8 sequence) then becomes '?': a terminal that cannot show box drawing cannot
 * show those either. Caller frees. */
static char *asciify(const struct pen *p, const char *s)
{
	char *out, *q, *clean = san_dup(s, SAN_DISPLAY);
	if (!p->ascii)
		return clean;
	s = clean;
	out = q = xmalloc(strlen(s) + 1);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x80)
			*q++ = (char)c;
		else if ((c & 0xc0) != 0x80)
			*q++ = '?';
	}
	*q = '\0';
	free(clean);
	return out;
}

/* ┌─ title ───┐ (or ├ ┤ with mid, └ ┘ with bottom) */
static void rule(struct pen *p, const char *left, const char *right, const char *title)
{
	int inner = p->width - 2;
	sb_puts(&p->out, left);
	if (title && *title) {
		char *a = asciify(p, title);
		char *t = fit(p, a, inner - 4);
		free(a);
		sb_puts(&p->out, p->h);
		sb_puts(&p->out, " ");
		sb_puts(&p->out, t);
		sb_puts(&p->out, " ");
		sb_rep(&p->out, p->h, inner - 3 - cols(t, strlen(t)));
		free(t);
	} else {
		sb_rep(&p->out, p->h, inner);
	}
	sb_puts(&p->out, right);
	sb_puts(&p->out, "\n");
}

/* One boxed line of exactly the inner width. */
static void boxed(struct pen *p, const char *s, size_t n)
{
	int inner = p->width - 4;
	sb_puts(&p->out, p->v);
	sb_puts(&p->out, " ");
	sb_add(&p->out, s, n);
	sb_rep(&p->out, " ", inner - cols(s, n));
	sb_puts(&p->out, " ");
	sb_puts(&p->out, p->v);
	sb_puts(&p->out, "\n");
}

static void emit(struct pen *p, bool box, struct sb *line)
{
	if (box) {
		boxed(p, line->s ? line->s : "", line->len);
	} else {
		if (line->len)
			sb_add(&p->out, line->s, line->len);
		sb_puts(&p->out, "\n");
	}
	free(line->s);
	*line = (struct sb){0};
}

/* "indent label value", the value word-wrapped under its first column (or, when that
 * leaves too little room, two columns in from the label). box: inside the box. */
static void item(struct pen *p, bool box, int indent, const char *label, int labelw,
		 const char *value)
{
	int room = box ? p->width - 4 : p->width;
	int lc = label ? cols(label, strlen(label)) : 0;
	int vcol = label ? indent + (labelw > lc ? labelw : lc + 1) : indent;
	int cont = vcol > room / 3 ? indent + 2 : vcol;
	char *owned = asciify(p, value ? value : "");
	const char *v = owned;
	struct sb line = {0};

	sb_rep(&line, " ", indent);
	if (label) {
		sb_puts(&line, label);
		sb_rep(&line, " ", vcol - indent - lc);
	}
	if (room - cols(line.s, line.len) < 8 && *v) {
		emit(p, box, &line);
		sb_rep(&line, " ", cont);
	}
	for (;;) {
		size_t vn = strlen(v), take;
		int avail = room - cols(line.s ? line.s : "", line.len);
		if (avail < 1)
			avail = 1;
		if (cols(v, vn) <= avail) {
			take = vn;
		} else {
			size_t lim = cut_cols(v, vn, avail);
			if (lim == 0) /* a wide character where one column is left */
				lim = cut_cols(v, vn, 2);
			/* break at the last space that fits, else mid-word */
			take = lim;
			while (take > 0 && v[take] != ' ')
				take--;
			if (take == 0)
				take = lim;
		}
		sb_add(&line, v, take);
		emit(p, box, &line);
		v += take;
		while (*v == ' ')
			v++;
		if (!*v)
			break;
		sb_rep(&line, " ", cont);
	}
	free(owned);
}

static char *joinv(const struct strv *l)
{
	return l->n ? strv_join(l, ", ") : xstrdup("");
}

static char *role_text(const struct effective *e, enum plan_role r, bool ascii)
{
	const struct effective_role *rr = &e->role[r];
	char *s, *t;

	(void)ascii;
	if (r == PLAN_ROLE_BRIDGE)
		return xasprintf("range %s, a /%d per bridge network", e->bridge_range, e->bridge_width);
	if (!rr->ip)
		return xstrdup(rr->gateway ? "DHCP (gateway without IP)" : "DHCP");
	if (rr->propagated) /* the source role's line shows the gateway and routes */
		return xasprintf("static %s from %s (shared port group)", rr->ip,
				 plan_role_name(rr->from));
	s = xasprintf("static %s", rr->ip);
	if (rr->gateway) {
		t = xasprintf("%s, gateway %s%s", s, rr->gateway,
			      r == PLAN_ROLE_PUBLIC ? " (default route)" : "");
		free(s);
		s = t;
	}
	if (rr->routes->n > 0) {
		char *d = joinv(rr->routes);
		t = xasprintf("%s, routes %s", s, d);
		free(s);
		free(d);
		s = t;
	}
	return s;
}

static char *roles_list(unsigned roles)
{
	struct sb b = {0};
	for (int r = 0; r < PLAN_ROLE_COUNT; r++)
		if (roles & (1u << r)) {
			if (b.len)
				sb_puts(&b, ", ");
			sb_puts(&b, plan_role_name((enum plan_role)r));
		}
	return b.s ? b.s : xstrdup("");
}

static int pg_find(const struct layout_topo *t, const char *name);
char *layout_pg_facts(const struct layout_pg *g);

static char *inventory_text(const struct layout_topo *t, const char *pg)
{
	int i = pg_find(t, pg);
	return i < 0 ? NULL : layout_pg_facts(&t->pgs[i]);
}

char *layout_draw(const struct plan *p, const struct layout_opts *o)
{
	struct pen pen;
	struct layout_topo *t;
	const struct effective *e;
	struct findings none = {0};
	struct layout_inputs in = {.lookup = o ? o->lookup : NULL, .ctx = o ? o->ctx : NULL, .findings = &none};
	bool compact;
	int lw;
	char *title, *s;
	const char *vic = p->vic_version ? p->vic_version : PLAN_DEFAULT_VIC_VERSION;

	pen_init(&pen, o);
	/* short labels (pg:, inv:) only where the full ones would squeeze the values:
	 * the wizard's Layout step at 80 columns is 59 wide and keeps the full ones */
	compact = pen.width < 56;
	lw = compact ? 0 : 14;
	/* the compact form draws the NICs only, with no problem marks: no rules run */
	t = layout_topo_new(p, &in);
	e = &t->eff;

	title = p->name && *p->name ? xasprintf("VCH endpoint VM \"%s\"", p->name)
				    : xstrdup("VCH endpoint VM");
	rule(&pen, pen.tl, pen.tr, title);
	free(title);
	if (e->n_nics == 0)
		item(&pen, true, 0, NULL, 0, "no NIC yet: set the port groups of the public and bridge networks");
	for (int i = 0; i < e->n_nics; i++) {
		char *roles = roles_list(e->nic_roles[i]);
		char *head = compact ? xasprintf("NIC %d: %s", i + 1, roles)
				     : xasprintf("NIC %d (vmxnet3)  %s", i + 1, roles);
		if (i > 0)
			rule(&pen, pen.lt, pen.rt, NULL);
		item(&pen, true, 0, NULL, 0, head);
		free(head);
		free(roles);
		item(&pen, true, 2, compact ? "pg:" : "port group", lw, e->nic_port_group[i]);
		s = inventory_text(t, e->nic_port_group[i]);
		if (s) {
			item(&pen, true, 2, compact ? "inv:" : "inventory", lw, s);
			free(s);
		}
		if ((e->nic_roles[i] & (1u << PLAN_ROLE_BRIDGE)) && e->nic_roles[i] != (1u << PLAN_ROLE_BRIDGE))
			item(&pen, true, 2, NULL, 0,
			     pen.ascii ? "!! the bridge network needs a port group of its own"
				       : "✗ the bridge network needs a port group of its own");
		for (int r = 0; r < PLAN_ROLE_COUNT; r++) {
			if (!(e->nic_roles[i] & (1u << r)))
				continue;
			char *lab = xasprintf("%s%s", plan_role_name((enum plan_role)r), compact ? ":" : "");
			s = role_text(e, (enum plan_role)r, pen.ascii);
			item(&pen, true, 2, lab, lw, s);
			free(s);
			free(lab);
		}
	}
	/* roles without a port group */
	{
		unsigned missing = 0;
		for (int r = 0; r < PLAN_ROLE_COUNT; r++)
			if (!e->role[r].port_group)
				missing |= 1u << r;
		if (missing) {
			char *roles = roles_list(missing);
			char *np = xasprintf("not placed (no port group): %s", roles);
			rule(&pen, pen.lt, pen.rt, NULL);
			item(&pen, true, 0, NULL, 0, np);
			free(np);
			free(roles);
		}
	}
	rule(&pen, pen.bl, pen.br, NULL);

	if (e->n_nics > e->max_nics) {
		s = xasprintf("NICs: %d of %d (VIC %s)  %s OVER THE LIMIT", e->n_nics, e->max_nics,
			      vic, pen.ascii ? "!!" : "✗");
		item(&pen, false, 0, NULL, 0, s);
		item(&pen, false, 2, NULL, 0,
		     "VIC before 1.3 allows 3: put two of public, client and management on one port group");
	} else {
		s = xasprintf("NICs: %d of %d (VIC %s)", e->n_nics, e->max_nics, vic);
		item(&pen, false, 0, NULL, 0, s);
	}
	free(s);
	if (e->dns_default)
		item(&pen, false, 0, NULL, 0, "DNS: 8.8.8.8, 8.8.4.4 (vic-machine's default: every role is static)");
	else if (e->dns_dhcp)
		item(&pen, false, 0, NULL, 0, "DNS: from DHCP");
	else {
		struct strv nonempty = {0};
		for (size_t i = 0; i < p->dns.n; i++)
			if (p->dns.v[i][0])
				strv_push(&nonempty, p->dns.v[i]);
		char *d = joinv(&nonempty);
		strv_free(&nonempty);
		s = xasprintf("DNS: %s", d);
		item(&pen, false, 0, NULL, 0, s);
		free(s);
		free(d);
	}

	if (p->n_containers > 0) {
		sb_puts(&pen.out, "\n");
		item(&pen, false, 0, NULL, 0,
		     compact ? "Container networks (on container VMs):"
			     : "Container networks (attached to container VMs, not to the VCH endpoint):");
		for (size_t i = 0; i < p->n_containers; i++) {
			const struct plan_container_net *c = &p->containers[i];
			const char *alias = c->alias && *c->alias ? c->alias : c->port_group ? c->port_group : "?";
			rule(&pen, pen.tl, pen.tr, alias);
			item(&pen, true, 0, compact ? "pg:" : "port group", lw,
			     c->port_group ? c->port_group : "(not set)");
			s = c->port_group ? inventory_text(t, c->port_group) : NULL;
			if (s) {
				item(&pen, true, 0, compact ? "inv:" : "inventory", lw, s);
				free(s);
			}
			if (c->gateway && *c->gateway) {
				item(&pen, true, 0, compact ? "gw:" : "gateway", lw, c->gateway);
				s = c->ip_ranges.n ? joinv(&c->ip_ranges) : xstrdup("the gateway's whole subnet");
				item(&pen, true, 0, compact ? "ranges:" : "ranges", lw, s);
				free(s);
			} else if (c->ip_ranges.n) {
				s = joinv(&c->ip_ranges);
				item(&pen, true, 0, compact ? "ranges:" : "ranges", lw, s);
				free(s);
			} else {
				item(&pen, true, 0, compact ? "addr:" : "addresses", lw, "DHCP");
			}
			if (c->dns.n) {
				s = joinv(&c->dns);
				item(&pen, true, 0, compact ? "dns:" : "DNS", lw, s);
				free(s);
			}
			item(&pen, true, 0, compact ? "fw:" : "firewall", lw,
			     c->firewall && *c->firewall ? c->firewall : "published (default)");
			rule(&pen, pen.bl, pen.br, NULL);
		}
	}
	layout_topo_free(t);
	return pen.out.s ? pen.out.s : xstrdup("");
}

/* ---- the topology model ------------------------------------------------------------------ */

const char *layout_mark_name(enum layout_mark m)
{
	return m == LAYOUT_MARK_ERROR ? "error" : m == LAYOUT_MARK_WARNING ? "warning" : "";
}

char *layout_roles_text(unsigned roles)
{
	return roles_list(roles);
}

static int pg_find(const struct layout_topo *t, const char *name)
{
	for (size_t i = 0; i < t->n_pgs; i++)
		if (strcmp(t->pgs[i].name, name) == 0)
			return (int)i;
	return -1;
}

static int pg_add(struct layout_topo *t, const char *name, const struct layout_inputs *in)
{
	struct layout_netinfo ni = {0};
	struct layout_pg *g;
	int i = pg_find(t, name);

	if (i >= 0)
		return i;
	t->pgs = xrealloc(t->pgs, (t->n_pgs + 1) * sizeof *t->pgs);
	g = &t->pgs[t->n_pgs];
	memset(g, 0, sizeof *g);
	g->name = xstrdup(name);
	g->nic = -1;
	if (in && in->lookup && in->lookup(in->ctx, name, &ni)) {
		g->type = xstrdup(ni.type);
		g->switch_name = xstrdup(ni.switch_name);
		g->vlan = xstrdup(ni.vlan);
		g->in_use = xstrdup(ni.in_use);
	}
	return (int)t->n_pgs++;
}

/* The element a plan key path is about. */
static void elem_of_path(const struct layout_topo *t, const char *code, const char *path,
			 enum layout_elem *el, int *idx)
{
	static const char *const roles[PLAN_ROLE_COUNT] = {
		"networks.public", "networks.client", "networks.management", "networks.bridge",
	};
	*el = LAYOUT_EL_VCH;
	*idx = 0;
	/* a host firewall's verdict is about the hosts, whatever key would fix it */
	if (code && strncmp(code, "firewall", 8) == 0)
		for (size_t k = 0; k < t->n_parties; k++)
			if (t->parties[k].kind == LAYOUT_PARTY_HOSTS) {
				*el = LAYOUT_EL_PARTY;
				*idx = (int)k;
				return;
			}
	if (!path)
		return;
	for (int r = 0; r < PLAN_ROLE_COUNT; r++) {
		size_t n = strlen(roles[r]);
		if (strncmp(path, roles[r], n) == 0 && (path[n] == '\0' || path[n] == '.')) {
			*el = LAYOUT_EL_ROLE;
			*idx = r;
			return;
		}
	}
	if (strncmp(path, "networks.dns", 12) == 0) {
		*el = LAYOUT_EL_DNS;
		return;
	}
	if (strncmp(path, "networks.container[", 19) == 0) {
		long i = strtol(path + 19, NULL, 10);
		if (i >= 0 && (size_t)i < t->n_cnets) {
			*el = LAYOUT_EL_CNET;
			*idx = (int)i;
		}
		return;
	}
	for (size_t k = 0; k < t->n_parties; k++) {
		enum layout_party_kind want;
		if (strncmp(path, "proxy", 5) == 0)
			want = LAYOUT_PARTY_PROXY;
		else if (code && strncmp(code, "firewall", 8) == 0)
			want = LAYOUT_PARTY_HOSTS;
		else if (strncmp(path, "target", 6) == 0)
			want = LAYOUT_PARTY_VCENTER;
		else
			break;
		if (t->parties[k].kind == want) {
			*el = LAYOUT_EL_PARTY;
			*idx = (int)k;
			return;
		}
	}
}

static struct layout_marks *marks_of(struct layout_topo *t, enum layout_elem el, int idx)
{
	switch (el) {
	case LAYOUT_EL_ROLE: return &t->role[idx].marks;
	case LAYOUT_EL_DNS: return &t->dns_marks;
	case LAYOUT_EL_CNET: return &t->cnets[idx].marks;
	case LAYOUT_EL_PARTY: return &t->parties[idx].marks;
	case LAYOUT_EL_VCH: break;
	}
	return &t->vch_marks;
}

static void add_party(struct layout_topo *t, enum layout_party_kind k, enum plan_role r, char *name,
		      char *detail)
{
	struct layout_party *y = &t->parties[t->n_parties++];
	y->kind = k;
	y->role = r;
	y->name = name;
	y->detail = detail;
}

/* The host of a URL, without user or port ("https://user@vc.example.com:443/sdk" ->
 * "vc.example.com"; "[fd00::1]:443" -> "fd00::1"). */
static char *url_host(const char *url)
{
	const char *s = strstr(url, "://"), *e, *at, *colon;
	s = s ? s + 3 : url;
	e = s + strcspn(s, "/?#");
	at = memchr(s, '@', (size_t)(e - s));
	if (at)
		s = at + 1;
	if (*s == '[') {
		const char *rb = memchr(s, ']', (size_t)(e - s));
		if (rb)
			return xstrndup(s + 1, (size_t)(rb - s - 1));
	}
	colon = memchr(s, ':', (size_t)(e - s));
	if (colon)
		e = colon;
	return xstrndup(s, (size_t)(e - s));
}

static void add_parties(struct layout_topo *t, const struct plan *p, const struct layout_inputs *in)
{
	const struct fw_report *fw = in ? in->fw : NULL;
	char *s;

	add_party(t, LAYOUT_PARTY_CLIENTS, PLAN_ROLE_CLIENT, xstrdup("Docker clients"),
		  xstrdup(p->tls.mode && strcmp(p->tls.mode, "no-tls") == 0 ? "2375/tcp" : "2376/tcp"));
	s = p->target.url && *p->target.url ? url_host(p->target.url) : NULL;
	add_party(t, LAYOUT_PARTY_VCENTER, PLAN_ROLE_MANAGEMENT,
		  s ? xasprintf("vCenter %s", s) : xstrdup("vCenter"), xstrdup("443/tcp"));
	free(s);
	if (fw && fw->compute) {
		size_t bad = 0, warn = 0;
		for (size_t i = 0; i < fw->n_hosts; i++) {
			if (firewall_verdict_is_error(fw->hosts[i].verdict))
				bad++;
			else if (fw->hosts[i].verdict != FW_OK)
				warn++;
		}
		s = xasprintf("2377/tcp: %zu OK", fw->n_hosts - bad - warn);
		if (bad) {
			char *x = xasprintf("%s, %zu blocked", s, bad);
			free(s);
			s = x;
		}
		if (warn) {
			char *x = xasprintf("%s, %zu unsure", s, warn);
			free(s);
			s = x;
		}
		add_party(t, LAYOUT_PARTY_HOSTS, PLAN_ROLE_MANAGEMENT,
			  xasprintf("ESXi hosts (%zu)", fw->n_hosts), s);
	} else {
		add_party(t, LAYOUT_PARTY_HOSTS, PLAN_ROLE_MANAGEMENT, xstrdup("ESXi hosts"),
			  xstrdup("2377/tcp not checked"));
	}
	add_party(t, LAYOUT_PARTY_REGISTRIES, PLAN_ROLE_PUBLIC, xstrdup("registries"),
		  xstrdup(p->proxy.http || p->proxy.https ? "through the proxies" : "443/tcp"));
	if (p->proxy.https && *p->proxy.https)
		add_party(t, LAYOUT_PARTY_PROXY, PLAN_ROLE_PUBLIC, xasprintf("HTTPS proxy %s", p->proxy.https),
			  NULL);
	if (p->proxy.http && *p->proxy.http)
		add_party(t, LAYOUT_PARTY_PROXY, PLAN_ROLE_PUBLIC, xasprintf("HTTP proxy %s", p->proxy.http),
			  NULL);
	if (p->proxy.no_proxy.n && t->n_parties > 0 &&
	    t->parties[t->n_parties - 1].kind == LAYOUT_PARTY_PROXY) {
		char *np = strv_join(&p->proxy.no_proxy, ",");
		t->parties[t->n_parties - 1].detail = xasprintf("not for %s", np);
		free(np);
	}
}

static void add_problems(struct layout_topo *t, const struct findings *f)
{
	/* errors first, each group in the order found: the numbers read top down */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < f->n; i++) {
			const struct finding *fd = &f->v[i];
			struct layout_problem *q;
			struct layout_marks *m;
			if ((pass == 0) != (fd->severity == FINDING_ERROR))
				continue;
			t->problems = xrealloc(t->problems, (t->n_problems + 1) * sizeof *t->problems);
			q = &t->problems[t->n_problems++];
			q->sev = fd->severity == FINDING_ERROR ? LAYOUT_MARK_ERROR : LAYOUT_MARK_WARNING;
			q->message = xstrdup(fd->message);
			q->hint = xstrdup(fd->hint);
			q->code = xstrdup(fd->code);
			q->path = xstrdup(fd->path);
			elem_of_path(t, fd->code, fd->path, &q->elem, &q->index);
			m = marks_of(t, q->elem, q->index);
			if (!m->first)
				m->first = (int)t->n_problems;
			m->count++;
			if (q->sev > m->mark)
				m->mark = q->sev;
		}
}

struct layout_topo *layout_topo_new(const struct plan *p, const struct layout_inputs *in)
{
	struct layout_topo *t = xcalloc(1, sizeof *t);
	struct effective *e = &t->eff;
	struct findings own = {0};

	layout_compute(p, &t->nics);
	effective_compute(p, e);
	t->name = xstrdup(p->name);
	t->vic_version = xstrdup(p->vic_version ? p->vic_version : PLAN_DEFAULT_VIC_VERSION);
	t->over_limit = e->n_nics > e->max_nics;
	for (int i = 0; i < e->n_nics; i++) {
		int g = pg_add(t, e->nic_port_group[i], in);
		t->pgs[g].roles = e->nic_roles[i];
		t->pgs[g].nic = i;
	}
	for (int r = 0; r < PLAN_ROLE_COUNT; r++) {
		struct layout_role *lr = &t->role[r];
		const struct effective_role *rr = &e->role[r];
		lr->port_group = rr->port_group;
		lr->pg = rr->port_group ? pg_find(t, rr->port_group) : -1;
		lr->nic = rr->nic;
		lr->defaulted = rr->defaulted;
		lr->routes = rr->routes;
		if (r != PLAN_ROLE_BRIDGE) {
			lr->ip = rr->ip;
			lr->gateway = rr->gateway;
			lr->propagated = rr->propagated;
			lr->from = rr->from;
			lr->default_route = r == PLAN_ROLE_PUBLIC && rr->gateway;
		} else {
			lr->from = PLAN_ROLE_BRIDGE;
		}
	}
	t->bridge_range = e->bridge_range;
	t->bridge_width = e->bridge_width;
	t->bridge_create = p->bridge.create;

	if (e->dns_default) {
		strv_push(&t->dns, "8.8.8.8");
		strv_push(&t->dns, "8.8.4.4");
		t->dns_text = xstrdup("8.8.8.8, 8.8.4.4 (vic-machine's default)");
	} else if (e->dns_dhcp) {
		t->dns_text = xstrdup("from DHCP");
	} else {
		for (size_t i = 0; i < p->dns.n; i++)
			if (p->dns.v[i][0])
				strv_push(&t->dns, p->dns.v[i]);
		t->dns_text = t->dns.n ? strv_join(&t->dns, ", ") : xstrdup("none");
	}

	t->n_cnets = p->n_containers;
	t->cnets = xcalloc(p->n_containers + 1, sizeof *t->cnets);
	for (size_t i = 0; i < p->n_containers; i++) {
		const struct plan_container_net *c = &p->containers[i];
		struct layout_cnet *lc = &t->cnets[i];
		lc->port_group = c->port_group && *c->port_group ? c->port_group : NULL;
		lc->alias = c->alias && *c->alias ? c->alias : lc->port_group ? lc->port_group : "?";
		lc->pg = lc->port_group ? pg_add(t, lc->port_group, in) : -1;
		if (lc->pg >= 0 && i < 32)
			t->pgs[lc->pg].cnets |= 1u << i;
		lc->gateway = c->gateway && *c->gateway ? c->gateway : NULL;
		lc->ranges = &c->ip_ranges;
		lc->dns = &c->dns;
		lc->firewall_default = !(c->firewall && *c->firewall);
		lc->firewall = lc->firewall_default ? "published" : c->firewall;
	}

	add_parties(t, p, in);
	if (in && in->fw && in->fw->compute) {
		const struct fw_report *fw = in->fw;
		t->fw_checked = true;
		t->fw_mgmt_ip = xstrdup(fw->mgmt_ip);
		t->n_hosts = fw->n_hosts;
		t->hosts = xcalloc(fw->n_hosts + 1, sizeof *t->hosts);
		t->fw_scope = firewall_scope_text(fw);
		for (size_t i = 0; i < fw->n_hosts; i++) {
			const struct fw_host *fh = &fw->hosts[i];
			t->hosts[i].state = xstrdup(firewall_state_name(fh->state));
			t->hosts[i].rulesets = fh->rulesets.n ? strv_join(&fh->rulesets, ", ") : xstrdup("");
			t->hosts[i].allowed = fh->all_ip ? xstrdup("all")
					      : fh->allowed.n ? strv_join(&fh->allowed, ", ") : xstrdup("");
			t->hosts[i].reason = xstrdup(fh->reason);
			t->hosts[i].fix = xstrdup(fh->fix);
			t->hosts[i].vic_message = xstrdup(fh->vic_message);
			t->hosts[i].name = xstrdup(fw->hosts[i].name);
			t->hosts[i].verdict = xstrdup(firewall_verdict_name(fw->hosts[i].verdict));
			t->hosts[i].mark = firewall_verdict_is_error(fw->hosts[i].verdict) ? LAYOUT_MARK_ERROR
					   : fw->hosts[i].verdict != FW_OK		   ? LAYOUT_MARK_WARNING
											   : LAYOUT_MARK_NONE;
		}
	}
	if (in && in->checked_at) {
		t->checked_at = xstrdup(in->checked_at);
		t->live = true;
	}
	if (in && in->findings) {
		add_problems(t, in->findings);
	} else {
		rules_check(p, &own);
		add_problems(t, &own);
		findings_free(&own);
	}
	return t;
}

void layout_topo_free(struct layout_topo *t)
{
	if (!t)
		return;
	free(t->name);
	free(t->vic_version);
	for (size_t i = 0; i < t->n_pgs; i++) {
		free(t->pgs[i].name);
		free(t->pgs[i].type);
		free(t->pgs[i].switch_name);
		free(t->pgs[i].vlan);
		free(t->pgs[i].in_use);
	}
	free(t->pgs);
	strv_free(&t->dns);
	free(t->dns_text);
	free(t->cnets);
	for (size_t i = 0; i < t->n_parties; i++) {
		free(t->parties[i].name);
		free(t->parties[i].detail);
	}
	free(t->fw_mgmt_ip);
	for (size_t i = 0; i < t->n_hosts; i++) {
		free(t->hosts[i].name);
		free(t->hosts[i].verdict);
		free(t->hosts[i].state);
		free(t->hosts[i].rulesets);
		free(t->hosts[i].allowed);
		free(t->hosts[i].reason);
		free(t->hosts[i].fix);
		free(t->hosts[i].vic_message);
	}
	free(t->fw_scope);
	free(t->hosts);
	free(t->checked_at);
	for (size_t i = 0; i < t->n_problems; i++) {
		free(t->problems[i].message);
		free(t->problems[i].hint);
		free(t->problems[i].code);
		free(t->problems[i].path);
	}
	free(t->problems);
	free(t);
}

const char *layout_role_addr(const struct layout_topo *t, enum plan_role r)
{
	static char buf[4][NETADDR_STRLEN + 64];
	static unsigned next;
	char *b = buf[next++ % 4];
	const struct layout_role *lr = &t->role[r];

	if (r == PLAN_ROLE_BRIDGE) {
		snprintf(b, sizeof buf[0], "%s", t->bridge_range);
		return b;
	}
	if (!lr->ip)
		return "DHCP";
	if (lr->propagated)
		snprintf(b, sizeof buf[0], "%s (%s's)", lr->ip, plan_role_name(lr->from));
	else
		snprintf(b, sizeof buf[0], "%s", lr->ip);
	return b;
}

char *layout_role_gateway(const struct layout_topo *t, enum plan_role r)
{
	const struct layout_role *lr = &t->role[r];
	char *s, *d;

	if (r == PLAN_ROLE_BRIDGE || !lr->gateway || lr->propagated)
		return NULL;
	if (lr->default_route)
		return xasprintf("gw %s (default route)", lr->gateway);
	if (!lr->routes->n)
		return xasprintf("gw %s", lr->gateway);
	d = strv_join(lr->routes, ", ");
	s = xasprintf("gw %s to %s", lr->gateway, d);
	free(d);
	return s;
}

char *layout_pg_facts(const struct layout_pg *g)
{
	struct sb b = {0};
	if (g->switch_name) {
		sb_puts(&b, "switch ");
		sb_puts(&b, g->switch_name);
	}
	if (g->vlan) {
		if (b.len)
			sb_puts(&b, ", ");
		sb_puts(&b, "VLAN ");
		sb_puts(&b, g->vlan);
	}
	if (g->type) {
		if (b.len)
			sb_puts(&b, ", ");
		sb_puts(&b, g->type);
	}
	return b.s;
}

const char *layout_cnet_in_use(const struct layout_topo *t, const struct layout_cnet *c)
{
	if (c->pg < 0 || (size_t)c->pg >= t->n_pgs || t->pgs[c->pg].nic >= 0)
		return NULL;
	return t->pgs[c->pg].in_use;
}

char *layout_cnet_addr(const struct layout_cnet *c)
{
	char *r, *s;
	if (!c->gateway && !c->ranges->n)
		return xstrdup("DHCP");
	r = c->ranges->n ? strv_join(c->ranges, ", ") : NULL;
	if (c->gateway)
		s = r ? xasprintf("gw %s, %s", c->gateway, r) : xasprintf("gw %s, whole subnet", c->gateway);
	else
		s = xasprintf("%s", r);
	free(r);
	return s;
}
