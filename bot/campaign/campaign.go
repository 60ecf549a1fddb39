// Package campaign holds the rules of a campaign, apart from any chat:
// its deadlines, its reminder schedule, and what a unit still owes. The
// Telegram handlers and the reports ask it and only render the answers.
package campaign

import (
	"strings"

	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/store"
)

// DeadlineKind names a deadline of a campaign. Its string is stored in
// reminder keys and forms locale ids ("remind_reg", "digest_late_results"),
// so it must not change.
type DeadlineKind string

// The deadlines of a campaign.
const (
	Registration DeadlineKind = "reg"     // models registered
	Results      DeadlineKind = "results" // results reported
)

// Deadline is one deadline of a campaign, on a day.
type Deadline struct {
	Kind DeadlineKind
	Day  input.Date
}

// Deadlines are the campaign's set deadlines, registration first. A date
// that is empty or does not parse is no deadline.
func Deadlines(c store.Campaign) []Deadline {
	var out []Deadline
	for _, d := range []struct {
		kind DeadlineKind
		iso  string
	}{{Registration, c.RegDeadline}, {Results, c.ResultsDeadline}} {
		day, err := input.ParseISO(d.iso)
		if err == nil && !day.IsZero() {
			out = append(out, Deadline{Kind: d.kind, Day: day})
		}
	}
	return out
}

// A deadline is written as the plans write it: "trước ngày 07/4/2024",
// before that day (seed 001, II and III). The day itself is late: what is
// filed on 07/04 was not filed before 07/04. The last day on time is the
// day before. Every rule that asks "on time or late", "is it due today",
// "has the movement ended" reads these two functions and nothing else.

// LastDay is the last day on time for a deadline written "trước ngày d".
func LastDay(d input.Date) input.Date { return d.AddDays(-1) }

// LateOn reports whether something filed on day misses a deadline
// "trước ngày deadline": from the deadline's day on. No deadline (zero) is
// never missed.
func LateOn(deadline, day input.Date) bool {
	return !deadline.IsZero() && !day.Before(deadline)
}

// LateISO is LateOn for a stored date ("2006-01-02"); one that is empty
// or does not parse is no deadline.
func LateISO(deadline string, day input.Date) bool {
	d, err := input.ParseISO(deadline)
	return err == nil && LateOn(d, day)
}

// PassedBefore are the campaign's deadlines that are missed on day (see
// LateOn): from their day on, what is still owed for them is late.
func PassedBefore(c store.Campaign, day input.Date) []Deadline {
	var out []Deadline
	for _, d := range Deadlines(c) {
		if LateOn(d.Day, day) {
			out = append(out, d)
		}
	}
	return out
}

// Ended reports whether the movement's time is over on day: seed 001 runs
// it "đến trước ngày 15/12/2024", so it has ended from its end day on
// (LateOn), or when the office closed it.
func Ended(c store.Campaign, day input.Date) bool {
	return c.Closed || LateISO(c.EndDate, day)
}

// Open reports whether the movement takes new registrations on day: it
// has not ended, or the office reopened it after its end.
func Open(c store.Campaign, day input.Date) bool {
	return !c.Closed && (c.Reopened || !LateISO(c.EndDate, day))
}

// Participants are the campaign's units among units, archived ones left out.
func Participants(c store.Campaign, units []store.Unit) []store.Unit {
	var out []store.Unit
	for _, u := range units {
		if !u.Archived && c.Includes(u) {
			out = append(out, u)
		}
	}
	return out
}

// Criteria are the lines a unit of c ticks in its self-assessment: the
// campaign's own list, or else defaults (one a line: the default criteria
// of the movement in the reader's language, without the one that is the
// Đảng ủy's recognition, criterion 4 of seed 001). Empty lines are none.
// A self-assessment is counted out of these, never out of a fixed number.
func Criteria(c store.Campaign, defaults string) []string {
	lines := c.Criteria
	if len(lines) == 0 {
		lines = strings.Split(defaults, "\n")
	}
	var out []string
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
