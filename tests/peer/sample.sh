#!/bin/bash
# sample.sh: the differential suite's fixed sample for make check: every plan in
# tests/peer/fixtures and tests/fixtures/plans/good, and some generated ones with a
# fixed seed, judged by vchnet and by the real vic-machine 1.5.8 against the
# simulator (see peer.py). One TAP line per plan; a skip when ../shared/peer is absent.
. "$top_srcdir/tests/peer/peer.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/peer-sample.XXXXXX")
trap 'rm -rf "$work"' EXIT
peer_unpack "$work"
st=$?
if [ $st -eq 77 ]; then
	echo "1..0 # SKIP $peer_missing"
	exit 0
elif [ $st -ne 0 ]; then
	echo "Bail out! $peer_missing"
	exit 1
fi
if ! "${PYTHON:-python3}" -c 'import yaml' 2>/dev/null; then
	echo "1..0 # SKIP python3 and Debian's python3-yaml are needed to read the fixture plans"
	exit 0
fi
peer_vcsim || { echo "Bail out! the simulator did not start"; exit 1; }
PEER_WORK=$work "${PYTHON:-python3}" "$top_srcdir/tests/peer/peer.py" --tap -n "${PEER_SAMPLE_N:-16}" \
	--seed 1205 -j 2 --prefix sample \
	--plans "$top_srcdir"/tests/peer/fixtures/*.yaml "$top_srcdir"/tests/fixtures/plans/good/*.yaml \
	2>"$work/summary"
rc=$?
sed 's/^/# /' "$work/summary"
exit $rc
