#!/bin/bash
# vcsim_session.sh: enforced credentials (InvalidLogin for wrong ones, as
# vCenter answers) and session expiry on SIGUSR1 (NotAuthenticated for the
# old cookie, a new Login works).
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/vcsim.sh"

tap_plan 20

login_body() {
	printf '<Login xmlns="urn:vim25"><_this type="SessionManager">SessionManager</_this><userName>%s</userName><password>%s</password></Login>' \
		"$(vcsim_xml_escape "$1")" "$(vcsim_xml_escape "$2")"
}

# Credentials with characters that need escaping in XML and in the shell.
vcsim_start -username 'administrator@vsphere.local' -password 'S3cr&t <pw> "x"' ||
	{ echo "Bail out! the simulator did not start"; exit 1; }
is "$VCSIM_USERNAME" 'administrator@vsphere.local' "VCSIM_USERNAME is the enforced user"
is "$VCSIM_PASSWORD" 'S3cr&t <pw> "x"' "VCSIM_PASSWORD survives shell quoting"

r=$(vcsim_soap "$(login_body 'administrator@vsphere.local' 'wrong')")
like "$r" 'HTTP 500$' "wrong password: HTTP 500"
like "$r" '<faultcode>ServerFaultCode</faultcode><faultstring>Login failure</faultstring>' "wrong password: 'Login failure'"
like "$r" '<detail><InvalidLoginFault xmlns="urn:vim25" xsi:type="InvalidLogin">' "wrong password: InvalidLogin fault"
r=$(vcsim_soap "$(login_body 'root' "$VCSIM_PASSWORD")")
like "$r" 'xsi:type="InvalidLogin"' "wrong user: InvalidLogin fault"
r=$(vcsim_soap "$(login_body "$VCSIM_USERNAME" "$VCSIM_PASSWORD")")
like "$r" '<LoginResponse xmlns="urn:vim25"><returnval><key>' "right credentials: LoginResponse with a session key"
like "$(cat "$VCSIM_DIR/cookies")" 'vmware_soap_session' "Login sets the vmware_soap_session cookie"

# Session expiry.
view=$(vcsim_view HostSystem)
like "$view" '.' "a call that needs a session works (CreateContainerView)"
ok "vcsim_expire_sessions returns once SIGUSR1 is handled" vcsim_expire_sessions
r=$(vcsim_props "$view" HostSystem name)
like "$r" 'HTTP 500$' "after expiry the old cookie gets HTTP 500"
like "$r" '<faultstring>The session is not authenticated.</faultstring>' "with vCenter's message"
like "$r" '<detail><NotAuthenticatedFault xmlns="urn:vim25" xsi:type="NotAuthenticated"><object type="PropertyCollector">propertyCollector</object><privilegeId>System.View</privilegeId></NotAuthenticatedFault></detail>' \
	"and a NotAuthenticated fault naming the object called"
r=$(vcsim_view Datastore)
is "$r" "" "every other call with the old cookie fails too"
r=$(vcsim_soap '<RetrieveServiceContent xmlns="urn:vim25"><_this type="ServiceInstance">ServiceInstance</_this></RetrieveServiceContent>')
like "$r" 'HTTP 200$' "RetrieveServiceContent still works with the expired cookie"
ok "a new Login works (the expired cookie is still sent)" vcsim_login
view=$(vcsim_view HostSystem)
r=$(vcsim_props "$view" HostSystem name)
like "$r" '<val [^>]*>DC0_C0_H0</val>' "the new session reads the inventory"
vcsim_stop

# Default: any non-empty pair is accepted, an empty password is not.
vcsim_start || { echo "Bail out! the simulator did not start"; exit 1; }
ok "no enforced credentials: any non-empty pair logs in" vcsim_login someone something
rm -f "$VCSIM_DIR/cookies"
r=$(vcsim_soap "$(login_body someone '')")
like "$r" 'xsi:type="InvalidLogin"' "an empty password is refused"
ok "the printed pair logs in" vcsim_login "$VCSIM_USERNAME" "$VCSIM_PASSWORD"
vcsim_stop

tap_done
