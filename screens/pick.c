/* pick: filterable choice lists for the scope step. */
#include "pick.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mem.h"
#include "theme.h"

void pick_init(struct pick *p)
{
	memset(p, 0, sizeof *p);
	p->chosen = (size_t)-1;
}

void pick_free(struct pick *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->label[i]);
		free(p->value[i]);
	}
	free(p->label);
	free(p->value);
	free(p->depth);
	free(p->view);
	free(p->unusable);
	pick_init(p);
}

void pick_add(struct pick *p, const char *label, const char *value, int depth)
{
	size_t cap = p->cap;

	xgrow(&p->label, &cap, p->n + 1, sizeof *p->label);
	cap = p->cap;
	xgrow(&p->value, &cap, p->n + 1, sizeof *p->value);
	cap = p->cap;
	xgrow(&p->depth, &cap, p->n + 1, sizeof *p->depth);
	cap = p->cap;
	xgrow(&p->view, &cap, p->n + 1, sizeof *p->view);
	p->cap = cap;
	p->label[p->n] = xstrdup(label);
	p->value[p->n] = xstrdup(value);
	p->depth[p->n] = depth;
	if (p->unusable) {
		p->unusable = xrealloc(p->unusable, (p->n + 1) * sizeof *p->unusable);
		p->unusable[p->n] = false;
	}
	p->n++;
	p->n_view = p->n;
	for (size_t i = 0; i < p->n; i++)
		p->view[i] = i;
}

void pick_set_unusable(struct pick *p, size_t i)
{
	MEM_ASSERT(i < p->n);
	if (!p->unusable)
		p->unusable = xcalloc(p->n, sizeof *p->unusable);
	p->unusable[i] = true;
}

size_t pick_item(const struct pick *p, size_t row)
{
	MEM_ASSERT(row < p->n_view);
	return p->view[row];
}

static size_t src_count(void *ctx) { return ((struct pick *)ctx)->n_view; }

static void src_draw(void *ctx, size_t i, int y, int x, int w, bool cursor, bool focused)
{
	struct pick *p = ctx;
	size_t it = p->view[i];
	char *s = xasprintf("%s%*s%s",
			    it == p->chosen                    ? theme_glyph(GLYPH_CHOSEN)
			    : p->unusable && p->unusable[it] ? "x"
							     : " ",
			    1 + 2 * p->depth[it], "", p->label[it]);
	enum theme_role r = cursor && focused ? ROLE_FOCUS : ROLE_NORMAL;

	theme_put(stdscr, y, x, w, r, s, true);
	free(s);
}

static void src_filter(void *ctx, const char *text)
{
	struct pick *p = ctx;

	p->n_view = 0;
	for (size_t i = 0; i < p->n; i++)
		if (!*text || strcasestr(p->label[i], text))
			p->view[p->n_view++] = i;
}

struct list_source pick_source(struct pick *p)
{
	struct list_source s = {src_count, src_draw, NULL, src_filter, p};
	return s;
}

void pick_cursor_to(struct pick *p, struct widget *w, const char *value)
{
	if (!value)
		return;
	for (size_t r = 0; r < p->n_view; r++)
		if (strcmp(p->value[p->view[r]], value) == 0) {
			widget_list_set_cursor(w, r);
			return;
		}
}
