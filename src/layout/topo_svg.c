/* topo_svg: see topo_svg.h.
 *
 * One monospace font size throughout, so that text widths can be known without a font
 * (a column is 0.6 em; wide characters take two), and presentation attributes rather
 * than a style sheet, which every image viewer understands. Colour helps but is never
 * alone: problem marks carry their letter and number ([E1], [W2]). */
#include "topo_svg.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "mem.h"
#include "sanitize.h"

enum {
	FS = 13,      /* font size, px */
	LH = 18,      /* line height */
	PAD = 10,
	MARGIN = 20,
};
#define CW (FS * 0.6) /* column width */

#define C_LINE "#44546a"
#define C_BOX "#f3f6fa"
#define C_VCH "#e6eef8"
#define C_PG "#fffbe8"
#define C_PARTY "#eef7ee"
#define C_CVM "#f5eefa"
#define C_ERR "#c0392b"
#define C_WARN "#b9770e"
#define C_TEXT "#1b1f24"
#define C_DIM "#4d5763"

struct out {
	char *s;
	size_t len, cap;
};

static void add(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(struct out *o, const char *fmt, ...)
{
	va_list ap;
	char *s;
	size_t n;
	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	n = strlen(s);
	xgrow(&o->s, &o->cap, o->len + n + 1, 1);
	memcpy(o->s + o->len, s, n + 1);
	o->len += n;
	free(s);
}

/* Decodes one UTF-8 character; returns its length, 0 for an invalid sequence. */
static size_t utf8(const unsigned char *s, uint32_t *cp)
{
	size_t n;
	uint32_t c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if ((c & 0xe0) == 0xc0)
		n = 2, c &= 0x1f;
	else if ((c & 0xf0) == 0xe0)
		n = 3, c &= 0x0f;
	else if ((c & 0xf8) == 0xf0)
		n = 4, c &= 0x07;
	else
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((n == 2 && c < 0x80) || (n == 3 && c < 0x800) || (n == 4 && c < 0x10000) || c > 0x10ffff ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

char *topo_xml_escape(const char *s)
{
	struct out o = {0};
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	add(&o, "%s", "");
	while (*p) {
		uint32_t c;
		size_t n = utf8(p, &c);
		if (n == 0) {
			add(&o, "\xef\xbf\xbd"); /* U+FFFD */
			p++;
			continue;
		}
		if (c == '&')
			add(&o, "&amp;");
		else if (c == '<')
			add(&o, "&lt;");
		else if (c == '>')
			add(&o, "&gt;");
		else if (c == '"')
			add(&o, "&quot;");
		else if (c == '\'')
			add(&o, "&#39;");
		else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f || (c >= 0x80 && c <= 0x9f) ||
			 c == 0xfffe || c == 0xffff)
			add(&o, "\xef\xbf\xbd"); /* not allowed, or not wanted, in XML text */
		else
			add(&o, "%.*s", (int)n, (const char *)p);
		p += n;
	}
	return o.s;
}

/* Columns of a name as a terminal would count them (wide characters two). */
static int cols(const char *s)
{
	char *d = san_dup(s ? s : "", SAN_DISPLAY);
	int w = (int)san_width(d);
	free(d);
	return w;
}

static double px(const char *s)
{
	return cols(s) * CW;
}

static void text(struct out *o, double x, double y, const char *fill, const char *weight, const char *s)
{
	char *e = topo_xml_escape(s);
	add(o, "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\"%s%s%s>%s</text>\n", x, y, fill,
	    weight ? " font-weight=\"" : "", weight ? weight : "", weight ? "\"" : "", e);
	free(e);
}

static void rect(struct out *o, double x, double y, double w, double h, const char *fill, const char *stroke,
		 double sw, double r)
{
	add(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"%.1f\" fill=\"%s\" stroke=\"%s\" "
	       "stroke-width=\"%.1f\"/>\n", x, y, w, h, r, fill, stroke, sw);
}

static void line(struct out *o, double x1, double y1, double x2, double y2, const char *dash)
{
	add(o, "<path d=\"M%.1f %.1fL%.1f %.1f\" stroke=\"" C_LINE "\" stroke-width=\"1.6\" fill=\"none\"%s%s%s/>\n",
	    x1, y1, x2, y2, dash ? " stroke-dasharray=\"" : "", dash ? dash : "", dash ? "\"" : "");
}

static void elbow(struct out *o, double x1, double y1, double x2, double y2)
{
	double mx = (x1 + x2) / 2;
	add(o, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1f\" stroke=\"" C_LINE
	       "\" stroke-width=\"1.6\" fill=\"none\"/>\n", x1, y1, mx, y1, mx, y2, x2, y2);
}

static void arrow(struct out *o, double x, double y)
{
	add(o, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"" C_LINE "\"/>\n", x, y, x - 8, y - 4.5, x - 8,
	    y + 4.5);
}

static const char *mark_color(enum layout_mark m)
{
	return m == LAYOUT_MARK_ERROR ? C_ERR : m == LAYOUT_MARK_WARNING ? C_WARN : C_LINE;
}

/* A problem mark "[E1]" at (x, y) baseline; returns its width. */
static double mark(struct out *o, double x, double y, const struct layout_marks *m)
{
	char buf[32];
	if (!m->mark)
		return 0;
	if (m->count > 1)
		snprintf(buf, sizeof buf, "[%c%d+%d]", m->mark == LAYOUT_MARK_ERROR ? 'E' : 'W', m->first,
			 m->count - 1);
	else
		snprintf(buf, sizeof buf, "[%c%d]", m->mark == LAYOUT_MARK_ERROR ? 'E' : 'W', m->first);
	text(o, x, y, mark_color(m->mark), "bold", buf);
	return px(buf);
}

static double dmax(double a, double b)
{
	return a > b ? a : b;
}

struct partyline {
	char *text;
	const struct layout_marks *marks;
	enum layout_mark host;
};

static size_t party_lines(const struct layout_topo *t, unsigned roles, struct partyline *pl, size_t cap)
{
	static const enum layout_party_kind order[] = {
		LAYOUT_PARTY_REGISTRIES, LAYOUT_PARTY_PROXY, LAYOUT_PARTY_CLIENTS,
		LAYOUT_PARTY_VCENTER, LAYOUT_PARTY_HOSTS,
	};
	size_t n = 0;
	for (size_t k = 0; k < sizeof order / sizeof order[0]; k++)
		for (size_t i = 0; i < t->n_parties && n < cap; i++) {
			const struct layout_party *y = &t->parties[i];
			if (y->kind != order[k] || !(roles & (1u << y->role)))
				continue;
			pl[n].text = y->detail ? xasprintf("%s  %s", y->name, y->detail) : xstrdup(y->name);
			pl[n].marks = &y->marks;
			pl[n].host = LAYOUT_MARK_NONE;
			n++;
			if (y->kind == LAYOUT_PARTY_HOSTS)
				for (size_t h = 0; h < t->n_hosts && n < cap; h++) {
					if (!t->hosts[h].mark)
						continue;
					pl[n].text = xasprintf("%s: %s", t->hosts[h].name, t->hosts[h].verdict);
					pl[n].marks = NULL;
					pl[n].host = t->hosts[h].mark;
					n++;
				}
		}
	return n;
}

static char *svg(const struct layout_topo *t, bool xmlns, int *wout, int *hout)
{
	struct out body = {0}, o = {0};
	double y, vx = MARGIN, vw, pgx, pgw = 0, ptx, ptw = 0, width, height, lab = 0;
	double bridge_x = -1, bridge_y = -1;
	char *s;
	enum { MAXPL = 24 };

	add(&body, "%s", "");
	/* column widths from the longest texts */
	vw = 250;
	for (int r = 0; r < PLAN_ROLE_COUNT; r++) {
		char *gw = layout_role_gateway(t, (enum plan_role)r);
		lab = dmax(lab, px(plan_role_name((enum plan_role)r)));
		vw = dmax(vw, px(layout_role_addr(t, (enum plan_role)r)) + 110 + 40);
		if (gw)
			vw = dmax(vw, px(gw) + 50);
		free(gw);
	}
	for (size_t i = 0; i < t->n_pgs; i++) {
		char *f = layout_pg_facts(&t->pgs[i]);
		pgw = dmax(pgw, px(t->pgs[i].name) + 2 * PAD + 10);
		if (f)
			pgw = dmax(pgw, px(f) + 2 * PAD);
		free(f);
		if (t->pgs[i].in_use) {
			f = xasprintf("also used by %s", t->pgs[i].in_use);
			pgw = dmax(pgw, px(f) + 2 * PAD);
			free(f);
		}
	}
	pgw = dmax(pgw, 160);
	pgx = vx + vw + 90;
	ptx = pgx + pgw + 60;
	for (int i = 0; i < t->nics.n_nics; i++) {
		struct partyline pl[MAXPL];
		size_t n = party_lines(t, t->nics.nic[i].roles & ~(1u << PLAN_ROLE_BRIDGE), pl, MAXPL);
		for (size_t k = 0; k < n; k++) {
			ptw = dmax(ptw, px(pl[k].text) + 2 * PAD + (pl[k].marks && pl[k].marks->mark ? 70 : 20));
			free(pl[k].text);
		}
	}
	ptw = dmax(ptw, 180);

	/* title */
	y = MARGIN + FS;
	s = xasprintf("%s%s%s: %d NIC%s (VIC %s allows %d), DNS %s", t->name ? "VCH \"" : "VCH",
		      t->name ? t->name : "", t->name ? "\"" : "", t->nics.n_nics, t->nics.n_nics == 1 ? "" : "s",
		      t->vic_version, t->nics.max_nics, t->dns_text);
	add(&body, "<g font-size=\"%d\">\n", FS + 3);
	text(&body, MARGIN, y + 2, C_TEXT, "bold", s);
	add(&body, "</g>\n");
	{
		double x = MARGIN + px(s) * (FS + 3) / FS + 8;
		x += mark(&body, x, y + 2, &t->vch_marks);
		mark(&body, x + 6, y + 2, &t->dns_marks);
	}
	free(s);
	if (t->checked_at) {
		s = xasprintf("live checks at %s", t->checked_at);
		text(&body, MARGIN, y + LH + 4, C_DIM, NULL, s);
		free(s);
		y += LH;
	}
	y += LH + 8;

	/* the endpoint VM and its NICs */
	{
		double top = y, by = y + LH + PAD;
		for (int i = 0; i < t->nics.n_nics; i++) {
			unsigned roles = t->nics.nic[i].roles;
			const struct layout_pg *pg = NULL;
			struct partyline pl[MAXPL];
			size_t n;
			double ly = by + FS, port_y = by + FS - 4, pgh, ry, band;
			char num[16];

			for (size_t k = 0; k < t->n_pgs; k++)
				if (t->pgs[k].nic == i)
					pg = &t->pgs[k];
			for (int r = 0; r < PLAN_ROLE_COUNT; r++) {
				char *gw;
				double x;
				if (!(roles & (1u << r)))
					continue;
				text(&body, vx + PAD + 6, ly, C_TEXT, "bold", plan_role_name((enum plan_role)r));
				x = vx + PAD + 6 + lab + 14;
				text(&body, x, ly, C_TEXT, NULL, layout_role_addr(t, (enum plan_role)r));
				mark(&body, x + px(layout_role_addr(t, (enum plan_role)r)) + 8, ly, &t->role[r].marks);
				ly += LH;
				gw = layout_role_gateway(t, (enum plan_role)r);
				if (r == PLAN_ROLE_BRIDGE)
					gw = xasprintf("a /%d per bridge network", t->bridge_width);
				if (gw) {
					text(&body, vx + PAD + 22, ly, C_DIM, NULL, gw);
					ly += LH;
					free(gw);
				}
			}
			/* the port and the line to the port group */
			snprintf(num, sizeof num, "NIC %d", i + 1);
			rect(&body, vx + vw - 7, port_y - 7, 14, 14, "#ffffff", C_LINE, 1.6, 2);
			line(&body, vx + vw + 7, port_y, pgx - 1, port_y, NULL);
			arrow(&body, pgx - 1, port_y);
			text(&body, vx + vw + 22, port_y - 6, C_DIM, NULL, num);
			pgh = 2 * LH + 4;
			ry = port_y - LH + 2;
			if (pg) {
				char *f = layout_pg_facts(pg);
				if (pg->in_use)
					pgh += LH;
				rect(&body, pgx, ry, pgw, pgh, C_PG, C_LINE, 1.4, 6);
				text(&body, pgx + PAD, ry + LH, C_TEXT, "bold", pg->name);
				text(&body, pgx + PAD, ry + 2 * LH - 2, C_DIM, NULL, f ? f : "port group");
				free(f);
				if (pg->in_use) {
					/* who else is on it: another VCH's bridge, other VMs */
					f = xasprintf("also used by %s", pg->in_use);
					text(&body, pgx + PAD, ry + 3 * LH - 2, C_DIM, NULL, f);
					free(f);
				}
				if (roles & (1u << PLAN_ROLE_BRIDGE)) {
					bridge_x = pgx + 30;
					bridge_y = ry + pgh;
				}
			}
			n = party_lines(t, roles & ~(1u << PLAN_ROLE_BRIDGE), pl, MAXPL);
			for (size_t k = 0; k < n; k++) {
				double py = ry + k * (LH + 8), cy = py + (LH + 4) / 2.0;
				if (pl[k].host) {
					text(&body, ptx + PAD + 14, py + FS + 2, mark_color(pl[k].host), NULL, pl[k].text);
					text(&body, ptx + PAD + 14 + px(pl[k].text) + 8, py + FS + 2, mark_color(pl[k].host), "bold",
					     pl[k].host == LAYOUT_MARK_ERROR ? "[E]" : "[W]");
				} else {
					rect(&body, ptx, py, ptw, LH + 4, C_PARTY, pl[k].marks && pl[k].marks->mark
						? mark_color(pl[k].marks->mark) : C_LINE, 1.2, 10);
					text(&body, ptx + PAD, py + FS + 2, C_TEXT, NULL, pl[k].text);
					if (pl[k].marks)
						mark(&body, ptx + PAD + px(pl[k].text) + 8, py + FS + 2, pl[k].marks);
					elbow(&body, pgx + pgw, port_y, ptx, cy);
				}
				free(pl[k].text);
			}
			band = dmax(ly - by, dmax(pgh + 8, n * (LH + 8.0)));
			by += band + PAD;
		}
		for (int r = 0; r < PLAN_ROLE_COUNT; r++) {
			if (t->role[r].port_group)
				continue;
			text(&body, vx + PAD + 6, by + FS, C_TEXT, "bold", plan_role_name((enum plan_role)r));
			text(&body, vx + PAD + 6 + lab + 14, by + FS, C_ERR, NULL, "no port group");
			mark(&body, vx + PAD + 6 + lab + 14 + px("no port group") + 8, by + FS, &t->role[r].marks);
			by += LH;
		}
		/* the box goes under what was drawn in it */
		s = body.s;
		body = (struct out){0};
		add(&body, "%s", "");
		rect(&body, vx, top, vw, by - top, C_VCH, C_LINE, 2, 8);
		text(&body, vx + PAD, top + LH - 2, C_DIM, "bold", "VCH endpoint VM");
		add(&body, "%s", s);
		free(s);
		y = by + 30;
	}

	/* the container VMs under the bridge, the container networks beside them */
	if (t->role[PLAN_ROLE_BRIDGE].port_group || t->n_cnets) {
		double cx = vx + 40, cw = dmax(260, px(t->bridge_range) + 180), ch = 3 * LH + 2 * PAD;
		double ny = y, nx = cx + cw + 90, nw = 0, aw = 0;
		if (bridge_x >= 0) {
			line(&body, bridge_x, bridge_y, bridge_x, y - 1, NULL);
			add(&body, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"" C_LINE "\"/>\n", bridge_x, y,
			    bridge_x - 4.5, y - 8, bridge_x + 4.5, y - 8);
			if (cx + cw < bridge_x + 40)
				cw = bridge_x + 40 - cx;
		}
		rect(&body, cx, y, cw, ch, C_CVM, mark_color(t->role[PLAN_ROLE_BRIDGE].marks.mark), 1.6, 8);
		text(&body, cx + PAD, y + LH, C_TEXT, "bold", "container VMs");
		s = xasprintf("addresses from %s", t->bridge_range);
		text(&body, cx + PAD, y + 2 * LH, C_DIM, NULL, s);
		mark(&body, cx + PAD + px(s) + 8, y + 2 * LH, &t->role[PLAN_ROLE_BRIDGE].marks);
		free(s);
		s = xasprintf("a /%d per bridge network", t->bridge_width);
		text(&body, cx + PAD, y + 3 * LH, C_DIM, NULL, s);
		free(s);
		for (size_t i = 0; i < t->n_cnets; i++) {
			char *a = layout_cnet_addr(&t->cnets[i]);
			aw = dmax(aw, px(t->cnets[i].alias));
			nw = dmax(nw, px(t->cnets[i].port_group ? t->cnets[i].port_group : "(no port group)") + 2 * PAD);
			nw = dmax(nw, px(a) + 2 * PAD);
			free(a);
			if (layout_cnet_in_use(t, &t->cnets[i])) {
				a = xasprintf("also used by %s", layout_cnet_in_use(t, &t->cnets[i]));
				nw = dmax(nw, px(a) + 2 * PAD);
				free(a);
			}
		}
		nx = cx + cw + dmax(110, aw + 40);
		nw = dmax(nw, 200);
		for (size_t i = 0; i < t->n_cnets; i++) {
			const struct layout_cnet *c = &t->cnets[i];
			char *a = layout_cnet_addr(c), *fw;
			double ly = ny + LH, bh = 3 * LH + 6;
			const char *others = layout_cnet_in_use(t, c);
			if (others)
				bh += LH;
			rect(&body, nx, ny, nw, bh, C_PG, mark_color(c->marks.mark), 1.4, 6);
			text(&body, nx + PAD, ny + LH, C_TEXT, "bold", c->port_group ? c->port_group : "(no port group)");
			text(&body, nx + PAD, ny + 2 * LH, C_DIM, NULL, a);
			fw = xasprintf("firewall %s%s", c->firewall, c->firewall_default ? " (default)" : "");
			text(&body, nx + PAD, ny + 3 * LH, C_DIM, NULL, fw);
			mark(&body, nx + PAD + px(fw) + 8, ny + 3 * LH, &c->marks);
			if (others) {
				char *u = xasprintf("also used by %s", others);
				text(&body, nx + PAD, ny + 4 * LH, C_DIM, NULL, u);
				free(u);
			}
			elbow(&body, cx + cw, y + ch / 2, nx - 1, ly - 4);
			arrow(&body, nx - 1, ly - 4);
			text(&body, nx - 14 - px(c->alias), ly - 9, C_TEXT, "bold", c->alias);
			free(fw);
			free(a);
			ny += bh + 14;
		}
		y = dmax(y + ch, ny) + 24;
	}

	width = ptx + ptw + MARGIN;
	/* the problems, numbered as their marks, wrapped to the drawing's width */
	if (t->n_problems) {
		int room = (int)((width - 2 * MARGIN - 56) / CW);
		if (room < 60)
			room = 60;
		width = dmax(width, 2 * MARGIN + 56 + room * CW);
		text(&body, MARGIN, y, C_TEXT, "bold", "Problems found");
		y += LH + 4;
		for (size_t i = 0; i < t->n_problems; i++) {
			const struct layout_problem *q = &t->problems[i];
			char buf[32], *msg = xstrdup(q->message), *p = msg;
			snprintf(buf, sizeof buf, "[%c%zu]", q->sev == LAYOUT_MARK_ERROR ? 'E' : 'W', i + 1);
			text(&body, MARGIN, y, mark_color(q->sev), "bold", buf);
			while (*p) {
				char keep;
				size_t k = strlen(p);
				if (cols(p) > room) {
					size_t b;
					char *tmp = xstrndup(p, k);
					/* the longest prefix of room columns, cut at a space */
					while (k > 0 && cols(tmp) > room) {
						do
							k--;
						while (k > 0 && ((unsigned char)p[k] & 0xc0) == 0x80);
						tmp[k] = '\0';
					}
					for (b = k; b > 0 && p[b] != ' '; b--)
						;
					if (b > 0)
						k = b;
					free(tmp);
					if (k == 0)
						k = 1;
				}
				keep = p[k];
				p[k] = '\0';
				text(&body, MARGIN + 56, y, C_TEXT, NULL, p);
				p[k] = keep;
				p += k;
				while (*p == ' ')
					p++;
				y += LH;
			}
			y += 2;
			free(msg);
		}
	}
	height = y + MARGIN;

	add(&o, "<svg%s width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
		"font-family=\"monospace\" font-size=\"%d\" role=\"img\" aria-labelledby=\"topo-title\">\n",
	    xmlns ? " xmlns=\"http://www.w3.org/2000/svg\"" : "", width, height, width, height, FS);
	s = topo_xml_escape(t->name ? t->name : "");
	add(&o, "<title id=\"topo-title\">Network layout of the VCH %s</title>\n", s);
	free(s);
	rect(&o, 0, 0, width, height, "#ffffff", "none", 0, 0);
	add(&o, "%s</svg>\n", body.s);
	free(body.s);
	if (wout)
		*wout = (int)width;
	if (hout)
		*hout = (int)height;
	return o.s;
}

char *topo_svg_inline(const struct layout_topo *t, int *w, int *h)
{
	return svg(t, false, w, h);
}

char *topo_svg(const struct layout_topo *t)
{
	char *in = svg(t, true, NULL, NULL);
	char *s = xasprintf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n%s", in);
	free(in);
	return s;
}
