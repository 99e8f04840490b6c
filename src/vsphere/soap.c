#include "soap.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include "err.h"
#include "mem.h"

void soap_buf_add(struct soap_buf *b, const char *s)
{
	size_t n = strlen(s);
	xgrow(&b->s, &b->cap, b->len + n + 1, 1);
	memcpy(b->s + b->len, s, n + 1);
	b->len += n;
}

void soap_buf_reserve(struct soap_buf *b, size_t cap)
{
	xgrow(&b->s, &b->cap, cap, 1);
}

void soap_buf_addf(struct soap_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	soap_buf_add(b, s);
	free(s);
}

void soap_buf_esc(struct soap_buf *b, const char *s)
{
	if (!s)
		return;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		char one[2] = {(char)*p, 0};
		switch (*p) {
		case '&': soap_buf_add(b, "&amp;"); break;
		case '<': soap_buf_add(b, "&lt;"); break;
		case '>': soap_buf_add(b, "&gt;"); break;
		case '"': soap_buf_add(b, "&quot;"); break;
		case '\'': soap_buf_add(b, "&apos;"); break;
		/* tab, newline and carriage return survive as character references so
		 * that attribute normalisation cannot change them */
		case '\t': soap_buf_add(b, "&#9;"); break;
		case '\n': soap_buf_add(b, "&#10;"); break;
		case '\r': soap_buf_add(b, "&#13;"); break;
		default:
			/* other C0 controls cannot be carried by XML 1.0 at all */
			if (*p < 0x20)
				break;
			soap_buf_add(b, one);
		}
	}
}

