/* vchnet inventory: show (or save) what a vCenter has for planning. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "conn.h"
#include "err.h"
#include "goparse.h"
#include "inv.h"
#include "login.h"
#include "mem.h"
#include "sanitize.h"
#include "sig.h"
#include "vsphere.h"

static int inventory_exec(const struct cli_args *a)
{
	const char *datacenter = cli_value(a, "datacenter"), *format = cli_value(a, "format");
	const char *save = cli_value(a, "save"), *find = cli_value(a, "find");
	bool vchs = cli_flag(a, "vchs");
	int code = EXIT_OK;

	struct conn c;
	if (conn_resolve(&c, &a->conn, NULL, 0) < 0)
		return cli_usage_error("inventory", "%s", err_msg());

	/* Ctrl-C cancels the transfer, which logs out on its way out */
	sig_catch();
	struct inv *inv = login_open(&c, INV_SCOPE_ALL, NULL, sig_cancel, &code);
	sig_release();
	conn_free(&c);
	if (!inv) {
		fprintf(stderr, "vchnet: %s\n", san(err_msg()));
		return code;
	}

	if (datacenter && !inv_find(inv, INV_DATACENTER, datacenter, NULL)) {
		fprintf(stderr, "vchnet: %s\n", san(err_msg()));
		inv_free(inv);
		return EXIT_USAGE;
	}
	if (save) {
		if (inv_yaml_save(inv, save) < 0) {
			fprintf(stderr, "vchnet: %s\n", san(err_msg()));
			inv_free(inv);
			return EXIT_PROBLEMS;
		}
		fprintf(stderr, "vchnet: saved the inventory snapshot to %s\n", san(save));
	}
	if (find) {
		const struct inv_network *n = inv_find_network(inv, find, datacenter);
		if (!n) {
			fprintf(stderr, "vchnet: %s\n", san(err_msg()));
			/* vSphere names are case-sensitive: name the ones that differ only
			 * in case ("VM network" -> "VM Network") */
			for (size_t i = 0; i < inv->n_networks; i++)
				if (strcasecmp(inv->networks[i].o.name, find) == 0 &&
				    strcmp(inv->networks[i].o.name, find) != 0) {
					char *q = goparse_quote(inv->networks[i].o.name);
					fprintf(stderr, "Did you mean %s? Network names are "
						"case-sensitive.\n", san(q));
					free(q);
				}
			code = EXIT_PROBLEMS;
		} else {
			const struct inv_obj *dc = inv_find_id(inv, n->o.datacenter);
			int total, have = inv_network_hosts_in(inv, n, dc, &total);
			char *vlan = inv_vlan_text(n);
			/* one word per value: "trunk 0-4094" -> "trunk:0-4094" */
			for (char *p = vlan; *p; p++)
				if (*p == ' ')
					*p = ':';
			/* the switch as people know it: its name (the id when the switch
			 * itself is not visible); quoted when it has spaces, to stay one word */
			const struct inv_obj *sw = n->switch_id ? inv_find_id(inv, n->switch_id) : NULL;
			const char *swname = sw && sw->name ? sw->name : n->switch_id ? n->switch_id : "-";
			bool quote = strpbrk(swname, " \t\"") != NULL;
			/* one record, one line: field mode escapes CR, LF and backslashes */
			char *id = san_dup(n->o.id, SAN_FIELD), *vl = san_dup(vlan, SAN_FIELD);
			char *sn = san_dup(swname, SAN_FIELD), *pa = san_dup(n->o.path, SAN_FIELD);
			printf("kind=%s id=%s vlan=%s hosts=%d/%d uplink=%s nsx=%s switch=%s%s%s path=%s\n",
			       inv_net_kind_name(n->net_kind), id, *vl ? vl : "-", have, total,
			       n->uplink ? "yes" : "no", n->nsx ? "yes" : "no", quote ? "\"" : "",
			       sn, quote ? "\"" : "", pa);
			free(id);
			free(vl);
			free(sn);
			free(pa);
			free(vlan);
		}
	} else if (!save || format) {
		if (format && strcmp(format, "yaml") == 0) {
			if (inv_yaml_emit(inv, stdout, datacenter) < 0) {
				fprintf(stderr, "vchnet: %s\n", san(err_msg()));
				code = EXIT_PROBLEMS;
			}
		} else if (vchs) {
			inv_print_vchs(inv, stdout, datacenter);
		} else {
			inv_print_text(inv, stdout, datacenter);
		}
	}
	if (fflush(stdout) != 0)
		code = EXIT_PROBLEMS;
	login_done(inv);
	return code;
}

static const char *const formats[] = {"text", "yaml", NULL};

static const struct cli_opt options[] = {
	{.name = "vchs", .arg = CLI_FLAG,
	 .help = "list the existing VCHs with their networks instead"},
	{.name = "datacenter", .arg = CLI_VALUE, .metavar = "DC",
	 .help = "only this datacenter (name or path)"},
	{.name = "format", .arg = CLI_CHOICE, .metavar = "FORMAT", .choices = formats,
	 .help = "text (aligned tables, the default) or yaml (see vchnet(1))"},
	{.name = "save", .arg = CLI_VALUE, .metavar = "FILE",
	 .help = "write a snapshot (YAML, no secrets) to use with --inventory"},
	{.name = "find", .arg = CLI_VALUE, .metavar = "NETWORK",
	 .help = "resolve a network name, path or id and print one line of key=value facts "
		 "(exit 1 when missing or ambiguous)"},
	{0},
};

const struct cli_cmd cmd_inventory_entry = {
	.name = "inventory",
	.summary = "show the networks, hosts and datastores of a vCenter",
	.usage = "[--datacenter DC] [--format text|yaml] [--save FILE]\n[--vchs] [CONNECTION OPTIONS]",
	.about = "Shows the datacenters, compute resources, hosts, switches, port groups, opaque\n"
		 "and standard networks and datastores of a vCenter, and who uses each network\n"
		 "(USED BY: a VCH's bridge, or how many VMs are attached).\n",
	.opts = options,
	.epilog = "\n"
		  "Exit status: 0 success, 1 failed, 2 usage or unreadable input, 3 connection or\n"
		  "login failure, 60 untrusted certificate.\n",
	.needs = CLI_NEEDS_CONN,
	.exec = inventory_exec,
};
