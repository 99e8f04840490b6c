/* netpick: choosing a network, the parts the curses picker and plain mode share — the
 * natural order of names ("DVPG2" before "DVPG10"), the filter language, the suggestion
 * rule, and the one-line description of a choice. No curses, no I/O.
 *
 * The filter is words separated by spaces; a row matches when every word does. A word
 * matches a row whose name, switch or type contains it (case-insensitive), except:
 * "vlan:N" matches only VLAN N ("vlan:trunk" a trunk, "vlan:none" no VLAN), and a plain
 * number (or "trunk") also matches that VLAN exactly, besides names and switches that
 * contain it.
 *
 * The suggestion: the wizard pre-selects nothing the user did not choose. It suggests a
 * port group only when one is unambiguous — for the bridge, the only usable port group,
 * else the only usable one whose name contains "bridge"; for public, vic-machine's own
 * default "VM Network" when usable, else the only usable one. Client and management
 * follow public and client (vic-machine's defaults) and need no suggestion. A suggestion
 * is not a choice: the screens mark it "suggested" and ask before Next takes it.
 *
 * Ownership: netpick_filter_parse() fills a struct freed by netpick_filter_free();
 * strings returned by netpick_describe() are the caller's. */
#ifndef VCHNET_NETPICK_H
#define VCHNET_NETPICK_H

#include <stdbool.h>
#include <stddef.h>

#include "plan.h"

struct inv;
struct inv_network;

/* strcmp-like; case-insensitive, runs of digits compared as numbers, ties broken
 * by strcmp so the order is total. */
int netpick_natcmp(const char *a, const char *b);

/* VLAN values as the pickers keep them: >0 an ID, -1 none or unknown, -2 a trunk. */
enum { NETPICK_VLAN_NONE = -1, NETPICK_VLAN_TRUNK = -2 };
int netpick_vlan_of(const struct inv_network *n);

struct netpick_filter {
	char **word;     /* lower-case */
	int *vlan;       /* per word: the VLAN it names (vlan:N or a plain number), or -3 */
	bool *only_vlan; /* per word: "vlan:...", which matches the VLAN alone */
	size_t n;
};
void netpick_filter_parse(const char *text, struct netpick_filter *f);
void netpick_filter_free(struct netpick_filter *f);
/* Whether a row matches; hay is the row's lower-case name, switch and type text. */
bool netpick_filter_match(const struct netpick_filter *f, const char *hay, int vlan);
/* Whether a filter can only narrow the rows of the filter it extends (typing one more
 * character): false when a word names a VLAN, whose match is exact. */
bool netpick_filter_narrows(const char *old_text, const char *new_text);

/* The datacenter's networks (dc_id NULL: all), in natural order of their names; the
 * array is the caller's (free()), the networks borrowed from inv. */
const struct inv_network **netpick_sorted(const struct inv *inv, const char *dc_id, size_t *n);

/* The suggestion for role among n networks named names[i], usable[i] when it can
 * serve the role: an index, or -1 when none is clear (and for client, management and
 * container networks). */
long netpick_suggest(enum plan_role role, const char *const *names, const bool *usable, size_t n);

/* "NAME (SWITCH, VLAN 201)": the switch, else the kind ("standard port group", "NSX
 * network"); "VLAN N", "VLAN trunk" or "no VLAN". */
char *netpick_describe(const struct inv *inv, const struct inv_network *n);

#endif
