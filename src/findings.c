#include "findings.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "plan.h"
#include "sanitize.h"

void findings_free(struct findings *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].code);
		free(f->v[i].path);
		free(f->v[i].message);
		free(f->v[i].hint);
	}
	free(f->v);
	f->v = NULL;
	f->n = f->cap = 0;
}

void findings_add(struct findings *f, enum finding_severity sev, const char *code,
		  const char *path, bool vic, const char *hint, const char *fmt, ...)
{
	va_list ap;
	struct finding *fd;

	xgrow(&f->v, &f->cap, f->n + 1, sizeof *f->v);
	fd = &f->v[f->n++];
	fd->severity = sev;
	fd->code = xstrdup(code);
	fd->path = xstrdup(path ? path : "");
	fd->vic = vic;
	fd->hint = xstrdup(hint);
	va_start(ap, fmt);
	fd->message = xvasprintf(fmt, ap);
	va_end(ap);
}

size_t findings_count(const struct findings *f, enum finding_severity sev)
{
	size_t n = 0;
	for (size_t i = 0; i < f->n; i++)
		n += f->v[i].severity == sev;
	return n;
}

void findings_sort(struct findings *f)
{
	/* a stable partition: two passes into a new array */
	struct finding *v;
	size_t k = 0;

	if (f->n < 2)
		return;
	v = xmalloc(f->n * sizeof *v);
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < f->n; i++)
			if ((f->v[i].severity == FINDING_ERROR) == (pass == 0))
				v[k++] = f->v[i];
	memcpy(f->v, v, f->n * sizeof *v);
	free(v);
}

const struct finding *findings_find(const struct findings *f, const char *code, const char *path)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->v[i].code, code) == 0 && (!path || strcmp(f->v[i].path, path) == 0))
			return &f->v[i];
	return NULL;
}

const char *findings_severity_name(enum finding_severity sev)
{
	return sev == FINDING_ERROR ? "error" : "warning";
}

char *findings_format(const struct finding *fd, const struct plan *p, const char *file)
{
	struct plan_pos pos = {0, 0};
	char *loc, *line, *out;

	if (p && fd->path[0])
		pos = plan_pos(p, fd->path);
	/* messages quote names from the plan and the inventory */
	if (file && pos.line > 0)
		loc = xasprintf("%s:%d:%d: ", san(file), pos.line, pos.col);
	else if (file)
		loc = xasprintf("%s: ", san(file));
	else
		loc = xstrdup("");
	if (pos.line > 0 || !fd->path[0])
		line = xasprintf("%s%s: %s [%s]\n", loc, findings_severity_name(fd->severity),
				 san(fd->message), san(fd->code));
	else
		line = xasprintf("%s%s: %s [%s] (at %s)\n", loc,
				 findings_severity_name(fd->severity), san(fd->message), san(fd->code),
				 san(fd->path));
	if (fd->hint && fd->hint[0])
		out = xasprintf("%s    hint: %s\n", line, san(fd->hint));
	else
		out = xstrdup(line);
	free(loc);
	free(line);
	return out;
}

void findings_print(FILE *out, const struct findings *f, const struct plan *p,
		    const char *file, bool summary)
{
	for (size_t i = 0; i < f->n; i++) {
		char *s = findings_format(&f->v[i], p, file);
		fputs(s, out);
		free(s);
	}
	if (summary) {
		size_t e = findings_count(f, FINDING_ERROR), w = findings_count(f, FINDING_WARNING);
		fprintf(out, "%zu error%s, %zu warning%s\n", e, e == 1 ? "" : "s", w,
			w == 1 ? "" : "s");
	}
}
