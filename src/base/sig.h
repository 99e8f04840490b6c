/* sig: the program's one handler for the signals that ask it to stop (SIGINT, SIGTERM,
 * SIGHUP), and the hooks that run when it ends abnormally.
 *
 * The handler only records which signal came: nothing else is safe inside it. It is
 * installed without SA_RESTART, so a blocking read (a prompt) returns EINTR. Code that
 * waits (a prompt, a transfer's cancel callback, the wizard's loop) polls sig_caught()
 * or sig_take() and leaves through its normal path, where the terminal is restored and
 * the draft saved.
 * sig_catch() and sig_release() nest; the outermost release puts back the dispositions
 * the first catch found.
 *
 * Exit hooks are for the ends that skip the normal path: mem_die() (a bug, out of
 * memory) runs them, last registered first, before it prints. The terminal's restore
 * is one (ui.c registers it: ui.c alone owns the terminal), stopping a running
 * vic-machine another (vicmachine.c). A hook must not allocate much nor call mem_die.
 *
 * Everything here is for the main thread. */
#ifndef VCHNET_SIG_H
#define VCHNET_SIG_H

#include <stdbool.h>

/* Records SIGINT, SIGTERM and SIGHUP from now on (the first call forgets earlier ones). */
void sig_catch(void);
/* Undoes one sig_catch(); the last one restores the earlier dispositions. */
void sig_release(void);
/* The last stop signal recorded since sig_catch() or sig_clear(), 0 when none. */
int sig_caught(void);
/* Whether signo was recorded (and not taken yet). */
bool sig_pending(int signo);
/* Whether signo was recorded; forgets it (a Ctrl-C answered by a question). */
bool sig_take(int signo);
void sig_clear(void);
/* Records signo as if it had come: a Ctrl-C read as a key on a raw terminal. */
void sig_note(int signo);
/* A cancel callback (vsphere_cancel_fn's shape): true once a stop signal came. */
bool sig_cancel(void *arg);

/* Registers fn(arg) to run when the program dies abnormally; returns a handle for
 * sig_hook_remove() (never 0). */
int sig_hook_add(void (*fn)(void *arg), void *arg);
void sig_hook_remove(int handle);
/* Runs (and forgets) every hook, last registered first. */
void sig_run_exit_hooks(void);

/* In a child between fork() and exec: every disposition back to the default.
 * Async-signal-safe. */
void sig_child_reset(void);

#endif
