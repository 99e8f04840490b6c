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
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"
#include "draft.h"
#include "err.h"
#include "fieldcheck.h"
#include "firewall.h"
#include "fwstep.h"
#include "help.h"
#include "inv.h"
#include "layout.h"
#include "mem.h"
#include "netpick.h"
#include "plan_yaml.h"
#include "render.h"
#include "sanitize.h"
#include "session.h"
#include "sig.h"
#include "topo_live.h"
#include "topo_text.h"
#include "vsphere.h"
#include "wizard.h"

/* Every step has a plain form. */
#define PLAIN_STEPS ((1u << WIZARD_STEP_COUNT) - 1)
/* Long lists stop here; typing part of a name narrows them. */
#define LIST_MAX 40

enum answer { ANS_OK, ANS_BACK, ANS_STOP };

struct plain {
	FILE *in, *out;
	bool tty;                 /* stdin is a terminal: no echo of the password */
	bool drafts;
	int width;                /* lines are wrapped at words to this width; 0: never */
	struct session *s;        /* the plan, steps, connection, inventory (borrowed) */
	char *draft_path;
	char *line;               /* the last answer (owned) */
	size_t line_cap;
	char *saved_msg;
	unsigned reads;           /* answers read so far */
	bool input_ended;         /* a question inside the core met the end of input */
	char *draft_error;        /* why the last draft could not be saved, or NULL */
};

/* Our own typography in ASCII: a screen reader spells out box drawing, a serial
 * console shows it as garbage. Names from outside keep their letters (san() has made
 * them safe); only punctuation, arrows and line drawing are replaced. */
static const char *ascii_for(unsigned cp)
{
	switch (cp) {
	case 0x2014: return "--";  /* em dash */
	case 0x2013: return "-";   /* en dash */
	case 0x2026: return "..."; /* ellipsis */
	case 0x2018: case 0x2019: return "'";
	case 0x201C: case 0x201D: return "\"";
	case 0x2022: case 0x00B7: return "*";
	case 0x2192: case 0x25B6: case 0x25B8: return ">";
	case 0x2190: case 0x25C0: return "<";
	case 0x2713: case 0x2714: return "ok";
	case 0x2717: case 0x2718: case 0x00D7: return "x";
	case 0x00A0: return " ";
	default: break;
	}
	if (cp >= 0x2500 && cp <= 0x257F) { /* box drawing */
		if (cp == 0x2500 || cp == 0x2501 || cp == 0x2504 || cp == 0x2508 || cp == 0x2550)
			return "-";
		if (cp == 0x2502 || cp == 0x2503 || cp == 0x2506 || cp == 0x250A || cp == 0x2551)
			return "|";
		return "+";
	}
	return NULL;
}

/* text with ascii_for() applied. Caller frees. */
static char *to_ascii(const char *text)
{
	size_t len = strlen(text), n = 0;
	char *out = xmalloc(len * 3 + 1);

	for (const unsigned char *t = (const unsigned char *)text; *t;) {
		unsigned cp = 0;
		int k = *t < 0x80 ? 1 : (*t & 0xE0) == 0xC0 ? 2 : (*t & 0xF0) == 0xE0 ? 3
			: (*t & 0xF8) == 0xF0 ? 4 : 1;
		const char *r = NULL;
		bool whole = true;

		for (int i = 1; i < k; i++)
			whole = whole && (t[i] & 0xC0) == 0x80;
		if (k > 1 && whole) {
			cp = *t & (0x7F >> k);
			for (int i = 1; i < k; i++)
				cp = cp << 6 | (t[i] & 0x3F);
			r = ascii_for(cp);
		}
		if (!whole)
			k = 1;
		if (r) {
			size_t rl = strlen(r);
			memcpy(out + n, r, rl);
			n += rl;
		} else {
			memcpy(out + n, t, (size_t)k);
			n += (size_t)k;
		}
		t += k;
	}
	out[n] = '\0';
	return out;
}

