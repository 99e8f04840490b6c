/* fwstep: run the live pre-check for the wizard and summarise it in the plan. */
#include "fwstep.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "err.h"
#include "mem.h"
#include "plan.h"
#include "precheck.h"

void fwstep_free(struct fwstep *s)
{
	firewall_report_free(&s->fw);
	findings_free(&s->findings);
	free(s->fw_error);
	memset(s, 0, sizeof *s);
}

/* vic-machine's one-line firewall verdict restates the per-host findings, which carry
 * its words too: the step's table never shows it, so it is not counted twice either. */
static void drop_summary(struct findings *f)
{
	size_t k = 0;

	for (size_t i = 0; i < f->n; i++) {
		if (strcmp(f->v[i].code, "firewall-must-permit") == 0) {
			free(f->v[i].code);
			free(f->v[i].path);
			free(f->v[i].message);
			free(f->v[i].hint);
			continue;
		}
		f->v[k++] = f->v[i];
	}
	f->n = k;
}

bool fwstep_in_table(const struct finding *fd)
{
	return strncmp(fd->code, "firewall-", 9) == 0;
}

void fwstep_check(const struct inv *inv, struct plan *p, const char *host, struct fwstep *s)
{
	char when[32];
	time_t now = time(NULL);
	struct tm tm;

	fwstep_free(s);
	precheck_live(inv, p, &s->findings, &s->fw);
	drop_summary(&s->findings);
	findings_sort(&s->findings);
	if (s->fw.n_hosts == 0) {
		/* say why there is no table (no compute resource, no datastore) */
		struct fw_report tmp;
		if (firewall_check(inv, p, &tmp) < 0)
			s->fw_error = xstrdup(err_msg());
		firewall_report_free(&tmp);
	}
	err_clear();
	s->errors = findings_count(&s->findings, FINDING_ERROR);
	s->warnings = findings_count(&s->findings, FINDING_WARNING);
	gmtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	free(p->precheck_summary);
	p->precheck_summary = xasprintf("%s: %zu error%s, %zu warning%s%s%s", when, s->errors,
					s->errors == 1 ? "" : "s", s->warnings,
					s->warnings == 1 ? "" : "s", host ? " against " : "",
					host ? host : "");
}

size_t fwstep_plan_fix(struct fwstep *s)
{
	return firewall_plan_fix(&s->fw, false);
}
