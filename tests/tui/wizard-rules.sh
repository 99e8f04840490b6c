#!/bin/sh
# wizard-rules.sh: the rules in the pickers, against the demo inventory — the bridge's
# port group refused for public (dimmed, with the reason, Enter refused), four distinct
# networks refused under VIC 1.2 with vic-machine's reason and accepted under 1.3, and
# a network missing from some hosts dimmed with its host count.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tui.sh"
. "$top_srcdir/tests/lib/vcsim.sh"
. "$top_srcdir/tests/tui/wizlib.sh"

tap_plan 19
wiz_home
vcsim_start -preset demo || { echo "Bail out! the simulator did not start"; exit 1; }

wiz_start
wiz_connect; tap_ok $? "connected to the demo vCenter"
like "$(tui_capture)" "Dev-Cluster \(2 hosts\)" "compute resources listed as clusters"
unlike "$(tui_capture)" "local-esx-prod-01" "a datastore only one host mounts is not offered"
tui_keys F10
tui_wait "Links the container VMs to the VCH"
like "$(tui_capture)" "Chosen: none yet \(suggested: vch-bridge-01\)" "the only usable port group named for the bridge is suggested, not chosen"
tui_type "vch-bridge-02"
tui_wait "Cannot use: vch-bridge-02 is only on 1 of the 2 hosts of Dev-Cluster"
tap_ok $? "a port group missing on a host is marked, the status line says why"
like "$(tui_capture)" "Cannot use vch-bridge-02: it is only on 1 of the 2 hosts of" \
	"and the screen says it in full below the list"
tui_keys C-u
tui_type "zzz"
tui_wait "(nothing matches the filter)"; tap_ok $? "a filter that matches nothing says so (not 'no networks')"
tui_keys C-u
tui_type "vch-bridge-01"
tui_keys Enter F10
tui_wait "Connects the VCH to the outside"; tap_ok $? "public step"

tui_type "vch-bridge-01"
tui_wait "Cannot use: vch-bridge-01 is already the bridge network"
tap_ok $? "the bridge's port group is dimmed for public, with the reason"
tui_keys Enter
tui_wait "Refused as public network: vch-bridge-01 is already the bridge"; tap_ok $? "choosing it is refused"
tui_keys C-u
tui_type "Prod-VLAN100"
tui_keys Enter F10
tui_wait "Same as the public network"
tui_keys Space Tab
tui_type "Client-VLAN20"
tui_keys Enter F10
tui_wait "Same as the client network"
tui_keys Space Tab
tui_type "Mgmt-VLAN10"
tui_keys Enter
tui_wait "NICs: 4 of at most 3"; tap_ok $? "four NICs counted live"
tui_keys F10
tui_wait "Cannot continue: 1 error to fix first: Four different networks"
tap_ok $? "VIC 1.2: Next refused with vic-machine's reason"
like "$(tui_capture)" "Step 6 of 10" "still on the management step"
tui_keys BTab BTab Space
tui_wait "NICs: 3 of at most 3"
unlike "$(tui_capture)" "Cannot continue" "the refusal leaves the status line once its cause is fixed"
tui_keys Space
tui_wait "NICs: 4 of at most 3"

tui_keys Escape Escape Escape Escape
tui_wait "Scope: where the VCH runs"
like "$(tui_capture)" "! 6 Management" "the sidebar marks the management step invalid (!), not done"
tui_keys Tab Right
tui_wait "VIC 1.3: at most 4 network cards"; tap_ok $? "VIC 1.3 chosen on the scope step"
tui_keys F10 F10 F10 F10
tui_wait "Same as the client network"
tui_wait "NICs: 4 of at most 4"; tap_ok $? "the choices survived going back"
tui_keys F10
tui_wait "Container networks"
tui_keys F10
tui_wait "NIC layout of vch-01"; tap_ok $? "VIC 1.3: four networks accepted"
like "$(tui_capture)" "├─4─▶ vch-bridge-01" "the layout draws four NICs (port 4)"
tui_stop
tap_done
