package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// seedCampaign is the plan of seed 001: register by 07/04/2024, report
// results by 05/09/2024, end 15/12/2024.
func (h *harness) seedCampaign() store.Campaign {
	h.t.Helper()
	// A test on the real clock is after its end: the office reopened it,
	// so it takes registrations as in 2024 (campaign.Open).
	return h.seedCampaignAs(true)
}

// seedCampaignAs puts seed 001's movement into the store, reopened after
// its end or not.
func (h *harness) seedCampaignAs(reopened bool) store.Campaign {
	h.t.Helper()
	var c store.Campaign
	h.change(func(tx *store.Tx) (err error) {
		c, err = tx.PutCampaign(store.Campaign{Name: "Phong trào thi đua “Dân vận khéo” năm 2024", MinModels: 1,
			RegDeadline: "2024-04-07", ResultsDeadline: "2024-09-05", EndDate: "2024-12-15", Reminders: []int{7, 3, 1, 0},
			Reopened: reopened})
		return err
	})
	return c
}

// file puts a registration (approved, optionally with results) of a unit
// into the store, as if the unit had done it through the bot that day.
func (h *harness) file(c store.Campaign, unit string, withResults bool) {
	h.t.Helper()
	err := h.main.store.Update(context.Background(), func(tx *store.Tx) error {
		u, err := tx.UnitByName(unit)
		if err != nil {
			return err
		}
		regs, _ := tx.UnitRegistrations(u.ID)
		if len(regs) > 0 {
			g := regs[0]
			g.Results = &store.Results{Achieved: "xong"}
			return tx.PutRegistration(g, 0, "results", "")
		}
		g := store.Registration{CampaignID: c.ID, UnitID: u.ID, Status: store.StatusApproved, Model: store.Model{Name: "Mô hình " + unit}}
		if withResults {
			g.Results = &store.Results{Achieved: "xong"}
		}
		_, err = tx.AddRegistration(g, "2024")
		return err
	})
	if err != nil {
		h.t.Fatal(err)
	}
}

var ict = time.FixedZone("ICT", 7*3600)

// TestReminderCalendarOfSeedCampaign runs the bot's reminder job on every
// morning from March to September 2024 on a fake clock, with one day the
// bot was down, a restart, and units that register on time, late or never.
func TestReminderCalendarOfSeedCampaign(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.linkDong()
	h.clock.set(time.Date(2024, 3, 1, 7, 0, 0, 0, ict))
	c := h.seedCampaign()

	got := map[int64][]string{} // chat -> days a reminder arrived
	events := map[string]func(){
		"2024-04-02": func() { h.file(c, "Chi bộ thôn Đông", false) }, // on time
		"2024-04-10": func() { h.file(c, "Chi bộ thôn Tây", false) },  // late
		"2024-09-01": func() { h.file(c, "Chi bộ thôn Đông", true) },  // results on time; Tây never
	}
	for day := time.Date(2024, 3, 1, 8, 5, 0, 0, ict); day.Before(time.Date(2024, 9, 10, 0, 0, 0, 0, ict)); day = day.AddDate(0, 0, 1) {
		iso := day.Format("2006-01-02")
		if do := events[iso]; do != nil {
			do()
		}
		if iso == "2024-04-06" {
			continue // the bot was down all that day: its reminders are skipped, not sent late
		}
		h.clock.set(day)
		before := len(h.srv.Sent())
		if err := h.main.sched.RunNow("reminders"); err != nil {
			t.Fatal(err)
		}
		h.settle()
		if iso == "2024-04-04" {
			h.restart() // the start-up catch-up run must not repeat today's reminders
			h.settle()
		}
		for _, s := range h.srv.Sent()[before:] {
			if strings.Contains(s.Plain, "Nhắc hạn") || strings.Contains(s.Plain, "quá hạn") || strings.Contains(s.Plain, "ngày cuối") {
				got[s.ChatID] = append(got[s.ChatID], day.Format("01-02"))
			}
		}
	}
	want := map[int64][]string{
		// "trước ngày 07/04": the last day on time is 06/04, the overdue
		// notice comes on 07/04.
		group.ID: {"03-30", "08-28"}, // Đông: before it registered; before its results
		secB.ID: {"03-30", "04-03", "04-05", "04-07", // Tây has no group: privately; 04-06 skipped
			"08-28", "09-01", "09-03", "09-04", "09-05"},
	}
	for chat, days := range want {
		if strings.Join(got[chat], " ") != strings.Join(days, " ") {
			t.Errorf("chat %d got reminders on %v, want %v", chat, got[chat], days)
		}
	}
	if n := len(got); n != 2 {
		t.Errorf("reminders reached %d chats, want 2 (units without group or secretary are reached by nobody)", n)
	}
	if !strings.Contains(h.logs.String(), "skipped reminders whose day had passed") {
		t.Error("the skipped day is not in the log")
	}
}

