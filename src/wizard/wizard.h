/* wizard: the wizard's steps as a plain state machine over a plan — which steps exist,
 * which apply, moving next and back, and what blocks Next — with no terminal, so the
 * curses screens, a line-by-line plain mode and the unit tests share it.
 *
 * Validation is the rules engine's: every finding is mapped to the step whose screen
 * edits its key (wizard_step_of_path). Next is refused while errors remain on the
 * current step or an earlier one (a later choice can break an earlier step: sharing the
 * bridge's port group); warnings never block. Back never changes the plan.
 *
 * Ownership: wizard_init() takes the plan; wizard_free() frees it, the saved snapshot,
 * the path and the findings. Strings returned are static or borrowed from the wizard. */
#ifndef VCHNET_WIZARD_H
#define VCHNET_WIZARD_H

#include <stdbool.h>
#include <stddef.h>

#include "findings.h"
#include "plan.h"

struct inv;
struct inv_network;
struct inv_obj;

enum wizard_step {
	WIZARD_CONNECT,
	WIZARD_SCOPE,
	WIZARD_BRIDGE,
	WIZARD_PUBLIC,
	WIZARD_CLIENT,
	WIZARD_MANAGEMENT,
	WIZARD_CONTAINERS,
	WIZARD_LAYOUT,
	WIZARD_FIREWALL,
	WIZARD_REVIEW,
	WIZARD_STEP_COUNT
};

#define WIZARD_STEP_BIT(s) (1u << (s))

struct wizard {
	struct plan *plan;       /* the plan being edited (owned) */
	struct plan *saved;      /* as last loaded or saved, to tell unsaved changes; NULL:
				  * never saved (a new plan: unsaved once anything is set) */
	char *path;              /* file loaded from or saved to, or NULL */
	enum wizard_step step;
	unsigned available;      /* WIZARD_STEP_BIT of the steps that exist */
	unsigned visited;        /* steps shown at least once */
	bool connected;          /* logged in and the inventory read */
	bool draft_target;       /* the plan was resumed from a draft and not connected
				  * since: its target.thumbprint trusts no server */
	struct findings findings;/* from the last wizard_check() */
};

void wizard_init(struct wizard *w, struct plan *plan, unsigned available);
void wizard_free(struct wizard *w);

const char *wizard_step_title(enum wizard_step s);   /* "Public network" */
const char *wizard_step_name(enum wizard_step s);    /* "public" (for --step, logs) */
/* What the step is for, in one plain sentence for a first-time administrator. */
const char *wizard_step_intro(enum wizard_step s);

/* Whether the step is shown: it exists in this build (and CONNECT only while not
 * connected from a saved inventory). */
bool wizard_step_applies(const struct wizard *w, enum wizard_step s);
/* 1-based position of s among the applicable steps and their count ("Step 3 of 8"). */
int wizard_step_number(const struct wizard *w, enum wizard_step s, int *count);

/* The step whose screen edits the plan key path ("networks.client.gateway" ->
 * WIZARD_CLIENT). Keys no step edits map to WIZARD_LAYOUT, where every finding shows. */
enum wizard_step wizard_step_of_path(const char *path);

/* Runs the rules engine on the plan into w->findings (sorted, errors first); returns
 * the number of errors. */
int wizard_check(struct wizard *w);
/* Errors in w->findings that block Next from step s; *first gets the first one (may be
 * NULL). Call wizard_check() first. */
size_t wizard_blocking(const struct wizard *w, enum wizard_step s, const struct finding **first);
/* Findings (any severity) that belong to step s itself. */
size_t wizard_step_findings(const struct wizard *w, enum wizard_step s, size_t *errors);

/* Moves to the next applicable step. Refused (-1 with err_set() saying why and what to
 * do) when not connected on CONNECT, or while errors block; checks the plan itself. */
int wizard_next(struct wizard *w);
/* Moves to the previous applicable step; -1 on the first one. Never changes the plan. */
int wizard_back(struct wizard *w);
/* Jumps to a step already visited (the sidebar); -1 with err_set() otherwise. */
int wizard_goto(struct wizard *w, enum wizard_step s);
/* The one resume walk (after connecting, to a plan or a draft): moves forward up to
 * step to (never beyond REVIEW), passing each applicable step the plan fills, that no
 * error blocks and that check accepts (may be NULL; -1 with err_set() to stop there:
 * the faces' inventory lookups). Returns 0 on reaching to; 1 when it stopped on a step
 * the plan makes no choice on yet, -1 on one that refuses Next, err_set() saying why. */
