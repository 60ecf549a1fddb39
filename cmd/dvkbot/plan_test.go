package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/formscript"
	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// buttons lists the labels of a message's buttons.
func buttons(s telegramtest.Sent) []string {
	var out []string
	for _, row := range s.Buttons {
		for _, b := range row {
			out = append(out, b.Text)
		}
	}
	return out
}

func hasButton(s telegramtest.Sent, label string) bool {
	for _, b := range buttons(s) {
		if strings.Contains(b, label) {
			return true
		}
	}
	return false
}

// The model's file offers what comes next for its results: receiving the
// report, then recording the Đảng ủy's decision, whose choice offers
// every outcome, "Chưa đạt" too (item 18; issue 27, item 1).
func TestModelFileOffersEveryVerdict(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	g := h.submitResults()
	pa := telegramtest.PrivateChat(admin)
	h.press(admin, pa, h.expect(admin.ID, "Báo cáo kết quả "+g.Number), "Hồ sơ")
	file := h.expectNew(admin.ID, "Hồ sơ mô hình "+g.Number)
	h.press(admin, pa, file, "Tiếp nhận báo cáo")
	h.expect(admin.ID, "Đã tiếp nhận báo cáo kết quả")
	h.srv.SendPrivate(admin, "/pending")
	h.press(admin, pa, h.expectNew(admin.ID, "Chờ ghi kết quả đánh giá của Đảng ủy"), g.Number)
	h.press(admin, pa, h.expectNew(admin.ID, "Hồ sơ mô hình "+g.Number), "Ghi kết quả đánh giá của Đảng ủy")
	choice := h.expectNew(admin.ID, "Đảng ủy đánh giá mô hình thế nào")
	for _, want := range []string{"Công nhận", "Điển hình", "Chưa đạt"} {
		if !hasButton(choice, want) {
			t.Errorf("the choice lacks %q: %v", want, buttons(choice))
		}
	}
}

// A campaign "năm 2026" that ends in January 2027 numbers its models
// DVK-2026-…: the year comes from the campaign, by default its
// registration deadline's (item 18).
func TestRegistrationNumberTakesTheCampaignsYear(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.clock.set(time.Date(2026, 3, 1, 9, 0, 0, 0, hcm(t)))
	h.change(func(tx *store.Tx) error {
		_, err := tx.PutCampaign(store.Campaign{Name: "Phong trào năm 2026", MinModels: 1, RegDeadline: "2026-04-07",
			ResultsDeadline: "2026-12-05", EndDate: "2027-01-22"})
		return err
	})
	g := formscript.Realistic("Tuyến đường hoa")
	g.Period = "" // from today to the campaign's end
	if done := h.fill(secA, g.Steps()); !strings.Contains(done.Plain, "DVK-2026-001") {
		t.Errorf("filed as %q, want DVK-2026-001", done.Plain)
	}
	var camp store.Campaign
	h.main.store.View(context.Background(), func(tx *store.Tx) error { cs, _ := tx.Campaigns(true); camp = cs[0]; return nil })
	camp.NumberYear = 2025
	if camp.Year() != "2025" {
		t.Errorf("a year the office gave is not kept: %s", camp.Year())
	}
}

// Units nobody can be reminded about are named to the office, in the
// campaign's card and in the weekly digest, with what to do (item 18).
func TestUnreachableUnitsAreNamedToTheOffice(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.linkDong()
	c := h.campaign("Phong trào 2026", 10)
	h.srv.SendPrivate(admin, "/campaigns")
	h.press(admin, telegramtest.PrivateChat(admin), h.expectNew(admin.ID, "Phong trào, đợt thi đua"), c.Name)
	card := h.expect(admin.ID, "Không nhắc được")
	for _, want := range []string{"Chi bộ Công an", "/invite"} {
		if !strings.Contains(card.Plain, want) {
			t.Errorf("card lacks %q:\n%s", want, card.Plain)
		}
	}
	for _, reachable := range []string{"Chi bộ thôn Đông", "Chi bộ thôn Tây"} {
		if strings.Contains(card.Plain, reachable) {
			t.Errorf("card names %s, which can be reminded:\n%s", reachable, card.Plain)
		}
	}
	if err := h.main.sched.RunNow("digest"); err != nil {
		t.Fatal(err)
	}
	d := h.expectNew(admin.ID, "Tổng hợp hằng tuần")
	if !strings.Contains(d.Plain, "Không nhắc được") || !strings.Contains(d.Plain, "Chi bộ Công an") {
		t.Errorf("digest does not name the unreachable units:\n%s", d.Plain)
	}
}