void soap_buf_free(struct soap_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

void soap_buf_free_secret(struct soap_buf *b)
{
	if (b->s)
		explicit_bzero(b->s, b->cap);
	soap_buf_free(b);
}

char *soap_escape(const char *s)
{
	struct soap_buf b = {0};
	soap_buf_add(&b, "");
	soap_buf_esc(&b, s);
	return b.s;
}

void soap_begin(struct soap_buf *b, const char *method, const char *this_type,
		const char *this_value)
{
	soap_buf_add(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
			"<soapenv:Envelope xmlns:soapenv=\"" SOAP_ENV_NS "\""
			" xmlns:xsi=\"" SOAP_XSI_NS "\"><soapenv:Body>");
	soap_buf_addf(b, "<%s xmlns=\"" SOAP_VIM_NS "\">", method);
	soap_moref(b, "_this", this_type, this_value);
}

void soap_end(struct soap_buf *b, const char *method)
{
	soap_buf_addf(b, "</%s></soapenv:Body></soapenv:Envelope>", method);
}

void soap_elem(struct soap_buf *b, const char *name, const char *text)
{
	soap_buf_addf(b, "<%s>", name);
	soap_buf_esc(b, text);
	soap_buf_addf(b, "</%s>", name);
}

void soap_moref(struct soap_buf *b, const char *name, const char *type, const char *value)
{
	soap_buf_addf(b, "<%s type=\"", name);
	soap_buf_esc(b, type);
	soap_buf_add(b, "\">");
	soap_buf_esc(b, value);
	soap_buf_addf(b, "</%s>", name);
}

/* ---- parsing ---- */

struct guard {
	bool doctype;
};

static void on_internal_subset(void *ctx, const xmlChar *name, const xmlChar *ext,
			       const xmlChar *sys)
{
	xmlParserCtxt *ctxt = ctx;
	struct guard *g = ctxt->_private;
	(void)name;
	(void)ext;
	(void)sys;
	/* SOAP forbids a DTD: stop before the internal subset (and any entity in it) is
	 * even read */
	g->doctype = true;
	xmlStopParser(ctxt);
}

static xmlParserInput *deny_entity_loader(const char *url, const char *id, xmlParserCtxt *ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

static void quiet_error(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void parser_setup_once(void)
{
	static bool done;
	if (done)
		return;
	done = true;
	xmlInitParser();
	/* belt and braces on libxml2 2.9: nothing is ever loaded from outside */
	xmlSetExternalEntityLoader(deny_entity_loader);
	/* errors are collected from the context, never printed (curses would suffer) */
	xmlSetGenericErrorFunc(NULL, quiet_error);
}

/* What soap_parse() demands of a parsed document: no DOCTYPE, well-formed, a SOAP
 * envelope with a Body. Returns doc, or NULL with err_set() after freeing it. */
static xmlDoc *verdict(xmlParserCtxt *ctxt, xmlDoc *doc, bool doctype)
{
	if (doctype || (doc && doc->intSubset)) {
		err_set("the server's response contains a document type declaration, which "
			"SOAP forbids; refusing it (is this really vCenter or ESXi?)");
		goto fail;
	}
	if (!doc || !ctxt->wellFormed) {
		const xmlError *e = xmlCtxtGetLastError(ctxt);
		char msg[200] = "malformed document";
		if (e && e->message) {
			snprintf(msg, sizeof msg, "%s", e->message);
			size_t n = strlen(msg);
			while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
				msg[--n] = '\0';
		}
		err_set("the server's response is not well-formed XML (line %d: %s)",
			e ? e->line : 0, msg);
		goto fail;
	}
	xmlNode *root = xmlDocGetRootElement(doc);
	if (!root || !soap_name_is(root, "Envelope") || !root->ns ||
	    strcmp((const char *)root->ns->href, SOAP_ENV_NS) != 0 || !soap_child(root, "Body")) {
		err_set("the server's response is XML but not a SOAP envelope (is the URL a "
			"vCenter or ESXi /sdk endpoint?)");
		goto fail;
	}
	return doc;
fail:
	if (doc)
		xmlFreeDoc(doc);
	return NULL;
}

/* no NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE, HUGE or RECOVER, on purpose */
#define PARSE_OPTS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA)

xmlDoc *soap_parse(const char *data, size_t len)
{
	parser_setup_once();
	if (len > (size_t)0x7fffffff) {
		err_set("the server's response is too large to parse");
		return NULL;
	}
	xmlParserCtxt *ctxt = xmlNewParserCtxt();
	if (!ctxt)
		mem_die("out of memory creating an XML parser");
	struct guard g = {false};
	ctxt->_private = &g;
	ctxt->sax->internalSubset = on_internal_subset;
	ctxt->sax->externalSubset = on_internal_subset;
	xmlDoc *doc = xmlCtxtReadMemory(ctxt, data, (int)len, "response.xml", NULL, PARSE_OPTS);
	doc = verdict(ctxt, doc, g.doctype);
	xmlFreeParserCtxt(ctxt);
	return doc;
}

bool soap_name_is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && (!name || strcmp((const char *)n->name, name) == 0);
}

static xmlNode *from(xmlNode *n, const char *name)
{
	for (; n; n = n->next)
		if (soap_name_is(n, name))
			return n;
	return NULL;
}

xmlNode *soap_child(const xmlNode *n, const char *name)
{
	return n ? from(n->children, name) : NULL;
}

xmlNode *soap_next(const xmlNode *n, const char *name)
{
	return n ? from(n->next, name) : NULL;
}

xmlNode *soap_body_first(xmlDoc *doc)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	return soap_child(soap_child(root, "Body"), NULL);
}

const char *soap_text_ref(const xmlNode *n)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return NULL;
	const xmlNode *c = n->children;
	if (!c)
		return "";
	if (c == n->last && c->type == XML_TEXT_NODE && c->content)
		return (const char *)c->content;
	return NULL;
}

char *soap_text(const xmlNode *n)
{
	if (!n)
		return NULL;
	/* one text node, nearly every value: copied once, not gathered first */
	const char *ref = soap_text_ref(n);
	if (ref)
		return xstrdup(ref);
	xmlChar *c = xmlNodeGetContent(n);
	char *s = xstrdup(c ? (const char *)c : "");
	xmlFree(c);
	return s;
}

