#!/bin/bash
# deploy_bridge.sh: vchnet deploy creates the bridge port group the plan asks for
# (networks.bridge.create) on the right switch with the right VLAN, checked through
# the simulator's API; --dry-run creates nothing; a second run finds and reuses it; a
# network of that name elsewhere or another VLAN stops the deploy before vic-machine.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/vcsim.sh"
. "$top_srcdir/tests/integration/deploy_lib.sh"

tap_plan 24

deploy_setup
vcsim_login "$DEPLOY_USER" "$DEPLOY_PASSWORD" || { echo "Bail out! cannot log in"; exit 1; }
sw=$(vcsim_info_line switches DVS0 | sed -n 's/.*"moref":"[A-Za-z]*:\([^"]*\)".*/\1/p')
[ -n "$sw" ] || { echo "Bail out! no DVS0 in the simulator"; exit 1; }

plan=$work/plan.yaml
deploy_plan "$plan" "portGroup: vch-bridge-42" "create: {switch: DVS0, vlan: 42}"

# --dry-run: every step, the command, and no change
out=$("$VCHNET" deploy "$plan" --dry-run 2>&1)
rc=$?
is "$rc" 0 "--dry-run exits 0"
like "$out" "would create the distributed port group vch-bridge-42 on switch DVS0 with VLAN 42" \
	"--dry-run says it would create the port group"
like "$out" "vic-machine-linux create" "--dry-run prints the vic-machine command"
like "$out" "Dry run: nothing was changed" "--dry-run says nothing was changed"
is "$(deploy_pg_line vch-bridge-42)" "" "after --dry-run the port group does not exist (API)"
is "$(vcsim_count AddDVPortgroup_Task)" 0 "--dry-run sent no AddDVPortgroup_Task"
is "$(head -1 "$FAKE_VIC_ARGV_FILE")" version "--dry-run ran only 'vic-machine version'"

# the real thing
out=$("$VCHNET" deploy "$plan" --yes 2>&1)
rc=$?
is "$rc" 0 "deploy --yes exits 0"
like "$out" "created dvportgroup-[0-9]+ on switch DVS0 with VLAN 42 .*verified" \
	"the creation is reported and verified"
line=$(deploy_pg_line vch-bridge-42)
like "$line" "type=\"[A-Za-z]*DistributedVirtualSwitch\">$sw</val>" \
	"the port group is on DVS0 ($sw) (API)"
like "$line" "VmwareDistributedVirtualSwitchVlanIdSpec\"><inherited>false</inherited><vlanId>42</vlanId>" \
	"the port group has VLAN 42 (API)"
is "$(sed -n '/^--bridge-network$/{n;p}' "$FAKE_VIC_ARGV_FILE")" \
	"vch-bridge-42" "vic-machine create got the new bridge port group"
like "$out" "created the distributed port group vch-bridge-42 .* on switch DVS0 with VLAN 42" \
	"the result lists the change made"
adds=$(vcsim_count AddDVPortgroup_Task)

# again: found and reused
out=$("$VCHNET" deploy "$plan" --yes 2>&1)
rc=$?
is "$rc" 0 "a second deploy exits 0"
like "$out" "vch-bridge-42 exists on switch DVS0 with VLAN 42: reused" "the second run reuses it"
is "$(vcsim_count AddDVPortgroup_Task)" "$adds" "the second run sent no AddDVPortgroup_Task"

# the same name with another VLAN: refused before vic-machine runs
rm -f "$FAKE_VIC_ARGV_FILE"
deploy_plan "$plan" "portGroup: vch-bridge-42" "create: {switch: DVS0, vlan: 43}"
out=$("$VCHNET" deploy "$plan" --yes 2>&1)
rc=$?
is "$rc" 1 "another VLAN for an existing port group fails"
like "$out" "exists on switch DVS0 with VLAN 42, but the plan asks for VLAN 43" \
	"the message names both VLANs"
is "$(cat "$FAKE_VIC_ARGV_FILE")" version "vic-machine create did not run"

# a network of that name elsewhere (the standard network "VM Network"): refused by
# the live check, which knows it is no distributed port group
DEPLOY_PUBLIC=DC0_DVPG2 deploy_plan "$plan" "portGroup: VM Network" "create: {switch: DVS0, vlan: 5}"
out=$("$VCHNET" deploy "$plan" --yes 2>&1)
rc=$?
is "$rc" 1 "a bridge name that exists elsewhere fails"
like "$out" '"VM Network" is not a Distributed Port Group or an Opaque Network' \
	"the message says what the other one is"
is "$(vcsim_count AddDVPortgroup_Task)" "$adds" "nothing was created for it"

# a port group of the simulator's own, VLAN 0 as asked: reused
deploy_plan "$plan" "portGroup: DC0_DVPG3" "create: {switch: DVS0, vlan: 0}"
out=$("$VCHNET" deploy "$plan" --yes 2>&1)
rc=$?
is "$rc" 0 "deploy with an existing port group of the same VLAN exits 0"
like "$out" "DC0_DVPG3 exists on switch DVS0 with VLAN 0: reused" "an existing port group is reused"

tap_done
