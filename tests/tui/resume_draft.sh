#!/bin/sh
# resume_draft.sh: the wizard's draft survives the terminal going away. Mid-wizard the
# vchnet process gets SIGHUP (what an SSH drop sends); the draft in
# $XDG_STATE_HOME/vchnet/drafts keeps every choice but no password; the next start
# offers to resume it, and after signing in again the wizard is back on the same step
# with the same choices. Discard removes it.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tui.sh"
. "$top_srcdir/tests/lib/vcsim.sh"
. "$top_srcdir/tests/tui/wizlib.sh"

tap_plan 22
wiz_home
vcsim_start -scenario allow-all -username admin@vsphere.local -password 'S3cret!' ||
	{ echo "Bail out! the simulator did not start"; exit 1; }
state="$wiz_dir/state"
drafts="$state/vchnet/drafts"

wiz_start -e XDG_STATE_HOME="$state"
wiz_connect; tap_ok $? "connects"
tui_keys C-u; tui_type "vch-resume"
tui_keys F10
tui_wait "Bridge network"
wiz_next
tui_wait "Public network"
# a static public address and DNS, typed but not yet confirmed with F10
tui_keys Tab Right Tab
tui_type "10.0.0.5/24"; tui_keys Tab; tui_type "10.0.0.1"; tui_keys Tab; tui_type "10.0.0.2"
tui_wait "10.0.0.2"
pid=$(tui_tmux display-message -p -t tui '#{pane_pid}')
kill -HUP "$pid"
st=$(tui_wait_exit)
is "$st" "129" "SIGHUP ends the wizard (128+1)"
n=$(ls "$drafts" 2>/dev/null | grep -c '^draft-.*\.yaml$')
is "$n" "1" "one draft was written"
f=$(ls "$drafts"/draft-*.yaml 2>/dev/null | head -1)
is "$(stat -c %a "$f" 2>&1)" "600" "the draft is private (0600)"
tap_ok "$(grep -c 'S3cret' "$f")" "no password in the draft"
like "$(cat "$f")" "draft-step: public" "the draft remembers the public step"
like "$(cat "$f")" "ip: \"10.0.0.5/24\"" "the address typed before the signal is kept"

# resume
wiz_start -e XDG_STATE_HOME="$state"
tui_wait "Resume the draft?"; tap_ok $? "the next start offers the draft"
like "$(tui_capture)" "vch-resume.*Public network step" "the offer names the VCH and the step"
tui_keys Enter
tui_wait "Connect to vCenter"
like "$(tui_capture)" "User name: admin@vsphere.local" "the user name comes back, the password does not"
tui_type 'S3cret!'
tui_keys Enter
# the draft recorded the certificate's thumbprint, but a draft pins nothing
tui_wait "Untrusted certificate"; tap_ok $? "resuming asks about the certificate again"
tui_keys Right Enter
tui_wait "Resumed the draft at the Public network step"; tap_ok $? "back on the public step after signing in"
scr=$(tui_capture)
like "$scr" "Address: 10.0.0.5/24" "the static address is intact"
like "$scr" "Gateway: 10.0.0.1" "the gateway is intact"
like "$scr" "DNS servers: 10.0.0.2" "the DNS server is intact"
tui_keys Escape
tui_wait "Bridge network"
like "$(tui_capture)" "● B +DC0_DVPG0 " "the bridge choice is intact"
# SIGTERM keeps the draft too, in the same file
pid=$(tui_tmux display-message -p -t tui '#{pane_pid}')
kill -TERM "$pid"
st=$(tui_wait_exit)
is "$st" "143" "SIGTERM ends the wizard (128+15)"
is "$(ls "$drafts" | grep -c '^draft-')" "1" "still one draft: the resumed session kept writing the same file"
like "$(cat "$drafts"/draft-*.yaml)" "draft-step: bridge" "it now says the bridge step"
# discard
wiz_start -e XDG_STATE_HOME="$state"
tui_wait "Resume the draft?"
tui_keys Right Enter
tui_wait "Discard the draft?"; tap_ok $? "Discard asks once more"
tui_keys Left Enter
tui_wait "Connect to vCenter"; tap_ok $? "Discard opens a new wizard"
is "$(ls "$drafts" | grep -c '^draft-')" "0" "and removes the draft"
tap_done
