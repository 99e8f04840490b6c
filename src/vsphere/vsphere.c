#include "vsphere.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <curl/curl.h>
#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "err.h"
#include "mem.h"
#include "soap.h"

/* Every answer but the inventory's pages is held whole before it is parsed, and none
 * of them is large (the biggest is a fault or a task's info): this bounds them. */
#define DEFAULT_MAX_RESPONSE ((size_t)16 << 20)
/* The version we speak before the server told us its own: every vCenter and ESXi
 * still serving vim25 accepts it. */
#define BOOTSTRAP_VERSION "6.0"

struct vsphere {
	CURL *curl;
	struct curl_slist *headers;
	char *url, *host;
	int port;
	char *ca_file;
	char *pin, *pin_from;     /* normalised; NULL when none */
	char *once;               /* thumbprint accepted for this session only */
	bool insecure;
	long timeout, connect_timeout;
	size_t max_response;
	vsphere_cancel_fn cancel;
	void *cancel_arg;
	bool no_cancel;           /* during logout */
	bool no_ctx;              /* libcurl cannot run our certificate check */

	/* filled by the handshake */
	struct tls_cert_info cert;
	bool have_cert;
	enum vsphere_trust trust;
	enum { V_NONE, V_OK, V_UNTRUSTED, V_MISMATCH } verdict;
	char verify_reason[200];

	/* response being received */
	char *resp;
	size_t resp_len, resp_cap;
	size_t got;               /* bytes received, buffered or not: the size cap counts these */
	bool resp_too_big;
	size_t stream_max;        /* the cap of the answer being streamed (push_fn set) */
	bool stream_over;         /* ... and it went over it */
	bool push_halted;         /* the push parser stopped: the rest is not wanted */
	/* vsphere_call_stream(): a 200 answer goes to this parser as it arrives instead of
	 * into resp (decided at its first byte) */
	const char *const *push_names;
	const char *push_container;
	const char *push_leaf;
	soap_each_fn push_fn;
	void *push_arg;
	bool push_decided;
	struct soap_push *push;

	enum vsphere_status status;
	unsigned requests;

	char *api_type, *api_version, *about_name, *soap_action_version;
	char *root_folder, *property_collector, *view_manager, *session_manager;
	char *user, *password;    /* password wiped on free */
	bool logged_in;
};

static int fail(struct vsphere *vs, enum vsphere_status st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The kind callers of any module branch on (err.h), for a session status. */
static enum err_kind status_kind(enum vsphere_status st)
{
	switch (st) {
	case VSPHERE_ERR_CONNECT: return ERR_TRANSPORT;
	case VSPHERE_ERR_UNTRUSTED:
	case VSPHERE_ERR_PIN_MISMATCH: return ERR_UNTRUSTED;
	case VSPHERE_ERR_LOGIN:
	case VSPHERE_ERR_NOT_AUTH: return ERR_LOGIN;
	case VSPHERE_ERR_PROTOCOL: return ERR_PROTOCOL;
	case VSPHERE_ERR_CANCELLED: return ERR_CANCELLED;
	case VSPHERE_OK:
	case VSPHERE_ERR_FAULT: break;
	}
	return ERR_OTHER;
}

static int fail(struct vsphere *vs, enum vsphere_status st, const char *fmt, ...)
{
	char buf[1536];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	vs->status = st;
	return err_setk(status_kind(st), "%s", buf);
}

/* ---- certificate details and the trust decision (inside the handshake) ---- */

static char *hexcolon(const unsigned char *d, unsigned n)
{
	char *s = xmalloc(n * 3 + 1);
	for (unsigned i = 0; i < n; i++)
		snprintf(s + i * 3, 4, i + 1 < n ? "%02X:" : "%02X", d[i]);
	return s;
}

static char *name_text(const X509_NAME *nm)
{
	BIO *b = BIO_new(BIO_s_mem());
	if (!b)
		mem_die("out of memory (BIO)");
	X509_NAME_print_ex(b, nm, 0, XN_FLAG_ONELINE & ~ASN1_STRFLGS_ESC_MSB);
	char *data;
	long n = BIO_get_mem_data(b, &data);
	char *s = xstrndup(data, n > 0 ? (size_t)n : 0);
	BIO_free(b);
	return s;
}

static char *time_text(const ASN1_TIME *t)
{
	struct tm tm;
	char buf[64];
	if (!t || !ASN1_TIME_to_tm(t, &tm))
		return xstrdup("?");
	strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
	return xstrdup(buf);
}

static void cert_info(struct tls_cert_info *ci, X509 *x)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned n;
	tlstrust_cert_free(ci);
	ci->subject = name_text(X509_get_subject_name(x));
	ci->issuer = name_text(X509_get_issuer_name(x));
	ci->not_before = time_text(X509_get0_notBefore(x));
	ci->not_after = time_text(X509_get0_notAfter(x));
	n = 0;
	X509_digest(x, EVP_sha1(), md, &n);
	ci->sha1 = hexcolon(md, n);
	n = 0;
	X509_digest(x, EVP_sha256(), md, &n);
	ci->sha256 = hexcolon(md, n);
}

