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
