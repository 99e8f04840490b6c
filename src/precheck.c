/* precheck: the live pre-checks of a plan against the inventory (see precheck.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "err.h"
#include "findings.h"
#include "firewall.h"
#include "inuse.h"
#include "inv.h"
#include "mem.h"
#include "plan.h"
#include "precheck.h"
#include "sanitize.h"
#include "vsphere.h"

static bool nz(const char *s)
{
	return s && *s;
}

static bool str_eq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* ---- target objects ---------------------------------------------------------------- */

static bool in_dc(const struct inv_obj *o, const struct inv_obj *dc)
{
	return !dc || str_eq(o->datacenter, dc->id);
}

static const struct inv_obj *find_dc(const struct inv *inv, const struct plan *p)
{
	const char *want = p->target.datacenter;
	if (!nz(want)) {
		if (inv->n_datacenters == 1)
			return &inv->datacenters[0].o;
		err_set("target.datacenter is not set and the inventory has %zu datacenters; name "
			"one in target.datacenter", inv->n_datacenters);
		return NULL;
	}
	const struct inv_obj *dc = inv_find(inv, INV_DATACENTER, want, NULL);
	if (!dc && !strchr(want, '/')) {
		/* vic-machine's finder reads the name as a pattern */
		const struct inv_obj *hit = NULL;
		size_t n = 0;
		for (size_t i = 0; i < inv->n_datacenters; i++)
			if (precheck_path_match(want, inv->datacenters[i].o.name ? inv->datacenters[i].o.name : "") == 1)
				hit = &inv->datacenters[i].o, n++;
		if (n == 1)
			return hit;
	}
	if (!dc) {
		/* a copy: err_set() must not read the buffer it writes */
		char *why = xstrdup(err_msg());
		err_set("datacenter \"%s\" not found: %s", want, why);
		free(why);
	}
	return dc;
}

static const struct inv_compute *find_compute(const struct inv *inv, const struct plan *p,
					      const struct inv_obj *dc)
{
	const char *want = p->target.compute_resource;
	if (!nz(want)) {
		const struct inv_compute *only = NULL;
		size_t n = 0;
		for (size_t i = 0; i < inv->n_computes; i++)
			if (in_dc(&inv->computes[i].o, dc)) {
				only = &inv->computes[i];
				n++;
			}
		if (n == 1)
			return only;
		err_set("target.computeResource is not set and datacenter %s has %zu compute "
			"resources; name one in target.computeResource", dc->name, n);
		return NULL;
	}
	const struct inv_compute *c = inv_find_compute(inv, want, dc->id);
	if (c)
		return c;
	char *first = xstrdup(err_msg());
	if (!strchr(want, '/')) {
		/* vic-machine's finder reads the name as a pattern */
		size_t n = 0;
		for (size_t i = 0; i < inv->n_computes; i++)
			if (in_dc(&inv->computes[i].o, dc) &&
			    precheck_path_match(want, inv->computes[i].o.name ? inv->computes[i].o.name : "") == 1)
				c = &inv->computes[i], n++;
		if (n == 1) {
			free(first);
			return c;
		}
		c = NULL;
	}
	/* vic-machine also takes a path below the host folder, and a resource pool */
	char *rel = want[0] == '/' ? xstrdup(want) : xasprintf("%s/host/%s", dc->path, want);
	for (size_t i = 0; i < inv->n_computes; i++)
		if (str_eq(inv->computes[i].o.path, rel)) {
			c = &inv->computes[i];
			goto out;
		}
	for (size_t i = 0; i < inv->n_pools; i++) {
		const struct inv_pool *pool = &inv->pools[i];
		if (!str_eq(pool->o.path, rel) || !pool->owner)
			continue;
		const struct inv_obj *o = inv_find_id(inv, pool->owner);
		if (o && o->kind == INV_COMPUTE) {
			c = (const struct inv_compute *)o;
			goto out;
		}
	}
	err_set("compute resource \"%s\" not found: %s", want, first);
out:
	free(first);
	free(rel);
	return c;
}

/* The datastore part of imageStore: "ds://name/folder" and "name/folder" give "name". */
static char *datastore_name(const char *image_store)
{
	const char *s = image_store;
	if (strncmp(s, "ds://", 5) == 0)
		s += 5;
	const char *slash = strchr(s, '/');
	return slash ? xstrndup(s, (size_t)(slash - s)) : xstrdup(s);
}

static const struct inv_datastore *find_datastore(const struct inv *inv, const struct plan *p,
						  const struct inv_obj *dc)
{
	if (!nz(p->target.image_store)) {
		err_set("target.imageStore is not set; name the datastore for the VCH's images");
		return NULL;
	}
	char *name = datastore_name(p->target.image_store);
	const struct inv_obj *o = inv_find(inv, INV_DATASTORE, name, dc->id);
	if (!o) {
		char *why = xstrdup(err_msg());
		err_set("image datastore \"%s\" not found: %s", name, why);
		free(why);
	}
	free(name);
	return (const struct inv_datastore *)o;
}

int precheck_target(const struct inv *inv, const struct plan *p, struct precheck_target *t,
		    struct findings *f)
{
	memset(t, 0, sizeof *t);
	char *first = NULL;
	t->dc = find_dc(inv, p);
	if (!t->dc) {
		first = xstrdup(err_msg());
		if (f)
			findings_add(f, FINDING_ERROR, "datacenter-not-found", "target.datacenter", false,
				     "run 'vchnet inventory' to see the datacenters", "%s", first);
		err_set("%s", first);
		free(first);
		return -1;
	}
	t->compute = find_compute(inv, p, t->dc);
	if (!t->compute) {
		first = xstrdup(err_msg());
		if (f)
			findings_add(f, FINDING_ERROR, "compute-not-found", "target.computeResource",
				     false, "run 'vchnet inventory' to see the compute resources",
				     "%s", first);
	}
	t->datastore = find_datastore(inv, p, t->dc);
	if (!t->datastore) {
		if (f)
			findings_add(f, FINDING_ERROR, "imagestore-not-found", "target.imageStore",
				     false, "run 'vchnet inventory' to see the datastores", "%s",
				     err_msg());
		if (!first)
			first = xstrdup(err_msg());
	}
	if (first) {
		err_set("%s", first);
		free(first);
		return -1;
	}
	return 0;
}

