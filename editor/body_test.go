package editor

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/shuttlenews/shuttle/auth"
)

// rawPost sends a request's head announcing contentLength bytes, then only
// the bytes of body, and reads the answer without sending more: a server
// that waited for the whole body before answering never answers, and the
// read times out.
func rawPost(t *testing.T, srvURL, method, path string, hdr map[string]string, contentLength int, body string) (*http.Response, string) {
	t.Helper()
	u, _ := url.Parse(srvURL)
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var head strings.Builder
	fmt.Fprintf(&head, "%s %s HTTP/1.1\r\nHost: %s\r\nContent-Length: %d\r\n", method, path, u.Host, contentLength)
	for k, v := range hdr {
		fmt.Fprintf(&head, "%s: %s\r\n", k, v)
	}
	head.WriteString("\r\n" + body)
	if _, err := io.WriteString(conn, head.String()); err != nil {
		t.Fatal(err)
	}
	conn.SetReadDeadline(time.Now().Add(3 * time.Second))
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer before the body was sent: %v", err)
	}
	b, _ := io.ReadAll(io.LimitReader(res.Body, 64<<10))
	res.Body.Close()
	return res, string(b)
}

// TestAuthenticateBeforeBody: every write route refuses a client without
// valid credentials at once, though it announces a 4 MiB body (or a small
// one, which net/http would otherwise wait to drain) and sends one byte.
func TestAuthenticateBeforeBody(t *testing.T) {
	e := newEnv(t, []string{token}, manyFailures)
	for _, rt := range writeRoutes() {
		for _, c := range []struct {
			name   string
			hdr    map[string]string
			length int
		}{
			{"no credentials", nil, 4 << 20},
			{"wrong token", map[string]string{"Authorization": "Bearer wrong-" + token}, 4 << 20},
			{"forged cookie", map[string]string{"Cookie": auth.CookieName + "=" + strings.Repeat("A", 43), auth.CSRFHeader: "x"}, 4 << 20},
			{"wrong token, small body", map[string]string{"Authorization": "Bearer wrong-" + token}, 100 << 10},
		} {
			t.Run(rt.name+"/"+c.name, func(t *testing.T) {
				hdr := map[string]string{"Content-Type": rt.ctype}
				for k, v := range c.hdr {
					hdr[k] = v
				}
				before := e.state()
				res, body := rawPost(t, e.srv.URL, rt.method, rt.path, hdr, c.length, "x")
				if res.StatusCode != http.StatusUnauthorized {
					t.Errorf("status %d, want 401: %s", res.StatusCode, body)
				}
				if !reflect.DeepEqual(before, e.state()) {
					t.Error("the refused request changed the state")
				}
			})
		}
	}
}

