#include "layout.h"

#include <langinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mem.h"
#include "sanitize.h"
#include "rules.h"

void layout_compute(const struct plan *p, struct layout *out)
{
	struct rules_effective e;

	rules_effective(p, &e);
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

static char *role_text(const struct rules_effective *e, enum plan_role r, bool ascii)
{
	const struct rules_role *rr = &e->role[r];
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

static char *inventory_text(const struct layout_opts *o, const char *pg)
{
	struct layout_netinfo ni = {0};
	struct sb b = {0};

	if (!o || !o->lookup || !o->lookup(o->ctx, pg, &ni))
		return NULL;
	if (ni.switch_name) {
		sb_puts(&b, "switch ");
		sb_puts(&b, ni.switch_name);
	}
	if (ni.vlan) {
		if (b.len)
			sb_puts(&b, ", ");
		sb_puts(&b, "VLAN ");
		sb_puts(&b, ni.vlan);
	}
	if (ni.type) {
		if (b.len)
			sb_puts(&b, ", ");
		sb_puts(&b, ni.type);
	}
	return b.s;
}

char *layout_draw(const struct plan *p, const struct layout_opts *o)
{
	struct pen pen;
	struct rules_effective e;
	bool compact;
	int lw;
	char *title, *s;
	const char *vic = p->vic_version ? p->vic_version : PLAN_DEFAULT_VIC_VERSION;

	pen_init(&pen, o);
	/* short labels (pg:, inv:) only where the full ones would squeeze the values:
	 * the wizard's Layout step at 80 columns is 59 wide and keeps the full ones */
	compact = pen.width < 56;
	lw = compact ? 0 : 14;
	rules_effective(p, &e);

	title = p->name && *p->name ? xasprintf("VCH endpoint VM \"%s\"", p->name)
				    : xstrdup("VCH endpoint VM");
	rule(&pen, pen.tl, pen.tr, title);
	free(title);
	if (e.n_nics == 0)
		item(&pen, true, 0, NULL, 0, "no NIC yet: set the port groups of the public and bridge networks");
	for (int i = 0; i < e.n_nics; i++) {
		char *roles = roles_list(e.nic_roles[i]);
		char *head = compact ? xasprintf("NIC %d: %s", i + 1, roles)
				     : xasprintf("NIC %d (vmxnet3)  %s", i + 1, roles);
		if (i > 0)
			rule(&pen, pen.lt, pen.rt, NULL);
		item(&pen, true, 0, NULL, 0, head);
		free(head);
		free(roles);
		item(&pen, true, 2, compact ? "pg:" : "port group", lw, e.nic_port_group[i]);
		s = inventory_text(o, e.nic_port_group[i]);
		if (s) {
			item(&pen, true, 2, compact ? "inv:" : "inventory", lw, s);
			free(s);
		}
		if ((e.nic_roles[i] & (1u << PLAN_ROLE_BRIDGE)) && e.nic_roles[i] != (1u << PLAN_ROLE_BRIDGE))
			item(&pen, true, 2, NULL, 0,
			     pen.ascii ? "!! the bridge network needs a port group of its own"
				       : "✗ the bridge network needs a port group of its own");
		for (int r = 0; r < PLAN_ROLE_COUNT; r++) {
			if (!(e.nic_roles[i] & (1u << r)))
				continue;
			char *lab = xasprintf("%s%s", plan_role_name((enum plan_role)r), compact ? ":" : "");
			s = role_text(&e, (enum plan_role)r, pen.ascii);
			item(&pen, true, 2, lab, lw, s);
			free(s);
			free(lab);
		}
	}
	/* roles without a port group */
	{
		unsigned missing = 0;
		for (int r = 0; r < PLAN_ROLE_COUNT; r++)
			if (!e.role[r].port_group)
				missing |= 1u << r;
		if (missing) {
			char *roles = roles_list(missing);
			char *t = xasprintf("not placed (no port group): %s", roles);
			rule(&pen, pen.lt, pen.rt, NULL);
			item(&pen, true, 0, NULL, 0, t);
			free(t);
			free(roles);
		}
	}
	rule(&pen, pen.bl, pen.br, NULL);

	if (e.n_nics > e.max_nics) {
		s = xasprintf("NICs: %d of %d (VIC %s)  %s OVER THE LIMIT", e.n_nics, e.max_nics,
			      vic, pen.ascii ? "!!" : "✗");
		item(&pen, false, 0, NULL, 0, s);
		item(&pen, false, 2, NULL, 0,
		     "VIC before 1.3 allows 3: put two of public, client and management on one port group");
	} else {
		s = xasprintf("NICs: %d of %d (VIC %s)", e.n_nics, e.max_nics, vic);
		item(&pen, false, 0, NULL, 0, s);
	}
	free(s);
	if (e.dns_default)
		item(&pen, false, 0, NULL, 0, "DNS: 8.8.8.8, 8.8.4.4 (vic-machine's default: every role is static)");
	else if (e.dns_dhcp)
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
			s = c->port_group ? inventory_text(o, c->port_group) : NULL;
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
	return pen.out.s ? pen.out.s : xstrdup("");
}
