package httpapi

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestAcceptsGzip(t *testing.T) {
	tests := []struct {
		header []string
		want   bool
	}{
		{nil, false},
		{[]string{""}, false},
		{[]string{"gzip"}, true},
		{[]string{"GZIP"}, true},
		{[]string{"x-gzip"}, true},
		{[]string{"*"}, true},
		{[]string{"br, gzip;q=0.5"}, true},
		{[]string{"gzip;q=0"}, false},
		{[]string{"gzip; q=0.000"}, false},
		{[]string{"gzip ;Q=0"}, false},
		{[]string{"identity"}, false},
		{[]string{"deflate, br"}, false},
		{[]string{"gzipx"}, false},
		// Every field line counts, not only the first.
		{[]string{"br", "gzip"}, true},
		{[]string{"gzip;q=0", "identity"}, false},
		// A weight that cannot be read is no refusal.
		{[]string{"gzip;q=abc"}, true},
	}
	for _, tt := range tests {
		if got := AcceptsGzip(tt.header); got != tt.want {
			t.Errorf("AcceptsGzip(%q) = %v, want %v", tt.header, got, tt.want)
		}
	}
}

func TestETagMatch(t *testing.T) {
	const tag = `"abc"`
	tests := []struct {
		header []string
		want   bool
	}{
		{nil, false},
		{[]string{tag}, true},
		{[]string{"W/" + tag}, true},
		{[]string{`"x", ` + tag}, true},
		{[]string{"*"}, true},
		{[]string{`"abcd"`}, false},
		{[]string{`abc`}, false},
		// The tag on a second field line must count: a proxy may split
		// the list, and RFC 9110 makes the lines one list.
		{[]string{`"x"`, tag}, true},
		{[]string{`"x"`, `"y", ` + tag}, true},
		{[]string{`"x"`, `"y"`}, false},
	}
	for _, tt := range tests {
		if got := ETagMatch(tt.header, tag); got != tt.want {
			t.Errorf("ETagMatch(%q) = %v, want %v", tt.header, got, tt.want)
		}
	}
}

// TestConditional: a success carries an ETag and Cache-Control, a client
// holding it gets 304 (by any If-None-Match spelling, on any line), gzip is
// negotiated with its own ETag, and errors pass through untagged.
func TestConditional(t *testing.T) {
	big := `{"a":"` + strings.Repeat("shuttle ", 200) + `"}`
	h := Conditional("public, max-age=60", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/fail" {
			WriteError(w, ParamErrorf("limit", "bad"))
			return
		}
		w.Header().Set("Content-Type", ContentTypeJSON)
		io.WriteString(w, big)
	}))
	do := func(path string, hdr ...string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("GET", path, nil)
		for _, kv := range hdr {
			k, v, _ := strings.Cut(kv, ": ")
			r.Header.Add(k, v)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	plain := do("/x")
	tag := plain.Header().Get("ETag")
	if plain.Code != 200 || plain.Body.String() != big || tag == "" || plain.Header().Get("Cache-Control") == "" ||
		plain.Header().Get("Content-Encoding") != "" || plain.Header().Get("Vary") != "Accept-Encoding" {
		t.Fatalf("plain answer: %d etag %q headers %v", plain.Code, tag, plain.Header())
	}
	zipped := do("/x", "Accept-Encoding: gzip, br")
	gzTag := zipped.Header().Get("ETag")
	if zipped.Header().Get("Content-Encoding") != "gzip" || gzTag == tag || !strings.HasSuffix(gzTag, `-gz"`) {
		t.Fatalf("gzip answer: encoding %q etag %q (plain %q)", zipped.Header().Get("Content-Encoding"), gzTag, tag)
	}
	zr, err := gzip.NewReader(bytes.NewReader(zipped.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if unzipped, _ := io.ReadAll(zr); string(unzipped) != big {
		t.Errorf("the gzip body is not the plain body")
	}
	if w := do("/x", "Accept-Encoding: gzip;q=0"); w.Header().Get("Content-Encoding") != "" || w.Body.String() != big {
		t.Errorf("gzip;q=0 got encoding %q", w.Header().Get("Content-Encoding"))
	}
	for _, inm := range [][]string{{tag}, {"W/" + tag}, {`"other", ` + tag}, {"*"}, {gzTag}, {`"other"`, tag}} {
		var hdr []string
		for _, v := range inm {
			hdr = append(hdr, "If-None-Match: "+v)
		}
		if w := do("/x", hdr...); w.Code != http.StatusNotModified || w.Body.Len() != 0 {
			t.Errorf("If-None-Match %q: %d with %d bytes, want 304 and no body", inm, w.Code, w.Body.Len())
		}
	}
	if w := do("/x", `If-None-Match: "stale"`); w.Code != 200 {
		t.Errorf("stale tag: %d, want 200", w.Code)
	}
	fail := do("/fail")
	if fail.Code != 400 || fail.Header().Get("ETag") != "" || !strings.Contains(fail.Body.String(), `"param":"limit"`) {
		t.Errorf("errors must pass through untagged: %d etag %q %s", fail.Code, fail.Header().Get("ETag"), fail.Body)
	}
}
