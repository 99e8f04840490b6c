/* render: the `vic-machine create` command a plan stands for.
 *
 * Options, in this order: --target HOST[:PORT]/DATACENTER (never credentials), --user
 * (when set),
 * --thumbprint (upper-case hex pairs joined by ':'), --name, --compute-resource,
 * --image-store, --volume-store (repeated), TLS (--no-tlsverify | --no-tls,
 * --tls-cname), --bridge-network, --bridge-network-range and --bridge-network-width
 * (only when the plan sets them: vic-machine's defaults are the same, and VIC before
 * 1.5.2 has no width flag), --public-network[-ip|-gateway], --client-network[-ip|
 * -gateway] and --management-network[...] (only when the plan has the section; a gateway
 * with routes is written "dest,dest:gw"), --dns-server (repeated), per container network
 * --container-network PG[:ALIAS] then its companions keyed by port group name, and the
 * proxies. Never --force, never a password.
 *
 * Each option and its value are separate arguments ("--name", "vch-01"), which
 * vic-machine's flag parser (urfave/cli over Go's flag package) reads the same way as
 * "--name=vch-01". */
#ifndef VCHNET_RENDER_H
#define VCHNET_RENDER_H

#include "plan.h"
#include "strv.h"

#define RENDER_DEFAULT_MACHINE "vic-machine-linux"

/* The argument vector: argv[0] is vic.machine (or RENDER_DEFAULT_MACHINE), argv[1]
 * "create", then the options. Appends to *argv (which the caller owns and frees).
 * Fails (-1, err_set) when the plan lacks what the command needs (name, bridge and
 * public port groups, target url, datacenter, compute resource, image store; --user is
 * left out when target.username is unset, for VIC_MACHINE_USER);
 * run rules_check_ex(RULES_TARGET_REQUIRED) first for the full story. */
int render_argv(const struct plan *p, struct strv *argv);

/* The command as shell text: one option per line, " \" continuations, every word
 * POSIX shell-quoted. NULL (err_set) as for render_argv. Caller frees. */
char *render_command(const struct plan *p);

/* POSIX shell quoting: the word as is when it needs no quotes, else in single quotes
 * ('it'\''s'); a word holding a character the sanitiser escapes (sanitize.h: controls,
 * bidi overrides, bytes that are not UTF-8) in $'...' with those bytes in octal
 * ($'pg\033]0;x\007'), so that no raw control is shown and a shell still gets the exact
 * bytes. Caller frees. */
char *render_shell_quote(const char *s);

#endif
