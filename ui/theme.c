/* theme: roles, glyphs and width-aware text output. */
#include "theme.h"

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "mem.h"
#include "sanitize.h"

static bool use_utf8;
static bool use_color;

/* fg, bg (-1: terminal default) and the monochrome attribute. Default background
 * everywhere but bars and dialogs, so light and dark terminals both stay readable; no
 * blue or black text on the default background. */
static const struct {
	short fg, bg;
	attr_t color_extra;
	attr_t mono;
} roles[ROLE_COUNT] = {
	[ROLE_NORMAL] = {-1, -1, 0, A_NORMAL},
	[ROLE_TITLE] = {COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE | A_BOLD},
	[ROLE_SIDEBAR] = {-1, -1, 0, A_NORMAL},
	[ROLE_SIDEBAR_CUR] = {COLOR_BLACK, COLOR_CYAN, A_BOLD, A_REVERSE | A_BOLD},
	[ROLE_SIDEBAR_OFF] = {-1, -1, A_DIM, A_DIM},
	[ROLE_FOOTER] = {COLOR_WHITE, COLOR_BLUE, 0, A_REVERSE},
	[ROLE_FOOTER_KEY] = {COLOR_YELLOW, COLOR_BLUE, A_BOLD, A_REVERSE | A_BOLD},
	[ROLE_LABEL] = {-1, -1, 0, A_NORMAL},
	[ROLE_FIELD] = {-1, -1, A_UNDERLINE, A_UNDERLINE},
	[ROLE_FOCUS] = {COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE},
	[ROLE_DIM] = {-1, -1, A_DIM, A_DIM},
	[ROLE_ERROR] = {COLOR_RED, -1, A_BOLD, A_BOLD},
	[ROLE_WARNING] = {COLOR_YELLOW, -1, A_BOLD, A_BOLD},
	[ROLE_OK] = {COLOR_GREEN, -1, 0, A_NORMAL},
	[ROLE_DIALOG] = {COLOR_BLACK, COLOR_WHITE, 0, A_NORMAL},
	[ROLE_DIALOG_TITLE] = {COLOR_BLUE, COLOR_WHITE, A_BOLD, A_BOLD},
	[ROLE_HEADING] = {-1, -1, A_BOLD, A_BOLD},
};

static const char *const glyphs_utf8[GLYPH_COUNT] = {
	[GLYPH_RADIO_ON] = "(\u2022)", [GLYPH_RADIO_OFF] = "( )",
	[GLYPH_CHECK_ON] = "[x]", [GLYPH_CHECK_OFF] = "[ ]",
	[GLYPH_POINTER] = "\u25b8", [GLYPH_DONE] = "\u2713",
	[GLYPH_ELLIPSIS] = "\u2026", [GLYPH_ARROW_UP] = "\u2191",
	[GLYPH_ARROW_DOWN] = "\u2193", [GLYPH_BULLET] = "\u2022",
	[GLYPH_CHOSEN] = "\u25cf",
};

static const char *const glyphs_ascii[GLYPH_COUNT] = {
	[GLYPH_RADIO_ON] = "(*)", [GLYPH_RADIO_OFF] = "( )",
	[GLYPH_CHECK_ON] = "[x]", [GLYPH_CHECK_OFF] = "[ ]",
	[GLYPH_POINTER] = ">", [GLYPH_DONE] = "+",
	[GLYPH_ELLIPSIS] = "~", [GLYPH_ARROW_UP] = "^",
	[GLYPH_ARROW_DOWN] = "v", [GLYPH_BULLET] = "*",
	[GLYPH_CHOSEN] = "*",
};

void theme_set_utf8(bool utf8) { use_utf8 = utf8; }
bool theme_utf8(void) { return use_utf8; }
bool theme_color(void) { return use_color; }

