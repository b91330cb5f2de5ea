package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/ingest"
	"github.com/shuttlenews/shuttle/insight"
	"github.com/shuttlenews/shuttle/internal/pgtest"
	"github.com/shuttlenews/shuttle/internal/shared"
	"github.com/shuttlenews/shuttle/snapshot"
)

var (
	buildOnce sync.Once
	binary    string
	buildErr  error
)

// shuttleBinary builds cmd/shuttle once for the tests that run it as a
// separate process, as an operator would.
func shuttleBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "shuttle-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binary = filepath.Join(dir, "shuttle")
		out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binary
}

// serveProcess starts `shuttle serve` and returns its base URL once it
// listens.
func serveProcess(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, shuttleBinary(t), append([]string{"serve", "--addr", freeAddr(t), "--metrics-addr", "127.0.0.1:0", "--feeds", ""}, args...)...)
	cmd.Env = append(os.Environ(), "SHUTTLE_DB=", "SHUTTLE_DATA=", "SHUTTLE_EDITOR_TOKENS="+editorToken)
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("serve printed nothing: %v", err)
	}
	i := strings.LastIndex(line, " on ")
	if i < 0 {
		t.Fatalf("serve said %q", line)
	}
	return strings.TrimSpace(line[i+4:])
}

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// editorToken is the editor credential the test servers accept.
const editorToken = "test-editor-token-0123456789"

// TestTwoServersOnePostgres runs two serve processes on one database: an
// editor triggers an ingest through one, and the other serves the new
// figures on its next request, with no restart.
func TestTwoServersOnePostgres(t *testing.T) {
	db := pgtest.FreshURL(t)
	full := shared.HSG(t)
	out, err := exec.Command(shuttleBinary(t), "ingest", "--db", db, "--data", full, "--dir", t.TempDir()).CombinedOutput()
	if err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	// Server a reads a smaller copy of the data when asked to ingest.
	smaller := shared.CopyHSG(t)
	os.Remove(filepath.Join(smaller, "travels/secretary-travels/blinken-antony-j.xml"))
	a := serveProcess(t, "--db", db, "--data", smaller, "--dir", t.TempDir())
	b := serveProcess(t, "--db", db, "--data", full, "--dir", t.TempDir())
	waitReady(t, a)
	waitReady(t, b)
	first := totals(t, b)
	if first[shuttle.RoleSecretary] != 3436 {
		t.Fatalf("server b serves %v", first)
	}

	req, _ := http.NewRequest("POST", a+"/api/v1/ingest", nil)
	req.Header.Set("Authorization", "Bearer "+editorToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("POST /api/v1/ingest on a: %d %s", resp.StatusCode, body)
	}
	for _, base := range []string{b, a} {
		got := totals(t, base)
		if got[shuttle.RoleSecretary] >= first[shuttle.RoleSecretary] || got[shuttle.RoleVisit] != first[shuttle.RoleVisit] {
			t.Errorf("%s after the ingest through a: %v (before %v)", base, got, first)
		}
	}
}

// TestArticleEditSeenByOtherServer publishes, edits and deletes an article
// through one server; the other, which had the pages cached, shows each
// change: it reads which article changed from the database's log.
func TestArticleEditSeenByOtherServer(t *testing.T) {
	db := pgtest.FreshURL(t)
	if out, err := exec.Command(shuttleBinary(t), "ingest", "--db", db, "--data", shared.HSG(t), "--dir", t.TempDir()).CombinedOutput(); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	a := serveProcess(t, "--db", db, "--dir", t.TempDir())
	b := serveProcess(t, "--db", db, "--dir", t.TempDir())
	waitReady(t, a)
	waitReady(t, b)
	const slug = "kishida-in-washington"
	write := func(method, markdown string) {
		t.Helper()
		req, _ := http.NewRequest(method, a+"/api/v1/articles/"+slug, strings.NewReader(markdown))
		req.Header.Set("Authorization", "Bearer "+editorToken)
		req.Header.Set("Content-Type", "text/markdown")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode >= 300 {
			t.Fatalf("%s on a: %d %s", method, resp.StatusCode, body)
		}
	}
	// page polls b until path's body contains want (or, with !has, stops
	// containing it): b trusts the data version it read for a second.
	page := func(path, want string, has bool) {
		t.Helper()
		var body []byte
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
			resp, err := http.Get(b + path)
			if err != nil {
				t.Fatal(err)
			}
			body, _ = io.ReadAll(resp.Body)
			resp.Body.Close()
			if strings.Contains(string(body), want) == has {
				return
			}
		}
		t.Fatalf("b's %s: contains %q is not %v after 10 s:\n%.2000s", path, want, has, body)
	}
	page("/countries/JP", "/articles/"+slug, false) // cached on b before the article exists

	write("PUT", "---\ntitle: Kishida in Washington\ndate: 2024-04-10\n---\nPrime Minister Kishida of Japan came to Washington.\n")
	page("/articles/"+slug, "Kishida in Washington", true)
	page("/countries/JP", "/articles/"+slug, true)

	write("PUT", "---\ntitle: Kishida at the White House\ndate: 2024-04-10\n---\nPrime Minister Kishida of Japan came to Washington.\n")
	page("/articles/"+slug, "Kishida at the White House", true)
	page("/countries/JP", "Kishida at the White House", true)
	page("/", "Kishida at the White House", true)

	write("DELETE", "")
	page("/articles/"+slug, "Kishida at the White House", false)
	page("/countries/JP", "/articles/"+slug, false)
}