// fileWith puts a registration of unit with that status into the store.
func (h *harness) fileWith(c store.Campaign, unit, status string) store.Registration {
	h.t.Helper()
	var g store.Registration
	h.change(func(tx *store.Tx) error {
		u, err := tx.UnitByName(unit)
		if err != nil {
			return err
		}
		g, err = tx.AddRegistration(store.Registration{CampaignID: c.ID, UnitID: u.ID, Status: status,
			Model: store.Model{Name: "Mô hình " + unit}}, c.Year())
		return err
	})
	return g
}

// A registration the office has not received, or returned for changes,
// still owes its results: it is reminded, may be reported, and the
// digest lists the office's own backlog with the days waited (item 3).
func TestNoModelFallsOutOfTheChase(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.linkDong()
	h.clock.set(time.Date(2024, 4, 1, 9, 0, 0, 0, ict))
	c := h.seedCampaign()
	dong := h.fileWith(c, "Chi bộ thôn Đông", store.StatusSubmitted)
	tay := h.fileWith(c, "Chi bộ thôn Tây", store.StatusReturned)
	h.clock.set(time.Date(2024, 8, 28, 8, 30, 0, 0, ict))
	if err := h.main.sched.RunNow("reminders"); err != nil {
		t.Fatal(err)
	}
	if m := h.expectNew(group.ID, "Nhắc hạn báo cáo kết quả"); !strings.Contains(m.Plain, dong.Number) {
		t.Errorf("the group reminder does not chase %s:\n%s", dong.Number, m.Plain)
	}
	if m := h.expectNew(secB.ID, "Nhắc hạn báo cáo kết quả"); !strings.Contains(m.Plain, tay.Number) {
		t.Errorf("the returned model is not chased:\n%s", m.Plain)
	}
	h.say(secA, "/results", "đã đạt được những kết quả gì") // it may be reported
	h.srv.SendPrivate(secA, "/cancel")
	if err := h.main.sched.RunNow("digest"); err != nil {
		t.Fatal(err)
	}
	d := h.expectNew(admin.ID, "Tổng hợp hằng tuần")
	for _, want := range []string{"Chờ Văn phòng tiếp nhận: 1 đăng ký", dong.Number, "đã chờ 149 ngày"} {
		if !strings.Contains(d.Plain, want) {
			t.Errorf("digest lacks %q:\n%s", want, d.Plain)
		}
	}
}

