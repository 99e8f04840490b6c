#include "findings.h"

#include <ctype.h>
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

void findings_sort_file(struct findings *f, const struct plan *p)
{
	/* errors first; within each, by the key's place in the file (insertion sort:
	 * stable, and lists are short); keys not in the file keep their order, last */
	findings_sort(f);
	for (size_t i = 1; i < f->n; i++) {
		struct finding cur = f->v[i];
		struct plan_pos pc = cur.path[0] ? plan_pos(p, cur.path) : (struct plan_pos){0, 0};
		size_t j = i;
		while (j > 0) {
			const struct finding *prev = &f->v[j - 1];
			struct plan_pos pp = prev->path[0] ? plan_pos(p, prev->path) : (struct plan_pos){0, 0};
			bool before = prev->severity == cur.severity && pc.line > 0 &&
				      (pp.line == 0 || pc.line < pp.line ||
				       (pc.line == pp.line && pc.col < pp.col));
			if (!before)
				break;
			f->v[j] = f->v[j - 1];
			j--;
		}
		f->v[j] = cur;
	}
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

char *findings_explain(const struct finding *fd, const char *step_title)
{
	const char *sev = fd->severity == FINDING_ERROR ? "Error" : "Warning";
	char *where, *out;

	if (fd->path && fd->path[0])
		where = xasprintf("It is about %s%s%s%s.", fd->path, step_title ? " (the " : "",
				  step_title ? step_title : "", step_title ? " step)" : "");
	else
		where = xstrdup("It is about the plan as a whole.");
	out = xasprintf("%s: %s\n\n%s %s\n\nHow to fix it: %s\n\n[%s]",
			sev, fd->message,
			fd->vic ? "These are vic-machine's own words: vic-machine create would "
				  "stop with this message."
				: "vic-machine says nothing here; this is vchnet's own check.",
			where, fd->hint && fd->hint[0] ? fd->hint : "(no hint)", fd->code);
	free(where);
	return out;
}

const char *findings_hint(enum findings_hint_id id)
{
	switch (id) {
	case FINDINGS_HINT_UPLINK:
		return "choose a port group for virtual machines, not the switch's uplinks";
	case FINDINGS_HINT_DISTRIBUTED:
		return "choose a distributed port group or an NSX network";
	case FINDINGS_HINT_BRIDGE_OWN:
		return "give the bridge its own port group";
	case FINDINGS_HINT_HOSTS_MISSING:
		return "add the missing hosts to the switch (or network), or choose a port group "
		       "every host of the compute resource has";
	case FINDINGS_HINT_VMOTION:
		return "choose a distributed port group (or an NSX network) for it, so that "
		       "vMotion and DRS can move the VCH between hosts";
	}
	return "";
}

static const char *ordinal(int i)
{
	static const char *const o[] = {"1st", "2nd", "3rd", "4th"};
	return i >= 0 && i < 4 ? o[i] : "next";
}

char *findings_address_hint(const char *text, bool network)
{
	const char *slash = strchr(text, '/'), *p = text;
	size_t alen = slash ? (size_t)(slash - text) : strlen(text);
	char *addr = xstrndup(text, alen), *out = NULL;
	long oct[4];
	int n = 0;
	bool alpha = false, digits_only = true;

	for (const char *q = addr; *q; q++) {
		alpha |= isalpha((unsigned char)*q) != 0;
		if (!isdigit((unsigned char)*q) && *q != '.')
			digits_only = false;
	}
	if (strchr(addr, ':')) {
		free(addr);
		return xstrdup("vic-machine takes only IPv4 here: write ADDRESS/PREFIX, e.g. 10.0.0.5/24");
	}
	if (alpha && !slash) {
		free(addr);
		return xstrdup("vic-machine takes no host names here (whatever its docs say): "
			       "write ADDRESS/PREFIX, e.g. 10.0.0.5/24");
	}
	/* the four numbers */
	p = addr;
	while (digits_only && n < 5) {
		char *end;
		long v;
		if (!isdigit((unsigned char)*p))
			break;
		v = strtol(p, &end, 10);
		if (n < 4)
			oct[n] = v;
		n++;
		p = end;
		if (*p != '.')
			break;
		p++;
	}
	if (!digits_only || n != 4 || *p) {
		out = xasprintf("\"%s\" is not an IPv4 address: write four numbers from 0 to 255 "
				"separated by dots, then the prefix length, e.g. 10.0.0.5/24", addr);
		goto done;
	}
	for (int i = 0; i < 4; i++)
		if (oct[i] > 255) {
			out = xasprintf("the %s number of %s, %ld, is above 255: each of the four "
					"numbers of an IPv4 address is 0 to 255",
					ordinal(i), addr, oct[i]);
			goto done;
		}
	if (!slash) {
		out = xasprintf("add the prefix length, e.g. %s/24", addr);
		goto done;
	}
	{
		char *end;
		long pre = strtol(slash + 1, &end, 10);
		if (!isdigit((unsigned char)slash[1]) || *end || pre > 32) {
			out = xasprintf("the prefix length after '/' is a number from 0 to 32 (24 for "
					"a 255.255.255.0 mask), e.g. %s/24", addr);
			goto done;
		}
		if (network && pre < 32) {
			unsigned long ip = (unsigned long)oct[0] << 24 | (unsigned long)oct[1] << 16 |
					   (unsigned long)oct[2] << 8 | (unsigned long)oct[3];
			unsigned long mask = pre ? (0xffffffffUL << (32 - pre)) & 0xffffffffUL : 0;
			if (ip & ~mask & 0xffffffffUL) {
				unsigned long net = ip & mask;
				out = xasprintf("%s has host bits set: the network it is in is "
						"%lu.%lu.%lu.%lu/%ld; write that network address",
						text, net >> 24, net >> 16 & 255, net >> 8 & 255,
						net & 255, pre);
			}
		}
	}
done:
	free(addr);
	return out;
}
