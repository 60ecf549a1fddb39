package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/store"
)

// An entry that fails for passing reasons too many times, while other
// messages get through, is given up, so it stops holding back its chat,
// and the chat is told once.
func TestGivenUpEntryIsToldToItsChat(t *testing.T) {
	t.Parallel()
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

// On a quiet bot nothing else gets through to prove the failure is the
// entry's own: before, a group message Telegram kept refusing with a 500
// was tried for ever and held back its chat. Now it is given up after
// the last try whatever else happens, and the commune's office is told
// once for the chat, not once an entry.
func TestQuietBotGivesUpAFailingGroupMessageAndTellsTheOfficeOnce(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.linkDong()
	h.say(admin, "/start", "Xin chào")
	h.settle()
	h.srv.BreakChat(group.ID, 500, "Internal Server Error")
	err := h.main.store.Update(context.Background(), func(tx *store.Tx) error {
		for _, text := range []string{"nhắc hạn 1", "nhắc hạn 2"} { // 17 tries failed, the last just now: 3 to go each
			o := store.Outgoing{Kind: store.KindMessage, ChatID: group.ID, Text: text, Attempts: 17, TriedAt: h.clock.now()}
			if _, err := tx.Enqueue(o); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	h.expectNew(admin.ID, "không gửi được một tin nhắn vào nhóm của Chi bộ thôn Đông")
	failed := func() []store.Outgoing {
		f, err := h.main.store.FailedSends(context.Background(), 10)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	deadline := time.Now().Add(wait)
	for len(failed()) < 2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	// The second may go sooner: the office's notice got through meanwhile,
	// so its failure is its own.
	f := failed()
	if len(f) != 2 {
		t.Fatalf("%d entries given up, want both", len(f))
	}
	if f[0].Text != "nhắc hạn 1" || !strings.Contains(f[0].LastError, "given up after 20 attempts") {
		t.Errorf("first entry %q given up for %q, want after 20 attempts", f[0].Text, f[0].LastError)
	}
	h.srv.BreakChat(group.ID, 0, "") // the chat's own notice now goes
	h.expectNew(group.ID, "đã thử nhiều lần")
	h.settle()
	notices := 0
	for _, s := range h.srv.SentTo(admin.ID) {
		if strings.Contains(s.Plain, "không gửi được một tin nhắn") {
			notices++
		}
	}
	if notices != 1 {
		t.Errorf("the office was told %d times, want once", notices)
	}
}
