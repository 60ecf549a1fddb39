package bot

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/dvkbot/dvkbot/bot/messenger"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// plain is a messenger like Zalo's Bot Platform: no buttons, no edits,
// no documents, 2,000 characters.
var plain = messenger.Capabilities{TextLimit: 2000, Units: messenger.Runes}

// capsBot is a bot for caps on a temp store; nothing is sent.
func capsBot(t *testing.T, caps messenger.Capabilities) (*Bot, *store.Store) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "caps.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	cat, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Username: "dvk_test_bot", Location: time.UTC, Flood: Flood{Burst: 1 << 30, Rate: rate.Inf}, Messenger: caps}
	return New(st, cat, cfg, quiet, func() {}), st
}

// queueIn runs fn as a request from person 7 in their private chat, on
// a message with id 5, and returns what it queued and the choices kept.
func queueIn(t *testing.T, b *Bot, st *store.Store, fn func(r *request) error) ([]store.Outgoing, *store.Choices) {
	t.Helper()
	var kept *store.Choices
	err := st.Update(context.Background(), func(tx *store.Tx) error {
		u := update{Update: messenger.Update{ID: 1, Kind: messenger.KindCallback, CallbackID: "cb", MessageID: 5,
			From: store.Profile{ID: 7}, Chat: messenger.Chat{ID: 7, Type: "private"}}}
		if err := fn(newRequest(b.env, tx, u)); err != nil {
			return err
		}
		c, err := tx.Choices(7, 7)
		if err == nil {
			kept = &c
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	q, err := st.Queued(context.Background(), 100)
	if err != nil {
		t.Fatal(err)
	}
	return q, kept
}

func ch(n int, label, data string) store.Choice {
	return store.Choice{Number: n, Label: label, Data: data}
}

// form buttons of a form instance "n1" at step 2, as form.go makes them.
func formBtn(label, op string) store.Button {
	return store.Button{Text: label, Data: routeForm.data("n1", op, "2", "")}
}

func TestRenderingForAMessengerWithoutButtons(t *testing.T) {
	choose := [][]store.Button{{{Text: "Tập thể", Data: "f:n1:c:2:0"}, {Text: "Cá nhân", Data: "f:n1:c:2:1"}},
		{formBtn("⬅️ Quay lại", "b"), formBtn("❌ Hủy", "x")}}
	typed := [][]store.Button{{formBtn("↩️ Giữ nguyên", "g")}, {formBtn("⬅️ Quay lại", "b"), formBtn("❌ Hủy", "x")}}
	link := [][]store.Button{{{Text: "Mở chat riêng", URL: "https://t.me/dvk_test_bot"}}}
	tests := []struct {
		name     string
		caps     messenger.Capabilities
		kb       [][]store.Button
		wantText string
		want     []store.Choice // nil: no list kept
		typed    bool
	}{
		{"a choice step is numbered, back is 0", plain, choose,
			"Chọn\n\n1. Tập thể\n2. Cá nhân\n0. ⬅️ Quay lại\n3. ❌ Hủy\n<i>Trả lời bằng số, ví dụ 1.</i>",
			[]store.Choice{ch(1, "Tập thể", "f:n1:c:2:0"), ch(2, "Cá nhân", "f:n1:c:2:1"),
				ch(0, "⬅️ Quay lại", "f:n1:b:2:"), ch(3, "❌ Hủy", "f:n1:x:2:")}, false},
		{"a typed step leaves every number to the answer, 0 too", plain, typed,
			"Chọn\n\n• ↩️ Giữ nguyên\n• ⬅️ Quay lại\n• ❌ Hủy\n<i>Gõ câu trả lời vào ô tin nhắn, hoặc gõ một lựa chọn ở trên.</i>",
			[]store.Choice{ch(-1, "↩️ Giữ nguyên", "f:n1:g:2:"), ch(-1, "⬅️ Quay lại", "f:n1:b:2:"), ch(-1, "❌ Hủy", "f:n1:x:2:")}, true},
		{"a link is its address", plain, link, "Chọn\n\nMở chat riêng: https://t.me/dvk_test_bot", nil, false},
		{"no buttons, no list", plain, nil, "Chọn", nil, false},
		{"Telegram keeps its buttons", everything, choose, "Chọn", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, st := capsBot(t, tt.caps)
			q, kept := queueIn(t, b, st, func(r *request) error { return r.send(7, "Chọn", tt.kb) })
			if len(q) != 1 || q[0].Text != tt.wantText {
				t.Fatalf("queued %+v, want one message %q", q, tt.wantText)
			}
			if tt.caps.Buttons != (len(q[0].Buttons) > 0) {
				t.Errorf("buttons %v with caps %+v", q[0].Buttons, tt.caps)
			}
			switch {
			case tt.want == nil && kept != nil:
				t.Errorf("kept %+v, want none", kept)
			case tt.want != nil && kept == nil:
				t.Fatalf("no list kept")
			case tt.want != nil:
				if fmt.Sprint(kept.Options) != fmt.Sprint(tt.want) || kept.Typed != tt.typed || kept.Outbox != q[0].ID || kept.UserID != 7 {
					t.Errorf("kept %+v, want %v typed %v from entry %d", kept, tt.want, tt.typed, q[0].ID)
				}
			}
		})
	}
}

func TestRenderingSplitsLongTextsOnLines(t *testing.T) {
	b, st := capsBot(t, messenger.Capabilities{TextLimit: 40, Units: messenger.Runes})
	var lines []string
	for i := range 12 {
		lines = append(lines, fmt.Sprintf("Dòng số %02d 🌸", i))
	}
	text := strings.Join(lines, "\n")
	kb := [][]store.Button{{{Text: "Xem", Data: "lang"}}}
	q, kept := queueIn(t, b, st, func(r *request) error { return r.send(7, text, kb) })
	if len(q) < 4 {
		t.Fatalf("%d parts, want the text split", len(q))
	}
	var got []string
	for i, o := range q {
		if n := len([]rune(o.Text)); n > 40 || n == 0 {
			t.Errorf("part %d has %d characters: %q", i, n, o.Text)
		}
		got = append(got, strings.Split(o.Text, "\n")...)
	}
	if !strings.HasPrefix(strings.Join(got, "\n"), text) {
		t.Errorf("lines were cut inside:\n%s", strings.Join(got, "\n"))
	}
	if last := q[len(q)-1].Text; !strings.Contains(last, "1. Xem") || kept == nil || kept.Outbox != q[len(q)-1].ID {
		t.Errorf("the list is not with the last part %q (kept %+v)", last, kept)
	}
}

func TestRenderingEditsAndAnswers(t *testing.T) {
	t.Run("without edits an edit is a new reply", func(t *testing.T) {
		b, st := capsBot(t, plain)
		q, _ := queueIn(t, b, st, func(r *request) error { return r.edit("Đã chọn", nil) })
		if len(q) != 1 || q[0].Kind != store.KindMessage || q[0].MessageID != 0 || q[0].Bulk || q[0].ChatID != 7 {
			t.Errorf("queued %+v, want a new reply to chat 7", q)
		}
	})
	t.Run("with edits it stays an edit", func(t *testing.T) {
		b, st := capsBot(t, everything)
		q, _ := queueIn(t, b, st, func(r *request) error { return r.edit("Đã chọn", nil) })
		if len(q) != 1 || q[0].Kind != store.KindEdit || q[0].MessageID != 5 {
			t.Errorf("queued %+v, want an edit of message 5", q)
		}
	})
	t.Run("an answer's words are a message", func(t *testing.T) {
		b, st := capsBot(t, plain)
		q, _ := queueIn(t, b, st, func(r *request) error { return r.answer("Hết hạn <rồi>", true) })
		if len(q) != 1 || q[0].Kind != store.KindMessage || q[0].Text != "Hết hạn &lt;rồi&gt;" || q[0].ChatID != 7 {
			t.Errorf("queued %+v", q)
		}
	})
	t.Run("a silent answer is nothing", func(t *testing.T) {
		b, st := capsBot(t, plain)
		if q, _ := queueIn(t, b, st, func(r *request) error { return r.answer("", false) }); len(q) != 0 {
			t.Errorf("queued %+v", q)
		}
	})
	t.Run("a reply without buttons ends the list; a notice from elsewhere does not", func(t *testing.T) {
		b, st := capsBot(t, plain)
		kb := [][]store.Button{{{Text: "Xem", Data: "lang"}}}
		_, kept := queueIn(t, b, st, func(r *request) error {
			if err := r.reply("Chọn", kb); err != nil {
				return err
			}
			w := newWriter(b.env, r.tx) // a timed job
			return w.send(7, "Nhắc hạn", nil)
		})
		if kept == nil {
			t.Fatal("a reminder ended the list")
		}
		_, kept = queueIn(t, b, st, func(r *request) error { return r.reply("Xong", nil) })
		if kept != nil {
			t.Errorf("the list outlived its screen: %+v", kept)
		}
	})
}

func TestPickChoice(t *testing.T) {
	list := store.Choices{Options: []store.Choice{ch(1, "📋 Đăng ký mô hình", "a"), ch(0, "⬅️ Quay lại", "b"), ch(-1, "❌ Hủy", "x")}}
	tests := []struct {
		text          string
		want          string
		number, found bool
	}{
		{"1", "a", true, true}, {"1.", "a", true, true}, {"0", "b", true, true},
		{"7", "", true, false}, {"-1", "", true, false},
		{"dang ky mo hinh", "a", false, true}, {"HỦY", "x", false, true}, {"huy!", "x", false, true},
		{"Nguyễn Văn An", "", false, false}, {"🙂", "", false, false},
	}
	for _, tt := range tests {
		c, number, found := pickChoice(list, tt.text)
		if c.Data != tt.want || number != tt.number || found != tt.found {
			t.Errorf("pickChoice(%q) = %q %v %v, want %q %v %v", tt.text, c.Data, number, found, tt.want, tt.number, tt.found)
		}
	}
}

// say hands the bot a private message from person id.
func say(t *testing.T, b *Bot, updateID int, id int64, text string) {
	t.Helper()
	u := messenger.Update{ID: updateID, Kind: messenger.KindMessage, From: store.Profile{ID: id, FirstName: "Lan"},
		Chat: messenger.Chat{ID: id, Type: "private"}, Text: text}
	if strings.HasPrefix(text, "/") {
		u.Command = strings.TrimPrefix(text, "/")
	}
	if err := b.Handle(context.Background(), u); err != nil {
		t.Fatal(err)
	}
}

// lastText is the text of the last entry queued.
func lastText(t *testing.T, st *store.Store) string {
	t.Helper()
	q, err := st.Queued(context.Background(), 1000)
	if err != nil || len(q) == 0 {
		t.Fatalf("queued %d, %v", len(q), err)
	}
	return q[len(q)-1].Text
}

// numberOf finds the number a list in text gives label.
func numberOf(t *testing.T, text, label string) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^(\d+)\. ` + regexp.QuoteMeta(label) + `$`).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("no numbered %q in %q", label, text)
	}
	return m[1]
}

func TestATypedNumberIsAPress(t *testing.T) {
	b, st := capsBot(t, plain)
	language := func(id int64) string {
		var u store.User
		st.View(context.Background(), func(tx *store.Tx) error { u, _ = tx.User(id); return nil })
		return u.Language
	}
	say(t, b, 1, 7, "/language")
	n := numberOf(t, lastText(t, st), "🇬🇧 English")

	say(t, b, 2, 8, n) // another person typing the number: no list of theirs, so it is text
	if language(8) == "en" {
		t.Fatal("a number typed without a list of one's own pressed someone else's")
	}
	say(t, b, 3, 7, "9") // out of range: told, nothing changes
	if got := lastText(t, st); !strings.Contains(got, "Không có lựa chọn số 9") || !strings.Contains(got, n+". 🇬🇧 English") || language(7) == "en" {
		t.Fatalf("9 gave %q", got)
	}
	say(t, b, 4, 7, n)
	if language(7) != "en" {
		t.Fatalf("typing %s did not pick English: %v", n, replies(t, st))
	}
	for _, r := range replies(t, st) {
		if strings.HasPrefix(r, store.KindEdit) || strings.HasPrefix(r, store.KindAnswer) {
			t.Errorf("queued %s for a messenger without edits or buttons", r)
		}
	}
}

func TestATypedNumberIsTextWithButtons(t *testing.T) {
	b, st := capsBot(t, everything)
	say(t, b, 1, 7, "/language")
	say(t, b, 2, 7, "1")
	say(t, b, 3, 7, "2")
	var u store.User
	st.View(context.Background(), func(tx *store.Tx) error { u, _ = tx.User(7); return nil })
	if u.Language == "en" {
		t.Error("a typed number pressed a button Telegram shows")
	}
	if got := lastText(t, st); !strings.Contains(got, "Bot chưa hiểu tin nhắn này") {
		t.Errorf("2 was not text: %q", got)
	}
}

// TestWordingFollowsTheMessenger: where a message has a variant for a
// messenger without buttons, that messenger's people read it; Telegram's
// keep "bấm".
func TestWordingFollowsTheMessenger(t *testing.T) {
	tests := []struct {
		name string
		caps messenger.Capabilities
		id   string
		want string
	}{
		{"numbered: a choice", plain, "form_err_pick_button", "trả lời bằng một số"},
		{"numbered: a period is chosen by number", plain, "ask_model_period", "Trả lời bằng một số"},
		{"numbered: no variant", plain, "form_err_number", "số"},
		{"buttons: a choice", everything, "form_err_pick_button", "bấm một nút"},
		{"buttons: a period is pressed", everything, "ask_model_period", "Bấm một nút"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, _ := capsBot(t, tt.caps)
			if got := b.cat.HTML("vi", tt.id, locales.Args{"End": "30/11/2099"}); !strings.Contains(got, tt.want) {
				t.Errorf("%s reads %q, want %q in it", tt.id, got, tt.want)
			}
		})
	}
}

// TestATypedStepsZeroIsItsAnswer: on a step that asks for a typed
// answer ("Không có thì gõ 0"), "0" and any number are the answer; back
// is chosen by its label.
func TestATypedStepsZeroIsItsAnswer(t *testing.T) {
	list := store.Choices{Typed: true, Options: []store.Choice{ch(-1, "⬅️ Quay lại", "b"), ch(-1, "❌ Hủy", "x")}}
	for _, text := range []string{"0", "1", "12"} {
		if c, number, found := pickChoice(list, text); found || number {
			t.Errorf("pickChoice(%q) on a typed step = %q %v %v, want the answer, not a choice", text, c.Data, number, found)
		}
	}
	if c, _, found := pickChoice(list, "quay lai"); !found || c.Data != "b" {
		t.Errorf("back by its label: %q %v", c.Data, found)
	}
}

// TestANoticeDoesNotTakeTheNumbersOfTheScreenAPersonIsOn: a notice with
// choices reaching a person in the middle of a form lists its choices
// without numbers and keeps the form's list; outside a form, its numbers
// work.
func TestANoticeDoesNotTakeTheNumbersOfTheScreenAPersonIsOn(t *testing.T) {
	b, st := capsBot(t, plain)
	notice := [][]store.Button{{{Text: "✅ Tiếp nhận", Data: "ra:1"}, {Text: "↩️ Trả lại", Data: "rr:1"}}}
	fromAnother := func() string { // person 8's update queues a notice to 7: bulk
		var text string
		err := st.Update(context.Background(), func(tx *store.Tx) error {
			u := update{Update: messenger.Update{ID: 2, Kind: messenger.KindMessage, From: store.Profile{ID: 8}, Chat: messenger.Chat{ID: 8, Type: "private"}}}
			r := newRequest(b.env, tx, u)
			if err := r.send(7, "📝 Đăng ký mới", notice); err != nil {
				return err
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		q, err := st.Queued(context.Background(), 100)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range q {
			if o.ChatID == 7 && strings.HasPrefix(o.Text, "📝") {
				text = o.Text
			}
		}
		return text
	}
	kept := func() store.Choices {
		var c store.Choices
		st.View(context.Background(), func(tx *store.Tx) error { c, _ = tx.Choices(7, 7); return nil })
		return c
	}

	if text := fromAnother(); !strings.Contains(text, "1. ✅ Tiếp nhận") || kept().Options[0].Data != "ra:1" {
		t.Fatalf("with no screen of their own, the notice's numbers should work: %q, kept %+v", text, kept())
	}
	queueIn(t, b, st, func(r *request) error { // a screen outside a form: the notice's numbers still work after it
		return r.reply("Menu", [][]store.Button{{{Text: "📋 Đăng ký mô hình", Data: "rg"}}})
	})
	if text := fromAnother(); !strings.Contains(text, "1. ✅ Tiếp nhận") {
		t.Fatalf("outside a form, the notice's numbers should work: %q", text)
	}
	queueIn(t, b, st, func(r *request) error { // the person's own screen: a form's step
		if err := r.tx.PutConversation(store.Conversation{ChatID: 7, UserID: 7, Form: "register", Nonce: "n1", Step: 2}); err != nil {
			return err
		}
		return r.reply("Bước 2/9", [][]store.Button{{formBtn("Tập thể", "c")}, {formBtn("Cá nhân", "c")}})
	})
	text := fromAnother()
	if !strings.Contains(text, "• ✅ Tiếp nhận") || strings.Contains(text, "1. ✅ Tiếp nhận") {
		t.Errorf("a notice on another screen numbered its choices: %q", text)
	}
	if got := kept(); got.Bulk || len(got.Options) != 2 || got.Options[0].Label != "Tập thể" {
		t.Errorf("the notice replaced the screen's list: %+v", got)
	}
}
