package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
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
		{"deliver a", func() error { return s.Delivered(ctx, 0, ids[0]) }},
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

// A file waiting to be sent goes with its entry when the entry fails:
// given up alone, or with the whole queue of a chat that shut the bot
// out. Before, only the entry being sent had its file removed, and the
// rest of a dropped chat's files (a zip's other parts) stayed for ever.
func TestFailedEntriesTakeTheirFiles(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	dir := t.TempDir()
	var paths []string
	var ids []uint64
	err := s.Update(ctx, func(tx *store.Tx) error {
		for i, chat := range []int64{5, 5, 6} {
			p := filepath.Join(dir, fmt.Sprintf("part-%d.zip", i))
			if err := os.WriteFile(p, []byte("zip"), 0o600); err != nil {
				return err
			}
			id, err := tx.Enqueue(store.Outgoing{Kind: store.KindDoc, ChatID: chat, FileName: "minh-chung.zip", FilePath: p})
			if err != nil {
				return err
			}
			paths, ids = append(paths, p), append(ids, id)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DropChat(ctx, 5, "403 Forbidden: bot was blocked by the user"); err != nil {
		t.Fatal(err)
	}
	for _, p := range paths[:2] {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s of a dropped chat is still there: %v", p, err)
		}
	}
	if _, err := os.Stat(paths[2]); err != nil {
		t.Errorf("another chat's file is gone: %v", err)
	}
	if err := s.GiveUp(ctx, ids[2], "chat backlog full"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(paths[2]); !os.IsNotExist(err) {
		t.Errorf("the file of an entry given up is still there: %v", err)
	}
}
