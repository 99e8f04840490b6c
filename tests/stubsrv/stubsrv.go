// stubsrv: a loopback HTTPS server that answers vim25 SOAP requests with canned or
// hostile responses, for the tests the simulator cannot serve (paging, hostile
// servers). It records every SOAP method it receives, one per line with its SOAPAction
// and Cookie headers (and " maxObjects=N" when the request has one), in -record FILE.
//
//	stubsrv -mode MODE [-record FILE] [-env FILE] [-secret-file FILE]
//
// It prints STUB_URL, STUB_HOSTPORT, STUB_THUMBPRINT_SHA256, STUB_THUMBPRINT_SHA1 and
// STUB_PID lines, then "# ready" (also written atomically to -env FILE).
//
// Modes: good (a tiny healthy vCenter), paging (RetrievePropertiesEx in three pages
// with tokens), entity-bomb, xxe, doctype, huge (1 GiB with Content-Length), huge-chunked
// (1 GiB without a length), deep (100,000 nested elements), stall, close-mid-body,
// redirect-http, redirect-other, html-error, malformed, wrong-types, endless-paging
// (every inventory page brings -page-objects new port groups and a fresh token, for
// ever), huge-page (one inventory answer of port groups that goes on for 1 GiB, no
// length), huge-junk (one inventory answer with 1 GiB of elements after its objects),
// huge-object (one object whose propSet goes on for 1 GiB), stall-inventory (healthy
// until the inventory is read, which stalls).
// Hostile modes misbehave on the first request (RetrieveServiceContent), except
// wrong-types and the inventory modes, which answer sensibly until the inventory is read.
package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"flag"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/signal"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"time"
)

var (
	mode       = flag.String("mode", "good", "behaviour (see the source)")
	recordFile = flag.String("record", "", "append received SOAP method names to FILE")
	envFile    = flag.String("env", "", "write the STUB_* lines to FILE when ready")
	secretFile = flag.String("secret-file", "/etc/hostname", "file the xxe mode points its entity at")
	pageObjs   = flag.Int("page-objects", 50, "objects per answer in the endless-paging mode")
	pgHosts    = flag.Int("pg-hosts", 8, "hosts in each port group's host list in the flood modes")
	recordMu   sync.Mutex
	methodRe   = regexp.MustCompile(`<soapenv:Body><([A-Za-z_]+)[ >]`)
	tokenRe    = regexp.MustCompile(`<token>([^<]*)</token>`)
	maxObjRe   = regexp.MustCompile(`<maxObjects>([0-9]+)</maxObjects>`)
)

const envHead = `<?xml version="1.0" encoding="UTF-8"?>` +
	`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ` +
	`xmlns:xsd="http://www.w3.org/2001/XMLSchema" ` +
	`xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>`
const envTail = `</soapenv:Body></soapenv:Envelope>`

const serviceContent = `<RetrieveServiceContentResponse xmlns="urn:vim25"><returnval>` +
	`<rootFolder type="Folder">group-d1</rootFolder>` +
	`<propertyCollector type="PropertyCollector">propertyCollector</propertyCollector>` +
	`<viewManager type="ViewManager">ViewManager</viewManager>` +
	`<about><name>stub</name><fullName>Stub vCenter</fullName><apiType>VirtualCenter</apiType>` +
	`<apiVersion>8.0.2.0</apiVersion></about>` +
	`<sessionManager type="SessionManager">SessionManager</sessionManager>` +
	`</returnval></RetrieveServiceContentResponse>`

func obj(typ, id, props string) string {
	return `<objects><obj type="` + typ + `">` + id + `</obj>` + props + `</objects>`
}

func prop(name, val string) string {
	return `<propSet><name>` + name + `</name>` + val + `</propSet>`
}

func str(s string) string { return `<val xsi:type="xsd:string">` + s + `</val>` }
func ref(t, v string) string {
	return `<val type="` + t + `" xsi:type="ManagedObjectReference">` + v + `</val>`
}

var page1 = obj("Folder", "group-h4", prop("name", str("host"))+prop("parent", ref("Datacenter", "datacenter-2"))) +
	obj("Folder", "group-n6", prop("name", str("network"))+prop("parent", ref("Datacenter", "datacenter-2"))) +
	obj("Datacenter", "datacenter-2", prop("name", str("PagedDC"))+prop("parent", ref("Folder", "group-d1")))

var page2 = obj("ClusterComputeResource", "domain-c7", prop("name", str("Cluster A"))+
	prop("parent", ref("Folder", "group-h4"))+
	prop("host", `<val xsi:type="ArrayOfManagedObjectReference"><ManagedObjectReference type="HostSystem">host-10</ManagedObjectReference></val>`)) +
	obj("HostSystem", "host-10", prop("name", str("esx-paged-1"))+prop("parent", ref("ClusterComputeResource", "domain-c7"))+
		prop("runtime.connectionState", `<val xsi:type="HostSystemConnectionState">connected</val>`))

