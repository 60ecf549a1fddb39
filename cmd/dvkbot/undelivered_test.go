package main

import (
	"context"
	"testing"

	"github.com/dvkbot/dvkbot/store"
)

// An entry that fails for passing reasons too many times, while other
// messages get through, is given up, so it stops holding back its chat,
// and the chat is told once.
func TestGivenUpEntryIsToldToItsChat(t *testing.T) {
	h := newHarness(t)
	h.say(stranger, "/start", "Xin chào")
	h.say(admin, "/start", "Xin chào") // the way to Telegram works
	h.settle()
	h.srv.FailNext("sendMessage", 1, 502, "Bad Gateway", 0)
	var id uint64
	err := h.main.store.Update(context.Background(), func(tx *store.Tx) error {
		var err error // nine tries already failed
		id, err = tx.Enqueue(store.Outgoing{Kind: store.KindMessage, ChatID: stranger.ID, Text: "tin không đi được", Attempts: 9})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	h.expectNew(stranger.ID, "đã thử nhiều lần")
	h.settle()
	failed, _ := h.main.store.FailedSends(context.Background(), 10)
	if len(failed) != 1 || failed[0].ID != id {
		t.Errorf("failed sends %+v, want the one given up", failed)
	}
}
