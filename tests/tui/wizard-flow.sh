#!/bin/sh
# wizard-flow.sh: the whole wizard through tmux against the simulator — the happy path
# with the defaults, Esc back keeping every choice, resize to 60x15 and back, saving,
# the plan accepted by "vchnet check" against the same simulator, resuming from the
# saved plan, and the question before quitting with unsaved choices.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tui.sh"
. "$top_srcdir/tests/lib/vcsim.sh"
. "$top_srcdir/tests/tui/wizlib.sh"

tap_plan 31
wiz_home
vcsim_start -scenario allow-all -username admin@vsphere.local -password 'S3cret!' ||
	{ echo "Bail out! the simulator did not start"; exit 1; }

wiz_start
wiz_connect; tap_ok $? "connects, accepting the certificate once"
like "$(tui_capture)" "Connected to 127.0.0.1: [0-9]+ networks" "status line says what was read"
like "$(tui_capture)" "VCH name: +vch-01" "the VCH name has a default"
tui_keys F10
tui_wait "Links the container VMs to the VCH"; tap_ok $? "F10 goes to the bridge step"
like "$(tui_capture)" "Chosen: none yet \(Enter on a row chooses\)" \
	"four usable port groups, none named for the bridge: nothing is chosen for the user"
tui_keys F10
tui_wait "Cannot continue: no bridge network is chosen"
tui_keys Enter
tui_wait "Chosen: DC0_DVPG0 (DVS0, no VLAN)"
like "$(tui_capture)" "● B +DC0_DVPG0 " "Enter chooses the first row"
tui_keys C-n
tui_wait "Connects the VCH to the outside"; tap_ok $? "Ctrl-N goes to the public step"
like "$(tui_capture)" "○ +VM Network" "public: vic-machine's VM Network is suggested"
tui_keys F10
tui_wait "Use the suggestion?"
tui_keys Enter
tui_wait "Same as the public network (the default)"; tap_ok $? "client says it is the public network"
like "$(tui_capture)" "Chosen: same as the public network \(VM Network\)" "and which one that is"
tui_keys F10
tui_wait "Same as the client network (the default)"; tap_ok $? "management says it is the client network"
tui_keys F10
tui_wait "Container networks"
unlike "$(tui_capture)" "Keep the default with F10" "the management step's tip does not linger on the next step"
tui_keys F10
tui_wait "No problems found."; tap_ok $? "layout step: no problems"

# Esc goes back without losing anything
tui_keys Escape Escape Escape Escape Escape
tui_wait "Links the container VMs to the VCH"; tap_ok $? "Esc five times is back on the bridge step"
like "$(tui_capture)" "● B +DC0_DVPG0 " "the bridge choice is kept"
tui_keys F10 F10 F10 F10 F10
tui_wait "No problems found."; tap_ok $? "F10 five times is on the layout again, still clean"

tui_resize 60 15
tui_wait "terminal too small (60x15), need 72x20"; tap_ok $? "too-small screen at 60x15"
tui_resize 80 24
tui_wait "NIC layout of vch-01"; tap_ok $? "the layout comes back at 80x24"

tui_keys F10
tui_wait "Pre-check:"
tui_keys F10
tui_wait "Review the plan, then save it"
tui_keys C-s
tui_wait "Saved to $wiz_dir/work/vch-01.yaml"; tap_ok $? "Ctrl-S saves, the status line shows the path"
is "$(stat -c %a "$wiz_dir/work/vch-01.yaml" 2>&1)" "600" "the plan file is private (0600)"
like "$(tui_capture)" "Next: vchnet check vch-01.yaml; vchnet render vch-01.yaml" \
	"the review step shows the next commands in full"
tui_keys q
st=$(tui_wait_exit)
is "$st" "0" "q quits at once when everything is saved"
like "$(tui_capture_all)" "vchnet check vch-01.yaml" "the next commands are shown on exit"

out=$(cd "$wiz_dir/work" && VCHNET_PASSWORD='S3cret!' "$VCHNET" check vch-01.yaml 2>&1)
st=$?
tap_ok $st "vchnet check accepts the plan against the simulator"
[ $st -eq 0 ] || diag "$out"

# resume from the file: the pinned thumbprint needs no dialog, every step is checked
wiz_start -- vch-01.yaml
tui_wait "Connect to vCenter"
like "$(tui_capture)" "User name: admin@vsphere.local" "the user name comes from the plan"
tui_type 'S3cret!'
tui_keys Enter
tui_wait "Resumed vch-01.yaml"; tap_ok $? "resuming passes every completed step"
like "$(tui_capture)" "NIC layout of vch-01" "and lands on the layout"

# an unsaved change asks before quitting; Esc keeps the wizard open
tui_keys Escape
tui_wait "Container networks"
tui_keys Escape
tui_wait "Same as the client network"
tui_keys Space
tui_wait "[ ] Same as the client network"
# turning "same as" off chooses nothing: Enter on a row does
tui_keys Tab Enter
tui_wait "as the management network."
# the choice moved the focus on to the address fields, where q is a letter: go back a
# step (Esc keeps the choice) so that q means quit whatever the focus
tui_keys Escape
tui_wait "Client network"
tui_keys q
tui_wait "not saved yet"
tui_keys Escape
tui_wait_gone "not saved yet"
tui_keys q
tui_wait "not saved yet"
tui_keys Left Left Enter
st=$(tui_wait_exit)
is "$st" "0" "quit without saving after the question"
like "$(tui_capture_all)" "quit without saving the plan; your choices are kept in the draft $wiz_dir/state-[0-9]*/vchnet/drafts/draft-" \
	"quitting says the draft is kept, and where"

# a plan whose bridge port group is gone from vCenter: resume stops there and says so
sed -e 's/"DC0_DVPG0"/"no-such-pg"/' -e '/id: "dvportgroup-/d' \
	"$wiz_dir/work/vch-01.yaml" >"$wiz_dir/work/moved.yaml"
wiz_start -- moved.yaml
tui_wait "Connect to vCenter"
tui_type 'S3cret!'
tui_keys Enter
tui_wait 'port group "no-such-pg" is not in this'
tap_ok $? "resuming checks the choices against the inventory and stops at a missing one"
like "$(tui_capture)" "Step 3 of 10" "on the bridge step"
tui_stop
tap_done
