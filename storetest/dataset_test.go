package storetest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shuttlenews/shuttle"
)

// recorder is a testing.TB that keeps the failures it is told of instead of
// failing the test, so that a test can check the suite fails when it should.
type recorder struct {
	testing.TB
	mu     sync.Mutex
	errors []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *recorder) Failed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.errors) > 0
}

// unreadable is a store that takes datasets but cannot be read.
type unreadable struct{ shuttle.Store }

var errUnreadable = errors.New("the database is unreadable")

func (unreadable) ReplaceDataset(context.Context, *shuttle.Dataset) (shuttle.Version, error) {
	return shuttle.Version{ID: 1}, nil
}

func (unreadable) Version(context.Context) (shuttle.Version, error) {
	return shuttle.Version{}, errUnreadable
}

// TestReadersFailingAtOnce: readers whose very first read fails must still
// let the writer go, so the suite reports the failure. It used to wait for
// them for ever: a reader marked itself started only after a good read.
func TestReadersFailingAtOnce(t *testing.T) {
	rec := &recorder{TB: t}
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		readWhileReplacing(rec, unreadable{}, []*shuttle.Dataset{Fixture(), Small()}, make([]state, 2))
	}()
	select {
	case <-finished:
	case <-time.After(time.Minute):
		t.Fatal("readWhileReplacing still running a minute after its readers failed: it hangs")
	}
	if !rec.Failed() {
		t.Fatal("the readers' failure was not reported")
	}
	for _, e := range rec.errors {
		if !strings.Contains(e, errUnreadable.Error()) {
			t.Errorf("reported %q, want the read's error", e)
		}
	}
}
