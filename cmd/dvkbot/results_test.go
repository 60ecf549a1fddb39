package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/dvkbot/dvkbot/bot/formscript"
	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// approvedModel files an approved registration of Chi bộ thôn Đông
// straight into the store: the registration flow has its own tests.
func (h *harness) approvedModel(resultsInDays int) store.Registration {
	h.t.Helper()
	camp := h.campaign("Phong trào 2024", -100)
	var g store.Registration
	err := h.main.store.Update(context.Background(), func(tx *store.Tx) error {
		camp.ResultsDeadline = h.clock.now().AddDate(0, 0, resultsInDays).In(hcm(h.t)).Format("2006-01-02")
		if _, err := tx.PutCampaign(camp); err != nil {
			return err
		}
		u, err := tx.UnitByName("Chi bộ thôn Đông")
		if err != nil {
			return err
		}
		g, err = tx.AddRegistration(store.Registration{CampaignID: camp.ID, UnitID: u.ID, SubmittedBy: secA.ID,
			Status: store.StatusApproved, Model: store.Model{Name: "Tuyến đường hoa", Kind: "tap_the", Field: "kinh_te"}}, "2024")
		return err
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return g
}

// fillResults answers the results form to its review, as its script has
// it (the proposals skipped), with bad input on the way.
func (h *harness) fillResults(u telegramtest.User) telegramtest.Sent {
	h.t.Helper()
	pc := telegramtest.PrivateChat(u)
	res := formscript.RealisticResults()
	res.Proposals = ""
	return h.fillWith(u, res.Steps().Until(formscript.Submit), map[string]func(){
		"against": func() {
			if against := h.last(u.ID); !strings.Contains(against.Plain, "Chỉ tiêu đã đăng ký") {
				h.t.Errorf("the registered targets are not shown: %s", against.Plain)
			}
		},
		"people": func() {
			for _, bad := range []struct{ text, want string }{{"một trăm", "số nguyên"}, {"-5", "không được âm"}, {"99999999999", "quá lớn"}, {"150", "số người hay số hộ"}} {
				h.say(u, bad.text, bad.want)
			}
		},
		"money": func() {
			for _, bad := range []struct{ text, want string }{{"nhiều lắm", "chưa hiểu số tiền"}, {"-12 triệu", "không được âm"}, {"5000000 tỷ", "quá lớn"}} {
				h.say(u, bad.text, bad.want)
			}
		},
		"measures": func() { h.say(u, "Ngày công 350", "dạng “tên: số”") },
		"criteria": func() {
			h.press(u, pc, h.last(u.ID), "3. Có hiệu quả")
			h.press(u, pc, h.last(u.ID), "3. Có hiệu quả") // untick 3
		},
		"evidence": func() { h.say(u, "ảnh đây", "cần gửi ảnh hoặc tệp") },
	})
}

func TestResultsEvaluationRoundTrip(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	g := h.approvedModel(30)
	h.linkDong()
	review := h.fillResults(secA)
	for _, want := range []string{"12.500.000 đ", "1.200 người, 150 hộ", "1. Gắn", "5. Được các tầng lớp", "3 tệp: ảnh (Lễ ra quân), ảnh, bien-ban.pdf", "Đất hiến: 200 m²"} {
		if !strings.Contains(review.Plain, want) {
			t.Errorf("review lacks %q:\n%s", want, review.Plain)
		}
	}
	if strings.Contains(review.Plain, "3. Có hiệu quả") {
		t.Error("criterion 3 was unticked but shows")
	}
	pc, pa := telegramtest.PrivateChat(secA), telegramtest.PrivateChat(admin)
	h.press(secA, pc, review, "Xác nhận")
	h.expectNew(secA.ID, "Đã nộp báo cáo kết quả")
	notice := h.expectNew(admin.ID, "Báo cáo kết quả DVK-2024-001")
	if !strings.Contains(notice.Plain, "12.500.000 đ") || !strings.Contains(notice.Plain, "đạt 2 tiêu chí (tiêu chí 1, 5)") {
		t.Errorf("admin notice %q", notice.Plain)
	}

	// Edit before evaluation: from the unit's model card.
	h.srv.SendPrivate(secA, "/menu")
	h.press(secA, pc, h.expectNew(secA.ID, "Mời đồng chí chọn"), "Mô hình của đơn vị")
	h.press(secA, pc, h.expectNew(secA.ID, "Đã đăng ký 1 mô hình"), "Tuyến đường hoa")
	h.press(secA, pc, h.expectNew(secA.ID, "Trạng thái: đã tiếp nhận"), "Sửa báo cáo kết quả")
	h.press(secA, pc, h.expectNew(secA.ID, "kiểm tra lại"), "Nguồn lực huy động")
	h.say(secA, "1,2 tỷ", "kiểm tra lại")
	h.press(secA, pc, h.last(secA.ID), "Xác nhận")
	edited := h.expectNew(admin.ID, "đã sửa báo cáo kết quả")
	if !strings.Contains(edited.Plain, "1.200.000.000 đ") {
		t.Errorf("edited notice %q", edited.Plain)
	}

	// The office opens the whole file: the evidence comes back from Telegram.
	before := len(h.srv.SentTo(admin.ID))
	h.press(admin, pa, edited, "Hồ sơ")
	h.expectNew(admin.ID, "Hồ sơ mô hình DVK-2024-001")
	h.settle()
	var photos, docs int
	for _, s := range h.srv.SentTo(admin.ID)[before:] {
		switch s.Method {
		case "sendPhoto":
			photos++
		case "sendDocument":
			docs++
		}
	}
	if photos != 2 || docs != 1 {
		t.Errorf("evidence re-sent as %d photos and %d documents, want 2 and 1", photos, docs)
	}

	h.recordDecision(h.receiveResults(edited), "Công nhận", "Không đề nghị", "", "05/09/2024", "Mô hình hiệu quả, đề nghị nhân rộng ở các thôn.")
	told := h.expectNew(secA.ID, "Kết quả Đảng ủy đánh giá mô hình DVK-2024-001")
	if !strings.Contains(told.Plain, "đề nghị nhân rộng") {
		t.Errorf("secretary told %q", told.Plain)
	}
	h.expectNew(group.ID, "Chúc mừng Chi bộ thôn Đông")

	// After the evaluation: stale buttons and a closed report.
	evaluated := h.registrations()[0]
	if evaluated.Evaluation == nil || evaluated.Evaluation.Outcome != store.OutcomeRecognised || evaluated.Results.Money != 1_200_000_000 {
		t.Fatalf("stored %+v", evaluated)
	}
	before = len(h.srv.Sent())
	h.srv.PressButton(admin, pa, notice.MessageID, "ev:"+idStr(g.ID)+":chua_dat")
	h.srv.PressButton(secA, pc, told.MessageID, "rs:"+idStr(g.ID))
	h.settle()
	if got := joined(h.srv.Sent()[before:]); !strings.Contains(got, "đã có kết quả đánh giá của Đảng ủy: Công nhận") || !strings.Contains(got, "không sửa báo cáo được nữa") {
		t.Errorf("after evaluation: %s", got)
	}
	if h.registrations()[0].Evaluation.Outcome != store.OutcomeRecognised {
		t.Error("a stale button changed the evaluation")
	}
}

func TestLateResultsAndRestartMidForm(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.approvedModel(-2)
	steps := formscript.Results{Achieved: "Hoàn thành.", Against: "Chưa đạt chỉ tiêu", People: "80 người", Money: "0"}.Steps()
	h.fill(secA, steps.Until("people"))
	h.restart()
	if s := h.fill(secA, steps.From("people")); !strings.Contains(s.Plain, "nộp muộn") { // none met, no files: answers too
		t.Errorf("late report not marked: %q", s.Plain)
	}
	if g := h.registrations()[0]; g.Results == nil || !g.Results.Late || g.Results.People != 80 {
		t.Errorf("stored %+v", g.Results)
	}
	h.srv.SendPrivate(admin, "/pending")
	if s := h.expectNew(admin.ID, "Việc chờ Văn phòng xử lý"); !strings.Contains(s.Plain, "Báo cáo kết quả chờ tiếp nhận") {
		t.Errorf("pending %q", s.Plain)
	}
}

// The office records the Đảng ủy's recognition, at cấp cơ sở, and whether
// it proposes the model to the level above; the unit hears both, the
// model's file shows them, and so do the workbook's columns (issue 14,
// item 4; issue 27, item 2). A model not achieved is asked neither.
func TestEvaluationRecordsLevelAndProposal(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	g := h.submitResults()
	pa := telegramtest.PrivateChat(admin)
	notice := h.receiveResults(h.expect(admin.ID, "Báo cáo kết quả "+g.Number))
	h.recordDecision(notice, "Điển hình", "Có, đề nghị", "", "05/09/2024", "Nên nhân rộng.")

	e := h.registrations()[0].Evaluation
	if e == nil || e.Outcome != store.OutcomeExemplary || e.Level != store.LevelBase || !e.ProposeHigher || e.Comment != "Nên nhân rộng." {
		t.Fatalf("stored evaluation %+v", e)
	}
	told := h.expectNew(secA.ID, "Kết quả Đảng ủy đánh giá mô hình")
	for _, want := range []string{"Điển hình, nhân rộng", "Cấp công nhận: Cấp cơ sở", "Đảng ủy đề nghị cấp trên công nhận", "Nhận xét: Nên nhân rộng."} {
		if !strings.Contains(told.Plain, want) {
			t.Errorf("the unit's notice lacks %q:\n%s", want, told.Plain)
		}
	}
	h.press(admin, pa, notice, "Hồ sơ")
	file := h.expectNew(admin.ID, "Hồ sơ mô hình "+g.Number)
	for _, want := range []string{"Đánh giá: Điển hình, nhân rộng (05/09/2024)", "Cấp công nhận: Cấp cơ sở", "Đảng ủy đề nghị cấp trên công nhận"} {
		if !strings.Contains(file.Plain, want) {
			t.Errorf("the model's file lacks %q:\n%s", want, file.Plain)
		}
	}

	h.press(admin, pa, h.say(admin, "/report", "Báo cáo tổng hợp"), "Tải Excel")
	doc, err := h.srv.WaitFor(wait, func(s telegramtest.Sent) bool {
		return s.Method == "sendDocument" && s.ChatID == admin.ID && strings.HasSuffix(s.FileName, ".xlsx")
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
	rows, _ := f.GetRows("Dữ liệu mô hình")
	col := map[string]int{}
	for i, head := range rows[0] {
		col[head] = i
	}
	if len(rows) != 2 || rows[1][col["Cấp công nhận"]] != "Cấp cơ sở" || rows[1][col["Đề nghị cấp trên công nhận"]] != "Có" {
		t.Errorf("the model list's row %v (header %v)", rows[1:], rows[0])
	}
}

// A model not achieved is not asked a level nor a proposal.
func TestNotAchievedIsAskedNoLevel(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	g := h.submitResults()
	h.recordDecision(h.receiveResults(h.expect(admin.ID, "Báo cáo kết quả "+g.Number)), "Chưa đạt", "", "Biên bản họp Thường trực", "05/09/2024", "Chưa đủ minh chứng.")
	if e := h.registrations()[0].Evaluation; e == nil || e.Level != "" || e.ProposeHigher || e.RecognisedAt() != "" || e.Basis != "Biên bản họp Thường trực" {
		t.Errorf("stored %+v", e)
	}
	if told := h.expectNew(secA.ID, "Chưa đạt"); strings.Contains(told.Plain, "Cấp công nhận") {
		t.Errorf("a model not achieved is told a level:\n%s", told.Plain)
	}
}