/* Display columns of s[0..len) (UTF-8: one per character). */
static size_t cols(const char *s, size_t len)
{
	size_t c = 0;
	for (size_t i = 0; i < len; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

/* Writes text, each line wrapped at spaces to pl->width (a word longer than the line
 * stays whole); a continuation line is indented two more than its line. Ends with a
 * newline when nl. */
static void put_text(struct plain *pl, const char *text, bool nl)
{
	char *a = to_ascii(text);
	const char *line = a;

	for (;;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		size_t lead = strspn(line, " ");
		size_t indent = 0;
		const char *p = line;
		size_t left = len;

		if (lead > 20)
			lead = 20;
		while (pl->width > 0 && cols(p, left) + indent > (size_t)pl->width) {
			size_t room = (size_t)pl->width - indent, cut = 0, c = 0;
			/* the last space within the room, past the indentation */
			for (size_t i = 0; i < left && c <= room; i++) {
				if (p[i] == ' ' && i > lead && c <= room)
					cut = i;
				c += ((unsigned char)p[i] & 0xC0) != 0x80;
			}
			if (!cut)
				break;
			fprintf(pl->out, "%*s%.*s\n", (int)indent, "", (int)cut, p);
			while (cut < left && p[cut] == ' ')
				cut++;
			p += cut;
			left -= cut;
			indent = lead + 2;
			lead = 0;
		}
		fprintf(pl->out, "%*s%.*s", (int)indent, "", (int)left, p);
		if (!end)
			break;
		fputc('\n', pl->out);
		line = end + 1;
	}
	if (nl)
		fputc('\n', pl->out);
	fflush(pl->out);
	free(a);
}

static void say(struct plain *pl, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct plain *pl, const char *fmt, ...)
{
	va_list ap;
	char *text;

	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	put_text(pl, text, true);
	free(text);
}

/* What a module prints to a FILE (the firewall report, the topology text), said. */
static void say_printed(struct plain *pl, void (*print)(FILE *out, const void *arg), const void *arg)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	MEM_ASSERT(f != NULL);
	print(f, arg);
	fclose(f);
	if (len && buf[len - 1] == '\n')
		buf[len - 1] = '\0';
	put_text(pl, buf, true);
	free(buf);
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
		char *q, *prompt;
		va_start(ap, fmt);
		q = xvasprintf(fmt, ap);
		va_end(ap);
		prompt = def && *def ? xasprintf("%s [%s]: ", q, san(def)) : xasprintf("%s: ", q);
		put_text(pl, prompt, false);
		free(prompt);
		free(q);
		if (read_line(pl, false) == ANS_STOP)
			return ANS_STOP;
		if (strcmp(pl->line, "?") == 0) {
			const char *h = help_field(help_key);
			say(pl, "%s", h ? h : help_step(pl->s->wz.step));
			say(pl, "(%s; see %s)", "'<' goes back a step, '-' clears, Ctrl-D stops",
			    help_manref(pl->s->wz.step));
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
	/* what the plan held before: a refused answer is never offered back */
	char *before = *slot ? xstrdup(*slot) : NULL;

	for (;;) {
		char *def = *slot ? xstrdup(*slot) : NULL, *why;
		enum answer a;

		if (def)
			a = ask(pl, help_key, def, "%s", label);
		else
			a = ask(pl, help_key, NULL, "%s%s%s%s", label, empty_means ? " (empty: " : "",
				empty_means ? empty_means : "", empty_means ? ")" : "");
		free(def);
		if (a != ANS_OK) {
			free(before);
			return a;
		}
		mem_set_str(slot, pl->line[0] && strcmp(pl->line, "-") != 0 ? pl->line : NULL);
		if (!path || !(why = fieldcheck_error(pl->s->wz.plan, path))) {
			free(before);
			return ANS_OK;
		}
		say(pl, "Error: %s", san(why));
		free(why);
		mem_set_str(slot, before);
	}
}

static enum answer ask_list(struct plain *pl, const char *help_key, const char *path,
			    struct strv *list, const char *label, const char *empty_means)
{
	enum answer a;

	/* what the plan held before: a refused answer is never offered back */
	struct strv before = {0};

	for (size_t i = 0; i < list->n; i++)
		strv_push(&before, list->v[i]);
	for (;;) {
		char *def = list->n ? strv_join(list, ", ") : NULL, *why;

		if (def)
			a = ask(pl, help_key, def, "%s", label);
		else
			a = ask(pl, help_key, NULL, "%s (empty: %s)", label, empty_means);
		free(def);
		if (a != ANS_OK)
			break;
		if (strcmp(pl->line, "-") == 0)
			strv_free(list);
		else
			strv_split_list(list, pl->line);
		if (!path || !(why = fieldcheck_error(pl->s->wz.plan, path)))
			break;
		say(pl, "Error: %s", san(why));
		free(why);
		strv_free(list);
		for (size_t i = 0; i < before.n; i++)
			strv_push(list, before.v[i]);
	}
	strv_free(&before);
	return a;
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

static void phase_cb(void *ctx, const char *host, const char *phase)
{
	struct plain *pl = ctx;

	if (strcmp(phase, "contacting the server") == 0)
		say(pl, "Connecting to %s ...", san(host));
	else if (strcmp(phase, "reading the inventory") == 0)
		say(pl, "Reading the inventory ...");
}

static bool cancel_cb(void *ctx)
{
	(void)ctx;
	return sig_caught() != 0;
}

static void warning_cb(void *ctx, const char *msg)
{
	say(ctx, "Warning: %s", san(msg));
}

static enum session_cert_answer certificate_cb(void *ctx, const char *host,
					       const struct tls_cert_info *ci)
{
	struct plain *pl = ctx;

	say(pl, "The certificate of %s is not signed by an authority this computer trusts. "
		"Compare its fingerprint with the one vCenter shows before you accept it.", san(host));
	say(pl, "  Subject: %s\n  Issuer:  %s\n  Valid:   %s to %s\n  SHA-256: %s\n  SHA-1:   %s",
	    ci->subject ? san(ci->subject) : "?", ci->issuer ? san(ci->issuer) : "?",
	    ci->not_before ? san(ci->not_before) : "?", ci->not_after ? san(ci->not_after) : "?",
	    ci->sha256 ? san(ci->sha256) : "?", ci->sha1 ? san(ci->sha1) : "?");
	for (;;) {
		enum answer a = ask(pl, "target.url", "r",
				    "Reject (r), accept once (o) or accept and remember (a)");
		if (a != ANS_OK) {
			pl->input_ended = a == ANS_STOP;
			return SESSION_CERT_REJECT;
		}
		if (!strcasecmp(pl->line, "r"))
			return SESSION_CERT_REJECT;
		if (!strcasecmp(pl->line, "o"))
			return SESSION_CERT_ONCE;
		if (!strcasecmp(pl->line, "a"))
			return SESSION_CERT_REMEMBER;
		say(pl, "Please answer r, o or a.");
	}
}

static char *password_cb(void *ctx, const char *host, const char *user)
{
	struct plain *pl = ctx;
	char *pw;

	(void)host;
	(void)user;
	put_text(pl, "Password: ", false);
	if (read_line(pl, true) == ANS_STOP) {
		pl->input_ended = true;
		return NULL;
	}
	pw = xstrdup(pl->line);
	memset(pl->line, 0, strlen(pl->line));
	return pw;
}

/* Plans from the inventory snapshot: the vCenter address and user name are still
 * asked, for the plan. */
static enum answer connect_snapshot(struct plain *pl)
{
	struct plan *p = pl->s->wz.plan;
	enum answer a;

	if (session_use_snapshot(pl->s) < 0) {
		say(pl, "Error: %s", san(err_msg()));
		return ANS_STOP;
	}
	say(pl, "Working from the inventory %s (%zu networks, %zu hosts); nothing is sent "
		"to vCenter.", pl->s->inv->source ? san(pl->s->inv->source) : "snapshot",
	    pl->s->inv->n_networks, pl->s->inv->n_hosts);
	a = ask_str(pl, "target.url", "target.url", &p->target.url, "vCenter address", NULL);
	if (a == ANS_OK)
		a = ask_str(pl, "target.username", "target.username", &p->target.username,
			    "User name", "none: vic-machine then reads VIC_MACHINE_USER");
	if (a == ANS_OK)
		pl->s->wz.connected = true;
	return a;
}

static enum answer step_connect(struct plain *pl)
{
	struct session_ui ui = {.ctx = pl, .certificate = certificate_cb, .password = password_cb,
				.phase = phase_cb, .cancelled = cancel_cb, .warning = warning_cb};
	/* the defaults: never an answer that was refused */
	char *url0 = xstrdup(session_default_url(pl->s)), *user0 = xstrdup(session_default_user(pl->s));
	char *url = NULL, *user = NULL;
	enum answer a = ANS_OK;
	bool ask_names = true;

	if (pl->s->copts.inventory || pl->s->inv) {
		free(url0);
		free(user0);
		return connect_snapshot(pl);
	}
	for (;;) {
		enum session_fail fail;

		if (ask_names) {
			a = ask(pl, "target.url", url0, "vCenter address");
			if (a != ANS_OK)
				break;
			mem_set_str(&url, pl->line);
			a = ask(pl, "target.username", user0, "User name");
			if (a != ANS_OK)
				break;
			mem_set_str(&user, pl->line);
		}
		if (session_connect(pl->s, url, user, NULL, &ui, &fail) == 0) {
			char *done = session_connected_text(pl->s);
			say(pl, "%s", done);
			free(done);
			break;
		}
		if (pl->input_ended || sig_caught()) {
			a = ANS_STOP;
			break;
		}
		say(pl, "Error: %s", san(err_msg()));
		/* a wrong password: only the password is asked again */
		ask_names = fail != SESSION_FAIL_LOGIN;
		if (fail != SESSION_FAIL_INPUT) {
			/* the address and name were taken: offered again */
			mem_set_str(&url0, url);
			mem_set_str(&user0, user);
		}
	}
	free(url);
	free(user);
	free(url0);
	free(user0);
	return a;
}

/* --- scope --- */

static const struct inv_obj *datacenter(const struct plain *pl)
{
	return pl->s->dc_id ? inv_find_id(pl->s->inv, pl->s->dc_id) : NULL;
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
	struct plan *p = pl->s->wz.plan;
	struct choice c = {0};
	size_t pick, def;
	enum answer a;

	/* datacenter: the plan's, else the first; asked only when there are several */
	session_datacenter(pl->s);
	if (pl->s->inv->n_datacenters > 1) {
		for (size_t i = 0; i < pl->s->inv->n_datacenters; i++)
			choice_add(&c, pl->s->inv->datacenters[i].o.name, pl->s->inv->datacenters[i].o.id, NULL);
		say(pl, "Datacenters:");
		a = choose(pl, &c, "target.computeResource", "Datacenter", index_of(&c, pl->s->dc_id), &pick);
		if (a != ANS_OK) {
			choice_free(&c);
			return a;
		}
		mem_set_str(&pl->s->dc_id, c.value[pick]);
		choice_free(&c);
	} else if (pl->s->inv->n_datacenters == 1) {
		say(pl, "Datacenter: %s (the only one)", san(pl->s->inv->datacenters[0].o.name));
	}
	{
		const struct inv_obj *dc = datacenter(pl);
		if (dc)
			mem_set_str(&p->target.datacenter, dc->name);
	}

	/* compute resources as a tree, as on the screen */
	{
		struct session_places places;
		const struct inv_obj *owner = NULL;
		session_computes(pl->s, &places);
		for (size_t i = 0; i < places.n; i++) {
			const struct inv_obj *o = places.v[i];
			const struct inv_compute *cr = (const struct inv_compute *)o;
			char *label;
			if (o->kind == INV_POOL)
				label = xasprintf("%*s%s (resource pool of %s)", 2 * places.depth[i], "",
						  o->name, owner ? owner->name : "?");
			else if (cr->cluster)
				label = xasprintf("%s (cluster, %zu host%s)", o->name, cr->hosts.n,
						  cr->hosts.n == 1 ? "" : "s");
			else
				label = xasprintf("%s (host)", o->name);
			if (o->kind != INV_POOL)
				owner = o;
			choice_add(&c, label, o->id, NULL);
			free(label);
		}
		session_places_free(&places);
	}
	if (c.n == 0) {
		say(pl, "Error: this datacenter has no cluster or host to run a VCH.");
		choice_free(&c);
		return ANS_STOP;
	}
	def = index_of(&c, session_obj_id(pl->s, INV_COMPUTE, p->target.compute_resource));
	if (def == (size_t)-1)
		def = index_of(&c, session_obj_id(pl->s, INV_POOL, p->target.compute_resource));
	if (def == (size_t)-1)
		def = 0;
	say(pl, "Compute resources (where the VCH and its containers run):");
	a = choose(pl, &c, "target.computeResource", "Compute resource", def, &pick);
	if (a != ANS_OK) {
		choice_free(&c);
		return a;
	}
	{
		const struct inv_obj *o = inv_find_id(pl->s->inv, c.value[pick]);
		mem_set_str(&p->target.compute_resource, o->name);
	}
	const struct inv_compute *cr = session_compute_of(pl->s, c.value[pick]);
	choice_free(&c);

	{
		struct session_places stores;
		session_datastores(pl->s, cr ? cr->o.id : NULL, &stores);
		for (size_t i = 0; i < stores.n; i++)
			choice_add(&c, stores.v[i]->name, stores.v[i]->id, NULL);
		session_places_free(&stores);
	}
	if (c.n == 0) {
		say(pl, "Error: no datastore is mounted by every host of %s; choose another compute "
			"resource.", san(p->target.compute_resource));
		mem_set_str(&p->target.image_store, NULL);
		choice_free(&c);
		return ANS_OK; /* Next refuses and says why */
	}
	def = index_of(&c, session_obj_id(pl->s, INV_DATASTORE, p->target.image_store));
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

static enum answer ask_network(struct plain *pl, enum plan_role role, const char *help_key,
			       const char *pg, const char *id, const char **out_pg, const char **out_id,
			       char **store_pg, char **store_id)
{
	struct choice c = {0};
	struct session_net_choices nc;
	const struct inv_network **nets;
	size_t def = (size_t)-1, pick;
	enum answer a;

	session_net_choices(pl->s, role, pg, id, &nc);
	nets = xcalloc(nc.n + 1, sizeof *nets);
	c.hay = xcalloc(nc.n + 1, sizeof *c.hay);
	c.vlan = xcalloc(nc.n + 1, sizeof *c.vlan);
	for (size_t i = 0; i < nc.n; i++) {
		nets[i] = nc.v[i].net;
		choice_add(&c, nc.v[i].label, nc.v[i].net->o.name, nc.v[i].why_not);
		c.hay[i] = xstrdup(nc.v[i].hay);
		c.vlan[i] = nc.v[i].vlan;
	}
	if (c.n == 0) {
		say(pl, "Error: no networks in this datacenter.");
		session_net_choices_free(&nc);
		choice_free(&c);
		free(nets);
		return ANS_STOP;
	}
	if (nc.current >= 0)
		def = (size_t)nc.current;
	if ((pg || id) && def == (size_t)-1)
		say(pl, "The plan's port group \"%s\" is not in this datacenter: choose another.",
		    san(pg ? pg : id));
	if (def == (size_t)-1 && !pg && !id) {
		if (nc.suggested >= 0) {
			char *dsc = netpick_describe(pl->s->inv, nets[nc.suggested]);
			say(pl, "Suggested (not chosen yet): %s. Press Enter to take it.", san(dsc));
			free(dsc);
			def = (size_t)nc.suggested;
		} else {
			say(pl, "Nothing is chosen yet: type the number or name of the port group.");
		}
	}
	session_net_choices_free(&nc);
	a = choose(pl, &c, help_key, "Port group", def, &pick);
	if (a == ANS_OK) {
		char *dsc = netpick_describe(pl->s->inv, nets[pick]);
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

/* The questions of the network steps, one function each, so that a refusal at Next
 * asks again only the question it is about (ask_field). */

static enum answer q_port_group(struct plain *pl, enum plan_role role)
{
	struct plan *p = pl->s->wz.plan;
	char key[64];

	snprintf(key, sizeof key, "networks.%s.portGroup", plan_role_name(role));
	if (role == PLAN_ROLE_BRIDGE)
		return ask_network(pl, role, key, p->bridge.port_group, p->bridge.id, NULL, NULL,
				   &p->bridge.port_group, &p->bridge.id);
	struct plan_role_net *rn = plan_role(p, role);
	return ask_network(pl, role, key, rn->port_group, rn->id, NULL, NULL, &rn->port_group, &rn->id);
}

static enum answer q_bridge_range(struct plain *pl)
{
	struct plan *p = pl->s->wz.plan;
	return ask_str(pl, "networks.bridge.ipRange", "networks.bridge.ipRange", &p->bridge.ip_range,
		       "Bridge IP range", PLAN_DEFAULT_BRIDGE_RANGE);
}

static enum answer q_bridge_width(struct plain *pl)
{
	struct plan *p = pl->s->wz.plan;
	int before = p->bridge.width;

	for (;;) {
		char width[16] = "", *w = NULL, *why;
		enum answer a;

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
			p->bridge.width = before;
			continue;
		}
		free(w);
		why = fieldcheck_error(p, "networks.bridge.width");
		if (!why)
			return ANS_OK;
		say(pl, "Error: %s", san(why));
		free(why);
		p->bridge.width = before; /* never offered back */
	}
}

static enum answer q_ip(struct plain *pl, enum plan_role role)
{
	struct plan_role_net *rn = plan_role(pl->s->wz.plan, role);
	char key[64];
	enum answer a;

	snprintf(key, sizeof key, "networks.%s.ip", plan_role_name(role));
	a = ask_str(pl, key, key, &rn->ip, "Static address with prefix (CIDR)", "DHCP");
	if (a == ANS_OK && rn->ip && strcasecmp(rn->ip, "dhcp") == 0)
		mem_set_str(&rn->ip, NULL);
	/* a gateway goes with a static address only, as on the screen */
	if (a == ANS_OK && !rn->ip)
		mem_set_str(&rn->gateway, NULL);
	return a;
}

static enum answer q_gateway(struct plain *pl, enum plan_role role)
{
	struct plan_role_net *rn = plan_role(pl->s->wz.plan, role);
	char key[64];

	snprintf(key, sizeof key, "networks.%s.gateway", plan_role_name(role));
	return ask_str(pl, key, key, &rn->gateway, "Gateway", "none");
}

static enum answer q_extra(struct plain *pl, enum plan_role role)
{
	struct plan *p = pl->s->wz.plan;
	struct plan_role_net *rn = plan_role(p, role);
	char key[64];

	if (role == PLAN_ROLE_PUBLIC)
		return ask_list(pl, "networks.dns", "networks.dns", &p->dns, "DNS servers",
				"from DHCP, else 8.8.8.8 8.8.4.4");
	snprintf(key, sizeof key, "networks.%s.routes", plan_role_name(role));
	return ask_list(pl, key, key, &rn->routes, "Routing destinations (CIDR)", "none");
}

static void role_present(struct plan *p, enum plan_role role)
{
	struct plan_role_net *rn = plan_role(p, role);

	if (role == PLAN_ROLE_PUBLIC)
		rn->present = true;
	else
		rn->present = rn->port_group || rn->id || rn->ip || rn->gateway || rn->routes.n;
}

/* Client and management: the same port group as the role before (the default), or
 * one of their own. */
static enum answer q_share(struct plain *pl, enum plan_role role, bool *same)
{
	struct plan_role_net *rn = plan_role(pl->s->wz.plan, role);
	char key[64];
	enum answer a;

	*same = !rn->port_group && !rn->id;
	snprintf(key, sizeof key, "networks.%s.portGroup", plan_role_name(role));
	a = ask_yes(pl, key, *same, same, role == PLAN_ROLE_CLIENT
		    ? "Same as the public network (the default)?"
		    : "Same as the client network (the default)?");
	if (a != ANS_OK)
		return a;
	if (!*same)
		return q_port_group(pl, role);
	mem_set_str(&rn->port_group, NULL);
	mem_set_str(&rn->id, NULL);
	return ANS_OK;
}

static enum answer step_role(struct plain *pl, enum plan_role role)
{
	struct plan *p = pl->s->wz.plan;
	enum answer a;

	if (role == PLAN_ROLE_BRIDGE) {
		a = q_port_group(pl, role);
		if (a == ANS_OK)
			a = q_bridge_range(pl);
		if (a == ANS_OK)
			a = q_bridge_width(pl);
		return a;
	}

	struct plan_role_net *rn = plan_role(p, role);
	if (role == PLAN_ROLE_CLIENT || role == PLAN_ROLE_MANAGEMENT) {
		bool same;
		a = q_share(pl, role, &same);
		if (a != ANS_OK)
			return a;
		/* one network card serves both roles: its address is the other role's, so
		 * nothing more to ask unless the plan set something */
		if (same && !rn->ip && !rn->gateway && !rn->routes.n) {
			say(pl, "The %s network shares the %s network's card and address.",
			    plan_role_name(role), role == PLAN_ROLE_CLIENT ? "public" : "client");
			role_present(p, role);
			return ANS_OK;
		}
	} else {
		a = q_port_group(pl, role);
		if (a != ANS_OK)
			return a;
	}
	a = q_ip(pl, role);
	if (a == ANS_OK && rn->ip)
		a = q_gateway(pl, role);
	if (a == ANS_OK)
		a = q_extra(pl, role);
	if (a == ANS_OK)
		role_present(p, role);
	return a;
}

/* Asks again the one question that sets the plan key path (a refusal at Next is
 * about it): false when no single question sets it (the whole step is asked again). */
static bool ask_field(struct plain *pl, const char *path, enum answer *out)
{
	static const enum plan_role roles[] = {PLAN_ROLE_BRIDGE, PLAN_ROLE_PUBLIC, PLAN_ROLE_CLIENT,
					       PLAN_ROLE_MANAGEMENT};
	enum answer a = (enum answer)-1;
	bool same;

	if (!path)
		return false;
	if (strcmp(path, "metadata.name") == 0)
		a = ask_str(pl, "metadata.name", "metadata.name", &pl->s->wz.plan->name,
			    "VCH name", NULL);
	if (strcmp(path, "networks.dns") == 0 || strncmp(path, "networks.dns[", 13) == 0)
		a = q_extra(pl, PLAN_ROLE_PUBLIC);
	/* the NIC count, settled on the management step: whether it shares a card */
	if (strcmp(path, "networks") == 0 && pl->s->wz.step == WIZARD_MANAGEMENT) {
		a = q_share(pl, PLAN_ROLE_MANAGEMENT, &same);
		role_present(pl->s->wz.plan, PLAN_ROLE_MANAGEMENT);
	}
	for (size_t i = 0; i < sizeof roles / sizeof roles[0] && a == (enum answer)-1; i++) {
		char pre[64];
		size_t n = (size_t)snprintf(pre, sizeof pre, "networks.%s.", plan_role_name(roles[i]));
		const char *f = strncmp(path, pre, n) == 0 ? path + n : NULL;
		if (!f)
			continue;
		if ((strcmp(f, "portGroup") == 0 || strcmp(f, "id") == 0) &&
		    (roles[i] == PLAN_ROLE_CLIENT || roles[i] == PLAN_ROLE_MANAGEMENT))
			a = q_share(pl, roles[i], &same);
		else if (strcmp(f, "portGroup") == 0 || strcmp(f, "id") == 0)
			a = q_port_group(pl, roles[i]);
		else if (roles[i] == PLAN_ROLE_BRIDGE && strcmp(f, "ipRange") == 0)
			a = q_bridge_range(pl);
		else if (roles[i] == PLAN_ROLE_BRIDGE && strcmp(f, "width") == 0)
			a = q_bridge_width(pl);
		else if (roles[i] != PLAN_ROLE_BRIDGE && strcmp(f, "ip") == 0)
			a = q_ip(pl, roles[i]);
		else if (roles[i] != PLAN_ROLE_BRIDGE && strcmp(f, "gateway") == 0)
			a = q_gateway(pl, roles[i]);
		else if (roles[i] != PLAN_ROLE_BRIDGE && strncmp(f, "routes", 6) == 0)
			a = q_extra(pl, roles[i]);
		if (a == ANS_OK && roles[i] != PLAN_ROLE_BRIDGE)
			role_present(pl->s->wz.plan, roles[i]);
	}
	if (a == (enum answer)-1)
		return false;
	*out = a;
	return true;
}

/* --- container networks --- */

static const char *const trust_levels[] = {"published", "open", "closed", "outbound", "peers"};

static void describe_container(struct plain *pl, size_t i)
{
	const struct plan_container_net *cn = &pl->s->wz.plan->containers[i];
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
	struct plan *p = pl->s->wz.plan;
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
	struct plan *p = pl->s->wz.plan;

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
	struct plan *p = pl->s->wz.plan;
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

	return topo_live_lookup(pl->s->inv, dc ? dc->name : NULL, pl->s->wz.plan->name, port_group,
				out);
}

static void print_findings(struct plain *pl, const struct findings *f, bool all)
{
	size_t shown = 0;

	for (size_t i = 0; i < f->n; i++) {
		const struct finding *fd = &f->v[i];
		if (!all && wizard_step_of_path(fd->path) != pl->s->wz.step)
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
	struct layout_inputs in = {.lookup = lookup, .ctx = pl, .findings = &pl->s->wz.findings};
	struct layout_topo *topo;
	char *text;

	wizard_check(&pl->s->wz);
	topo = layout_topo_new(pl->s->wz.plan, &in);
	text = topo_text_describe(topo, 76);
	put_text(pl, text, false);
	free(text);
	layout_topo_free(topo);
	if (!pl->s->wz.findings.n)
		say(pl, "No problems found.");
	return ask(pl, NULL, "continue", "Press Enter to continue");
}

static void print_report(FILE *out, const void *r) { firewall_print(out, r); }
static void print_report_plan(FILE *out, const void *r) { firewall_print_plan(out, r); }
static void print_report_fix(FILE *out, const void *r) { firewall_print_fix(out, r); }

static enum answer step_firewall(struct plain *pl)
{
	struct fwstep s = {0};
	enum answer a = ANS_OK;
	const char *host = pl->s->have_conn ? pl->s->conn.host : pl->s->inv->source;

	for (;;) {
		say(pl, "Checking the port groups and the hosts' firewalls ...");
		fwstep_check(pl->s->inv, pl->s->wz.plan, host, &s);
		if (s.fw_error)
			say(pl, "The firewall check could not run: %s", san(s.fw_error));
		else
			say_printed(pl, print_report, &s.fw);
		print_findings(pl, &s.findings, true);
		say(pl, "Pre-check: %s", san(pl->s->wz.plan->precheck_summary));
		size_t n = s.fw_error ? 0 : fwstep_plan_fix(&s);
		if (n == 0)
			break;
		if (!pl->s->vs) {
			say(pl, "%zu host%s need a change, which needs a vCenter connection (not an "
				"inventory file): run vchnet firewall --fix PLAN later.", n,
			    n == 1 ? "" : "s");
			break;
		}
		say(pl, "Fix would change %zu host%s:", n, n == 1 ? "" : "s");
		say_printed(pl, print_report_plan, &s.fw);
		bool yes = false;
		a = ask_yes(pl, "firewall.fix", false, &yes, "Apply these changes?");
		if (a != ANS_OK || !yes)
			break;
		int failed = firewall_fix(pl->s->vs, pl->s->wz.plan, &pl->s->inv, &s.fw);
		if (failed < 0) {
			say(pl, "Error: %s", san(err_msg()));
			break;
		}
		say_printed(pl, print_report_fix, &s.fw);
		if (failed > 0)
			say(pl, "%d host%s could not be changed (see above).", failed, failed == 1 ? "" : "s");
		say(pl, "Checking again ...");
		fwstep_check(pl->s->inv, pl->s->wz.plan, host, &s);
		say_printed(pl, print_report, &s.fw);
		say(pl, "Pre-check: %s", san(pl->s->wz.plan->precheck_summary));
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
	if (pl->s->wz.path)
		return xstrdup(pl->s->wz.path);
	return wizard_default_plan_path(pl->s->wz.plan->name, NULL);
}

/* When path exists and is not this session's plan: asks overwrite / save as / cancel
 * (cancel the default). Returns the path to write (the caller's), or NULL. */
static char *resolve_target(struct plain *pl, const char *path, enum answer *a)
{
	char *target = xstrdup(path);

	*a = ANS_OK;
	while (wizard_save_target(&pl->s->wz, target) == WIZARD_SAVE_EXISTS) {
		say(pl, "%s already exists and is not the plan this session opened or saved.", target);
		*a = ask(pl, "review.path", "c", "Overwrite it (o), save as another name (s), or cancel (c)?");
		if (*a != ANS_OK)
			break;
		if (strcasecmp(pl->line, "o") == 0 || strcasecmp(pl->line, "overwrite") == 0)
			return target;
		if (strcasecmp(pl->line, "s") == 0 || strcasecmp(pl->line, "save as") == 0) {
			char *def = wizard_default_plan_path(pl->s->wz.plan->name, NULL);
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
	if (*a == ANS_OK && wizard_save_target(&pl->s->wz, target) != WIZARD_SAVE_EXISTS)
		return target;
	free(target);
	return NULL;
}

/* How Docker clients reach the VCH: the three TLS choices, each in one sentence, and
 * for tlsverify the certificate's common name (suggested from the static address). */
static enum answer ask_tls(struct plain *pl)
{
	struct plan *p = pl->s->wz.plan;
	struct choice c = {0};
	char suggest[320];
	size_t pick = 0, def;
	enum answer a;

	def = render_tls_index(pl->s->wz.saved && !p->tls.mode ? NULL : render_tls_default(p));
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
		render_tls_apply(p, pick, pick == 0 ? pl->line : NULL, pl->s->wz.saved == NULL);
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
	/* shown with the drawing in ASCII; saved with the drawing the screens write, so
	 * the two faces save the same file */
	lo.ascii = true;
	layout = layout_draw(pl->s->wz.plan, &lo);
	yaml = plan_yaml_dump(pl->s->wz.plan, layout);
	put_text(pl, yaml, false);
	free(yaml);
	free(layout);
	lo.ascii = false;
	layout = layout_draw(pl->s->wz.plan, &lo);
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
		if (plan_yaml_save(pl->s->wz.plan, target, layout) < 0) {
			say(pl, "Not saved: %s", san(err_msg()));
			free(target);
			continue;
		}
		wizard_mark_saved(&pl->s->wz, target);
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
	if (!pl->draft_path || draft_save(pl->draft_path, &pl->s->wz) < 0) {
		say(pl, "Warning: %s", san(err_msg()));
		mem_set_str(&pl->draft_error, err_msg());
		err_clear();
		return false;
	}
	return true;
}

static enum answer run_step(struct plain *pl, bool *saved)
{
	switch (pl->s->wz.step) {
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
			session_take_draft(pl->s, p, &info);
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

int plain_run(struct session *s, const struct plain_opts *o)
{
	struct plain pl;
	bool saved = false;
	int code = EXIT_PROBLEMS, count;

	memset(&pl, 0, sizeof pl);
	pl.in = o->in;
	pl.out = o->out;
	pl.tty = isatty(fileno(o->in));
	pl.drafts = o->drafts;
	pl.width = o->width;
	pl.s = s;

	/* a signal ends the wait for an answer (sig.h) */
	sig_catch();

	say(&pl, "vchnet wizard, plain mode. %s", help_plain());
	if (pl.drafts && !s->wz.path && !offer_draft(&pl))
		goto out;
	for (;;) {
		enum wizard_step at = s->wz.step;
		unsigned reads = pl.reads;
		enum answer a;
		bool passed;

		wizard_step_number(&s->wz, at, &count);
		say(&pl, "\n== Step %d of %d: %s ==", wizard_step_number(&s->wz, at, NULL), count,
		    wizard_step_title(at));
		say(&pl, "%s", wizard_step_intro(at));
		a = run_step(&pl, &saved);
		/* refused: the question the first blocking error is about is asked again,
		 * alone, until Next passes; the whole step only when no one question fits */
		while (a == ANS_OK && !saved && at != WIZARD_REVIEW && !sig_caught() &&
		       !(passed = wizard_next(&s->wz) == 0)) {
			const struct finding *first;
			say(&pl, "Cannot continue: %s", san(err_msg()));
			print_findings(&pl, &s->wz.findings, false);
			wizard_blocking(&s->wz, at, &first);
			if (!first || !ask_field(&pl, first->path, &a))
				break;
		}
		if (a == ANS_STOP || sig_caught())
			break;
		if (a == ANS_BACK) {
			if (wizard_back(&s->wz) < 0)
				say(&pl, "This is the first step: nothing to go back to.");
			continue;
		}
		if (saved)
			break;
		if (at == WIZARD_REVIEW)
			continue;
		if (s->wz.step == at) {
			if (pl.reads == reads) {
				/* the step asked nothing the user could change here */
				say(&pl, "Stopped: go back with '<' next time, or fix the inventory.");
				break;
			}
			continue;
		}
		if (at == WIZARD_CONNECT) {
			char *m;
			session_resume(s, &m);
			if (m)
				say(&pl, "%s", san(m));
			free(m);
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
		char *outcome = session_draft_outcome(kept ? pl.draft_path : NULL, pl.draft_error);
		if (pl.drafts)
			say(&pl, "\nStopped by signal %d; %s.", sig_caught(), outcome);
		else
			say(&pl, "\nStopped by signal %d.", sig_caught());
		free(outcome);
		code = 128 + sig_caught();
	} else {
		if (pl.drafts && s->wz.step > WIZARD_CONNECT && wizard_unsaved(&s->wz)) {
			bool kept = save_draft(&pl);
			char *outcome = session_draft_outcome(kept ? pl.draft_path : NULL, pl.draft_error);
			say(&pl, "\nInput ended before the plan was saved; %s.", outcome);
			free(outcome);
		} else {
			say(&pl, "\nInput ended: quit without saving the plan.");
		}
	}
	sig_release();
	free(pl.line);
	free(pl.saved_msg);
	free(pl.draft_path);
	free(pl.draft_error);
	return code;
}

int plain_width(FILE *out)
{
	const char *c = getenv("COLUMNS");
	struct winsize ws;
	char *end;
	long v = c ? strtol(c, &end, 10) : 0;

	if (c && *c && !*end && v >= 20 && v <= 1000)
		return (int)v;
	if (ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
	return 80;
}

unsigned plain_steps(void) { return PLAIN_STEPS; }

/* Plain mode as the wizard command runs it (cli.h): standard input and output. */
static int plain_face_run(struct session *s, const struct wizard_face_opts *o)
{
	struct plain_opts po = {.in = stdin, .out = stdout, .drafts = true,
				.width = plain_width(stdout)};
	(void)o; /* always ASCII, no colours, nothing to log */
	return plain_run(s, &po);
}

const struct wizard_face wizard_face_plain = {.steps = plain_steps, .run = plain_face_run};
