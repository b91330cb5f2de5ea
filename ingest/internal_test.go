package ingest

import (
	"context"
	"os"
	"testing"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/internal/shared"
)

func realDatasetInternal(t *testing.T) *shuttle.Dataset {
	t.Helper()
	d, err := Load(context.Background(), os.DirFS(shared.HSG(t)), "shared", nil)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
