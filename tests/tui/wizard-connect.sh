#!/bin/sh
# wizard-connect.sh: the Connect step against the simulator — a wrong password said in
# plain words, F10 connecting as Enter does, the untrusted certificate dialog (Reject
# is the default and leaves us unconnected; Accept and remember writes known_hosts,
# after which no dialog appears), and Esc cancelling a slow connection (keys typed
# meanwhile are said to be ignored).
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tui.sh"
. "$top_srcdir/tests/lib/vcsim.sh"
. "$top_srcdir/tests/tui/wizlib.sh"

tap_plan 23
wiz_home
vcsim_start -username admin@vsphere.local -password 'Right0ne' ||
	{ echo "Bail out! the simulator did not start"; exit 1; }

wiz_start
wiz_login 'Right0ne'
tui_wait "Untrusted certificate"
like "$(tui_capture)" "\[ Reject \]" "Reject is the default button"
like "$(tui_capture)" "$VCSIM_THUMBPRINT_SHA1" "the dialog shows the SHA-1 fingerprint"
tui_keys Enter
tui_wait "Certificate rejected: not connected to 127.0.0.1"; tap_ok $? "Reject leaves us unconnected"
tui_keys Enter
tui_wait "Untrusted certificate"
tui_keys Escape
tui_wait "Certificate rejected"; tap_ok $? "Esc in the certificate dialog rejects too"

tui_keys BTab C-u
tui_type 'Wr0ng'
tui_keys Enter
tui_wait "Untrusted certificate"
tui_keys Right Right Enter
tui_wait "Wrong user name or password"; tap_ok $? "a wrong password is reported in plain words"
like "$(tui_capture)" "Step 1 of 10" "and the wizard stays on the Connect step"
unlike "$(tui_capture)" "Wr0ng" "the password is never shown"
kh="$wiz_dir/config/vchnet/known_hosts"
like "$(cat "$kh" 2>&1)" "127.0.0.1:$VCSIM_PORT $VCSIM_THUMBPRINT_SHA256" "Accept and remember writes known_hosts"
tui_keys C-u
tui_type 'Right0ne'
tui_keys F10
tui_wait "Scope: where the VCH runs"; tap_ok $? "the right password connects, with F10 (Next) as with Enter"
tui_keys Tab q
tui_wait "not saved yet"
tui_keys Right Enter
tui_wait_exit >/dev/null

wiz_start
wiz_login 'Right0ne'
tui_wait "Scope: where the VCH runs"; tap_ok $? "a remembered certificate needs no dialog"
unlike "$(tui_capture)" "Untrusted" "no certificate dialog the second time"
tui_stop

# the precedence of every command: the environment before the plan's target; the
# password from --password-file as the other commands read it
printf 'Right0ne\n' >"$wiz_dir/pw"
chmod 600 "$wiz_dir/pw"
printf 'apiVersion: vchnet/v1\nkind: VCHNetworkPlan\nmetadata:\n  name: vch-elsewhere\ntarget:\n  url: elsewhere.invalid\n  username: someone\n' \
	>"$wiz_dir/work/elsewhere.yaml"
wiz_start -e VCHNET_URL="$VCSIM_HOSTPORT" -e VCHNET_USERNAME="$VCSIM_USERNAME" -- \
	--password-file "$wiz_dir/pw" elsewhere.yaml
tui_wait "Connect to vCenter"
out=$(tui_capture)
like "$out" "vCenter: +$VCSIM_HOSTPORT" "VCHNET_URL comes before the plan's target.url"
like "$out" "Password: +\*{8}" "--password-file fills the password field"
tui_keys F10
tui_wait "Scope: where the VCH runs"
tap_ok $? "they connect; the plan names no compute resource, so resuming stops at Scope"
unlike "$(tui_capture)" "Resumed elsewhere.yaml" "(the Scope screen's defaults are not taken for the plan's choices)"
tui_stop

# nothing listening: said in plain words, the wizard stays
wiz_start
tui_wait "Connect to vCenter"
tui_type "127.0.0.1:1"
tui_keys F10
tui_wait "Fill in the user name before connecting"; tap_ok $? "F10 with a field empty says which one to fill"
tui_type "$VCSIM_USERNAME" # the focus moved there
tui_keys Tab
tui_type "x"
tui_keys Enter
tui_wait "Cannot reach 127.0.0.1"; tap_ok $? "an unreachable host is reported as such"
tui_stop

# a slow server: the progress box offers Esc, and Esc cancels
vcsim_start -delay-ms 3000 || { echo "Bail out! the slow simulator did not start"; exit 1; }
wiz_start
wiz_login
tui_wait "Untrusted certificate"
tui_keys Right Enter
tui_wait "Esc cancels"
# keys typed under the box are not replayed on the next screen, and not lost silently
tui_type "abc"
tui_wait "Busy: keys are ignored; Esc cancels"; tap_ok $? "the progress box says typed keys are ignored"
tui_keys Escape
tui_wait "Cancelled: not connected to 127.0.0.1"; tap_ok $? "Esc cancels a slow connection"
like "$(tui_capture)" "Keys typed while connecting were ignored" "the status line says so after the box closes"
tui_stop

# nothing chosen yet (only an address typed): q quits without a "save?" question
wiz_start
tui_wait "Connect to vCenter"
tui_type "vcenter.example.com"
unlike "$(tui_capture)" "not saved" "no 'not saved' mark before the first choice"
tui_keys Tab Tab Tab q
is "$(tui_wait_exit)" "0" "q on the Connect step quits at once"
unlike "$(tui_capture_all)" "not saved yet|quit without saving" "without asking to save an empty plan"
tap_done