static bool name_matches(X509 *x, const char *host)
{
	unsigned char buf[16];
	if (inet_pton(AF_INET, host, buf) == 1 || inet_pton(AF_INET6, host, buf) == 1)
		return X509_check_ip_asc(x, host, 0) == 1;
	return X509_check_host(x, host, strlen(host), 0, NULL) == 1;
}

/* Replaces OpenSSL's chain check: runs it, adds the name check, then applies the pin.
 * Returning 0 aborts the handshake, so no request byte is ever sent to a server we do
 * not trust. */
static int verify_cert(X509_STORE_CTX *ctx, void *arg)
{
	struct vsphere *vs = arg;
	X509 *leaf = X509_STORE_CTX_get0_cert(ctx);
	if (!leaf) {
		vs->verdict = V_UNTRUSTED;
		snprintf(vs->verify_reason, sizeof vs->verify_reason, "no certificate presented");
		return 0;
	}
	cert_info(&vs->cert, leaf);
	vs->have_cert = true;

	int chain_ok = X509_verify_cert(ctx) == 1;
	int verr = X509_STORE_CTX_get_error(ctx);
	bool name_ok = name_matches(leaf, vs->host);
	/* a configured pin is a promise about this server's certificate: one that does not
	 * match is refused even when a CA vouches for the certificate (a CA can be
	 * compromised or mis-issue; the user pinned this one on purpose) */
	if (vs->pin && !tlstrust_matches(vs->pin, &vs->cert) &&
	    !(vs->once && tlstrust_matches(vs->once, &vs->cert))) {
		vs->verdict = V_MISMATCH;
		X509_STORE_CTX_set_error(ctx, X509_V_ERR_APPLICATION_VERIFICATION);
		return 0;
	}
	if (chain_ok && name_ok) {
		vs->verdict = V_OK;
		vs->trust = VSPHERE_TRUST_CA;
		return 1;
	}
	if (!chain_ok)
		snprintf(vs->verify_reason, sizeof vs->verify_reason, "%s",
			 X509_verify_cert_error_string(verr));
	else
		snprintf(vs->verify_reason, sizeof vs->verify_reason,
			 "the certificate is not issued for the name %s", vs->host);

	if ((vs->once && tlstrust_matches(vs->once, &vs->cert)) ||
	    (vs->pin && tlstrust_matches(vs->pin, &vs->cert))) {
		vs->verdict = V_OK;
		vs->trust = VSPHERE_TRUST_PIN;
		X509_STORE_CTX_set_error(ctx, X509_V_OK);
		return 1;
	}
	if (vs->insecure) {
		vs->verdict = V_OK;
		vs->trust = VSPHERE_TRUST_INSECURE;
		X509_STORE_CTX_set_error(ctx, X509_V_OK);
		return 1;
	}
	vs->verdict = V_UNTRUSTED;
	return 0;
}

static CURLcode ssl_ctx_cb(CURL *curl, void *sslctx, void *arg)
{
	(void)curl;
	SSL_CTX_set_cert_verify_callback((SSL_CTX *)sslctx, verify_cert, arg);
	return CURLE_OK;
}

/* ---- transport ---- */

static size_t write_cb(char *data, size_t size, size_t n, void *arg)
{
	struct vsphere *vs = arg;
	size_t len = size * n;
	if (vs->push_fn && vs->got + len > vs->stream_max) {
		vs->stream_over = true;
		return 0; /* aborts the transfer */
	}
	if (!vs->push && vs->got + len > vs->max_response) {
		vs->resp_too_big = true;
		return 0;
	}
	vs->got += len;
	if (vs->push_fn && !vs->push_decided) {
		/* only a 200 over a checked certificate is parsed on the fly; faults (500)
		 * and the rest are buffered and judged as vsphere_call() judges them */
		vs->push_decided = true;
		long code = 0;
		curl_easy_getinfo(vs->curl, CURLINFO_RESPONSE_CODE, &code);
		if (code == 200 && vs->trust != VSPHERE_TRUST_NONE) {
			vs->push = soap_push_new(vs->push_names, vs->push_container, vs->push_fn,
						 vs->push_arg);
			if (vs->push_leaf)
				soap_push_collect(vs->push, vs->push_leaf);
		}
	}
	if (vs->push) {
		if (soap_push_feed(vs->push, data, len))
			return len;
		/* the parser has its verdict (malformed, a limit, a refused object): the
		 * rest of the answer is not received */
		vs->push_halted = true;
		return 0;
	}
	/* grow by doubling, but never past the cap: the cap bounds memory */
	if (vs->resp_len + len + 1 > vs->resp_cap) {
		size_t cap = vs->resp_cap ? vs->resp_cap : 65536;
		while (cap < vs->resp_len + len + 1)
			cap *= 2;
		if (cap > vs->max_response + 1)
			cap = vs->max_response + 1;
		vs->resp = xrealloc(vs->resp, cap);
		vs->resp_cap = cap;
	}
	memcpy(vs->resp + vs->resp_len, data, len);
	vs->resp_len += len;
	vs->resp[vs->resp_len] = '\0';
	return len;
}

