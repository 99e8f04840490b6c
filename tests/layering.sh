#!/bin/sh
# The layering rules of the house, checked on every make check:
#   src/ (the core) never includes curses;
#   screens/ never includes libcurl or libxml2 (they go through src/).
# With an argument, checks that tree instead (used by the test of this test).
. "$top_srcdir/tests/lib/tap.sh"

layering_check() { # ROOT -> prints offending "file: include" lines
	root=$1
	grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](n?curses\.h|ncursesw/|ncurses/|panel\.h|menu\.h|form\.h|term\.h)' \
		--include='*.c' --include='*.h' "$root/src" 2>/dev/null
	grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](curl/|libxml/|openssl/)' \
		--include='*.c' --include='*.h' "$root/screens" 2>/dev/null
}

tap_plan 4

out=$(layering_check "$top_srcdir")
is "$out" "" "src/ includes no curses header and screens/ no curl, libxml2 or OpenSSL header"

# The check itself must be able to fail: plant a violation in a scratch tree.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/src" "$scratch/screens"
printf '#include <ncursesw/curses.h>\n' > "$scratch/src/bad.c"
printf '#include <curl/curl.h>\n' > "$scratch/screens/bad.c"
printf '#include <termios.h>\n#include <terminfo-free.h>\n' > "$scratch/src/fine.c"
out=$(layering_check "$scratch")
like "$out" 'src/bad.c:1:.*curses' "a curses include in src/ is caught"
like "$out" 'screens/bad.c:1:.*curl' "a curl include in screens/ is caught"
unlike "$out" 'fine.c' "termios.h and other non-curses headers are not mistaken for curses"

tap_done
