/* pager: a modal view of a long text that never clips — the findings of a step, the
 * vic-machine command. It fills the screen less a one-cell margin, and either wraps
 * every line to the width (prose) or keeps each line whole and scrolls sideways
 * (commands: a wrapped command line cannot be copied). Up/Down/Page keys/Home/End
 * scroll; Left/Right scroll sideways when not wrapping; Tab and Shift-Tab move between
 * the buttons; Enter activates the focused one; Esc closes.
 *
 * Buttons come from the caller (an action such as "Set VIC version to 1.3" or "Write
 * to FILE.sh"); the pager only says which was chosen, so the caller runs the action
 * through its own state machine and may reopen the pager with new text.
 * Strings are borrowed for the call. */
#ifndef VCHNET_PAGER_H
#define VCHNET_PAGER_H

#include <stdbool.h>
#include <stddef.h>

struct pager_opts {
	const char *title;
	const char *text;             /* lines separated by '\n' */
	bool wrap;                    /* wrap to the width; false: scroll sideways */
	const char *const *buttons;   /* may be NULL; "Close" is always added last */
	size_t n_buttons;
	size_t focus;                 /* button focused first (n_buttons: Close) */
	const char *note;             /* one line above the buttons (a result), or NULL */
};

/* Runs the pager until a button or Esc. Returns the index of the chosen button among
 * opts->buttons, or -1 for Close, Esc or an interrupt. */
int pager_run(const struct pager_opts *opts);

/* The text's lines as the pager lays them out in w cells (wrapped or whole), for
 * tests and for callers that size things by it. Returns the count; *out is owned by
 * the caller (theme_free_lines). */
size_t pager_lines(const char *text, bool wrap, int w, char ***out);

/* The part of s after its first n cells, for views that scroll sideways (a wide
 * character cut in two is skipped). Borrowed from s. */
const char *pager_skip_cells(const char *s, int n);

#endif
