#!/bin/bash
# hostile_names.sh (TUI): in a real terminal (tmux), names holding an OSC title sequence,
# a CSI screen clear, CR, LF, U+009B, U+202E and CJK neither set the pane title nor clear
# the screen: not from "vchnet check" or "vchnet inventory" (the CLI), not from the
# wizard, whose Layout step shows them escaped in a box that stays aligned, and whose
# --log holds no raw control byte.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/plans.sh"
. "$top_srcdir/tests/lib/tui.sh"
. "$top_srcdir/tests/lib/vcsim.sh"
. "$top_srcdir/tests/tui/wizlib.sh"

tap_plan 18
wiz_home
LF='
'
vcsim_start -username admin -password 'S3cret!' -host 2 -pg 1 \
	-pg-name 'osc@ESC@]0;pwned@BEL@x' -pg-name 'clr@ESC@[2J@ESC@[H' \
	-pg-name "lf${LF}kind=forged" -pg-name "c1$(printf '\302\233')2J" \
	-pg-name "bidi$(printf '\342\200\256')gpj.exe" -pg-name '生产网络-公共' ||
	{ echo "Bail out! the simulator did not start"; exit 1; }
VCHNET_PASSWORD='S3cret!' "$VCHNET" inventory --url "$VCSIM_URL" --username admin \
	--thumbprint "$VCSIM_THUMBPRINT_SHA256" --save "$wiz_dir/live.yaml" 2>/dev/null ||
	{ echo "Bail out! no snapshot"; exit 1; }
# XML cannot carry ESC: the markers become escapes in the snapshot
snap=$wiz_dir/snap.yaml
sed -e 's/@ESC@/\\e/g' -e 's/@BEL@/\\a/g' "$wiz_dir/live.yaml" >"$snap"

