/* topo_text: see topo_text.h.
 *
 * Drawing happens on a canvas of cells. A cell holds either a character (text) or a set
 * of line directions (up, down, left, right); the glyph of a line cell is chosen when the
 * canvas is written out, so that lines that meet make the right junction (├ ┴ ┼) without
 * each drawing step having to know what it crosses. */
#include "topo_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "mem.h"
#include "sanitize.h"

enum { UP = 1, DOWN = 2, LEFT = 4, RIGHT = 8 };

struct cell {
	char g[8];          /* text glyph (UTF-8), empty when none */
	unsigned char lines;
	bool cont;          /* right half of a wide character */
};

struct canvas {
	int w, h, cap;
	struct cell *c;
	bool ascii;
};

static struct cell *at(struct canvas *cv, int x, int y)
{
	if (x < 0 || x >= cv->w || y < 0)
		return NULL;
	if (y >= cv->h) {
		if (y >= cv->cap) {
			int cap = cv->cap ? cv->cap : 32;
			while (cap <= y)
				cap *= 2;
			cv->c = xrealloc(cv->c, (size_t)cap * (size_t)cv->w * sizeof *cv->c);
			memset(cv->c + (size_t)cv->cap * (size_t)cv->w, 0,
			       (size_t)(cap - cv->cap) * (size_t)cv->w * sizeof *cv->c);
			cv->cap = cap;
		}
		cv->h = y + 1;
	}
	return &cv->c[(size_t)y * (size_t)cv->w + (size_t)x];
}

static void line_bits(struct canvas *cv, int x, int y, unsigned bits)
{
	struct cell *c = at(cv, x, y);
	if (c && !c->g[0] && !c->cont)
		c->lines |= (unsigned char)bits;
}

static void hline(struct canvas *cv, int y, int x0, int x1)
{
	for (int x = x0; x <= x1; x++)
		line_bits(cv, x, y, (x > x0 ? LEFT : 0) | (x < x1 ? RIGHT : 0));
}

static void vline(struct canvas *cv, int x, int y0, int y1)
{
	for (int y = y0; y <= y1; y++)
		line_bits(cv, x, y, (y > y0 ? UP : 0) | (y < y1 ? DOWN : 0));
}

static void box(struct canvas *cv, int x0, int y0, int x1, int y1)
{
	hline(cv, y0, x0, x1);
	hline(cv, y1, x0, x1);
	vline(cv, x0, y0, y1);
	vline(cv, x1, y0, y1);
}

/* Text prepared for the canvas: sanitised, and in ASCII mode every non-ASCII character
 * replaced by '?' (a terminal that cannot show box drawing cannot show those either).
 * Caller frees. */
static char *prep(const struct canvas *cv, const char *s)
{
	char *d = san_dup(s ? s : "", SAN_DISPLAY), *q = d;
	if (!cv->ascii)
		return d;
	for (const char *p = d; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c < 0x80)
			*q++ = (char)c;
		else if ((c & 0xc0) != 0x80)
			*q++ = '?';
	}
	*q = '\0';
	return d;
}

static int width_of(const char *prepared)
{
	return (int)san_width(prepared);
}

/* Writes prepared text at (x, y), at most max columns and never past the canvas's right
 * edge (a wide character that would straddle it is left out); returns the columns used. */
static int put_prepared(struct canvas *cv, int x, int y, const char *s, int max)
{
	int used = 0;
	if (max > cv->w - x)
		max = cv->w - x;
	while (*s && used < max) {
		size_t n = 1;
		char buf[8];
		int w;
		while ((s[n] & 0xc0) == 0x80 && n < sizeof buf - 1)
			n++;
		memcpy(buf, s, n);
		buf[n] = '\0';
		w = width_of(buf);
		if (used + w > max)
			break;
		if (w > 0) {
			struct cell *c = at(cv, x + used, y);
			if (!c)
				break;
			memcpy(c->g, buf, n + 1);
			c->lines = 0;
			c->cont = false;
			if (w == 2) {
				struct cell *c2 = at(cv, x + used + 1, y);
				if (c2) {
					c2->cont = true;
					c2->g[0] = '\0';
					c2->lines = 0;
				}
			}
		}
		used += w;
		s += n;
	}
	return used;
}

/* Writes outside text (a name) at (x, y), cut with an ellipsis to max columns. Returns
 * the columns used. */
