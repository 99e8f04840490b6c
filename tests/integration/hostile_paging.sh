#!/bin/sh
# Paging with canned responses from the loopback stub (the simulator ignores
# maxObjects): RetrievePropertiesEx then ContinueRetrievePropertiesEx while a token
# comes back, each token once, in one session; SOAPAction follows the server's
# version; a wrong pin sends nothing at all.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/stubsrv/stub.sh"

inv() {
	VCHNET_PASSWORD=pw "$VCHNET" inventory --url "$STUB_URL" --username u "$@"
}

stub_start paging || { echo "Bail out! stubsrv did not start"; exit 1; }
out=$(inv --thumbprint "$STUB_THUMBPRINT_SHA256" 2>&1)
tap_ok $? "paging: vchnet inventory succeeds"
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

tap_done
