package bot

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/dvkbot/dvkbot/bot/campaign"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// Remind queues every reminder due at now, once each: the reminder's key
// is recorded in the transaction that queues it. It returns how many
// messages were queued. The scheduler calls it every few minutes and at
// start, so a bot that was down catches up with today's reminders. Each
// commune's units are reminded of its own dates: a commune may set earlier
// ones in a province campaign.
func (b *Bot) Remind(ctx context.Context, now time.Time) (int, error) {
	queued, skipped := 0, 0
	err := b.store.Update(ctx, func(tx *store.Tx) error {
		w := newWriter(b.env, tx)
		return eachCommune(tx, func(store.Commune) error {
			q, s, err := w.remindCommune(now)
			queued, skipped = queued+q, skipped+s
			return err
		})
	})
	if err != nil {
		return 0, fmt.Errorf("remind: %w", err)
	}
	if skipped > 0 {
		b.log.Info("skipped reminders whose day had passed", slog.Int("count", skipped))
	}
	if queued > 0 {
		b.log.Info("reminders queued", slog.Int("messages", queued))
		b.wake()
	}
	return queued, nil
}

// remindCommune queues the reminders due in the commune the transaction
// is scoped to.
func (w *writer) remindCommune(now time.Time) (queued, skipped int, err error) {
	camps, err := w.tx.Campaigns(false)
	if err != nil {
		return 0, 0, err
	}
	all := campaign.Schedule(camps, w.cfg.RemindAt[0], w.cfg.RemindAt[1], w.cfg.Location)
	today, stale := campaign.Due(all, now, w.cfg.Location)
	if skipped, err = w.skipStale(stale); err != nil {
		return 0, skipped, err
	}
	queued, err = w.sendReminders(today)
	return queued, skipped, err
}

func (w *writer) skipStale(stale []campaign.Reminder) (int, error) {
	n := 0
	for _, m := range stale {
		units, err := w.participants(m.Campaign)
		if err != nil {
			return n, err
		}
		for _, u := range units {
			fresh, err := w.tx.MarkReminder(m.Key(u.ID))
			if err != nil {
				return n, err
			}
			if fresh {
				n++
			}
		}
	}
	return n, nil
}

// participants are the campaign's units that are not archived. A failed
// read is an error, never an empty list: an empty list would mark every
// reminder as done without sending it.
func (w *writer) participants(c store.Campaign) ([]store.Unit, error) {
	units, err := w.tx.Units(false)
	if err != nil {
		return nil, err
	}
	return campaign.Participants(c, units), nil
}

// unreachable are the campaign's units nobody can be reminded about: no
// working group and no secretary.
func (w *writer) unreachable(c store.Campaign) ([]store.Unit, error) {
	units, err := w.participants(c)
	if err != nil {
		return nil, err
	}
	var out []store.Unit
	for _, u := range units {
		if (u.GroupChatID == 0 || u.GroupBroken != "") && len(w.tx.Secretaries(u.ID)) == 0 {
			out = append(out, u)
		}
	}
	return out, nil
}

// unreachableNote names them to the office with what to do, or "".
func (w *writer) unreachableNote(lang string, c store.Campaign) (string, error) {
	units, err := w.unreachable(c)
	if err != nil || len(units) == 0 {
		return "", err
	}
	names := make([]string, len(units))
	for i, u := range units {
		names[i] = u.Name
	}
	return w.cat.HTML(lang, "unreachable_units", locales.Args{"Count": len(units), "Units": strings.Join(names, "; ")}), nil
}

// owingUnit is a unit and what it still owes for a reminder.
type owingUnit struct {
	unit store.Unit
	debt campaign.Debt
}

// owing lists the campaign's units that owe something for a deadline of
// that kind, with what they owe.
func (w *writer) owing(c store.Campaign, kind campaign.DeadlineKind) ([]owingUnit, error) {
	units, err := w.participants(c)
	if err != nil {
		return nil, err
	}
	var out []owingUnit
	for _, u := range units {
		debt, err := w.owed(c, kind, u)
		if err != nil {
			return nil, err
		}
		if debt.Owes() {
			out = append(out, owingUnit{u, debt})
		}
	}
	return out, nil
}

