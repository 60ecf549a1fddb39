package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/store"
)

func enqueue(t *testing.T, s *store.Store, texts ...string) []uint64 {
	t.Helper()
	var ids []uint64
	err := s.Update(context.Background(), func(tx *store.Tx) error {
		for _, text := range texts {
			id, err := tx.Enqueue(store.Outgoing{Kind: store.KindMessage, ChatID: 5, Text: text})
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func TestOutboxIsFIFOWithSequenceIDs(t *testing.T) {
	s, _ := openTemp(t)
	ids := enqueue(t, s, "một", "hai", "ba")
	if ids[0] != 1 || ids[2] != 3 {
		t.Errorf("ids = %v, want 1..3", ids)
	}
	q, err := s.Queued(context.Background(), 10)
	if err != nil || len(q) != 3 || q[0].Text != "một" || q[2].Text != "ba" {
		t.Fatalf("queued = %+v, %v", q, err)
	}
	if !q[0].CreatedAt.Equal(t0) {
		t.Errorf("created at = %v, want store clock %v", q[0].CreatedAt, t0)
	}
}

func TestOutboxLifecycle(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	ids := enqueue(t, s, "a", "b", "c")
	later := t0.Add(time.Minute)
	steps := []struct {
		name string
		do   func() error
	}{
		{"deliver a", func() error { return s.Delivered(ctx, ids[0]) }},
		{"postpone b", func() error { return s.Postpone(ctx, ids[1], later, "429") }},
		{"give up c", func() error { return s.GiveUp(ctx, ids[2], "403 Forbidden") }},
	}
	for _, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
	}
	q, _ := s.Queued(ctx, 10)
	if len(q) != 1 || q[0].Text != "b" || !q[0].NotBefore.Equal(later) || q[0].Attempts != 1 {
		t.Errorf("queued after lifecycle = %+v", q)
	}
	f, _ := s.FailedSends(ctx, 10)
	if len(f) != 1 || f[0].Text != "c" || f[0].LastError != "403 Forbidden" {
		t.Errorf("failed = %+v", f)
	}
}

func TestConversationRoundTrip(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	c := store.Conversation{ChatID: -100, UserID: 7, Form: "register", Step: 2, Answers: map[string]string{"name": "Dân vận khéo"}}
	err := s.Update(ctx, func(tx *store.Tx) error { return tx.PutConversation(c) })
	if err != nil {
		t.Fatal(err)
	}
	err = s.View(ctx, func(tx *store.Tx) error {
		got, err := tx.Conversation(-100, 7)
		if err == nil && (got.Step != 2 || got.Answers["name"] != "Dân vận khéo" || !got.StartedAt.Equal(t0)) {
			t.Errorf("got %+v", got)
		}
		if _, err := tx.Conversation(-100, 8); err == nil {
			t.Error("another user's conversation was found")
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
