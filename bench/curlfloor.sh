#!/bin/sh
# curlfloor.sh: the floor for "vchnet inventory": the same SOAP requests vchnet
# sends, replayed with curl in sequence, with nothing parsed or printed.
#
#   curlfloor.sh URL CAFILE REQDIR [SAVE]
#
# REQDIR holds the request bodies vchnet sent, captured by bench/run.sh from the
# simulator's -trace, one file per request in order (01-*.xml, 02-*.xml, ...);
# the text @VIEW@ stands for the ContainerView moref, which differs per session
# and is taken from the CreateContainerView answer, and @VCH@ for the VCH endpoint
# VM of the inventory, which the caller gives in VCH_MOREF. The session cookie goes
# from one request to the next through a cookie jar (--cookie/--cookie-jar).
# Requests up to and including CreateContainerView share one curl process and
# one TLS connection (--next), the rest another: two handshakes where vchnet
# does one, so the floor is, if anything, a little generous to curl's cost.
# SAVE: write the first RetrievePropertiesEx answer (the inventory) there instead of
# discarding it, and each later one (the VCHs' container networks) to SAVE.2, SAVE.3...
set -eu
url=$1 ca=$2 dir=$3 save=${4:-/dev/null}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/curlfloor.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# SOAPAction as vchnet sends it (the simulator's API version)
hdr='SOAPAction: "urn:vim25/6.5"'
ctype='Content-Type: text/xml; charset=utf-8'
common="-sS --fail-with-body -w '%{http_code}\n' --http1.1 --cacert $ca -b $tmp/jar -c $tmp/jar -H"

first= second= past_view= saved=0
for f in "$dir"/*.xml; do
	if [ -z "$past_view" ]; then
		first="$first $f"
		case $f in *CreateContainerView*) past_view=1 ;; esac
	else
		second="$second $f"
	fi
done

# one curl process per group, one --next section per request; the answers go to
# /dev/null except CreateContainerView's (for the view) and, with SAVE, the inventory
run_group() {
	args= n=0
	for f in "$@"; do
		n=$((n + 1))
		[ "$n" -gt 1 ] && args="$args --next"
		case $f in
		*CreateContainerView*) o=$tmp/view.xml ;;
		*RetrieveProperties*)
			saved=$((saved + 1))
			o=$save
			[ "$saved" = 1 ] || [ "$save" = /dev/null ] || o=$save.$saved ;;
		*) o=/dev/null ;;
		esac
		args="$args $common '$hdr' -H '$ctype' --data-binary @$f -o $o $url"
	done
	# every answer must be a 200: a fault (a stale moref) would make the floor cheap
	codes=$(eval "curl $args")
	bad=$(printf '%s\n' "$codes" | grep -v '^200$' || true)
	[ -z "$bad" ] || { echo "curlfloor: HTTP status $(echo $bad) in the replay" >&2; exit 1; }
}

# shellcheck disable=SC2086
run_group $first
view=$(sed -n 's/.*<returnval type="ContainerView">\([^<]*\)<.*/\1/p' "$tmp/view.xml")
[ -n "$view" ] || { echo "curlfloor: no ContainerView in the answer" >&2; exit 1; }
set --
for f in $second; do
	g=$tmp/$(basename "$f")
	# the view moref has no characters special to sed's replacement but & and \
	v=$(printf '%s' "$view" | sed 's/[&\\|]/\\&/g')
	sed "s|@VIEW@|$v|g; s|@VCH@|${VCH_MOREF:-@VCH@}|g" "$f" >"$g"
	set -- "$@" "$g"
done
run_group "$@"