char *soap_child_text(const xmlNode *n, const char *name)
{
	return soap_text(soap_child(n, name));
}

bool soap_child_bool(const xmlNode *n, const char *name, bool def)
{
	char *s = soap_child_text(n, name);
	bool v = def;
	if (s && (strcmp(s, "true") == 0 || strcmp(s, "1") == 0))
		v = true;
	else if (s && (strcmp(s, "false") == 0 || strcmp(s, "0") == 0))
		v = false;
	free(s);
	return v;
}

long soap_child_long(const xmlNode *n, const char *name, long def)
{
	char *s = soap_child_text(n, name), *end;
	long v = def;
	if (s && *s) {
		errno = 0;
		long x = strtol(s, &end, 10);
		if (!errno && !*end)
			v = x;
	}
	free(s);
	return v;
}

char *soap_xsi_type(const xmlNode *n)
{
	if (!n)
		return NULL;
	xmlChar *t = xmlGetNsProp(n, (const xmlChar *)"type", (const xmlChar *)SOAP_XSI_NS);
	if (!t)
		return NULL;
	const char *colon = strrchr((const char *)t, ':');
	char *s = xstrdup(colon ? colon + 1 : (const char *)t);
	xmlFree(t);
	return s;
}

char *soap_attr(const xmlNode *n, const char *name)
{
	if (!n)
		return NULL;
	xmlChar *t = xmlGetNoNsProp(n, (const xmlChar *)name);
	if (!t)
		return NULL;
	char *s = xstrdup((const char *)t);
	xmlFree(t);
	return s;
}

int soap_fault_parse(xmlDoc *doc, struct soap_fault *f)
{
	memset(f, 0, sizeof *f);
	xmlNode *fault = soap_body_first(doc);
	if (!soap_name_is(fault, "Fault"))
		return 0;
	f->message = soap_child_text(fault, "faultstring");
	xmlNode *detail = soap_child(soap_child(fault, "detail"), NULL);
	if (detail) {
		f->type = soap_xsi_type(detail);
		if (!f->type) {
			/* <InvalidLoginFault/> without xsi:type: the element name minus "Fault" */
			const char *nm = (const char *)detail->name;
			size_t n = strlen(nm);
			f->type = n > 5 && strcmp(nm + n - 5, "Fault") == 0 ? xstrndup(nm, n - 5)
									     : xstrdup(nm);
		}
		f->privilege = soap_child_text(detail, "privilegeId");
		f->object = soap_child_text(detail, "object");
		xmlNode *mp = soap_child(detail, "missingPrivileges");
		if (mp && !f->privilege)
			f->privilege = soap_child_text(mp, "privilegeIds");
		if (mp && !f->object)
			f->object = soap_child_text(mp, "entity");
	}
	if (!f->type)
		f->type = soap_child_text(fault, "faultcode");
	if (!f->type)
		f->type = xstrdup("unknown");
	if (!f->message)
		f->message = xstrdup("");
	return 1;
}

void soap_fault_free(struct soap_fault *f)
{
	free(f->type);
	free(f->message);
	free(f->privilege);
	free(f->object);
	memset(f, 0, sizeof *f);
}

/* ---- streaming ---- */

static bool in_env_ns(xmlTextReader *rd)
{
	const xmlChar *ns = xmlTextReaderConstNamespaceUri(rd);
	return ns && strcmp((const char *)ns, SOAP_ENV_NS) == 0;
}

static bool local_is(xmlTextReader *rd, const char *name)
{
	const xmlChar *l = xmlTextReaderConstLocalName(rd);
	return l && strcmp((const char *)l, name) == 0;
}

static bool name_in(xmlTextReader *rd, const char *const *names)
{
	for (; *names; names++)
		if (local_is(rd, *names))
			return true;
	return false;
}