static int xfer_cb(void *arg, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un)
{
	struct vsphere *vs = arg;
	(void)dt;
	(void)dn;
	(void)ut;
	(void)un;
	return !vs->no_cancel && vs->cancel && vs->cancel(vs->cancel_arg);
}

static void set_action(struct vsphere *vs, const char *version)
{
	if (vs->headers)
		curl_slist_free_all(vs->headers);
	struct curl_slist *h = NULL;
	h = curl_slist_append(h, "Content-Type: text/xml; charset=\"utf-8\"");
	char *a = xasprintf("SOAPAction: \"urn:vim25/%s\"", version);
	h = curl_slist_append(h, a);
	free(a);
	h = curl_slist_append(h, "Expect:");
	if (!h)
		mem_die("out of memory (curl headers)");
	vs->headers = h;
	curl_easy_setopt(vs->curl, CURLOPT_HTTPHEADER, h);
}

struct vsphere *vsphere_new(const struct conn *c)
{
	static bool global;
	if (!global) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
			mem_die("cannot initialise libcurl");
		global = true;
	}
	struct vsphere *vs = xcalloc(1, sizeof *vs);
	vs->url = xstrdup(c->url);
	vs->host = xstrdup(c->host);
	vs->port = c->port;
	vs->ca_file = xstrdup(c->ca_file);
	vs->pin = xstrdup(c->thumbprint);
	vs->pin_from = xstrdup(c->thumbprint_from ? c->thumbprint_from : "--thumbprint");
	vs->insecure = c->insecure;
	vs->timeout = c->timeout > 0 ? c->timeout : CONN_DEFAULT_TIMEOUT;
	vs->connect_timeout = c->connect_timeout > 0 ? c->connect_timeout : CONN_DEFAULT_CONNECT_TIMEOUT;
	vs->max_response = DEFAULT_MAX_RESPONSE;
	/* a smaller cap for machines with little memory: the whole response is held in
	 * memory before it is parsed */
	const char *mr = getenv("VCHNET_MAX_RESPONSE_MB");
	if (mr && *mr) {
		char *end;
		long mb = strtol(mr, &end, 10);
		if (!*end && mb >= 1 && mb <= 4096)
			vs->max_response = (size_t)mb << 20;
	}
	/* the password is copied at login only (for re-login): one copy less to wipe */
	vs->user = xstrdup(c->username);

	CURL *h = curl_easy_init();
	if (!h)
		mem_die("cannot create a libcurl handle");
	vs->curl = h;
	curl_easy_setopt(h, CURLOPT_URL, vs->url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "https");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_MAXREDIRS, 0L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_COOKIEFILE, ""); /* in-memory cookies only, never a jar */
	curl_easy_setopt(h, CURLOPT_USERAGENT, "vchnet/" PACKAGE_VERSION);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, vs->connect_timeout);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, vs->timeout);
	/* a server that stops sending is given up well before the total timeout */
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, vs->timeout < 60 ? vs->timeout : 60L);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, vs);
	curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, xfer_cb);
	curl_easy_setopt(h, CURLOPT_XFERINFODATA, vs);
	curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(h, CURLOPT_POST, 1L);
	/* our verify callback checks chain, name and pin; VERIFYPEER makes a rejection
	 * abort the handshake; curl's own later name check would wrongly undo a pin */
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L);
	if (curl_easy_setopt(h, CURLOPT_SSL_CTX_FUNCTION, ssl_ctx_cb) != CURLE_OK ||
	    curl_easy_setopt(h, CURLOPT_SSL_CTX_DATA, vs) != CURLE_OK)
		vs->no_ctx = true; /* every call will refuse: see vsphere_call() */
	/* a resumed TLS session skips certificate verification: never resume */
	curl_easy_setopt(h, CURLOPT_SSL_SESSIONID_CACHE, 0L);
	if (vs->ca_file) {
		curl_easy_setopt(h, CURLOPT_CAINFO, vs->ca_file);
	} else {
		/* The system store is both a bundle file and a hashed directory of the same
		 * certificates (Debian's update-ca-certificates writes both). The bundle is
		 * parsed whole at every handshake (about 145 certificates, some 35 ms of CPU
		 * per connection); the directory is read on demand, only the issuers the
		 * chain needs. So when curl has a default directory, trust that alone. */
		char *capath = NULL;
		if (curl_easy_getinfo(h, CURLINFO_CAPATH, &capath) == CURLE_OK && capath && *capath &&
		    access(capath, R_OK | X_OK) == 0)
			curl_easy_setopt(h, CURLOPT_CAINFO, NULL);
	}
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)vs->max_response);
	set_action(vs, BOOTSTRAP_VERSION);
	return vs;
}

void vsphere_set_cancel(struct vsphere *vs, vsphere_cancel_fn fn, void *arg)
{
	vs->cancel = fn;
	vs->cancel_arg = arg;
}

void vsphere_set_max_response(struct vsphere *vs, size_t bytes)
{
	vs->max_response = bytes;
	curl_easy_setopt(vs->curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)bytes);
}

