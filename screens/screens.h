/* screens: the wizard's steps on the toolkit. screens/app.c runs the frame (title,
 * sidebar, status line, footer), the global keys and the step machine of src/wizard/wizard.h;
 * each step is one file exporting one struct step_def, listed in screens/steps.c.
 *
 * The application state (struct app) owns the wizard session (the plan, the step
 * machine, the vSphere session and the inventory: src/wizard/session.h) and the
 * current step's form. A step builds its widgets in
 * enter(), writes them into the plan in sync() (after every change, and before Next,
 * Back and Save), places them in layout() for the current body rectangle (called before
 * every paint, so resize needs nothing more), and frees its private state in leave().
 * Screens use ui/ and src/ but never libcurl or libxml2. */
#ifndef VCHNET_SCREENS_H
#define VCHNET_SCREENS_H

#include <stdbool.h>

#include "conn.h"
#include "dialog.h"
#include "findings.h"
#include "inv.h"
#include "keys.h"
#include "layout.h"
#include "session.h"
#include "theme.h"
#include "ui.h"
#include "widget.h"
#include "wizard.h"

struct vsphere;
struct app;

struct step_def {
	enum wizard_step id;
	const char *sidebar;  /* short name for the sidebar */
	void (*enter)(struct app *a);
	void (*leave)(struct app *a);
	void (*layout)(struct app *a);
	void (*paint)(struct app *a);
	/* After the form saw the key: r and who say what it did. Returns true when the
	 * step used the key (the frame then ignores it). */
	bool (*key)(struct app *a, struct key_event ev, enum widget_res r, struct widget *who);
	void (*sync)(struct app *a);
	/* Extra checks before Next, beyond the rules engine (inventory lookups): -1 with
	 * err_set() to refuse. May be NULL. */
	int (*validate)(struct app *a);
	/* Footer hint for the focused widget ("Enter choose"), or NULL. */
	const char *(*hint)(struct app *a, struct widget *focused);
};

/* The step table (screens/steps.c): indexed by enum wizard_step; NULL where this build
 * has no screen for the step. */
extern const struct step_def *const steps_table[WIZARD_STEP_COUNT];
unsigned steps_available(void);

struct app {
	struct session *s;       /* plan, steps, connection, inventory (src/wizard/session.h;
				  * borrowed from the command) */

	const struct step_def *cur;
	struct form form;
	void *priv;              /* the current step's state */

	/* the body rectangle of the frame, set before layout() */
	int by, bx, bh, bw;

	char *status;            /* status line */
	enum theme_role status_role;
	bool status_pending;     /* set by a message that must survive the step change */
	bool status_refusal;     /* the status line is app_next()'s "Cannot continue" */
	bool status_tip;         /* the status line holds a tip about the focused item
				  * (app_focus_tip), replaced when the focus moves */
	char *save_as;           /* the review step's file name, for Ctrl-S */
	char *saved_msg;         /* what to print after the screen closes */
	char *draft_error;       /* why the last draft save failed, or NULL */
	bool quit;
	bool keep_draft;         /* quitting unsaved: keep the draft for the next start */
	char *kept_draft;        /* where the draft was kept at the end, or NULL */
	bool status_is_draft_error; /* the last draft save failed */
	int exit_code;
	char *prefill_password;  /* from VCHNET_PASSWORD or --password-file; wiped */
};

/* Status line (copied). */
void app_status(struct app *a, enum theme_role r, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The status line's hint when a step opens, unless a message is pending. */
void app_tip(struct app *a, const char *tip);
/* app_tip() for a tip about the focused item ("Press Enter on Save ..."): once the focus
 * moves, the status line says what the new item takes instead. */
void app_focus_tip(struct app *a, const char *tip);
/* Runs the rules engine again (after sync). */
void app_recheck(struct app *a);
/* Goes to the next step as F10 does (connect calls it after connecting). */
void app_next(struct app *a);
/* After the step machine moved on by itself (a resume): leaves the screen of step
 * from and opens the current step's. */
void app_goto_step(struct app *a, enum wizard_step from);
/* The datacenter, compute resource scope (for host counts) in the inventory, or NULL. */
const struct inv_obj *app_datacenter(const struct app *a);
const struct inv_obj *app_scope(const struct app *a);
/* Inventory lookup for layout_draw(). */
bool app_layout_lookup(void *ctx, const char *port_group, struct layout_netinfo *out);
/* Draws up to max_rows findings of step s (every finding for LAYOUT) at (y, x) in w
 * cells: "Error: ..." / "Warning: ...". Returns the rows used. */
int app_draw_findings(struct app *a, enum wizard_step s, int y, int x, int w, int max_rows);
/* Saves the plan to path, or with NULL to app_default_save_path(). A file that exists
 * and is not the one this run loaded or saved is never replaced without asking
 * (Overwrite / Save as... / Cancel, Cancel the default). Returns -1 when nothing was
 * written (the status line says why). */
int app_save(struct app *a, const char *path);
/* Where Ctrl-S writes: the name chosen earlier in this run (the review's field or the
 * last save), else the plan the wizard opened, else NAME.yaml made unique in the
 * current directory. Caller frees. */
char *app_default_save_path(const struct app *a);
/* A field's help text: fills the focused widget's F1 text. */
void app_field_help(struct widget *w, const char *text);

/* screens/deploy_screen.c: the deploy screen, opened from the review step (modal); returns
 * the pipeline's exit code. */
int deploy_screen_run(struct app *a);

/* The step descriptors. */
extern const struct step_def step_connect;
extern const struct step_def step_scope;
extern const struct step_def step_bridge;
extern const struct step_def step_public;
extern const struct step_def step_client;
extern const struct step_def step_management;
extern const struct step_def step_containers;
extern const struct step_def step_layout;
extern const struct step_def step_firewall;
extern const struct step_def step_review;

/* Drafts (screens/draft_ui.c). One wizard runs per process, so the draft state (the
 * draft file, the step to walk back to) lives there. Strings passed in are borrowed.
 *
 * At start (no PLAN given): offers the latest draft — Resume (the default), Discard, or
 * Not now (Esc). Resuming replaces the plan and remembers the step to return to. */
void draft_ui_offer(struct app *a);
/* After a step is entered: saves the draft (from the scope step on). */
void draft_ui_autosave(struct app *a);
/* After the main loop: on a signal (SIGHUP, SIGTERM), or when the user quit keeping
 * the draft (a->keep_draft), the draft is saved and kept, and its path returned (the
 * caller's); otherwise (saved, or quit discarding) it is removed and NULL returned.
 * When it could not be saved, a->draft_error says why. */
char *draft_ui_finish(struct app *a);

/* Help (screens/help_ui.c). F1 / ?: the focused field's help, the step's help with its vchnet(1) section, and a
 * button for the list of every key. */
void help_ui_show(struct app *a);
/* The list of every key, scrollable. */
void help_ui_keys(void);

/* The session guard (screens/guard.c) for vSphere calls made after connecting: runs
 * fn (which calls vCenter through a->s->vs) and, when it fails because the session
 * expired and the held password no longer works, asks for the password in a dialog,
 * signs in again and runs fn once more; when the connection is lost, says so and
 * offers Retry. Returns fn's result (0, or -1 with err_set()). */
int guard_call(struct app *a, const char *what, int (*fn)(struct app *a, void *arg), void *arg);

#endif