int soap_stream(const char *data, size_t len, const char *const *responses, const char *container,
		soap_each_fn fn, void *arg)
{
	parser_setup_once();
	if (len > (size_t)0x7fffffff)
		return SOAP_STREAM_DOM; /* soap_parse() says why */
	/* the same options as soap_parse(): no NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE,
	 * HUGE or RECOVER. The reader frees each item once it has moved past it (nothing
	 * is preserved and the document is never asked for), so one item is alive at a time. */
	xmlTextReader *rd = xmlReaderForMemory(data, (int)len, "response.xml", NULL, PARSE_OPTS);
	if (!rd)
		mem_die("out of memory creating an XML reader");
	/* stage = the depth of the element looked for: 0 Envelope, 1 Body, 2 the response
	 * (the body's first element), 3 the container, 4 its items; 5 = only checking that
	 * the rest is well-formed */
	int stage = 0, r = 0, ret = xmlTextReaderRead(rd);
	bool called = false, bad = false, dom = false;
	while (ret == 1) {
		int type = xmlTextReaderNodeType(rd), depth = xmlTextReaderDepth(rd);
		if (type == XML_READER_TYPE_DOCUMENT_TYPE || depth < 0 || depth > SOAP_MAX_DEPTH) {
			bad = true;
			break;
		}
		if (type != XML_READER_TYPE_ELEMENT) {
			if (type == XML_READER_TYPE_END_ELEMENT && stage < 5 && depth < stage) {
				/* the element we were inside has ended */
				if (stage <= 2) {
					dom = true; /* no body, or an empty one: the DOM path says so */
					break;
				}
				stage = 5; /* the first container (or the response) is done */
			}
			ret = xmlTextReaderRead(rd);
			continue;
		}
		bool empty = xmlTextReaderIsEmptyElement(rd) == 1;
		if (stage == 5 || depth != stage) {
			ret = xmlTextReaderNext(rd);
			continue;
		}
		switch (stage) {
		case 0:
			if (!local_is(rd, "Envelope") || !in_env_ns(rd) || empty)
				dom = true;
			break;
		case 1:
			if (!local_is(rd, "Body")) {
				ret = xmlTextReaderNext(rd);
				continue;
			}
			if (empty)
				dom = true;
			break;
		case 2:
			/* anything but the expected response (a Fault above all) goes the
			 * DOM way, so that it is judged exactly as before */
			if (!name_in(rd, responses))
				dom = true;
			break;
		case 3:
			if (!local_is(rd, container)) {
				ret = xmlTextReaderNext(rd);
				continue;
			}
			break;
		default: {
			xmlNode *item = xmlTextReaderExpand(rd);
			if (!item) {
				bad = true;
				break;
			}
			/* after a refusal the rest is still read, so that a malformed tail is
			 * reported as soap_parse() would report it */
			if (r == 0) {
				called = true;
				r = fn(arg, item);
			}
			ret = xmlTextReaderNext(rd);
			continue;
		}
		}
		if (dom || bad)
			break;
		stage = empty ? 5 : stage + 1;
		ret = empty ? xmlTextReaderNext(rd) : xmlTextReaderRead(rd);
	}
	if (ret < 0)
		bad = true;
	else if (ret == 0 && stage < 5)
		dom = true;
	xmlFreeTextReader(rd);
	if (bad && !called)
		dom = true;
	if (dom)
		return SOAP_STREAM_DOM;
	if (bad) {
		/* items were handed out already: the caller must not parse it again, but the
		 * message is soap_parse()'s */
		xmlDoc *doc = soap_parse(data, len);
		if (doc) {
			xmlFreeDoc(doc);
			err_set("the server's response is not well-formed XML");
		}
		return SOAP_STREAM_BAD;
	}
	return r;
}

/* ---- push parsing ---- */

/* The texts of the leaves collected under one element, packed one after the other,
 * each ended by a NUL: a port group's host list is then one growing buffer, not one
 * allocation per host id. */
struct leaf_texts {
	char *buf;
	size_t len, cap, n;
};

/* The element's _private points at texts while its item is alive
 * (soap_push_collect()). */
struct leaf_list {
	xmlNode *owner;
	struct leaf_texts *texts;
};

