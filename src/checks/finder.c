/* finder: the plan's target objects and networks in an inventory (see finder.h). */
#include "finder.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "findings.h"
#include "goparse.h"
#include "inv.h"
#include "mem.h"
#include "plan.h"
#include "strv.h"

static bool nz(const char *s)
{
	return s && *s;
}

static bool str_eq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* ---- target objects ---------------------------------------------------------------- */

bool finder_in_dc(const struct inv_obj *o, const struct inv_obj *dc)
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
			if (goparse_path_match(want, inv->datacenters[i].o.name ? inv->datacenters[i].o.name : "") == 1)
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
			if (finder_in_dc(&inv->computes[i].o, dc)) {
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
			if (finder_in_dc(&inv->computes[i].o, dc) &&
			    goparse_path_match(want, inv->computes[i].o.name ? inv->computes[i].o.name : "") == 1)
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

char *finder_datastore_name(const char *image_store)
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
	char *name = finder_datastore_name(p->target.image_store);
	const struct inv_obj *o = inv_find(inv, INV_DATASTORE, name, dc->id);
	if (!o) {
		char *why = xstrdup(err_msg());
		err_set("image datastore \"%s\" not found: %s", name, why);
		free(why);
	}
	free(name);
	return (const struct inv_datastore *)o;
}

int finder_target(const struct inv *inv, const struct plan *p, struct finder_target *t,
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

size_t finder_resolve(const struct inv *inv, const struct inv_obj *dc, const char *what,
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
				: (str_eq(net->o.name, what) && finder_in_dc(&net->o, dc));
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

struct walk {
	const struct inv *inv;
	const struct inv_obj **all;  /* every object */
	size_t n_all;
	const struct inv_obj **out;  /* what the walk found */
	size_t n, cap;
	char *err;                   /* the finder's own error, or NULL */
};

static void walk_push(struct walk *f, const struct inv_obj *o)
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

static bool walk_traversable(const struct inv_obj *o)
{
	return !o || o->kind == INV_FOLDER || o->kind == INV_DATACENTER || o->kind == INV_COMPUTE ||
	       o->kind == INV_POOL || o->kind == INV_HOST;
}

/* govmomi's recurser.List from root (NULL with root_path "": the root folder). */
static void walk_tree(struct walk *f, const struct inv_obj *root, const char *root_path,
			char **parts, size_t np)
{
	if (np == 0) {
		if (root)
			walk_push(f, root);
		return;
	}
	if (!walk_traversable(root)) {
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
		int m = goparse_path_match(parts[0], base_name(o->path));
		if (m < 0) {
			f->err = xstrdup("syntax error in pattern");
			break;
		}
		if (!m) {
			size_t pl = strlen(o->path), sl = strlen(suffix);
			if (pl >= sl && strcmp(o->path + pl - sl, suffix) == 0)
				walk_push(f, o); /* a name with "/" in it */
			continue;
		}
		walk_tree(f, o, o->path, parts + 1, np - 1);
	}
	free(suffix);
}

static void all_push(struct walk *f, size_t *cap, const struct inv_obj *o)
{
	xgrow(&f->all, cap, f->n_all + 1, sizeof *f->all);
	f->all[f->n_all++] = o;
}

int finder_find(const struct inv *inv, const struct inv_obj *dc, const char *what,
		  const struct inv_obj ***out, char **err)
{
	struct walk f = {.inv = inv};
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
			int m = goparse_path_match(what, o->name ? o->name : "");
			if (m < 0) {
				f.err = xstrdup("syntax error in pattern");
				break;
			}
			if (m)
				walk_push(&f, o);
		}
	} else {
		char *clean = goparse_path_clean(what);
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
			walk_tree(&f, root, root_path, parts.v + skip, parts.n - skip);
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
