/* firewall: the 2377/tcp host firewall check and its fix (see firewall.h). */
#include <stdlib.h>
#include <string.h>

#include "effective.h"
#include "err.h"
#include "finder.h"
#include "findings.h"
#include "firewall.h"
#include "inv.h"
#include "mem.h"
#include "netaddr.h"
#include "plan.h"
#include "rules.h"
#include "sanitize.h"
#include "vsphere.h"

const char *firewall_verdict_name(enum fw_verdict v)
{
	switch (v) {
	case FW_OK: return "OK";
	case FW_BLOCKED: return "BLOCKED";
	case FW_RESTRICTED: return "RESTRICTED";
	case FW_UNVERIFIABLE: return "UNVERIFIABLE";
	case FW_DISABLED: return "DISABLED";
	case FW_UNKNOWN: return "UNKNOWN";
	}
	return "?";
}

bool firewall_verdict_is_error(enum fw_verdict v)
{
	return v == FW_BLOCKED || v == FW_RESTRICTED;
}

const char *firewall_state_name(enum fw_state s)
{
	switch (s) {
	case FW_STATE_ON: return "on";
	case FW_STATE_PASS_OUT: return "on, outbound passes";
	case FW_STATE_OFF: return "off";
	case FW_STATE_UNKNOWN: return "unknown";
	}
	return "?";
}

static bool str_eq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* vic-machine's rule test (govmomi HostFirewallRulesetList.EnabledByRule): same
 * direction, port type and protocol; endPort 0 means the single port. */
static bool rule_matches(const struct inv_fw_rule *r)
{
	if (!str_eq(r->direction, "outbound") || !str_eq(r->port_type, "dst") ||
	    !str_eq(r->protocol, "tcp"))
		return false;
	if (r->end_port == 0)
		return r->port == FIREWALL_PORT;
	return r->port <= FIREWALL_PORT && FIREWALL_PORT <= r->end_port;
}

static bool ruleset_matches(const struct inv_ruleset *rs)
{
	for (size_t i = 0; i < rs->n_rules; i++)
		if (rule_matches(&rs->rules[i]))
			return true;
	return false;
}

static const struct inv_ruleset *find_ruleset(const struct inv_host *h, const char *key)
{
	for (size_t i = 0; i < h->n_rulesets; i++)
		if (str_eq(h->rulesets[i].key, key))
			return &h->rulesets[i];
	return NULL;
}

/* Is ip (parsed) allowed by the ruleset's list? Unparsable entries are ignored, as
 * vic-machine does. */
static bool list_allows(const struct strv *nets, const struct strv *addrs, const struct netaddr *ip)
{
	for (size_t i = 0; i < nets->n; i++) {
		struct netaddr_cidr c;
		if (netaddr_parse_cidr(nets->v[i], &c) == 0 && netaddr_cidr_contains(&c, ip))
			return true;
	}
	for (size_t i = 0; i < addrs->n; i++) {
		struct netaddr a;
		if (netaddr_parse_ip(addrs->v[i], &a) == 0 && netaddr_equal(&a, ip))
			return true;
	}
	return false;
}

static bool ruleset_allows(const struct inv_ruleset *rs, const struct netaddr *ip)
{
	return rs->all_ip || (ip && list_allows(&rs->ip_networks, &rs->ip_addresses, ip));
}

/* "[10.0.0.0/8 10.1.2.3]": Go's %s of a string slice, as vic-machine prints it. */
static char *bracket_list(const struct strv *l)
{
	char *j = strv_join(l, " ");
	char *s = xasprintf("[%s]", j);
	free(j);
	return s;
}

/* Parses "10.0.0.5" or "10.0.0.5/24"; false when it is neither. */
static bool parse_mgmt(const char *text, struct netaddr *out)
{
	struct netaddr_cidr c;
	if (!text)
		return false;
	if (netaddr_parse_cidr(text, &c) == 0) {
		*out = c.ip;
		return true;
	}
	return netaddr_parse_ip(text, out) == 0;
}

/* What --fix would enable on this host: the first of vic-engine and vSPC that exists,
 * covers 2377 and, once enabled, lets the management IP through. */
