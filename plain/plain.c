/* plain: the wizard's questions line by line, without curses (see plain.h). */
#include "plain.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <termios.h>
#include <unistd.h>

#include "draft.h"
#include "err.h"
#include "fieldcheck.h"
#include "firewall.h"
#include "fwstep.h"
#include "help.h"
#include "inv.h"
#include "layout.h"
#include "topo_text.h"
#include "mem.h"
#include "netpick.h"
#include "plan_yaml.h"
#include "render.h"
#include "sanitize.h"
#include "sig.h"
#include "tlstrust.h"
#include "vsphere.h"
#include "topo_live.h"
#include "wizard.h"

/* Every step has a plain form. */
#define PLAIN_STEPS ((1u << WIZARD_STEP_COUNT) - 1)
/* Long lists stop here; typing part of a name narrows them. */
#define LIST_MAX 40

enum answer { ANS_OK, ANS_BACK, ANS_STOP };

struct plain {
	FILE *in, *out;
	bool tty;                 /* stdin is a terminal: no echo of the password */
	bool ascii;
	bool drafts;
	const struct conn_opts *copts;
	struct wizard wz;
	struct conn conn;
	bool have_conn;
	struct vsphere *vs;
	struct inv *inv;
	char *dc_id;
	bool on_vcenter;
	char *draft_path;
	enum wizard_step resume_to; /* after connecting, walk up to this step (a draft) */
	char *line;               /* the last answer (owned) */
	size_t line_cap;
	char *saved_msg;
	unsigned reads;           /* answers read so far */
};

static void say(struct plain *pl, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct plain *pl, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfprintf(pl->out, fmt, ap);
	va_end(ap);
	fputc('\n', pl->out);
	fflush(pl->out);
}

/* Reads one answer into pl->line (trimmed). ANS_STOP at end of input or on a signal. */
static enum answer read_line(struct plain *pl, bool secret)
{
	struct termios old, quiet;
	bool noecho = secret && pl->tty && tcgetattr(fileno(pl->in), &old) == 0;
	ssize_t n;

	fflush(pl->out);
	pl->reads++;
	if (noecho) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(fileno(pl->in), TCSANOW, &quiet);
	}
	errno = 0;
	n = getline(&pl->line, &pl->line_cap, pl->in);
	if (noecho) {
		tcsetattr(fileno(pl->in), TCSANOW, &old);
		fputc('\n', pl->out);
	}
	if (n < 0 || sig_caught()) {
		if (pl->line)
			memset(pl->line, 0, pl->line_cap);
		clearerr(pl->in);
		return ANS_STOP;
	}
	while (n > 0 && (pl->line[n - 1] == '\n' || pl->line[n - 1] == '\r' ||
			 pl->line[n - 1] == ' ' || pl->line[n - 1] == '\t'))
		pl->line[--n] = '\0';
	/* without a terminal nothing echoes the answer: show it, so that a transcript
	 * reads like the session (never the password) */
	if (!pl->tty && !secret)
		fprintf(pl->out, "%s\n", san(pl->line));
	else if (!pl->tty)
		fputc('\n', pl->out);
	{
		size_t skip = strspn(pl->line, " \t");
		if (skip)
			memmove(pl->line, pl->line + skip, strlen(pl->line + skip) + 1);
	}
	return ANS_OK;
}

/* Asks a question. help_key names the help text ('?'); def is shown in brackets and
 * taken by an empty answer (NULL: no default). The answer is in pl->line. */
static enum answer ask(struct plain *pl, const char *help_key, const char *def, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static enum answer ask(struct plain *pl, const char *help_key, const char *def, const char *fmt, ...)
{
	va_list ap;

	for (;;) {
		va_start(ap, fmt);
		vfprintf(pl->out, fmt, ap);
		va_end(ap);
		if (def && *def)
			fprintf(pl->out, " [%s]", san(def));
		fputs(": ", pl->out);
		if (read_line(pl, false) == ANS_STOP)
			return ANS_STOP;
		if (strcmp(pl->line, "?") == 0) {
			const char *h = help_field(help_key);
			say(pl, "%s", h ? h : help_step(pl->wz.step));
			say(pl, "(%s; see %s)", "'<' goes back a step, '-' clears, Ctrl-D stops",
			    help_manref(pl->wz.step));
			continue;
		}
		if (strcmp(pl->line, "<") == 0)
			return ANS_BACK;
		if (!pl->line[0] && def) {
			mem_set_str(&pl->line, def);
			pl->line_cap = strlen(def) + 1;
		}
		return ANS_OK;
	}
}

/* Yes/no; def is the answer for an empty line. */
static enum answer ask_yes(struct plain *pl, const char *help_key, bool def, bool *yes,
			   const char *question)
{
	for (;;) {
		enum answer a = ask(pl, help_key, def ? "Y/n" : "y/N", "%s", question);
		if (a != ANS_OK)
			return a;
		if (strcmp(pl->line, "Y/n") == 0 || strcmp(pl->line, "y/N") == 0) {
			*yes = def;
			return ANS_OK;
		}
		if (strcasecmp(pl->line, "y") == 0 || strcasecmp(pl->line, "yes") == 0) {
			*yes = true;
			return ANS_OK;
		}
		if (strcasecmp(pl->line, "n") == 0 || strcasecmp(pl->line, "no") == 0) {
			*yes = false;
			return ANS_OK;
		}
		say(pl, "Please answer y or n.");
	}
}

/* A text field of the plan: asks, stores (NULL when cleared or empty without a
 * default), then checks the field with the rules engine and asks again on an error. */
static enum answer ask_str(struct plain *pl, const char *help_key, const char *path,
			   char **slot, const char *label, const char *empty_means)
{
	for (;;) {
		char *def = *slot ? xstrdup(*slot) : NULL, *why;
		enum answer a;

		if (def)
			a = ask(pl, help_key, def, "%s", label);
		else
			a = ask(pl, help_key, NULL, "%s%s%s%s", label, empty_means ? " (empty: " : "",
				empty_means ? empty_means : "", empty_means ? ")" : "");
		free(def);
		if (a != ANS_OK)
			return a;
		mem_set_str(slot, pl->line[0] && strcmp(pl->line, "-") != 0 ? pl->line : NULL);
		if (!path || !(why = fieldcheck_error(pl->wz.plan, path)))
			return ANS_OK;
		say(pl, "Error: %s", san(why));
		free(why);
	}
}

static enum answer ask_list(struct plain *pl, const char *help_key, const char *path,
			    struct strv *list, const char *label, const char *empty_means)
{
	for (;;) {
		char *def = list->n ? strv_join(list, ", ") : NULL, *why;
		enum answer a;

		if (def)
			a = ask(pl, help_key, def, "%s", label);
		else
			a = ask(pl, help_key, NULL, "%s (empty: %s)", label, empty_means);
		free(def);
		if (a != ANS_OK)
			return a;
		if (strcmp(pl->line, "-") == 0)
			strv_free(list);
		else
			strv_split_list(list, pl->line);
		if (!path || !(why = fieldcheck_error(pl->wz.plan, path)))
			return ANS_OK;
		say(pl, "Error: %s", san(why));
		free(why);
	}
}

/* --- choosing from a list --- */

struct choice {
	char **label;      /* shown */
	char **value;      /* returned */
	char **why_not;    /* NULL: selectable */
	size_t n, cap;
	/* networks: what the filter searches (name, switch, type) and the VLAN, so a
	 * number or vlan:N finds a VLAN as in the screens' picker; NULL for other lists */
	char **hay;
	int *vlan;
	size_t cap_net;
};

static void choice_add(struct choice *c, const char *label, const char *value, const char *why_not)
{
	size_t cap = c->cap;
	xgrow(&c->label, &cap, c->n + 1, sizeof *c->label);
	cap = c->cap;
	xgrow(&c->value, &cap, c->n + 1, sizeof *c->value);
	cap = c->cap;
	xgrow(&c->why_not, &cap, c->n + 1, sizeof *c->why_not);
	c->cap = cap;
	c->label[c->n] = xstrdup(label);
	c->value[c->n] = xstrdup(value);
	c->why_not[c->n] = xstrdup(why_not);
	c->n++;
}

static void choice_free(struct choice *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->label[i]);
		free(c->value[i]);
		free(c->why_not[i]);
	}
	for (size_t i = 0; c->hay && i < c->n; i++)
		free(c->hay[i]);
	free(c->label);
	free(c->value);
	free(c->why_not);
	free(c->hay);
	free(c->vlan);
	memset(c, 0, sizeof *c);
}

