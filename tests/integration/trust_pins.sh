#!/bin/sh
# TLS trust against tests/vcsim (self-signed): no pin -> exit 60 with the thumbprint
# to re-run with; SHA-1 and SHA-256 pins in any spelling; a wrong pin is refused
# before anything is sent (the count file shows no Login); known-hosts files
# (--known-hosts, VCHNET_TLS_KNOWN_HOSTS, the XDG default, GOVC_TLS_KNOWN_HOSTS);
# --insecure works and is loud.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/vcsim.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/trust_pins.XXXXXX")
trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/xdg"
unset VCHNET_TLS_KNOWN_HOSTS GOVC_TLS_KNOWN_HOSTS VCHNET_THUMBPRINT VCHNET_INSECURE \
	VCHNET_TLS_CA_CERTS GOVC_TLS_CA_CERTS

vcsim_start -pg 1 -nsx 0 || { echo "Bail out! vcsim did not start"; exit 1; }

inv() {
	VCHNET_PASSWORD=$VCSIM_PASSWORD "$VCHNET" inventory --url "$VCSIM_URL" \
		--username "$VCSIM_USERNAME" "$@"
}
lower_plain() { printf '%s' "$1" | tr -d ':' | tr 'A-F' 'a-f'; }

out=$(inv 2>&1)
is "$?" 60 "no pin: exit 60"
like "$out" "the certificate of $VCSIM_HOST:$VCSIM_PORT is not trusted" "no pin: says the certificate is not trusted"
like "$out" "re-run with --thumbprint $VCSIM_THUMBPRINT_SHA256 " "no pin: prints the exact --thumbprint value"
like "$out" "SHA-1 $VCSIM_THUMBPRINT_SHA1" "no pin: shows the SHA-1 thumbprint too"
is "$(vcsim_count _total)" 0 "no pin: no request reached the simulator"

value=$(printf '%s\n' "$out" | sed -n 's/.*re-run with --thumbprint \([0-9A-F:]*\) .*/\1/p')
ok "the printed value works as given" inv --thumbprint "$value"
is "$(vcsim_count Login)" 1 "one Login after trusting"
ok "SHA-256 pin, lower case without colons" inv --thumbprint "$(lower_plain "$VCSIM_THUMBPRINT_SHA256")"
ok "SHA-1 pin, upper case with colons" inv --thumbprint "$VCSIM_THUMBPRINT_SHA1"
ok "SHA-1 pin, lower case without colons" inv --thumbprint "$(lower_plain "$VCSIM_THUMBPRINT_SHA1")"
ok "pin from VCHNET_THUMBPRINT" env VCHNET_THUMBPRINT="$VCSIM_THUMBPRINT_SHA1" \
	VCHNET_PASSWORD="$VCSIM_PASSWORD" "$VCHNET" inventory --url "$VCSIM_URL" --username "$VCSIM_USERNAME"

logins=$(vcsim_count Login)
total=$(vcsim_count _total)
wrong=AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99
out=$(inv --thumbprint "$wrong" 2>&1)
is "$?" 60 "wrong pin: exit 60"
like "$out" "does not match the pinned thumbprint: the server presented SHA-256 $VCSIM_THUMBPRINT_SHA256 \(SHA-1 $VCSIM_THUMBPRINT_SHA1\) but --thumbprint pins $wrong" \
	"wrong pin: names both thumbprints"
is "$(vcsim_count Login)" "$logins" "wrong pin: no Login was sent"
is "$(vcsim_count _total)" "$total" "wrong pin: no request at all"

# known-hosts files, in govc's format
kh="$work/kh"
printf '# govc format\nother.example.com %s\n%s %s\n' "$VCSIM_THUMBPRINT_SHA1" \
	"$VCSIM_HOSTPORT" "$VCSIM_THUMBPRINT_SHA256" >"$kh"
ok "--known-hosts FILE" inv --known-hosts "$kh"
ok "VCHNET_TLS_KNOWN_HOSTS" env VCHNET_TLS_KNOWN_HOSTS="$kh" VCHNET_PASSWORD="$VCSIM_PASSWORD" \
	"$VCHNET" inventory --url "$VCSIM_URL" --username "$VCSIM_USERNAME"
ok "GOVC_TLS_KNOWN_HOSTS" env GOVC_TLS_KNOWN_HOSTS="$kh" VCHNET_PASSWORD="$VCSIM_PASSWORD" \
	"$VCHNET" inventory --url "$VCSIM_URL" --username "$VCSIM_USERNAME"
mkdir -p "$XDG_CONFIG_HOME/vchnet"
printf '%s %s\n' "$VCSIM_HOSTPORT" "$(lower_plain "$VCSIM_THUMBPRINT_SHA1")" >"$XDG_CONFIG_HOME/vchnet/known_hosts"
ok "the default \$XDG_CONFIG_HOME/vchnet/known_hosts" inv
# a stale entry is a mismatch, and the message says where the pin came from
printf '%s %s\n' "$VCSIM_HOSTPORT" "$wrong" >"$XDG_CONFIG_HOME/vchnet/known_hosts"
out=$(inv 2>&1)
is "$?" 60 "stale known-hosts entry: exit 60"
like "$out" "but the known-hosts file $XDG_CONFIG_HOME/vchnet/known_hosts pins $wrong" \
	"stale known-hosts entry: names the file and both thumbprints"
# an explicit pin still wins over the file
ok "--thumbprint beats the known-hosts file" inv --thumbprint "$VCSIM_THUMBPRINT_SHA256"
rm -f "$XDG_CONFIG_HOME/vchnet/known_hosts"
# an entry for another port does not apply
printf '%s:1 %s\n' "$VCSIM_HOST" "$VCSIM_THUMBPRINT_SHA256" >"$kh"
out=$(inv --known-hosts "$kh" 2>&1)
is "$?" 60 "an entry for another port does not apply"

out=$(inv --insecure 2>&1)
tap_ok $? "--insecure connects"
like "$out" "WARNING: --insecure: the certificate of $VCSIM_HOST was NOT verified" "--insecure is loud"
ok "VCHNET_INSECURE=1" env VCHNET_INSECURE=1 VCHNET_PASSWORD="$VCSIM_PASSWORD" \
	"$VCHNET" inventory --url "$VCSIM_URL" --username "$VCSIM_USERNAME"
out=$(inv -k --thumbprint "$wrong" 2>&1)
is "$?" 60 "--insecure does not override a pin that does not match"

out=$(inv --thumbprint 12:34 2>&1)
is "$?" 2 "a malformed --thumbprint is a usage error"
like "$out" "40 \(SHA-1\) or 64 \(SHA-256\) hexadecimal digits" "and says what is expected"

tap_done
