/* picker: the network picker's model (ui/netlist) at scale, without a terminal.
 *
 *     bench/picker [-n NETWORKS] [-r REPEATS] [-w WIDTH] [-h HEIGHT]
 *
 * Fills a netlist with NETWORKS (10,000) port groups shaped like a large vCenter's
 * (names with sites, tiers, VLANs; distributed, NSX and standard; a dozen switches),
 * then replays typing sessions: type a filter one key at a time, then erase it one
 * key at a time. Each keystroke is netlist_filter() with the new text followed by a
 * redraw's model work: the header and one screen of rows (HEIGHT rows at WIDTH
 * columns) through netlist_format() plus the role marks, as the picker draws them.
 * The redraw alone is also timed while paging through the whole list.
 *
 * Times are CPU time of this process (CLOCK_PROCESS_CPUTIME_ID), so other load on the
 * machine does not count. Output: key=value lines (milliseconds), read by bench/run.sh:
 *     networks=10000 load_ms=... key_median_ms=... key_p99_ms=... key_max_ms=...
 * and one "worst_key=..." line naming the slowest keystroke. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "netlist.h"

static double cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

struct samples {
	double *v;
	size_t n, cap;
	double worst;
	char worst_what[128];
};

static void add(struct samples *s, double ms, const char *what)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 1024;
		s->v = realloc(s->v, s->cap * sizeof *s->v);
		if (!s->v) {
			perror("picker");
			exit(1);
		}
	}
	s->v[s->n++] = ms;
	if (ms > s->worst) {
		s->worst = ms;
		snprintf(s->worst_what, sizeof s->worst_what, "%s", what);
	}
}

static double pct(struct samples *s, double p)
{
	if (s->n == 0)
		return 0;
	qsort(s->v, s->n, sizeof *s->v, cmp_double);
	size_t i = (size_t)(p * (double)(s->n - 1) + 0.5);
	return s->v[i];
}

static volatile size_t sink; /* keeps the formatted text alive for the compiler */

/* One redraw's model work: header, then height rows from top, with marks. */
static void redraw(const struct netlist *l, size_t top, int width, int height)
{
	char buf[512], line[600];
	netlist_header(width - 8, buf, sizeof buf);
	sink += strlen(buf);
	size_t n = netlist_count(l);
	for (size_t r = top; r < n && r < top + (size_t)height; r++) {
		const struct netlist_entry *e = netlist_row(l, r);
		netlist_format(e, width - 8, buf, sizeof buf);
		snprintf(line, sizeof line, "%s  %c%c%c%c %s", r == top ? ">" : " ",
			 e->marks & NETLIST_MARK_BRIDGE ? 'B' : ' ', e->marks & NETLIST_MARK_PUBLIC ? 'P' : ' ',
			 e->marks & NETLIST_MARK_CLIENT ? 'C' : ' ',
			 e->marks & NETLIST_MARK_MANAGEMENT ? 'M' : ' ', buf);
		sink += strlen(line);
	}
}

static const char *const sites[] = {"prod", "dev", "test", "stage", "dmz", "lab", "corp", "edge"};
static const char *const tiers[] = {"web", "app", "db", "cache", "mgmt", "backup", "vmotion",
				    "storage", "containers", "k8s", "bridge", "public"};
static const char *const switches[] = {"DSwitch-Prod", "DSwitch-Dev", "DSwitch-DMZ", "DSwitch-Lab",
				       "DVS-Edge-01", "DVS-Edge-02", "DVS-Core", "DVS-Storage",
				       "nsx-overlay", "vds-site-b", "vds-site-c", "vds-legacy"};

static void fill(struct netlist *l, int n)
{
	char name[128], id[32];
	for (int i = 0; i < n; i++) {
		struct netlist_entry e = {0};
		const char *site = sites[i % 8], *tier = tiers[(i / 8) % 12];
		int vlan = 2 + (i * 7) % 4000;
		switch (i % 10) {
		case 0:
			snprintf(name, sizeof name, "nsx-seg-%s-%s-%04d", site, tier, i);
			e.type = "NSX";
			e.vlan = -1;
			break;
		case 1:
			snprintf(name, sizeof name, "%s-%s-trunk-%04d", site, tier, i);
			e.type = "distributed";
			e.vlan = -2;
			break;
		case 2:
			snprintf(name, sizeof name, "VM Network %d", i);
			e.type = "standard";
			e.vlan = -1;
			break;
		default:
			snprintf(name, sizeof name, "%s-%s-vlan%d-%04d", site, tier, vlan, i);
			e.type = "distributed";
			e.vlan = vlan;
			break;
		}
		snprintf(id, sizeof id, "dvportgroup-%d", 1000 + i);
		e.name = name;
		e.id = id;
		e.sw = e.vlan == -1 && i % 10 == 2 ? NULL : switches[i % 12];
		e.hosts_total = 64;
		e.hosts = i % 97 == 0 ? 63 : 64;
		e.reason = i % 10 == 1 ? "a trunk cannot be the bridge network" : NULL;
		/* the Used by column, as the in-use facts fill it: most rows "-", some VMs,
		 * a few VCH bridges */
		char used[32];
		if (i % 50 == 7)
			snprintf(used, sizeof used, "vch-%02d (VCH)", i / 50);
		else if (i % 4 == 0)
			snprintf(used, sizeof used, "%d VMs", 1 + i % 37);
		else
			snprintf(used, sizeof used, "-");
		e.used_by = used;
		netlist_add(l, &e);
	}
	netlist_set_marks(l, 3, NETLIST_MARK_PUBLIC | NETLIST_MARK_CLIENT);
	netlist_set_marks(l, 13, NETLIST_MARK_MANAGEMENT);
}