/* ---- port group resolution ---------------------------------------------------------- */

size_t precheck_resolve(const struct inv *inv, const struct inv_obj *dc, const char *what,
			const struct inv_network ***out)
{
	size_t n = 0, cap = 0;
	*out = NULL;
	if (!nz(what))
		return 0;
	char *path = NULL;
	if (what[0] == '/')
		path = xstrdup(what);
	else if (strchr(what, '/') && dc)
		path = xasprintf("%s/network/%s", dc->path, what);
	for (size_t i = 0; i < inv->n_networks; i++) {
		const struct inv_network *net = &inv->networks[i];
		bool hit = path ? str_eq(net->o.path, path)
				: (str_eq(net->o.name, what) && in_dc(&net->o, dc));
		if (!hit)
			continue;
		xgrow(out, &cap, n + 1, sizeof **out);
		(*out)[n++] = net;
	}
	free(path);
	return n;
}

/* ---- the finder: how vic-machine reads a network name ----------------------------------
 * vic-machine looks every network up with govmomi's Finder.NetworkList: a name without
 * "/" is a Go path.Match pattern tried on the name of every object below the
 * datacenter's network folder; a name with "/" is cleaned (path.Clean) and walked one
 * element at a time from the root folder (absolute) or from the network folder
 * (relative), each element a pattern on the children's names, and a child whose whole
 * path ends with the rest of the walk matches too. Distributed switches count as
 * networks. */

/* One UTF-8 sequence as Go's utf8.DecodeRuneInString reads it: an invalid one is
 * U+FFFD of length 1. */
static unsigned long go_rune(const char *s, size_t n, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned long r;
	size_t k;

	*len = 1;
	if (n == 0)
		return 0xFFFD;
	if (u[0] < 0x80)
		return u[0];
	if (u[0] >= 0xC2 && u[0] <= 0xDF)
		k = 2, r = u[0] & 0x1F;
	else if (u[0] >= 0xE0 && u[0] <= 0xEF)
		k = 3, r = u[0] & 0x0F;
	else if (u[0] >= 0xF0 && u[0] <= 0xF4)
		k = 4, r = u[0] & 0x07;
	else
		return 0xFFFD;
	if (n < k)
		return 0xFFFD;
	for (size_t i = 1; i < k; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0xFFFD;
		r = r << 6 | (u[i] & 0x3F);
	}
	if ((k == 3 && (r < 0x800 || (r >= 0xD800 && r <= 0xDFFF))) || (k == 4 && (r < 0x10000 || r > 0x10FFFF)))
		return 0xFFFD;
	*len = k;
	return r;
}

/* Go's path.getEsc: one class character; -1 for a bad pattern. */
static int go_get_esc(const char **chunk, size_t *n, unsigned long *r)
{
	const char *c = *chunk;
	size_t len = *n, k;

	if (len == 0 || c[0] == '-' || c[0] == ']')
		return -1;
	if (c[0] == '\\') {
		c++, len--;
		if (len == 0)
			return -1;
	}
	*r = go_rune(c, len, &k);
	if (*r == 0xFFFD && k == 1 && (unsigned char)c[0] >= 0x80)
		return -1;
	c += k, len -= k;
	if (len == 0)
		return -1;
	*chunk = c, *n = len;
	return 0;
}

/* Go's path.matchChunk: 1 and *rest when chunk matches a prefix of s, 0 when not,
 * -1 for a bad pattern (checked to the chunk's end even after a mismatch). */
static int go_match_chunk(const char *chunk, size_t cn, const char *s, size_t sn, size_t *rest)
{
	bool failed = false;
	size_t k;

	while (cn > 0) {
		if (!failed && sn == 0)
			failed = true;
		if (chunk[0] == '[') {
			unsigned long r = 0, lo, hi;
			if (!failed) {
				r = go_rune(s, sn, &k);
				s += k, sn -= k;
			}
			chunk++, cn--;
			bool negated = false, match = false;
			if (cn > 0 && chunk[0] == '^')
				negated = true, chunk++, cn--;
			for (int nrange = 0;; nrange++) {
				if (cn > 0 && chunk[0] == ']' && nrange > 0) {
					chunk++, cn--;
					break;
				}
				if (go_get_esc(&chunk, &cn, &lo) < 0)
					return -1;
				hi = lo;
				if (chunk[0] == '-') {
					chunk++, cn--;
					if (go_get_esc(&chunk, &cn, &hi) < 0)
						return -1;
				}
				if (lo <= r && r <= hi)
					match = true;
			}
			if (match == negated)
				failed = true;
		} else if (chunk[0] == '?') {
			if (!failed) {
				if (s[0] == '/')
					failed = true;
				go_rune(s, sn, &k);
				s += k, sn -= k;
			}
			chunk++, cn--;
		} else {
			if (chunk[0] == '\\') {
				chunk++, cn--;
				if (cn == 0)
					return -1;
			}
			if (!failed) {
				if (chunk[0] != s[0])
					failed = true;
				s++, sn--;
			}
			chunk++, cn--;
		}
	}
	if (failed)
		return 0;
	*rest = sn;
	return 1;
}

/* Go's path.scanChunk. */
static void go_scan_chunk(const char **pat, size_t *pn, bool *star, const char **chunk, size_t *cn)
{
	const char *p = *pat;
	size_t n = *pn, i;
	bool inrange = false;

	*star = false;
	while (n > 0 && p[0] == '*')
		p++, n--, *star = true;
	for (i = 0; i < n; i++) {
		if (p[i] == '\\') {
			if (i + 1 < n)
				i++;
		} else if (p[i] == '[') {
			inrange = true;
		} else if (p[i] == ']') {
			inrange = false;
		} else if (p[i] == '*' && !inrange) {
			break;
		}
	}
	*chunk = p, *cn = i;
	*pat = p + i, *pn = n - i;
}

