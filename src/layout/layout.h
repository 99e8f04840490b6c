/* layout: the NICs of the VCH endpoint VM, the topology around them, and the compact
 * text form of the NICs that the plan's header keeps.
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

#include "effective.h"
#include "plan.h"
#include "rules.h"

/* What the inventory knows about a port group; any field may be NULL. The strings are
 * borrowed from the callback's owner and must live until layout_draw() returns. */
struct layout_netinfo {
	const char *type;        /* "distributed port group", "standard port group", "opaque network" */
	const char *switch_name; /* "DSwitch-01", "vSwitch0" */
	const char *vlan;        /* "201", "trunk", ... */
	const char *in_use;      /* who else uses it ("vch-02 (VCH)", "12 VMs"); NULL: nobody
				  * or not known */
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

/* ---- the topology model --------------------------------------------------------------
 *
 * Everything a picture of the VCH's networks shows, computed once: the endpoint VM and
 * its NICs, the port groups (switch, VLAN, type from the lookup), the roles with their
 * addresses, gateways, routes and DNS after vic-machine's defaulting and propagation, the
 * bridge with its range and the container VMs it serves, the container networks, and the
 * parties outside: Docker clients (client role), vCenter and the ESXi hosts (management
 * role, with each host's 2377/tcp verdict when a firewall check ran), registries (public
 * role) and the proxies. The problems the rules (and the live checks) found are attached
 * to the element they concern and numbered. The renderers (topo_text.c, topo_svg.c, the
 * report) draw this model and compute nothing of their own.
 *
 * layout_topo_new() returns a model the caller frees with layout_topo_free(); it owns
 * every string in it except those marked borrowed, which point into the plan (the plan
 * must outlive the model). Names are kept raw: each renderer escapes them for its output
 * (san() for a terminal, XML escaping for SVG and HTML). */

struct findings;
struct fw_report;

enum layout_mark { LAYOUT_MARK_NONE, LAYOUT_MARK_WARNING, LAYOUT_MARK_ERROR };

/* Which element a problem is drawn on. */
enum layout_elem {
	LAYOUT_EL_VCH,      /* the endpoint VM as a whole (name, VIC version, TLS, NIC count) */
	LAYOUT_EL_ROLE,     /* index: enum plan_role (bridge included) */
	LAYOUT_EL_DNS,
	LAYOUT_EL_CNET,     /* index: container network */
	LAYOUT_EL_PARTY,    /* index: party */
};

struct layout_problem {
	enum layout_mark sev;
	enum layout_elem elem;
	int index;
	char *message;
	char *hint;          /* may be NULL */
	char *code;
	char *path;          /* plan key path, may be NULL */
};

/* The mark of an element: its worst problem, and the 1-based number of its first one. */
struct layout_marks {
	enum layout_mark mark;
	int first;           /* 0: none */
	int count;
};

struct layout_pg {
	char *name;
	char *type, *switch_name, *vlan; /* from the lookup; NULL when unknown */
	/* Who else uses the port group (other VCHs, VMs), as the lookup's in_use says;
	 * NULL when nobody or unknown. */
	char *in_use;
	unsigned roles;      /* endpoint roles on it, bit (1u << enum plan_role) */
	int nic;             /* 0-based NIC of the endpoint VM; -1 when only containers use it */
	unsigned cnets;      /* container networks on it, bit i (first 32) */
};

struct layout_role {
	const char *port_group;  /* borrowed; NULL when unset */
	int pg;                  /* index into pgs; -1 when unset */
	int nic;                 /* -1 when unset */
	bool defaulted;          /* port group inherited (client from public, ...) */
	const char *ip;          /* static CIDR; NULL: DHCP (borrowed) */
	const char *gateway;     /* NULL: none */
	const struct strv *routes; /* never NULL */
	bool propagated;         /* copied from the role `from` on the same port group */
	enum plan_role from;
	bool default_route;      /* public: the VCH's default route */
	struct layout_marks marks;
};

struct layout_cnet {
	const char *alias;       /* alias, else the port group (borrowed; never NULL) */
	const char *port_group;  /* NULL when unset */
	int pg;                  /* -1 when unset */
	const char *gateway;     /* NULL: none (DHCP unless ranges) */
	const struct strv *ranges, *dns;
	const char *firewall;    /* trust level; "published" when not set */
	bool firewall_default;
	struct layout_marks marks;
};

enum layout_party_kind {
	LAYOUT_PARTY_CLIENTS,    /* Docker clients, over the client role */
	LAYOUT_PARTY_VCENTER,    /* vCenter (or the ESXi target), over management */
	LAYOUT_PARTY_HOSTS,      /* the ESXi hosts, over management (2377/tcp) */
	LAYOUT_PARTY_REGISTRIES, /* image registries, over public */
	LAYOUT_PARTY_PROXY,      /* an HTTP(S) proxy on the way to the registries */
};

struct layout_party {
	enum layout_party_kind kind;
	enum plan_role role;     /* the role that reaches it */
	char *name;              /* "Docker clients", "vCenter vc.example.com", ... */
	char *detail;            /* one short line (port, verdict summary), may be NULL */
	struct layout_marks marks;
};

struct layout_host {
	char *name;
	char *verdict;           /* "OK", "BLOCKED", ... */
	enum layout_mark mark;
	char *state;             /* "on", "off", ... */
	char *rulesets;          /* enabled rulesets allowing 2377/tcp out, or "" */
	char *allowed;           /* "all" or the allowed IPs */
	char *reason, *fix;      /* one line each; fix may be NULL */
	char *vic_message;       /* what vic-machine prints about it, or NULL */
};

enum { LAYOUT_MAX_PARTIES = 8 };

struct layout_topo {
	struct layout nics;      /* the NICs, as layout_compute() gives them */
	struct effective eff; /* the roles as vic-machine runs them */
	char *name;              /* metadata.name, or NULL */
	char *vic_version;
	bool over_limit;         /* more NICs than the VIC version allows */
	struct layout_marks vch_marks;

