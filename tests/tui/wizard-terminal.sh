#!/bin/sh
# wizard-terminal.sh: the wizard in other terminals and situations — TERM=screen, tmux
# and linux; F1 and ? help for the focused field; Ctrl-L; the NIC layout beside the
# picker on a wide terminal; --log; SIGHUP and SIGTERM ending the wizard with the
# terminal restored (alternate screen left) and the right status; Ctrl-C saying that
# the choices were kept as a draft; vchnet inventory fitting an 80-column terminal.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tui.sh"
. "$top_srcdir/tests/lib/vcsim.sh"
. "$top_srcdir/tests/tui/wizlib.sh"

tap_plan 38
wiz_home
vcsim_start -preset demo || { echo "Bail out! the simulator did not start"; exit 1; }

pane() { tui_tmux display-message -p -t tui "$1"; }

wiz_start -t screen -- --log "$wiz_dir/wizard.log"
tui_wait "Connect to vCenter"; tap_ok $? "TERM=screen: the wizard opens"
like "$(tui_capture)" "│" "TERM=screen in UTF-8: Unicode lines"
is "$(pane '#{alternate_on}')" "1" "the wizard runs on the alternate screen"
tui_keys F1
tui_wait "The address of the vCenter Server"; tap_ok $? "F1 explains the focused field"
tui_keys Escape
tui_wait_gone "The address of the vCenter Server"
tui_keys Tab Tab Tab
tui_type "?"
tui_wait "Connects, checks the server"; tap_ok $? "? outside a text field is help too"
tui_keys Enter
tui_keys C-l
tui_wait "Connect to vCenter"; tap_ok $? "Ctrl-L redraws"
like "$(cat "$wiz_dir/wizard.log" 2>&1)" "ui start: TERM=screen" "--log writes diagnostics to the file"
kill -HUP "$(pane '#{pane_pid}')"
is "$(tui_wait_exit)" "129" "SIGHUP ends the wizard (status 129)"
is "$(pane '#{alternate_on}')" "0" "and the terminal is restored"

wiz_start -t tmux-256color
tui_wait "Connect to vCenter"; tap_ok $? "TERM=tmux-256color: the wizard opens"
kill -TERM "$(pane '#{pane_pid}')"
is "$(tui_wait_exit)" "143" "SIGTERM ends the wizard (status 143)"
is "$(pane '#{alternate_on}')" "0" "and the terminal is restored"

wiz_start -t linux -l C
tui_wait "Connect to vCenter"; tap_ok $? "TERM=linux in the C locale: the wizard opens"
unlike "$(tui_capture)" "[^ -~]" "ASCII only in the C locale"
tui_stop

wiz_start -x 120 -y 30
wiz_connect
tui_keys F10
tui_wait "Links the container VMs"
tui_keys Enter
tui_wait "Chosen: vch-bridge-01"
tui_wait "NIC layout"; tap_ok $? "120 columns: the NIC layout is drawn beside the picker"
like "$(tui_capture)" "vch-bridge-01.*│.*NIC|NIC 1" "the layout pane shows the NICs"
tui_keys C-c
is "$(tui_wait_exit)" "130" "Ctrl-C ends the wizard (status 130)"
like "$(tui_capture_all)" "interrupted; your choices are kept in the draft .*/vchnet/drafts/draft-[^ ]*\.yaml \('vchnet wizard' offers to resume it\)" \
	"and says where the choices went"
tui_stop

# 100-119 columns: the list keeps the room for names and the Switch column (the layout
# pane beside it would leave 40 cells); the layout goes below when it fits, else the
# one-line summary stays
for cols in 100 110; do
	wiz_start -x $cols -y 30
	wiz_connect
	tui_keys F10
	tui_wait "vch-bridge-01"
	tui_keys Enter
	tui_wait "Chosen: vch-bridge-01"
	scr=$(tui_capture)
	like "$scr" "Network +Type +Switch +VLAN +Hosts" "$cols columns: the picker has its Switch column"
	like "$scr" "DSwitch-Prod-DVUplinks-9 +distributed +DSwitch-Prod" "$cols columns: names and types in full"
	unlike "$scr" "Hosts +│ NIC layout" "$cols columns: no layout pane squeezing the list"
	like "$scr" "NICs: 1 of at most 3\\. 1:bridge" "$cols columns: the one-line NIC summary instead"
	tui_stop
done

# the bridge Width field with letters in it: a sentence, not "-1"; Next refused until fixed
wiz_start
wiz_connect
tui_keys F10
tui_wait "vch-bridge-01"
tui_keys Tab Tab
tui_wait_gone "Up and Down browse"; tap_ok $? "the picker's tip goes when focus leaves the list"
like "$(tui_capture)" "Type the value" "a tip for the field instead"
tui_type "ab"
tui_wait 'bridge width "ab": the width must be a whole number from 1'; tap_ok $? "letters in Width are explained"
unlike "$(tui_capture)" "width: -1" "and never reported as -1"
tui_keys F10
tui_wait "Cannot continue: bridge width"; tap_ok $? "Next is refused while Width is no number"
tui_keys BSpace BSpace
tui_type "16"
tui_keys F10
tui_wait "Use the suggestion?"
tui_keys Enter
tui_wait "Public network"; tap_ok $? "with a whole number it goes on"
tui_stop

# vchnet inventory on an 80-column terminal: no table wraps (the paths go, and say so)
tui_start -x 80 -y 60 -e VCHNET_PASSWORD="$VCSIM_PASSWORD" -- "$VCHNET" inventory \
	--url "$VCSIM_URL" --username "$VCSIM_USERNAME" --thumbprint "$VCSIM_THUMBPRINT_SHA256"
tui_wait "PATH columns left out to fit 80 columns"; tap_ok $? "inventory at 80 columns: the paths are left out, said so"
out=$(tui_capture)
like "$out" "HOSTS +UPLINK" "the port group table fits (its last column is not wrapped)"
like "$out" "MANAGEMENT IP +FW OUTGOING" "the hosts table fits"
tui_stop

# options before the command word ("vchnet --log F wizard PLAN"): PLAN is the one plan file
printf 'not: [a plan\n' >"$wiz_dir/bad.yaml"
out=$("$VCHNET" --log "$wiz_dir/early.log" wizard "$wiz_dir/bad.yaml" </dev/null 2>&1)
like "$out" "cannot resume from .*bad.yaml" "vchnet --log F wizard PLAN reads PLAN (no 'too many arguments')"
out=$(TERM=dumb "$VCHNET" --log "$wiz_dir/early.log" wizard "$wiz_dir/bad.yaml" </dev/null 2>&1)
like "$out" "cannot resume from .*bad.yaml" "and so does the plain mode (TERM=dumb)"
out=$("$VCHNET" wizard a.yaml b.yaml </dev/null 2>&1)
like "$out" "too many arguments" "two plan files are still refused"
tap_done