// TestBodyLimits: an editor's body over its route's limit is 413 naming the
// limit; an announced one is refused before it is read, an unannounced one
// (chunked) once the limit is passed. Routes that take no body refuse one.
func TestBodyLimits(t *testing.T) {
	e := newEnv(t, []string{token})
	cookie, csrf := e.login()
	bearerHdr := map[string]string{"Authorization": "Bearer " + token, "Content-Type": "text/markdown"}
	for _, tc := range []struct {
		name, method, path string
		length             int
		want               string
	}{
		{"API create", "POST", "/api/v1/articles", 8 << 20, "larger than 4096 KiB"},
		{"API update", "PUT", "/api/v1/articles/an-existing-story", 8 << 20, "larger than 4096 KiB"},
		{"API delete", "DELETE", "/api/v1/articles/an-existing-story", 4 << 20, "larger than 1 KiB"},
		{"API ingest", "POST", "/api/v1/ingest", 4 << 20, "larger than 1 KiB"},
		{"API poll", "POST", "/api/v1/feeds/poll", 2 << 10, "larger than 1 KiB"},
		{"form ingest", "POST", "/editor/ingest", 4 << 20, "larger than 1 KiB"},
	} {
		t.Run("announced/"+tc.name, func(t *testing.T) {
			before := e.state()
			res, body := rawPost(t, e.srv.URL, tc.method, tc.path, bearerHdr, tc.length, "x")
			if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, tc.want) {
				t.Errorf("%d %s; want 413 saying %q", res.StatusCode, body, tc.want)
			}
			if !reflect.DeepEqual(before, e.state()) {
				t.Error("the refused request changed the state")
			}
		})
	}
	for _, tc := range []struct {
		name, path, ctype string
		hdr               map[string]string
		cookie            bool
		body              string
		want              string
	}{
		{"API ingest", "/api/v1/ingest", "", bearer(), false, strings.Repeat("x", 2<<10), "larger than 1 KiB"},
		{"form ingest, session", "/editor/ingest", formType, nil, true, withCSRF(formBody("junk", strings.Repeat("x", 2<<10)), csrf), "larger than 1 KiB"},
		{"form logout, session", "/editor/logout", formType, nil, true, withCSRF(formBody("junk", strings.Repeat("x", 2<<10)), csrf), "larger than 1 KiB"},
		{"login", LoginPath, formType, nil, false, formBody("token", strings.Repeat("x", 5<<10)), "larger than 4 KiB"},
	} {
		t.Run("chunked/"+tc.name, func(t *testing.T) {
			before := e.state()
			// A reader of unknown length makes the client send it chunked.
			req, _ := http.NewRequest("POST", e.srv.URL+tc.path, io.MultiReader(strings.NewReader(tc.body)))
			if tc.ctype != "" {
				req.Header.Set("Content-Type", tc.ctype)
			}
			for k, v := range tc.hdr {
				req.Header.Set(k, v)
			}
			if tc.cookie {
				req.AddCookie(cookie)
			}
			res, err := http.DefaultTransport.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			body := readBody(t, res)
			if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, tc.want) {
				t.Errorf("%d %s; want 413 saying %q", res.StatusCode, body, tc.want)
			}
			if !reflect.DeepEqual(before, e.state()) {
				t.Error("the refused request changed the state")
			}
		})
	}
}

// TestFormsReadTheirBody: a form post authenticated by a bearer token or by
// the X-CSRF-Token header has its fields read. RequireEditor parses the form
// only to find a CSRF field, so before, these posts arrived with no fields
// and were refused as articles without front matter.
func TestFormsReadTheirBody(t *testing.T) {
	updated := strings.Replace(existingMD, "An existing story", "An updated story", 1)
	for _, via := range []string{"bearer", "CSRF header"} {
		t.Run(via, func(t *testing.T) {
			e := newEnv(t, []string{token})
			hdr := bearer()
			var cookies []*http.Cookie
			if via == "CSRF header" {
				cookie, csrf := e.login()
				hdr, cookies = map[string]string{auth.CSRFHeader: csrf}, []*http.Cookie{cookie}
			}
			res := e.do("POST", "/editor/articles", formType, formBody("markdown", newMD), hdr, cookies...)
			if body := readBody(t, res); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("create: %d %s", res.StatusCode, body)
			}
			if a, err := e.store.Article(t.Context(), "allies-meet-in-brussels"); err != nil || a.Title != "Allies meet in Brussels" {
				t.Errorf("created: %q, %v", a.Title, err)
			}
			res = e.do("POST", "/editor/articles/an-existing-story", formType, formBody("markdown", updated), hdr, cookies...)
			if body := readBody(t, res); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("update: %d %s", res.StatusCode, body)
			}
			if a, err := e.store.Article(t.Context(), "an-existing-story"); err != nil || a.Title != "An updated story" {
				t.Errorf("updated: %q, %v", a.Title, err)
			}
			res = e.do("POST", "/editor/articles", "text/markdown", newMD, hdr, cookies...)
			if body := readBody(t, res); res.StatusCode != http.StatusUnsupportedMediaType {
				t.Errorf("Markdown to a form route: %d %s, want 415", res.StatusCode, body)
			}
		})
	}
}