void theme_init(bool no_color, bool ascii)
{
	const char *codeset = nl_langinfo(CODESET);

	use_utf8 = !ascii && codeset && strcmp(codeset, "UTF-8") == 0;
	use_color = !no_color && has_colors();
	if (!use_color)
		return;
	start_color();
	use_default_colors();
	for (int r = 1; r < ROLE_COUNT; r++)
		init_pair((short)r, roles[r].fg, roles[r].bg);
}

attr_t theme_attr(enum theme_role r)
{
	if ((unsigned)r >= ROLE_COUNT)
		r = ROLE_NORMAL;
	if (!use_color)
		return roles[r].mono;
	if (r == ROLE_NORMAL)
		return A_NORMAL;
	if (roles[r].fg == -1 && roles[r].bg == -1)
		return roles[r].color_extra;
	return COLOR_PAIR(r) | roles[r].color_extra;
}

const char *theme_glyph(enum theme_glyph g)
{
	if ((unsigned)g >= GLYPH_COUNT)
		return "?";
	return use_utf8 ? glyphs_utf8[g] : glyphs_ascii[g];
}

/* Decodes one character; in ASCII mode every non-ASCII sequence is one '?'. Returns
 * the bytes consumed (0 at the end). */
static size_t next_char(const char *s, wchar_t *wc, int *width)
{
	mbstate_t st;
	size_t n;

	if (!*s)
		return 0;
	if ((unsigned char)*s < 0x80) {
		*wc = (unsigned char)*s;
		*width = (*s < 32 || *s == 127) ? 1 : 1;
		if (*s < 32 || *s == 127)
			*wc = '?';
		return 1;
	}
	if (!use_utf8) {
		/* skip the continuation bytes of one UTF-8 sequence */
		n = 1;
		while ((s[n] & 0xc0) == 0x80)
			n++;
		*wc = '?';
		*width = 1;
		return n;
	}
	memset(&st, 0, sizeof st);
	n = mbrtowc(wc, s, MB_CUR_MAX, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*wc = '?';
		*width = 1;
		return 1;
	}
	*width = wcwidth(*wc);
	if (*width < 0) {
		*wc = '?';
		*width = 1;
	}
	return n;
}

/* Width of text as it is: already sanitised, or our own. */
static int width_of(const char *s)
{
	wchar_t wc;
	int w, total = 0;
	size_t n;

	if (!s)
		return 0;
	while ((n = next_char(s, &wc, &w)) > 0) {
		total += w;
		s += n;
	}
	return total;
}

int theme_width(const char *s)
{
	/* as theme_put() will draw it: sanitised */
	char *clean = s ? san_dup(s, SAN_DISPLAY) : NULL;
	int w = width_of(clean);
	free(clean);
	return w;
}

int theme_put_attr(WINDOW *win, int y, int x, int w, attr_t a, const char *text, bool pad)
{
	const char *ell = theme_glyph(GLYPH_ELLIPSIS);
	int ellw = width_of(ell);
	/* every text on the screen goes through the sanitiser: names from vCenter, a plan or
	 * a child process may hold escapes, controls or bidi overrides */
	char *clean = text ? san_dup(text, SAN_DISPLAY) : NULL;
	const char *s = clean;
	int used = 0, total = width_of(s);
	wchar_t wc;
	int cw;
	size_t n;

	if (w <= 0) {
		free(clean);
		return 0;
	}
	wattr_set(win, a, (short)PAIR_NUMBER(a), NULL);
	wmove(win, y, x);
	if (s) {
		int limit = total > w ? w - ellw : w;
		while ((n = next_char(s, &wc, &cw)) > 0 && used + cw <= limit) {
			if (wc < 128) {
				waddch(win, (chtype)wc);
			} else {
				wchar_t buf[2] = {wc, 0};
				waddnwstr(win, buf, 1);
			}
			used += cw;
			s += n;
		}
		if (total > w && limit >= 0) {
			waddstr(win, use_utf8 ? ell : ell);
			used += ellw;
		}
	}
	if (pad)
		for (; used < w; used++)
			waddch(win, ' ');
	wattr_set(win, A_NORMAL, 0, NULL);
	free(clean);
	return used;
}

