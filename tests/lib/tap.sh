# tap.sh: TAP output for shell tests. Source it, then call the functions below.
#   tap_plan N              announce N test cases (or call tap_done at the end)
#   ok "description" CMD... run CMD; passes when it exits 0
#   tap_ok COND "desc"      pass when COND (a number) is 0
#   is "got" "want" "desc"  compare two strings (shows both on failure)
#   like "text" "regex" "desc"    grep -E the regex in text
#   unlike "text" "regex" "desc"  the regex must not match
#   diag "message"          a comment line
#   tap_done                print the plan if none was given; exit 1 on failures
# Helpers:
#   free_port               prints a free TCP port on 127.0.0.1
#   wait_for_file F SECS    waits until F exists and is not empty

tap_n=0
tap_failed=0
tap_planned=

tap_plan() { tap_planned=$1; echo "1..$1"; }

diag() { printf '# %s\n' "$*" | sed '2,$s/^/# /'; }

tap_result() { # status description
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

tap_ok() { tap_result "$1" "$2"; }

ok() {
	local desc=$1
	shift
	"$@" >/dev/null 2>&1
	tap_result $? "$desc"
}

is() {
	if [ "$1" = "$2" ]; then
		tap_result 0 "$3"
	else
		tap_result 1 "$3"
		diag "got:  $1"
		diag "want: $2"
	fi
}

like() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		tap_result 0 "$3"
	else
		tap_result 1 "$3"
		diag "pattern: $2"
		diag "in: $(printf '%s\n' "$1" | head -40)"
	fi
}

unlike() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		tap_result 1 "$3"
		diag "unexpected pattern: $2"
		diag "in: $(printf '%s\n' "$1" | head -40)"
	else
		tap_result 0 "$3"
	fi
}

tap_done() {
	[ -n "$tap_planned" ] || echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
	exit $?
}

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null ||
		echo $((20000 + RANDOM % 20000))
}

wait_for_file() {
	local f=$1 secs=${2:-30} i=0
	while [ ! -s "$f" ]; do
		i=$((i + 1))
		[ "$i" -gt $((secs * 10)) ] && return 1
		sleep 0.1
	done
}
