/* steps: the one table of the wizard's screens, in order. A step without a screen in
 * this build is NULL here, and the wizard skips it. */
#include "screens.h"

const struct step_def *const steps_table[WIZARD_STEP_COUNT] = {
	[WIZARD_CONNECT] = &step_connect,
	[WIZARD_SCOPE] = &step_scope,
	[WIZARD_BRIDGE] = &step_bridge,
	[WIZARD_PUBLIC] = &step_public,
	[WIZARD_CLIENT] = &step_client,
	[WIZARD_MANAGEMENT] = &step_management,
	[WIZARD_CONTAINERS] = &step_containers,
	[WIZARD_LAYOUT] = &step_layout,
	[WIZARD_FIREWALL] = &step_firewall,
	[WIZARD_REVIEW] = &step_review,
};

unsigned steps_available(void)
{
	unsigned bits = 0;

	for (int s = 0; s < WIZARD_STEP_COUNT; s++)
		if (steps_table[s])
			bits |= WIZARD_STEP_BIT(s);
	return bits;
}
