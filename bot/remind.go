package bot

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// overdue is the offset of the notice the day after a deadline.
const overdue = -1

// reminder is one reminder of a campaign's deadline, fired at a time.
type reminder struct {
	campaign store.Campaign
	deadline string // "reg" or "results"
	day      input.Date
	offset   int // days before the deadline; overdue: the day after
	fire     time.Time
}

// key names a reminder once: the deadline's date is part of it, so a
// deadline the office moves gets its reminders again for the new date.
func (m reminder) key(unitID uint64) string {
	return store.ReminderKey(m.campaign.ID, unitID, m.deadline, m.day.ISO(), m.offset)
}

// schedule lists every reminder of the open campaigns, in time order.
func schedule(camps []store.Campaign, hour, minute int, loc *time.Location) []reminder {
	var out []reminder
	for _, c := range camps {
		for _, dl := range []struct{ kind, date string }{{"reg", c.RegDeadline}, {"results", c.ResultsDeadline}} {
			day, err := input.ParseISO(dl.date)
			if err != nil || day.IsZero() {
				continue
			}
			for _, off := range append(slices.Clone(c.Reminders), overdue) {
				fire := day.AddDays(-off).At(hour, minute, loc)
				out = append(out, reminder{campaign: c, deadline: dl.kind, day: day, offset: off, fire: fire})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b reminder) int { return a.fire.Compare(b.fire) })
	return out
}

// due splits the schedule at now: reminders of today whose time has come
// are due; those of earlier days are stale (the bot was down, or the
// campaign was set up after them) and are only recorded as skipped.
func due(all []reminder, now time.Time, loc *time.Location) (today, stale []reminder) {
	nowDay := input.DateOf(now, loc)
	for _, m := range all {
		switch fireDay := input.DateOf(m.fire, loc); {
		case m.fire.After(now):
		case fireDay == nowDay:
			today = append(today, m)
		default:
			stale = append(stale, m)
		}
	}
	return today, stale
}

// Remind queues every reminder due at now, once each: the reminder's key
// is recorded in the transaction that queues it. It returns how many
// messages were queued. The scheduler calls it every few minutes and at
// start, so a bot that was down catches up with today's reminders.
func (b *Bot) Remind(ctx context.Context, now time.Time) (int, error) {
	queued, skipped := 0, 0
	err := b.store.Update(ctx, func(tx *store.Tx) error {
		r := newRequest(b.env, tx, update{})
		camps, err := tx.Campaigns(false)
		if err != nil {
			return err
		}
		today, stale := due(schedule(camps, b.cfg.RemindAt[0], b.cfg.RemindAt[1], b.cfg.Location), now, b.cfg.Location)
		if skipped, err = r.skipStale(stale); err != nil {
			return err
		}
		queued, err = r.sendReminders(today)
		return err
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

func (r *request) skipStale(stale []reminder) (int, error) {
	n := 0
	for _, m := range stale {
		units, err := r.participants(m.campaign)
		if err != nil {
			return n, err
		}
		for _, u := range units {
			fresh, err := r.tx.MarkReminder(m.key(u.ID))
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
func (r *request) participants(c store.Campaign) ([]store.Unit, error) {
	units, err := r.tx.Units(false)
	if err != nil {
		return nil, err
	}
	var out []store.Unit
	for _, u := range units {
		if c.Includes(u.ID) {
			out = append(out, u)
		}
	}
	return out, nil
}

// owingUnit is a unit and what it still owes for a reminder.
type owingUnit struct {
	unit store.Unit
	owed string
}

// owing lists the campaign's units that owe something for m.
func (r *request) owing(m reminder) ([]owingUnit, error) {
	units, err := r.participants(m.campaign)
	if err != nil {
		return nil, err
	}
	var out []owingUnit
	for _, u := range units {
		owed, err := r.owed(m, u)
		if err != nil {
			return nil, err
		}
		if owed != "" {
			out = append(out, owingUnit{u, owed})
		}
	}
	return out, nil
}

func (r *request) sendReminders(today []reminder) (int, error) {
	n := 0
	for _, m := range today {
		units, err := r.participants(m.campaign)
		if err != nil {
			return n, err
		}
		for _, u := range units {
			if r.tx.ReminderSent(m.key(u.ID)) {
				continue
			}
			owed, err := r.owed(m, u)
			if err != nil {
				return n, err
			}
			if _, err := r.tx.MarkReminder(m.key(u.ID)); err != nil {
				return n, err
			}
			if owed == "" {
				continue // nothing missing: no reminder
			}
			sent, err := r.remindUnit(m, u, owed)
			if err != nil {
				return n, err
			}
			n += sent
		}
	}
	return n, nil
}

// owed says what the unit still lacks for the reminder's deadline, or "".
func (r *request) owed(m reminder, u store.Unit) (string, error) {
	regs, err := r.tx.UnitRegistrations(u.ID)
	if err != nil {
		return "", err
	}
	active, missing := 0, []string{}
	for _, g := range regs {
		if g.CampaignID != m.campaign.ID || g.Status == store.StatusWithdrawn {
			continue
		}
		active++
		if g.Status == store.StatusApproved && g.Results == nil {
			missing = append(missing, g.Number)
		}
	}
	lang := r.cfg.DefaultLanguage
	switch {
	case m.deadline == "reg" && active < m.campaign.MinModels:
		return r.cat.HTML(lang, "remind_owes_models", locales.Args{"Missing": strconv.Itoa(m.campaign.MinModels - active)}), nil
	case m.deadline == "results" && len(missing) > 0:
		return r.cat.HTML(lang, "remind_owes_results", locales.Args{"Numbers": strings.Join(missing, ", ")}), nil
	}
	return "", nil
}

// remindUnit posts to the unit's group, or to each secretary when the unit
// has no working group. It returns how many messages were queued.
func (r *request) remindUnit(m reminder, u store.Unit, owed string) (int, error) {
	lang := r.cfg.DefaultLanguage
	secs := r.tx.Secretaries(u.ID)
	text := r.reminderText(lang, m, u, owed)
	if u.GroupChatID != 0 && u.GroupBroken == "" {
		text += r.mentions(secs)
		payload := map[string]string{"reg": "reg", "results": "res"}[m.deadline]
		kb := [][]store.Button{{{Text: r.cat.Text(lang, "btn_remind_"+m.deadline, nil), URL: "https://t.me/" + r.cfg.Username + "?start=" + payload}}}
		return 1, r.send(u.GroupChatID, text, kb)
	}
	for _, s := range secs {
		data := map[string]string{"reg": "rg", "results": "rs"}[m.deadline]
		kb := [][]store.Button{{{Text: r.cat.Text(r.langOf(s), "btn_remind_"+m.deadline, nil), Data: data}}}
		if err := r.send(s, r.reminderText(r.langOf(s), m, u, owed), kb); err != nil {
			return 0, err
		}
	}
	return len(secs), nil
}

func (r *request) reminderText(lang string, m reminder, u store.Unit, owed string) string {
	id := "remind_" + m.deadline
	if m.offset == overdue {
		id += "_overdue"
	}
	when := r.cat.Text(lang, "days_left", locales.Args{"N": strconv.Itoa(m.offset)})
	if m.offset == 0 {
		when = r.cat.Text(lang, "remind_today", nil)
	}
	return r.cat.HTML(lang, id, locales.Args{"Campaign": m.campaign.Name, "Unit": u.Name,
		"Date": m.day.String(), "When": when}) + "\n" + owed
}

// mentions names the secretaries so that Telegram notifies them.
func (r *request) mentions(ids []int64) string {
	if len(ids) == 0 {
		return ""
	}
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = `<a href="tg://user?id=` + strconv.FormatInt(id, 10) + `">` + escape(r.userName(id)) + `</a>`
	}
	return "\n" + strings.Join(parts, ", ")
}
