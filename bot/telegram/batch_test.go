package telegram

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/store"
)

// queueNotices queues n notices of one batch to chatID, each with its own
// text, tag and button.
func (r *senderRig) queueNotices(chatID int64, n int, text func(i int) string) {
	r.t.Helper()
	err := r.st.Update(context.Background(), func(tx *store.Tx) error {
		for i := 1; i <= n; i++ {
			tag := "DVK-2024-00" + strconv.Itoa(i)
			_, err := tx.Enqueue(store.Outgoing{Kind: store.KindMessage, ChatID: chatID, Text: text(i), Bulk: true,
				Batch: "notices", Tag: tag, Buttons: [][]store.Button{{{Text: "✅ Tiếp nhận", Data: "ra:" + strconv.Itoa(i)}}}})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		r.t.Fatal(err)
	}
}

func (r *senderRig) waitEmpty() {
	r.t.Helper()
	waitFor(r.t, "the outbox drained", func() bool {
		q, _, err := r.st.OutboxCounts(context.Background())
		return err == nil && q == 0 && r.sender.Idle()
	})
}

func notice(i int) string { return "Đăng ký mới số " + strconv.Itoa(i) }

// Notices that wait together for one chat go out as one message, every
// notice's text kept whole and its buttons named by its tag, and what
// follows them still comes after.
func TestNoticesWaitingForOneChatGoAsOneMessage(t *testing.T) {
	r := newSenderRig(t, time.Now)
	r.srv.SendPrivate(someone, "/start")
	r.queueNotices(someone.ID, 5, notice)
	r.queue(someone.ID, 1, "tin sau cùng")
	r.run()
	r.waitEmpty()
	sent := r.srv.SentTo(someone.ID)
	if len(sent) != 2 {
		t.Fatalf("%d messages, want the 5 notices as one and the last one: %v", len(sent), sent)
	}
	for i := 1; i <= 5; i++ {
		if !strings.Contains(sent[0].Plain, notice(i)) {
			t.Errorf("notice %d missing from %q", i, sent[0].Plain)
		}
		if label := sent[0].Buttons[i-1][0].Text; label != "DVK-2024-00"+strconv.Itoa(i)+" · ✅ Tiếp nhận" {
			t.Errorf("button %d reads %q", i, label)
		}
	}
	if sent[1].Plain != "tin sau cùng" {
		t.Errorf("then %q", sent[1].Plain)
	}
}

// A batch too long for one message goes in as many as it needs.
func TestBatchOverOneMessageIsSplit(t *testing.T) {
	r := newSenderRig(t, time.Now)
	r.srv.SendPrivate(someone, "/start")
	long := func(i int) string { return notice(i) + " " + strings.Repeat("x", 1800) }
	r.queueNotices(someone.ID, 5, long)
	r.run()
	r.waitEmpty()
	sent := r.srv.SentTo(someone.ID)
	if len(sent) != 3 {
		t.Fatalf("%d messages for 5 notices of 1,800 characters, want 3 (2+2+1)", len(sent))
	}
	all := ""
	for _, m := range sent {
		if utf16Len(m.Text) > maxText {
			t.Errorf("a message of %d characters", utf16Len(m.Text))
		}
		all += m.Plain
	}
	for i := 1; i <= 5; i++ {
		if strings.Count(all, notice(i)+" ") != 1 {
			t.Errorf("notice %d sent %d times", i, strings.Count(all, notice(i)+" "))
		}
	}
}

// A batch Telegram refuses is not a verdict on its notices: they go one
// by one, and none is lost or given up.
func TestRefusedBatchGoesOneByOne(t *testing.T) {
	r := newSenderRig(t, time.Now)
	r.srv.SendPrivate(someone, "/start")
	r.queueNotices(someone.ID, 3, notice)
	r.srv.FailNext("sendMessage", 1, 400, "Bad Request: reply markup is too long", 0)
	r.run()
	r.waitEmpty()
	if f := r.failed(); len(f) != 0 {
		t.Fatalf("%d given up: %+v", len(f), f)
	}
	all := ""
	for _, m := range r.srv.SentTo(someone.ID) {
		all += m.Plain + "\n"
	}
	for i := 1; i <= 3; i++ {
		if strings.Count(all, notice(i)) != 1 {
			t.Errorf("notice %d delivered %d times: %q", i, strings.Count(all, notice(i)), all)
		}
	}
}

// batchBehind takes into a batch only what fits one message by its
// length, so that long notices waiting at a chat's pace are not read
// from the store again and again for a message they cannot join.
func TestBatchBehindTakesWhatFits(t *testing.T) {
	now := time.Date(2026, 12, 7, 8, 0, 0, 0, time.UTC)
	entries := func(n, chars int) []store.Queued {
		var out []store.Queued
		for i := range n {
			out = append(out, store.Queued{ID: uint64(i + 1), Kind: store.KindMessage, ChatID: 1, Batch: "notices", Chars: chars})
		}
		return out
	}
	cases := []struct {
		name  string
		items []store.Queued
		want  int
	}{
		{"short notices: up to a batch", entries(30, 100), maxBatch - 1},
		{"notices of 2,500 characters: none joins", entries(5, 2500), 0},
		{"notices of 1,000 characters: three join", entries(10, 1000), 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			q := &chatQueue{items: tc.items}
			if got := len(q.batchBehind(now, false)); got != tc.want {
				t.Errorf("%d entries behind the head, want %d", got, tc.want)
			}
		})
	}
}
