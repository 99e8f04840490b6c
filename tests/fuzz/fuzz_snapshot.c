/* fuzz_snapshot: libFuzzer target for the inventory snapshot reader (inv_yaml_parse():
 * ytree's events, anchors and aliases, the objects taken while parsing). Any input must
 * give an inventory or an error, never a crash, a leak or a hang; an inventory that was
 * read must write YAML that reads back to the same inventory. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "inv.h"
#include "mem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct inv *a = inv_yaml_parse((const char *)data, size, "fuzz");
	if (!a) {
		MEM_ASSERT(err_msg()[0] != '\0');
		return 0;
	}
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	MEM_ASSERT(f != NULL);
	MEM_ASSERT(inv_yaml_emit(a, f, NULL) == 0);
	MEM_ASSERT(fclose(f) == 0);
	struct inv *b = inv_yaml_parse(text, len, "written");
	if (!b)
		mem_die("a written snapshot does not read back: %s\n%s", err_msg(), text);
	MEM_ASSERT(inv_equal(a, b));
	inv_free(b);
	inv_free(a);
	free(text);
	return 0;
}
