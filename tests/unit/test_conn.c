/* Unit tests of src/vsphere/tlstrust.c and src/vsphere/conn.c: thumbprints, known-hosts, URLs,
 * precedence of connection settings, password sources. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "conn.h"
#include "err.h"
#include "fileio.h"
#include "mem.h"
#include "tlstrust.h"

#define SHA1_UP "2C:11:ED:D7:13:87:7D:B5:74:18:B8:1C:42:C2:56:1F:0D:B9:5B:B9"
#define SHA256_UP "44:8F:62:8A:8A:65:AA:18:56:0E:53:A8:0C:53:AC:B3:8C:51:B4:27:DF:03:34:08:23:49:14:11:47:DC:9B:F6"

static char tmpdir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/test_conn.XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	static const char *const vars[] = {
		"VCHNET_URL", "GOVC_URL", "VCHNET_USERNAME", "GOVC_USERNAME", "VCHNET_PASSWORD",
		"GOVC_PASSWORD", "VCHNET_THUMBPRINT", "VCHNET_TLS_CA_CERTS", "GOVC_TLS_CA_CERTS",
		"VCHNET_TLS_KNOWN_HOSTS", "GOVC_TLS_KNOWN_HOSTS", "VCHNET_INSECURE",
	};
	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++)
		unsetenv(vars[i]);
	setenv("XDG_CONFIG_HOME", tmpdir, 1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	return 0;
}

static void test_thumbprint_normalize(void **state)
{
	(void)state;
	char *t = tlstrust_normalize("2c11edd713877db57418b81c42c2561f0db95bb9");
	assert_string_equal(t, SHA1_UP);
	free(t);
	t = tlstrust_normalize(SHA1_UP);
	assert_string_equal(t, SHA1_UP);
	free(t);
	t = tlstrust_normalize("44:8f:62:8a:8a:65:aa:18:56:0e:53:a8:0c:53:ac:b3:8c:51:b4:27:df:03:34:08:23:49:14:11:47:dc:9b:f6");
	assert_string_equal(t, SHA256_UP);
	free(t);
	assert_null(tlstrust_normalize("2C:11:ED"));
	assert_non_null(strstr(err_msg(), "40 (SHA-1) or 64 (SHA-256)"));
	assert_null(tlstrust_normalize("ZZ11edd713877db57418b81c42c2561f0db95bb9"));
	assert_null(tlstrust_normalize(""));
	/* 128 hex digits (SHA-512) is not a thumbprint we use */
	char big[129];
	memset(big, 'a', 128);
	big[128] = '\0';
	assert_null(tlstrust_normalize(big));
}

static void test_thumbprint_match(void **state)
{
	(void)state;
	char s1[] = SHA1_UP, s256[] = SHA256_UP;
	struct tls_cert_info c = {.sha1 = s1, .sha256 = s256};
	assert_true(tlstrust_matches(SHA1_UP, &c));
	assert_true(tlstrust_matches(SHA256_UP, &c));
	assert_false(tlstrust_matches("2C:11:ED:D7:13:87:7D:B5:74:18:B8:1C:42:C2:56:1F:0D:B9:5B:BA", &c));
	assert_false(tlstrust_matches(NULL, &c));
}

static void test_known_hosts_find(void **state)
{
	(void)state;
	const char *text = "# comment\n"
			   "\n"
			   "vc.example.com " SHA1_UP "\n"
			   "vc.example.com:8443 " SHA256_UP "\n"
			   "noseparator\n"
			   "broken.example.com not-a-thumbprint\n"
			   "[::1]:9443 2c11edd713877db57418b81c42c2561f0db95bb9\r\n"
			   "later.example.com " SHA1_UP "\n"
			   "LATER.example.com " SHA256_UP "\n";
	char *t = NULL;
	assert_int_equal(tlstrust_known_hosts_find(text, "vc.example.com", 443, &t), 1);
	assert_string_equal(t, SHA1_UP);
	free(t);
	assert_int_equal(tlstrust_known_hosts_find(text, "vc.example.com", 8443, &t), 1);
	assert_string_equal(t, SHA256_UP);
	free(t);
	assert_int_equal(tlstrust_known_hosts_find(text, "vc.example.com", 444, &t), 0);
	assert_null(t);
	assert_int_equal(tlstrust_known_hosts_find(text, "broken.example.com", 443, &t), 0);
	assert_int_equal(tlstrust_known_hosts_find(text, "::1", 9443, &t), 1);
	assert_string_equal(t, SHA1_UP);
	free(t);
	/* later lines win; names compare without case */
	assert_int_equal(tlstrust_known_hosts_find(text, "later.example.com", 443, &t), 1);
	assert_string_equal(t, SHA256_UP);
	free(t);
}