/* Types text one key at a time, then erases it one key at a time. */
static void session(struct netlist *l, const char *text, int width, int height,
		    struct samples *keys, struct samples *filters)
{
	char buf[128];
	size_t len = strlen(text);
	for (size_t k = 1; k <= 2 * len; k++) {
		size_t cur = k <= len ? k : 2 * len - k;
		memcpy(buf, text, cur);
		buf[cur] = '\0';
		char what[160];
		double t0 = cpu_ms();
		netlist_filter(l, buf);
		double t1 = cpu_ms();
		redraw(l, 0, width, height);
		double t2 = cpu_ms();
		snprintf(what, sizeof what, "%s '%s' (%zu rows)", k <= len ? "typing" : "erasing to", buf,
			 netlist_count(l));
		add(keys, t2 - t0, what);
		add(filters, t1 - t0, what);
	}
}

int main(int argc, char **argv)
{
	int n = 10000, repeats = 20, width = 120, height = 40, opt;
	while ((opt = getopt(argc, argv, "n:r:w:h:")) != -1) {
		switch (opt) {
		case 'n': n = atoi(optarg); break;
		case 'r': repeats = atoi(optarg); break;
		case 'w': width = atoi(optarg); break;
		case 'h': height = atoi(optarg); break;
		default:
			fputs("usage: picker [-n NETWORKS] [-r REPEATS] [-w WIDTH] [-h HEIGHT]\n", stderr);
			return 2;
		}
	}
	if (n < 1 || repeats < 1 || width < 40 || height < 1) {
		fputs("picker: bad arguments\n", stderr);
		return 2;
	}

	double t0 = cpu_ms();
	struct netlist *l = netlist_new();
	fill(l, n);
	double load = cpu_ms() - t0;

	/* what users type: a site, a tier, a VLAN number, a switch, a miss */
	static const char *const texts[] = {"prod-web", "vlan120", "dswitch-dmz", "nsx-seg-lab",
					    "containers", "zzz-nothing", "dvs-edge-02", "d", "e"};
	struct samples keys = {0}, filters = {0}, draws = {0};
	for (int r = 0; r < repeats; r++)
		for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++)
			session(l, texts[t], width, height, &keys, &filters);

	/* redraw alone: page through the whole unfiltered list */
	netlist_filter(l, "");
	for (int r = 0; r < repeats; r++)
		for (size_t top = 0; top < netlist_count(l); top += (size_t)height) {
			double a = cpu_ms();
			redraw(l, top, width, height);
			add(&draws, cpu_ms() - a, "page");
		}

	/* a role change re-evaluates every row's reason and marks */
	double a = cpu_ms();
	for (size_t i = 0; i < netlist_total(l); i++) {
		netlist_set_reason(l, i, i % 10 == 1 ? "a trunk cannot be the bridge network" : NULL);
		netlist_set_marks(l, i, 0);
	}
	double role = cpu_ms() - a;

	printf("networks=%d\nwidth=%d\nheight=%d\nkeystrokes=%zu\n", n, width, height, keys.n);
	printf("load_ms=%.3f\n", load);
	printf("role_change_ms=%.3f\n", role);
	printf("key_median_ms=%.4f\nkey_p99_ms=%.4f\nkey_max_ms=%.4f\n", pct(&keys, 0.5),
	       pct(&keys, 0.99), keys.worst);
	printf("filter_median_ms=%.4f\nfilter_max_ms=%.4f\n", pct(&filters, 0.5), filters.worst);
	printf("redraw_median_ms=%.4f\nredraw_max_ms=%.4f\n", pct(&draws, 0.5), draws.worst);
	printf("worst_key=%s\n", keys.worst_what);
	netlist_free(l);
	free(keys.v);
	free(filters.v);
	free(draws.v);
	return sink == 0;
}