static void choose_fix_ruleset(const struct inv_host *h, const struct netaddr *ip, bool dhcp,
			       struct fw_host *out)
{
	const char *cands[] = {FIREWALL_RULESET_VIC, FIREWALL_RULESET_VSPC};
	struct strv notes = {0};
	for (size_t i = 0; i < 2; i++) {
		const struct inv_ruleset *rs = find_ruleset(h, cands[i]);
		if (!rs) {
			strv_push_owned(&notes, xasprintf("%s does not exist on this host%s", cands[i],
							  i == 0 ? " (ESXi before 6.7)" : ""));
			continue;
		}
		if (!ruleset_matches(rs)) {
			strv_push_owned(&notes, xasprintf("%s has no rule for dst %d/tcp outbound",
							  cands[i], FIREWALL_PORT));
			continue;
		}
		bool helps = rs->all_ip || (!dhcp && ip && ruleset_allows(rs, ip));
		if (rs->enabled && !helps) {
			strv_push_owned(&notes, xasprintf("%s is enabled but limited to its allowed IPs",
							  cands[i]));
			continue;
		}
		if (!helps) {
			strv_push_owned(&notes, xasprintf("%s allows only some IPs, not the management IP",
							  cands[i]));
			continue;
		}
		out->fix_ruleset = xstrdup(cands[i]);
		char *n = strv_join(&notes, "; ");
		out->fix_why = xasprintf("%s%s%s", *n ? n : "", *n ? "; " : "",
					 i == 0 ? "vic-engine opens outbound tcp 2377 only"
						: "vSPC opens ALL outbound tcp ports of the host");
		free(n);
		strv_free(&notes);
		return;
	}
	char *n = strv_join(&notes, "; ");
	out->fix_why = xasprintf("neither vic-engine nor vSPC can help: %s", n);
	free(n);
	strv_free(&notes);
}

/* What the enabled rulesets say about the management IP. */
enum rules_res { R_CORRECT, R_NONE, R_DHCP_LIST, R_OUTSIDE };

/* vic-machine's message for a host whose rulesets do not let the VCH through (res is not
 * R_CORRECT), as it words it with the firewall on: ipstr is the management IP, alw the
 * allowed list. */
static char *vic_refusal(const struct fw_host *out, enum rules_res res, const char *ipstr,
			 const char *alw)
{
	if (res == R_OUTSIDE)
		return xasprintf("Firewall configuration on \"%s\" does not permit dst %d/tcp "
				 "outbound for %s with allowed IPs: %s", out->path, FIREWALL_PORT,
				 ipstr, alw);
	if (res == R_DHCP_LIST)
		return xasprintf("Firewall configuration on \"%s\" may prevent connection on "
				 "dst %d/tcp outbound with allowed IPs: %s", out->path,
				 FIREWALL_PORT, alw);
	return xasprintf("Firewall configuration incorrect on hosts: \"%s\"", out->path);
}

/* How a host's firewall treats the VCH: the verdict and the facts its words need. */
struct judged {
	enum rules_res res;       /* what the enabled rulesets say (vic-machine's view) */
	struct netaddr ipbuf;
	const struct netaddr *ip; /* the management IP; NULL: DHCP */
	char ipstr[NETADDR_STRLEN]; /* the address as vic-machine prints it: no prefix */
};

/* Classifies the host: fills the facts of *out (state, rulesets, allowed IPs), its
 * verdict and whether vic-machine would disagree, and *j; no words yet. */
static void classify(const struct inv_host *h, const char *mgmt_ip, struct fw_host *out,
		     struct judged *j)
{
	j->ip = parse_mgmt(mgmt_ip, &j->ipbuf) ? &j->ipbuf : NULL;
	j->ipstr[0] = '\0';
	if (j->ip)
		netaddr_format(j->ip, j->ipstr);

	if (!h->have_firewall) {
		out->state = FW_STATE_UNKNOWN;
		out->verdict = FW_UNKNOWN;
		j->res = R_NONE;
		return;
	}

	out->state = !h->outgoing_blocked ? (h->incoming_blocked ? FW_STATE_PASS_OUT : FW_STATE_OFF)
					  : FW_STATE_ON;
	out->has_vic_engine = find_ruleset(h, FIREWALL_RULESET_VIC) != NULL;
	out->has_vspc = find_ruleset(h, FIREWALL_RULESET_VSPC) != NULL;

