package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// expectAnswer waits for the answer to a press of u's that says substr.
func (h *harness) expectAnswer(u telegramtest.User, substr string) {
	h.t.Helper()
	if _, err := h.srv.WaitFor(wait, func(s telegramtest.Sent) bool {
		return s.Method == "answerCallbackQuery" && strings.Contains(s.Text, substr)
	}); err != nil {
		h.t.Fatalf("no answer %q to %s's press: %v", substr, u.FirstName, err)
	}
}

// setLanguage makes a person's interface language lang.
func (h *harness) setLanguage(id int64, lang string) {
	h.t.Helper()
	h.change(func(tx *store.Tx) error {
		u, err := tx.User(id)
		if err != nil {
			return err
		}
		u.Language = lang
		return tx.PutUser(u)
	})
}

// A clerk who reads the bot in English still gets the office's papers in
// Vietnamese: they are signed and sent upward as they are (issue 27,
// item 4; review F17).
func TestPapersAreVietnameseWhateverTheLanguage(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.setLanguage(admin.ID, "en")
	h.clock.set(time.Date(2024, 9, 6, 9, 0, 0, 0, ict))
	c := h.seedCampaign()
	h.file(c, "Chi bộ thôn Đông", true)
	pc := telegramtest.PrivateChat(admin)
	sum := h.say(admin, "/report", "Summary report") // the chat is the clerk's language
	h.press(admin, pc, sum, "Excel file")
	doc, err := h.srv.WaitFor(wait, func(s telegramtest.Sent) bool {
		return s.Method == "sendDocument" && strings.HasSuffix(s.FileName, ".xlsx")
	})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := h.srv.FileData(doc.Params["document"])
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("not a workbook: %v", err)
	}
	defer f.Close()
	if rows, err := f.GetRows("Dữ liệu mô hình"); err != nil || len(rows) != 2 {
		t.Errorf("the workbook's sheets %v (%v): want Vietnamese names", f.GetSheetList(), err)
	}
	h.press(admin, pc, sum, "Report (Word)")
	draft, err := h.srv.WaitFor(wait, func(s telegramtest.Sent) bool {
		return s.Method == "sendDocument" && strings.HasSuffix(s.FileName, ".docx")
	})
	if err != nil {
		t.Fatal(err)
	}
	data, _ = h.srv.FileData(draft.Params["document"])
	if body := docxBody(t, data); !strings.Contains(body, "I. KẾT QUẢ") || strings.Contains(body, "RESULTS") {
		t.Errorf("the draft is not in Vietnamese: %.300s", body)
	}
}

// What a clerk types to the groups with /announce is the office's notice,
// not the Đảng ủy's (issue 27, item 4; review F15), and in the groups'
// language whatever the clerk's.
func TestAnnouncementSpeaksForTheOffice(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.linkDong()
	h.setLanguage(admin.ID, "en")
	pc := telegramtest.PrivateChat(admin)
	h.say(admin, "/announce", "announcement")
	h.say(admin, "Họp chi bộ lúc 8h thứ Hai.", "Which groups")
	h.press(admin, pc, h.last(admin.ID), "Done")
	h.press(admin, pc, h.expect(admin.ID, "check"), "Confirm")
	s := h.expectNew(group.ID, "Họp chi bộ lúc 8h")
	if !strings.HasPrefix(s.Plain, "📢 Thông báo của Văn phòng Đảng ủy") {
		t.Errorf("announcement %q", s.Plain)
	}
}

// receiveResults presses "Tiếp nhận báo cáo" on the office's notice of a
// results report and returns the notice as it reads after.
func (h *harness) receiveResults(notice telegramtest.Sent) telegramtest.Sent {
	h.t.Helper()
	h.press(admin, telegramtest.PrivateChat(admin), notice, "Tiếp nhận báo cáo")
	return h.expect(admin.ID, "Đã tiếp nhận báo cáo kết quả")
}