int vsphere_trust_thumbprint(struct vsphere *vs, const char *thumbprint)
{
	char *t = tlstrust_normalize(thumbprint);
	if (!t)
		return -1;
	free(vs->once);
	vs->once = t;
	/* the next handshake must run the check again with the new pin */
	curl_easy_setopt(vs->curl, CURLOPT_FRESH_CONNECT, 1L);
	return 0;
}

static int transport_error(struct vsphere *vs, const char *method, CURLcode rc, const char *ebuf)
{
	const char *why = ebuf[0] ? ebuf : curl_easy_strerror(rc);
	if (vs->verdict == V_MISMATCH)
		return fail(vs, VSPHERE_ERR_PIN_MISMATCH,
			    "the certificate of %s:%d does not match the pinned thumbprint: the "
			    "server presented SHA-256 %s (SHA-1 %s) but %s pins %s; refusing to "
			    "connect. If the certificate was replaced on purpose, check it and "
			    "update the pin; otherwise someone may be intercepting the connection",
			    vs->host, vs->port, vs->cert.sha256, vs->cert.sha1, vs->pin_from, vs->pin);
	if (vs->verdict == V_UNTRUSTED && vs->have_cert)
		return fail(vs, VSPHERE_ERR_UNTRUSTED,
			    "the certificate of %s:%d is not trusted (%s). Subject: %s; issuer: %s; "
			    "valid %s to %s; SHA-1 %s. If this is your vCenter's certificate, re-run "
			    "with --thumbprint %s (or add it to the known-hosts file)",
			    vs->host, vs->port, vs->verify_reason, vs->cert.subject, vs->cert.issuer,
			    vs->cert.not_before, vs->cert.not_after, vs->cert.sha1, vs->cert.sha256);
	if (rc == CURLE_ABORTED_BY_CALLBACK)
		return fail(vs, VSPHERE_ERR_CANCELLED, "%s: cancelled", method);
	if (vs->push_fn && (vs->stream_over || rc == CURLE_FILESIZE_EXCEEDED)) {
		/* the caller's budget: it words the error (vsphere_call_stream()) */
		vs->stream_over = true;
		return fail(vs, VSPHERE_ERR_PROTOCOL, "%s: the answer from %s is larger than "
			    "the %zu bytes left for it", method, vs->host, vs->stream_max);
	}
	if (rc == CURLE_WRITE_ERROR && vs->resp_too_big)
		return fail(vs, VSPHERE_ERR_PROTOCOL,
			    "%s: the response from %s is larger than the limit of %zu MiB; refusing "
			    "it (is this really vCenter?)", method, vs->host, vs->max_response >> 20);
	if (rc == CURLE_FILESIZE_EXCEEDED)
		return fail(vs, VSPHERE_ERR_PROTOCOL,
			    "%s: the response from %s announces more than the limit of %zu MiB; "
			    "refusing it (is this really vCenter?)", method, vs->host,
			    vs->max_response >> 20);
	/* transport failures: the SOAP method means nothing to the reader here */
	if (rc == CURLE_OPERATION_TIMEDOUT)
		return fail(vs, VSPHERE_ERR_CONNECT,
			    "%s:%d did not answer in time (%s); check the address and the network, "
			    "or raise --timeout / --connect-timeout", vs->host, vs->port, why);
	/* the host as context, so that a face naming the host already can show the cause */
	fail(vs, VSPHERE_ERR_CONNECT, "%s; check the address, the port and that vCenter is "
	     "running", why);
	return err_prefix("cannot talk to %s:%d", vs->host, vs->port);
}

static int fault_error(struct vsphere *vs, const char *method, const struct soap_fault *f)
{
	if (strcmp(f->type, "InvalidLogin") == 0)
		return fail(vs, VSPHERE_ERR_LOGIN,
			    "login to %s as %s failed: incorrect user name or password; check the "
			    "user name (--username, VCHNET_USERNAME) and the password (--password-file, "
			    "VCHNET_PASSWORD)", vs->host, vs->user ? vs->user : "?");
	if (strcmp(f->type, "NotAuthenticated") == 0) {
		vs->logged_in = false;
		return fail(vs, VSPHERE_ERR_NOT_AUTH,
			    "%s: the session with %s is not logged in or has expired; log in again",
			    method, vs->host);
	}
	if (strcmp(f->type, "NoPermission") == 0) {
		fail(vs, VSPHERE_ERR_FAULT,
		     "%s: permission denied: user %s needs the privilege %s on %s; ask a "
		     "vSphere administrator to grant it", method, vs->user ? vs->user : "?",
		     f->privilege ? f->privilege : "(not named by the server)",
		     f->object ? f->object : "the object");
		return err_kind_set(ERR_PERMISSION);
	}
	fail(vs, VSPHERE_ERR_FAULT, "%s failed: %s%s%s", method, f->type,
	     f->message[0] ? ": " : "", f->message);
	if (strcmp(f->type, "NotFound") == 0 || strcmp(f->type, "ManagedObjectNotFound") == 0)
		err_kind_set(ERR_NOT_FOUND);
	return -1;
}

/* Sends one request and checks the transport, the certificate verdict and the HTTP
 * status: returns 0 with the body in vs->resp and its status in *code (200 or 500),
 * or -1 with the error set. */