static int put(struct canvas *cv, int x, int y, const char *raw, int max)
{
	char *s = prep(cv, raw);
	int w = width_of(s), used;
	/* cut where the canvas ends, so the ellipsis shows the cut */
	if (max > cv->w - x)
		max = cv->w - x;
	if (max <= 0) {
		free(s);
		return 0;
	}
	if (w <= max) {
		used = put_prepared(cv, x, y, s, max);
	} else {
		const char *ell = cv->ascii ? "..." : "…";
		int ew = cv->ascii ? 3 : 1;
		if (max <= ew) {
			used = put_prepared(cv, x, y, s, max);
		} else {
			size_t k = san_fit(s, (size_t)(max - ew));
			s[k] = '\0';
			used = put_prepared(cv, x, y, s, max - ew);
			used += put_prepared(cv, x + used, y, ell, ew);
		}
	}
	free(s);
	return used;
}

static const char *glyph(const struct canvas *cv, unsigned m)
{
	static const char *const u8[16] = {
		" ", "│", "│", "│", "─", "┘", "┐", "┤", "─", "└", "┌", "├", "─", "┴", "┬", "┼",
	};
	static const char *const as[16] = {
		" ", "|", "|", "|", "-", "+", "+", "+", "-", "+", "+", "+", "-", "+", "+", "+",
	};
	return (cv->ascii ? as : u8)[m & 15];
}

static char *canvas_text(const struct canvas *cv)
{
	size_t cap = (size_t)cv->h * ((size_t)cv->w * 4 + 2) + 1, len = 0;
	char *out = xmalloc(cap);
	for (int y = 0; y < cv->h; y++) {
		size_t keep = len;
		for (int x = 0; x < cv->w; x++) {
			const struct cell *c = &cv->c[(size_t)y * (size_t)cv->w + (size_t)x];
			const char *g;
			if (c->cont)
				continue;
			g = c->g[0] ? c->g : glyph(cv, c->lines);
			memcpy(out + len, g, strlen(g));
			len += strlen(g);
			if (strcmp(g, " ") != 0)
				keep = len;
		}
		len = keep; /* no trailing blanks */
		out[len++] = '\n';
	}
	out[len] = '\0';
	return out;
}

/* ---- marks ------------------------------------------------------------------------------ */

/* "[E1]", "[W2]", "[E1+2]" (several problems on one element); "" when none. */
static void mark_text(const struct layout_marks *m, char *buf, size_t n)
{
	if (!m->mark) {
		buf[0] = '\0';
		return;
	}
	if (m->count > 1)
		snprintf(buf, n, "[%c%d+%d]", m->mark == LAYOUT_MARK_ERROR ? 'E' : 'W', m->first, m->count - 1);
	else
		snprintf(buf, n, "[%c%d]", m->mark == LAYOUT_MARK_ERROR ? 'E' : 'W', m->first);
}

/* Writes text then its mark (the mark is never cut; the text gives way). */
static int put_marked(struct canvas *cv, int x, int y, const char *raw, const struct layout_marks *m,
		      int max)
{
	char mk[24];
	int mw, used;
	mark_text(m, mk, sizeof mk);
	mw = mk[0] ? (int)strlen(mk) + 1 : 0;
	if (mw > max)
		mw = 0, mk[0] = '\0';
	used = put(cv, x, y, raw, max - mw);
	if (mk[0])
		used += 1 + put_prepared(cv, x + used + 1, y, mk, mw - 1);
	return used;
}

/* ---- the drawing ------------------------------------------------------------------------- */

struct geo {
	bool full;
	int w;
	int vx1;       /* the VCH box's right edge */
	int lab;       /* role label column width */
	int pgx;       /* port group column */
	int pgw;       /* its width (full: up to the parties) */
	int px;        /* parties column (full) */
};

/* Party lines below a port group for the roles on it. */
struct pline {
	char *text;
	char *brief;         /* without the detail, for when text does not fit; may be NULL */
	const struct layout_marks *marks;
	struct layout_marks own;
};

static void plines_add(struct pline **v, size_t *n, char *text, const struct layout_marks *m)
{
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[*n].text = text;
	(*v)[*n].brief = NULL;
	(*v)[*n].marks = m;
	memset(&(*v)[*n].own, 0, sizeof(*v)[*n].own);
	(*n)++;
}