	struct strv nets = {0}, addrs = {0};
	for (size_t i = 0; i < h->n_rulesets; i++) {
		const struct inv_ruleset *rs = &h->rulesets[i];
		if (!rs->enabled || !ruleset_matches(rs))
			continue;
		strv_push(&out->rulesets, rs->key ? rs->key : "?");
		if (rs->all_ip)
			out->all_ip = true;
		for (size_t k = 0; k < rs->ip_networks.n; k++)
			if (!strv_contains(&nets, rs->ip_networks.v[k]))
				strv_push(&nets, rs->ip_networks.v[k]);
		for (size_t k = 0; k < rs->ip_addresses.n; k++)
			if (!strv_contains(&addrs, rs->ip_addresses.v[k]))
				strv_push(&addrs, rs->ip_addresses.v[k]);
	}
	if (!out->all_ip) {
		for (size_t k = 0; k < nets.n; k++)
			strv_push(&out->allowed, nets.v[k]);
		for (size_t k = 0; k < addrs.n; k++)
			strv_push(&out->allowed, addrs.v[k]);
	}

	/* vic-machine's view of the rules, ignoring the default policy */
	if (out->rulesets.n == 0)
		j->res = R_NONE;
	else if (out->all_ip)
		j->res = R_CORRECT;
	else if (!j->ip)
		j->res = out->allowed.n ? R_DHCP_LIST : R_NONE;
	else
		j->res = list_allows(&nets, &addrs, j->ip) ? R_CORRECT : R_OUTSIDE;
	strv_free(&nets);
	strv_free(&addrs);

	if (j->res == R_CORRECT) {
		out->verdict = FW_OK;
	} else if (out->state == FW_STATE_PASS_OUT) {
		/* vic-machine ignores the default policy: it would refuse this host although
		 * the traffic gets through */
		out->verdict = FW_OK;
		out->vic_disagrees = true;
	} else if (out->state == FW_STATE_OFF) {
		out->verdict = FW_DISABLED;
	} else if (j->res == R_NONE) {
		out->verdict = FW_BLOCKED;
	} else if (j->res == R_OUTSIDE) {
		out->verdict = FW_RESTRICTED;
	} else {
		out->verdict = FW_UNVERIFIABLE;
	}
}

/* What the enabled rulesets say about the management IP, in words. Caller frees. */
static char *why_rules(const struct fw_host *out, const struct judged *j, const char *rsl,
		       const char *alw)
{
	switch (j->res) {
	case R_CORRECT:
		return out->all_ip ? xasprintf("enabled ruleset %s allows dst %d/tcp outbound to all IPs",
					       rsl, FIREWALL_PORT)
				   : xasprintf("enabled ruleset %s allows dst %d/tcp outbound to %s "
					       "(allowed IPs %s)", rsl, FIREWALL_PORT, j->ipstr, alw);
	case R_NONE:
		return out->rulesets.n
			? xasprintf("enabled ruleset %s covers dst %d/tcp outbound but allows no IP at "
				    "all, and the management IP is DHCP", rsl, FIREWALL_PORT)
			: xasprintf("no enabled ruleset allows dst %d/tcp outbound", FIREWALL_PORT);
	case R_DHCP_LIST:
		return xasprintf("ruleset %s allows dst %d/tcp outbound only to %s, and the management "
				 "IP comes from DHCP, so it cannot be checked before the VCH exists",
				 rsl, FIREWALL_PORT, alw);
	case R_OUTSIDE:
		return xasprintf("the management IP %s is outside the allowed IPs %s of ruleset %s",
				 j->ipstr, alw, rsl);
	}
	return xstrdup("?");
}