// TestEditorSessionOnEveryServer signs an editor in through one server and
// writes through the other with that session, as a load balancer without
// sticky sessions would route them; signing out on the second ends it on
// the first.
func TestEditorSessionOnEveryServer(t *testing.T) {
	db := pgtest.FreshURL(t)
	if out, err := exec.Command(shuttleBinary(t), "migrate", "--db", db).CombinedOutput(); err != nil {
		t.Fatalf("migrate: %v\n%s", err, out)
	}
	a := serveProcess(t, "--db", db, "--dir", t.TempDir(), "--data", shared.HSG(t))
	b := serveProcess(t, "--db", db, "--dir", t.TempDir(), "--data", shared.HSG(t))
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noRedirect.PostForm(a+"/editor/login", url.Values{"token": {editorToken}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || len(resp.Cookies()) != 1 {
		t.Fatalf("login on a: %d, cookies %v", resp.StatusCode, resp.Cookies())
	}
	cookie := resp.Cookies()[0]
	// The CSRF token, as the editor's page on b shows it.
	req, _ := http.NewRequest("GET", b+"/editor/", nil)
	req.AddCookie(cookie)
	resp, err = noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`).FindSubmatch(page)
	if resp.StatusCode != http.StatusOK || m == nil {
		t.Fatalf("b's editor page with a's session: %d\n%.1000s", resp.StatusCode, page)
	}
	put := func(base string) int {
		req, _ := http.NewRequest("PUT", base+"/api/v1/articles/signed-in-on-a", strings.NewReader(
			"---\ntitle: Signed in on a\ndate: 2026-11-27\n---\nWritten through b.\n"))
		req.Header.Set("Content-Type", "text/markdown")
		req.Header.Set("X-CSRF-Token", string(m[1]))
		req.AddCookie(cookie)
		resp, err := noRedirect.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := put(b); code != http.StatusCreated && code != http.StatusOK {
		t.Fatalf("a write through b with a's session: %d", code)
	}
	req, _ = http.NewRequest("POST", b+"/editor/logout", strings.NewReader(url.Values{"csrf_token": {string(m[1])}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(cookie)
	if resp, err = noRedirect.Do(req); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if code := put(a); code != http.StatusUnauthorized {
		t.Errorf("a write through a after signing out on b: %d, want 401", code)
	}
}

// TestServeWithoutDatabase starts serve while PostgreSQL is unreachable: it
// answers 503 with a JSON error, then recovers by itself once the database
// is reachable, with no restart.
func TestServeWithoutDatabase(t *testing.T) {
	real := pgtest.FreshURL(t)
	addr := freeAddr(t)
	db := strings.Replace(real, hostPort(t, real), addr, 1)
	app := startApp(t, storeFlags{dir: t.TempDir(), db: db, data: shared.HSG(t)})

	var body struct {
		Error struct{ Code, Message string }
	}
	getJSON(t, app.URL()+"/api/v1/countries", http.StatusServiceUnavailable, &body)
	if body.Error.Code != shuttle.EUNAVAILABLE || strings.Contains(body.Error.Message, addr) || body.Error.Message == "" {
		t.Errorf("503 body %+v: want code unavailable, a message, and not the address %s", body.Error, addr)
	}
	for _, path := range []string{"/", "/readyz", "/countries/FR"} {
		resp, err := http.Get(app.URL() + path)
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusServiceUnavailable || strings.Contains(string(page), addr) || strings.Contains(string(page), "dial") {
			t.Errorf("%s with the database down: %d, shows the host or the driver's words:\n%.400s", path, resp.StatusCode, page)
		}
	}

	// The database comes back: a proxy on the address forwards to the server.
	stop := forward(t, addr, hostPort(t, real))
	waitReady(t, app.URL())
	if got := totals(t, app.URL()); got[shuttle.RoleVisit] != 3264 {
		t.Errorf("after recovery: %v", got)
	}

	// It goes away while serving: data routes answer 503, the process
	// stays up; then it returns and the same process serves again.
	stop()
	resp, err := http.Get(app.URL() + "/api/v1/countries")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("database gone: %d, want 503", resp.StatusCode)
	}
	stop = forward(t, addr, hostPort(t, real))
	defer stop()
	waitReady(t, app.URL())
	if got := totals(t, app.URL()); got[shuttle.RoleVisit] != 3264 {
		t.Errorf("after the second recovery: %v", got)
	}
}

func hostPort(t *testing.T, u string) string {
	i := strings.Index(u, "@")
	rest := u[i+1:]
	return rest[:strings.IndexAny(rest, "/?")]
}

// forward accepts on addr and pipes each connection to target, like a
// network path to the database; stop cuts the path and every connection on
// it, as an outage would.
func forward(t *testing.T, addr, target string) (stop func()) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	track := func(c net.Conn) {
		mu.Lock()
		conns = append(conns, c)
		mu.Unlock()
	}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			track(c)
			go func() {
				defer c.Close()
				s, err := net.DialTimeout("tcp", target, 5*time.Second)
				if err != nil {
					return
				}
				track(s)
				defer s.Close()
				go io.Copy(s, c)
				io.Copy(c, s)
			}()
		}
	}()
	return func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	}
}

// TestSameResultsOnBothStores ingests the real data into SQLite and
// PostgreSQL and compares every insight of the catalogue, serialised, row for
// row: the stores must not change a single figure or its order.
func TestSameResultsOnBothStores(t *testing.T) {
	ctx := context.Background()
	data := shared.HSG(t)
	sq := sqliteFlags(t)
	pg := storeFlags{dir: t.TempDir(), db: pgtest.FreshURL(t), data: data}
	snaps := make([]*snapshot.Snapshot, 0, 2)
	for _, sf := range []storeFlags{sq, pg} {
		st, err := sf.openStore(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if _, _, err := ingestInto(ctx, st, &ingest.Fetcher{}, sf, nil); err != nil {
			t.Fatal(err)
		}
		snap, err := snapshot.Build(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		snaps = append(snaps, snap)
	}
	var compared int
	for _, id := range []string{insight.IDMomentum, insight.IDDeclining, insight.IDMostVisited} {
		for _, role := range shuttle.Roles {
			for _, region := range []string{"", "eur", "af"} {
				p := insight.Params{Insight: id, Role: role, Region: region}
				a, errA := snaps[0].Insights.Rank(p)
				b, errB := snaps[1].Insights.Rank(p)
				ja, _ := json.Marshal(a)
				jb, _ := json.Marshal(b)
				if fmt.Sprint(errA) != fmt.Sprint(errB) || string(ja) != string(jb) {
					t.Errorf("%+v differs:\nsqlite   %s %v\npostgres %s %v", p, ja, errA, jb, errB)
				}
				compared += len(a.Rows)
			}
		}
	}
	for _, tr := range []string{"blinken-antony-j", "obama-barack", "kissinger-henry-a"} {
		p := insight.Params{Insight: insight.IDTopDestinations, Traveler: tr}
		a, _ := snaps[0].Insights.Rank(p)
		b, _ := snaps[1].Insights.Rank(p)
		if ja, jb := mustJSON(a), mustJSON(b); ja != jb {
			t.Errorf("top destinations of %s differ:\n%s\n%s", tr, ja, jb)
		}
		compared += len(a.Rows)
	}
	if compared < 500 {
		t.Errorf("compared only %d rows", compared)
	}
	if ja, jb := mustJSON(snaps[0].Countries), mustJSON(snaps[1].Countries); ja != jb {
		t.Errorf("countries differ")
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestIngestNamesUnreachableHost checks the message an operator sees when
// the database is down.
func TestIngestNamesUnreachableHost(t *testing.T) {
	addr := freeAddr(t)
	err := runIngest(context.Background(), []string{"--db", "postgres://postgres@" + addr + "/x?sslmode=disable", "--data", shared.HSG(t), "--dir", t.TempDir()}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), addr) || !strings.Contains(err.Error(), "refused") {
		t.Fatalf("got %v; want an error naming %s and the cause", err, addr)
	}
}
