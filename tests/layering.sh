#!/bin/sh
# The layering rules of the house, checked on every make check:
#   the core (src/) never includes curses; the faces (ui/, screens/, plain/) never include
#   libcurl, libxml2, OpenSSL or libyaml (they go through the core);
#   each folder of the core sees only itself and the folders below it (HACKING, "Layers").
# Two checks: a scan of the sources, and the compiler with the build's own include paths,
# which must refuse a forbidden include (build-aux/forbid/) or not find a higher header.
# With an argument, the scan checks that tree instead (used by the test of this test).
. "$top_srcdir/tests/lib/tap.sh"

layering_check() { # ROOT -> prints offending "file: include" lines
	root=$1
	grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](n?curses\.h|ncursesw/|ncurses/|panel\.h|menu\.h|form\.h|term\.h)' \
		--include='*.c' --include='*.h' "$root/src" 2>/dev/null
	grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](curl/|libxml/|openssl/|yaml\.h)' \
		--include='*.c' --include='*.h' "$root/screens" "$root/plain" "$root/ui" 2>/dev/null
}

# compiles INCLUDE-LINE with FLAGS; prints the compiler's first error
try_compile() { # FLAGS LINE
	printf '%s\nint layering_probe;\n' "$2" > "$scratch/probe.c"
	# shellcheck disable=SC2086 # FLAGS is a word list from the build
	(cd "$top_builddir" && $LAYER_CC $1 -fsyntax-only "$scratch/probe.c" 2>&1) | grep -m1 'error'
}

tap_plan 12

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

out=$(layering_check "$top_srcdir")
is "$out" "" "src/ includes no curses header; ui/, screens/ and plain/ no curl, libxml2, OpenSSL or libyaml header"

# The scan itself must be able to fail: plant violations in a scratch tree.
mkdir -p "$scratch/tree/src/base" "$scratch/tree/screens" "$scratch/tree/plain"
printf '#include <ncursesw/curses.h>\n' > "$scratch/tree/src/base/bad.c"
printf '#include <curl/curl.h>\n' > "$scratch/tree/screens/bad.c"
printf '#include <yaml.h>\n' > "$scratch/tree/plain/bad.c"
printf '#include <termios.h>\n#include <terminfo-free.h>\n' > "$scratch/tree/src/base/fine.c"
out=$(layering_check "$scratch/tree")
like "$out" 'src/base/bad.c:1:.*curses' "a curses include in the core is caught by the scan"
like "$out" 'screens/bad.c:1:.*curl' "a curl include in screens/ is caught by the scan"
like "$out" 'plain/bad.c:1:.*yaml' "a libyaml include in plain/ is caught by the scan"
unlike "$out" 'fine.c' "termios.h and other non-curses headers are not mistaken for curses"

# The compiler, with the include paths the build gives each library.
like "$(try_compile "$LAYER_CORE_FLAGS" '#include <curses.h>')" 'the core never includes curses' \
	"with the core's include path, #include <curses.h> does not compile"
like "$(try_compile "$LAYER_CORE_FLAGS" '#include <ncursesw/curses.h>')" 'the core never includes curses' \
	"with the core's include path, #include <ncursesw/curses.h> does not compile"
like "$(try_compile "$LAYER_FACE_FLAGS" '#include <curl/curl.h>')" 'a face never calls libcurl' \
	"with a face's include path, #include <curl/curl.h> does not compile"
like "$(try_compile "$LAYER_FACE_FLAGS" '#include <libxml/tree.h>')" 'error' \
	"with a face's include path, #include <libxml/tree.h> does not compile"
like "$(try_compile "$LAYER_BASE_FLAGS" '#include "inv.h"')" 'inv.h' \
	"src/base/ cannot include a header of src/vsphere/"
like "$(try_compile "$LAYER_RULES_FLAGS" '#include "precheck.h"')" 'precheck.h' \
	"src/rules/ cannot include a header of src/checks/"
is "$(try_compile "$LAYER_CORE_FLAGS" '#include "wizard.h"
#include "precheck.h"
#include <termios.h>')" "" "the probe compiles when the includes are allowed (the check can pass)"

tap_done
