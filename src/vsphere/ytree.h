/* ytree: a YAML document as a compact tree, built from libyaml's event parser, for a
 * loader that looks values up by key (the inventory snapshot, inv_yaml.c).
 *
 * libyaml's document loader allocates every node and its value apart and keeps tags,
 * styles and both marks: a 19 MB snapshot took about 450 MB and most of its load time
 * in malloc. Here nodes, values and child arrays are carved from one arena that the
 * tree owns (ytree_free() releases everything at once), and an alias is the very node
 * its anchor names: a list a file names a thousand times is held once, and a loader can
 * convert it once (the node's memo). Anchors are known from the end of their node on,
 * so an alias inside its own anchor's node is undefined and the tree has no cycles; a
 * second anchor of the same name is refused, as libyaml's loader does. Only the first
 * document of the stream is read. A loader may also take the items of the root's lists
 * as they complete (ytree_parse_items()), and the tree forgets them. */
#ifndef VCHNET_YTREE_H
#define VCHNET_YTREE_H

#include <stddef.h>

enum ytree_type { YTREE_SCALAR, YTREE_SEQUENCE, YTREE_MAPPING };

struct ytree_node {
	enum ytree_type type;
	unsigned line, column;        /* where it starts, 1-based */
	size_t n;                     /* scalar: bytes; sequence: items; mapping: pairs */
	union {
		const char *s;        /* scalar: n bytes and a NUL (it may hold NULs before) */
		struct ytree_node **items; /* sequence: n items; mapping: key, value, ... (2n) */
	} u;
	void *memo;                   /* the loader's, NULL at first: what it made of the node */
	int memo_kind;                /* the loader's, 0 at first: which kind of thing memo is
				       * (one node may be named where two kinds are read) */
};

struct ytree;

/* Parses the first document of text (len bytes). NULL with err_set("NAME:LINE:COLUMN:
 * not valid YAML: why") when libyaml refuses it or an alias names no anchor before it.
 * The caller frees the tree with ytree_free(). */
struct ytree *ytree_parse(const char *text, size_t len, const char *name);
/* The same, handing each item of a section to item() as soon as the item is complete:
 * a section is a sequence that is a value of the root mapping ("hosts: [...]"). root
 * is the root mapping as far as it is known (the pairs before the section's key: the
 * view lives during the call only), key the section's key node, it the item. item()
 * returns 1 when it consumed the item: the item then leaves its sequence, and the
 * memory it took (its nodes, unless it defined an anchor) serves the next one, so a
 * file read item by item needs the memory of one item, not of the whole file; 0 to
 * leave the item in the tree; -1 (after err_set()) to stop: ytree_parse_items()
 * then returns NULL with that message. */
typedef int (*ytree_item_fn)(void *ctx, const struct ytree_node *root,
			     const struct ytree_node *key, struct ytree_node *it);
struct ytree *ytree_parse_items(const char *text, size_t len, const char *name,
				ytree_item_fn item, void *ctx);
/* The document's root node (owned by t), or NULL for an empty stream. */
struct ytree_node *ytree_root(const struct ytree *t);
void ytree_free(struct ytree *t);

/* The value under the scalar key in mapping map (borrowed from the tree), or NULL when
 * map is NULL, not a mapping, or has no such key (the first one wins if repeated). */
struct ytree_node *ytree_get(const struct ytree_node *map, const char *key);

#endif
