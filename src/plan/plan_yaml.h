/* plan_yaml: reads and writes a plan as YAML (vchnet/v1, see vchnet-plan(5)).
 *
 * The reader checks structure and types only (unknown or duplicate keys, wrong types,
 * bad enum values, apiVersion and kind); whether the plan makes sense for vic-machine
 * (required port groups, addresses, ranges) is the rules engine's job. It records the
 * position of every key it read with plan_set_pos() ("networks.container[1].alias",
 * "networks.dns[0]", 1-based line and column) so that later findings can point into
 * the file.
 *
 * Ownership: *out is the caller's (plan_free()); strings appended to errors belong to
 * the list; plan_yaml_dump() returns a string the caller frees. */
#ifndef VCHNET_PLAN_YAML_H
#define VCHNET_PLAN_YAML_H

#include <stddef.h>
#include <stdio.h>

#include "plan.h"
#include "strv.h"

/* Bounds on hostile input: bigger files, longer scalars, deeper nesting and longer
 * lists are refused with an error. */
#define PLAN_YAML_MAX_BYTES (1024 * 1024)
#define PLAN_YAML_MAX_SCALAR 16384
#define PLAN_YAML_MAX_DEPTH 32
#define PLAN_YAML_MAX_ITEMS 256
/* At most this many errors are reported; then one more line says the rest were cut. */
#define PLAN_YAML_MAX_ERRORS 50

/* Reads a plan from a file. On success returns 0 and *out (free with plan_free()).
 * On failure returns -1, *out is NULL, every problem found is appended to errors (if not
 * NULL) as "FILE:LINE:COL: error: message" (1-based; "FILE: error: message" when the
 * file cannot be read at all), and err_msg() holds the first one. */
int plan_yaml_load(const char *path, struct plan **out, struct strv *errors);
/* plan_yaml_load() for the commands: the plan (free with plan_free()), or NULL after
 * printing every problem to f, one a line ("vchnet: " err_msg() if there is none). */
struct plan *plan_yaml_load_print(const char *path, FILE *f);
/* The same from memory; name is used in the messages in place of FILE. */
int plan_yaml_parse(const char *buf, size_t len, const char *name, struct plan **out,
		    struct strv *errors);
/* The plan as YAML text: the header comment, then the document. layout is the NIC layout
 * drawing (multi-line text, drawn by the caller with the layout module) written as a
 * comment block, or NULL for none. Returns a string the caller frees. The plan is not
 * changed: without generated_at the header carries the current time. */
char *plan_yaml_dump(const struct plan *p, const char *layout);
/* Writes plan_yaml_dump() atomically (temporary file, fsync, rename), mode 0600. */
int plan_yaml_save(const struct plan *p, const char *path, const char *layout);

#endif
