package storetest

import (
	"crypto/sha256"
	"testing"
	"time"

	"github.com/shuttlenews/shuttle"
)

// testSessions checks the editors' sessions: stored under their key, found
// by it alone, deleted, and those expired forgotten when the next is stored.
func testSessions(t *testing.T, s shuttle.Store) {
	ctx := t.Context()
	key := sha256.Sum256([]byte("session id"))
	other := sha256.Sum256([]byte("another id"))
	if _, err := s.EditorSession(ctx, key); shuttle.ErrorCode(err) != shuttle.ENOTFOUND {
		t.Fatalf("no session yet: %v, want ENOTFOUND", err)
	}
	want := shuttle.EditorSession{CSRFToken: "csrf-token", Expires: time.Now().Add(time.Hour).UTC().Truncate(time.Microsecond),
		Method: "session", Token: "a1b2c3"}
	if err := s.PutSession(ctx, key, want); err != nil {
		t.Fatal(err)
	}
	got, err := s.EditorSession(ctx, key)
	if err != nil || got != want {
		t.Errorf("EditorSession: %+v, %v; want %+v", got, err, want)
	}
	if _, err := s.EditorSession(ctx, other); shuttle.ErrorCode(err) != shuttle.ENOTFOUND {
		t.Errorf("another key: %v, want ENOTFOUND", err)
	}

	expired := want
	expired.Expires = time.Now().Add(-time.Minute).UTC().Truncate(time.Microsecond)
	if err := s.PutSession(ctx, other, expired); err != nil {
		t.Fatal(err)
	}
	if err := s.PutSession(ctx, sha256.Sum256([]byte("third")), want); err != nil { // forgets the expired one
		t.Fatal(err)
	}
	if _, err := s.EditorSession(ctx, other); shuttle.ErrorCode(err) != shuttle.ENOTFOUND {
		t.Errorf("an expired session outlived the next login: %v", err)
	}

	if err := s.DeleteSession(ctx, key); err != nil {
		t.Fatal(err)
	}
	if _, err := s.EditorSession(ctx, key); shuttle.ErrorCode(err) != shuttle.ENOTFOUND {
		t.Errorf("a deleted session: %v, want ENOTFOUND", err)
	}
	if err := s.DeleteSession(ctx, key); err != nil {
		t.Errorf("deleting it again: %v", err)
	}
}
