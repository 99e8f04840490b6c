# tui.sh: drive a full-screen program in a private tmux server, for TUI tests.
# Source tests/lib/tap.sh first, then this file.
#
#   tui_start [-x COLS] [-y LINES] [-t TERM] [-l LANG] [-e VAR=VALUE]... -- CMD ARGS...
#                         start CMD in a new detached session of a private server
#                         (tmux -L <unique> -f /dev/null), fixed size (default 80x24),
#                         explicit TERM (default xterm-256color) and LANG (C.UTF-8);
#                         -e adds an environment variable (NO_COLOR=1, ...);
#                         -c DIR runs it in DIR (default: the current directory)
#   tui_keys KEY...       tmux send-keys (names like Tab BTab Enter Escape F10 C-n Up)
#   tui_type TEXT         types TEXT literally
#   tui_capture           prints the screen as text (capture-pane -p)
#   tui_capture_all       the same with the scrollback, wrapped lines joined
#   tui_wait TEXT [SECS]  polls the screen until TEXT (fixed string) appears and the
#                         screen has settled (tui_settle); 1 on timeout (default
#                         TUI_TIMEOUT=20 s), then the screen goes to the TAP log
#   tui_settle            polls until two captures 0.1 s apart are equal (at most 5 s)
#   tui_wait_gone TEXT [SECS]   the same, until TEXT is gone
#   tui_resize COLS LINES resizes the window (the program gets SIGWINCH)
#   tui_exited            0 when the program has ended (the pane is dead)
#   tui_wait_exit [SECS]  waits for the program to end; prints its exit status (or
#                         "signal N" when a signal killed it)
#   tui_golden [-e] NAME DESC  compares the screen with tests/tui/golden/NAME.txt and
#                         emits a TAP result; -e includes attributes and colours as
#                         escape sequences; VCHNET_REGEN_GOLDEN=1 rewrites the file
#   tui_stop              kills the server (also done on exit by a trap)
#
# The server is killed on exit, INT and TERM, whatever happened. No fixed sleeps: every
# wait polls the screen every 0.1 s up to a deadline.

: "${TMUX_BIN:=tmux}"
: "${TUI_TIMEOUT:=20}"
tui_sock_base="vchnet-tui-$$-${RANDOM:-0}"
tui_sock_n=0
tui_sock="$tui_sock_base-0"
tui_started=

tui_tmux() { "$TMUX_BIN" -L "$tui_sock" -f /dev/null "$@"; }

tui_stop() {
	[ -n "$tui_started" ] || return 0
	tui_tmux kill-server >/dev/null 2>&1
	tui_started=
	return 0
}

tui_cleanup() { tui_stop; [ -n "${tui_cleanup_extra:-}" ] && eval "$tui_cleanup_extra"; return 0; }
trap 'tui_cleanup' EXIT
trap 'tui_cleanup; exit 130' INT
trap 'tui_cleanup; exit 143' TERM

tui_start() {
	local cols=80 rows=24 term=xterm-256color lang=C.UTF-8 envs="" cmd q dir=$PWD
	while [ $# -gt 0 ]; do
		case $1 in
		-c) dir=$2; shift 2 ;;
		-x) cols=$2; shift 2 ;;
		-y) rows=$2; shift 2 ;;
		-t) term=$2; shift 2 ;;
		-l) lang=$2; shift 2 ;;
		-e) envs="$envs $(printf '%q' "$2")"; shift 2 ;;
		--) shift; break ;;
		*) break ;;
		esac
	done
	tui_stop
	# a fresh server per start: a stopping server must not take the new one's socket
	tui_sock_n=$((tui_sock_n + 1))
	tui_sock="$tui_sock_base-$tui_sock_n"
	cmd=
	for q in "$@"; do cmd="$cmd $(printf '%q' "$q")"; done
	# env -i keeps the host's TERM, locale and colour settings out of the test; the pane
	# stays after the program ends so that its last screen and exit status can be read.
	# options go in with the session, in one command, so that a program that ends at
	# once (a refused TERM) still leaves its pane behind
	tui_tmux start-server \; set-option -g remain-on-exit on \; set-option -g status off \; \
		set-option -g exit-empty off \; new-session -d -x "$cols" -y "$rows" -s tui -c "$dir" \
		"exec env -i PATH=\"$PATH\" HOME=\"${HOME:-/tmp}\" TERM=$term LANG=$lang LC_ALL=$lang $envs $cmd" \
		|| return 1
	tui_started=1
	tui_tmux set-window-option -t tui window-size manual >/dev/null 2>&1
	tui_tmux resize-window -t tui -x "$cols" -y "$rows" >/dev/null 2>&1
	return 0
}