int theme_put(WINDOW *win, int y, int x, int w, enum theme_role r, const char *s, bool pad)
{
	return theme_put_attr(win, y, x, w, theme_attr(r), s, pad);
}

void theme_fill(WINDOW *win, int y, int x, int h, int w, enum theme_role r)
{
	for (int i = 0; i < h; i++)
		theme_put(win, y + i, x, w, r, "", true);
}

void theme_hline(WINDOW *win, int y, int x, int w, enum theme_role r)
{
	attr_t a = theme_attr(r);

	wattr_set(win, a, (short)PAIR_NUMBER(a), NULL);
	if (use_utf8)
		mvwhline_set(win, y, x, WACS_HLINE, w);
	else
		mvwhline(win, y, x, '-', w);
	wattr_set(win, A_NORMAL, 0, NULL);
}

void theme_vline(WINDOW *win, int y, int x, int h, enum theme_role r)
{
	attr_t a = theme_attr(r);

	wattr_set(win, a, (short)PAIR_NUMBER(a), NULL);
	if (use_utf8)
		mvwvline_set(win, y, x, WACS_VLINE, h);
	else
		mvwvline(win, y, x, '|', h);
	wattr_set(win, A_NORMAL, 0, NULL);
}

static void corner(WINDOW *win, int y, int x, const cchar_t *wide)
{
	if (use_utf8)
		mvwadd_wch(win, y, x, wide);
	else
		mvwaddch(win, y, x, '+');
}

void theme_box(WINDOW *win, int y, int x, int h, int w, enum theme_role r, const char *title)
{
	attr_t a = theme_attr(r);

	if (h < 2 || w < 2)
		return;
	theme_fill(win, y, x, h, w, r);
	theme_hline(win, y, x + 1, w - 2, r);
	theme_hline(win, y + h - 1, x + 1, w - 2, r);
	theme_vline(win, y + 1, x, h - 2, r);
	theme_vline(win, y + 1, x + w - 1, h - 2, r);
	wattr_set(win, a, (short)PAIR_NUMBER(a), NULL);
	corner(win, y, x, WACS_ULCORNER);
	corner(win, y, x + w - 1, WACS_URCORNER);
	corner(win, y + h - 1, x, WACS_LLCORNER);
	corner(win, y + h - 1, x + w - 1, WACS_LRCORNER);
	wattr_set(win, A_NORMAL, 0, NULL);
	if (title && *title && w > 6) {
		char *t = xasprintf(" %s ", title);
		theme_put(win, y, x + 2, w - 4 < theme_width(t) ? w - 4 : theme_width(t),
			  r == ROLE_DIALOG ? ROLE_DIALOG_TITLE : ROLE_HEADING, t, false);
		free(t);
	}
}

size_t theme_wrap(const char *text, int w, char ***out)
{
	size_t n = 0, cap = 0;
	char **v = NULL;
	const char *p = text ? text : "";

	if (w < 1)
		w = 1;
	for (;;) {
		/* one output line: take words while they fit */
		const char *start = p, *brk = NULL, *q = p;
		int width = 0;
		wchar_t wc;
		int cw;
		size_t len;

		while (*q && *q != '\n') {
			len = next_char(q, &wc, &cw);
			if (width + cw > w)
				break;
			if (*q == ' ')
				brk = q;
			width += cw;
			q += len;
		}
		if (*q && *q != '\n' && *q != ' ' && brk && brk > start)
			q = brk; /* break at the last space */
		xgrow(&v, &cap, n + 1, sizeof *v);
		v[n++] = xstrndup(start, (size_t)(q - start));
		while (*q == ' ')
			q++;
		if (*q == '\n')
			q++;
		else if (!*q)
			break;
		p = q;
		if (!*p)
			break;
	}
	*out = v;
	return n;
}

void theme_free_lines(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}