static size_t parties_for(const struct layout_topo *t, unsigned roles, bool full, struct pline **v)
{
	static const enum layout_party_kind order[] = {
		LAYOUT_PARTY_REGISTRIES, LAYOUT_PARTY_PROXY, LAYOUT_PARTY_CLIENTS,
		LAYOUT_PARTY_VCENTER, LAYOUT_PARTY_HOSTS,
	};
	size_t n = 0;
	*v = NULL;
	for (size_t o = 0; o < sizeof order / sizeof order[0]; o++)
		for (size_t i = 0; i < t->n_parties; i++) {
			const struct layout_party *y = &t->parties[i];
			if (y->kind != order[o] || !(roles & (1u << y->role)))
				continue;
			if (y->detail && (full || (y->kind == LAYOUT_PARTY_HOSTS && !t->fw_checked))) {
				plines_add(v, &n, xasprintf("%s  %s", y->name, y->detail), &y->marks);
				(*v)[n - 1].brief = xstrdup(y->name);
			} else
				plines_add(v, &n, xstrdup(y->name), &y->marks);
			if (y->kind == LAYOUT_PARTY_HOSTS) {
				/* the hosts that are not OK, by name: that is what to fix */
				size_t shown = 0, bad = 0, limit = full ? 6 : 3;
				for (size_t h = 0; h < t->n_hosts; h++)
					if (t->hosts[h].mark)
						bad++;
				for (size_t h = 0; h < t->n_hosts; h++) {
					if (!t->hosts[h].mark)
						continue;
					if (shown == limit - 1 && bad > limit) {
						plines_add(v, &n, xasprintf("  ... and %zu more", bad - shown), NULL);
						break;
					}
					plines_add(v, &n, xasprintf("  %s %s", t->hosts[h].name, t->hosts[h].verdict), NULL);
					(*v)[n - 1].own.mark = t->hosts[h].mark;
					shown++;
				}
			}
		}
	return n;
}

/* The index of the last line that branches off (a party; a host line hangs under its
 * party without a branch of its own). */
static int branches(const struct pline *v, size_t n)
{
	int last = 0;
	for (size_t i = 0; i < n; i++)
		if (v[i].marks)
			last = (int)i;
	return last;
}

static void plines_free(struct pline *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].text);
		free(v[i].brief);
	}
	free(v);
}

/* A host line's verdict mark in words rather than a number: the hosts are listed in the
 * firewall table, not in the problem list. */
static int put_pline(struct canvas *cv, int x, int y, const struct pline *l, int max)
{
	if (l->marks) {
		char mk[24];
		const char *s = l->text;
		mark_text(l->marks, mk, sizeof mk);
		if (l->brief && (int)san_width(san(s)) + (mk[0] ? 1 + (int)strlen(mk) : 0) > max)
			s = l->brief;
		return put_marked(cv, x, y, s, l->marks, max);
	}
	if (l->own.mark) {
		char *s = xasprintf("%s %s", l->text, l->own.mark == LAYOUT_MARK_ERROR ? "[E]" : "[W]");
		int u = put(cv, x, y, s, max);
		free(s);
		return u;
	}
	return put(cv, x, y, l->text, max);
}

/* A port group's facts in the fewest words: "switch DVS0, VLAN 201, distributed". */
static char *short_facts(const struct layout_pg *pg)
{
	char *f = layout_pg_facts(pg), *p;
	if (f && (p = strstr(f, " port group")) != NULL && p[11] == '\0')
		*p = '\0';
	return f;
}

/* The fewest words: "VLAN 20"; NULL without a VLAN. */
static char *vlan_facts(const struct layout_pg *pg)
{
	if (!pg->vlan)
		return NULL;
	return xasprintf("VLAN %s", pg->vlan);
}

/* Columns the VCH box needs for its rows (borders included). */
static int vch_needs(const struct layout_topo *t, int lab, bool full)
{
	int need = 24;
	for (int r = 0; r < PLAN_ROLE_COUNT; r++) {
		char mk[24], *gw;
		int w;
		if (!t->role[r].port_group)
			continue;
		mark_text(&t->role[r].marks, mk, sizeof mk);
		w = 2 + lab + 2 + (int)san_width(san(layout_role_addr(t, (enum plan_role)r))) +
		    (mk[0] ? 1 + (int)strlen(mk) : 0) + 2;
		if (w > need)
			need = w;
		gw = layout_role_gateway(t, (enum plan_role)r);
		if (!gw && r == PLAN_ROLE_BRIDGE && full)
			gw = xasprintf("a /%d per bridge network", t->bridge_width);
		if (gw && 4 + (int)san_width(san(gw)) + 2 > need)
			need = 4 + (int)san_width(san(gw)) + 2;
		free(gw);
	}
	return need;
}

