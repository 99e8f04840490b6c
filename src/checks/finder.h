/* finder: the plan's target objects and port groups in an inventory, found the way
 * vic-machine finds them (doc/vic-networking.md, "Finding objects by name").
 *
 * The live checks (precheck, firewall, inuse) all start here, so this module depends on
 * none of them. Works on any struct inv, live or from a snapshot; sends no request.
 *
 * Ownership: results borrow from the inventory (arrays of pointers are the caller's to
 * free, the objects are not). */
#ifndef VCHNET_FINDER_H
#define VCHNET_FINDER_H

#include <stdbool.h>
#include <stddef.h>

struct findings;
struct inv;
struct inv_compute;
struct inv_datastore;
struct inv_network;
struct inv_obj;
struct plan;

/* The target objects of a plan; NULL where not found. */
struct finder_target {
	const struct inv_obj *dc;
	const struct inv_compute *compute;
	const struct inv_datastore *datastore;
};

/* Finds the plan's datacenter (the only one when the plan names none), compute resource
 * (name, path, id, or a resource pool's path: its owner; the only one when none is
 * named) and image datastore (imageStore without "ds://" and without the folder part).
 * With f, each missing one is an error finding. Returns 0 when all three were found,
 * else -1 with err_set() about the first missing one. */
int finder_target(const struct inv *inv, const struct plan *p, struct finder_target *t,
		  struct findings *f);

/* Every network of datacenter dc (NULL: any) that what names: an inventory path
 * ("/DC0/network/folder/pg"), a path below the datacenter's network folder
 * ("folder/pg"), or a name. Appends the matches to *out (xgrow'n array, caller frees
 * *out) and returns their number. */
size_t finder_resolve(const struct inv *inv, const struct inv_obj *dc, const char *what,
		      const struct inv_network ***out);

/* The networks vic-machine's finder (govmomi Finder.NetworkList) finds for what, in
 * datacenter dc: a name without "/" is a Go path.Match pattern (* ? [...] \) on every
 * name below the datacenter's network folder; a name with "/" is cleaned and walked
 * from the root folder (absolute) or from the network folder (relative), each element
 * a pattern. Distributed switches count as networks. Returns the number of networks
 * and switches found (*out: xgrow'n array the caller frees, NULL when none), or -1 with
 * the finder's own error in *err ("syntax error in pattern", "cannot traverse up a
 * tree", "cannot traverse type T"; caller frees). */
int finder_find(const struct inv *inv, const struct inv_obj *dc, const char *what,
		const struct inv_obj ***out, char **err);

/* Whether o belongs to datacenter dc (NULL: any). */
bool finder_in_dc(const struct inv_obj *o, const struct inv_obj *dc);

/* The datastore part of imageStore: "ds://name/folder" and "name/folder" give "name".
 * Caller frees. */
char *finder_datastore_name(const char *image_store);

#endif
