/* deploy (screen): the wizard's deploy screen, reached from the review step. It runs
 * the pipeline of src/deploy/deploy.h over the wizard's session with its confirmations as
 * dialogs: a step list on the left (with vic-machine's current stage), a log pane on
 * the right with every step note and every line vic-machine prints, and at the end the
 * result (Docker endpoint, admin portal, next command; or the last errors, the log,
 * what may be left behind and the delete command). Esc while it runs asks, then stops
 * vic-machine cleanly. Enter or Esc at the end returns to the review step, where the
 * plan can be fixed and deployed again.
 *
 * Entry point: deploy_screen_run(a), a modal loop; the caller repaints afterwards. */
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "deploy.h"
#include "err.h"
#include "mem.h"
#include "pager.h"
#include "screens.h"

#define LEFT_W 28
#define MAX_LOG 4000

enum st { ST_PENDING, ST_RUNNING, ST_DONE, ST_FAILED };

struct dscreen {
	struct app *a;
	enum st state[DEPLOY_STEP_COUNT];
	int cur;                 /* running step, -1 before the first */
	bool vic_running;
	bool vic_seen;       /* vic-machine said something: its stage means something */
	enum vicm_stage stage;
	int percent;             /* task progress, -1 when none */
	struct strv log;         /* the pane's lines (with their role in the first byte) */
	size_t scroll;           /* lines scrolled up from the bottom */
	int hscroll;             /* cells the command lines are scrolled sideways */
	bool finished, dry_run;
	const char *footer;
	long long last_paint_ms;
};

/* Log lines carry their role as a leading character so that the pane can colour them:
 * 'n' normal, 'w' warning, 'e' error, 'o' ok, 'd' dim (vic-machine's own output). */
static void add_line(struct dscreen *s, char role, const char *text)
{
	if (s->log.n >= MAX_LOG) {
		free(s->log.v[0]);
		memmove(s->log.v, s->log.v + 1, (s->log.n - 1) * sizeof *s->log.v);
		s->log.n--;
	}
	char *line = xasprintf("%c%s", role, text);
	/* vic-machine indents with tabs, which a pane cell cannot show */
	for (char *c = line; *c; c++)
		if (*c == '\t' || *c == '\r')
			*c = ' ';
	strv_push_owned(&s->log, line);
	ui_log("deploy: %s", text);
}