var page3 = obj("DistributedVirtualPortgroup", "dvportgroup-20", prop("name", str("paged-pg"))+
	prop("parent", ref("Folder", "group-n6"))+
	prop("key", str("dvportgroup-20"))+
	prop("host", `<val xsi:type="ArrayOfManagedObjectReference"><ManagedObjectReference type="HostSystem">host-10</ManagedObjectReference></val>`)+
	prop("config", `<val xsi:type="DVPortgroupConfigInfo"><key>dvportgroup-20</key><name>paged-pg</name>`+
		`<defaultPortConfig xsi:type="VMwareDVSPortSetting"><vlan xsi:type="VmwareDistributedVirtualSwitchVlanIdSpec"><inherited>false</inherited><vlanId>42</vlanId></vlan></defaultPortConfig>`+
		`</val>`))

func record(method string) {
	if *recordFile == "" {
		return
	}
	recordMu.Lock()
	defer recordMu.Unlock()
	f, err := os.OpenFile(*recordFile, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0600)
	if err != nil {
		return
	}
	fmt.Fprintln(f, method)
	f.Close()
}

func soap(w http.ResponseWriter, code int, inner string) {
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.WriteHeader(code)
	io.WriteString(w, envHead+inner+envTail)
}

func fault(w http.ResponseWriter, typ, msg string) {
	soap(w, 500, `<soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>`+msg+
		`</faultstring><detail><`+typ+`Fault xmlns="urn:vim25" xsi:type="`+typ+`"></`+typ+`Fault></detail></soapenv:Fault>`)
}

// healthy answers the calls a normal session makes; pages is the RetrievePropertiesEx
// sequence.
func healthy(w http.ResponseWriter, method, body string, paged bool) {
	switch method {
	case "RetrieveServiceContent":
		soap(w, 200, serviceContent)
	case "Login":
		http.SetCookie(w, &http.Cookie{Name: "vmware_soap_session", Value: "stub-session"})
		soap(w, 200, `<LoginResponse xmlns="urn:vim25"><returnval><key>k</key><userName>u</userName></returnval></LoginResponse>`)
	case "Logout":
		soap(w, 200, `<LogoutResponse xmlns="urn:vim25"></LogoutResponse>`)
	case "CreateContainerView":
		soap(w, 200, `<CreateContainerViewResponse xmlns="urn:vim25"><returnval type="ContainerView">session[stub]view-1</returnval></CreateContainerViewResponse>`)
	case "DestroyView":
		soap(w, 200, `<DestroyViewResponse xmlns="urn:vim25"></DestroyViewResponse>`)
	case "RetrievePropertiesEx":
		if paged {
			soap(w, 200, `<RetrievePropertiesExResponse xmlns="urn:vim25"><returnval><token>tok-1</token>`+page1+`</returnval></RetrievePropertiesExResponse>`)
		} else {
			soap(w, 200, `<RetrievePropertiesExResponse xmlns="urn:vim25"><returnval>`+page1+page2+page3+`</returnval></RetrievePropertiesExResponse>`)
		}
	case "ContinueRetrievePropertiesEx":
		m := tokenRe.FindStringSubmatch(body)
		switch {
		case m != nil && m[1] == "tok-1":
			soap(w, 200, `<ContinueRetrievePropertiesExResponse xmlns="urn:vim25"><returnval><token>tok-2</token>`+page2+`</returnval></ContinueRetrievePropertiesExResponse>`)
		case m != nil && m[1] == "tok-2":
			soap(w, 200, `<ContinueRetrievePropertiesExResponse xmlns="urn:vim25"><returnval>`+page3+`</returnval></ContinueRetrievePropertiesExResponse>`)
		default:
			fault(w, "InvalidArgument", "unknown or reused token")
		}
	default:
		fault(w, "MethodNotFound", method+" is not implemented by the stub")
	}
}

