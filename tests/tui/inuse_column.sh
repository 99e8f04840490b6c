#!/bin/bash
# inuse_column.sh: the wizard shows who already uses each network. At 80x24 and 120x40
# against the demo inventory (an existing VCH vch-02 on vch-02-bridge, VMs on
# Prod-VLAN100): the Used by column, the existing VCH's bridge refused for the bridge
# with the reason, and the line under the list naming a row's users. Then an inventory
# whose only distributed port group is another VCH's bridge: the bridge step offers
# "Create a new bridge port group", and the saved plan has networks.bridge.create with
# a VLAN the switch does not use.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tui.sh"
. "$top_srcdir/tests/lib/vcsim.sh"
. "$top_srcdir/tests/tui/wizlib.sh"

tap_plan 15
wiz_home
vcsim_start -preset demo || { echo "Bail out! the simulator did not start"; exit 1; }

check_size() { # COLS LINES
	wiz_start -x "$1" -y "$2"
	wiz_connect
	tui_keys F10
	tui_wait "Links the container VMs"
	local s
	s=$(tui_capture)
	like "$s" "Network +Type +VLAN +Hosts +Used by" "$1x$2: the bridge list has a Used by column"
	like "$s" "vch-02-bridge +dvpg +203 +2/2 +vch-02 \\(VCH\\)" "$1x$2: the existing VCH's bridge: vch-02 (VCH)"
	like "$s" "Prod-VLAN100 +dvpg +100 +2/2 +4 VMs" "$1x$2: a port group with VMs: 4 VMs"
	# the highlighted existing bridge: refused, with whose it is
	tui_type "vch-02-"
	tui_wait "Cannot use vch-02-bridge"
	like "$(tui_capture)" "Cannot use vch-02-bridge: it is the bridge network of VCH" "$1x$2: the reason line names the VCH"
	tui_keys Escape
	tui_wait_gone "Filter:"
	wiz_next
	tui_wait "Public network"
	tui_type "VLAN100"
	tui_wait "is used by 4 VMs"
	like "$(tui_capture)" "Prod-VLAN100 is used by 4 VMs \\(" "$1x$2: the line under the list names who uses the row"
	tui_stop
}

check_size 80 24
check_size 120 40
vcsim_stop

# the only distributed port group is another VCH's bridge
vcsim_start -pg 1 -nsx 0 -pg-vlan-base 40 -vch 'vch-02:bridge=DC0_DVPG0,public=VM Network' ||
	{ echo "Bail out! the simulator did not start"; exit 1; }
wiz_start
wiz_connect
tui_keys F10
tui_wait "Create a new bridge port group"
s=$(tui_capture)
like "$s" "\\[ \\] Create a new bridge port group" "no free port group: the bridge step offers to create one"
like "$s" "DC0_DVPG0 +dvpg +40 +3/3 +vch-02 \\(VCH\\)" "... above the list, whose only port group is vch-02's bridge"
like "$s" "creates vch-01-bridge on DVS0, VLAN 41" "... with a VLAN the switch does not use"
tui_keys Space
tui_wait "will be created on DVS0"
tui_keys F10
tui_wait "Public network"
tui_keys C-s
tui_wait "Saved to"
plan=$(cat "$wiz_dir/work/vch-01.yaml" 2>&1)
like "$plan" 'portGroup: "vch-01-bridge"' "the plan's bridge is the new port group"
like "$plan" 'create: \{switch: "DVS0", vlan: 41\}' "networks.bridge.create with the switch and VLAN"
tui_stop
tap_done
