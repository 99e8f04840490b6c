/* draft: autosave and resume of the wizard's work in progress. */
#include "draft.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "fileio.h"
#include "mem.h"
#include "plan_yaml.h"

#define DRAFT_MAX_BYTES (2 * 1024 * 1024)
#define META_PREFIX "# draft-"

void draft_info_free(struct draft_info *i)
{
	free(i->plan_path);
	memset(i, 0, sizeof *i);
}

char *draft_dir(void)
{
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");

	/* the XDG spec says a relative value is invalid and must be ignored */
	if (state && state[0] == '/')
		return xasprintf("%s/vchnet/drafts", state);
	if (home && *home)
		return xasprintf("%s/.local/state/vchnet/drafts", home);
	err_set("cannot tell where to keep drafts: neither XDG_STATE_HOME nor HOME is set");
	return NULL;
}

char *draft_new_path(void)
{
	char *dir = draft_dir(), *path, stamp[32];
	time_t now = time(NULL);
	struct tm tm;

	if (!dir)
		return NULL;
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
	path = xasprintf("%s/draft-%s-%ld.yaml", dir, stamp, (long)getpid());
	free(dir);
	return path;
}

/* 0 when the directory is ours alone, else -1 with err_set() saying what to fix. */
static int check_dir(const char *dir)
{
	struct stat st;
	uid_t me = geteuid();

	if (stat(dir, &st) != 0)
		return err_set("cannot use the drafts directory %s: %s", dir, strerror(errno));
	if (st.st_uid != me && st.st_uid != 0)
		return err_set("the drafts directory %s belongs to another user (uid %ld), so its "
			       "drafts may have been planted; if it is yours, run: chown %ld %s",
			       dir, (long)st.st_uid, (long)me, dir);
	if (st.st_mode & (S_IWGRP | S_IWOTH))
		return err_set("the drafts directory %s is writable by %s, so its drafts may "
			       "have been planted; run: chmod go-w %s", dir,
			       (st.st_mode & S_IWOTH) ? "every user" : "its group", dir);
	return 0;
}

int draft_save(const char *path, const struct wizard *w)
{
	char *dir, *slash, *yaml, *text;
	int rc;

	dir = xstrdup(path);
	slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		if (fileio_mkdirs(dir, 0700) < 0 || check_dir(dir) < 0) {
			free(dir);
			return err_prefix("cannot save the draft");
		}
	}
	free(dir);
	/* the plan's path as the user chose it, made absolute: a draft is resumed from
	 * any directory */
	char *plan_path = w->path && !strchr(w->path, '\n') ? fileio_absolute(w->path) : NULL;
	err_clear();
	yaml = plan_yaml_dump(w->plan, NULL);
	/* the position goes in comments, so the file stays a plan any tool can read */
	text = xasprintf("# vchnet draft: the work in progress of \"vchnet wizard\", offered "
			 "for resuming at its next start\n"
			 META_PREFIX "step: %s\n" META_PREFIX "visited: %u\n%s%s%s%s%s%s%s",
			 wizard_step_name(w->step), w->visited,
			 plan_path ? META_PREFIX "plan-path: " : "", plan_path ? plan_path : "",
			 plan_path ? "\n" : "",
			 w->plan->generated_at ? META_PREFIX "generated-at: " : "",
			 w->plan->generated_at ? w->plan->generated_at : "",
			 w->plan->generated_at ? "\n" : "", yaml);
	rc = fileio_write_atomic(path, text, strlen(text), 0600);
	free(plan_path);
	free(yaml);
	free(text);
	if (rc < 0)
		return err_prefix("cannot save the draft");
	return 0;
}

static enum wizard_step step_by_name(const char *name)
{
	for (int s = 0; s < WIZARD_STEP_COUNT; s++)
		if (strcmp(name, wizard_step_name((enum wizard_step)s)) == 0)
			return (enum wizard_step)s;
	return WIZARD_STEP_COUNT;
}

