package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// A person with no role writes nothing into any commune's audit log by
// answering or changing the name question.
func TestStrangerNameWritesNoAudit(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	pc := telegramtest.PrivateChat(stranger)
	before := h.auditCount()

	h.srv.SendPrivate(stranger, "/start")
	h.expect(stranger.ID, "Xin đồng chí cho biết Họ và tên")
	h.srv.SendPrivate(stranger, "Trần Văn Lạ")
	h.expect(stranger.ID, "Đã ghi Họ và tên: Trần Văn Lạ")
	h.srv.SendPrivate(stranger, "/menu")
	h.press(stranger, pc, h.expectNew(stranger.ID, "Mời đồng chí chọn"), "👤 Họ và tên")
	h.expect(stranger.ID, "Xin đồng chí cho biết Họ và tên")
	h.srv.SendPrivate(stranger, "Trần Văn Khách")
	h.expect(stranger.ID, "Đã ghi Họ và tên: Trần Văn Khách")

	entries, err := h.main.store.AuditPage(context.Background(), 0, 10000)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Actor == stranger.ID {
			t.Errorf("a stranger wrote into the audit log: %+v", e)
		}
	}
	if n := h.auditCount(); n != before {
		t.Errorf("%d audit entries, want %d", n, before)
	}
	if log := h.auditAs(admin); strings.Contains(log, "Trần Văn") {
		t.Errorf("the home commune's audit shows the stranger:\n%s", log)
	}
}

// The name question closes: text typed long after it, or after another
// command or button, is not taken for the person's name.
func TestNameQuestionCloses(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		away func(h *harness)
	}{
		{"after half an hour", func(h *harness) { h.clock.advance(31 * time.Minute) }},
		{"after another command", func(h *harness) {
			h.srv.SendPrivate(stranger, "/help")
			h.expect(stranger.ID, "/menu")
		}},
		{"after another button", func(h *harness) {
			ask := h.expect(stranger.ID, "Xin đồng chí cho biết Họ và tên")
			h.srv.PressButton(stranger, telegramtest.PrivateChat(stranger), ask.MessageID, "help")
			h.settle()
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			h.srv.SendPrivate(stranger, "/start")
			if tc.name != "after another button" {
				h.expect(stranger.ID, "Xin đồng chí cho biết Họ và tên")
			}
			tc.away(h)
			h.srv.SendPrivate(stranger, "Báo cáo đã xong")
			h.expect(stranger.ID, "Bot chưa hiểu tin nhắn này")
			if u := h.user(stranger.ID); u.FullName != "" {
				t.Errorf("the full name became %q", u.FullName)
			}
			if h.hasConversation(stranger.ID) {
				t.Error("the name question is still open")
			}
		})
	}
}

// Telegram's names are cleaned wherever they come from: no bidi
// override, zero-width character or markup reaches the greeting, the
// store, the office's people list or its workbook, also for a name
// stored before the cleaning.
func TestTelegramNamesAreCleaned(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.importCommune()
	evil := telegramtest.User{ID: 903, FirstName: "\u202eBình\u200b", LastName: "<b>Trần</b>"}
	pc := telegramtest.PrivateChat(evil)
	h.srv.SendPrivate(evil, "/start "+h.inviteCode("Chi bộ thôn Đông"))
	if w := h.expect(evil.ID, "Chào mừng"); !strings.Contains(w.Plain, "đồng chí Trần Bình") {
		t.Errorf("the welcome: %q", w.Plain)
	}
	h.press(evil, pc, h.expect(evil.ID, "Họ và tên"), "Để sau")
	h.expect(evil.ID, "ghi Họ và tên sau")
	if u := h.user(evil.ID); u.FirstName != "Bình" || u.LastName != "Trần" || u.Name() != "Trần Bình" {
		t.Errorf("stored %q · %q", u.FirstName, u.LastName)
	}

	// A secretary of Chi bộ thôn Tây stored before names were cleaned.
	h.srv.SendPrivate(secB, "/start "+h.inviteCode("Chi bộ thôn Tây"))
	h.press(secB, telegramtest.PrivateChat(secB), h.expect(secB.ID, "Họ và tên"), "Để sau")
	h.expect(secB.ID, "ghi Họ và tên sau")
	h.change(func(tx *store.Tx) error {
		u, err := tx.User(secB.ID)
		u.FirstName, u.LastName = "Tây\u200b\u202e", "<i>Bí thư</i>"
		return errors.Join(err, tx.PutUser(u))
	})

	h.clock.set(time.Date(2024, 4, 4, 8, 30, 0, 0, ict))
	h.seedCampaign()
	apc := telegramtest.PrivateChat(admin)
	sum := h.say(admin, "/report", "Báo cáo tổng hợp")
	h.press(admin, apc, sum, "Tải Excel")
	doc, err := h.srv.WaitFor(wait, func(s telegramtest.Sent) bool { return s.Method == "sendDocument" && s.ChatID == admin.ID })
	if err != nil {
		t.Fatal(err)
	}
	data, _ := h.srv.FileData(doc.Params["document"])
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	owing, _ := f.GetRows("Đơn vị chưa hoàn thành")
	rows := map[string]string{}
	for _, row := range owing {
		line := strings.Join(row, " | ")
		for _, unit := range []string{"Chi bộ thôn Đông", "Chi bộ thôn Tây"} {
			if strings.Contains(line, unit) {
				rows[unit] = line
			}
		}
	}
	for unit, want := range map[string]string{"Chi bộ thôn Đông": "Trần Bình", "Chi bộ thôn Tây": "Bí thư Tây"} {
		if line := rows[unit]; !strings.Contains(line, want) || strings.ContainsAny(line, "\u202e\u200b<>") {
			t.Errorf("the workbook's row for %s: %q, want %q", unit, line, want)
		}
	}

	h.srv.SendPrivate(admin, "/units")
	h.press(admin, apc, h.expectNew(admin.ID, "Đơn vị —"), "Chi bộ thôn Tây")
	h.press(admin, apc, h.last(admin.ID), "Người phụ trách")
	if people := h.last(admin.ID); !hasButton(people, "❌ Bí thư Tây") {
		t.Errorf("the people list: %v", people.Buttons)
	}
}
