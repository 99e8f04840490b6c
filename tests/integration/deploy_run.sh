#!/bin/bash
# deploy_run.sh: vchnet deploy runs vic-machine create (the fake one) with exactly the
# arguments 'vchnet render' prints, the password only in its environment (never in
# argv, /proc/PID/cmdline, the log or our output), streams its output with the stages,
# reports the Docker endpoint; a failure reports the last errors and the log; a
# version that does not fit the plan stops before anything changes.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/vcsim.sh"
. "$top_srcdir/tests/integration/deploy_lib.sh"

tap_plan 27

deploy_setup
plan=$work/plan.yaml
deploy_plan "$plan"
log=$work/deploy.log

# the arguments 'vchnet render' prints, one per line, without the program name
rendered=$("$VCHNET" render "$plan") || { echo "Bail out! vchnet render failed"; exit 1; }
eval "set -- $rendered"
shift
printf '%s\n' "$@" >"$work/rendered"

out=$("$VCHNET" deploy "$plan" --yes --log "$log" 2>&1)
rc=$?
is "$rc" 0 "deploy exits 0 when vic-machine succeeds"
is "$(cat "$FAKE_VIC_ARGV_FILE")" "$(cat "$work/rendered")" \
	"vic-machine got exactly the arguments of 'vchnet render'"
is "$(head -1 "$FAKE_VIC_ARGV_FILE")" create "its first argument is create"
ok "the password is in vic-machine's environment as VIC_MACHINE_PASSWORD" \
	grep -qxF "VIC_MACHINE_PASSWORD=$DEPLOY_PASSWORD" "$FAKE_VIC_ENV_FILE"
ok "the password is in none of its arguments" bash -c '! grep -qF -- "$1" "$2"' _ \
	"$DEPLOY_PASSWORD" "$FAKE_VIC_ARGV_FILE"
unlike "$out" "$DEPLOY_PASSWORD" "the password is not in our output"
ok "the log exists" test -s "$log"
is "$(stat -c %a "$log")" 600 "the log is mode 0600"
ok "the password is not in the log" bash -c '! grep -qF -- "$1" "$2"' _ "$DEPLOY_PASSWORD" "$log"
ok "the log has vic-machine's output" grep -q "Installer completed successfully" "$log"
like "$out" "Uploading images for container" "vic-machine's lines stream to our output"
like "$out" "== validating" "the validating stage is shown"
like "$out" "== waiting for IP" "the waiting-for-IP stage is shown"
like "$out" "Docker endpoint: 192\.168\.100\.10:2376" "the Docker endpoint is reported"
like "$out" "Admin portal: +https://192\.168\.100\.10:2378" "the admin portal is reported"
like "$out" "Try: +docker -H 192\.168\.100\.10:2376 --tls info" "a next command is suggested"

# failure at power-on (what the simulator does to the real vic-machine)
out=$(FAKE_VIC_FAIL=poweron "$VCHNET" deploy "$plan" --yes --log "$log" 2>&1)
rc=$?
is "$rc" 1 "a failing vic-machine makes deploy exit 1"
like "$out" "failed at: vic-machine create" "the failed step is named"
like "$out" "vic-machine's last errors:" "the last error lines are shown"
like "$out" "Failed to power on appliance" "with vic-machine's own error"
like "$out" "Log: $log" "the log's path is given"
like "$out" "To remove it" "the cleanup command is offered"
like "$out" "vic-machine-linux delete \\\\" "it is vic-machine delete"
like "$out" "--name vch-deploy" "for this VCH"

# a vic-machine whose version does not fit the plan's VIC profile
rm -f "$FAKE_VIC_ARGV_FILE"
out=$(FAKE_VIC_VERSION=v1.4.1-18000-abc "$VCHNET" deploy "$plan" --yes 2>&1)
rc=$?
is "$rc" 1 "a vic-machine 1.4 for a 1.2 plan fails"
like "$out" "vic-machine is version 1\.4 but the plan was made for VIC 1\.2" "the message names both"
is "$(cat "$FAKE_VIC_ARGV_FILE")" version "only 'version' ran"

tap_done
