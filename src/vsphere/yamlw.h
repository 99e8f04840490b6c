/* yamlw: a direct, buffered YAML writer for large documents (the inventory snapshot
 * and --format yaml), written as it goes to a FILE.
 *
 * It lays the document out exactly as libyaml's emitter does with the settings vchnet
 * used (indent 2, width 4096, block sequences inside mappings not indented, empty
 * collections as [] and {}), so a file reads the same as before, but it costs no event,
 * no allocation and no analysis per value: texts are always double-quoted, escaped as
 * libyaml escapes them; plain scalars are only for the writer's own keys, numbers and
 * booleans (the caller's promise: yamlw_key() and yamlw_plain() take no text from
 * outside). A text that is not valid UTF-8 cannot be written as YAML: the first one
 * fails the writer (yamlw_finish() says so); what follows is dropped.
 *
 * The struct is the caller's (on the stack); yamlw_finish() flushes the buffer to the
 * FILE, which stays the caller's. Nesting is limited to YAMLW_DEPTH levels (a bug
 * beyond that ends the program). Anchor and alias names are the caller's and must be
 * made of letters, digits, '-' and '_'. */
#ifndef VCHNET_YAMLW_H
#define VCHNET_YAMLW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define YAMLW_DEPTH 16
#define YAMLW_BUF 65536

struct yamlw_level {
	char kind;     /* 'M' block mapping, 'S' block sequence, '{' and '[' flow */
	bool open;     /* a block collection with a first entry written */
	bool first;    /* no entry yet (flow: no comma before the next) */
	bool value;    /* a mapping whose key was written, its value next */
	int indent;    /* the indent before this level */
};

struct yamlw {
	FILE *f;
	bool ascii;       /* every non-ASCII character as an escape (\xXX, \uXXXX) */
	int err;          /* errno of a failed write, or -1: a text not valid UTF-8 */
	int column, indent;
	bool whitespace, indention;
	int depth;
	struct yamlw_level lv[YAMLW_DEPTH];
	size_t n;
	char buf[YAMLW_BUF];
};

/* Starts a document on f (block mapping at the root is the caller's first
 * yamlw_map()). ascii: as the field says. */
void yamlw_init(struct yamlw *w, FILE *f, bool ascii);
/* A mapping or sequence, block or flow; anchor (NULL: none) names a sequence for later
 * yamlw_alias() calls. yamlw_end() closes the innermost one. */
void yamlw_map(struct yamlw *w, bool flow);
void yamlw_seq(struct yamlw *w, bool flow, const char *anchor);
void yamlw_end(struct yamlw *w);
/* A mapping's key (plain: the writer's own words only). */
void yamlw_key(struct yamlw *w, const char *k);
/* Values: a text, double-quoted and escaped; a plain word (true, 42); an alias. */
void yamlw_str(struct yamlw *w, const char *s);
void yamlw_plain(struct yamlw *w, const char *s);
void yamlw_alias(struct yamlw *w, const char *anchor);
/* Ends the document and flushes. 0, or -1 with err_set() saying what failed. */
int yamlw_finish(struct yamlw *w);

#endif
