package bot

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/dvkbot/dvkbot/bot/messenger"
	"github.com/dvkbot/dvkbot/store"
)

// faultyStore is the real store, but the next handled update fails after
// its changes were made, as when a write fails at commit: all of it rolls
// back.
type faultyStore struct {
	*store.Store
	failNext bool
}

var errInjected = errors.New("injected write failure")

func (f *faultyStore) HandleUpdate(ctx context.Context, id int, fn func(*store.Tx) error) (bool, error) {
	if !f.failNext {
		return f.Store.HandleUpdate(ctx, id, fn)
	}
	f.failNext = false
	return f.Store.HandleUpdate(ctx, id, func(tx *store.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		return errInjected
	})
}

// A form step whose write fails keeps nothing of it: the person is told,
// once, and the same step takes the answer again.
func TestFormStepWhoseWriteFailsIsAskedAgain(t *testing.T) {
	b, st := benchBot(t)
	var logs bytes.Buffer
	b.log = slog.New(slog.NewTextHandler(&logs, nil))
	fs := &faultyStore{Store: st}
	b.store = fs
	ctx := context.Background()
	if _, err := st.EnsureAdmins(ctx, []int64{9}); err != nil {
		t.Fatal(err)
	}
	admin := store.Profile{ID: 9, FirstName: "Hà"}
	chat := messenger.Chat{ID: 9, Type: "private"}
	handle := func(id int, u messenger.Update) {
		t.Helper()
		u.ID, u.From, u.Chat = id, admin, chat
		if err := b.Handle(ctx, u); err != nil {
			t.Fatalf("update %d: %v", id, err)
		}
	}
	handle(1, messenger.Update{Kind: messenger.KindCallback, CallbackID: "cb1", Data: "ua", MessageID: 1})
	step := func() int {
		var c store.Conversation
		st.View(ctx, func(tx *store.Tx) error { c, _ = tx.Conversation(9, 9); return nil })
		return c.Step
	}
	fs.failNext = true
	handle(2, messenger.Update{Kind: messenger.KindMessage, Text: "Chi bộ thôn Mới"})
	if s := step(); s != 0 {
		t.Fatalf("the failed answer moved the form to step %d", s)
	}
	if n := strings.Count(logs.String(), "update failed"); n != 1 {
		t.Errorf("the failure is logged %d times, want once:\n%s", n, logs.String())
	}
	handle(3, messenger.Update{Kind: messenger.KindMessage, Text: "Chi bộ thôn Mới"})
	if s := step(); s != 1 {
		t.Fatalf("the answer given again left the form at step %d, want 1", s)
	}
	q, _ := st.Queued(ctx, 100)
	var texts []string
	for _, o := range q {
		texts = append(texts, o.Text)
	}
	all := strings.Join(texts, " | ")
	if strings.Count(all, "Xin lỗi, bot gặp lỗi") != 1 {
		t.Errorf("want one apology, got: %s", all)
	}
}
