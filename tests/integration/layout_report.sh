#!/bin/bash
# layout_report.sh: the topology against tests/vcsim (a host whose firewall blocks
# 2377/tcp: golden drawings at 80 and 132 columns, UTF-8 and ASCII), then the SVG of
# "vchnet layout --format svg" and the HTML of "vchnet report" for fixture plans and the
# live check: well-formed (xmllint), no script, no external reference, every port group
# name, role and address of the plan present, names escaped; and the report rendered by
# Debian's headless chromium to a PNG that is not blank and has the diagram's size.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/vcsim.sh"
. "$top_srcdir/tests/integration/firewall_lib.sh"

tap_plan 64

export LC_ALL=C.UTF-8
good=$top_srcdir/tests/fixtures/plans/good
plans=$top_srcdir/tests/golden/layout/plans
goldens=$top_srcdir/tests/golden/layout
work=$(mktemp -d "${TMPDIR:-/tmp}/layout_report.XXXXXX")
trap 'rm -rf "$work"' EXIT

golden() { # name output description
	if [ "${VCHNET_REGEN_GOLDEN:-}" = 1 ]; then
		printf '%s\n' "$2" >"$goldens/$1.txt"
	fi
	is "$2" "$(cat "$goldens/$1.txt" 2>/dev/null)" "$3"
}

# ---- the live check: host #1 blocks 2377/tcp, host #2 restricts it to 10/8
vcsim_start -host 3 -scenario mixed || { echo "Bail out! the simulator did not start"; exit 1; }
fw_plan "$work/fw.yaml"
for w in 80 132; do
	vch layout --width "$w" "$work/fw.yaml"
	is "$rc" 0 "live layout at $w columns exits 0"
	golden "cli-firewall-$w-utf8" "$out" "a blocked host at $w columns (UTF-8) matches its golden"
	vch layout --width "$w" --ascii "$work/fw.yaml"
	golden "cli-firewall-$w-ascii" "$out" "a blocked host at $w columns (ASCII) matches its golden"
done
like "$out" "ESXi hosts \(3\).*\[E1\+2\]" "the hosts carry the firewall problems"
like "$out" "DC0_C0_H1 BLOCKED \[E\]" "the blocked host is named under them"
like "$out" "DC0_DVPG0  switch DVS0, VLAN 0, distributed" "the port group's switch and VLAN come from vCenter"
vch layout --format svg "$work/fw.yaml"
printf '%s\n' "$out" >"$work/fw.svg"
ok "the live SVG is well-formed" xmllint --noout "$work/fw.svg"
like "$out" "DC0_C0_H1: BLOCKED" "the SVG names the blocked host"
vch report -o "$work/fw.html" "$work/fw.yaml"
is "$rc" 0 "report with the live checks exits 0"
like "$out" "wrote the review report to $work/fw.html" "and says where it wrote"
html=$(cat "$work/fw.html")
like "$html" "Live checks against vCenter at 20[0-9-]+ [0-9:]+ UTC" "the report says when the live checks ran"
like "$html" "<td>DC0_C0_H1</td><td>on</td>" "the per-host firewall table has the blocked host"
like "$html" 'class="error">BLOCKED</td>' "with its verdict"
like "$html" "Fix: enable ruleset vic-engine on DC0_C0_H1" "and the fix"
vcsim_stop

# ---- offline: SVG and HTML for fixture plans
nosecret() { # FILE: no script, no external reference of any kind
	! grep -Eiq '<script|javascript:|<link|<img|<iframe|<object|<embed|<use|href=|src=|url\(|@import' "$1" &&
		! grep -Eo '="[a-z]+://[^"]*"' "$1" | grep -qv '^="http://www.w3.org/2000/svg"$'
}
# the values of portGroup, ip, gateway, ipRange and the roles of a plan, one a line
plan_facts() {
	sed -n -E 's/^ *(- )?(portGroup|ip|gateway|ipRange): *"?([^"]*)"?$/\3/p' "$1"
	grep -Eo '^  (public|client|management|bridge):' "$1" | tr -d ' :'
}
# the document's text, entities decoded (what a reader sees and can search)
doc_text() {
	xmllint --xpath 'string(/*)' "$1" 2>/dev/null
}

