/* test_ui_widget: widget behaviour without a terminal — text editing (UTF-8, cursor,
 * Backspace/Delete/Ctrl-U, max length), masked fields, checkbox and radio keys, the
 * list's cursor, filter and activation, the form's focus movement, and a text view
 * scrolled sideways. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "widget.h"

static struct key_event ch(wchar_t c) { return (struct key_event){KEY_ACT_CHAR, c}; }
static struct key_event act(enum key_act a) { return (struct key_event){a, 0}; }

static void type(struct widget *w, const wchar_t *s)
{
	for (; *s; s++)
		assert_int_equal(widget_key(w, ch(*s)), WIDGET_CHANGED);
}

static void test_field_editing(void **state)
{
	struct widget *w = widget_field_new(1, "Name:", "r\xc3\xa9seau", false);
	(void)state;
	assert_string_equal(widget_field_get(w), "r\xc3\xa9seau");
	assert_int_equal(w->cursor, 6);
	assert_int_equal(widget_key(w, act(KEY_ACT_BACKSPACE)), WIDGET_CHANGED);
	assert_string_equal(widget_field_get(w), "r\xc3\xa9sea");
	widget_key(w, act(KEY_ACT_HOME));
	widget_key(w, act(KEY_ACT_RIGHT));
	assert_int_equal(widget_key(w, act(KEY_ACT_DELETE)), WIDGET_CHANGED);
	assert_string_equal(widget_field_get(w), "rsea");
	type(w, L"q?");
	assert_string_equal(widget_field_get(w), "rq?sea");
	assert_int_equal(widget_key(w, act(KEY_ACT_SPACE)), WIDGET_CHANGED);
	assert_string_equal(widget_field_get(w), "rq? sea");
	assert_int_equal(widget_key(w, act(KEY_ACT_TAB)), WIDGET_IGNORED);
	assert_int_equal(widget_key(w, act(KEY_ACT_KILL_LINE)), WIDGET_CHANGED);
	assert_string_equal(widget_field_get(w), "");
	assert_int_equal(widget_key(w, act(KEY_ACT_BACKSPACE)), WIDGET_HANDLED);
	w->max_len = 3;
	type(w, L"abc");
	assert_int_equal(widget_key(w, ch(L'd')), WIDGET_HANDLED);
	assert_string_equal(widget_field_get(w), "abc");
	widget_field_set(w, NULL);
	assert_string_equal(widget_field_get(w), "");
	assert_true(widget_takes_text(w));
	widget_free(w);
}

static void test_masked(void **state)
{
	struct widget *w = widget_field_new(1, "Password:", NULL, true);
	(void)state;
	type(w, L"s3cr\u00e9t");
	assert_string_equal(widget_field_get(w), "s3cr\xc3\xa9t");
	assert_true(w->masked);
	widget_free(w);
}

static void test_toggles(void **state)
{
	const char *opts[] = {"DHCP", "Static"};
	struct widget *c = widget_check_new(1, "Same", true);
	struct widget *r = widget_radio_new(2, opts, 2, 0);
	(void)state;
	assert_int_equal(widget_key(c, act(KEY_ACT_SPACE)), WIDGET_CHANGED);
	assert_false(c->on);
	assert_false(widget_takes_text(c));
	assert_int_equal(widget_key(r, act(KEY_ACT_UP)), WIDGET_IGNORED);
	assert_int_equal(widget_key(r, act(KEY_ACT_DOWN)), WIDGET_HANDLED);
	assert_int_equal(r->selected, 0);
	assert_int_equal(widget_key(r, act(KEY_ACT_SPACE)), WIDGET_CHANGED);
	assert_int_equal(r->selected, 1);
	assert_int_equal(widget_key(r, act(KEY_ACT_DOWN)), WIDGET_IGNORED);
	r->horizontal = true;
	assert_int_equal(widget_key(r, act(KEY_ACT_LEFT)), WIDGET_CHANGED);
	assert_int_equal(r->selected, 0);
	assert_int_equal(widget_key(r, act(KEY_ACT_DOWN)), WIDGET_IGNORED);
	widget_free(c);
	widget_free(r);
}

/* A list source over fixed names; "uplink" rows cannot be chosen. */
static const char *const names[] = {"alpha", "uplink", "beta", "gamma", "alphabet"};
struct src {
	size_t view[5], n;
	char filter[32];
};

static size_t s_count(void *ctx) { return ((struct src *)ctx)->n; }
static void s_draw(void *ctx, size_t i, int y, int x, int w, bool c, bool f)
{
	(void)ctx, (void)i, (void)y, (void)x, (void)w, (void)c, (void)f;
}
static bool s_sel(void *ctx, size_t i) { return strcmp(names[((struct src *)ctx)->view[i]], "uplink") != 0; }
static void s_filter(void *ctx, const char *text)
{
	struct src *s = ctx;
	s->n = 0;
	snprintf(s->filter, sizeof s->filter, "%s", text);
	for (size_t i = 0; i < 5; i++)
		if (strstr(names[i], text))
			s->view[s->n++] = i;
}

