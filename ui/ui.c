/* ui: terminal setup and teardown, signals, input and the layer stack. */
#include "ui.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <time.h>
#include <unistd.h>

#include "err.h"
#include "fileio.h"
#include "mem.h"
#include "sanitize.h"
#include "sig.h"
#include "theme.h"

static SCREEN *screen;
static int restore_handle; /* the exit hook that restores the terminal (sig.h) */
static FILE *log_file;
static int saved_stderr = -1;
/* Whether the too-small screen is up (kept across calls: a poll with a timeout may see
 * the terminal shrink in one call and grow in a later one). */
static bool small_shown;

struct layer {
	ui_paint_fn paint;
	void *ctx;
};
static struct layer *layers;
static size_t n_layers, cap_layers;

bool ui_active(void) { return screen != NULL; }

void ui_log(const char *fmt, ...)
{
	va_list ap;
	struct timespec ts;
	char *msg;

	if (!log_file)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	fprintf(log_file, "%lld.%03ld ", (long long)ts.tv_sec, ts.tv_nsec / 1000000);
	/* one entry, one line: names in the message may hold CR, LF or escapes */
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	san_fputs(msg, log_file);
	free(msg);
	fputc('\n', log_file);
	fflush(log_file);
}

/* Signals are only recorded (sig.h): the loop notices one within one ui_read()
 * timeout and leaves through the normal path, which restores the terminal (and lets
 * the wizard save a draft first). */
int ui_interrupted(void) { return sig_caught(); }

/* A bug or out of memory: the terminal back before the message is printed. */
static void restore_hook(void *arg)
{
	(void)arg;
	ui_end();
}

static const char *term_fix_hint(const char *term)
{
	if (strncmp(term, "xterm-", 6) == 0 || strcmp(term, "alacritty") == 0 ||
	    strcmp(term, "foot") == 0 || strncmp(term, "wezterm", 7) == 0)
		return "try TERM=xterm-256color";
	if (strncmp(term, "tmux", 4) == 0 || strncmp(term, "screen", 6) == 0)
		return "try TERM=screen";
	return "try TERM=xterm-256color, or TERM=vt100 on a basic terminal";
}

static int check_terminal(void)
{
	const char *term = getenv("TERM");
	int errret = 0;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return err_set("the wizard needs a terminal, but standard input or output is "
			       "not one; 'vchnet wizard --plain' asks its questions line by line, "
			       "and the commands (vchnet check, layout, render PLAN) need no "
			       "terminal");
	if (!term || !*term)
		return err_set("TERM is not set, so the terminal type is unknown; set it "
			       "(for example TERM=xterm-256color) and start the wizard again");
	if (strcmp(term, "dumb") == 0)
		return err_set("TERM=dumb cannot show the wizard's screens; use the "
			       "non-interactive commands with a plan file (vchnet check, "
			       "layout, render PLAN), or set TERM=vt100 or xterm-256color");
	if (setupterm(term, STDOUT_FILENO, &errret) != OK) {
		if (errret == 0)
			return err_set("TERM=%s is not known on this system (no terminfo "
				       "entry); %s, or install ncurses-term", term,
				       term_fix_hint(term));
		if (errret == 1)
			return err_set("TERM=%s is a hardcopy terminal and cannot show the "
				       "wizard; use the non-interactive commands", term);
		return err_set("cannot find the terminfo database for TERM=%s; %s", term,
			       term_fix_hint(term));
	}
	if (!tigetstr("cup") || tigetstr("cup") == (char *)-1) {
		del_curterm(cur_term);
		return err_set("TERM=%s cannot move the cursor, which the wizard needs; %s",
			       term, term_fix_hint(term));
	}
	del_curterm(cur_term);
	return 0;
}

static void redirect_stderr(const char *log_path)
{
	int fd;

	if (log_path) {
		int lfd = fileio_open_log(log_path, true);
		log_file = lfd >= 0 ? fdopen(lfd, "a") : NULL;
		if (!log_file && lfd >= 0)
			close(lfd);
		err_clear(); /* ui_init() checked it a moment ago */
		if (log_file)
			setvbuf(log_file, NULL, _IOLBF, 0);
	}
	fflush(stderr);
	saved_stderr = dup(STDERR_FILENO);
	fd = log_file ? dup(fileno(log_file)) : open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		dup2(fd, STDERR_FILENO);
		close(fd);
	}
}

static void restore_stderr(void)
{
	if (saved_stderr < 0)
		return;
	fflush(stderr);
	dup2(saved_stderr, STDERR_FILENO);
	close(saved_stderr);
	saved_stderr = -1;
}

/* Sequences that terminals send whatever their terminfo entry says (PuTTY's Home/End,
 * xterm's and tmux's F-keys, arrows in both cursor modes). Bound only where the entry
 * has not bound them, so a mismatched TERM still gives keys, not stray '~' or 'Z'. */
