/* screens: the wizard's steps on the toolkit. screens/wizard.c runs the frame (title,
 * sidebar, status line, footer), the global keys and the step machine of src/wizard.h;
 * each step is one file exporting one struct step_def, listed in screens/steps.c.
 *
 * The application state (struct app) owns the wizard (and so the plan), the vSphere
 * session, the inventory and the current step's form. A step builds its widgets in
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
	struct wizard wz;
	struct conn_opts copts;  /* from the command line */
	struct conn conn;
	bool have_conn;
	struct vsphere *vs;
	struct inv *inv;
	char *dc_id;             /* chosen datacenter's moref value */
	bool on_vcenter;

	const struct step_def *cur;
	struct form form;
	void *priv;              /* the current step's state */

	/* the body rectangle of the frame, set before layout() */
	int by, bx, bh, bw;

	char *status;            /* status line */
	enum theme_role status_role;
	bool status_pending;     /* set by a message that must survive the step change */
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
/* After connecting with a loaded plan: passes every step the plan already completes
 * (each checked against the inventory as its screen opens), stopping at the first one
 * that needs the user. */
void app_resume(struct app *a);
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

/* screens/deploy.c: the deploy screen, opened from the review step (modal); returns
 * the pipeline's exit code. */
int deploy_screen_run(struct app *a);

/* The step descriptors. */
extern const struct step_def step_connect;
extern const struct step_def step_scope;
extern const struct step_def step_bridge;
extern const struct step_def step_public;
extern const struct step_def step_client;
extern const struct step_def step_management;
extern const struct step_def step_layout;
extern const struct step_def step_review;

#include "part2.h"

#endif
