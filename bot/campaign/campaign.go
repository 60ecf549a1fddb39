// Package campaign holds the rules of a campaign, apart from any chat:
// its deadlines, its reminder schedule, and what a unit still owes. The
// Telegram handlers and the reports ask it and only render the answers.
package campaign

import (
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

// PassedBefore are the campaign's deadlines whose day is before day: on
// day, they are late.
func PassedBefore(c store.Campaign, day input.Date) []Deadline {
	var out []Deadline
	for _, d := range Deadlines(c) {
		if d.Day.Before(day) {
			out = append(out, d)
		}
	}
	return out
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
