/* firewall: can the ESXi hosts reach the VCH on 2377/tcp? (doc/vic-networking.md,
 * "The host firewall")
 *
 * The VCH's endpoint VM talks to its container VMs through the hosts' serial-over-LAN
 * proxy, so every host that may run the VCH must allow outbound tcp to dst port 2377
 * towards the VCH management address. vic-machine create checks that and refuses the
 * plan when a host blocks it; this module does the same check, per host, from the
 * inventory (inv_fetch() already brings HostSystem.config.firewall for every host in its
 * one RetrievePropertiesEx, so the check itself sends no request at all), and it can
 * open the hosts the way "vic-machine update firewall --allow" does, more carefully.
 *
 * Which hosts: those of the plan's compute resource that mount the image datastore and
 * are connected (vic-machine's Datastore.AttachedClusterHosts); the others are listed
 * as skipped.
 *
 * Results are data (struct fw_report, one struct fw_host per host) so that the CLI
 * table, the findings of "vchnet check", deploy and the wizard's firewall step all show
 * the same thing; firewall_print() is one text rendering of it.
 *
 * Ownership: a report owns everything in it (firewall_report_free()); it does not point
 * into the inventory, so the inventory may be freed or replaced (re-check after a fix)
 * while the report lives. */
#ifndef VCHNET_FIREWALL_H
#define VCHNET_FIREWALL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "strv.h"

struct inv;
struct inv_host;
struct plan;
struct findings;
struct vsphere;

#define FIREWALL_PORT 2377
#define FIREWALL_RULESET_VIC "vic-engine" /* ESXi 6.7+: outbound tcp 2377 only */
#define FIREWALL_RULESET_VSPC "vSPC"      /* ESXi 6.5: all outbound tcp */
#define FIREWALL_PRIVILEGE "Host.Config.NetService"

enum fw_verdict {
	FW_OK,           /* 2377/tcp outbound to the management IP gets through */
	FW_BLOCKED,      /* error: no enabled ruleset allows it and the policy blocks */
	FW_RESTRICTED,   /* error: the static management IP is outside the allowed IPs */
	FW_UNVERIFIABLE, /* warning: DHCP management IP and an allowed-IP list */
	FW_DISABLED,     /* warning: firewall off; would block if turned on */
	FW_UNKNOWN,      /* warning: the host reported no firewall information */
};
const char *firewall_verdict_name(enum fw_verdict v); /* "OK", "BLOCKED", ... */
bool firewall_verdict_is_error(enum fw_verdict v);    /* BLOCKED, RESTRICTED */

/* What the default policy says. vim25 has no "firewall enabled" flag (vic-machine asks
 * esxcli); a policy passing both directions is what a host with its firewall turned
 * off reports. */
enum fw_state {
	FW_STATE_ON,       /* outbound blocked unless a ruleset allows it */
	FW_STATE_PASS_OUT, /* on, but the default policy lets outbound traffic through */
	FW_STATE_OFF,      /* the default policy passes everything: firewall off */
	FW_STATE_UNKNOWN,  /* no firewall information */
};
const char *firewall_state_name(enum fw_state s); /* "on", "on, outbound passes", ... */

/* What --fix would do on a host (firewall_plan_fix()). */
enum fw_fix_action {
	FW_FIX_NONE,        /* nothing needed */
	FW_FIX_ENABLE,      /* enable fix_ruleset */
	FW_FIX_NEEDS_ALLOW, /* would open to all IPs: only with allow_all_ips */
	FW_FIX_CANNOT,      /* nothing vchnet can enable helps; fix_why says what to do */
};

struct fw_host {
	char *id;              /* HostSystem moref value */
	char *name;
	char *path;            /* inventory path (vic-machine quotes it) */
	char *firewall_system; /* HostFirewallSystem moref value, or NULL */
	enum fw_state state;
	struct strv rulesets;  /* keys of the enabled rulesets with a rule matching
				* dst 2377/tcp outbound (a port range counts) */
	bool all_ip;           /* one of them allows every IP */
	struct strv allowed;   /* union of their allowed IPs: networks first, then
				* addresses (vic-machine's order); empty when all_ip */
	bool has_vic_engine, has_vspc; /* the rulesets exist on the host */
	enum fw_verdict verdict;
	/* vic-machine judges this host differently (it ignores the default policy): it
	 * would refuse a host that we find OK because outbound passes anyway. */
	bool vic_disagrees;
	char *vic_message;     /* what vic-machine prints about this host */
	char *reason;          /* one line: why this verdict */
	char *fix;             /* one line: what to change; NULL when nothing */

