/* pick: a small filterable list of labelled choices (datacenters, compute resources,
 * datastores, container port groups) behind a list widget. The marker column shows the
 * chosen item (a bullet, whether the list has focus or not) and items that cannot be
 * chosen (x). Items are copied; pick_free() releases them. */
#ifndef VCHNET_PICK_H
#define VCHNET_PICK_H

#include <stdbool.h>
#include <stddef.h>

#include "widget.h"

struct pick {
	char **label, **value;
	int *depth;          /* indentation of a tree row */
	size_t n, cap;
	size_t *view;        /* indexes of the rows that match the filter */
	size_t n_view;
	size_t chosen;       /* item index of the choice, or (size_t)-1 */
	bool *unusable;      /* per item: cannot be chosen (marked x), or NULL: all usable */
};

void pick_init(struct pick *p);
void pick_free(struct pick *p);
void pick_add(struct pick *p, const char *label, const char *value, int depth);
/* Marks item i as one that cannot be chosen: its row shows an x in the marker column
 * (a text mark, for terminals without dim or colour). */
void pick_set_unusable(struct pick *p, size_t i);
/* The list_source for a widget over this pick. */
struct list_source pick_source(struct pick *p);
/* The item index of view row i. */
size_t pick_item(const struct pick *p, size_t row);
/* Puts the cursor of list w on the item whose value is value (if visible). */
void pick_cursor_to(struct pick *p, struct widget *w, const char *value);

#endif
