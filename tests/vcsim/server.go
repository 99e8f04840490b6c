package main

// The HTTP side. The simulator's handlers (/sdk, /folder, ...) sit behind
// one wrapper that adds what tests need and the stock server lacks:
// per-method request counts, a latency (fixed, or read from a file at each
// request, so one simulator serves several), and session expiry on
// demand (SIGUSR1), answered with the NotAuthenticated fault vCenter sends.

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"encoding/xml"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/vmware/govmomi/simulator"
)

const sessionCookie = "vmware_soap_session"

type server struct {
	addr   net.Addr
	sha1   string
	sha256 string
	mux    http.Handler
	http   *http.Server
	done   chan error
	delay  time.Duration
	// delayFile, when set, holds the latency in ms, read at each request
	// (one simulator serves several latencies: the inventory is built once)
	delayFile string

	mu        sync.Mutex
	live      map[string]bool // session cookies handed out by Login
	revoked   map[string]bool // cookies expired by SIGUSR1
	counts    map[string]int
	countFile string
	noInfoFw  map[string]bool // firewall systems of "no-info" hosts

	inv    *inventory
	typeMu sync.Mutex // serializes the calls that change a switch
}

func newServer(inv *inventory, o *options) (*server, error) {
	svc := inv.model.Service
	svc.Listen = &url.URL{}
	if o.username != "" {
		svc.Listen.User = url.UserPassword(o.username, o.password)
	}
	svc.RegisterSDK(simulator.Map)
	mux := svc.ServeMux
	mux.HandleFunc(simulator.Map.Path+"/vimServiceVersions.xml", svc.ServiceVersions)
	mux.HandleFunc("/folder/", svc.ServeDatastore)
	mux.HandleFunc("/about", svc.About)

	if o.traceFile != "" {
		f, err := os.OpenFile(o.traceFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
		if err != nil {
			return nil, fmt.Errorf("-trace: %v", err)
		}
		simulator.Trace = true
		simulator.TraceFile = f
	}

	ln, err := net.Listen("tcp", o.listen)
	if err != nil {
		return nil, fmt.Errorf("listening on %s: %v", o.listen, err)
	}
	s := &server{
		addr:      ln.Addr(),
		mux:       mux,
		done:      make(chan error, 1),
		delay:     time.Duration(o.delayMs) * time.Millisecond,
		delayFile: o.delayFile,
		live:      map[string]bool{},
		revoked:   map[string]bool{},
		counts:    map[string]int{},
		countFile: o.countFile,
		noInfoFw:  map[string]bool{},
		inv:       inv,
	}
	for _, h := range inv.hosts {
		if h.fwState == "no-info" {
			s.noInfoFw[h.sim.ConfigManager.FirewallSystem.Value] = true
		}
	}
	scheme := "http"
	if !o.httpOnly {
		scheme = "https"
		cert, err := loadOrMakeCert(o)
		if err != nil {
			ln.Close()
			return nil, err
		}
		leaf, err := x509.ParseCertificate(cert.Certificate[0])
		if err != nil {
			ln.Close()
			return nil, fmt.Errorf("parsing the certificate: %v", err)
		}
		s.sha1 = fingerprint(sha1.Sum(leaf.Raw))
		s.sha256 = fingerprint(sha256.Sum256(leaf.Raw))
		if o.certOut != "" {
			pemText := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: leaf.Raw})
			if err := writeFileAtomic(o.certOut, pemText); err != nil {
				ln.Close()
				return nil, fmt.Errorf("-cert-out: %v", err)
			}
		}
		ln = tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12})
	}
	svc.Listen.Scheme = scheme
	svc.Listen.Host = s.addr.String()
	svc.Listen.Path = simulator.Map.Path
	simulator.Map.SessionManager().ServiceHostName = s.addr.String()
	if s.countFile != "" {
		if err := s.writeCounts(); err != nil {
			ln.Close()
			return nil, fmt.Errorf("-count-file: %v", err)
		}
	}

	s.http = &http.Server{Handler: s, ReadHeaderTimeout: 30 * time.Second}
	go func() { s.done <- s.http.Serve(ln) }()
	return s, nil
}

func (s *server) close() { s.http.Close() }

func fingerprint(sum interface{}) string {
	var b []byte
	switch x := sum.(type) {
	case [sha1.Size]byte:
		b = x[:]
	case [sha256.Size]byte:
		b = x[:]
	}
	hex := make([]string, len(b))
	for i, c := range b {
		hex[i] = fmt.Sprintf("%02X", c)
	}
	return strings.Join(hex, ":")
}