static int perform(struct vsphere *vs, const char *method, const char *body, size_t len, long *code)
{
	char ebuf[CURL_ERROR_SIZE] = "";
	if (vs->no_ctx)
		return fail(vs, VSPHERE_ERR_CONNECT, "%s: this libcurl cannot check certificates the "
			    "way vchnet needs (it must use OpenSSL: install libcurl4-openssl-dev and "
			    "rebuild)", method);
	vs->resp_len = 0;
	vs->got = 0;
	vs->resp_too_big = false;
	vs->stream_over = false;
	vs->push_halted = false;
	vs->verdict = V_NONE;
	vs->status = VSPHERE_OK;
	curl_easy_setopt(vs->curl, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(vs->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(vs->curl, CURLOPT_ERRORBUFFER, ebuf);
	vs->requests++;
	CURLcode rc = curl_easy_perform(vs->curl);
	curl_easy_setopt(vs->curl, CURLOPT_ERRORBUFFER, NULL);
	curl_easy_setopt(vs->curl, CURLOPT_POSTFIELDS, NULL);
	curl_easy_setopt(vs->curl, CURLOPT_FRESH_CONNECT, 0L);
	if (rc == CURLE_WRITE_ERROR && vs->push_halted) {
		/* we stopped it: the parser gives the verdict. The connection is left
		 * mid-answer, so the next request needs a fresh one */
		curl_easy_setopt(vs->curl, CURLOPT_FRESH_CONNECT, 1L);
		*code = 200;
		return 0;
	}
	if (rc != CURLE_OK)
		return transport_error(vs, method, rc, ebuf);
	if (vs->trust == VSPHERE_TRUST_NONE)
		/* fail closed: an answer arrived but our check never ran on its certificate */
		return fail(vs, VSPHERE_ERR_UNTRUSTED, "%s: the certificate of %s was not checked; "
			    "refusing the answer", method, vs->host);
	*code = 0;
	curl_easy_getinfo(vs->curl, CURLINFO_RESPONSE_CODE, code);
	if (*code >= 300 && *code < 400) {
		char *loc = NULL;
		curl_easy_getinfo(vs->curl, CURLINFO_REDIRECT_URL, &loc);
		return fail(vs, VSPHERE_ERR_CONNECT,
			    "%s: %s answered with a redirect (HTTP %ld%s%.200s); vchnet does not "
			    "follow redirects: give the vCenter SDK URL itself with --url "
			    "(https://host/sdk)", method, vs->host, *code, loc ? " to " : "",
			    loc ? loc : "");
	}
	if (*code != 200 && *code != 500)
		return fail(vs, VSPHERE_ERR_CONNECT,
			    "%s: %s answered HTTP %ld instead of a SOAP response; is %s the SDK "
			    "endpoint of a vCenter or ESXi (usually https://host/sdk)?", method,
			    vs->host, *code, vs->url);
	return 0;
}

/* Drops a large response buffer once it has been parsed, so that it does not stay
 * allocated (up to the size cap) for the life of the connection. */
static void release_resp(struct vsphere *vs)
{
	if (vs->resp_cap > (1u << 20)) {
		free(vs->resp);
		vs->resp = NULL;
		vs->resp_cap = 0;
	}
	vs->resp_len = 0;
}

static xmlDoc *judge(struct vsphere *vs, const char *method, long code, xmlDoc *doc);

/* The tree of the answer in vs->resp: a fault, an HTTP 500 without one and an answer to
 * another method become errors. */
static xmlDoc *dom_answer(struct vsphere *vs, const char *method, long code)
{
	xmlDoc *doc = soap_parse(vs->resp ? vs->resp : "", vs->resp_len);
	if (!doc) {
		vs->status = VSPHERE_ERR_PROTOCOL;
		err_kind_set(ERR_PROTOCOL);
		err_prefix("%s", method);
		return NULL;
	}
	return judge(vs, method, code, doc);
}

/* The verdict on a parsed answer (doc is taken: returned, or freed on error). */
static xmlDoc *judge(struct vsphere *vs, const char *method, long code, xmlDoc *doc)
{
	struct soap_fault f;
	if (soap_fault_parse(doc, &f)) {
		fault_error(vs, method, &f);
		soap_fault_free(&f);
		xmlFreeDoc(doc);
		return NULL;
	}
	if (code == 500) {
		xmlFreeDoc(doc);
		fail(vs, VSPHERE_ERR_PROTOCOL, "%s: %s answered HTTP 500 without a SOAP fault", method,
		     vs->host);
		return NULL;
	}
	xmlNode *first = soap_body_first(doc);
	char *want = xasprintf("%sResponse", method);
	bool okname = soap_name_is(first, want);
	free(want);
	if (!okname) {
		xmlFreeDoc(doc);
		fail(vs, VSPHERE_ERR_PROTOCOL, "%s: the server's answer is not a %sResponse", method, method);
		return NULL;
	}
	return doc;
}

struct _xmlDoc *vsphere_call(struct vsphere *vs, const char *method, const char *body, size_t len)
{
	long code;
	if (perform(vs, method, body, len, &code) < 0)
		return NULL;
	xmlDoc *doc = dom_answer(vs, method, code);
	release_resp(vs);
	return doc;
}

size_t vsphere_response_bytes(const struct vsphere *vs)
{
	return vs->got;
}

int vsphere_call_stream(struct vsphere *vs, const char *method, const char *body, size_t len,
			size_t max_bytes, const char *container, const char *leaf, soap_each_fn fn,
			void *arg, struct _xmlDoc **dom)
{
	*dom = NULL;
	vs->stream_max = max_bytes;
	curl_easy_setopt(vs->curl, CURLOPT_MAXFILESIZE_LARGE,
			 (curl_off_t)(max_bytes < INT64_MAX ? max_bytes : INT64_MAX));
	char *want = xasprintf("%sResponse", method);
	const char *const names[] = {want, NULL};
	vs->push_names = names;
	vs->push_container = container;
	vs->push_leaf = leaf;
	vs->push_fn = fn;
	vs->push_arg = arg;
	vs->push_decided = false;
	vs->push = NULL;
	long code;
	int r = perform(vs, method, body, len, &code);
	struct soap_push *push = vs->push;
	vs->push = NULL;
	vs->push_fn = NULL;
	curl_easy_setopt(vs->curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)vs->max_response);
	if (r < 0) {
		soap_push_free(push);
		free(want);
		if (!vs->stream_over)
			return -1;
		/* nothing wrong with the server as such: the caller's limit was reached */
		vs->status = VSPHERE_OK;
		return SOAP_STREAM_OVER;
	}
	if (push) {
		r = soap_push_finish(push, dom);
	} else {
		r = SOAP_STREAM_DOM;
		if (code == 200)
			r = soap_stream(vs->resp ? vs->resp : "", vs->resp_len, names, container, fn, arg);
	}
	free(want);
	if (r == SOAP_STREAM_DOM) {
		/* faults, HTTP 500 and anything unexpected: judged exactly as vsphere_call()
		 * judges them */
		*dom = *dom ? judge(vs, method, code, *dom) : dom_answer(vs, method, code);
		r = *dom ? 0 : -1;
	} else if (r == SOAP_STREAM_BAD) {
		vs->status = VSPHERE_ERR_PROTOCOL;
		err_kind_set(ERR_PROTOCOL);
		err_prefix("%s", method);
		r = -1;
	}
	release_resp(vs);
	return r;
}

struct _xmlDoc *vsphere_call_relogin(struct vsphere *vs, const char *method, const char *body, size_t len)
{
	xmlDoc *doc = vsphere_call(vs, method, body, len);
	if (doc || vs->status != VSPHERE_ERR_NOT_AUTH || !vs->password)
		return doc;
	if (vsphere_relogin(vs) < 0)
		return NULL;
	return vsphere_call(vs, method, body, len);
}

void vsphere_note_not_authenticated(struct vsphere *vs)
{
	vs->status = VSPHERE_ERR_NOT_AUTH;
	vs->logged_in = false;
}

static char *moref_of(xmlNode *parent, const char *name)
{
	return soap_child_text(parent, name);
}

int vsphere_connect(struct vsphere *vs)
{
	struct soap_buf b = {0};
	soap_begin(&b, "RetrieveServiceContent", "ServiceInstance", "ServiceInstance");
	soap_end(&b, "RetrieveServiceContent");
	xmlDoc *doc = vsphere_call(vs, "RetrieveServiceContent", b.s, b.len);
	soap_buf_free(&b);
	if (!doc)
		return -1;
	xmlNode *rv = soap_child(soap_body_first(doc), "returnval");
	xmlNode *about = soap_child(rv, "about");
	free(vs->root_folder);
	free(vs->property_collector);
	free(vs->view_manager);
	free(vs->session_manager);
	free(vs->api_type);
	free(vs->api_version);
	free(vs->about_name);
	vs->root_folder = moref_of(rv, "rootFolder");
	vs->property_collector = moref_of(rv, "propertyCollector");
	vs->view_manager = moref_of(rv, "viewManager");
	vs->session_manager = moref_of(rv, "sessionManager");
	vs->api_type = soap_child_text(about, "apiType");
	vs->api_version = soap_child_text(about, "apiVersion");
	vs->about_name = soap_child_text(about, "fullName");
	xmlFreeDoc(doc);
	if (!vs->root_folder || !vs->property_collector || !vs->session_manager ||
	    !vs->api_version || !vs->view_manager)
		return fail(vs, VSPHERE_ERR_PROTOCOL,
			    "%s did not describe its services (rootFolder, propertyCollector, "
			    "viewManager, sessionManager, about.apiVersion); is it vCenter or ESXi?",
			    vs->url);
	for (const char *p = vs->api_version; *p; p++)
		if (!(*p == '.' || (*p >= '0' && *p <= '9')))
			return fail(vs, VSPHERE_ERR_PROTOCOL, "%s reported an odd API version \"%.40s\"",
				    vs->url, vs->api_version);
	set_action(vs, vs->api_version);
	return 0;
}

const struct tls_cert_info *vsphere_cert(const struct vsphere *vs)
{
	return vs->have_cert ? &vs->cert : NULL;
}

enum vsphere_trust vsphere_trusted_by(const struct vsphere *vs)
{
	return vs->trust;
}

int vsphere_login(struct vsphere *vs, const char *user, const char *password)
{
	if (!vs->session_manager && vsphere_connect(vs) < 0)
		return -1;
	if (user != vs->user)
		mem_set_str(&vs->user, user);
	if (password != vs->password) {
		if (password)
			conn_hold_secret();
		char *p = xstrdup(password);
		mem_free_secret(vs->password);
		vs->password = p;
	}
	if (!vs->password)
		return fail(vs, VSPHERE_ERR_LOGIN, "no password to log in to %s with", vs->host);
	/* the body is built in one buffer that never moves (a realloc would leave a copy
	 * of what was written so far behind, unwiped), and wiped after the call */
	struct soap_buf b = {0};
	soap_buf_reserve(&b, 1024 + 6 * (strlen(vs->password) + strlen(vs->user ? vs->user : "") +
					 strlen(vs->session_manager)));
	soap_begin(&b, "Login", "SessionManager", vs->session_manager);
	soap_elem(&b, "userName", vs->user);
	soap_elem(&b, "password", vs->password);
	soap_end(&b, "Login");
	xmlDoc *doc = vsphere_call(vs, "Login", b.s, b.len);
	soap_buf_free_secret(&b);
	if (!doc) {
		/* a rejected password is not kept for re-login */
		if (vs->status == VSPHERE_ERR_LOGIN) {
			mem_free_secret(vs->password);
			vs->password = NULL;
		}
		return -1;
	}
	xmlFreeDoc(doc);
	vs->logged_in = true;
	return 0;
}

int vsphere_relogin(struct vsphere *vs)
{
	if (!vs->password)
		return fail(vs, VSPHERE_ERR_NOT_AUTH,
			    "the session with %s has expired and no password is held; log in again",
			    vs->host);
	return vsphere_login(vs, vs->user, vs->password);
}

bool vsphere_logged_in(const struct vsphere *vs)
{
	return vs->logged_in;
}

int vsphere_logout(struct vsphere *vs)
{
	if (!vs->logged_in)
		return 0;
	struct soap_buf b = {0};
	soap_begin(&b, "Logout", "SessionManager", vs->session_manager);
	soap_end(&b, "Logout");
	/* logging out is how we clean up after a cancel: it is never cancelled itself */
	bool was = vs->no_cancel;
	vs->no_cancel = true;
	/* ... but a server that does not answer must not keep the user waiting long */
	curl_easy_setopt(vs->curl, CURLOPT_TIMEOUT, vs->timeout < 10 ? vs->timeout : 10L);
	xmlDoc *doc = vsphere_call(vs, "Logout", b.s, b.len);
	curl_easy_setopt(vs->curl, CURLOPT_TIMEOUT, vs->timeout);
	vs->no_cancel = was;
	soap_buf_free(&b);
	vs->logged_in = false;
	if (!doc)
		return -1;
	xmlFreeDoc(doc);
	return 0;
}

void vsphere_free(struct vsphere *vs)
{
	if (!vs)
		return;
	if (vs->logged_in) {
		char keep[2048];
		snprintf(keep, sizeof keep, "%s", err_msg());
		vsphere_logout(vs); /* best effort: a failure here must not hide the real error */
		err_set("%s", keep);
	}
	curl_easy_setopt(vs->curl, CURLOPT_COOKIELIST, "ALL");
	curl_easy_cleanup(vs->curl);
	curl_slist_free_all(vs->headers);
	free(vs->url);
	free(vs->host);
	free(vs->ca_file);
	free(vs->pin);
	free(vs->pin_from);
	free(vs->once);
	tlstrust_cert_free(&vs->cert);
	free(vs->resp);
	free(vs->api_type);
	free(vs->api_version);
	free(vs->about_name);
	free(vs->soap_action_version);
	free(vs->root_folder);
	free(vs->property_collector);
	free(vs->view_manager);
	free(vs->session_manager);
	free(vs->user);
	mem_free_secret(vs->password);
	free(vs);
}

enum vsphere_status vsphere_status(const struct vsphere *vs)
{
	return vs->status;
}

int vsphere_exit_code(const struct vsphere *vs)
{
	switch (vs->status) {
	case VSPHERE_OK: return EXIT_OK;
	case VSPHERE_ERR_UNTRUSTED:
	case VSPHERE_ERR_PIN_MISMATCH: return EXIT_UNTRUSTED;
	case VSPHERE_ERR_CONNECT:
	case VSPHERE_ERR_LOGIN:
	case VSPHERE_ERR_NOT_AUTH:
	case VSPHERE_ERR_PROTOCOL:
	case VSPHERE_ERR_CANCELLED: return EXIT_CONNECT;
	case VSPHERE_ERR_FAULT: return EXIT_PROBLEMS;
	}
	return EXIT_PROBLEMS;
}

const char *vsphere_api_type(const struct vsphere *vs) { return vs->api_type; }
const char *vsphere_api_version(const struct vsphere *vs) { return vs->api_version; }
const char *vsphere_about_name(const struct vsphere *vs) { return vs->about_name; }
const char *vsphere_url(const struct vsphere *vs) { return vs->url; }
const char *vsphere_root_folder(const struct vsphere *vs) { return vs->root_folder; }
const char *vsphere_property_collector(const struct vsphere *vs) { return vs->property_collector; }
const char *vsphere_view_manager(const struct vsphere *vs) { return vs->view_manager; }
unsigned vsphere_request_count(const struct vsphere *vs) { return vs->requests; }

int vsphere_enable_ruleset(struct vsphere *vs, const char *firewall_system, const char *ruleset)
{
	struct soap_buf b = {0};
	soap_begin(&b, "EnableRuleset", "HostFirewallSystem", firewall_system);
	soap_elem(&b, "id", ruleset);
	soap_end(&b, "EnableRuleset");
	xmlDoc *doc = vsphere_call_relogin(vs, "EnableRuleset", b.s, b.len);
	soap_buf_free(&b);
	if (!doc)
		return -1;
	xmlFreeDoc(doc);
	return 0;
}

int vsphere_add_dvportgroup(struct vsphere *vs, const char *switch_type, const char *switch_id,
		       const char *name, int vlan, int num_ports, char **task)
{
	*task = NULL;
	struct soap_buf b = {0};
	soap_begin(&b, "AddDVPortgroup_Task", switch_type, switch_id);
	soap_buf_add(&b, "<spec>");
	soap_elem(&b, "name", name);
	soap_buf_addf(&b, "<numPorts>%d</numPorts>", num_ports > 0 ? num_ports : 8);
	soap_buf_add(&b, "<type>earlyBinding</type>");
	soap_buf_addf(&b, "<defaultPortConfig xsi:type=\"VMwareDVSPortSetting\">"
			  "<vlan xsi:type=\"VmwareDistributedVirtualSwitchVlanIdSpec\">"
			  "<inherited>false</inherited><vlanId>%d</vlanId></vlan>"
			  "</defaultPortConfig>", vlan);
	soap_buf_add(&b, "</spec>");
	soap_end(&b, "AddDVPortgroup_Task");
	xmlDoc *doc = vsphere_call_relogin(vs, "AddDVPortgroup_Task", b.s, b.len);
	soap_buf_free(&b);
	if (!doc)
		return -1;
	*task = soap_child_text(soap_body_first(doc), "returnval");
	xmlFreeDoc(doc);
	if (!*task || !**task) {
		free(*task);
		*task = NULL;
		return fail(vs, VSPHERE_ERR_PROTOCOL, "AddDVPortgroup_Task returned no task");
	}
	return 0;
}

int vsphere_wait_task(struct vsphere *vs, const char *task, unsigned poll_ms,
		 void (*progress)(void *arg, int percent), void *arg)
{
	for (;;) {
		struct soap_buf b = {0};
		soap_begin(&b, "RetrievePropertiesEx", "PropertyCollector", vs->property_collector);
		soap_buf_add(&b, "<specSet><propSet><type>Task</type><pathSet>info</pathSet></propSet>");
		soap_buf_add(&b, "<objectSet>");
		soap_moref(&b, "obj", "Task", task);
		soap_buf_add(&b, "</objectSet></specSet><options/>");
		soap_end(&b, "RetrievePropertiesEx");
		xmlDoc *doc = vsphere_call_relogin(vs, "RetrievePropertiesEx", b.s, b.len);
		soap_buf_free(&b);
		if (!doc)
			return err_prefix("waiting for task %s", task);
		xmlNode *objs = soap_child(soap_child(soap_body_first(doc), "returnval"), "objects");
		xmlNode *info = NULL;
		for (xmlNode *ps = soap_child(objs, "propSet"); ps; ps = soap_next(ps, "propSet"))
			info = soap_child(ps, "val");
		if (!info) {
			xmlFreeDoc(doc);
			return fail(vs, VSPHERE_ERR_PROTOCOL, "task %s: the server returned no info", task);
		}
		char *state = soap_child_text(info, "state");
		long pct = soap_child_long(info, "progress", -1);
		int r = 1;
		if (state && strcmp(state, "success") == 0) {
			r = 0;
		} else if (state && strcmp(state, "error") == 0) {
			xmlNode *e = soap_child(info, "error");
			char *msg = soap_child_text(e, "localizedMessage");
			char *type = soap_xsi_type(soap_child(e, "fault"));
			r = fail(vs, VSPHERE_ERR_FAULT, "task %s failed: %s%s%s", task,
				 type ? type : "error", msg && *msg ? ": " : "", msg ? msg : "");
			free(msg);
			free(type);
		} else if (progress && pct >= 0) {
			progress(arg, (int)pct);
		}
		free(state);
		xmlFreeDoc(doc);
		if (r <= 0)
			return r;
		if (vs->cancel && vs->cancel(vs->cancel_arg))
			return fail(vs, VSPHERE_ERR_CANCELLED, "waiting for task %s: cancelled (the task "
				    "may still complete on the server)", task);
		usleep(poll_ms * 1000u);
	}
}
