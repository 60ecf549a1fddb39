package campaign

import (
	"testing"

	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/store"
)

// On paper a model is registered once the office has received it; one
// waiting for the office or returned for changes is not yet, though it
// is chased like any other (NeedsResults).
func TestReceived(t *testing.T) {
	for _, tc := range []struct {
		status string
		want   bool
	}{
		{store.StatusApproved, true},
		{store.StatusSubmitted, false},
		{store.StatusReturned, false},
		{store.StatusWithdrawn, false},
	} {
		t.Run(tc.status, func(t *testing.T) {
			if got := Received(store.Registration{Status: tc.status}); got != tc.want {
				t.Errorf("Received(%s) = %v, want %v", tc.status, got, tc.want)
			}
		})
	}
}

// A deadline is written "trước ngày 05/09": nothing is overdue the day
// before; on the deadline's day, it is (seed 001, F18).
func TestPassed(t *testing.T) {
	for _, tc := range []struct {
		name string
		kind DeadlineKind
		on   input.Date
		want bool
	}{
		{"results, months before", Results, day(2024, 1, 6), false},
		{"results, the day before", Results, day(2024, 9, 4), false},
		{"results, on the day", Results, day(2024, 9, 5), true},
		{"results, the day after", Results, day(2024, 9, 6), true},
		{"registration, after it but before the results'", Registration, day(2024, 7, 1), true},
		{"results, when registration has passed", Results, day(2024, 7, 1), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Passed(camp(), tc.kind, tc.on); got != tc.want {
				t.Errorf("Passed(%s, %v) = %v, want %v", tc.kind, tc.on, got, tc.want)
			}
		})
	}
	if Passed(store.Campaign{}, Results, day(2030, 1, 1)) {
		t.Error("a campaign without a results deadline has one that passed")
	}
}
