#!/bin/bash
# peer.sh: run the differential suite (tests/peer/peer.py) against the project's
# simulator and the real vic-machine 1.5.8 from $top_srcdir/../shared/peer.
#
#   peer.sh [PEER.PY OPTIONS...]       e.g. -n 1000 --seed 42 --results RESULTS.md
#
# Needs $VCHNET and $VCSIM (set by make), python3. Exits 77 (skip) with a message
# when the vic-machine archive is absent, 99 when it does not match its checksum.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/vcsim.sh"

# The source tree's parent holds shared/; a worktree under wt/ has it one level higher.
if [ -z "${PEER_DIR:-}" ]; then
	PEER_DIR=$top_srcdir/../shared/peer
	[ -d "$PEER_DIR" ] || [ ! -d "$top_srcdir/../../shared/peer" ] || PEER_DIR=$top_srcdir/../../shared/peer
fi
PEER_SHA256=8e15bc13b55980cea98efcd17b00741cdcec72b4326352596e6e8478c9befe57
PYTHON=${PYTHON:-python3}

peer_unpack() { # DIR: unpack vic-machine-linux into DIR; sets VIC_MACHINE
	local gz=$PEER_DIR/vic-machine-linux.gz
	if [ ! -r "$gz" ]; then
		peer_missing="the real vic-machine is not at $gz (see ../shared/peer/README.md)"
		return 77
	fi
	if ! printf '%s  %s\n' "$PEER_SHA256" "$gz" | sha256sum -c --status; then
		peer_missing="$gz does not have the sha256 given in its README"
		return 99
	fi
	gzip -dc "$gz" >"$1/vic-machine-linux" && chmod +x "$1/vic-machine-linux" || return 99
	VIC_MACHINE=$1/vic-machine-linux
	export VIC_MACHINE
}

# The simulator's inventory as the generator knows it: the defaults plus port
# groups whose names hold the finder's metacharacters and other odd characters.
peer_vcsim() {
	vcsim_start -scenario allow-all -pg-name 'lit*star' -pg-name 'sp ace' -pg-name 'q?mark' \
		-pg-name 'br[ack]et' -pg-name 'back\slash' -pg-name 'dot.name' -pg-name 'web & db' &&
	export VCSIM_URL VCSIM_HOSTPORT VCSIM_USERNAME VCSIM_PASSWORD VCSIM_THUMBPRINT_SHA1 \
		VCSIM_THUMBPRINT_SHA256
}

if [ "${0##*/}" = peer.sh ]; then
	work=$(mktemp -d "${TMPDIR:-/tmp}/peer.XXXXXX")
	trap 'rm -rf "$work"' EXIT
	peer_unpack "$work"
	st=$?
	if [ $st -ne 0 ]; then
		echo "peer-check: $peer_missing" >&2
		exit $st
	fi
	peer_vcsim || { echo "peer-check: the simulator did not start" >&2; exit 99; }
	PEER_WORK=$work "$PYTHON" "$top_srcdir/tests/peer/peer.py" "$@"
fi
