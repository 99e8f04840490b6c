/* vicparse: for the tests, a reimplementation of what `vic-machine create` does with its
 * command line before it talks to vSphere (doc/vic-networking.md, sections 1 and 4): the flag
 * parser (urfave/cli over Go's flag package: --flag VALUE, --flag=VALUE, repeated
 * string-slice flags, last single value wins, unknown flags fail) and the parse phase of
 * Create.ProcessParams in its order, stopping at the first error with vic-machine's
 * message. Written from the spec, independently of src/rules/rules.c, so that the render
 * round trip checks one against the other. Everything in struct vicparse is owned by
 * it (vicparse_free()). */
#ifndef VCHNET_TEST_VICPARSE_H
#define VCHNET_TEST_VICPARSE_H

#include <stdbool.h>

#include "strv.h"

struct vicparse_role {
	char *name, *ip, *gateway; /* as given */
	char *gw_ip;               /* the parsed gateway address text */
	struct strv dests;         /* normalised destinations */
};

struct vicparse_cnet { /* re-keyed by alias, as vic-machine does */
	char *alias, *pg, *gateway, *firewall;
	struct strv ranges, dns;
};

struct vicparse {
	char *target, *user, *thumbprint, *name, *compute, *image;
	struct strv volumes;
	bool no_tls, no_tlsverify;
	char *cname;
	char *bridge, *bridge_range, *bridge_width;
	struct vicparse_role public_, client, management;
	struct strv dns;
	struct vicparse_cnet *cnets;
	size_t n_cnets;
	char *http_proxy, *https_proxy, *no_proxy;
	bool force, password;
};

/* 0 when vic-machine would accept argv (argv[0] the binary, argv[1] "create"); else -1
 * and *err (caller frees) holds vic-machine's message. user_env: VIC_MACHINE_USER is
 * set (vic-machine takes the user from there when --user is absent). */
int vicparse_run(int argc, char *const *argv, bool user_env, struct vicparse *out, char **err);
void vicparse_free(struct vicparse *v);

#endif
