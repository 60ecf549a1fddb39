package telegram

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// wireRig is a sender whose removals wait for another write of the store
// (a linger of an hour): nothing is removed until the test writes.
func wireRig(t *testing.T, chats int) (*senderRig, []telegramtest.User) {
	t.Helper()
	r := newSenderRigWith(t, store.Options{DeliveredLinger: time.Hour}, Unpaced())
	var users []telegramtest.User
	for i := range chats {
		u := telegramtest.User{ID: int64(8000 + i), FirstName: "Người " + strconv.Itoa(i)}
		r.srv.SendPrivate(u, "/start") // the emulator knows the chat
		users = append(users, u)
	}
	return r, users
}

// runFlushed runs the sender; when the test ends, it stops it while
// writing to the store until it has stopped: a removal waits for a write,
// and a test that fails half-way must not wait an hour for it.
func (r *senderRig) runFlushed() {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); r.sender.Run(ctx) }()
	r.t.Cleanup(func() {
		cancel()
		for {
			select {
			case <-done:
				return
			case <-time.After(10 * time.Millisecond):
				r.st.Update(context.Background(), func(*store.Tx) error { return nil })
			}
		}
	})
}

// removalsWaiting is how many sends wait for their removal to commit.
func (r *senderRig) removalsWaiting() int {
	r.sender.mu.Lock()
	defer r.sender.mu.Unlock()
	return r.sender.removing
}

// drained commits until the outbox is empty and the sender idle: a
// removal queued after a write waits for the next.
func (r *senderRig) drained() bool {
	r.commitSomething()
	q, err := r.st.Queued(context.Background(), 100)
	return err == nil && len(q) == 0 && r.sender.Idle()
}

// commitSomething is a write of the store, on which waiting removals ride.
func (r *senderRig) commitSomething() {
	r.t.Helper()
	if err := r.st.Update(context.Background(), func(*store.Tx) error { return nil }); err != nil {
		r.t.Fatal(err)
	}
}

// A request's place on the wire is free once Telegram answered, not once
// the removal of what it sent has committed: before, eight places held
// by removals waiting for a commit stopped every other chat.
func TestWirePlaceIsFreeBeforeTheRemovalCommits(t *testing.T) {
	t.Parallel()
	const chats = 3 * workers
	r, users := wireRig(t, chats)
	for _, u := range users {
		r.queue(u.ID, 1, "trả lời")
	}
	r.runFlushed()
	waitFor(t, "a reply in every chat, each waiting for its removal", func() bool { return r.removalsWaiting() == chats })
	if n := r.srv.Calls("sendMessage"); n != chats {
		t.Fatalf("%d replies sent, want %d", n, chats)
	}
	if q, _ := r.st.Queued(context.Background(), 100); len(q) != chats {
		t.Fatalf("%d entries queued, want all %d: none may be removed before a commit", len(q), chats)
	}
	if r.sender.Idle() {
		t.Error("Idle while removals wait")
	}
	waitFor(t, "the removals", r.drained)
}

// A chat's next message waits for the removal of the one before: a crash
// in between repeats at most one message of a chat.
func TestChatWaitsForItsRemovalBeforeItsNextMessage(t *testing.T) {
	t.Parallel()
	r, users := wireRig(t, 1+3*workers)
	r.queue(users[0].ID, 2, "tin của một người")
	for _, u := range users[1:] { // queued after: sent after the first, and before a second that did not wait
		r.queue(u.ID, 1, "tin của người khác")
	}
	r.runFlushed()
	waitFor(t, "every chat's first message, waiting for its removal", func() bool { return r.removalsWaiting() >= len(users) })
	if n := len(r.srv.SentTo(users[0].ID)); n != 1 {
		t.Fatalf("%d messages sent to the chat before the first one's removal committed", n)
	}
	waitFor(t, "the second message after the removal", func() bool {
		r.commitSomething() // the removal is asked for just after the send: commit until it is in
		return len(r.srv.SentTo(users[0].ID)) == 2
	})
	waitFor(t, "an empty outbox", r.drained)
}
