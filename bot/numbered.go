package bot

import (
	"errors"
	"strconv"
	"strings"

	"github.com/dvkbot/dvkbot/bot/form"
	"github.com/dvkbot/dvkbot/bot/messenger"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// Every message the bot makes passes through writer.enqueue, which
// renders it for the messenger (Config.Messenger) once, for all features:
//
//   - without buttons, a message's buttons become numbered lines under
//     its text, and the list is kept for the person it answers
//     (store.Choices) in the same transaction; a number typed back is
//     read as a press of that button (onTypedChoice), and what a press's
//     answer says becomes a message;
//   - without edits (or with no message to edit), an edit is a new message;
//   - a text over the messenger's limit goes as several messages, cut at
//     line ends, the buttons with the last one;
//   - without a command menu, none is published.
//
// With Telegram's capabilities every entry is queued as it was made.

// typedPress stands for the callback id of a press that was typed: its
// answer, if it says something, is a message.
const typedPress = "typed"

// enqueue queues o as the messenger can show it.
func (w *writer) enqueue(o store.Outgoing) error {
	caps := w.caps(o.ChatID)
	switch o.Kind {
	case store.KindAnswer:
		if caps.Buttons {
			return w.put(o)
		}
		if o.Text == "" || w.replyTo == 0 {
			return nil // nothing to say: no spinner to stop
		}
		return w.put(store.Outgoing{Kind: store.KindMessage, ChatID: w.replyTo, Text: escape(o.Text)})
	case store.KindMenu:
		if !caps.Commands {
			return nil
		}
		return w.put(o)
	case store.KindEdit:
		if !caps.Edits || o.MessageID == 0 || caps.Len(o.Text) > caps.TextLimit {
			o.Kind, o.MessageID, o.Bulk = store.KindMessage, 0, w.bulk(o.ChatID)
		}
	case store.KindMessage:
	default:
		return w.put(o)
	}
	var list *store.Choices
	if !caps.Buttons {
		list = w.numbered(&o, w.onAnotherScreen(o))
	}
	parts := []string{o.Text}
	if o.Kind == store.KindMessage {
		parts = splitText(o.Text, caps.TextLimit, caps.Len)
	}
	kb := o.Buttons
	if len(parts) > 1 {
		o.Batch, o.Tag = "", "" // split, and alone
	}
	var last uint64
	for i, p := range parts {
		o.Text, o.Buttons = p, nil
		if i == len(parts)-1 {
			o.Buttons = kb
		}
		id, err := w.tx.Enqueue(o)
		if err != nil {
			return err
		}
		last = id
	}
	return w.keepChoices(o, list, last)
}

// put queues o as it is.
func (w *writer) put(o store.Outgoing) error {
	_, err := w.tx.Enqueue(o)
	return err
}

// onAnotherScreen reports whether o comes to a person unasked (a notice,
// a reminder) while they are filling in a form whose step shows choices
// of its own: its choices must not take the numbers the person is
// typing. Outside a form, the latest list is the one answered.
func (w *writer) onAnotherScreen(o store.Outgoing) bool {
	if !o.Bulk || o.ChatID <= 0 {
		return false
	}
	if c, err := w.tx.Conversation(o.ChatID, o.ChatID); err != nil || c.Paused {
		return false
	}
	cur, err := w.tx.Choices(o.ChatID, o.ChatID)
	return err == nil && !cur.Bulk
}

// numbered moves o's buttons into its text, as numbered lines (a URL
// button as its address), and returns the list to keep; nil when o has
// no button to press. listed: the person is answering another screen, so
// the choices are only listed ("• Tiếp nhận"), to be found in /menu or
// /pending, and nothing is kept.
func (w *writer) numbered(o *store.Outgoing, listed bool) *store.Choices {
	kb := o.Buttons
	o.Buttons, o.Batch, o.Tag = nil, "", "" // a batch would join numbered lists
	if len(kb) == 0 {
		return nil
	}
	list := &store.Choices{ChatID: o.ChatID, UserID: w.answerer(o.ChatID), Typed: typedPrompt(kb), Bulk: o.Bulk}
	var lines []string
	n := 0
	for _, row := range kb {
		for _, b := range row {
			switch {
			case b.Data == "":
				lines = append(lines, escape(b.Text)+": "+escape(b.URL))
				continue
			case list.Typed || listed: // a typed step's "0" is its answer ("Không có thì gõ 0"): back by its label
				list.Options = append(list.Options, store.Choice{Number: -1, Label: b.Text, Data: b.Data})
			case formOp(b.Data) == form.OpBack:
				list.Options = append(list.Options, store.Choice{Number: 0, Label: b.Text, Data: b.Data})
			default:
				n++
				list.Options = append(list.Options, store.Choice{Number: n, Label: b.Text, Data: b.Data})
			}
			lines = append(lines, choiceLine(list.Options[len(list.Options)-1]))
		}
	}
	lang := w.langOf(list.UserID)
	switch {
	case listed:
		lines = append(lines, w.cat.HTML(lang, "choices_elsewhere", nil))
		o.Text += "\n\n" + strings.Join(lines, "\n")
		return nil
	case list.Typed:
		lines = append(lines, w.cat.HTML(lang, "choices_hint_typed", nil))
	case n > 0:
		lines = append(lines, w.cat.HTML(lang, "choices_hint", nil))
	}
	o.Text += "\n\n" + strings.Join(lines, "\n")
	if len(list.Options) == 0 {
		return nil
	}
	return list
}

// choiceLine is how a choice is listed: "1. Tập thể", or "• Hủy" for
// one chosen by its label.
func choiceLine(c store.Choice) string {
	if c.Number < 0 {
		return "• " + escape(c.Label)
	}
	return strconv.Itoa(c.Number) + ". " + escape(c.Label)
}

// keepChoices keeps the list o showed, entry id; a reply that shows
// none ends the list its person had (the screen it belonged to is gone),
// while a message from elsewhere (a notice, a reminder) leaves it.
func (w *writer) keepChoices(o store.Outgoing, list *store.Choices, id uint64) error {
	switch {
	case w.caps(o.ChatID).Buttons:
		return nil
	case list != nil:
		list.Outbox = id
		return w.tx.PutChoices(*list)
	case !o.Bulk:
		return w.tx.DeleteChoices(o.ChatID, w.answerer(o.ChatID))
	}
	return nil
}

// answerer is who may answer a list sent to chatID: in a private chat its
// person (private chats have positive ids), in a group the person the
// update came from if the message replies to them, else anyone (0).
func (w *writer) answerer(chatID int64) int64 {
	switch {
	case chatID > 0:
		return chatID
	case chatID == w.replyTo:
		return w.from
	}
	return 0
}

// formOp is the operation of a form's button (form.OpOf), or "".
func formOp(data string) form.Op {
	name, payload, _ := strings.Cut(data, ":")
	if route(name) != routeForm {
		return ""
	}
	return form.OpOf(payload)
}

// typedPrompt reports whether buttons are those of a form step that asks
// for a typed answer: only keep, back, skip and cancel. A number typed
// there is the answer (the number of people, a year), so they are chosen
// by 0 (back) or their label.
func typedPrompt(kb [][]store.Button) bool {
	nav := false
	for _, row := range kb {
		for _, b := range row {
			switch {
			case formOp(b.Data).Moves():
				nav = true
			case b.Data != "":
				return false
			}
		}
	}
	return nav
}

// onTypedChoice reads a typed message as a press of a numbered choice of
// the list its sender was last shown in this chat, when the messenger
// has no buttons: the update becomes that button's callback and goes
// through onCallback, with the same checks of place, role and staleness
// as a press. It reports whether the message was a choice (or a number
// that is none, answered here in a private chat); anything else goes on
// as typed text.
func (b *Bot) onTypedChoice(r *request) (bool, error) {
	text := strings.TrimSpace(r.u.Text)
	if b.caps(r.u.Chat.ID).Buttons || r.u.Command != "" || r.u.Media != "" || r.u.MigrateTo != 0 || text == "" {
		return false, nil
	}
	list, err := r.choices()
	if errors.Is(err, store.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	c, number, ok := pickChoice(list, text)
	switch {
	case ok:
		r.u.Kind, r.u.Data, r.u.CallbackID, r.u.MessageID = messenger.KindCallback, c.Data, typedPress, 0
		r.typedIn = true
		return true, b.onCallback(r)
	case number && !list.Typed && r.u.Chat.Private():
		return true, r.noSuchChoice(list, text)
	}
	return false, nil
}

// choices is the list the sender may answer in this chat: theirs, or in
// a group the one for anyone, whichever came last.
func (r *request) choices() (store.Choices, error) {
	mine, err := r.tx.Choices(r.u.Chat.ID, r.answerer(r.u.Chat.ID))
	if err != nil && !errors.Is(err, store.ErrNotFound) || r.u.Chat.Private() {
		return mine, err
	}
	all, err2 := r.tx.Choices(r.u.Chat.ID, 0)
	switch {
	case err2 != nil && !errors.Is(err2, store.ErrNotFound):
		return all, err2
	case err2 != nil:
		return mine, err
	case err != nil || all.Outbox > mine.Outbox:
		return all, nil
	}
	return mine, nil
}

// pickChoice finds what text chooses in list: a number of it, or its
// label typed (without diacritics, case or symbols). number reports that
// text is a number, whether or not the list has it.
func pickChoice(list store.Choices, text string) (c store.Choice, number, ok bool) {
	if n, err := strconv.Atoi(strings.TrimSuffix(text, ".")); err == nil && !list.Typed { // a typed step's number is its answer
		for _, c := range list.Options {
			if c.Number >= 0 && c.Number == n {
				return c, true, true
			}
		}
		return store.Choice{}, true, false
	}
	want := form.Folded(text)
	for _, c := range list.Options {
		if want != "" && form.Folded(c.Label) == want {
			return c, false, true
		}
	}
	return store.Choice{}, false, false
}

// noSuchChoice answers a number the list does not have, with the list
// again.
func (r *request) noSuchChoice(list store.Choices, text string) error {
	kb := make([][]store.Button, len(list.Options))
	for i, c := range list.Options {
		kb[i] = []store.Button{{Text: c.Label, Data: c.Data}}
	}
	return r.send(r.u.Chat.ID, r.t("choice_none", locales.Args{"N": text}), kb)
}