# The networks of the plans below (YAML double-quoted): bridge BRIDGE, the hostile
# public, client and management port groups, then the container networks' port groups
# with the aliases backend, front.
hostile_nets() { # BRIDGE CONTAINER...
	local alias
	cat <<P
  bridge:
    portGroup: "$1"
  public:
    portGroup: "生产网络-公共"
  client:
    portGroup: "bidi\\u202Egpj.exe"
  management:
    portGroup: "c1\\x9B2J"
  container:
P
	shift
	for alias in backend front; do
		[ $# -gt 0 ] || break
		printf '    - portGroup: "%s"\n      alias: %s\n' "$1" "$alias"
		shift
	done
}
plan=$wiz_dir/work/hostile.yaml
{
	plan_head name=vch-hostile vic='version: "1.5"' url="$VCSIM_URL" user=admin
	hostile_nets 'lf\nkind=forged' 'osc\e]0;pwned\ax' 'clr\e[2J\e[H'
} >"$plan"
missing=$wiz_dir/work/missing.yaml
sed -e 's/portGroup: "lf\\nkind=forged"/portGroup: "nope\\e]0;pwned\\a\\e[2J"/' "$plan" >"$missing"

pane() { tui_tmux display-message -p -t tui "$1"; }

# --- the CLI in a terminal ------------------------------------------------------------
tui_start -- sh -c 'echo BEFORE-THE-COMMAND; "$0" check --inventory "$1" "$2"; "$0" inventory \
	--inventory "$1"; "$0" layout "$3"; echo AFTER-THE-COMMAND' "$VCHNET" "$snap" "$missing" "$plan"
tui_wait AFTER-THE-COMMAND; tap_ok $? "check, inventory and layout ran in the terminal"
unlike "$(pane '#{pane_title}')" "pwned|owned" "the CLI did not set the pane title"
screen=$(tui_capture_all)
like "$screen" "BEFORE-THE-COMMAND" "the CLI did not clear the screen"
like "$screen" 'nope\\e\]0;pwned\\a\\e\[2J' "check shows the missing name escaped"

# --- the wizard -----------------------------------------------------------------------
# Writes a plan for the simulator (URL, user and thumbprint: sign-in needs the password
# only) with these bridge and container port groups (YAML double-quoted).
wiz_plan() { # FILE BRIDGE CONTAINER
	{
		plan_head name=vch-hostile vic='version: "1.5"' url="$VCSIM_HOSTPORT" user=admin \
			thumbprint="$VCSIM_THUMBPRINT_SHA1"
		hostile_nets "$2" "$3"
	} >"$1"
}
sign_in() {
	tui_wait "Connect to vCenter" || return 1
	tui_type 'S3cret!'
	tui_keys Enter
}
log=$wiz_dir/wizard.log
# the simulator's names (XML cannot carry ESC: the second plan brings it)
wiz_plan "$wiz_dir/work/live.yaml" 'lf\nkind=forged' 'osc@ESC@]0;pwned@BEL@x'
wiz_start -y 40 -- --log "$log" live.yaml
sign_in
tui_wait "NIC layout of vch-hostile"; tap_ok $? "the wizard resumes the plan at the Layout step"
screen=$(tui_capture)
like "$screen" 'lf\\nkind=forged' "the Layout step shows a LF in a name as \\n"
like "$screen" 'bidi\\u202egpj\.exe' "and U+202E as \\u202e"
like "$screen" 'c1\\x9b2J' "and U+009B as \\x9b"
like "$screen" '生产网络-公共' "CJK names are shown as they are"
# the drawing right of the step list: the VCH box's right edge (the networks' names follow
# it on the same line) and the container box's are each in one column, CJK counted double
edges=$(printf '%s\n' "$screen" | {
	part=0 vch="" ctr="" nv=0 nc=0
	while IFS= read -r l; do
		case $l in *"│  "*) l=${l#*│  } ;; *) continue ;; esac
		l=${l%"${l##*[! ]}"}
		case $part,$l in 0,┌*) part=1 ;; esac
		if [ "$part" = 1 ]; then
			p=${l#?}; p=${p%%[┐│├┘]*}
			vch="$vch $(( $(printf '%s\n' "$p" | wc -L) + 1 ))"; nv=$((nv + 1))
			case $l in └*) part=2 ;; esac
		elif [ "$part" = 2 ]; then
			case $l in "    "[┌│└]*[┐│┘])
				ctr="$ctr $(printf '%s\n' "$l" | wc -L)"; nc=$((nc + 1)) ;;
			esac
		fi
	done
	vch=$(printf '%s\n' $vch | sort -u | tr '\n' ' ')
	ctr=$(printf '%s\n' $ctr | sort -u | tr '\n' ' ')
	[ "$nv" -ge 3 ] && [ "$(echo $vch | wc -w)" = 1 ] && echo "VCH box edge in one column" ||
		echo "VCH box ($nv lines) edge at columns: $vch"
	[ "$nc" -ge 3 ] && [ "$(echo $ctr | wc -w)" = 1 ] && echo "container box edge in one column" ||
		echo "container box ($nc lines) edge at columns: $ctr"
})
is "$edges" "$(printf '%s\n' "VCH box edge in one column" "container box edge in one column")" \
	"the Layout box's right border is in one column"
unlike "$(pane '#{pane_title}')" "pwned|owned" "the wizard did not set the pane title"
tui_keys q   # nothing changed since the plan was opened: no question
is "$(tui_wait_exit)" 0 "the wizard ends"

# a port group with escapes that the inventory does not have: the wizard names it
wiz_plan "$wiz_dir/work/esc.yaml" 'nope\e]0;pwned\a\e[2J' 'osc@ESC@]0;pwned@BEL@x'
wiz_start -- --log "$log" esc.yaml
sign_in
tui_wait 'nope\e]0;pwned\a\e[2J'; tap_ok $? "the wizard shows a name with escapes as text"
unlike "$(pane '#{pane_title}')" "pwned|owned" "and the pane title is unchanged"
like "$(tui_capture)" "Steps" "the screen is intact"
tui_keys q
tui_wait_exit >/dev/null

ok "--log was written" test -s "$log"
bad=$(LC_ALL=C grep -naP '[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\x8e\x8f\xa8-\xae]|\xe2\x81[\xa6-\xa9]' "$log" | head -3 | cat -A)
tap_ok "$([ -z "$bad" ]; echo $?)" "--log holds no raw control byte"
[ -z "$bad" ] || diag "$bad"
ok "--log has no forged entry" bash -c '! grep -q "^kind=forged" "$1"' _ "$log"

tap_done
