#!/bin/sh
# choosing.sh: choosing and saving at 80x24 against the demo inventory — browsing the
# bridge list (arrows, Home, End, PgDn, a filter cleared with Esc) never changes the
# choice, which the saved plan proves; Enter on another row does; the suggestion is
# only a suggestion until Next asks; unusable rows carry an x on vt100 in the C locale;
# Ctrl-S never replaces a file this run did not write without asking (Cancel leaves it
# byte-identical), and takes a unique default name; the sidebar marks a visited step
# that a later choice made invalid with "!", and the mark goes when it is fixed; Esc
# in a changed container dialog asks first.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tui.sh"
. "$top_srcdir/tests/lib/vcsim.sh"
. "$top_srcdir/tests/tui/wizlib.sh"

tap_plan 37
wiz_home
vcsim_start -preset demo -stable-cert || { echo "Bail out! the simulator did not start"; exit 1; }
work=$wiz_dir/work
bridge_of() { sed -n '/^  bridge:/,/^  [a-z]/s/^    portGroup: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$1" | head -n1; }

# --- browsing is not choosing ---
wiz_start
wiz_connect
tui_keys F10
tui_wait "Links the container VMs"
like "$(tui_capture)" "Chosen: none yet \(suggested: vch-bridge-01\)" \
	"the bridge is only suggested: nothing is chosen"
like "$(tui_capture)" "▸○ +vch-bridge-01 " "the suggestion is marked, and the cursor is on it"
tui_keys F10
tui_wait "Use the suggestion?"; tap_ok $? "Next on a suggestion asks once"
tui_keys Right Enter
tui_wait "Choose the bridge network: Enter on a row."
like "$(tui_capture)" "Step 3 of 10" "choosing another stays on the step"
tui_keys Enter
tui_wait "Chosen: vch-bridge-01 (DSwitch-Prod, VLAN 201)"; tap_ok $? "Enter chooses the row"
like "$(tui_capture)" "● B +vch-bridge-01 " "the chosen row has the bullet and the role letter"
tui_keys BTab
tui_keys Up Up Home
tui_wait "1 of 12"
tui_keys End
tui_wait "12 of 12"
tui_keys PgUp Down PgDn Up
tui_settle
like "$(tui_capture)" "Chosen: vch-bridge-01 \(DSwitch-Prod, VLAN 201\)" "arrows, Home, End and the page keys only browse"
tui_type "vlan1"
tui_wait "1 of 2 matching"; tap_ok $? "the filter shows the position among the matches"
like "$(tui_capture)" "Chosen: vch-bridge-01 \(DSwitch-Prod, VLAN 201\)" \
	"the chosen row filtered out: the line still says what is chosen"
tui_keys Escape
tui_wait_gone "matching"
like "$(tui_capture)" "Chosen: vch-bridge-01 \(DSwitch-Prod, VLAN 201\)" "Esc clearing the filter keeps the choice"
like "$(tui_capture)" "Step 3 of 10" "and stays on the step"
tui_type "vlan:20"
tui_wait "1 of 1 matching"; tap_ok $? "vlan:20 finds VLAN 20 only"
like "$(tui_capture)" "Client-VLAN20" "the row with VLAN 20"
tui_keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace
tui_wait_gone "matching"
tui_keys C-s
tui_wait "Saved to $work/vch-01.yaml"; tap_ok $? "Ctrl-S saves under the default name"
is "$(bridge_of "$work/vch-01.yaml")" "vch-bridge-01" "the saved bridge is the one chosen, not the one browsed"

# the first row (Client-VLAN20) is in use by a VM: the second is free
tui_keys Home Down Enter
tui_wait "Chosen: Containers-Isolated (DSwitch-Prod, VLAN 301)"; tap_ok $? "Enter on another row changes the choice"
tui_keys C-s
tui_wait "Saved to $work/vch-01.yaml,"
is "$(bridge_of "$work/vch-01.yaml")" "Containers-Isolated" "saved again to the same file, without a question"

# --- the sidebar's honest marks: four networks under VIC 1.2 ---
tui_keys F10
tui_wait "Connects the VCH to the outside"
tui_keys F10
tui_wait "Use the suggestion?"
tui_keys Enter
tui_wait "Same as the public network"
tui_keys Space Tab
tui_type "Prod-VLAN100"
tui_keys Enter F10
tui_wait "Same as the client network"
tui_keys Space Tab
tui_type "Mgmt-VLAN10"
tui_keys Enter
tui_wait "NICs: 4 of at most 3"
tui_keys Escape Escape Escape Escape
tui_wait "Scope: where the VCH runs"
like "$(tui_capture)" "! 6 Management" "a visited step with an error now is marked !"
like "$(tui_capture)" "✓ 5 Client" "a valid visited step keeps its tick"
tui_keys Tab Right
tui_wait "VIC 1.3: at most 4 network cards"
like "$(tui_capture)" "✓ 6 Management" "fixed by a later change: the tick comes back"

# --- saving never destroys ---
tui_keys F10
tui_wait "Links the container VMs"
tui_keys F10
tui_wait "Connects the VCH to the outside"
tui_keys F10
tui_wait "Same as the public network"
tui_keys F10
tui_wait "Same as the client network"
tui_keys F10
tui_wait "Container networks"
tui_keys F10
tui_wait "NIC layout of vch-01"
tui_keys F10
tui_wait "Pre-check:"
tui_keys F10
tui_wait "Review the plan, then save it"
like "$(tui_capture)" "Save as: vch-01.yaml" "the review offers the file this run saved"
tui_keys C-s
tui_wait "Saved to $work/vch-01.yaml."
tui_stop

# a second session in the same directory: its default name is another file
printf 'reviewed: by a colleague\n' >"$work/other.yaml"
cp "$work/vch-01.yaml" "$work/vch-01.reviewed"
wiz_start
wiz_connect
tui_keys F10
tui_wait "Links the container VMs"
tui_keys Enter C-s
tui_wait "Saved to $work/vch-01-2.yaml"; tap_ok $? "a new session saves to vch-01-2.yaml, not over vch-01.yaml"
cmp -s "$work/vch-01.yaml" "$work/vch-01.reviewed"; tap_ok $? "vch-01.yaml is untouched"
tui_stop

# an existing file chosen by name: asked, Cancel the default
wiz_start
wiz_connect
tui_keys F10
tui_wait "Links the container VMs"
tui_keys Enter F10
tui_wait "Connects the VCH to the outside"
tui_keys F10
tui_wait "Use the suggestion?"
tui_keys Enter
tui_wait "Same as the public network"
tui_keys F10
tui_wait "Same as the client network"
tui_keys F10
tui_wait "Container networks"
tui_keys F10
tui_wait "NIC layout of vch-01"
tui_keys F10
tui_wait "Pre-check:"
tui_keys F10
tui_wait "Review the plan, then save it"
like "$(tui_capture)" "Save as: vch-01-3.yaml" "the default name is unique in the directory"
tui_keys BTab C-u
tui_type "vch-01.yaml"
tui_keys C-s
tui_wait "The file exists"; tap_ok $? "Ctrl-S onto an existing file asks"
like "$(tui_capture)" "< Overwrite >  < Save as... >  \[ Cancel \]" "Overwrite / Save as / Cancel, Cancel focused"
tui_keys Right
tui_settle
like "$(tui_capture)" "< Overwrite >  < Save as... >  \[ Cancel \]" "Right on Cancel stays there: it never wraps round to Overwrite"
tui_keys Enter
tui_wait "Not saved: vch-01.yaml exists and was left as it was."; tap_ok $? "Cancel writes nothing"
cmp -s "$work/vch-01.yaml" "$work/vch-01.reviewed"; tap_ok $? "the file is byte-identical"
tui_keys C-s
tui_wait "The file exists"
tui_keys Escape
tui_wait "Not saved: vch-01.yaml exists"
cmp -s "$work/vch-01.yaml" "$work/vch-01.reviewed"; tap_ok $? "Esc writes nothing either"
tui_keys C-s
tui_wait "The file exists"
tui_keys Left Enter
tui_wait "Save the plan under another name"
tui_keys C-u
tui_type "my plan.yaml"
tui_keys Enter
tui_wait "Saved to $work/my plan.yaml"; tap_ok $? "Save as... writes the other name"
like "$(tui_capture)" "Next: vchnet check 'my plan.yaml'; vchnet render 'my plan.y" \
	"the next commands are shell-quoted"
# q from the Save button (in the file field it would be typed)
tui_keys Tab q
st=$(tui_wait_exit)
is "$st" "0" "quits after saving"
like "$(tui_capture_all)" "Next: vchnet check 'my plan.yaml'" "the commands printed on exit are quoted"

# --- unusable rows on vt100 in the C locale ---
wiz_start -t vt100 -l C
wiz_connect
tui_keys F10
tui_wait "Links the container VMs"
# (the name is cut at 80 columns: the Used by column takes the room)
like "$(tui_capture)" " x +DSwitch-Prod-DVUpli" "the uplink port group carries an x"
like "$(tui_capture)" " x +VM Network " "the standard port group carries an x"
like "$(tui_capture)" " x +vch-bridge-02 " "the port group on 1 of 2 hosts carries an x"
tui_stop
tap_done
