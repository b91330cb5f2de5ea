package ingest_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"github.com/shuttlenews/shuttle/internal/shared"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/shuttlenews/shuttle/ingest"
)

var (
	tarballMu sync.Mutex
	tarballs  = map[string][]byte{}
)

// repoTarball packs one repository of the snapshot the way GitHub serves
// it: a .tar.gz whose entries sit under "<repo>-master/". Extra entries go
// first, in a gzip member of their own, so the packed snapshot is built once
// and reused (gzip readers read concatenated members as one stream).
func repoTarball(t *testing.T, repo string, extra ...*tar.Header) []byte {
	t.Helper()
	var buf bytes.Buffer
	if len(extra) > 0 {
		gz := gzip.NewWriter(&buf)
		tw := tar.NewWriter(gz)
		for _, h := range extra {
			if err := tw.WriteHeader(h); err != nil {
				t.Fatal(err)
			}
			tw.Write(bytes.Repeat([]byte("x"), int(h.Size)))
		}
		tw.Flush() // no end-of-archive marker: the snapshot follows
		gz.Close()
	}
	buf.Write(packedRepo(t, repo))
	return buf.Bytes()
}

func packedRepo(t *testing.T, repo string) []byte {
	dataDir := shared.HSG(t) // skips offline without shared/
	tarballMu.Lock()
	defer tarballMu.Unlock()
	if b, ok := tarballs[repo]; ok {
		return b
	}
	var buf bytes.Buffer
	gz, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	tw := tar.NewWriter(gz)
	root := filepath.Join(dataDir, repo)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.Contains(path, "territories") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if err := tw.WriteHeader(&tar.Header{Name: repo + "-master/" + filepath.ToSlash(rel), Mode: 0o644, Size: int64(len(b)), Typeflag: tar.TypeReg}); err != nil {
			return err
		}
		_, err = tw.Write(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	tw.Close()
	gz.Close()
	tarballs[repo] = buf.Bytes()
	return buf.Bytes()
}

// upstream serves the four repositories as GitHub does, counting requests.
func upstream(t *testing.T, extra map[string][]*tar.Header) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	bodies := map[string][]byte{}
	for _, repo := range ingest.Repositories {
		bodies["/HistoryAtState/"+repo+"/archive/refs/heads/master.tar.gz"] = repoTarball(t, repo, extra[repo]...)
	}
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		b, ok := bodies[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write(b)
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

func TestDownload(t *testing.T) {
	srv, hits := upstream(t, nil)
	cache := t.TempDir()
	f := &ingest.Fetcher{URL: srv.URL + "/HistoryAtState/%s/archive/refs/heads/master.tar.gz"}
	fsys, source, err := f.Open(context.Background(), "", cache)
	if err != nil {
		t.Fatal(err)
	}
	if source != filepath.Join(cache, "hsg") {
		t.Errorf("source %q", source)
	}
	d, err := ingest.Load(context.Background(), fsys, source, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Trips) != 7531 {
		t.Errorf("downloaded data holds %d trips, want 7531", len(d.Trips))
	}
	if hits.Load() != 4 {
		t.Errorf("%d requests, want 4", hits.Load())
	}
	// A second open uses the cache; a refresh downloads again.
	if _, _, err := f.Open(context.Background(), "", cache); err != nil || hits.Load() != 4 {
		t.Errorf("cached open: %v, %d requests", err, hits.Load())
	}
	f.Refresh = true
	if _, _, err := f.Open(context.Background(), "", cache); err != nil || hits.Load() != 8 {
		t.Errorf("refresh: %v, %d requests", err, hits.Load())
	}
}

func TestOffline(t *testing.T) {
	// A port nothing listens on: the connection is refused at once.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	f := &ingest.Fetcher{URL: "http://" + addr + "/%s.tar.gz"}
	_, _, err = f.Open(context.Background(), "", t.TempDir())
	if err == nil {
		t.Fatal("open succeeded with no server")
	}
	for _, want := range []string{"download http://" + addr + "/travels.tar.gz", "refused", "--data DIR"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}

	// With a good cache, a failed refresh falls back to it.
	srv, _ := upstream(t, nil)
	cache := t.TempDir()
	good := &ingest.Fetcher{URL: srv.URL + "/HistoryAtState/%s/archive/refs/heads/master.tar.gz"}
	if _, _, err := good.Open(context.Background(), "", cache); err != nil {
		t.Fatal(err)
	}
	f.Refresh = true
	if _, source, err := f.Open(context.Background(), "", cache); err != nil || source != filepath.Join(cache, "hsg") {
		t.Errorf("offline refresh with a cache: %q, %v; want the cache", source, err)
	}
}

func TestHostileTarballs(t *testing.T) {
	tests := []struct {
		name string
		h    *tar.Header
		want string
	}{
		{"path traversal", &tar.Header{Name: "travels-master/../../evil.txt", Mode: 0o644, Size: 1, Typeflag: tar.TypeReg}, "leaves the archive"},
		{"absolute path", &tar.Header{Name: "/etc/evil", Mode: 0o644, Size: 1, Typeflag: tar.TypeReg}, "leaves the archive"},
		{"symlink", &tar.Header{Name: "travels-master/link", Linkname: "/etc/passwd", Typeflag: tar.TypeSymlink}, "links are refused"},
		{"hard link", &tar.Header{Name: "travels-master/hard", Linkname: "travels-master/LICENSE.md", Typeflag: tar.TypeLink}, "links are refused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := upstream(t, map[string][]*tar.Header{"travels": {tt.h}})
			cache := t.TempDir()
			f := &ingest.Fetcher{URL: srv.URL + "/HistoryAtState/%s/archive/refs/heads/master.tar.gz"}
			_, _, err := f.Open(context.Background(), "", cache)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error containing %q", err, tt.want)
			}
			if _, err := os.Stat(filepath.Join(cache, "hsg")); !os.IsNotExist(err) {
				t.Errorf("a refused download left a cache behind: %v", err)
			}
			if _, err := os.Stat(filepath.Join(filepath.Dir(cache), "evil.txt")); !os.IsNotExist(err) {
				t.Errorf("traversal wrote outside the cache")
			}
		})
	}
}

func TestDataDir(t *testing.T) {
	f := &ingest.Fetcher{}
	if _, _, err := f.Open(context.Background(), "/nonexistent/hsg", t.TempDir()); err == nil || !strings.Contains(err.Error(), "/nonexistent/hsg") {
		t.Errorf("missing dir: %v", err)
	}
	empty := t.TempDir()
	if _, _, err := f.Open(context.Background(), empty, t.TempDir()); err == nil || !strings.Contains(err.Error(), "travels/secretary-travels/*.xml") {
		t.Errorf("empty dir: %v", err)
	}
}
