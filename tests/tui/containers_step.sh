#!/bin/sh
# containers_step.sh: the container networks step against the simulator — add with
# invalid then valid input (each field judged as typed with the rules engine's message),
# standard port groups and the bridge not choosable, edit, Esc cancels an edit, delete
# asks with Cancel as the default, and the saved plan holds what was entered.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tui.sh"
. "$top_srcdir/tests/lib/vcsim.sh"
. "$top_srcdir/tests/tui/wizlib.sh"

tap_plan 32
wiz_home
vcsim_start -scenario allow-all -username admin@vsphere.local -password 'S3cret!' ||
	{ echo "Bail out! the simulator did not start"; exit 1; }

wiz_start -e XDG_STATE_HOME="$wiz_dir/state"
wiz_connect; tap_ok $? "connects"
for want in "Bridge network" "Public network" "Same as the public" "Same as the client" \
	"Container networks give"; do
	wiz_next
	tui_wait "$want" || break
done
tui_wait "choose Add"; tap_ok $? "the step starts with an empty table"
# help: ? on the Add button, then the list of every key
tui_keys "?"
tui_wait "All keys"; tap_ok $? "? opens the help"
like "$(tui_capture)" "See vchnet\(1\), section CONTAINER" "the help points to vchnet(1)"
tui_keys Right Enter
tui_wait "connects containers directly to a vSphere"; tap_ok $? "About this step tells the step's story"
tui_keys Enter
tui_keys "?"
tui_wait "All keys"
tui_keys Right Right Enter
tui_wait "F10, Ctrl-N"; tap_ok $? "All keys lists every key"
tui_keys Escape
tui_wait_gone "F10, Ctrl-N"
# Add, then Esc: no empty network is left behind to block Next
tui_keys Enter
tui_wait "Add a container network"
tui_keys Escape
tui_wait "Not added"; tap_ok $? "Esc in a new network's dialog adds nothing"
like "$(tui_capture)" "choose Add\)" "the table is still empty"
tui_keys Enter
tui_wait "Add a container network"; tap_ok $? "Add opens the dialog"
tui_type "VM Net"
tui_wait "VM Network  (cannot: a standard port group"
like "$(tui_capture)" "x VM Network  \(cannot: a standard port group" "a standard port group is shown, marked x, not choosable"
tui_keys C-u
tui_type "DVPG0"
tui_wait "DC0_DVPG0  (cannot: already the bridge network"; tap_ok $? "the bridge's port group is not choosable, and says why"
tui_keys C-u
tui_wait "DC0_DVPG1"
tui_keys Down Down Up
tui_settle
like "$(tui_capture)" "Chosen: none yet" "browsing the port groups chooses nothing"
tui_keys Up Enter
tui_wait "Chosen: DC0_DVPG1 (DVS0, no VLAN)"; tap_ok $? "Enter chooses the port group"
like "$(tui_capture)" "● DC0_DVPG1" "the chosen port group keeps its mark when the focus moves on"
tui_keys F1
tui_wait "The name Docker users see"; tap_ok $? "F1 in the dialog explains the field in plain words"
tui_keys Enter
tui_wait_gone "The name Docker users see"
tui_type "my net"
tui_wait "cannot contain"; tap_ok $? "an alias with a space is refused as typed"
like "$(tui_capture_all)" "The network alias supplied in \"DC0_DVPG1:my net\" cannot contain" "with vic-machine's message"
tui_keys C-u; tui_type "cnet"
tui_wait_gone "cannot contain"; tap_ok $? "the error goes when the alias is fixed"
tui_keys Tab; tui_type "10.3.0.0/16"
tui_wait "is not a routable address"; tap_ok $? "a network address as gateway is refused"
tui_keys C-u; tui_type "10.3.0.1/16"
tui_keys Tab; tui_type "10.4.0.0/24"
tui_wait "is not in subnet"; tap_ok $? "a range outside the gateway's subnet is refused"
tui_keys C-u; tui_type "10.3.1.0/24"
tui_keys Tab; tui_type "10.3.0.2"
tui_keys Tab Right
tui_wait "open: every connection"; tap_ok $? "each trust level is explained in one line"
tui_keys Tab Enter
tui_wait_gone "Add a container network"
tui_wait "cnet "; tap_ok $? "OK adds the row"
like "$(tui_capture)" "DC0_DVPG1 +cnet +10.3.0.1/16 +10.3.1.0/24 +open" "the row shows port group, alias, gateway, range, trust"

# edit, then Esc: nothing changes
tui_keys Tab Enter
tui_wait "Edit the container network"
tui_keys Tab C-u; tui_type "other"
tui_keys Escape
tui_wait "Discard these changes?"; tap_ok $? "Esc after typing asks first"
tui_keys Enter
tui_wait_gone "Discard these changes?"
like "$(tui_capture)" "Edit the container network" "No (the default) keeps the dialog open"
tui_keys Escape
tui_wait "Discard these changes?"
tui_keys Left Enter
tui_wait_gone "Edit the container network"
tui_wait "Nothing changed"; tap_ok $? "Discard in the edit dialog keeps the plan as it was"

# delete asks; Enter takes the default, Cancel
tui_keys Tab Enter
tui_wait "Delete the container network cnet"
tui_keys Enter
tui_wait "Nothing deleted"; tap_ok $? "Delete asks and Cancel is the default"

# proxies, behind their own button, validated as typed
tui_keys Tab
tui_wait "[ Proxies (advanced) ]"
tui_keys Enter
tui_wait "Proxies for image pulls"
tui_type "example.com"
tui_wait "Could not parse HTTP(S) proxy"; tap_ok $? "a proxy without a scheme is refused with vic-machine's message"
tui_keys C-u; tui_type "http://proxy.example.com:3128"
tui_wait_gone "Could not parse"
tui_keys Tab Tab; tui_type "localhost,.example.com"
tui_keys Tab Enter
tui_wait "Proxies: HTTP http://proxy.example.com:3128, HTTPS none"
tap_ok $? "the proxies are set and shown"
tui_keys BTab
tui_keys C-s
tui_wait "Saved to"
like "$(cat "$wiz_dir/work/vch-01.yaml")" "alias: \"cnet\"" "the saved plan has the container network"
like "$(cat "$wiz_dir/work/vch-01.yaml")" "http: \"http://proxy.example.com:3128\"" "and the proxy"
tui_keys Enter
tui_wait "Delete the container network cnet"
tui_keys Left Enter
tui_wait "Deleted the container network cnet"; tap_ok $? "Delete, confirmed, removes it"
tui_stop
tap_done
