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
 * Drafts are trusted only when they are ours, as ssh's StrictModes trusts its files:
 * a draft, and the directory holding it, owned by us (or root) and writable by nobody
 * else (fileio_check_private); others are never offered, and the reason is returned
 * as a warning. Even so a draft pins no certificate (the wizard does not let its
 * target.thumbprint trust a server) and names no save path but an absolute one the
 * user chose.
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
	char *plan_path;        /* the plan file loaded or saved (absolute), or NULL */
	time_t mtime;           /* when the draft was written */
};

void draft_info_free(struct draft_info *i);

/* The drafts directory: $XDG_STATE_HOME/vchnet/drafts, else $HOME/.local/state/...;
 * NULL with err_set() when neither variable is set. Not created here. */
char *draft_dir(void);
/* A new file name in that directory for this session (time and process id). */
char *draft_new_path(void);

/* Writes the wizard's plan and position to path (directories created 0700, file 0600,
 * atomic). -1 with err_set() on failure, also when the directory is not ours alone. */
int draft_save(const char *path, const struct wizard *w);
/* Reads a draft: *plan (the caller's) and *info. -1 with err_set() when the file is
 * not a readable draft. A plan path that is not absolute is dropped. */
int draft_load(const char *path, struct plan **plan, struct draft_info *info);
/* The newest draft of ours in the drafts directory, or NULL (no directory, no draft).
 * Drafts that fail the ownership checks are skipped; *warning (the caller's, NULL when
 * none) then says which, why, and what to fix. */
char *draft_latest(char **warning);
/* Removes a draft; a missing file is fine. */
int draft_discard(const char *path);
/* One line for the resume question: "vch-01, at the Public network step, saved
 * 2026-11-27 18:40 UTC". Caller frees. */
char *draft_describe(const struct plan *p, const struct draft_info *i);

#endif