int wizard_resume(struct wizard *w, enum wizard_step to, int (*check)(void *ctx, enum wizard_step s),
		  void *ctx);

/* One-action fixes for a finding, offered as buttons in the findings view. Applying
 * one changes the plan the way the step's own widgets would (the screens re-enter the
 * step after it, so the widgets show it) and runs wizard_check() again. */
enum wizard_fix_kind {
	WIZARD_FIX_VIC_13,        /* vic.version 1.3: four NICs allowed */
	WIZARD_FIX_SHARE_MGMT,    /* management on the client's port group (the default) */
	WIZARD_FIX_ADD_PREFIX,    /* networks.ROLE.ip: ADDRESS -> ADDRESS/24 */
};
struct wizard_fix {
	enum wizard_fix_kind kind;
	enum plan_role role;      /* for ADD_PREFIX */
	char label[96];           /* the button: "Set VIC version to 1.3" */
};
/* The fixes for fd (at most max into out); 0 when none is obvious. */
size_t wizard_fixes(const struct wizard *w, const struct finding *fd, struct wizard_fix *out,
		    size_t max);
/* Applies fx to the plan and checks it again; returns the error count. */
int wizard_apply_fix(struct wizard *w, const struct wizard_fix *fx);

/* True when the plan differs from the last load or save. */
bool wizard_unsaved(const struct wizard *w);
/* Records that the plan is saved at path (copied). */
void wizard_mark_saved(struct wizard *w, const char *path);

/* Whether visited step s has errors of its own now (the sidebar's "!"; a later choice
 * can break an earlier step, and fixing it clears the mark). Call wizard_check() first. */
bool wizard_step_invalid(const struct wizard *w, enum wizard_step s);

/* --- saving: never over a file this run did not load or write --- */

/* The name a new plan is offered under: NAME.yaml from the VCH name (vch-plan.yaml
 * without one; '/' becomes '-'), made unique in dir (NULL: the current directory) with
 * -2, -3, ... ("vch-01.yaml", "vch-01-2.yaml"). Caller frees. */
char *wizard_default_plan_path(const char *vch_name, const char *dir);

enum wizard_save_target {
	WIZARD_SAVE_NEW,      /* no such file: write it */
	WIZARD_SAVE_OWN,      /* the file this run loaded or last saved: write it */
	WIZARD_SAVE_EXISTS,   /* another existing file: ask (Overwrite / Save as / Cancel) */
};
/* What writing to path would do. */
enum wizard_save_target wizard_save_target(const struct wizard *w, const char *path);

/* The lines printed after saving: "Saved the plan to ABS\nNext: vchnet check P\n
 * vchnet render P\n" with P shell-quoted, so they can be pasted. Caller frees. */
char *wizard_saved_message(const char *abs, const char *path);
/* "vchnet check P; vchnet render P", quoted the same way. Caller frees. */
char *wizard_next_commands(const char *path);

/* Why network n cannot serve role (PLAN_ROLE_COUNT means a container network) in plan
 * p: a plain predicate that reads after "NAME is " ("already the bridge network, which
 * cannot be shared") into buf, returned; NULL when it can. scope is the compute
 * resource the VCH runs on (its hosts must all reach the network), or NULL; on_vcenter
 * when the target is a vCenter (standard port groups cannot be the bridge there). */
const char *wizard_network_reason(const struct plan *p, const struct inv *inv,
				  const struct inv_obj *scope, bool on_vcenter,
				  enum plan_role role, const struct inv_network *n,
				  char *buf, size_t len);
/* The same, with what to do about it in *hint (static text, the one 'vchnet check'
 * gives for that problem: findings_hint()); *hint is NULL when n can serve. */
const char *wizard_network_refusal(const struct plan *p, const struct inv *inv,
				   const struct inv_obj *scope, bool on_vcenter,
				   enum plan_role role, const struct inv_network *n,
				   char *buf, size_t len, const char **hint);

/* The bridge network width as typed: "" is 0 (the default, /16), else a whole number
 * from 1 to 30 (vic-machine's limit; the rules engine checks it against the range's
 * prefix). Returns -1 with err_set() for anything else ("abc", "12x", "40"). */
int wizard_parse_bridge_width(const char *s, int *width);

/* A port group's inventory name as the wizard writes it into a plan: * ? [ ] and \
 * escaped with \, so that vic-machine's finder reads it as the name itself and not
 * as a pattern. Caller frees. */
char *wizard_pg_text(const char *name);
/* Does plan text pg name the network called name (as wizard_pg_text() wrote it)? */
bool wizard_pg_is(const char *pg, const char *name);


#endif
