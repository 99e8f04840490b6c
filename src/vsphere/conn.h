/* conn: the connection settings every vCenter-facing command shares, and where they
 * come from. Precedence for each setting: command-line option, environment (VCHNET_*,
 * then GOVC_*), the plan's target fields, then (interactive only) a prompt on /dev/tty.
 *
 * Passwords: --password-file, then VCHNET_PASSWORD, then GOVC_PASSWORD (the option
 * first, as for every setting: a variable left over from another session must not
 * override the file named on the command line), then a prompt on /dev/tty with echo
 * off. There is deliberately no option taking the password.
 * The password lives in struct conn (one copy, wiped by conn_free()); a session that
 * logged in keeps its own for re-login (vsphere.h). Every buffer that held it on the
 * way (the file's, the prompt's) is wiped.
 *
 * Usage in a subcommand:
 *     static const struct option longopts[] = { CONN_LONG_OPTIONS, {"help", ...}, {0} };
 *     getopt_long(argc, argv, "h" CONN_SHORT_OPTIONS, ...);
 *     default: switch (conn_opts_parse(&opts, c, optarg)) { 1: handled, 0: not ours,
 *              -1: bad value -> cli_usage_error(cmd, "%s", err_msg()) }
 *     conn_resolve(&conn, &opts, &plan_target_or_NULL, flags);
 * Strings in struct conn_opts and struct conn are owned by them. */
#ifndef VCHNET_CONN_H
#define VCHNET_CONN_H

#include <getopt.h>
#include <stdbool.h>

enum {
	CONN_OPT_URL = 0x4300,
	CONN_OPT_USERNAME,
	CONN_OPT_PASSWORD_FILE,
	CONN_OPT_THUMBPRINT,
	CONN_OPT_CA_FILE,
	CONN_OPT_KNOWN_HOSTS,
	CONN_OPT_TIMEOUT,
	CONN_OPT_CONNECT_TIMEOUT,
	CONN_OPT_INVENTORY,
	CONN_OPT_ALLOW_EMPTY_PASSWORD,
	CONN_OPT_INSECURE = 'k',
};

#define CONN_SHORT_OPTIONS "k"
#define CONN_LONG_OPTIONS \
	{"url", required_argument, NULL, CONN_OPT_URL}, \
	{"username", required_argument, NULL, CONN_OPT_USERNAME}, \
	{"password-file", required_argument, NULL, CONN_OPT_PASSWORD_FILE}, \
	{"thumbprint", required_argument, NULL, CONN_OPT_THUMBPRINT}, \
	{"ca-file", required_argument, NULL, CONN_OPT_CA_FILE}, \
	{"known-hosts", required_argument, NULL, CONN_OPT_KNOWN_HOSTS}, \
	{"insecure", no_argument, NULL, CONN_OPT_INSECURE}, \
	{"timeout", required_argument, NULL, CONN_OPT_TIMEOUT}, \
	{"connect-timeout", required_argument, NULL, CONN_OPT_CONNECT_TIMEOUT}, \
	{"inventory", required_argument, NULL, CONN_OPT_INVENTORY}, \
	{"allow-empty-password", no_argument, NULL, CONN_OPT_ALLOW_EMPTY_PASSWORD}

/* For --help texts. */
#define CONN_OPTIONS_HELP \
	"Connection (also from VCHNET_* and GOVC_* environment variables):\n" \
	"      --url URL              vCenter or ESXi: host, host:port or\n" \
	"                             https://host/sdk (VCHNET_URL, GOVC_URL)\n" \
	"      --username USER        user name (VCHNET_USERNAME, GOVC_USERNAME)\n" \
	"      --password-file FILE   read the password from FILE (else VCHNET_PASSWORD,\n" \
	"                             GOVC_PASSWORD, or a prompt on the terminal)\n" \
	"      --allow-empty-password accept an empty password (refused otherwise)\n" \
	"      --thumbprint SHA       trust the certificate with this SHA-1 or SHA-256\n" \
	"                             thumbprint (VCHNET_THUMBPRINT)\n" \
	"      --ca-file FILE         PEM file of trusted CAs (VCHNET_TLS_CA_CERTS)\n" \
	"      --known-hosts FILE     thumbprint file in govc's format\n" \
	"                             (VCHNET_TLS_KNOWN_HOSTS)\n" \
	"  -k, --insecure             do not verify the certificate at all (DANGEROUS)\n" \
	"      --timeout SECONDS      limit for each request (default 300)\n" \
	"      --connect-timeout SECONDS  limit for connecting (default 15)\n" \
	"      --inventory FILE       use a saved inventory snapshot instead of vCenter\n"

