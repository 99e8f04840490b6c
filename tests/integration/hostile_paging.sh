#!/bin/sh
# Paging with canned responses from the loopback stub (the simulator ignores
# maxObjects): RetrievePropertiesEx then ContinueRetrievePropertiesEx while a token
# comes back, each token once, in one session; SOAPAction follows the server's
# version; a wrong pin sends nothing at all. Hostile inventories (endless paging, an
# endless answer, junk, one endless object) end with an error naming the limit, in
# bounded memory (peak RSS under 150 MB) and time (a 30 s timeout bounds each run).
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/stubsrv/stub.sh"

inv() {
	VCHNET_PASSWORD=pw "$VCHNET" inventory --url "$STUB_URL" --username u "$@"
}

stub_start paging || { echo "Bail out! stubsrv did not start"; exit 1; }
out=$(inv --thumbprint "$STUB_THUMBPRINT_SHA256" 2>&1)
tap_ok $? "paging: vchnet inventory succeeds"
like "$(grep '^RetrievePropertiesEx ' "$STUB_RECORD")" " maxObjects=1000$" \
	"paging: the retrieval asks for pages of 1000 objects"
is "$(stub_methods)" \
	"RetrieveServiceContent Login CreateContainerView RetrievePropertiesEx ContinueRetrievePropertiesEx ContinueRetrievePropertiesEx Logout" \
	"paging: continues while a token comes back, then logs out"
like "$out" "^Datacenter PagedDC \(/PagedDC\)" "paging: page 1 (datacenter)"
like "$out" "^  esx-paged-1 +Cluster A +connected " "paging: page 2 (cluster and host)"
like "$out" "^  paged-pg +distributed .* +42 +1 of 1 +no +- +/PagedDC/network/paged-pg$" "paging: page 3 (port group, VLAN 42)"
is "$(sed -n 1p "$STUB_RECORD" | awk '{print $2}')" '"urn:vim25/6.0"' "paging: the bootstrap call uses a version every server knows"
is "$(sed -n 2p "$STUB_RECORD" | awk '{print $2}')" '"urn:vim25/8.0.2.0"' "paging: later calls use the server's apiVersion"
is "$(sed -n 1,2p "$STUB_RECORD" | awk '{print NF}' | tr '\n' ' ')" "2 2 " "paging: no cookie before Login"
is "$(sed -n 3p "$STUB_RECORD" | awk '{print $3}')" "vmware_soap_session=stub-session" "paging: the session cookie is sent back after Login"
stub_stop

# A wrong pin: the handshake is refused before any request, so no Login either.
stub_start good || { echo "Bail out! stubsrv did not start"; exit 1; }
out=$(inv --thumbprint 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33 2>&1)
is "$?" 60 "wrong pin: exit 60"
like "$out" "does not match the pinned thumbprint: the server presented SHA-256 $STUB_THUMBPRINT_SHA256 \(SHA-1 $STUB_THUMBPRINT_SHA1\) but --thumbprint pins 00:11:22" \
	"wrong pin: the message names both thumbprints"
is "$(stub_methods)" "" "wrong pin: the recording server received no request (no Login)"
# no pin at all: untrusted, exit 60 with the value to re-run with
out=$(inv 2>&1)
is "$?" 60 "untrusted: exit 60"
like "$out" "re-run with --thumbprint $STUB_THUMBPRINT_SHA256 " "untrusted: prints the exact --thumbprint value"
like "$out" "Subject: .*stub.vcenter.test.*issuer: .*valid .* to .*SHA-1 $STUB_THUMBPRINT_SHA1" \
	"untrusted: subject, issuer, validity and SHA-1 shown"
is "$(stub_methods)" "" "untrusted: nothing was sent"
# the certificate names stub.vcenter.test, not 127.0.0.1: a pin rescues the mismatch
out=$(inv --thumbprint "$STUB_THUMBPRINT_SHA1" 2>&1)
tap_ok $? "SHA-1 pin rescues an untrusted, name-mismatched certificate"
is "$(stub_methods)" "RetrieveServiceContent Login CreateContainerView RetrievePropertiesEx Logout" \
	"one request per step, 5 in all"
stub_stop

