package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/store"
)

func TestHandleUpdateRunsOnce(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	calls := 0
	fn := func(tx *store.Tx) error { calls++; return nil }
	for i, want := range []bool{true, false} {
		ran, err := s.HandleUpdate(ctx, 500, fn)
		if err != nil || ran != want {
			t.Errorf("call %d: ran=%v err=%v, want ran=%v", i, ran, err, want)
		}
	}
	if calls != 1 {
		t.Errorf("fn called %d times, want 1", calls)
	}
}

func TestHandleUpdateFailureKeepsNothing(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	boom := errors.New("boom")
	_, err := s.HandleUpdate(ctx, 7, func(tx *store.Tx) error {
		if _, err := tx.SeeUser(store.Profile{ID: 9, FirstName: "Hòa"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if ok, _ := s.UpdateHandled(ctx, 7); ok {
		t.Error("failed update was marked handled")
	}
	err = s.View(ctx, func(tx *store.Tx) error {
		_, err := tx.User(9)
		return err
	})
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("user from failed update: %v, want ErrNotFound", err)
	}
}

func TestPruneUpdatesForgetsOnlyOld(t *testing.T) {
	now := t0
	s, err := store.Open(t.TempDir()+"/p.db", store.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	noop := func(*store.Tx) error { return nil }
	s.HandleUpdate(ctx, 1, noop)
	now = t0.Add(72 * time.Hour)
	s.HandleUpdate(ctx, 2, noop)
	n, err := s.PruneUpdates(ctx, now.Add(-store.UpdateRetention))
	if err != nil || n != 1 {
		t.Fatalf("pruned %d, %v; want 1", n, err)
	}
	for id, want := range map[int]bool{1: false, 2: true} {
		if got, _ := s.UpdateHandled(ctx, id); got != want {
			t.Errorf("update %d handled = %v, want %v", id, got, want)
		}
	}
}
