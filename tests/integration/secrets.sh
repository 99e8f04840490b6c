#!/bin/sh
# Secrets: an empty password is refused unless --allow-empty-password says it is
# meant; a password file others may read draws a warning; no message shows the
# password (a URL with credentials); a process holding the password leaves no core
# file when it crashes.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/stubsrv/stub.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/secrets.XXXXXX")
trap 'stub_stop; rm -rf "$work"' EXIT
unset VCHNET_PASSWORD GOVC_PASSWORD
PW="s3cret-pw-4711"

inv() {
	"$VCHNET" inventory --url "$STUB_URL" --username u --thumbprint "$STUB_THUMBPRINT_SHA256" "$@"
}

# the process itself, not a shell around it, so that $! is vchnet's pid
exec_vchnet() {
	exec "$VCHNET" inventory --url "$STUB_URL" --username u --thumbprint "$STUB_THUMBPRINT_SHA256" "$@"
}

stub_start good || { echo "Bail out! stubsrv did not start"; exit 1; }
: >"$work/empty"
chmod 600 "$work/empty"
out=$(inv --password-file "$work/empty" 2>&1)
is "$?" 3 "empty password file: refused (exit 3)"
like "$out" "the password file $work/empty is empty: vchnet refuses an empty password; .*--allow-empty-password" \
	"empty password file: the message says why and how to opt in"
is "$(stub_methods)" "RetrieveServiceContent" "empty password file: no Login was sent"
printf '\n' >"$work/newline"
chmod 600 "$work/newline"
out=$(inv --password-file "$work/newline" 2>&1)
is "$?" 3 "a password file with only a newline: refused"
out=$(VCHNET_PASSWORD= inv 2>&1)
is "$?" 3 "empty VCHNET_PASSWORD: refused (exit 3)"
like "$out" "VCHNET_PASSWORD is empty: vchnet refuses an empty password" "empty VCHNET_PASSWORD: says so"
out=$(VCHNET_PASSWORD= GOVC_PASSWORD="$PW" inv 2>&1)
tap_ok $? "empty VCHNET_PASSWORD, GOVC_PASSWORD set: GOVC_PASSWORD is used"
: >"$STUB_RECORD"
out=$(inv --password-file "$work/empty" --allow-empty-password 2>&1)
tap_ok $? "--allow-empty-password: an empty password file logs in"
is "$(stub_methods)" "RetrieveServiceContent Login CreateContainerView RetrievePropertiesEx Logout" \
	"--allow-empty-password: Login was sent"
out=$(VCHNET_PASSWORD= inv --allow-empty-password 2>&1)
tap_ok $? "--allow-empty-password: an empty VCHNET_PASSWORD logs in"

# a password file others may read: a warning, and it still works
printf '%s\n' "$PW" >"$work/pw"
chmod 644 "$work/pw"
out=$(inv --password-file "$work/pw" 2>&1)
tap_ok $? "password file mode 644: still logs in"
like "$out" "warning: the password file $work/pw may be read or changed by others \(mode 0644\); make it private: chmod 600" \
	"password file mode 644: warned"
unlike "$out" "$PW" "password file mode 644: the warning does not show the password"
chmod 600 "$work/pw"
out=$(inv --password-file "$work/pw" 2>&1)
unlike "$out" "warning" "password file mode 600: no warning"
stub_stop

# credentials in the URL: refused without showing them
out=$("$VCHNET" inventory --url "https://admin:$PW@vc.example.com/sdk" --username u 2>&1)
is "$?" 2 "URL with credentials: usage error"
like "$out" "contains credentials \(not shown\)" "URL with credentials: says why"
unlike "$out" "$PW|admin" "URL with credentials: neither the password nor the user name is shown"
out=$("$VCHNET" inventory --url "https://admin:p/w$PW@vc.example.com:99999/sdk" --username u 2>&1)
unlike "$out" "$PW" "URL with credentials and a bad port: the password is not shown"

# no core file from a process that holds the password. The control shows that this
# system writes core files here at all.
stub_start stall-inventory || { echo "Bail out! stubsrv did not start"; exit 1; }
mkdir "$work/ctl" "$work/vc"
(
	ulimit -c unlimited 2>/dev/null
	cd "$work/ctl" && sh -c 'kill -ABRT $$' 2>/dev/null
	cd "$work/vc" || exit 1
	VCHNET_PASSWORD=$PW exec_vchnet >/dev/null 2>&1 &
	pid=$!
	i=0
	while ! grep -q '^RetrievePropertiesEx' "$STUB_RECORD" && [ $i -lt 200 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	kill -ABRT "$pid"
	wait "$pid"
	echo $? >"$work/status"
)
tap_ok $(( $(ls "$work/ctl" | grep -c "^core") == 0 )) "control: a crashing shell leaves a core file here"
is "$(cat "$work/status")" 134 "vchnet holding the password was killed by SIGABRT (which the sanitizers leave alone)"
is "$(ls "$work/vc" | grep -c '^core')" 0 "vchnet holding the password left no core file"
stub_stop

tap_done
