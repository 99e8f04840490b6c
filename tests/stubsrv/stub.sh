# stub.sh: start the loopback stub server (tests/stubsrv) from shell tests.
# Source it after tap.sh. Needs $top_builddir.
#
#   stub_start MODE [FLAGS...]  start it in MODE, wait for it, set STUB_URL,
#                               STUB_HOSTPORT, STUB_THUMBPRINT_SHA1/_SHA256,
#                               STUB_PID and STUB_RECORD (the file of received
#                               requests, one per line: METHOD SOAPACTION COOKIE);
#                               returns 1 if it does not come up
#   stub_stop                   stop it (also run by an EXIT trap)
#   stub_methods                the methods received so far, space-separated

STUBSRV=${STUBSRV:-$top_builddir/tests/stubsrv/stubsrv}
stub_dir=
stub_pid=

stub_start() {
	local mode=$1 i=0
	shift
	stub_stop
	stub_dir=$(mktemp -d "${TMPDIR:-/tmp}/stubsrv.XXXXXX") || return 1
	STUB_RECORD=$stub_dir/record
	: >"$STUB_RECORD"
	"$STUBSRV" -mode "$mode" -record "$STUB_RECORD" -env "$stub_dir/env" "$@" \
		>/dev/null 2>"$stub_dir/stderr" </dev/null &
	stub_pid=$!
	trap stub_stop EXIT
	while [ ! -s "$stub_dir/env" ]; do
		if ! kill -0 "$stub_pid" 2>/dev/null; then
			diag "stubsrv exited: $(cat "$stub_dir/stderr")"
			return 1
		fi
		i=$((i + 1))
		[ "$i" -gt 1200 ] && return 1
		sleep 0.05
	done
	. "$stub_dir/env"
}

stub_stop() {
	if [ -n "$stub_pid" ]; then
		kill "$stub_pid" 2>/dev/null
		wait "$stub_pid" 2>/dev/null
		stub_pid=
	fi
	if [ -n "$stub_dir" ]; then
		rm -rf "$stub_dir"
		stub_dir=
	fi
	return 0
}

stub_methods() {
	awk '{print $1}' "$STUB_RECORD" | tr '\n' ' ' | sed 's/ $//'
}