/* Words the classified host: vic_message, reason and fix. */
static void word(struct fw_host *out, const struct judged *j)
{
	enum rules_res res = j->res;
	const char *ipstr = j->ipstr;

	if (out->verdict == FW_UNKNOWN) {
		out->vic_message = xasprintf("Firewall configuration unavailable on \"%s\"", out->path);
		out->reason = xstrdup("the host reported no firewall information "
				      "(HostSystem.config.firewall is unset), so nobody can tell "
				      "whether it lets dst 2377/tcp outbound through");
		out->fix = xasprintf("look at the host's firewall in the vSphere Client (%s > "
				     "Configure > Firewall) and check that the user may read the "
				     "host configuration", out->name);
		out->fix_why = xstrdup("no firewall information: vchnet cannot tell what to enable");
		return;
	}

	char *rsl = strv_join(&out->rulesets, ", ");
	char *alw = bracket_list(&out->allowed);
	char *why = why_rules(out, j, rsl, alw);
	const char *open_ruleset = out->has_vic_engine ? FIREWALL_RULESET_VIC : FIREWALL_RULESET_VSPC;

	switch (out->verdict) {
	case FW_OK:
		if (!out->vic_disagrees) {
			out->vic_message = xasprintf("Firewall configuration OK on hosts: \"%s\"",
						     out->path);
			out->reason = xstrdup(why);
			break;
		}
		out->vic_message = vic_refusal(out, res, ipstr, alw);
		out->reason = xasprintf("%s, but the default policy lets outbound traffic through, so "
					"the VCH is reachable; vic-machine ignores the default policy "
					"and %s this host", why,
					res == R_DHCP_LIST ? "warns about" : "will refuse");
		if (res != R_DHCP_LIST)
			out->fix = xasprintf("enable ruleset %s on %s (vchnet firewall --fix) so that "
					     "vic-machine create accepts the host", open_ruleset,
					     out->name);
		break;
	case FW_DISABLED:
		out->vic_message = res == R_OUTSIDE
			? vic_refusal(out, res, ipstr, alw)
			: res == R_DHCP_LIST
			? xasprintf("Firewall configuration may be incorrect if firewall is reenabled on "
				    "hosts: \"%s\"", out->path)
			: xasprintf("Firewall configuration will be incorrect if firewall is reenabled "
				    "on hosts: \"%s\"", out->path);
		out->reason = xasprintf("the firewall is off (the default policy passes all traffic); "
					"if it is turned on: %s", why);
		out->fix = res == R_OUTSIDE || res == R_DHCP_LIST
			? xasprintf("before turning the firewall on, allow %s in ruleset %s on %s",
				    j->ip ? ipstr : "the VCH's DHCP addresses", rsl, out->name)
			: xasprintf("enable ruleset %s on %s now (vchnet firewall --fix) so that the "
				    "VCH keeps working when the firewall is turned on",
				    open_ruleset, out->name);
		break;
	case FW_BLOCKED:
		out->vic_message = vic_refusal(out, res, ipstr, alw);
		out->reason = xasprintf("%s, and the default policy blocks outbound traffic", why);
		out->fix = out->has_vic_engine || !out->has_vspc
			? xasprintf("enable ruleset vic-engine on %s (vchnet firewall --fix)%s", out->name,
				    out->has_vic_engine ? "" : ", or vSPC where vic-engine does not exist")
			: xasprintf("enable ruleset vSPC on %s (vchnet firewall --fix): vic-engine does "
				    "not exist there (ESXi before 6.7)", out->name);
		break;
	case FW_RESTRICTED: {
		char net24[NETADDR_STRLEN + 8] = "";
		if (netaddr_is4(j->ip)) {
			struct netaddr_cidr c = {.ip = *j->ip, .prefix = 24, .bits = 32};
			char *n = netaddr_cidr_net_str(&c);
			snprintf(net24, sizeof net24, "%s", n);
			free(n);
		}
		out->vic_message = vic_refusal(out, res, ipstr, alw);
		out->reason = xasprintf("%s, and the default policy blocks outbound traffic", why);
		if (*net24)
			out->fix = xasprintf("add %s (or its network %s) to the allowed IPs of ruleset %s "
					     "on %s, or open dst 2377/tcp to all IPs (vchnet firewall "
					     "--fix --allow-all-ips)", ipstr, net24, rsl, out->name);
		else
			out->fix = xasprintf("add %s to the allowed IPs of ruleset %s on %s, or open "
					     "dst 2377/tcp to all IPs (vchnet firewall --fix --allow-all-ips)", ipstr,
					     rsl, out->name);
		break;
	}
	case FW_UNVERIFIABLE:
		out->vic_message = vic_refusal(out, res, ipstr, alw);
		out->reason = xstrdup(why);
		out->fix = xasprintf("give the management role a static IP inside %s, or make sure "
				     "the DHCP server hands out addresses inside it (and add them to "
				     "ruleset %s), or open dst 2377/tcp to all IPs (vchnet firewall --fix "
				     "--allow-all-ips)", alw, rsl);
		break;
	case FW_UNKNOWN:
		break;
	}
	free(why);
	free(rsl);
	free(alw);
}

void firewall_judge_host(const struct inv_host *h, const char *mgmt_ip, struct fw_host *out)
{
	struct judged j;

	memset(out, 0, sizeof *out);
	out->id = xstrdup(h->o.id);
	out->name = xstrdup(h->o.name ? h->o.name : h->o.id);
	out->path = xstrdup(h->o.path ? h->o.path : out->name);
	out->firewall_system = xstrdup(h->firewall_system);

	classify(h, mgmt_ip, out, &j);
	word(out, &j);
	if (out->verdict != FW_UNKNOWN && (out->verdict != FW_OK || out->vic_disagrees))
		choose_fix_ruleset(h, j.ip, !j.ip, out);
}

