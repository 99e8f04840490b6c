#!/bin/bash
# offline_layout.sh: vchnet layout on fixture plans: the drawing (golden files under
# tests/golden/layout/cli-*.txt; VCHNET_REGEN_GOLDEN=1 rewrites them) at 80 and 132
# columns in UTF-8 and ASCII for the minimal plan, three and four NICs, four NICs with two
# container networks, static addresses with routes, proxies and wide (CJK) names; every
# golden fits its width, the 4-NIC plan with two container networks fits 80x24, the box
# stays aligned with wide names; ASCII with --ascii or in a non-UTF-8 locale; the
# sentences of --format plain; the NIC limit marked on the VCH; usage errors.
. "$top_srcdir/tests/lib/tap.sh"

tap_plan 98

export LC_ALL=C.UTF-8
good=$top_srcdir/tests/fixtures/plans/good
plans=$top_srcdir/tests/golden/layout/plans
goldens=$top_srcdir/tests/golden/layout
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

golden() { # name output description
	if [ "${VCHNET_REGEN_GOLDEN:-}" = 1 ]; then
		printf '%s\n' "$2" >"$goldens/$1.txt"
	fi
	is "$2" "$(cat "$goldens/$1.txt" 2>/dev/null)" "$3"
}

# the widest line in display columns (wide characters count two)
widest() {
	python3 -c 'import sys, unicodedata
w = 0
for line in sys.stdin.read().split("\n"):
    w = max(w, sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in line))
print(w)'
}

out=$("$VCHNET" layout "$good/nics-2.yaml")
is "$?" 0 "layout exits 0"
golden cli-nics-2 "$out" "2 NICs (UTF-8) match the golden drawing"
like "$out" "2 NICs \(VIC 1.2 allows 3\)" "the NIC count against the VIC profile"
out=$("$VCHNET" layout "$good/nics-3.yaml")
golden cli-nics-3 "$out" "3 NICs match the golden drawing"
out=$("$VCHNET" layout --ascii "$good/nics-4.yaml")
golden cli-nics-4-ascii "$out" "4 NICs (ASCII) match the golden drawing"
unlike "$out" "$(printf '[\200-\377]')" "--ascii prints only ASCII"
out=$("$VCHNET" layout "$good/containers.yaml")
golden cli-containers "$out" "container networks match the golden drawing"
like "$out" "container VMs" "the container VMs hang under the bridge"
like "$out" "quarantine ─+▶ Containers-Quarantine +fw closed" \
	"a container network goes straight to its port group, with its firewall trust"

