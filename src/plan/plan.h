/* plan: the in-memory model of a vchnet/v1 plan (see vchnet-plan(5)).
 *
 * Every string is owned by the plan and NULL when the key is absent from the file, so
 * that load then save writes back exactly what was read. Defaults (client from public,
 * management from client, bridge range and width, DNS) are never stored here: they are
 * computed by plan_effective_*() and by the rules engine, so a reviewer sees in the file
 * only what somebody chose.
 *
 * plan_new() returns an empty plan; plan_free() releases it and everything in it.
 * Where a key was read from a file, plan_pos() gives its line and column. */
#ifndef VCHNET_PLAN_H
#define VCHNET_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "strv.h"

#define PLAN_API_VERSION "vchnet/v1"
#define PLAN_KIND "VCHNetworkPlan"
#define PLAN_DEFAULT_VIC_VERSION "1.2"
/* The VIC versions both wizard faces offer for vic.version, oldest first. */
#define PLAN_N_VIC_VERSIONS 4
extern const char *const plan_vic_versions[PLAN_N_VIC_VERSIONS];
/* Those versions in words, the last joined with conj: "1.2, 1.3, 1.4 or 1.5". Caller
 * frees. */
char *plan_vic_versions_text(const char *conj);
#define PLAN_DEFAULT_BRIDGE_RANGE "172.16.0.0/12"
#define PLAN_DEFAULT_BRIDGE_WIDTH 16

/* The roles of the VCH endpoint VM, in the order the layout lists them. */
enum plan_role {
	PLAN_ROLE_PUBLIC,
	PLAN_ROLE_CLIENT,
	PLAN_ROLE_MANAGEMENT,
	PLAN_ROLE_BRIDGE,
	PLAN_ROLE_COUNT
};
const char *plan_role_name(enum plan_role r); /* "public", "client", ... */

/* public, client and management. */
struct plan_role_net {
	bool present;        /* the section exists (client/management absent: defaulted) */
	char *port_group;    /* name or inventory path, as the user wrote it */
	char *id;            /* managed object id recorded by the wizard, or NULL */
	char *ip;            /* static address in CIDR form (10.0.0.5/24); NULL: DHCP */
	char *gateway;       /* gateway address; NULL: none */
	struct strv routes;  /* routing destinations (CIDR) through the gateway */
};

struct plan_bridge {
	char *port_group;
	char *id;
	char *ip_range;      /* NULL: PLAN_DEFAULT_BRIDGE_RANGE */
	int width;           /* PLAN_DEFAULT_BRIDGE_WIDTH unless width_given */
	bool width_given;    /* networks.bridge.width is present (0 and below included:
			      * vic-machine has a message for them) */
	bool create;         /* networks.bridge.create is present */
	char *create_switch; /* distributed switch to create the port group on */
	int create_vlan;     /* VLAN id, 0 = none; -1 when absent */
};

struct plan_container_net {
	char *port_group;
	char *alias;         /* NULL: the port group name */
	char *gateway;       /* gateway address with prefix (10.3.0.1/16), or NULL */
	struct strv ip_ranges;
	struct strv dns;
	char *firewall;      /* open | closed | published | outbound | peers, or NULL */
};

struct plan_target {
	char *url;
	char *username;
	char *thumbprint;
	char *datacenter;
	char *compute_resource;
	char *image_store;
	struct strv volume_stores;
};

struct plan_tls {
	char *mode;          /* no-tlsverify | tlsverify | no-tls; NULL: no-tlsverify */
	char *cname;
};

struct plan_proxy {
	char *http;
	char *https;
	struct strv no_proxy;
};

/* Where a key stood in the file: 1-based line and column (0 when unknown). */
struct plan_pos {
	int line, col;
};

struct plan {
	char *name;          /* metadata.name */
	char *description;   /* metadata.description */
	char *vic_version;   /* vic.version; NULL: PLAN_DEFAULT_VIC_VERSION */
	char *vic_machine;   /* vic.machine */
	struct plan_target target;
	struct plan_tls tls;
	struct plan_bridge bridge;
	struct plan_role_net public_net, client_net, management_net;
	struct strv dns;     /* networks.dns */
	struct plan_container_net *containers;
	size_t n_containers, cap_containers;
	struct plan_proxy proxy;

	/* Header comment data, kept so that a re-save writes the same header. */
	char *generated_at;  /* RFC 3339 time of the first save; NULL: set at save */
	char *precheck_summary; /* last pre-check's one-line summary and time, or NULL */

	/* Key paths ("networks.client.gateway", "networks.container[1].alias") to
	 * positions, filled by the reader. */
	struct plan_pos_entry {
		char *path;
		struct plan_pos pos;
	} *pos;
	size_t n_pos, cap_pos;
};

struct plan *plan_new(void);
void plan_free(struct plan *p);
struct plan *plan_dup(const struct plan *p);
bool plan_equal(const struct plan *a, const struct plan *b); /* ignores positions */

/* The role structure for public, client or management (NULL for the bridge). */
struct plan_role_net *plan_role(struct plan *p, enum plan_role r);
const struct plan_role_net *plan_role_const(const struct plan *p, enum plan_role r);

/* The port group a role uses after vic-machine's defaulting: client from public,
 * management from client. Borrowed from the plan; NULL when unset. */
const char *plan_effective_port_group(const struct plan *p, enum plan_role r);
/* The VIC profile as major*100+minor (1.2 -> 102); -1 when unparsable. */
int plan_vic_version_num(const struct plan *p);
/* At most 3 NICs below VIC 1.3, else 4. */
int plan_max_nics(const struct plan *p);

/* Appends a container network and returns it (zeroed). */
struct plan_container_net *plan_add_container(struct plan *p);
void plan_remove_container(struct plan *p, size_t i);

/* Positions: plan_set_pos() records where a key stood; plan_pos() finds it, or the
 * nearest recorded parent ("networks.client" for "networks.client.ip"). */
void plan_set_pos(struct plan *p, const char *path, int line, int col);
struct plan_pos plan_pos(const struct plan *p, const char *path);

#endif