// Each reminder kind on each offset reads as a sentence, in the group in
// Vietnamese and privately in the secretary's English without a word of
// Vietnamese; the deadline day has its own sentence, and results
// reminders name the model (item 9).
func TestReminderWordingOnEveryOffset(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.linkDong()
	h.change(func(tx *store.Tx) error {
		u, err := tx.User(secB.ID)
		if err != nil {
			return err
		}
		u.Language = "en"
		return tx.PutUser(u)
	})
	h.clock.set(time.Date(2024, 3, 1, 9, 0, 0, 0, ict))
	c := h.seedCampaign()
	cases := []struct {
		day      time.Time
		vi, en   string
		fileThen bool
	}{
		// "trước ngày 07/04/2024": the last day on time is 06/04; the days
		// left count today.
		{time.Date(2024, 3, 30, 8, 30, 0, 0, ict), "còn 8 ngày để hoàn thành đăng ký (hạn: trước ngày 07/04/2024)", "8 days left to register (deadline: before 07/04/2024)", false},
		{time.Date(2024, 4, 3, 8, 30, 0, 0, ict), "còn 4 ngày để hoàn thành đăng ký", "4 days left to register", false},
		{time.Date(2024, 4, 5, 8, 30, 0, 0, ict), "còn 2 ngày để hoàn thành đăng ký", "2 days left to register", false},
		{time.Date(2024, 4, 6, 8, 30, 0, 0, ict), "Hôm nay là ngày cuối đăng ký mô hình", "Today is the last day to register models", true},
		{time.Date(2024, 8, 28, 8, 30, 0, 0, ict), "còn 8 ngày để nộp báo cáo kết quả (hạn: trước ngày 05/09/2024)", "8 days left to report results (deadline: before 05/09/2024)", false},
		{time.Date(2024, 9, 1, 8, 30, 0, 0, ict), "còn 4 ngày để nộp báo cáo kết quả", "4 days left to report results", false},
		{time.Date(2024, 9, 3, 8, 30, 0, 0, ict), "còn 2 ngày để nộp báo cáo kết quả", "2 days left to report results", false},
		{time.Date(2024, 9, 4, 8, 30, 0, 0, ict), "Hôm nay là ngày cuối báo cáo kết quả", "Today is the last day to report results", false},
	}
	var dong, tay store.Registration
	for _, tc := range cases {
		h.clock.set(tc.day)
		if err := h.main.sched.RunNow("reminders"); err != nil {
			t.Fatal(err)
		}
		g := h.expectNew(group.ID, tc.vi)
		p := h.expectNew(secB.ID, tc.en)
		if strings.Contains(g.Plain, "ngày cuối đến hạn") {
			t.Errorf("the old deadline-day wording: %s", g.Plain)
		}
		for _, vi := range []string{"còn", "ngày", "hạn", "mô hình", "Đơn vị"} {
			if strings.Contains(p.Plain, vi) {
				t.Errorf("the English reminder has %q:\n%s", vi, p.Plain)
			}
		}
		if tc.day.Month() >= time.August {
			if want := "mô hình “" + dong.Model.Name + "” (" + dong.Number + ")"; !strings.Contains(g.Plain, want) {
				t.Errorf("the results reminder does not name the model %q:\n%s", want, g.Plain)
			}
			if want := "model “" + tay.Model.Name + "” (" + tay.Number + ")"; !strings.Contains(p.Plain, want) {
				t.Errorf("the English results reminder does not name the model %q:\n%s", want, p.Plain)
			}
		}
		if tc.fileThen {
			dong = h.fileWith(c, "Chi bộ thôn Đông", store.StatusApproved)
			tay = h.fileWith(c, "Chi bộ thôn Tây", store.StatusSubmitted)
		}
	}
}

// The office's register: the unit list in words, a formal greeting in
// groups, the Đảng ủy's voice in notices (items 2 and 11).
func TestOfficeWording(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.srv.AddBotToGroup(secA, group)
	h.expect(group.ID, "Kính chào các đồng chí")
	h.srv.SendPrivate(admin, "/units")
	list := h.expectNew(admin.ID, "Đơn vị")
	for _, want := range []string{"Chi bộ thôn Nam — chưa có người phụ trách, chưa gắn nhóm", "Chi bộ thôn Đông — 1 người phụ trách, chưa gắn nhóm"} {
		if !strings.Contains(list.Plain, want) {
			t.Errorf("unit list lacks %q:\n%s", want, list.Plain)
		}
	}
	if strings.Contains(list.Plain, "⭕") || strings.Contains(list.Plain, "👤") {
		t.Errorf("the unit list still uses signs:\n%s", list.Plain)
	}
}

