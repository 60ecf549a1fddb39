package telegramtest_test

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
)

var lan = telegramtest.User{ID: 42, FirstName: "Lan"}

func connect(t *testing.T) (*telegramtest.Server, *tgbotapi.BotAPI) {
	t.Helper()
	srv := telegramtest.NewServer()
	t.Cleanup(srv.Close)
	api, err := tgbotapi.NewBotAPIWithClient(srv.Token(), srv.Endpoint(), srv.Client())
	if err != nil {
		t.Fatalf("getMe through the real client: %v", err)
	}
	if api.Self.UserName != "dvk_test_bot" {
		t.Errorf("bot username %q", api.Self.UserName)
	}
	return srv, api
}

func TestWrongTokenIsUnauthorized(t *testing.T) {
	srv := telegramtest.NewServer()
	defer srv.Close()
	_, err := tgbotapi.NewBotAPIWithClient("1:wrong", srv.Endpoint(), srv.Client())
	var te *tgbotapi.Error
	if !errors.As(err, &te) || te.Code != 401 {
		t.Errorf("got %v, want 401", err)
	}
}

func TestUpdatesOffsetAndLongPoll(t *testing.T) {
	srv, api := connect(t)
	srv.SendPrivate(lan, "/start")
	srv.SendPrivate(lan, "xin chào")
	ups, err := api.GetUpdates(tgbotapi.UpdateConfig{Offset: 0, Timeout: 0})
	if err != nil || len(ups) != 2 || !ups[0].Message.IsCommand() || ups[0].Message.Command() != "start" {
		t.Fatalf("updates %+v, %v", ups, err)
	}
	// Not confirmed: delivered again.
	again, _ := api.GetUpdates(tgbotapi.UpdateConfig{Offset: 0})
	if len(again) != 2 {
		t.Errorf("re-delivery gave %d updates, want 2", len(again))
	}
	next := ups[1].UpdateID + 1
	start := time.Now()
	go func() { time.Sleep(100 * time.Millisecond); srv.SendPrivate(lan, "sau") }()
	woke, err := api.GetUpdates(tgbotapi.UpdateConfig{Offset: next, Timeout: 5})
	if err != nil || len(woke) != 1 || woke[0].Message.Text != "sau" {
		t.Fatalf("long poll gave %+v, %v", woke, err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("long poll woke after %v", took)
	}
	if srv.Pending() != 1 {
		t.Errorf("pending %d, want 1 (the first two are confirmed)", srv.Pending())
	}
}

// As on Telegram, a second getUpdates ends the one still open with 409
// Conflict, and itself goes on.
func TestConcurrentPollsConflict(t *testing.T) {
	srv, api := connect(t)
	first := make(chan error, 1)
	go func() {
		_, err := api.GetUpdates(tgbotapi.UpdateConfig{Timeout: 5})
		first <- err
	}()
	for srv.Calls("getUpdates") < 1 { // the first poll is open
		time.Sleep(time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond)
	_, err := api.GetUpdates(tgbotapi.UpdateConfig{Timeout: 1})
	if err != nil {
		t.Errorf("second poll: %v, want it to go on", err)
	}
	err = <-first
	var te *tgbotapi.Error
	if !errors.As(err, &te) || te.Code != 409 || !strings.Contains(te.Message, "terminated by other getUpdates request") {
		t.Errorf("first poll: %v, want 409 Conflict", err)
	}
}

func TestSendMessageChecks(t *testing.T) {
	srv, api := connect(t)
	srv.SendPrivate(lan, "/start")
	tests := []struct {
		name, text, mode, data string
		want                   string // "" = accepted
	}{
		{"plain", "Xin chào", "", "", ""},
		{"html", "<b>Đậm</b> &amp; <i>nghiêng</i> &lt;3 &#39;", "HTML", "", ""},
		{"bare ampersand is literal", "A & B", "HTML", "", ""},
		{"unknown tag", "<script>x</script>", "HTML", "", "can't parse entities"},
		{"unclosed tag", "<b>đậm", "HTML", "", "can't parse entities"},
		{"mismatched", "<b><i>x</b></i>", "HTML", "", "can't parse entities"},
		{"empty", "   ", "", "", "message text is empty"},
		{"4096 vietnamese letters", strings.Repeat("ệ", 4096), "", "", ""},
		{"2049 emoji are 4098 units", strings.Repeat("😀", 2049), "", "", "message is too long"},
		{"callback data over 64 bytes", "x", "", strings.Repeat("d", 65), "BUTTON_DATA_INVALID"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := tgbotapi.NewMessage(lan.ID, tt.text)
			m.ParseMode = tt.mode
			if tt.data != "" {
				m.ReplyMarkup = tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("ok", tt.data)))
			}
			_, err := api.Send(m)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
	if s, _ := srv.WaitText(time.Second, lan.ID, "Đậm & nghiêng <3 '"); s.ParseMode != "HTML" {
		t.Errorf("plain text of the HTML message not recorded: %+v", s)
	}
	if _, err := api.Send(tgbotapi.NewMessage(999, "x")); err == nil || !strings.Contains(err.Error(), "chat not found") {
		t.Errorf("unknown chat: %v", err)
	}
}

func TestEditsAnswersAndStaleQueries(t *testing.T) {
	srv, api := connect(t)
	srv.SendPrivate(lan, "/start")
	kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("Có", "yes")))
	m := tgbotapi.NewMessage(lan.ID, "Hỏi?")
	m.ReplyMarkup = kb
	sent, err := api.Send(m)
	if err != nil {
		t.Fatal(err)
	}
	qid := srv.PressButton(lan, telegramtest.PrivateChat(lan), sent.MessageID, "yes")
	if _, err := api.Request(tgbotapi.NewCallback(qid, "")); err != nil {
		t.Errorf("answer: %v", err)
	}
	if _, err := api.Request(tgbotapi.NewCallback(qid, "")); err == nil {
		t.Error("a second answer to one query was accepted")
	}
	if _, err := api.Send(tgbotapi.NewEditMessageText(lan.ID, sent.MessageID, "Đã trả lời")); err != nil {
		t.Fatalf("edit: %v", err)
	}
	if _, err := api.Send(tgbotapi.NewEditMessageText(lan.ID, sent.MessageID, "Đã trả lời")); err == nil || !strings.Contains(err.Error(), "not modified") {
		t.Errorf("same edit: %v, want not modified", err)
	}
	last, _ := srv.LastMessage(lan.ID)
	if last.Plain != "Đã trả lời" || last.Buttons != nil {
		t.Errorf("last message %+v: edit should drop the keyboard", last)
	}
}

