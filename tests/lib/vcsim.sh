# vcsim.sh: start and drive the vCenter simulator (tests/vcsim) from shell
# tests. Source it after tap.sh. Needs $VCSIM (set by make check), curl, sed.
#
#   vcsim_start [FLAGS...]   start $VCSIM on a free loopback port with FLAGS
#                            (see tests/vcsim/README), wait up to
#                            $VCSIM_START_TIMEOUT seconds (60) for "# ready",
#                            and set VCSIM_URL, VCSIM_HOSTPORT, VCSIM_HOST,
#                            VCSIM_PORT, VCSIM_THUMBPRINT_SHA1/_SHA256,
#                            VCSIM_USERNAME, VCSIM_PASSWORD, VCSIM_PID,
#                            VCSIM_CERT_FILE (PEM of the served cert),
#                            VCSIM_INFO_FILE (JSON, one object per line),
#                            VCSIM_COUNT_FILE and VCSIM_DIR (scratch dir).
#                            Installs an EXIT trap that calls vcsim_stop,
#                            keeping any EXIT trap already set (it runs after).
#                            Returns 1 (and prints the simulator's stderr as
#                            TAP comments) if it does not come up.
#   vcsim_stop               stop every simulator started here (SIGTERM, then
#                            SIGKILL after 10 s); sets vcsim_status to the
#                            exit status of the last one; removes VCSIM_DIR
#                            unless VCSIM_KEEP=1. Safe to call twice.
#   vcsim_expire_sessions    SIGUSR1: every session logged in so far becomes
#                            invalid (calls with its cookie get the vCenter
#                            NotAuthenticated fault; Login works again).
#                            Returns once the simulator has done it.
#   vcsim_count METHOD       print how many METHOD requests were served
#                            (_total for all); 0 if none.
#   vcsim_soap BODY          POST one SOAP request (BODY = the element inside
#                            soapenv:Body) with the session cookie jar
#                            $VCSIM_DIR/cookies; print the response, then a
#                            last line "HTTP <status>". Verifies TLS against
#                            VCSIM_CERT_FILE (or VCSIM_CACERT if set).
#   vcsim_login [USER PASS]  Login (default VCSIM_USERNAME/VCSIM_PASSWORD);
#                            status 0 on success.
#   vcsim_view TYPE...       CreateContainerView of the given types over the
#                            whole inventory; print the view's moref value.
#   vcsim_props VIEW TYPE PATH...  RetrievePropertiesEx of PATHs for every
#                            TYPE object in VIEW; print the response with one
#                            <objects> element per line.
#   vcsim_obj_props TYPE MOID PATH...  the same for one object.
#   vcsim_xml_escape TEXT    print TEXT escaped for XML character data.
#   vcsim_xml_unescape TEXT  undo XML escaping.
#   vcsim_info_line KIND NAME  print the -info JSON line of the host, network,
#                            switch, datastore or cluster named NAME
#                            (KIND = hosts|networks|switches|datastores|
#                            clusters|datacenters); the first one if several.
#   vcsim_info_field LINE FIELD  one field of such a line.
#   vcsim_moid KIND NAME     the moref value (host-31, dvportgroup-13, ...).
#   vcsim_firewall_table HOST  the host's rulesets over SOAP, one per line:
#                            "KEY ENABLED MATCH ALLIP" (MATCH = "match" when
#                            a rule covers outbound tcp dst 2377), then
#                            "defaultPolicy outgoingBlocked=BOOL"; or
#                            "no-firewall-info".
#
# The simulator's flags and output are described in tests/vcsim/README.
#
# Tests typically do:
#   . "$top_srcdir/tests/lib/tap.sh"; . "$top_srcdir/tests/lib/vcsim.sh"
#   vcsim_start -scenario mixed || { echo "Bail out! vcsim did not start"; exit 1; }
#   ... ; tap_done

vcsim_pids=
vcsim_dirs=
vcsim_trap_set=
vcsim_status=