func (w *writer) sendReminders(today []campaign.Reminder) (int, error) {
	n := 0
	for _, m := range today {
		units, err := w.participants(m.Campaign)
		if err != nil {
			return n, err
		}
		for _, u := range units {
			if w.tx.ReminderSent(m.Key(u.ID)) {
				continue
			}
			debt, err := w.owed(m.Campaign, m.Deadline.Kind, u)
			if err != nil {
				return n, err
			}
			if _, err := w.tx.MarkReminder(m.Key(u.ID)); err != nil {
				return n, err
			}
			if !debt.Owes() {
				continue // nothing missing: no reminder
			}
			sent, err := w.remindUnit(m, u, debt)
			if err != nil {
				return n, err
			}
			n += sent
		}
	}
	return n, nil
}

// owed is what the unit still lacks for a deadline of that kind.
func (w *writer) owed(c store.Campaign, kind campaign.DeadlineKind, u store.Unit) (campaign.Debt, error) {
	regs, err := w.tx.UnitRegistrations(u.ID)
	if err != nil {
		return campaign.Debt{}, err
	}
	return campaign.Owes(c, u, regs).For(kind), nil
}

// debtText renders, in lang, what a reminder says is owed, or "" for
// nothing. Results name each model: “Tuyến đường hoa” (DVK-2024-001).
func (w *writer) debtText(lang string, d campaign.Debt) string {
	switch {
	case d.MissingModels > 0:
		return w.cat.HTML(lang, "remind_owes_models", locales.Args{"Count": d.MissingModels})
	case len(d.MissingResults) > 0:
		models := make([]string, len(d.MissingResults))
		for i, g := range d.MissingResults {
			models[i] = w.cat.HTML(lang, "model_named", locales.Args{"Name": g.Model.Name, "Number": g.Number})
		}
		return w.cat.Text(lang, "remind_owes_results", locales.Args{"Count": len(models), "Models": strings.Join(models, "; ")}) // each model is escaped
	}
	return ""
}

// remindUnit posts to the unit's group, or to each secretary when the unit
// has no working group. It returns how many messages were queued.
func (w *writer) remindUnit(m campaign.Reminder, u store.Unit, debt campaign.Debt) (int, error) {
	lang := w.cfg.DefaultLanguage
	secs := w.tx.Secretaries(u.ID)
	text := w.reminderText(lang, m, u, debt)
	if u.GroupChatID != 0 && u.GroupBroken == "" {
		text += w.mentions(secs)
		kb := [][]store.Button{{w.reminderButton(lang, m.Deadline.Kind, m.Campaign, u, true)}}
		return 1, w.send(u.GroupChatID, text, kb)
	}
	for _, s := range secs {
		kb := [][]store.Button{{w.reminderButton(w.langOf(s), m.Deadline.Kind, m.Campaign, u, false)}}
		if err := w.send(s, w.reminderText(w.langOf(s), m, u, debt), kb); err != nil {
			return 0, err
		}
	}
	return len(secs), nil
}

// reminderText is a reminder in lang, all of it: the last day on time has
// its own sentence ("hôm nay là ngày cuối …"), days before say how many
// are left, today included; the deadline is shown as written, "trước ngày".
func (w *writer) reminderText(lang string, m campaign.Reminder, u store.Unit, debt campaign.Debt) string {
	id := "remind_" + string(m.Deadline.Kind)
	switch {
	case m.IsOverdue():
		id += "_overdue"
	case m.Offset == 0:
		id += "_today"
	}
	return w.cat.HTML(lang, id, locales.Args{"Campaign": m.Campaign.Name, "Unit": u.Name,
		"Date": m.Deadline.Day.String(), "Count": m.Offset + 1}) + "\n" + w.debtText(lang, debt) // Count: the days left, today included
}

// mentions names the secretaries so that Telegram notifies them.
func (w *writer) mentions(ids []int64) string {
	if len(ids) == 0 {
		return ""
	}
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = `<a href="tg://user?id=` + strconv.FormatInt(id, 10) + `">` + escape(w.userName(id)) + `</a>`
	}
	return "\n" + strings.Join(parts, ", ")
}
