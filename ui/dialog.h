/* dialog: modal boxes over the current screen — message, confirm/choice, progress.
 *
 * Each dialog pushes a layer (ui.h), so a resize repaints the screen below and the
 * dialog on top, re-centred. Esc closes a dialog without doing anything: it returns
 * the "cancel" answer, never a destructive one. Strings are borrowed. */
#ifndef VCHNET_DIALOG_H
#define VCHNET_DIALOG_H

#include <stdbool.h>
#include <stddef.h>

/* Shows text until Enter or Esc. */
void dialog_message(const char *title, const char *text);

/* Buttons labels[0..n-1], focus starts on def (Left/Right stop at the ends, Tab goes
 * round). Returns the chosen index, or -1 for
 * Esc (or an interrupt: see ui_interrupted()). */
int dialog_choice(const char *title, const char *text, const char *const *labels, size_t n,
		  size_t def);

/* Yes/no with the safe answer (no) focused unless default_yes. */
bool dialog_confirm(const char *title, const char *text, const char *yes, const char *no,
		    bool default_yes);

/* A one-line text question: label and an editable field starting with initial, OK
 * and Cancel. Returns the typed text (the caller's; never empty) or NULL for Esc,
 * Cancel or an interrupt. */
char *dialog_input(const char *title, const char *text, const char *label, const char *initial);

/* Progress for blocking work that calls back: start shows the box, poll redraws the
 * spinner and elapsed time with an optional status line and returns true when the user
 * pressed Esc (or a signal arrived) and the work should stop; end removes the box.
 * Other keys typed meanwhile are not replayed (an Enter or F10 meant for this screen
 * would act on the next one): the box says at once that they are ignored, and end
 * returns how many were, so the caller can say so too. */
struct dialog_progress;
struct dialog_progress *dialog_progress_start(const char *title, const char *text,
					      bool cancellable);
bool dialog_progress_poll(struct dialog_progress *p, const char *status);
unsigned dialog_progress_end(struct dialog_progress *p);

#endif
