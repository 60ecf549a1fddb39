package form

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// host is the hand-written fake of the engine's host: it renders a
// message as its id and arguments, and keeps what the engine queued.
type host struct {
	msg     Message
	sent    []sent
	chosen  string
	kept    *store.Conversation
	deleted bool
	acked   bool
}

type sent struct {
	edit bool
	text string
	kb   [][]store.Button
}

func (h *host) HTML(id string, args locales.Args) string {
	keys := make([]string, 0, len(args))
	for k := range args {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString(id)
	for _, k := range keys {
		fmt.Fprintf(&b, " %s=%v", k, args[k])
	}
	return b.String()
}
func (h *host) Plain(id string, args locales.Args) string { return h.HTML(id, args) }
func (h *host) Reply(text string, kb [][]store.Button) error {
	h.sent = append(h.sent, sent{text: text, kb: kb})
	return nil
}
func (h *host) Edit(text string, kb [][]store.Button) error {
	h.sent = append(h.sent, sent{edit: true, text: text, kb: kb})
	return nil
}
func (h *host) Record(text string)            { h.chosen = text }
func (h *host) Ack() error                    { h.acked = true; return nil }
func (h *host) Conversations() Conversations  { return h }
func (h *host) Message() Message              { return h.msg }
func (h *host) Today() input.Date             { return input.Date{Year: 2026, Month: 12, Day: 8} }
func (h *host) Menu() [][]store.Button        { return [][]store.Button{{{Text: "menu", Data: "m"}}} }
func (h *host) BackToMenu() []store.Button    { return []store.Button{{Text: "menu", Data: "m"}} }
func (h *host) ButtonData(p ...string) string { return "f:" + strings.Join(p, ":") }
func (h *host) PutConversation(c store.Conversation) error {
	h.kept = &c
	return nil
}
func (h *host) DeleteConversation(int64, int64) error { h.deleted = true; return nil }

// last is the last message queued.
func (h *host) last(t *testing.T) sent {
	t.Helper()
	if len(h.sent) == 0 {
		t.Fatal("nothing queued")
	}
	return h.sent[len(h.sent)-1]
}

// press finds the button whose label contains label on the last message
// and presses it.
func press(t *testing.T, f *Form[*host], h *host, c *store.Conversation, label string) error {
	t.Helper()
	for _, row := range h.last(t).kb {
		for _, b := range row {
			if strings.Contains(b.Text, label) {
				return f.Press(h, c, strings.TrimPrefix(b.Data, "f:"))
			}
		}
	}
	t.Fatalf("no button %q in %v", label, h.last(t).kb)
	return nil
}

type pet struct {
	Name, Kind string
	Age        int
}

var petFields = []Field[*host, pet]{
	String(Step[*host]{Key: "name", Label: "field_name", Prompt: "ask_name", Kind: Text, Max: 10}, func(p *pet) *string { return &p.Name }),
	String(Step[*host]{Key: "kind", Label: "field_kind", Prompt: "ask_kind", Kind: Choice, Options: func(*host, *store.Conversation) []Option {
		return []Option{{Value: "cat", Label: "🐱 Mèo"}, {Value: "dog", Label: "🐶 Chó"}}
	}}, func(p *pet) *string { return &p.Kind }),
	Int(Step[*host]{Key: "age", Label: "field_age", Prompt: "ask_age", Kind: Number, Optional: true}, func(p *pet) *int { return &p.Age }),
}

func petForm(got *pet) *Form[*host] {
	return &Form[*host]{Name: "pet", Title: "form_pet", Allow: func(*host) bool { return true }, Steps: Steps(petFields),
		Submit: func(_ *host, c *store.Conversation) error { Fill(petFields, c.Answers, got); return nil }}
}

// TestAFormIsFilledStepByStep walks a form as a person does: typed,
// pressed, skipped, changed at the review, submitted.
func TestAFormIsFilledStepByStep(t *testing.T) {
	var got pet
	f, h := petForm(&got), &host{}
	c := &store.Conversation{Nonce: "n1"}
	if err := f.Start(h, c); err != nil || !strings.Contains(h.last(t).text, "ask_name") {
		t.Fatalf("start: %v, %q", err, h.last(t).text)
	}
	h.msg = Message{Text: "  Mướp  "}
	if err := f.Message(h, c); err != nil || c.Step != 1 || c.Answers["name"] != "Mướp" || h.kept == nil {
		t.Fatalf("typed name: %v, step %d, answers %v", err, c.Step, c.Answers)
	}
	if err := press(t, f, h, c, "Chó"); err != nil || c.Answers["kind"] != "dog" || !strings.Contains(h.chosen, "🐶 Chó") {
		t.Fatalf("pressed kind: %v, answers %v, chosen %q", err, c.Answers, h.chosen)
	}
	if err := press(t, f, h, c, "btn_form_skip"); err != nil || c.Step != 3 || !strings.Contains(h.last(t).text, "form_review") {
		t.Fatalf("skipped age: %v, step %d, %q", err, c.Step, h.last(t).text)
	}
	if err := press(t, f, h, c, "field_age"); err != nil || c.Step != 2 || !c.Review {
		t.Fatalf("edit age from the review: %v, step %d review %v", err, c.Step, c.Review)
	}
	h.msg = Message{Text: "3"}
	if err := f.Message(h, c); err != nil || c.Step != 3 || c.Review {
		t.Fatalf("typed age: back at the review? %v, step %d", err, c.Step)
	}
	if err := press(t, f, h, c, "btn_form_submit"); err != nil || !h.deleted {
		t.Fatalf("submit: %v, deleted %v", err, h.deleted)
	}
	if want := (pet{Name: "Mướp", Kind: "dog", Age: 3}); got != want {
		t.Errorf("submitted %+v, want %+v", got, want)
	}
}

// TestBadInputGetsTheSameStepAgain: each wrong answer names what is wrong
// and asks the same question; nothing is kept.
func TestBadInputGetsTheSameStepAgain(t *testing.T) {
	tests := []struct {
		name string
		step int
		msg  Message
		want string
	}{
		{"empty", 0, Message{Text: " \n "}, "form_err_empty"},
		{"too long", 0, Message{Text: "Mười một ký tự"}, "form_err_too_long"},
		{"a photo for text", 0, Message{Media: "photo"}, "form_err_need_text"},
		{"no such option", 1, Message{Text: "chim"}, "form_err_pick_button"},
		{"a photo for an option", 1, Message{Media: "photo"}, "form_err_pick_button"},
		{"not a number", 2, Message{Text: "ba"}, "form_err_number"},
		{"negative", 2, Message{Text: "-3"}, "form_err_negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, h := petForm(&pet{}), &host{msg: tt.msg}
			c := &store.Conversation{Nonce: "n1", Step: tt.step, Answers: map[string]string{}}
			if err := f.Message(h, c); err != nil {
				t.Fatal(err)
			}
			if text := h.last(t).text; !strings.HasPrefix(text, tt.want) || !strings.Contains(text, f.Steps[tt.step].Prompt) {
				t.Errorf("reply %q, want %s and the same question", text, tt.want)
			}
			if c.Step != tt.step || len(c.Answers) != 0 || h.kept != nil {
				t.Errorf("moved to step %d with %v", c.Step, c.Answers)
			}
		})
	}
}

