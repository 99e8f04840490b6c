/* ytree: a YAML document as a compact tree from libyaml's events (see ytree.h). */
#include "ytree.h"

#include <stdalign.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "err.h"
#include "mem.h"

/* ---- the arena ---- */

struct chunk {
	struct chunk *next;
	size_t used, size;
	max_align_t data[];
};

#define CHUNK_SIZE ((size_t)1 << 20)

/* an anchor's name and its node: open addressing, cap a power of two, NULL name empty */
struct anchor {
	const char *name;
	struct ytree_node *node;
};

struct ytree {
	struct chunk *chunks;  /* newest first */
	struct chunk *spare;   /* one released chunk, kept for the next item */
	struct ytree_node *root;
	struct anchor *anchors;
	size_t n_anchors, cap_anchors;
};

/* align: 1 for text, sizeof(void *) for nodes and arrays (nothing here needs more) */
static void *arena_alloc(struct ytree *t, size_t size, size_t align)
{
	struct chunk *c = t->chunks;
	size_t at = c ? (c->used + align - 1) & ~(align - 1) : 0;
	if (!c || at > c->size || c->size - at < size) {
		if (size <= CHUNK_SIZE && t->spare) {
			c = t->spare;
			t->spare = NULL;
		} else {
			size_t cap = size > CHUNK_SIZE ? size : CHUNK_SIZE;
			c = xmalloc(sizeof *c + cap);
			c->size = cap;
		}
		c->used = 0;
		c->next = t->chunks;
		t->chunks = c;
		at = 0;
	}
	c->used = at + size;
	return (char *)c->data + at;
}

/* Where the arena stood; arena_release() gives back all allocated since, keeping one
 * chunk for reuse: a consumed item's memory serves the next item (warm, no new pages). */
struct mark {
	struct chunk *chunk;
	size_t used;
};

static struct mark arena_mark(const struct ytree *t)
{
	return (struct mark){t->chunks, t->chunks ? t->chunks->used : 0};
}

static void arena_release(struct ytree *t, struct mark m)
{
	while (t->chunks != m.chunk) {
		struct chunk *c = t->chunks;
		t->chunks = c->next;
		if (!t->spare && c->size == CHUNK_SIZE)
			t->spare = c;
		else
			free(c);
	}
	if (m.chunk)
		m.chunk->used = m.used;
}

static const char *arena_str(struct ytree *t, const void *s, size_t len)
{
	char *c = arena_alloc(t, len + 1, 1);
	memcpy(c, s, len);
	c[len] = '\0';
	return c;
}

void ytree_free(struct ytree *t)
{
	if (!t)
		return;
	for (struct chunk *c = t->chunks, *next; c; c = next) {
		next = c->next;
		free(c);
	}
	free(t->spare);
	free(t->anchors);
	free(t);
}

struct ytree_node *ytree_root(const struct ytree *t)
{
	return t->root;
}

/* ---- anchors ---- */