static void geometry(const struct layout_topo *t, int width, struct geo *g)
{
	g->w = width;
	g->full = width >= TOPO_TEXT_FULL;
	g->lab = 0;
	for (int r = 0; r < PLAN_ROLE_COUNT; r++) {
		int l = (int)strlen(plan_role_name((enum plan_role)r));
		if (t->role[r].port_group && l > g->lab)
			g->lab = l;
	}
	if (g->lab == 0)
		g->lab = 6;
	if (g->full) {
		g->vx1 = vch_needs(t, g->lab, true);
		if (g->vx1 > width * 34 / 100)
			g->vx1 = width * 34 / 100;
		if (g->vx1 > 52)
			g->vx1 = 52;
		g->pgx = g->vx1 + 12;
		g->pgw = 16;
		for (size_t i = 0; i < t->n_pgs; i++) {
			char *f = short_facts(&t->pgs[i]);
			int w = (int)san_width(san(t->pgs[i].name)) + (f ? (int)san_width(san(f)) + 2 : 0);
			if (t->pgs[i].nic >= 0 && w > g->pgw)
				g->pgw = w;
			free(f);
		}
		{
			/* the parties' column gets what its longest line needs (up to 44), the
			 * port groups the rest */
			int pneed = 16;
			for (int i = 0; i < t->nics.n_nics; i++) {
				struct pline *pl;
				size_t n = parties_for(t, t->nics.nic[i].roles, true, &pl);
				for (size_t k = 0; k < n; k++) {
					char mk[24];
					int w;
					mk[0] = '\0';
					if (pl[k].marks)
						mark_text(pl[k].marks, mk, sizeof mk);
					w = (int)san_width(san(pl[k].brief ? pl[k].brief : pl[k].text)) +
					    (mk[0] ? 1 + (int)strlen(mk) : 0) + 2;
					if (w > pneed)
						pneed = w;
				}
				plines_free(pl, n);
			}
			if (pneed > 44)
				pneed = 44;
			if (g->pgw > width - g->pgx - 6 - pneed)
				g->pgw = width - g->pgx - 6 - pneed;
			if (g->pgw < 16)
				g->pgw = 16;
		}
		g->px = g->pgx + g->pgw + 6;
	} else {
		g->vx1 = vch_needs(t, g->lab, false);
		if (g->vx1 > width * 46 / 100)
			g->vx1 = width * 46 / 100;
		if (g->vx1 > 38)
			g->vx1 = 38;
		if (g->vx1 < 30)
			g->vx1 = 30;
		g->pgx = g->vx1 + 6;
		g->pgw = width - g->pgx;
		g->px = g->pgx;
	}
}

/* The first line: what the VCH is, in numbers. */
static int draw_head(struct canvas *cv, const struct layout_topo *t, int y, const struct geo *g)
{
	char *s = xasprintf("%s%s%s: %d NIC%s (VIC %s allows %d), DNS %s", t->name ? "VCH \"" : "VCH",
			    t->name ? t->name : "", t->name ? "\"" : "", t->nics.n_nics,
			    t->nics.n_nics == 1 ? "" : "s", t->vic_version, t->nics.max_nics, t->dns_text);
	int x = put_marked(cv, 0, y, s, &t->vch_marks, g->w);
	if (t->dns_marks.mark && x + 6 < g->w) {
		char mk[24];
		mark_text(&t->dns_marks, mk, sizeof mk);
		put_prepared(cv, x + 1, y, mk, g->w - x - 1);
	}
	free(s);
	return y + 1;
}

struct band {
	int nic;
	int y0, h;
};

