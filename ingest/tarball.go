package ingest

import (
	"archive/tar"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Limits on an archive, far above the real repositories (a few MB each).
const (
	maxArchiveFiles = 20000
	maxArchiveBytes = 512 << 20
)

// untar extracts a GitHub-style .tar.gz into dir, dropping the archive's top
// directory ("travels-master/"). Only regular files and directories are
// written; links, devices and any path that would leave dir are refused.
func untar(r io.Reader, dir string) error {
	gz, err := gzip.NewReader(r)
	if err != nil {
		return fmt.Errorf("not a gzip archive: %w", err)
	}
	defer gz.Close()
	tr := tar.NewReader(gz)
	var files int
	var written int64
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("archive: %w", err)
		}
		name, ok := stripTop(h.Name)
		if !ok {
			return fmt.Errorf("archive entry %q: path leaves the archive's directory", h.Name)
		}
		if name == "" {
			continue
		}
		target := filepath.Join(dir, filepath.FromSlash(name))
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(target, 0o755); err != nil {
				return err
			}
		case tar.TypeReg:
			if files++; files > maxArchiveFiles {
				return fmt.Errorf("archive holds more than %d files", maxArchiveFiles)
			}
			if written += h.Size; written > maxArchiveBytes {
				return fmt.Errorf("archive unpacks to more than %d MiB", maxArchiveBytes>>20)
			}
			if err := writeFile(target, tr, h.Size); err != nil {
				return fmt.Errorf("archive entry %q: %w", h.Name, err)
			}
		case tar.TypeXGlobalHeader:
			// GitHub stores the commit id here.
		default:
			return fmt.Errorf("archive entry %q: type %q is not a regular file or directory (links are refused)", h.Name, h.Typeflag)
		}
	}
	if files == 0 {
		return fmt.Errorf("archive holds no files")
	}
	return nil
}

// stripTop removes the first path element and rejects anything that is
// absolute or climbs out with "..".
func stripTop(name string) (string, bool) {
	if strings.HasPrefix(name, "/") || strings.Contains(name, `\`) {
		return "", false
	}
	clean := path.Clean(name)
	if clean == ".." || strings.HasPrefix(clean, "../") {
		return "", false
	}
	_, rest, _ := strings.Cut(clean, "/")
	if rest == "" || rest == "." {
		return "", true
	}
	return rest, true
}

func writeFile(target string, r io.Reader, size int64) error {
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(target, os.O_CREATE|os.O_WRONLY|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.CopyN(f, r, size); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