void firewall_host_free(struct fw_host *h)
{
	free(h->id);
	free(h->name);
	free(h->path);
	free(h->firewall_system);
	strv_free(&h->rulesets);
	strv_free(&h->allowed);
	free(h->vic_message);
	free(h->reason);
	free(h->fix);
	free(h->fix_ruleset);
	free(h->fix_why);
	free(h->fix_applied);
	free(h->fix_error);
	memset(h, 0, sizeof *h);
}

void firewall_report_free(struct fw_report *r)
{
	for (size_t i = 0; i < r->n_hosts; i++)
		firewall_host_free(&r->hosts[i]);
	free(r->hosts);
	free(r->mgmt_ip);
	free(r->mgmt_from);
	free(r->compute);
	free(r->datastore);
	strv_free(&r->skipped);
	memset(r, 0, sizeof *r);
}

int firewall_check(const struct inv *inv, const struct plan *p, struct fw_report *out)
{
	memset(out, 0, sizeof *out);
	struct finder_target t;
	if (finder_target(inv, p, &t, NULL) < 0)
		return err_prefix("firewall check");

	struct effective e;
	effective_compute(p, &e);
	const struct effective_role *m = &e.role[PLAN_ROLE_MANAGEMENT];
	if (m->ip) {
		const char *slash = strchr(m->ip, '/');
		out->mgmt_ip = slash ? xstrndup(m->ip, (size_t)(slash - m->ip)) : xstrdup(m->ip);
	}
	if (m->propagated && m->from != PLAN_ROLE_MANAGEMENT)
		out->mgmt_from = xasprintf("the %s role's address: management shares its port "
					   "group", plan_role_name(m->from));
	else if (m->defaulted)
		out->mgmt_from = xasprintf("management role, port group defaulted from %s",
					   p->client_net.port_group ? "client" : "public");
	else
		out->mgmt_from = xstrdup("management role");
	out->compute = xstrdup(t.compute->o.path ? t.compute->o.path : t.compute->o.name);
	out->datastore = xstrdup(t.datastore->o.name);

	out->hosts = xcalloc(t.compute->hosts.n ? t.compute->hosts.n : 1, sizeof *out->hosts);
	for (size_t i = 0; i < t.compute->hosts.n; i++) {
		const char *hid = t.compute->hosts.v[i];
		const struct inv_obj *o = inv_find_id(inv, hid);
		if (!o || o->kind != INV_HOST) {
			strv_push_owned(&out->skipped, xasprintf("%s: not in the inventory", hid));
			continue;
		}
		const struct inv_host *h = (const struct inv_host *)o;
		if (!strv_contains(&t.datastore->hosts, hid)) {
			strv_push_owned(&out->skipped, xasprintf("%s: does not mount %s", o->name,
								 t.datastore->o.name));
			continue;
		}
		if (h->connection_state && strcmp(h->connection_state, "connected") != 0) {
			strv_push_owned(&out->skipped, xasprintf("%s: %s", o->name, h->connection_state));
			continue;
		}
		firewall_judge_host(h, out->mgmt_ip, &out->hosts[out->n_hosts++]);
	}
	return 0;
}

size_t firewall_count(const struct fw_report *r, enum fw_verdict v)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n_hosts; i++)
		n += r->hosts[i].verdict == v;
	return n;
}

bool firewall_blocking(const struct fw_report *r)
{
	return firewall_count(r, FW_BLOCKED) + firewall_count(r, FW_RESTRICTED) > 0;
}