for plan in "$good/full.yaml" "$good/special-names.yaml" "$plans/four-nics-two-cnets.yaml" \
	"$plans/wide-names.yaml"; do
	base=$(basename "$plan" .yaml)
	"$VCHNET" layout --format svg "$plan" >"$work/$base.svg"
	is "$?" 0 "$base: layout --format svg exits 0"
	ok "$base: the SVG is well-formed" xmllint --noout "$work/$base.svg"
	ok "$base: the SVG has no script and no external reference" nosecret "$work/$base.svg"
	"$VCHNET" report -o "$work/$base.html" "$plan" 2>/dev/null
	is "$?" 0 "$base: report exits 0"
	ok "$base: the HTML is well-formed" xmllint --noout "$work/$base.html"
	ok "$base: the HTML has no script and no external reference" nosecret "$work/$base.html"
	svgtext=$(doc_text "$work/$base.svg")
	htmltext=$(doc_text "$work/$base.html")
	missing_svg= missing_html=
	while IFS= read -r fact; do
		[ -n "$fact" ] || continue
		case $svgtext in *"$fact"*) ;; *) missing_svg="$missing_svg [$fact]" ;; esac
		case $htmltext in *"$fact"*) ;; *) missing_html="$missing_html [$fact]" ;; esac
	done < <(plan_facts "$plan")
	is "$missing_svg" "" "$base: every port group, role and address is in the SVG"
	is "$missing_html" "" "$base: every port group, role and address is in the HTML"
done
svg=$(cat "$work/special-names.svg")
like "$svg" "Prod &amp; Test &lt;VLAN 30&gt;" "names are XML-escaped in the SVG"
like "$svg" 'font-family="monospace"' "fonts by generic family"
unlike "$svg" "Prod & Test <VLAN" "no raw markup from a name"
html=$(cat "$work/full.html")
like "$html" "@page\{size:A4" "the report is laid out for A4"
like "$html" "vic-machine-linux create" "the report has the vic-machine command"
like "$html" "apiVersion: vchnet/v1" "and the plan text"
like "$html" "Offline checks only" "an offline report says so"
"$VCHNET" report "$work/nothere.yaml" >/dev/null 2>&1
is "$?" 2 "report on a missing plan exits 2"
cp "$good/nics-2.yaml" "$work/default.yaml"
"$VCHNET" report "$work/default.yaml" 2>/dev/null
ok "without -o the report goes next to the plan, .yaml replaced by .html" test -s "$work/default.html"
out=$("$VCHNET" report -o - "$good/nics-2.yaml" 2>/dev/null)
like "$out" "^<!DOCTYPE html>" "-o - writes to standard output"

# ---- a real browser: chromium renders the report and the SVG
if ! command -v chromium >/dev/null 2>&1; then
	for i in 1 2 3 4 5; do tap_ok 1 "chromium is not installed (./quickstart check installs it)"; done
else
	shot() { # FILE PNG W H
		HOME=$work timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
			--user-data-dir="$work/chromium" --window-size="$3,$4" --screenshot="$2" "file://$1" \
			>/dev/null 2>&1
	}
	# PNG -> "WIDTH HEIGHT INKED_FRACTION INK_LEFT INK_TOP INK_RIGHT INK_BOTTOM"
	pnginfo() {
		python3 - "$1" <<'EOF'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, w = 8, b"", 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
assert depth == 8 and ctype in (2, 6), "unexpected PNG format"
bpp = 3 if ctype == 2 else 4
raw, stride = zlib.decompress(idat), w * bpp
prev, inked, box = bytearray(stride), 0, [w, h, -1, -1]
i = 0
for y in range(h):
    f = raw[i]; i += 1
    line = bytearray(raw[i:i + stride]); i += stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b = prev[x]
        c = prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    for x in range(w):
        r, g, bl = line[x * bpp:x * bpp + 3]
        if r < 230 or g < 230 or bl < 230:
            inked += 1
            box = [min(box[0], x), min(box[1], y), max(box[2], x), max(box[3], y)]
    prev = line
print(w, h, "%.4f" % (inked / float(w * h)), *box)
EOF
	}
	shot "$work/full.html" "$work/full.png" 1240 1754
	ok "chromium renders the report to a PNG" test -s "$work/full.png"
	read -r pw ph frac l t r b <<<"$(pnginfo "$work/full.png")"
	ok "the rendered report is not blank (${frac} of the page inked)" \
		python3 -c "import sys; sys.exit(0 if float('$frac') > 0.02 else 1)"
	# the diagram alone, at its own size: the drawing must reach (nearly) its edges
	read -r sw sh <<<"$(sed -n -E '0,/<svg/{s/.*<svg[^>]* width="([0-9]+)" height="([0-9]+)".*/\1 \2/p}' \
		"$work/four-nics-two-cnets.svg")"
	shot "$work/four-nics-two-cnets.svg" "$work/svg.png" "$sw" "$sh"
	read -r pw ph frac l t r b <<<"$(pnginfo "$work/svg.png")"
	is "$pw x $ph" "$sw x $sh" "the SVG renders at the diagram's size (${sw}x${sh})"
	ok "the drawing spans the diagram's width (ink $l..$r of $sw)" test "$l" -le 40 -a "$r" -ge $((sw - 60))
	ok "and its height (ink $t..$b of $sh)" test "$t" -le 40 -a "$b" -ge $((sh - 60))
fi

tap_done
