#!/bin/bash
# hostile_names.sh: names that hold terminal escapes (an OSC title sequence, a CSI screen
# clear), CR, LF, C1 CSI (U+009B), a bidi override (U+202E) or CJK reach every command's
# output and the deploy log as escapes, never as raw bytes: a byte scan of stdout, stderr
# and the logs finds no control byte but the newlines between lines, no C1 and no bidi
# control; no forged record line appears; the layout drawing fits its width and its boxes
# keep their right edge in one column with CJK names.
#
# The names come from the simulator (-pg-name: CR, LF, C1, U+202E, CJK; XML cannot carry
# ESC, so markers in those names become \e and \a in the saved snapshot) and from a plan.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/plans.sh"
. "$top_srcdir/tests/lib/vcsim.sh"

tap_plan 49

work=$(mktemp -d "${TMPDIR:-/tmp}/hostile_names.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
export LC_ALL=C.UTF-8
unset VCHNET_URL VCHNET_USERNAME VCHNET_PASSWORD GOVC_URL GOVC_USERNAME GOVC_PASSWORD \
	VCHNET_VIC_MACHINE VCHNET_THUMBPRINT
export XDG_STATE_HOME=$work/state XDG_CONFIG_HOME=$work/config HOME=$work/home
mkdir -p "$work/home"

LF='
'
CR=$(printf '\r')
C1=$(printf '\302\233')
RLO=$(printf '\342\200\256')
PW='hostile-names-pw'

# the port groups: OSC title (markers), CSI clear (markers), CR, LF, C1, bidi, CJK
vcsim_start -username admin -password "$PW" -host 2 -pg 1 \
	-pg-name 'osc@ESC@]0;pwned@BEL@x' \
	-pg-name 'clr@ESC@[2J@ESC@[H' \
	-pg-name "cr${CR}ID=forged" \
	-pg-name "lf${LF}kind=forged id=x" \
	-pg-name "c1${C1}2J" \
	-pg-name "bidi${RLO}gpj.exe" \
	-pg-name '生产网络-公共' ||
	{ echo "Bail out! vcsim did not start"; exit 1; }

# Prints the lines of FILE (with their numbers) that hold a raw control byte other than
# the newline ending a line, a C1 control (U+0080..U+009F), or a bidi or line-breaking
# format character (U+200E, U+200F, U+2028, U+2029, U+202A..U+202E, U+2066..U+2069).
raw_controls() {
	LC_ALL=C grep -naP '[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\x8e\x8f\xa8-\xae]|\xe2\x81[\xa6-\xa9]' "$1"
}
# One TAP result: FILE (non-empty) holds no raw control; shows the offending lines.
clean_bytes() { # FILE DESCRIPTION
	local bad
	if [ ! -s "$1" ]; then
		tap_ok 1 "$2"
		diag "$1 is empty"
		return
	fi
	bad=$(raw_controls "$1" | head -5 | cat -A)
	tap_ok "$([ -z "$bad" ]; echo $?)" "$2"
	[ -z "$bad" ] || diag "$bad"
}
# No line of FILE starts a forged record.
no_forged() { # FILE DESCRIPTION
	ok "$2" bash -c '! LC_ALL=C grep -qaE "^(ID|kind)=forged" "$1"' _ "$1"
}

# --- the inventory, live: the text tables and a snapshot ---------------------------
VCHNET_PASSWORD=$PW "$VCHNET" inventory --url "$VCSIM_URL" --username admin \
	--thumbprint "$VCSIM_THUMBPRINT_SHA256" --save "$work/live.yaml" --format text \
	>"$work/live.out" 2>"$work/live.err"
is "$?" 0 "inventory (live) with hostile port group names"
clean_bytes "$work/live.out" "inventory (live): no raw control in the tables"
like "$(cat "$work/live.out")" 'lf\\nkind=forged id=x' "a LF in a name is shown as \\n"
like "$(cat "$work/live.out")" 'bidi\\u202egpj\.exe' "a bidi override is shown as \\u202e"
like "$(cat "$work/live.out")" 'c1\\x9b2J' "U+009B is shown as \\x9b"

# the snapshot: ESC and BEL in place of the markers, and a host renamed with escapes
snap=$work/snap.yaml
sed -e 's/@ESC@/\\e/g' -e 's/@BEL@/\\a/g' \
	-e 's/DC0_C0_H1/esx\\e]2;owned\\a\\rDC0_C0_H0/g' "$work/live.yaml" >"$snap"
ok "the snapshot holds the escaped names" grep -qF 'osc\e]0;pwned\ax' "$snap"

"$VCHNET" inventory --inventory "$snap" >"$work/inv.out" 2>"$work/inv.err"
is "$?" 0 "inventory --inventory SNAP"
clean_bytes "$work/inv.out" "inventory --inventory: no raw control in the tables"
like "$(cat "$work/inv.out")" 'osc\\e\]0;pwned\\ax' "an OSC sequence is shown as \\e]0;...\\a"
like "$(cat "$work/inv.out")" 'esx\\e\]2;owned\\a\\rDC0_C0_H0' "a host name with escapes and CR is shown escaped"

"$VCHNET" inventory --inventory "$snap" --format yaml >"$work/inv.yaml" 2>&1
is "$?" 0 "inventory --format yaml"
clean_bytes "$work/inv.yaml" "inventory --format yaml: no raw control, no raw bidi override"
like "$(cat "$work/inv.yaml")" 'bidi\\u202Egpj\.exe' "--format yaml escapes U+202E"

: >"$work/find.out"
for name in "osc$(printf '\033')]0;pwned$(printf '\007')x" "cr${CR}ID=forged" \
	"lf${LF}kind=forged id=x" "c1${C1}2J" "bidi${RLO}gpj.exe" '生产网络-公共'; do
	"$VCHNET" inventory --inventory "$snap" --find "$name" >>"$work/find.out" 2>&1 ||
		echo "find failed: $name" >>"$work/find.fail"
done
ok "--find finds every hostile name" test ! -e "$work/find.fail"
clean_bytes "$work/find.out" "inventory --find: no raw control"
is "$(grep -c '^kind=' "$work/find.out")" 6 "--find: one line per record"
no_forged "$work/find.out" "--find: no forged ID= or kind= line"
like "$(cat "$work/find.out")" 'path=/DC0/network/lf\\nkind=forged id=x$' \
	"--find: a LF stays inside its field as \\n"
"$VCHNET" inventory --inventory "$snap" --find 'no-such-net' >"$work/find-miss.out" 2>&1
clean_bytes "$work/find-miss.out" "inventory --find of a missing name: no raw control"

# --- a plan naming them ---------------------------------------------------------------
hostile_head() {
	plan_head name=vch-hostile vic='version: "1.5"' url=https://vc.example.com \
		user=administrator@vsphere.local \
		thumbprint=AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01
}
plan=$work/plan.yaml
{
	hostile_head
	cat <<'P'
  bridge:
    portGroup: "lf\nkind=forged id=x"
  public:
    portGroup: "生产网络-公共"
  client:
    portGroup: "bidi\u202Egpj.exe"
  management:
    portGroup: "c1\x9B2J"
  container:
    - portGroup: "osc\e]0;pwned\ax"
      alias: backend
    - portGroup: "clr\e[2J\e[H"
      alias: front
P
} >"$plan"
# the same with port groups the inventory does not have: the not-found hints list names
missing=$work/missing.yaml
{
	hostile_head
	cat <<'P'
  bridge:
    portGroup: "nope\e]0;pwned\a"
  public:
    portGroup: "生产网络"
P
} >"$missing"

"$VCHNET" check --offline "$plan" >"$work/check-off.out" 2>&1
clean_bytes "$work/check-off.out" "check --offline: no raw control"
"$VCHNET" check --inventory "$snap" "$plan" >"$work/check.out" 2>&1
clean_bytes "$work/check.out" "check --inventory SNAP: no raw control"
"$VCHNET" check --inventory "$snap" "$missing" >"$work/check-miss.out" 2>&1
is "$?" 1 "check of port groups that are not there: exit 1"
clean_bytes "$work/check-miss.out" "check: the not-found hints list the names with no raw control"
like "$(cat "$work/check-miss.out")" 'nope\\e\]0;pwned\\a' "check: the missing name is shown escaped"
like "$(cat "$work/check-miss.out")" '生产网络-公共' "check: the hint lists inventory names (CJK as is)"
no_forged "$work/check-miss.out" "check: no forged line"

"$VCHNET" firewall --inventory "$snap" "$plan" >"$work/fw.out" 2>&1
clean_bytes "$work/fw.out" "firewall --inventory SNAP: no raw control"
like "$(cat "$work/fw.out")" 'esx\\e\]2;owned\\a\\rDC0_C0_H0' "firewall: the host name is shown escaped"

"$VCHNET" render "$plan" >"$work/render.out" 2>"$work/render.err"
is "$?" 0 "render"
clean_bytes "$work/render.out" "render: no raw control in the command"
like "$(cat "$work/render.out")" "--container-network \\\$'osc\\\\033]0;pwned\\\\007x:backend'" \
	"render: a word with controls is written \$'...' with octal escapes"
# the shell gets the exact bytes back: every word after 'create', one per line
eval "set -- $(cat "$work/render.out")"
shift 2
printf '%s\n' "$@" >"$work/words"
ok "render: the shell reads the exact name back" \
	grep -qxF "osc$(printf '\033')]0;pwned$(printf '\007')x:backend" "$work/words"

"$VCHNET" layout "$plan" >"$work/layout.out" 2>"$work/layout.err"
is "$?" 0 "layout"
clean_bytes "$work/layout.out" "layout: no raw control"
no_forged "$work/layout.out" "layout: a LF in a name does not break a line"
# the drawing fits the width (wc -L counts CJK double) and each box keeps its right edge in
# one column, whatever the names beside it
box_report() { # WIDTH FILE
	local w=$1 l p c n=0 over="" part=0 vch="" ctr="" nv=0 nc=0
	while IFS= read -r l; do
		n=$((n + 1))
		c=$(printf '%s\n' "$l" | wc -L)
		[ "$c" -le "$w" ] || over="$over line $n is $c columns;"
		case $part,$l in
		0,┌*) part=1 ;;
		esac
		if [ "$part" = 1 ]; then
			# the VCH box: its edge is the first border glyph after the left one; the
			# networks' names follow it on the same line
			p=${l#?}; p=${p%%[┐│├┘]*}
			vch="$vch $(( $(printf '%s\n' "$p" | wc -L) + 1 ))"; nv=$((nv + 1))
			case $l in └*) part=2 ;; esac
		elif [ "$part" = 2 ]; then
			case $l in
			"    "[┌│└]*[┐│┘])
				ctr="$ctr $c"; nc=$((nc + 1)) ;;
			esac
		fi
	done <"$2"
	vch=$(printf '%s\n' $vch | sort -u | tr '\n' ' ')
	ctr=$(printf '%s\n' $ctr | sort -u | tr '\n' ' ')
	[ -n "$over" ] && echo "too wide:$over" || echo "fits $w columns"
	[ "$nv" -ge 3 ] && [ "$(echo $vch | wc -w)" = 1 ] && echo "VCH box edge in one column" ||
		echo "VCH box ($nv lines) edge at columns: $vch"
	[ "$nc" -ge 3 ] && [ "$(echo $ctr | wc -w)" = 1 ] && echo "container box edge in one column" ||
		echo "container box ($nc lines) edge at columns: $ctr"
}
boxes_ok=$(printf '%s\n' "fits %s columns" "VCH box edge in one column" \
	"container box edge in one column")
