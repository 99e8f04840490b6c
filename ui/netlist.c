/* netlist: the picker's model and its incremental filter. */
#include "netlist.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "netpick.h"

struct netlist {
	struct netlist_entry *v;
	char **hay;          /* lower-case "name switch type" per entry */
	size_t n, cap, cap_hay;
	size_t *view;        /* model indexes of the visible rows */
	size_t n_view, cap_view;
	char *filter;        /* lower-case */
};

struct netlist *netlist_new(void)
{
	struct netlist *l = xcalloc(1, sizeof *l);
	l->filter = xstrdup("");
	return l;
}

/* The entry's strings are ours but typed const for the readers. */
static void free_const(const char *p) { free((void *)(uintptr_t)p); }

static void entry_free(struct netlist_entry *e)
{
	free_const(e->name);
	free_const(e->id);
	free_const(e->type);
	free_const(e->sw);
	free_const(e->reason);
	free_const(e->used_by);
}

void netlist_clear(struct netlist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		entry_free(&l->v[i]);
		free(l->hay[i]);
	}
	l->n = 0;
	l->n_view = 0;
	l->filter[0] = '\0';
}

void netlist_free(struct netlist *l)
{
	if (!l)
		return;
	netlist_clear(l);
	free(l->v);
	free(l->hay);
	free(l->view);
	free(l->filter);
	free(l);
}

const char *netlist_vlan_text(int vlan, char *buf, size_t n)
{
	if (vlan == -2)
		snprintf(buf, n, "trunk");
	else if (vlan <= 0)
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%d", vlan);
	return buf;
}

/* The type as the narrow picker shows it: vSphere's own short forms. */
static const char *short_type(const char *t)
{
	if (!t)
		return "";
	if (strcmp(t, "distributed") == 0)
		return "dvpg";
	if (strcmp(t, "standard") == 0)
		return "std";
	return t;
}