func handler(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	body := string(b)
	method := "?"
	if m := methodRe.FindStringSubmatch(body); m != nil {
		method = m[1]
	}
	line := method + " " + r.Header.Get("SOAPAction") + " " + r.Header.Get("Cookie")
	if m := maxObjRe.FindStringSubmatch(body); m != nil {
		line += " maxObjects=" + m[1]
	}
	record(line)
	first := method == "RetrieveServiceContent"
	switch *mode {
	case "good":
		healthy(w, method, body, false)
	case "paging":
		healthy(w, method, body, true)
	case "stall-inventory":
		if method == "RetrievePropertiesEx" {
			w.Header().Set("Content-Type", "text/xml")
			w.WriteHeader(200)
			io.WriteString(w, envHead)
			w.(http.Flusher).Flush()
			time.Sleep(10 * time.Minute)
			return
		}
		healthy(w, method, body, false)
	case "endless-paging", "huge-page", "huge-junk", "huge-object":
		if method == "RetrievePropertiesEx" || method == "ContinueRetrievePropertiesEx" {
			inventoryFlood(w, method)
			return
		}
		healthy(w, method, body, false)
	case "wrong-types":
		if method == "RetrievePropertiesEx" {
			// objects whose shapes contradict the schema: no type, nested junk, bad numbers
			soap(w, 200, `<RetrievePropertiesExResponse xmlns="urn:vim25"><returnval>`+
				`<objects><obj>no-type</obj></objects>`+
				`<objects><obj type="HostSystem"><x>nested</x></obj><propSet><name>name</name><val><a><b/></a></val></propSet></objects>`+
				`</returnval></RetrievePropertiesExResponse>`)
			return
		}
		healthy(w, method, body, false)
	default:
		if !first {
			healthy(w, method, body, false)
			return
		}
		hostile(w)
	}
}

var floodSerial struct {
	sync.Mutex
	n int
}

// portGroup is one distributed port group as vCenter describes it, with hosts hosts
// in its host list: about 1.1 KB with 8 hosts.
func portGroup(n, hosts int) string {
	id := fmt.Sprintf("dvportgroup-%d", n)
	var hl strings.Builder
	for h := 0; h < hosts; h++ {
		fmt.Fprintf(&hl, `<ManagedObjectReference type="HostSystem">host-%d</ManagedObjectReference>`, 10+h)
	}
	return obj("DistributedVirtualPortgroup", id, prop("name", str(fmt.Sprintf("flood-pg-%d", n)))+
		prop("parent", ref("Folder", "group-n6"))+
		prop("key", str(id))+
		prop("host", `<val xsi:type="ArrayOfManagedObjectReference">`+hl.String()+`</val>`)+
		prop("config", `<val xsi:type="DVPortgroupConfigInfo"><key>`+id+`</key><name>flood-pg</name>`+
			`<defaultPortConfig xsi:type="VMwareDVSPortSetting"><vlan xsi:type="VmwareDistributedVirtualSwitchVlanIdSpec"><inherited>false</inherited><vlanId>42</vlanId></vlan></defaultPortConfig>`+
			`</val>`))
}

func nextSerial(k int) int {
	floodSerial.Lock()
	defer floodSerial.Unlock()
	n := floodSerial.n
	floodSerial.n += k
	return n
}

// floodObjects is -page-objects (or n) port groups, built once: the flood modes repeat
// them (the ids repeat from page to page; vchnet counts objects, it does not dedupe
// them before the end), so that the stub spends its time sending, not building.
var floodCache struct {
	sync.Mutex
	m map[int]string
}

func floodObjects(n int) string {
	floodCache.Lock()
	defer floodCache.Unlock()
	if floodCache.m == nil {
		floodCache.m = map[int]string{}
	}
	if s, ok := floodCache.m[n]; ok {
		return s
	}
	var sb strings.Builder
	for i := 0; i < n; i++ {
		sb.WriteString(portGroup(1000+i, *pgHosts))
	}
	floodCache.m[n] = sb.String()
	return floodCache.m[n]
}

// inventoryFlood answers the inventory calls of the inventory modes.
func inventoryFlood(w http.ResponseWriter, method string) {
	open := `<` + method + `Response xmlns="urn:vim25"><returnval>`
	closing := `</returnval></` + method + `Response>`
	if *mode == "endless-paging" {
		n := nextSerial(1)
		soap(w, 200, open+fmt.Sprintf(`<token>tok-%d</token>`, n)+floodObjects(*pageObjs)+closing)
		return
	}
	const total = 1 << 30
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.WriteHeader(200)
	sent := 0
	write := func(s string) bool {
		n, err := io.WriteString(w, s)
		sent += n
		return err == nil
	}
	write(envHead + open)
	switch *mode {
	case "huge-page":
		chunk := floodObjects(100)
		for sent < total {
			if !write(chunk) {
				return
			}
		}
	case "huge-junk":
		write(page1 + `</returnval><junk>`)
		chunk := strings.Repeat("<a>lots</a>", 6000)
		for sent < total {
			if !write(chunk) {
				return
			}
		}
	case "huge-object":
		write(`<objects><obj type="HostSystem">host-1</obj>`)
		chunk := strings.Repeat(prop("name", str("x")), 2000)
		for sent < total {
			if !write(chunk) {
				return
			}
		}
	}
}

