/* findings: what the rules engine (and later the live pre-checks) found wrong with a plan.
 *
 * A finding has a severity, a stable short code (for tests, the wizard and scripts), the
 * plan key path it is about ("networks.client.gateway", "networks.container[1].alias",
 * 0-based index), the message (vic-machine's own text where it has one, marked by vic),
 * and a one-line hint saying how to fix it.
 *
 * struct findings owns its findings and their strings; findings_free() releases them and
 * leaves an empty list. A zeroed struct findings is an empty list. */
#ifndef VCHNET_FINDINGS_H
#define VCHNET_FINDINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct plan;

enum finding_severity {
	FINDING_ERROR,
	FINDING_WARNING
};

struct finding {
	enum finding_severity severity;
	char *code;     /* "bridge-shared", "role-ip-syntax", ... */
	char *path;     /* plan key path */
	char *message;  /* one line, no trailing period added */
	bool vic;       /* message is vic-machine's verbatim text */
	char *hint;     /* one line: how to fix it; may be NULL */
};

struct findings {
	struct finding *v;
	size_t n, cap;
};

void findings_free(struct findings *f);

/* Appends a finding; every string is copied. */
void findings_add(struct findings *f, enum finding_severity sev, const char *code,
		  const char *path, bool vic, const char *hint, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

size_t findings_count(const struct findings *f, enum finding_severity sev);
/* Stable: errors first, each group in the order found. */
void findings_sort(struct findings *f);
/* Errors first, each group in the order of the keys in the plan's file (findings about
 * keys the file lacks come last in their group, in the order found): what 'vchnet
 * check' prints, so the list reads top to bottom with the file. */
void findings_sort_file(struct findings *f, const struct plan *p);
/* The first finding with that code (and path, when path is not NULL), or NULL. */
const struct finding *findings_find(const struct findings *f, const char *code, const char *path);

const char *findings_severity_name(enum finding_severity sev); /* "error", "warning" */

/* One finding as text: "FILE:LINE:COL: error: message [code]" and, on the next line,
 * "    hint: ...". The position comes from plan_pos(p, path); without a known position the
 * line reads "FILE: error: message [code] (at PATH)". file may be NULL (no prefix).
 * Every part is sanitised (sanitize.h): the result is safe to print. It ends with a
 * newline and is owned by the caller. */
char *findings_format(const struct finding *fd, const struct plan *p, const char *file);
/* Prints every finding in list order, then "N error(s), M warning(s)" when summary. */
void findings_print(FILE *out, const struct findings *f, const struct plan *p,
		    const char *file, bool summary);

/* The whole story of one finding, for the wizards' findings view and plain mode:
 * "Error: MESSAGE", where it comes from (vic-machine's own words, or vchnet's reason
 * where vic-machine is silent), the plan key it is about with the wizard step that
 * edits it (step_title may be NULL), and the hint exactly as 'vchnet check' prints it.
 * Caller frees. */
char *findings_explain(const struct finding *fd, const char *step_title);

/* Hints that more than one place gives (the live pre-check's findings and the wizard's
 * refusal of a port group in its pickers): one wording, whatever face shows it. */
enum findings_hint_id {
	FINDINGS_HINT_UPLINK,        /* a DVS uplink port group chosen for a role */
	FINDINGS_HINT_DISTRIBUTED,   /* a standard port group where vCenter needs a DVPG/NSX */
	FINDINGS_HINT_BRIDGE_OWN,    /* the bridge shares its port group */
	FINDINGS_HINT_HOSTS_MISSING, /* a port group not on every host of the cluster */
	FINDINGS_HINT_VMOTION        /* public/client/management on a standard port group */
};
/* Static text. */
const char *findings_hint(enum findings_hint_id id);

/* A hint that fits what is wrong with an address typed as CIDR ("ADDRESS/PREFIX"):
 * a number above 255 ("the 4th number, 300, is above 255"), not four numbers, a
 * missing or bad prefix length, a host name, or (network true: a network address
 * such as a route or a range) host bits set ("10.2.0.5/16 is inside 10.2.0.0/16: write
 * the network address"). NULL when the text is a valid CIDR with nothing to say.
 * Caller frees. */
char *findings_address_hint(const char *text, bool network);

#endif
