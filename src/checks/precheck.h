/* precheck: the live pre-checks of a plan against the inventory: what vic-machine
 * create's validation phase would say, and more, before anything is deployed
 * (doc/vic-networking.md, "What vic-machine checks against vSphere").
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
 * (inv_yaml_load()); nothing here sends a request. The objects are found by finder.h,
 * the firewall judged by firewall.h; neither calls back into this module.
 * Findings go to the same list and format as the rules engine's (findings.h); plan key
 * paths are the YAML ones ("networks.container[1].portGroup").
 *
 * Ownership: results borrow from the inventory; findings own their strings. */
#ifndef VCHNET_PRECHECK_H
#define VCHNET_PRECHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "strv.h"

struct findings;
struct fw_report;
struct inv;
struct plan;

/* Port groups, types, membership, target objects and recorded ids (everything but the
 * firewall). Appends findings (unsorted) and returns the number of errors added. */
int precheck_run(const struct inv *inv, const struct plan *p, struct findings *out);

/* precheck_run() plus the firewall check (firewall_check() and firewall_findings()).
 * fw (may be NULL) receives the firewall report for a per-host table; free it with
 * firewall_report_free() (it is zeroed when the check could not run). Returns the
 * number of errors added. */
int precheck_live(const struct inv *inv, const struct plan *p, struct findings *out,
		  struct fw_report *fw);

#endif