// TestATypedOptionIsReadWithoutDiacritics: "cho" is "🐶 Chó".
func TestATypedOptionIsReadWithoutDiacritics(t *testing.T) {
	f, h := petForm(&pet{}), &host{msg: Message{Text: "CHO"}}
	c := &store.Conversation{Nonce: "n1", Step: 1, Answers: map[string]string{}}
	if err := f.Message(h, c); err != nil || c.Answers["kind"] != "dog" || c.Step != 2 {
		t.Errorf("%v, step %d, answers %v", err, c.Step, c.Answers)
	}
}

// TestTextAtTheReviewShowsTheReviewAgain: the review has no typed
// answer; text there is not an error (it once indexed past the steps).
func TestTextAtTheReviewShowsTheReviewAgain(t *testing.T) {
	f, h := petForm(&pet{}), &host{msg: Message{Text: "xong"}}
	c := &store.Conversation{Nonce: "n1", Step: 3, Answers: map[string]string{"name": "Mướp", "kind": "cat"}}
	if err := f.Message(h, c); err != nil || !strings.Contains(h.last(t).text, "form_review") || c.Step != 3 {
		t.Errorf("%v, step %d, %q", err, c.Step, h.last(t).text)
	}
}

// TestStaleButtonsAreRefused: another instance's, another step's, or
// forged data changes nothing.
func TestStaleButtonsAreRefused(t *testing.T) {
	for _, data := range []string{"n0:c:1:0", "n1:c:0:0", "n1:c:1:9", "n1:c:1:-1", "n1:zz:1:0", "n1:c:1", "n1:e:1:0", "n1:k:1:", "n1:t:1:0=1", "n1:g:1:"} {
		t.Run(data, func(t *testing.T) {
			f, h := petForm(&pet{}), &host{}
			c := &store.Conversation{Nonce: "n1", Step: 1, Answers: map[string]string{}}
			if err := f.Press(h, c, data); !errors.Is(err, ErrStale) {
				t.Errorf("got %v, want ErrStale", err)
			}
			if c.Step != 1 || len(c.Answers) != 0 || h.kept != nil || len(h.sent) != 0 {
				t.Errorf("changed: step %d, %v, sent %v", c.Step, c.Answers, h.sent)
			}
		})
	}
}

// TestFieldsRoundTrip: a record read into answers and written back is
// the same record; Pick keeps only the fields asked.
func TestFieldsRoundTrip(t *testing.T) {
	want := pet{Name: "Mướp", Kind: "cat", Age: 4}
	var got pet
	Fill(petFields, Answers(petFields, &want), &got)
	if got != want {
		t.Errorf("round trip gave %+v, want %+v", got, want)
	}
	kept := pet{Name: "Mướp", Kind: "cat", Age: 4}
	Fill(Pick(petFields, "kind"), map[string]string{"name": "Vàng", "kind": "dog"}, &kept)
	if kept != (pet{Name: "Mướp", Kind: "dog", Age: 4}) {
		t.Errorf("Pick filled %+v", kept)
	}
	if a := Answers(petFields, &pet{Name: "Mướp"}); a["age"] != "0" || len(a) != 3 {
		t.Errorf("answers %v", a)
	}
}
