/* precheck: the live pre-checks of a plan against the inventory (vic-networking.md
 * sections 2.5, 3 and 4): what vic-machine create's validation phase would say, and
 * more, before anything is deployed.
 *
 *   - the datacenter, the compute resource and the image datastore exist;
 *   - every port group of the plan resolves to exactly one network of the datacenter,
 *     by name or inventory path (not found: vic-machine's message and the networks that
 *     would fit that role; ambiguous: every match); one port group written two ways is
 *     found, because vic-machine compares the text and would miss a shared NIC or a
 *     shared bridge;
 *   - on vCenter the bridge and the container networks are distributed port groups or
 *     NSX networks; on a standalone ESXi any type; a DVS uplink port group is refused
 *     for every role;
 *   - every host of the compute resource is attached to the bridge and to each container
 *     network (vCenter only), and, as warnings, to public, client and management;
 *   - on vCenter, a warning (pg-standard-vmotion, once per port group) where public,
 *     client or management is a standard port group, vic-machine's default "VM Network"
 *     included: it keeps the endpoint VM from being moved with vMotion;
 *   - the ids the wizard recorded still name the same port groups;
 *   - the host firewalls let 2377/tcp out (firewall.h).
 *
 * Everything works on a struct inv, live (inv_fetch()) or from a snapshot
 * (inv_yaml_load()); nothing here sends a request except precheck_open().
 * Findings go to the same list and format as the rules engine's (findings.h); plan key
 * paths are the YAML ones ("networks.container[1].portGroup").
 *
 * Ownership: results borrow from the inventory; findings own their strings. */
#ifndef VCHNET_PRECHECK_H
#define VCHNET_PRECHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "inv.h" /* enum inv_scope */
#include "strv.h"

struct conn;
struct findings;
struct fw_report;
struct inv;
struct inv_compute;
struct inv_datastore;
struct inv_network;
struct inv_obj;
struct plan;
struct vsphere;

/* The target objects of a plan; NULL where not found. */
struct precheck_target {
	const struct inv_obj *dc;
	const struct inv_compute *compute;
	const struct inv_datastore *datastore;
};

/* Finds the plan's datacenter (the only one when the plan names none), compute resource
 * (name, path, id, or a resource pool's path: its owner; the only one when none is
 * named) and image datastore (imageStore without "ds://" and without the folder part).
 * With f, each missing one is an error finding. Returns 0 when all three were found,
 * else -1 with err_set() about the first missing one. */
int precheck_target(const struct inv *inv, const struct plan *p, struct precheck_target *t,
		    struct findings *f);

/* Every network of datacenter dc (NULL: any) that what names: an inventory path
 * ("/DC0/network/folder/pg"), a path below the datacenter's network folder
 * ("folder/pg"), or a name. Appends the matches to *out (xgrow'n array, caller frees
 * *out) and returns their number. */
size_t precheck_resolve(const struct inv *inv, const struct inv_obj *dc, const char *what,
			const struct inv_network ***out);

/* The networks vic-machine's finder (govmomi Finder.NetworkList) finds for what, in
 * datacenter dc: a name without "/" is a Go path.Match pattern (* ? [...] \) on every
 * name below the datacenter's network folder; a name with "/" is cleaned and walked
 * from the root folder (absolute) or from the network folder (relative), each element
 * a pattern. Distributed switches count as networks. Returns the number of networks
 * and switches found (*out: xgrow'n array the caller frees, NULL when none), or -1 with
 * the finder's own error in *err ("syntax error in pattern", "cannot traverse up a
 * tree", "cannot traverse type T"; caller frees). */
int precheck_find(const struct inv *inv, const struct inv_obj *dc, const char *what,
		  const struct inv_obj ***out, char **err);
/* Go's path.Match: 1 match, 0 no match, -1 malformed pattern. */
int precheck_path_match(const char *pattern, const char *name);
/* Go's path.Clean; caller frees. */
char *precheck_path_clean(const char *p);
/* A name as a pattern that matches only itself: * ? [ ] and \ escaped with \.
 * Caller frees. */
char *precheck_escape_name(const char *name);

/* Port groups, types, membership, target objects and recorded ids (everything but the
 * firewall). Appends findings (unsorted) and returns the number of errors added. */
int precheck_run(const struct inv *inv, const struct plan *p, struct findings *out);

/* precheck_run() plus the firewall check (firewall_check() and firewall_findings()).
 * fw (may be NULL) receives the firewall report for a per-host table; free it with
 * firewall_report_free() (it is zeroed when the check could not run). Returns the
 * number of errors added. */
int precheck_live(const struct inv *inv, const struct plan *p, struct findings *out,
		  struct fw_report *fw);

/* For the CLI: a new logged-in session for the connection settings: connect (certificate
 * trust; a warning on stderr under --insecure), then read the password (only once the
 * server is trusted) and log in. cancel (may be NULL) is set on the session with
 * vsphere_set_cancel(). The caller vsphere_free()s it. NULL on failure with err_set() and *code set
 * to the exit code (EXIT_CONNECT, EXIT_UNTRUSTED, EXIT_PROBLEMS). */
struct vsphere *precheck_login(struct conn *c, bool (*cancel)(void *arg), void *arg, int *code);

/* For the CLI: the inventory the connection settings point at: the --inventory snapshot,
 * or a live fetch over precheck_login()'s session (cancel as there, arg NULL). With keep
 * (not NULL) the logged-in session is handed back in *keep (vsphere_free() it), else it is
 * logged out. NULL on failure with err_set() and *code set to the exit code
 * (EXIT_CONNECT, EXIT_UNTRUSTED, EXIT_PROBLEMS, EXIT_USAGE). */
struct inv *precheck_open(struct conn *c, enum inv_scope scope, struct vsphere **keep,
			  bool (*cancel)(void *arg), int *code);

#endif