static void define_extra_keys(void)
{
	static const struct {
		const char *seq;
		int key;
	} extra[] = {
		{"\033[1~", KEY_HOME}, {"\033[4~", KEY_END}, {"\033[7~", KEY_HOME},
		{"\033[8~", KEY_END}, {"\033[H", KEY_HOME}, {"\033[F", KEY_END},
		{"\033OH", KEY_HOME}, {"\033OF", KEY_END}, {"\033[A", KEY_UP},
		{"\033[B", KEY_DOWN}, {"\033[C", KEY_RIGHT}, {"\033[D", KEY_LEFT},
		{"\033OA", KEY_UP}, {"\033OB", KEY_DOWN}, {"\033OC", KEY_RIGHT},
		{"\033OD", KEY_LEFT}, {"\033[5~", KEY_PPAGE}, {"\033[6~", KEY_NPAGE},
		{"\033[3~", KEY_DC}, {"\033[Z", KEY_BTAB}, {"\033OP", KEY_F(1)},
		{"\033[11~", KEY_F(1)}, {"\033OQ", KEY_F(2)}, {"\033[12~", KEY_F(2)},
		{"\033[21~", KEY_F(10)}, {"\033Ox", KEY_F(10)}, {"\033OM", KEY_ENTER},
	};
	for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
		if (key_defined(extra[i].seq) == 0)
			define_key(extra[i].seq, extra[i].key);
}

int ui_init(const struct ui_opts *o)
{
	const char *nc = getenv("NO_COLOR");

	if (screen)
		return 0;
	if (check_terminal() < 0)
		return -1;
	if (o->log_path) {
		/* never through a symbolic link, 0600 whatever the umask */
		int fd = fileio_open_log(o->log_path, true);
		if (fd < 0)
			return -1;
		close(fd);
	}

	/* Our handler goes in before curses so that it keeps it (it only installs its
	 * own where the disposition is the default). */
	sig_catch();

	screen = newterm(NULL, stdout, stdin);
	if (!screen) {
		sig_release();
		return err_set("cannot start the terminal for TERM=%s; %s", getenv("TERM"),
			       term_fix_hint(getenv("TERM")));
	}
	set_term(screen);
	restore_handle = sig_hook_add(restore_hook, NULL);
	redirect_stderr(o->log_path);
	ui_log("ui start: TERM=%s %dx%d", getenv("TERM"), COLS, LINES);

	/* raw: Ctrl-S and Ctrl-C reach us as keys (Ctrl-C is handled like SIGINT). */
	raw();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	define_extra_keys();
	set_escdelay(25);
	theme_init(o->no_color || (nc && *nc), o->ascii);
	curs_set(0);
	wbkgdset(stdscr, ' ');
	clear();
	return 0;
}

void ui_end(void)
{
	if (!screen)
		return;
	curs_set(1);
	endwin();
	delscreen(screen);
	screen = NULL;
	sig_hook_remove(restore_handle);
	restore_handle = 0;
	sig_release();
	restore_stderr();
	if (log_file) {
		fclose(log_file);
		log_file = NULL;
	}
	free(layers);
	layers = NULL;
	n_layers = cap_layers = 0;
}

static int cur_cols(void)
{
	/* serial consoles report 0x0: treat as the design size */
	return COLS > 0 ? COLS : 80;
}

static int cur_lines(void) { return LINES > 0 ? LINES : 24; }

int ui_cols(void) { return cur_cols(); }
int ui_lines(void) { return cur_lines(); }

bool ui_too_small(void) { return cur_cols() < UI_MIN_COLS || cur_lines() < UI_MIN_LINES; }

void ui_paint_too_small(void)
{
	char buf[160];
	int y = cur_lines() / 2 - 1;

	small_shown = true;
	erase();
	curs_set(0);
	snprintf(buf, sizeof buf, "terminal too small (%dx%d), need %dx%d",
		 cur_cols(), cur_lines(), UI_MIN_COLS, UI_MIN_LINES);
	theme_put(stdscr, y < 0 ? 0 : y, 0, cur_cols(), ROLE_ERROR, buf, false);
	theme_put(stdscr, y + 1 < cur_lines() ? y + 1 : 0, 0, cur_cols(), ROLE_NORMAL,
		  "Make the window larger to continue; Ctrl-C quits.", false);
	refresh();
}

void ui_layer_push(ui_paint_fn paint, void *ctx)
{
	xgrow(&layers, &cap_layers, n_layers + 1, sizeof *layers);
	layers[n_layers].paint = paint;
	layers[n_layers].ctx = ctx;
	n_layers++;
}

void ui_layer_pop(void)
{
	MEM_ASSERT(n_layers > 0);
	n_layers--;
}

void ui_repaint(void)
{
	if (!screen)
		return;
	if (ui_too_small()) {
		ui_paint_too_small();
		return;
	}
	erase();
	curs_set(0);
	for (size_t i = 0; i < n_layers; i++)
		layers[i].paint(layers[i].ctx);
	refresh();
}

/* After a bare ESC, bytes already waiting are the rest of a sequence ncurses did not
 * know (a TERM that does not match the terminal): swallow it whole rather than
 * delivering '~' or 'Z' as typing. */
