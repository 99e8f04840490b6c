/* draft: the wizard's work in progress, saved after every step and when the session
 * dies (SIGHUP on an SSH drop, SIGTERM), so that the next "vchnet wizard" can offer to
 * resume it. Shared by the curses screens and the plain mode.
 *
 * A draft is one file in $XDG_STATE_HOME/vchnet/drafts/ (default
 * ~/.local/state/vchnet/drafts/), mode 0600 in a 0700 directory, written atomically
 * (fileio_write_atomic): the plan as YAML (plan_yaml_dump, so never a password: the plan
 * holds none) after a few "# draft-KEY: VALUE" comment lines with the wizard's position
 * (step, visited steps, the plan file it came from). Each wizard session writes its own
 * file (draft_new_path); the newest one is offered at the next start.
 *
 * Ownership: returned strings and plans are the caller's (free(), plan_free(),
 * draft_info_free()). */
#ifndef VCHNET_DRAFT_H
#define VCHNET_DRAFT_H

#include <stdbool.h>
#include <time.h>

#include "plan.h"
#include "wizard.h"

struct draft_info {
	enum wizard_step step;  /* where the user was */
	unsigned visited;       /* WIZARD_STEP_BIT of the steps seen */
	char *plan_path;        /* the plan file loaded or saved, or NULL */
	time_t mtime;           /* when the draft was written */
};

void draft_info_free(struct draft_info *i);

/* The drafts directory: $XDG_STATE_HOME/vchnet/drafts, else $HOME/.local/state/...;
 * NULL with err_set() when neither variable is set. Not created here. */
char *draft_dir(void);
/* A new file name in that directory for this session (time and process id). */
char *draft_new_path(void);

/* Writes the wizard's plan and position to path (directories created 0700, file 0600,
 * atomic). -1 with err_set() on failure. */
int draft_save(const char *path, const struct wizard *w);
/* Reads a draft: *plan (the caller's) and *info. -1 with err_set() when the file is
 * not a readable draft. */
int draft_load(const char *path, struct plan **plan, struct draft_info *info);
/* The newest draft in the drafts directory, or NULL (no directory, no draft). */
char *draft_latest(void);
/* Removes a draft; a missing file is fine. */
int draft_discard(const char *path);
/* One line for the resume question: "vch-01, at the Public network step, saved
 * 2026-11-27 18:40 UTC". Caller frees. */
char *draft_describe(const struct plan *p, const struct draft_info *i);

#endif
