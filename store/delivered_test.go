package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// openLingering opens a store whose deliveries never commit on their own:
// only another write, or Close, takes them.
func openLingering(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(path, Options{DeliveredLinger: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func queueOne(t *testing.T, s *Store) uint64 {
	t.Helper()
	var id uint64
	err := s.Update(context.Background(), func(tx *Tx) (err error) {
		id, err = tx.Enqueue(Outgoing{ChatID: 5, Text: "x"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// deliverAsync calls Delivered and waits until the removal is pending.
func deliverAsync(t *testing.T, s *Store, id uint64) <-chan error {
	t.Helper()
	return deliverWithin(t, s, 0, id)
}

// deliverWithin calls Delivered with the wait within and waits until the
// removal is pending.
func deliverWithin(t *testing.T, s *Store, within time.Duration, id uint64) <-chan error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- s.Delivered(context.Background(), within, id) }()
	for {
		s.sent.mu.Lock()
		n := len(s.sent.pending.ids)
		s.sent.mu.Unlock()
		if n > 0 {
			return done
		}
		select {
		case err := <-done:
			t.Fatalf("Delivered returned before any commit: %v", err)
		case <-time.After(time.Millisecond):
		}
	}
}

func txID(t *testing.T, s *Store) (id int) {
	t.Helper()
	s.db.View(func(tx *bolt.Tx) error { id = tx.ID(); return nil })
	return id
}

func inOutbox(t *testing.T, s *Store, id uint64) bool {
	t.Helper()
	var found bool
	s.db.View(func(tx *bolt.Tx) error { found = tx.Bucket(bucketOutbox).Get(itob(id)) != nil; return nil })
	return found
}

// A delivery's removal commits with the next write, in the same commit,
// and Delivered returns only then.
func TestDeliveredRidesTheNextWrite(t *testing.T) {
	s := openLingering(t, filepath.Join(t.TempDir(), "d.db"))
	defer s.Close()
	id := queueOne(t, s)
	done := deliverAsync(t, s, id)
	before := txID(t, s)
	queueOne(t, s) // another write: an update's answer
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(time.Minute): // a bound on a hang, not a timing
		t.Fatal("Delivered still waits after the next write committed")
	}
	if after := txID(t, s); after != before+1 {
		t.Errorf("%d commits for the write and the removal, want one", after-before)
	}
	if inOutbox(t, s, id) {
		t.Error("the delivered entry is still queued")
	}
}

// A write that fails rolls back; the removals it carried still commit,
// on their own.
func TestDeliveredSurvivesAFailedWrite(t *testing.T) {
	s := openLingering(t, filepath.Join(t.TempDir(), "d.db"))
	defer s.Close()
	id := queueOne(t, s)
	done := deliverAsync(t, s, id)
	boom := errors.New("boom")
	if err := s.Update(context.Background(), func(*Tx) error { return boom }); !errors.Is(err, boom) {
		t.Fatalf("Update: %v", err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if inOutbox(t, s, id) {
		t.Error("the delivered entry is still queued after the failed write")
	}
}

// With no other write, a delivery commits on its own (after the linger),
// and Close commits what waits: a reopened file has neither entry.
func TestDeliveredCommitsAloneAndAtClose(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.db")
	s, err := Open(path, Options{DeliveredLinger: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	alone := queueOne(t, s)
	if err := s.Delivered(context.Background(), 0, alone); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = openLingering(t, path)
	atClose := queueOne(t, s)
	done := deliverAsync(t, s, atClose)
	s.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	s = openLingering(t, path)
	defer s.Close()
	for _, id := range []uint64{alone, atClose} {
		if inOutbox(t, s, id) {
			t.Errorf("entry %d is queued again after a restart", id)
		}
	}
}

// A removal commits on its own after the wait its sender asked for, and
// the shortest wait waiting takes the others with it; FlushDelivered
// commits what waits at once.
func TestRemovalWaitsAsItsSenderAsks(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "w.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	first, soon, last := queueOne(t, s), queueOne(t, s), queueOne(t, s)
	before := txID(t, s)
	long := deliverWithin(t, s, time.Hour, first)
	select {
	case err := <-long:
		t.Fatalf("a removal asked to wait an hour committed at once (%v)", err)
	case <-time.After(50 * time.Millisecond):
	}
	if err := s.Delivered(ctx, time.Millisecond, soon); err != nil {
		t.Fatal(err)
	}
	if err := <-long; err != nil {
		t.Fatal(err)
	}
	if after := txID(t, s); after != before+1 {
		t.Errorf("%d commits for the two removals, want one", after-before)
	}
	flushed := deliverWithin(t, s, time.Hour, last)
	s.FlushDelivered()
	if err := <-flushed; err != nil {
		t.Fatal(err)
	}
}

// A removal asked to wait long is hastened when something new for its
// chat is queued by a commit that did not take it; one another commit
// took already, or none at all, hastens nothing.
func TestHastenDeliveredOnlyWhatStillWaits(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "h.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	waiting, other := queueOne(t, s), queueOne(t, s)
	done := deliverWithin(t, s, time.Hour, waiting)
	s.HastenDelivered(other) // not waiting: nothing changes
	select {
	case err := <-done:
		t.Fatalf("hastened by an entry that does not wait (%v)", err)
	case <-time.After(50 * time.Millisecond):
	}
	s.HastenDelivered(other, waiting)
	if err := <-done; err != nil { // an hour otherwise: the test's own timeout
		t.Fatal(err)
	}
}