int draft_load(const char *path, struct plan **plan, struct draft_info *info)
{
	char *buf, *generated = NULL;
	size_t len;
	struct strv errors = {0};
	struct stat st;
	bool have_step = false;

	*plan = NULL;
	memset(info, 0, sizeof *info);
	if (fileio_read(path, DRAFT_MAX_BYTES, &buf, &len) < 0)
		return err_prefix("cannot read the draft");
	for (char *line = buf; line && *line == '#';) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		if (strncmp(line, META_PREFIX, strlen(META_PREFIX)) == 0) {
			char *key = line + strlen(META_PREFIX), *val = strstr(key, ": ");
			if (val) {
				*val = '\0';
				val += 2;
				if (strcmp(key, "step") == 0) {
					info->step = step_by_name(val);
					have_step = info->step != WIZARD_STEP_COUNT;
				} else if (strcmp(key, "visited") == 0) {
					info->visited = (unsigned)strtoul(val, NULL, 10);
				} else if (strcmp(key, "plan-path") == 0 && val[0] == '/') {
					/* only where the user chose to save, never relative
					 * to wherever the wizard runs next */
					mem_set_str(&info->plan_path, val);
				} else if (strcmp(key, "generated-at") == 0) {
					mem_set_str(&generated, val);
				}
				val[-2] = ':';
			}
		}
		if (nl)
			*nl = '\n';
		line = nl ? nl + 1 : NULL;
	}
	if (!have_step) {
		free(buf);
		free(generated);
		draft_info_free(info);
		return err_set("%s is not a vchnet draft (no \"# draft-step:\" line); remove it", path);
	}
	if (plan_yaml_parse(buf, len, path, plan, &errors) < 0) {
		free(buf);
		free(generated);
		strv_free(&errors);
		draft_info_free(info);
		return err_prefix("the draft %s cannot be read back", path);
	}
	strv_free(&errors);
	free(buf);
	/* the header's time is the draft's own, not the plan's first save */
	free((*plan)->generated_at);
	(*plan)->generated_at = generated;
	info->visited |= WIZARD_STEP_BIT(info->step);
	if (stat(path, &st) == 0)
		info->mtime = st.st_mtime;
	return 0;
}

char *draft_latest(char **warning)
{
	char *dir = draft_dir(), *best = NULL, *why = NULL;
	time_t best_time = 0;
	size_t refused = 0;
	DIR *d;
	struct dirent *e;

	*warning = NULL;
	err_clear();
	if (!dir)
		return NULL;
	d = opendir(dir);
	if (!d) {
		free(dir);
		return NULL;
	}
	if (check_dir(dir) < 0) {
		why = xstrdup(err_msg());
		refused = (size_t)-1;
	}
	while (refused != (size_t)-1 && (e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		struct stat st;
		char *path;

		if (strncmp(e->d_name, "draft-", 6) != 0 || n < 11 ||
		    strcmp(e->d_name + n - 5, ".yaml") != 0)
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
			free(path);
			continue;
		}
		if (fileio_check_private(path) != 0) {
			refused++;
			free(why);
			why = xstrdup(err_msg());
			free(path);
			continue;
		}
		if (!best || st.st_mtime > best_time ||
		    (st.st_mtime == best_time && strcmp(path, best) > 0)) {
			free(best);
			best = path;
			best_time = st.st_mtime;
		} else {
			free(path);
		}
	}
	closedir(d);
	if (refused == (size_t)-1)
		*warning = xasprintf("drafts in %s are not offered: %s", dir, why);
	else if (refused == 1)
		*warning = xasprintf("a draft in %s is not offered: %s", dir, why);
	else if (refused > 1)
		*warning = xasprintf("%zu drafts in %s are not offered; one of them: %s", refused,
				     dir, why);
	free(why);
	free(dir);
	err_clear();
	return best;
}

int draft_discard(const char *path)
{
	if (path && unlink(path) < 0 && errno != ENOENT)
		return err_set("cannot remove the draft %s: %s", path, strerror(errno));
	return 0;
}

char *draft_describe(const struct plan *p, const struct draft_info *i)
{
	char when[64] = "";
	struct tm tm;

	if (i->mtime) {
		gmtime_r(&i->mtime, &tm);
		strftime(when, sizeof when, ", saved %Y-%m-%d %H:%M UTC", &tm);
	}
	return xasprintf("VCH %s%s%s, at the %s step%s", p->name ? "\"" : "",
			 p->name ? p->name : "(not named yet)", p->name ? "\"" : "",
			 wizard_step_title(i->step), when);
}
