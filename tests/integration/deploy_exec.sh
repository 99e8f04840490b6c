#!/bin/bash
# deploy_exec.sh: what vchnet runs, and when. A plan that names its own vic-machine
# (vic.machine, relative to the plan's directory) runs nothing in a dry run, check or
# render; a deploy shows the program's absolute path and asks first (no terminal to
# ask on: nothing runs); with --yes it runs with a minimal environment (no
# VCHNET_PASSWORD, no GOVC_PASSWORD). PATH's empty element is not the current
# directory. A FIFO as plan is refused at once (exit 2). SIGKILL of vchnet deploy
# takes vic-machine with it.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/vcsim.sh"
. "$top_srcdir/tests/integration/deploy_lib.sh"

tap_plan 28

deploy_setup
GOVC_PASSWORD=govc-Secret-99
export GOVC_PASSWORD
mkdir -p "$work/plans/tools" "$work/elsewhere"
cp "$top_srcdir/tests/fake/vic-machine" "$work/plans/tools/vic-machine-linux"
chmod 755 "$work/plans/tools/vic-machine-linux"
plan=$work/plans/plan.yaml
deploy_plan "$plan"
sed -i 's/^  version: "1.2"$/  version: "1.2"\n  machine: tools\/vic-machine-linux/' "$plan"
grep -q 'machine: tools/vic-machine-linux' "$plan" || { echo "Bail out! plan not written"; exit 1; }
abs=$work/plans/tools/vic-machine-linux

# checking, rendering and a dry run run nothing
(cd "$work/elsewhere" && "$VCHNET" check --offline ../plans/plan.yaml >/dev/null 2>&1)
(cd "$work/elsewhere" && "$VCHNET" render ../plans/plan.yaml >/dev/null 2>&1)
ok "check and render ran nothing" test ! -e "$FAKE_VIC_ARGV_FILE"
out=$(cd "$work/elsewhere" && "$VCHNET" deploy ../plans/plan.yaml --dry-run 2>&1)
is "$?" 0 "a dry run with the plan's vic-machine exits 0"
like "$out" "vic-machine: $abs \(from vic.machine in the plan\)" \
	"it names the program by its absolute path, resolved against the plan's directory"
like "$out" "would ask before running $abs" "it says a deploy would ask first"
ok "the dry run ran nothing, not even 'version'" test ! -e "$FAKE_VIC_ARGV_FILE"

# no terminal to ask on and no --yes: nothing runs
out=$(cd "$work/elsewhere" && setsid -w "$VCHNET" deploy ../plans/plan.yaml </dev/null 2>&1)
is "$?" 1 "without a terminal or --yes the deploy stops"
like "$out" "The plan names the program $abs \(vic.machine\). Run it\?" "the question names the absolute path"
ok "and the program did not run" test ! -e "$FAKE_VIC_ARGV_FILE"

# --yes: it runs, with a minimal environment
out=$(cd "$work/elsewhere" && "$VCHNET" deploy ../plans/plan.yaml --yes 2>&1)
is "$?" 0 "deploy --yes with the plan's vic-machine succeeds"
like "$out" "vic-machine: $abs \(from vic.machine in the plan\)" "deploy shows the absolute path"
like "$out" "Run vic-machine create for the VCH vch-deploy now\? The program is $abs" \
	"the create confirmation shows it too"
is "$(head -1 "$FAKE_VIC_ARGV_FILE")" create "vic-machine create ran"
ok "its environment has VIC_MACHINE_PASSWORD" grep -qxF "VIC_MACHINE_PASSWORD=$DEPLOY_PASSWORD" "$FAKE_VIC_ENV_FILE"
ok "... but no VCHNET_PASSWORD" bash -c '! grep -q "^VCHNET_PASSWORD=" "$1"' _ "$FAKE_VIC_ENV_FILE"
ok "... no GOVC_PASSWORD" bash -c '! grep -q "^GOVC_PASSWORD=" "$1"' _ "$FAKE_VIC_ENV_FILE"
ok "... no GOVC secret anywhere" bash -c '! grep -qF "govc-Secret-99" "$1"' _ "$FAKE_VIC_ENV_FILE"
ok "... no VCHNET_ or GOVC_ variable at all" bash -c '! grep -qE "^(VCHNET|GOVC)_" "$1"' _ "$FAKE_VIC_ENV_FILE"
ok "... and PATH and HOME are kept" bash -c 'grep -q "^PATH=" "$1" && grep -q "^HOME=" "$1"' _ "$FAKE_VIC_ENV_FILE"
# the log's directory of a deploy
is "$(stat -c %a "$(ls "$XDG_STATE_HOME"/vchnet/deploy-*.log | head -1)")" 600 "the deploy log is 0600"

# an empty PATH element is not the current directory
rm -f "$FAKE_VIC_ARGV_FILE"
sed -i '/machine: tools\/vic-machine-linux/d' "$plan"
out=$(cd "$work/plans/tools" && PATH=":/usr/bin:/bin" "$VCHNET" deploy ../plan.yaml --dry-run 2>&1)
is "$?" 1 "with PATH=':/usr/bin:/bin' no vic-machine is found"
like "$out" "vic-machine not found" "it says so"
ok "./vic-machine-linux in the current directory did not run" test ! -e "$FAKE_VIC_ARGV_FILE"

# a FIFO as the plan: refused at once, exit 2
mkfifo "$work/fifo.yaml"
out=$(timeout 5 "$VCHNET" check --offline "$work/fifo.yaml" 2>&1)
is "$?" 2 "check of a FIFO plan exits 2 (not killed by timeout)"
like "$out" "fifo.yaml: not a regular file \(it is a FIFO \(named pipe\)\)" "and says it is a FIFO"
timeout 5 "$VCHNET" deploy "$work/fifo.yaml" --dry-run >/dev/null 2>&1
is "$?" 2 "deploy of a FIFO plan exits 2"
timeout 5 "$VCHNET" wizard --plain "$work/fifo.yaml" </dev/null >/dev/null 2>&1
is "$?" 2 "wizard --plain of a FIFO plan exits 2"

# SIGKILL of vchnet deploy takes vic-machine with it
rm -f "$FAKE_VIC_PID_FILE" "$FAKE_VIC_PID_FILE.sleep"
FAKE_VIC_HANG=upload "$VCHNET" deploy "$plan" --yes >"$work/kill.out" 2>&1 &
vpid=$!
for i in $(seq 1 200); do
	grep -q "Uploading images for container" "$work/kill.out" 2>/dev/null && break
	sleep 0.1
done
fpid=$(cat "$FAKE_VIC_PID_FILE" 2>/dev/null)
ok "vic-machine was running (pid $fpid)" kill -0 "$fpid"
kill -9 "$vpid"
wait "$vpid" 2>/dev/null
gone=1
for i in $(seq 1 100); do
	if ! kill -0 "$fpid" 2>/dev/null; then gone=0; break; fi
	sleep 0.1
done
tap_ok "$gone" "after kill -9 of vchnet deploy, vic-machine is gone"
# the fake's own sleep is not vic-machine; end it so nothing lingers
[ -s "$FAKE_VIC_PID_FILE.sleep" ] && kill "$(cat "$FAKE_VIC_PID_FILE.sleep")" 2>/dev/null
tap_done
