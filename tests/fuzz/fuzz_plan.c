/* fuzz_plan: libFuzzer target for the plan reader. Any input must give a plan or a list
 * of errors, never a crash, a leak or a hang; a plan that was read must dump to YAML
 * that reads back to the same plan and dumps to the same bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "plan.h"
#include "plan_yaml.h"
#include "strv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strv errors = {0};
	struct plan *p = NULL, *q = NULL;

	if (plan_yaml_parse((const char *)data, size, "fuzz", &p, &errors) == 0) {
		char *a, *b;
		MEM_ASSERT(errors.n == 0);
		if (!p->generated_at)
			p->generated_at = xstrdup("2026-01-01T00:00:00Z");
		a = plan_yaml_dump(p, "layout\nline");
		if (plan_yaml_parse(a, strlen(a), "dump", &q, NULL) != 0)
			mem_die("a dumped plan does not read back:\n%s", a);
		MEM_ASSERT(plan_equal(p, q));
		b = plan_yaml_dump(q, "layout\nline");
		MEM_ASSERT(strcmp(a, b) == 0);
		free(a);
		free(b);
		plan_free(q);
		plan_free(p);
	} else {
		MEM_ASSERT(p == NULL && errors.n > 0);
	}
	strv_free(&errors);
	return 0;
}
