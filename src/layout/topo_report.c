/* topo_report: see topo_report.h. */
#include "topo_report.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "err.h"
#include "fileio.h"
#include "layout.h"
#include "mem.h"
#include "plan.h"
#include "render.h"
#include "topo_svg.h"

struct html {
	char *s;
	size_t len, cap;
};

static void raw(struct html *h, const char *s)
{
	size_t n = strlen(s);
	xgrow(&h->s, &h->cap, h->len + n + 1, 1);
	memcpy(h->s + h->len, s, n + 1);
	h->len += n;
}

/* Markup with %s arguments that are escaped first: every argument is outside text. */
static void put(struct html *h, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	for (const char *p = fmt; *p; p++) {
		if (p[0] == '%' && p[1] == 's') {
			char *e = topo_xml_escape(va_arg(ap, const char *));
			raw(h, e);
			free(e);
			p++;
		} else if (p[0] == '%' && p[1] == 'd') {
			char b[24];
			snprintf(b, sizeof b, "%d", va_arg(ap, int));
			raw(h, b);
			p++;
		} else {
			char c[2] = {*p, 0};
			raw(h, c);
		}
	}
	va_end(ap);
}

static void row(struct html *h, const char *key, const char *val)
{
	put(h, "<tr><th scope=\"row\">%s</th><td>%s</td></tr>\n", key, val ? val : "");
}

static const char css[] =
	"body{font-family:sans-serif;color:#1b1f24;margin:24px auto;max-width:1180px;padding:0 16px;"
	"line-height:1.4}\n"
	"h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ccd3dc;"
	"padding-bottom:3px}\n"
	".meta{color:#4d5763;margin:0 0 12px}\n"
	".summary{padding:8px 12px;border:1px solid #ccd3dc;border-left:6px solid #44546a;background:#f6f8fa}\n"
	".summary.bad{border-left-color:#c0392b}.summary.warn{border-left-color:#b9770e}\n"
	"figure{margin:0;overflow-x:auto}figure svg{display:block;box-sizing:border-box;max-width:100%;height:auto;border:1px solid #dde3ea}\n"
	"table{border-collapse:collapse;margin:6px 0;width:100%}\n"
	"th,td{border:1px solid #ccd3dc;padding:3px 7px;text-align:left;vertical-align:top;font-size:13px}\n"
	"th{background:#eef2f6}td.mono,pre{font-family:monospace}\n"
	"pre{background:#f6f8fa;border:1px solid #ccd3dc;padding:8px;white-space:pre-wrap;"
	"overflow-wrap:anywhere;font-size:12px}\n"
	".error{color:#c0392b;font-weight:bold}.warning{color:#b9770e;font-weight:bold}\n"
	".ok{color:#1e7b34;font-weight:bold}\n"
	"@page{size:A4;margin:14mm}\n"
	"@media print{body{margin:0;max-width:none;padding:0;font-size:11px}"
	"figure{overflow:visible}figure svg{border:none;width:100%}"
	"h2{break-after:avoid}figure,tr,pre{break-inside:avoid}"
	"th,td{font-size:10px}pre{font-size:9px}}\n";

/* Who else is on port group i of t: "-" when nobody, "(not found)" when the inventory
 * does not have it. */
static const char *used_by(const struct layout_topo *t, int i)
{
	if (i < 0 || (size_t)i >= t->n_pgs)
		return "-";
	const struct layout_pg *g = &t->pgs[i];
	if (g->in_use)
		return g->in_use;
	return g->type ? "-" : "(not found)";
}

