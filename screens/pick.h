/* pick: a small filterable list of labelled choices (datacenters, compute resources,
 * datastores) behind a list widget. Items are copied; pick_free() releases them. */
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
};

void pick_init(struct pick *p);
void pick_free(struct pick *p);
void pick_add(struct pick *p, const char *label, const char *value, int depth);
/* The list_source for a widget over this pick. */
struct list_source pick_source(struct pick *p);
/* The item index of view row i. */
size_t pick_item(const struct pick *p, size_t row);
/* Puts the cursor of list w on the item whose value is value (if visible). */
void pick_cursor_to(struct pick *p, struct widget *w, const char *value);

#endif
