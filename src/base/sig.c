/* sig: the one stop-signal handler and the abnormal-exit hooks (see sig.h). */
#include "sig.h"

#include <signal.h>
#include <stddef.h>
#include <string.h>

#include "mem.h"

static const int stop_signals[] = {SIGINT, SIGTERM, SIGHUP};
#define N_STOP (sizeof stop_signals / sizeof stop_signals[0])

static volatile sig_atomic_t got[N_STOP];
static volatile sig_atomic_t last;
static struct sigaction saved[N_STOP];
static int depth;

static int slot(int signo)
{
	for (size_t i = 0; i < N_STOP; i++)
		if (stop_signals[i] == signo)
			return (int)i;
	return -1;
}

static void on_signal(int signo)
{
	int i = slot(signo);

	if (i >= 0)
		got[i] = 1;
	last = signo;
}

void sig_catch(void)
{
	struct sigaction sa;

	if (depth++ > 0)
		return;
	sig_clear();
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal; /* no SA_RESTART: a signal ends the wait for an answer */
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < N_STOP; i++)
		sigaction(stop_signals[i], &sa, &saved[i]);
}

void sig_release(void)
{
	MEM_ASSERT(depth > 0);
	if (--depth > 0)
		return;
	for (size_t i = 0; i < N_STOP; i++)
		sigaction(stop_signals[i], &saved[i], NULL);
}

int sig_caught(void) { return last; }

bool sig_pending(int signo)
{
	int i = slot(signo);

	return i >= 0 && got[i];
}

bool sig_take(int signo)
{
	int i = slot(signo);
	bool was = i >= 0 && got[i];

	if (was) {
		got[i] = 0;
		/* the last signal is what is still pending, if anything */
		last = 0;
		for (size_t k = 0; k < N_STOP; k++)
			if (got[k])
				last = stop_signals[k];
	}
	return was;
}

void sig_clear(void)
{
	for (size_t i = 0; i < N_STOP; i++)
		got[i] = 0;
	last = 0;
}

void sig_note(int signo) { on_signal(signo); }

bool sig_cancel(void *arg)
{
	(void)arg;
	return last != 0;
}

/* ---- exit hooks ---- */

enum { MAX_HOOKS = 8 };

static struct {
	void (*fn)(void *arg);
	void *arg;
	int handle;
} hooks[MAX_HOOKS];
static size_t n_hooks;
static int next_handle = 1;

int sig_hook_add(void (*fn)(void *arg), void *arg)
{
	/* a fixed table: adding must work when memory is short */
	MEM_ASSERT(n_hooks < MAX_HOOKS);
	hooks[n_hooks].fn = fn;
	hooks[n_hooks].arg = arg;
	hooks[n_hooks].handle = next_handle++;
	n_hooks++;
	mem_set_die_hook(sig_run_exit_hooks);
	return hooks[n_hooks - 1].handle;
}

void sig_hook_remove(int handle)
{
	for (size_t i = 0; i < n_hooks; i++)
		if (hooks[i].handle == handle) {
			memmove(&hooks[i], &hooks[i + 1], (n_hooks - i - 1) * sizeof hooks[0]);
			n_hooks--;
			return;
		}
}

void sig_run_exit_hooks(void)
{
	/* each runs once, even if a hook ends the program on its own */
	while (n_hooks > 0) {
		n_hooks--;
		hooks[n_hooks].fn(hooks[n_hooks].arg);
	}
}

void sig_child_reset(void)
{
	struct sigaction dfl;

	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	for (int s = 1; s < NSIG; s++)
		sigaction(s, &dfl, NULL);
}