func TestFilesRoundTrip(t *testing.T) {
	srv, api := connect(t)
	srv.SendDocument(lan, telegramtest.PrivateChat(lan), "ds.csv", "text/csv", []byte("a,b\n"), "")
	ups, _ := api.GetUpdates(tgbotapi.UpdateConfig{})
	doc := ups[0].Message.Document
	if doc == nil || doc.FileName != "ds.csv" {
		t.Fatalf("update %+v", ups[0].Message)
	}
	url, err := api.GetFileDirectURL(doc.FileID)
	if err != nil {
		t.Fatal(err)
	}
	url = strings.Replace(url, "https://api.telegram.org", srv.URL(), 1)
	resp, err := srv.Client().Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != "a,b\n" {
		t.Errorf("downloaded %q", body)
	}
	up := tgbotapi.NewDocument(lan.ID, tgbotapi.FileBytes{Name: "bao-cao.xlsx", Bytes: []byte("PK..")})
	if _, err := api.Send(up); err != nil {
		t.Fatalf("upload: %v", err)
	}
	if s, _ := srv.LastMessage(lan.ID); s.FileName != "bao-cao.xlsx" || s.FileSize != 4 {
		t.Errorf("upload recorded as %+v", s)
	}
}

func TestFaults(t *testing.T) {
	srv, api := connect(t)
	srv.SendPrivate(lan, "/start")
	group := telegramtest.Chat{ID: -100, Type: "group", Title: "Chi bộ"}
	srv.AddBotToGroup(lan, group)
	tests := []struct {
		name  string
		setup func()
		chat  int64
		check func(*tgbotapi.Error) bool
	}{
		{"429 with retry_after", func() { srv.FailNext("sendMessage", 1, 429, "Too Many Requests: retry after 3", 3) }, lan.ID,
			func(e *tgbotapi.Error) bool { return e.Code == 429 && e.RetryAfter == 3 }},
		{"blocked", func() { srv.BlockChat(lan.ID) }, lan.ID, func(e *tgbotapi.Error) bool { return e.Code == 403 }},
		{"migrated", func() { srv.MigrateGroup(lan, group, -1001) }, group.ID,
			func(e *tgbotapi.Error) bool { return e.Code == 400 && e.MigrateToChatID == -1001 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.setup()
			_, err := api.Send(tgbotapi.NewMessage(tt.chat, "x"))
			var te *tgbotapi.Error
			if !errors.As(err, &te) || !tt.check(te) {
				t.Errorf("got %#v", err)
			}
		})
	}
	srv.SetDown(true)
	if _, err := api.GetMe(); err == nil {
		t.Error("a down server answered")
	}
	srv.SetDown(false)
	if _, err := api.GetMe(); err != nil {
		t.Errorf("after recovery: %v", err)
	}
}