static bool choice_matches(const struct choice *c, size_t i, const char *filter,
			   const struct netpick_filter *nf)
{
	if (!filter)
		return true;
	if (c->hay)
		return netpick_filter_match(nf, c->hay[i], c->vlan[i]);
	return strcasestr(c->label[i], filter) != NULL;
}

static void choice_print(struct plain *pl, const struct choice *c, const char *filter)
{
	size_t shown = 0, matched = 0;
	struct netpick_filter nf;

	netpick_filter_parse(filter, &nf);
	for (size_t i = 0; i < c->n; i++) {
		if (!choice_matches(c, i, filter, &nf))
			continue;
		matched++;
		if (shown >= LIST_MAX)
			continue;
		shown++;
		if (c->why_not[i])
			say(pl, "  %3zu) x %s  -- cannot be used: %s", i + 1, san(c->label[i]),
			    san(c->why_not[i]));
		else
			say(pl, "  %3zu)   %s", i + 1, san(c->label[i]));
	}
	netpick_filter_free(&nf);
	if (matched > shown)
		say(pl, "  ... %zu more: type part of a name%s to narrow the list", matched - shown,
		    c->hay ? ", a switch, or vlan:N" : "");
	if (!matched)
		say(pl, "  (nothing matches \"%s\")", san(filter));
	else if (filter)
		say(pl, "  (%zu of %zu matching \"%s\")", matched, c->n, san(filter));
	else if (c->n > LIST_MAX)
		say(pl, "  (%zu of %zu shown)", shown, c->n);
}

/* Asks for one item: a number, an exact value or label, or text that narrows the list.
 * *index gets the choice. */
static enum answer choose(struct plain *pl, const struct choice *c, const char *help_key,
			  const char *question, size_t def, size_t *index)
{
	char defbuf[32];
	const char *filter = NULL;
	char *filter_copy = NULL;

	choice_print(pl, c, NULL);
	for (;;) {
		size_t pick = (size_t)-1;
		char *end;
		enum answer a;

		if (def < c->n)
			snprintf(defbuf, sizeof defbuf, "%zu", def + 1);
		a = ask(pl, help_key, def < c->n ? defbuf : NULL, "%s (number or name)", question);
		if (a != ANS_OK) {
			free(filter_copy);
			return a;
		}
		errno = 0;
		unsigned long v = strtoul(pl->line, &end, 10);
		if (pl->line[0] && !*end && !errno && v >= 1 && v <= c->n)
			pick = v - 1;
		for (size_t i = 0; i < c->n && pick == (size_t)-1; i++)
			if (strcmp(pl->line, c->value[i]) == 0 || strcmp(pl->line, c->label[i]) == 0)
				pick = i;
		if (pick == (size_t)-1 && !pl->line[0]) {
			say(pl, "Type a number, a name, or part of a name to narrow the list.");
			continue;
		}
		if (pick == (size_t)-1) {
			free(filter_copy);
			filter = filter_copy = xstrdup(pl->line);
			choice_print(pl, c, filter);
			continue;
		}
		if (c->why_not[pick]) {
			say(pl, "Refused: %s cannot be used: %s", san(c->value[pick]), san(c->why_not[pick]));
			continue;
		}
		*index = pick;
		free(filter_copy);
		return ANS_OK;
	}
}

/* --- connect --- */

static enum answer step_connect(struct plain *pl)
{
	struct plan *p = pl->wz.plan;
	const char *url0 = p->target.url ? p->target.url : pl->copts->url;
	const char *user0 = p->target.username ? p->target.username : pl->copts->username;
	char *url = NULL, *user = NULL, *pass = NULL;
	enum answer a;

	if (pl->copts->inventory && !pl->inv) {
		pl->inv = inv_yaml_load(pl->copts->inventory);
		if (!pl->inv) {
			say(pl, "Error: %s", san(err_msg()));
			return ANS_STOP;
		}
	}
	if (pl->inv) {
		say(pl, "Working from the inventory %s (%zu networks, %zu hosts); nothing is sent "
			"to vCenter.", pl->inv->source ? san(pl->inv->source) : "snapshot",
		    pl->inv->n_networks, pl->inv->n_hosts);
		pl->on_vcenter = pl->inv->api_type && strcmp(pl->inv->api_type, "VirtualCenter") == 0;
		/* the plan still names its vCenter: render and deploy need it */
		if (!p->target.url)
			mem_set_str(&p->target.url, url0 ? url0 : getenv("VCHNET_URL") ? getenv("VCHNET_URL")
										: pl->inv->source);
		if (!p->target.username)
			mem_set_str(&p->target.username, user0 ? user0 : getenv("VCHNET_USERNAME"));
		a = ask_str(pl, "target.url", "target.url", &p->target.url, "vCenter address", NULL);
		if (a == ANS_OK)
			a = ask_str(pl, "target.username", "target.username", &p->target.username,
				    "User name", "none: vic-machine then reads VIC_MACHINE_USER");
		if (a == ANS_OK)
			pl->wz.connected = true;
		return a;
	}
	if (!url0)
		url0 = getenv("VCHNET_URL");
	if (!user0)
		user0 = getenv("VCHNET_USERNAME");
	for (;;) {
		struct conn_opts o;
		struct conn c;
		struct vsphere *vs;
		int rc;

		a = ask(pl, "target.url", url0, "vCenter address");
		if (a != ANS_OK)
			break;
		mem_set_str(&url, pl->line);
		a = ask(pl, "target.username", user0, "User name");
		if (a != ANS_OK)
			break;
		mem_set_str(&user, pl->line);
		if (!*url || !*user) {
			say(pl, "Error: give the vCenter address and the user name.");
			continue;
		}
		o = *pl->copts;
		o.url = (char *)(uintptr_t)url;
		o.username = (char *)(uintptr_t)user;
		memset(&c, 0, sizeof c);
		/* a draft's thumbprint trusts no server: only the user's own settings do */
		struct conn_plan_target pt = {url, user,
					      pl->wz.draft_target ? NULL : p->target.thumbprint};
		if (conn_resolve(&c, &o, &pt, CONN_NO_PASSWORD_PROMPT) < 0) {
			say(pl, "Error: %s", san(err_msg()));
			url0 = url;
			user0 = user;
			continue;
		}
		if (c.known_hosts_warning)
			say(pl, "Warning: %s", c.known_hosts_warning);
		mem_free_secret(pass);
		pass = NULL;
		if (conn_read_password(&c, CONN_NO_PASSWORD_PROMPT) == 0 && c.password) {
			say(pl, "Password: (from the environment or --password-file)");
		} else {
			err_clear();
			fputs("Password: ", pl->out);
			if (read_line(pl, true) == ANS_STOP) {
				conn_free(&c);
				a = ANS_STOP;
				break;
			}
			c.password = xstrdup(pl->line);
			memset(pl->line, 0, strlen(pl->line));
		}
		say(pl, "Connecting to %s ...", san(c.host));
		vs = vsphere_new(&c);
		vsphere_set_cancel(vs, sig_cancel, NULL);
		rc = vsphere_connect(vs);
		if (rc < 0 && vsphere_status(vs) == VSPHERE_ERR_UNTRUSTED && vsphere_cert(vs)) {
			struct tls_cert_info ci = {0};
			int answer = -1;
			tlstrust_cert_copy(&ci, vsphere_cert(vs));
			say(pl, "The certificate of %s is not signed by an authority this computer "
				"trusts. Compare its fingerprint with the one vCenter shows before you "
				"accept it.", san(c.host));
			say(pl, "  Subject: %s\n  Issuer:  %s\n  Valid:   %s to %s\n  SHA-256: %s\n"
				"  SHA-1:   %s", ci.subject ? san(ci.subject) : "?",
			    ci.issuer ? san(ci.issuer) : "?", ci.not_before ? san(ci.not_before) : "?",
			    ci.not_after ? san(ci.not_after) : "?", ci.sha256 ? san(ci.sha256) : "?",
			    ci.sha1 ? san(ci.sha1) : "?");
			while (answer < 0) {
				a = ask(pl, "target.url", "r",
					"Reject (r), accept once (o) or accept and remember (a)");
				if (a != ANS_OK)
					break;
				answer = !strcasecmp(pl->line, "r") ? 0 : !strcasecmp(pl->line, "o") ? 1
					 : !strcasecmp(pl->line, "a") ? 2 : -1;
			}
			if (answer <= 0) {
				tlstrust_cert_free(&ci);
				vsphere_free(vs);
				conn_free(&c);
				if (a != ANS_OK)
					break;
				say(pl, "Certificate rejected: not connected to %s.", san(o.url));
				continue;
			}
			if (answer == 2) {
				char *kh = c.known_hosts ? xstrdup(c.known_hosts) : tlstrust_default_known_hosts();
				if (!kh || tlstrust_known_hosts_add(kh, c.host, c.port, ci.sha256) < 0)
					say(pl, "Warning: could not remember the certificate: %s",
					    kh ? san(err_msg()) : "no home directory");
				free(kh);
			}
			vsphere_trust_thumbprint(vs, ci.sha256);
			mem_set_str(&p->target.thumbprint, ci.sha1);
			tlstrust_cert_free(&ci);
			rc = vsphere_connect(vs);
		}
		if (rc == 0)
			rc = vsphere_login(vs, c.username, c.password);
		if (rc == 0) {
			say(pl, "Reading the inventory ...");
			inv_free(pl->inv);
			pl->inv = inv_fetch(vs, true, 0, INV_SCOPE_ALL);
			if (!pl->inv)
				rc = -1;
		}
		if (rc < 0) {
			if (vsphere_status(vs) == VSPHERE_ERR_LOGIN)
				say(pl, "Error: wrong user name or password: vCenter refused the sign-in "
					"of %s.", san(c.username));
			else
				say(pl, "Error: cannot connect to %s: %s", san(c.host), san(err_msg()));
			vsphere_free(vs);
			conn_free(&c);
			if (sig_caught()) {
				a = ANS_STOP;
				break;
			}
			url0 = url;
			user0 = user;
			continue;
		}
		if (vsphere_trusted_by(vs) == VSPHERE_TRUST_CA)
			mem_set_str(&p->target.thumbprint, NULL);
		else if (vsphere_trusted_by(vs) == VSPHERE_TRUST_PIN && vsphere_cert(vs) &&
			 vsphere_cert(vs)->sha1)
			/* pinned (known_hosts, VCHNET_THUMBPRINT): vic-machine needs the same pin */
			mem_set_str(&p->target.thumbprint, vsphere_cert(vs)->sha1);
		vsphere_free(pl->vs);
		if (pl->have_conn)
			conn_free(&pl->conn);
		pl->conn = c;
		pl->have_conn = true;
		pl->vs = vs;
		pl->on_vcenter = vsphere_api_type(vs) && strcmp(vsphere_api_type(vs), "VirtualCenter") == 0;
		pl->wz.connected = true;
		pl->wz.draft_target = false; /* its thumbprint is now the one just verified */
		/* only what the user typed goes in the plan, as on the screen */
		mem_set_str(&p->target.url, url);
		mem_set_str(&p->target.username, user);
		say(pl, "Connected to %s: %zu networks, %zu hosts, %zu datastores.", san(c.host),
		    pl->inv->n_networks, pl->inv->n_hosts, pl->inv->n_datastores);
		a = ANS_OK;
		break;
	}
	free(url);
	free(user);
	mem_free_secret(pass);
	return a;
}