static bool swallow_sequence(void)
{
	wint_t c;
	int r, n = 0;

	nodelay(stdscr, TRUE);
	r = wget_wch(stdscr, &c);
	if (r == ERR) {
		nodelay(stdscr, FALSE);
		return false;
	}
	if (r == OK && c == 27) {
		/* Esc pressed twice: the second one is a key of its own */
		unget_wch(27);
		nodelay(stdscr, FALSE);
		return false;
	}
	/* ESC [ ... final byte, or ESC O x, or Alt+key */
	if (r == OK && (c == '[' || c == 'O')) {
		while (n++ < 16 && wget_wch(stdscr, &c) != ERR)
			if (c >= 0x40 && c <= 0x7e)
				break;
	}
	nodelay(stdscr, FALSE);
	return true;
}

static struct key_event read_raw(int timeout_ms)
{
	struct key_event ev = {KEY_ACT_NONE, 0};
	wint_t c;
	int r;

	wtimeout(stdscr, timeout_ms);
	r = wget_wch(stdscr, &c);
	if (sig_caught()) {
		ev.act = KEY_ACT_INTERRUPT;
		return ev;
	}
	if (r == ERR)
		return ev;
	ev = keys_translate(r == KEY_CODE_YES, (unsigned int)c);
	if (ev.act == KEY_ACT_ESC && swallow_sequence())
		ev.act = KEY_ACT_NONE;
	if (ev.act == KEY_ACT_INTERRUPT && !sig_caught())
		sig_note(SIGINT);
	/* the action only: typed characters (passwords) never reach the log */
	if (ev.act == KEY_ACT_CHAR)
		ui_log("key char");
	else
		ui_log("key %s", keys_act_name(ev.act));
	return ev;
}

struct key_event ui_read(int timeout_ms)
{
	struct key_event ev;

	for (;;) {
		if (ui_too_small()) {
			if (!small_shown)
				ui_paint_too_small();
			small_shown = true;
			ev = read_raw(timeout_ms < 0 ? 250 : timeout_ms);
			if (ev.act == KEY_ACT_INTERRUPT)
				return ev;
			if (ev.act == KEY_ACT_RESIZE)
				ui_paint_too_small();
			if (timeout_ms >= 0) {
				/* a poll (progress) must not block until the user resizes */
				ev.act = KEY_ACT_NONE;
				return ev;
			}
			continue;
		}
		if (small_shown) {
			small_shown = false;
			ui_repaint();
			ev.act = KEY_ACT_RESIZE;
			ev.ch = 0;
			return ev;
		}
		ev = read_raw(timeout_ms < 0 ? 250 : timeout_ms);
		if (ev.act == KEY_ACT_NONE && timeout_ms < 0 && !sig_caught())
			continue; /* wake up only to look at the signal flag */
		if (ev.act == KEY_ACT_RESIZE) {
			if (ui_too_small())
				continue;
			ui_repaint();
		}
		if (ev.act == KEY_ACT_REDRAW) {
			clearok(curscr, TRUE);
			ui_repaint();
		}
		return ev;
	}
}

bool ui_clipboard_enabled(const char **why_not)
{
	const char *v = getenv("VCHNET_OSC52"), *term = getenv("TERM");

	if (why_not)
		*why_not = NULL;
	if (v && strcmp(v, "1") == 0)
		return true;
	if (v && strcmp(v, "0") == 0) {
		if (why_not)
			*why_not = "the clipboard copy is off (VCHNET_OSC52=0)";
		return false;
	}
	if ((getenv("TMUX") && *getenv("TMUX")) || (getenv("STY") && *getenv("STY")) ||
	    (term && (strncmp(term, "screen", 6) == 0 || strncmp(term, "tmux", 4) == 0))) {
		if (why_not)
			*why_not = "the clipboard copy (OSC 52) is off inside tmux or screen: "
				   "a shared session could pass the text to another client. "
				   "Start vchnet with VCHNET_OSC52=1 to allow it (tmux also needs "
				   "'set -g set-clipboard on'), or write the command to a file";
		return false;
	}
	return true;
}

int ui_clipboard_copy(const char *text)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *s = (const unsigned char *)text;
	size_t n = strlen(text), o = 0;
	char *out;
	const char *why;

	if (!ui_clipboard_enabled(&why))
		return err_set("%s", why);
	out = xmalloc(4 * ((n + 2) / 3) + 1);
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)s[i] << 16 | (i + 1 < n ? (unsigned)s[i + 1] << 8 : 0) |
			     (i + 2 < n ? s[i + 2] : 0);
		out[o++] = b64[v >> 18 & 63];
		out[o++] = b64[v >> 12 & 63];
		out[o++] = i + 1 < n ? b64[v >> 6 & 63] : '=';
		out[o++] = i + 2 < n ? b64[v & 63] : '=';
	}
	out[o] = '\0';
	/* after curses has written its frame, so the sequence is not cut into it */
	if (ui_active())
		refresh();
	fprintf(stdout, "\033]52;c;%s\a", out);
	fflush(stdout);
	free(out);
	return 0;
}