vcsim_start() {
	if [ -z "${VCSIM:-}" ] || [ ! -x "$VCSIM" ]; then
		diag "vcsim_start: \$VCSIM is not an executable (${VCSIM:-unset}); run through make check"
		return 1
	fi
	local dir pid i limit
	dir=$(mktemp -d "${TMPDIR:-/tmp}/vcsim.XXXXXX") || return 1
	"$VCSIM" -exit-with-parent -env "$dir/env" -info "$dir/info.json" -count-file "$dir/counts.json" \
		-cert-out "$dir/cert.pem" "$@" >"$dir/stdout" 2>"$dir/stderr" </dev/null &
	pid=$!
	vcsim_pids="$vcsim_pids $pid"
	vcsim_dirs="$vcsim_dirs $dir"
	vcsim_install_trap
	limit=$(( ${VCSIM_START_TIMEOUT:-60} * 20 ))
	i=0
	# -env is written atomically once the server listens: poll for it.
	while [ ! -s "$dir/env" ]; do
		if ! kill -0 "$pid" 2>/dev/null; then
			diag "vcsim exited before it was ready: $(cat "$dir/stderr")"
			return 1
		fi
		i=$((i + 1))
		if [ "$i" -gt "$limit" ]; then
			diag "vcsim not ready after ${VCSIM_START_TIMEOUT:-60} s: $(cat "$dir/stderr")"
			return 1
		fi
		sleep 0.05
	done
	VCSIM_CERT_FILE=
	# shellcheck disable=SC1091
	. "$dir/env"
	VCSIM_DIR=$dir
	export VCSIM_URL VCSIM_HOSTPORT VCSIM_HOST VCSIM_PORT VCSIM_THUMBPRINT_SHA1 \
		VCSIM_THUMBPRINT_SHA256 VCSIM_USERNAME VCSIM_PASSWORD VCSIM_PID VCSIM_CERT_FILE \
		VCSIM_INFO_FILE VCSIM_COUNT_FILE VCSIM_DIR
}

# The EXIT trap: ours first, then whatever the caller had set.
vcsim_install_trap() {
	[ -n "$vcsim_trap_set" ] && return 0
	vcsim_trap_set=1
	local old
	old=$(trap -p EXIT 2>/dev/null || trap)
	if [ -n "$old" ]; then
		# "trap -- 'CMD' EXIT": let the shell unquote CMD.
		eval "set -- $old"
		old=$3
	fi
	if [ -n "$old" ]; then
		# shellcheck disable=SC2064
		trap "vcsim_stop; $old" EXIT
	else
		trap vcsim_stop EXIT
	fi
}

vcsim_stop() {
	local pid dir i
	for pid in $vcsim_pids; do
		if kill -0 "$pid" 2>/dev/null; then
			kill -TERM "$pid" 2>/dev/null
			i=0
			while kill -0 "$pid" 2>/dev/null; do
				i=$((i + 1))
				if [ "$i" -gt 200 ]; then
					kill -KILL "$pid" 2>/dev/null
					break
				fi
				sleep 0.05
			done
		fi
		wait "$pid" 2>/dev/null
		vcsim_status=$?
	done
	vcsim_pids=
	if [ "${VCSIM_KEEP:-0}" != 1 ]; then
		for dir in $vcsim_dirs; do
			rm -rf "$dir"
		done
	fi
	vcsim_dirs=
	return 0
}

vcsim_expire_sessions() {
	local before i
	before=$(grep -c 'SIGUSR1:' "$VCSIM_DIR/stderr")
	kill -USR1 "$VCSIM_PID" || return 1
	i=0
	while [ "$(grep -c 'SIGUSR1:' "$VCSIM_DIR/stderr")" -le "$before" ]; do
		i=$((i + 1))
		[ "$i" -gt 200 ] && return 1
		sleep 0.05
	done
}

