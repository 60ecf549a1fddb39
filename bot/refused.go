package bot

import (
	"context"
	"errors"
	"log/slog"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// Refused is told by the sender when Telegram refused an entry for good.
// A group that became a supergroup gets the link and the message moved to
// the new chat; a group that shut the bot out (403) is marked broken and
// the admins are told.
func (b *Bot) Refused(ctx context.Context, o store.Outgoing, err error) {
	var te *tgbotapi.Error
	var gaveUp undeliverable
	if o.Kind == store.KindAnswer || o.Kind == store.KindMenu {
		return // a late button answer or a menu matters to nobody
	}
	var fn func(r *request) error
	switch {
	case o.Kind == store.KindFetch:
		fn = func(r *request) error { return r.evidenceLost(o.RegID, err.Error()) }
	case errors.As(err, &gaveUp) && !o.Quiet:
		fn = func(r *request) error { return r.tellUndelivered(o.ChatID) }
	case !errors.As(err, &te):
		return
	case o.ChatID > 0 && chatGone(err):
		fn = func(r *request) error { return r.userUnreachable(o.ChatID, te.Message) }
	case o.ChatID > 0:
		return // a refused edit or a bad request: nothing the office can do
	case te.MigrateToChatID != 0:
		fn = func(r *request) error { return r.moveToSupergroup(o, te.MigrateToChatID) }
	case te.Code == 403 || te.Code == 400 && te.Message == "Bad Request: chat not found":
		fn = func(r *request) error { return r.groupUnreachable(o.ChatID, te.Message) }
	default:
		return
	}
	uerr := b.store.Update(ctx, func(tx *store.Tx) error { return fn(newRequest(b, tx, Update{})) })
	if uerr != nil {
		b.log.Error("handle refused send", slog.Int64("chat_id", o.ChatID), slog.Any("error", uerr))
		return
	}
	b.wake()
}

// tellUndelivered tells a chat that a message to it was given up after
// many tries. The notice itself is quiet: if it fails too, nobody is told
// of that, so the two cannot chase each other.
func (r *request) tellUndelivered(chatID int64) error {
	lang := r.cfg.DefaultLanguage
	if chatID > 0 {
		lang = r.langOf(chatID)
	}
	_, err := r.tx.Enqueue(store.Outgoing{Kind: store.KindMessage, ChatID: chatID, Quiet: true, Bulk: true,
		Text: r.cat.HTML(lang, "notice_undelivered", nil)})
	return err
}

func (r *request) moveToSupergroup(o store.Outgoing, newID int64) error {
	u, moved, err := r.tx.MigrateGroup(o.ChatID, newID)
	if err != nil {
		return err
	}
	if moved {
		if err := r.tx.Audit(0, "group.migrate", u.Name); err != nil {
			return err
		}
	}
	o.ChatID, o.Attempts, o.LastError = newID, 0, ""
	_, err = r.tx.Enqueue(o)
	return err
}

func (r *request) groupUnreachable(chatID int64, reason string) error {
	u, err := r.tx.UnitOfGroup(chatID)
	if errors.Is(err, store.ErrNotFound) || err == nil && u.GroupBroken != "" {
		return nil // not ours, or already known
	}
	if err != nil {
		return err
	}
	if _, err := r.tx.BreakGroup(chatID, reason); err != nil {
		return err
	}
	if err := r.tx.Audit(0, "group.broken", u.Name); err != nil {
		return err
	}
	return r.notifyAdmins("notice_group_unreachable", locales.Args{"Unit": u.Name, "Reason": reason})
}

// userUnreachable tells the admins, once, that a person with a role could
// not be reached (blocked the bot, never opened it). Strangers are nobody's
// business. An admin is reported to the other admins: the mark is set
// before the notices go, so notices that fail in turn end once every
// unreachable admin is marked. The person's next private message clears
// the mark, so a second blocking is reported again.
func (r *request) userUnreachable(userID int64, reason string) error {
	u, err := r.tx.User(userID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if !staff(r.roleOf(u)) || !u.UnreachableSince.IsZero() {
		return nil
	}
	u.UnreachableSince = r.tx.Now()
	if err := r.tx.PutUser(u); err != nil {
		return err
	}
	return r.notifyAdminsBut(userID, "notice_user_unreachable", locales.Args{"Name": r.userName(userID), "Reason": reason})
}
