#!/bin/bash
# render_script.sh: `vchnet render --output FILE.sh` writes a 0700 #!/bin/sh script
# with set -e that, run with the fake vic-machine (tests/fake), passes it exactly the
# arguments of `vchnet render`'s command and the password only through
# VIC_MACHINE_PASSWORD; and plans with each TLS choice render the right flags.
. "$top_srcdir/tests/lib/tap.sh"

tap_plan 20

good=$top_srcdir/tests/fixtures/plans/good
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/bin"
ln -s "$top_srcdir/tests/fake/vic-machine" "$work/bin/vic-machine-linux"

# full.yaml names /opt/vic/vic-machine-linux; point it at the fake
sed "s|machine: .*|machine: $work/bin/vic-machine-linux|" "$good/full.yaml" >"$work/full.yaml"

"$VCHNET" render --output "$work/create.sh" "$work/full.yaml" >"$work/out" 2>&1
is "$?" 0 "render --output exits 0"
like "$(cat "$work/out")" "wrote $work/create.sh \(mode 0700\)" "it says where it wrote the script"
is "$(stat -c %a "$work/create.sh")" 700 "the script is mode 0700"
is "$(head -1 "$work/create.sh")" "#!/bin/sh" "it starts with #!/bin/sh"
is "$(grep -c -x 'set -e' "$work/create.sh")" 1 "it has set -e"
unlike "$(cat "$work/create.sh")" "secret-pw|--password|--force" "no password, no --force"
# after the command's first line every line but the last ends in " \"
body=$(sed -n '/ create \\$/,$p' "$work/create.sh")
is "$(printf '%s\n' "$body" | sed '$d' | grep -c -v ' \\$')" 0 "one argument per line, each ending in ' \\'"

# the argv vic-machine gets from the script ...
VIC_MACHINE_PASSWORD=secret-pw FAKE_VIC_ARGV_FILE="$work/script.argv" FAKE_VIC_ENV_FILE="$work/script.env" \
	"$work/create.sh" >/dev/null 2>&1
is "$?" 0 "the script runs the fake vic-machine to success"
# ... is exactly the argv of `vchnet render`'s command, run by the shell
"$VCHNET" render "$work/full.yaml" >"$work/cmd.sh"
FAKE_VIC_ARGV_FILE="$work/render.argv" sh "$work/cmd.sh" >/dev/null 2>&1
is "$(cat "$work/script.argv")" "$(cat "$work/render.argv")" "the script passes exactly the argv of vchnet render"
is "$(sed -n '1p;2p' "$work/script.argv" | tr '\n' ' ')" "create --target " "it starts with create --target"
is "$(grep -A1 -x -- --public-network "$work/script.argv" | tail -1)" "VM Network" \
	"a port group with a space stays one argument"
is "$(grep -c . "$work/script.argv")" "$(grep -c . "$work/render.argv")" "same number of arguments"
like "$(cat "$work/script.env")" "VIC_MACHINE_PASSWORD=secret-pw" "the password reaches vic-machine in its environment"

# a failing vic-machine makes the script fail (set -e; the command's status)
FAKE_VIC_FAIL=validate "$work/create.sh" >/dev/null 2>&1
is "$?" 1 "a failing vic-machine fails the script"

# a plan with errors gets no script
"$VCHNET" render --output "$work/bad.sh" "$good/minimal.yaml" >/dev/null 2>&1
is "$?" 1 "a plan with errors exits 1"
ok "and no script is written" test ! -e "$work/bad.sh"

# each TLS choice renders its flags
tls() { # mode cname -> the TLS arguments of the command, space separated
	sed '/^tls:/,/^[a-z]/{/^tls:/d;/^  /d}' "$good/vcsim.yaml" >"$work/tls.yaml"
	printf 'tls:\n  mode: %s\n' "$1" >>"$work/tls.yaml"
	[ -n "$2" ] && printf '  cname: %s\n' "$2" >>"$work/tls.yaml"
	"$VCHNET" render "$work/tls.yaml" 2>&1 | grep -E -o -- '--(no-tls|no-tlsverify|tls-cname)( [^ \\]+)?|error: .*' | tr '\n' ' '
}
is "$(tls tlsverify vch.example.com)" "--tls-cname vch.example.com " "tlsverify: no disabling flag, --tls-cname"
like "$(tls tlsverify '')" "error: .*tls.cname" "tlsverify without a name (DHCP) is an error"
is "$(tls no-tlsverify '')" "--no-tlsverify " "no-tlsverify: --no-tlsverify"
is "$(tls no-tls '')" "--no-tls " "no-tls: --no-tls"
