/* draft_ui: the wizard's drafts on the screens — offered at start, saved after every
 * step and when the terminal goes away; the walk back to it after signing in again is
 * the core's (session_resume). */
#include <stdlib.h>
#include <string.h>

#include "draft.h"
#include "err.h"
#include "mem.h"
#include "screens.h"

static char *draft_path;                  /* this session's draft file */

void draft_ui_offer(struct app *a)
{
	static const char *const labels[] = {"Resume", "Discard", "Not now"};
	char *warning, *path = draft_latest(&warning), *desc, *text;
	struct plan *p;
	struct draft_info info;
	int r;

	if (warning) {
		ui_log("%s", warning);
		app_status(a, ROLE_WARNING, "Warning: %s", warning);
		a->status_pending = true;
		free(warning);
	}
	if (!path)
		return;
	if (draft_load(path, &p, &info) < 0) {
		app_status(a, ROLE_WARNING, "An unreadable draft was left aside: %s", err_msg());
		err_clear();
		free(path);
		return;
	}
	desc = draft_describe(p, &info);
	text = xasprintf("An unfinished wizard session was saved:\n\n  %s\n\nResume it where you "
			 "left off (you sign in again: passwords are never saved), discard it, "
			 "or start anew and keep it for later?", desc);
	r = dialog_choice("Resume the draft?", text, labels, 3, 0);
	free(text);
	free(desc);
	if (r == 0) {
		session_take_draft(a->s, p, &info);
		draft_path = path;
		app_status(a, ROLE_NORMAL, "Resuming the draft: sign in again (passwords are never saved).");
		ui_log("resuming draft %s at step %s", path, wizard_step_name(info.step));
		draft_info_free(&info);
		return;
	}
	/* discarding loses the session's choices for good: asked once more */
	if (r == 1 && !dialog_confirm("Discard the draft?", "The draft's choices are removed for "
				      "good. Discard it?", "Discard", "Keep it", false)) {
		app_status(a, ROLE_NORMAL, "The draft is kept for later. %s", wizard_step_intro(a->s->wz.step));
		r = 2;
	}
	if (r == 1) {
		if (draft_discard(path) < 0)
			app_status(a, ROLE_WARNING, "%s", err_msg());
		else
			app_status(a, ROLE_NORMAL, "Draft discarded. %s", wizard_step_intro(a->s->wz.step));
	}
	plan_free(p);
	draft_info_free(&info);
	free(path);
}

/* Saves the draft; false (the status line and the log say why) when it could not. */
static bool save(struct app *a)
{
	a->status_is_draft_error = false;
	if (!draft_path)
		draft_path = draft_new_path();
	if (!draft_path || draft_save(draft_path, &a->s->wz) < 0) {
		a->status_is_draft_error = true;
		ui_log("draft not saved: %s", err_msg());
		app_status(a, ROLE_WARNING, "The draft could not be saved: %s", err_msg());
		mem_set_str(&a->draft_error, err_msg());
		err_clear();
		return false;
	}
	ui_log("draft saved to %s at step %s", draft_path, wizard_step_name(a->s->wz.step));
	return true;
}

void draft_ui_autosave(struct app *a)
{
	/* before the scope step there is no choice worth keeping */
	if (a->s->wz.step > WIZARD_CONNECT)
		save(a);
}

char *draft_ui_finish(struct app *a)
{
	char *kept = NULL;

	if (a->exit_code >= 128 || a->keep_draft) {
		if (a->s->wz.visited & ~WIZARD_STEP_BIT(WIZARD_CONNECT)) {
			/* said on the terminal once the screen is gone: kept, or lost and why */
			mem_set_str(&a->draft_error, NULL);
			if (save(a))
				kept = xstrdup(draft_path);
		}
	} else if (draft_path) {
		draft_discard(draft_path);
	}
	free(draft_path);
	draft_path = NULL;
	return kept;
}