int firewall_findings(const struct fw_report *r, struct findings *out)
{
	static const char *const codes[] = {
		[FW_OK] = "firewall-vic-disagrees", [FW_BLOCKED] = "firewall-blocked",
		[FW_RESTRICTED] = "firewall-restricted", [FW_UNVERIFIABLE] = "firewall-unverifiable",
		[FW_DISABLED] = "firewall-disabled", [FW_UNKNOWN] = "firewall-unknown",
	};
	int errors = 0;
	const char *ip_path = "networks.management.ip";
	if (r->n_hosts == 0)
		findings_add(out, FINDING_WARNING, "firewall-no-hosts", "target.imageStore", false,
			     "mount the image datastore on the compute resource's hosts, or choose "
			     "one they mount",
			     "firewall check: no connected host of %s mounts the image datastore %s, so "
			     "no host firewall was checked", r->compute, r->datastore);
	for (size_t i = 0; i < r->n_hosts; i++) {
		const struct fw_host *h = &r->hosts[i];
		if (h->verdict == FW_OK && !h->vic_disagrees)
			continue;
		bool err = firewall_verdict_is_error(h->verdict);
		errors += err;
		const char *path = h->verdict == FW_RESTRICTED || h->verdict == FW_UNVERIFIABLE
			? ip_path : "target.computeResource";
		findings_add(out, err ? FINDING_ERROR : FINDING_WARNING, codes[h->verdict], path, false,
			     h->fix, "firewall of host %s: %s: %s (vic-machine: %s)", h->name,
			     firewall_verdict_name(h->verdict), h->reason, h->vic_message);
	}
	if (errors)
		findings_add(out, FINDING_ERROR, "firewall-must-permit", "target.computeResource", true,
			     "run 'vchnet firewall PLAN' for the per-host table and "
			     "'vchnet firewall --fix PLAN' to open the hosts",
			     "Firewall must permit dst 2377/tcp outbound to the VCH management interface");
	return errors + (errors ? 1 : 0);
}

/* ---- text ------------------------------------------------------------------------ */

/* s is already sanitised: its display width is what the padding needs */
static void pad(FILE *out, const char *s, size_t w)
{
	fputs(s, out);
	for (size_t n = san_width(s); n < w; n++)
		fputc(' ', out);
}

static char *rulesets_text(const struct fw_host *h)
{
	if (h->state == FW_STATE_UNKNOWN)
		return xstrdup("?");
	return h->rulesets.n ? strv_join(&h->rulesets, ",") : xstrdup("-");
}

static char *allowed_text(const struct fw_host *h)
{
	if (h->state == FW_STATE_UNKNOWN || h->rulesets.n == 0)
		return xstrdup("-");
	if (h->all_ip)
		return xstrdup("all");
	return h->allowed.n ? strv_join(&h->allowed, ",") : xstrdup("none");
}

char *firewall_scope_text(const struct fw_report *r)
{
	char *sk = strv_join(&r->skipped, "; ");
	char *s = xasprintf("%zu host%s checked: those of %s that mount the image datastore %s "
			    "and are connected, as vic-machine does%s%s%s", r->n_hosts,
			    r->n_hosts == 1 ? "" : "s", r->compute, r->datastore,
			    r->skipped.n ? " (skipped: " : "", sk, r->skipped.n ? ")" : "");
	free(sk);
	return s;
}

void firewall_print(FILE *out, const struct fw_report *r)
{
	fprintf(out, "Hosts checked: those of %s that mount the image datastore %s and are "
		     "connected (as vic-machine does): %zu\n", san(r->compute), san(r->datastore), r->n_hosts);
	for (size_t i = 0; i < r->skipped.n; i++)
		fprintf(out, "  skipped %s\n", san(r->skipped.v[i]));
	if (r->mgmt_ip)
		fprintf(out, "VCH management IP: %s (static, %s)\n", san(r->mgmt_ip), san(r->mgmt_from));
	else
		fprintf(out, "VCH management IP: DHCP (%s)\n", san(r->mgmt_from));
	fprintf(out, "Needed: an enabled ruleset allowing dst %d/tcp outbound to that IP\n\n",
		FIREWALL_PORT);
	if (r->n_hosts == 0) {
		fputs("No host to check.\n", out);
		return;
	}
	static const char *const head[] = {"HOST", "FIREWALL", "RULESETS", "ALLOWED IPS", "VERDICT"};
	size_t w[5];
	for (int c = 0; c < 5; c++)
		w[c] = strlen(head[c]);
	char *(*cells)[5] = xcalloc(r->n_hosts, sizeof *cells);
	for (size_t i = 0; i < r->n_hosts; i++) {
		const struct fw_host *h = &r->hosts[i];
		char *rs = rulesets_text(h), *al = allowed_text(h);
		cells[i][0] = san_dup(h->name, SAN_DISPLAY);
		cells[i][1] = xstrdup(firewall_state_name(h->state));
		cells[i][2] = san_dup(rs, SAN_DISPLAY);
		cells[i][3] = san_dup(al, SAN_DISPLAY);
		cells[i][4] = xstrdup(firewall_verdict_name(h->verdict));
		free(rs);
		free(al);
		for (int c = 0; c < 5; c++)
			if (san_width(cells[i][c]) > w[c])
				w[c] = san_width(cells[i][c]);
	}
	for (int c = 0; c < 5; c++) {
		pad(out, head[c], c < 4 ? w[c] + 2 : 0);
	}
	fputc('\n', out);
	for (size_t i = 0; i < r->n_hosts; i++) {
		const struct fw_host *h = &r->hosts[i];
		for (int c = 0; c < 5; c++)
			pad(out, cells[i][c], c < 4 ? w[c] + 2 : 0);
		fputc('\n', out);
		fprintf(out, "    reason: %s\n", san(h->reason));
		fprintf(out, "    vic-machine: %s\n", san(h->vic_message));
		if (h->fix)
			fprintf(out, "    fix: %s\n", san(h->fix));
		for (int c = 0; c < 5; c++)
			free(cells[i][c]);
	}
	free(cells);
	fprintf(out, "\n%zu host%s: %zu OK, %zu BLOCKED, %zu RESTRICTED, %zu UNVERIFIABLE, "
		     "%zu DISABLED, %zu UNKNOWN\n", r->n_hosts, r->n_hosts == 1 ? "" : "s",
		firewall_count(r, FW_OK), firewall_count(r, FW_BLOCKED),
		firewall_count(r, FW_RESTRICTED), firewall_count(r, FW_UNVERIFIABLE),
		firewall_count(r, FW_DISABLED), firewall_count(r, FW_UNKNOWN));
}

