/* deploy: the deploy pipeline shared by "vchnet deploy" and the wizard's deploy screen.
 *
 * Steps, in order (enum deploy_step):
 *   CHECK       the offline rules (rules_check_ex with RULES_TARGET_REQUIRED): errors stop,
 *               warnings need a confirmation (or assume_yes);
 *   VICMACHINE  render the vic-machine create argv (render_argv), locate vic-machine
 *               (its absolute path is shown) and check that its version fits the
 *               plan's VIC profile. A binary named by the plan (vic.machine) runs only
 *               after a confirmation that shows its path, and never in a dry run;
 *               this is the first time anything is executed;
 *   LIVE        over a logged-in session: the connection must be the plan's vCenter and
 *               user; the inventory is fetched and the live pre-checks run
 *               (precheck_run(): port groups, types, membership, target objects):
 *               errors stop, warnings need a confirmation;
 *   BRIDGE      when networks.bridge.create is set: reuse the port group of that name on
 *               that switch (same VLAN), refuse one elsewhere, else create it with
 *               AddDVPortgroup_Task, wait for the task, verify it in a fresh inventory
 *               and run the pre-checks of the bridge again;
 *   FIREWALL    firewall_check(); the hosts firewall_plan_fix() would change (as
 *               "vchnet firewall --fix" without --allow-all-ips) are shown, confirmed,
 *               opened with firewall_fix() and checked again; hosts still blocking stop;
 *   CREATE      run vic-machine create with exactly render_argv()'s arguments, password
 *               in VIC_MACHINE_PASSWORD only, output streamed and logged (0600).
 * Every change is shown, confirmed, applied and verified; running again finds it done.
 * With dry_run nothing changes: every step says what it would do, and the command is
 * printed.
 *
 * The caller drives it in two calls so that it can connect in between:
 *     d = deploy_new(&req, &ui);
 *     deploy_prepare(d);                 CHECK, VICMACHINE (no network)
 *     ... connect and log in ...
 *     deploy_execute(d, vs, user, password);   LIVE, BRIDGE, FIREWALL, CREATE
 *     rep = deploy_report(d);  ...  deploy_free(d);
 * Both return 0 when the pipeline may go on / succeeded, -1 with err_set() otherwise;
 * the report holds the details either way.
 *
 * Ownership: the request's strings, plan and session are borrowed for the life of d;
 * the report belongs to d. */
#ifndef VCHNET_DEPLOY_H
#define VCHNET_DEPLOY_H

#include <stdbool.h>

#include "plan.h"
#include "strv.h"
#include "vicmachine.h"

struct vsphere;

enum deploy_step {
	DEPLOY_STEP_CHECK,
	DEPLOY_STEP_VICMACHINE,
	DEPLOY_STEP_LIVE,
	DEPLOY_STEP_BRIDGE,
	DEPLOY_STEP_FIREWALL,
	DEPLOY_STEP_CREATE,
	DEPLOY_STEP_COUNT
};
const char *deploy_step_title(enum deploy_step s);

enum deploy_note {
	DEPLOY_NOTE_INFO,    /* what was found */
	DEPLOY_NOTE_WARN,    /* a warning (needs a confirmation to go on) */
	DEPLOY_NOTE_ERROR,   /* why the step failed */
	DEPLOY_NOTE_ACTION,  /* a change: "would create ..." (dry run) or "created ..." */
	DEPLOY_NOTE_COMMAND, /* the vic-machine command, multi-line shell text */
};

/* How the pipeline talks to the user. Every member may be NULL except confirm (which
 * is needed unless assume_yes or dry_run). */
struct deploy_ui {
	void *ctx;
	void (*step)(void *ctx, enum deploy_step s, const char *title);
	/* One line of text (COMMAND: several, each already safe to show); names in it come
	 * raw from the plan, the inventory or vic-machine: sanitise before showing. */
	void (*note)(void *ctx, enum deploy_note kind, const char *text);
	/* Asks a yes/no question before a change: 1 yes, 0 no, -1 cannot ask (err_set). */
	int (*confirm)(void *ctx, const char *question);
	/* Each line vic-machine prints, with the stage recognised so far. */
	void (*vic_line)(void *ctx, const char *line, enum vicm_stage stage);
	/* Polled while waiting (tasks, vic-machine): true once the user has confirmed that
	 * they want to stop. */
	bool (*should_cancel)(void *ctx);
	/* Progress of a vSphere task, in percent. */
	void (*progress)(void *ctx, int percent);
};

struct deploy_req {
	const struct plan *plan;
	const char *plan_dir;     /* for a relative vic.machine; may be NULL */
	const char *vic_machine;  /* --vic-machine, or NULL */
	const char *log_path;     /* NULL: deploy_default_log_path() */
	bool dry_run;
	bool assume_yes;          /* answer every confirmation with yes (--yes) */
	int grace_ms;             /* vic-machine cancel escalation; 0: the default */
};

struct deploy_report {
	bool success;
	int exit_code;            /* EXIT_OK, EXIT_PROBLEMS, EXIT_CONNECT, ... */
	enum deploy_step failed_step; /* valid when !success */
	struct strv applied;      /* the changes made in this run, one line each */
	struct strv planned;      /* dry run: the changes it would make */
	char *vic_path;           /* the vic-machine binary, or NULL */
	char *vic_version;        /* its version text, or NULL */
	struct strv args;         /* vic-machine arguments after the program name */
	char *command;            /* the command as shell text (path and arguments) */
	bool vic_started;
	struct vicm_result vic;   /* valid when vic_started */
	struct strv leftovers;    /* after a cancelled or failed run: what may be left */
	char *delete_command;     /* and the command that removes it */
	char *next_command;       /* after success: "docker -H ... info" */
	char *log_path;
	char *error;              /* why it failed (a copy of the message), or NULL */
};

struct deploy *deploy_new(const struct deploy_req *req, const struct deploy_ui *ui);
int deploy_prepare(struct deploy *d);
/* vs: logged in as username (must be the plan's target.username: vic-machine gets the
 * same password). While it runs, the session's cancel callback is ui->should_cancel;
 * on return the session has no cancel callback (set yours again if you need one). */
int deploy_execute(struct deploy *d, struct vsphere *vs, const char *username,
		   const char *password);
const struct deploy_report *deploy_report(const struct deploy *d);
void deploy_free(struct deploy *d);

/* $XDG_STATE_HOME/vchnet/deploy-NAME-YYYYmmddTHHMMSSZ.log (or ~/.local/state/...),
 * its directory created 0700; falls back to the current directory, saying so in
 * *note (caller frees; NULL when no fallback happened). Caller frees the result. */
char *deploy_default_log_path(const char *name, char **note);

#endif