// loadOrMakeCert loads -tls-cert/-tls-key, or makes a fresh self-signed
// ECDSA certificate for 127.0.0.1, ::1 and localhost (fast, and no key
// lives in the source tree).
func loadOrMakeCert(o *options) (tls.Certificate, error) {
	if o.tlsCert != "" || o.tlsKey != "" {
		if o.tlsCert == "" || o.tlsKey == "" {
			return tls.Certificate{}, fmt.Errorf("-tls-cert and -tls-key go together")
		}
		cert, err := tls.LoadX509KeyPair(o.tlsCert, o.tlsKey)
		if err != nil {
			return tls.Certificate{}, fmt.Errorf("loading -tls-cert/-tls-key: %v", err)
		}
		return cert, nil
	}
	if o.stableCert {
		return stableCert()
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return tls.Certificate{}, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "localhost", Organization: []string{"vcsim test vCenter"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(365 * 24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		DNSNames:              []string{"localhost"},
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("::1")},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}

// stableCert is the same certificate on every run (for demos and golden
// screens that show the thumbprint): Ed25519 keys come from a fixed seed
// and Ed25519 signatures are deterministic, so with a fixed serial and
// validity the DER, hence the thumbprint, never changes. Not a secret: it
// only ever serves loopback tests.
func stableCert() (tls.Certificate, error) {
	seed := sha256.Sum256([]byte("vchnet vcsim stable test certificate"))
	key := ed25519.NewKeyFromSeed(seed[:])
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(2377),
		Subject:               pkix.Name{CommonName: "localhost", Organization: []string{"vcsim test vCenter"}},
		NotBefore:             time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:              time.Date(2049, 12, 31, 0, 0, 0, 0, time.UTC),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		DNSNames:              []string{"localhost"},
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("::1")},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}

// soapCall is what the wrapper needs to know about a request.
type soapCall struct {
	method   string
	thisType string
	thisVal  string
}

// parseCall finds the method (first element inside Body) and its _this.
func parseCall(body []byte) soapCall {
	var c soapCall
	d := xml.NewDecoder(bytes.NewReader(body))
	inBody, inThis := false, false
	for i := 0; i < 64; i++ {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case !inBody && t.Name.Local == "Body":
				inBody = true
			case inBody && c.method == "":
				c.method = t.Name.Local
			case c.method != "" && t.Name.Local == "_this":
				inThis = true
				for _, a := range t.Attr {
					if a.Name.Local == "type" {
						c.thisType = a.Value
					}
				}
			}
		case xml.CharData:
			if inThis {
				c.thisVal += string(t)
			}
		case xml.EndElement:
			if inThis {
				c.thisVal = strings.TrimSpace(c.thisVal)
				return c
			}
		}
	}
	return c
}

// Methods that work without a session: an expired cookie sent with them is
// ignored, as vCenter does, so a client can log in again.
var sessionless = map[string]bool{
	"RetrieveServiceContent": true, "Login": true, "LoginByToken": true,
	"LoginExtensionByCertificate": true, "LoginExtensionBySubjectName": true, "CloneSession": true,
}

// latency is -delay-ms, or the number in -delay-file while that file exists.
// A file that does not hold a number of ms is reported and ignored.
func (s *server) latency() time.Duration {
	if s.delayFile == "" {
		return s.delay
	}
	b, err := os.ReadFile(s.delayFile)
	if err != nil {
		if !os.IsNotExist(err) {
			log.Printf("-delay-file: %v", err)
		}
		return s.delay
	}
	ms, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || ms < 0 {
		log.Printf("-delay-file %s: %q is not a number of milliseconds", s.delayFile, strings.TrimSpace(string(b)))
		return s.delay
	}
	return time.Duration(ms) * time.Millisecond
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	delay := s.latency()
	if r.Method != http.MethodPost || !strings.HasPrefix(r.URL.Path, simulator.Map.Path) {
		if delay > 0 {
			time.Sleep(delay)
		}
		s.mux.ServeHTTP(w, r)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 256<<20))
	r.Body.Close()
	if err != nil {
		http.Error(w, "reading the request body: "+err.Error(), http.StatusBadRequest)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	call := parseCall(body)
	if call.method != "" {
		s.count(call.method)
	}
	if delay > 0 {
		time.Sleep(delay)
	}

	var key string
	if c, err := r.Cookie(sessionCookie); err == nil {
		key = c.Value
	}
	if key != "" && s.isRevoked(key) {
		if !sessionless[call.method] {
			writeNotAuthenticated(w, call)
			return
		}
		dropCookie(r, sessionCookie)
		key = ""
	}
	// The stock firewall methods dereference firewallInfo: for a "no-info"
	// host answer with a fault instead of crashing the handler.
	if s.noInfoFw[call.thisVal] && call.thisType == "HostFirewallSystem" && s.isLive(key) {
		switch call.method {
		case "EnableRuleset", "DisableRuleset", "UpdateRuleset", "RefreshFirewall", "UpdateDefaultPolicy":
			writeFault(w, "firewall information is not available on this host", "HostConfigFault", "")
			return
		}
	}
	ww := &watcher{ResponseWriter: w, s: s, method: call.method, key: key}
	if changesSwitch(call) {
		s.typeMu.Lock()
		defer s.typeMu.Unlock()
		s.inv.withStockSwitchTypes(func() { s.mux.ServeHTTP(ww, r) })
		return
	}
	s.mux.ServeHTTP(ww, r)
}

