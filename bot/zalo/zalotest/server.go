// Package zalotest is an HTTP emulator of the Zalo Bot API for tests,
// written from the same pages as bot/zalo (see its package comment):
// POST /bot<token>/<method> with a JSON body, answers {ok, result} or
// {ok: false, error_code, description}. People and groups are injected
// (SendPrivate, SendGroup); what the bot sends is recorded (Sent, Wait).
// With a webhook set (setWebhook), an injected update is POSTed to it
// with the secret header, as Zalo does; otherwise getUpdates hands it
// out, one update an answer, with no offset.
package zalotest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
	"unicode/utf16"
)

// Token is the token the emulator accepts.
const Token = "12345689:zalotest"

// User is a Zalo person: an id of Zalo's (a string) and a name.
type User struct {
	ID   string
	Name string
}

// Sent is a message the bot sent.
type Sent struct {
	ChatID string
	Text   string
}

// Server is the emulator.
type Server struct {
	*httptest.Server
	mu      sync.Mutex
	changed chan struct{} // closed and replaced on every change
	updates []map[string]any
	sent    []Sent
	seq     int
	hook    string
	secret  string
	quota   int // sends to answer 429 "Quota exceeded"
	calls   map[string]int
}

// NewServer starts an emulator.
func NewServer() *Server {
	s := &Server{changed: make(chan struct{}), calls: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

func (s *Server) notify() { close(s.changed); s.changed = make(chan struct{}) }

// Quota makes the next n sends answer 429 "Quota exceeded".
func (s *Server) Quota(n int) { s.mu.Lock(); s.quota = n; s.mu.Unlock() }

// Calls is how many times method was called.
func (s *Server) Calls(method string) int { s.mu.Lock(); defer s.mu.Unlock(); return s.calls[method] }

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	method, ok := strings.CutPrefix(r.URL.Path, "/bot"+Token+"/")
	if !ok || r.Method != http.MethodPost {
		answer(w, http.StatusUnauthorized, map[string]any{"ok": false, "error_code": 401, "description": "Unauthorized"})
		return
	}
	var p map[string]any
	if err := json.NewDecoder(r.Body).Decode(&p); err != nil {
		answer(w, 400, map[string]any{"ok": false, "error_code": 400, "description": "Bad Request"})
		return
	}
	s.mu.Lock()
	s.calls[method]++
	s.mu.Unlock()
	switch method {
	case "getMe":
		ok200(w, map[string]any{"id": "bot1", "account_name": "bot.dvk", "account_type": "BASIC", "can_join_groups": true})
	case "getUpdates":
		s.getUpdates(w, r, p)
	case "sendMessage":
		s.sendMessage(w, p)
	case "sendChatAction":
		answer(w, 200, map[string]any{"ok": true})
	case "setWebhook":
		url, _ := p["url"].(string)
		secret, _ := p["secret_token"].(string)
		if url == "" || len(secret) < 8 || len(secret) > 256 {
			answer(w, 400, map[string]any{"ok": false, "error_code": 400, "description": "Bad Request"})
			return
		}
		s.mu.Lock()
		s.hook, s.secret = url, secret
		s.mu.Unlock()
		ok200(w, map[string]any{"url": url, "updated_at": time.Now().UnixMilli()})
	case "deleteWebhook":
		s.mu.Lock()
		s.hook, s.secret = "", ""
		s.mu.Unlock()
		ok200(w, map[string]any{"url": "", "updated_at": time.Now().UnixMilli()})
	case "getWebhookInfo":
		s.mu.Lock()
		url := s.hook
		s.mu.Unlock()
		ok200(w, map[string]any{"url": url, "updated_at": time.Now().UnixMilli()})
	default:
		answer(w, 404, map[string]any{"ok": false, "error_code": 404, "description": "Not Found"})
	}
}

func (s *Server) getUpdates(w http.ResponseWriter, r *http.Request, p map[string]any) {
	timeout, _ := p["timeout"].(float64)
	deadline := time.After(time.Duration(timeout * float64(time.Second)))
	for {
		s.mu.Lock()
		if s.hook != "" {
			s.mu.Unlock()
			answer(w, 200, map[string]any{"ok": false, "error_code": 409, "description": "webhook is set"})
			return
		}
		if len(s.updates) > 0 {
			u := s.updates[0]
			s.updates = s.updates[1:]
			s.mu.Unlock()
			ok200(w, u)
			return
		}
		ch := s.changed
		s.mu.Unlock()
		select {
		case <-ch:
		case <-deadline:
			answer(w, 200, map[string]any{"ok": false, "error_code": 408, "description": "Request timeout"})
			return
		case <-r.Context().Done():
			return
		}
	}
}

func (s *Server) sendMessage(w http.ResponseWriter, p map[string]any) {
	chat, _ := p["chat_id"].(string)
	text, _ := p["text"].(string)
	if n := len(utf16.Encode([]rune(text))); chat == "" || n == 0 || n > 2000 {
		answer(w, 400, map[string]any{"ok": false, "error_code": 400, "description": fmt.Sprintf("Bad Request: text of %d", n)})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.quota > 0 {
		s.quota--
		answer(w, 429, map[string]any{"ok": false, "error_code": 429, "description": "Quota exceeded"})
		return
	}
	s.seq++
	s.sent = append(s.sent, Sent{ChatID: chat, Text: text})
	s.notify()
	ok200(w, map[string]any{"message_id": fmt.Sprintf("out%d", s.seq), "date": time.Now().UnixMilli()})
}

func ok200(w http.ResponseWriter, result any) {
	answer(w, 200, map[string]any{"ok": true, "result": result})
}

func answer(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// SendPrivate is u writing text to the bot in a private chat; it returns
// the message id. With a webhook set it returns once the bot answered
// the webhook's request (the status is returned too: 0 when polled).
func (s *Server) SendPrivate(u User, text string) (string, int) {
	return s.inject(u, u.ID, "PRIVATE", "message.text.received", text)
}

// SendGroup is u writing text in the group chatID.
func (s *Server) SendGroup(u User, chatID, text string) (string, int) {
	return s.inject(u, chatID, "GROUP", "message.text.received", text)
}

func (s *Server) inject(u User, chat, kind, event, text string) (string, int) {
	s.mu.Lock()
	s.seq++
	id := fmt.Sprintf("in%d", s.seq)
	s.mu.Unlock()
	return id, s.Deliver(Update(event, id, u, chat, kind, text))
}

// Update is the body of one update, as the webhook page shows it.
func Update(event, messageID string, u User, chat, kind, text string) map[string]any {
	return map[string]any{"event_name": event, "message": map[string]any{
		"message_id": messageID, "date": time.Now().UnixMilli(), "text": text,
		"from": map[string]any{"id": u.ID, "display_name": u.Name, "is_bot": false},
		"chat": map[string]any{"id": chat, "chat_type": kind}}}
}

// Deliver hands an update to the bot: POSTed to the webhook (in the
// API's envelope, as the webhook page shows it) when one is set, queued
// for getUpdates otherwise. It returns the webhook's status (0: queued).
func (s *Server) Deliver(u map[string]any) int {
	s.mu.Lock()
	hook, secret := s.hook, s.secret
	if hook == "" {
		s.updates = append(s.updates, u)
		s.notify()
		s.mu.Unlock()
		return 0
	}
	s.mu.Unlock()
	body, _ := json.Marshal(map[string]any{"ok": true, "result": u})
	req, _ := http.NewRequest(http.MethodPost, hook, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Bot-Api-Secret-Token", secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return -1
	}
	resp.Body.Close()
	return resp.StatusCode
}

// Sent is every message sent to chat ("" for all).
func (s *Server) Sent(chat string) []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Sent
	for _, m := range s.sent {
		if chat == "" || m.ChatID == chat {
			out = append(out, m)
		}
	}
	return out
}

// Wait waits until a message to chat contains want, after the first skip
// messages to it, and returns it; ctx bounds the wait.
func (s *Server) Wait(ctx context.Context, chat string, skip int, want string) (Sent, int, error) {
	for {
		s.mu.Lock()
		n := 0
		for _, m := range s.sent {
			if m.ChatID != chat {
				continue
			}
			n++
			if n > skip && strings.Contains(m.Text, want) {
				s.mu.Unlock()
				return m, n, nil
			}
		}
		ch := s.changed
		s.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return Sent{}, 0, fmt.Errorf("no message to %s with %q: %w", chat, want, ctx.Err())
		}
	}
}