/* --- scope --- */

static const struct inv_obj *datacenter(const struct plain *pl)
{
	return pl->dc_id ? inv_find_id(pl->inv, pl->dc_id) : NULL;
}

static const struct inv_compute *compute_of(const struct plain *pl, const char *id)
{
	const struct inv_obj *o = id ? inv_find_id(pl->inv, id) : NULL;

	if (o && o->kind == INV_POOL) {
		const struct inv_pool *pool = (const struct inv_pool *)o;
		o = pool->owner ? inv_find_id(pl->inv, pool->owner) : NULL;
	}
	return o && o->kind == INV_COMPUTE ? (const struct inv_compute *)o : NULL;
}

/* The compute resource of the plan (for host counts), else the datacenter. */
static const struct inv_obj *scope_obj(const struct plain *pl)
{
	const struct plan *p = pl->wz.plan;
	const struct inv_obj *dc = datacenter(pl), *o;

	if (!p->target.compute_resource)
		return dc;
	o = inv_find(pl->inv, INV_COMPUTE, p->target.compute_resource, dc ? dc->name : NULL);
	if (!o) {
		o = inv_find(pl->inv, INV_POOL, p->target.compute_resource, dc ? dc->name : NULL);
		if (o)
			o = ((const struct inv_pool *)o)->owner
				? inv_find_id(pl->inv, ((const struct inv_pool *)o)->owner) : NULL;
	}
	err_clear();
	return o ? o : dc;
}

static const char *obj_id(const struct plain *pl, enum inv_kind k, const char *what)
{
	const struct inv_obj *dc = datacenter(pl), *o;

	if (!what)
		return NULL;
	o = inv_find(pl->inv, k, what, dc ? dc->name : NULL);
	err_clear();
	return o ? o->id : NULL;
}

static size_t index_of(const struct choice *c, const char *value)
{
	for (size_t i = 0; value && i < c->n; i++)
		if (strcmp(c->value[i], value) == 0)
			return i;
	return (size_t)-1;
}

static enum answer step_scope(struct plain *pl)
{
	struct plan *p = pl->wz.plan;
	struct choice c = {0};
	size_t pick, def;
	enum answer a;

	/* datacenter: the plan's, else the first; asked only when there are several */
	if (!pl->dc_id && p->target.datacenter) {
		const struct inv_obj *o = inv_find(pl->inv, INV_DATACENTER, p->target.datacenter, NULL);
		err_clear();
		if (o)
			pl->dc_id = xstrdup(o->id);
	}
	if (!pl->dc_id && pl->inv->n_datacenters > 0)
		pl->dc_id = xstrdup(pl->inv->datacenters[0].o.id);
	if (pl->inv->n_datacenters > 1) {
		for (size_t i = 0; i < pl->inv->n_datacenters; i++)
			choice_add(&c, pl->inv->datacenters[i].o.name, pl->inv->datacenters[i].o.id, NULL);
		say(pl, "Datacenters:");
		a = choose(pl, &c, "target.computeResource", "Datacenter", index_of(&c, pl->dc_id), &pick);
		if (a != ANS_OK) {
			choice_free(&c);
			return a;
		}
		mem_set_str(&pl->dc_id, c.value[pick]);
		choice_free(&c);
	} else if (pl->inv->n_datacenters == 1) {
		say(pl, "Datacenter: %s (the only one)", san(pl->inv->datacenters[0].o.name));
	}
	{
		const struct inv_obj *dc = datacenter(pl);
		if (dc)
			mem_set_str(&p->target.datacenter, dc->name);
	}

	/* compute resources as a tree, as on the screen */
	for (size_t i = 0; i < pl->inv->n_computes; i++) {
		const struct inv_compute *cr = &pl->inv->computes[i];
		char *label;
		if (!pl->dc_id || !cr->o.datacenter || strcmp(cr->o.datacenter, pl->dc_id) != 0)
			continue;
		label = cr->cluster ? xasprintf("%s (cluster, %zu host%s)", cr->o.name, cr->hosts.n,
						cr->hosts.n == 1 ? "" : "s")
				    : xasprintf("%s (host)", cr->o.name);
		choice_add(&c, label, cr->o.id, NULL);
		free(label);
		for (size_t k = 0; k < pl->inv->n_pools; k++) {
			const struct inv_pool *pool = &pl->inv->pools[k];
			if (!pool->owner || strcmp(pool->owner, cr->o.id) != 0 ||
			    (cr->root_pool && strcmp(pool->o.id, cr->root_pool) == 0))
				continue;
			label = xasprintf("  %s (resource pool of %s)", pool->o.name, cr->o.name);
			choice_add(&c, label, pool->o.id, NULL);
			free(label);
		}
	}
	if (c.n == 0) {
		say(pl, "Error: this datacenter has no cluster or host to run a VCH.");
		choice_free(&c);
		return ANS_STOP;
	}
	def = index_of(&c, obj_id(pl, INV_COMPUTE, p->target.compute_resource));
	if (def == (size_t)-1)
		def = index_of(&c, obj_id(pl, INV_POOL, p->target.compute_resource));
	if (def == (size_t)-1)
		def = 0;
	say(pl, "Compute resources (where the VCH and its containers run):");
	a = choose(pl, &c, "target.computeResource", "Compute resource", def, &pick);
	if (a != ANS_OK) {
		choice_free(&c);
		return a;
	}
	{
		const struct inv_obj *o = inv_find_id(pl->inv, c.value[pick]);
		mem_set_str(&p->target.compute_resource, o->name);
	}
	const struct inv_compute *cr = compute_of(pl, c.value[pick]);
	choice_free(&c);

