package main

import (
	"context"
	"strings"
	"testing"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

var (
	// Telegram's last name goes first (store.OrderedName): the bot shows
	// these two as "Bí thư Đông" and "Bí thư Tây".
	secA = telegramtest.User{ID: 1101, FirstName: "Đông", LastName: "Bí thư"}
	secB = telegramtest.User{ID: 1102, FirstName: "Tây", LastName: "Bí thư"}
	// member is in the group but has no role in the bot.
	member = telegramtest.User{ID: 1103, FirstName: "Đảng viên"}
)

// onboard imports the commune and makes secA and secB secretaries of
// Chi bộ thôn Đông and Chi bộ thôn Tây. Both leave "Họ và tên" for later,
// so the bot shows their Telegram names.
func (h *harness) onboard() {
	h.t.Helper()
	h.importCommune()
	for _, s := range []struct {
		u    telegramtest.User
		unit string
	}{{secA, "Chi bộ thôn Đông"}, {secB, "Chi bộ thôn Tây"}} {
		h.srv.SendPrivate(s.u, "/start "+h.inviteCode(s.unit))
		h.expect(s.u.ID, "Chào mừng")
		h.press(s.u, telegramtest.PrivateChat(s.u), h.expect(s.u.ID, "Họ và tên"), "Để sau")
		h.expect(s.u.ID, "ghi Họ và tên sau")
	}
}

// linkDong adds the bot to the test group and links it to Chi bộ thôn
// Đông, as its secretary.
func (h *harness) linkDong() {
	h.t.Helper()
	h.srv.AddBotToGroup(secA, group)
	h.press(secA, group, h.expect(group.ID, "Nhóm này thuộc"), "Chi bộ thôn Đông")
	h.expect(group.ID, "Nhóm đã được gắn")
}

func (h *harness) linkedUnit(chatID int64) (store.Unit, error) {
	var u store.Unit
	err := h.main.store.View(context.Background(), func(tx *store.Tx) error {
		var err error
		u, err = tx.UnitOfGroup(chatID)
		return err
	})
	return u, err
}

func TestGroupLinkingOnlyByTheUnitsPeople(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.srv.AddBotToGroup(secA, group)
	ask := h.expect(group.ID, "Nhóm này thuộc đơn vị nào")
	for _, u := range []telegramtest.User{member, secB} {
		h.press(u, group, ask, "Chi bộ thôn Đông")
		s, err := h.srv.WaitFor(wait, func(s telegramtest.Sent) bool {
			return s.Method == "answerCallbackQuery" && strings.Contains(s.Text, "Chỉ người phụ trách")
		})
		if err != nil || !s.ShowAlert {
			t.Fatalf("%s pressed another unit's button: %v %+v", u.FirstName, err, s)
		}
		h.settle()
		if _, err := h.linkedUnit(group.ID); err == nil {
			t.Fatalf("%s linked the group", u.FirstName)
		}
	}
	h.press(secA, group, ask, "Chi bộ thôn Đông")
	h.expect(group.ID, "Nhóm đã được gắn với Chi bộ thôn Đông")
	if u, err := h.linkedUnit(group.ID); err != nil || u.Name != "Chi bộ thôn Đông" {
		t.Fatalf("linked unit %+v, %v", u, err)
	}

	super := h.srv.MigrateGroup(secA, group, -1009876)
	h.settle()
	if u, err := h.linkedUnit(super.ID); err != nil || u.Name != "Chi bộ thôn Đông" {
		t.Errorf("after migration the supergroup is linked to %+v, %v", u, err)
	}
	if _, err := h.linkedUnit(group.ID); err == nil {
		t.Error("the old group id is still linked")
	}

	h.srv.RemoveBotFromGroup(member, super)
	h.expect(admin.ID, "xóa khỏi nhóm của Chi bộ thôn Đông")
	if u := h.unitNamed("Chi bộ thôn Đông"); u.GroupBroken == "" {
		t.Error("link not marked broken after the bot was removed")
	}
	h.srv.AddBotToGroup(secA, super)
	h.expect(super.ID, "Bot đã trở lại nhóm")
	if u := h.unitNamed("Chi bộ thôn Đông"); u.GroupBroken != "" {
		t.Error("link still broken after the bot came back")
	}
}

func TestForbiddenGroupIsMarkedBrokenAndAdminsTold(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.linkDong()
	h.srv.BlockChat(group.ID)
	h.srv.SendText(secA, group, "/help")
	h.expect(admin.ID, "không gửi được vào nhóm của Chi bộ thôn Đông")
	if u := h.unitNamed("Chi bộ thôn Đông"); u.GroupBroken == "" {
		t.Error("link not marked broken after 403")
	}
}
