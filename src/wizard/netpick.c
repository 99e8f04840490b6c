/* netpick: natural order, the filter, the suggestion and the description of a network
 * choice, shared by the screens and plain mode. */
#include "netpick.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "inv.h"
#include "mem.h"

int netpick_natcmp(const char *a, const char *b)
{
	const char *p = a, *q = b;

	while (*p && *q) {
		if (isdigit((unsigned char)*p) && isdigit((unsigned char)*q)) {
			const char *ps, *qs;
			size_t lp, lq;
			int c;
			/* leading zeros do not make a number larger */
			while (*p == '0' && isdigit((unsigned char)p[1]))
				p++;
			while (*q == '0' && isdigit((unsigned char)q[1]))
				q++;
			ps = p;
			qs = q;
			while (isdigit((unsigned char)*p))
				p++;
			while (isdigit((unsigned char)*q))
				q++;
			lp = (size_t)(p - ps);
			lq = (size_t)(q - qs);
			if (lp != lq)
				return lp < lq ? -1 : 1;
			c = memcmp(ps, qs, lp);
			if (c)
				return c < 0 ? -1 : 1;
			continue;
		}
		int ca = tolower((unsigned char)*p), cb = tolower((unsigned char)*q);
		if (ca != cb)
			return ca < cb ? -1 : 1;
		p++;
		q++;
	}
	if (*p || *q)
		return *p ? 1 : -1;
	return strcmp(a, b) < 0 ? -1 : strcmp(a, b) > 0 ? 1 : 0;
}

int netpick_vlan_of(const struct inv_network *n)
{
	if (n->vlan == INV_VLAN_TRUNK)
		return NETPICK_VLAN_TRUNK;
	if ((n->vlan == INV_VLAN_ID || n->vlan == INV_VLAN_PVLAN) && n->vlan_id > 0)
		return n->vlan_id;
	return NETPICK_VLAN_NONE;
}

enum { NO_VLAN_WORD = -3 };

/* The VLAN a word names: "trunk", "none", or a whole number; NO_VLAN_WORD otherwise. */
static int vlan_word(const char *s)
{
	long v = 0;

	if (strcmp(s, "trunk") == 0)
		return NETPICK_VLAN_TRUNK;
	if (strcmp(s, "none") == 0 || strcmp(s, "-") == 0)
		return NETPICK_VLAN_NONE;
	if (!*s || strlen(s) > 5)
		return NO_VLAN_WORD;
	for (const char *c = s; *c; c++) {
		if (!isdigit((unsigned char)*c))
			return NO_VLAN_WORD;
		v = v * 10 + (*c - '0');
	}
	return (int)v;
}

void netpick_filter_parse(const char *text, struct netpick_filter *f)
{
	char *copy = xstrdup(text ? text : ""), *save = NULL;
	size_t cap = 0, cap2 = 0, cap3 = 0;

	memset(f, 0, sizeof *f);
	for (char *c = copy; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	for (char *t = strtok_r(copy, " \t", &save); t; t = strtok_r(NULL, " \t", &save)) {
		bool only = strncmp(t, "vlan:", 5) == 0;
		int v = vlan_word(only ? t + 5 : t);
		/* "vlan:" alone is still being typed: no condition yet */
		if (only && !t[5])
			continue;
		/* a plain "none" is a name; a plain "trunk" also finds trunks, as the column
		 * reads */
		if (!only && v == NETPICK_VLAN_NONE)
			v = NO_VLAN_WORD;
		xgrow(&f->word, &cap, f->n + 1, sizeof *f->word);
		xgrow(&f->vlan, &cap2, f->n + 1, sizeof *f->vlan);
		xgrow(&f->only_vlan, &cap3, f->n + 1, sizeof *f->only_vlan);
		f->word[f->n] = xstrdup(t);
		f->vlan[f->n] = v;
		f->only_vlan[f->n] = only;
		f->n++;
	}
	free(copy);
}

void netpick_filter_free(struct netpick_filter *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->word[i]);
	free(f->word);
	free(f->vlan);
	free(f->only_vlan);
	memset(f, 0, sizeof *f);
}

