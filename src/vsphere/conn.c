#include "conn.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <termios.h>
#include <unistd.h>

#include <sys/prctl.h>
#include <sys/stat.h>

#include "err.h"
#include "fileio.h"
#include "mem.h"
#include "sanitize.h"
#include "tlstrust.h"

static int parse_seconds(const char *opt, const char *arg, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(arg, &end, 10);
	if (errno || end == arg || *end || v < 1 || v > 86400)
		return err_set("--%s: \"%s\" is not a number of seconds between 1 and 86400", opt, arg);
	*out = v;
	return 0;
}

int conn_opts_parse(struct conn_opts *o, int opt, const char *arg)
{
	switch (opt) {
	case CONN_OPT_URL: mem_set_str(&o->url, arg); return 1;
	case CONN_OPT_USERNAME: mem_set_str(&o->username, arg); return 1;
	case CONN_OPT_PASSWORD_FILE: mem_set_str(&o->password_file, arg); return 1;
	case CONN_OPT_THUMBPRINT: {
		char *t = tlstrust_normalize(arg);
		if (!t)
			return err_prefix("--thumbprint");
		free(o->thumbprint);
		o->thumbprint = t;
		return 1;
	}
	case CONN_OPT_CA_FILE: mem_set_str(&o->ca_file, arg); return 1;
	case CONN_OPT_KNOWN_HOSTS: mem_set_str(&o->known_hosts, arg); return 1;
	case CONN_OPT_INVENTORY: mem_set_str(&o->inventory, arg); return 1;
	case CONN_OPT_INSECURE: o->insecure = true; return 1;
	case CONN_OPT_ALLOW_EMPTY_PASSWORD: o->allow_empty_password = true; return 1;
	case CONN_OPT_TIMEOUT: return parse_seconds("timeout", arg, &o->timeout) < 0 ? -1 : 1;
	case CONN_OPT_CONNECT_TIMEOUT:
		return parse_seconds("connect-timeout", arg, &o->connect_timeout) < 0 ? -1 : 1;
	default: return 0;
	}
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void conn_opts_copy(struct conn_opts *dst, const struct conn_opts *src)
{
	*dst = *src;
	dst->url = dup_or_null(src->url);
	dst->username = dup_or_null(src->username);
	dst->password_file = dup_or_null(src->password_file);
	dst->thumbprint = dup_or_null(src->thumbprint);
	dst->ca_file = dup_or_null(src->ca_file);
	dst->known_hosts = dup_or_null(src->known_hosts);
	dst->inventory = dup_or_null(src->inventory);
}

void conn_opts_free(struct conn_opts *o)
{
	free(o->url);
	free(o->username);
	free(o->password_file);
	free(o->thumbprint);
	free(o->ca_file);
	free(o->known_hosts);
	free(o->inventory);
	memset(o, 0, sizeof *o);
}

static const char *env(const char *name)
{
	const char *v = getenv(name);
	return v && *v ? v : NULL;
}

/* first non-NULL of the candidates, with the name of its source */
static const char *pick(const char **from, const char *v1, const char *n1, const char *v2,
			const char *n2, const char *v3, const char *n3, const char *v4, const char *n4)
{
	if (v1) { *from = n1; return v1; }
	if (v2) { *from = n2; return v2; }
	if (v3) { *from = n3; return v3; }
	if (v4) { *from = n4; return v4; }
	*from = NULL;
	return NULL;
}

static int url_parse(const char *raw, const char *in, char **url, char **host, int *port);

/* in as it may appear in a message: credentials ("user:password@") hidden */
static char *url_for_msg(const char *in)
{
	const char *rest = strstr(in, "://");
	rest = rest ? rest + 3 : in;
	/* the last '@' anywhere: a password may hold '/' too */
	const char *at = strrchr(rest, '@');
	if (!at)
		return xstrdup(in);
	return xasprintf("%.*s***%s", (int)(rest - in), in, at);
}

int conn_url_normalize(const char *in_raw, char **url, char **host, int *port)
{
	*url = *host = NULL;
	*port = 0;
	if (!in_raw || !*in_raw)
		return err_set("empty vCenter URL: give --url host or https://host/sdk");
	/* every message shows the URL without its credentials, if it has any */
	char *in = url_for_msg(in_raw);
	int r = url_parse(in_raw, in, url, host, port);
	free(in);
	return r;
}

static int url_parse(const char *raw, const char *in, char **url, char **host, int *port)
{
	for (const char *p = raw; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return err_set("invalid vCenter URL \"%.100s\": it contains spaces or control "
				       "characters", in);
	const char *rest = raw;
	const char *sep = strstr(raw, "://");
	if (sep) {
		if (!(sep - raw == 5 && strncasecmp(raw, "https", 5) == 0))
			return err_set("unsupported URL scheme in \"%.100s\": vchnet talks to vCenter "
				       "over HTTPS only; use https://host/sdk", in);
		rest = sep + 3;
	}
	const char *slash = strchr(rest, '/');
	size_t alen = slash ? (size_t)(slash - rest) : strlen(rest);
	char *auth = xstrndup(rest, alen);
	if (strchr(auth, '@')) {
		free(auth);
		return err_set("the URL \"%.100s\" contains credentials (not shown); give the user "
			       "name with --username and the password with VCHNET_PASSWORD or "
			       "--password-file instead", in);
	}
	char *h = NULL;
	long pt = 443;
	const char *portstr = NULL;
	if (auth[0] == '[') {
		char *close = strchr(auth, ']');
		if (!close || (close[1] && close[1] != ':')) {
			free(auth);
			return err_set("invalid IPv6 address in URL \"%.100s\"", in);
		}
		h = xstrndup(auth + 1, (size_t)(close - auth - 1));
		if (close[1] == ':')
			portstr = close + 2;
	} else {
		char *colon = strchr(auth, ':');
		if (colon && strchr(colon + 1, ':')) {
			h = xstrdup(auth); /* a bare IPv6 literal */
		} else {
			h = colon ? xstrndup(auth, (size_t)(colon - auth)) : xstrdup(auth);
			if (colon)
				portstr = colon + 1;
		}
	}
	if (portstr) {
		char *end;
		errno = 0;
		pt = strtol(portstr, &end, 10);
		if (errno || end == portstr || *end || pt < 1 || pt > 65535) {
			free(auth);
			free(h);
			return err_set("invalid port in URL \"%.100s\"", in);
		}
	}
	free(auth);
	if (!*h) {
		free(h);
		return err_set("no host name in URL \"%.100s\"", in);
	}
	const char *path = slash && strcmp(slash, "/") != 0 ? slash : "/sdk";
	bool v6 = strchr(h, ':') != NULL;
	*url = xasprintf("https://%s%s%s:%ld%s", v6 ? "[" : "", h, v6 ? "]" : "", pt, path);
	*host = h;
	*port = (int)pt;
	return 0;
}

int conn_tty_read(const char *prompt, bool echo, char **out)
{
	*out = NULL;
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return err_set("no terminal to ask on (%s)", strerror(errno));
	struct termios old, t;
	bool restore = false;
	if (!echo && tcgetattr(fd, &old) == 0) {
		t = old;
		t.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
		t.c_lflag |= ICANON;
		restore = tcsetattr(fd, TCSAFLUSH, &t) == 0;
	}
	if (write(fd, prompt, strlen(prompt)) < 0) {
		/* the read below still works; the prompt is a courtesy */
	}
	char buf[1024];
	size_t n = 0;
	int r = 0;
	for (;;) {
		char ch;
		ssize_t k = read(fd, &ch, 1);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			r = err_set("no answer on the terminal (end of input)");
			break;
		}
		if (ch == '\n' || ch == '\r')
			break;
		if (n + 1 < sizeof buf)
			buf[n++] = ch;
	}
	buf[n] = '\0';
	if (restore) {
		tcsetattr(fd, TCSAFLUSH, &old);
		if (write(fd, "\n", 1) < 0) {
			/* cosmetic only */
		}
	}
	close(fd);
	if (r == 0)
		*out = xstrdup(buf);
	explicit_bzero(buf, sizeof buf);
	return r;
}

int conn_resolve(struct conn *c, const struct conn_opts *o, const struct conn_plan_target *plan,
		 unsigned flags)
{
	static const struct conn_plan_target none;
	const char *from;
	if (!plan)
		plan = &none;
	memset(c, 0, sizeof *c);
	c->timeout = o->timeout ? o->timeout : CONN_DEFAULT_TIMEOUT;
	c->connect_timeout = o->connect_timeout ? o->connect_timeout : CONN_DEFAULT_CONNECT_TIMEOUT;
	c->inventory = xstrdup(o->inventory);
	c->password_file = xstrdup(o->password_file);
	c->allow_empty_password = o->allow_empty_password;
	const char *ins = env("VCHNET_INSECURE");
	c->insecure = o->insecure ||
		      (ins && (strcmp(ins, "1") == 0 || strcasecmp(ins, "true") == 0));

	const char *ca = pick(&from, o->ca_file, "--ca-file", env("VCHNET_TLS_CA_CERTS"),
			      "VCHNET_TLS_CA_CERTS", env("GOVC_TLS_CA_CERTS"), "GOVC_TLS_CA_CERTS",
			      NULL, NULL);
	c->ca_file = xstrdup(ca);
	if (ca) {
		/* the TLS library reads it later and would wait forever on a FIFO */
		int fd = fileio_open_input(ca, NULL);
		if (fd < 0) {
			char *what = xstrdup(from);
			conn_free(c);
			err_prefix("%s", what);
			free(what);
			return -1;
		}
		close(fd);
	}

	const char *kh = pick(&from, o->known_hosts, "--known-hosts", env("VCHNET_TLS_KNOWN_HOSTS"),
			      "VCHNET_TLS_KNOWN_HOSTS", NULL, NULL, NULL, NULL);
	c->known_hosts = kh ? xstrdup(kh) : tlstrust_default_known_hosts();
	c->known_hosts_govc = xstrdup(env("GOVC_TLS_KNOWN_HOSTS"));

	if (c->inventory)
		return 0; /* offline: nothing else is needed */

	const char *url = pick(&from, o->url, "--url", env("VCHNET_URL"), "VCHNET_URL",
			       env("GOVC_URL"), "GOVC_URL", plan->url, "the plan's target.url");
	char *asked = NULL;
	if (!url && (flags & CONN_INTERACTIVE)) {
		if (conn_tty_read("vCenter or ESXi address: ", true, &asked) < 0)
			return err_prefix("no vCenter URL");
		url = asked;
		from = "the prompt";
	}
	if (!url) {
		conn_free(c);
		return err_set("no vCenter URL: give --url (or VCHNET_URL), or use --inventory FILE "
			       "to work from a saved snapshot");
	}
	int r = conn_url_normalize(url, &c->url, &c->host, &c->port);
	free(asked);
	if (r < 0) {
		conn_free(c);
		return err_prefix("%s", from);
	}

	const char *user = pick(&from, o->username, "--username", env("VCHNET_USERNAME"),
				"VCHNET_USERNAME", env("GOVC_USERNAME"), "GOVC_USERNAME",
				plan->username, "the plan's target.username");
	if (!user && (flags & CONN_INTERACTIVE)) {
		char *u = NULL;
		if (conn_tty_read("User name: ", true, &u) < 0) {
			conn_free(c);
			return err_prefix("no user name");
		}
		c->username = u;
	} else if (user) {
		c->username = xstrdup(user);
	}
	if (!c->username || !*c->username) {
		conn_free(c);
		return err_set("no user name for %s: give --username (or VCHNET_USERNAME)", c->url);
	}

	const char *tp = pick(&from, o->thumbprint, "--thumbprint", env("VCHNET_THUMBPRINT"),
			      "VCHNET_THUMBPRINT", plan->thumbprint, "the plan's target.thumbprint",
			      NULL, NULL);
	if (tp) {
		c->thumbprint = tlstrust_normalize(tp);
		if (!c->thumbprint) {
			conn_free(c);
			return err_prefix("%s", from);
		}
		c->thumbprint_from = xstrdup(from);
		return 0;
	}
	const char *files[2] = {c->known_hosts, c->known_hosts_govc};
	for (int i = 0; i < 2 && !c->thumbprint; i++) {
		if (!files[i])
			continue;
		char *t = NULL;
		/* a pin trusts a server: only from a file nobody else could have written */
		int k = fileio_check_private(files[i]);
		if (k == 1)
			continue;
		if (k < 0) {
			free(c->known_hosts_warning);
			c->known_hosts_warning = xasprintf("the known-hosts file %s is not used: %s",
							   files[i], err_msg());
			err_clear();
			continue;
		}
		k = tlstrust_known_hosts_lookup(files[i], c->host, c->port, &t);
		if (k < 0) {
			conn_free(c);
			return -1;
		}
		if (k > 0) {
			c->thumbprint = t;
			c->thumbprint_from = xasprintf("the known-hosts file %s", files[i]);
		}
	}
	return 0;
}

void conn_hold_secret(void)
{
	/* a core file or a debugger attached by another process of the user would see
	 * the password */
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

static int refuse_empty(const struct conn *c, const char *where)
{
	(void)c;
	return err_set("%s is empty: vchnet refuses an empty password; give the password, or "
		       "--allow-empty-password if the account really has none", where);
}

static int password_from_file(struct conn *c)
{
	struct stat st;
	if (stat(c->password_file, &st) == 0 && S_ISREG(st.st_mode) &&
	    (st.st_mode & (S_IRWXG | S_IRWXO)))
		fprintf(stderr, "vchnet: warning: the password file %s may be read or changed by "
			"others (mode %04o); make it private: chmod 600 %s\n", c->password_file,
			(unsigned)(st.st_mode & 07777), c->password_file);
	char *data = NULL;
	size_t len = 0;
	if (fileio_read(c->password_file, 4096, &data, &len) < 0)
		return err_prefix("--password-file");
	/* one line: the final newline is not part of the password */
	while (len && (data[len - 1] == '\n' || data[len - 1] == '\r'))
		data[--len] = '\0';
	if (memchr(data, '\n', len)) {
		mem_free_secret(data);
		return err_set("--password-file %s: the file must hold the password on one line",
			       c->password_file);
	}
	if (len == 0 && !c->allow_empty_password) {
		mem_free_secret(data);
		char *where = xasprintf("the password file %s", c->password_file);
		refuse_empty(c, where);
		free(where);
		return -1;
	}
	c->password = data;
	return 0;
}

int conn_read_password(struct conn *c, unsigned flags)
{
	if (c->password)
		return 0;
	/* the option before the environment, as for every connection setting */
	if (c->password_file) {
		if (password_from_file(c) < 0)
			return -1;
		conn_hold_secret();
		return 0;
	}
	const char *vp = getenv("VCHNET_PASSWORD"), *gp = getenv("GOVC_PASSWORD");
	const char *p = vp && *vp ? vp : gp && *gp ? gp : NULL;
	if (!p && (vp || gp)) {
		/* set but empty: a mistake far more often than an account without one */
		if (!c->allow_empty_password)
			return refuse_empty(c, vp ? "VCHNET_PASSWORD" : "GOVC_PASSWORD");
		p = "";
	}
	if (p) {
		c->password = xstrdup(p);
		conn_hold_secret();
		return 0;
	}
	if (flags & CONN_NO_PASSWORD_PROMPT)
		return err_set("no password for %s: set VCHNET_PASSWORD or give --password-file",
			       c->username ? c->username : "the user");
	/* both may come from a plan */
	char *prompt = xasprintf("Password for %s at %s: ", c->username ? san(c->username) : "?",
				 c->host ? san(c->host) : "?");
	conn_hold_secret(); /* before the password is typed */
	int r = conn_tty_read(prompt, false, &c->password);
	free(prompt);
	if (r < 0) {
		char why[256];
		snprintf(why, sizeof why, "%s", err_msg());
		return err_set("no password for %s: set VCHNET_PASSWORD, give --password-file, or "
			       "run on a terminal (%s)", c->username ? c->username : "the user", why);
	}
	if (!*c->password && !c->allow_empty_password) {
		mem_free_secret(c->password);
		c->password = NULL;
		return refuse_empty(c, "the password typed");
	}
	return 0;
}

void conn_free(struct conn *c)
{
	free(c->url);
	free(c->host);
	free(c->username);
	mem_free_secret(c->password);
	free(c->password_file);
	free(c->thumbprint);
	free(c->thumbprint_from);
	free(c->ca_file);
	free(c->known_hosts);
	free(c->known_hosts_govc);
	free(c->known_hosts_warning);
	free(c->inventory);
	memset(c, 0, sizeof *c);
}