// A campaign's own criteria are what its units tick; without them, seed
// 001's, worded as the plan words them, and criterion 4 is left to the
// Đảng ủy's evaluation (item 1).
func TestCriteriaBelongToTheCampaign(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	g := h.approvedModel(30)
	ask := h.fill(secA, formscript.Results{Achieved: "Xong 2 km.", Against: "Đạt chỉ tiêu", People: "150 hộ", Money: "0"}.Steps().Until("criteria"))
	labels := strings.Join(buttons(ask), "\n")
	if !strings.Contains(labels, "2. Huy động được đa số đoàn viên, hội viên và nhân dân tham gia") || strings.Contains(labels, "đông đảo đảng viên") {
		t.Errorf("criterion 2 is not the plan's:\n%s", labels)
	}
	if strings.Contains(labels, "4.") {
		t.Errorf("criterion 4 is offered to the unit:\n%s", labels)
	}
	h.srv.SendPrivate(secA, "/cancel")
	h.settle()
	h.change(func(tx *store.Tx) error {
		c, err := tx.Campaign(g.CampaignID)
		if err != nil {
			return err
		}
		c.Criteria = []string{"1. Gắn với nhiệm vụ của thôn", "Được nhân dân đồng tình"}
		_, err = tx.PutCampaign(c)
		return err
	})
	own := h.say(secA, "/results", "tiêu chí của phong trào") // the kept draft, at its step
	if got := strings.Join(buttons(own), "|"); !strings.Contains(got, "1. Gắn với nhiệm vụ của thôn") || !strings.Contains(got, "2. Được nhân dân đồng tình") {
		t.Errorf("the campaign's own criteria are not offered: %s", got)
	}
}

// viewer is the read-only role: a member of the Ủy ban kiểm tra.
var viewer = telegramtest.User{ID: 1301, FirstName: "Kiểm tra", LastName: "Ủy ban"}

// joinViewer makes viewer read-only through an invite, as the office
// would from its admins page.
func (h *harness) joinViewer() {
	h.t.Helper()
	var inv store.Invite
	h.change(func(tx *store.Tx) error {
		var err error
		inv, err = tx.CreateViewerInvite(admin.ID, time.Hour)
		return err
	})
	h.srv.SendPrivate(viewer, "/start "+inv.Code)
	h.expect(viewer.ID, "chỉ xem")
}

// The read-only role sees /report, the workbook and a model's file, and
// changes nothing: no verdicts, no receipts, no campaigns (item 5).
func TestReadOnlyRoleSeesAndChangesNothing(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	pa := telegramtest.PrivateChat(admin)
	h.say(admin, "/units", "Đơn vị —")
	h.press(admin, pa, h.last(admin.ID), "Quản trị viên")
	h.press(admin, pa, h.expect(admin.ID, "Quản trị viên"), "Mời người theo dõi")
	link := h.expectNew(admin.ID, "Link mời người theo dõi")
	code := link.Plain[strings.Index(link.Plain, "start=")+len("start="):]
	code = strings.Fields(code)[0]
	h.srv.SendPrivate(viewer, "/start "+code)
	h.expect(viewer.ID, "chỉ xem")
	h.expect(admin.ID, "theo dõi phong trào (chỉ xem)")

	g := h.submitResults()
	pv := telegramtest.PrivateChat(viewer)
	report := h.say(viewer, "/report", "Báo cáo tổng hợp")
	h.press(viewer, pv, report, "Excel")
	if _, err := h.srv.WaitFor(wait, func(s telegramtest.Sent) bool { return s.ChatID == viewer.ID && s.Method == "sendDocument" }); err != nil {
		t.Fatalf("no workbook for the read-only role: %v", err)
	}
	h.srv.PressButton(viewer, pv, report.MessageID, "mf:"+idStr(g.ID))
	file := h.expectNew(viewer.ID, "Hồ sơ mô hình "+g.Number)
	if b := buttons(file); len(b) != 1 || !strings.Contains(b[0], "Phiếu đăng ký") {
		t.Errorf("the read-only file view offers more than the printable sheet: %v", b)
	}
	h.press(viewer, pv, file, "Phiếu đăng ký")
	if _, err := h.srv.WaitFor(wait, func(s telegramtest.Sent) bool {
		return s.ChatID == viewer.ID && s.Method == "sendDocument" && strings.HasPrefix(s.FileName, "Phieu-dang-ky")
	}); err != nil {
		t.Errorf("the read-only role cannot print a model's sheet: %v", err)
	}
	audit := h.auditCount()
	for _, data := range []string{"ev:" + idStr(g.ID) + ":cong_nhan", "ra:" + idStr(g.ID), "rr:" + idStr(g.ID), "cl", "ca", "u:0", "adm:inv", "adm:view"} {
		before := len(h.srv.Sent())
		h.srv.PressButton(viewer, pv, report.MessageID, data)
		h.settle()
		if got := joined(h.srv.Sent()[before:]); !strings.Contains(got, "không còn dùng được") {
			t.Errorf("%s by the read-only role: %s", data, got)
		}
	}
	if h.auditCount() != audit || h.registrations()[0].Evaluation != nil {
		t.Error("the read-only role changed something")
	}
}

