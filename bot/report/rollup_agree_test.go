package report_test

import (
	"context"
	"testing"

	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/bot/report"
	"github.com/dvkbot/dvkbot/store"
)

// TestByCommuneAgreesWithTheSummary: the province's table by commune,
// the roll-up's total and the signed summary count "chưa nộp" by the
// same rules, on the same day: only models the office received, and
// none before the results deadline. A registration waiting for the
// office owes results to the chasing, not to the paper.
func TestByCommuneAgreesWithTheSummary(t *testing.T) {
	st, c := provinceStore(t)
	err := st.Update(context.Background(), func(tx *store.Tx) error {
		units, err := tx.Units(false)
		if err != nil {
			return err
		}
		tx.Scope(units[0].Commune)
		_, err = tx.AddRegistration(store.Registration{CampaignID: c.ID, UnitID: units[0].ID, Status: store.StatusSubmitted,
			Model: store.Model{Name: "Chờ tiếp nhận", Kind: "tap_the", Field: "kinh_te"}}, "2024")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		day  input.Date
		due  bool
	}{
		{"before the results deadline", input.Date{Year: 2024, Month: 8, Day: 1}, false},
		{"after it", input.Date{Year: 2024, Month: 9, Day: 6}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var s report.Summary
			var ro report.Rollup
			err := st.View(context.Background(), func(tx *store.Tx) (err error) {
				if s, err = report.Build(tx, c); err != nil {
					return err
				}
				ro, err = report.BuildRollup(tx, c)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			s = s.On(tc.day)
			sum := 0
			for _, l := range s.ByCommune() {
				sum += l.ResultsMissing
			}
			if sum != s.ResMissing {
				t.Errorf("the communes' lines owe %d results, the summary %d", sum, s.ResMissing)
			}
			if (s.ResMissing > 0) != tc.due {
				t.Errorf("the summary owes %d results; due: %v", s.ResMissing, tc.due)
			}
			if got := ro.On(tc.day).Total.ResultsMissing; got != s.ResMissing {
				t.Errorf("the roll-up's total owes %d results, the summary %d", got, s.ResMissing)
			}
		})
	}
}