static void choices(struct html *h, const struct plan *p, const struct layout_topo *t)
{
	char *s;

	put(h, "<h2 id=\"choices\">Choices</h2>\n<table>\n");
	row(h, "VCH name", p->name);
	row(h, "VIC version", t->vic_version);
	row(h, "vCenter or ESXi", p->target.url);
	row(h, "Datacenter", p->target.datacenter);
	row(h, "Compute resource", p->target.compute_resource);
	row(h, "Image datastore", p->target.image_store);
	row(h, "TLS", p->tls.mode ? p->tls.mode : "no-tlsverify (default)");
	s = xasprintf("%d of at most %d", t->nics.n_nics, t->nics.max_nics);
	row(h, "NICs of the endpoint VM", s);
	free(s);
	row(h, "DNS servers", t->dns_text);
	if (p->proxy.https)
		row(h, "HTTPS proxy", p->proxy.https);
	if (p->proxy.http)
		row(h, "HTTP proxy", p->proxy.http);
	if (p->proxy.no_proxy.n) {
		s = strv_join(&p->proxy.no_proxy, ", ");
		row(h, "No proxy for", s);
		free(s);
	}
	/* who else is on each port group, when the inventory was asked */
	put(h, "</table>\n<table>\n<tr><th>Role</th><th>Port group</th><th>NIC</th><th>Address</th>"
	       "<th>Gateway and routes</th>");
	put(h, t->live ? "<th>Also used by</th></tr>\n" : "</tr>\n");
	for (int r = 0; r < PLAN_ROLE_COUNT; r++) {
		const struct layout_role *lr = &t->role[r];
		char *gw = layout_role_gateway(t, (enum plan_role)r), nic[16];
		char *pg = lr->port_group ? xasprintf("%s%s", lr->port_group, lr->defaulted ? " (defaulted)" : "")
					  : xstrdup("(none)");
		snprintf(nic, sizeof nic, lr->nic >= 0 ? "%d" : "-", lr->nic + 1);
		if (r == PLAN_ROLE_BRIDGE) {
			free(gw);
			gw = xasprintf("a /%d per bridge network", t->bridge_width);
		}
		put(h, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td><td class=\"mono\">%s</td>"
		       "<td class=\"mono\">%s</td>",
		    plan_role_name((enum plan_role)r), pg, nic, layout_role_addr(t, (enum plan_role)r), gw ? gw : "");
		if (t->live)
			put(h, "<td>%s</td>", used_by(t, lr->pg));
		put(h, "</tr>\n");
		free(pg);
		free(gw);
	}
	put(h, "</table>\n");
	if (t->n_cnets) {
		put(h, "<table>\n<tr><th>Container network</th><th>Port group</th><th>Addresses</th><th>DNS</th>"
		       "<th>Firewall</th>");
		put(h, t->live ? "<th>Also used by</th></tr>\n" : "</tr>\n");
		for (size_t i = 0; i < t->n_cnets; i++) {
			const struct layout_cnet *c = &t->cnets[i];
			char *a = layout_cnet_addr(c), *d = c->dns->n ? strv_join(c->dns, ", ") : xstrdup("");
			char *fw = xasprintf("%s%s", c->firewall, c->firewall_default ? " (default)" : "");
			put(h, "<tr><th scope=\"row\">%s</th><td>%s</td><td class=\"mono\">%s</td>"
			       "<td class=\"mono\">%s</td><td>%s</td>",
			    c->alias, c->port_group ? c->port_group : "(none)", a, d, fw);
			if (t->live)
				put(h, "<td>%s</td>", used_by(t, c->pg));
			put(h, "</tr>\n");
			free(a);
			free(d);
			free(fw);
		}
		put(h, "</table>\n");
	}
}

static void findings(struct html *h, const struct plan *p, const struct layout_topo *t, const char *file)
{
	put(h, "<h2 id=\"findings\">Findings</h2>\n");
	put(h, "<p>%s</p>\n", t->live ? "The offline rules and the live checks against vCenter."
				       : "The offline rules only: the plan was not checked against vCenter "
					 "(port groups, hosts and firewalls unchecked).");
	if (!t->n_problems) {
		put(h, "<p class=\"ok\">No problems found.</p>\n");
		return;
	}
	put(h, "<table>\n<tr><th>#</th><th>Severity</th><th>Finding</th><th>Where</th><th>How to fix it</th></tr>\n");
	for (size_t i = 0; i < t->n_problems; i++) {
		const struct layout_problem *q = &t->problems[i];
		struct plan_pos pos = q->path ? plan_pos(p, q->path) : (struct plan_pos){0};
		char num[24], *where;
		snprintf(num, sizeof num, "%c%zu", q->sev == LAYOUT_MARK_ERROR ? 'E' : 'W', i + 1);
		if (pos.line && file)
			where = xasprintf("%s (%s:%d:%d)", q->path, file, pos.line, pos.col);
		else
			where = xstrdup(q->path ? q->path : "");
		put(h, "<tr><td>%s</td><td class=\"%s\">%s</td><td>%s <small>[%s]</small></td><td class=\"mono\">%s</td>"
		       "<td>%s</td></tr>\n",
		    num, layout_mark_name(q->sev), layout_mark_name(q->sev), q->message, q->code, where,
		    q->hint ? q->hint : "");
		free(where);
	}
	put(h, "</table>\n");
}

