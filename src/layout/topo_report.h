/* topo_report: the review report of a plan, one self-contained HTML file for a change
 * ticket.
 *
 * It holds the topology drawing (topo_svg.h, inline), the plan's choices in tables,
 * every finding of the offline rules (and of the live checks, with their time, when they
 * ran), the per-host firewall table, the exact vic-machine command (render.h) and the
 * plan text. No JavaScript, no external reference (style inline, no fonts, images or
 * links fetched), printable on A4 (print CSS). Every outside text is HTML-escaped.
 * topo_report_html() is pure; topo_report_save() writes the report beside a saved plan. */
#ifndef VCHNET_TOPO_REPORT_H
#define VCHNET_TOPO_REPORT_H

struct layout_topo;
struct plan;

struct topo_report_in {
	const struct plan *plan;
	const struct layout_topo *topo; /* its problems are the findings listed */
	const char *plan_file;          /* shown as the source; may be NULL */
	const char *plan_text;          /* the plan as a file; may be NULL */
	const char *generated_at;       /* "2026-12-05 21:40 UTC" */
};

/* The HTML document. Caller frees. */
char *topo_report_html(const struct topo_report_in *in);

struct layout_inputs;

/* The report of plan p, saved at plan_path, written beside it (PLAN.yaml -> PLAN.html,
 * mode 0600) from the model built with in (its findings, lookup, firewall report).
 * Returns the report's path (caller frees), or NULL with err_set(). */
char *topo_report_save(const struct plan *p, const char *plan_path, const struct layout_inputs *in);
/* PLAN.yaml or PLAN.yml -> PLAN.html; any other name gets .html appended. Caller frees. */
char *topo_report_path(const char *plan_path);

#endif
