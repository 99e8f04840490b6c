#!/bin/sh
# TLS trust with a CA (made here with openssl): a valid chain and name need no pin
# (--ca-file, VCHNET_TLS_CA_CERTS); a name mismatch under a trusted CA is untrusted
# (exit 60) unless a pin rescues it; an unknown CA is untrusted; a pin that does not
# match is refused (exit 60) even when the chain is valid.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/vcsim.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/trust_ca.XXXXXX")
trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/xdg"
unset VCHNET_TLS_KNOWN_HOSTS GOVC_TLS_KNOWN_HOSTS VCHNET_THUMBPRINT VCHNET_INSECURE \
	VCHNET_TLS_CA_CERTS GOVC_TLS_CA_CERTS

# CA, a server certificate for 127.0.0.1, one for another name, and a second CA
mkcert() { # NAME SAN CA
	openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
		-keyout "$work/$1.key" -subj "/CN=$1" -out "$work/$1.csr" 2>/dev/null &&
	printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\n' "$2" >"$work/$1.ext" &&
	openssl x509 -req -in "$work/$1.csr" -CA "$work/$3.crt" -CAkey "$work/$3.key" \
		-CAcreateserial -days 2 -extfile "$work/$1.ext" -out "$work/$1.crt" 2>/dev/null
}
mkca() { # NAME
	openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
		-keyout "$work/$1.key" -subj "/CN=$1" -days 2 -out "$work/$1.crt" 2>/dev/null
}
mkca test-ca && mkca other-ca && mkcert server "IP:127.0.0.1,DNS:localhost" test-ca &&
	mkcert wrongname "DNS:vc.example.com" test-ca ||
	{ echo "Bail out! openssl could not make the test certificates"; exit 1; }

inv() {
	VCHNET_PASSWORD=$VCSIM_PASSWORD "$VCHNET" inventory --url "$VCSIM_URL" \
		--username "$VCSIM_USERNAME" "$@"
}

vcsim_start -pg 1 -nsx 0 -tls-cert "$work/server.crt" -tls-key "$work/server.key" ||
	{ echo "Bail out! vcsim did not start"; exit 1; }
ok "valid chain and name: --ca-file, no pin" inv --ca-file "$work/test-ca.crt"
ok "valid chain and name: VCHNET_TLS_CA_CERTS" env VCHNET_TLS_CA_CERTS="$work/test-ca.crt" \
	VCHNET_PASSWORD="$VCSIM_PASSWORD" "$VCHNET" inventory --url "$VCSIM_URL" --username "$VCSIM_USERNAME"
out=$(inv --ca-file "$work/other-ca.crt" 2>&1)
is "$?" 60 "another CA: exit 60"
like "$out" "not trusted \(unable to get local issuer certificate\)" "another CA: says why"
like "$out" "issuer: CN = test-ca" "another CA: shows the issuer"
out=$(inv 2>&1)
is "$?" 60 "system CAs only: exit 60"
ok "a pin rescues the unknown CA" inv --ca-file "$work/other-ca.crt" --thumbprint "$VCSIM_THUMBPRINT_SHA256"
# a pin is a pin: a valid chain does not overrule a thumbprint that does not match
wrong=00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33
before=$(vcsim_count _total)
out=$(inv --ca-file "$work/test-ca.crt" --thumbprint "$wrong" 2>&1)
is "$?" 60 "valid chain, wrong --thumbprint: exit 60"
like "$out" "presented SHA-256 $VCSIM_THUMBPRINT_SHA256 \(SHA-1 $VCSIM_THUMBPRINT_SHA1\) but --thumbprint pins $wrong" \
	"valid chain, wrong --thumbprint: the message names both thumbprints"
is "$(vcsim_count _total)" "$before" "valid chain, wrong pin: nothing was sent"
out=$(env VCHNET_THUMBPRINT="$wrong" VCHNET_PASSWORD="$VCSIM_PASSWORD" "$VCHNET" inventory \
	--url "$VCSIM_URL" --username "$VCSIM_USERNAME" --ca-file "$work/test-ca.crt" 2>&1)
is "$?" 60 "valid chain, wrong VCHNET_THUMBPRINT: exit 60"
like "$out" "but VCHNET_THUMBPRINT pins $wrong" "valid chain, wrong VCHNET_THUMBPRINT: named"
printf '%s %s\n' "${VCSIM_URL#https://}" "$wrong" | sed 's,/sdk,,' >"$work/kh"
out=$(inv --ca-file "$work/test-ca.crt" --known-hosts "$work/kh" 2>&1)
is "$?" 60 "valid chain, wrong known-hosts entry: exit 60"
like "$out" "presented SHA-256 $VCSIM_THUMBPRINT_SHA256 .* but the known-hosts file $work/kh pins $wrong" \
	"valid chain, wrong known-hosts entry: the message names both thumbprints and the file"
ok "valid chain, matching pin: accepted" inv --ca-file "$work/test-ca.crt" --thumbprint "$VCSIM_THUMBPRINT_SHA1"
vcsim_stop

vcsim_start -pg 1 -nsx 0 -tls-cert "$work/wrongname.crt" -tls-key "$work/wrongname.key" ||
	{ echo "Bail out! vcsim did not start"; exit 1; }
out=$(inv --ca-file "$work/test-ca.crt" 2>&1)
is "$?" 60 "trusted CA, wrong name: exit 60"
like "$out" "not issued for the name 127.0.0.1" "trusted CA, wrong name: says so"
is "$(vcsim_count _total)" 0 "trusted CA, wrong name: nothing was sent"
ok "a pin rescues the name mismatch" inv --ca-file "$work/test-ca.crt" --thumbprint "$VCSIM_THUMBPRINT_SHA1"
vcsim_stop

tap_done