tui_keys() { tui_tmux send-keys -t tui "$@"; }
tui_type() { tui_tmux send-keys -t tui -l -- "$1"; }
tui_capture() { tui_tmux capture-pane -t tui -p; }
tui_capture_all() { tui_tmux capture-pane -t tui -p -J -S -; }

tui__wait() { # want_present text secs
	local want=$1 text=$2 secs=${3:-$TUI_TIMEOUT} i=0 max
	max=$((secs * 10))
	while :; do
		if tui_capture 2>/dev/null | grep -qF -- "$text"; then
			[ "$want" = 1 ] && return 0
		else
			[ "$want" = 0 ] && return 0
		fi
		i=$((i + 1))
		if [ "$i" -ge "$max" ]; then
			diag "timed out after ${secs}s waiting for '$text' to $([ "$want" = 1 ] && echo appear || echo go); screen:"
			diag "$(tui_capture 2>&1)"
			return 1
		fi
		sleep 0.1
	done
}

# Polls until two captures 0.1 s apart are the same: the program has finished drawing
# (a capture taken while a screen is being written shows part of it).
tui_settle() {
	local a b i=0
	a=$(tui_capture 2>/dev/null)
	while [ "$i" -lt 50 ]; do
		sleep 0.1
		b=$(tui_capture 2>/dev/null)
		[ "$a" = "$b" ] && return 0
		a=$b
		i=$((i + 1))
	done
	return 0
}

tui_wait() { tui__wait 1 "$1" "${2:-}" && tui_settle; }
tui_wait_gone() { tui__wait 0 "$1" "${2:-}"; }

tui_resize() { tui_tmux resize-window -t tui -x "$1" -y "$2"; }

tui_exited() { [ "$(tui_tmux display-message -p -t tui '#{pane_dead}' 2>/dev/null)" = 1 ]; }

tui_wait_exit() {
	local secs=${1:-$TUI_TIMEOUT} i=0 st server
	server=$(tui_tmux display-message -p '#{pid}' 2>/dev/null)
	# the pane can be dead (terminal closed) a moment before tmux has reaped the
	# process and knows its status: wait for the status (or the signal) too
	while :; do
		if tui_exited; then
			st=$(tui_tmux display-message -p -t tui '#{pane_dead_status}#{?pane_dead_signal,signal #{pane_dead_signal},}')
			[ -n "$st" ] && break
		fi
		# tmux 3.3a sometimes leaves an exited program unreaped for half a minute
		# (its SIGCHLD lost); another SIGCHLD makes it reap now, and is harmless
		[ $((i % 10)) -eq 9 ] && [ -n "$server" ] && kill -CHLD "$server" 2>/dev/null
		i=$((i + 1))
		if [ "$i" -ge $((secs * 10)) ]; then
			diag "timed out after ${secs}s waiting for the program to end"
			return 1
		fi
		sleep 0.1
	done
	printf '%s\n' "$st"
}

tui_golden() {
	local name file dir got esc=
	if [ "$1" = -e ]; then esc=1; shift; fi
	name=$1
	local desc=$2
	dir="$top_srcdir/tests/tui/golden"
	file="$dir/$name.txt"
	if [ -n "$esc" ]; then
		got=$(tui_tmux capture-pane -t tui -p -e)
	else
		got=$(tui_capture)
	fi
	if [ "${VCHNET_REGEN_GOLDEN:-}" = 1 ]; then
		mkdir -p "$dir"
		printf '%s\n' "$got" >"$file"
		tap_ok 0 "$desc (golden $name regenerated)"
		return 0
	fi
	if [ ! -f "$file" ]; then
		tap_ok 1 "$desc (golden $name missing; run with VCHNET_REGEN_GOLDEN=1)"
		return 1
	fi
	if printf '%s\n' "$got" | diff -u "$file" - >/dev/null 2>&1; then
		tap_ok 0 "$desc"
	else
		tap_ok 1 "$desc"
		diag "$(printf '%s\n' "$got" | diff -u "$file" - 2>&1 | head -60)"
		return 1
	fi
}
