package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestDrainOnShutdown stops the app while a request is in flight: the
// request completes, Run returns cleanly, and new connections are refused.
func TestDrainOnShutdown(t *testing.T) {
	app := &App{Addr: "127.0.0.1:0", Flags: sqliteFlags(t)}
	ctx, cancel := context.WithCancel(context.Background())
	if err := app.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	started := make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		close(started)
		time.Sleep(300 * time.Millisecond)
		io.WriteString(w, "done")
	})
	mux.Handle("/", app.server.Handler)
	app.server.Handler = mux
	done := make(chan error, 1)
	go func() { done <- app.Run(ctx) }()

	got := make(chan string, 1)
	go func() {
		resp, err := http.Get(app.URL() + "/slow")
		if err != nil {
			got <- "error: " + err.Error()
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		got <- string(b)
	}()
	<-started
	cancel() // what SIGTERM does through signal.NotifyContext
	if body := <-got; body != "done" {
		t.Errorf("in-flight request got %q, want it to complete", body)
	}
	if err := <-done; err != nil {
		t.Errorf("Run: %v", err)
	}
	if _, err := net.DialTimeout("tcp", app.ln.Addr().String(), time.Second); err == nil {
		t.Error("still accepting connections after shutdown")
	}
}

// TestSlowClientCutOff opens a connection that sends half a request and
// stalls: the server closes it after the header timeout.
func TestSlowClientCutOff(t *testing.T) {
	app := startAppWith(t, &App{Addr: "127.0.0.1:0", Flags: sqliteFlags(t), Timeouts: Timeouts{ReadHeader: 200 * time.Millisecond}})
	c, err := net.Dial("tcp", app.ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	io.WriteString(c, "GET /healthz HTTP/1.1\r\nHost: x\r\n") // and never the blank line
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	began := time.Now()
	// net/http may answer 408 before it closes; either way it must not wait
	// for the rest of the request.
	io.Copy(io.Discard, c)
	if waited := time.Since(began); waited > 3*time.Second {
		t.Errorf("a stalled client held the connection for %s", waited)
	}
}

// TestSIGTERM runs the real binary and stops it as an init system would.
func TestSIGTERM(t *testing.T) {
	cmd := exec.Command(shuttleBinary(t), "serve", "--addr", freeAddr(t), "--dir", t.TempDir(), "--data", sqliteFlags(t).data, "--feeds", "")
	stdout, _ := cmd.StdoutPipe()
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(stdout).ReadString('\n')
	base := strings.TrimSpace(line[strings.LastIndex(line, " on ")+4:])
	waitReady(t, base)
	cmd.Process.Signal(syscall.SIGTERM)
	errc := make(chan error, 1)
	go func() { errc <- cmd.Wait() }()
	select {
	case err := <-errc:
		if err != nil {
			t.Errorf("exit after SIGTERM: %v\n%s", err, stderr.String())
		}
		if !strings.Contains(stderr.String(), "draining") {
			t.Errorf("no drain logged:\n%s", stderr.String())
		}
	case <-time.After(15 * time.Second):
		cmd.Process.Kill()
		t.Fatal("serve did not stop within 15 s of SIGTERM")
	}
}

func TestRequestID(t *testing.T) {
	app := startApp(t, sqliteFlags(t))
	get := func(in string) string {
		req, _ := http.NewRequest("GET", app.URL()+"/healthz", nil)
		if in != "" {
			req.Header.Set("X-Request-Id", in)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.Header.Get("X-Request-Id")
	}
	// A proxy's plain id is echoed; anything else is not. At the default
	// level no id is minted: no log line would carry it.
	for in, keep := range map[string]bool{"abc-123": true, "": false, "evil;id<x>": false, strings.Repeat("a", 65): false} {
		got := get(in)
		if keep && got != in || !keep && got != "" {
			t.Errorf("X-Request-Id %q answered %q", in, got)
		}
	}

	// With debug logging, every request is logged under an id, minted when
	// the proxy's is missing or unfit, and answered in the header.
	logs := &lockedBuffer{}
	defer slog.SetDefault(slog.Default())
	slog.SetDefault(slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	for in, keep := range map[string]bool{"abc-123": true, "": false, "evil;id<x>": false} {
		got := get(in)
		if keep && got != in || !keep && (got == in || !validRequestID(got)) {
			t.Errorf("debug: X-Request-Id %q answered %q", in, got)
		}
		if !strings.Contains(logs.String(), "id="+got+" ") {
			t.Errorf("debug: no log line for id %q in\n%s", got, logs.String())
		}
	}
}

// lockedBuffer is a log destination the test can read while the server's
// goroutines write to it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