static void add_text(struct dscreen *s, char role, const char *prefix, const char *text)
{
	for (const char *p = text; *p;) {
		size_t n = strcspn(p, "\n");
		char *line = xasprintf("%s%.*s", prefix, (int)n, p);
		add_line(s, role, line);
		free(line);
		p += n;
		if (*p)
			p++;
	}
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static enum theme_role role_of(char c)
{
	switch (c) {
	case 'w': return ROLE_WARNING;
	case 'e': return ROLE_ERROR;
	case 'o': return ROLE_OK;
	case 'd': return ROLE_DIM;
	case 'h': return ROLE_HEADING;
	default: return ROLE_NORMAL;
	}
}

static void paint(void *ctx)
{
	struct dscreen *s = ctx;
	const struct plan *p = s->a->s->wz.plan;
	int cols = ui_cols(), lines = ui_lines();
	int px = LEFT_W + 1, pw = cols - px, ph = lines - 3;
	char *title;

	theme_fill(stdscr, 0, 0, lines, cols, ROLE_NORMAL);
	title = xasprintf(" vchnet: deploy the VCH %s%s", p->name ? p->name : "",
			  s->dry_run ? " (dry run)" : "");
	theme_put(stdscr, 0, 0, cols, ROLE_TITLE, title, true);
	free(title);

	/* the steps */
	theme_put(stdscr, 1, 0, LEFT_W, ROLE_HEADING, " Steps", true);
	for (int i = 0; i < DEPLOY_STEP_COUNT && 2 + i < lines - 2; i++) {
		const char *mark = s->state[i] == ST_RUNNING ? theme_glyph(GLYPH_POINTER)
				   : s->state[i] == ST_DONE  ? theme_glyph(GLYPH_DONE)
				   : s->state[i] == ST_FAILED ? "!"
							      : " ";
		enum theme_role r = s->state[i] == ST_RUNNING ? ROLE_SIDEBAR_CUR
				    : s->state[i] == ST_FAILED ? ROLE_ERROR
				    : s->state[i] == ST_DONE   ? ROLE_SIDEBAR
							       : ROLE_SIDEBAR_OFF;
		char *row = xasprintf(" %s %d %s", mark, i + 1, deploy_step_title((enum deploy_step)i));
		theme_put(stdscr, 2 + i, 0, LEFT_W - 1, r, row, true);
		free(row);
	}
	int y = 3 + DEPLOY_STEP_COUNT;
	/* a dry run never starts vic-machine: no "Stage: starting" after it is done */
	if (s->vic_running || s->vic_seen ||
	    (s->cur == DEPLOY_STEP_CREATE && !s->dry_run && !s->finished)) {
		char *st = xasprintf(" Stage: %s", vicmachine_stage_name(s->stage));
		theme_put(stdscr, y++, 0, LEFT_W - 1, ROLE_LABEL, st, true);
		free(st);
	}
	if (s->percent >= 0 && !s->finished) {
		char *pc = xasprintf(" Task: %d%%", s->percent);
		theme_put(stdscr, y++, 0, LEFT_W - 1, ROLE_LABEL, pc, true);
		free(pc);
	}
	theme_vline(stdscr, 1, LEFT_W, lines - 3, ROLE_DIM);

	/* the log pane: the newest lines at the bottom unless scrolled */
	theme_put(stdscr, 1, px, pw, ROLE_HEADING, " Log", true);
	/* long lines wrap, but a command ('c' lines: the create and delete commands) is
	 * never wrapped, so it can be copied as it stands; it scrolls sideways with
	 * Left/Right instead, and a cut line ends in a mark. Fill from the bottom. */
	int rows = ph - 1, row = 2 + rows;
	size_t n = s->log.n;
	size_t end = n > s->scroll ? n - s->scroll : 0;
	for (size_t i = end; i-- > 0 && row > 2;) {
		const char *l = s->log.v[i], *text = l[1] ? l + 1 : " ";
		if (l[0] == 'c') {
			theme_put(stdscr, --row, px + 1, pw - 1, ROLE_NORMAL,
				  pager_skip_cells(text, s->hscroll), true);
			continue;
		}
		/* a wrapped line keeps its indentation, and its continuation is indented two
		 * more, so the rendered command still reads as one option per line */
		int indent = (int)strspn(text, " ");
		if (indent > pw / 3)
			indent = 0;
		char **wrapped;
		size_t nw = theme_wrap(text + indent, pw - 4 - indent, &wrapped);
		for (size_t k = nw; k-- > 0 && row > 2;) {
			char *ln = xasprintf("%*s%s", indent + (k ? 2 : 0), "", wrapped[k]);
			theme_put(stdscr, --row, px + 1, pw - 1, role_of(l[0]), ln, true);
			free(ln);
		}
		theme_free_lines(wrapped, nw);
	}
	if (s->scroll > 0)
		theme_put(stdscr, 1, cols - 12, 12, ROLE_DIM, theme_glyph(GLYPH_ARROW_DOWN), false);

	theme_put(stdscr, lines - 1, 0, cols, ROLE_FOOTER, s->footer, true);
	curs_set(0);
}

static void repaint(struct dscreen *s, bool force)
{
	long long t = now_ms();
	/* vic-machine may print fast: at most 20 repaints a second */
	if (!force && t - s->last_paint_ms < 50)
		return;
	s->last_paint_ms = t;
	ui_repaint();
}

/* ---- the pipeline's callbacks --------------------------------------------------- */

static void cb_step(void *ctx, enum deploy_step st, const char *title)
{
	struct dscreen *s = ctx;
	if (s->cur >= 0 && s->state[s->cur] == ST_RUNNING)
		s->state[s->cur] = ST_DONE;
	s->cur = (int)st;
	s->state[st] = ST_RUNNING;
	s->percent = -1;
	char *h = xasprintf("[%d/%d] %s", (int)st + 1, (int)DEPLOY_STEP_COUNT, title);
	add_line(s, 'h', h);
	free(h);
	repaint(s, true);
}

static void cb_note(void *ctx, enum deploy_note kind, const char *text)
{
	struct dscreen *s = ctx;
	switch (kind) {
	case DEPLOY_NOTE_INFO: add_text(s, 'n', "  ", text); break;
	case DEPLOY_NOTE_WARN: add_text(s, 'w', "  Warning: ", text); break;
	case DEPLOY_NOTE_ERROR: add_text(s, 'e', "  Error: ", text); break;
	case DEPLOY_NOTE_ACTION: add_text(s, 'o', "  -> ", text); break;
	case DEPLOY_NOTE_COMMAND: add_text(s, 'c', "    ", text); break;
	}
	repaint(s, true);
}

static int cb_confirm(void *ctx, const char *question)
{
	struct dscreen *s = ctx;
	bool yes;
	repaint(s, true);
	yes = dialog_confirm("Deploy", question, "Yes", "No", false);
	add_text(s, yes ? 'n' : 'w', "  ", yes ? "(answered yes)" : "(answered no)");
	repaint(s, true);
	return yes && !ui_interrupted() ? 1 : 0;
}

static void cb_vic_line(void *ctx, const char *line, enum vicm_stage stage)
{
	struct dscreen *s = ctx;
	bool changed = !s->vic_running || stage != s->stage;
	s->vic_running = true;
	s->vic_seen = true;
	s->stage = stage;
	add_line(s, 'd', line);
	repaint(s, changed);
}

static bool cb_should_cancel(void *ctx)
{
	struct dscreen *s = ctx;
	struct key_event ev = ui_read(0);
	int sig = ui_interrupted();

	/* a signal to end the program (not a Ctrl-C) stops without asking */
	if (ev.act == KEY_ACT_INTERRUPT && sig != 0 && sig != SIGINT)
		return true;
	if (ev.act != KEY_ACT_ESC && ev.act != KEY_ACT_INTERRUPT)
		return false;
	char *q = s->vic_running
			  ? xasprintf("vic-machine create is still running (stage: %s). Stop it "
				      "now? What was created so far stays behind; you will be told "
				      "what and how to remove it.", vicmachine_stage_name(s->stage))
			  : xstrdup("The deploy is still running. Stop it now? Changes made so "
				    "far stay; you will be told which.");
	bool stop = dialog_confirm("Stop the deploy?", q, "Stop", "Continue", false);
	free(q);
	repaint(s, true);
	if (stop)
		add_line(s, 'w', "  Stopping (SIGINT, then SIGTERM after a grace period) ...");
	return stop;
}

static void cb_progress(void *ctx, int percent)
{
	struct dscreen *s = ctx;
	s->percent = percent;
	repaint(s, false);
}

/* ---- the result ----------------------------------------------------------------- */

static void add_list(struct dscreen *s, char role, const char *title, const struct strv *l)
{
	if (!l->n)
		return;
	add_line(s, role, title);
	for (size_t i = 0; i < l->n; i++) {
		char *line = xasprintf("    - %s", l->v[i]);
		add_line(s, role == 'e' ? 'n' : role, line);
		free(line);
	}
}

static void show_result(struct dscreen *s, const struct deploy_report *r, const char *error)
{
	const struct plan *p = s->a->s->wz.plan;
	char *t;

	add_line(s, 'n', "");
	if (s->dry_run) {
		add_line(s, error ? 'e' : 'o', error ? "Dry run: nothing was changed, but a deploy "
						       "would fail (see above)."
						     : "Dry run: nothing was changed. A deploy would:");
		for (size_t i = 0; i < r->planned.n; i++) {
			t = xasprintf("    - %s", r->planned.v[i]);
			add_line(s, 'n', t);
			free(t);
		}
	} else if (r->success) {
		t = xasprintf("The VCH %s is deployed.", p->name);
		add_line(s, 'o', t);
		free(t);
		if (r->vic.docker_host) {
			t = xasprintf("  Docker endpoint: %s", r->vic.docker_host);
			add_line(s, 'n', t);
			free(t);
		}
		if (r->vic.admin_portal) {
			t = xasprintf("  Admin portal:    %s", r->vic.admin_portal);
			add_line(s, 'n', t);
			free(t);
		}
		if (r->next_command) {
			t = xasprintf("  Try:             %s", r->next_command);
			add_line(s, 'n', t);
			free(t);
		}
		add_list(s, 'n', "  Changes made before vic-machine ran:", &r->applied);
		t = xasprintf("  Log:             %s", r->log_path);
		add_line(s, 'c', t); /* a path is never wrapped either */
		free(t);
	} else {
		t = xasprintf("Deploy %s%s%s%s", r->vic_started && r->vic.cancelled ? "stopped" : "failed",
			      r->failed_step < DEPLOY_STEP_COUNT ? " at: " : "",
			      r->failed_step < DEPLOY_STEP_COUNT ? deploy_step_title(r->failed_step) : "",
			      error ? "" : ".");
		add_line(s, 'e', t);
		free(t);
		if (error)
			add_text(s, 'e', "  ", error);
		if (r->vic_started)
			add_list(s, 'e', r->vic.errors.n ? "  vic-machine's last errors:"
							  : "  vic-machine's last lines:",
				 r->vic.errors.n ? &r->vic.errors : &r->vic.tail);
		if (r->applied.n)
			add_list(s, 'n', "  Changes already made in this run (kept):", &r->applied);
		else
			add_line(s, 'n', "  No changes were made by vchnet before this step.");
		add_list(s, 'w', "  What vic-machine may have left behind:", &r->leftovers);
		if (r->delete_command) {
			add_line(s, 'n', "  To remove it (vic-machine asks for the password, or "
					 "reads VIC_MACHINE_PASSWORD):");
			add_text(s, 'c', "    ", r->delete_command);
		}
		if (r->log_path && r->vic_started) {
			t = xasprintf("  Log: %s", r->log_path);
			add_line(s, 'c', t); /* a path is never wrapped either */
			free(t);
		}
		add_line(s, 'n', "Back on the review step you can fix the plan and deploy again.");
	}
}

/* Runs the deploy over the wizard's session. Returns the exit code of the pipeline
 * (EXIT_OK after a deploy or a clean dry run). */
int deploy_screen_run(struct app *a);

int deploy_screen_run(struct app *a)
{
	static const char *const modes[] = {"Deploy", "Dry run", "Cancel"};
	struct dscreen s = {.a = a, .cur = -1, .percent = -1};
	struct deploy_req req = {0};
	struct deploy_ui ui = {
		.ctx = &s,
		.step = cb_step,
		.note = cb_note,
		.confirm = cb_confirm,
		.vic_line = cb_vic_line,
		.should_cancel = cb_should_cancel,
		.progress = cb_progress,
	};
	char *dir = NULL, *error = NULL;
	struct deploy *d;
	int code, mode;

	if (!a->s->vs || !a->s->have_conn || !a->s->conn.password) {
		dialog_message("Deploy", "Deploying needs a connection to vCenter: go back to the "
					 "first step and connect, then deploy from the review step.");
		return EXIT_CONNECT;
	}
	mode = dialog_choice("Deploy",
			     "Deploy this plan now? vchnet creates the bridge port group when the "
			     "plan asks for it, then runs vic-machine create; each change is "
			     "confirmed first. A dry run shows every step and the command and "
			     "changes nothing.",
			     modes, 3, 1);
	if (mode < 0 || mode == 2)
		return EXIT_PROBLEMS;
	s.dry_run = mode == 1;
	s.footer = " Esc stop  (every line also goes to the log file)";
	req.plan = a->s->wz.plan;
	if (a->s->wz.path) {
		dir = xstrdup(a->s->wz.path);
		req.plan_dir = dirname(dir);
	}
	req.dry_run = s.dry_run;
	if (getenv("VCHNET_DEPLOY_GRACE_MS"))
		req.grace_ms = atoi(getenv("VCHNET_DEPLOY_GRACE_MS"));

	ui_layer_push(paint, &s);
	repaint(&s, true);
	d = deploy_new(&req, &ui);
	if (deploy_prepare(d) != 0 ||
	    deploy_execute(d, a->s->vs, a->s->conn.username, a->s->conn.password) != 0)
		error = xstrdup(deploy_report(d)->error ? deploy_report(d)->error : err_msg());
	const struct deploy_report *r = deploy_report(d);
	if (s.cur >= 0)
		s.state[s.cur] = r->success || (s.dry_run && !error) ? ST_DONE : ST_FAILED;
	s.vic_running = false;
	s.finished = true;
	show_result(&s, r, error);
	code = r->exit_code;
	if (r->success && !s.dry_run)
		app_status(a, ROLE_OK, "Deployed the VCH %s%s%s.", a->s->wz.plan->name,
			   r->next_command ? ": try " : "", r->next_command ? r->next_command : "");
	else if (s.dry_run && !error)
		app_status(a, ROLE_OK, "Dry run done: nothing was changed.");
	else
		app_status(a, ROLE_ERROR, "Deploy %s: %s",
			   s.dry_run ? "dry run failed"
			   : r->vic_started && r->vic.cancelled ? "stopped" : "failed",
			   error ? error : "see the log");

	/* the result stays until the user leaves; the log pane scrolls */
	s.footer = " Enter/Esc back to review  Up/Down/PgUp/PgDn scroll  Left/Right wide lines";
	repaint(&s, true);
	for (;;) {
		struct key_event ev = keys_meaning(ui_read(-1), false);
		size_t page = (size_t)(ui_lines() > 8 ? ui_lines() - 5 : 3);
		if (ev.act == KEY_ACT_ENTER || ev.act == KEY_ACT_ESC || ev.act == KEY_ACT_QUIT ||
		    ev.act == KEY_ACT_INTERRUPT)
			break;
		if (ev.act == KEY_ACT_PGUP || ev.act == KEY_ACT_UP) {
			size_t step = ev.act == KEY_ACT_UP ? 1 : page;
			s.scroll = s.scroll + step < s.log.n ? s.scroll + step : s.log.n ? s.log.n - 1 : 0;
		} else if (ev.act == KEY_ACT_PGDN || ev.act == KEY_ACT_DOWN) {
			size_t step = ev.act == KEY_ACT_DOWN ? 1 : page;
			s.scroll = s.scroll > step ? s.scroll - step : 0;
		} else if (ev.act == KEY_ACT_END) {
			s.scroll = 0;
		} else if (ev.act == KEY_ACT_RIGHT) {
			s.hscroll += 8;
		} else if (ev.act == KEY_ACT_LEFT) {
			s.hscroll = s.hscroll > 8 ? s.hscroll - 8 : 0;
		}
		repaint(&s, true);
	}
	ui_layer_pop();
	ui_repaint();
	deploy_free(d);
	free(error);
	free(dir);
	strv_free(&s.log);
	return code;
}
