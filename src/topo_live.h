/* topo_live: the topology of a plan for the commands that draw it (layout, report),
 * offline or with the live checks.
 *
 * Offline, the model carries the rules engine's findings. Given a connection (--url,
 * or an --inventory snapshot), it also carries the inventory's facts about each port
 * group (switch, VLAN, type), the live pre-checks' findings and the firewall verdict of
 * every host, with the time of the check.
 *
 * topo_live_new() owns everything it returns (topo_live_free()); the plan must outlive
 * it. */
#ifndef VCHNET_TOPO_LIVE_H
#define VCHNET_TOPO_LIVE_H

#include <stdbool.h>

#include "findings.h"
#include "firewall.h"

struct conn_opts;
struct inv;
struct layout_topo;
struct plan;

struct topo_live {
	struct layout_topo *topo;
	struct findings findings; /* offline rules, then the live checks (sorted) */
	struct fw_report fw;      /* zeroed when no firewall check ran */
	struct inv *inv;          /* NULL offline */
	char checked_at[32];      /* "2026-12-05 21:10 UTC"; empty offline */
	bool live;
	const char *self;         /* the plan's VCH name (borrowed: the plan outlives this) */
};

/* Whether the options ask for the live checks (a URL or an inventory snapshot). */
bool topo_live_wanted(const struct conn_opts *o);

/* The model: offline when o is NULL or topo_live_wanted(o) is false. Returns NULL and
 * sets *code (an exit code from err.h) after err_set() when the connection fails. */
struct topo_live *topo_live_new(const struct plan *p, const struct conn_opts *o, int *code);
void topo_live_free(struct topo_live *l);

#endif