struct soap_push {
	struct guard g; /* first: on_internal_subset() finds it through ctxt->_private */
	xmlParserCtxt *ctxt;
	const char *const *responses;
	const char *container;
	soap_each_fn fn;
	void *arg;
	int r;
	bool called;
	bool fn_stopped;              /* fn refused an item: the parse stopped there */
	startElementNsSAX2Func start_element;
	endElementNsSAX2Func end_element;
	charactersSAXFunc characters, ignorable;
	commentSAXFunc comment;
	processingInstructionSAXFunc pi;
	/* memory budgets (see soap.h): what the tree of the item being read costs, and
	 * what everything outside the items costs */
	bool in_item;
	size_t item_cost, outside_cost;
	enum { OVER_NONE, OVER_ITEM, OVER_OUTSIDE, OVER_NAMES } over;
	/* leaf collection: see soap_push_collect() */
	const char *leaf;
	xmlNode *leaf_parent;         /* last parent judged, and its verdict */
	bool leaf_parent_ok;
	bool in_leaf;
	char *text;                   /* the text of the leaf being read */
	size_t text_len, text_cap;
	struct leaf_list *lists;      /* of the item being read */
	size_t n_lists, cap_lists;
	bool leaf_error;              /* an element inside a leaf */
};

/* true when n is the first element named name among its siblings (any name when
 * name is NULL) */
static bool first_of(const xmlNode *n, const char *name)
{
	for (const xmlNode *p = n->prev; p; p = p->prev)
		if (soap_name_is(p, name))
			return false;
	return true;
}

static bool names_in(const xmlNode *n, const char *const *names)
{
	for (; *names; names++)
		if (soap_name_is(n, *names))
			return true;
	return false;
}

/* An item is an element child of the first container of the body's first element,
 * when that is one of the expected responses: exactly what soap_stream() hands out. */
static bool is_item(const struct soap_push *p, const xmlNode *n)
{
	const xmlNode *c = n->parent;
	const xmlNode *resp = c && c->type == XML_ELEMENT_NODE ? c->parent : NULL;
	const xmlNode *body = resp && resp->type == XML_ELEMENT_NODE ? resp->parent : NULL;
	const xmlNode *env = body && body->type == XML_ELEMENT_NODE ? body->parent : NULL;
	return env && env->type == XML_ELEMENT_NODE && env->parent &&
	       env->parent->type == XML_DOCUMENT_NODE && soap_name_is(env, "Envelope") &&
	       env->ns && strcmp((const char *)env->ns->href, SOAP_ENV_NS) == 0 &&
	       soap_name_is(body, "Body") && first_of(body, "Body") && names_in(resp, p->responses) &&
	       first_of(resp, NULL) && soap_name_is(c, p->container) && first_of(c, p->container);
}

/* Drops the collected lists (their owners are still alive: the item or the document
 * they are in has not been freed yet). */
static void free_lists(struct soap_push *p)
{
	for (size_t i = 0; i < p->n_lists; i++) {
		p->lists[i].owner->_private = NULL;
		free(p->lists[i].texts->buf);
		free(p->lists[i].texts);
	}
	p->n_lists = 0;
	p->leaf_parent = NULL;
}

/* Whether the children named p->leaf of parent are collected: parent must be inside an
 * item (Envelope, Body, response, container, item: depth 5 and deeper). */
static bool leaf_parent_ok(struct soap_push *p, xmlNode *parent, int depth)
{
	if (parent == p->leaf_parent)
		return p->leaf_parent_ok;
	p->leaf_parent = parent;
	p->leaf_parent_ok = false;
	if (!parent || depth < 5)
		return false;
	const xmlNode *item = parent;
	for (int d = depth; d > 5 && item; d--)
		item = item->parent;
	p->leaf_parent_ok = item && item->type == XML_ELEMENT_NODE && is_item(p, item);
	return p->leaf_parent_ok;
}

/* Charges cost to the budget of the item being read, or to the one of everything
 * outside items; false (and the parser stopped) when that goes over it. Costs are
 * rough upper bounds of what libxml2's tree takes: a node is about 120 bytes. */
