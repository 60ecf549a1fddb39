package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/dvkbot/dvkbot/bot"
	"github.com/dvkbot/dvkbot/bot/messenger"
	"github.com/dvkbot/dvkbot/bot/telegram"
	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/bot/zalo"
	"github.com/dvkbot/dvkbot/bot/zalo/zalotest"
	"github.com/dvkbot/dvkbot/store"
)

const wait = 10 * time.Second

var (
	admin    = telegramtest.User{ID: 501, FirstName: "Hà", LastName: "Nguyễn"}
	stranger = telegramtest.User{ID: 777, FirstName: "Bình", LastName: "Trần"}
	group    = telegramtest.Chat{ID: -100500, Type: "supergroup", Title: "Chi bộ thôn Đông"}
)

// harness is the real program (Main) on a temp database, talking to the
// emulator through the real tgbotapi client.
type harness struct {
	t           *testing.T
	srv         *telegramtest.Server
	path        string
	main        *Main
	logs        *syncBuffer
	clock       manualClock
	seen        map[int]bool // messages an expect already matched
	limits      telegram.Limits
	chatBackups bool
	admins      []int64    // [bot] admins; nil: just admin
	province    []int64    // [province] admins, with the province's paper; nil: none
	flood       *bot.Flood // nil: as the limits say
	zipLimit    int64      // the largest evidence zip sent in chat; 0: the bot's
	zipStarted  func(context.Context)
	messenger   *messenger.Capabilities // nil: Telegram's
	watched     bool                    // the rendering check is set
	zalo        *zalotest.Server        // set: Zalo runs beside Telegram, by webhook
}

// unpaced lifts the sender's pace: tests send many messages to one chat
// and, but for TestPacingKeepsWithinTelegramLimits, are not about pacing.
var unpaced = telegram.Limits{Global: rate.Inf, Private: rate.Inf, Group: rate.Inf, GlobalBurst: 1, ChatBurst: 1,
	RetryMin: time.Millisecond}

func newHarness(t *testing.T) *harness { return newHarnessWith(t, unpaced) }

func newHarnessWith(t *testing.T, lim telegram.Limits) *harness {
	t.Helper()
	srv := telegramtest.NewServer()
	t.Cleanup(srv.Close)
	h := &harness{t: t, srv: srv, path: filepath.Join(t.TempDir(), "dvkbot.db"), logs: &syncBuffer{}, limits: lim}
	h.start()
	return h
}

// noGapsInWhatWasSent fails the test when anything the bot sent shows a
// template argument its caller did not pass ("<no value>", which Telegram
// also refuses as markup), markup Telegram refused, or a message id
// rendered for want of its text: every end-to-end test checks the
// locales with the arguments the code really passes.
func (h *harness) noGapsInWhatWasSent() {
	if strings.Contains(h.logs.String(), "markup refused") { // "<no value>" is markup Telegram refuses
		h.t.Errorf("Telegram refused the bot's markup: %s", h.logs.String())
	}
	for _, s := range h.srv.Sent() {
		if strings.Contains(s.Text, "<no value>") || gapRE.MatchString(s.Plain) {
			h.t.Errorf("the bot sent a gap in %s to %d: %q", s.Method, s.ChatID, s.Plain)
		}
		for _, row := range s.Buttons {
			for _, b := range row {
				if gapRE.MatchString(b.Text) {
					h.t.Errorf("the bot sent a button labelled by its message id: %q", b.Text)
				}
			}
		}
	}
}

// gapRE is a message id shown whole: a catalog without the id renders it.
var gapRE = regexp.MustCompile(`^[a-z]+(_[a-z]+)+$`)

