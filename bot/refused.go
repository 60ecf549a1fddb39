package bot

import (
	"context"
	"errors"
	"log/slog"
	"slices"

	"github.com/dvkbot/dvkbot/bot/messenger"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// Refused is told by the sender when the messenger refused an entry for
// good. A group that became a supergroup gets the link and the message
// moved to the new chat; a group that shut the bot out is marked broken
// and the admins are told.
func (b *Bot) Refused(ctx context.Context, o store.Outgoing, why messenger.Refusal) {
	fn := b.onRefusal(o, why)
	if fn == nil {
		return
	}
	err := b.store.Update(ctx, func(tx *store.Tx) error { return fn(newWriter(b.env, tx)) })
	if err != nil {
		b.log.Error("handle refused send", slog.Int64("chat_id", o.ChatID), slog.Any("error", err))
		return
	}
	b.wake()
}

// onRefusal decides what a refusal calls for, if anything.
func (b *Bot) onRefusal(o store.Outgoing, why messenger.Refusal) func(w *writer) error {
	switch {
	case o.Kind == store.KindAnswer || o.Kind == store.KindMenu:
		return nil // a late button answer or a menu matters to nobody
	case o.Kind == store.KindFetch:
		return func(w *writer) error { return w.evidenceLost(o.RegID, why.Err.Error()) }
	case why.GaveUp && o.ToldWhenGivenUp() && !why.Again:
		return func(w *writer) error { return w.tellUndelivered(o.ChatID, o.Attempts+1) }
	case why.GaveUp:
		return nil
	case o.ChatID > 0 && why.Gone:
		return func(w *writer) error { return w.userUnreachable(o.ChatID, why.Reason) }
	case o.ChatID > 0:
		return nil // a refused edit or a bad request: nothing the office can do
	case why.MovedTo != 0:
		return func(w *writer) error { return w.moveToSupergroup(o, why.MovedTo) }
	case why.Gone:
		return func(w *writer) error { return w.groupUnreachable(o.ChatID, why.Reason) }
	}
	return nil
}

// tellUndelivered tells a chat, and the office it belongs to, that a
// message to it was given up after tries tries; the sender asks once a
// chat until something reaches it again. The notice to the chat is quiet:
// if it fails too, nobody is told of that, so the two cannot chase each
// other.
func (w *writer) tellUndelivered(chatID int64, tries int) error {
	lang := w.cfg.DefaultLanguage
	if chatID > 0 {
		lang = w.langOf(chatID)
	}
	err := w.enqueue(store.Outgoing{Kind: store.KindMessage, ChatID: chatID, Quiet: true, Bulk: true,
		Text: w.cat.HTML(lang, "notice_undelivered", nil)})
	if err != nil {
		return err
	}
	return w.tellOfficeUndelivered(chatID, tries)
}

// tellOfficeUndelivered tells the admins whose business chatID is that a
// message to it could not be delivered: a unit's group, to its commune's
// office; a person with a role, to the offices of their places. A
// stranger's chat is nobody's business.
func (w *writer) tellOfficeUndelivered(chatID int64, tries int) error {
	if chatID < 0 {
		u, err := w.tx.UnitOfGroup(chatID)
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		return w.within(u.Commune, func() error {
			return w.notifyAdminsBut(0, "notice_undelivered_group", locales.Args{"Unit": u.Name, "Tries": tries})
		})
	}
	u, err := w.tx.User(chatID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil || !staff(w.roleOf(u)) {
		return err
	}
	for _, c := range placesOf(w.tx, u) {
		err := w.within(c, func() error {
			return w.notifyAdminsBut(chatID, "notice_undelivered_user", locales.Args{"Name": w.userName(chatID), "Tries": tries})
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) moveToSupergroup(o store.Outgoing, newID int64) error {
	u, moved, err := w.tx.MigrateGroup(o.ChatID, newID)
	if err != nil {
		return err
	}
	if moved {
		if err := w.within(u.Commune, func() error { return w.tx.Audit(0, "group.migrate", u.Name) }); err != nil {
			return err
		}
	}
	o.ChatID, o.Attempts, o.LastError = newID, 0, ""
	_, err = w.tx.Enqueue(o) // rendered when it was first queued
	return err
}

func (w *writer) groupUnreachable(chatID int64, reason string) error {
	u, err := w.tx.UnitOfGroup(chatID)
	if errors.Is(err, store.ErrNotFound) || err == nil && u.GroupBroken != "" {
		return nil // not ours, or already known
	}
	if err != nil {
		return err
	}
	if _, err := w.tx.BreakGroup(chatID, reason); err != nil {
		return err
	}
	return w.within(u.Commune, func() error {
		if err := w.tx.Audit(0, "group.broken", u.Name); err != nil {
			return err
		}
		return w.notifyAdminsBut(0, "notice_group_unreachable", locales.Args{"Unit": u.Name, "Reason": reason})
	})
}

// userUnreachable tells the admins, once, that a person with a role could
// not be reached (blocked the bot, never opened it). Strangers are nobody's
// business. An admin is reported to the other admins: the mark is set
// before the notices go, so notices that fail in turn end once every
// unreachable admin is marked. The person's next private message clears
// the mark, so a second blocking is reported again.
func (w *writer) userUnreachable(userID int64, reason string) error {
	u, err := w.tx.User(userID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if !staff(w.roleOf(u)) || !u.UnreachableSince.IsZero() {
		return nil
	}
	u.UnreachableSince = w.tx.Now()
	if err := w.tx.PutUser(u); err != nil {
		return err
	}
	for _, c := range placesOf(w.tx, u) {
		err := w.within(c, func() error {
			return w.notifyAdminsBut(userID, "notice_user_unreachable", locales.Args{"Name": w.userName(userID), "Reason": reason})
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// placesOf are the offices a person's roles belong to: their own office's
// (0 for the province's), and their units' communes.
func placesOf(tx *store.Tx, u store.User) []uint64 {
	var out []uint64
	switch {
	case (u.Admin || u.Viewer) && u.Province:
		out = append(out, 0)
	case u.Admin || u.Viewer:
		out = append(out, u.Commune)
	}
	for _, c := range tx.CommunesOf(u.ID) {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}
