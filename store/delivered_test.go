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
	done := make(chan error, 1)
	go func() { done <- s.Delivered(context.Background(), id) }()
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
	if err := s.Delivered(context.Background(), alone); err != nil {
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

// While a crowd is answered, a removal waits longer for a write to ride
// on; otherwise, and with no crowd set, the usual linger.
func TestRemovalsLingerLongerInACrowd(t *testing.T) {
	crowd := false
	cases := []struct {
		name   string
		linger time.Duration
		set    bool
		crowd  bool
		want   time.Duration
	}{
		{"no crowd set", 0, false, true, DeliveredLinger},
		{"no crowd now", 0, true, false, DeliveredLinger},
		{"a crowd", 0, true, true, CrowdLinger},
		{"a longer linger is kept", time.Hour, true, true, time.Hour},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Open(filepath.Join(t.TempDir(), "l.db"), Options{DeliveredLinger: tc.linger})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if tc.set {
				s.LingerLonger(func() bool { return crowd })
			}
			crowd = tc.crowd
			if got := s.lingerNow(); got != tc.want {
				t.Errorf("linger %v, want %v", got, tc.want)
			}
		})
	}
}
