/* benchutil: what the bench's floor programs (parsefloor, yamlfloor) share: the
 * process's CPU clock, a comparison for qsort() of doubles, and reading a whole file.
 * Header-only: each program is one file and links nothing of vchnet's. */
#ifndef VCHNET_BENCHUTIL_H
#define VCHNET_BENCHUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* seconds of CPU this process has used */
static inline double bench_cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static inline int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The whole of file name (malloc'd, *len bytes), or NULL after saying why on stderr. */
static inline char *bench_read_file(const char *name, size_t *len)
{
	FILE *f = fopen(name, "rb");
	if (!f) {
		perror(name);
		return NULL;
	}
	size_t cap = 1 << 20, n;
	char *buf = malloc(cap);
	*len = 0;
	while (buf && (n = fread(buf + *len, 1, cap - *len, f)) > 0) {
		*len += n;
		if (*len == cap) {
			char *more = realloc(buf, cap *= 2);
			if (!more)
				free(buf);
			buf = more;
		}
	}
	fclose(f);
	if (!buf)
		fprintf(stderr, "%s: out of memory\n", name);
	return buf;
}

#endif
