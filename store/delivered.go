package store

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// DeliveredLinger is how long a delivery's removal waits, unless its
// sender asks for another wait, for another write transaction to ride on
// before it commits on its own.
//
// Every message sent used to cost a commit of its own (two fsyncs) just to
// remove it from the outbox, as much as the answer it replied to. Now the
// removal is a group commit: it goes into the next write transaction of
// the store, whichever it is (the next update's, other deliveries'), and
// Delivered returns once that transaction has committed. Nothing is taken
// for sent before it is durably removed: the sender sends a chat nothing
// more until then, so a crash repeats at most one message a chat, of the
// chats whose removal was waiting.
const DeliveredLinger = 50 * time.Millisecond

// sentBatch is removals waiting for a commit, and who waits on them.
type sentBatch struct {
	ids     []uint64
	waiters []chan error
}

func (b sentBatch) done(err error) {
	for _, w := range b.waiters {
		w <- err
	}
}

// delivered gathers removals for the next commit.
type delivered struct {
	mu      sync.Mutex
	pending sentBatch
	timer   *time.Timer
	at      time.Time // when timer fires
}

// Delivered removes sent entries (one, or every entry that went out
// together as one message) in the next write transaction, and returns when
// it has committed: at the latest after within (DeliveredLinger when 0),
// or sooner when another removal waiting asked for less. Only the chat of
// a removal waits for it, so its sender may let it wait as long as the
// chat would wait anyway.
func (s *Store) Delivered(ctx context.Context, within time.Duration, ids ...uint64) error {
	return <-s.DeliveredLater(within, ids...) // not abandoned on ctx: the removal is due either way, and soon
}

// DeliveredLater is Delivered that returns as soon as the removal waits:
// the channel says when it has committed. A sender that learns meanwhile
// that the wait is too long can hasten it (HastenDelivered).
func (s *Store) DeliveredLater(within time.Duration, ids ...uint64) <-chan error {
	w := make(chan error, 1)
	if len(ids) == 0 {
		w <- nil
		return w
	}
	if s.linger > 0 {
		within = s.linger
	} else if within <= 0 {
		within = DeliveredLinger
	}
	s.sent.mu.Lock()
	s.sent.pending.ids = append(s.sent.pending.ids, ids...)
	s.sent.pending.waiters = append(s.sent.pending.waiters, w)
	s.flushBy(time.Now().Add(within))
	s.sent.mu.Unlock()
	return w
}

// HastenDelivered makes the removals waiting, when any of ids is among
// them, commit within DeliveredLinger: something new for their chat was
// queued by a commit that came too early to take them, and it waits on
// them.
func (s *Store) HastenDelivered(ids ...uint64) {
	if s.linger > 0 {
		return // the test's wait, whatever happens
	}
	s.sent.mu.Lock()
	defer s.sent.mu.Unlock()
	for _, id := range ids {
		if slices.Contains(s.sent.pending.ids, id) {
			s.flushBy(time.Now().Add(DeliveredLinger))
			return
		}
	}
}

// flushBy makes the waiting removals commit on their own at the latest at
// at; s.sent.mu is held. A timer that has fired already will take them.
func (s *Store) flushBy(at time.Time) {
	t := &s.sent
	if t.timer != nil && !at.Before(t.at) {
		return
	}
	if t.timer != nil && !t.timer.Stop() {
		return // firing: its flush takes what waits now
	}
	t.timer, t.at = time.AfterFunc(time.Until(at), s.FlushDelivered), at
}

// takeDelivered hands the waiting removals to the transaction starting.
func (s *Store) takeDelivered() sentBatch {
	s.sent.mu.Lock()
	defer s.sent.mu.Unlock()
	b := s.sent.pending
	s.sent.pending = sentBatch{}
	if s.sent.timer != nil {
		s.sent.timer.Stop()
		s.sent.timer = nil
	}
	return b
}

// FlushDelivered commits the waiting removals now, on their own: no other
// write came within their wait, the store is closing, or the sender is
// stopping or asked whether it is done.
func (s *Store) FlushDelivered() {
	b := s.takeDelivered()
	if len(b.ids) > 0 {
		b.done(s.db.Update(func(tx *bolt.Tx) error { return removeSent(tx, b.ids) }))
	}
}

// removeSent deletes delivered entries from the outbox.
func removeSent(tx *bolt.Tx, ids []uint64) error {
	b := tx.Bucket(bucketOutbox)
	for _, id := range ids {
		if err := b.Delete(itob(id)); err != nil {
			return fmt.Errorf("outbox %d: %w", id, err)
		}
	}
	return nil
}

// update is Update's transaction with the waiting removals in it. When
// the transaction fails, the removals did not commit with it: they are
// committed on their own, so that fn's failure is not theirs.
func (s *Store) update(fn func(*bolt.Tx) error) error {
	b := s.takeDelivered()
	err := s.db.Update(func(tx *bolt.Tx) error {
		if err := removeSent(tx, b.ids); err != nil {
			return err
		}
		return fn(tx)
	})
	if len(b.ids) == 0 {
		return err
	}
	if err != nil {
		b.done(s.db.Update(func(tx *bolt.Tx) error { return removeSent(tx, b.ids) }))
		return err
	}
	b.done(nil)
	return nil
}
