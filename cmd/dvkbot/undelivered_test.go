package main

import (
	"context"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/store"
)

// An entry that fails for passing reasons too many times is given up, so
// it stops holding back its chat, and the chat is told once.
func TestGivenUpEntryIsToldToItsChat(t *testing.T) {
	h := newHarness(t)
	h.say(stranger, "/start", "Xin chào")
	h.main.Close()
	st, err := store.Open(h.path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var id uint64
	st.Update(context.Background(), func(tx *store.Tx) error {
		id, err = tx.Enqueue(store.Outgoing{Kind: store.KindMessage, ChatID: stranger.ID, Text: "tin không đi được"})
		return err
	})
	for i := 0; i < 9; i++ { // nine tries already failed
		st.Postpone(context.Background(), id, time.Time{}, "502 Bad Gateway")
	}
	st.Close()
	h.srv.FailNext("sendMessage", 1, 502, "Bad Gateway", 0)
	h.start()
	h.expectNew(stranger.ID, "đã thử nhiều lần")
	h.settle()
	failed, _ := h.main.store.FailedSends(context.Background(), 10)
	if len(failed) != 1 || failed[0].ID != id {
		t.Errorf("failed sends %+v, want the one given up", failed)
	}
}
