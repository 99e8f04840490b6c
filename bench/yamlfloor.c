/* yamlfloor: the least CPU a libyaml reader spends on a snapshot, for the benchmarks.
 *
 *     yamlfloor [-r RUNS] FILE
 *
 * Reads FILE (a saved inventory snapshot) into memory, then RUNS times (5) walks it
 * with libyaml's event parser (yaml_parser_parse(), as src/vsphere/ytree.c does) and
 * drops every event: no tree, no model, no check. Prints one line:
 *
 *     cpu_median=0.531 cpu_min=0.520 bytes=18752699 events=2351748 ok=1
 *
 * CPU is CLOCK_PROCESS_CPUTIME_ID around each walk. bench/run.sh sets it beside the
 * target of "vchnet check --inventory": what is left for everything else. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <yaml.h>

#include "benchutil.h"

/* the number of events, or -1 when libyaml refuses the text */
static long walk(const char *buf, size_t len)
{
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		return -1;
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	long n = 0;
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev)) {
			n = -1;
			break;
		}
		n++;
		int end = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		if (end)
			break;
	}
	yaml_parser_delete(&p);
	return n;
}

int main(int argc, char **argv)
{
	int runs = 5, opt;
	while ((opt = getopt(argc, argv, "r:")) != -1) {
		if (opt != 'r' || (runs = atoi(optarg)) < 1) {
			fprintf(stderr, "usage: yamlfloor [-r RUNS] FILE\n");
			return 2;
		}
	}
	if (optind + 1 != argc) {
		fprintf(stderr, "usage: yamlfloor [-r RUNS] FILE\n");
		return 2;
	}
	size_t len;
	char *buf = bench_read_file(argv[optind], &len);
	if (!buf)
		return 1;
	double *cpu = calloc((size_t)runs, sizeof *cpu);
	if (!buf || !cpu) {
		fprintf(stderr, "yamlfloor: out of memory\n");
		return 1;
	}
	long events = 0;
	for (int r = 0; r < runs; r++) {
		double t0 = bench_cpu_now();
		events = walk(buf, len);
		cpu[r] = bench_cpu_now() - t0;
	}
	qsort(cpu, (size_t)runs, sizeof *cpu, bench_cmp_double);
	double median = runs % 2 ? cpu[runs / 2] : (cpu[runs / 2 - 1] + cpu[runs / 2]) / 2;
	printf("cpu_median=%.3f cpu_min=%.3f bytes=%zu events=%ld ok=%d\n", median, cpu[0], len,
	       events, events > 0);
	free(cpu);
	free(buf);
	return events > 0 ? 0 : 1;
}
