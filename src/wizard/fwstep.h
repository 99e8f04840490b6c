/* fwstep: the wizard's firewall step without a terminal, shared by the curses screen and
 * the plain mode: run the live pre-check (precheck_live: port groups, membership and the
 * hosts' 2377/tcp firewalls) over an inventory, keep the per-host report, and record a
 * one-line summary with the time in plan->precheck_summary, which the plan's header
 * comment shows ("# Pre-check: 2026-11-27T18:05:12Z: 0 errors, 1 warning against
 * vcenter.example.com").
 *
 * Ownership: struct fwstep owns its report and findings (fwstep_free()). */
#ifndef VCHNET_FWSTEP_H
#define VCHNET_FWSTEP_H

#include <stdbool.h>
#include <stddef.h>

#include "findings.h"
#include "firewall.h"

struct inv;
struct plan;

struct fwstep {
	struct fw_report fw;        /* per host; zeroed when the check could not run */
	struct findings findings;   /* everything the live pre-check found, sorted, less
				     * vic-machine's one-line firewall summary (the per-host
				     * findings say it, each with vic-machine's words) */
	size_t errors, warnings;    /* of findings */
	char *fw_error;             /* why the firewall check could not run, or NULL */
};

/* Runs the check; sets p->precheck_summary ("TIME: N errors, M warnings against HOST";
 * host may be NULL). *s is freed first (zero it before the first call). */
void fwstep_check(const struct inv *inv, struct plan *p, const char *host, struct fwstep *s);
void fwstep_free(struct fwstep *s);
/* Whether the per-host firewall table shows this finding (the firewall-* ones); the
 * step lists the others (port groups, hosts, vMotion) below it. */
bool fwstep_in_table(const struct finding *fd);
/* Hosts that the fix would change (firewall_plan_fix(), without opening allowed-IP
 * lists to everyone). */
size_t fwstep_plan_fix(struct fwstep *s);

#endif
