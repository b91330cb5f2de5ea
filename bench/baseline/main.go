// Command baseline serves one saved page with nothing but net/http, the
// headers shuttle sends, shuttle's timeouts and its one-write responses (internal/wire):
// what a Go server can do at best with the standard library. bench/site.sh
// runs it beside shuttle and nginx when BASELINE=1, to tell what shuttle
// adds from what net/http costs.
//
// Usage: baseline ADDR FILE   (FILE.gz is served to clients that accept gzip)
package main

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/shuttlenews/shuttle/internal/wire"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: baseline ADDR FILE")
		os.Exit(2)
	}
	body, err := os.ReadFile(os.Args[2])
	if err != nil {
		log.Fatal(err)
	}
	gz, err := os.ReadFile(os.Args[2] + ".gz")
	if err != nil {
		log.Fatal(err)
	}
	sum := sha256.Sum256(body)
	tag := `"` + base64.RawURLEncoding.EncodeToString(sum[:12])
	fixed := map[string][]string{
		"Cache-Control":           {"public, max-age=60"},
		"Content-Security-Policy": {"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"},
		"Content-Type":            {"text/html; charset=utf-8"},
		"Vary":                    {"Accept-Encoding"},
		"X-Content-Type-Options":  {"nosniff"},
	}
	plain := [3][]string{{tag + `"`}, {strconv.Itoa(len(body))}, nil}
	zipped := [3][]string{{tag + `-gz"`}, {strconv.Itoa(len(gz))}, {"gzip"}}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		for k, v := range fixed {
			hd[k] = v
		}
		b, v := body, plain
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			b, v = gz, zipped
			hd["Content-Encoding"] = v[2]
		}
		hd["Etag"], hd["Content-Length"] = v[0], v[1]
		w.WriteHeader(http.StatusOK)
		wire.Write(w, r, b)
	})
	ln, err := net.Listen("tcp", os.Args[1])
	if err != nil {
		log.Fatal(err)
	}
	wl := wire.NewListener(ln, wire.Config{})
	srv := &http.Server{Handler: wl.Handler(h), ConnContext: wl.ConnContext, ConnState: wl.ConnState, // as cmd/shuttle's defaults
		ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 15 * time.Second, WriteTimeout: 30 * time.Second, IdleTimeout: 90 * time.Second}
	log.Fatal(srv.Serve(wl))
}
