#!/bin/sh
# firewall_step_mixed.sh: the firewall step on a mixed cluster (-scenario mixed: one host
# open, one blocking 2377/tcp, one limited to an allowed-IP list) — the per-host table
# with verdicts and reasons, Fix listing each host and the rule set it gets with Cancel
# as the default, applying it (the simulator's host really has vic-engine enabled
# afterwards), the re-check clean of errors, and the summary in the saved plan's header.
# Then the vCenter session expires (SIGUSR1 to the simulator): "Check again" signs in
# again by itself and continues, every choice kept; and the simulator stops answering
# (SIGSTOP): the lost connection is reported with Retry, which works once it answers.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tui.sh"
. "$top_srcdir/tests/lib/vcsim.sh"
. "$top_srcdir/tests/tui/wizlib.sh"

tap_plan 27
wiz_home
vcsim_start -scenario mixed -username admin@vsphere.local -password 'S3cret!' ||
	{ echo "Bail out! the simulator did not start"; exit 1; }

# a short request timeout, so that a frozen simulator shows as a lost connection soon
wiz_start -e XDG_STATE_HOME="$wiz_dir/state" -- --timeout 3
wiz_connect; tap_ok $? "connects"
tui_keys C-u; tui_type "vch-fw"
for want in "Bridge network" "Public network" "Same as the public" "Same as the client" \
	"Container networks give" "NIC layout of" "against 127.0.0.1"; do
	wiz_next
	tui_wait "$want" || break
done
tui_wait "Firewall: can the hosts"; tap_ok $? "the firewall step follows the layout"
scr=$(tui_capture)
like "$scr" "OK +DC0_C0_H0" "an open host is OK (the verdict comes first)"
like "$scr" "rule sets for 2377/tcp out: vic-engine" "with the rule sets that let 2377/tcp out"
unlike "$(printf '%s\n' "$scr" | sed -n 2,22p)" "…" "at 80x24 nothing on the step is cut: the lines wrap"
# one blocking host, one error: vic-machine's one-line summary (which the table never
# shows) is not counted again; VM Network as public is a warning (vMotion)
like "$scr" "Pre-check: 1 error, 2 warnings against 127.0.0.1\\. Choose Fix to open the hosts\\." "the summary and what to do fit the status line"
like "$scr" "1 err, 2 warn; 1/3 hosts OK" "the step counts the blocking host once"
tui_golden firewall-mixed-80x24 "the step at 80x24 as a whole (golden)"
tui_keys Tab PageDown
tui_wait "BLOCKED       DC0_C0_H1"; tap_ok $? "the blocking host is BLOCKED (further down the table)"
like "$(tui_capture)" "reason: no enabled ruleset allows dst 2377/tcp" "with the reason"
tui_keys End
tui_wait "Besides the firewalls, the pre-check found:"; tap_ok $? "the other findings follow the table"
# the step's side of the screen, its wrapped lines joined
scr=$(tui_capture | sed 's/^[^│]*│//' | tr -s ' \n' ' ')
like "$scr" "warning: the public, client and management networks are on \"VM Network\", a standard port group: it keeps the VCH's endpoint VM from being moved with vMotion" \
	"the vMotion warning, whole"
like "$scr" "hint: choose a distributed port group \\(or an NSX network\\) for it, so that vMotion and DRS can move the VCH between hosts" \
	"with the CLI's hint"
tui_keys Home
tui_keys BTab

tui_keys Enter
tui_wait "Fix the host firewalls"; tap_ok $? "Fix asks first"
like "$(tui_capture)" "DC0_C0_H1: enable vic-engine \\(opens outbound tcp 2377 only\\)" \
	"it lists the host, the rule set and what enabling it opens"
tui_keys Enter
tui_wait "Fix cancelled: nothing was changed"; tap_ok $? "Enter takes the default: Cancel"
vcsim_login >/dev/null 2>&1
like "$(vcsim_firewall_table DC0_C0_H1)" "vic-engine false" "the host is untouched"

tui_keys Enter
tui_wait "Fix the host firewalls"
tui_keys Right Enter
tui_wait "Fixed. Pre-check"; tap_ok $? "Enable applies the fix and checks again"
scr=$(tui_capture)
like "$scr" "DC0_C0_H1: ruleset vic-engine enabled; now OK" "the table says what changed"
like "$scr" "Pre-check: 0 errors, 2 warnings against 127.0.0.1" "no error left after the re-check"
like "$(vcsim_firewall_table DC0_C0_H1)" "vic-engine true match" "the simulator's host has vic-engine enabled"

# the session expires: the next call signs in again and continues
logins=$(vcsim_count Login)
vcsim_expire_sessions
# after the fix the table has the focus (Fix has nothing left to do): Tab to Check again
tui_keys Tab
tui_wait "[ Check again ]"
tui_keys Enter
tui_wait_gone "Fixed. Pre-check"
tui_wait "Pre-check: "; tap_ok $? "after the session expired, Check again still works"
tap_ok "$([ "$(vcsim_count Login)" -gt "$logins" ]; echo $?)" "it signed in again"

# the connection is lost (the simulator stops answering): Retry once it answers again
kill -STOP "$VCSIM_PID"
tui_keys Enter
tui_wait "Connection lost"; tap_ok $? "a lost connection is reported"
like "$(tui_capture)" "Retry" "with a Retry"
kill -CONT "$VCSIM_PID"
tui_keys Enter
tui_wait_gone "Connection lost"
tui_wait "Pre-check: "; tap_ok $? "Retry continues once vCenter answers again"

tui_keys F10
tui_wait "Review the plan"
tui_keys C-s
tui_wait "Saved to"
like "$(head -8 "$wiz_dir/work/vch-fw.yaml")" "# Pre-check: [0-9TZ:-]*: 0 errors, 2 warnings against 127.0.0.1" \
	"the plan's header records the last pre-check"
tui_stop
tap_done
