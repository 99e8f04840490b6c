#!/bin/bash
# deploy_cancel.sh: a vic-machine that hangs (the fake, at the upload step) is stopped
# when vchnet deploy gets Ctrl-C (SIGINT; with no terminal to ask on it does not ask)
# or SIGTERM: SIGINT to vic-machine, SIGTERM after the grace period when it ignores
# that; the child is gone afterwards and the report says what may be left behind and
# how to delete it. While it runs, the password is in its environment and in no
# command line in /proc.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/vcsim.sh"
. "$top_srcdir/tests/integration/deploy_lib.sh"

tap_plan 24

deploy_setup
plan=$work/plan.yaml
deploy_plan "$plan" "portGroup: vch-bridge-7" "create: {switch: DVS0, vlan: 7}"
log=$work/deploy.log
export FAKE_VIC_HANG=upload VCHNET_DEPLOY_GRACE_MS=300

# Starts vchnet deploy without a controlling terminal and waits until vic-machine is
# uploading; sets bg (vchnet's pid) and fake (vic-machine's pid).
start_deploy() {
	rm -f "$FAKE_VIC_PID_FILE" "$FAKE_VIC_SIGNAL_FILE" "$work/out"
	setsid "$VCHNET" deploy "$plan" --yes --log "$log" >"$work/out" 2>&1 &
	bg=$!
	local i=0
	until grep -q "Uploading images for container" "$work/out" 2>/dev/null; do
		i=$((i + 1))
		if [ "$i" -gt 600 ] || ! kill -0 "$bg" 2>/dev/null; then
			diag "vic-machine did not reach the upload: $(cat "$work/out")"
			return 1
		fi
		sleep 0.1
	done
	fake=$(cat "$FAKE_VIC_PID_FILE")
}

# Waits for vchnet to end; sets rc.
finish_deploy() {
	wait "$bg"
	rc=$?
	out=$(cat "$work/out")
}

start_deploy || { echo "Bail out! the deploy did not start"; exit 1; }
is "$(ps -o ppid= -p "$fake" | tr -d ' ')" "$bg" "vic-machine is vchnet's child"
ok "vic-machine's command line in /proc says create" proc_has "$fake" cmdline create
ok "vic-machine's command line in /proc has no password" \
	bash -c '! tr "\0" "\n" <"/proc/$1/cmdline" | grep -qF -- "$2"' _ "$fake" "$DEPLOY_PASSWORD"
ok "vchnet's command line in /proc has no password" \
	bash -c '! tr "\0" "\n" <"/proc/$1/cmdline" | grep -qF -- "$2"' _ "$bg" "$DEPLOY_PASSWORD"
ok "vic-machine's environment in /proc has VIC_MACHINE_PASSWORD" \
	proc_has "$fake" environ "VIC_MACHINE_PASSWORD=$DEPLOY_PASSWORD"
isnt_own_pgrp=$(ps -o pgid= -p "$fake" | tr -d ' ')
is "$isnt_own_pgrp" "$fake" "vic-machine runs in its own process group"

kill -INT "$bg"
finish_deploy
is "$rc" 1 "Ctrl-C: deploy exits 1"
ok "Ctrl-C: vic-machine is gone" bash -c '! test -e "/proc/$1"' _ "$fake"
is "$(cat "$FAKE_VIC_SIGNAL_FILE")" INT "Ctrl-C: vic-machine got SIGINT (once)"
like "$out" "stopped at: vic-machine create" "Ctrl-C: the report says it stopped"
like "$out" "cancelled while uploading" "Ctrl-C: ... in the uploading stage"
like "$out" "What vic-machine may have left behind:" "Ctrl-C: it says what may be left"
like "$out" "the folder vch-deploy on datastore LocalDS_0 \\(VM files and uploaded ISO images\\)" \
	"Ctrl-C: ... the VCH's folder with the uploaded images"
like "$out" "To remove it" "Ctrl-C: and how to remove it"
like "$out" "vic-machine-linux delete \\\\" "Ctrl-C: with vic-machine delete"
like "$out" "created the distributed port group vch-bridge-7" \
	"Ctrl-C: the remediation already applied is listed"
ok "Ctrl-C: the log records the signal" grep -q "sent SIGINT" "$log"
unlike "$out" "$DEPLOY_PASSWORD" "Ctrl-C: the password is not in the output"

# a vic-machine deaf to SIGINT gets SIGTERM after the grace period
export FAKE_VIC_IGNORE=INT
start_deploy || { echo "Bail out! the second deploy did not start"; exit 1; }
kill -INT "$bg"
finish_deploy
is "$rc" 1 "deaf to SIGINT: deploy exits 1"
is "$(cat "$FAKE_VIC_SIGNAL_FILE" | tr '\n' ' ')" "INT TERM " "deaf to SIGINT: SIGINT, then SIGTERM"
ok "deaf to SIGINT: vic-machine is gone" bash -c '! test -e "/proc/$1"' _ "$fake"
unset FAKE_VIC_IGNORE

# SIGTERM to vchnet stops without asking
start_deploy || { echo "Bail out! the third deploy did not start"; exit 1; }
kill -TERM "$bg"
finish_deploy
is "$rc" 1 "SIGTERM: deploy exits 1"
ok "SIGTERM: vic-machine is gone" bash -c '! test -e "/proc/$1"' _ "$fake"
like "$out" "To remove it" "SIGTERM: the cleanup is reported"

tap_done
