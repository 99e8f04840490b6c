/* planbuild: plans for the unit tests of the rules, layout and render modules, built in
 * C (no YAML reader involved) from "key=value" settings:
 *   metadata.name=vch-01   vic.version=1.3   target.url=...   tls.mode=tlsverify
 *   networks.bridge.portGroup=pg   networks.bridge.width=24
 *   networks.client.ip=10.0.0.5/24   networks.client.routes=10.1.0.0/16|10.2.0.0/16
 *   networks.dns=10.0.0.2|10.0.0.3   networks.container[0].ipRanges=a|b
 *   proxy.noProxy=a|b
 * Lists are separated by '|'; "~" as a value unsets the key; a list value "" is an
 * empty list, '' a list of one empty item. Setting a client/management key marks the section present.
 * The plan is the caller's (plan_free()). */
#ifndef VCHNET_TEST_PLANBUILD_H
#define VCHNET_TEST_PLANBUILD_H

#include "plan.h"

/* A complete plan that passes check --offline: vch-01, VIC 1.2, full target,
 * no-tlsverify, bridge vch-bridge, public "VM Network" (DHCP). */
struct plan *pb_base(void);
/* Applies the settings (NULL-terminated); aborts the test program on an unknown key. */
void pb_set(struct plan *p, const char *const *settings);
/* pb_base() then pb_set(). */
struct plan *pb_make(const char *const *settings);

/* Compares got with the golden file tests/golden/AREA/NAME.txt under $top_srcdir (a
 * cmocka failure naming both when they differ); VCHNET_REGEN_GOLDEN=1 rewrites the file
 * instead. For the layout and render tests. */
void pb_golden(const char *area, const char *name, const char *got);

#endif
