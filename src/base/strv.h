/* strv: a growable list of owned strings (routes, DNS servers, IP ranges, ...).
 * The list owns its strings; strv_free() releases them and resets the list. */
#ifndef VCHNET_STRV_H
#define VCHNET_STRV_H

#include <stdbool.h>
#include <stddef.h>

struct strv {
	char **v;
	size_t n, cap;
};

void strv_push(struct strv *l, const char *s);     /* copies s */
void strv_push_owned(struct strv *l, char *s);     /* takes s */
void strv_free(struct strv *l);
void strv_copy(struct strv *dst, const struct strv *src); /* dst is freed first */
bool strv_contains(const struct strv *l, const char *s);
bool strv_equal(const struct strv *a, const struct strv *b);
/* Replaces *l with the items of s as a user types a list: separated by commas, blanks
 * or tabs, empty items dropped ("a, b c" gives a, b, c). */
void strv_split_list(struct strv *l, const char *s);
/* Joins with sep; the result is owned by the caller. */
char *strv_join(const struct strv *l, const char *sep);

#endif