static int draw_vch(struct canvas *cv, const struct layout_topo *t, int y, const struct geo *g,
		    int *bridge_y, int *bridge_x)
{
	int top = y, inner = g->vx1 - 2;
	char *title;
	const char *arrow = cv->ascii ? ">" : "▶";

	*bridge_y = -1;
	y++;
	for (int i = 0; i < t->nics.n_nics; i++) {
		const struct layout_pg *pg = NULL;
		struct pline *pl;
		size_t npl;
		int ly = y, ry = y, h;
		unsigned roles = t->nics.nic[i].roles;
		char num[24];

		for (size_t k = 0; k < t->n_pgs; k++)
			if (t->pgs[k].nic == i)
				pg = &t->pgs[k];
		/* left: the roles on this NIC */
		for (int r = 0; r < PLAN_ROLE_COUNT; r++) {
			char *gw;
			if (!(roles & (1u << r)))
				continue;
			put(cv, 2, ly, plan_role_name((enum plan_role)r), g->lab);
			put_marked(cv, 2 + g->lab + 2, ly, layout_role_addr(t, (enum plan_role)r), &t->role[r].marks,
				   inner - g->lab - 3);
			ly++;
			gw = layout_role_gateway(t, (enum plan_role)r);
			if (r == PLAN_ROLE_BRIDGE && g->full)
				gw = xasprintf("a /%d per bridge network", t->bridge_width);
			if (gw) {
				put(cv, 4, ly++, gw, inner - 3);
				free(gw);
			}
		}
		/* the port: a line from the box edge to the port group */
		if (g->full) {
			snprintf(num, sizeof num, " NIC %d ", i + 1);
			hline(cv, y, g->vx1, g->pgx - 3);
			put_prepared(cv, g->vx1 + 2, y, num, (int)strlen(num));
			put_prepared(cv, g->pgx - 2, y, arrow, 1);
		} else {
			snprintf(num, sizeof num, "%d", i + 1);
			hline(cv, y, g->vx1, g->pgx - 3);
			put_prepared(cv, g->vx1 + 2, y, num, 1);
			put_prepared(cv, g->pgx - 2, y, arrow, 1);
		}
		/* right: the port group, its facts, the parties reached over it */
		int pg_end = g->pgx;
		if (pg) {
			char *facts = short_facts(pg);
			int used = put(cv, g->pgx, ry, pg->name, g->pgw);
			pg_end = g->pgx + used;
			if (roles & (1u << PLAN_ROLE_BRIDGE)) {
				*bridge_y = ry;
				*bridge_x = g->pgx + (used > 2 ? 2 : 0);
			}
			if (facts) {
				/* beside the name when it fits, in fewer words if need be (the VLAN
				 * first: it says which roles share a network); else on a row below */
				char *brief = vlan_facts(pg);
				int room = g->pgw - used - 2;
				if ((int)san_width(san(facts)) <= room)
					pg_end += 2 + put(cv, g->pgx + used + 2, ry, facts, room);
				else if (brief && (int)san_width(san(brief)) <= room)
					pg_end += 2 + put(cv, g->pgx + used + 2, ry, brief, room);
				else
					put(cv, g->pgx + 2, ++ry, facts, g->pgw - 2);
				free(brief);
			}
			if (pg->in_use) {
				char *u = xasprintf("also used by %s", pg->in_use);
				put(cv, g->pgx + 2, ++ry, u, g->pgw - 2);
				free(u);
			}
			free(facts);
			if (roles & (1u << PLAN_ROLE_BRIDGE))
				*bridge_y = ry; /* the line down starts under the port group's text */
			ry++;
		}
		npl = parties_for(t, roles & ~(1u << PLAN_ROLE_BRIDGE), g->full, &pl);
		if (g->full && npl) {
			/* a column of their own, branching off the port group's line */
			int fy = y, x0 = g->px - 3, lastp = branches(pl, npl);
			hline(cv, fy, pg_end + 1, g->px - 1);
			if (lastp > 0) {
				vline(cv, x0, fy, fy + lastp);
				for (int k = 1; k <= lastp; k++)
					if (pl[k].marks)
						hline(cv, fy + k, x0, g->px - 1);
			}
			for (size_t k = 0; k < npl; k++)
				put_pline(cv, g->px + 1, fy + (int)k, &pl[k], g->w - g->px - 1);
			if (fy + (int)npl > ry)
				ry = fy + (int)npl;
		} else if (npl) {
			int lastp = branches(pl, npl);
			vline(cv, g->pgx, ry - 1, ry + lastp);
			for (size_t k = 0; k < npl; k++) {
				if (pl[k].marks)
					hline(cv, ry + (int)k, g->pgx, g->pgx + 1);
				put_pline(cv, g->pgx + 3, ry + (int)k, &pl[k], g->w - g->pgx - 3);
			}
			ry += (int)npl;
		}
		plines_free(pl, npl);
		h = (ly > ry ? ly : ry) - y;
		if (h < 1)
			h = 1;
		y += h;
	}
	/* roles with no port group: inside the box, no port */
	for (int r = 0; r < PLAN_ROLE_COUNT; r++) {
		if (t->role[r].port_group)
			continue;
		put(cv, 2, y, plan_role_name((enum plan_role)r), 12);
		put_marked(cv, 2 + 12, y, "no port group", &t->role[r].marks, inner - 13);
		y++;
	}
	if (t->nics.n_nics == 0)
		put(cv, 2, y++, "no NIC yet: set the public and bridge port groups", inner - 1);
	box(cv, 0, top, g->vx1, y);
	/* the ports on the right edge join the box line */
	title = xstrdup(" VCH endpoint VM ");
	put(cv, 2, top, title, g->vx1 - 3);
	free(title);
	return y + 1;
}

