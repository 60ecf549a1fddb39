package telegramtest

import (
	"fmt"
	"strings"
	"time"
)

// Event is one line of the conversation, for transcripts.
type Event struct {
	At        time.Time
	FromBot   bool
	From      string
	ChatID    int64
	ChatTitle string
	MessageID int // the bot's message (sent or edited); 0 for a user's action
	Text      string
	Buttons   [][]Button
	Edited    bool
	File      string
}

// OnEvent calls fn for every user action and bot message, in order,
// outside the server's lock.
func (s *Server) OnEvent(fn func(Event)) {
	s.evMu.Lock()
	defer s.evMu.Unlock()
	s.onEvent = fn
}

// event queues an event (the caller holds mu); flush delivers it.
func (s *Server) event(e Event) {
	e.At = s.now()
	s.events = append(s.events, e)
}

// flush delivers queued events in order, one caller at a time.
func (s *Server) flush() {
	s.evMu.Lock()
	defer s.evMu.Unlock()
	for {
		s.mu.Lock()
		events := s.events
		s.events = nil
		s.mu.Unlock()
		if len(events) == 0 {
			return
		}
		for _, e := range events {
			if s.onEvent != nil {
				s.onEvent(e)
			}
		}
	}
}

// Sent lists everything the bot did, in order.
func (s *Server) Sent() []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Sent(nil), s.sent...)
}

// SentTo lists what the bot did in one chat.
func (s *Server) SentTo(chatID int64) []Sent {
	var out []Sent
	for _, m := range s.Sent() {
		if m.ChatID == chatID && m.Method != "answerCallbackQuery" {
			out = append(out, m)
		}
	}
	return out
}

// LastMessage is the bot's latest message in a chat as it looks now.
func (s *Server) LastMessage(chatID int64) (Sent, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs := s.chats[chatID]
	if cs == nil || cs.messages[cs.last] == nil {
		return Sent{}, false
	}
	return *cs.messages[cs.last], true
}

// WaitFor waits until something the bot did matches, or the timeout.
func (s *Server) WaitFor(timeout time.Duration, match func(Sent) bool) (Sent, error) {
	deadline := time.Now().Add(timeout)
	for {
		all := s.Sent()
		for _, m := range all {
			if match(m) {
				return m, nil
			}
		}
		if time.Now().After(deadline) {
			return Sent{}, fmt.Errorf("nothing matched in %v; the bot sent: %s", timeout, summary(all))
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// WaitText waits for a message in chat whose visible text contains substr.
func (s *Server) WaitText(timeout time.Duration, chatID int64, substr string) (Sent, error) {
	return s.WaitFor(timeout, func(m Sent) bool {
		return m.ChatID == chatID && m.Method != "answerCallbackQuery" && strings.Contains(m.Plain, substr)
	})
}

func summary(all []Sent) string {
	var parts []string
	for _, m := range all[max(0, len(all)-8):] {
		text := m.Plain
		if len(text) > 80 {
			text = text[:80] + "…"
		}
		parts = append(parts, fmt.Sprintf("[%s %d] %q", m.Method, m.ChatID, text))
	}
	return strings.Join(parts, "; ")
}