static void test_list(void **state)
{
	struct src s;
	struct list_source ls = {s_count, s_draw, s_sel, s_filter, &s};
	struct widget *w;
	(void)state;
	s_filter(&s, "");
	w = widget_list_new(1, &ls);
	widget_place(w, 0, 0, 40, 3);
	assert_true(widget_takes_text(w));
	assert_int_equal(widget_key(w, act(KEY_ACT_UP)), WIDGET_IGNORED); /* top: the form moves focus */
	assert_int_equal(widget_key(w, act(KEY_ACT_DOWN)), WIDGET_CHANGED);
	assert_int_equal(w->cur, 1);
	assert_int_equal(widget_key(w, act(KEY_ACT_END)), WIDGET_CHANGED);
	assert_int_equal(w->cur, 4);
	assert_true(w->top >= 2); /* scrolled to keep the cursor visible */
	assert_int_equal(widget_key(w, act(KEY_ACT_DOWN)), WIDGET_IGNORED);
	assert_int_equal(widget_key(w, act(KEY_ACT_ENTER)), WIDGET_ACTIVATED);
	/* typing filters and lands on the first row that can be chosen */
	assert_int_equal(widget_key(w, ch(L'u')), WIDGET_CHANGED);
	assert_string_equal(s.filter, "u");
	assert_int_equal(s.n, 1);
	assert_int_equal(w->cur, 0);
	assert_int_equal(widget_key(w, act(KEY_ACT_BACKSPACE)), WIDGET_CHANGED);
	assert_int_equal(s.n, 5);
	assert_int_equal(widget_key(w, ch(L'a')), WIDGET_CHANGED);
	assert_int_equal(widget_key(w, ch(L'l')), WIDGET_CHANGED);
	assert_int_equal(s.n, 2);
	assert_int_equal(widget_key(w, act(KEY_ACT_SPACE)), WIDGET_CHANGED); /* a space is filter text now */
	assert_string_equal(s.filter, "al ");
	assert_int_equal(s.n, 0);
	assert_int_equal(widget_key(w, act(KEY_ACT_KILL_LINE)), WIDGET_CHANGED);
	assert_int_equal(s.n, 5);
	assert_int_equal(widget_key(w, act(KEY_ACT_KILL_LINE)), WIDGET_IGNORED);
	widget_free(w);
}

static void test_form_focus(void **state)
{
	struct form f = {0};
	struct widget *a, *b, *c, *who;
	(void)state;
	a = form_add(&f, widget_field_new(1, "A", "", false));
	form_add(&f, widget_label_new(9, "not focusable"));
	b = form_add(&f, widget_button_new(2, "OK"));
	c = form_add(&f, widget_button_new(3, "Cancel"));
	assert_ptr_equal(form_focused(&f), a);
	assert_int_equal(form_key(&f, act(KEY_ACT_TAB), &who), WIDGET_HANDLED);
	assert_ptr_equal(form_focused(&f), b); /* the label is skipped */
	assert_int_equal(form_key(&f, act(KEY_ACT_RIGHT), &who), WIDGET_HANDLED);
	assert_ptr_equal(form_focused(&f), c);
	assert_int_equal(form_key(&f, act(KEY_ACT_ENTER), &who), WIDGET_ACTIVATED);
	assert_ptr_equal(who, c);
	assert_int_equal(form_key(&f, act(KEY_ACT_TAB), &who), WIDGET_HANDLED);
	assert_ptr_equal(form_focused(&f), a); /* wraps */
	assert_int_equal(form_key(&f, act(KEY_ACT_BTAB), &who), WIDGET_HANDLED);
	assert_ptr_equal(form_focused(&f), c);
	b->disabled = true;
	assert_int_equal(form_key(&f, act(KEY_ACT_BTAB), &who), WIDGET_HANDLED);
	assert_ptr_equal(form_focused(&f), a);
	/* Enter in a field moves on, like Tab */
	assert_int_equal(form_key(&f, act(KEY_ACT_ENTER), &who), WIDGET_HANDLED);
	assert_ptr_equal(form_focused(&f), c);
	assert_ptr_equal(form_find(&f, 2), b);
	assert_null(form_find(&f, 42));
	form_free(&f);
}

/* A text view cuts lines wider than itself: Left and Right scroll sideways, within the
 * widest line, and say when there is nothing more that way. */
static void test_text_sideways(void **state)
{
	struct widget *w = widget_text_new(1);
	(void)state;
	widget_place(w, 0, 0, 21, 3); /* 20 cells of text and the scroll mark */
	widget_text_set(w, "short\nthumbprint: \"37:58:1D:65:D5:BE\"\n");
	assert_int_equal(widget_key(w, act(KEY_ACT_LEFT)), WIDGET_IGNORED);
	assert_int_equal(widget_key(w, act(KEY_ACT_RIGHT)), WIDGET_HANDLED);
	assert_int_equal(w->hscroll, 8);
	assert_int_equal(widget_key(w, act(KEY_ACT_RIGHT)), WIDGET_HANDLED);
	assert_int_equal(w->hscroll, 11); /* 31 cells wide, 20 shown */
	assert_int_equal(widget_key(w, act(KEY_ACT_RIGHT)), WIDGET_IGNORED);
	assert_int_equal(widget_key(w, act(KEY_ACT_LEFT)), WIDGET_HANDLED);
	assert_int_equal(w->hscroll, 3);
	assert_int_equal(widget_key(w, act(KEY_ACT_LEFT)), WIDGET_HANDLED);
	assert_int_equal(w->hscroll, 0);
	widget_text_set(w, "all of it fits\n");
	assert_int_equal(widget_key(w, act(KEY_ACT_RIGHT)), WIDGET_IGNORED);
	widget_free(w);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_field_editing),
		cmocka_unit_test(test_masked),
		cmocka_unit_test(test_toggles),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_form_focus),
		cmocka_unit_test(test_text_sideways),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
