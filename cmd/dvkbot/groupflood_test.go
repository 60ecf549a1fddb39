package main

import (
	"context"
	"fmt"
	"testing"

	"golang.org/x/time/rate"

	"github.com/dvkbot/dvkbot/bot"
	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

func (h *harness) userCount() int {
	n := 0
	h.main.store.View(context.Background(), func(tx *store.Tx) error { n = tx.UserCount(); return nil })
	return n
}

func members(n int) []telegramtest.User {
	out := make([]telegramtest.User, n)
	for i := range out {
		out[i] = telegramtest.User{ID: int64(50000 + i), FirstName: fmt.Sprintf("Thành viên %d", i+1)}
	}
	return out
}

// Members of a group the bot knows nothing about get no answers, and are
// not stored: a throwaway group cannot make the bot talk or grow.
func TestUnlinkedGroupAnswersOnlyStaffAndStoresNobody(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	lobby := telegramtest.Chat{ID: -100888, Type: "supergroup", Title: "Nhóm lạ"}
	h.srv.AddBotToGroup(stranger, lobby)
	h.settle()
	users := h.userCount()
	for _, m := range members(40) {
		h.srv.SendText(m, lobby, "/start")
		h.srv.SendText(m, lobby, "/help")
	}
	h.settle()
	if n := len(h.srv.SentTo(lobby.ID)); n != 0 {
		t.Errorf("%d messages to a group of no unit", n)
	}
	if n := h.userCount(); n != users {
		t.Errorf("%d people stored from a group of no unit", n-users)
	}
	h.srv.SendText(secA, lobby, "/link") // staff are answered, to link it
	m := h.expect(lobby.ID, "Nhóm này thuộc đơn vị nào")
	if len(m.Buttons) != 1 || m.Buttons[0][0].Text != "Chi bộ thôn Đông" {
		t.Errorf("a secretary is offered %v, want their own unit only", m.Buttons)
	}
}

// In a linked group, members taking turns stay under the per-person limit;
// the group as a whole is paced so its replies cannot pile up for hours.
func TestGroupAsAWholeIsPaced(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.linkDong()
	h.main.Close()
	h.flood = &bot.Flood{Burst: 10000, Rate: rate.Inf, GroupBurst: 10, GroupRate: rate.Limit(0.0001)}
	h.start()
	before, users := len(h.srv.SentTo(group.ID)), h.userCount()
	for _, m := range members(40) {
		h.srv.SendText(m, group, "/help")
		h.srv.SendText(m, group, "/start@OtherBot") // ignored: not ours
	}
	h.settle()
	if n := len(h.srv.SentTo(group.ID)) - before; n > 10 || n == 0 {
		t.Errorf("%d replies to 40 members asking at once, want 1..10", n)
	}
	if n := h.userCount() - users; n != 0 {
		t.Errorf("%d members of the unit's group stored; only private chats make a stored person", n)
	}
}

// A group asking too fast loses its members' commands, never the bot's
// own removal: the office is still told that reminders will not get in.
func TestGroupPaceNeverDropsTheBotsRemoval(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.linkDong()
	h.main.Close()
	h.flood = &bot.Flood{Burst: 10000, Rate: rate.Inf, GroupBurst: 2, GroupRate: rate.Limit(0.0001)}
	h.start()
	for _, m := range members(5) {
		h.srv.SendText(m, group, "/help")
	}
	h.settle()
	h.srv.RemoveBotFromGroup(secA, group)
	h.expectNew(admin.ID, "xóa khỏi nhóm của Chi bộ thôn Đông")
}