func TestReminderInGroupNamesWhatIsMissingAndOpensTheForm(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.linkDong()
	h.clock.set(time.Date(2024, 4, 3, 8, 30, 0, 0, ict))
	c := h.seedCampaign()
	if err := h.main.sched.RunNow("reminders"); err != nil {
		t.Fatal(err)
	}
	m := h.expectNew(group.ID, "Nhắc hạn đăng ký mô hình")
	for _, want := range []string{"còn 4 ngày để hoàn thành đăng ký (hạn: trước ngày 07/04/2024)", "còn thiếu 1 mô hình", "Bí thư Đông"} {
		if !strings.Contains(m.Plain, want) {
			t.Errorf("reminder lacks %q:\n%s", want, m.Plain)
		}
	}
	if !strings.Contains(m.Text, `<a href="tg://user?id=1101">`) {
		t.Errorf("secretary not mentioned: %s", m.Text)
	}
	var dong store.Unit
	h.view(func(tx *store.Tx) (err error) { dong, err = tx.UnitByName("Chi bộ thôn Đông"); return })
	link := "reg_" + idStr(c.ID) + "_" + idStr(dong.ID) // the unit and the campaign reminded of
	if len(m.Buttons) != 1 || !strings.HasSuffix(m.Buttons[0][0].URL, "?start="+link) {
		t.Fatalf("buttons %+v", m.Buttons)
	}
	h.say(secA, "/start "+link, "Tên mô hình là gì") // what the button opens
	h.srv.SendPrivate(member, "/start "+link)
	h.expectNew(member.ID, "không có quyền")
	h.srv.SendPrivate(member, "/start reg") // an older reminder's link
	h.expectNew(member.ID, "không có quyền")
}

func TestWeeklyDigestListsLateUnitsOnce(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.clock.set(time.Date(2024, 4, 15, 8, 0, 0, 0, ict))
	c := h.seedCampaign()
	h.file(c, "Chi bộ thôn Đông", false)
	for i := 0; i < 2; i++ {
		if err := h.main.sched.RunNow("digest"); err != nil {
			t.Fatal(err)
		}
	}
	h.settle()
	d := h.expectNew(admin.ID, "Tổng hợp hằng tuần")
	if !strings.Contains(d.Plain, "Chi bộ thôn Tây — quá hạn đăng ký") || strings.Contains(d.Plain, "Chi bộ thôn Đông —") {
		t.Errorf("digest %q", d.Plain)
	}
	n := 0
	for _, s := range h.srv.SentTo(admin.ID) {
		if strings.Contains(s.Plain, "Tổng hợp hằng tuần") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d digests in one week, want 1", n)
	}
}