/* ---- fix ------------------------------------------------------------------------- */

size_t firewall_plan_fix(struct fw_report *r, bool allow_all_ips)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n_hosts; i++) {
		struct fw_host *h = &r->hosts[i];
		h->fix_action = FW_FIX_NONE;
		if (h->verdict == FW_OK && !h->vic_disagrees)
			continue;
		if (h->verdict == FW_UNKNOWN || !h->fix_ruleset || !h->firewall_system) {
			h->fix_action = FW_FIX_CANNOT;
			if (!h->fix_why)
				h->fix_why = xstrdup("the host has no firewall system to change");
			continue;
		}
		/* a host limited by an allowed-IP list is opened to every IP only on request */
		bool widens = h->rulesets.n > 0 && !h->all_ip;
		if (widens && !allow_all_ips) {
			h->fix_action = FW_FIX_NEEDS_ALLOW;
			continue;
		}
		h->fix_action = FW_FIX_ENABLE;
		n++;
	}
	return n;
}

void firewall_print_plan(FILE *out, const struct fw_report *r)
{
	for (size_t i = 0; i < r->n_hosts; i++) {
		const struct fw_host *h = &r->hosts[i];
		switch (h->fix_action) {
		case FW_FIX_NONE:
			break;
		case FW_FIX_ENABLE:
			fprintf(out, "  %s: enable ruleset %s (%s; now %s)\n", san(h->name),
				san(h->fix_ruleset), san(h->fix_why), firewall_verdict_name(h->verdict));
			break;
		case FW_FIX_NEEDS_ALLOW:
			fprintf(out, "  %s: NOT changed: it is %s because its ruleset %s allows only "
				     "some IPs; --fix would enable %s, which opens %s to ALL IPs (%s). "
				     "Either add the management IP to the allowed IPs of %s (vSphere "
				     "Client: %s > Configure > Firewall > Edit), or rerun with "
				     "--allow-all-ips\n", san(h->name), firewall_verdict_name(h->verdict),
				san(h->rulesets.v[0]), san(h->fix_ruleset),
				strcmp(h->fix_ruleset, FIREWALL_RULESET_VSPC) == 0
					? "every outbound tcp port" : "dst 2377/tcp outbound",
				san(h->fix_why), san(h->rulesets.v[0]), san(h->name));
			break;
		case FW_FIX_CANNOT:
			fprintf(out, "  %s: NOT changed: %s\n", san(h->name), san(h->fix_why));
			break;
		}
	}
}

static struct fw_host *find_host(struct fw_report *r, const char *id)
{
	for (size_t i = 0; i < r->n_hosts; i++)
		if (str_eq(r->hosts[i].id, id))
			return &r->hosts[i];
	return NULL;
}

static bool has_ruleset(const struct fw_host *h, const char *key)
{
	return strv_contains(&h->rulesets, key);
}