// recordDecision records the Đảng ủy's decision from the received notice:
// the outcome, then for a recognition the proposal upward (propose ""
// skips that step: an outcome not recognised has none), the basis
// ("" skips it), the day and the comment ("" skips it), and confirms.
func (h *harness) recordDecision(received telegramtest.Sent, outcome, propose, basis, day, comment string) {
	h.t.Helper()
	pa := telegramtest.PrivateChat(admin)
	h.press(admin, pa, received, "Ghi kết quả đánh giá của Đảng ủy")
	h.press(admin, pa, h.expectNew(admin.ID, "Đảng ủy đánh giá mô hình thế nào"), outcome)
	if propose != "" {
		h.press(admin, pa, h.expect(admin.ID, "đề nghị cấp trên công nhận"), propose)
	}
	step := h.expect(admin.ID, "Căn cứ")
	if basis == "" {
		h.press(admin, pa, step, "Bỏ qua")
	} else {
		h.srv.SendPrivate(admin, basis)
	}
	h.say(admin, day, "Nhận xét gửi đơn vị")
	if comment == "" {
		h.press(admin, pa, h.last(admin.ID), "Bỏ qua")
	} else {
		h.srv.SendPrivate(admin, comment)
	}
	h.press(admin, pa, h.expect(admin.ID, "kiểm tra lại"), "Xác nhận")
	h.expectNew(admin.ID, "Đã ghi kết quả Đảng ủy đánh giá")
}

// The Đảng ủy recognises; the office records (issue 27, item 1; review
// F1, T2, F16, F2). A results report is first received: the unit is told
// it goes before the Đảng ủy, and nothing is decided. The decision is
// recorded later, with its basis and day, and only then do the unit and
// its group hear it, in the Đảng ủy's voice; a commune records cấp cơ sở
// and may propose the model upward.
func TestTheDangUyDecidesTheOfficeRecords(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.linkDong()
	g := h.submitResults()
	pa := telegramtest.PrivateChat(admin)
	notice := h.expect(admin.ID, "Báo cáo kết quả "+g.Number)
	for _, b := range buttons(notice) {
		if strings.Contains(b, "Công nhận") || strings.Contains(b, "Điển hình") || strings.Contains(b, "Chưa đạt") {
			t.Errorf("the report's arrival offers an outcome: %v", buttons(notice))
		}
	}
	sentToGroup := len(h.srv.SentTo(group.ID))

	// Forged: the outcome pressed before the report was received.
	h.srv.PressButton(admin, pa, notice.MessageID, "ev:"+idStr(g.ID)+":cong_nhan")
	h.srv.PressButton(admin, pa, notice.MessageID, "ek:"+idStr(g.ID))
	h.settle()
	if e := h.registrations()[0].Evaluation; e != nil {
		t.Fatalf("an outcome before receipt was recorded: %+v", e)
	}
	if c := h.conversationOf(admin.ID); c != "" {
		t.Fatalf("a form opened before receipt: %s", c)
	}
	// The unit's secretary and another unit's press the office's button.
	h.srv.PressButton(secA, telegramtest.PrivateChat(secA), h.last(secA.ID).MessageID, "rk:"+idStr(g.ID))
	h.srv.PressButton(secB, telegramtest.PrivateChat(secB), h.last(secB.ID).MessageID, "rk:"+idStr(g.ID))
	h.settle()
	if h.registrations()[0].ResultsReceived() {
		t.Fatal("a secretary received the report")
	}

	received := h.receiveResults(notice)
	if !hasButton(received, "Ghi kết quả đánh giá của Đảng ủy") {
		t.Errorf("the received notice offers %v", buttons(received))
	}
	told := h.expectNew(secA.ID, "Văn phòng Đảng ủy đã tiếp nhận báo cáo kết quả mô hình "+g.Number)
	if !strings.Contains(told.Plain, "trình Đảng ủy xem xét, đánh giá") {
		t.Errorf("the unit is told %q", told.Plain)
	}
	if n := len(h.srv.SentTo(group.ID)); n != sentToGroup {
		t.Error("the group heard of the report's receipt")
	}
	// A second press: already received.
	h.srv.PressButton(admin, pa, notice.MessageID, "rk:"+idStr(g.ID))
	h.expectAnswer(admin, "đã được tiếp nhận")

	// Bad input: a day after today, then not a day; the same step again.
	h.press(admin, pa, received, "Ghi kết quả đánh giá của Đảng ủy")
	h.press(admin, pa, h.expectNew(admin.ID, "Đảng ủy đánh giá mô hình thế nào"), "Điển hình")
	ask := h.expect(admin.ID, "Đảng ủy công nhận mô hình “Dân vận khéo” cấp cơ sở")
	for _, b := range buttons(ask) {
		if strings.Contains(b, "Cấp tỉnh") || strings.Contains(b, "Trung ương") {
			t.Errorf("the commune is offered a higher level: %v", buttons(ask))
		}
	}
	h.press(admin, pa, ask, "Có, đề nghị")
	h.say(admin, "Thông báo số 125-TB/ĐU ngày 10/9/2024 của Ban Thường vụ", "Ngày Đảng ủy quyết định")
	h.say(admin, "31/12/2099", "không thể sau hôm nay")
	h.say(admin, "hôm qua", "chưa hiểu ngày")
	h.say(admin, "10/09/2024", "Nhận xét gửi đơn vị")
	h.srv.SendPrivate(admin, "Mô hình điển hình, cần nhân rộng ở các thôn.")
	review := h.expect(admin.ID, "kiểm tra lại")
	for _, want := range []string{"Ghi kết quả đánh giá của Đảng ủy", "Căn cứ: Thông báo số 125-TB/ĐU", "Ngày Đảng ủy quyết định: 10/09/2024"} {
		if !strings.Contains(review.Plain, want) {
			t.Errorf("review lacks %q:\n%s", want, review.Plain)
		}
	}
	if e := h.registrations()[0].Evaluation; e != nil {
		t.Fatal("recorded before it was confirmed")
	}
	h.press(admin, pa, review, "Xác nhận")
	h.expectNew(admin.ID, "Đã ghi kết quả Đảng ủy đánh giá mô hình "+g.Number+": Điển hình, nhân rộng")

	e := h.registrations()[0].Evaluation
	if e == nil || e.Outcome != store.OutcomeExemplary || e.Level != store.LevelBase || !e.ProposeHigher ||
		e.DecidedOn != "2024-09-10" || !strings.HasPrefix(e.Basis, "Thông báo số 125-TB/ĐU") {
		t.Fatalf("stored %+v", e)
	}
	verdict := h.expectNew(secA.ID, "Kết quả Đảng ủy đánh giá mô hình "+g.Number)
	for _, want := range []string{"Điển hình, nhân rộng", "Cấp công nhận: Cấp cơ sở", "Đảng ủy đề nghị cấp trên công nhận",
		"Ngày Đảng ủy quyết định: 10/09/2024", "Căn cứ: Thông báo số 125-TB/ĐU"} {
		if !strings.Contains(verdict.Plain, want) {
			t.Errorf("the unit's notice lacks %q:\n%s", want, verdict.Plain)
		}
	}
	congrats := h.expectNew(group.ID, "Chúc mừng Chi bộ thôn Đông")
	if !strings.Contains(congrats.Plain, "được Đảng ủy công nhận là mô hình “Dân vận khéo” cấp cơ sở, điển hình cần nhân rộng") {
		t.Errorf("the group is told %q", congrats.Plain)
	}
}