static void test_known_hosts_add(void **state)
{
	(void)state;
	char *path = xasprintf("%s/sub/dir/known_hosts", tmpdir);
	char *t = NULL;
	assert_int_equal(tlstrust_known_hosts_lookup(path, "vc1", 443, &t), 0);
	assert_int_equal(tlstrust_known_hosts_add(path, "vc1", 443, "2c11edd713877db57418b81c42c2561f0db95bb9"), 0);
	assert_int_equal(tlstrust_known_hosts_add(path, "vc2", 8443, SHA256_UP), 0);
	assert_int_equal(tlstrust_known_hosts_add(path, "vc1", 443, SHA256_UP), 0);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	char *text;
	size_t len;
	assert_int_equal(fileio_read(path, 4096, &text, &len), 0);
	assert_string_equal(text, "vc2:8443 " SHA256_UP "\nvc1:443 " SHA256_UP "\n");
	free(text);
	assert_int_equal(tlstrust_known_hosts_lookup(path, "vc1", 443, &t), 1);
	assert_string_equal(t, SHA256_UP);
	free(t);
	assert_int_equal(tlstrust_known_hosts_add(path, "vc3", 443, "nonsense"), -1);
	free(path);
}

static void url_ok(const char *in, const char *want_url, const char *want_host, int want_port)
{
	char *url, *host;
	int port;
	assert_int_equal(conn_url_normalize(in, &url, &host, &port), 0);
	assert_string_equal(url, want_url);
	assert_string_equal(host, want_host);
	assert_int_equal(port, want_port);
	free(url);
	free(host);
}

static void url_bad(const char *in, const char *why)
{
	char *url, *host;
	int port;
	assert_int_equal(conn_url_normalize(in, &url, &host, &port), -1);
	assert_non_null(strstr(err_msg(), why));
	assert_null(url);
}

static void test_url_normalize(void **state)
{
	(void)state;
	url_ok("vc.example.com", "https://vc.example.com:443/sdk", "vc.example.com", 443);
	url_ok("vc.example.com:8443", "https://vc.example.com:8443/sdk", "vc.example.com", 8443);
	url_ok("https://vc.example.com/sdk", "https://vc.example.com:443/sdk", "vc.example.com", 443);
	url_ok("HTTPS://10.0.0.5:9443/", "https://10.0.0.5:9443/sdk", "10.0.0.5", 9443);
	url_ok("https://vc/custom/path", "https://vc:443/custom/path", "vc", 443);
	url_ok("[::1]:8443", "https://[::1]:8443/sdk", "::1", 8443);
	url_ok("fe80::1", "https://[fe80::1]:443/sdk", "fe80::1", 443);
	url_bad("http://vc/sdk", "HTTPS only");
	url_bad("ftp://vc", "HTTPS only");
	url_bad("https://root:secret@vc/sdk", "contains credentials");
	/* no message repeats credentials, whatever else is wrong with the URL */
	assert_null(strstr(err_msg(), "secret"));
	assert_non_null(strstr(err_msg(), "https://***@vc/sdk"));
	url_bad("http://root:secret@vc/sdk", "HTTPS only");
	assert_null(strstr(err_msg(), "secret"));
	url_bad("root:sec ret@vc", "spaces");
	assert_null(strstr(err_msg(), "sec ret"));
	url_bad("https://root:se/cret@vc:99999/sdk", "invalid port");
	assert_null(strstr(err_msg(), "se/cret"));
	url_bad("vc:0", "invalid port");
	url_bad("vc:70000", "invalid port");
	url_bad("vc:12ab", "invalid port");
	url_bad("", "empty");
	url_bad("https:///sdk", "no host");
	url_bad("vc host", "spaces");
}

