#!/bin/sh
# wizard-scope.sh: the scope step with two datacenters — the datacenter list (shown
# only when there is a choice), the compute resources of the chosen datacenter as a
# tree (clusters, standalone hosts), and the VIC version's effect in words. (That only
# datastores on every host are offered is checked on the demo inventory, in
# wizard-rules.sh.)
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tui.sh"
. "$top_srcdir/tests/lib/vcsim.sh"
. "$top_srcdir/tests/tui/wizlib.sh"

tap_plan 7
wiz_home
vcsim_start -dc 2 -standalone-host 1 ||
	{ echo "Bail out! the simulator did not start"; exit 1; }

wiz_start
wiz_connect; tap_ok $? "connected"
out=$(tui_capture)
like "$out" "Datacenter:" "the datacenter is a choice when there are two"
like "$out" "DC0_C0 \(3 hosts\)" "clusters are listed with their host count"
like "$out" "DC0_H0 \(host\)" "standalone hosts are listed as hosts"
like "$out" "LocalDS_0" "a datastore on every host is offered"
tui_keys BTab Down
tui_wait "DC1_C0 (3 hosts)"; tap_ok $? "choosing the other datacenter lists its compute resources"
tui_keys Tab Tab Right
tui_wait "VIC 1.3: at most 4 network cards"; tap_ok $? "the VIC version says what it changes"
tui_stop
tap_done