	for (size_t i = 0; cr && i < pl->inv->n_datastores; i++) {
		const struct inv_datastore *d = &pl->inv->datastores[i];
		bool all = cr->hosts.n > 0;
		for (size_t h = 0; h < cr->hosts.n && all; h++)
			all = strv_contains(&d->hosts, cr->hosts.v[h]);
		if (all)
			choice_add(&c, d->o.name, d->o.id, NULL);
	}
	if (c.n == 0) {
		say(pl, "Error: no datastore is mounted by every host of %s; choose another compute "
			"resource.", san(p->target.compute_resource));
		mem_set_str(&p->target.image_store, NULL);
		choice_free(&c);
		return ANS_OK; /* Next refuses and says why */
	}
	def = index_of(&c, obj_id(pl, INV_DATASTORE, p->target.image_store));
	say(pl, "Image datastores (mounted by every host):");
	a = choose(pl, &c, "target.imageStore", "Image datastore", def == (size_t)-1 ? 0 : def, &pick);
	if (a != ANS_OK) {
		choice_free(&c);
		return a;
	}
	mem_set_str(&p->target.image_store, c.label[pick]);
	choice_free(&c);

	if (!p->name)
		mem_set_str(&p->name, "vch-01");
	a = ask_str(pl, "metadata.name", "metadata.name", &p->name, "VCH name", NULL);
	if (a != ANS_OK)
		return a;

	/* VIC version: the plan's, else the default. vic-machine is not run to find out:
	 * nothing runs before a deploy, which checks the binary against this choice. */
	for (;;) {
		const char *cur = p->vic_version ? p->vic_version : PLAN_DEFAULT_VIC_VERSION;
		bool ok = false;
		char *list = plan_vic_versions_text(" or ");
		a = ask(pl, "vic.version", cur, "VIC version (%s)", list);
		free(list);
		if (a != ANS_OK)
			return a;
		for (size_t i = 0; i < PLAN_N_VIC_VERSIONS; i++)
			ok = ok || strcmp(pl->line, plan_vic_versions[i]) == 0;
		if (!ok) {
			list = plan_vic_versions_text(" and ");
			say(pl, "Error: choose one of %s.", list);
			free(list);
			continue;
		}
		/* only an explicit choice goes in the plan: 1.2 is the default */
		if (p->vic_version || strcmp(pl->line, PLAN_DEFAULT_VIC_VERSION) != 0)
			mem_set_str(&p->vic_version, pl->line);
		break;
	}
	say(pl, "VIC %s: at most %d network cards on the VCH.",
	    san(p->vic_version ? p->vic_version : PLAN_DEFAULT_VIC_VERSION), plan_max_nics(p));
	return ANS_OK;
}

/* --- networks --- */

static bool net_is(const struct inv_network *n, const char *pg, const char *id)
{
	if (id && n->o.id && strcmp(id, n->o.id) == 0)
		return true;
	return pg && (strcmp(pg, n->o.name) == 0 || wizard_pg_is(pg, n->o.name) ||
		      (n->o.path && strcmp(pg, n->o.path) == 0));
}

/* The datacenter's networks for role (PLAN_ROLE_COUNT: a container network), with the
 * reason each one cannot serve; nets[i] is the inventory network of choice i. */
static void network_choices(struct plain *pl, enum plan_role role, struct choice *c,
			    const struct inv_network ***nets)
{
	const struct inv_obj *scope = scope_obj(pl);
	size_t n_sorted;
	/* natural order, as the screens: DVPG2 before DVPG10 */
	const struct inv_network **sorted = netpick_sorted(pl->inv, pl->dc_id, &n_sorted);

	*nets = sorted;
	for (size_t i = 0; i < n_sorted; i++) {
		const struct inv_network *n = sorted[i];
		const struct inv_obj *sw = n->switch_id ? inv_find_id(pl->inv, n->switch_id) : NULL;
		char reason[256], vlan[32], *label;
		const char *why, *kind;
		int hosts, total, v = netpick_vlan_of(n);

		why = wizard_network_reason(pl->wz.plan, pl->inv,
					    scope && scope->kind == INV_COMPUTE ? scope : NULL,
					    pl->on_vcenter, role, n, reason, sizeof reason);
		hosts = inv_network_hosts_in(pl->inv, n, scope, &total);
		if (v == NETPICK_VLAN_TRUNK)
			snprintf(vlan, sizeof vlan, "trunk");
		else if (v > 0)
			snprintf(vlan, sizeof vlan, "VLAN %d", v);
		else
			snprintf(vlan, sizeof vlan, "no VLAN");
		kind = inv_net_type_word(n);
		/* who is on it already: "used by vch-02 (VCH)", "used by 4 VMs" */
		char *used = inv_used_by(pl->inv, n);
		bool in_use = strcmp(used, "-") != 0;
		label = xasprintf("%s (%s%s%s, %s, on %d of %d hosts%s%s)", n->o.name, kind,
				  sw ? " on " : "", sw ? sw->name : "", vlan, hosts, total,
				  in_use ? ", used by " : "", in_use ? used : "");
		free(used);
		choice_add(c, label, n->o.name, why);
		free(label);
		xgrow(&c->hay, &c->cap_net, c->n, sizeof *c->hay);
		c->vlan = xrealloc(c->vlan, c->n * sizeof *c->vlan);
		c->hay[c->n - 1] = xasprintf("%s\t%s\t%s", n->o.name, sw ? sw->name : "", kind);
		for (char *h = c->hay[c->n - 1]; *h; h++)
			*h = (char)tolower((unsigned char)*h);
		c->vlan[c->n - 1] = v;
	}
}

static enum answer ask_network(struct plain *pl, enum plan_role role, const char *help_key,
			       const char *pg, const char *id, const char **out_pg, const char **out_id,
			       char **store_pg, char **store_id)
{
	struct choice c = {0};
	const struct inv_network **nets;
	size_t def = (size_t)-1, pick;
	enum answer a;

	network_choices(pl, role, &c, &nets);
	if (c.n == 0) {
		say(pl, "Error: no networks in this datacenter.");
		choice_free(&c);
		free(nets);
		return ANS_STOP;
	}
	for (size_t i = 0; i < c.n && def == (size_t)-1; i++)
		if ((pg || id) && net_is(nets[i], pg, id))
			def = i;
	if ((pg || id) && def == (size_t)-1)
		say(pl, "The plan's port group \"%s\" is not in this datacenter: choose another.",
		    san(pg ? pg : id));
	if (def == (size_t)-1 && !pg && !id) {
		/* nothing chosen: a suggestion only where one is clearly right */
		bool *usable = xcalloc(c.n + 1, sizeof *usable);
		long sug;
		for (size_t i = 0; i < c.n; i++)
			usable[i] = c.why_not[i] == NULL;
		sug = netpick_suggest(role, (const char *const *)c.value, usable, c.n);
		free(usable);
		if (sug >= 0) {
			char *dsc = netpick_describe(pl->inv, nets[sug]);
			say(pl, "Suggested (not chosen yet): %s. Press Enter to take it.", san(dsc));
			free(dsc);
			def = (size_t)sug;
		} else {
			say(pl, "Nothing is chosen yet: type the number or name of the port group.");
		}
	}
	a = choose(pl, &c, help_key, "Port group", def, &pick);
	if (a == ANS_OK) {
		char *dsc = netpick_describe(pl->inv, nets[pick]);
		/* written so that vic-machine's finder reads the name as itself */
		char *name = wizard_pg_text(nets[pick]->o.name);
		mem_set_str(store_pg, name);
		free(name);
		if (store_id)
			mem_set_str(store_id, nets[pick]->o.id);
		say(pl, "Chosen: %s", san(dsc));
		free(dsc);
	}
	(void)out_pg;
	(void)out_id;
	choice_free(&c);
	free(nets);
	return a;
}

