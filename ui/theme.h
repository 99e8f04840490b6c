/* theme: what things look like — attributes per semantic role (a monochrome attribute
 * and a colour pair for each, like dialog's table), the glyphs (UTF-8 or ASCII, in two
 * parallel tables, never hard-coded at call sites), and text output clipped to a
 * display width.
 *
 * State is never carried by colour alone: focus is reverse video plus a marker, errors
 * say "Error:" in words. With NO_COLOR, --no-color or a terminal without colours the
 * monochrome attributes are used. Strings are borrowed. */
#ifndef VCHNET_THEME_H
#define VCHNET_THEME_H

#include <stdbool.h>
#include <curses.h>

enum theme_role {
	ROLE_NORMAL,
	ROLE_TITLE,       /* the top line */
	ROLE_SIDEBAR,
	ROLE_SIDEBAR_CUR, /* the current step */
	ROLE_SIDEBAR_OFF, /* steps that do not apply */
	ROLE_FOOTER,
	ROLE_FOOTER_KEY,
	ROLE_LABEL,
	ROLE_FIELD,       /* an input area */
	ROLE_FOCUS,       /* the focused widget or row */
	ROLE_DIM,         /* unselectable rows, hints */
	ROLE_ERROR,
	ROLE_WARNING,
	ROLE_OK,
	ROLE_DIALOG,
	ROLE_DIALOG_TITLE,
	ROLE_HEADING,     /* column headings, section titles */
	ROLE_COUNT
};

enum theme_glyph {
	GLYPH_RADIO_ON,   /* "(*)" */
	GLYPH_RADIO_OFF,
	GLYPH_CHECK_ON,   /* "[x]" */
	GLYPH_CHECK_OFF,
	GLYPH_POINTER,    /* focus marker ">" */
	GLYPH_DONE,       /* a finished step */
	GLYPH_ELLIPSIS,
	GLYPH_ARROW_UP,   /* more above */
	GLYPH_ARROW_DOWN, /* more below */
	GLYPH_BULLET,
	GLYPH_CHOSEN,     /* the role's current network in a picker */
	GLYPH_COUNT
};

/* Called by ui_init() after start of curses: colour when allowed and available,
 * UTF-8 glyphs when the locale's codeset is UTF-8 and ascii is false. */
void theme_init(bool no_color, bool ascii);
/* Without curses (unit tests, layout text): just the glyph choice. */
void theme_set_utf8(bool utf8);
bool theme_utf8(void);
bool theme_color(void);

attr_t theme_attr(enum theme_role r);
const char *theme_glyph(enum theme_glyph g);

/* Display width of a UTF-8 string as theme_put() draws it, sanitised (in an ASCII
 * locale every non-ASCII character counts as one '?'). */
int theme_width(const char *s);
/* Writes s, sanitised (sanitize.h: controls and bidi overrides shown as escapes), at
 * (y, x) in at most w cells with the role's attribute; pads with spaces to w when pad is
 * set; a clipped string ends in the ellipsis glyph. Returns the cells used. */
int theme_put(WINDOW *win, int y, int x, int w, enum theme_role r, const char *s, bool pad);
/* Same, with attributes given directly. */
int theme_put_attr(WINDOW *win, int y, int x, int w, attr_t a, const char *s, bool pad);
/* Fills a rectangle with spaces in the role's attribute. */
void theme_fill(WINDOW *win, int y, int x, int h, int w, enum theme_role r);
/* A box with an optional title, UTF-8 lines (wide set) or ASCII ones. */
void theme_box(WINDOW *win, int y, int x, int h, int w, enum theme_role r, const char *title);
void theme_hline(WINDOW *win, int y, int x, int w, enum theme_role r);
void theme_vline(WINDOW *win, int y, int x, int h, enum theme_role r);

/* Wraps text to width w into lines (owned by the caller, each freed, then the array);
 * returns the count. Words longer than w are cut. Newlines start new lines. */
size_t theme_wrap(const char *text, int w, char ***out);
void theme_free_lines(char **v, size_t n);

#endif
