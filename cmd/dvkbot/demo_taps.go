package main

import (
	"fmt"
	"strings"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
)

// taps counts the secretary's interactions in the demo, as issue 27
// measures them: one message sent or one button pressed, in the private
// chat with the bot, from the action that opens a task to the bot's
// confirmation that it is filed. Adding the bot to the group and pressing
// the unit there are not counted (the linking is its own task, U1), nor
// the sticker sent by mistake (no message of the transcript's).
type taps struct {
	open   string         // the task being counted, "" for none
	counts map[string]int // by task
	done   map[string]bool
	order  []string
}

// The tasks, in the order they are printed.
const (
	tapsFirst   = "đăng ký lần đầu, từ link mời"
	tapsCarried = "mô hình duy trì, nhân rộng"
	tapsResults = "báo cáo kết quả"
)

// see counts one event of the transcript.
func (t *taps) see(e telegramtest.Event) {
	if t.counts == nil {
		t.counts, t.done = map[string]int{}, map[string]bool{}
	}
	if e.ChatID != demoSecA.ID || e.ChatTitle != "" {
		return
	}
	if e.FromBot {
		switch text := strings.TrimSpace(e.Text); {
		case t.open == "":
		case strings.Contains(text, "Đã nộp đăng ký"), strings.Contains(text, "Đã nộp báo cáo kết quả"):
			t.done[t.open] = true
			t.open = ""
		}
		return
	}
	switch {
	case strings.HasPrefix(e.Text, "/start res"):
		t.begin(tapsResults)
	case strings.HasPrefix(e.Text, "/start ") && t.counts[tapsFirst] == 0:
		t.begin(tapsFirst)
	case (e.Text == "/register" || strings.HasPrefix(e.Text, "/start reg")) && t.counts[tapsFirst] > 0 && !t.done[tapsCarried]:
		t.begin(tapsCarried) // by /register, or the launch notice's button in the group; a refused try starts over
	}
	if t.open != "" {
		t.counts[t.open]++
	}
}

func (t *taps) begin(task string) {
	t.open, t.counts[task] = task, 0
	t.order = append(t.order, task)
}

// line is the counts as the demo prints them at its end.
func (t *taps) line() string {
	var parts []string
	for _, task := range []string{tapsFirst, tapsCarried, tapsResults} {
		if n, ok := t.counts[task]; ok {
			parts = append(parts, fmt.Sprintf("%s: %d", task, n))
		}
	}
	return "Số thao tác của bí thư (mỗi tin nhắn gửi hoặc mỗi lần bấm nút; không kể gắn nhóm và nhãn dán gửi nhầm): " + strings.Join(parts, "; ") + "."
}