bool netpick_filter_match(const struct netpick_filter *f, const char *hay, int vlan)
{
	for (size_t i = 0; i < f->n; i++) {
		if (f->only_vlan[i]) {
			/* "vlan:20x": not a VLAN at all, so nothing matches */
			if (f->vlan[i] == NO_VLAN_WORD || f->vlan[i] != vlan)
				return false;
			continue;
		}
		if (f->vlan[i] != NO_VLAN_WORD && f->vlan[i] == vlan)
			continue;
		if (!strstr(hay, f->word[i]))
			return false;
	}
	return true;
}

bool netpick_filter_narrows(const char *old_text, const char *new_text)
{
	size_t lo = old_text ? strlen(old_text) : 0, k;

	if (lo == 0 || strncmp(new_text, old_text, lo) != 0 || strchr(new_text, ':'))
		return false;
	/* one more word only narrows (every word must match); extending the last word
	 * narrows a substring, but not a number, which also names a VLAN exactly */
	if (new_text[lo] == ' ' || new_text[lo] == '\0')
		return true;
	k = lo;
	while (k > 0 && old_text[k - 1] != ' ')
		k--;
	for (size_t i = k; i < lo; i++)
		if (!isdigit((unsigned char)old_text[i]))
			return true;
	return false;
}

static int cmp_net(const void *x, const void *y)
{
	const struct inv_network *a = *(const struct inv_network *const *)x;
	const struct inv_network *b = *(const struct inv_network *const *)y;
	int c = netpick_natcmp(a->o.name, b->o.name);
	/* same names on two switches: a stable order by id */
	return c ? c : strcmp(a->o.id ? a->o.id : "", b->o.id ? b->o.id : "");
}

const struct inv_network **netpick_sorted(const struct inv *inv, const char *dc_id, size_t *n)
{
	const struct inv_network **v = xcalloc(inv->n_networks + 1, sizeof *v);
	size_t k = 0;

	for (size_t i = 0; i < inv->n_networks; i++) {
		const struct inv_network *net = &inv->networks[i];
		if (dc_id && net->o.datacenter && strcmp(net->o.datacenter, dc_id) != 0)
			continue;
		v[k++] = net;
	}
	if (k > 1)
		qsort(v, k, sizeof *v, cmp_net);
	*n = k;
	return v;
}

/* The only usable row for which want() holds, or -1 (none, or more than one). */
static long only_one(const char *const *names, const bool *usable, size_t n, bool bridge_named)
{
	long found = -1;

	for (size_t i = 0; i < n; i++) {
		if (!usable[i] || (bridge_named && !strcasestr(names[i], "bridge")))
			continue;
		if (found >= 0)
			return -1;
		found = (long)i;
	}
	return found;
}

long netpick_suggest(enum plan_role role, const char *const *names, const bool *usable, size_t n)
{
	long i;

	switch (role) {
	case PLAN_ROLE_BRIDGE:
		i = only_one(names, usable, n, false);
		return i >= 0 ? i : only_one(names, usable, n, true);
	case PLAN_ROLE_PUBLIC:
		for (size_t k = 0; k < n; k++)
			if (usable[k] && strcmp(names[k], "VM Network") == 0)
				return (long)k;
		return only_one(names, usable, n, false);
	default:
		return -1;
	}
}

char *netpick_describe(const struct inv *inv, const struct inv_network *n)
{
	const struct inv_obj *sw = n->switch_id ? inv_find_id(inv, n->switch_id) : NULL;
	int vlan = netpick_vlan_of(n);
	char vl[32];

	if (vlan == NETPICK_VLAN_TRUNK)
		snprintf(vl, sizeof vl, "VLAN trunk");
	else if (vlan > 0)
		snprintf(vl, sizeof vl, "VLAN %d", vlan);
	else
		snprintf(vl, sizeof vl, "no VLAN");
	return xasprintf("%s (%s, %s)", n->o.name,
			 sw ? sw->name : inv_net_type_noun(n), vl);
}