/* The container VMs under the bridge and their container networks. */
static int draw_containers(struct canvas *cv, const struct layout_topo *t, int y, const struct geo *g,
			   int bridge_y, int bridge_x)
{
	int bx0 = 4, bx1, rail, aw = 0, pw = 0, y0, last;
	char *l1, *l2;
	const char *arrow = cv->ascii ? ">" : "▶";

	if (!t->role[PLAN_ROLE_BRIDGE].port_group && t->n_cnets == 0)
		return y;
	l1 = t->role[PLAN_ROLE_BRIDGE].port_group ? xasprintf("addresses from %s", t->bridge_range)
						  : xstrdup("no bridge port group yet");
	l2 = xasprintf("a /%d per network", t->bridge_width);
	bx1 = bx0 + 3 + (int)strlen(l1) + (t->role[PLAN_ROLE_BRIDGE].marks.mark ? 8 : 0);
	if (bridge_y >= 0 && bx1 < bridge_x + 4)
		bx1 = bridge_x + 4;
	if (bx1 > g->w - 1)
		bx1 = g->w - 1;
	if (bridge_y >= 0) {
		/* from the bridge port group down to the container VMs */
		vline(cv, bridge_x, bridge_y + 1, y);
		line_bits(cv, bridge_x, y, UP);
	}
	{
		/* one row when both lines fit in it */
		char *both = xasprintf("%s, %s", l1, l2);
		int one = bx0 + 3 + (int)san_width(san(both)) + (t->role[PLAN_ROLE_BRIDGE].marks.mark ? 8 : 0) <
			  g->w - 1;
		int rows = one ? 1 : 2;
		if (one && bx1 < bx0 + 3 + (int)san_width(san(both)) + (t->role[PLAN_ROLE_BRIDGE].marks.mark ? 8 : 0))
			bx1 = bx0 + 3 + (int)san_width(san(both)) + (t->role[PLAN_ROLE_BRIDGE].marks.mark ? 8 : 0);
		box(cv, bx0, y, bx1, y + rows + 1);
		if (bridge_y >= 0)
			line_bits(cv, bridge_x, y, UP);
		put(cv, bx0 + 2, y, " container VMs ", bx1 - bx0 - 3);
		if (one) {
			put_marked(cv, bx0 + 2, y + 1, both, &t->role[PLAN_ROLE_BRIDGE].marks, bx1 - bx0 - 3);
		} else {
			put_marked(cv, bx0 + 2, y + 1, l1, &t->role[PLAN_ROLE_BRIDGE].marks, bx1 - bx0 - 3);
			put(cv, bx0 + 2, y + 2, l2, bx1 - bx0 - 3);
		}
		free(both);
		y += rows + 1;
	}
	free(l1);
	free(l2);
	if (t->n_cnets == 0)
		return y + 1;

	/* the container networks: NICs of the container VMs, straight to their port groups */
	rail = bx0 + 3;
	for (size_t i = 0; i < t->n_cnets; i++) {
		char *a = prep(cv, t->cnets[i].alias);
		int w = width_of(a);
		free(a);
		if (w > aw)
			aw = w;
		a = prep(cv, t->cnets[i].port_group ? t->cnets[i].port_group : "(no port group)");
		w = width_of(a);
		free(a);
		if (w > pw)
			pw = w;
	}
	if (aw > (g->full ? 20 : 14))
		aw = g->full ? 20 : 14;
	if (pw > (g->full ? 28 : 24))
		pw = g->full ? 28 : 24;
	y0 = y;
	last = y;
	y++;
	for (size_t i = 0; i < t->n_cnets; i++) {
		const struct layout_cnet *c = &t->cnets[i];
		int x = rail + 3, used, ax;
		char *addr = layout_cnet_addr(c), *fw;

		hline(cv, y, rail, x - 2);
		last = y;
		used = put(cv, x, y, c->alias, aw);
		ax = x + aw + 5;
		hline(cv, y, x + used + 1, ax - 3);
		put_prepared(cv, ax - 2, y, arrow, 1);
		x = ax;
		used = put(cv, x, y, c->port_group ? c->port_group : "(no port group)", pw);
		x += pw + 2;
		fw = xasprintf("firewall %s%s", c->firewall, c->firewall_default ? " (default)" : "");
		if (c->pg >= 0 && t->pgs[c->pg].nic >= 0) {
			char *also = xasprintf("%s; also NIC %d's port group", addr, t->pgs[c->pg].nic + 1);
			free(addr);
			addr = also;
		}
		if (c->dns->n) {
			char *d = strv_join(c->dns, ", "), *ad = xasprintf("%s; DNS %s", addr, d);
			free(d);
			free(addr);
			addr = ad;
		}
		if (g->full) {
			char *tail = xasprintf("%s; %s", fw, addr);
			if (x + width_of(tail) <= g->w) {
				put_marked(cv, x, y, tail, &c->marks, g->w - x);
			} else {
				put_marked(cv, x, y, fw, &c->marks, g->w - x);
				put(cv, x, ++y, addr, g->w - x);
			}
			free(tail);
		} else {
			char *f = xasprintf("fw %s", c->firewall);
			put_marked(cv, x, y, f, &c->marks, g->w - x);
			free(f);
			put(cv, ax, ++y, addr, g->w - ax);
		}
		if (layout_cnet_in_use(t, c)) {
			char *u = xasprintf("also used by %s", layout_cnet_in_use(t, c));
			put(cv, ax, ++y, u, g->w - ax);
			free(u);
		}
		free(fw);
		free(addr);
		y++;
	}
	vline(cv, rail, y0, last);
	return y;
}