static void test_precedence(void **state)
{
	(void)state;
	struct conn_opts o = {0};
	struct conn c;
	struct conn_plan_target plan = {"plan-vc", "plan-user", NULL};

	/* plan only */
	assert_int_equal(conn_resolve(&c, &o, &plan, CONN_NO_PASSWORD_PROMPT), 0);
	assert_string_equal(c.host, "plan-vc");
	assert_string_equal(c.username, "plan-user");
	assert_null(c.thumbprint);
	conn_free(&c);

	/* GOVC_* beats the plan, VCHNET_* beats GOVC_* */
	setenv("GOVC_URL", "govc-vc", 1);
	setenv("GOVC_USERNAME", "govc-user", 1);
	assert_int_equal(conn_resolve(&c, &o, &plan, 0), 0);
	assert_string_equal(c.host, "govc-vc");
	assert_string_equal(c.username, "govc-user");
	conn_free(&c);
	setenv("VCHNET_URL", "vchnet-vc:444", 1);
	setenv("VCHNET_USERNAME", "vchnet-user", 1);
	assert_int_equal(conn_resolve(&c, &o, &plan, 0), 0);
	assert_string_equal(c.url, "https://vchnet-vc:444/sdk");
	assert_string_equal(c.username, "vchnet-user");
	conn_free(&c);

	/* the command line beats everything */
	assert_int_equal(conn_opts_parse(&o, CONN_OPT_URL, "cli-vc"), 1);
	assert_int_equal(conn_opts_parse(&o, CONN_OPT_USERNAME, "cli-user"), 1);
	assert_int_equal(conn_opts_parse(&o, CONN_OPT_THUMBPRINT, "2c11edd713877db57418b81c42c2561f0db95bb9"), 1);
	assert_int_equal(conn_opts_parse(&o, CONN_OPT_TIMEOUT, "7"), 1);
	assert_int_equal(conn_opts_parse(&o, CONN_OPT_TIMEOUT, "0"), -1);
	assert_int_equal(conn_opts_parse(&o, CONN_OPT_THUMBPRINT, "12"), -1);
	assert_int_equal(conn_opts_parse(&o, 'z', "x"), 0);
	assert_int_equal(conn_resolve(&c, &o, &plan, 0), 0);
	assert_string_equal(c.host, "cli-vc");
	assert_string_equal(c.username, "cli-user");
	assert_string_equal(c.thumbprint, SHA1_UP);
	assert_string_equal(c.thumbprint_from, "--thumbprint");
	assert_int_equal(c.timeout, 7);
	assert_int_equal(c.connect_timeout, CONN_DEFAULT_CONNECT_TIMEOUT);
	assert_false(c.insecure);
	conn_free(&c);
	conn_opts_free(&o);
	unsetenv("VCHNET_URL");
	unsetenv("VCHNET_USERNAME");
	unsetenv("GOVC_URL");
	unsetenv("GOVC_USERNAME");

	/* nothing at all: a clear error, not a prompt */
	assert_int_equal(conn_resolve(&c, &o, NULL, 0), -1);
	assert_non_null(strstr(err_msg(), "--url"));
	setenv("VCHNET_URL", "vc", 1);
	assert_int_equal(conn_resolve(&c, &o, NULL, 0), -1);
	assert_non_null(strstr(err_msg(), "--username"));
	unsetenv("VCHNET_URL");

	/* offline: nothing else needed */
	assert_int_equal(conn_opts_parse(&o, CONN_OPT_INVENTORY, "snap.yaml"), 1);
	assert_int_equal(conn_resolve(&c, &o, NULL, 0), 0);
	assert_string_equal(c.inventory, "snap.yaml");
	conn_free(&c);
	conn_opts_free(&o);
}

