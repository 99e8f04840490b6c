/* part2: the wizard's second half on the screens — the container networks and firewall
 * steps, drafts (autosave, resume), the help dialog and the keys screen, and the
 * session guard for vSphere calls made after connecting. The frame (screens/wizard.c)
 * and the connect step call the hooks below; everything else stays in these files.
 *
 * One wizard runs per process, so the draft state (the draft file, the step to walk
 * back to) lives in screens/draft_ui.c. Strings passed in are borrowed. */
#ifndef VCHNET_SCREENS_PART2_H
#define VCHNET_SCREENS_PART2_H

#include <stdbool.h>

struct app;
struct step_def;

extern const struct step_def step_containers;
extern const struct step_def step_firewall;

/* screens/draft_ui.c */
/* At start (no PLAN given): offers the latest draft — Resume (the default), Discard, or
 * Not now (Esc). Resuming replaces the plan and remembers the step to return to. */
void draft_ui_offer(struct app *a);
/* After a step is entered: saves the draft (from the scope step on). */
void draft_ui_autosave(struct app *a);
/* After the main loop: on a signal (SIGHUP, SIGTERM), or when the user quit keeping
 * the draft (a->keep_draft), the draft is saved and kept, and its path returned (the
 * caller's); otherwise (saved, or quit discarding) it is removed and NULL returned.
 * When it could not be saved, a->draft_error says why. */
char *draft_ui_finish(struct app *a);

/* screens/help.c */
/* F1 / ?: the focused field's help, the step's help with its vchnet(1) section, and a
 * button for the list of every key. */
void help_ui_show(struct app *a);
/* The list of every key, scrollable. */
void help_ui_keys(void);

/* screens/session.c */
/* Runs fn (which calls vCenter through a->vs) and, when it fails because the session
 * expired and the held password no longer works, asks for the password in a dialog,
 * signs in again and runs fn once more; when the connection is lost, says so and
 * offers Retry. Returns fn's result (0, or -1 with err_set()). */
int session_call(struct app *a, const char *what, int (*fn)(struct app *a, void *arg), void *arg);

#endif
