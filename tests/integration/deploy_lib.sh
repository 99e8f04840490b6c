# deploy_lib.sh: shared setup of the deploy tests. Source after tap.sh and vcsim.sh
# (it sources tests/lib/plans.sh).
#   deploy_setup [VCSIM FLAGS...]  scratch dir $work (removed at exit), the simulator
#                                  with a fixed user and password, the fake
#                                  vic-machine as $work/bin/vic-machine-linux on PATH,
#                                  FAKE_VIC_* files in $work (passed to it through
#                                  VCHNET_VIC_MACHINE_ENV), XDG dirs in $work
#   deploy_plan FILE [BRIDGE...]   writes a plan for the simulator to FILE; BRIDGE lines
#                                  (YAML, indented 4) replace the bridge section's body;
#                                  $DEPLOY_PUBLIC: the public port group (VM Network),
#                                  $DEPLOY_PUBLIC_IP/_GW: its static address (none)
#   deploy_pg_line NAME            the simulator's properties of the port group NAME
#                                  (one line), empty when there is none
#   proc_has PID FILE TEXT         /proc/PID/FILE (NUL-separated) contains TEXT
. "$top_srcdir/tests/lib/plans.sh"

DEPLOY_USER=administrator@vsphere.local
DEPLOY_PASSWORD=Vch-Deploy-S3cret-7x

deploy_setup() {
	work=$(mktemp -d "${TMPDIR:-/tmp}/vchnet-deploy.XXXXXX") || exit 1
	trap 'rm -rf "$work"' EXIT
	vcsim_start -username "$DEPLOY_USER" -password "$DEPLOY_PASSWORD" "$@" ||
		{ echo "Bail out! the simulator did not start"; exit 1; }
	mkdir -p "$work/bin"
	cp "$top_srcdir/tests/fake/vic-machine" "$work/bin/vic-machine-linux"
	chmod 755 "$work/bin/vic-machine-linux"
	PATH="$work/bin:$PATH"
	XDG_STATE_HOME=$work/state
	XDG_CONFIG_HOME=$work/config
	VCHNET_PASSWORD=$DEPLOY_PASSWORD
	FAKE_VIC_ARGV_FILE=$work/argv
	FAKE_VIC_ENV_FILE=$work/env
	FAKE_VIC_PID_FILE=$work/pid
	FAKE_VIC_SIGNAL_FILE=$work/signals
	# vic-machine gets a minimal environment: the fake's settings are let through
	VCHNET_VIC_MACHINE_ENV='FAKE_VIC_*'
	export PATH XDG_STATE_HOME XDG_CONFIG_HOME VCHNET_PASSWORD FAKE_VIC_ARGV_FILE \
		FAKE_VIC_ENV_FILE FAKE_VIC_PID_FILE FAKE_VIC_SIGNAL_FILE VCHNET_VIC_MACHINE_ENV
	unset VCHNET_VIC_MACHINE VCHNET_URL VCHNET_USERNAME GOVC_URL GOVC_USERNAME \
		GOVC_PASSWORD VCHNET_THUMBPRINT VIC_MACHINE_PASSWORD
}

deploy_plan() {
	local file=$1
	shift
	{
		plan_head name=vch-deploy url="$VCSIM_URL" user="$DEPLOY_USER" \
			thumbprint="$VCSIM_THUMBPRINT_SHA1" tls=no-tlsverify
		printf '  bridge:\n'
		if [ $# -gt 0 ]; then
			printf '    %s\n' "$@"
		else
			printf '    portGroup: DC0_DVPG0\n'
		fi
		cat <<P
  public:
    portGroup: ${DEPLOY_PUBLIC:-VM Network}
P
		if [ -n "${DEPLOY_PUBLIC_IP:-}" ]; then
			printf '    ip: %s\n    gateway: %s\n' "$DEPLOY_PUBLIC_IP" "${DEPLOY_PUBLIC_GW:?}"
		fi
		cat <<P
  container:
    - portGroup: DC0_DVPG1
      alias: backend
P
	} >"$file"
}

deploy_pg_line() {
	local view
	view=$(vcsim_view DistributedVirtualPortgroup)
	vcsim_props "$view" DistributedVirtualPortgroup name config.distributedVirtualSwitch \
		config.defaultPortConfig | grep -F "<name>name</name><val" | grep -F ">$1</val></propSet>" |
		head -1
}

proc_has() {
	tr '\0' '\n' <"/proc/$1/$2" | grep -qF -- "$3"
}
