#!/bin/sh
# open_runs_nothing.sh: opening a plan never executes what it names. A plan whose
# vic.machine is a script that writes a marker file is opened with "vchnet wizard
# PLAN", on the screens (tmux) and in plain mode, signed in and taken to the Review
# step: the marker never appears (the scope step used to run "<machine> version"
# right after sign-in). Drafts that are not ours alone are not offered: one in a
# directory every user may write to, one owned by another user.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/plans.sh"
. "$top_srcdir/tests/lib/tui.sh"
. "$top_srcdir/tests/lib/vcsim.sh"
. "$top_srcdir/tests/tui/wizlib.sh"
# plain mode wraps its lines at words to $COLUMNS: the sentences asserted here are
# matched whole (tests/unit/test_plain checks the wrapping)
COLUMNS=1000; export COLUMNS

tap_plan 20
wiz_home
PASS='Open-N0thing-pw'
vcsim_start -scenario allow-all -username admin@vsphere.local -password "$PASS" ||
	{ echo "Bail out! the simulator did not start"; exit 1; }
marker=$wiz_dir/MARKER
mkdir -p "$wiz_dir/work/tools" "$wiz_dir/bin"
# the plan's program, and one on PATH: either running leaves the marker
for f in "$wiz_dir/work/tools/vic-machine-linux" "$wiz_dir/bin/vic-machine-linux"; do
	printf '#!/bin/sh\necho "%s $*" >>"%s"\necho "vic-machine-linux version v1.5.8-1-abc"\n' \
		"$f" "$marker" >"$f"
	chmod 755 "$f"
done
plan_vcsim "$wiz_dir/work/plan.yaml" name=vch-open vic='machine: tools/vic-machine-linux' \
	user=admin@vsphere.local

# the screens
wiz_start -x 100 -y 30 -e "PATH=$wiz_dir/bin:$PATH" -e "VCHNET_PASSWORD=$PASS" -- plan.yaml
tui_wait "Connect to vCenter"; tap_ok $? "curses: the wizard opens the plan"
tui_keys Enter
tui_wait_gone "Connect to vCenter"; tap_ok $? "curses: signed in"
# a loaded plan walks on through the scope step (where the version was read)
tui_wait "Resumed plan.yaml"
ok "curses: signing in and passing the scope step ran nothing" test ! -e "$marker"
wiz_to_review; tap_ok $? "curses: the plan is taken to the review step"
ok "curses: the review step was reached without running the plan's program" test ! -e "$marker"
tui_keys q
tui_wait_exit >/dev/null

# plain mode, the same plan: empty answers keep the plan's choices up to the review
answers() {
	printf '%s\n' "" ""
	for i in $(seq 1 40); do echo; done
}
out=$(cd "$wiz_dir/work" && answers | env PATH="$wiz_dir/bin:$PATH" VCHNET_PASSWORD="$PASS" \
	XDG_STATE_HOME="$wiz_dir/pstate" XDG_CONFIG_HOME="$wiz_dir/config" HOME="$wiz_dir/home" \
	"$VCHNET" wizard --plain plan.yaml 2>&1)
like "$out" "Connected to 127\.0\.0\.1" "plain: signed in"
like "$out" "== Step [0-9]* of [0-9]*: Review and save ==" "plain: the plan is taken to the review step"
ok "plain: nothing ran on the way" test ! -e "$marker"
[ -e "$marker" ] && diag "marker: $(cat "$marker")"

# drafts that are not ours alone are not offered
state=$wiz_dir/dstate
drafts=$state/vchnet/drafts
mkdir -p "$drafts"
chmod 700 "$drafts"
{ printf '# draft-step: public\n# draft-plan-path: %s/elsewhere.yaml\n' "$wiz_dir"
  cat "$wiz_dir/work/plan.yaml"; } >"$drafts/draft-20261201T000000Z-1.yaml"
chmod 600 "$drafts/draft-20261201T000000Z-1.yaml"
offer() {
	printf 'k\n' | env XDG_STATE_HOME="$state" XDG_CONFIG_HOME="$wiz_dir/config" \
		HOME="$wiz_dir/home" "$VCHNET" wizard --plain 2>&1 | head -5
}
like "$(offer)" "An unfinished wizard session was saved: VCH \"vch-open\"" "a draft of ours is offered"
chmod 777 "$drafts"
out=$(offer)
like "$out" "Warning: drafts in $drafts are not offered: the drafts directory $drafts is writable by every user.*run: chmod go-w $drafts" \
	"a draft in a directory every user may write to is not offered, and the warning says why and what to run"
unlike "$out" "unfinished wizard session" "... nor resumed"
chmod 700 "$drafts"
chown 4242:4242 "$drafts/draft-20261201T000000Z-1.yaml"
out=$(offer)
like "$out" "Warning: a draft in $drafts is not offered: the file .*draft-20261201T000000Z-1.yaml belongs to another user \(uid 4242\)" \
	"a draft owned by another user is not offered"
unlike "$out" "unfinished wizard session" "... nor resumed"

# a draft that cannot be written when the wizard is interrupted: the terminal says so
bad=$wiz_dir/badstate
mkdir -p "$bad/vchnet/drafts"
chmod 770 "$bad/vchnet/drafts"
wiz_start -x 100 -y 30 -e "VCHNET_PASSWORD=$PASS" -e "XDG_STATE_HOME=$bad" -- plan.yaml
tui_wait "Connect to vCenter"
tui_keys Enter
tui_wait "Resumed plan.yaml"
tui_keys C-c
is "$(tui_wait_exit)" "130" "curses: Ctrl-C ends the wizard"
like "$(tui_capture_all)" "interrupted; your choices are lost: cannot save the draft: the drafts directory $bad/vchnet/drafts is writable by its group" \
	"curses: the draft that could not be written is reported with the reason"
out=$(cd "$wiz_dir/work" && printf '%s\n' "$VCSIM_HOSTPORT" admin@vsphere.local o "" | \
	env VCHNET_PASSWORD="$PASS" XDG_STATE_HOME="$bad" XDG_CONFIG_HOME="$wiz_dir/config" \
	HOME="$wiz_dir/home" "$VCHNET" wizard --plain 2>&1)
like "$out" "Input ended before the plan was saved; your choices are lost: cannot save" \
	"plain: the end of input says the draft could not be written"
like "$out" "Warning: cannot save the draft: the drafts directory $bad/vchnet/drafts is writable by its group" \
	"plain: ... and why"

# a known-hosts file others may write pins nothing
kh=$wiz_dir/kh/known_hosts
mkdir -p "$wiz_dir/kh"
chmod 700 "$wiz_dir/kh"
printf '%s %s\n' "$VCSIM_HOSTPORT" "$VCSIM_THUMBPRINT_SHA256" >"$kh"
chmod 600 "$kh"
inv() { VCHNET_PASSWORD=$PASS "$VCHNET" inventory --url "$VCSIM_URL" --username admin@vsphere.local \
	--known-hosts "$kh" >/dev/null 2>"$wiz_dir/inv.err"; }
inv; is "$?" 0 "a known-hosts file of ours pins the server"
chmod 666 "$kh"
inv; is "$?" 60 "a world-writable known-hosts file pins nothing (exit 60)"
like "$(cat "$wiz_dir/inv.err")" "warning: the known-hosts file $kh is not used: the file .* is writable by every user, so anyone there may have changed it; run: chmod go-w" \
	"and the warning says why and what to run"
tap_done