func (h *harness) config() Config {
	cfg := DefaultConfig()
	cfg.Telegram.Token = h.srv.Token()
	cfg.Telegram.APIEndpoint = h.srv.Endpoint()
	cfg.Telegram.PollTimeout = Duration{2 * time.Second}
	cfg.Store.Path = h.path
	cfg.Store.LockTimeout = Duration{200 * time.Millisecond}
	cfg.Bot.Admins = []int64{admin.ID}
	if h.admins != nil {
		cfg.Bot.Admins = h.admins
	}
	cfg.Bot.ChatBackups = h.chatBackups
	if h.zalo != nil {
		cfg.Zalo = ZaloConfig{Enabled: true, Token: zalotest.Token, Mode: "webhook", APIEndpoint: h.zalo.URL,
			WebhookSecret: "zalo-webhook-secret"}
		cfg.HTTP.Listen = "127.0.0.1:0"
	}
	if h.province != nil {
		cfg.Province.Name, cfg.Province.Admins = "Tỉnh Gia Lai", h.province
		cfg.Province.Body, cfg.Province.Place, cfg.Province.OnBehalf = []string{"TỈNH ỦY GIA LAI", "BAN DÂN VẬN"}, "Gia Lai", "T/M BAN DÂN VẬN"
	}
	return cfg
}