func TestAnnouncementScheduleAndUnreachableUser(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	other := telegramtest.Chat{ID: -100600, Type: "supergroup", Title: "Chi bộ thôn Tây"}
	for _, g := range []struct {
		by   telegramtest.User
		chat telegramtest.Chat
		unit string
	}{{secA, group, "Chi bộ thôn Đông"}, {secB, other, "Chi bộ thôn Tây"}} {
		h.srv.AddBotToGroup(g.by, g.chat)
		h.press(g.by, g.chat, h.expect(g.chat.ID, "Nhóm này thuộc"), g.unit)
	}
	pc := telegramtest.PrivateChat(admin)
	h.say(admin, "/announce", "Nội dung thông báo")
	h.say(admin, "Họp chi bộ <b>mở rộng</b> lúc 8h thứ Hai.", "Gửi đến nhóm nào")
	h.press(admin, pc, h.last(admin.ID), "Xong")
	h.press(admin, pc, h.expect(admin.ID, "kiểm tra lại"), "Xác nhận")
	h.expectNew(admin.ID, "Đã xếp 2 tin thông báo")
	for _, chat := range []int64{group.ID, other.ID} {
		if s := h.expectNew(chat, "Thông báo của Văn phòng Đảng ủy"); !strings.Contains(s.Plain, "<b>mở rộng</b>") {
			t.Errorf("announcement in %d: %q", chat, s.Plain)
		}
	}

	h.clock.set(time.Date(2024, 3, 20, 9, 0, 0, 0, ict))
	c := h.seedCampaign()
	h.srv.SendPrivate(admin, "/campaigns")
	h.press(admin, pc, h.expectNew(admin.ID, "Phong trào, đợt thi đua"), "Dân vận khéo")
	h.press(admin, pc, h.last(admin.ID), "Lịch nhắc")
	sched := h.expectNew(admin.ID, "Lịch nhắc sắp tới")
	if !strings.Contains(sched.Plain, "30/03/2024 08:00 — nhắc hạn đăng ký (nếu gửi bây giờ: 19 đơn vị)") {
		t.Errorf("schedule %q", sched.Plain)
	}

	h.srv.BlockChat(secB.ID)
	h.file(c, "Chi bộ thôn Đông", false)
	h.clock.set(time.Date(2024, 3, 30, 8, 1, 0, 0, ict))
	// Tây's group works, so block it too: its reminder then goes to secB
	// privately, who blocked the bot.
	h.srv.RemoveBotFromGroup(secB, other)
	h.expect(admin.ID, "xóa khỏi nhóm của Chi bộ thôn Tây")
	if err := h.main.sched.RunNow("reminders"); err != nil {
		t.Fatal(err)
	}
	h.expect(admin.ID, "không gửi được tin cho")
}

// TestReminderSurvivesOutageAndRestart: Telegram is unreachable when the
// reminders are queued, the bot restarts meanwhile, and each reminder still
// arrives exactly once when Telegram is back.
func TestReminderSurvivesOutageAndRestart(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.linkDong()
	h.clock.set(time.Date(2024, 3, 30, 8, 1, 0, 0, ict))
	h.seedCampaign()
	h.srv.SetDown(true)
	if err := h.main.sched.RunNow("reminders"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1200 * time.Millisecond) // the sender fails and backs off
	time.AfterFunc(1500*time.Millisecond, func() { h.srv.SetDown(false) })
	h.restart() // connects once Telegram answers again
	h.settle()
	n := 0
	for _, s := range h.srv.SentTo(group.ID) {
		if strings.Contains(s.Plain, "Nhắc hạn đăng ký") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d reminders in the group, want exactly 1: %s", n, joined(h.srv.SentTo(group.ID)))
	}
	if sb := h.srv.SentTo(secB.ID); len(sb) == 0 || !strings.Contains(sb[len(sb)-1].Plain, "Nhắc hạn đăng ký") {
		t.Error("the private reminder to Tây's secretary was lost")
	}
}

// An office that moves a deadline gets its reminders again for the new
// date: before, the keys had no date and the new ones counted as sent.
func TestMovedDeadlineIsRemindedAgain(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.linkDong()
	c := h.seedCampaign()
	h.clock.set(time.Date(2024, 4, 5, 8, 30, 0, 0, ict))
	h.main.sched.RunNow("reminders")
	h.expectNew(group.ID, "còn 2 ngày để hoàn thành đăng ký (hạn: trước ngày 07/04/2024)")

	c.RegDeadline = "2024-04-12" // the office extends by five days
	err := h.main.store.Update(context.Background(), func(tx *store.Tx) error { _, err := tx.PutCampaign(c); return err })
	if err != nil {
		t.Fatal(err)
	}
	h.clock.set(time.Date(2024, 4, 10, 8, 30, 0, 0, ict))
	h.main.sched.RunNow("reminders")
	h.expectNew(group.ID, "còn 2 ngày để hoàn thành đăng ký (hạn: trước ngày 12/04/2024)")
	h.settle()  // the send is recorded: a restart inside the sender's window may resend, which is not what this checks
	h.restart() // and nothing is sent twice
	h.main.sched.RunNow("reminders")
	h.settle()
	n := 0
	for _, s := range h.srv.SentTo(group.ID) {
		if strings.Contains(s.Plain, "12/04/2024") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d reminders for the new date, want 1", n)
	}
}