static uint64_t hash_name(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

static struct anchor *anchor_slot(const struct ytree *t, const char *name)
{
	size_t mask = t->cap_anchors - 1;
	for (size_t i = hash_name(name) & mask;; i = (i + 1) & mask)
		if (!t->anchors[i].name || strcmp(t->anchors[i].name, name) == 0)
			return &t->anchors[i];
}

static struct ytree_node *anchor_find(const struct ytree *t, const char *name)
{
	return t->cap_anchors ? anchor_slot(t, name)->node : NULL;
}

/* false: the name is taken */
static bool anchor_add(struct ytree *t, const char *name, struct ytree_node *node)
{
	if ((t->n_anchors + 1) * 2 > t->cap_anchors) {
		struct anchor *old = t->anchors;
		size_t old_cap = t->cap_anchors;
		t->cap_anchors = old_cap ? old_cap * 2 : 64;
		t->anchors = xcalloc(t->cap_anchors, sizeof *t->anchors);
		for (size_t i = 0; i < old_cap; i++)
			if (old[i].name)
				*anchor_slot(t, old[i].name) = old[i];
		free(old);
	}
	struct anchor *a = anchor_slot(t, name);
	if (a->name)
		return false;
	*a = (struct anchor){name, node};
	t->n_anchors++;
	return true;
}

/* ---- building ---- */

/* The containers still open, innermost last, and the children collected so far for
 * all of them in one stack: a container's are those from its first on. */
struct open {
	struct ytree_node *node;
	const char *anchor;    /* arena copy, or NULL */
	size_t first;
	struct mark mark;      /* an item of a section: the arena before it */
	size_t n_anchors;      /* ... and the anchors known then */
};

struct build {
	struct ytree *t;
	const char *name;
	ytree_item_fn item;
	void *ctx;
	struct open *open;
	size_t n_open, cap_open;
	struct ytree_node **kids;
	size_t n_kids, cap_kids;
	bool done;
};

static struct ytree_node *new_node(struct build *b, enum ytree_type type, const yaml_mark_t *m)
{
	struct ytree_node *n = arena_alloc(b->t, sizeof *n, sizeof(void *));
	*n = (struct ytree_node){.type = type, .line = (unsigned)m->line + 1,
				 .column = (unsigned)m->column + 1};
	return n;
}

static int fail(struct build *b, const yaml_mark_t *m, const char *why)
{
	return err_set("%s:%lu:%lu: not valid YAML: %s", b->name, (unsigned long)m->line + 1,
		       (unsigned long)m->column + 1, why);
}

static int name_anchor(struct build *b, const yaml_char_t *anchor, struct ytree_node *n,
		       const yaml_mark_t *m)
{
	if (!anchor)
		return 0;
	const char *a = arena_str(b->t, anchor, strlen((const char *)anchor));
	return anchor_add(b->t, a, n) ? 0 : fail(b, m, "found duplicate anchor");
}

/* n becomes the root or the next child of the innermost open container */
static void add(struct build *b, struct ytree_node *n)
{
	if (!b->n_open) {
		b->t->root = n;
		return;
	}
	xgrow(&b->kids, &b->cap_kids, b->n_kids + 1, sizeof *b->kids);
	b->kids[b->n_kids++] = n;
}

/* The key of the section whose items are being added (the root a mapping, its value
 * open under the key a sequence), or NULL. */
static const struct ytree_node *section_key(const struct build *b)
{
	if (!b->item || b->n_open != 2 || b->open[0].node->type != YTREE_MAPPING ||
	    b->open[1].node->type != YTREE_SEQUENCE || (b->open[1].first - b->open[0].first) % 2 == 0)
		return NULL;
	return b->kids[b->open[1].first - 1];
}

/* Hands a finished item of a section to the callback (after add()); when it consumed
 * the item, the item leaves its sequence and, if it defined no anchor, the arena. */
static int offer(struct build *b, struct ytree_node *n, const struct open *o)
{
	const struct ytree_node *key = section_key(b);
	if (!key)
		return 0;
	struct ytree_node root = {.type = YTREE_MAPPING, .line = b->open[0].node->line,
				  .column = b->open[0].node->column,
				  .n = (b->open[1].first - 1 - b->open[0].first) / 2,
				  .u.items = b->kids + b->open[0].first};
	int r = b->item(b->ctx, &root, key, n);
	if (r <= 0)
		return r;
	b->n_kids--;
	if (o && b->t->n_anchors == o->n_anchors)
		arena_release(b->t, o->mark);
	return 0;
}

static void open_node(struct build *b, enum ytree_type type, const yaml_event_t *ev,
		      const yaml_char_t *anchor)
{
	xgrow(&b->open, &b->cap_open, b->n_open + 1, sizeof *b->open);
	struct mark m = arena_mark(b->t);
	size_t n_anchors = b->t->n_anchors;
	b->open[b->n_open] = (struct open){
		new_node(b, type, &ev->start_mark),
		anchor ? arena_str(b->t, anchor, strlen((const char *)anchor)) : NULL, b->n_kids, m,
		n_anchors};
	b->n_open++;
}

static int close_node(struct build *b)
{
	MEM_ASSERT(b->n_open > 0);
	struct open o = b->open[--b->n_open];
	size_t k = b->n_kids - o.first;
	struct ytree_node **items = arena_alloc(b->t, (k ? k : 1) * sizeof *items, sizeof(void *));
	if (k)
		memcpy(items, b->kids + o.first, k * sizeof *items);
	b->n_kids = o.first;
	o.node->u.items = items;
	o.node->n = o.node->type == YTREE_MAPPING ? k / 2 : k;
	if (o.anchor && !anchor_add(b->t, o.anchor, o.node)) {
		yaml_mark_t m = {.line = o.node->line - 1, .column = o.node->column - 1};
		return fail(b, &m, "found duplicate anchor");
	}
	add(b, o.node);
	return offer(b, o.node, &o);
}

static int on_event(struct build *b, const yaml_event_t *ev)
{
	struct ytree_node *n;
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		n = new_node(b, YTREE_SCALAR, &ev->start_mark);
		n->u.s = arena_str(b->t, ev->data.scalar.value, ev->data.scalar.length);
		n->n = ev->data.scalar.length;
		if (name_anchor(b, ev->data.scalar.anchor, n, &ev->start_mark) < 0)
			return -1;
		add(b, n);
		return offer(b, n, NULL);
	case YAML_ALIAS_EVENT:
		n = anchor_find(b->t, (const char *)ev->data.alias.anchor);
		if (!n)
			return fail(b, &ev->start_mark, "found undefined alias");
		add(b, n);
		return offer(b, n, NULL);
	case YAML_SEQUENCE_START_EVENT:
		open_node(b, YTREE_SEQUENCE, ev, ev->data.sequence_start.anchor);
		return 0;
	case YAML_MAPPING_START_EVENT:
		open_node(b, YTREE_MAPPING, ev, ev->data.mapping_start.anchor);
		return 0;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return close_node(b);
	case YAML_DOCUMENT_END_EVENT:
	case YAML_STREAM_END_EVENT:
		b->done = true;
		return 0;
	default:
		return 0;
	}
}

struct ytree *ytree_parse(const char *text, size_t len, const char *name)
{
	return ytree_parse_items(text, len, name, NULL, NULL);
}

struct ytree *ytree_parse_items(const char *text, size_t len, const char *name,
				ytree_item_fn item, void *ctx)
{
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		mem_die("out of memory (YAML parser)");
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	struct build b = {.t = xcalloc(1, sizeof *b.t), .name = name, .item = item, .ctx = ctx};
	int r = 0;
	while (r == 0 && !b.done) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev)) {
			r = fail(&b, &p.problem_mark, p.problem ? p.problem : "?");
			break;
		}
		r = on_event(&b, &ev);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	free(b.open);
	free(b.kids);
	if (r < 0) {
		ytree_free(b.t);
		return NULL;
	}
	return b.t;
}

struct ytree_node *ytree_get(const struct ytree_node *map, const char *key)
{
	if (!map || map->type != YTREE_MAPPING)
		return NULL;
	for (size_t i = 0; i < map->n; i++) {
		const struct ytree_node *k = map->u.items[2 * i];
		if (k->type == YTREE_SCALAR && strcmp(k->u.s, key) == 0)
			return map->u.items[2 * i + 1];
	}
	return NULL;
}
