#include "strv.h"

#include <stdlib.h>
#include <string.h>

#include "mem.h"

void strv_push_owned(struct strv *l, char *s)
{
	xgrow(&l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n++] = s;
}

void strv_push(struct strv *l, const char *s) { strv_push_owned(l, xstrdup(s)); }

void strv_free(struct strv *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

void strv_copy(struct strv *dst, const struct strv *src)
{
	if (dst == src)
		return;
	strv_free(dst);
	for (size_t i = 0; i < src->n; i++)
		strv_push(dst, src->v[i]);
}

bool strv_contains(const struct strv *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return true;
	return false;
}

bool strv_equal(const struct strv *a, const struct strv *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]) != 0)
			return false;
	return true;
}

char *strv_join(const struct strv *l, const char *sep)
{
	size_t len = 1, seplen = strlen(sep);
	char *out, *p;

	for (size_t i = 0; i < l->n; i++)
		len += strlen(l->v[i]) + seplen;
	p = out = xmalloc(len);
	for (size_t i = 0; i < l->n; i++) {
		size_t n = strlen(l->v[i]);
		if (i) {
			memcpy(p, sep, seplen);
			p += seplen;
		}
		memcpy(p, l->v[i], n);
		p += n;
	}
	*p = '\0';
	return out;
}

void strv_split_list(struct strv *l, const char *s)
{
	char *copy = xstrdup(s), *save = NULL;

	strv_free(l);
	for (char *t = strtok_r(copy, ", \t", &save); t; t = strtok_r(NULL, ", \t", &save))
		strv_push(l, t);
	free(copy);
}