vcsim_count() {
	local n
	n=$(sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p" "$VCSIM_COUNT_FILE")
	echo "${n:-0}"
}

vcsim_xml_escape() {
	printf '%s' "$1" | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g'
}

vcsim_soap() {
	local tls
	if [ -n "${VCSIM_CACERT:-}" ]; then
		tls="--cacert $VCSIM_CACERT"
	elif [ -n "${VCSIM_CERT_FILE:-}" ]; then
		tls="--cacert $VCSIM_CERT_FILE"
	else
		tls=
	fi
	# shellcheck disable=SC2086
	curl -sS $tls -b "$VCSIM_DIR/cookies" -c "$VCSIM_DIR/cookies" \
		-H 'Content-Type: text/xml; charset="utf-8"' -H 'SOAPAction: urn:vim25/6.5' \
		--data-binary @- -w '\nHTTP %{http_code}\n' "$VCSIM_URL" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soapenv:Body>$1</soapenv:Body></soapenv:Envelope>
EOF
}

vcsim_login() {
	local user=${1-$VCSIM_USERNAME} pass=${2-$VCSIM_PASSWORD}
	vcsim_soap "<Login xmlns=\"urn:vim25\"><_this type=\"SessionManager\">SessionManager</_this><userName>$(vcsim_xml_escape "$user")</userName><password>$(vcsim_xml_escape "$pass")</password></Login>" |
		grep -q '<LoginResponse'
}

vcsim_view() {
	local t types=
	for t in "$@"; do
		types="$types<type>$t</type>"
	done
	vcsim_soap "<CreateContainerView xmlns=\"urn:vim25\"><_this type=\"ViewManager\">ViewManager</_this><container type=\"Folder\">group-d1</container>$types<recursive>true</recursive></CreateContainerView>" |
		sed -n 's/.*<returnval type="ContainerView">\([^<]*\)<.*/\1/p'
}

vcsim_pathset() {
	local p
	for p in "$@"; do
		printf '<pathSet>%s</pathSet>' "$p"
	done
}

vcsim_props() {
	local view=$1 type=$2
	shift 2
	vcsim_soap "<RetrievePropertiesEx xmlns=\"urn:vim25\"><_this type=\"PropertyCollector\">propertyCollector</_this><specSet><propSet><type>$type</type>$(vcsim_pathset "$@")</propSet><objectSet><obj type=\"ContainerView\">$view</obj><skip>true</skip><selectSet xsi:type=\"TraversalSpec\"><name>view</name><type>ContainerView</type><path>view</path><skip>false</skip></selectSet></objectSet></specSet><options/></RetrievePropertiesEx>" |
		sed 's/<objects>/\n&/g'
}

vcsim_obj_props() {
	local type=$1 moid=$2
	shift 2
	vcsim_soap "<RetrievePropertiesEx xmlns=\"urn:vim25\"><_this type=\"PropertyCollector\">propertyCollector</_this><specSet><propSet><type>$type</type>$(vcsim_pathset "$@")</propSet><objectSet><obj type=\"$type\">$(vcsim_xml_escape "$moid")</obj><skip>false</skip></objectSet></specSet><options/></RetrievePropertiesEx>" |
		sed 's/<objects>/\n&/g'
}

vcsim_info_line() {
	local kind=$1 name
	# JSON-escape the name the way the simulator wrote it (\ and ").
	name=$(printf '%s' "$2" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')
	sed -n "/^  \"$kind\": \[/,/^  \]/p" "$VCSIM_INFO_FILE" | grep -F -- "\"name\":\"$name\"," | head -1
}

# vcsim_xml_unescape TEXT: undo XML escaping (the five entities, &#34; &#39;).
vcsim_xml_unescape() {
	printf '%s' "$1" | sed -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&#34;/"/g' -e 's/&quot;/"/g' \
		-e "s/&#39;/'/g" -e "s/&apos;/'/g" -e 's/&amp;/\&/g'
}

# vcsim_info_field LINE FIELD: the string, number or boolean FIELD of one
# -info JSON line (arrays come back as their raw text, brackets included).
vcsim_info_field() {
	printf '%s\n' "$1" | sed -n \
		-e "s/.*\"$2\":\"\([^\"]*\)\".*/\1/p" \
		-e "t" \
		-e "s/.*\"$2\":\(\[[^]]*\]\).*/\1/p" \
		-e "t" \
		-e "s/.*\"$2\":\([^,}]*\).*/\1/p"
}

# vcsim_moid KIND NAME: the moref value (e.g. host-31) of a host, network,
# switch, datastore or cluster from the -info file.
vcsim_moid() {
	vcsim_info_field "$(vcsim_info_line "$1" "$2")" moref | sed 's/^[^:]*://'
}

# vcsim_firewall_table HOSTNAME: over SOAP, the host's rulesets, one per
# line: "KEY ENABLED MATCH ALLIP" where MATCH is "match" when a rule covers
# outbound tcp dst 2377 (VIC's check) and "-" otherwise; then a last line
# "defaultPolicy outgoingBlocked=BOOL", or only "no-firewall-info" when the
# host has none. Needs a logged-in session.
vcsim_firewall_table() {
	local host fw out
	host=$(vcsim_moid hosts "$1")
	fw=$(vcsim_obj_props HostSystem "$host" configManager.firewallSystem |
		sed -n 's/.*type="HostFirewallSystem">\([^<]*\)<.*/\1/p')
	out=$(vcsim_obj_props HostFirewallSystem "$fw" firewallInfo)
	if ! printf '%s' "$out" | grep -q '<ruleset>'; then
		echo no-firewall-info
		return 0
	fi
	printf '%s\n' "$out" | sed 's/<ruleset>/\n&/g' | awk '
	function field(s, tag,   v) {
		if (!match(s, "<" tag ">[^<]*</" tag ">")) return ""
		v = substr(s, RSTART, RLENGTH)
		sub("^<" tag ">", "", v); sub("</" tag ">$", "", v)
		return v
	}
	/^<ruleset>/ {
		n = split($0, parts, "<rule>")
		m = "-"
		for (i = 2; i <= n; i++) {
			r = parts[i]; sub("</rule>.*", "", r)
			p = field(r, "port") + 0; e = field(r, "endPort") + 0
			if (field(r, "direction") != "outbound" || field(r, "portType") != "dst" || field(r, "protocol") != "tcp") continue
			if ((e == 0 && p == 2377) || (e != 0 && p <= 2377 && 2377 <= e)) m = "match"
		}
		print field($0, "key"), field($0, "enabled"), m, field($0, "allIp")
	}
	/<defaultPolicy>/ { pol = field($0, "outgoingBlocked") }
	END { print "defaultPolicy outgoingBlocked=" pol }'
}