/* Wraps text into lines of at most width columns (prepared text), calling out(). */
static void wrap_into(struct canvas *cv, int *y, int indent, int first_indent, const char *raw, int width)
{
	char *s = prep(cv, raw), *p = s;
	int x = first_indent;
	while (*p) {
		int room = width - x;
		size_t k;
		if (room < 8)
			room = 8;
		if (width_of(p) <= room) {
			put_prepared(cv, x, *y, p, room);
			(*y)++;
			break;
		}
		k = san_fit(p, (size_t)room);
		{
			size_t b = k;
			while (b > 0 && p[b] != ' ')
				b--;
			if (b > 0)
				k = b;
		}
		{
			char c = p[k];
			p[k] = '\0';
			put_prepared(cv, x, *y, p, room);
			p[k] = c;
		}
		(*y)++;
		p += k;
		while (*p == ' ')
			p++;
		x = indent;
	}
	free(s);
}

static int draw_problems(struct canvas *cv, const struct layout_topo *t, int y, const struct geo *g)
{
	if (t->n_problems == 0)
		return y;
	for (size_t i = 0; i < t->n_problems; i++) {
		const struct layout_problem *q = &t->problems[i];
		char *s = xasprintf("[%c%zu] %s", q->sev == LAYOUT_MARK_ERROR ? 'E' : 'W', i + 1, q->message);
		wrap_into(cv, &y, 5, 0, s, g->w);
		free(s);
	}
	return y;
}

char *topo_text_draw(const struct layout_topo *t, const struct topo_text_opts *o)
{
	struct canvas cv = {0};
	struct geo g;
	int y = 0, by, bx = 0, width = o && o->width > 0 ? o->width : 80;
	char *out;

	if (width < TOPO_TEXT_MIN)
		width = TOPO_TEXT_MIN;
	cv.w = width;
	cv.ascii = o && o->ascii;
	geometry(t, width, &g);
	y = draw_head(&cv, t, y, &g);
	y = draw_vch(&cv, t, y, &g, &by, &bx);
	y = draw_containers(&cv, t, y, &g, by, bx);
	if (!(o && o->no_problems))
		y = draw_problems(&cv, t, y, &g);
	(void)y;
	out = canvas_text(&cv);
	free(cv.c);
	return out;
}

/* ---- in sentences ------------------------------------------------------------------------ */

struct para {
	char *s;
	size_t len, cap;
};

