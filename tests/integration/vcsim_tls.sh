#!/bin/bash
# vcsim_tls.sh: the printed thumbprints are those of the certificate the
# simulator really serves (checked with openssl), the default certificate
# verifies against -cert-out, and -tls-cert/-tls-key serve a CA-signed
# certificate made here with openssl (no key is kept in the tree).
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/vcsim.sh"

tap_plan 15

work=$(mktemp -d "${TMPDIR:-/tmp}/vcsim-tls.XXXXXX")
trap 'vcsim_stop; rm -rf "$work"' EXIT

# served_fp ALG: the fingerprint of the certificate served on VCSIM_HOSTPORT.
served_fp() {
	openssl s_client -connect "$VCSIM_HOSTPORT" -servername localhost </dev/null 2>/dev/null |
		openssl x509 -noout -fingerprint "-$1" | sed 's/^.*=//'
}

vcsim_start || { echo "Bail out! the simulator did not start"; exit 1; }
is "$(served_fp sha1)" "$VCSIM_THUMBPRINT_SHA1" "served certificate's SHA-1 equals VCSIM_THUMBPRINT_SHA1"
is "$(served_fp sha256)" "$VCSIM_THUMBPRINT_SHA256" "served certificate's SHA-256 equals VCSIM_THUMBPRINT_SHA256"
is "$(openssl x509 -in "$VCSIM_CERT_FILE" -noout -fingerprint -sha1 | sed 's/^.*=//')" \
	"$VCSIM_THUMBPRINT_SHA1" "-cert-out writes the served certificate"
ok "curl verifies the default certificate against -cert-out (127.0.0.1 in its SANs)" \
	curl -sS --cacert "$VCSIM_CERT_FILE" -o /dev/null "https://$VCSIM_HOSTPORT/sdk/vimServiceVersions.xml"
curl -sS -o /dev/null "https://$VCSIM_HOSTPORT/sdk/vimServiceVersions.xml" 2>/dev/null
is "$?" 60 "without it, curl rejects the self-signed certificate (status 60)"
first=$VCSIM_THUMBPRINT_SHA1
vcsim_stop
vcsim_start || { echo "Bail out! the simulator did not start"; exit 1; }
isnt_same=$([ "$first" != "$VCSIM_THUMBPRINT_SHA1" ] && echo 0 || echo 1)
tap_ok "$isnt_same" "each run makes a fresh certificate"
vcsim_stop

# -stable-cert: the same certificate every run (demo and golden screens).
vcsim_start -stable-cert || { echo "Bail out! the simulator did not start"; exit 1; }
stable=$VCSIM_THUMBPRINT_SHA256
is "$(served_fp sha256)" "$stable" "-stable-cert: the printed thumbprint is the served one"
ok "-stable-cert: curl verifies it against -cert-out" \
	curl -sS --cacert "$VCSIM_CERT_FILE" -o /dev/null "https://$VCSIM_HOSTPORT/sdk/vimServiceVersions.xml"
vcsim_stop
vcsim_start -stable-cert || { echo "Bail out! the simulator did not start"; exit 1; }
is "$VCSIM_THUMBPRINT_SHA256" "$stable" "-stable-cert: the next run serves the same certificate"
vcsim_stop

# A test CA and a server certificate it signed, for 127.0.0.1.
(
	cd "$work" &&
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
		-subj "/CN=vchnet test CA" -keyout ca.key -out ca.pem &&
	openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
		-subj "/CN=vcenter.test" -keyout srv.key -out srv.csr &&
	printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >ext.cnf &&
	openssl x509 -req -in srv.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
		-extfile ext.cnf -out srv.pem &&
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
		-subj "/CN=other CA" -keyout other.key -out other.pem
) >"$work/openssl.log" 2>&1 || { diag "$(cat "$work/openssl.log")"; echo "Bail out! openssl failed"; exit 1; }

vcsim_start -tls-cert "$work/srv.pem" -tls-key "$work/srv.key" ||
	{ echo "Bail out! the simulator did not start"; exit 1; }
is "$VCSIM_THUMBPRINT_SHA1" "$(openssl x509 -in "$work/srv.pem" -noout -fingerprint -sha1 | sed 's/^.*=//')" \
	"-tls-cert: VCSIM_THUMBPRINT_SHA1 is that certificate's"
is "$(served_fp sha256)" "$VCSIM_THUMBPRINT_SHA256" "-tls-cert: and it is what is served"
ok "curl verifies the CA-signed certificate against the CA" \
	curl -sS --cacert "$work/ca.pem" -o /dev/null "https://$VCSIM_HOSTPORT/sdk/vimServiceVersions.xml"
curl -sS --cacert "$work/other.pem" -o /dev/null "https://$VCSIM_HOSTPORT/sdk/vimServiceVersions.xml" 2>/dev/null
is "$?" 60 "curl rejects it against another CA (status 60)"
r=$(VCSIM_CACERT="$work/ca.pem" vcsim_soap '<RetrieveServiceContent xmlns="urn:vim25"><_this type="ServiceInstance">ServiceInstance</_this></RetrieveServiceContent>')
like "$r" 'HTTP 200$' "SOAP works over the CA-verified connection"
vcsim_stop

err=$("$VCSIM" -tls-cert "$work/srv.pem" 2>&1 >/dev/null)
like "$err" '-tls-cert and -tls-key go together' "-tls-cert without -tls-key is refused"

tap_done