work=$(mktemp -d "${TMPDIR:-/tmp}/hostile_paging.XXXXXX")
trap 'stub_stop; rm -rf "$work"' EXIT
# hostile MODE WANT_RC REGEX [STUB FLAGS...]: vchnet inventory against the stub in MODE,
# at most 30 s, peak RSS under 150 MB (/usr/bin/time's %M, in KiB)
hostile() {
	local mode=$1 want=$2 re=$3 rc out rss
	shift 3
	stub_start "$mode" "$@" || { echo "Bail out! stubsrv did not start"; exit 1; }
	VCHNET_PASSWORD=pw /usr/bin/time -f 'RSS_KB=%M' -o "$work/time" timeout 30 "$VCHNET" \
		inventory --url "$STUB_URL" --username u --thumbprint "$STUB_THUMBPRINT_SHA256" \
		>"$work/out" 2>&1
	rc=$?
	out=$(cat "$work/out")
	rss=$(sed -n 's/^RSS_KB=//p' "$work/time")
	is "$rc" "$want" "$mode $*: exit status $want (124 would be the 30 s timeout)"
	like "$out" "$re" "$mode $*: the error names the limit"
	tap_ok $(( ${rss:-999999} >= 153600 )) "$mode $*: peak memory under 150 MB (${rss:-?} KiB)"
	is "$(grep -c . "$work/out")" 1 "$mode $*: one line of error, nothing else"
	stub_stop
}

# The limits are the defaults, except in a sanitizer build (AddressSanitizer makes
# every allocation several times dearer in memory and time, and keeps 256 MB of freed
# memory in quarantine): there the limits and the quarantine are lowered so that the
# same errors come within the same bounds.
max=100000 mb=64
if nm -D "$VCHNET" 2>/dev/null | grep -q __asan_init; then
	max=10000 mb=8
	export VCHNET_MAX_OBJECTS=$max
	export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=8"
	diag "sanitizer build: VCHNET_MAX_OBJECTS=$max, VCHNET_MAX_INVENTORY_MB=$mb, $ASAN_OPTIONS"
fi
# a fresh token on every page, 50 and 1,000 port groups a page, for ever; then one
# answer of port groups that goes on for 1 GiB. The port groups are on 2 hosts each
# (about 700 bytes), so that these runs, which parse 70 MB each, stay well within the
# 30 s also while other test suites load the machine; bench/PROFILE.md has the figures
# for port groups on 8 hosts (81 MB peak, 8-15 s).
hostile endless-paging 1 "ContinueRetrievePropertiesEx: the inventory has more than $max objects, the limit .* raise VCHNET_MAX_OBJECTS" -pg-hosts 2
hostile endless-paging 1 "the inventory has more than $max objects, the limit .* raise VCHNET_MAX_OBJECTS" -page-objects 1000 -pg-hosts 2
hostile huge-page 1 "RetrievePropertiesEx: the inventory has more than $max objects, the limit .* raise VCHNET_MAX_OBJECTS" -pg-hosts 2
unset VCHNET_MAX_OBJECTS
# the same with lower limits from the environment: the byte limit, then the objects
VCHNET_MAX_INVENTORY_MB=$mb hostile huge-page 1 "RetrievePropertiesEx: the inventory's answers are larger than $mb MiB in all, the limit; .* raise VCHNET_MAX_INVENTORY_MB"
VCHNET_MAX_INVENTORY_MB=$mb hostile endless-paging 1 "ContinueRetrievePropertiesEx: the inventory's answers are larger than $mb MiB in all, the limit; .* raise VCHNET_MAX_INVENTORY_MB" -page-objects 1000
VCHNET_MAX_OBJECTS=5000 hostile endless-paging 1 "the inventory has more than 5000 objects, the limit"
# junk after the objects, and one object that never ends: the parser's budgets
hostile huge-junk 3 "RetrievePropertiesEx: the server's response holds more than 4 MiB of XML outside its objects"
hostile huge-object 3 "RetrievePropertiesEx: the server's response holds an object of more than 32 MiB of XML"
# pages without objects, for ever
hostile endless-paging 1 "keeps sending pages without objects \(11 in a row\)" -page-objects 0

tap_done