func hostile(w http.ResponseWriter) {
	switch *mode {
	case "entity-bomb":
		var sb strings.Builder
		sb.WriteString(`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lollollollollollollollollollol">`)
		for i := 1; i <= 9; i++ {
			fmt.Fprintf(&sb, `<!ENTITY lol%d "`, i)
			prev := "lol"
			if i > 1 {
				prev = fmt.Sprintf("lol%d", i-1)
			}
			for j := 0; j < 10; j++ {
				fmt.Fprintf(&sb, "&%s;", prev)
			}
			sb.WriteString(`">`)
		}
		sb.WriteString(`]><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><RetrieveServiceContentResponse xmlns="urn:vim25"><returnval><about><fullName>&lol9;</fullName></about></returnval></RetrieveServiceContentResponse></soapenv:Body></soapenv:Envelope>`)
		w.Header().Set("Content-Type", "text/xml")
		io.WriteString(w, sb.String())
	case "xxe":
		w.Header().Set("Content-Type", "text/xml")
		io.WriteString(w, `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file://`+*secretFile+`">]>`+
			`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>`+
			strings.Replace(serviceContent, "Stub vCenter", "&xxe;", 1)+envTail)
	case "doctype":
		w.Header().Set("Content-Type", "text/xml")
		io.WriteString(w, `<?xml version="1.0"?><!DOCTYPE html><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>`+serviceContent+envTail)
	case "huge", "huge-chunked":
		const total = 1 << 30
		if *mode == "huge" {
			w.Header().Set("Content-Length", fmt.Sprint(total))
		}
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(200)
		chunk := []byte(strings.Repeat("<a>lots</a>", 6000))
		io.WriteString(w, envHead)
		for sent := len(envHead); sent < total; sent += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	case "deep":
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(200)
		io.WriteString(w, envHead+`<RetrieveServiceContentResponse xmlns="urn:vim25">`)
		io.WriteString(w, strings.Repeat("<d>", 100000))
		io.WriteString(w, strings.Repeat("</d>", 100000))
		io.WriteString(w, `</RetrieveServiceContentResponse>`+envTail)
	case "stall":
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(200)
		io.WriteString(w, envHead)
		w.(http.Flusher).Flush()
		time.Sleep(10 * time.Minute)
	case "close-mid-body":
		hj, ok := w.(http.Hijacker)
		if !ok {
			return
		}
		conn, buf, err := hj.Hijack()
		if err != nil {
			return
		}
		buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 100000\r\n\r\n" + envHead)
		buf.Flush()
		conn.Close()
	case "redirect-http":
		http.Redirect(w, &http.Request{Method: "POST"}, "http://127.0.0.1:9/sdk", http.StatusFound)
	case "redirect-other":
		http.Redirect(w, &http.Request{Method: "POST"}, "https://vcenter.attacker.invalid/sdk", http.StatusMovedPermanently)
	case "html-error":
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(404)
		io.WriteString(w, "<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>")
	case "malformed":
		w.Header().Set("Content-Type", "text/xml")
		io.WriteString(w, envHead+`<RetrieveServiceContentResponse xmlns="urn:vim25"><returnval><rootFolder>group-d1</propertyCollector>`)
	default:
		fault(w, "NotImplemented", "unknown stub mode "+*mode)
	}
}

func thumb(der []byte) (string, string) {
	h1 := sha1.Sum(der)
	h2 := sha256.Sum256(der)
	hexc := func(b []byte) string {
		parts := make([]string, len(b))
		for i, x := range b {
			parts[i] = fmt.Sprintf("%02X", x)
		}
		return strings.Join(parts, ":")
	}
	return hexc(h1[:]), hexc(h2[:])
}

func main() {
	flag.Parse()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: "stub.vcenter.test", Organization: []string{"vchnet stub"}},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		DNSNames:     []string{"stub.vcenter.test"},
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		panic(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	cert := tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
	srv := &http.Server{Handler: http.HandlerFunc(handler)}
	tl := tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{cert}})
	go srv.Serve(tl)

	s1, s256 := thumb(der)
	addr := ln.Addr().String()
	out := fmt.Sprintf("STUB_URL=https://%s/sdk\nSTUB_HOSTPORT=%s\nSTUB_THUMBPRINT_SHA1=%s\nSTUB_THUMBPRINT_SHA256=%s\nSTUB_PID=%d\n",
		addr, addr, s1, s256, os.Getpid())
	if *envFile != "" {
		tmp := *envFile + ".tmp"
		if err := os.WriteFile(tmp, []byte(out), 0600); err == nil {
			os.Rename(tmp, *envFile)
		}
	}
	fmt.Print(out + "# ready\n")

	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	<-sig
	srv.Close()
}