static enum answer step_role(struct plain *pl, enum plan_role role)
{
	struct plan *p = pl->wz.plan;
	enum answer a;
	char key[64];

	if (role == PLAN_ROLE_BRIDGE) {
		char width[16] = "", *w = NULL;
		a = ask_network(pl, role, "networks.bridge.portGroup", p->bridge.port_group,
				p->bridge.id, NULL, NULL, &p->bridge.port_group, &p->bridge.id);
		if (a != ANS_OK)
			return a;
		a = ask_str(pl, "networks.bridge.ipRange", "networks.bridge.ipRange",
			    &p->bridge.ip_range, "Bridge IP range", PLAN_DEFAULT_BRIDGE_RANGE);
		if (a != ANS_OK)
			return a;
		for (;;) {
			if (p->bridge.width > 0)
				snprintf(width, sizeof width, "%d", p->bridge.width);
			w = p->bridge.width > 0 ? xstrdup(width) : NULL;
			a = ask_str(pl, "networks.bridge.width", NULL, &w, "Bridge network width", "16");
			if (a != ANS_OK) {
				free(w);
				return a;
			}
			if (wizard_parse_bridge_width(w ? w : "", &p->bridge.width) < 0) {
				say(pl, "Error: %s", san(err_msg()));
				free(w);
				p->bridge.width = 0;
				continue;
			}
			free(w);
			char *why = fieldcheck_error(p, "networks.bridge.width");
			if (!why)
				break;
			say(pl, "Error: %s", san(why));
			free(why);
		}
		return ANS_OK;
	}

	struct plan_role_net *rn = plan_role(p, role);
	const char *name = plan_role_name(role);
	if (role == PLAN_ROLE_CLIENT || role == PLAN_ROLE_MANAGEMENT) {
		bool same = !rn->port_group && !rn->id;
		snprintf(key, sizeof key, "networks.%s.portGroup", name);
		a = ask_yes(pl, key, same, &same, role == PLAN_ROLE_CLIENT
			    ? "Same as the public network (the default)?"
			    : "Same as the client network (the default)?");
		if (a != ANS_OK)
			return a;
		if (same) {
			mem_set_str(&rn->port_group, NULL);
			mem_set_str(&rn->id, NULL);
		} else {
			a = ask_network(pl, role, key, rn->port_group, rn->id, NULL, NULL,
					&rn->port_group, &rn->id);
			if (a != ANS_OK)
				return a;
		}
	} else {
		a = ask_network(pl, role, "networks.public.portGroup", rn->port_group, rn->id, NULL,
				NULL, &rn->port_group, &rn->id);
		if (a != ANS_OK)
			return a;
	}
	snprintf(key, sizeof key, "networks.%s.ip", name);
	a = ask_str(pl, key, key, &rn->ip, "Static address with prefix (CIDR)", "DHCP");
	if (a != ANS_OK)
		return a;
	if (rn->ip && strcasecmp(rn->ip, "dhcp") == 0)
		mem_set_str(&rn->ip, NULL);
	snprintf(key, sizeof key, "networks.%s.gateway", name);
	if (rn->ip || role != PLAN_ROLE_PUBLIC) {
		a = ask_str(pl, key, key, &rn->gateway, "Gateway", "none");
		if (a != ANS_OK)
			return a;
	} else {
		mem_set_str(&rn->gateway, NULL);
	}
	if (role == PLAN_ROLE_PUBLIC) {
		a = ask_list(pl, "networks.dns", "networks.dns", &p->dns, "DNS servers",
			     "from DHCP, else 8.8.8.8 8.8.4.4");
		if (a != ANS_OK)
			return a;
		rn->present = true;
	} else {
		snprintf(key, sizeof key, "networks.%s.routes", name);
		a = ask_list(pl, key, key, &rn->routes, "Routing destinations (CIDR)", "none");
		if (a != ANS_OK)
			return a;
		rn->present = rn->port_group || rn->id || rn->ip || rn->gateway || rn->routes.n;
	}
	return ANS_OK;
}

/* --- container networks --- */

static const char *const trust_levels[] = {"published", "open", "closed", "outbound", "peers"};

static void describe_container(struct plain *pl, size_t i)
{
	const struct plan_container_net *cn = &pl->wz.plan->containers[i];
	char *ranges = strv_join(&cn->ip_ranges, ", "), *dns = strv_join(&cn->dns, ", ");

	say(pl, "  %zu) %s as \"%s\": %s%s%s%s%s%s, firewall %s", i + 1,
	    cn->port_group ? san(cn->port_group) : "(no port group)",
	    san(cn->alias ? cn->alias : cn->port_group ? cn->port_group : ""),
	    cn->gateway ? "gateway " : "DHCP", san(cn->gateway),
	    cn->ip_ranges.n ? ", ranges " : "", san(ranges), cn->dns.n ? ", DNS " : "", san(dns),
	    cn->firewall ? san(cn->firewall) : "published (default)");
	free(ranges);
	free(dns);
}

static enum answer edit_container(struct plain *pl, size_t i)
{
	struct plan *p = pl->wz.plan;
	char path[96];
	enum answer a;

	a = ask_network(pl, PLAN_ROLE_COUNT, "networks.container.portGroup", p->containers[i].port_group,
			NULL, NULL, NULL, &p->containers[i].port_group, NULL);
	if (a != ANS_OK)
		return a;
	snprintf(path, sizeof path, "networks.container[%zu].alias", i);
	say(pl, "The alias is the name Docker users see: no spaces, no ':', not \"bridge\"; "
		"needed when the port group's name has a space.");
	a = ask_str(pl, "networks.container.alias", path, &p->containers[i].alias, "Alias",
		    "the port group's name");
	if (a != ANS_OK)
		return a;
	snprintf(path, sizeof path, "networks.container[%zu].gateway", i);
	a = ask_str(pl, "networks.container.gateway", path, &p->containers[i].gateway,
		    "Gateway with prefix (like 10.3.0.1/16)", "DHCP");
	if (a != ANS_OK)
		return a;
	snprintf(path, sizeof path, "networks.container[%zu].ipRanges", i);
	a = ask_list(pl, "networks.container.ipRanges", path, &p->containers[i].ip_ranges,
		     "IP ranges", p->containers[i].gateway ? "the gateway's whole subnet" : "none");
	if (a != ANS_OK)
		return a;
	snprintf(path, sizeof path, "networks.container[%zu].dns", i);
	a = ask_list(pl, "networks.container.dns", path, &p->containers[i].dns, "DNS servers", "none");
	if (a != ANS_OK)
		return a;
	say(pl, "%s", help_field("networks.container.firewall"));
	for (;;) {
		bool ok = false;
		a = ask(pl, "networks.container.firewall",
			p->containers[i].firewall ? p->containers[i].firewall : "published",
			"Firewall trust level");
		if (a != ANS_OK)
			return a;
		for (size_t k = 0; k < sizeof trust_levels / sizeof trust_levels[0]; k++)
			ok = ok || strcasecmp(pl->line, trust_levels[k]) == 0;
		if (!ok) {
			say(pl, "Error: Unrecognized container trust level %s. Choose open, closed, "
				"published, outbound or peers.", san(pl->line));
			continue;
		}
		/* published is the default: only another choice goes in the plan */
		if (p->containers[i].firewall || strcasecmp(pl->line, "published") != 0)
			mem_set_str(&p->containers[i].firewall, pl->line);
		break;
	}
	return ANS_OK;
}

static enum answer step_containers(struct plain *pl)
{
	struct plan *p = pl->wz.plan;

