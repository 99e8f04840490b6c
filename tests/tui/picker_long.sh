#!/bin/sh
# picker_long.sh: the bridge picker over 2,000 port groups (vcsim -pg 2000, VLANs 100
# up) at 80x24 — natural order (DC0_DVPG2 right after DC0_DVPG1, not DC0_DVPG10), the
# position ("1 of 2004", "3 of 1111 matching"), the filter by VLAN (vlan:201, a plain
# number), no suggestion where none is clear, and the choice kept while browsing far.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tui.sh"
. "$top_srcdir/tests/lib/vcsim.sh"
. "$top_srcdir/tests/tui/wizlib.sh"

tap_plan 12
wiz_home
vcsim_start -pg 2000 -pg-vlan-base 100 || { echo "Bail out! the simulator did not start"; exit 1; }

wiz_start
wiz_login
tui_wait "Untrusted certificate" 60
tui_keys Right Enter
tui_wait "Scope: where the VCH runs" 60; tap_ok $? "connected to a vCenter with 2,000 port groups"
tui_keys F10
tui_wait "Links the container VMs"
screen=$(tui_capture)
first=$(printf '%s\n' "$screen" | grep -o 'DC0_DVPG[0-9]*' | head -n 4 | tr '\n' ' ')
is "$first" "DC0_DVPG0 DC0_DVPG1 DC0_DVPG2 DC0_DVPG3 " "natural order: DVPG2 follows DVPG1"
total=$(printf '%s\n' "$screen" | sed -n 's/.* 1 of \([0-9]*\) *$/\1/p' | head -n1)
ok=1; [ -n "$total" ] && [ "$total" -ge 2000 ] && ok=0
tap_ok $ok "the position counts every network: 1 of $total"
like "$screen" "Chosen: none yet \(Enter on a row chooses\)" "2,000 candidates: nothing is suggested, nothing chosen"
tui_keys Down Down Down Down Down Down Down Down Down Down
tui_wait "11 of $total"
like "$(tui_capture)" "▸ +DC0_DVPG10 " "ten rows down is DVPG10"
tui_keys Enter
tui_wait "Chosen: DC0_DVPG10 (DVS0, VLAN 110)"; tap_ok $? "Enter chooses DVPG10"
tui_keys BTab End
tui_wait "$total of $total"
tui_keys PgUp PgUp Home
tui_wait "1 of $total"
like "$(tui_capture)" "Chosen: DC0_DVPG10 \(DVS0, VLAN 110\)" "browsing 2,000 rows keeps the choice"
tui_type "DVPG1"
tui_wait "1 of 1111 matching"; tap_ok $? "a name filter: the position among the matches"
tui_keys Down Down
tui_wait "3 of 1111 matching"; tap_ok $? "moving in the matches"
tui_keys Escape
tui_wait_gone "matching"
tui_type "vlan:201"
tui_wait "1 of 1 matching"; tap_ok $? "vlan:201 finds the one port group on VLAN 201"
like "$(tui_capture)" "DC0_DVPG101 " "DVPG101 is on VLAN 201"
tui_keys Escape
tui_wait_gone "matching"
like "$(tui_capture)" "Chosen: DC0_DVPG10 \(DVS0, VLAN 110\)" "clearing the filter keeps the choice"
tui_stop
tap_done
