#!/bin/bash
# vcsim_basic.sh: the simulator starts, prints what it promises, answers
# SOAP over HTTPS, counts requests, adds latency, traces, serves plain HTTP
# on request and stops cleanly on SIGTERM and SIGINT.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/vcsim.sh"

tap_plan 33

rsc='<RetrieveServiceContent xmlns="urn:vim25"><_this type="ServiceInstance">ServiceInstance</_this></RetrieveServiceContent>'

vcsim_start -trace "${TMPDIR:-/tmp}/vcsim-basic-trace.$$" -delay-ms 0 ||
	{ echo "Bail out! the simulator did not start"; exit 1; }
trace="${TMPDIR:-/tmp}/vcsim-basic-trace.$$"
trap 'vcsim_stop; rm -f "$trace"' EXIT

out=$(cat "$VCSIM_DIR/stdout")
is "$(printf '%s\n' "$out" | tail -1)" "# ready" "stdout ends with '# ready'"
is "$(cat "$VCSIM_DIR/env")" "$out" "-env FILE holds the same lines as stdout"
like "$VCSIM_URL" '^https://127\.0\.0\.1:[0-9]+/sdk$' "VCSIM_URL is https on loopback"
is "$VCSIM_HOSTPORT" "127.0.0.1:$VCSIM_PORT" "VCSIM_HOSTPORT is 127.0.0.1:PORT"
like "$VCSIM_THUMBPRINT_SHA1" '^([0-9A-F]{2}:){19}[0-9A-F]{2}$' "SHA-1 thumbprint: 20 upper-case hex pairs"
like "$VCSIM_THUMBPRINT_SHA256" '^([0-9A-F]{2}:){31}[0-9A-F]{2}$' "SHA-256 thumbprint: 32 upper-case hex pairs"
is "$VCSIM_USERNAME/$VCSIM_PASSWORD" "user/pass" "a usable credential pair is printed when none is enforced"
ok "VCSIM_PID is the running simulator" kill -0 "$VCSIM_PID"

r=$(vcsim_soap "$rsc")
like "$r" 'HTTP 200$' "RetrieveServiceContent answers 200"
like "$r" '<rootFolder type="Folder">group-d1</rootFolder>' "service content names the root folder"
like "$r" '<apiType>VirtualCenter</apiType>' "it is a vCenter (apiType VirtualCenter)"
like "$r" '<propertyCollector type="PropertyCollector">' "service content names the property collector"

v=$(curl -sS --cacert "$VCSIM_CERT_FILE" "https://$VCSIM_HOSTPORT/sdk/vimServiceVersions.xml")
like "$v" '<name>urn:vim25</name>' "vimServiceVersions.xml is served"

is "$(vcsim_count RetrieveServiceContent)" 1 "count file: one RetrieveServiceContent"
vcsim_soap "$rsc" >/dev/null
vcsim_login
is "$(vcsim_count RetrieveServiceContent)" 2 "count file: two after another call"
is "$(vcsim_count Login)" 1 "count file: Login counted"
is "$(vcsim_count _total)" 3 "count file: _total is the sum"
is "$(vcsim_count CreateFilter)" 0 "count file: a method never called counts 0"
like "$(cat "$trace")" 'RetrieveServiceContent' "-trace FILE logs the SOAP traffic"

kill -TERM "$VCSIM_PID"
wait "$VCSIM_PID"
is "$?" 0 "SIGTERM stops it with status 0"
curl -s -k --max-time 5 -o /dev/null "$VCSIM_URL"
isnt_rc=$?
tap_ok $([ "$isnt_rc" -ne 0 ] && echo 0 || echo 1) "nothing listens after SIGTERM"
vcsim_stop

# Latency: -delay-ms is a lower bound on each answer.
vcsim_start -delay-ms 300 -http || { echo "Bail out! the simulator did not start"; exit 1; }
like "$VCSIM_URL" '^http://127\.0\.0\.1:[0-9]+/sdk$' "-http serves plain HTTP"
is "$VCSIM_THUMBPRINT_SHA1" "" "no thumbprint without TLS"
t=$(curl -sS -o /dev/null -w '%{time_total}' -H 'Content-Type: text/xml' --data-binary \
	"<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>$rsc</soapenv:Body></soapenv:Envelope>" \
	"$VCSIM_URL")
tap_ok "$(awk -v t="$t" 'BEGIN { print (t >= 0.3) ? 0 : 1 }')" "-delay-ms 300: the answer takes at least 0.3 s (took $t s)"

kill -INT "$VCSIM_PID"
wait "$VCSIM_PID"
is "$?" 0 "SIGINT stops it with status 0"
vcsim_stop

# -delay-file: the latency is read at each request, so one simulator serves several.
dfile="${TMPDIR:-/tmp}/vcsim-basic-delay.$$"
echo 300 >"$dfile"
vcsim_start -delay-file "$dfile" -http || { echo "Bail out! the simulator did not start"; exit 1; }
rsc_time() {
	curl -sS -o /dev/null -w '%{time_total}' -H 'Content-Type: text/xml' --data-binary \
		"<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>$rsc</soapenv:Body></soapenv:Envelope>" \
		"$VCSIM_URL"
}
t=$(rsc_time)
tap_ok "$(awk -v t="$t" 'BEGIN { print (t >= 0.3) ? 0 : 1 }')" "-delay-file holding 300: the answer takes at least 0.3 s (took $t s)"
echo 600 >"$dfile"
t=$(rsc_time)
tap_ok "$(awk -v t="$t" 'BEGIN { print (t >= 0.6) ? 0 : 1 }')" "the file rewritten to 600 while it runs: at least 0.6 s (took $t s)"
echo soon >"$dfile"
rsc_time >/dev/null
like "$(cat "$VCSIM_DIR/stderr")" "-delay-file .*\"soon\" is not a number of milliseconds" "a file without a number is reported"
vcsim_stop
rm -f "$dfile"

# -l: a chosen address (the port the previous run got from the kernel).
vcsim_start || { echo "Bail out! the simulator did not start"; exit 1; }
port=$VCSIM_PORT
vcsim_stop
vcsim_start -l "127.0.0.1:$port" || { echo "Bail out! the simulator did not start"; exit 1; }
is "$VCSIM_HOSTPORT" "127.0.0.1:$port" "-l ADDR:PORT listens there"
vcsim_stop

# The helper's EXIT trap stops the simulator and keeps the caller's trap.
out=$(bash -c '
	. "$top_srcdir/tests/lib/tap.sh"; . "$top_srcdir/tests/lib/vcsim.sh"
	trap "echo caller-trap-ran" EXIT
	vcsim_start >/dev/null || exit 1
	echo "pid=$VCSIM_PID"' 2>&1)
pid=$(printf '%s\n' "$out" | sed -n 's/^pid=//p')
like "$out" 'caller-trap-ran' "vcsim_start keeps an EXIT trap set before it"
tap_ok "$( [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null && ! [ -d "/proc/$pid" ] && echo 0 || echo 1)" \
	"and its own trap stopped the simulator when the script ended"

# Bad flags: a clear message and status 2, no server.
err=$("$VCSIM" -scenario nosuch 2>&1 >/dev/null)
is "$?" 2 "an unknown scenario ends with status 2"
like "$err" 'unknown -scenario "nosuch"' "and says which flag is wrong"

tap_done