	for (;;) {
		enum answer a;
		char *end;
		unsigned long k;

		if (p->n_containers == 0)
			say(pl, "No container networks (they are optional).");
		else
			say(pl, "Container networks:");
		for (size_t i = 0; i < p->n_containers; i++)
			describe_container(pl, i);
		a = ask(pl, "networks.container.portGroup", "c",
			"Add (a), edit (e N), delete (d N) or continue (c)");
		if (a != ANS_OK)
			return a;
		if (strcmp(pl->line, "c") == 0)
			return ANS_OK;
		if (strcmp(pl->line, "a") == 0) {
			size_t i = p->n_containers;
			plan_add_container(p);
			a = edit_container(pl, i);
			if (a == ANS_BACK) {
				plan_remove_container(p, i);
				say(pl, "Not added.");
				continue;
			}
			if (a != ANS_OK)
				return a;
			continue;
		}
		if ((pl->line[0] == 'e' || pl->line[0] == 'd') && pl->line[1] == ' ') {
			k = strtoul(pl->line + 2, &end, 10);
			if (*end || k < 1 || k > p->n_containers) {
				say(pl, "Error: give the number of a container network (1 to %zu).",
				    p->n_containers);
				continue;
			}
			if (pl->line[0] == 'e') {
				struct plan_container_net keep;
				struct plan *copy = plan_dup(p);
				a = edit_container(pl, k - 1);
				if (a == ANS_BACK) {
					/* '<' in the dialog cancels the edit, as Esc does on the screen */
					keep = p->containers[k - 1];
					p->containers[k - 1] = copy->containers[k - 1];
					copy->containers[k - 1] = keep;
					say(pl, "Edit cancelled.");
					a = ANS_OK;
				}
				plan_free(copy);
				if (a != ANS_OK)
					return a;
			} else {
				bool yes = false;
				char *q = xasprintf("Delete the container network %s?",
						    san(p->containers[k - 1].alias ? p->containers[k - 1].alias
									       : p->containers[k - 1].port_group));
				a = ask_yes(pl, NULL, false, &yes, q);
				free(q);
				if (a == ANS_STOP)
					return a;
				if (yes) {
					plan_remove_container(p, k - 1);
					say(pl, "Deleted.");
				}
			}
			continue;
		}
		say(pl, "Error: answer a, e N, d N or c.");
	}
}

/* --- proxies --- */

static enum answer step_proxies(struct plain *pl)
{
	struct plan *p = pl->wz.plan;
	bool want = p->proxy.http || p->proxy.https || p->proxy.no_proxy.n;
	enum answer a;

	a = ask_yes(pl, "proxy.http", want, &want, "Advanced: do image pulls need a proxy?");
	if (a != ANS_OK || !want)
		return a;
	a = ask_str(pl, "proxy.http", "proxy.http", &p->proxy.http, "HTTP proxy", "none");
	if (a != ANS_OK)
		return a;
	a = ask_str(pl, "proxy.https", "proxy.https", &p->proxy.https, "HTTPS proxy", "none");
	if (a != ANS_OK)
		return a;
	return ask_list(pl, "proxy.noProxy", "proxy.noProxy", &p->proxy.no_proxy,
			"No proxy for", "none");
}

/* --- layout, firewall, review --- */

static bool lookup(void *ctx, const char *port_group, struct layout_netinfo *out)
{
	struct plain *pl = ctx;
	const struct inv_obj *dc = datacenter(pl);

	return topo_live_lookup(pl->inv, dc ? dc->name : NULL, pl->wz.plan->name, port_group,
				out);
}

static void print_findings(struct plain *pl, const struct findings *f, bool all)
{
	size_t shown = 0;

	for (size_t i = 0; i < f->n; i++) {
		const struct finding *fd = &f->v[i];
		if (!all && wizard_step_of_path(fd->path) != pl->wz.step)
			continue;
		say(pl, "%s: %s", fd->severity == FINDING_ERROR ? "Error" : "Warning", san(fd->message));
		if (fd->hint)
			say(pl, "    hint: %s", san(fd->hint));
		shown++;
	}
	if (all && !shown)
		say(pl, "No problems found.");
}

/* The topology in sentences: box drawing is read aloud character by character by a
 * screen reader, so plain mode describes what the drawing shows, problems included. */
static enum answer step_layout(struct plain *pl)
{
	struct layout_inputs in = {.lookup = lookup, .ctx = pl, .findings = &pl->wz.findings};
	struct layout_topo *topo;
	char *text;

	wizard_check(&pl->wz);
	topo = layout_topo_new(pl->wz.plan, &in);
	text = topo_text_describe(topo, 76);
	fputs(text, pl->out);
	free(text);
	layout_topo_free(topo);
	if (!pl->wz.findings.n)
		say(pl, "No problems found.");
	return ask(pl, NULL, "continue", "Press Enter to continue");
}

static enum answer step_firewall(struct plain *pl)
{
	struct fwstep s = {0};
	enum answer a = ANS_OK;
	const char *host = pl->have_conn ? pl->conn.host : pl->inv->source;

	for (;;) {
		say(pl, "Checking the port groups and the hosts' firewalls ...");
		fwstep_check(pl->inv, pl->wz.plan, host, &s);
		if (s.fw_error)
			say(pl, "The firewall check could not run: %s", san(s.fw_error));
		else
			firewall_print(pl->out, &s.fw);
		print_findings(pl, &s.findings, true);
		say(pl, "Pre-check: %s", san(pl->wz.plan->precheck_summary));
		size_t n = s.fw_error ? 0 : fwstep_plan_fix(&s);
		if (n == 0)
			break;
		if (!pl->vs) {
			say(pl, "%zu host%s need a change, which needs a vCenter connection (not an "
				"inventory file): run vchnet firewall --fix PLAN later.", n,
			    n == 1 ? "" : "s");
			break;
		}
		say(pl, "Fix would change %zu host%s:", n, n == 1 ? "" : "s");
		firewall_print_plan(pl->out, &s.fw);
		bool yes = false;
		a = ask_yes(pl, "firewall.fix", false, &yes, "Apply these changes?");
		if (a != ANS_OK || !yes)
			break;
		int failed = firewall_fix(pl->vs, pl->wz.plan, &pl->inv, &s.fw);
		if (failed < 0) {
			say(pl, "Error: %s", san(err_msg()));
			break;
		}
		firewall_print_fix(pl->out, &s.fw);
		if (failed > 0)
			say(pl, "%d host%s could not be changed (see above).", failed, failed == 1 ? "" : "s");
		say(pl, "Checking again ...");
		fwstep_check(pl->inv, pl->wz.plan, host, &s);
		firewall_print(pl->out, &s.fw);
		say(pl, "Pre-check: %s", san(pl->wz.plan->precheck_summary));
		break;
	}
	fwstep_free(&s);
	if (a != ANS_OK)
		return a;
	return ask(pl, NULL, "continue", "Press Enter to continue");
}

/* The plan the session opened (or last saved), else NAME.yaml made unique here. */
static char *default_save_path(const struct plain *pl)
{
	if (pl->wz.path)
		return xstrdup(pl->wz.path);
	return wizard_default_plan_path(pl->wz.plan->name, NULL);
}

/* When path exists and is not this session's plan: asks overwrite / save as / cancel
 * (cancel the default). Returns the path to write (the caller's), or NULL. */
static char *resolve_target(struct plain *pl, const char *path, enum answer *a)
{
	char *target = xstrdup(path);

	*a = ANS_OK;
	while (wizard_save_target(&pl->wz, target) == WIZARD_SAVE_EXISTS) {
		say(pl, "%s already exists and is not the plan this session opened or saved.", target);
		*a = ask(pl, "review.path", "c", "Overwrite it (o), save as another name (s), or cancel (c)?");
		if (*a != ANS_OK)
			break;
		if (strcasecmp(pl->line, "o") == 0 || strcasecmp(pl->line, "overwrite") == 0)
			return target;
		if (strcasecmp(pl->line, "s") == 0 || strcasecmp(pl->line, "save as") == 0) {
			char *def = wizard_default_plan_path(pl->wz.plan->name, NULL);
			*a = ask(pl, "review.path", def, "Save the plan as");
			free(def);
			if (*a != ANS_OK)
				break;
			free(target);
			target = xstrdup(pl->line);
			continue;
		}
		if (strcasecmp(pl->line, "c") != 0 && strcasecmp(pl->line, "cancel") != 0) {
			say(pl, "Please answer o, s or c.");
			continue;
		}
		say(pl, "Not saved: %s was left as it was.", target);
		break;
	}
	if (*a == ANS_OK && wizard_save_target(&pl->wz, target) != WIZARD_SAVE_EXISTS)
		return target;
	free(target);
	return NULL;
}

