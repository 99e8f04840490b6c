#!/bin/sh
# wizard-scope.sh: the scope step with two datacenters — the datacenter list (shown
# only when there is a choice), the compute resources of the chosen datacenter as a
# tree (clusters, standalone hosts), the VIC version's effect in words, and a resumed
# plan naming a compute resource that is not there. (That only
# datastores on every host are offered is checked on the demo inventory, in
# wizard-rules.sh.)
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tui.sh"
. "$top_srcdir/tests/lib/vcsim.sh"
. "$top_srcdir/tests/tui/wizlib.sh"

tap_plan 10
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

# a resumed plan whose compute resource this vCenter lacks stops here, and says so
# (it was silently replaced by the first cluster)
cat >"$wiz_dir/work/gone.yaml" <<'EOT'
apiVersion: vchnet/v1
kind: VCHNetworkPlan
metadata:
  name: vch-gone
target:
  datacenter: DC0
  computeResource: NoSuchCluster
  imageStore: LocalDS_0
networks:
  bridge:
    portGroup: DC0_DVPG0
  public:
    portGroup: VM Network
EOT
wiz_start -- gone.yaml
wiz_connect
tui_wait "Cannot continue: the plan's compute resource \"NoSuchCluster\" is not in"
tap_ok $? "resuming stops at Scope when the plan's compute resource is missing"
like "$(tui_capture)" "Error: the plan's compute resource \"NoSuchCluster\"" "the screen says it too"
tui_keys Tab Tab Enter F10
tui_wait "Links the container VMs to the VCH"; tap_ok $? "choosing one from the list lets Next go on"
tui_stop
tap_done
