package main

import (
	"testing"

	"github.com/dvkbot/dvkbot/bot/formscript"
)

// TestOneCallPerFormStep counts the Bot API calls of each step of one
// registration, as its script has it: a typed answer costs one message,
// a pressed choice one edit (the pressed message becomes the choice and
// the next question) plus the answer to the press, never a separate
// "chosen" edit and a new message. A skipped optional step ("Bỏ qua")
// chooses nothing: its press is answered and the next question is a
// message.
func TestOneCallPerFormStep(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.campaign("Phong trào Dân vận khéo 2024", 20)
	g := formscript.Realistic("Tuyến đường hoa")
	g.Period = "01/04/2024 - 30/11/2024"
	steps := g.Steps()
	start := len(h.srv.Sent())
	for i, st := range steps.Until(formscript.Submit) {
		want := map[string]int{"sendMessage": 1}
		switch {
		case st.Press == formscript.Skip:
			want = map[string]int{"sendMessage": 1, "answerCallbackQuery": 1}
		case st.Press != "":
			want = map[string]int{"editMessageText": 1, "answerCallbackQuery": 1}
		}
		before := len(h.srv.Sent())
		h.fill(secA, steps[i:i+1])
		h.settle()
		got := map[string]int{}
		for _, m := range h.srv.Sent()[before:] {
			got[m.Method]++
		}
		if len(got) != len(want) {
			t.Errorf("%s: calls %v, want %v", st.Key, got, want)
			continue
		}
		for method, n := range want {
			if got[method] != n {
				t.Errorf("%s: calls %v, want %v", st.Key, got, want)
			}
		}
	}
	h.fill(secA, steps.From(formscript.Submit))
	h.settle()
	calls := map[string]int{}
	for _, m := range h.srv.Sent()[start:] {
		calls[m.Method]++
	}
	t.Logf("one registration, from /register to the confirmation and the admins' notices: %d calls %v", len(h.srv.Sent())-start, calls)
}