is "$(box_report 80 "$work/layout.out")" "$(printf "$boxes_ok" 80)" \
	"layout: fits 80 columns, box edges in one column (CJK counted double)"
"$VCHNET" layout --width 60 "$plan" >"$work/layout60.out" 2>&1
is "$(box_report 60 "$work/layout60.out")" "$(printf "$boxes_ok" 60)" \
	"layout --width 60: fits 60 columns, box edges in one column"
# long CJK names: a wide character never straddles the right edge
{
	hostile_head
	cat <<'P'
  bridge:
    portGroup: "生产网络-桥接生产网络-桥接"
  public:
    portGroup: "生产网络-公共生产网络-公共生产网络-公共"
  container:
    - portGroup: "容器网络容器网络容器网络容器网络容器网络容器网络"
      alias: 后端网络后端网络后端网络
P
} >"$work/cjk.yaml"
"$VCHNET" layout --width 40 "$work/cjk.yaml" >"$work/layout40.out" 2>&1
is "$(box_report 40 "$work/layout40.out")" "$(printf "$boxes_ok" 40)" \
	"layout --width 40, long CJK names: fits 40 columns, box edges in one column"

# --- deploy: a vic-machine that prints hostile lines ---------------------------------
mkdir -p "$work/bin"
cat >"$work/bin/vic-machine-linux" <<'F'
#!/bin/sh
if [ "$1" = version ]; then
	printf 'vic-machine-linux version v1.5.8-0-abcdef0\n'
	exit 0
