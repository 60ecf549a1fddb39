package campaign

import (
	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/store"
)

// Received reports whether g counts as a registered model on paper (the
// summary, the year-end table, the lists): the office has received it
// (tiếp nhận). One waiting for the office, or returned for changes, is
// not registered yet, though its unit is chased for it like for any
// other (NeedsResults, Owes).
func Received(g store.Registration) bool { return g.Status == store.StatusApproved }

// Passed reports whether c's deadline of that kind is past on day: what
// is owed for it is overdue ("chưa nộp") from the day after; before,
// nothing is. A campaign without that deadline has none that passed.
func Passed(c store.Campaign, kind DeadlineKind, day input.Date) bool {
	for _, d := range PassedBefore(c, day) {
		if d.Kind == kind {
			return true
		}
	}
	return false
}
