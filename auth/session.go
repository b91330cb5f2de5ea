package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"sync"
	"time"
)

// CookieName is the editor session cookie.
const CookieName = "shuttle_session"

// idBytes is the entropy of a session id and of a CSRF token: 256 bits, so
// neither can be guessed however many tries an attacker makes.
const idBytes = 32

// idLen is the length of an id in unpadded base64url.
var idLen = base64.RawURLEncoding.EncodedLen(idBytes)

// Session is what an editor's browser holds a cookie for.
type Session struct {
	// CSRFToken is the synchronizer token: every form the session posts
	// must carry it (field csrf_token) or send it as X-CSRF-Token.
	CSRFToken string
	Expires   time.Time
	Editor    Editor
}

// sessionKey is a session id's SHA-256. The map is keyed by it rather than by
// the id so that the time a lookup takes depends on a hash the client cannot
// steer, never on how many leading characters of a real id it guessed.
type sessionKey [sha256.Size]byte

func keyOf(id string) sessionKey { return sha256.Sum256([]byte(id)) }

// sessions is the server-side session table in memory, for an
// Authenticator without a store (Config.Sessions): a restart signs every
// editor out. The store keeps sessions under the same key, the id's hash, so
// that no session secret touches the database either way.
type sessions struct {
	mu  sync.Mutex
	m   map[sessionKey]*Session
	max int
}

// newID returns 256 random bits in base64url. crypto/rand.Read never fails
// (since Go 1.24 it crashes the program rather than return weak bytes).
func newID() string {
	b := make([]byte, idBytes)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// create stores a new session and returns its id.
func (s *sessions) create(now time.Time, sess Session) string {
	id := newID()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = make(map[sessionKey]*Session)
	}
	if len(s.m) >= s.max {
		s.evict(now)
	}
	s.m[keyOf(id)] = &sess
	return id
}

// evict drops expired sessions and, if the table is still full, the one that
// expires first; only editors with a valid token create sessions, so this is
// housekeeping rather than a defence.
func (s *sessions) evict(now time.Time) {
	var oldest sessionKey
	var first time.Time
	for k, v := range s.m {
		if !now.Before(v.Expires) {
			delete(s.m, k)
			continue
		}
		if first.IsZero() || v.Expires.Before(first) {
			oldest, first = k, v.Expires
		}
	}
	if len(s.m) >= s.max {
		delete(s.m, oldest)
	}
}

// get returns the live session with id; an expired one is deleted.
func (s *sessions) get(now time.Time, id string) (Session, bool) {
	k := keyOf(id)
	s.mu.Lock()
	defer s.mu.Unlock()
	sess, ok := s.m[k]
	if !ok {
		return Session{}, false
	}
	if !now.Before(sess.Expires) {
		delete(s.m, k)
		return Session{}, false
	}
	return *sess, true
}

func (s *sessions) delete(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, keyOf(id))
}

func (s *sessions) len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.m)
}

// ParseSessionID checks a cookie value's shape: exactly the length and
// alphabet newID produces. Anything else is refused before it reaches the
// session table.
func ParseSessionID(v string) (string, bool) {
	if len(v) != idLen {
		return "", false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return "", false
		}
	}
	return v, true
}
