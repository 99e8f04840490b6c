#!/bin/sh
# findings_view.sh: at 80x24 every finding can be read whole with the hint 'vchnet
# check' prints — F1 on a step with errors opens the findings view (wrapped, never
# clipped) — and a one-key fix (four NICs under VIC 1.2 -> Set VIC version to 1.3)
# changes the plan as the screen would, leaving a plan 'vchnet check --offline' accepts.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tui.sh"
. "$top_srcdir/tests/lib/vcsim.sh"
. "$top_srcdir/tests/tui/wizlib.sh"

tap_plan 17
wiz_home
vcsim_start -preset demo || { echo "Bail out! the simulator did not start"; exit 1; }

wiz_start
wiz_connect; tap_ok $? "connected to the demo vCenter"
tui_keys F10
tui_wait "Links the container VMs to the VCH"
tui_type "vch-bridge-01"
tui_keys Enter F10
tui_wait "Connects the VCH to the outside"

# a bad octet: the whole vic-machine message and the hint that fits (not the prefix one)
tui_type "Prod-VLAN100"
tui_keys Enter
tui_wait "Prod-VLAN100: distributed port group"
tui_keys Right Tab
tui_type "192.168.100.256/24"
tui_wait "192.168.100.256/24"
tui_keys F1
tui_wait "Findings: Public network"; tap_ok $? "F1 on a step with an error opens its findings"
scr=$(tui_capture | tr -s ' \n│' ' ')
like "$scr" "Error: Failed to parse the provided public network IP address 192\.168\.100\.256/24: invalid CIDR address: 192\.168\.100\.256/24" \
	"the whole vic-machine message, wrapped, not cut"
like "$scr" "How to fix it: the 4th number of 192\.168\.100\.256, 256, is above 255" \
	"the hint that fits the mistake (the octet)"
like "$scr" "networks\.public\.ip \(the Public network step\)" "the plan key it is about"
unlike "$scr" "…" "nothing cut"
tui_keys Escape
tui_wait_gone "Findings: Public network"
# a missing prefix: the hint and its one-key fix
tui_keys C-u
tui_type "10.0.0.5"
tui_wait "10.0.0.5"
tui_keys F1
tui_wait "Findings: Public network"
like "$(tui_capture | tr -s ' \n│' ' ')" "How to fix it: add the prefix length, e.g. 10\.0\.0\.5/24" "a missing prefix gets the prefix hint"
tui_wait "Use 10.0.0.5/24"; tap_ok $? "with a one-key fix"
tui_keys Enter
tui_wait "Done: Use 10.0.0.5/24."; tap_ok $? "the fix is applied and said"
like "$(tui_capture)" "10\.0\.0\.5/24" "the field shows the fixed address"
tui_keys Tab
tui_type "10.0.0.1"
tui_keys F10
tui_wait "Same as the public network"
tui_keys Space Tab
tui_type "Client-VLAN20"
tui_keys Enter F10
tui_wait "Same as the client network"
tui_keys Space Tab
tui_type "Mgmt-VLAN10"
tui_keys Enter F10
tui_wait "Cannot continue: 1 error to fix first"; tap_ok $? "four NICs under VIC 1.2: refused"
tui_keys F1
tui_wait "Findings: Management network"; tap_ok $? "F1 opens the findings of the step"
scr=$(tui_capture | tr -s ' \n│' ' ')
like "$scr" "Four different networks including bridge network are not allowed at this time\. At least two network roles of client network, management network and public network should share same network" \
	"vic-machine's whole message"
like "$scr" "How to fix it: put two of the public, client and management networks on one port group, or set vic\.version to 1\.3 or later" \
	"the CLI's hint"
like "$scr" "\[ Set VIC version to 1\.3 \] < Share management with client >" "the one-key fixes, the first focused"
tui_keys Enter
tui_wait "Done: Set VIC version to 1.3"; tap_ok $? "Set VIC version to 1.3 is applied"
tui_wait "NICs: 4 of at most 4"
tui_keys C-s
tui_wait "Saved to"
"$VCHNET" check --offline "$wiz_dir/work/vch-01.yaml" >"$wiz_dir/check.out" 2>&1
is "$?" 0 "vchnet check --offline accepts the fixed plan"
tui_stop
tap_done
