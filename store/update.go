package store

import (
	"context"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// UpdateRetention is how long handled update ids are remembered. Telegram
// keeps an unconfirmed update for 24 hours, so a re-delivery can never be
// older than that; after a week of silence it may restart update ids at a
// random value, which is why ids are remembered one by one and not as a
// high-water mark.
const UpdateRetention = 48 * time.Hour

// HandleUpdate runs fn for a Telegram update exactly once: in one
// transaction it checks that the update id was not handled before, runs fn
// and records the id. It reports whether fn ran. If fn fails nothing of it
// is kept and the id stays unhandled.
func (s *Store) HandleUpdate(ctx context.Context, updateID int, fn func(*Tx) error) (ran bool, err error) {
	err = s.Update(ctx, func(t *Tx) error {
		if t.updateHandled(updateID) {
			return nil
		}
		if err := fn(t); err != nil {
			return err
		}
		ran = true
		return t.markUpdate(updateID)
	})
	if err != nil {
		return false, fmt.Errorf("handle update %d: %w", updateID, err)
	}
	return ran, nil
}

// HandleUpdates is HandleUpdate for several updates sharing one
// transaction, so one commit makes them all durable: fn(i, tx)
// runs in order for each id not handled before, and sees what the earlier
// ones wrote. Each gets a Tx of its own, so that a scope one of them sets
// does not reach the next. If any fn fails, nothing of any of them is kept
// and that error is returned: the caller then handles them one by one. It
// reports whether any fn ran.
func (s *Store) HandleUpdates(ctx context.Context, ids []int, fn func(i int, tx *Tx) error) (ran bool, err error) {
	err = s.Update(ctx, func(t *Tx) error {
		for i, id := range ids {
			one := &Tx{tx: t.tx, now: t.now, onQueue: t.onQueue, undo: t.undo}
			if one.updateHandled(id) {
				continue
			}
			if err := fn(i, one); err != nil {
				return fmt.Errorf("update %d: %w", id, err)
			}
			ran = true
			if err := one.markUpdate(id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("handle %d updates: %w", len(ids), err)
	}
	return ran, nil
}

// MarkUpdate records an update as handled without doing anything else: for
// updates that cannot be handled, so that they are not retried forever.
func (s *Store) MarkUpdate(ctx context.Context, updateID int) error {
	return s.Update(ctx, func(t *Tx) error { return t.markUpdate(updateID) })
}

// UpdateHandled reports whether the update id was handled.
func (s *Store) UpdateHandled(ctx context.Context, updateID int) (bool, error) {
	var ok bool
	err := s.View(ctx, func(t *Tx) error { ok = t.updateHandled(updateID); return nil })
	return ok, err
}

func (t *Tx) updateHandled(id int) bool {
	return t.tx.Bucket(bucketUpdates).Get(itob(uint64(id))) != nil
}

func (t *Tx) markUpdate(id int) error {
	return t.tx.Bucket(bucketUpdates).Put(itob(uint64(id)), itob(uint64(t.now.Unix())))
}

// PruneUpdates forgets update ids handled before cutoff and reports how many.
func (s *Store) PruneUpdates(ctx context.Context, cutoff time.Time) (int, error) {
	n := 0
	err := s.Update(ctx, func(t *Tx) error {
		var err error
		n, err = pruneBefore(t.tx.Bucket(bucketUpdates), cutoff.Unix())
		return err
	})
	return n, err
}

func pruneBefore(b *bolt.Bucket, cutoff int64) (int, error) {
	var old [][]byte
	err := b.ForEach(func(k, v []byte) error {
		if len(v) == 8 && int64(btoi(v)) < cutoff {
			old = append(old, append([]byte(nil), k...))
		}
		return nil
	})
	for _, k := range old {
		if err == nil {
			err = b.Delete(k)
		}
	}
	return len(old), err
}
