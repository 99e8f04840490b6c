#!/bin/sh
# deploy.sh: the wizard's deploy screen through tmux against the simulator, with the
# fake vic-machine: from the review step, a dry run shows every step and changes
# nothing; a deploy asks before running vic-machine, streams its lines with the stage
# and ends with the Docker endpoint; Esc during a hanging vic-machine asks, stops it
# and shows what to clean up; Enter returns to the review step each time.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/plans.sh"
. "$top_srcdir/tests/lib/tui.sh"
. "$top_srcdir/tests/lib/vcsim.sh"
. "$top_srcdir/tests/tui/wizlib.sh"

tap_plan 22
wiz_home
PASS='Dep1oy-TUI-pw'
vcsim_start -scenario allow-all -username admin@vsphere.local -password "$PASS" ||
	{ echo "Bail out! the simulator did not start"; exit 1; }
mkdir -p "$wiz_dir/bin" "$wiz_dir/state"
cp "$top_srcdir/tests/fake/vic-machine" "$wiz_dir/bin/vic-machine-linux"
chmod 755 "$wiz_dir/bin/vic-machine-linux"
plan_vcsim "$wiz_dir/work/plan.yaml" name=vch-tui user=admin@vsphere.local public=DC0_DVPG1

# start_wizard [ENV=VALUE...]: the wizard on the plan, logged in, on the review step
start_wizard() {
	local envs=""
	for e in "$@"; do envs="$envs -e $e"; done
	# shellcheck disable=SC2086
	wiz_start -x 100 -y 30 -e "PATH=$wiz_dir/bin:$PATH" -e "XDG_STATE_HOME=$wiz_dir/state" \
		-e "FAKE_VIC_ARGV_FILE=$wiz_dir/argv" -e "FAKE_VIC_PID_FILE=$wiz_dir/pid" \
		-e 'VCHNET_VIC_MACHINE_ENV=FAKE_VIC_*' -e VCHNET_DEPLOY_GRACE_MS=300 -e "VCHNET_PASSWORD=$PASS" $envs -- plan.yaml
	# address and user come from the plan, the password from the environment, the
	# certificate is pinned by the plan's thumbprint: Connect has the focus
	tui_wait "Connect to vCenter" || return 1
	tui_keys Enter
	tui_wait_gone "Connect to vCenter" || return 1
	wiz_to_review
}

start_wizard; tap_ok $? "the wizard resumes the plan and reaches the review step"
tui_keys Tab Tab
tui_keys Enter
tui_wait "A dry run shows every step"; tap_ok $? "Deploy asks: deploy, dry run or cancel"
tui_keys Enter
tui_wait "Dry run: nothing was changed. A deploy would:"; tap_ok $? "the dry run runs to its end"
like "$(tui_capture)" "    - run vic-machine create" "it lists what a deploy would do"
unlike "$(tui_capture)" "Stage:" "no vic-machine stage after a dry run (vic-machine never ran)"
ok "the dry run did not run vic-machine create" bash -c '! grep -qx create "$1"' _ "$wiz_dir/argv"
# the command in the log is never wrapped: one argument per line, cut with a mark,
# and Left/Right scroll it sideways
# up from the bottom until the command is in view
for i in $(seq 1 60); do
	case $(tui_capture) in *"--thumbprint"*) break ;; esac
	tui_keys Up
	tui_settle
done
like "$(tui_capture)" "    --thumbprint [0-9A-F:]+…
 *│? +--name vch-tui \\\\" "the command's long line is cut with a mark, the next argument on the next line"
tui_keys Right Right Right Right
tui_settle
like "$(tui_capture)" ":[0-9A-F][0-9A-F] \\\\" "Right scrolls the command sideways to the end of the line"
tui_keys Left Left Left Left End
tui_keys Enter
tui_wait "Review the plan, then save it"; tap_ok $? "Enter returns to the review step"

# the focus is still on Deploy
tui_keys Enter
tui_wait "A dry run shows every step"
tui_keys Left Enter
tui_wait "Run vic-machine create for the VCH vch-tui now?"; tap_ok $? "vic-machine create needs a yes"
tui_keys Left Enter
tui_wait "The VCH vch-tui is deployed."; tap_ok $? "the deploy ends with success"
screen=$(tui_capture)
like "$screen" "Docker endpoint: 192\.168\.100\.10:2376" "the Docker endpoint is shown"
like "$screen" "Try: +docker -H 192\.168\.100\.10:2376 --tls info" "a next command is shown"
like "$screen" "6 vic-machine create" "the step list shows the last step"
is "$(head -1 "$wiz_dir/argv")" create "vic-machine create ran"
tui_keys Enter
tui_wait "Review the plan, then save it"
tui_stop

# Esc while vic-machine hangs: asked, then stopped
start_wizard FAKE_VIC_HANG=upload
tui_keys Tab Tab
tui_keys Enter
tui_wait "A dry run shows every step"
tui_keys Left Enter
tui_wait "Run vic-machine create for the VCH vch-tui now?"
tui_keys Left Enter
tui_wait "Stage: uploading"; tap_ok $? "the stage is shown while vic-machine runs"
tui_keys Escape
tui_wait "Stop the deploy?"; tap_ok $? "Esc asks before stopping"
tui_keys Left Enter
tui_wait "Back on the review step you can fix the plan"; tap_ok $? "Esc, then Stop, ends the run"
like "$(tui_capture)" "To remove it" "the screen says how to remove what is left"
like "$(tui_capture)" "vic-machine-linux delete \\\\" "... with vic-machine delete, one argument per line"
ok "vic-machine is gone" bash -c '! test -e "/proc/$1"' _ "$(cat "$wiz_dir/pid")"
tui_keys Enter
tui_wait "Deploy stopped: vic-machine create was cancelled while uploading"
tap_ok $? "back on the review step, the status line says it was stopped"
tap_done
