package feed

import (
	"context"
	"sync"

	"github.com/shuttlenews/shuttle"
)

// FeedState is what a feed's server told us last time, for a conditional GET.
type FeedState = shuttle.FeedState

// StateStore remembers, across polls, each feed's validators and which items
// were already delivered. Implementations must be safe for concurrent use.
// MemoryState is the in-memory one; the stores (shuttle.Store) keep it in
// the database, so that a restart skips the items it has delivered.
type StateStore = shuttle.FeedStateStore

// MemoryState is a StateStore in memory. It forgets the oldest seen keys
// beyond its capacity, so memory stays bounded however long the server runs;
// an item that old has long dropped out of its feed.
type MemoryState struct {
	mu    sync.Mutex
	feeds map[string]FeedState
	seen  map[string]struct{}
	ring  []string // seen keys in insertion order; once full, oldest at next
	next  int
	max   int
}

// NewMemoryState returns an empty MemoryState remembering up to maxSeen keys
// (DefaultMaxSeen when maxSeen <= 0).
func NewMemoryState(maxSeen int) *MemoryState {
	if maxSeen <= 0 {
		maxSeen = DefaultMaxSeen
	}
	return &MemoryState{
		feeds: make(map[string]FeedState),
		seen:  make(map[string]struct{}),
		max:   maxSeen,
	}
}

func (m *MemoryState) FeedState(_ context.Context, feedURL string) (FeedState, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.feeds[feedURL], nil
}

func (m *MemoryState) SetFeedState(_ context.Context, feedURL string, s FeedState) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.feeds[feedURL] = s
	return nil
}

func (m *MemoryState) Seen(_ context.Context, keys ...string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, k := range keys {
		if _, ok := m.seen[k]; ok {
			return true, nil
		}
	}
	return false, nil
}

func (m *MemoryState) MarkSeen(_ context.Context, keys ...string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, k := range keys {
		if _, ok := m.seen[k]; !ok {
			m.add(k)
		}
	}
	return nil
}

// add records k, evicting the oldest key once the ring is full.
func (m *MemoryState) add(k string) {
	m.seen[k] = struct{}{}
	if len(m.ring) < m.max {
		m.ring = append(m.ring, k)
		return
	}
	delete(m.seen, m.ring[m.next])
	m.ring[m.next] = k
	m.next = (m.next + 1) % m.max
}