	/* --fix (firewall_plan_fix(), firewall_fix()) */
	enum fw_fix_action fix_action;
	char *fix_ruleset;     /* FW_FIX_ENABLE / NEEDS_ALLOW: the ruleset to enable */
	char *fix_why;         /* one line: why this ruleset, or why nothing */
	char *fix_applied;     /* the ruleset actually enabled (confirmed), or NULL */
	char *fix_error;       /* why the change failed, or NULL */
};

struct fw_report {
	char *mgmt_ip;         /* the VCH management address (no prefix); NULL: DHCP */
	char *mgmt_from;       /* "management", or "public (shared port group)", ... */
	char *compute;         /* compute resource path */
	char *datastore;       /* image datastore name */
	struct strv skipped;   /* "NAME: why" for the compute resource's other hosts */
	struct fw_host *hosts;
	size_t n_hosts;
};

/* Judges one host (pure; the heart of the check) in two steps: it classifies the host
 * (its state, the matching rulesets, the verdict) and then words the verdict (reason,
 * vic-machine's message, fix). mgmt_ip: the VCH management address, with or without a
 * prefix ("10.0.0.5" or "10.0.0.5/24"); NULL: DHCP. Fills *out (free with
 * firewall_host_free()). */
void firewall_judge_host(const struct inv_host *h, const char *mgmt_ip, struct fw_host *out);
void firewall_host_free(struct fw_host *h);

/* The check for a plan: which hosts (see above), the management IP after vic-machine's
 * defaulting and propagation (effective_compute()), a verdict per host. -1 with err_set()
 * when the compute resource or the image datastore cannot be found in the inventory.
 * *out is zeroed first; free it with firewall_report_free() either way. */
int firewall_check(const struct inv *inv, const struct plan *p, struct fw_report *out);
void firewall_report_free(struct fw_report *r);

size_t firewall_count(const struct fw_report *r, enum fw_verdict v);
/* Any host BLOCKED or RESTRICTED. */
bool firewall_blocking(const struct fw_report *r);

/* Appends the report as findings (path "target.computeResource"): errors for BLOCKED
 * and RESTRICTED, warnings for UNVERIFIABLE, DISABLED, UNKNOWN and for hosts vic-machine
 * would refuse although they pass. Returns the number of errors added. */
int firewall_findings(const struct fw_report *r, struct findings *out);

/* One line saying which hosts were checked: "3 hosts checked: those of C that mount
 * the image datastore D and are connected (1 skipped: H: does not mount D)". Caller
 * frees. */
char *firewall_scope_text(const struct fw_report *r);

/* The per-host table: a header saying which hosts and which management IP, then HOST,
 * FIREWALL, RULESETS, ALLOWED IPS, VERDICT and, below each host, its reason, vic-machine's
 * message and the fix. */
void firewall_print(FILE *out, const struct fw_report *r);

/* Decides, per host, what --fix would change: hosts that are BLOCKED or DISABLED, or OK
 * only through the default policy (vic-machine would refuse them), get vic-engine, or
 * vSPC where vic-engine does not exist. Hosts whose traffic is limited by an allowed-IP
 * list (RESTRICTED, UNVERIFIABLE) are opened to all IPs only with allow_all_ips.
 * Returns the number of hosts that will change. */
size_t firewall_plan_fix(struct fw_report *r, bool allow_all_ips);
/* Prints what firewall_fix() is going to change, host by host. */
void firewall_print_plan(FILE *out, const struct fw_report *r);

/* Applies the plan over a logged-in session (EnableRuleset per host that changes; when
 * vic-engine turns out not to exist, vSPC, and says so), then reads the inventory again
 * (*inv is replaced: one RetrievePropertiesEx whatever the number of hosts), checks
 * again and sets each changed host's fix_applied to the ruleset now really enabled.
 * On return *r is the new report with the fix fields carried over. A missing privilege
 * names Host.Config.NetService and the host. Returns the number of hosts that could not
 * be fixed, or -1 with err_set() when the re-check itself failed. */
int firewall_fix(struct vsphere *vs, const struct plan *p, struct inv **inv, struct fw_report *r);
/* Prints per changed host what was enabled (or why not) and the verdict now. */
void firewall_print_fix(FILE *out, const struct fw_report *r);

#endif