static bool charge(struct soap_push *p, size_t cost)
{
	size_t *c = p->in_item ? &p->item_cost : &p->outside_cost;
	size_t max = p->in_item ? SOAP_PUSH_ITEM_MAX : SOAP_PUSH_OUTSIDE_MAX;
	*c += cost;
	if (*c > max)
		p->over = p->in_item ? OVER_ITEM : OVER_OUTSIDE;
	/* names and short blank texts are interned in the parser's dictionary, which
	 * lives as long as the answer: distinct ones are counted there */
	else if (p->ctxt->dict && xmlDictSize(p->ctxt->dict) > SOAP_PUSH_NAMES_MAX)
		p->over = OVER_NAMES;
	if (p->over == OVER_NONE)
		return true;
	xmlStopParser(p->ctxt);
	return false;
}

#define NODE_COST 128

static void on_start_element(void *ctx, const xmlChar *local, const xmlChar *prefix,
			     const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
			     int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	xmlParserCtxt *ctxt = ctx;
	struct soap_push *p = ctxt->_private;
	if (p->over != OVER_NONE || p->fn_stopped)
		return;
	if (p->in_leaf) {
		/* a leaf holds text only (a moref's value); an element in one is refused at
		 * the end, and the parser stops here */
		p->leaf_error = true;
		xmlStopParser(ctxt);
		return;
	}
	if (p->leaf && strcmp((const char *)local, p->leaf) == 0 &&
	    leaf_parent_ok(p, ctxt->node, ctxt->nodeNr)) {
		p->in_leaf = true;
		p->text_len = 0;
		/* the text and its list entry */
		charge(p, 48);
		return;
	}
	p->start_element(ctx, local, prefix, uri, nb_namespaces, namespaces, nb_attributes,
			 nb_defaulted, attributes);
	if (!p->in_item && ctxt->nodeNr == 5 && ctxt->node && is_item(p, ctxt->node)) {
		p->in_item = true;
		p->item_cost = 0;
	}
	/* the element, its attributes (name, value node) and namespace declarations */
	size_t cost = NODE_COST + (size_t)(nb_attributes + nb_namespaces) * 2 * NODE_COST;
	for (int i = 0; i < nb_attributes; i++)
		cost += (size_t)(attributes[i * 5 + 4] - attributes[i * 5 + 3]);
	charge(p, cost);
}

/* Text inside a collected leaf is kept; any other goes to libxml2's tree builder. */
static void route_text(void *ctx, const xmlChar *ch, int len, bool ignorable)
{
	xmlParserCtxt *ctxt = ctx;
	struct soap_push *p = ctxt->_private;
	if (p->over != OVER_NONE || p->fn_stopped || !charge(p, (size_t)len + 16))
		return;
	if (!p->in_leaf) {
		(ignorable ? p->ignorable : p->characters)(ctx, ch, len);
		return;
	}
	xgrow(&p->text, &p->text_cap, p->text_len + (size_t)len + 1, 1);
	memcpy(p->text + p->text_len, ch, (size_t)len);
	p->text_len += (size_t)len;
}

static void on_characters(void *ctx, const xmlChar *ch, int len)
{
	route_text(ctx, ch, len, false);
}

static void on_ignorable(void *ctx, const xmlChar *ch, int len)
{
	route_text(ctx, ch, len, true);
}

/* Comments and processing instructions become nodes too: they are charged like text. */
static void on_comment(void *ctx, const xmlChar *value)
{
	xmlParserCtxt *ctxt = ctx;
	struct soap_push *p = ctxt->_private;
	if (p->over == OVER_NONE && !p->fn_stopped &&
	    charge(p, NODE_COST + strlen((const char *)value)))
		p->comment(ctx, value);
}

static void on_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	xmlParserCtxt *ctxt = ctx;
	struct soap_push *p = ctxt->_private;
	if (p->over == OVER_NONE && !p->fn_stopped &&
	    charge(p, NODE_COST + strlen((const char *)target) + (data ? strlen((const char *)data) : 0)))
		p->pi(ctx, target, data);
}

