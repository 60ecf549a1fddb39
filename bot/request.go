package bot

import (
	"errors"

	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// request is one update being handled inside its transaction: who sent it,
// in which language to answer, and helpers that queue the replies.
type request struct {
	*Bot
	tx   *store.Tx
	u    update
	user store.User
	lang string
}

func newRequest(b *Bot, tx *store.Tx, u update) *request {
	return &request{Bot: b, tx: tx, u: u, lang: b.cfg.DefaultLanguage}
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
	return nil
}

func (r *request) loadUser() (store.User, error) {
	if r.u.Chat.Private() {
		return r.tx.SeeUser(r.u.From)
	}
	u, err := r.tx.User(r.u.From.ID)
	if errors.Is(err, store.ErrNotFound) {
		p := r.u.From
		return store.User{ID: p.ID, FirstName: p.FirstName, LastName: p.LastName, Username: p.Username}, nil
	}
	return u, err
}

// role is the sender's role, from the store only.
func (r *request) role() role { return r.roleOf(r.user) }

func (r *request) roleOf(u store.User) role {
	ro := roleGuest
	if u.Admin {
		ro |= roleAdmin
	}
	if len(r.tx.UnitsOf(u.ID)) > 0 {
		ro |= roleSecretary
	}
	return ro
}

// mayActFor reports whether the sender may act for unit: an admin, or one
// of the unit's secretaries.
func (r *request) mayActFor(unitID uint64) bool {
	return r.user.Admin || r.tx.IsSecretary(unitID, r.user.ID)
}

// t renders a message for HTML, escaping the arguments.
func (r *request) t(id string, args locales.Args) string { return r.cat.HTML(r.lang, id, args) }

// label renders a plain-text message, for button labels.
func (r *request) label(id string) string { return r.cat.Text(r.lang, id, nil) }

// reply queues a message to the chat of the update; text over Telegram's
// limit is split at line ends, the keyboard going with the last part.
func (r *request) reply(text string, kb [][]store.Button) error {
	return r.send(r.u.Chat.ID, text, kb)
}

// send queues a message to chatID, split as reply does. Only what answers
// the update in its own chat is a reply; a message to
// any other chat, and everything a timed job sends (its request has no
// update), goes in the sender's bulk lane, behind the replies.
func (r *request) send(chatID int64, text string, kb [][]store.Button) error {
	parts := splitMessage(text, maxMessageLen)
	for i, p := range parts {
		o := store.Outgoing{Kind: store.KindMessage, ChatID: chatID, Text: p, Bulk: r.bulk(chatID)}
		if i == len(parts)-1 {
			o.Buttons = kb
		}
		if _, err := r.tx.Enqueue(o); err != nil {
			return err
		}
	}
	return nil
}

// bulk: a message to chatID is not an answer to the update being handled.
func (r *request) bulk(chatID int64) bool { return r.u.Chat.ID == 0 || chatID != r.u.Chat.ID }

// edit queues a change of the message the pressed button belongs to.
func (r *request) edit(text string, kb [][]store.Button) error {
	_, err := r.tx.Enqueue(store.Outgoing{Kind: store.KindEdit, ChatID: r.u.Chat.ID,
		MessageID: r.u.MessageID, Text: text, Buttons: kb})
	return err
}

// answer queues the answer to a button press (stops the button's spinner).
func (r *request) answer(text string, alert bool) error {
	if r.u.CallbackID == "" {
		return nil
	}
	_, err := r.tx.Enqueue(store.Outgoing{Kind: store.KindAnswer, CallbackID: r.u.CallbackID,
		Text: text, Alert: alert})
	return err
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