func (h *harness) start() {
	h.t.Helper()
	if !h.watched {
		h.watched = true
		h.t.Cleanup(h.noGapsInWhatWasSent)
	}
	m := NewMain(h.config(), slog.New(slog.NewTextHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	m.HTTPClient = h.srv.Client()
	m.Now = h.clock.now
	m.Limits = h.limits
	if h.limits == unpaced {
		m.Flood = bot.Flood{Burst: 10000, Rate: rate.Inf} // tests type faster than people
	}
	if h.flood != nil {
		m.Flood = *h.flood
	}
	m.ZipLimit, m.zipStarted, m.messenger = h.zipLimit, h.zipStarted, h.messenger
	m.ZaloLimits = zalo.Unpaced()
	if err := m.Run(context.Background()); err != nil {
		h.t.Fatalf("run: %v", err)
	}
	h.main = m
	h.t.Cleanup(func() { m.Close() })
}

func (h *harness) restart() {
	h.t.Helper()
	if err := h.main.Close(); err != nil {
		h.t.Fatalf("close: %v", err)
	}
	h.start()
}

// expect waits for a message containing substr in chat.
// Each message matches one expect only, so that a second reply is not
// mistaken for the first.
func (h *harness) expect(chatID int64, substr string) telegramtest.Sent {
	h.t.Helper()
	return h.expectWhere(chatID, substr, func(s telegramtest.Sent) bool { return s.Method != "answerCallbackQuery" })
}

// expectNew is expect for a new message only, not an edit of an old one.
func (h *harness) expectNew(chatID int64, substr string) telegramtest.Sent {
	h.t.Helper()
	return h.expectWhere(chatID, substr, func(s telegramtest.Sent) bool { return strings.HasPrefix(s.Method, "send") })
}

func (h *harness) expectWhere(chatID int64, substr string, kind func(telegramtest.Sent) bool) telegramtest.Sent {
	h.t.Helper()
	if h.seen == nil {
		h.seen = map[int]bool{}
	}
	s, err := h.srv.WaitFor(wait, func(s telegramtest.Sent) bool {
		return s.ChatID == chatID && kind(s) && !h.seen[s.Seq] && strings.Contains(s.Plain, substr)
	})
	if err != nil {
		h.t.Fatalf("waiting for %q in chat %d: %v", substr, chatID, err)
	}
	h.seen[s.Seq] = true
	return s
}

// settle waits until every update is handled and the outbox is empty.
func (h *harness) settle() {
	h.t.Helper()
	deadline := time.Now().Add(wait)
	for time.Now().Before(deadline) {
		if h.srv.Pending() == 0 && h.main.idle(context.Background()) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	h.t.Fatal("bot did not settle")
}

func (h *harness) user(id int64) store.User {
	h.t.Helper()
	var u store.User
	err := h.main.store.View(context.Background(), func(tx *store.Tx) error {
		var err error
		u, err = tx.User(id)
		return err
	})
	if err != nil {
		h.t.Fatalf("user %d: %v", id, err)
	}
	return u
}

func TestStartWelcomesInVietnameseAndLanguageSurvivesRestart(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	chat := telegramtest.PrivateChat(stranger).ID

	h.srv.SendPrivate(stranger, "/start")
	welcome := h.expect(chat, "Xin chào đồng chí Trần Bình")
	if !strings.Contains(welcome.Plain, "Dân vận khéo") {
		t.Errorf("welcome = %q", welcome.Plain)
	}
	if ask := h.expect(chat, "Họ và tên"); len(ask.Buttons) == 0 {
		t.Errorf("the name question has no buttons: %q", ask.Plain)
	}

	h.srv.SendPrivate(stranger, "/language")
	picker := h.expect(chat, "Chọn ngôn ngữ")
	h.srv.PressButton(stranger, telegramtest.PrivateChat(stranger), picker.MessageID, "lang:en")
	h.expect(chat, "Switched to English")
	h.settle()
	before := len(h.srv.SentTo(chat))

	h.restart()
	if got := h.user(stranger.ID).Language; got != "en" {
		t.Fatalf("language after restart = %q, want en", got)
	}
	h.settle()
	if after := len(h.srv.SentTo(chat)); after != before {
		t.Errorf("restart re-handled old updates: %d sends before, %d after", before, after)
	}
	h.srv.SendPrivate(stranger, "/start")
	if hello := h.expect(chat, "Hello Trần Bình"); len(hello.Buttons) == 0 {
		t.Errorf("the second greeting has no menu: %q", hello.Plain)
	}
}

func TestAdminFromConfigIsWelcomedAsAdmin(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.srv.SendPrivate(admin, "/start")
	h.expect(admin.ID, "vai trò quản trị")
	h.srv.SendPrivate(stranger, "/start")
	s := h.expect(stranger.ID, "Xin chào")
	if strings.Contains(s.Plain, "quản trị") {
		t.Error("a stranger was greeted as an admin")
	}
}

func TestRepliesByChatAndCommand(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.linkDong() // in a group of no unit the bot speaks to staff only
	tests := []struct {
		name  string
		chat  telegramtest.Chat
		text  string
		reply string // "" = the bot stays quiet
	}{
		{"unknown command in private", telegramtest.PrivateChat(stranger), "/dangky", "Bot không có lệnh /dangky"},
		{"free text in private", telegramtest.PrivateChat(stranger), "cho tôi đăng ký", "Bot chưa hiểu tin nhắn này"},
		{"help in private lists commands", telegramtest.PrivateChat(stranger), "/help", "/language"},
		{"menu", telegramtest.PrivateChat(stranger), "/menu", "Mời đồng chí chọn việc"},
		{"help in group", group, "/help@dvk_test_bot", "Trong nhóm, bot chỉ gửi"},
		{"start in group points to private chat", group, "/start", "chat riêng với bot"},
		{"command for another bot", group, "/help@OtherBot", ""},
		{"unknown command in group", group, "/xyz", ""},
		{"chatter in group", group, "chào cả nhà", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(h.srv.SentTo(tt.chat.ID))
			h.srv.SendText(stranger, tt.chat, tt.text)
			h.settle()
			sent := h.srv.SentTo(tt.chat.ID)[before:]
			if tt.reply == "" {
				if len(sent) != 0 {
					t.Errorf("bot answered %q, want silence", sent[0].Plain)
				}
				return
			}
			if len(sent) != 1 || !strings.Contains(sent[0].Plain, tt.reply) {
				t.Errorf("sent %+v, want one reply containing %q", sent, tt.reply)
			}
		})
	}
}

func TestForgedAndStaleButtonsChangeNothing(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	chat := telegramtest.PrivateChat(stranger)
	h.srv.SendPrivate(stranger, "/start")
	msg := h.expect(chat.ID, "Xin chào")
	for _, data := range []string{"lang:fr", "lang:", "unit:delete:1", "", strings.Repeat("x", 64)} {
		t.Run(data, func(t *testing.T) {
			h.srv.PressButton(stranger, chat, msg.MessageID, data)
			s, err := h.srv.WaitFor(wait, func(s telegramtest.Sent) bool {
				return s.Method == "answerCallbackQuery" && strings.Contains(s.Text, "không còn dùng được")
			})
			if err != nil {
				t.Fatalf("no stale answer: %v", err)
			}
			if !s.ShowAlert {
				t.Error("stale answer should be an alert")
			}
			h.settle()
			if got := h.user(stranger.ID).Language; got != "" {
				t.Errorf("language changed to %q", got)
			}
		})
	}
}

func TestHTMLInNamesIsEscaped(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	evil := telegramtest.User{ID: 666, FirstName: `<b>Tí</b> & <a href="x">`, LastName: "*_[]"}
	h.srv.SendPrivate(evil, "/start")
	s := h.expect(evil.ID, "Xin chào")
	if !strings.Contains(s.Plain, `*_[] Tí &`) || strings.Contains(s.Plain, "<") {
		t.Errorf("name not shown literally without its markup: %q", s.Plain)
	}
	if ask := h.expect(evil.ID, "Họ và tên"); strings.Contains(ask.Plain, "Tí") || strings.Contains(fmt.Sprint(ask.Buttons), "giữ tên") {
		t.Errorf("a name that is not one is offered to keep: %q %v", ask.Plain, ask.Buttons)
	}
}

func TestCommandsAreRegisteredPerScopeAndLanguage(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.settle() // the menus go out through the outbox, after polling started
	priv := h.srv.Commands("all_private_chats", "")
	names := map[string]string{}
	for _, c := range priv {
		names[c.Command] = c.Description
	}
	for _, want := range []string{"start", "menu", "help", "language"} {
		if names[want] == "" {
			t.Errorf("private commands %v lack %s", priv, want)
		}
	}
	if !strings.Contains(names["help"], "Hướng dẫn") {
		t.Errorf("default description not Vietnamese: %q", names["help"])
	}
	if en := h.srv.Commands("all_private_chats", "en"); len(en) != len(priv) {
		t.Errorf("english list %v", en)
	}
	grp := h.srv.Commands("all_group_chats", "")
	if len(grp) != 3 || grp[0].Command != "help" {
		t.Errorf("group commands %v, want help, status, link", grp)
	}
	adminCmds := h.srv.Commands("chat:"+strconv.FormatInt(admin.ID, 10), "")
	if len(adminCmds) <= len(priv) {
		t.Errorf("admin commands %v: want more than the private default %v", adminCmds, priv)
	}

	// A restart publishes nothing that did not change; a new role does.
	calls := h.srv.Calls("setMyCommands")
	h.restart()
	h.settle()
	if n := h.srv.Calls("setMyCommands") - calls; n != 0 {
		t.Errorf("a restart published %d menus again", n)
	}
	h.importCommune()
	h.srv.SendPrivate(secA, "/start "+h.inviteCode("Chi bộ thôn Đông"))
	h.expect(secA.ID, "Chào mừng")
	h.settle()
	if sec := h.srv.Commands("chat:"+strconv.FormatInt(secA.ID, 10), ""); len(sec) <= len(priv) {
		t.Errorf("a new secretary's menu %v: want more than the private default", sec)
	}
	// A person's own menu is one list, in the language the bot speaks to
	// them: an admin who picks English gets it in English.
	if en := h.srv.Commands("chat:"+strconv.FormatInt(admin.ID, 10), "en"); len(en) != 0 {
		t.Errorf("a second, English list for the admin's chat: %v", en)
	}
	h.srv.SendPrivate(admin, "/language")
	h.press(admin, telegramtest.PrivateChat(admin), h.expect(admin.ID, "ngôn ngữ"), "English")
	h.settle()
	names = map[string]string{}
	for _, c := range h.srv.Commands("chat:"+strconv.FormatInt(admin.ID, 10), "") {
		names[c.Command] = c.Description
	}
	if !strings.Contains(names["help"], "Help") || names["units"] == "" {
		t.Errorf("the admin's menu after choosing English: %v", names)
	}
}

func TestSecondProcessSaysDatabaseInUse(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	m := NewMain(h.config(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	m.HTTPClient = h.srv.Client()
	err := m.Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "database is in use") {
		t.Errorf("second Run: %v, want 'database is in use'", err)
	}
	m.Close()
}

func TestTelegramDownAtStartIsRetried(t *testing.T) {
	t.Parallel()
	srv := telegramtest.NewServer()
	defer srv.Close()
	h := &harness{t: t, srv: srv, path: filepath.Join(t.TempDir(), "d.db"), logs: &syncBuffer{}, limits: unpaced}
	srv.SetDown(true)
	time.AfterFunc(1500*time.Millisecond, func() { srv.SetDown(false) })
	h.start()
	h.srv.SendPrivate(stranger, "/start")
	h.expect(stranger.ID, "Xin chào")
	if !strings.Contains(h.logs.String(), "telegram unreachable, retrying") {
		t.Errorf("logs do not say Telegram was unreachable:\n%s", h.logs.String())
	}
}

func TestTooManyRequestsIsRetriedOnce(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.srv.FailNext("sendMessage", 1, 429, "Too Many Requests: retry after 1", 1)
	start := time.Now()
	h.srv.SendPrivate(stranger, "/start")
	h.expect(stranger.ID, "Xin chào")
	if took := time.Since(start); took < time.Second {
		t.Errorf("resent after %v, before retry_after", took)
	}
	h.settle()
	greetings := 0
	for _, s := range h.srv.SentTo(stranger.ID) {
		if strings.Contains(s.Plain, "Xin chào") {
			greetings++
		}
	}
	if greetings != 1 {
		t.Errorf("%d greetings delivered, want exactly 1", greetings)
	}
}

func TestBlockedChatIsGivenUpWithReasonAndAdminsTold(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.srv.BlockChat(secA.ID)
	h.srv.SendPrivate(secA, "/start")
	h.expectNew(admin.ID, "không gửi được tin cho Bí thư Đông")
	failed, err := h.main.store.FailedSends(context.Background(), 10)
	if err != nil || len(failed) != 1 || failed[0].ChatID != secA.ID || !strings.Contains(failed[0].LastError, "Forbidden") {
		t.Errorf("failed sends %+v, %v; want one to the secretary with the 403 reason", failed, err)
	}
}

// The admins hear once of a person with a role who cannot be reached, and
// never of strangers: before, a stranger who blocked the bot and sent 20
// messages made 20 notices to every admin, carrying the stranger's name.
func TestUnreachableNoticeOnceAndOnlyForPeopleWithARole(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.say(admin, "/start", "Xin chào")
	h.settle()
	notices := func() int {
		n := 0
		for _, s := range h.srv.SentTo(admin.ID) {
			if strings.Contains(s.Plain, "không gửi được tin cho") {
				n++
			}
		}
		return n
	}
	h.srv.BlockChat(stranger.ID)
	for i := 0; i < 20; i++ {
		h.srv.SendPrivate(stranger, "/start")
	}
	h.settle()
	if n := notices(); n != 0 {
		t.Fatalf("%d notices about a stranger", n)
	}
	h.srv.BlockChat(secA.ID)
	h.srv.SendPrivate(secA, "/menu")
	h.settle()
	for i := 0; i < 3; i++ { // reminders and notices that do not get through
		err := h.main.store.Update(context.Background(), func(tx *store.Tx) error {
			_, err := tx.Enqueue(store.Outgoing{Kind: store.KindMessage, ChatID: secA.ID, Text: "nhắc hạn"})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		h.settle()
	}
	if n := notices(); n != 1 {
		t.Errorf("%d notices about a secretary who blocked the bot, want 1", n)
	}
	h.srv.SendPrivate(secA, "/start") // wrote again: reachable, until the next refusal
	h.settle()
	if n := notices(); n != 2 {
		t.Errorf("%d notices after the secretary wrote and was refused again, want 2", n)
	}
}

func TestTokenNeverInLogsOrErrors(t *testing.T) {
	t.Parallel()
	cfg := DefaultConfig()
	cfg.Telegram.Token = validToken
	cfg.Telegram.APIEndpoint = "http://127.0.0.1:1/bot%s/%s" // nothing listens here
	cfg.Store.Path = filepath.Join(t.TempDir(), "t.db")
	var logs syncBuffer
	m := NewMain(cfg, newLogger(cfg.Log, cfg.Telegram.Token, &logs))
	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	err := m.Run(ctx)
	m.Close()
	if err == nil {
		t.Fatal("Run succeeded without Telegram")
	}
	for what, s := range map[string]string{"error": err.Error(), "logs": logs.String()} {
		if strings.Contains(s, "AAExample") {
			t.Errorf("token in %s: %s", what, s)
		}
	}
	if !strings.Contains(logs.String(), "<token>") {
		t.Errorf("logs should show the masked URL:\n%s", logs.String())
	}
}

// syncBuffer is a bytes.Buffer safe for the logger's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestPacingKeepsWithinTelegramLimits(t *testing.T) {
	h := newHarnessWith(t, telegram.DefaultLimits())
	h.srv.EnforceLimits(true)
	for i := 0; i < 6; i++ {
		h.srv.SendPrivate(stranger, "/help")
	}
	h.settle()
	if n := len(h.srv.SentTo(stranger.ID)); n != 6 {
		t.Errorf("%d answers delivered, want 6", n)
	}
	if n := h.srv.Rejected(429); n != 0 {
		t.Errorf("Telegram answered 429 %d times: the sender does not keep the pace", n)
	}
}

// Requests reach Telegram late by a random 0–200 ms, as on a busy machine
// or network; Telegram counts arrivals. The sender charges a chat when its
// request came back, so no 429 comes back. (Charged when a request was let
// go, two answers a second apart could arrive 0.8 s apart: the test above
// failed 1 run in 4 on a loaded machine.)
func TestPacingHoldsUnderJitter(t *testing.T) {
	h := newHarnessWith(t, telegram.DefaultLimits())
	h.srv.EnforceLimits(true)
	h.srv.SetJitter(200 * time.Millisecond)
	for i := 0; i < 6; i++ {
		h.srv.SendPrivate(stranger, "/help")
		h.srv.SendPrivate(admin, "/help")
	}
	h.settle()
	if n, m := len(h.srv.SentTo(stranger.ID)), len(h.srv.SentTo(admin.ID)); n != 6 || m < 6 {
		t.Errorf("%d and %d answers delivered, want 6 each", n, m)
	}
	if n := h.srv.Rejected(429); n != 0 {
		t.Errorf("Telegram answered 429 %d times under jitter: the sender does not keep the pace", n)
	}
}

func TestFloodIsToldToSlowDownAndOthersAreServed(t *testing.T) {
	// A fast sender, but the real flood limits (only unpaced harnesses lift them).
	h := newHarnessWith(t, telegram.Limits{Global: 1000, GlobalBurst: 100, Private: 1000, Group: 1000, ChatBurst: 100})
	for i := 0; i < 100; i++ {
		h.srv.SendPrivate(stranger, "spam "+strconv.Itoa(i))
	}
	start := time.Now()
	h.srv.SendPrivate(admin, "/start")
	h.expect(admin.ID, "Xin chào")
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("another user waited %v behind the flood", took)
	}
	h.settle()
	slow, replies := 0, 0
	for _, s := range h.srv.SentTo(stranger.ID) {
		if strings.Contains(s.Plain, "gửi nhanh quá") {
			slow++
		} else {
			replies++
		}
	}
	if slow != 1 || replies > 20 {
		t.Errorf("flooder got %d slow-down notes and %d replies; want 1 and at most 20", slow, replies)
	}
}

func TestOutageWhileRunningLosesNothingAndLogsBriefly(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.say(stranger, "/start", "Xin chào")
	h.srv.SetDown(true)
	for _, text := range []string{"/help", "/menu", "/language"} {
		h.srv.SendPrivate(stranger, text) // queued at Telegram while the bot cannot reach it
	}
	time.Sleep(4 * time.Second) // several failed polls with backoff
	h.srv.SetDown(false)
	for _, want := range []string{"Các lệnh", "Mời đồng chí chọn", "Chọn ngôn ngữ"} {
		if _, err := h.srv.WaitFor(wait, func(s telegramtest.Sent) bool { return s.ChatID == stranger.ID && strings.Contains(s.Plain, want) }); err != nil {
			t.Fatalf("%v\nLOGS:\n%s", err, h.logs.String())
		}
	}
	h.settle()
	deadline := time.Now().Add(wait)
	for !strings.Contains(h.logs.String(), "getUpdates works again") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond) // the poll loop logs after its batch
	}
	logs := h.logs.String()
	if n := strings.Count(logs, "getUpdates failed") + strings.Count(logs, "still failing"); n == 0 || n > 3 {
		t.Errorf("%d outage lines in the log, want 1..3:\n%s", n, logs)
	}
	if !strings.Contains(logs, "getUpdates works again") {
		t.Error("the log does not say when Telegram came back")
	}
}
