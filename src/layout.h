/* layout: the NICs of the VCH endpoint VM and a text drawing of them.
 *
 * The endpoint VM gets one vmxnet3 NIC per distinct port group among the public, client,
 * management and bridge roles (after vic-machine's defaulting; compared as strings, as
 * vic-machine does offline); roles on the same port group share a NIC. Container
 * networks never get a NIC on the endpoint VM: they are drawn apart, attached to the
 * container VMs.
 *
 * Inventory details (switch, VLAN, type) come through a callback so that this module
 * does not depend on the inventory code. The drawing is a string of lines, each at most
 * `width` display columns, so that the wizard can show it in a pane, the plan writer can put it
 * in a comment and `vchnet layout` can print it. Pure: no I/O. */
#ifndef VCHNET_LAYOUT_H
#define VCHNET_LAYOUT_H

#include <stdbool.h>

#include "plan.h"

/* What the inventory knows about a port group; any field may be NULL. The strings are
 * borrowed from the callback's owner and must live until layout_draw() returns. */
struct layout_netinfo {
	const char *type;        /* "distributed port group", "standard port group", "opaque network" */
	const char *switch_name; /* "DSwitch-01", "vSwitch0" */
	const char *vlan;        /* "201", "trunk", ... */
};

/* Returns true and fills *out when port_group is known. */
typedef bool (*layout_lookup_fn)(void *ctx, const char *port_group, struct layout_netinfo *out);

struct layout_nic {
	const char *port_group; /* borrowed from the plan */
	unsigned roles;         /* bit (1u << enum plan_role) */
};

struct layout {
	int n_nics;
	int max_nics;           /* plan_max_nics() */
	char vic_version[16];   /* "1.2" */
	struct layout_nic nic[PLAN_ROLE_COUNT];
	int nic_of_role[PLAN_ROLE_COUNT]; /* -1 when the role's port group is unset */
};

/* Fills *out; pointers borrow from p. */
void layout_compute(const struct plan *p, struct layout *out);

struct layout_opts {
	bool ascii;              /* plain ASCII instead of UTF-8 box drawing */
	int width;               /* maximum columns; 0 means 80; below 56 draws compactly */
	layout_lookup_fn lookup; /* may be NULL */
	void *ctx;
};

/* The drawing: lines ending in '\n', each at most opts->width display columns (wide
 * characters count 2, as wcwidth() says in the current locale). Names from the plan and
 * the inventory are sanitised (sanitize.h). NULL opts means UTF-8 at 80 columns. Caller
 * frees. */
char *layout_draw(const struct plan *p, const struct layout_opts *opts);

/* True when the current locale's character set is UTF-8 (nl_langinfo(CODESET)). */
bool layout_locale_is_utf8(void);

#endif
