# firewall_lib.sh: helpers shared by the firewall_*.sh and precheck_*.sh tests.
# Source after tap.sh and vcsim.sh. Needs $VCHNET and a started simulator.
#
#   fw_plan FILE [YAML LINES...]   write a plan for DC0/DC0_C0/LocalDS_0 with bridge
#                                  DC0_DVPG0 and public "VM Network"; extra lines go
#                                  under "networks:" (indented by the caller)
#   vch CMD ARGS...                run "$VCHNET CMD ARGS" with the simulator's
#                                  connection options; sets $out (stdout+stderr)
#                                  and $rc
#   verdict_of HOST                the VERDICT column of HOST's row in $out
#   row_of HOST                    HOST's row in $out

fw_plan() {
	local f=$1 line
	shift
	{
		cat <<'EOF'
apiVersion: vchnet/v1
kind: VCHNetworkPlan
metadata:
  name: vch-test
target:
  datacenter: DC0
  computeResource: DC0_C0
  imageStore: LocalDS_0/vch
networks:
EOF
		if [ $# -eq 0 ]; then
			printf '  bridge:\n    portGroup: DC0_DVPG0\n  public:\n    portGroup: VM Network\n'
		fi
		for line in "$@"; do
			printf '%s\n' "$line"
		done
	} >"$f"
}

vch() {
	local cmd=$1
	shift
	out=$(VCHNET_PASSWORD=$VCSIM_PASSWORD "$VCHNET" "$cmd" --url "$VCSIM_URL" \
		--username "$VCSIM_USERNAME" --thumbprint "$VCSIM_THUMBPRINT_SHA256" "$@" 2>&1 </dev/null)
	rc=$?
}

row_of() {
	printf '%s\n' "$out" | awk -v h="$1" '$1 == h { print; exit }'
}

verdict_of() {
	row_of "$1" | awk '{ print $NF }'
}
