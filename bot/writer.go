package bot

import (
	"strconv"

	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/bot/messenger"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// env is what every handler and timed job reads and never changes: the
// catalog, the configuration, the commands and the forms. It holds no
// store handle: all that a handler changes goes through its transaction.
type env struct {
	cat   *locales.Catalog
	cfg   Config
	cmds  []command
	forms map[string]*formDef
	zips  chan struct{} // wakes the builder of evidence zips (zips.go)
	// plain is this env with the numbered wording, for a request from a
	// chat without buttons when the bot serves several messengers.
	plain *env
}

// caps are the capabilities of the messenger of chatID.
func (e *env) caps(chatID int64) messenger.Capabilities {
	if e.cfg.MessengerOf != nil {
		return e.cfg.MessengerOf(chatID)
	}
	return e.cfg.Messenger
}

// forChat is the env whose wording suits the messenger of chatID.
func (e *env) forChat(chatID int64) *env {
	if e.plain != nil && e.cfg.MessengerOf != nil && !e.caps(chatID).Buttons {
		return e.plain
	}
	return e
}

// writer queues messages inside one transaction. Timed jobs (reminders,
// the digest, refusals, command menus) use it alone; a request is a
// writer with an update to answer.
type writer struct {
	*env
	tx *store.Tx
	// replyTo is the chat whose messages answer the update; 0 for a timed
	// job, whose messages are all bulk.
	replyTo int64
	from    int64 // who sent the update; 0 for a timed job
}

func newWriter(e *env, tx *store.Tx) *writer { return &writer{env: e, tx: tx} }

// send queues a message to chatID; text over the messenger's limit is
// split at line ends, the keyboard going with the last part (enqueue).
// Only what answers the update in its own chat is a reply; a message to
// any other chat, and everything a timed job sends, goes in the sender's
// bulk lane, behind the replies.
func (w *writer) send(chatID int64, text string, kb [][]store.Button) error {
	return w.enqueue(store.Outgoing{Kind: store.KindMessage, ChatID: chatID, Text: text, Buttons: kb, Bulk: w.bulk(chatID)})
}

// batchNotices is the batch of the office's notices (registrations to
// receive, results to evaluate): several waiting for one admin go out as
// one message.
const batchNotices = "notices"

// notice queues a notice to an admin that may go out together with others
// waiting for them; tag names its buttons there (a registration number).
func (w *writer) notice(chatID int64, text string, kb [][]store.Button, tag string) error {
	if caps := w.caps(chatID); caps.Len(text) > caps.TextLimit {
		return w.send(chatID, text, kb) // split, and alone
	}
	return w.enqueue(store.Outgoing{Kind: store.KindMessage, ChatID: chatID, Text: text, Buttons: kb,
		Bulk: w.bulk(chatID), Batch: batchNotices, Tag: tag})
}

// bulk: a message to chatID is not an answer to the update being handled.
func (w *writer) bulk(chatID int64) bool { return w.replyTo == 0 || chatID != w.replyTo }

// notifyAdminsBut queues a notice to every admin but skip, each in their
// own language: the admins of the commune the transaction is scoped to,
// or unscoped, the province's office.
func (w *writer) notifyAdminsBut(skip int64, id string, args locales.Args) error {
	admins, err := w.tx.AdminsOf(w.tx.Scoped())
	if err != nil {
		return err
	}
	for _, a := range admins {
		if a == skip {
			continue
		}
		if err := w.send(a, w.cat.HTML(w.langOf(a), id, args), nil); err != nil {
			return err
		}
	}
	return nil
}

// langOf is the language a stored user reads.
func (w *writer) langOf(id int64) string {
	u, err := w.tx.User(id)
	if err == nil && w.cat.Supported(u.Language) {
		return u.Language
	}
	return w.cfg.DefaultLanguage
}

// userName is how a stored user is shown: their full name, or Telegram's
// names family name first, or @handle.
func (w *writer) userName(id int64) string {
	if id == 0 {
		return "Bot"
	}
	u, err := w.tx.User(id)
	if err != nil {
		return "#" + strconv.FormatInt(id, 10)
	}
	return personName(u)
}

// personName is how a user is shown: store.User.Name, a bare username as
// @handle, else the Telegram id.
func personName(u store.User) string {
	switch n := input.CleanName(u.Name()); { // a record kept before names were cleaned
	case n == "":
		return "#" + strconv.FormatInt(u.ID, 10)
	case u.FullName == "" && store.OrderedName(u.FirstName, u.LastName) == "":
		return "@" + n
	default:
		return n
	}
}

// roleOf is a stored user's role, from the store only, in the place the
// transaction is in: in a commune, that commune's office or read-only
// role and its units; in the province's place, the province's roles
// only. An admin of another commune is nobody here, and the province's
// office working as a commune's secretary is that secretary and no more.
// Across communes (a timed job, a person's menu), the roles are where
// they hold them.
func (w *writer) roleOf(u store.User) role {
	ro := roleGuest
	at, province := w.tx.Scoped(), w.tx.Across() || w.tx.Scoped() == 0
	if w.tx.Across() {
		at = u.Commune
	}
	switch {
	case u.Admin && u.Province:
		ro |= roleIf(province, roleProvince)
	case u.Viewer && u.Province:
		ro |= roleIf(province, roleProvinceViewer)
	case u.AdminOf(at):
		ro |= roleAdmin
	case u.ViewerOf(at):
		ro |= roleViewer
	}
	if len(w.tx.UnitsOf(u.ID)) > 0 {
		ro |= roleSecretary
	}
	return ro
}

// roleIf is ro when ok, else no role.
func roleIf(ok bool, ro role) role {
	if ok {
		return ro
	}
	return roleGuest
}