// changesSwitch tells the calls after which the stock simulator updates a
// switch's properties (see withStockSwitchTypes).
func changesSwitch(c soapCall) bool {
	switch c.method {
	case "AddDVPortgroup_Task", "ReconfigureDvs_Task":
		return true
	case "Destroy_Task":
		return c.thisType == "DistributedVirtualPortgroup"
	}
	return false
}

// watcher learns the session cookies Login hands out and forgets those
// Logout ends, before the response leaves.
type watcher struct {
	http.ResponseWriter
	s      *server
	method string
	key    string
	wrote  bool
}

func (w *watcher) WriteHeader(code int) {
	if !w.wrote {
		w.wrote = true
		resp := http.Response{Header: w.Header()}
		for _, c := range resp.Cookies() {
			if c.Name == sessionCookie && c.Value != "" {
				w.s.mu.Lock()
				w.s.live[c.Value] = true
				w.s.mu.Unlock()
			}
		}
		if w.method == "Logout" && code == http.StatusOK && w.key != "" {
			w.s.mu.Lock()
			delete(w.s.live, w.key)
			w.s.mu.Unlock()
		}
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *watcher) Write(b []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

func dropCookie(r *http.Request, name string) {
	cookies := r.Cookies()
	r.Header.Del("Cookie")
	for _, c := range cookies {
		if c.Name != name {
			r.AddCookie(c)
		}
	}
}

func (s *server) isLive(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return key != "" && s.live[key]
}

func (s *server) isRevoked(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.revoked[key]
}

// expireSessions ends every session handed out so far (SIGUSR1).
func (s *server) expireSessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := len(s.live)
	for k := range s.live {
		s.revoked[k] = true
	}
	s.live = map[string]bool{}
	return n
}

func xmlText(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// writeNotAuthenticated answers the way vCenter does for a call with an
// expired session: HTTP 500 and a NotAuthenticated fault naming the object.
func writeNotAuthenticated(w http.ResponseWriter, c soapCall) {
	thisType, thisVal := c.thisType, c.thisVal
	if thisType == "" {
		thisType, thisVal = "SessionManager", "SessionManager"
	}
	writeFault(w, "The session is not authenticated.", "NotAuthenticated",
		`<object type="`+xmlText(thisType)+`">`+xmlText(thisVal)+`</object>`+
			`<privilegeId>System.View</privilegeId>`)
}

// writeFault sends a SOAP fault in the simulator's own envelope.
func writeFault(w http.ResponseWriter, msg, kind, inner string) {
	body := `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<soapenv:Envelope xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/"` +
		` xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"` +
		` xmlns:xsd="http://www.w3.org/2001/XMLSchema"` +
		` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<soapenv:Body><soapenv:Fault><faultcode>ServerFaultCode</faultcode>` +
		`<faultstring>` + xmlText(msg) + `</faultstring>` +
		`<detail><` + kind + `Fault xmlns="urn:vim25" xsi:type="` + kind + `">` + inner +
		`</` + kind + `Fault></detail>` +
		`</soapenv:Fault></soapenv:Body></soapenv:Envelope>`
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	_, _ = io.WriteString(w, body)
}

func (s *server) count(method string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.counts[method]++
	if s.countFile != "" {
		if err := s.writeCountsLocked(); err != nil {
			fmt.Fprintf(os.Stderr, "vcsim: writing %s: %v\n", s.countFile, err)
		}
	}
}

func (s *server) writeCounts() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.writeCountsLocked()
}

func (s *server) writeCountsLocked() error {
	out := map[string]int{}
	total := 0
	for k, v := range s.counts {
		out[k] = v
		total += v
	}
	out["_total"] = total
	b, err := json.Marshal(out)
	if err != nil {
		return err
	}
	return writeFileAtomic(s.countFile, append(b, '\n'))
}