// "/report chi bo thon dong" finds the unit; a part of a name shared by
// several offers them as buttons (item 16).
func TestReportFindsUnitsTypedWithoutDiacritics(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.campaign("Phong trào 2026", 10)
	h.say(admin, "/report chi bo thon dong", "Chi bộ thôn Đông")
	pick := h.say(admin, "/report thon", "Có nhiều đơn vị khớp")
	if !hasButton(pick, "Chi bộ thôn Tây") || !hasButton(pick, "Chi bộ thôn Đông") {
		t.Errorf("the matches are not offered: %v", buttons(pick))
	}
	h.say(admin, "/report xyz", "Không tìm thấy đơn vị")
}

// The registration asks new or maintained (seed 000) and offers "Lĩnh vực
// khác" (seed 004); the results are judged against the targets (seed
// 001, II.5) (item 4).
func TestRegistrationHasThePlansFields(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.campaign("Phong trào 2026", 20)
	g := formscript.Realistic("Câu lạc bộ dưỡng sinh")
	g.Novelty, g.Subject, g.Field, g.Period = "Duy trì, nhân rộng", "Chi hội Người cao tuổi", "Lĩnh vực khác", ""
	review := h.fill(secA, g.Steps().Until(formscript.Submit))
	for _, want := range []string{"Mới / duy trì: Duy trì, nhân rộng", "Lĩnh vực: Lĩnh vực khác"} {
		if !strings.Contains(review.Plain, want) {
			t.Errorf("review lacks %q:\n%s", want, review.Plain)
		}
	}
	h.fill(secA, g.Steps().From(formscript.Submit))
	if m := h.registrations()[0].Model; m.Novelty != "duy_tri" || m.Field != "khac" {
		t.Errorf("stored %+v", m)
	}
}

