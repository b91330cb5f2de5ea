package main

import (
	"bufio"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServeTLS: with a certificate the one binary serves HTTPS, and
// HTTP/2 to the clients that offer it, as net/http does by itself.
func TestServeTLS(t *testing.T) {
	cert, key, pool := selfSigned(t)
	app := startAppWith(t, &App{Addr: "127.0.0.1:0", Flags: sqliteFlags(t), TLSCert: cert, TLSKey: key})
	if !strings.HasPrefix(app.URL(), "https://") {
		t.Fatalf("URL %s", app.URL())
	}
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}, ForceAttemptHTTP2: true}}
	defer client.CloseIdleConnections()
	resp, err := client.Get(app.URL() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.ProtoMajor != 2 || string(body) != "ok\n" {
		t.Errorf("GET /healthz over TLS: %s %d %q, want HTTP/2 200 ok", resp.Proto, resp.StatusCode, body)
	}
	if resp.Header.Get("Content-Security-Policy") == "" {
		t.Error("an HTTPS answer lacks the security headers")
	}

	for _, bad := range []App{
		{TLSCert: cert},                       // no key
		{TLSCert: cert, TLSKey: cert},         // not a key
		{TLSCert: "missing.pem", TLSKey: key}, // no such file
	} {
		bad.Addr, bad.Flags = "127.0.0.1:0", sqliteFlags(t)
		if err := bad.Open(t.Context()); err == nil {
			bad.Close()
			t.Errorf("Open with cert %q key %q: no error", bad.TLSCert, bad.TLSKey)
		}
	}
}

// selfSigned writes a certificate for 127.0.0.1 and its key, and returns
// a pool that trusts it.
func selfSigned(t *testing.T) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "shuttle test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &priv.PublicKey, priv)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600)
	c, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(c)
	return certFile, keyFile, pool
}

// TestServerRefusals: what net/http refuses before any handler runs (a
// header over the limit, a request line it cannot read) is answered with
// the site's security headers, and under /api/ with the error envelope.
func TestServerRefusals(t *testing.T) {
	app := startApp(t, sqliteFlags(t))
	addr := strings.TrimPrefix(app.URL(), "http://")
	huge := strings.Repeat("x", 2*maxHeaderBytes)
	for _, tc := range []struct {
		name, request string
		status        int
		json          bool
	}{
		{"header over the limit, a page", "GET /countries HTTP/1.1\r\nHost: x\r\nX-Huge: " + huge + "\r\n\r\n", 431, false},
		{"header over the limit, the API", "GET /api/v1/countries HTTP/1.1\r\nHost: x\r\nX-Huge: " + huge + "\r\n\r\n", 431, true},
		{"a request line net/http cannot read", "GET /api/v1/countries HTTP/9\r\nHost: x\r\n\r\n", 400, true},
		{"not HTTP at all", "\x16\x03\x01 hello\r\n\r\n", 400, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			c.SetDeadline(time.Now().Add(10 * time.Second))
			io.WriteString(c, tc.request)
			resp, err := http.ReadResponse(bufio.NewReader(c), nil)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d (%s)", resp.StatusCode, tc.status, body)
			}
			if resp.Header.Get("Content-Security-Policy") == "" || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("no security headers: %v", resp.Header)
			}
			var env struct {
				Error struct{ Code, Message string }
			}
			isJSON := json.Unmarshal(body, &env) == nil && env.Error.Message != ""
			if isJSON != tc.json {
				t.Errorf("JSON envelope %v, want %v: %s", isJSON, tc.json, body)
			}
		})
	}
}