// A model whose registration was returned, not received, cannot be
// recognised, even with its report received (issue 27, item 1; F16).
func TestNoRecognitionBeforeTheRegistrationIsReceived(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	g := h.modelWithResults()
	g.Status = store.StatusReturned
	h.change(func(tx *store.Tx) error { return tx.PutRegistration(g, admin.ID, "return", "Ghi rõ chỉ tiêu") })
	h.srv.SendPrivate(admin, "/pending")
	h.press(admin, telegramtest.PrivateChat(admin), h.expectNew(admin.ID, "Việc chờ Văn phòng"), g.Number)
	file := h.expectNew(admin.ID, "Hồ sơ mô hình "+g.Number)
	h.press(admin, telegramtest.PrivateChat(admin), file, "Ghi kết quả đánh giá của Đảng ủy")
	h.expectAnswer(admin, "chưa được tiếp nhận")
	h.srv.PressButton(admin, telegramtest.PrivateChat(admin), file.MessageID, "ev:"+idStr(g.ID)+":cong_nhan")
	h.expectAnswer(admin, "chưa được tiếp nhận")
	if c := h.conversationOf(admin.ID); c != "" {
		t.Errorf("a form opened: %s", c)
	}
	if e := h.registrations()[0].Evaluation; e != nil {
		t.Errorf("recorded %+v", e)
	}
}
