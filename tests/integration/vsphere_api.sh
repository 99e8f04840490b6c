#!/bin/sh
# The session API for the other parts (pre-checks, deploy, wizard) against
# tests/vcsim: see tests/integration/vsphere_api.c, which prints the TAP.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/vcsim.sh"

vcsim_start -pg 1 -nsx 0 -username admin -password 'api&pw' ||
	{ echo "Bail out! vcsim did not start"; exit 1; }
logins=$(vcsim_count Login)
VCHNET_URL=$VCSIM_URL VCHNET_USERNAME=admin VCHNET_PASSWORD='api&pw' \
	VCHNET_THUMBPRINT=$VCSIM_THUMBPRINT_SHA256 "$top_builddir/tests/integration/vsphere_api"
rc=$?
# the C part counted its own tests; one more here would break its plan
[ "$(vcsim_count Login)" -ge $((logins + 3)) ] || { echo "# expected three Logins (wrong, right, re-login)"; rc=1; }
exit $rc