// /report offers the year-end table per unit: models on time or late,
// results on time, late or missing, outcomes (item 6). It counts as the
// signed summary does (issue 28, item 3): a registration the office has
// not received is not registered, and no results are missing before
// their deadline.
func TestYearEndTableFromReport(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.clock.set(time.Date(2024, 4, 1, 9, 0, 0, 0, ict))
	c := h.seedCampaign()
	h.fileWith(c, "Chi bộ thôn Đông", store.StatusApproved)
	late := h.fileWith(c, "Chi bộ thôn Tây", store.StatusApproved)
	h.change(func(tx *store.Tx) error {
		late.Late = true
		late.Results = &store.Results{Achieved: "xong", Late: true}
		late.Evaluation = &store.Evaluation{Outcome: store.OutcomeRecognised}
		return tx.PutRegistration(late, admin.ID, "evaluate", "")
	})
	h.fileWith(c, "Chi bộ thôn Nam", store.StatusSubmitted) // waiting for the office
	for _, tc := range []struct {
		day     time.Time
		summary string // /report's line on results, by the same rules
		want    []string
	}{
		{time.Date(2024, 4, 1, 9, 0, 0, 0, ict), "Báo cáo kết quả: đúng hạn 0 · muộn 1 · chưa nộp 0", []string{
			"Chi bộ thôn Đông — mô hình: 1 (đúng hạn 1, muộn 0); kết quả: đúng hạn 0, muộn 0, chưa nộp 0",
			"Chi bộ thôn Tây — mô hình: 1 (đúng hạn 0, muộn 1); kết quả: đúng hạn 0, muộn 1, chưa nộp 0; đánh giá: công nhận 1",
			"Chi bộ thôn Nam — mô hình: 0 (đúng hạn 0, muộn 0); kết quả: đúng hạn 0, muộn 0, chưa nộp 0",
		}},
		{time.Date(2024, 9, 6, 9, 0, 0, 0, ict), "Báo cáo kết quả: đúng hạn 0 · muộn 1 · chưa nộp 1", []string{
			"Chi bộ thôn Đông — mô hình: 1 (đúng hạn 1, muộn 0); kết quả: đúng hạn 0, muộn 0, chưa nộp 1",
			"Chi bộ thôn Nam — mô hình: 0 (đúng hạn 0, muộn 0); kết quả: đúng hạn 0, muộn 0, chưa nộp 0",
		}},
	} {
		h.clock.set(tc.day)
		report := h.say(admin, "/report", "Báo cáo tổng hợp")
		if !strings.Contains(report.Plain, tc.summary) || !strings.Contains(report.Plain, "Mô hình: 2") {
			t.Errorf("on %s /report lacks %q or “Mô hình: 2”:\n%s", tc.day.Format("02/01/2006"), tc.summary, report.Plain)
		}
		if !strings.Contains(report.Plain, "(trong đó 1 đơn vị đã gửi, chờ Văn phòng tiếp nhận)") {
			t.Errorf("on %s /report does not say that one of the units counted as not registered waits for the office:\n%s", tc.day.Format("02/01/2006"), report.Plain)
		}
		// Thôn Nam filed: it waits for the office, it is not a unit that never registered.
		notFiled, waiting, ok := strings.Cut(report.Plain, "Đã gửi đăng ký, chờ Văn phòng tiếp nhận")
		if !ok || !strings.Contains(waiting, "Chi bộ thôn Nam") || strings.Contains(notFiled, "Chi bộ thôn Nam") {
			t.Errorf("on %s /report does not list thôn Nam as waiting for the office, apart from those not registered:\n%s", tc.day.Format("02/01/2006"), report.Plain)
		}
		h.press(admin, telegramtest.PrivateChat(admin), report, "Tổng kết năm")
		table := h.expectNew(admin.ID, "Tổng kết năm 2024")
		for _, want := range tc.want {
			if !strings.Contains(table.Plain, want) {
				t.Errorf("on %s the table lacks %q:\n%s", tc.day.Format("02/01/2006"), want, table.Plain)
			}
		}
	}
}

// The office sees who has the read-only role and can take it away; the
// person then gets a secretary's or a guest's view, not the report.
func TestOfficeListsAndRemovesReadOnlyPeople(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.joinViewer()
	pa := telegramtest.PrivateChat(admin)
	h.say(admin, "/units", "Đơn vị —")
	h.press(admin, pa, h.last(admin.ID), "Quản trị viên")
	page := h.expect(admin.ID, "Người theo dõi (chỉ xem)")
	if !hasButton(page, "(chỉ xem)") {
		t.Fatalf("no remove button for the viewer: %+v", page.Buttons)
	}
	h.press(admin, pa, page, "(chỉ xem)")
	h.settle()
	if u := h.user(viewer.ID); u.Viewer {
		t.Fatal("the read-only role is still there")
	}
	if got := h.say(viewer, "/report", ""); strings.Contains(got.Plain, "Báo cáo tổng hợp") {
		t.Errorf("a removed viewer still reads the report: %q", got.Plain)
	}
	var last store.AuditEntry
	h.view(func(tx *store.Tx) error {
		page, err := tx.AuditPage(0, 1)
		if len(page) > 0 {
			last = page[0]
		}
		return err
	})
	if last.Action != "viewer.remove" || last.Actor != admin.ID {
		t.Errorf("audit %+v", last)
	}
}
