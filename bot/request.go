package bot

import (
	"errors"

	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// request is one update being handled inside its transaction: who sent it,
// in which language to answer, and helpers that queue the replies.
type request struct {
	writer
	u        update
	user     store.User
	lang     string
	answered bool  // the button press was answered
	typedIn  bool  // the press is a numbered choice typed back (numbered.go)
	failed   error // a read that a display path could not return (see fail)
	// chosen is the record of a pressed choice ("✔️ Đã chọn: …"), waiting
	// to become the pressed message's text together with the next reply.
	chosen *string
}

func newRequest(e *env, tx *store.Tx, u update) *request {
	e = e.forChat(u.Chat.ID)
	return &request{writer: writer{env: e, tx: tx, replyTo: u.Chat.ID, from: u.From.ID}, u: u, lang: e.cfg.DefaultLanguage}
}

// load records the sender and picks the reply language. People are
// stored from private chats only: whoever types in a group is not kept
// unless the bot already knows them.
func (r *request) load() error {
	u, err := r.loadUser()
	if err != nil {
		return err
	}
	r.user = u
	if r.cat.Supported(u.Language) {
		r.lang = u.Language
	}
	r.scope()
	return nil
}

func (r *request) loadUser() (store.User, error) {
	p := cleanProfile(r.u.From)
	if r.u.Chat.Private() {
		return r.tx.SeeUser(p)
	}
	u, err := r.tx.User(p.ID)
	if errors.Is(err, store.ErrNotFound) {
		return store.User{ID: p.ID, FirstName: p.FirstName, LastName: p.LastName, Username: p.Username}, nil
	}
	return u, err
}

// cleanProfile is Telegram's names as the bot keeps them: no bidi
// override, zero-width character or markup (input.CleanName).
func cleanProfile(p store.Profile) store.Profile {
	p.FirstName, p.LastName, p.Username = input.CleanName(p.FirstName), input.CleanName(p.LastName), input.CleanName(p.Username)
	return p
}

// role is the sender's role, from the store only.
func (r *request) role() role { return r.roleOf(r.user) }

// mayActFor reports whether the sender may act for unit: an admin of its
// commune, or one of the unit's secretaries.
func (r *request) mayActFor(unitID uint64) bool {
	if _, err := r.tx.Unit(unitID); err != nil {
		return false // another commune's, or none
	}
	return r.role().is(roleAdmin) || r.tx.IsSecretary(unitID, r.user.ID)
}

// fail records a store error met where no error can be returned (a
// form's choice list): the update then fails as a whole, rolled back and
// answered with an apology, instead of showing less than there is.
func (r *request) fail(err error) {
	if r.failed == nil {
		r.failed = err
	}
}

// t renders a message for HTML, escaping the arguments.
func (r *request) t(id string, args locales.Args) string { return r.cat.HTML(r.lang, id, args) }

// label renders a plain-text message, for button labels.
func (r *request) label(id string) string { return r.cat.Text(r.lang, id, nil) }

// reply queues a message to the chat of the update, split as send does.
//
// After a choice (see record), the first reply is not a new message: the
// pressed message is edited into the choice and the reply, one call
// instead of two, and the old buttons go with it.
func (r *request) reply(text string, kb [][]store.Button) error {
	if r.chosen == nil {
		return r.send(r.u.Chat.ID, text, kb)
	}
	both := *r.chosen + "\n\n" + text
	if caps := r.caps(r.u.Chat.ID); caps.Len(both) <= caps.TextLimit {
		r.chosen = nil
		return r.edit(both, kb)
	}
	if err := r.flushChosen(); err != nil {
		return err
	}
	return r.send(r.u.Chat.ID, text, kb)
}

// record keeps what a pressed button chose, to be shown in the pressed
// message: with the next reply if one follows, alone otherwise (the
// router calls flushChosen when the handler is done).
func (r *request) record(text string) { r.chosen = &text }

// flushChosen edits the pressed message into the recorded choice alone.
func (r *request) flushChosen() error {
	if r.chosen == nil {
		return nil
	}
	text := *r.chosen
	r.chosen = nil
	return r.edit(text, nil)
}

// edit queues a change of the message the pressed button belongs to.
func (r *request) edit(text string, kb [][]store.Button) error {
	return r.enqueue(store.Outgoing{Kind: store.KindEdit, ChatID: r.u.Chat.ID,
		MessageID: r.u.MessageID, Text: text, Buttons: kb})
}

// answer queues the answer to a button press (stops the button's
// spinner); a press is answered once, and the router answers one that
// its handler left unanswered.
func (r *request) answer(text string, alert bool) error {
	if r.u.CallbackID == "" || r.answered {
		return nil
	}
	r.answered = true
	return r.enqueue(store.Outgoing{Kind: store.KindAnswer, CallbackID: r.u.CallbackID,
		Text: text, Alert: alert})
}

// apologize tells the user that handling failed, without details.
func (r *request) apologize() error {
	if err := r.answer(r.cat.Text(r.lang, "error_internal_short", nil), true); err != nil {
		return err
	}
	if !r.u.Chat.Private() {
		return nil
	}
	return r.reply(r.t("error_internal", nil), nil)
}
