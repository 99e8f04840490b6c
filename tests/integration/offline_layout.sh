#!/bin/bash
# offline_layout.sh: vchnet layout on fixture plans: the drawing (golden files under
# tests/golden/layout/cli-*.txt; VCHNET_REGEN_GOLDEN=1 rewrites them), ASCII with --ascii
# or in a non-UTF-8 locale, --width, the NIC limit marker, usage errors.
. "$top_srcdir/tests/lib/tap.sh"

tap_plan 21

good=$top_srcdir/tests/fixtures/plans/good
goldens=$top_srcdir/tests/golden/layout
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

golden() { # name output description
	if [ "${VCHNET_REGEN_GOLDEN:-}" = 1 ]; then
		printf '%s\n' "$2" >"$goldens/$1.txt"
	fi
	is "$2" "$(cat "$goldens/$1.txt" 2>/dev/null)" "$3"
}

out=$("$VCHNET" layout "$good/nics-2.yaml")
is "$?" 0 "layout exits 0"
golden cli-nics-2 "$out" "2 NICs (UTF-8) match the golden drawing"
like "$out" "NICs: 2 of 3 \(VIC 1.2\)" "the NIC count against the VIC profile"
out=$("$VCHNET" layout "$good/nics-3.yaml")
golden cli-nics-3 "$out" "3 NICs match the golden drawing"
out=$("$VCHNET" layout --ascii "$good/nics-4.yaml")
golden cli-nics-4-ascii "$out" "4 NICs (ASCII) match the golden drawing"
unlike "$out" "$(printf '[\200-\377]')" "--ascii prints only ASCII"
out=$("$VCHNET" layout "$good/containers.yaml")
golden cli-containers "$out" "container networks match the golden drawing"
like "$out" "Container networks \(attached to container VMs, not to the VCH endpoint\)" \
	"container networks are drawn apart"
out=$(LC_ALL=C "$VCHNET" layout "$good/nics-2.yaml")
unlike "$out" "$(printf '[\200-\377]')" "a non-UTF-8 locale gets ASCII"
like "$out" "^\+- VCH endpoint VM" "with ASCII corners"
out=$("$VCHNET" layout --width 40 "$good/full.yaml")
is "$?" 0 "--width 40 exits 0"
is "$(printf '%s\n' "$out" | wc -L)" 40 "no line is wider than 40 columns"

# nics-4.yaml for VIC 1.2, which allows 3
sed 's/version: "1.3"/version: "1.2"/' "$good/nics-4.yaml" >"$work/four.yaml"
out=$("$VCHNET" layout "$work/four.yaml")
is "$?" 0 "a plan over the NIC limit still draws (exit 0)"
like "$out" "NICs: 4 of 3 \(VIC 1.2\)  ✗ OVER THE LIMIT" "and marks the limit"

out=$("$VCHNET" layout "$good/nics-2.yaml" --ascii)
is "$?" 0 "options may follow the plan"
unlike "$out" "$(printf '[\200-\377]')" "layout PLAN --ascii is ASCII"
out=$("$VCHNET" layout "$good/nics-2.yaml" --width 2>&1)
like "$out" "option '--width' needs a value" "--width without a value is a usage error"
out=$("$VCHNET" layout --bogus "$good/nics-2.yaml" 2>&1)
is "$?" 2 "an unknown option exits 2"
"$VCHNET" layout --width 10 "$good/nics-2.yaml" >/dev/null 2>&1
is "$?" 2 "--width out of range exits 2"
"$VCHNET" layout "$work/nonexistent.yaml" >/dev/null 2>&1
is "$?" 2 "an unreadable plan exits 2"
"$VCHNET" layout --help >/dev/null
is "$?" 0 "--help exits 0"

tap_done
