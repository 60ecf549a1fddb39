package main

import (
	"strings"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/formscript"
	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// plannedCampaign stores seed 001's movement as the office set it up,
// running "đến trước ngày 15/12/2024" (not reopened).
func (h *harness) plannedCampaign() store.Campaign { h.t.Helper(); return h.seedCampaignAs(false) }

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

// Issue 27 item 6 (F14, T6): a commune's new movement is announced in
// each unit's group with its deadlines and the button that opens the
// registration; once, even across a restart.
func TestLaunchIsAnnouncedInTheGroups(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.linkDong()
	h.clock.set(time.Date(2024, 3, 1, 9, 0, 0, 0, ict))
	saved := h.fill(admin, formscript.RealisticCampaign("Phong trào thi đua “Dân vận khéo” năm 2024").Steps())
	if !strings.Contains(saved.Plain, "thông báo phát động") {
		t.Errorf("the office is not told the launch was announced: %s", saved.Plain)
	}
	m := h.expectNew(group.ID, "Đảng ủy phát động Phong trào thi đua “Dân vận khéo” năm 2024")
	for _, want := range []string{"Chi bộ thôn Đông", "trước ngày 07/04/2024", "trước ngày 05/09/2024", "Bí thư Đông"} {
		if !strings.Contains(m.Plain, want) {
			t.Errorf("the launch notice lacks %q: %s", want, m.Plain)
		}
	}
	var link string
	for _, row := range m.Buttons {
		for _, b := range row {
			link = b.URL
		}
	}
	_, code, ok := strings.Cut(link, "?start=")
	if !ok || !strings.HasPrefix(code, "reg_") {
		t.Fatalf("the launch notice's button: %+v", m.Buttons)
	}
	h.say(secA, "/start "+code, "Tên mô hình là gì")

	h.restart()
	h.settle()
	n := 0
	for _, s := range h.srv.SentTo(group.ID) {
		if strings.Contains(s.Plain, "phát động") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the group heard of the launch %d times, want once", n)
	}
}

// Issue 27 item 6: the province's movement reaches every commune's office
// and every commune's unit groups, in the Ban Dân vận's voice.
func TestProvinceLaunchReachesEveryCommuneOffice(t *testing.T) {
	t.Parallel()
	h := withProvince(t)
	h.addCommune()
	h.setUpTanPhu()
	h.provinceCampaign()
	for _, office := range []int64{admin.ID, officeTP.ID} {
		m := h.expectNew(office, "Ban Dân vận Tỉnh ủy phát động Phong trào “Dân vận khéo” tỉnh Gia Lai năm 2024")
		if !strings.Contains(m.Plain, "Đặt hạn riêng của xã") || !hasButton(m, "Mở phong trào") {
			t.Errorf("the office's launch notice: %s %v", m.Plain, buttons(m))
		}
	}
	for _, chat := range []int64{group.ID, chatTP.ID} {
		h.expectNew(chat, "Ban Dân vận Tỉnh ủy phát động")
	}
	// The button opens the campaign for the commune, where it sets its dates.
	h.press(officeTP, telegramtest.PrivateChat(officeTP), h.last(officeTP.ID), "Mở phong trào")
	if card := h.expect(officeTP.ID, "Hạn đăng ký"); !hasButton(card, "Đặt hạn riêng của xã") {
		t.Errorf("the commune's card from the notice: %v", buttons(card))
	}
}
