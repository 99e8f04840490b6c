/* rules: judges a plan offline, as vic-machine create would (parse phase and the
 * network part of its validation phase), plus warnings where vic-machine is silent.
 * See doc/vic-networking.md, "What vic-machine refuses"; messages are vic-machine's
 * verbatim where it has one.
 *
 * Pure and fast: no I/O, a few small allocations; the wizard runs it on every cursor
 * move. Everything returned points into the plan (borrowed) or into the result struct. */
#ifndef VCHNET_RULES_H
#define VCHNET_RULES_H

#include <stdbool.h>

#include "findings.h"
#include "plan.h"

enum {
	/* target.url, datacenter, computeResource and imageStore missing are errors
	 * (render, deploy) instead of warnings (check --offline). A missing
	 * target.username is a warning either way (vic-machine reads VIC_MACHINE_USER). */
	RULES_TARGET_REQUIRED = 1u << 0,
};

/* Appends the findings about p to *out (not sorted: call findings_sort()). Returns the
 * number of errors found. */
int rules_check(const struct plan *p, struct findings *out);
int rules_check_ex(const struct plan *p, struct findings *out, unsigned flags);

#endif
