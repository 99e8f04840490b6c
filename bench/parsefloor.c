/* parsefloor: the least CPU a libxml2 client spends on an answer, for the benchmarks.
 *
 *     parsefloor [-r RUNS] FILE...
 *
 * Reads each FILE (a saved RetrievePropertiesEx answer: an inventory fetch makes two)
 * into memory, then RUNS times (5) push-parses them, one parser each, with libxml2 as
 * vchnet does (xmlParseChunk() in 16 KB pieces, curl's
 * buffer size, the same parser options) but with SAX callbacks that do nothing: no
 * tree, no model, no output. A run's CPU is that of all the files. Prints one line:
 *
 *     cpu_median=0.291 cpu_min=0.286 bytes=99190629 well_formed=1
 *
 * CPU is CLOCK_PROCESS_CPUTIME_ID around each parse. The simulator sends its answer
 * only once the whole of it is built, so this is work any libxml2-based client has
 * to do after the floor's last byte; bench/run.sh sets it beside the 50 ms target. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "benchutil.h"

static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
		     int nb_namespaces, const xmlChar **namespaces, int nb_attributes,
		     int nb_defaulted, const xmlChar **attributes)
{
	(void)ctx, (void)local, (void)prefix, (void)uri, (void)nb_namespaces, (void)namespaces;
	(void)nb_attributes, (void)nb_defaulted, (void)attributes;
}

static void on_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
	(void)ctx, (void)local, (void)prefix, (void)uri;
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
	(void)ctx, (void)ch, (void)len;
}

int main(int argc, char **argv)
{
	int runs = 5, opt;
	while ((opt = getopt(argc, argv, "r:")) != -1) {
		if (opt != 'r' || (runs = atoi(optarg)) < 1) {
			fprintf(stderr, "usage: parsefloor [-r RUNS] FILE\n");
			return 2;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "usage: parsefloor [-r RUNS] FILE...\n");
		return 2;
	}
	int nf = argc - optind;
	char **bufs = calloc((size_t)nf, sizeof *bufs);
	size_t *lens = calloc((size_t)nf, sizeof *lens), total = 0;
	if (!bufs || !lens) {
		fprintf(stderr, "parsefloor: out of memory\n");
		return 1;
	}
	for (int i = 0; i < nf; i++) {
		const char *name = argv[optind + i];
		size_t len;
		char *buf = bench_read_file(name, &len);
		if (!buf)
			return 1;
		bufs[i] = buf;
		lens[i] = len;
		total += len;
	}

	xmlSAXHandler sax;
	memset(&sax, 0, sizeof sax);
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = on_start;
	sax.endElementNs = on_end;
	sax.characters = on_text;
	sax.ignorableWhitespace = on_text;

	double *cpu = calloc((size_t)runs, sizeof *cpu);
	int well_formed = 1;
	for (int r = 0; r < runs && cpu; r++) {
		double t0 = bench_cpu_now();
		for (int i = 0; i < nf; i++) {
			const char *buf = bufs[i];
			size_t len = lens[i];
			xmlParserCtxt *ctxt = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, "answer.xml");
			if (!ctxt) {
				fprintf(stderr, "parsefloor: out of memory\n");
				return 1;
			}
			xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR |
							XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
			for (size_t off = 0; off < len; off += 16384)
				xmlParseChunk(ctxt, buf + off,
					      (int)(len - off < 16384 ? len - off : 16384), 0);
			xmlParseChunk(ctxt, NULL, 0, 1);
			well_formed = well_formed && ctxt->wellFormed;
			xmlFreeParserCtxt(ctxt);
		}
		cpu[r] = bench_cpu_now() - t0;
	}
	if (!cpu) {
		fprintf(stderr, "parsefloor: out of memory\n");
		return 1;
	}
	qsort(cpu, (size_t)runs, sizeof *cpu, bench_cmp_double);
	double median = runs % 2 ? cpu[runs / 2] : (cpu[runs / 2 - 1] + cpu[runs / 2]) / 2;
	printf("cpu_median=%.3f cpu_min=%.3f bytes=%zu files=%d well_formed=%d\n", median, cpu[0],
	       total, nf, well_formed);
	free(cpu);
	for (int i = 0; i < nf; i++)
		free(bufs[i]);
	free(bufs);
	free(lens);
	return well_formed ? 0 : 1;
}
