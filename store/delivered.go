package store

import (
	"context"
	"fmt"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// DeliveredLinger is how long a delivery's removal waits for another write
// transaction to ride on before it commits on its own.
//
// Every message sent used to cost a commit of its own (two fsyncs) just to
// remove it from the outbox, as much as the answer it replied to. Now the
// removal is a group commit: it goes into the next write transaction of
// the store, whichever it is (the next update's, other deliveries'), and
// Delivered returns once that transaction has committed. Nothing is taken
// for sent before it is durably removed: the sender sends a chat nothing
// more until then, so a crash repeats at most one message a chat, of the
// chats sent to within the linger.
const DeliveredLinger = 50 * time.Millisecond

// CrowdLinger is the linger while a crowd is answered (see LingerLonger).
// Then the poller lets updates gather for a second and each poll's
// updates commit together, so after 50 ms most removals would have missed
// the next commit and paid one of their own. Only the chat of a removal waits
// for it: the sender's place on the wire is free once Telegram answered.
const CrowdLinger = 150 * time.Millisecond

// LingerLonger sets crowd, asked at each delivery: while it says writes
// come often but far apart (the sender is behind with replies,
// telegram.Sender.Behind), a removal waits up to CrowdLinger for a write
// to ride on. Otherwise, and with no crowd set, DeliveredLinger: a chat's
// next message waits on the removal of the one before. Call before the
// sender runs.
func (s *Store) LingerLonger(crowd func() bool) { s.crowd = crowd }

// lingerNow is how long a removal queued now may wait for a write.
func (s *Store) lingerNow() time.Duration {
	if s.crowd != nil && s.crowd() {
		return max(s.linger, CrowdLinger)
	}
	return s.linger
}

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
}

// Delivered removes sent entries (one, or every entry that went out
// together as one message) in the next write transaction, and returns when
// it has committed, within about DeliveredLinger (CrowdLinger in a crowd).
func (s *Store) Delivered(ctx context.Context, ids ...uint64) error {
	if len(ids) == 0 {
		return nil
	}
	linger := s.lingerNow()
	w := make(chan error, 1)
	s.sent.mu.Lock()
	s.sent.pending.ids = append(s.sent.pending.ids, ids...)
	s.sent.pending.waiters = append(s.sent.pending.waiters, w)
	if s.sent.timer == nil {
		s.sent.timer = time.AfterFunc(linger, s.flushDelivered)
	}
	s.sent.mu.Unlock()
	return <-w // not abandoned on ctx: the removal is due either way, and soon
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

// flushDelivered commits the waiting removals on their own: no other
// write came within the linger (or the store is closing).
func (s *Store) flushDelivered() {
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