/* How Docker clients reach the VCH: the three TLS choices, each in one sentence, and
 * for tlsverify the certificate's common name (suggested from the static address). */
static enum answer ask_tls(struct plain *pl)
{
	struct plan *p = pl->wz.plan;
	struct choice c = {0};
	char suggest[320];
	size_t pick = 0, def;
	enum answer a;

	def = render_tls_index(pl->wz.saved && !p->tls.mode ? NULL : render_tls_default(p));
	for (size_t i = 0; i < RENDER_TLS_COUNT; i++) {
		char *label = xasprintf("%-12s %s", render_tls_modes[i],
					render_tls_explain(render_tls_modes[i]));
		choice_add(&c, label, render_tls_modes[i], NULL);
		free(label);
	}
	say(pl, "How will Docker clients reach the VCH?");
	for (;;) {
		a = choose(pl, &c, "tls.mode", "Docker access", def, &pick);
		if (a != ANS_OK || pick != 0)
			break;
		render_tls_suggest_cname(p, suggest, sizeof suggest);
		a = ask(pl, "tls.cname", p->tls.cname ? p->tls.cname : suggest[0] ? suggest : NULL,
			"Certificate name (the FQDN or address clients use)");
		if (a != ANS_OK)
			break;
		if (pl->line[0] && strcmp(pl->line, "-") != 0)
			break;
		say(pl, "Error: tlsverify needs the name clients use to reach the VCH (the client "
			"network is DHCP, so there is no address to suggest); type it, or choose "
			"no-tlsverify.");
	}
	if (a == ANS_OK)
		render_tls_apply(p, pick, pick == 0 ? pl->line : NULL, pl->wz.saved == NULL);
	choice_free(&c);
	return a;
}

static enum answer step_review(struct plain *pl, bool *saved)
{
	struct layout_opts lo = {.ascii = false, .width = 76, .lookup = lookup, .ctx = pl};
	char *layout, *yaml, *def, *target, abs[PATH_MAX];
	enum answer a;

	a = ask_tls(pl);
	if (a != ANS_OK)
		return a;
	layout = layout_draw(pl->wz.plan, &lo);
	yaml = plan_yaml_dump(pl->wz.plan, layout);
	fputs(yaml, pl->out);
	free(yaml);
	def = default_save_path(pl);
	for (;;) {
		a = ask(pl, "review.path", def, "Save the plan as");
		if (a != ANS_OK)
			break;
		target = resolve_target(pl, pl->line, &a);
		if (a != ANS_OK)
			break;
		if (!target)
			continue; /* cancelled: ask for the name again */
		if (plan_yaml_save(pl->wz.plan, target, layout) < 0) {
			say(pl, "Not saved: %s", san(err_msg()));
			free(target);
			continue;
		}
		wizard_mark_saved(&pl->wz, target);
		if (!realpath(target, abs))
			snprintf(abs, sizeof abs, "%s", target);
		free(pl->saved_msg);
		/* the Next commands are shell-quoted: they can be pasted */
		pl->saved_msg = wizard_saved_message(abs, target);
		pl->saved_msg[strlen(pl->saved_msg) - 1] = '\0'; /* say() ends the line */
		free(target);
		*saved = true;
		break;
	}
	free(def);
	free(layout);
	return a;
}

/* --- the loop --- */

/* Saves the draft; false (after saying why) when it could not be written. */
static bool save_draft(struct plain *pl)
{
	if (!pl->drafts)
		return false;
	if (!pl->draft_path)
		pl->draft_path = draft_new_path();
	if (!pl->draft_path || draft_save(pl->draft_path, &pl->wz) < 0) {
		say(pl, "Warning: %s", san(err_msg()));
		err_clear();
		return false;
	}
	return true;
}

static enum answer run_step(struct plain *pl, bool *saved)
{
	switch (pl->wz.step) {
	case WIZARD_CONNECT: return step_connect(pl);
	case WIZARD_SCOPE: return step_scope(pl);
	case WIZARD_BRIDGE: return step_role(pl, PLAN_ROLE_BRIDGE);
	case WIZARD_PUBLIC: return step_role(pl, PLAN_ROLE_PUBLIC);
	case WIZARD_CLIENT: return step_role(pl, PLAN_ROLE_CLIENT);
	case WIZARD_MANAGEMENT: return step_role(pl, PLAN_ROLE_MANAGEMENT);
	case WIZARD_CONTAINERS: {
		/* proxies sit with the containers step, as on the screen (its Advanced part) */
		enum answer a = step_containers(pl);
		return a == ANS_OK ? step_proxies(pl) : a;
	}
	case WIZARD_LAYOUT: return step_layout(pl);
	case WIZARD_FIREWALL: return step_firewall(pl);
	case WIZARD_REVIEW: return step_review(pl, saved);
	case WIZARD_STEP_COUNT: break;
	}
	return ANS_STOP;
}

/* After connecting to resume a draft: passes the steps before the draft's, each judged
 * as Next judges it. */
static void walk_to(struct plain *pl, enum wizard_step to)
{
	const struct plan *p = pl->wz.plan;

	if (!pl->dc_id && p->target.datacenter) {
		const struct inv_obj *o = inv_find(pl->inv, INV_DATACENTER, p->target.datacenter, NULL);
		err_clear();
		if (o)
			pl->dc_id = xstrdup(o->id);
	}
	while (pl->wz.step < to) {
		const char *pg = NULL;
		const struct inv_obj *dc = datacenter(pl);
		switch (pl->wz.step) {
		case WIZARD_BRIDGE: pg = p->bridge.port_group; break;
		case WIZARD_PUBLIC: pg = p->public_net.port_group; break;
		case WIZARD_CLIENT: pg = p->client_net.port_group; break;
		case WIZARD_MANAGEMENT: pg = p->management_net.port_group; break;
		default: break;
		}
		/* a port group the inventory no longer has: ask here, as the screens do */
		if (pg && !inv_find_network(pl->inv, pg, dc ? dc->name : NULL)) {
			say(pl, "Resuming stopped at the %s step: the plan's port group \"%s\" is not in "
				"this datacenter; choose another.", wizard_step_title(pl->wz.step), san(pg));
			err_clear();
			return;
		}
		if (wizard_next(&pl->wz) < 0) {
			say(pl, "Resuming stopped at the %s step: %s", wizard_step_title(pl->wz.step),
			    san(err_msg()));
			return;
		}
	}
	say(pl, "Resumed: every earlier choice is kept, found in the inventory and checked again.");
}

/* Offers the latest draft. Returns false to stop. */
static bool offer_draft(struct plain *pl)
{
	char *warning, *path = draft_latest(&warning), *desc;
	struct plan *p;
	struct draft_info info;

	if (warning) {
		say(pl, "Warning: %s", warning);
		free(warning);
	}
	if (!path)
		return true;
	if (draft_load(path, &p, &info) < 0) {
		say(pl, "Warning: an unreadable draft was left aside: %s", san(err_msg()));
		err_clear();
		free(path);
		return true;
	}
	desc = draft_describe(p, &info);
	say(pl, "An unfinished wizard session was saved: %s.", san(desc));
	free(desc);
	for (;;) {
		enum answer a = ask(pl, NULL, "r", "Resume it (r), discard it (d), or start anew and "
						 "keep it for later (k)");
		if (a == ANS_STOP) {
			plan_free(p);
			draft_info_free(&info);
			free(path);
			return false;
		}
		if (strcmp(pl->line, "r") == 0) {
			plan_free(pl->wz.plan);
			pl->wz.plan = p;
			pl->wz.draft_target = true;
			if (info.plan_path)
				mem_set_str(&pl->wz.path, info.plan_path);
			pl->resume_to = info.step;
			pl->draft_path = path;
			draft_info_free(&info);
			say(pl, "Resuming: sign in again (passwords are never saved).");
			return true;
		}
		if (strcmp(pl->line, "d") == 0) {
			if (draft_discard(path) < 0)
				say(pl, "Warning: %s", san(err_msg()));
			else
				say(pl, "Draft discarded.");
			break;
		}
		if (strcmp(pl->line, "k") == 0)
			break;
		say(pl, "Please answer r, d or k.");
	}
	plan_free(p);
	draft_info_free(&info);
	free(path);
	return true;
}

