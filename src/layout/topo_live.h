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
#include "inv.h" /* enum inv_scope */

struct conn;
struct conn_opts;
struct inv;
struct layout_netinfo;
struct layout_topo;
struct plan;
struct vsphere;

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

/* How the caller reaches the inventory the connection settings point at (the CLI's
 * login_open()): a snapshot or a live fetch; NULL with err_set() and *code set on
 * failure. Passed in so that this module needs nothing above it. */
typedef struct inv *topo_live_open_fn(struct conn *c, enum inv_scope scope, struct vsphere **keep,
				      bool (*cancel)(void *arg), int *code);

/* The model: offline when o is NULL or topo_live_wanted(o) is false; else the inventory
 * comes from open_inv. Returns NULL and sets *code (an exit code from err.h) after
 * err_set() when the connection fails. */
struct topo_live *topo_live_new(const struct plan *p, const struct conn_opts *o,
				topo_live_open_fn *open_inv, int *code);
void topo_live_free(struct topo_live *l);

/* The layout's inventory lookup (switch, VLAN, type of a port group, who else uses it:
 * inv_used_by(), leaving out self, the plan's VCH name, which may be NULL) over inv in
 * the datacenter dc_name (NULL: any); a name the wizard wrote escaped for vic-machine's
 * finder is found too. The same words for the CLI, the screens and plain mode, so all
 * write the same plan comment. The strings in *out stay valid until 64 further
 * lookups: layout_draw() keeps every answer of one drawing. */
bool topo_live_lookup(const struct inv *inv, const char *dc_name, const char *self,
		      const char *port_group, struct layout_netinfo *out);

#endif
