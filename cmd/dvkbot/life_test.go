package main

import (
	"strings"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// plannedCampaign stores seed 001's movement as the office set it up,
// running "đến trước ngày 15/12/2024" (not reopened).
func (h *harness) plannedCampaign() store.Campaign {
	h.t.Helper()
	var c store.Campaign
	h.change(func(tx *store.Tx) (err error) {
		c, err = tx.PutCampaign(store.Campaign{Name: "Phong trào thi đua “Dân vận khéo” năm 2024", MinModels: 1,
			RegDeadline: "2024-04-07", ResultsDeadline: "2024-09-05", EndDate: "2024-12-15", Reminders: []int{7, 3, 1, 0}})
		return err
	})
	return c
}

// Issue 27 item 5 (F18): seed 001 writes "trước ngày 07/4/2024". A
// registration on 06/04 is on time; one on 07/04 itself is late.
func TestDeadlineDayItselfIsLate(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.clock.set(time.Date(2024, 4, 6, 21, 0, 0, 0, ict))
	h.plannedCampaign()
	pc := telegramtest.PrivateChat(secA)
	h.press(secA, pc, h.fillRegistration(secA, "Tuyến đường hoa"), "Gửi đăng ký")
	if m := h.expectNew(secA.ID, "Đã nộp đăng ký"); strings.Contains(m.Plain, "nộp muộn") {
		t.Errorf("a registration on the last day on time is late: %s", m.Plain)
	}
	h.clock.set(time.Date(2024, 4, 7, 7, 0, 0, 0, ict))
	h.press(secA, pc, h.fillRegistration(secA, "Thắp sáng đường quê"), "Gửi đăng ký")
	h.expectNew(secA.ID, "nộp muộn")
	regs := h.registrations()
	if len(regs) != 2 || regs[0].Late || !regs[1].Late {
		t.Fatalf("late marks: %+v", regs)
	}
	card := h.say(admin, "/campaigns", "Phong trào, đợt thi đua")
	h.press(admin, telegramtest.PrivateChat(admin), card, "Dân vận khéo")
	if c := h.expect(admin.ID, "Hạn đăng ký"); !strings.Contains(c.Plain, "Hạn đăng ký: trước ngày 07/04/2024") ||
		!strings.Contains(c.Plain, "nộp vào chính ngày hạn là nộp muộn") {
		t.Errorf("the card does not say how the deadline reads: %s", c.Plain)
	}
}

// Issue 27 item 5 (F5, T1): on its end day the movement has ended: the
// office's list and card say so, /register says why and an old button
// opens nothing; results of a registered model are still taken, marked
// late. The office reopens it, and closes it again.
func TestMovementEndsOnItsEndDate(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.clock.set(time.Date(2024, 12, 14, 9, 0, 0, 0, ict))
	c := h.plannedCampaign()
	h.file(c, "Chi bộ thôn Đông", false) // received, results owed
	apc, spc := telegramtest.PrivateChat(admin), telegramtest.PrivateChat(secA)
	if l := h.say(admin, "/campaigns", "Phong trào, đợt thi đua"); !strings.Contains(l.Plain, "năm 2024 — đang diễn ra") {
		t.Errorf("the day before its end: %s", l.Plain)
	}

	h.clock.set(time.Date(2024, 12, 15, 8, 0, 0, 0, ict))
	list := h.say(admin, "/campaigns", "Phong trào, đợt thi đua")
	if !strings.Contains(list.Plain, "năm 2024 — đã kết thúc") {
		t.Errorf("on its end day the list reads: %s", list.Plain)
	}
	h.press(admin, apc, list, "Dân vận khéo")
	card := h.expect(admin.ID, "Thời gian thực hiện")
	if !strings.Contains(card.Plain, "đến trước ngày 15/12/2024 — đã kết thúc") || !hasButton(card, "Mở lại") {
		t.Errorf("the ended card: %s %v", card.Plain, buttons(card))
	}
	h.say(secA, "/register", "đã kết thúc, không nhận đăng ký mô hình mới")
	h.srv.PressButton(secA, spc, 1, "rg:"+idStr(c.ID)+":"+idStr(h.registrations()[0].UnitID))
	h.expectNew(secA.ID, "thời gian thực hiện đến trước ngày 15/12/2024")

	// Results are still taken, and marked late.
	h.press(secA, spc, h.fillResults(secA), "✅")
	h.expectNew(secA.ID, "nộp muộn")
	if g := h.registrations()[0]; g.Results == nil || !g.Results.Late {
		t.Fatalf("results after the end: %+v", g.Results)
	}

	// The office reopens it: registrations are taken again.
	h.press(admin, apc, card, "Mở lại")
	reopened := h.expect(admin.ID, "đã mở lại sau ngày kết thúc")
	if !hasButton(reopened, "Kết thúc") {
		t.Errorf("the reopened card: %v", buttons(reopened))
	}
	h.say(secA, "/register", "Tên mô hình là gì")
	h.srv.SendPrivate(secA, "/cancel")
	h.press(admin, apc, reopened, "Kết thúc")
	h.expect(admin.ID, "— đã kết thúc")
	h.say(secA, "/register", "đã kết thúc")
}
