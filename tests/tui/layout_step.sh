#!/bin/sh
# layout_step.sh: the wizard's Layout step draws the topology (the VCH box with a port
# per NIC, the port groups with their switch and VLAN, the parties, the container VMs
# under the bridge and the container networks) for a plan with four NICs and two
# container networks, resumed against the demo inventory: at 80x24 in one screen with
# no line running off the pane, at 132x43 in the full form, and in vt100 with LANG=C in
# ASCII; Save on the Review step writes the review report beside the plan. Goldens: tests/tui/golden/layout-step-*.txt (VCHNET_REGEN_GOLDEN=1 rewrites).
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tui.sh"
. "$top_srcdir/tests/lib/vcsim.sh"
. "$top_srcdir/tests/tui/wizlib.sh"

tap_plan 17
wiz_home
vcsim_start -preset demo -stable-cert || { echo "Bail out! the simulator did not start"; exit 1; }
cat >"$wiz_dir/work/four.yaml" <<'PLAN'
apiVersion: vchnet/v1
kind: VCHNetworkPlan
metadata:
  name: vch-four
vic:
  version: "1.5"
target:
  url: https://vc.lab.local/sdk
  username: administrator@vsphere.local
  datacenter: Datacenter-East
  computeResource: Prod-Cluster
  imageStore: vsanDatastore
networks:
  bridge:
    portGroup: vch-bridge-01
  public:
    portGroup: VM Network
    ip: 192.168.1.20/24
    gateway: 192.168.1.1
  client:
    portGroup: Client-VLAN20
    ip: 10.20.0.20/24
    gateway: 10.20.0.1
    routes: [10.21.0.0/16]
  management:
    portGroup: Mgmt-VLAN10
  dns: [192.168.1.2]
  container:
    - portGroup: Containers-Routable
      alias: routable
      gateway: 10.30.0.1/16
    - portGroup: Containers-Isolated
      alias: isolated
      firewall: closed
PLAN

open_layout() { # tui_start options...
	wiz_start "$@" -e VCHNET_PASSWORD="$VCSIM_PASSWORD" -- --url "$VCSIM_URL" \
		--username "$VCSIM_USERNAME" --thumbprint "$VCSIM_THUMBPRINT_SHA256" four.yaml
	tui_wait "sign in to check it against vCenter" || return 1
	tui_keys Enter
	tui_wait "NIC layout of vch-four"
}

open_layout -x 80 -y 24 -t xterm-256color -l C.UTF-8
tap_ok $? "80x24: the plan resumes on the Layout step"
scr=$(tui_capture)
for s in "VM Network" "Client-VLAN20" "Mgmt-VLAN10" "vch-bridge-01" "Containers-Routable" \
	"Containers-Isolated" "container VMs"; do
	case $scr in *"$s"*) ;; *) missing="${missing:-} [$s]" ;; esac
done
is "${missing:-}" "" "80x24: every port group and the container VMs are on the first screen"
like "$scr" "├─4─▶ vch-bridge-01" "80x24: the bridge NIC is a port with an arrow to its port group"
tui_golden layout-step-80x24 "80x24: the Layout step (golden)"
tui_stop

open_layout -x 132 -y 43 -t xterm-256color -l C.UTF-8
tap_ok $? "132x43: the Layout step"
scr=$(tui_capture)
like "$scr" "─ NIC 3 ─▶ Mgmt-VLAN10  VLAN 10 ─" \
	"132x43: the full form, the VLAN beside the port group"
like "$scr" "── vCenter 127.0.0.1" "132x43: the parties in their own column"
like "$scr" "isolated ─+▶ Containers-Isolated +firewall closed" "132x43: a container network on one line"
tui_golden layout-step-132x43 "132x43: the Layout step (golden)"
tui_stop

open_layout -x 80 -y 24 -t vt100 -l C
tap_ok $? "vt100, LANG=C: the Layout step"
scr=$(tui_capture)
unlike "$scr" "[^ -~]" "vt100, LANG=C: ASCII only"
like "$scr" "\+-4-> vch-bridge-01" "vt100, LANG=C: ports and arrows in ASCII"
tui_golden layout-step-vt100 "vt100, LANG=C: the Layout step (golden)"
tui_stop

open_layout -x 80 -y 24 -t xterm-256color -l C.UTF-8
tui_keys F10
tui_wait "Pre-check:"; tap_ok $? "F10 goes on from the Layout step"
tui_keys F10
tui_wait "Review the plan, then save it"
tui_keys Enter
tui_wait "review report beside it: four.html"; tap_ok $? "Save on the Review step writes the review report beside the plan"
ok "the report is well-formed HTML" xmllint --noout "$wiz_dir/work/four.html"
like "$(cat "$wiz_dir/work/four.html")" "<td>Containers-Isolated</td>" "and holds the plan's choices"
tap_done
