// Package telegramtest is an in-process Telegram Bot API emulator, in the
// spirit of net/http/httptest. The real tgbotapi client talks to it over
// HTTP; tests and `dvkbot demo` inject what users do and read what the bot
// sent. It checks requests the way Telegram does (HTML entities, lengths in
// UTF-16, callback data size, unknown chats) and can fail on demand (429,
// 403, a broken proxy).
package telegramtest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// User is a Telegram user (or the bot itself).
type User struct {
	ID           int64
	FirstName    string
	LastName     string
	Username     string
	LanguageCode string
	IsBot        bool
}

// Name is how the transcript shows the user.
func (u User) Name() string { return strings.TrimSpace(u.FirstName + " " + u.LastName) }

// Chat is a chat: private (ID = the user's id), group or supergroup.
type Chat struct {
	ID    int64
	Type  string
	Title string
}

// PrivateChat is the one-to-one chat of u with the bot.
func PrivateChat(u User) Chat { return Chat{ID: u.ID, Type: "private", Title: ""} }

// Option configures a Server.
type Option func(*Server)

// WithToken sets the token the server accepts.
func WithToken(tok string) Option { return func(s *Server) { s.token = tok } }

// WithBotUser sets the bot's own user.
func WithBotUser(u User) Option { return func(s *Server) { s.bot = u } }

// WithClock sets the server clock (update dates, rate limits).
func WithClock(now func() time.Time) Option { return func(s *Server) { s.now = now } }

// Server is the emulator. All methods are safe for concurrent use.
type Server struct {
	mu       sync.Mutex
	http     *httptest.Server
	token    string
	bot      User
	now      func() time.Time
	closed   chan struct{}
	wake     chan struct{} // closed and replaced when an update is queued
	queue    []pending
	nextID   int
	cutPoll  chan struct{} // closed to end the open getUpdates with 409 Conflict
	webhook  string        // set: getUpdates answers 409 Conflict until deleteWebhook
	chats    map[int64]*chatState
	files    map[string]*storedFile
	queries  map[string]bool // callback query id -> answered
	sent     []Sent
	calls    map[string]int
	rejected map[int]int
	commands map[string][]tgbotapi.BotCommand
	members  map[[2]int64]string
	faults   map[string][]fault
	down     bool
	limits   *limiter
	jitter   time.Duration
	events   []Event
	evMu     sync.Mutex
	onEvent  func(Event)
	seq      int
}

type pending struct {
	id  int
	raw json.RawMessage
}

// NewServer starts an emulator on a loopback port.
func NewServer(opts ...Option) *Server {
	s := &Server{
		token: "123456:TEST-TOKEN", now: time.Now,
		bot:    User{ID: 1000, FirstName: "DVK Bot", Username: "dvk_test_bot", IsBot: true},
		closed: make(chan struct{}), wake: make(chan struct{}), nextID: 100000,
		chats: map[int64]*chatState{}, files: map[string]*storedFile{}, queries: map[string]bool{},
		calls: map[string]int{}, rejected: map[int]int{}, commands: map[string][]tgbotapi.BotCommand{},
		members: map[[2]int64]string{}, faults: map[string][]fault{},
	}
	for _, o := range opts {
		o(s)
	}
	s.http = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// Close stops the server and wakes any waiting long poll.
func (s *Server) Close() {
	s.mu.Lock()
	select {
	case <-s.closed:
		s.mu.Unlock()
		return
	default:
		close(s.closed)
	}
	s.mu.Unlock()
	s.http.CloseClientConnections()
	s.http.Close()
}

// URL is the server's base address.
func (s *Server) URL() string { return s.http.URL }

// Endpoint is the pattern tgbotapi.NewBotAPIWithClient wants.
func (s *Server) Endpoint() string { return s.http.URL + "/bot%s/%s" }

// Client is an HTTP client for the server.
func (s *Server) Client() *http.Client { return s.http.Client() }

// Token is the token the server accepts.
func (s *Server) Token() string { return s.token }

// Bot is the bot's own user.
func (s *Server) Bot() User { return s.bot }

// apiError is a Bot API error answer.
type apiError struct {
	code       int
	desc       string
	retryAfter int
	migrateTo  int64
}

func badRequest(desc string) *apiError { return &apiError{code: 400, desc: "Bad Request: " + desc} }

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if s.isDown() {
		time.Sleep(10 * time.Millisecond)
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		w.Write([]byte("<html><body><h1>502 Bad Gateway</h1></body></html>"))
		return
	}
	s.delayArrival(r.URL.Path)
	if strings.HasPrefix(r.URL.Path, "/file/bot") {
		s.serveFile(w, r)
		return
	}
	method, ok := s.route(r.URL.Path)
	if !ok {
		writeJSON(w, nil, &apiError{code: 401, desc: "Unauthorized"})
		return
	}
	req, err := readRequest(r)
	if err != nil {
		writeJSON(w, nil, badRequest(err.Error()))
		return
	}
	result, aerr := s.call(r, method, req)
	writeJSON(w, result, aerr)
}

// route checks the token and returns the method name.
func (s *Server) route(path string) (string, bool) {
	rest, ok := strings.CutPrefix(path, "/bot")
	if !ok {
		return "", false
	}
	tok, method, ok := strings.Cut(rest, "/")
	return method, ok && tok == s.token
}

func (s *Server) isDown() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.down
}

func writeJSON(w http.ResponseWriter, result any, e *apiError) {
	w.Header().Set("Content-Type", "application/json")
	if e != nil {
		body := map[string]any{"ok": false, "error_code": e.code, "description": e.desc}
		params := map[string]any{}
		if e.retryAfter > 0 {
			params["retry_after"] = e.retryAfter
		}
		if e.migrateTo != 0 {
			params["migrate_to_chat_id"] = e.migrateTo
		}
		if len(params) > 0 {
			body["parameters"] = params
		}
		w.WriteHeader(e.code)
		json.NewEncoder(w).Encode(body)
		return
	}
	json.NewEncoder(w).Encode(map[string]any{"ok": true, "result": result})
}

// request is a call's parameters: form fields (or JSON values) and files.
type request struct {
	params map[string]string
	files  map[string]upload
}

type upload struct {
	name string
	data []byte
}

func (q request) int64(key string) int64 {
	v, _ := strconv.ParseInt(q.params[key], 10, 64)
	return v
}

func (q request) int(key string) int { return int(q.int64(key)) }
