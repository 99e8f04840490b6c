#!/bin/bash
# deploy_tty.sh: vchnet deploy on a terminal (tmux) without --yes: every change waits
# for an answer on the terminal, "n" stops before anything changes; Ctrl-C while
# vic-machine runs asks first: "n" lets it go on, "y" stops it (SIGINT, once).
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/vcsim.sh"
. "$top_srcdir/tests/integration/deploy_lib.sh"

tap_plan 14

deploy_setup
# tui.sh takes the EXIT trap over: hand it what deploy_setup and vcsim_start set up
. "$top_srcdir/tests/lib/tui.sh"
tui_cleanup_extra='vcsim_stop; rm -rf "$work"'

plan=$work/plan.yaml
DEPLOY_PUBLIC=DC0_DVPG1  # distributed: no vMotion warning, so no "Deploy anyway?"
deploy_plan "$plan" "portGroup: vch-bridge-tty" "create: {switch: DVS0, vlan: 9}"

run_deploy() { # ENV=VALUE...
	local envs="" e
	for e in "$@"; do envs="$envs -e $e"; done
	# shellcheck disable=SC2086
	tui_start -x 120 -y 40 -e "XDG_STATE_HOME=$XDG_STATE_HOME" \
		-e "XDG_CONFIG_HOME=$XDG_CONFIG_HOME" -e "VCHNET_PASSWORD=$VCHNET_PASSWORD" \
		-e "FAKE_VIC_ARGV_FILE=$FAKE_VIC_ARGV_FILE" -e "FAKE_VIC_PID_FILE=$FAKE_VIC_PID_FILE" \
		-e "FAKE_VIC_SIGNAL_FILE=$FAKE_VIC_SIGNAL_FILE" \
		-e "VCHNET_VIC_MACHINE_ENV=$VCHNET_VIC_MACHINE_ENV" $envs -- \
		/bin/bash -c '"$1" deploy "$2"; echo "[deploy exit status $?]"' bash "$VCHNET" "$plan"
}

# The status as printed by the wrapping shell (tmux 3.3a sometimes misses the SIGCHLD
# of a pane's own process, so its pane_dead_status is not dependable here). bash, not
# sh: after a Ctrl-C that vchnet handles, bash waits on (dash would die of the SIGINT).
deploy_status() {
	tui_wait "[deploy exit status" || return 1
	tui_capture_all | sed -n 's/^\[deploy exit status \([0-9]*\)\]$/\1/p' | tail -1
}

# "n" to the first change: nothing happens
run_deploy
tui_wait "Create the distributed port group vch-bridge-tty on switch DVS0 with VLAN 9? [y/N]"
tap_ok $? "the port group creation waits for an answer"
tui_type n
tui_keys Enter
st=$(deploy_status)
is "$st" 1 "answering n ends the deploy with status 1"
like "$(tui_capture_all)" 'stopped: the answer to .* was no' "it says why it stopped"
is "$(vcsim_count AddDVPortgroup_Task)" 0 "nothing was created"

# "y" to everything, then Ctrl-C during the upload
rm -f "$FAKE_VIC_SIGNAL_FILE"
run_deploy FAKE_VIC_HANG=upload
tui_wait "with VLAN 9? [y/N]" && tui_type y && tui_keys Enter
tui_wait "as shown above? [y/N]" && tui_type y && tui_keys Enter
tui_wait "PATH). [y/N]"
tap_ok $? "vic-machine create waits for an answer"
like "$(tui_capture_all)" "Run vic-machine create for the VCH vch-deploy now\? The program is $work/bin/vic-machine-linux \(from PATH\)\." \
	"the question names the program by its absolute path"
tui_type y
tui_keys Enter
tui_wait "Uploading images for container"; tap_ok $? "vic-machine runs after the yes"
tui_keys C-c
tui_wait "Stop now?"; tap_ok $? "Ctrl-C asks before stopping vic-machine"
tui_type n
tui_keys Enter
ok "answering n leaves vic-machine running" kill -0 "$(cat "$FAKE_VIC_PID_FILE")"
ok "and it got no signal" test ! -s "$FAKE_VIC_SIGNAL_FILE"
tui_keys C-c
tui_wait_gone "Uploading images for container" 1 >/dev/null 2>&1
tui_wait "Stop now? What was created so far stays behind (you will be told how to remove it) [y/N] "
tui_type y
tui_keys Enter
st=$(deploy_status)
is "$st" 1 "after the second Ctrl-C and y, deploy ends with status 1"
is "$(cat "$FAKE_VIC_SIGNAL_FILE")" INT "vic-machine got one SIGINT"
out=$(tui_capture_all)
like "$out" "Deploy of vch-deploy stopped at: vic-machine create" "the report says it stopped"
like "$out" "created the distributed port group vch-bridge-tty" "and lists the port group created before"

tap_done