/* Enables one ruleset; the message names the privilege and the host when it is missing. */
static int enable(struct vsphere *vs, struct fw_host *h, const char *key)
{
	if (vsphere_enable_ruleset(vs, h->firewall_system, key) == 0)
		return 0;
	if (err_kind() == ERR_PERMISSION)
		return err_setk(ERR_PERMISSION, "enabling ruleset %s on host %s: permission denied: the user needs "
			       "the privilege %s on host %s (%s); ask a vSphere administrator to "
			       "grant it", key, h->name, FIREWALL_PRIVILEGE, h->name, h->path);
	return err_prefix("enabling ruleset %s on host %s", key, h->name);
}

int firewall_fix(struct vsphere *vs, const struct plan *p, struct inv **inv, struct fw_report *r)
{
	size_t changed = 0;
	for (size_t i = 0; i < r->n_hosts; i++) {
		struct fw_host *h = &r->hosts[i];
		if (h->fix_action != FW_FIX_ENABLE)
			continue;
		changed++;
		if (enable(vs, h, h->fix_ruleset) == 0)
			continue;
		/* like vic-machine: where vic-engine does not exist after all, vSPC; unlike
		 * vic-machine, say which one was used */
		if (strcmp(h->fix_ruleset, FIREWALL_RULESET_VIC) == 0 && err_kind() == ERR_NOT_FOUND) {
			char *first = xstrdup(err_msg());
			if (enable(vs, h, FIREWALL_RULESET_VSPC) == 0) {
				free(h->fix_ruleset);
				h->fix_ruleset = xstrdup(FIREWALL_RULESET_VSPC);
				free(h->fix_why);
				h->fix_why = xasprintf("vic-engine does not exist on this host (%s); vSPC "
						       "opens ALL outbound tcp ports of the host", first);
				free(first);
				continue;
			}
			free(first);
		}
		h->fix_error = xstrdup(err_msg());
	}
	if (changed == 0)
		return 0;

	/* re-check: the inventory again (as much as the caller had: it gets this one in
	 * its place), one RetrievePropertiesEx for every host */
	struct inv *fresh = inv_fetch(vs, true, 0, (*inv)->scope);
	if (!fresh)
		return err_prefix("checking the firewalls again after the change");
	struct fw_report nr;
	if (firewall_check(fresh, p, &nr) < 0) {
		firewall_report_free(&nr);
		inv_free(fresh);
		return -1;
	}
	int failed = 0;
	for (size_t i = 0; i < r->n_hosts; i++) {
		struct fw_host *old = &r->hosts[i];
		struct fw_host *nh = find_host(&nr, old->id);
		if (!nh) {
			if (old->fix_action == FW_FIX_ENABLE)
				failed++;
			continue;
		}
		nh->fix_action = old->fix_action;
		if (old->fix_action == FW_FIX_NONE)
			continue;
		free(nh->fix_ruleset);
		nh->fix_ruleset = old->fix_ruleset;
		old->fix_ruleset = NULL;
		free(nh->fix_why);
		nh->fix_why = old->fix_why;
		old->fix_why = NULL;
		nh->fix_error = old->fix_error;
		old->fix_error = NULL;
		if (nh->fix_action != FW_FIX_ENABLE)
			continue;
		if (!nh->fix_error && has_ruleset(nh, nh->fix_ruleset))
			nh->fix_applied = xstrdup(nh->fix_ruleset);
		else if (!nh->fix_error)
			nh->fix_error = xasprintf("EnableRuleset %s was accepted, but the host still "
						  "does not report it enabled", nh->fix_ruleset);
		if (nh->fix_error)
			failed++;
	}
	firewall_report_free(r);
	*r = nr;
	inv_free(*inv);
	*inv = fresh;
	return failed;
}

void firewall_print_fix(FILE *out, const struct fw_report *r)
{
	for (size_t i = 0; i < r->n_hosts; i++) {
		const struct fw_host *h = &r->hosts[i];
		if (h->fix_action != FW_FIX_ENABLE)
			continue;
		if (h->fix_applied)
			fprintf(out, "  %s: ruleset %s enabled%s; now %s\n", san(h->name),
				san(h->fix_applied),
				strcmp(h->fix_applied, FIREWALL_RULESET_VSPC) == 0
					? " (vSPC: all outbound tcp, because vic-engine is not there)" : "",
				firewall_verdict_name(h->verdict));
		else
			fprintf(out, "  %s: FAILED: %s; now %s\n", san(h->name),
				h->fix_error ? san(h->fix_error) : "unknown error",
				firewall_verdict_name(h->verdict));
	}
}
