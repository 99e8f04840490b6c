#include "plan_yaml.h"

#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <yaml.h>

#include "err.h"
#include "fileio.h"
#include "mem.h"
#include "sanitize.h"

/* Total nodes in one document: far above any real plan, low enough that a hostile file
 * cannot make the tree (or the position table) large. */
#define MAX_NODES 20000

/* ------------------------------------------------------------------------------------ */
/* Diagnostics                                                                          */

struct diag {
	int line, col; /* 1-based; line 0: about the whole file */
	size_t seq;    /* discovery order, to keep the sort stable */
	char *text;
};

enum ntype { N_SCALAR, N_MAP, N_SEQ, N_BAD };

/* The document as a small tree: the reader checks a whole mapping at once (duplicate
 * keys, missing apiVersion) and reports every problem, which a single pass over
 * events cannot do. */
struct node {
	enum ntype t;
	int line, col;
	bool plain;        /* a plain scalar: may mean null */
	char *s;           /* scalar text (NUL-terminated), len bytes */
	size_t len;
	struct node **kid; /* mapping: key, value, key, value...; sequence: items */
	size_t n, cap;
};

struct rd {
	const char *name;
	const char *buf; /* the input after a UTF-8 BOM */
	size_t len;
	struct diag *d;
	size_t n_d, cap_d;
	bool truncated; /* more than PLAN_YAML_MAX_ERRORS */
	struct node *root;
	size_t n_nodes;
	struct plan *p;
};