static char *lower_dup(const char *s)
{
	char *d = xstrdup(s);
	for (char *p = d; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return d;
}

static void view_all(struct netlist *l)
{
	xgrow(&l->view, &l->cap_view, l->n, sizeof *l->view);
	for (size_t i = 0; i < l->n; i++)
		l->view[i] = i;
	l->n_view = l->n;
}

void netlist_add(struct netlist *l, const struct netlist_entry *e)
{
	struct netlist_entry *d;
	char *h;
	/* unfiltered, the view is every index in order: one more index keeps it so, where
	 * rebuilding it per add made loading n networks cost n^2 */
	bool unfiltered = l->filter[0] == '\0' && l->n_view == l->n;

	xgrow(&l->v, &l->cap, l->n + 1, sizeof *l->v);
	xgrow(&l->hay, &l->cap_hay, l->n + 1, sizeof *l->hay);
	d = &l->v[l->n];
	*d = *e;
	d->name = xstrdup(e->name ? e->name : "");
	d->id = xstrdup(e->id);
	d->type = xstrdup(e->type ? e->type : "");
	d->sw = xstrdup(e->sw);
	d->reason = xstrdup(e->reason);
	d->used_by = xstrdup(e->used_by);
	/* the short type too: typing what the narrow picker shows must filter; the VLAN is
	 * matched as a number (netpick's filter), not as text */
	h = xasprintf("%s\t%s\t%s\t%s", d->name, d->sw ? d->sw : "", d->type, short_type(d->type));
	l->hay[l->n] = lower_dup(h);
	free(h);
	l->n++;
	l->filter[0] = '\0';
	if (unfiltered) {
		xgrow(&l->view, &l->cap_view, l->n, sizeof *l->view);
		l->view[l->n_view++] = l->n - 1;
	} else {
		view_all(l);
	}
}

size_t netlist_total(const struct netlist *l) { return l->n; }

const struct netlist_entry *netlist_entry(const struct netlist *l, size_t i)
{
	MEM_ASSERT(i < l->n);
	return &l->v[i];
}

void netlist_set_reason(struct netlist *l, size_t i, const char *reason)
{
	MEM_ASSERT(i < l->n);
	free_const(l->v[i].reason);
	l->v[i].reason = xstrdup(reason);
}

void netlist_set_marks(struct netlist *l, size_t i, unsigned marks)
{
	MEM_ASSERT(i < l->n);
	l->v[i].marks = marks;
}

void netlist_filter(struct netlist *l, const char *text)
{
	char *f = lower_dup(text ? text : "");
	struct netpick_filter pf;
	size_t out = 0;

	netpick_filter_parse(f, &pf);
	if (pf.n == 0) {
		view_all(l);
	} else if (netpick_filter_narrows(l->filter, f)) {
		/* narrowing: search only what is still visible */
		for (size_t k = 0; k < l->n_view; k++)
			if (netpick_filter_match(&pf, l->hay[l->view[k]], l->v[l->view[k]].vlan))
				l->view[out++] = l->view[k];
		l->n_view = out;
	} else {
		xgrow(&l->view, &l->cap_view, l->n, sizeof *l->view);
		for (size_t i = 0; i < l->n; i++)
			if (netpick_filter_match(&pf, l->hay[i], l->v[i].vlan))
				l->view[out++] = i;
		l->n_view = out;
	}
	netpick_filter_free(&pf);
	free(l->filter);
	l->filter = f;
}

const char *netlist_filter_text(const struct netlist *l) { return l->filter; }

size_t netlist_count(const struct netlist *l) { return l->n_view; }

const struct netlist_entry *netlist_row(const struct netlist *l, size_t row)
{
	MEM_ASSERT(row < l->n_view);
	return &l->v[l->view[row]];
}

size_t netlist_model_index(const struct netlist *l, size_t row)
{
	MEM_ASSERT(row < l->n_view);
	return l->view[row];
}

long netlist_find(const struct netlist *l, const char *name_or_id)
{
	if (!name_or_id)
		return -1;
	for (size_t k = 0; k < l->n_view; k++) {
		const struct netlist_entry *e = &l->v[l->view[k]];
		if (strcmp(e->name, name_or_id) == 0 || (e->id && strcmp(e->id, name_or_id) == 0))
			return (long)k;
	}
	return -1;
}

/* Copies at most cells characters of s into out, cutting at a UTF-8 boundary; counts
 * each character as one cell (names are almost always ASCII; wider ones are clipped
 * by the drawing). Pads with spaces. Returns bytes written. */
static size_t put_col(char *out, size_t room, const char *s, int cells)
{
	size_t o = 0;
	int used = 0;

	if (!s)
		s = "";
	while (*s && used < cells && o + 4 < room) {
		size_t k = 1;
		while ((s[k] & 0xc0) == 0x80)
			k++;
		if (used == cells - 1 && s[k]) {
			out[o++] = '~'; /* clipped */
			used++;
			break;
		}
		memcpy(out + o, s, k);
		o += k;
		s += k;
		used++;
	}
	while (used < cells && o + 1 < room) {
		out[o++] = ' ';
		used++;
	}
	out[o] = '\0';
	return o;
}

/* A column of cells-1 characters and a space, so a clipped value never runs into
 * the next column. */
static size_t put_cell(char *out, size_t room, const char *s, int cells)
{
	size_t o = put_col(out, room, s, cells - 1);
	return o + put_col(out + o, room - o, " ", 1);
}

/* The columns, in order. A column has a heading, a width in the wide and the narrow
 * layout (below 68 cells), and its text for an entry; the name takes what is left. A
 * column with drop_for_name goes when it would leave the name under 20 cells; its
 * wide width is then 3/8 of the room, between 12 and 20. */
enum col_id { COL_NAME, COL_TYPE, COL_SWITCH, COL_VLAN, COL_HOSTS, COL_USED, COL_COUNT };

static const struct column {
	const char *head;
	int wide, narrow;    /* cells; 0: the name's share */
	bool drop_for_name;  /* the switch column */
} columns[COL_COUNT] = {
	[COL_NAME] = {"Network", 0, 0, false},
	[COL_TYPE] = {"Type", 12, 5, false},
	[COL_SWITCH] = {"Switch", 0, 0, true},
	[COL_VLAN] = {"VLAN", 6, 6, false},
	[COL_HOSTS] = {"Hosts", 6, 5, false},
	[COL_USED] = {"Used by", 0, 0, false}, /* see widths() */
};

static const char *col_text(const struct netlist_entry *e, enum col_id c, bool shorter,
			    char *buf, size_t n)
{
	switch (c) {
	case COL_NAME: return e->name;
	case COL_TYPE: return shorter ? short_type(e->type) : e->type;
	case COL_SWITCH: return e->sw ? e->sw : "-";
	case COL_VLAN: return netlist_vlan_text(e->vlan, buf, n);
	case COL_HOSTS:
		if (e->hosts_total > 0)
			snprintf(buf, n, "%d/%d", e->hosts, e->hosts_total);
		else
			snprintf(buf, n, "-");
		return buf;
	case COL_USED: return e->used_by ? e->used_by : "";
	case COL_COUNT: break;
	}
	return "";
}

enum { USED_MIN_WIDTH = 50, USED_W = 14, USED_NAME_MIN = 24, USED_SWITCH_MIN = 13 };

/* Column widths for a total width: the name is what the user reads, so it gets the
 * room. */
static bool widths(int width, int w[COL_COUNT])
{
	bool shorter = width < 68;
	int rest = width;

	for (int c = 0; c < COL_COUNT; c++) {
		w[c] = shorter ? columns[c].narrow : columns[c].wide;
		rest -= w[c];
	}
	/* Who uses the network gets 14 cells (13 for "vch-02 (VCH)", one more for the
	 * hosts column's separator) where it fits: on a narrow list (50 to 67 cells) the
	 * switch column gives way to it; on a wider one it comes only when the name keeps
	 * 24 cells beside a switch column of 13. */
	if (width >= USED_MIN_WIDTH &&
	    (shorter || rest - USED_W - USED_SWITCH_MIN >= USED_NAME_MIN)) {
		w[COL_USED] = USED_W - 1;
		w[COL_HOSTS] += 1;
		rest -= USED_W;
	}
	for (int c = 0; c < COL_COUNT; c++) {
		if (!columns[c].drop_for_name)
			continue;
		w[c] = rest * 3 / 8 < 12 ? 12 : rest * 3 / 8 > 20 ? 20 : rest * 3 / 8;
		if (rest - w[c] < 20)
			w[c] = 0;
		rest -= w[c];
	}
	w[COL_NAME] = rest < 6 ? 6 : rest;
	return shorter;
}

/* The last column has no trailing space; a dropped column (width 0) is left out. */
static void put_row(char *buf, size_t n, const int w[COL_COUNT], const char *const text[COL_COUNT])
{
	size_t o = 0;
	int last = COL_COUNT - 1;

	while (last > 0 && w[last] == 0)
		last--;
	for (int c = 0; c <= last; c++) {
		if (!w[c])
			continue;
		o += c == last ? put_col(buf + o, n - o, text[c], w[c]) : put_cell(buf + o, n - o, text[c], w[c]);
	}
	buf[o < n ? o : n - 1] = '\0';
}

void netlist_format(const struct netlist_entry *e, int width, char *buf, size_t n)
{
	int w[COL_COUNT];
	char tmp[COL_COUNT][32];
	const char *text[COL_COUNT];
	bool shorter = widths(width, w);

	for (int c = 0; c < COL_COUNT; c++)
		text[c] = col_text(e, (enum col_id)c, shorter, tmp[c], sizeof tmp[c]);
	put_row(buf, n, w, text);
}

void netlist_header(int width, char *buf, size_t n)
{
	int w[COL_COUNT];
	const char *text[COL_COUNT];

	widths(width, w);
	for (int c = 0; c < COL_COUNT; c++)
		text[c] = columns[c].head;
	put_row(buf, n, w, text);
}
