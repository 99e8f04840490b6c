/* vicmachine: find, check and run VIC's vic-machine binary.
 *
 * The deploy pipeline uses three things from here:
 *   - vicmachine_locate() and vicmachine_version()/vicmachine_version_fits(), to pick
 *     the binary and refuse one that does not match the plan's VIC profile;
 *   - a runner (vicmachine_start/pump/cancel/finish, or vicmachine_run for a blocking
 *     loop) that starts "vic-machine create ..." in its own process group with stdin on
 *     /dev/null, killed if vchnet dies (PR_SET_PDEATHSIG), with a minimal environment
 *     (PATH, HOME, LANG, LC_*, TZ, the proxy variables, what $VCHNET_VIC_MACHINE_ENV
 *     adds, never VCHNET_* or GOVC_*) and the password only there
 *     (VIC_MACHINE_PASSWORD, never argv), merges its stdout and stderr into one stream that goes line by line
 *     to a callback and always to a log file created 0600, and recognises the stage of
 *     the install from vic-machine's log lines;
 *   - the result: exit status, stage reached, Docker endpoint and admin portal parsed
 *     from the success banner, the last error lines, and what a cancelled or failed run
 *     may have left behind with the "vic-machine delete" command that removes it.
 *
 * Version policy (vicmachine_version_fits): the binary's major.minor should equal the
 * plan's VIC profile. A different minor on the same side of 1.3 (where the NIC limit
 * changes from 3 to 4) is accepted with a warning, because the networking flags we
 * render are the same there; across 1.3, or a different major, is refused.
 *
 * Ownership: every char * returned is owned by the caller (free()); struct vicm_result
 * owns its strings and lists (vicmachine_result_free()). A struct vicm_run is opaque and
 * released by vicmachine_finish(). */
#ifndef VCHNET_VICMACHINE_H
#define VCHNET_VICMACHINE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "strv.h"

#define VICMACHINE_ENV_PATH "VCHNET_VIC_MACHINE"
#define VICMACHINE_ENV_PASSWORD "VIC_MACHINE_PASSWORD"
/* More variables for vic-machine's environment: names, or prefixes ending in '*',
 * separated by spaces or commas (VCHNET_* and GOVC_* are never passed). */
#define VICMACHINE_ENV_EXTRA "VCHNET_VIC_MACHINE_ENV"
#define VICMACHINE_DEFAULT_GRACE_MS 10000

/* Where the binary came from. */
enum vicm_source { VICM_FROM_FLAG, VICM_FROM_ENV, VICM_FROM_PLAN, VICM_FROM_PATH };
const char *vicmachine_source_name(enum vicm_source s); /* "vic.machine in the plan" */

/* Finds the binary without running it: flag_path (--vic-machine), then
 * $VCHNET_VIC_MACHINE, then plan_machine (the plan's vic.machine; a relative path there
 * is taken relative to plan_dir when plan_dir is not NULL), then vic-machine-linux and
 * vic-machine on PATH. A value without a '/' is searched on PATH, in its absolute
 * directories only (an empty or relative element is skipped). The first source that
 * is set decides: a set value that does not name an executable is an error, not a
 * reason to try the next. Returns the absolute path, and in *source (if not NULL)
 * where it came from; NULL with err_set() when nothing is found. */
char *vicmachine_locate(const char *flag_path, const char *plan_machine, const char *plan_dir,
			enum vicm_source *source);

/* Parses the output of "vic-machine version" ("vic-machine-linux version
 * v1.2.1-13858-c3db65f"). On success sets *num to major*100+minor, *text (if not NULL)
 * to the version token without the leading 'v' (caller frees) and returns 0. */
int vicmachine_version_parse(const char *output, int *num, char **text);

/* Runs "PATH version" (no password in its environment, the same minimal environment
 * as create, 15 s limit) and parses it. Only a deploy calls it: opening, checking or
 * rendering a plan never runs anything. */
int vicmachine_version(const char *path, int *num, char **text);

/* 0 when a binary of version binary_num may deploy a plan whose profile is
 * profile_num (both major*100+minor); *warning (if not NULL) gets a message when it
 * fits only loosely, else NULL. -1 with err_set() when it does not fit. */
int vicmachine_version_fits(int profile_num, int binary_num, char **warning);

/* Stages of "vic-machine create", in order. The runner only moves forward. */
enum vicm_stage {
	VICM_STAGE_STARTING,
	VICM_STAGE_VALIDATING,
	VICM_STAGE_CREATING,
	VICM_STAGE_UPLOADING,
	VICM_STAGE_POWERING_ON,
	VICM_STAGE_WAITING_IP,
	VICM_STAGE_WAITING_SERVICES,
	VICM_STAGE_DONE,
	VICM_STAGE_COUNT
};
const char *vicmachine_stage_name(enum vicm_stage s); /* "validating", ... */