func TestEnforcedLimits(t *testing.T) {
	now := time.Date(2024, 4, 7, 8, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	srv := telegramtest.NewServer(telegramtest.WithClock(func() time.Time { mu.Lock(); defer mu.Unlock(); return now }))
	defer srv.Close()
	api, _ := tgbotapi.NewBotAPIWithClient(srv.Token(), srv.Endpoint(), srv.Client())
	group := telegramtest.Chat{ID: -100, Type: "group", Title: "Chi bộ"}
	srv.AddBotToGroup(lan, group)
	srv.EnforceLimits(true)
	ok := 0
	for i := 0; i < 5; i++ {
		if _, err := api.Send(tgbotapi.NewMessage(group.ID, "x")); err == nil {
			ok++
		}
	}
	if ok != 3 || srv.Rejected(429) != 2 {
		t.Errorf("%d sent, %d refused at one instant; want a burst of 3", ok, srv.Rejected(429))
	}
	for i := 0; i < 60; i++ { // a minute at one a second: the 20-a-minute rule bites
		mu.Lock()
		now = now.Add(time.Second)
		mu.Unlock()
		if _, err := api.Send(tgbotapi.NewMessage(group.ID, "x")); err == nil {
			ok++
		}
	}
	if ok > 21 {
		t.Errorf("%d messages to one group in a minute, Telegram allows 20", ok)
	}
}

func TestCommandsAndEvents(t *testing.T) {
	srv, api := connect(t)
	var mu sync.Mutex
	var events []string
	srv.OnEvent(func(e telegramtest.Event) {
		mu.Lock()
		defer mu.Unlock()
		events = append(events, e.From+": "+e.Text)
	})
	cmds := tgbotapi.NewSetMyCommandsWithScopeAndLanguage(tgbotapi.NewBotCommandScopeAllPrivateChats(), "en",
		tgbotapi.BotCommand{Command: "help", Description: "Help"})
	if _, err := api.Request(cmds); err != nil {
		t.Fatal(err)
	}
	if got := srv.Commands("all_private_chats", "en"); len(got) != 1 || got[0].Command != "help" {
		t.Errorf("commands %v", got)
	}
	srv.SendPrivate(lan, "/help")
	api.Send(tgbotapi.NewMessage(lan.ID, "Trợ giúp"))
	mu.Lock()
	defer mu.Unlock()
	if strings.Join(events, "|") != "Lan: /help|DVK Bot: Trợ giúp" {
		t.Errorf("events %q", events)
	}
}

func TestUnknownMethod(t *testing.T) {
	srv, _ := connect(t)
	resp, err := http.Post(srv.URL()+"/bot"+srv.Token()+"/sendSpaceship", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Errorf("status %d", resp.StatusCode)
	}
}
