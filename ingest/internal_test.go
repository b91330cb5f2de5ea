package ingest

import (
	"context"
	"os"
	"testing"

	"github.com/shuttlenews/shuttle"
)

func realDatasetInternal(t *testing.T) *shuttle.Dataset {
	t.Helper()
	d, err := Load(context.Background(), os.DirFS(hsgDir(t)), "shared", nil)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