fi
printf 'Dec 05 2026 10:00:00.000Z INFO  title \033]0;pwned\007 clear \033[2J\033[H\n'
printf 'Dec 05 2026 10:00:00.000Z INFO  cr \rID=forged c1 \302\233 bidi \342\200\256x\n'
printf 'Dec 05 2026 10:00:00.000Z ERROR bad byte \377 end\n'
exit 1
F
chmod 755 "$work/bin/vic-machine-linux"
dplan=$work/deploy.yaml
# the simulator has the marker names (XML cannot carry ESC): the fake brings the escapes
sed -e "s|https://vc.example.com|$VCSIM_URL|" -e 's|administrator@vsphere.local|admin|' \
	-e "s|AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01|$VCSIM_THUMBPRINT_SHA1|" \
	-e 's|osc\\e]0;pwned\\ax|osc@ESC@]0;pwned@BEL@x|' -e 's|clr\\e\[2J\\e\[H|cr\\rID=forged|' \
	"$plan" >"$dplan"
PATH="$work/bin:$PATH" VCHNET_PASSWORD=$PW "$VCHNET" deploy "$dplan" --dry-run \
	--log "$work/dry.log" >"$work/dry.out" 2>&1
clean_bytes "$work/dry.out" "deploy --dry-run: no raw control"
PATH="$work/bin:$PATH" VCHNET_PASSWORD=$PW "$VCHNET" deploy "$dplan" --yes \
	--log "$work/deploy.log" >"$work/deploy.out" 2>&1