	struct layout_pg *pgs;   /* NICs' port groups first (in NIC order), then the
				  * container networks' others */
	size_t n_pgs;
	struct layout_role role[PLAN_ROLE_COUNT];
	const char *bridge_range;
	int bridge_width;
	bool bridge_create;      /* vchnet creates the bridge port group */

	struct strv dns;         /* the roles' DNS servers as vic-machine will set them */
	char *dns_text;          /* "10.0.0.2", "8.8.8.8, 8.8.4.4 (vic-machine's default)",
				  * "from DHCP" */
	struct layout_marks dns_marks;

	struct layout_cnet *cnets;
	size_t n_cnets;

	struct layout_party parties[LAYOUT_MAX_PARTIES];
	size_t n_parties;

	bool fw_checked;         /* a firewall check ran (fw given) */
	char *fw_mgmt_ip;        /* the management IP it judged; NULL: DHCP */
	char *fw_scope;          /* which hosts were checked, in one line */
	struct layout_host *hosts;
	size_t n_hosts;
	char *checked_at;        /* time of the live checks, or NULL */
	bool live;               /* findings include the live checks */

	struct layout_problem *problems; /* numbered 1.. in this order (errors first) */
	size_t n_problems;
};

struct layout_inputs {
	layout_lookup_fn lookup; /* may be NULL */
	void *ctx;
	/* The findings to attach (sorted or not); NULL: the offline rules are run here. */
	const struct findings *findings;
	const struct fw_report *fw; /* may be NULL: no firewall check ran */
	const char *checked_at;  /* when the live checks ran, or NULL */
};

/* The model of plan p; in may be NULL (offline, no inventory). */
struct layout_topo *layout_topo_new(const struct plan *p, const struct layout_inputs *in);
void layout_topo_free(struct layout_topo *t);

/* "public, client" for a role mask. Caller frees. */
char *layout_roles_text(unsigned roles);
/* A role's addresses in a few words: "DHCP", "10.0.0.5/24", "10.0.0.5/24 (public's)". */
const char *layout_role_addr(const struct layout_topo *t, enum plan_role r);
/* Its gateway and routes: "gw 10.0.0.1 (default route)", "gw 10.1.0.1 to 10.2.0.0/16",
 * or NULL when none. Caller frees. */
char *layout_role_gateway(const struct layout_topo *t, enum plan_role r);
/* A port group's inventory facts in one line ("DSwitch-01, VLAN 201, distributed port
 * group"), or NULL when unknown. Caller frees. */
char *layout_pg_facts(const struct layout_pg *g);
/* Container network addressing in one line: "gw 10.3.0.1/16, 10.3.1.0/24" or "DHCP".
 * Caller frees. */
char *layout_cnet_addr(const struct layout_cnet *c);
/* Who else uses a container network's port group ("vch-02 (VCH)", "12 VMs"), when no
 * NIC of the endpoint VM is on it (its NIC row says so then); NULL otherwise. */
const char *layout_cnet_in_use(const struct layout_topo *t, const struct layout_cnet *c);
const char *layout_mark_name(enum layout_mark m); /* "", "warning", "error" */

#endif
