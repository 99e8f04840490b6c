# wizlib.sh: helpers for the wizard's TUI tests (source after tap.sh, tui.sh, vcsim.sh).
#   wiz_home                 makes a private HOME/XDG_CONFIG_HOME/work dir in $wiz_dir
#   wiz_start [tui_start options] [-- vchnet wizard args...]
#                            starts "vchnet wizard" with that home, in $wiz_dir
#   wiz_login [PASS]         fills the Connect step from VCSIM_* and presses Enter
#   wiz_connect [PASS]       wiz_login, accepts the certificate once, waits for Scope
#   wiz_next                 F10 as a user taking what a step offers: where a network
#                            step has no choice yet (bridge, public), Enter first
#                            chooses the row under the cursor (the suggestion, else
#                            the first usable port group), since browsing never does
#   wiz_to_review            wiz_next step by step until the review step shows

wiz_home() {
	wiz_dir=$(mktemp -d "${TMPDIR:-/tmp}/vchnet-tui.XXXXXX")
	mkdir -p "$wiz_dir/home" "$wiz_dir/config" "$wiz_dir/work"
	tui_cleanup_extra='rm -rf "$wiz_dir"'
}

wiz_start() {
	local opts=""
	# a state directory per start: drafts of an earlier session are not offered
	wiz_n=$(( ${wiz_n:-0} + 1 ))
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		opts="$opts $(printf '%q' "$1")"
		shift
	done
	[ "${1:-}" = -- ] && shift
	eval "tui_start -c \"\$wiz_dir/work\" -e HOME=\"\$wiz_dir/home\" -e XDG_CONFIG_HOME=\"\$wiz_dir/config\" -e XDG_STATE_HOME=\"\$wiz_dir/state-\$wiz_n\" $opts -- \"\$VCHNET\" wizard \"\$@\""
}

wiz_login() {
	tui_wait "Connect to vCenter" || return 1
	tui_type "$VCSIM_HOSTPORT"
	tui_keys Tab
	tui_type "$VCSIM_USERNAME"
	tui_keys Tab
	tui_type "${1:-$VCSIM_PASSWORD}"
	tui_keys Enter
}

wiz_connect() {
	wiz_login "$@" || return 1
	tui_wait "Untrusted certificate" || return 1
	tui_keys Right Enter
	tui_wait "Scope: where the VCH runs"
}

wiz_next() {
	case $(tui_capture) in
	*"Chosen: none yet"*) tui_keys Enter ;;
	esac
	tui_keys F10
}

# A step busy with a check may swallow an F10: one that stays is pressed again.
wiz_to_review() {
	local i cur
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do
		cur=$(tui_capture)
		case $cur in *"Review the plan, then save it"*) return 0 ;; esac
		cur=$(printf '%s\n' "$cur" | grep -o 'Step [0-9]* of [0-9]*' | head -1)
		[ -n "$cur" ] || return 1
		wiz_next
		tui_wait_gone "$cur" 5 >/dev/null 2>&1
	done
	return 1
}
