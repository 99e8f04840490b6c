/* soap: vim25 SOAP envelopes out, hardened XML trees in. Internal to src/ (it exposes
 * libxml2 types; screens/ must use vsphere.h and inv.h instead).
 *
 * Requests are built in a struct soap_buf (a growable string owned by the caller,
 * released with soap_buf_free()). Every value that comes from a user or a server goes
 * through soap_buf_esc(), which escapes the five XML specials and drops the control
 * characters XML 1.0 cannot carry.
 *
 * Responses are parsed by soap_parse() with no DTD, no entity substitution, no network,
 * a rejected DOCTYPE and libxml2's default depth limit (256). The tree is owned by the
 * caller (xmlFreeDoc()); strings returned by soap_text()/soap_xsi_type() are owned by
 * the caller (free()). Nodes are borrowed from their document. */
#ifndef VCHNET_SOAP_H
#define VCHNET_SOAP_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "strv.h"

#define SOAP_ENV_NS "http://schemas.xmlsoap.org/soap/envelope/"
#define SOAP_XSI_NS "http://www.w3.org/2001/XMLSchema-instance"
#define SOAP_VIM_NS "urn:vim25"

struct soap_buf {
	char *s;
	size_t len, cap;
};

void soap_buf_add(struct soap_buf *b, const char *s);
/* Makes room for cap bytes in all, so that adding up to that never moves the buffer. */
void soap_buf_reserve(struct soap_buf *b, size_t cap);
void soap_buf_addf(struct soap_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s escaped for XML text and attribute values (NULL appends nothing). */
void soap_buf_esc(struct soap_buf *b, const char *s);
void soap_buf_free(struct soap_buf *b);
/* Wipes the buffer before freeing it: for bodies that carried a password. */
void soap_buf_free_secret(struct soap_buf *b);
/* Returns a new escaped copy of s (owned by the caller). */
char *soap_escape(const char *s);

/* Opens the envelope and <method xmlns="urn:vim25"><_this type="T">V</_this>. */
void soap_begin(struct soap_buf *b, const char *method, const char *this_type,
		const char *this_value);
/* Closes </method> and the envelope. */
void soap_end(struct soap_buf *b, const char *method);
/* <name>escaped text</name> */
void soap_elem(struct soap_buf *b, const char *name, const char *text);
/* <name type="T">V</name> */
void soap_moref(struct soap_buf *b, const char *name, const char *type, const char *value);

/* Parses a response body. Returns NULL with err_set() for malformed XML, a DOCTYPE,
 * entity declarations, excessive nesting or anything that is not a SOAP envelope. */
xmlDoc *soap_parse(const char *data, size_t len);

/* The first element inside soap:Body (the response or the Fault), or NULL. */
xmlNode *soap_body_first(xmlDoc *doc);
/* The first element child / next element sibling with this local name (any
 * namespace); name NULL matches any element. */
xmlNode *soap_child(const xmlNode *n, const char *name);
xmlNode *soap_next(const xmlNode *n, const char *name);
/* Text content of n (NULL when n is NULL); owned by the caller. */
char *soap_text(const xmlNode *n);
/* The same without a copy, borrowed from n's tree, when n holds at most one text node
 * (nearly always); NULL otherwise: then use soap_text(). */
const char *soap_text_ref(const xmlNode *n);
/* Text of the child called name, or NULL. */
char *soap_child_text(const xmlNode *n, const char *name);
/* true/false child; def when absent or unparsable. */
bool soap_child_bool(const xmlNode *n, const char *name, bool def);
/* Integer child; def when absent or unparsable. */
long soap_child_long(const xmlNode *n, const char *name, long def);
/* The attribute "type" in the XML Schema instance namespace, resolved by namespace URI
 * whatever prefix the server used, with any QName prefix stripped ("xsd:string" ->
 * "string"). NULL when absent. Owned by the caller. */
char *soap_xsi_type(const xmlNode *n);
/* A plain attribute (no namespace), owned by the caller, or NULL. */
char *soap_attr(const xmlNode *n, const char *name);
bool soap_name_is(const xmlNode *n, const char *name);

/* Streaming, for answers too large for one tree (RetrievePropertiesEx). soap_stream()
 * reads data with the same hardening as soap_parse() (and rejects what it rejects) and
 * calls fn(arg, item) for each element child of the first element named container
 * inside the body's first element, which must be named one of responses (a NULL-ended
 * list). item and its subtree are borrowed and live only during the call; one item is
 * alive at a time. A nonzero return from fn stops the hand-outs and is returned.
 * Returns 0 when every item was handed out, fn's nonzero value, SOAP_STREAM_DOM when
 * nothing was handed out and the body must go through soap_parse() instead (a fault,
 * another response, not an envelope, malformed: soap_parse() then gives the verdict),
 * or SOAP_STREAM_BAD with err_set() when the body turned out malformed after items were
 * handed out. data is borrowed. */
#define SOAP_MAX_DEPTH 256
#define SOAP_STREAM_DOM 2
#define SOAP_STREAM_BAD 3
typedef int (*soap_each_fn)(void *arg, xmlNode *item);
int soap_stream(const char *data, size_t len, const char *const *responses, const char *container,
		soap_each_fn fn, void *arg);

/* Push parsing, for an answer as it arrives: soap_push_new() takes the same arguments
 * as soap_stream() (borrowed; they must outlive the parser), soap_push_feed() the bytes
 * as they come, soap_push_finish() ends it and frees the parser. The items are handed
 * out (and freed) as soon as each one is complete. soap_push_finish() returns what
 * soap_stream() would, except: a body soap_parse() would refuse gives SOAP_STREAM_BAD
 * with its error set (whether or not items were handed out); a nonzero return of fn
 * stops the parse at once (nothing after that item is read) and is returned; and
 * SOAP_STREAM_DOM comes with the verified tree in *dom (owned by the caller,
 * xmlFreeDoc()). soap_push_free() drops an unfinished parser (NULL is fine).
 *
 * Memory stays bounded whatever the answer holds: the tree of one item may cost at
 * most SOAP_PUSH_ITEM_MAX, everything outside the items (envelope, a fault, junk after
 * the container) SOAP_PUSH_OUTSIDE_MAX, and the parser's dictionary of names at most
 * SOAP_PUSH_NAMES_MAX entries; past one of them the parse stops and
 * soap_push_finish() gives SOAP_STREAM_BAD with the error set. (libxml2 itself caps a
 * text or a name at 10 MB and an element's depth at 256 without XML_PARSE_HUGE.) The
 * largest vCenter object, a datastore mounted on 2,500 hosts, costs about 3 MiB. */
#define SOAP_PUSH_ITEM_MAX (32 << 20)
#define SOAP_PUSH_OUTSIDE_MAX (4 << 20)
#define SOAP_PUSH_NAMES_MAX 200000
struct soap_push;
struct soap_push *soap_push_new(const char *const *responses, const char *container,
				soap_each_fn fn, void *arg);
/* Leaf collection, for long lists of simple values (a port group's hosts): inside an
 * item, elements named leaf (text only, e.g. "ManagedObjectReference") do not become
 * nodes; their texts are collected, in order, per parent element, and
 * soap_take_leaves() moves them out while the item is handed out. An element inside a
 * leaf makes soap_push_finish() return SOAP_STREAM_BAD. leaf is borrowed. */
void soap_push_collect(struct soap_push *p, const char *leaf);
/* Appends the texts collected under parent to out (which takes them) and returns true;
 * false when none were collected there (not a push parse, or no such children): then
 * read parent's children as usual. */
bool soap_take_leaves(const xmlNode *parent, struct strv *out);
/* The same, without a copy: fn sees each text (NUL-terminated, len bytes, valid only
 * during the call), in order; the texts are gone afterwards. */
typedef void (*soap_leaf_fn)(void *arg, const char *text, size_t len);
bool soap_each_leaf(const xmlNode *parent, soap_leaf_fn fn, void *arg);
/* Feeds the next bytes; false once the parser has stopped (malformed, a DOCTYPE, a
 * budget overrun, fn's refusal): the rest of the answer need not be received. */
bool soap_push_feed(struct soap_push *p, const char *data, size_t len);
int soap_push_finish(struct soap_push *p, xmlDoc **dom);
void soap_push_free(struct soap_push *p);

/* Calls method like vsphere_call() and streams a 200 answer through soap_stream() (the
 * response named "<method>Response", items of its first container); the response
 * buffer is released afterwards. Returns 0 when every item was handed to fn, fn's
 * nonzero value when it stopped, SOAP_STREAM_OVER when the answer is longer than
 * max_bytes (announced or received: the transfer is cut there; vsphere_status() is
 * VSPHERE_OK and the error is set, but the caller, whose budget it is, should word
 * it), or -1 with the error set
 * (transport, certificate, fault, malformed: the same errors and vsphere_status() as
 * vsphere_call()). When the answer could not be streamed but is a valid
 * <method>Response, returns 0 with its tree in *dom (owned by the caller,
 * xmlFreeDoc()); *dom is NULL otherwise. leaf (NULL: none) is collected as
 * soap_push_collect() says when the answer is parsed as it arrives; fn must then read
 * such lists with soap_take_leaves(). An answer that is not streamed (a fault) is held
 * whole and capped like vsphere_call()'s. Implemented in vsphere.c; declared here
 * because it exposes libxml2 types, which vsphere.h keeps out. */
#define SOAP_STREAM_OVER 4
struct vsphere;
int vsphere_call_stream(struct vsphere *vs, const char *method, const char *body, size_t len,
			size_t max_bytes, const char *container, const char *leaf, soap_each_fn fn,
			void *arg, xmlDoc **dom);
/* The bytes of the last answer received (streamed or held). */
size_t vsphere_response_bytes(const struct vsphere *vs);

/* A SOAP fault, as found in the body. All strings owned by the struct. */
struct soap_fault {
	char *type;       /* vim25 fault type: "InvalidLogin", "NotAuthenticated", ... */
	char *message;    /* faultstring (may be empty) */
	char *privilege;  /* NoPermission: privilegeId (or the first missingPrivileges id) */
	char *object;     /* NoPermission: the object's moref value */
};
/* Fills f when the body holds a Fault and returns 1; returns 0 when it does not. */
int soap_fault_parse(xmlDoc *doc, struct soap_fault *f);
void soap_fault_free(struct soap_fault *f);

#endif
