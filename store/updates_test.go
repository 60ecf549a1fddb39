package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/dvkbot/dvkbot/store"
)

// Updates handled together: each once, in order, each seeing what the
// earlier ones wrote, each with its own scope, and every entry they queued
// told to the sender after the one commit.
func TestHandleUpdatesShareOneCommit(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	var told []int64
	s.OnQueue(func(q []store.Queued) {
		for _, e := range q {
			told = append(told, e.ChatID)
		}
	})
	if _, err := s.HandleUpdate(ctx, 2, func(*store.Tx) error { return nil }); err != nil {
		t.Fatal(err)
	}
	var order []int
	ran, err := s.HandleUpdates(ctx, []int{1, 2, 3}, func(i int, tx *store.Tx) error {
		order = append(order, i)
		if tx.Scoped() != 0 {
			t.Errorf("update %d starts scoped to %d", i, tx.Scoped())
		}
		tx.Scope(uint64(i + 1))
		if i == 2 { // the first one's user is there already
			if _, err := tx.User(91); err != nil {
				t.Errorf("update 3 does not see update 1's write: %v", err)
			}
		}
		if _, err := tx.SeeUser(store.Profile{ID: 91 + int64(i), FirstName: "Lan"}); err != nil {
			return err
		}
		_, err := tx.Enqueue(store.Outgoing{Kind: store.KindMessage, ChatID: int64(100 + i), Text: "ok"})
		return err
	})
	if err != nil || !ran {
		t.Fatalf("ran=%v err=%v", ran, err)
	}
	if !slices.Equal(order, []int{0, 2}) {
		t.Errorf("fn ran for %v, want [0 2] (update 2 was handled before)", order)
	}
	if !slices.Equal(told, []int64{100, 102}) {
		t.Errorf("sender told of chats %v, want [100 102]", told)
	}
	for _, id := range []int{1, 3} {
		if ok, _ := s.UpdateHandled(ctx, id); !ok {
			t.Errorf("update %d not marked handled", id)
		}
	}
	ran, err = s.HandleUpdates(ctx, []int{1, 3}, func(int, *store.Tx) error {
		t.Error("fn ran again for a handled update")
		return nil
	})
	if err != nil || ran {
		t.Errorf("again: ran=%v err=%v, want false, nil", ran, err)
	}
}

// One failing update undoes the whole group: nothing written, no id
// marked, nothing queued; the caller handles them one by one.
func TestHandleUpdatesFailureKeepsNothing(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	s.OnQueue(func(q []store.Queued) { t.Errorf("sender told of %d entries of a failed group", len(q)) })
	boom := errors.New("boom")
	_, err := s.HandleUpdates(ctx, []int{5, 6}, func(i int, tx *store.Tx) error {
		if _, err := tx.SeeUser(store.Profile{ID: 70 + int64(i), FirstName: "Hòa"}); err != nil {
			return err
		}
		if _, err := tx.Enqueue(store.Outgoing{Kind: store.KindMessage, ChatID: 70, Text: "x"}); err != nil {
			return err
		}
		if i == 1 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	for _, id := range []int{5, 6} {
		if ok, _ := s.UpdateHandled(ctx, id); ok {
			t.Errorf("update %d of a failed group marked handled", id)
		}
	}
	err = s.View(ctx, func(tx *store.Tx) error {
		_, err := tx.User(70)
		return err
	})
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("first update's user kept after the group failed: %v", err)
	}
	if q, _, _ := s.OutboxCounts(ctx); q != 0 {
		t.Errorf("%d entries queued by a failed group", q)
	}
}

// What a transaction did outside the database is undone with it: OnUndo
// runs when the transaction does not commit (alone or in a group), never
// when it does.
func TestOnUndoRunsOnlyWhenNothingCommits(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	var undone []string
	mark := func(name string) func() { return func() { undone = append(undone, name) } }
	s.Update(ctx, func(tx *store.Tx) error { tx.OnUndo(mark("committed")); return nil })
	s.Update(ctx, func(tx *store.Tx) error { tx.OnUndo(mark("failed")); return errors.New("boom") })
	s.HandleUpdates(ctx, []int{1, 2}, func(i int, tx *store.Tx) error {
		tx.OnUndo(mark(fmt.Sprint("group ", i)))
		if i == 1 {
			return errors.New("boom")
		}
		return nil
	})
	s.View(ctx, func(tx *store.Tx) error { tx.OnUndo(mark("read")); return errors.New("boom") })
	if want := []string{"failed", "group 0", "group 1"}; !slices.Equal(undone, want) {
		t.Errorf("undone %v, want %v", undone, want)
	}
}

// Updates sharing a transaction count the communes an earlier one added.
func TestCommuneCountSeesThisTransactionsWrites(t *testing.T) {
	s, _ := openTemp(t)
	err := s.Update(context.Background(), func(tx *store.Tx) error {
		before := tx.CommuneCount()
		if _, err := tx.AddCommune(store.Commune{Name: "Xã Tân Phú", Code: "TP"}); err != nil {
			return err
		}
		if after := tx.CommuneCount(); after != before+1 {
			t.Errorf("%d communes after adding one to %d", after, before)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
