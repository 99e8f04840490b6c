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

/* The script of `vchnet render --output FILE.sh`: "#!/bin/sh", a comment naming the
 * plan (plan_name may be NULL; control characters are shown as '?') and where the
 * password comes from, "set -e", then render_command()'s text. The password is never in
 * it: vic-machine reads VIC_MACHINE_PASSWORD, as for 'vchnet deploy', or asks. NULL
 * (err_set) as for render_argv. Caller frees. */
char *render_script(const struct plan *p, const char *plan_name);
/* Writes render_script() to path, mode 0700, atomically. -1 with err_set(). */
int render_write_script(const struct plan *p, const char *plan_name, const char *path);

/* The TLS choices offered for how Docker clients reach the VCH, in the order offered
 * (RENDER_TLS_COUNT of them): "tlsverify", "no-tlsverify", "no-tls". */
#define RENDER_TLS_COUNT 3
extern const char *const render_tls_modes[RENDER_TLS_COUNT];
/* One sentence explaining a mode (NULL counts as no-tlsverify, the plan's default). */
const char *render_tls_explain(const char *mode);
/* The certificate common name vic-machine would derive from the plan's static
 * addresses (client first), ignoring tls.cname: written to buf ("" when the addresses
 * are DHCP). Returns buf. */
char *render_tls_suggest_cname(const struct plan *p, char *buf, size_t len);
/* The choice the wizards preselect for a new plan: tlsverify when a common name can be
 * suggested (a static client address; vic-machine's own default, and the only choice
 * that authenticates Docker clients), else no-tlsverify (with DHCP there is no address
 * to put in a certificate until the user types a name). A plan that names tls.mode, or
 * was loaded from a file, keeps its own. */
const char *render_tls_default(const struct plan *p);
/* Writes the wizards' TLS choice (an index into render_tls_modes) into the plan, the
 * same way for both faces: tls.mode when the plan named one, is new (never loaded or
 * saved) or the choice is not the default no-tlsverify; tls.cname from cname for
 * tlsverify (NULL or "": none), dropped for no-tls (unused there), kept for
 * no-tlsverify (vic-machine still puts it in the server certificate). */
void render_tls_apply(struct plan *p, size_t choice, const char *cname, bool new_plan);
/* Index of mode in render_tls_modes (NULL: no-tlsverify's). */
size_t render_tls_index(const char *mode);

/* POSIX shell quoting: the word as is when it needs no quotes, else in single quotes
 * ('it'\''s'); a word holding a character the sanitiser escapes (sanitize.h: controls,
 * bidi overrides, bytes that are not UTF-8) in $'...' with those bytes in octal
 * ($'pg\033]0;x\007'), so that no raw control is shown and a shell still gets the exact
 * bytes. Caller frees. */
char *render_shell_quote(const char *s);

#endif
