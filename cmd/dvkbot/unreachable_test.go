package main

import (
	"strings"
	"testing"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// unreachableNotices counts the admin's notices that a person cannot be
// reached.
func (h *harness) unreachableNotices(adminID int64) int {
	h.t.Helper()
	n := 0
	for _, s := range h.srv.SentTo(adminID) {
		if strings.Contains(s.Plain, "không gửi được tin cho") {
			n++
		}
	}
	return n
}

// queueTo puts n bulk messages for chatID in the outbox, as reminders and
// notices would.
func (h *harness) queueTo(chatID int64, n int) {
	h.t.Helper()
	for i := 0; i < n; i++ {
		h.change(func(tx *store.Tx) error {
			_, err := tx.Enqueue(store.Outgoing{Kind: store.KindMessage, ChatID: chatID, Text: "thông báo", Bulk: true})
			return err
		})
		h.settle()
	}
}

// An admin who blocked the bot is a person with a role: the other admins
// are told, once, and the notices that fail in turn do not go round.
func TestUnreachableAdminIsReportedToTheOthersOnce(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.secondAdmin()
	h.settle()
	h.srv.BlockChat(member.ID)
	h.queueTo(member.ID, 3)
	if n := h.unreachableNotices(admin.ID); n != 1 {
		t.Errorf("%d notices about an admin who blocked the bot, want 1", n)
	}
	if !strings.Contains(h.last(admin.ID).Plain, "Đảng viên") {
		t.Errorf("the notice does not name the admin: %q", h.last(admin.ID).Plain)
	}
}

// A refused edit in a private chat (the message is gone, or unchanged) is
// nobody's business: the person is reachable, and the admins hear nothing.
func TestRefusedEditTellsNobody(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	pc := telegramtest.PrivateChat(secA)
	h.say(secA, "/menu", "Mời đồng chí chọn")
	for i := 0; i < 5; i++ {
		h.srv.FailNext("editMessageText", 1, 400, "Bad Request: message to edit not found", 0)
		h.press(secA, pc, h.last(secA.ID), "Hướng dẫn")
		h.settle()
		h.srv.SendPrivate(secA, "/menu")
		h.settle()
	}
	if n := h.unreachableNotices(admin.ID); n != 0 {
		t.Errorf("%d notices to the admin about refused edits", n)
	}
	if u := h.user(secA.ID); !u.UnreachableSince.IsZero() {
		t.Errorf("a refused edit marked the secretary unreachable since %v", u.UnreachableSince)
	}
	if n := h.srv.Rejected(400); n < 5 {
		t.Errorf("%d edits refused, want 5: the test did not test", n)
	}
}
