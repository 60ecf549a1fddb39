package main

import (
	"context"

	"strings"
	"testing"

	"github.com/dvkbot/dvkbot/bot/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// secondAdmin makes member an admin by invite, as the office would.
func (h *harness) secondAdmin() {
	h.t.Helper()
	pc := telegramtest.PrivateChat(admin)
	h.srv.SendPrivate(admin, "/units")
	h.press(admin, pc, h.expectNew(admin.ID, "Đơn vị —"), "Quản trị viên")
	h.press(admin, pc, h.last(admin.ID), "Mời thêm quản trị viên")
	code := linkRE.FindStringSubmatch(h.expect(admin.ID, "Link mời quản trị viên").Plain)[1]
	h.srv.SendPrivate(member, "/start "+code)
	h.expect(member.ID, "đã là quản trị viên")
}

// removeSecondAdmin removes member from the admins through the buttons.
func (h *harness) removeSecondAdmin() {
	h.t.Helper()
	pc := telegramtest.PrivateChat(admin)
	h.srv.SendPrivate(admin, "/units")
	h.press(admin, pc, h.expectNew(admin.ID, "Đơn vị —"), "Quản trị viên")
	h.press(admin, pc, h.last(admin.ID), "❌ Đảng viên")
	if h.user(member.ID).Admin {
		h.t.Fatal("member is still an admin")
	}
}

// An admin removed while a one-question admin form is open cannot finish
// it: not by typing, not by a button.
func TestRemovedAdminCannotFinishAnOpenForm(t *testing.T) {
	tests := []struct {
		name   string
		button string // opens the form from the unit's card
		answer string // what the removed admin then types
	}{
		{"rename typed", "Đổi tên", "Tên do người đã bị gỡ đặt"},
		{"kind typed", "Đổi loại", "Đoàn thể"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			h.onboard()
			h.secondAdmin()
			mc := telegramtest.PrivateChat(member)
			h.srv.SendPrivate(member, "/units")
			h.press(member, mc, h.expectNew(member.ID, "Đơn vị —"), "Chi bộ thôn Đông")
			h.press(member, mc, h.last(member.ID), tt.button)
			prompt := h.last(member.ID)
			before := h.unitNamed("Chi bộ thôn Đông")

			h.removeSecondAdmin()
			audit := h.auditCount()
			h.srv.SendPrivate(member, tt.answer)
			h.expect(member.ID, "không còn quyền")
			for _, row := range prompt.Buttons { // an old button of the form: stale
				for _, b := range row {
					if b.Data != "" {
						h.srv.PressButton(member, mc, prompt.MessageID, b.Data)
					}
				}
			}
			h.settle()
			after := h.unitNamed("Chi bộ thôn Đông")
			if after.Name != before.Name || after.Kind != before.Kind {
				t.Errorf("the removed admin changed the unit: %+v", after)
			}
			if n := h.auditCount(); n != audit {
				t.Errorf("audit log grew by %d after the removal", n-audit)
			}
			h.srv.SendPrivate(member, "/menu")
			if s := h.expect(member.ID, ""); strings.Contains(s.Plain, "dở") {
				t.Errorf("the closed form is still offered: %q", s.Plain)
			}
		})
	}
}

// Invites made by an admin who is later removed stop working.
func TestInvitesOfARemovedAdminStopWorking(t *testing.T) {
	h := newHarness(t)
	h.onboard()
	h.secondAdmin()
	mc := telegramtest.PrivateChat(member)
	h.srv.SendPrivate(member, "/units")
	h.press(member, mc, h.expectNew(member.ID, "Đơn vị —"), "Quản trị viên")
	h.press(member, mc, h.last(member.ID), "Mời thêm quản trị viên")
	code := linkRE.FindStringSubmatch(h.expect(member.ID, "Link mời quản trị viên").Plain)[1]

	h.removeSecondAdmin()
	h.srv.SendPrivate(stranger, "/start "+code)
	h.expect(stranger.ID, "thu hồi")
	if u, err := h.userMaybe(stranger.ID); err == nil && u.Admin {
		t.Fatal("an invite of a removed admin made a new admin")
	}
}

// Taking an id out of [bot] admins and restarting takes the role away;
// admins invited in the bot stay.
func TestConfigAdminTakenOutOfTheConfigIsDemotedAtStart(t *testing.T) {
	h := newHarness(t)
	h.admins = []int64{admin.ID, stranger.ID}
	h.restart()
	h.importCommune()
	sc := telegramtest.PrivateChat(stranger)
	h.srv.SendPrivate(stranger, "/units")
	h.press(stranger, sc, h.expectNew(stranger.ID, "Đơn vị —"), "Chi bộ thôn Đông")
	h.press(stranger, sc, h.last(stranger.ID), "Đổi tên") // left open
	h.secondAdmin()

	h.admins = []int64{admin.ID}
	h.restart()
	audit := h.auditCount()
	h.srv.SendPrivate(stranger, "Tên do người đã bị gỡ đặt") // the typed answer
	h.expect(stranger.ID, "không còn quyền")
	if h.unitNamed("Chi bộ thôn Đông").Name != "Chi bộ thôn Đông" {
		t.Error("a demoted admin renamed the unit by typing")
	}
	if n := h.auditCount(); n != audit {
		t.Errorf("audit log grew by %d", n-audit)
	}
	h.srv.SendPrivate(stranger, "/units")
	h.expect(stranger.ID, "không có quyền")
	if !h.user(member.ID).Admin {
		t.Error("an admin invited in the bot lost the role with the config change")
	}
	if !strings.Contains(h.logs.String(), "no longer in [bot] admins") || !strings.Contains(h.logs.String(), "user_id=777") {
		t.Errorf("the demotion is not logged with the id:\n%s", h.logs.String())
	}
}

func (h *harness) userMaybe(id int64) (store.User, error) {
	var u store.User
	err := h.main.store.View(context.Background(), func(tx *store.Tx) error {
		var err error
		u, err = tx.User(id)
		return err
	})
	return u, err
}
