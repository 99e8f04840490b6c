/* fieldcheck: one field's errors from the rules engine. */
#include "fieldcheck.h"

#include <stdbool.h>
#include <string.h>

#include "findings.h"
#include "mem.h"
#include "rules.h"

/* Errors that wait for another field: judged at Next, not while typing. */
static bool waits_for_other_field(const char *code)
{
	static const char *const later[] = {
		"gateway-without-routes", "role-routes-without-gateway",
		"role-gateway-without-ip", "container-range-without-gateway",
		"public-gateway-missing", "nic-limit", "static-ip-multiple",
		"static-ip-propagation", "static-ip-shares-public",
	};
	for (size_t i = 0; i < sizeof later / sizeof later[0]; i++)
		if (strcmp(code, later[i]) == 0)
			return true;
	return false;
}

static bool under(const char *path, const char *prefix)
{
	size_t n = strlen(prefix);
	return strncmp(path, prefix, n) == 0 &&
	       (path[n] == '\0' || path[n] == '.' || path[n] == '[');
}

char *fieldcheck_error(const struct plan *p, const char *path)
{
	struct findings f = {0};
	char *msg = NULL;

	rules_check(p, &f);
	findings_sort(&f);
	for (size_t i = 0; i < f.n && !msg; i++) {
		const struct finding *fd = &f.v[i];
		if (fd->severity != FINDING_ERROR || !fd->path || !under(fd->path, path) ||
		    waits_for_other_field(fd->code))
			continue;
		msg = fd->hint ? xasprintf("%s (%s)", fd->message, fd->hint) : xstrdup(fd->message);
	}
	findings_free(&f);
	return msg;
}