int precheck_path_match(const char *pattern, const char *name)
{
	const char *pat = pattern, *chunk;
	size_t pn = strlen(pattern), nn = strlen(name), cn, t;
	bool star;
	int ok;

next:
	while (pn > 0) {
		go_scan_chunk(&pat, &pn, &star, &chunk, &cn);
		if (star && cn == 0)
			return memchr(name, '/', nn) == NULL;
		ok = go_match_chunk(chunk, cn, name, nn, &t);
		if (ok == 1 && (t == 0 || pn > 0)) {
			name += nn - t, nn = t;
			continue;
		}
		if (ok < 0)
			return -1;
		if (star) {
			for (size_t i = 0; i < nn && name[i] != '/'; i++) {
				ok = go_match_chunk(chunk, cn, name + i + 1, nn - i - 1, &t);
				if (ok == 1) {
					if (pn == 0 && t > 0)
						continue;
					name += nn - t, nn = t;
					goto next;
				}
				if (ok < 0)
					return -1;
			}
		}
		while (pn > 0) {
			go_scan_chunk(&pat, &pn, &star, &chunk, &cn);
			if (go_match_chunk(chunk, cn, "", 0, &t) < 0)
				return -1;
		}
		return 0;
	}
	return nn == 0;
}

char *precheck_path_clean(const char *p)
{
	size_t n = strlen(p);
	bool rooted = n > 0 && p[0] == '/';
	char *out = xmalloc(n + 2);
	size_t w = 0, r = 0, dotdot = 0;

	if (n == 0) {
		free(out);
		return xstrdup(".");
	}
	if (rooted)
		out[w++] = '/', r = 1, dotdot = 1;
	while (r < n) {
		if (p[r] == '/') {
			r++;
		} else if (p[r] == '.' && (r + 1 == n || p[r + 1] == '/')) {
			r++;
		} else if (p[r] == '.' && p[r + 1] == '.' && (r + 2 == n || p[r + 2] == '/')) {
			r += 2;
			if (w > dotdot) {
				w--;
				while (w > dotdot && out[w] != '/')
					w--;
			} else if (!rooted) {
				if (w > 0)
					out[w++] = '/';
				out[w++] = '.', out[w++] = '.';
				dotdot = w;
			}
		} else {
			if ((rooted && w != 1) || (!rooted && w != 0))
				out[w++] = '/';
			while (r < n && p[r] != '/')
				out[w++] = p[r++];
		}
	}
	if (w == 0)
		out[w++] = '.';
	out[w] = '\0';
	return out;
}

struct finder {
	const struct inv *inv;
	const struct inv_obj **all;  /* every object */
	size_t n_all;
	const struct inv_obj **out;  /* what the walk found */
	size_t n, cap;
	char *err;                   /* the finder's own error, or NULL */
};

