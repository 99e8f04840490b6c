#!/bin/sh
# Login, password sources and the session against tests/vcsim with enforced
# credentials: a wrong password exits 3 with a clear message; --password-file works;
# no password and no terminal is a clear error; a session that expires mid-run is
# logged in again; Ctrl-C still logs out; the password is in no argv and no output.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/vcsim.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/inv_session.XXXXXX")
trap 'rm -rf "$work"' EXIT
unset VCHNET_PASSWORD GOVC_PASSWORD VCHNET_URL GOVC_URL VCHNET_USERNAME GOVC_USERNAME
PW='S3cr&t <pw> "x"'

vcsim_start -pg 1 -nsx 0 -username admin -password "$PW" -delay-ms 400 ||
	{ echo "Bail out! vcsim did not start"; exit 1; }
common="--url $VCSIM_URL --username admin --thumbprint $VCSIM_THUMBPRINT_SHA256"

# shellcheck disable=SC2086
out=$(VCHNET_PASSWORD='wrong&pass' "$VCHNET" inventory $common 2>&1)
is "$?" 3 "wrong password: exit 3"
like "$out" "login to 127.0.0.1 as admin failed: incorrect user name or password" "wrong password: clear message"
unlike "$out" "wrong&pass|S3cr" "wrong password: no password in the message"
is "$(vcsim_count Logout)" 0 "wrong password: nothing to log out of"

printf '%s\n' "$PW" >"$work/pw"
chmod 600 "$work/pw"
# shellcheck disable=SC2086
out=$("$VCHNET" inventory $common --password-file "$work/pw" 2>&1)
tap_ok $? "--password-file with special characters"
like "$out" "^Datacenter DC0" "--password-file: inventory shown"
# shellcheck disable=SC2086
ok "--password-file comes before VCHNET_PASSWORD (option before environment)" \
	env VCHNET_PASSWORD='wrong&pass' "$VCHNET" inventory $common --password-file "$work/pw"
# shellcheck disable=SC2086
ok "GOVC_PASSWORD" env GOVC_PASSWORD="$PW" "$VCHNET" inventory $common

# no password anywhere and no terminal to ask on
# shellcheck disable=SC2086
out=$(setsid "$VCHNET" inventory $common </dev/null 2>&1)
is "$?" 3 "no password, no terminal: exit 3"
like "$out" "no password for admin: set VCHNET_PASSWORD, give --password-file, or run on a terminal" \
	"no password, no terminal: says what to do"

# Starts 'vchnet inventory' in the background (pid) and returns once it has created its
# container view, i.e. it is logged in and in the middle of the fetch.
inventory_midway() {
	views=$(vcsim_count CreateContainerView)
	i=0
	# shellcheck disable=SC2086
	env VCHNET_PASSWORD="$PW" "$VCHNET" inventory $common >"$work/out" 2>"$work/err" &
	pid=$!
	while [ "$(vcsim_count CreateContainerView)" -le "$views" ] && [ "$i" -lt 600 ]; do
		i=$((i + 1))
		sleep 0.05
	done
}

# Session expiry mid-run: once the view exists, expire every session; the next call
# fails with NotAuthenticated, vchnet logs in again and starts over.
logins=$(vcsim_count Login)
inventory_midway
tr '\0' ' ' <"/proc/$pid/cmdline" >"$work/cmdline" 2>/dev/null
vcsim_expire_sessions
wait "$pid"
rc=$?
is "$rc" 0 "session expiry mid-run: the command still succeeds"
is "$(vcsim_count Login)" $((logins + 2)) "session expiry mid-run: logged in a second time"
like "$(cat "$work/out")" "^  DC0_DVPG0 +distributed" "session expiry mid-run: full inventory printed"
like "$(cat "$work/cmdline")" "inventory --url" "the command line was captured while running"
unlike "$(cat "$work/cmdline")" "S3cr" "the password is not in /proc/PID/cmdline"
unlike "$(cat "$work/out" "$work/err")" "S3cr" "the password is not in the output"

# Ctrl-C in the middle: cancelled, but the session is still logged out.
logouts=$(vcsim_count Logout)
inventory_midway
kill -INT "$pid"
wait "$pid"
is "$?" 3 "Ctrl-C: exit 3"
like "$(cat "$work/err")" "cancelled" "Ctrl-C: says it was cancelled"
is "$(vcsim_count Logout)" $((logouts + 1)) "Ctrl-C: the session was logged out"

tap_done