#define CONN_DEFAULT_TIMEOUT 300
#define CONN_DEFAULT_CONNECT_TIMEOUT 15

/* What the command line said; NULL / 0 / false when not given. */
struct conn_opts {
	char *url, *username, *password_file, *thumbprint, *ca_file, *known_hosts, *inventory;
	bool insecure, allow_empty_password;
	long timeout, connect_timeout;
};
/* Handles one getopt_long result: 1 when it was a connection option, 0 when not,
 * -1 with err_set() for a bad value. */
int conn_opts_parse(struct conn_opts *o, int opt, const char *arg);
/* A deep copy of src into dst (dst is overwritten, not freed first). */
void conn_opts_copy(struct conn_opts *dst, const struct conn_opts *src);
void conn_opts_free(struct conn_opts *o);

/* The plan's target fields, borrowed (any may be NULL). */
struct conn_plan_target {
	const char *url, *username, *thumbprint;
};

/* The resolved settings. */
struct conn {
	char *url;            /* https://host:port/sdk */
	char *host;           /* without brackets */
	int port;
	char *username;
	char *password;       /* secret; NULL until conn_read_password() */
	char *password_file;  /* from --password-file */
	char *thumbprint;     /* pin, normalised; NULL when none */
	char *thumbprint_from;/* where the pin came from, for messages */
	char *ca_file;
	char *known_hosts;    /* the file to read and to remember into */
	char *known_hosts_govc; /* GOVC_TLS_KNOWN_HOSTS, read only */
	char *known_hosts_warning; /* a known-hosts file left unread because it (or its
				    * directory) is not ours alone, why and what to fix;
				    * NULL when none. Callers show it. */
	bool insecure;
	bool allow_empty_password; /* --allow-empty-password */
	long timeout, connect_timeout;
	char *inventory;      /* --inventory FILE: work offline from a snapshot */
};

enum {
	CONN_INTERACTIVE = 1,     /* may prompt for URL and user name on /dev/tty */
	CONN_NO_PASSWORD_PROMPT = 2, /* never prompt for the password (tests, batch) */
};

/* Fills c from the options, the environment and the plan (plan may be NULL). Without
 * --inventory, a URL and a user name are required (prompted for when interactive).
 * The pin comes from --thumbprint, VCHNET_THUMBPRINT, the plan, then the known-hosts
 * files. Returns -1 with err_set() for bad or missing values. */
int conn_resolve(struct conn *c, const struct conn_opts *o, const struct conn_plan_target *plan,
		 unsigned flags);
/* Makes sure c->password is set: --password-file, the environment, then /dev/tty.
 * An empty password (an empty file, a set but empty VCHNET_PASSWORD/GOVC_PASSWORD,
 * an empty answer) is refused unless c->allow_empty_password. A password file that
 * group or others may access draws a warning on stderr. Once a password is held,
 * the process is made undumpable (conn_hold_secret()). */
int conn_read_password(struct conn *c, unsigned flags);
/* Called whenever a password comes into the process: no core dump and no ptrace by
 * other processes of the user from now on (prctl(PR_SET_DUMPABLE, 0)); it stays so
 * for the rest of the run, which may log in again. */
void conn_hold_secret(void);
void conn_free(struct conn *c);

/* Parses host, host:port, [v6]:port, https://host[:port][/path]. The URL gets /sdk when
 * no path is given. HTTPS only; credentials in the URL are refused. Outputs are owned by
 * the caller. */
int conn_url_normalize(const char *in, char **url, char **host, int *port);

/* Reads one line from /dev/tty after printing prompt there; echo off when !echo.
 * *out is owned by the caller (free with mem_free_secret() for passwords). */
int conn_tty_read(const char *prompt, bool echo, char **out);

#endif