enum vicm_level { VICM_LEVEL_NONE, VICM_LEVEL_DEBUG, VICM_LEVEL_INFO, VICM_LEVEL_WARN,
		  VICM_LEVEL_ERROR };

/* Splits one output line into its level and message, skipping the timestamp of
 * vic-machine's own format ("Nov 14 2017 16:29:25.000Z INFO  msg") and logrus's
 * ("INFO[0012] msg"). *msg points into line. Lines without a prefix are LEVEL_NONE. */
enum vicm_level vicmachine_parse_line(const char *line, const char **msg);

/* The stage a line announces, or cur when it announces none (never earlier than cur). */
enum vicm_stage vicmachine_stage_of_line(const char *line, enum vicm_stage cur);

/* What to run. argv are the arguments after the program name ("create", "--target",
 * ...), exactly as given; none of them may contain the password (checked). */
struct vicm_spec {
	const char *path;
	const struct strv *args;
	const char *password;  /* put in the child's environment only; NULL: none */
	const char *log_path;  /* created (or truncated) with mode 0600 */
	/* Called for every output line (without its newline) with the stage after it.
	 * May be NULL. */
	void (*on_line)(void *ctx, const char *line, enum vicm_stage stage);
	void *ctx;
	int grace_ms;          /* SIGINT->SIGTERM->SIGKILL spacing; 0: the default */
};

struct vicm_result {
	bool started;          /* the child ran */
	bool exited;           /* it ended by exit() (exit_code valid) */
	int exit_code;
	int term_signal;       /* the signal that ended it, or 0 */
	bool cancelled;        /* vicmachine_cancel() was called */
	bool success;          /* exited 0 and not cancelled */
	enum vicm_stage stage; /* the last stage recognised */
	char *docker_host;     /* "192.168.1.10:2376", or NULL */
	char *admin_portal;    /* "https://192.168.1.10:2378", or NULL */
	char *published_ports; /* address published ports are reached at, or NULL */
	char *docker_command;  /* the "Connect to docker:" command vic-machine printed */
	struct strv errors;    /* the last error lines (at most 12), oldest first */
	struct strv tail;      /* the last output lines (at most 12) */
	char *log_path;
	char *log_warning;     /* set when writing the log failed (the run may still work) */
};
void vicmachine_result_free(struct vicm_result *r);

struct vicm_run;

/* Opens the log and starts the child. NULL with err_set() when the log cannot be
 * created or the program cannot be started. */
struct vicm_run *vicmachine_start(const struct vicm_spec *spec);
/* Reads what the child wrote within timeout_ms, calling on_line; drives the signal
 * escalation after a cancel. Returns 1 while the child runs, 0 once it has ended. */
int vicmachine_pump(struct vicm_run *run, int timeout_ms);
/* Starts stopping the child: SIGINT to its process group now, SIGTERM after the grace
 * period, SIGKILL after another. Call it once the user has confirmed; idempotent. */
void vicmachine_cancel(struct vicm_run *run);
bool vicmachine_running(const struct vicm_run *run);
pid_t vicmachine_pid(const struct vicm_run *run);
enum vicm_stage vicmachine_stage(const struct vicm_run *run);
/* Pumps until the child ends, fills *result and frees run. Returns 0 on success, -1
 * with err_set() (naming the log) when the child failed or was cancelled. */
int vicmachine_finish(struct vicm_run *run, struct vicm_result *result);

/* Blocking convenience: start, pump, and after every pump ask should_cancel (may be
 * NULL) whether to cancel; finish. Returns as vicmachine_finish(), or -1 when the
 * child could not be started (result->started is false then). */
int vicmachine_run(const struct vicm_spec *spec, int (*should_cancel)(void *ctx), void *ctx,
		   struct vicm_result *result);

/* The "vic-machine delete" arguments for the VCH a create argv describes (its --target,
 * --user, --thumbprint, --compute-resource and --name), into out (appended). */
void vicmachine_delete_args(const struct strv *create_args, struct strv *out);

/* What a run that stopped in stage s may have left behind, one sentence per item,
 * appended to out. name is the VCH name (may be NULL). */
void vicmachine_leftovers(enum vicm_stage s, const char *name, const char *image_store,
			  struct strv *out);

/* The value of --opt in args ("--opt VALUE" or "--opt=VALUE"), borrowed; NULL when
 * absent. */
const char *vicmachine_arg_value(const struct strv *args, const char *opt);

/* A shell-safe rendering of one word (single quotes when needed; $'...' with octal
 * escapes when it holds a control or bidi character, see san_shell_word()); caller
 * frees. */
char *vicmachine_shell_quote(const char *s);

#endif