static void firewall(struct html *h, const struct layout_topo *t)
{
	put(h, "<h2 id=\"firewall\">ESXi host firewalls (2377/tcp out to the VCH)</h2>\n");
	if (!t->fw_checked) {
		put(h, "<p>Not checked: run <code>vchnet report</code> with a connection (--url, or --inventory "
		       "with a saved snapshot) to check each host.</p>\n");
		return;
	}
	put(h, "<p>%s. VCH management address judged: %s.</p>\n", t->fw_scope ? t->fw_scope : "",
	    t->fw_mgmt_ip ? t->fw_mgmt_ip : "DHCP");
	put(h, "<table>\n<tr><th>Host</th><th>Firewall</th><th>Rulesets</th><th>Allowed IPs</th><th>Verdict</th>"
	       "<th>Why, and the fix</th></tr>\n");
	for (size_t i = 0; i < t->n_hosts; i++) {
		const struct layout_host *x = &t->hosts[i];
		const char *cls = x->mark == LAYOUT_MARK_ERROR ? "error" : x->mark ? "warning" : "ok";
		put(h, "<tr><td>%s</td><td>%s</td><td>%s</td><td class=\"mono\">%s</td><td class=\"%s\">%s</td><td>%s",
		    x->name, x->state, x->rulesets, x->allowed, cls, x->verdict, x->reason ? x->reason : "");
		if (x->fix)
			put(h, "<br/>Fix: %s", x->fix);
		if (x->vic_message)
			put(h, "<br/>vic-machine: %s", x->vic_message);
		put(h, "</td></tr>\n");
	}
	put(h, "</table>\n");
}

char *topo_report_html(const struct topo_report_in *in)
{
	struct html h = {0};
	const struct layout_topo *t = in->topo;
	size_t errors = 0, warnings = 0;
	char *svg, *cmd;
	int w, ht;

	for (size_t i = 0; i < t->n_problems; i++) {
		if (t->problems[i].sev == LAYOUT_MARK_ERROR)
			errors++;
		else
			warnings++;
	}
	raw(&h, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
	put(&h, "<title>VCH network plan review: %s</title>\n", t->name ? t->name : "(unnamed)");
	raw(&h, "<style>\n");
	raw(&h, css);
	raw(&h, "</style>\n</head>\n<body>\n");
	put(&h, "<h1>VCH network plan review: %s</h1>\n", t->name ? t->name : "(unnamed)");
	put(&h, "<p class=\"meta\">Plan %s, report written %s by vchnet %s.%s%s%s</p>\n",
	    in->plan_file ? in->plan_file : "(not saved)", in->generated_at ? in->generated_at : "", PACKAGE_VERSION,
	    t->live ? " Live checks against vCenter at " : " Offline checks only",
	    t->live ? t->checked_at : "", ".");
	{
		char *s = xasprintf("%zu error%s, %zu warning%s. %s", errors, errors == 1 ? "" : "s", warnings,
				    warnings == 1 ? "" : "s",
				    errors ? "vic-machine create would refuse this plan as it stands."
					   : "Nothing here would stop vic-machine create.");
		put(&h, "<p class=\"summary%s\">%s</p>\n", errors ? " bad" : warnings ? " warn" : "", s);
		free(s);
	}
	put(&h, "<h2 id=\"diagram\">Network layout</h2>\n");
	svg = topo_svg_inline(t, &w, &ht);
	put(&h, "<figure>\n");
	raw(&h, svg);
	put(&h, "</figure>\n");
	free(svg);

	choices(&h, in->plan, t);
	findings(&h, in->plan, t, in->plan_file);
	firewall(&h, t);

	put(&h, "<h2 id=\"command\">The vic-machine command</h2>\n");
	cmd = render_command(in->plan);
	if (cmd)
		put(&h, "<pre>%s</pre>\n", cmd);
	else
		put(&h, "<p class=\"error\">No command yet: %s</p>\n", err_msg());
	free(cmd);

	put(&h, "<h2 id=\"plan\">The plan</h2>\n");
	put(&h, "<pre>%s</pre>\n", in->plan_text ? in->plan_text : "");
	raw(&h, "</body>\n</html>\n");
	return h.s;
}

char *topo_report_path(const char *plan)
{
	size_t n = strlen(plan);
	if (n > 5 && strcmp(plan + n - 5, ".yaml") == 0)
		n -= 5;
	else if (n > 4 && strcmp(plan + n - 4, ".yml") == 0)
		n -= 4;
	return xasprintf("%.*s.html", (int)n, plan);
}

char *topo_report_save(const struct plan *p, const char *plan_path, const struct layout_inputs *in)
{
	struct topo_report_in ri = {0};
	struct layout_topo *topo;
	char stamp[32], *text = NULL, *html, *out = topo_report_path(plan_path);
	size_t len;
	time_t now = time(NULL);
	struct tm tm;
	int rc;

	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M UTC", &tm);
	if (fileio_read(plan_path, 4u << 20, &text, &len) < 0)
		text = NULL; /* the report goes without the plan text; the rest stands */
	err_clear();
	ri.plan = p;
	topo = layout_topo_new(p, in);
	ri.topo = topo;
	ri.plan_file = plan_path;
	ri.plan_text = text;
	ri.generated_at = stamp;
	html = topo_report_html(&ri);
	rc = fileio_write_atomic(out, html, strlen(html), 0600);
	free(html);
	free(text);
	layout_topo_free(topo);
	if (rc < 0) {
		free(out);
		return NULL;
	}
	return out;
}