# the matrix: 80 and 132 columns, UTF-8 and ASCII
for spec in "minimal:$good/minimal.yaml" "nics-3:$good/nics-3.yaml" "nics-4:$good/nics-4.yaml" \
	"four-cn:$plans/four-nics-two-cnets.yaml" "static-routes:$plans/static-routes.yaml" \
	"proxies:$plans/proxies.yaml"; do
	name=${spec%%:*} plan=${spec#*:}
	for w in 80 132; do
		out=$("$VCHNET" layout --width "$w" "$plan")
		golden "cli-$name-$w-utf8" "$out" "$name at $w columns (UTF-8) matches its golden"
		ok "$name at $w columns fits" test "$(printf '%s\n' "$out" | widest)" -le "$w"
		out=$("$VCHNET" layout --width "$w" --ascii "$plan")
		golden "cli-$name-$w-ascii" "$out" "$name at $w columns (ASCII) matches its golden"
		unlike "$out" "$(printf '[\200-\377]')" "$name at $w columns: ASCII only"
	done
done

out=$("$VCHNET" layout --width 80 "$plans/four-nics-two-cnets.yaml")
ok "4 NICs and two container networks fit one 80x24 screen ($(printf '%s\n' "$out" | wc -l) lines)" \
	test "$(printf '%s\n' "$out" | wc -l)" -le 24
for s in "VM Network" Client-VLAN20 Mgmt-VLAN10 vch-four-cn-bridge Containers-Routable Containers-Backend \
	10.0.0.6/24 10.1.0.6/24 "gw 10.1.0.1 to 10.2.0.0/16" "Docker clients" "ESXi hosts" registries; do
	like "$out" "$s" "80x24 shows $s"
done
out=$("$VCHNET" layout --width 132 "$plans/proxies.yaml")
like "$out" "HTTPS proxy https://proxy.example.com:3128" "the proxies hang under the public port group"
out=$("$VCHNET" layout --width 132 "$plans/static-routes.yaml")
like "$out" "gw 10.4.0.1 to 10.5.0.0/16" "management's gateway and route"
like "$out" "Public-VLAN5 ─+ registries  443/tcp" "the full form gives the parties a column of their own"

# wide names: the box's right edge stays in one column on every row
for w in 80 132; do
	out=$("$VCHNET" layout --width "$w" "$plans/wide-names.yaml")
	golden "cli-wide-names-$w-utf8" "$out" "wide names at $w columns match the golden"
	ok "wide names at $w columns fit" test "$(printf '%s\n' "$out" | widest)" -le "$w"
	cols=$(printf '%s\n' "$out" | python3 -c 'import sys, unicodedata
def edge(line):
    c = 0
    for x in line[1:]:
        c += 1
        if x in "│├":
            return c
        c += 1 if unicodedata.east_asian_width(x) in "WF" else 0
    return -1
rows = [l for l in sys.stdin.read().split("\n") if l.startswith("│")]
print(len(set(edge(l) for l in rows)))')
	is "$cols" 1 "wide names at $w columns: the VCH box's right edge is straight"
done
like "$out" "橋ネットワーク" "a CJK port group name is drawn as it is"

out=$(LC_ALL=C "$VCHNET" layout "$good/nics-2.yaml")
unlike "$out" "$(printf '[\200-\377]')" "a non-UTF-8 locale gets ASCII"
like "$out" "^\+- VCH endpoint VM" "with ASCII corners"
out=$("$VCHNET" layout --width 40 "$good/full.yaml")
is "$?" 0 "--width 40 exits 0"
ok "no line is wider than 40 columns" test "$(printf '%s\n' "$out" | widest)" -le 40

# plain: sentences, no box drawing
out=$("$VCHNET" layout --format plain "$plans/four-nics-two-cnets.yaml")
unlike "$out" "[─│┌┐└┘├┤▶]" "--format plain has no box drawing"
like "$out" 'Card 2 connects client to port group "Client-VLAN20"' "it says which card carries which role"
like "$out" 'Container network "backend" puts a card of each container VM' "and the container networks"

# nics-4.yaml for VIC 1.2, which allows 3
sed 's/version: "1.3"/version: "1.2"/' "$good/nics-4.yaml" >"$work/four.yaml"
out=$("$VCHNET" layout "$work/four.yaml")
is "$?" 0 "a plan over the NIC limit still draws (exit 0)"
like "$out" "4 NICs \(VIC 1.2 allows 3\), DNS 10.0.0.2 \[E1\]" "and marks the limit on the VCH"
like "$out" "\[E1\] Four different networks including bridge network are not allowed" \
	"with vic-machine's message, numbered as the mark"

out=$("$VCHNET" layout "$good/nics-2.yaml" --ascii)
is "$?" 0 "options may follow the plan"
unlike "$out" "$(printf '[\200-\377]')" "layout PLAN --ascii is ASCII"
out=$("$VCHNET" layout "$good/nics-2.yaml" --width 2>&1)
like "$out" "option '--width' needs a value" "--width without a value is a usage error"
out=$("$VCHNET" layout --bogus "$good/nics-2.yaml" 2>&1)
is "$?" 2 "an unknown option exits 2"
"$VCHNET" layout --width 10 "$good/nics-2.yaml" >/dev/null 2>&1
is "$?" 2 "--width out of range exits 2"
"$VCHNET" layout --format png "$good/nics-2.yaml" >/dev/null 2>&1
is "$?" 2 "an unknown --format exits 2"
"$VCHNET" layout "$work/nonexistent.yaml" >/dev/null 2>&1
is "$?" 2 "an unreadable plan exits 2"
"$VCHNET" layout --help >/dev/null
is "$?" 0 "--help exits 0"

tap_done
