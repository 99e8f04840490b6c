/* vsphere_api: drives the session API that the pre-checks, deploy and the wizard use
 * (step-by-step connect, trust once, EnableRuleset, AddDVPortgroup_Task + task wait,
 * re-login) against the simulator named by the environment, and prints TAP.
 * Run by tests/integration/vsphere_api.sh, which starts tests/vcsim. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "conn.h"
#include "err.h"
#include "fileio.h"
#include "inv.h"
#include "mem.h"
#include "vsphere.h"

static int n_tests, n_failed;

static void ok(bool cond, const char *what)
{
	n_tests++;
	printf("%sok %d - %s\n", cond ? "" : "not ", n_tests, what);
	if (!cond) {
		n_failed++;
		printf("# last error: %s\n", err_msg());
	}
}

/* How often needle occurs in the file (0 when unreadable). */
static int count_in_file(const char *path, const char *needle)
{
	char *data = NULL;
	size_t len = 0;
	int n = 0;
	if (fileio_read(path, 1 << 24, &data, &len) < 0) {
		err_clear();
		return 0;
	}
	for (const char *p = data; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	free(data);
	return n;
}

static int progress_calls;
static void on_progress(void *arg, int pct)
{
	(void)arg;
	(void)pct;
	progress_calls++;
}

static bool cancel_now(void *arg)
{
	return *(bool *)arg;
}

int main(void)
{
	struct conn_opts o = {0};
	struct conn c;
	if (conn_resolve(&c, &o, NULL, CONN_NO_PASSWORD_PROMPT) < 0 ||
	    conn_read_password(&c, CONN_NO_PASSWORD_PROMPT) < 0) {
		printf("Bail out! %s\n", err_msg());
		return 1;
	}
	/* the pin is withheld at first: the UI path of an untrusted certificate */
	char *pin = c.thumbprint;
	c.thumbprint = NULL;

	struct vsphere *vs = vsphere_new(&c);
	ok(vsphere_connect(vs) < 0 && vsphere_status(vs) == VSPHERE_ERR_UNTRUSTED, "untrusted: vsphere_connect fails with VSPHERE_ERR_UNTRUSTED");
	ok(vsphere_exit_code(vs) == EXIT_UNTRUSTED, "untrusted: exit code 60");
	const struct tls_cert_info *ci = vsphere_cert(vs);
	ok(ci && ci->subject && ci->issuer && ci->not_before && ci->not_after,
	   "untrusted: subject, issuer and validity are returned for the dialog");
	ok(ci && strcmp(ci->sha256, pin) == 0, "untrusted: the SHA-256 thumbprint is the simulator's");
	ok(!vsphere_logged_in(vs), "untrusted: not logged in");
	/* accept once */
	ok(ci && vsphere_trust_thumbprint(vs, ci->sha1) == 0, "accept once: vsphere_trust_thumbprint");
	ok(vsphere_connect(vs) == 0, "accept once: vsphere_connect succeeds");
	ok(vsphere_trusted_by(vs) == VSPHERE_TRUST_PIN, "accept once: trusted by the pin");
	ok(strcmp(vsphere_api_type(vs), "VirtualCenter") == 0, "ServiceContent: apiType VirtualCenter");

	ok(vsphere_login(vs, c.username, "definitely-wrong") < 0 && vsphere_status(vs) == VSPHERE_ERR_LOGIN,
	   "wrong password: VSPHERE_ERR_LOGIN");
	ok(strstr(err_msg(), "incorrect user name or password") != NULL, "wrong password: clear message");
	ok(vsphere_login(vs, c.username, c.password) == 0 && vsphere_logged_in(vs), "login");

	/* a cancel callback that says stop */
	bool stop = true;
	vsphere_set_cancel(vs, cancel_now, &stop);
	struct inv *inv = inv_fetch(vs, true, 0, INV_SCOPE_ALL);
	ok(!inv && vsphere_status(vs) == VSPHERE_ERR_CANCELLED, "a cancel callback stops the transfer");
	stop = false;

	inv = inv_fetch(vs, true, 0, INV_SCOPE_ALL);
	ok(inv != NULL, "inventory with DestroyView");
	const struct inv_host *h = inv ? inv_find_host(inv, "DC0_C0_H0", NULL) : NULL;
	ok(h && h->firewall_system, "host firewall system id");
	const struct inv_obj *sw = inv ? inv_find(inv, INV_SWITCH, "DVS0", NULL) : NULL;
	ok(sw != NULL, "switch DVS0");
	/* the firewall's scope: hosts, compute and datastores, no networks */
	struct inv *hosts_only = inv_fetch(vs, true, 0, INV_SCOPE_HOSTS);
	ok(hosts_only && hosts_only->scope == INV_SCOPE_HOSTS && hosts_only->n_networks == 0 &&
	   hosts_only->n_switches == 0, "INV_SCOPE_HOSTS: no networks, no switches");
	ok(hosts_only && inv && hosts_only->n_hosts == inv->n_hosts &&
	   hosts_only->n_computes == inv->n_computes && hosts_only->n_datastores == inv->n_datastores,
	   "INV_SCOPE_HOSTS: the same hosts, compute resources and datastores");
	const struct inv_host *ho = hosts_only ? inv_find_host(hosts_only, "DC0_C0_H0", NULL) : NULL;
	ok(ho && ho->have_firewall && h && ho->n_rulesets == h->n_rulesets,
	   "INV_SCOPE_HOSTS: with the hosts' firewalls");
	inv_free(hosts_only);
	if (!inv || !h || !sw) {
		printf("Bail out! no inventory to work on\n");
		return 1;
	}

	/* EnableRuleset: vic-engine exists in the project's simulator, bogus does not */
	ok(vsphere_enable_ruleset(vs, h->firewall_system, "vic-engine") == 0, "EnableRuleset vic-engine");
	ok(vsphere_enable_ruleset(vs, h->firewall_system, "no-such-ruleset") < 0 && vsphere_status(vs) == VSPHERE_ERR_FAULT,
	   "EnableRuleset of an unknown ruleset fails with a fault");
	ok(strstr(err_msg(), "NotFound") != NULL, "and names the fault (NotFound)");

	/* AddDVPortgroup_Task and waiting for the task */
	char *task = NULL;
	ok(vsphere_add_dvportgroup(vs, sw->type, sw->id, "vch-bridge & <test>", 123, 16, &task) == 0 && task,
	   "AddDVPortgroup_Task returns a task");
	ok(task && vsphere_wait_task(vs, task, 100, on_progress, NULL) == 0, "the task succeeds");
	free(task);
	task = NULL;
	ok(vsphere_add_dvportgroup(vs, sw->type, sw->id, "vch-bridge & <test>", 124, 16, &task) == 0 ||
	   vsphere_status(vs) == VSPHERE_ERR_FAULT, "a second port group of the same name is submitted");
	if (task) {
		int r = vsphere_wait_task(vs, task, 100, NULL, NULL);
		ok(r < 0 && strstr(err_msg(), "DuplicateName") != NULL, "the duplicate fails with DuplicateName");
		free(task);
	} else {
		ok(strstr(err_msg(), "DuplicateName") != NULL, "the duplicate fails with DuplicateName");
	}

	char *fw = xstrdup(h->firewall_system);
	char *sw_id = xstrdup(sw->id);
	inv_free(inv);
	inv = inv_fetch(vs, true, 0, INV_SCOPE_ALL);
	const struct inv_network *pg = inv ? inv_find_network(inv, "vch-bridge & <test>", NULL) : NULL;
	ok(pg && pg->vlan == INV_VLAN_ID && pg->vlan_id == 123, "the new port group is there with VLAN 123");
	ok(pg && pg->switch_id && strcmp(pg->switch_id, sw_id) == 0, "on DVS0");
	free(sw_id);
	h = inv ? inv_find_host(inv, "DC0_C0_H0", NULL) : NULL;
	bool enabled = false;
	for (size_t i = 0; h && i < h->n_rulesets; i++)
		if (strcmp(h->rulesets[i].key, "vic-engine") == 0)
			enabled = h->rulesets[i].enabled;
	ok(enabled, "the vic-engine ruleset is now enabled on DC0_C0_H0");
	inv_free(inv);

	/* re-login after expiry: SIGUSR1 makes the simulator forget every session */
	const char *sim_pid = getenv("VCSIM_PID"), *sim_dir = getenv("VCSIM_DIR");
	if (!sim_pid || !sim_dir) {
		printf("Bail out! VCSIM_PID and VCSIM_DIR are needed\n");
		return 1;
	}
	char *errfile = xasprintf("%s/stderr", sim_dir);
	int before = count_in_file(errfile, "SIGUSR1:");
	kill((pid_t)atoi(sim_pid), SIGUSR1);
	for (int i = 0; i < 400 && count_in_file(errfile, "SIGUSR1:") <= before; i++)
		usleep(50000);
	free(errfile);
	ok(vsphere_enable_ruleset(vs, fw, "vSPC") == 0, "after the session expired, a call logs in again and succeeds");
	ok(vsphere_logged_in(vs), "logged in again");
	free(fw);
	ok(vsphere_logout(vs) == 0 && !vsphere_logged_in(vs), "logout");
	vsphere_free(vs);
	free(pin);
	conn_free(&c);
	printf("1..%d\n", n_tests);
	return n_failed ? 1 : 0;
}