static void finder_push(struct finder *f, const struct inv_obj *o)
{
	xgrow(&f->out, &f->cap, f->n + 1, sizeof *f->out);
	f->out[f->n++] = o;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* Is o a child of the object at path parent ("" for the root folder)? */
static bool child_of(const struct inv_obj *o, const char *parent)
{
	size_t n = strlen(parent);
	return o->path && strncmp(o->path, parent, n) == 0 && o->path[n] == '/' &&
	       !strchr(o->path + n + 1, '/');
}

static bool finder_traversable(const struct inv_obj *o)
{
	return !o || o->kind == INV_FOLDER || o->kind == INV_DATACENTER || o->kind == INV_COMPUTE ||
	       o->kind == INV_POOL || o->kind == INV_HOST;
}

/* govmomi's recurser.List from root (NULL with root_path "": the root folder). */
static void finder_walk(struct finder *f, const struct inv_obj *root, const char *root_path,
			char **parts, size_t np)
{
	if (np == 0) {
		if (root)
			finder_push(f, root);
		return;
	}
	if (!finder_traversable(root)) {
		f->err = xasprintf("cannot traverse type %s", root->type ? root->type : "?");
		return;
	}
	struct strv rest = {0};
	for (size_t i = 0; i < np; i++)
		strv_push(&rest, parts[i]);
	char *joined = strv_join(&rest, "/");
	char *suffix = xasprintf("/%s", joined);
	free(joined);
	strv_free(&rest);
	for (size_t i = 0; i < f->n_all && !f->err; i++) {
		const struct inv_obj *o = f->all[i];
		if (!child_of(o, root_path))
			continue;
		int m = precheck_path_match(parts[0], base_name(o->path));
		if (m < 0) {
			f->err = xstrdup("syntax error in pattern");
			break;
		}
		if (!m) {
			size_t pl = strlen(o->path), sl = strlen(suffix);
			if (pl >= sl && strcmp(o->path + pl - sl, suffix) == 0)
				finder_push(f, o); /* a name with "/" in it */
			continue;
		}
		finder_walk(f, o, o->path, parts + 1, np - 1);
	}
	free(suffix);
}

static void all_push(struct finder *f, size_t *cap, const struct inv_obj *o)
{
	xgrow(&f->all, cap, f->n_all + 1, sizeof *f->all);
	f->all[f->n_all++] = o;
}

int precheck_find(const struct inv *inv, const struct inv_obj *dc, const char *what,
		  const struct inv_obj ***out, char **err)
{
	struct finder f = {.inv = inv};
	size_t cap = 0;
	char *netfolder = xasprintf("%s/network", dc && dc->path ? dc->path : "");

	*out = NULL;
	*err = NULL;
#define ALL(a, n) for (size_t i = 0; i < inv->n; i++) all_push(&f, &cap, &inv->a[i].o)
	ALL(folders, n_folders);
	ALL(datacenters, n_datacenters);
	ALL(computes, n_computes);
	ALL(pools, n_pools);
	ALL(hosts, n_hosts);
	ALL(datastores, n_datastores);
#undef ALL
	/* the network folder's children in vCenter's order, as far as it can be told: the
	 * standard networks come with the hosts, a switch before its port groups (the
	 * order decides which type a "cannot traverse" error names) */
	for (size_t i = 0; i < inv->n_networks; i++)
		if (inv->networks[i].net_kind == INV_NET_STANDARD)
			all_push(&f, &cap, &inv->networks[i].o);
	for (size_t i = 0; i < inv->n_switches; i++)
		all_push(&f, &cap, &inv->switches[i].o);
	for (size_t i = 0; i < inv->n_networks; i++)
		if (inv->networks[i].net_kind != INV_NET_STANDARD)
			all_push(&f, &cap, &inv->networks[i].o);
	if (!strchr(what, '/')) {
		/* a pattern on the name of everything below the network folder */
		size_t nl = strlen(netfolder);
		for (size_t i = 0; i < f.n_all; i++) {
			const struct inv_obj *o = f.all[i];
			if (!o->path || strncmp(o->path, netfolder, nl) != 0 || o->path[nl] != '/')
				continue;
			int m = precheck_path_match(what, o->name ? o->name : "");
			if (m < 0) {
				f.err = xstrdup("syntax error in pattern");
				break;
			}
			if (m)
				finder_push(&f, o);
		}
	} else {
		char *clean = precheck_path_clean(what);
		struct strv parts = {0};
		const struct inv_obj *root = NULL;
		const char *root_path = "";
		char *rel = NULL;
		if (clean[0] != '/' && clean[0] != '.') {
			rel = xasprintf("./%s", clean);
			free(clean);
			clean = rel;
		}
		if (strcmp(clean, "/") != 0) {
			char *save = NULL, *dup = xstrdup(clean[0] == '/' ? clean + 1 : clean);
			/* strtok_r would drop empty elements, which Clean has removed already */
			for (char *t = strtok_r(dup, "/", &save); t; t = strtok_r(NULL, "/", &save))
				strv_push(&parts, t);
			free(dup);
		}
		size_t skip = 0;
		if (parts.n > 0 && strcmp(parts.v[0], "..") == 0) {
			f.err = xstrdup("cannot traverse up a tree");
		} else if (parts.n > 0 && strcmp(parts.v[0], ".") == 0) {
			skip = 1;
			root_path = netfolder;
			for (size_t i = 0; i < inv->n_folders; i++)
				if (str_eq(inv->folders[i].o.path, netfolder))
					root = &inv->folders[i].o;
			if (!root)
				parts.n = skip = 0; /* no network folder: nothing to find */
		}
		if (!f.err && (root || root_path[0] == '\0'))
			finder_walk(&f, root, root_path, parts.v + skip, parts.n - skip);
		strv_free(&parts);
		free(clean);
	}
	free(netfolder);
	free(f.all);
	if (f.err) {
		free(f.out);
		*err = f.err;
		return -1;
	}
	/* NetworkList keeps networks and switches */
	size_t k = 0;
	for (size_t i = 0; i < f.n; i++)
		if (f.out[i]->kind == INV_NETWORK || f.out[i]->kind == INV_SWITCH)
			f.out[k++] = f.out[i];
	if (k == 0) {
		free(f.out);
		f.out = NULL;
	}
	*out = f.out;
	return (int)k;
}

char *precheck_escape_name(const char *name)
{
	size_t n = 0;
	for (const char *s = name; *s; s++)
		n += strchr("*?[]\\", *s) ? 2 : 1;
	char *out = xmalloc(n + 1), *w = out;
	for (const char *s = name; *s; s++) {
		if (strchr("*?[]\\", *s))
			*w++ = '\\';
		*w++ = *s;
	}
	*w = '\0';
	return out;
}

/* One port group reference of the plan. */
struct ref {
	const char *text;       /* as written */
	char *key;              /* plan key path of the port group */
	char *id_key;           /* plan key path of the recorded id, or NULL */
	const char *id;         /* recorded id, or NULL */
	enum { REF_PUBLIC, REF_CLIENT, REF_MANAGEMENT, REF_BRIDGE, REF_CONTAINER } role;
	const char *alias;      /* container: alias (or port group) */
	bool defaulted;         /* a role that takes its port group from another one */
	const struct inv_network *net; /* resolved, or NULL */
	const struct inv_obj *sw;      /* resolved to a distributed switch, or NULL */
};

static const char *role_flag(int role)
{
	switch (role) {
	case REF_PUBLIC: return "--public-network";
	case REF_CLIENT: return "--client-network";
	case REF_MANAGEMENT: return "--management-network";
	case REF_BRIDGE: return "--bridge-network";
	default: return "--container-network";
	}
}

static const char *role_word(int role)
{
	switch (role) {
	case REF_PUBLIC: return "public";
	case REF_CLIENT: return "client";
	case REF_MANAGEMENT: return "management";
	case REF_BRIDGE: return "bridge";
	default: return "container";
	}
}

/* vic-machine's issue text for a failed lookup or type check of this role. */
static char *vic_issue(const struct ref *r, bool vcenter, const char *inner)
{
	if (r->role == REF_BRIDGE && (vcenter || !strstr(inner, "not found")))
		return xasprintf("An existing distributed port group or opaque network must be "
				 "specified for bridge network on vCenter: %s", inner);
	if (r->role == REF_CONTAINER)
		return xasprintf("Error adding container network \"%s\": %s", r->alias, inner);
	return xasprintf("Error checking network for %s: %s", role_flag(r->role), inner);
}

/* Would this network do for the role? (the candidates offered after a failed lookup) */
static bool fits(const struct ref *r, const struct inv_network *n, bool vcenter)
{
	if (n->uplink)
		return false;
	if (r->role != REF_BRIDGE && str_eq(n->o.name, "bridge"))
		return false;
	if (vcenter && (r->role == REF_BRIDGE || r->role == REF_CONTAINER))
		return n->net_kind != INV_NET_STANDARD;
	return true;
}

static const char *switch_name(const struct inv *inv, const struct inv_network *n)
{
	const struct inv_obj *o = n->switch_id ? inv_find_id(inv, n->switch_id) : NULL;
	return o ? o->name : NULL;
}

static char *candidates(const struct inv *inv, const struct inv_obj *dc, const struct ref *r,
			bool vcenter)
{
	struct strv l = {0};
	size_t total = 0;
	for (size_t i = 0; i < inv->n_networks; i++) {
		const struct inv_network *n = &inv->networks[i];
		if (!in_dc(&n->o, dc) || !fits(r, n, vcenter))
			continue;
		if (++total > 12)
			continue;
		/* the full path only where the name alone is ambiguous, and the switch where
		 * even the path is */
		const struct inv_network **m = NULL;
		size_t same = precheck_resolve(inv, dc, n->o.name, &m);
		free(m);
		size_t same_path = precheck_resolve(inv, dc, n->o.path, &m);
		free(m);
		const char *sw = switch_name(inv, n);
		if (same_path > 1)
			strv_push_owned(&l, xasprintf("\"%s\" (on %s)", n->o.path, sw ? sw : n->o.id));
		else
			strv_push_owned(&l, xasprintf("\"%s\"", same > 1 ? n->o.path : n->o.name));
	}
	char *s;
	if (l.n == 0) {
		s = xasprintf("no network in this datacenter fits the %s role%s", role_word(r->role),
			      vcenter && (r->role == REF_BRIDGE || r->role == REF_CONTAINER)
				      ? " (it needs a distributed port group or an NSX network)" : "");
	} else {
		char *j = strv_join(&l, ", ");
		char *more = total > 12 ? xasprintf(" and %zu more", total - 12) : xstrdup("");
		s = xasprintf("networks that fit the %s role: %s%s", role_word(r->role), j, more);
		free(more);
		free(j);
	}
	strv_free(&l);
	return s;
}

static char *describe(const struct inv *inv, const struct inv_network *n)
{
	const char *sw = switch_name(inv, n);
	return xasprintf("%s (%s%s%s, id %s)", n->o.path, inv_net_kind_name(n->net_kind),
			 sw ? " on " : "", sw ? sw : "", n->o.id);
}

struct ctx {
	const struct inv *inv;
	const struct plan *p;
	const struct precheck_target *t;
	bool vcenter;
	struct findings *f;
	int errors;
};

static bool finder_syntax(const char *text)
{
	return strpbrk(text, "*?[\\") || (strchr(text, '/') && text[0] != '/') ||
	       strstr(text, "//") || strstr(text, "/.") ||
	       (text[0] && text[strlen(text) - 1] == '/');
}

static void resolve_ref(struct ctx *c, struct ref *r)
{
	const struct inv *inv = c->inv;
	const struct inv_obj **m = NULL;
	char *ferr = NULL;
	int n = precheck_find(inv, c->t->dc, r->text, &m, &ferr);
	if (n < 0) {
		char *msg = vic_issue(r, c->vcenter, ferr);
		char *cand = candidates(inv, c->t->dc, r, c->vcenter);
		char *hint = xasprintf("vic-machine reads \"%s\" as a path of patterns (* ? [...] \\); "
				       "write the name with \\ before * ? [ ] and \\ to mean the "
				       "characters themselves; %s", r->text, cand);
		findings_add(c->f, FINDING_ERROR, "pg-pattern", r->key, true, hint, "%s", msg);
		c->errors++;
		free(msg);
		free(cand);
		free(hint);
		free(ferr);
		return;
	}
	if (n == 1 && m[0]->kind == INV_SWITCH) {
		r->sw = m[0];
		free(m);
		return;
	}
	if (n == 1) {
		r->net = (const struct inv_network *)m[0];
		char *literal = precheck_escape_name(r->net->o.name ? r->net->o.name : "");
		bool plain = str_eq(r->text, literal); /* the name, escaped: no pattern */
		free(literal);
		if (!r->defaulted && !plain && finder_syntax(r->text) &&
		    !str_eq(r->text, r->net->o.path) && !str_eq(r->text, r->net->o.name))
			findings_add(c->f, FINDING_WARNING, "pg-pattern", r->key, false,
				     "write the port group's name (with \\ before * ? [ ] \\) or its full "
				     "path, so that a new network cannot change what it means",
				     "\"%s\" is read by vic-machine's finder as a pattern or relative "
				     "path: it resolves to %s", r->text, r->net->o.path);
		free(m);
		return;
	}
	if (n > 1) {
		struct strv l = {0};
		for (int i = 0; i < n; i++)
			strv_push_owned(&l, m[i]->kind == INV_NETWORK
				? describe(inv, (const struct inv_network *)m[i])
				: xasprintf("%s (distributed switch, id %s)", m[i]->path, m[i]->id));
		char *all = strv_join(&l, "; ");
		bool same_path = true;
		for (int i = 1; i < n; i++)
			same_path = same_path && str_eq(m[i]->path, m[0]->path);
		char *inner = xasprintf("ambiguous network %s", r->text);
		char *msg = vic_issue(r, c->vcenter, inner);
		char *hint = xasprintf("\"%s\" matches %d networks: %s; %s", r->text, n, all,
				       same_path ? "they even share the inventory path, so rename one "
						   "of them in vCenter"
				       : finder_syntax(r->text)
					       ? "vic-machine reads * ? [...] as patterns: write the "
						 "inventory path of the one you mean, with \\ before "
						 "* ? [ ] \\"
					       : "write the inventory path of the one you mean");
		findings_add(c->f, FINDING_ERROR, "pg-ambiguous", r->key, true, hint, "%s", msg);
		c->errors++;
		free(inner);
		free(msg);
		free(hint);
		free(all);
		strv_free(&l);
		free(m);
		return;
	}
	free(m);

	/* not found */
	if (r->role == REF_BRIDGE && c->p->bridge.create) {
		/* deploy creates it on the named switch: that switch must exist */
		const char *sw = c->p->bridge.create_switch;
		if (nz(sw) && !inv_find(inv, INV_SWITCH, sw, c->t->dc->id)) {
			findings_add(c->f, FINDING_ERROR, "bridge-switch-not-found",
				     "networks.bridge.create.switch", false,
				     "name an existing distributed switch (see 'vchnet inventory')",
				     "the bridge port group \"%s\" does not exist (vic-machine: An existing "
				     "distributed port group or opaque network must be specified for bridge "
				     "network on vCenter: network '%s' not found) and is to be created, "
				     "but %s", r->text, r->text, err_msg());
			c->errors++;
		}
		return;
	}
	if (r->role == REF_BRIDGE && !c->vcenter) {
		findings_add(c->f, FINDING_WARNING, "bridge-will-be-created", r->key, false,
			     "create the port group yourself if it must have uplinks or a VLAN",
			     "the bridge network \"%s\" does not exist on this ESXi host: vic-machine "
			     "will create a vSwitch and a port group of that name (1024 ports, VLAN 1, "
			     "no uplinks)", r->text);
		return;
	}
	char *inner = xasprintf("network '%s' not found", r->text);
	char *msg = vic_issue(r, c->vcenter, inner);
	char *cand = candidates(inv, c->t->dc, r, c->vcenter);
	findings_add(c->f, FINDING_ERROR, "pg-not-found", r->key, true, cand, "%s", msg);
	c->errors++;
	free(inner);
	free(msg);
	free(cand);
	/* the recorded id tells what became of it */
	if (nz(r->id)) {
		const struct inv_obj *o = inv_find_id(inv, r->id);
		if (o && o->kind == INV_NETWORK)
			findings_add(c->f, FINDING_WARNING, "pg-renamed", r->id_key, false,
				     "use the new name (or path) in the plan",
				     "the port group recorded as %s is now named \"%s\" (%s): it was "
				     "renamed", r->id, o->name, o->path);
		else
			findings_add(c->f, FINDING_WARNING, "pg-replaced", r->id_key, false,
				     "choose the port group again (the wizard records the new id)",
				     "the port group recorded as %s no longer exists: it was removed "
				     "or replaced", r->id);
	}
}

static void check_ref(struct ctx *c, struct ref *r)
{
	const struct inv *inv = c->inv;
	const struct inv_network *n = r->net;

	if (nz(r->id) && !str_eq(r->id, n->o.id)) {
		const struct inv_obj *o = inv_find_id(inv, r->id);
		char *then = o && o->kind == INV_NETWORK
			? xasprintf("%s is now \"%s\" (%s)", r->id, o->name, o->path)
			: xasprintf("%s no longer exists", r->id);
		findings_add(c->f, FINDING_WARNING, "pg-id-changed", r->id_key, false,
			     "check that it is the port group you mean, then choose it again in the "
			     "wizard (or update the id)",
			     "\"%s\" is now %s, but the plan recorded %s: the port group was renamed "
			     "or replaced (%s)", r->text, n->o.id, r->id, then);
		free(then);
	}

	if (n->uplink) {
		const char *sw = switch_name(inv, n);
		findings_add(c->f, FINDING_ERROR, "pg-uplink", r->key, false,
			     findings_hint(FINDINGS_HINT_UPLINK),
			     "\"%s\" is the uplink port group of distributed switch %s: it carries the "
			     "hosts' physical uplinks, not VM traffic, so the %s network would not "
			     "work (vic-machine accepts it all the same)", r->text, sw ? sw : "?",
			     role_word(r->role));
		c->errors++;
		return;
	}

	bool strict = r->role == REF_BRIDGE || r->role == REF_CONTAINER;
	if (c->vcenter && strict && n->net_kind == INV_NET_STANDARD) {
		char *inner = xasprintf("\"%s\" is not a Distributed Port Group or an Opaque Network",
					r->text);
		char *msg = vic_issue(r, true, inner);
		char *cand = candidates(inv, c->t->dc, r, true);
		char *hint = xasprintf("on vCenter the %s network must be a distributed port group "
				       "or an NSX network: %s", role_word(r->role), cand);
		findings_add(c->f, FINDING_ERROR, "pg-type", r->key, true, hint, "%s", msg);
		c->errors++;
		free(inner);
		free(msg);
		free(cand);
		free(hint);
		return;
	}

	/* host membership, on vCenter (vic-machine checks bridge and container networks) */
	if (!c->vcenter)
		return;
	if (!c->t->compute) {
		if (strict) {
			findings_add(c->f, FINDING_ERROR, "pg-hosts-unchecked", r->key, true,
				     "fix target.computeResource first",
				     "Unable to check hosts in vDS or Opaque Network for \"%s\": Invalid "
				     "cluster. Check --compute-resource", r->text);
			c->errors++;
		}
		return;
	}
	struct strv missing = {0};
	const struct inv_compute *cr = c->t->compute;
	for (size_t i = 0; i < cr->hosts.n; i++) {
		if (strv_contains(&n->hosts, cr->hosts.v[i]))
			continue;
		const struct inv_obj *h = inv_find_id(inv, cr->hosts.v[i]);
		strv_push(&missing, h && h->path ? h->path : cr->hosts.v[i]);
	}
	if (missing.n) {
		char *list = strv_join(&missing, " ");
		if (strict) {
			findings_add(c->f, FINDING_ERROR, "pg-hosts-missing", r->key, true,
				     findings_hint(FINDINGS_HINT_HOSTS_MISSING),
				     "All cluster hosts must be in the vDS or Opaque Network. \"%s\" is "
				     "missing hosts: [%s]", r->text, list);
			c->errors++;
		} else {
			char *names = NULL;
			struct strv nm = {0};
			for (size_t i = 0; i < missing.n; i++) {
				const char *s = strrchr(missing.v[i], '/');
				strv_push(&nm, s ? s + 1 : missing.v[i]);
			}
			names = strv_join(&nm, ", ");
			findings_add(c->f, FINDING_WARNING, "pg-hosts-missing", r->key, false,
				     "attach every host of the compute resource to it, or keep the VCH "
				     "off those hosts (DRS rules)",
				     "%zu of %zu hosts of %s are not attached to the %s network \"%s\" "
				     "(%s): a VCH running there would lose that network (vic-machine "
				     "does not check this)", missing.n, cr->hosts.n, cr->o.name,
				     role_word(r->role), r->text, names);
			free(names);
			strv_free(&nm);
		}
		free(list);
	}
	strv_free(&missing);
}

/* A name that found a distributed switch: vic-machine's finder counts switches as
 * networks. */
static void check_switch(struct ctx *c, struct ref *r)
{
	if (c->vcenter && (r->role == REF_BRIDGE || r->role == REF_CONTAINER)) {
		char *inner = xasprintf("\"%s\" is not a Distributed Port Group or an Opaque Network",
					r->text);
		char *msg = vic_issue(r, true, inner);
		char *cand = candidates(c->inv, c->t->dc, r, true);
		findings_add(c->f, FINDING_ERROR, "pg-type", r->key, true, cand, "%s", msg);
		c->errors++;
		free(inner);
		free(msg);
		free(cand);
		return;
	}
	findings_add(c->f, FINDING_ERROR, "pg-switch", r->key, false,
		     "choose one of the switch's port groups",
		     "\"%s\" is the distributed switch %s, not a port group: vic-machine would "
		     "accept the plan (its lookup counts switches as networks), but its create then "
		     "fails to attach the %s network (\"Failed to get network backing info\")",
		     r->text, r->sw->path, role_word(r->role));
	c->errors++;
}

/* Public, client and management on a standard port group of vCenter: vic-machine
 * accepts it, but a standard port group exists on each host separately, not in vCenter,
 * so the endpoint VM cannot be moved with vMotion (VIC's network requirements). One
 * warning per port group, on the first role written in the plan (or public, when every
 * role takes vic-machine's default "VM Network"). */
static void check_vmotion(struct ctx *c, struct ref *refs, size_t n)
{
	if (!c->vcenter)
		return;
	for (size_t i = 0; i < n; i++) {
		const struct inv_network *net = refs[i].net;
		if (!net || net->uplink || net->net_kind != INV_NET_STANDARD ||
		    refs[i].role == REF_BRIDGE || refs[i].role == REF_CONTAINER)
			continue;
		bool seen = false;
		for (size_t k = 0; k < i && !seen; k++)
			seen = refs[k].net == net && refs[k].role != REF_BRIDGE &&
			       refs[k].role != REF_CONTAINER;
		if (seen)
			continue;
		/* the roles on it, and the key the plan writes it at */
		struct strv roles = {0};
		const struct ref *at = NULL;
		for (size_t k = i; k < n; k++) {
			if (refs[k].net != net || refs[k].role == REF_BRIDGE ||
			    refs[k].role == REF_CONTAINER)
				continue;
			strv_push(&roles, role_word(refs[k].role));
			if (!at && !refs[k].defaulted)
				at = &refs[k];
		}
		if (!at)
			at = &refs[i];
		char *list = roles.n == 1 ? xstrdup(roles.v[0])
			   : roles.n == 2 ? xasprintf("%s and %s", roles.v[0], roles.v[1])
					  : xasprintf("%s, %s and %s", roles.v[0], roles.v[1], roles.v[2]);
		char *what = roles.n == 1 ? xasprintf("the %s network \"%s\" is", list, at->text)
					  : xasprintf("the %s networks are on \"%s\",", list, at->text);
		findings_add(c->f, FINDING_WARNING, "pg-standard-vmotion", at->key, false,
			     findings_hint(FINDINGS_HINT_VMOTION),
			     "%s a standard port group: it keeps the VCH's endpoint VM from being "
			     "moved with vMotion, since a standard port group is set up host by host, "
			     "not once in vCenter (vic-machine does not check this)",
			     what);
		free(what);
		free(list);
		strv_free(&roles);
	}
}

/* Volume stores on datastores (nfs:// ones are mounted by the VCH, not checked here):
 * the datastore must exist in the datacenter, as vic-machine checks. */
static void check_volume_stores(struct ctx *c)
{
	const struct strv *vs = &c->p->target.volume_stores;
	for (size_t i = 0; i < vs->n; i++) {
		const char *colon = strrchr(vs->v[i], ':');
		if (!colon || colon == vs->v[i] || strncmp(vs->v[i], "nfs://", 6) == 0)
			continue; /* the rules judge its form */
		char *raw = xstrndup(vs->v[i], (size_t)(colon - vs->v[i]));
		char *name = datastore_name(raw);
		size_t found = 0;
		for (size_t k = 0; k < c->inv->n_datastores; k++) {
			const struct inv_obj *o = &c->inv->datastores[k].o;
			if (in_dc(o, c->t->dc) && precheck_path_match(name, o->name ? o->name : "") == 1)
				found++;
		}
		if (found == 0 && name[0]) {
			char *key = xasprintf("target.volumeStores[%zu]", i);
			findings_add(c->f, FINDING_ERROR, "volume-store-not-found", key, true,
				     "name a datastore of the datacenter (see 'vchnet inventory'); names "
				     "are case-sensitive",
				     "datastore '%s' not found", name);
			c->errors++;
			free(key);
		}
		free(name);
		free(raw);
	}
}

/* The same network written two ways: vic-machine compares the text. */
static void check_spelling(struct ctx *c, struct ref *refs, size_t n)
{
	for (size_t j = 1; j < n; j++) {
		if (!refs[j].net || refs[j].defaulted)
			continue;
		for (size_t i = 0; i < j; i++) {
			if (refs[i].defaulted || refs[i].net != refs[j].net || str_eq(refs[i].text, refs[j].text))
				continue;
			bool bridge = refs[i].role == REF_BRIDGE || refs[j].role == REF_BRIDGE;
			bool both_cn = refs[i].role == REF_CONTAINER && refs[j].role == REF_CONTAINER;
			bool cn_pair = refs[i].role == REF_CONTAINER || refs[j].role == REF_CONTAINER;
			/* a container network may use public's or management's port group */
			if (cn_pair && !bridge && !both_cn)
				continue;
			const char *what = bridge
				? "the bridge network must not be shared with another role, and "
				  "vic-machine compares the text, so it would not notice"
				: both_cn ? "two container networks on one port group"
				: "vic-machine compares the text, so it would not see that these roles "
				  "share a NIC (static IP and gateway rules of shared port groups would be "
				  "skipped)";
			findings_add(c->f, FINDING_ERROR, "pg-spelling", refs[j].key, false,
				     bridge ? findings_hint(FINDINGS_HINT_BRIDGE_OWN)
					    : "write the port group the same way in every role",
				     "%s \"%s\" and %s \"%s\" are the same port group (%s) written two "
				     "ways: vic-machine would accept the plan, but %s", refs[j].key, refs[j].text, refs[i].key, refs[i].text,
				     refs[j].net->o.path, what);
			c->errors++;
			break;
		}
	}
}

int precheck_run(const struct inv *inv, const struct plan *p, struct findings *out)
{
	struct precheck_target t;
	struct ctx c = {.inv = inv, .p = p, .t = &t, .f = out};
	/* a standalone ESXi (HostAgent) takes any network type; so does the inventory of
	 * unknown origin, where vCenter is the safer assumption */
	c.vcenter = !str_eq(inv->api_type, "HostAgent");
	size_t before = findings_count(out, FINDING_ERROR);
	precheck_target(inv, p, &t, out);
	if (!t.dc)
		return (int)(findings_count(out, FINDING_ERROR) - before);

	size_t n = 0;
	struct ref *refs = xcalloc(4 + p->n_containers, sizeof *refs);
	if (nz(p->bridge.port_group))
		refs[n++] = (struct ref){.text = p->bridge.port_group, .role = REF_BRIDGE,
					 .key = xstrdup("networks.bridge.portGroup"),
					 .id_key = xstrdup("networks.bridge.id"), .id = p->bridge.id};
	else if (nz(p->name))
		/* vic-machine's default: the VCH's name */
		refs[n++] = (struct ref){.text = p->name, .role = REF_BRIDGE, .defaulted = true,
					 .key = xstrdup("networks.bridge.portGroup")};
	static const struct { enum plan_role pr; int role; const char *name; } roles[] = {
		{PLAN_ROLE_PUBLIC, REF_PUBLIC, "public"},
		{PLAN_ROLE_CLIENT, REF_CLIENT, "client"},
		{PLAN_ROLE_MANAGEMENT, REF_MANAGEMENT, "management"},
	};
	for (size_t i = 0; i < 3; i++) {
		const struct plan_role_net *rn = plan_role_const(p, roles[i].pr);
		const char *eff = plan_effective_port_group(p, roles[i].pr);
		if (!nz(eff))
			eff = "VM Network"; /* vic-machine's default for public, and so the others' */
		struct ref *r = &refs[n++];
		r->text = eff;
		r->role = roles[i].role;
		r->key = xasprintf("networks.%s.portGroup", roles[i].name);
		if (!nz(rn->port_group)) {
			/* defaulted: vic-machine looks it up (and reports it) once per role */
			r->defaulted = true;
			continue;
		}
		r->id_key = xasprintf("networks.%s.id", roles[i].name);
		r->id = rn->id;
	}
	for (size_t i = 0; i < p->n_containers; i++) {
		const struct plan_container_net *cn = &p->containers[i];
		if (!nz(cn->port_group))
			continue;
		struct ref *r = &refs[n++];
		r->text = cn->port_group;
		r->role = REF_CONTAINER;
		r->alias = nz(cn->alias) ? cn->alias : cn->port_group;
		r->key = xasprintf("networks.container[%zu].portGroup", i);
	}
	for (size_t i = 0; i < n; i++) {
		resolve_ref(&c, &refs[i]);
		if (refs[i].defaulted)
			continue;
		if (refs[i].net)
			check_ref(&c, &refs[i]);
		else if (refs[i].sw)
			check_switch(&c, &refs[i]);
	}
	check_spelling(&c, refs, n);
	check_vmotion(&c, refs, n);
	check_volume_stores(&c);
	if (!t.compute && c.vcenter)
		findings_add(out, FINDING_ERROR, "compute-checks-skipped", "target.computeResource",
			     true, "fix target.computeResource first",
			     "vCenter settings check SKIPPED; Set vCenter settings SKIPPED; Firewall "
			     "check SKIPPED; License check SKIPPED; DRS check SKIPPED; Compatibility "
			     "check SKIPPED (cluster not set)");
	inuse_check(inv, p, t.dc, out); /* what already uses the plan's networks */
	for (size_t i = 0; i < n; i++) {
		free(refs[i].key);
		free(refs[i].id_key);
	}
	free(refs);
	return (int)(findings_count(out, FINDING_ERROR) - before);
}

int precheck_live(const struct inv *inv, const struct plan *p, struct findings *out,
		  struct fw_report *fw)
{
	int errors = precheck_run(inv, p, out);
	struct fw_report local;
	struct fw_report *r = fw ? fw : &local;
	if (firewall_check(inv, p, r) == 0) {
		errors += firewall_findings(r, out);
	} else {
		/* the missing target object itself was reported above: name it, once */
		const char *why = err_msg();
		if (strncmp(why, "firewall check: ", 16) == 0)
			why += 16;
		findings_add(out, FINDING_WARNING, "firewall-skipped", "target", false,
			     "fix the target first; then the host firewalls are checked too",
			     "Firewall check SKIPPED (the host firewalls were not checked): %s", why);
		firewall_report_free(r);
	}
	if (!fw)
		firewall_report_free(&local);
	return errors;
}

/* ---- CLI helper ---------------------------------------------------------------------- */

/* vsphere_free() that keeps the message of the failure it cleans up after (a logout may set
 * its own) */
static void free_keep_err(struct vsphere *vs)
{
	char *msg = xstrdup(err_msg());
	vsphere_free(vs);
	err_set("%s", msg);
	free(msg);
}

struct vsphere *precheck_login(struct conn *c, bool (*cancel)(void *arg), void *arg, int *code)
{
	struct vsphere *vs = vsphere_new(c);
	if (c->known_hosts_warning)
		fprintf(stderr, "vchnet: warning: %s\n", c->known_hosts_warning);
	if (cancel)
		vsphere_set_cancel(vs, cancel, arg);
	if (vsphere_connect(vs) < 0)
		goto fail;
	if (vsphere_trusted_by(vs) == VSPHERE_TRUST_INSECURE)
		fprintf(stderr,
			"vchnet: WARNING: --insecure: the certificate of %s was NOT verified "
			"(SHA-256 %s). Anyone on the network path could read the password and "
			"falsify the inventory.\n",
			san(c->host), vsphere_cert(vs) ? san(vsphere_cert(vs)->sha256) : "?");
	/* the password is read only once the server is trusted */
	if (conn_read_password(c, 0) < 0) {
		*code = EXIT_CONNECT;
		vsphere_free(vs);
		return NULL;
	}
	if (vsphere_login(vs, c->username, c->password) < 0)
		goto fail;
	return vs;
fail:
	*code = vsphere_status(vs) == VSPHERE_OK ? EXIT_PROBLEMS : vsphere_exit_code(vs);
	free_keep_err(vs);
	return NULL;
}

struct inv *precheck_open(struct conn *c, enum inv_scope scope, struct vsphere **keep,
			  bool (*cancel)(void *arg), int *code)
{
	if (keep)
		*keep = NULL;
	if (c->inventory) {
		struct inv *inv = inv_yaml_load(c->inventory);
		if (!inv)
			*code = EXIT_USAGE;
		return inv;
	}
	struct vsphere *vs = precheck_login(c, cancel, NULL, code);
	if (!vs)
		return NULL;
	struct inv *inv = inv_fetch(vs, keep != NULL, 0, scope);
	if (!inv) {
		*code = vsphere_status(vs) == VSPHERE_OK ? EXIT_PROBLEMS : vsphere_exit_code(vs);
		free_keep_err(vs);
		return NULL;
	}
	if (keep) {
		*keep = vs;
	} else {
		vsphere_logout(vs);
		vsphere_free(vs);
	}
	return inv;
}