static void say(struct para *b, int width, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(struct para *b, int width, const char *fmt, ...)
{
	va_list ap;
	char *raw, *s, *p;
	va_start(ap, fmt);
	raw = xvasprintf(fmt, ap);
	va_end(ap);
	s = san_dup(raw, SAN_DISPLAY);
	free(raw);
	p = s;
	while (*p) {
		/* continuation lines are indented by two */
		int w = p == s ? width : width - 2;
		size_t k = strlen(p);
		if ((int)san_width(p) > w) {
			size_t lim = san_fit(p, (size_t)w), c = lim;
			while (c > 0 && p[c] != ' ')
				c--;
			k = c > 0 ? c : lim;
		}
		xgrow(&b->s, &b->cap, b->len + k + 4, 1);
		memcpy(b->s + b->len, p, k);
		b->len += k;
		b->s[b->len++] = '\n';
		b->s[b->len] = '\0';
		p += k;
		while (*p == ' ')
			p++;
		if (*p) {
			xgrow(&b->s, &b->cap, b->len + 3, 1);
			memcpy(b->s + b->len, "  ", 2);
			b->len += 2;
			b->s[b->len] = '\0';
		}
	}
	free(s);
}

/* "gw 10.0.0.1 ..." read out as "gateway 10.0.0.1 ...". */
static const char *spoken(const char *s)
{
	return s && strncmp(s, "gw ", 3) == 0 ? s + 3 : s;
}

static const char *mark_words(const struct layout_marks *m)
{
	static char buf[4][64];
	static unsigned next;
	char *b = buf[next++ % 4];
	if (!m->mark)
		return "";
	snprintf(b, sizeof buf[0], " (%s %d)", m->mark == LAYOUT_MARK_ERROR ? "problem" : "warning", m->first);
	return b;
}

char *topo_text_describe(const struct layout_topo *t, int width)
{
	struct para b = {0};
	if (width < 30)
		width = 30;
	say(&b, width, "The VCH endpoint VM%s%s%s has %d network card%s; VIC %s allows %d%s.",
	    t->name ? " \"" : "", t->name ? t->name : "", t->name ? "\"" : "", t->nics.n_nics,
	    t->nics.n_nics == 1 ? "" : "s", t->vic_version, t->nics.max_nics, mark_words(&t->vch_marks));
	for (int i = 0; i < t->nics.n_nics; i++) {
		unsigned roles = t->nics.nic[i].roles;
		char *names = layout_roles_text(roles), *facts = NULL;
		for (size_t k = 0; k < t->n_pgs; k++)
			if (t->pgs[k].nic == i)
				facts = layout_pg_facts(&t->pgs[k]);
		say(&b, width, "Card %d connects %s to port group \"%s\"%s%s%s.", i + 1, names,
		    t->nics.nic[i].port_group, facts ? " (" : "", facts ? facts : "", facts ? ")" : "");
		free(facts);
		for (size_t k = 0; k < t->n_pgs; k++)
			if (t->pgs[k].nic == i && t->pgs[k].in_use)
				say(&b, width, "  The port group is also used by %s.", t->pgs[k].in_use);
		free(names);
		for (int r = 0; r < PLAN_ROLE_COUNT; r++) {
			char *gw;
			if (!(roles & (1u << r)))
				continue;
			if (r == PLAN_ROLE_BRIDGE) {
				say(&b, width, "  The bridge gives container VMs addresses from %s, a /%d per bridge network%s.",
				    t->bridge_range, t->bridge_width, mark_words(&t->role[r].marks));
				continue;
			}
			gw = layout_role_gateway(t, (enum plan_role)r);
			say(&b, width, "  The %s role uses %s%s%s%s.", plan_role_name((enum plan_role)r),
			    t->role[r].ip ? "static address " : "", layout_role_addr(t, (enum plan_role)r),
			    gw ? ", gateway " : "", gw ? spoken(gw) : "");
			if (t->role[r].marks.mark)
				say(&b, width, "  The %s role has%s.", plan_role_name((enum plan_role)r),
				    mark_words(&t->role[r].marks));
			free(gw);
		}
		for (size_t k = 0; k < t->n_parties; k++) {
			const struct layout_party *y = &t->parties[k];
			if (!(roles & (1u << y->role)))
				continue;
			say(&b, width, "  Over it the VCH reaches %s%s%s%s.", y->name, y->detail ? " (" : "",
			    y->detail ? y->detail : "", y->detail ? ")" : "");
			if (y->kind == LAYOUT_PARTY_HOSTS)
				for (size_t h = 0; h < t->n_hosts; h++)
					if (t->hosts[h].mark)
						say(&b, width, "    Host %s: %s.", t->hosts[h].name, t->hosts[h].verdict);
		}
	}
	for (int r = 0; r < PLAN_ROLE_COUNT; r++)
		if (!t->role[r].port_group)
			say(&b, width, "The %s role has no port group yet.", plan_role_name((enum plan_role)r));
	say(&b, width, "DNS servers: %s%s.", t->dns_text, mark_words(&t->dns_marks));
	if (t->n_cnets == 0)
		say(&b, width, "No container networks: container VMs are reached over the bridge only.");
	for (size_t i = 0; i < t->n_cnets; i++) {
		const struct layout_cnet *c = &t->cnets[i];
		char *addr = layout_cnet_addr(c);
		say(&b, width, "Container network \"%s\" puts a card of each container VM that uses it on port group \"%s\": %s%s, firewall %s%s%s.",
		    c->alias, c->port_group ? c->port_group : "(none)", addr != spoken(addr) ? "gateway " : "",
		    spoken(addr), c->firewall,
		    c->firewall_default ? " (the default)" : "", mark_words(&c->marks));
		if (layout_cnet_in_use(t, c))
			say(&b, width, "  Its port group is also used by %s.", layout_cnet_in_use(t, c));
		free(addr);
	}
	for (size_t i = 0; i < t->n_problems; i++) {
		const struct layout_problem *q = &t->problems[i];
		say(&b, width, "%s %zu: %s", q->sev == LAYOUT_MARK_ERROR ? "Problem" : "Warning", i + 1, q->message);
		if (q->hint)
			say(&b, width, "  To fix it: %s", q->hint);
	}
	return b.s ? b.s : xstrdup("");
}
