#!/bin/bash
# firewall_confirm.sh: "vchnet firewall --fix" on a terminal (a private tmux server)
# asks before it changes anything: "n" changes nothing, "y" applies the changes.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/tui.sh"
. "$top_srcdir/tests/lib/vcsim.sh"
. "$top_srcdir/tests/integration/firewall_lib.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/fw_confirm.XXXXXX")
trap 'rm -rf "$work"' EXIT
PLAN=$work/plan.yaml
fw_plan "$PLAN"

vcsim_start -host 2 || { echo "Bail out! the simulator did not start"; exit 1; }

# exit_status: the program's exit status, written by the wrapping shell (tmux's
# pane_dead_status is sometimes never filled in for a status 0)
exit_status() {
	wait_for_file "$work/status" 20 || { diag "no exit status after 20 s"; return 1; }
	cat "$work/status"
	rm -f "$work/status"
}

fix_on_tty() {
	rm -f "$work/status"
	tui_start -x 200 -y 50 -e "VCHNET_PASSWORD=$VCSIM_PASSWORD" -- \
		sh -c '"$0" "$@"; echo $? >"'"$work/status.tmp"'"; mv "'"$work/status.tmp"'" "'"$work/status"'"' \
		"$VCHNET" firewall --fix \
		--url "$VCSIM_URL" --username "$VCSIM_USERNAME" \
		--thumbprint "$VCSIM_THUMBPRINT_SHA256" "$PLAN"
}

fix_on_tty
tui_wait 'Apply these changes? [y/N]'
tap_ok $? "on a terminal, --fix asks before changing anything"
tui_type n
tui_keys Enter
is "$(exit_status)" 2 "answering n: exit 2"
is "$(vcsim_count EnableRuleset)" 0 "answering n: nothing changed"
tui_stop

fix_on_tty
tui_wait 'Apply these changes? [y/N]'
tui_type y
tui_keys Enter
is "$(exit_status)" 0 "answering y: exit 0"
is "$(vcsim_count EnableRuleset)" 2 "answering y: both hosts changed"
like "$(tui_capture_all)" 'DC0_C0_H1: ruleset vic-engine enabled; now OK' "and the result is reported"
tui_stop
vcsim_stop

tap_done
