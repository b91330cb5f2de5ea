package ingest_test

import (
	"github.com/shuttlenews/shuttle/ingest"
	"github.com/shuttlenews/shuttle/internal/shared"
)

func init() { ingest.SetHSGDir(shared.HSG) }
