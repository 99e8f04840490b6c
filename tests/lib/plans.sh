# plans.sh: plan files for the shell tests, written one way everywhere. Source it.
#   plan_head [KEY=VALUE...]      prints a plan up to and with "networks:" (the caller
#                                 writes the networks); the target is datacenter DC0,
#                                 compute resource DC0_C0, image store LocalDS_0:
#       name=NAME                 metadata.name (vch-test)
#       vic=LINE                  the one line under vic: ('version: "1.2"'); vic=
#                                 leaves the vic section out
#       url=URL user=USER         target.url and target.username (left out when empty)
#       thumbprint=THUMBPRINT     target.thumbprint (left out when empty)
#       tls=MODE                  tls.mode (no tls section when not given)
#   plan_vcsim FILE [KEY=VALUE...]  a whole plan for the running simulator (tests/lib/
#                                 vcsim.sh: its URL and SHA-1 thumbprint unless given)
#                                 with bridge DC0_DVPG0 and public "VM Network"
#                                 (public=PG: another port group),
#                                 no-tlsverify, readable by its owner only (a plan
#                                 with a target the wizard opens without a warning)

plan_head() {
	local name=vch-test vic='version: "1.2"' url="" user="" thumbprint="" tls="" kv
	for kv in "$@"; do
		case $kv in
		name=*) name=${kv#name=} ;;
		vic=*) vic=${kv#vic=} ;;
		url=*) url=${kv#url=} ;;
		user=*) user=${kv#user=} ;;
		thumbprint=*) thumbprint=${kv#thumbprint=} ;;
		tls=*) tls=${kv#tls=} ;;
		*) echo "plan_head: unknown setting $kv" >&2; return 1 ;;
		esac
	done
	printf 'apiVersion: vchnet/v1\nkind: VCHNetworkPlan\nmetadata:\n  name: %s\n' "$name"
	[ -z "$vic" ] || printf 'vic:\n  %s\n' "$vic"
	printf 'target:\n'
	[ -z "$url" ] || printf '  url: %s\n' "$url"
	[ -z "$user" ] || printf '  username: %s\n' "$user"
	[ -z "$thumbprint" ] || printf '  thumbprint: "%s"\n' "$thumbprint"
	printf '  datacenter: DC0\n  computeResource: DC0_C0\n  imageStore: LocalDS_0\n'
	[ -z "$tls" ] || printf 'tls:\n  mode: %s\n' "$tls"
	printf 'networks:\n'
}

plan_vcsim() {
	local file=$1 public="VM Network" kv n
	shift
	# public=PG is ours; the rest goes to plan_head, in order
	n=$#
	while [ "$n" -gt 0 ]; do
		kv=$1
		shift
		n=$((n - 1))
		case $kv in public=*) public=${kv#public=} ;; *) set -- "$@" "$kv" ;; esac
	done
	{
		plan_head url="$VCSIM_URL" thumbprint="$VCSIM_THUMBPRINT_SHA1" tls=no-tlsverify "$@" &&
			printf '  bridge:\n    portGroup: DC0_DVPG0\n  public:\n    portGroup: %s\n' "$public"
	} >"$file" && chmod 600 "$file"
}
