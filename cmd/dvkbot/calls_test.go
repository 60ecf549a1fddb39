package main

import (
	"testing"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
)

// TestOneCallPerFormStep counts the Bot API calls of one registration:
// a typed answer costs one message, a pressed choice one edit (the
// pressed message becomes the choice and the next question) plus the
// answer to the press, never a separate "chosen" edit and a new message.
func TestOneCallPerFormStep(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.campaign("Phong trào Dân vận khéo 2024", 20)
	pc := telegramtest.PrivateChat(secA)
	start := len(h.srv.Sent())
	steps := []struct {
		name string
		act  func() telegramtest.Sent
		want map[string]int
	}{
		{"command", func() telegramtest.Sent { return h.say(secA, "/register", "Tên mô hình") }, map[string]int{"sendMessage": 1}},
		{"name", func() telegramtest.Sent { return h.say(secA, "Tuyến đường hoa", "tập thể hay cá nhân") }, map[string]int{"sendMessage": 1}},
		{"kind", func() telegramtest.Sent {
			h.press(secA, pc, h.last(secA.ID), "Tập thể")
			return h.expect(secA.ID, "mô hình duy trì")
		},
			map[string]int{"editMessageText": 1, "answerCallbackQuery": 1}},
		{"novelty", func() telegramtest.Sent {
			h.press(secA, pc, h.last(secA.ID), "Mô hình mới")
			return h.expect(secA.ID, "Ai thực hiện")
		},
			map[string]int{"editMessageText": 1, "answerCallbackQuery": 1}},
		{"subject", func() telegramtest.Sent { return h.say(secA, "Chi bộ thôn Đông", "lĩnh vực nào") }, map[string]int{"sendMessage": 1}},
		{"field", func() telegramtest.Sent {
			h.press(secA, pc, h.last(secA.ID), "Kinh tế")
			return h.expect(secA.ID, "Địa chỉ")
		},
			map[string]int{"editMessageText": 1, "answerCallbackQuery": 1}},
	}
	for _, s := range steps {
		before := len(h.srv.Sent())
		s.act()
		h.settle()
		got := map[string]int{}
		for _, m := range h.srv.Sent()[before:] {
			got[m.Method]++
		}
		if len(got) != len(s.want) {
			t.Errorf("%s: calls %v, want %v", s.name, got, s.want)
			continue
		}
		for method, n := range s.want {
			if got[method] != n {
				t.Errorf("%s: calls %v, want %v", s.name, got, s.want)
			}
		}
	}
	h.say(secA, "Thôn Đông", "Nội dung")
	h.say(secA, "Trồng hoa.", "Chỉ tiêu")
	h.say(secA, "2 km.", "Thời gian thực hiện")
	h.press(secA, pc, h.say(secA, "01/04/2024 - 30/11/2024", "kiểm tra lại"), "Gửi đăng ký")
	h.expectNew(secA.ID, "Đã nộp đăng ký")
	h.settle()
	calls := map[string]int{}
	for _, m := range h.srv.Sent()[start:] {
		calls[m.Method]++
	}
	t.Logf("one registration, from /register to the confirmation and the admins' notices: %d calls %v", len(h.srv.Sent())-start, calls)
}