static void test_pin_from_known_hosts(void **state)
{
	(void)state;
	char *kh = xasprintf("%s/vchnet/known_hosts", tmpdir);
	char *govc = xasprintf("%s/govc_known_hosts", tmpdir);
	assert_int_equal(tlstrust_known_hosts_add(kh, "vc-a", 443, SHA1_UP), 0);
	assert_int_equal(fileio_write_atomic(govc, "vc-b:8443 " SHA256_UP "\n", strlen("vc-b:8443 " SHA256_UP "\n"), 0600), 0);
	setenv("GOVC_TLS_KNOWN_HOSTS", govc, 1);
	setenv("VCHNET_USERNAME", "u", 1);
	struct conn_opts o = {0};
	struct conn c;

	/* the default file under $XDG_CONFIG_HOME */
	setenv("VCHNET_URL", "vc-a", 1);
	assert_int_equal(conn_resolve(&c, &o, NULL, 0), 0);
	assert_string_equal(c.known_hosts, kh);
	assert_string_equal(c.thumbprint, SHA1_UP);
	assert_non_null(strstr(c.thumbprint_from, "known-hosts"));
	conn_free(&c);

	/* govc's file too */
	setenv("VCHNET_URL", "https://vc-b:8443/sdk", 1);
	assert_int_equal(conn_resolve(&c, &o, NULL, 0), 0);
	assert_string_equal(c.thumbprint, SHA256_UP);
	conn_free(&c);

	/* an explicit pin beats the file; the plan's pin beats the file as well */
	struct conn_plan_target plan = {NULL, NULL, "2c11edd713877db57418b81c42c2561f0db95bb9"};
	assert_int_equal(conn_resolve(&c, &o, &plan, 0), 0);
	assert_string_equal(c.thumbprint, SHA1_UP);
	assert_string_equal(c.thumbprint_from, "the plan's target.thumbprint");
	conn_free(&c);
	setenv("VCHNET_THUMBPRINT", "bad", 1);
	assert_int_equal(conn_resolve(&c, &o, &plan, 0), -1);
	assert_non_null(strstr(err_msg(), "VCHNET_THUMBPRINT"));
	unsetenv("VCHNET_THUMBPRINT");

	setenv("VCHNET_INSECURE", "true", 1);
	assert_int_equal(conn_resolve(&c, &o, NULL, 0), 0);
	assert_true(c.insecure);
	conn_free(&c);
	unsetenv("VCHNET_INSECURE");
	unsetenv("VCHNET_URL");
	unsetenv("VCHNET_USERNAME");
	unsetenv("GOVC_TLS_KNOWN_HOSTS");
	free(kh);
	free(govc);
}

static void test_password_sources(void **state)
{
	(void)state;
	struct conn c = {0};
	c.username = xstrdup("u");
	/* nothing, no prompt allowed */
	assert_int_equal(conn_read_password(&c, CONN_NO_PASSWORD_PROMPT), -1);
	assert_non_null(strstr(err_msg(), "VCHNET_PASSWORD"));

	char *pf = xasprintf("%s/pw", tmpdir);
	assert_int_equal(fileio_write_atomic(pf, "s3cr&t word\n", 12, 0600), 0);
	c.password_file = xstrdup(pf);
	assert_int_equal(conn_read_password(&c, CONN_NO_PASSWORD_PROMPT), 0);
	assert_string_equal(c.password, "s3cr&t word");
	mem_free_secret(c.password);
	c.password = NULL;

	/* the option comes before the environment, as for every setting */
	setenv("VCHNET_PASSWORD", "from-vchnet", 1);
	assert_int_equal(conn_read_password(&c, CONN_NO_PASSWORD_PROMPT), 0);
	assert_string_equal(c.password, "s3cr&t word");
	mem_free_secret(c.password);
	c.password = NULL;
	unsetenv("VCHNET_PASSWORD");

	/* without the option: VCHNET_PASSWORD, then GOVC_PASSWORD */
	char *keep = c.password_file;
	c.password_file = NULL;
	setenv("GOVC_PASSWORD", "from-govc", 1);
	assert_int_equal(conn_read_password(&c, CONN_NO_PASSWORD_PROMPT), 0);
	assert_string_equal(c.password, "from-govc");
	mem_free_secret(c.password);
	c.password = NULL;
	setenv("VCHNET_PASSWORD", "from-vchnet", 1);
	assert_int_equal(conn_read_password(&c, CONN_NO_PASSWORD_PROMPT), 0);
	assert_string_equal(c.password, "from-vchnet");
	unsetenv("VCHNET_PASSWORD");
	unsetenv("GOVC_PASSWORD");
	mem_free_secret(c.password);
	c.password = NULL;
	c.password_file = keep;

	/* two lines are refused rather than guessed at */
	assert_int_equal(fileio_write_atomic(pf, "a\nb\n", 4, 0600), 0);
	assert_int_equal(conn_read_password(&c, CONN_NO_PASSWORD_PROMPT), -1);
	assert_null(strstr(err_msg(), "a\nb"));
	conn_free(&c);
	free(pf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_thumbprint_normalize),
		cmocka_unit_test(test_thumbprint_match),
		cmocka_unit_test(test_known_hosts_find),
		cmocka_unit_test(test_known_hosts_add),
		cmocka_unit_test(test_url_normalize),
		cmocka_unit_test(test_precedence),
		cmocka_unit_test(test_pin_from_known_hosts),
		cmocka_unit_test(test_password_sources),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
