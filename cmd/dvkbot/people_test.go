package main

import (
	"strings"
	"testing"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
)

func TestAdminManagesSecretariesAdminsAndArchive(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	pc := telegramtest.PrivateChat(admin)

	// Remove secretary A; A is told and loses the role.
	h.srv.SendPrivate(admin, "/units")
	h.press(admin, pc, h.expectNew(admin.ID, "Đơn vị —"), "Chi bộ thôn Đông")
	h.press(admin, pc, h.last(admin.ID), "Người phụ trách")
	h.press(admin, pc, h.last(admin.ID), "Bí thư Đông")
	h.expect(secA.ID, "không còn là người phụ trách của Chi bộ thôn Đông")
	unit := h.unitNamed("Chi bộ thôn Đông")
	if h.isSecretary(unit.ID, secA.ID) {
		t.Fatal("secretary A still has the role")
	}
	h.srv.SendPrivate(secA, "/start")
	if s := h.expect(secA.ID, "Xin chào"); strings.Contains(s.Plain, "người phụ trách của") {
		t.Error("removed secretary still greeted as one")
	}

	// Archive and restore the unit.
	h.press(admin, pc, h.last(admin.ID), "Về đơn vị")
	h.press(admin, pc, h.last(admin.ID), "Lưu trữ")
	if !h.unitNamed("Chi bộ thôn Đông").Archived {
		t.Fatal("not archived")
	}
	h.press(admin, pc, h.last(admin.ID), "Khôi phục")
	if h.unitNamed("Chi bộ thôn Đông").Archived {
		t.Fatal("not restored")
	}

	// A second admin by invite; the config's admin cannot be removed in the bot.
	h.press(admin, pc, h.last(admin.ID), "Danh sách đơn vị")
	h.press(admin, pc, h.last(admin.ID), "Quản trị viên")
	admins := h.last(admin.ID)
	for _, row := range admins.Buttons {
		if strings.Contains(row[0].Text, "❌") {
			t.Errorf("the config's admin has a remove button: %v", row)
		}
	}
	h.press(admin, pc, admins, "Mời thêm quản trị viên")
	code := linkRE.FindStringSubmatch(h.expect(admin.ID, "Link mời quản trị viên").Plain)[1]
	h.srv.SendPrivate(member, "/start "+code)
	h.expect(member.ID, "đã là quản trị viên")
	h.srv.SendPrivate(member, "/units")
	h.expectNew(member.ID, "Đơn vị —")
	h.srv.SendPrivate(admin, "/units")
	h.press(admin, pc, h.expectNew(admin.ID, "Đơn vị —"), "Quản trị viên")
	h.press(admin, pc, h.last(admin.ID), "❌ Đảng viên")
	h.settle()
	h.srv.SendPrivate(member, "/units")
	h.expect(member.ID, "không có quyền")

	// Everything above is in the audit log, newest first.
	h.srv.SendPrivate(admin, "/units")
	h.press(admin, pc, h.expectNew(admin.ID, "Đơn vị —"), "Nhật ký")
	log := h.last(admin.ID).Plain
	for _, want := range []string{"gỡ quản trị viên", "thêm quản trị viên", "khôi phục đơn vị", "lưu trữ đơn vị",
		"gỡ người phụ trách", "nhận link mời vào", "nhập đơn vị từ tệp"} {
		if !strings.Contains(log, want) {
			t.Errorf("audit log lacks %q:\n%s", want, log)
		}
	}
	if strings.Index(log, "gỡ quản trị viên") > strings.Index(log, "nhập đơn vị từ tệp") {
		t.Error("audit log is not newest first")
	}
}