like "$(cat "$work/deploy.out")" 'title \\e\]0;pwned\\a clear \\e\[2J\\e\[H' \
	"deploy: vic-machine's escapes are relayed as text"
clean_bytes "$work/deploy.out" "deploy: no raw control in what it relays and reports"
no_forged "$work/deploy.out" "deploy: no forged line"
clean_bytes "$work/deploy.log" "deploy: no raw control in the log"

# --- plain mode, fed by a script --------------------------------------------------------
for i in $(seq 1 60); do echo; done >"$work/answers"
(cd "$work" && "$VCHNET" wizard --plain --inventory "$snap" "$plan" <"$work/answers" \
	>"$work/plain.out" 2>&1)
clean_bytes "$work/plain.out" "wizard --plain: no raw control in lists, prompts and messages"
like "$(cat "$work/plain.out")" 'osc\\e\]0;pwned\\ax' "wizard --plain: the names are listed escaped"
no_forged "$work/plain.out" "wizard --plain: no forged line"
# a new plan from the snapshot: the network lists, with every hostile name in them
mkdir -p "$work/new"
(cd "$work/new" && "$VCHNET" wizard --plain --inventory "$snap" <"$work/answers" \
	>"$work/plain-new.out" 2>&1)
clean_bytes "$work/plain-new.out" "wizard --plain, a new plan: no raw control in the network lists"
like "$(cat "$work/plain-new.out")" '[0-9]+\)   lf\\nkind=forged id=x \(distributed' \
	"wizard --plain: a LF in a listed name is shown as \\n"
no_forged "$work/plain-new.out" "wizard --plain, a new plan: no forged line"

tap_done
