#!/bin/bash
# firewall_fix.sh: "vchnet firewall --fix" against tests/vcsim: it refuses without a
# terminal or --yes, enables vic-engine (or vSPC where vic-engine does not exist, and
# says which), re-checks and reports what is really enabled, leaves RESTRICTED hosts
# alone unless --allow-all-ips, skips hosts that do not mount the image datastore,
# and a second run changes nothing. Checked over SOAP, not only through our output.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/vcsim.sh"
. "$top_srcdir/tests/integration/firewall_lib.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/fw_fix.XXXXXX")
trap 'rm -rf "$work"' EXIT
H0=DC0_C0_H0 H1=DC0_C0_H1 H2=DC0_C0_H2 H3=DC0_C0_H3

PLAN=$work/plan.yaml
fw_plan "$PLAN"
static_plan() {
	fw_plan "$1" '  bridge:' '    portGroup: DC0_DVPG0' '  public:' '    portGroup: VM Network' \
		"    ip: $2/24"
}
static_plan "$work/out.yaml" 192.168.7.3

# enabled_matching HOST: keys of the enabled rulesets covering 2377, over SOAP.
enabled_matching() {
	vcsim_firewall_table "$1" | awk '$2 == "true" && $3 == "match" { printf "%s ", $1 }' | sed 's/ $//'
}

# ---- the stock firewall (nothing open), 4 hosts, #3 without the image datastore
vcsim_start -host 4 -ds-hosts 'LocalDS_0=#0,#1,#2' ||
	{ echo "Bail out! the simulator did not start"; exit 1; }
vcsim_login || { echo "Bail out! login failed"; exit 1; }

vch firewall --fix "$PLAN"
is "$rc" 2 "--fix without a terminal and without --yes: refused (exit 2)"
like "$out" 'no terminal to ask for confirmation on; rerun with --yes' "the refusal says why and what to do"
like "$out" 'DC0_C0_H0: enable ruleset vic-engine' "the plan of changes is shown first"
is "$(vcsim_count EnableRuleset)" 0 "nothing was changed"

vch firewall --fix --yes "$PLAN"
is "$rc" 0 "--fix --yes: exit 0"
like "$out" '### WARNING ### --fix changes the firewall of 3 hosts' "three hosts change"
like "$out" 'DC0_C0_H1: ruleset vic-engine enabled; now OK' "per host: the ruleset really enabled, after a re-check"
is "$(vcsim_count EnableRuleset)" 3 "three EnableRuleset calls"
for h in $H0 $H1 $H2; do
	is "$(enabled_matching $h)" vic-engine "$h: vic-engine is enabled (SOAP)"
done
is "$(enabled_matching $H3)" "" "$H3 (no image datastore) was not touched"
unlike "$out" 'DC0_C0_H3: ruleset' "and no change is reported for it"

vch firewall "$PLAN"
is "$rc" 0 "check after --fix: exit 0"
like "$out" '3 hosts: 3 OK, 0 BLOCKED' "check after --fix is clean"

vch check "$PLAN"
unlike "$out" 'firewall-' "vchnet check has no firewall finding any more"
like "$out" 'firewall: 3 hosts checked: those of /DC0/host/DC0_C0 that mount the image datastore LocalDS_0 .*\(skipped: DC0_C0_H3: does not mount LocalDS_0\)' \
	"vchnet check says which hosts the firewall check covered"

before=$(vcsim_count EnableRuleset)
vch firewall --fix "$PLAN"
is "$rc" 0 "a second --fix: exit 0, without --yes (nothing to ask)"
like "$out" 'Nothing to change' "a second --fix changes nothing"
is "$(vcsim_count EnableRuleset)" "$before" "no EnableRuleset the second time"
vcsim_stop

# ---- no vic-engine ruleset (ESXi 6.5): the fix falls back to vSPC and says so
vcsim_start -host 3 -add-vic-engine-ruleset=false ||
	{ echo "Bail out! the simulator did not start"; exit 1; }
vcsim_login || { echo "Bail out! login failed"; exit 1; }
vch firewall "$PLAN"
like "$out" 'fix: enable ruleset vSPC on DC0_C0_H0 \(vchnet firewall --fix\): vic-engine does not exist' \
	"without vic-engine the fix line names vSPC"
vch firewall --fix --yes "$PLAN"
is "$rc" 0 "--fix with the fallback: exit 0"
like "$out" 'DC0_C0_H0: enable ruleset vSPC \(vic-engine does not exist on this host' \
	"the plan says vSPC, and why"
like "$out" 'DC0_C0_H2: ruleset vSPC enabled \(vSPC: all outbound tcp, because vic-engine is not there\); now OK' \
	"the report names vSPC, not vic-engine"
unlike "$out" 'ruleset vic-engine enabled' "vic-engine is never claimed"
for h in $H0 $H1 $H2; do
	is "$(enabled_matching $h)" vSPC "$h: vSPC is enabled (SOAP)"
done
vch firewall --fix "$PLAN"
like "$out" 'Nothing to change' "the fallback is idempotent too"
vcsim_stop

# ---- restricted hosts are not opened to all IPs silently
vcsim_start -host 3 -scenario mixed ||
	{ echo "Bail out! the simulator did not start"; exit 1; }
vcsim_login || { echo "Bail out! login failed"; exit 1; }
vch firewall --fix --yes "$work/out.yaml"
is "$rc" 1 "--fix without --allow-all-ips leaves the RESTRICTED host: exit 1"
like "$out" 'DC0_C0_H2: NOT changed: it is RESTRICTED because its ruleset vic-engine allows only some IPs' \
	"the RESTRICTED host is explained"
like "$out" 'rerun with --allow-all-ips' "and the explicit flag is named"
like "$out" 'DC0_C0_H1: ruleset vic-engine enabled; now OK' "the BLOCKED host is fixed"
is "$(enabled_matching $H2)" vic-engine "$H2 still has only its restricted vic-engine (SOAP)"
vch firewall --fix --yes --allow-all-ips "$work/out.yaml"
is "$rc" 0 "--allow-all-ips: exit 0"
like "$out" 'DC0_C0_H2: enable ruleset vSPC \(vic-engine is enabled but limited to its allowed IPs; vSPC opens ALL outbound tcp ports' \
	"the choice of vSPC is explained"
like "$out" 'DC0_C0_H2: ruleset vSPC enabled' "vSPC is enabled on the RESTRICTED host"
like "$out" '3 hosts: 3 OK' "every host OK afterwards"
vch firewall --fix --yes --allow-all-ips "$work/out.yaml"
like "$out" 'Nothing to change' "idempotent with --allow-all-ips"

vch firewall --yes "$PLAN"
is "$rc" 2 "--yes without --fix is a usage error"
vch firewall --fix --inventory "$work/x.yaml" "$PLAN"
is "$rc" 2 "--fix with --inventory is a usage error"
vcsim_stop

tap_done