/* The end of a collected leaf: its text joins its parent's list, which the parent's
 * _private points at from its first leaf on (also when leaves of another element came
 * in between). */
static void end_leaf(struct soap_push *p)
{
	p->in_leaf = false;
	struct leaf_texts *t = p->leaf_parent->_private;
	if (!t) {
		xgrow(&p->lists, &p->cap_lists, p->n_lists + 1, sizeof *p->lists);
		t = xcalloc(1, sizeof *t);
		p->lists[p->n_lists++] = (struct leaf_list){p->leaf_parent, t};
		p->leaf_parent->_private = t;
	}
	xgrow(&t->buf, &t->cap, t->len + p->text_len + 1, 1);
	if (p->text_len)
		memcpy(t->buf + t->len, p->text, p->text_len);
	t->len += p->text_len;
	t->buf[t->len++] = '\0';
	t->n++;
	p->text_len = 0;
}

static void on_end_element(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
	xmlParserCtxt *ctxt = ctx;
	struct soap_push *p = ctxt->_private;
	if (p->in_leaf) {
		end_leaf(p);
		return;
	}
	xmlNode *cur = ctxt->node;
	int depth = ctxt->nodeNr;
	/* an element that ends may be the cached parent, and its memory may be reused */
	if (cur == p->leaf_parent)
		p->leaf_parent = NULL;
	p->end_element(ctx, local, prefix, uri);
	/* Envelope, Body, response, container, item */
	if (depth != 5 || !cur || !cur->parent || !is_item(p, cur))
		return;
	if (p->r == 0) {
		p->called = true;
		p->r = p->fn(p->arg, cur);
		if (p->r != 0) {
			/* a refusal ends the answer here: nothing after it is read (or
			 * received, see soap_push_feed()) */
			p->fn_stopped = true;
			xmlStopParser(ctxt);
		}
	}
	p->in_item = false;
	free_lists(p);
	/* the item goes as soon as it has been read, and the text before it too: the
	 * parser must not find a text node to extend where the item was */
	xmlNode *parent = cur->parent;
	xmlUnlinkNode(cur);
	xmlFreeNode(cur);
	while (parent->last && parent->last->type != XML_ELEMENT_NODE) {
		xmlNode *t = parent->last;
		xmlUnlinkNode(t);
		xmlFreeNode(t);
	}
}

struct soap_push *soap_push_new(const char *const *responses, const char *container,
				soap_each_fn fn, void *arg)
{
	parser_setup_once();
	struct soap_push *p = xcalloc(1, sizeof *p);
	p->ctxt = xmlCreatePushParserCtxt(NULL, NULL, NULL, 0, "response.xml");
	if (!p->ctxt)
		mem_die("out of memory creating an XML parser");
	xmlCtxtUseOptions(p->ctxt, PARSE_OPTS);
	p->ctxt->_private = p;
	p->ctxt->sax->internalSubset = on_internal_subset;
	p->ctxt->sax->externalSubset = on_internal_subset;
	p->start_element = p->ctxt->sax->startElementNs;
	p->ctxt->sax->startElementNs = on_start_element;
	p->end_element = p->ctxt->sax->endElementNs;
	p->ctxt->sax->endElementNs = on_end_element;
	p->characters = p->ctxt->sax->characters;
	p->ctxt->sax->characters = on_characters;
	p->ignorable = p->ctxt->sax->ignorableWhitespace;
	p->ctxt->sax->ignorableWhitespace = on_ignorable;
	p->comment = p->ctxt->sax->comment;
	p->ctxt->sax->comment = on_comment;
	p->pi = p->ctxt->sax->processingInstruction;
	p->ctxt->sax->processingInstruction = on_pi;
	p->responses = responses;
	p->container = container;
	p->fn = fn;
	p->arg = arg;
	return p;
}

