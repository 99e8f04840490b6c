/* netlist: the network picker's model — the datacenter's networks with their columns,
 * whether each can serve the role (and why not), which roles already use it, and the
 * type-to-filter view. No curses: the picker draws rows that netlist_format() lays
 * out, and a benchmark drives filtering without a terminal.
 *
 * Filtering is netpick's (src/wizard/netpick.h): words, each a case-insensitive substring of
 * name, switch or type (long and short: "distributed" and "dvpg"), a plain number or
 * "vlan:N" also matching the VLAN exactly; when the new filter only narrows the
 * previous one, only the rows still visible are searched, so typing stays cheap at
 * 10,000 networks. The columns are a table in netlist.c: a column is one row there. Entries are copied in and owned
 * by the list; netlist_row() returns borrowed pointers valid until the list changes. */
#ifndef VCHNET_NETLIST_H
#define VCHNET_NETLIST_H

#include <stdbool.h>
#include <stddef.h>

/* Bits of netlist_entry.marks: which roles chose this network. */
enum {
	NETLIST_MARK_BRIDGE = 1 << 0,
	NETLIST_MARK_PUBLIC = 1 << 1,
	NETLIST_MARK_CLIENT = 1 << 2,
	NETLIST_MARK_MANAGEMENT = 1 << 3,
	NETLIST_MARK_CONTAINER = 1 << 4,
};

struct netlist_entry {
	const char *name;       /* port group name */
	const char *id;         /* managed object id, or NULL */
	const char *type;       /* "distributed", "NSX", "standard" */
	const char *sw;         /* switch name, or NULL */
	int vlan;         /* -1: none/unknown; -2: trunk */
	int hosts, hosts_total;
	const char *reason;     /* why it cannot serve the role; NULL: selectable */
	const char *used_by;    /* "vch-02 (VCH)", "12 VMs", "-"; NULL: not known */
	unsigned marks;
};

struct netlist;

struct netlist *netlist_new(void);
void netlist_free(struct netlist *l);
/* Copies e (strings too). Clears the filter. */
void netlist_add(struct netlist *l, const struct netlist_entry *e);
void netlist_clear(struct netlist *l);

size_t netlist_total(const struct netlist *l);
/* The entry at model index i (0 .. total-1), borrowed. */
const struct netlist_entry *netlist_entry(const struct netlist *l, size_t i);
/* Sets why model entry i is unselectable (copied; NULL: selectable) and its marks. */
void netlist_set_reason(struct netlist *l, size_t i, const char *reason);
void netlist_set_marks(struct netlist *l, size_t i, unsigned marks);

/* The filtered view. */
void netlist_filter(struct netlist *l, const char *text);
const char *netlist_filter_text(const struct netlist *l);
size_t netlist_count(const struct netlist *l);
const struct netlist_entry *netlist_row(const struct netlist *l, size_t row);
size_t netlist_model_index(const struct netlist *l, size_t row);
/* The visible row of the entry named name (or with that id), or -1. */
long netlist_find(const struct netlist *l, const char *name_or_id);

/* Column layout for a width: fills buf (size n) with the row's text, columns name,
 * type, switch, VLAN, hosts and, where it fits, "Used by" (50 to 67 cells: instead of
 * the switch; wider: once the name keeps 24 cells), padded to width cells (ASCII-safe widths; UTF-8 names are
 * cut by bytes at character boundaries; a clipped value ends in '~' and a space). The
 * name gets the room: below 68 cells the type is short (dvpg, NSX, std) and the switch
 * column goes when it would leave the name under 20 cells. The marker column is left
 * to the caller.
 * netlist_header() gives the matching heading. */
void netlist_format(const struct netlist_entry *e, int width, char *buf, size_t n);
void netlist_header(int width, char *buf, size_t n);
/* "VLAN 20", "trunk", "-" */
const char *netlist_vlan_text(int vlan, char *buf, size_t n);

#endif
