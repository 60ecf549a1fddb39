package zalo_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/dvkbot/dvkbot/bot/messenger"
	"github.com/dvkbot/dvkbot/bot/zalo"
	"github.com/dvkbot/dvkbot/bot/zalo/zalotest"
	"github.com/dvkbot/dvkbot/store"
)

type recorder struct {
	mu  sync.Mutex
	got []messenger.Update
	st  *store.Store
}

func (r *recorder) Handle(ctx context.Context, u messenger.Update) error {
	_, err := r.st.HandleUpdate(ctx, u.ID, func(*store.Tx) error {
		r.mu.Lock()
		r.got = append(r.got, u)
		r.mu.Unlock()
		return nil
	})
	return err
}

func open(t *testing.T) *store.Store {
	st, err := store.Open(filepath.Join(t.TempDir(), "z.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestWebhook: the secret is checked (a forged or missing one changes
// nothing), a body too large or malformed is refused, an update is
// converted with ids of ours in Zalo's range and a "/start CODE" typed as
// text is a command, and a message delivered twice is handled once.
func TestWebhook(t *testing.T) {
	t.Parallel()
	st := open(t)
	rec := &recorder{st: st}
	hook := httptest.NewServer(&zalo.Webhook{Secret: "s3cret-token", Handler: rec, IDs: st})
	defer hook.Close()
	api := zalotest.NewServer()
	defer api.Close()
	c := &zalo.Client{Endpoint: api.URL, Token: zalotest.Token}
	ctx := context.Background()
	if _, err := c.SetWebhook(ctx, hook.URL, "short"); err == nil {
		t.Error("a secret of 5 characters was taken")
	}
	if _, err := c.SetWebhook(ctx, hook.URL, "s3cret-token"); err != nil {
		t.Fatal(err)
	}
	post := func(secret string, body []byte) int {
		req, _ := http.NewRequest(http.MethodPost, hook.URL, bytes.NewReader(body))
		if secret != "" {
			req.Header.Set(zalo.SecretHeader, secret)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	body := []byte(`{"ok":true,"result":{"event_name":"message.text.received","message":{"message_id":"m1","date":1750316131602,"text":"/start ABC123","from":{"id":"u1","display_name":"Ted"},"chat":{"id":"u1","chat_type":"PRIVATE"}}}}`)
	if code := post("", body); code != http.StatusForbidden {
		t.Errorf("no secret: %d", code)
	}
	if code := post("s3cret-tokeX", body); code != http.StatusForbidden {
		t.Errorf("a forged secret: %d", code)
	}
	if code := post("s3cret-token", []byte(`{"ok":true,`)); code != http.StatusBadRequest {
		t.Errorf("malformed: %d", code)
	}
	if code := post("s3cret-token", bytes.Repeat([]byte("x"), 10<<20)); code != http.StatusRequestEntityTooLarge {
		t.Errorf("10 MB: %d", code)
	}
	if len(rec.got) != 0 {
		t.Fatalf("refused requests reached the bot: %v", rec.got)
	}
	for range 2 {
		if code := post("s3cret-token", body); code != http.StatusOK {
			t.Fatalf("the update: %d", code)
		}
	}
	if _, code := api.SendPrivate(zalotest.User{ID: "u2", Name: "Lan"}, "xin chào"); code != http.StatusOK {
		t.Fatalf("through the emulator: %d", code)
	}
	if len(rec.got) != 2 {
		t.Fatalf("handled %d updates, want 2 (a replay is handled once)", len(rec.got))
	}
	u := rec.got[0]
	if u.Command != "start" || u.Args != "ABC123" || !u.Chat.Private() || u.Chat.ID != u.From.ID ||
		messenger.Of(u.From.ID) != messenger.Zalo || u.From.FirstName != "Ted" {
		t.Errorf("converted: %+v", u)
	}
	if rec.got[1].From.ID == u.From.ID {
		t.Error("two people got one id")
	}
}

// TestSenderQuota: the sender sends plain text to the chat's Zalo id,
// waits out a 429 "Quota exceeded" and sends the message after it.
func TestSenderQuota(t *testing.T) {
	t.Parallel()
	st := open(t)
	api := zalotest.NewServer()
	defer api.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	chat, err := st.Identity(ctx, messenger.Zalo, "u9", false, messenger.ZaloBase)
	if err != nil {
		t.Fatal(err)
	}
	shared := messenger.Share(st)
	s := zalo.NewSender(shared.Only(messenger.Zalo), &zalo.Client{Endpoint: api.URL, Token: zalotest.Token}, st,
		discard(), st.Now, zalo.Unpaced())
	api.Quota(2)
	go s.Run(ctx)
	if err := st.Update(ctx, func(tx *store.Tx) error {
		_, err := tx.Enqueue(store.Outgoing{Kind: store.KindMessage, ChatID: chat, Text: "<b>Chào</b> &amp; hẹn gặp"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	wctx, wcancel := context.WithTimeout(ctx, 10e9)
	defer wcancel()
	m, _, err := api.Wait(wctx, "u9", 0, "Chào")
	if err != nil {
		t.Fatal(err)
	}
	if m.Text != "Chào & hẹn gặp" || strings.Contains(m.Text, "<") {
		t.Errorf("sent %q, want plain text", m.Text)
	}
	if n := api.Calls("sendMessage"); n != 3 {
		t.Errorf("%d sends, want 2 refused and 1", n)
	}
}

func discard() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