bool soap_push_feed(struct soap_push *p, const char *data, size_t len)
{
	/* after a fatal error, a DOCTYPE, a budget overrun or a refusal the parser has
	 * stopped and ignores what follows; the verdict comes at the end */
	while (len > 0 && !p->ctxt->disableSAX) {
		int n = len > (1u << 30) ? 1 << 30 : (int)len;
		xmlParseChunk(p->ctxt, data, n, 0);
		data += n;
		len -= (size_t)n;
	}
	return !p->ctxt->disableSAX;
}

void soap_push_collect(struct soap_push *p, const char *leaf)
{
	p->leaf = leaf;
}

bool soap_each_leaf(const xmlNode *parent, soap_leaf_fn fn, void *arg)
{
	struct leaf_texts *t = parent ? parent->_private : NULL;
	if (!t)
		return false;
	for (size_t off = 0, i = 0; i < t->n; i++) {
		size_t len = strlen(t->buf + off);
		fn(arg, t->buf + off, len);
		off += len + 1;
	}
	/* taken: a repeated property must not see them again */
	t->len = t->n = 0;
	return true;
}

static void push_copy(void *arg, const char *text, size_t len)
{
	strv_push_owned(arg, xstrndup(text, len));
}

bool soap_take_leaves(const xmlNode *parent, struct strv *out)
{
	return soap_each_leaf(parent, push_copy, out);
}

int soap_push_finish(struct soap_push *p, xmlDoc **dom)
{
	*dom = NULL;
	xmlParseChunk(p->ctxt, NULL, 0, 1);
	xmlDoc *doc = p->ctxt->myDoc;
	p->ctxt->myDoc = NULL;
	free_lists(p); /* a truncated item's; before the verdict may free their owners */
	if (p->leaf_error) {
		if (doc)
			xmlFreeDoc(doc);
		err_set("the server's response has an element inside a %s, which holds text "
			"only; refusing it (is this really vCenter or ESXi?)",
			p->leaf);
		soap_push_free(p);
		return SOAP_STREAM_BAD;
	}
	if (p->over != OVER_NONE) {
		if (doc)
			xmlFreeDoc(doc);
		if (p->over == OVER_ITEM)
			err_set("the server's response holds an object of more than %d MiB of XML, "
				"far larger than any vCenter object; refusing it (is this really "
				"vCenter or ESXi?)", SOAP_PUSH_ITEM_MAX >> 20);
		else if (p->over == OVER_OUTSIDE)
			err_set("the server's response holds more than %d MiB of XML outside its "
				"objects; refusing it (is this really vCenter or ESXi?)",
				SOAP_PUSH_OUTSIDE_MAX >> 20);
		else
			err_set("the server's response uses more than %d distinct element names or "
				"blank texts; refusing it (is this really vCenter or ESXi?)",
				SOAP_PUSH_NAMES_MAX);
		soap_push_free(p);
		return SOAP_STREAM_BAD;
	}
	if (p->fn_stopped) {
		/* fn's verdict stands; the rest of the answer was never read */
		if (doc)
			xmlFreeDoc(doc);
		int r = p->r;
		soap_push_free(p);
		return r;
	}
	doc = verdict(p->ctxt, doc, p->g.doctype);
	int r = p->r;
	xmlNode *first = doc ? soap_body_first(doc) : NULL;
	bool streamed = first && names_in(first, p->responses);
	soap_push_free(p);
	if (!doc)
		return SOAP_STREAM_BAD;
	if (streamed) {
		xmlFreeDoc(doc); /* the skeleton: every item was handed out */
		return r;
	}
	*dom = doc;
	return SOAP_STREAM_DOM;
}

void soap_push_free(struct soap_push *p)
{
	if (!p)
		return;
	free_lists(p);
	free(p->lists);
	free(p->text);
	if (p->ctxt) {
		if (p->ctxt->myDoc)
			xmlFreeDoc(p->ctxt->myDoc);
		xmlFreeParserCtxt(p->ctxt);
	}
	free(p);
}
