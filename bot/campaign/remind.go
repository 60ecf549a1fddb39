package campaign

import (
	"slices"
	"time"

	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/store"
)

// Overdue is the offset of the notice on a deadline's day, the first day
// it is missed (LateOn).
const Overdue = -1

// Reminder is one reminder of a campaign's deadline, fired at a time.
type Reminder struct {
	Campaign store.Campaign
	Deadline Deadline
	Offset   int // days before the last day on time (LastDay); Overdue: the deadline's day
	Fire     time.Time
}

// Key names the reminder to one unit once: the deadline's date is part of
// it, so a deadline the office moves gets its reminders again.
func (m Reminder) Key(unitID uint64) string {
	return store.ReminderKey(m.Campaign.ID, unitID, string(m.Deadline.Kind), m.Deadline.Day.ISO(), m.Offset)
}

// IsOverdue reports whether m is the notice after its deadline.
func (m Reminder) IsOverdue() bool { return m.Offset == Overdue }

// Schedule lists every reminder of camps, in time order: one per offset of
// each campaign's Reminders, counted back from the deadline's last day on
// time (offset 0 is that day: "hôm nay là ngày cuối"), and the overdue
// notice on the deadline's day, for each deadline, at hour:minute in loc.
func Schedule(camps []store.Campaign, hour, minute int, loc *time.Location) []Reminder {
	var out []Reminder
	for _, c := range camps {
		for _, d := range Deadlines(c) {
			for _, off := range append(slices.Clone(c.Reminders), Overdue) {
				fire := LastDay(d.Day).AddDays(-off).At(hour, minute, loc)
				out = append(out, Reminder{Campaign: c, Deadline: d, Offset: off, Fire: fire})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Reminder) int { return a.Fire.Compare(b.Fire) })
	return out
}

// Due splits the schedule at now: reminders of today (in loc) whose time
// has come are due; those of earlier days are stale (the bot was down, or
// the campaign was set up after them) and are only to be recorded as
// skipped. Reminders still to come are in neither.
func Due(all []Reminder, now time.Time, loc *time.Location) (today, stale []Reminder) {
	nowDay := input.DateOf(now, loc)
	for _, m := range all {
		switch {
		case m.Fire.After(now):
		case input.DateOf(m.Fire, loc) == nowDay:
			today = append(today, m)
		default:
			stale = append(stale, m)
		}
	}
	return today, stale
}