int plain_run(struct plain_opts *o)
{
	struct plain pl;
	bool saved = false;
	int code = EXIT_PROBLEMS, count;

	memset(&pl, 0, sizeof pl);
	pl.in = o->in;
	pl.out = o->out;
	pl.tty = isatty(fileno(o->in));
	pl.ascii = o->ascii;
	pl.drafts = o->drafts;
	pl.copts = o->copts;
	pl.inv = o->inv;
	wizard_init(&pl.wz, o->plan ? o->plan : plan_new(), PLAIN_STEPS);
	if (o->plan_path)
		wizard_mark_saved(&pl.wz, o->plan_path);

	/* a signal ends the wait for an answer (sig.h) */
	sig_catch();

	say(&pl, "vchnet wizard, plain mode. %s", help_plain());
	if (pl.drafts && !o->plan_path && !offer_draft(&pl))
		goto out;
	if (o->plan_path)
		pl.resume_to = WIZARD_LAYOUT; /* as the screens do: on to the layout if it all holds */
	for (;;) {
		enum wizard_step at = pl.wz.step;
		unsigned reads = pl.reads;
		enum answer a;

		wizard_step_number(&pl.wz, at, &count);
		say(&pl, "\n== Step %d of %d: %s ==", wizard_step_number(&pl.wz, at, NULL), count,
		    wizard_step_title(at));
		say(&pl, "%s", wizard_step_intro(at));
		a = run_step(&pl, &saved);
		if (a == ANS_STOP || sig_caught())
			break;
		if (a == ANS_BACK) {
			if (wizard_back(&pl.wz) < 0)
				say(&pl, "This is the first step: nothing to go back to.");
			continue;
		}
		if (saved)
			break;
		if (at == WIZARD_REVIEW)
			continue;
		if (wizard_next(&pl.wz) < 0) {
			say(&pl, "Cannot continue: %s", san(err_msg()));
			print_findings(&pl, &pl.wz.findings, false);
			if (pl.reads == reads) {
				/* the step asked nothing the user could change here */
				say(&pl, "Stopped: go back with '<' next time, or fix the inventory.");
				break;
			}
			continue;
		}
		if (at == WIZARD_CONNECT && pl.resume_to > WIZARD_SCOPE) {
			walk_to(&pl, pl.resume_to);
			pl.resume_to = WIZARD_CONNECT;
		}
		save_draft(&pl);
	}
out:
	if (saved) {
		say(&pl, "%s", pl.saved_msg);
		if (pl.draft_path)
			draft_discard(pl.draft_path);
		code = EXIT_OK;
	} else if (sig_caught()) {
		bool kept = save_draft(&pl);
		say(&pl, "\nStopped by signal %d.%s%s", sig_caught(),
		    kept ? " Your choices are kept in the draft " : "",
		    kept ? san(pl.draft_path) : pl.drafts ? " The draft could not be saved (see the "
						       "warning above): your choices are lost." : "");
		code = 128 + sig_caught();
	} else {
		if (pl.drafts && pl.wz.step > WIZARD_CONNECT && wizard_unsaved(&pl.wz)) {
			if (save_draft(&pl))
				say(&pl, "\nInput ended before the plan was saved. Your choices are "
					 "kept in the draft %s; the next \"vchnet wizard\" offers to "
					 "resume it.", san(pl.draft_path));
			else
				say(&pl, "\nInput ended before the plan was saved, and the draft "
					 "could not be written (see the warning above): your "
					 "choices are lost.");
		} else {
			say(&pl, "\nInput ended: quit without saving the plan.");
		}
	}
	sig_release();
	free(pl.line);
	free(pl.saved_msg);
	free(pl.draft_path);
	free(pl.dc_id);
	vsphere_free(pl.vs);
	if (pl.have_conn)
		conn_free(&pl.conn);
	inv_free(pl.inv);
	wizard_free(&pl.wz);
	return code;
}

bool plain_wanted(int argc, char **argv)
{
	const char *term = getenv("TERM");

	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--plain") == 0)
			return true;
	return term && strcmp(term, "dumb") == 0;
}

int plain_plan_arg(int argc, char **argv, int first, const char **plan_path)
{
	int i = first;

	*plan_path = NULL;
	if (i < argc && strcmp(argv[i], "wizard") == 0 && (i + 1 < argc || access(argv[i], F_OK) != 0))
		i++;
	if (i < argc)
		*plan_path = argv[i++];
	if (i < argc) {
		err_set("too many arguments: give at most one plan file");
		return -1;
	}
	return 0;
}

static void usage(FILE *out)
{
	fputs("Usage: vchnet wizard --plain [OPTIONS] [PLAN]\n"
	      "\n"
	      "The wizard's questions line by line on standard input and output, without\n"
	      "full-screen drawing: for screen readers, serial consoles and expect scripts.\n"
	      "Used automatically when TERM=dumb. Same steps, checks and plan as the screens.\n"
	      "An empty answer takes the value in [brackets], '-' clears it, '?' explains the\n"
	      "question, '<' goes back a step; end of input stops and keeps a draft.\n"
	      "\n"
	      "Options:\n"
	      "      --plain                this mode\n"
	      "      --ascii                ASCII layout drawings\n"
	      "  -h, --help                 this help\n",
	      out);
	fputs(CONN_OPTIONS_HELP, out);
}

/* As cli_usage_error() in main.c, which is not part of the core library. */
static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	fputs("vchnet: ", stderr);
	san_fputs(msg, stderr);
	free(msg);
	fputs("\nTry 'vchnet wizard --plain --help' for more information.\n", stderr);
	return EXIT_USAGE;
}

enum { OPT_PLAIN = 0x5800, OPT_ASCII, OPT_NO_COLOR, OPT_LOG };

int plain_main(int argc, char **argv)
{
	static const struct option longopts[] = {
		CONN_LONG_OPTIONS,
		{"plain", no_argument, NULL, OPT_PLAIN},
		{"ascii", no_argument, NULL, OPT_ASCII},
		{"no-color", no_argument, NULL, OPT_NO_COLOR},
		{"log", required_argument, NULL, OPT_LOG},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct conn_opts copts;
	struct plain_opts po;
	struct plan *plan = NULL;
	const char *plan_path = NULL;
	bool ascii = !layout_locale_is_utf8();
	int c, code;

	memset(&copts, 0, sizeof copts);
	optind = 1;
	while ((c = getopt_long(argc, argv, "h" CONN_SHORT_OPTIONS, longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			conn_opts_free(&copts);
			return EXIT_OK;
		case OPT_PLAIN:
		case OPT_NO_COLOR:
		case OPT_LOG: /* nothing is drawn, and diagnostics go to stderr anyway */
			break;
		case OPT_ASCII:
			ascii = true;
			break;
		default:
			switch (conn_opts_parse(&copts, c, optarg)) {
			case 1:
				break;
			case -1:
				conn_opts_free(&copts);
				return usage_error("%s", err_msg());
			default:
				conn_opts_free(&copts);
				return usage_error("unknown option");
			}
		}
	}
	if (plain_plan_arg(argc, argv, optind, &plan_path) < 0) {
		conn_opts_free(&copts);
		return usage_error("%s", err_msg());
	}
	if (plan_path) {
		struct strv errors = {0};
		if (plan_yaml_load(plan_path, &plan, &errors) < 0) {
			fprintf(stderr, "vchnet: cannot resume from %s:\n", san(plan_path));
			for (size_t i = 0; i < errors.n; i++)
				fprintf(stderr, "  %s\n", san(errors.v[i]));
			if (errors.n == 0)
				fprintf(stderr, "  %s\n", san(err_msg()));
			strv_free(&errors);
			conn_opts_free(&copts);
			return EXIT_USAGE;
		}
		strv_free(&errors);
	}
	memset(&po, 0, sizeof po);
	po.in = stdin;
	po.out = stdout;
	po.copts = &copts;
	po.plan = plan;
	po.plan_path = plan_path;
	po.ascii = ascii;
	po.drafts = true;
	code = plain_run(&po);
	conn_opts_free(&copts);
	return code;
}
