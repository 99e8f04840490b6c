/* libFuzzer target: the SOAP response parser and the inventory result parser, the
 * code that reads whatever a (possibly hostile) server sends. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "inv.h"
#include "soap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	xmlDoc *doc = soap_parse((const char *)data, size);
	if (doc) {
		struct soap_fault f;
		if (soap_fault_parse(doc, &f))
			soap_fault_free(&f);
		xmlFreeDoc(doc);
	}
	struct inv *inv = inv_new();
	char *token = NULL;
	if (inv_fetch_parse(inv, (const char *)data, size, &token) == 0)
		inv_finish(inv);
	free(token);
	inv_free(inv);
	return 0;
}