static void report(struct rd *r, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void report(struct rd *r, int line, int col, const char *fmt, ...)
{
	va_list ap;

	if (r->n_d >= PLAN_YAML_MAX_ERRORS) {
		r->truncated = true;
		return;
	}
	xgrow(&r->d, &r->cap_d, r->n_d + 1, sizeof *r->d);
	va_start(ap, fmt);
	r->d[r->n_d].text = xvasprintf(fmt, ap);
	va_end(ap);
	r->d[r->n_d].line = line;
	r->d[r->n_d].col = col;
	r->d[r->n_d].seq = r->n_d;
	r->n_d++;
}

static void report_at(struct rd *r, const struct node *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void report_at(struct rd *r, const struct node *n, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	report(r, n->line, n->col, "%s", msg);
	free(msg);
}

static int diag_cmp(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sorts the problems by position, hands them to errors and err_set(); returns -1. */
static int flush_errors(struct rd *r, struct strv *errors)
{
	MEM_ASSERT(r->n_d > 0);
	qsort(r->d, r->n_d, sizeof *r->d, diag_cmp);
	for (size_t i = 0; i < r->n_d; i++) {
		char *line;
		if (r->d[i].line > 0)
			line = xasprintf("%s:%d:%d: error: %s", r->name, r->d[i].line, r->d[i].col,
					 r->d[i].text);
		else
			line = xasprintf("%s: error: %s", r->name, r->d[i].text);
		if (i == 0)
			err_set("%s", line);
		if (errors)
			strv_push_owned(errors, line);
		else
			free(line);
	}
	if (r->truncated && errors)
		strv_push_owned(errors, xasprintf("%s: error: too many errors; only the first %d "
						  "are shown, fix them and read the plan again",
						  r->name, PLAN_YAML_MAX_ERRORS));
	return -1;
}

/* Copies user text into a message: quoted characters escaped, control characters shown
 * as \xNN, cut (on a character boundary) with "..." when long. */
static const char *show(char *out, size_t size, const char *s, size_t len)
{
	size_t o = 0;

	MEM_ASSERT(size >= 16);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		char tmp[8];
		size_t n;

		if (c < 0x20 || c == 0x7f)
			n = (size_t)snprintf(tmp, sizeof tmp, "\\x%02X", c);
		else if (c == '"' || c == '\\')
			n = (size_t)snprintf(tmp, sizeof tmp, "\\%c", c);
		else {
			tmp[0] = (char)c;
			n = 1;
		}
		if (o + n + 4 > size) {
			/* do not leave half a UTF-8 sequence before the dots */
			while (o > 0 && ((unsigned char)out[o - 1] & 0xc0) == 0x80)
				o--;
			if (o > 0 && ((unsigned char)out[o - 1] & 0xc0) == 0xc0)
				o--;
			memcpy(out + o, "...", 3);
			o += 3;
			break;
		}
		memcpy(out + o, tmp, n);
		o += n;
	}
	out[o] = '\0';
	return out;
}

/* 1-based line and column of a byte offset (columns count characters, as libyaml does). */
static void offset_pos(const struct rd *r, size_t off, int *line, int *col)
{
	int l = 1, c = 1;

	if (off > r->len)
		off = r->len;
	for (size_t i = 0; i < off; i++) {
		unsigned char ch = (unsigned char)r->buf[i];
		if (ch == '\n') {
			l++;
			c = 1;
		} else if ((ch & 0xc0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

/* The byte at a 0-based line and character column, or -1. */
static int byte_at(const struct rd *r, size_t line, size_t col)
{
	size_t i = 0;

	while (line > 0 && i < r->len) {
		if (r->buf[i++] == '\n')
			line--;
	}
	while (i < r->len && r->buf[i] != '\n') {
		if (col == 0)
			return (unsigned char)r->buf[i];
		i++;
		while (i < r->len && ((unsigned char)r->buf[i] & 0xc0) == 0x80)
			i++;
		col--;
	}
	return -1;
}

static void syntax_error(struct rd *r, const yaml_parser_t *yp)
{
	const char *problem = yp->problem ? yp->problem : "unknown problem";
	int line, col;

	switch (yp->error) {
	case YAML_MEMORY_ERROR:
		mem_die("out of memory while reading %s", r->name);
	case YAML_READER_ERROR: {
		size_t off = yp->problem_offset;
		/* libyaml points at the bad continuation byte: show the character it belongs to */
		if (strstr(problem, "trailing"))
			for (size_t k = 1; k <= 3 && k <= off; k++)
				if (((unsigned char)r->buf[off - k] & 0xc0) == 0xc0) {
					off -= k;
					break;
				}
		offset_pos(r, off, &line, &col);
		if (strstr(problem, "control characters"))
			report(r, line, col,
			       "the file contains a control character (0x%02X), which YAML does "
			       "not allow; remove it",
			       (unsigned)yp->problem_value & 0xff);
		else
			report(r, line, col,
			       "the file is not valid UTF-8 (%s); save it as UTF-8 text", problem);
		return;
	}
	case YAML_SCANNER_ERROR:
	case YAML_PARSER_ERROR: {
		const char *hint = "; check the indentation, and quote values that contain "
				   "\": \", \" #\" or start with a special character";
		line = (int)yp->problem_mark.line + 1;
		col = (int)yp->problem_mark.column + 1;
		if (byte_at(r, yp->problem_mark.line, yp->problem_mark.column) == '\t' ||
		    strstr(problem, "tab"))
			hint = "; YAML does not allow tabs for indentation, indent with spaces";
		if (yp->context)
			report(r, line, col, "YAML syntax error: %s %s (at %d:%d)%s", yp->context,
			       problem, (int)yp->context_mark.line + 1,
			       (int)yp->context_mark.column + 1, hint);
		else
			report(r, line, col, "YAML syntax error: %s%s", problem, hint);
		return;
	}
	default:
		report(r, 1, 1, "cannot parse the YAML: %s", problem);
		return;
	}
}

/* ------------------------------------------------------------------------------------ */
/* The tree                                                                             */

static void node_free(struct node *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->n; i++)
		node_free(n->kid[i]);
	free(n->kid);
	free(n->s);
	free(n);
}

static const char *node_kind(const struct node *n)
{
	switch (n->t) {
	case N_MAP:
		return "a mapping";
	case N_SEQ:
		return "a list";
	case N_SCALAR:
		return n->plain ? "a string" : "a quoted string";
	default:
		return "an alias";
	}
}

/* A plain empty, ~ or null scalar: the key is there but has no value, which a plan
 * reads as "absent". */
static bool is_null(const struct node *n)
{
	if (n->t != N_SCALAR || !n->plain)
		return false;
	return n->len == 0 || strcmp(n->s, "~") == 0 || strcmp(n->s, "null") == 0 ||
	       strcmp(n->s, "Null") == 0 || strcmp(n->s, "NULL") == 0;
}

static bool reject_anchor_tag(struct rd *r, int line, int col, const char *anchor,
			      const char *tag)
{
	char b[64];
	bool bad = false;

	if (anchor) {
		report(r, line, col,
		       "anchors (&%s) are not allowed in a plan; write the value out in full",
		       show(b, sizeof b, anchor, strlen(anchor)));
		bad = true;
	}
	if (tag) {
		report(r, line, col, "explicit tags (%s) are not allowed in a plan; remove the tag",
		       show(b, sizeof b, tag, strlen(tag)));
		bad = true;
	}
	return bad;
}

/* Attaches n under parent (or as the root); -1 when a limit is reached. */
static int attach(struct rd *r, struct node *parent, struct node *n)
{
	if (++r->n_nodes > MAX_NODES) {
		report(r, n->line, n->col,
		       "the document has more than %d values; a plan is much smaller, this "
		       "file is not a plan",
		       MAX_NODES);
		node_free(n);
		return -1;
	}
	if (!parent) {
		r->root = n;
		return 0;
	}
	if ((parent->t == N_SEQ && parent->n >= PLAN_YAML_MAX_ITEMS) ||
	    (parent->t == N_MAP && parent->n >= 2 * PLAN_YAML_MAX_ITEMS)) {
		report(r, n->line, n->col,
		       "more than %d %s in one %s; a plan never needs that many", PLAN_YAML_MAX_ITEMS,
		       parent->t == N_SEQ ? "items" : "keys",
		       parent->t == N_SEQ ? "list" : "mapping");
		node_free(n);
		return -1;
	}
	xgrow(&parent->kid, &parent->cap, parent->n + 1, sizeof *parent->kid);
	parent->kid[parent->n++] = n;
	return 0;
}

static struct node *node_new(enum ntype t, const yaml_event_t *ev)
{
	struct node *n = xcalloc(1, sizeof *n);

	n->t = t;
	n->line = (int)ev->start_mark.line + 1;
	n->col = (int)ev->start_mark.column + 1;
	return n;
}

/* Builds the tree from libyaml's events. Returns 0 when the whole stream was read
 * (problems such as anchors may still have been reported), -1 when reading stopped. */
static int build(struct rd *r, yaml_parser_t *yp)
{
	struct node *stack[PLAN_YAML_MAX_DEPTH];
	int depth = 0, docs = 0;

	for (;;) {
		yaml_event_t ev;
		struct node *n = NULL;
		struct node *parent = depth ? stack[depth - 1] : NULL;
		int line, col, rc = 0;

		if (!yaml_parser_parse(yp, &ev)) {
			syntax_error(r, yp);
			return -1;
		}
		line = (int)ev.start_mark.line + 1;
		col = (int)ev.start_mark.column + 1;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			yaml_event_delete(&ev);
			return 0;
		case YAML_DOCUMENT_START_EVENT:
			if (docs++) {
				report(r, line, col,
				       "a plan file holds one YAML document; remove this \"---\" and "
				       "what follows, or split the file");
				rc = -1;
			} else if (ev.data.document_start.tag_directives.start !=
				   ev.data.document_start.tag_directives.end) {
				report(r, line, col,
				       "%%TAG directives are not allowed in a plan; remove them");
			}
			break;
		case YAML_ALIAS_EVENT: {
			char b[64];
			const char *a = (const char *)ev.data.alias.anchor;
			report(r, line, col,
			       "aliases (*%s) are not allowed in a plan; write the value out in full",
			       show(b, sizeof b, a, strlen(a)));
			rc = attach(r, parent, node_new(N_BAD, &ev));
			break;
		}
		case YAML_SCALAR_EVENT: {
			size_t len = ev.data.scalar.length;
			bool bad = reject_anchor_tag(r, line, col,
						     (const char *)ev.data.scalar.anchor,
						     (const char *)ev.data.scalar.tag);
			if (len > PLAN_YAML_MAX_SCALAR) {
				report(r, line, col,
				       "a value of %zu bytes is longer than the limit of %d bytes; "
				       "shorten it",
				       len, PLAN_YAML_MAX_SCALAR);
				bad = true;
			} else if (memchr(ev.data.scalar.value, '\0', len)) {
				report(r, line, col,
				       "a value contains a NUL character (\\0), which a plan cannot "
				       "hold; remove it");
				bad = true;
			}
			n = node_new(bad ? N_BAD : N_SCALAR, &ev);
			if (!bad) {
				n->s = xstrndup((const char *)ev.data.scalar.value, len);
				n->len = len;
				n->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
			}
			rc = attach(r, parent, n);
			break;
		}
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT: {
			bool seq = ev.type == YAML_SEQUENCE_START_EVENT;
			if (seq)
				reject_anchor_tag(r, line, col,
						  (const char *)ev.data.sequence_start.anchor,
						  (const char *)ev.data.sequence_start.tag);
			else
				reject_anchor_tag(r, line, col,
						  (const char *)ev.data.mapping_start.anchor,
						  (const char *)ev.data.mapping_start.tag);
			if (depth >= PLAN_YAML_MAX_DEPTH) {
				report(r, line, col,
				       "the document nests deeper than %d levels; a plan needs at "
				       "most 5",
				       PLAN_YAML_MAX_DEPTH);
				rc = -1;
				break;
			}
			n = node_new(seq ? N_SEQ : N_MAP, &ev);
			rc = attach(r, parent, n);
			if (rc == 0)
				stack[depth++] = n;
			break;
		}
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			MEM_ASSERT(depth > 0);
			depth--;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
		if (rc < 0)
			return -1;
	}
}

/* ------------------------------------------------------------------------------------ */
/* The schema                                                                           */

enum ftype {
	T_STR,   /* char * */
	T_INT,   /* int, a plain decimal integer */
	T_STRV,  /* struct strv, a list of strings */
	T_MAP,   /* a nested mapping, read with sub */
	T_CNETS, /* networks.container: a list of container networks */
};

#define NO_STORE ((size_t)-1)

struct field {
	const char *key;
	enum ftype type;
	size_t off;                 /* where the value goes, from the base of this mapping;
				     * T_MAP: the base of the nested mapping */
	const struct field *sub;    /* T_MAP */
	bool has_present;           /* T_MAP: set the bool at present_off (from the nested */
	size_t present_off;         /* base) when the mapping is given */
	const char *const *choices; /* T_STR: the accepted values, NULL-terminated */
	bool fold;                  /* T_STR with choices: read as vic-machine does (any case,
				     * stored in the choice's case; "" = absent; any other
				     * value kept for the rules to judge) */
	int min;                    /* T_INT: smaller values cannot be told from "absent" */
	const char *min_hint;       /* T_INT: the accepted range, for the message */
};

static const char *const api_versions[] = {PLAN_API_VERSION, NULL};
static const char *const kinds[] = {PLAN_KIND, NULL};
static const char *const tls_modes[] = {"no-tlsverify", "tlsverify", "no-tls", NULL};
static const char *const firewalls[] = {"open", "closed", "published", "outbound", "peers",
					NULL};

#define F_STR(k, st, m) {.key = k, .type = T_STR, .off = offsetof(st, m)}
#define F_ENUM(k, st, m, c) {.key = k, .type = T_STR, .off = offsetof(st, m), .choices = c}
#define F_STRV(k, st, m) {.key = k, .type = T_STRV, .off = offsetof(st, m)}
#define F_INT(k, st, m, lo, hint) \
	{.key = k, .type = T_INT, .off = offsetof(st, m), .min = lo, .min_hint = hint}
#define F_MAP(k, st, m, s) {.key = k, .type = T_MAP, .off = offsetof(st, m), .sub = s}
#define F_END {.key = NULL}

static const struct field metadata_fields[] = {
	F_STR("name", struct plan, name),
	F_STR("description", struct plan, description),
	F_END,
};

static const struct field vic_fields[] = {
	F_STR("version", struct plan, vic_version),
	F_STR("machine", struct plan, vic_machine),
	F_END,
};

static const struct field target_fields[] = {
	F_STR("url", struct plan_target, url),
	F_STR("username", struct plan_target, username),
	F_STR("thumbprint", struct plan_target, thumbprint),
	F_STR("datacenter", struct plan_target, datacenter),
	F_STR("computeResource", struct plan_target, compute_resource),
	F_STR("imageStore", struct plan_target, image_store),
	F_STRV("volumeStores", struct plan_target, volume_stores),
	F_END,
};

static const struct field tls_fields[] = {
	F_ENUM("mode", struct plan_tls, mode, tls_modes),
	F_STR("cname", struct plan_tls, cname),
	F_END,
};

static const struct field create_fields[] = {
	F_STR("switch", struct plan_bridge, create_switch),
	F_INT("vlan", struct plan_bridge, create_vlan, 0, "an integer from 0 to 4094"),
	F_END,
};

static const struct field bridge_fields[] = {
	F_STR("portGroup", struct plan_bridge, port_group),
	F_STR("id", struct plan_bridge, id),
	F_STR("ipRange", struct plan_bridge, ip_range),
	/* any integer: vic-machine's messages for 0, negative and too wide ones are the
	 * rules' */
	{.key = "width", .type = T_INT, .off = offsetof(struct plan_bridge, width),
	 .min = INT_MIN + 1, .min_hint = "an integer", .has_present = true,
	 .present_off = offsetof(struct plan_bridge, width_given)},
	{.key = "create", .type = T_MAP, .off = 0, .sub = create_fields, .has_present = true,
	 .present_off = offsetof(struct plan_bridge, create)},
	F_END,
};

static const struct field role_fields[] = {
	F_STR("portGroup", struct plan_role_net, port_group),
	F_STR("id", struct plan_role_net, id),
	F_STR("ip", struct plan_role_net, ip),
	F_STR("gateway", struct plan_role_net, gateway),
	F_STRV("routes", struct plan_role_net, routes),
	F_END,
};

static const struct field container_fields[] = {
	F_STR("portGroup", struct plan_container_net, port_group),
	F_STR("alias", struct plan_container_net, alias),
	F_STR("gateway", struct plan_container_net, gateway),
	F_STRV("ipRanges", struct plan_container_net, ip_ranges),
	F_STRV("dns", struct plan_container_net, dns),
	/* vic-machine lowercases a trust level and reads "" as unspecified */
	{.key = "firewall", .type = T_STR, .off = offsetof(struct plan_container_net, firewall),
	 .choices = firewalls, .fold = true},
	F_END,
};

#define F_ROLE(k, m) \
	{.key = k, .type = T_MAP, .off = offsetof(struct plan, m), .sub = role_fields, \
	 .has_present = true, .present_off = offsetof(struct plan_role_net, present)}

static const struct field networks_fields[] = {
	F_MAP("bridge", struct plan, bridge, bridge_fields),
	F_ROLE("public", public_net),
	F_ROLE("client", client_net),
	F_ROLE("management", management_net),
	F_STRV("dns", struct plan, dns),
	{.key = "container", .type = T_CNETS},
	F_END,
};

static const struct field proxy_fields[] = {
	F_STR("http", struct plan_proxy, http),
	F_STR("https", struct plan_proxy, https),
	F_STRV("noProxy", struct plan_proxy, no_proxy),
	F_END,
};

static const struct field root_fields[] = {
	{.key = "apiVersion", .type = T_STR, .off = NO_STORE, .choices = api_versions},
	{.key = "kind", .type = T_STR, .off = NO_STORE, .choices = kinds},
	{.key = "metadata", .type = T_MAP, .off = 0, .sub = metadata_fields},
	{.key = "vic", .type = T_MAP, .off = 0, .sub = vic_fields},
	F_MAP("target", struct plan, target, target_fields),
	F_MAP("tls", struct plan, tls, tls_fields),
	{.key = "networks", .type = T_MAP, .off = 0, .sub = networks_fields},
	F_MAP("proxy", struct plan, proxy, proxy_fields),
	F_END,
};

/* Room for the largest mapping above. */
#define MAX_FIELDS 16

/* ------------------------------------------------------------------------------------ */
/* Checking the tree against the schema                                                 */

/* Records where a key stood. Each path is recorded once (duplicate keys are refused),
 * so this appends directly instead of going through plan_set_pos()'s linear search,
 * which would make a large hostile list quadratic. */
static void pos_add(struct rd *r, const char *path, const struct node *n)
{
	struct plan *p = r->p;

	xgrow(&p->pos, &p->cap_pos, p->n_pos + 1, sizeof *p->pos);
	p->pos[p->n_pos].path = xstrdup(path);
	p->pos[p->n_pos].pos.line = n->line;
	p->pos[p->n_pos].pos.col = n->col;
	p->n_pos++;
}

static char *choices_text(const char *const *c)
{
	struct strv l = {0};
	char *s;

	for (; *c; c++)
		strv_push(&l, *c);
	s = strv_join(&l, ", ");
	strv_free(&l);
	return s;
}

static char *keys_text(const struct field *f)
{
	struct strv l = {0};
	char *s;

	for (; f->key; f++)
		strv_push(&l, f->key);
	s = strv_join(&l, ", ");
	strv_free(&l);
	return s;
}

static void walk_map(struct rd *r, const struct node *map, const struct field *fields,
		     char *base, const char *path);

static void read_string(struct rd *r, const struct field *f, const struct node *v, char *base,
			const char *path)
{
	char b[96];

	if (v->t != N_SCALAR) {
		report_at(r, v, "%s: expected a string, found %s", path, node_kind(v));
		return;
	}
	if (f->choices && f->fold) {
		const char *keep = v->s;
		for (const char *const *c = f->choices; *c; c++)
			if (strcasecmp(*c, v->s) == 0)
				keep = *c;
		if (f->off != NO_STORE) {
			char **slot = (char **)(void *)(base + f->off);
			free(*slot);
			*slot = v->len ? xstrdup(keep) : NULL;
		}
		return;
	}
	if (f->choices) {
		bool ok = false;
		for (const char *const *c = f->choices; *c; c++)
			ok = ok || strcmp(*c, v->s) == 0;
		if (!ok) {
			char *c = choices_text(f->choices);
			report_at(r, v, "%s: unknown value \"%s\"; expected %s%s", path,
				  show(b, sizeof b, v->s, v->len), f->choices[1] ? "one of: " : "",
				  c);
			free(c);
			return;
		}
	}
	if (f->off != NO_STORE) {
		char **slot = (char **)(void *)(base + f->off);
		free(*slot);
		*slot = xstrndup(v->s, v->len);
	}
}

static void read_int(struct rd *r, const struct field *f, const struct node *v, char *base,
		     const char *path)
{
	char b[96];
	const char *s = v->s;
	long val = 0;
	bool neg = false;

	if (v->t != N_SCALAR) {
		report_at(r, v, "%s: expected %s, found %s", path, f->min_hint, node_kind(v));
		return;
	}
	if (!v->plain) {
		report_at(r, v, "%s: expected %s, found a quoted string (\"%s\"); write the number "
			  "without quotes", path, f->min_hint, show(b, sizeof b, v->s, v->len));
		return;
	}
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (!*s || strspn(s, "0123456789") != strlen(s)) {
		report_at(r, v, "%s: expected %s, found \"%s\"", path, f->min_hint,
			  show(b, sizeof b, v->s, v->len));
		return;
	}
	if (s[0] == '0' && s[1]) {
		/* YAML 1.1 readers take 010 as octal 8: refuse the ambiguity */
		report_at(r, v, "%s: \"%s\" has a leading zero, which some YAML readers take as "
			  "octal; write it without the leading zero", path,
			  show(b, sizeof b, v->s, v->len));
		return;
	}
	for (; *s; s++) {
		val = val * 10 + (*s - '0');
		if (val > INT_MAX) {
			report_at(r, v, "%s: %s is out of range; expected %s", path,
				  show(b, sizeof b, v->s, v->len), f->min_hint);
			return;
		}
	}
	if (neg)
		val = -val;
	if (val < f->min) {
		report_at(r, v, "%s: %ld is out of range; expected %s", path, val, f->min_hint);
		return;
	}
	*(int *)(void *)(base + f->off) = (int)val;
	if (f->has_present)
		*(bool *)(void *)(base + f->present_off) = true;
}

static void read_strv(struct rd *r, const struct node *v, struct strv *out, const char *path)
{
	if (v->t != N_SEQ) {
		report_at(r, v, "%s: expected a list of strings, like [\"a\", \"b\"], found %s", path,
			  node_kind(v));
		return;
	}
	for (size_t i = 0; i < v->n; i++) {
		const struct node *it = v->kid[i];
		char *ip = xasprintf("%s[%zu]", path, i);

		if (it->t == N_BAD) {
			/* already reported */
		} else if (is_null(it)) {
			report_at(r, it, "%s: empty list item; give a value or remove the item", ip);
		} else if (it->t != N_SCALAR) {
			report_at(r, it, "%s: expected a string, found %s", ip, node_kind(it));
		} else {
			pos_add(r, ip, it);
			strv_push(out, it->s);
		}
		free(ip);
	}
}

static void read_containers(struct rd *r, const struct node *v, const char *path)
{
	if (v->t != N_SEQ) {
		report_at(r, v, "%s: expected a list of container networks (lines starting with "
			  "\"- portGroup: ...\"), found %s", path, node_kind(v));
		return;
	}
	for (size_t i = 0; i < v->n; i++) {
		const struct node *it = v->kid[i];
		char *ip = xasprintf("%s[%zu]", path, i);

		if (it->t == N_BAD) {
			/* already reported */
		} else if (it->t != N_MAP) {
			report_at(r, it, "%s: expected a container network (a mapping with "
				  "portGroup, alias, ...), found %s", ip,
				  is_null(it) ? "an empty item" : node_kind(it));
		} else {
			struct plan_container_net *c = plan_add_container(r->p);
			pos_add(r, ip, it);
			walk_map(r, it, container_fields, (char *)c, ip);
		}
		free(ip);
	}
}

static void read_value(struct rd *r, const struct field *f, const struct node *v, char *base,
		       const char *path)
{
	if (v->t == N_BAD || is_null(v))
		return; /* reported already, or absent */
	switch (f->type) {
	case T_STR:
		read_string(r, f, v, base, path);
		break;
	case T_INT:
		read_int(r, f, v, base, path);
		break;
	case T_STRV:
		read_strv(r, v, (struct strv *)(void *)(base + f->off), path);
		break;
	case T_MAP:
		if (v->t != N_MAP) {
			char *k = keys_text(f->sub);
			report_at(r, v, "%s: expected a mapping (keys %s), found %s", path, k,
				  node_kind(v));
			free(k);
			break;
		}
		if (f->has_present)
			*(bool *)(void *)(base + f->off + f->present_off) = true;
		walk_map(r, v, f->sub, base + f->off, path);
		break;
	case T_CNETS:
		read_containers(r, v, path);
		break;
	}
}

static void walk_map(struct rd *r, const struct node *map, const struct field *fields,
		     char *base, const char *path)
{
	const struct node *seen[MAX_FIELDS] = {0};

	for (size_t i = 0; i + 1 < map->n; i += 2) {
		const struct node *k = map->kid[i], *v = map->kid[i + 1];
		const struct field *f = NULL;
		size_t fi = 0;
		char b[96], *kp;

		if (k->t == N_BAD)
			continue;
		if (k->t != N_SCALAR) {
			report_at(r, k, "%s%sa key must be a name, found %s", path, *path ? ": " : "",
				  node_kind(k));
			continue;
		}
		for (fi = 0; fields[fi].key; fi++)
			if (strlen(fields[fi].key) == k->len && strcmp(fields[fi].key, k->s) == 0) {
				f = &fields[fi];
				break;
			}
		show(b, sizeof b, k->s, k->len);
		kp = *path ? xasprintf("%s.%s", path, b) : xstrdup(b);
		if (!f) {
			char *e = keys_text(fields);
			report_at(r, k, "%s: unknown key; expected %s%s", kp,
				  *path ? "one of: " : "one of the top-level keys: ", e);
			free(e);
		} else if (seen[fi]) {
			report_at(r, k, "%s: duplicate key (first given at %d:%d); give it once", kp,
				  seen[fi]->line, seen[fi]->col);
		} else {
			MEM_ASSERT(fi < MAX_FIELDS);
			seen[fi] = k;
			pos_add(r, kp, k);
			read_value(r, f, v, base, kp);
		}
		free(kp);
	}
}

static const struct node *find_key(const struct node *map, const char *key)
{
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (map->kid[i]->t == N_SCALAR && strcmp(map->kid[i]->s, key) == 0)
			return map->kid[i + 1];
	return NULL;
}

static void check_root(struct rd *r)
{
	const struct node *root = r->root, *v;

	if (!root || (root->t == N_SCALAR && is_null(root))) {
		report(r, 1, 1, "the file holds no plan; a plan starts with \"apiVersion: %s\" "
		       "and \"kind: %s\" (see vchnet-plan(5))", PLAN_API_VERSION, PLAN_KIND);
		return;
	}
	if (root->t == N_BAD)
		return;
	if (root->t != N_MAP) {
		report_at(r, root, "expected a mapping of keys (apiVersion, kind, metadata, ...) "
			  "at the top level, found %s", node_kind(root));
		return;
	}
	walk_map(r, root, root_fields, (char *)r->p, "");
	v = find_key(root, "apiVersion");
	if (!v || is_null(v))
		report_at(r, v ? v : root, "apiVersion is missing; a plan starts with "
			  "\"apiVersion: %s\"", PLAN_API_VERSION);
	v = find_key(root, "kind");
	if (!v || is_null(v))
		report_at(r, v ? v : root, "kind is missing; add \"kind: %s\" after apiVersion",
			  PLAN_KIND);
}

/* ------------------------------------------------------------------------------------ */
/* The header comment                                                                   */

#define HDR_GENERATED "# Generated by "
#define HDR_PRECHECK "# Pre-check: "

/* Reads generated_at and precheck_summary back from the header that plan_yaml_dump()
 * writes, so that a re-save keeps them. Only the leading comment lines up to the first
 * bare "#" (which starts the layout drawing) are looked at. */
static void read_header(struct plan *p, const char *buf, size_t len)
{
	size_t i = 0;

	while (i < len && buf[i] == '#') {
		size_t e = i, n;
		const char *line = buf + i;

		while (e < len && buf[e] != '\n')
			e++;
		n = e - i;
		if (n > 0 && line[n - 1] == '\r')
			n--;
		if (n == 1)
			break;
		if (!p->generated_at && n > strlen(HDR_GENERATED) &&
		    memcmp(line, HDR_GENERATED, strlen(HDR_GENERATED)) == 0) {
			const char *s = line + strlen(HDR_GENERATED), *end = line + n;
			for (const char *q = s; q + 4 <= end; q++)
				if (memcmp(q, " on ", 4) == 0) {
					p->generated_at = xstrndup(q + 4, (size_t)(end - q - 4));
					break;
				}
		} else if (!p->precheck_summary && n >= strlen(HDR_PRECHECK) &&
			   memcmp(line, HDR_PRECHECK, strlen(HDR_PRECHECK)) == 0) {
			p->precheck_summary =
				xstrndup(line + strlen(HDR_PRECHECK), n - strlen(HDR_PRECHECK));
		}
		i = e + 1;
	}
}

/* ------------------------------------------------------------------------------------ */
/* Reading                                                                              */

int plan_yaml_parse(const char *buf, size_t len, const char *name, struct plan **out,
		    struct strv *errors)
{
	struct rd r = {.name = name ? name : "<plan>", .buf = buf, .len = len};
	yaml_parser_t yp;
	int rc = 0;

	*out = NULL;
	if (len > PLAN_YAML_MAX_BYTES) {
		report(&r, 0, 0, "the plan is %zu bytes, more than the limit of %d; this is not "
		       "a plan file", len, PLAN_YAML_MAX_BYTES);
		goto fail;
	}
	if (len >= 2 && (((unsigned char)buf[0] == 0xff && (unsigned char)buf[1] == 0xfe) ||
			 ((unsigned char)buf[0] == 0xfe && (unsigned char)buf[1] == 0xff))) {
		report(&r, 1, 1, "the file is UTF-16 text; save it as UTF-8");
		goto fail;
	}
	/* A UTF-8 byte order mark is harmless: skip it (it takes no column). */
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		r.buf += 3;
		r.len -= 3;
	}

	r.p = plan_new();
	if (!yaml_parser_initialize(&yp))
		mem_die("out of memory: cannot start the YAML parser");
	yaml_parser_set_input_string(&yp, (const unsigned char *)r.buf, r.len);
	yaml_parser_set_encoding(&yp, YAML_UTF8_ENCODING);
	rc = build(&r, &yp);
	yaml_parser_delete(&yp);
	if (rc == 0)
		check_root(&r);
	node_free(r.root);
	if (r.n_d > 0) {
		plan_free(r.p);
		goto fail;
	}
	read_header(r.p, r.buf, r.len);
	free(r.d);
	err_clear();
	*out = r.p;
	return 0;
fail:
	flush_errors(&r, errors);
	for (size_t i = 0; i < r.n_d; i++)
		free(r.d[i].text);
	free(r.d);
	return -1;
}

struct plan *plan_yaml_load_print(const char *path, FILE *f)
{
	struct plan *p;
	struct strv errors = {0};
	if (plan_yaml_load(path, &p, &errors) < 0) {
		for (size_t i = 0; i < errors.n; i++)
			fprintf(f, "%s\n", san(errors.v[i]));
		if (errors.n == 0)
			fprintf(f, "vchnet: %s\n", san(err_msg()));
	}
	strv_free(&errors);
	return p;
}

int plan_yaml_load(const char *path, struct plan **out, struct strv *errors)
{
	char *buf;
	size_t len;
	int rc;

	*out = NULL;
	if (fileio_read(path, PLAN_YAML_MAX_BYTES, &buf, &len) < 0) {
		char *msg = xasprintf("%s: error: %s; give the path of a plan file (see "
				      "vchnet-plan(5))", path, err_msg());
		err_set("%s", msg);
		if (errors)
			strv_push_owned(errors, msg);
		else
			free(msg);
		return -1;
	}
	rc = plan_yaml_parse(buf, len, path, out, errors);
	free(buf);
	return rc;
}

/* ------------------------------------------------------------------------------------ */
/* Writing                                                                              */

struct sb {
	char *s;
	size_t n, cap;
	bool dash; /* the next key opens a list item: "- " instead of the last indent */
};

static void sb_add(struct sb *b, const char *s, size_t n)
{
	xgrow(&b->s, &b->cap, b->n + n + 1, 1);
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static void sb_puts(struct sb *b, const char *s) { sb_add(b, s, strlen(s)); }

static void sb_printf(struct sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void sb_printf(struct sb *b, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	sb_puts(b, s);
	free(s);
}

/* Decodes one UTF-8 character; returns its length, or 0 when the bytes are not valid
 * UTF-8 (overlong forms and surrogates included). */
static size_t utf8_next(const unsigned char *s, uint32_t *cp)
{
	uint32_t c = s[0];
	size_t n;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		c &= 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		c &= 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		c &= 0x07;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/* Characters a YAML reader treats as line breaks or refuses in raw text, and those the
 * sanitiser escapes (bidi overrides): the file is read on terminals too. */
static bool unsafe_char(uint32_t c)
{
	return !san_codepoint_clean(c) || c == 0xfffe || c == 0xffff;
}

/* Every string is double-quoted, so that no reader takes "on", "yes", "10.10" or "null"
 * for a boolean, a number or nothing. Bytes that are not UTF-8 cannot be written in
 * YAML at all: they become U+FFFD. */
static void put_quoted(struct sb *b, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	sb_add(b, "\"", 1);
	while (*s) {
		uint32_t c;
		size_t n = utf8_next(s, &c);

		if (n == 0) {
			sb_puts(b, "\\uFFFD");
			s++;
			continue;
		}
		switch (c) {
		case '"':
			sb_puts(b, "\\\"");
			break;
		case '\\':
			sb_puts(b, "\\\\");
			break;
		case '\n':
			sb_puts(b, "\\n");
			break;
		case '\t':
			sb_puts(b, "\\t");
			break;
		case '\r':
			sb_puts(b, "\\r");
			break;
		case 0x85:
			sb_puts(b, "\\N");
			break;
		case 0x2028:
			sb_puts(b, "\\L");
			break;
		case 0x2029:
			sb_puts(b, "\\P");
			break;
		default:
			if (c < 0x100 && unsafe_char(c))
				sb_printf(b, "\\x%02X", (unsigned)c);
			else if (unsafe_char(c))
				sb_printf(b, "\\u%04X", (unsigned)c);
			else
				sb_add(b, (const char *)s, n);
		}
		s += n;
	}
	sb_add(b, "\"", 1);
}

/* Comment text: one line, nothing a YAML reader could take for a line break. */
static void put_comment_text(struct sb *b, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str, *end = s + len;

	while (s < end) {
		uint32_t c;
		size_t n = utf8_next(s, &c);

		if (n == 0 || (size_t)(end - s) < n) {
			sb_add(b, "?", 1);
			s++;
			continue;
		}
		if (unsafe_char(c))
			sb_add(b, " ", 1);
		else
			sb_add(b, (const char *)s, n);
		s += n;
	}
}

static void put_indent(struct sb *b, int ind)
{
	static const char spaces[] = "                ";

	MEM_ASSERT(ind >= 0 && (size_t)ind < sizeof spaces);
	if (b->dash) {
		MEM_ASSERT(ind >= 2);
		sb_add(b, spaces, (size_t)ind - 2);
		sb_add(b, "- ", 2);
		b->dash = false;
	} else {
		sb_add(b, spaces, (size_t)ind);
	}
}

static void put_key(struct sb *b, int ind, const char *key)
{
	put_indent(b, ind);
	sb_puts(b, key);
	sb_add(b, ":", 1);
}

static void put_str(struct sb *b, int ind, const char *key, const char *v)
{
	if (!v)
		return;
	put_key(b, ind, key);
	sb_add(b, " ", 1);
	put_quoted(b, v);
	sb_add(b, "\n", 1);
}

static void put_list(struct sb *b, int ind, const char *key, const struct strv *l)
{
	if (l->n == 0)
		return;
	put_key(b, ind, key);
	sb_add(b, " [", 2);
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			sb_add(b, ", ", 2);
		put_quoted(b, l->v[i]);
	}
	sb_add(b, "]\n", 2);
}

static bool role_given(const struct plan_role_net *n)
{
	return n->present || n->port_group || n->id || n->ip || n->gateway || n->routes.n;
}

static void put_role(struct sb *b, const char *key, const struct plan_role_net *n)
{
	if (!role_given(n))
		return;
	if (!(n->port_group || n->id || n->ip || n->gateway || n->routes.n)) {
		put_key(b, 2, key);
		sb_puts(b, " {}\n");
		return;
	}
	put_key(b, 2, key);
	sb_add(b, "\n", 1);
	put_str(b, 4, "portGroup", n->port_group);
	put_str(b, 4, "id", n->id);
	put_str(b, 4, "ip", n->ip);
	put_str(b, 4, "gateway", n->gateway);
	put_list(b, 4, "routes", &n->routes);
}

static void put_bridge(struct sb *b, const struct plan_bridge *br)
{
	if (!(br->port_group || br->id || br->ip_range || br->width || br->width_given || br->create))
		return;
	put_key(b, 2, "bridge");
	sb_add(b, "\n", 1);
	put_str(b, 4, "portGroup", br->port_group);
	put_str(b, 4, "id", br->id);
	put_str(b, 4, "ipRange", br->ip_range);
	if (br->width || br->width_given)
		sb_printf(b, "    width: %d\n", br->width);
	if (br->create) {
		const char *sep = "";
		sb_puts(b, "    create: {");
		if (br->create_switch) {
			sb_puts(b, "switch: ");
			put_quoted(b, br->create_switch);
			sep = ", ";
		}
		if (br->create_vlan != -1)
			sb_printf(b, "%svlan: %d", sep, br->create_vlan);
		sb_puts(b, "}\n");
	}
}

static void put_container(struct sb *b, const struct plan_container_net *c)
{
	if (!(c->port_group || c->alias || c->gateway || c->ip_ranges.n || c->dns.n ||
	      c->firewall)) {
		sb_puts(b, "    - {}\n");
		return;
	}
	b->dash = true;
	put_str(b, 6, "portGroup", c->port_group);
	put_str(b, 6, "alias", c->alias);
	put_str(b, 6, "gateway", c->gateway);
	put_list(b, 6, "ipRanges", &c->ip_ranges);
	put_list(b, 6, "dns", &c->dns);
	put_str(b, 6, "firewall", c->firewall);
	MEM_ASSERT(!b->dash);
}

static void put_header(struct sb *b, const struct plan *p, const char *layout)
{
	char now[32];
	const char *when = p->generated_at;

	if (!when) {
		time_t t = time(NULL);
		struct tm tm;
		if (!gmtime_r(&t, &tm) || !strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm))
			mem_die("cannot format the current time");
		when = now;
	}
	sb_puts(b, HDR_GENERATED PACKAGE_NAME " " PACKAGE_VERSION " on ");
	put_comment_text(b, when, strlen(when));
	sb_puts(b, "\n"
		   "# A VCH network plan (see vchnet-plan(5)). No secrets are stored in this file.\n"
		   "# Check it:  vchnet check PLAN   (without vCenter: vchnet check --offline PLAN)\n"
		   "# Deploy it: vchnet deploy PLAN\n");
	if (p->precheck_summary) {
		sb_puts(b, HDR_PRECHECK);
		put_comment_text(b, p->precheck_summary, strlen(p->precheck_summary));
		sb_add(b, "\n", 1);
	}
	if (layout && *layout) {
		const char *s = layout;
		sb_puts(b, "#\n");
		while (*s) {
			size_t n = strcspn(s, "\n");
			if (n > 0) {
				sb_add(b, "# ", 2);
				put_comment_text(b, s, n);
			} else {
				sb_add(b, "#", 1);
			}
			sb_add(b, "\n", 1);
			s += n;
			if (*s == '\n')
				s++;
		}
	}
	sb_add(b, "\n", 1);
}

char *plan_yaml_dump(const struct plan *p, const char *layout)
{
	struct sb b = {0};
	const struct plan_target *t = &p->target;
	const struct plan_proxy *px = &p->proxy;

	put_header(&b, p, layout);
	put_str(&b, 0, "apiVersion", PLAN_API_VERSION);
	put_str(&b, 0, "kind", PLAN_KIND);
	if (p->name || p->description) {
		sb_puts(&b, "metadata:\n");
		put_str(&b, 2, "name", p->name);
		put_str(&b, 2, "description", p->description);
	}
	if (p->vic_version || p->vic_machine) {
		sb_puts(&b, "vic:\n");
		put_str(&b, 2, "version", p->vic_version);
		put_str(&b, 2, "machine", p->vic_machine);
	}
	if (t->url || t->username || t->thumbprint || t->datacenter || t->compute_resource ||
	    t->image_store || t->volume_stores.n) {
		sb_puts(&b, "target:\n");
		put_str(&b, 2, "url", t->url);
		put_str(&b, 2, "username", t->username);
		put_str(&b, 2, "thumbprint", t->thumbprint);
		put_str(&b, 2, "datacenter", t->datacenter);
		put_str(&b, 2, "computeResource", t->compute_resource);
		put_str(&b, 2, "imageStore", t->image_store);
		put_list(&b, 2, "volumeStores", &t->volume_stores);
	}
	if (p->tls.mode || p->tls.cname) {
		sb_puts(&b, "tls:\n");
		put_str(&b, 2, "mode", p->tls.mode);
		put_str(&b, 2, "cname", p->tls.cname);
	}
	{
		struct sb nb = {0};
		put_bridge(&nb, &p->bridge);
		put_role(&nb, "public", &p->public_net);
		put_role(&nb, "client", &p->client_net);
		put_role(&nb, "management", &p->management_net);
		put_list(&nb, 2, "dns", &p->dns);
		if (p->n_containers) {
			sb_puts(&nb, "  container:\n");
			for (size_t i = 0; i < p->n_containers; i++)
				put_container(&nb, &p->containers[i]);
		}
		if (nb.n) {
			sb_puts(&b, "networks:\n");
			sb_add(&b, nb.s, nb.n);
		}
		free(nb.s);
	}
	if (px->http || px->https || px->no_proxy.n) {
		sb_puts(&b, "proxy:\n");
		put_str(&b, 2, "http", px->http);
		put_str(&b, 2, "https", px->https);
		put_list(&b, 2, "noProxy", &px->no_proxy);
	}
	return b.s;
}

int plan_yaml_save(const struct plan *p, const char *path, const char *layout)
{
	char *s = plan_yaml_dump(p, layout);
	int rc = fileio_write_atomic(path, s, strlen(s), 0600);

	free(s);
	if (rc < 0)
		return err_prefix("cannot save the plan");
	return 0;
}
