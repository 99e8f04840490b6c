/* ui: the terminal under the wizard — setup through newterm(), teardown on every exit
 * path (normal, signals, mem_die), the log file, reading keys as actions, the minimum
 * size and its "terminal too small" screen, and the layer stack that repaints
 * everything after a resize.
 *
 * One terminal per process. Nothing is written to stderr while the screen is up:
 * ui_init() points stderr at the --log file (or /dev/null) until ui_end().
 * Strings passed in are borrowed; nothing here keeps a pointer past the call except
 * the layer callbacks' ctx, which the caller keeps alive until ui_layer_pop(). */
#ifndef VCHNET_UI_H
#define VCHNET_UI_H

#include <stdbool.h>
#include <curses.h>

#include "keys.h"

/* Designed for 80x24; below this the "terminal too small" screen takes over. */
#define UI_MIN_COLS 72
#define UI_MIN_LINES 20

struct ui_opts {
	bool ascii;           /* --ascii: ASCII lines and markers even in UTF-8 */
	bool no_color;        /* --no-color (NO_COLOR is read by ui_init itself) */
	const char *log_path; /* --log FILE, or NULL */
};

/* Checks the terminal (stdin/stdout are ttys, TERM known and not dumb), then starts
 * curses. -1 with err_set() (a message that names TERM and a fix) when it cannot;
 * the terminal is untouched then. */
int ui_init(const struct ui_opts *o);
/* Restores the terminal and stderr. Safe to call twice and from the die hook. */
void ui_end(void);
bool ui_active(void);

/* Writes one line to the --log file (nothing without one), sanitised (sanitize.h), so
 * that a CR or LF in a name cannot forge an entry. Never to stderr. */
void ui_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

int ui_cols(void);
int ui_lines(void);
bool ui_too_small(void);

/* The next key as an action (see keys.h). Waits at most timeout_ms (-1: until a key);
 * KEY_ACT_NONE on timeout. While the terminal is too small it paints the too-small
 * screen itself and returns only KEY_ACT_RESIZE (once big enough again) or
 * KEY_ACT_INTERRUPT. After a resize, the layers are repainted before KEY_ACT_RESIZE is
 * returned, so callers only need to redo what the layers do not cover. */
struct key_event ui_read(int timeout_ms);

/* The signal that asked us to stop (SIGINT, SIGTERM, SIGHUP, or Ctrl-C as SIGINT), or 0.
 * ui_read() reports it as KEY_ACT_INTERRUPT; long operations poll it. */
int ui_interrupted(void);

/* Layers: the screen and each open dialog push a painter; ui_repaint() clears and runs
 * them bottom-up (resize, Ctrl-L). The top one positions the cursor. */
typedef void (*ui_paint_fn)(void *ctx);
void ui_layer_push(ui_paint_fn paint, void *ctx);
void ui_layer_pop(void);
void ui_repaint(void);

/* The clipboard copy (OSC 52: the terminal puts the text on the clipboard of the
 * machine the user sits at, which is what a jump host over SSH needs). Policy:
 * VCHNET_OSC52=1 turns it on, VCHNET_OSC52=0 off; unset, it is on in a plain terminal
 * and off inside a multiplexer (TMUX or STY set, or TERM screen* / tmux*): a shared
 * session may hand the text to another attached client, and tmux only passes the
 * sequence on with set-clipboard on. ui_clipboard_enabled() says whether it is on and,
 * when not, why and how to turn it on (static text). ui_clipboard_copy() sends the text;
 * -1 with err_set() when the policy forbids it. Whether the terminal honoured it cannot
 * be known: callers say "sent to the terminal's clipboard". */
bool ui_clipboard_enabled(const char **why_not);
int ui_clipboard_copy(const char *text);

/* Paints the too-small screen (exported for tests of the message). */
void ui_paint_too_small(void);

#endif
