package report_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/bot/report"
	"github.com/dvkbot/dvkbot/store"
)

// yearFixture is the demo's 2025 in small: two communes, each with a
// "Chi bộ thôn Đông" and a "Hội Phụ nữ xã", in the province's campaign;
// An Bình also runs a campaign of its own. Some registrations are still
// waiting for the office (or were returned): those are not registered.
type yearFixture struct {
	st               *store.Store
	home, tanPhu     uint64
	province, anBinh store.Campaign
}

func newYearFixture(t *testing.T) yearFixture {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "y.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := yearFixture{st: st, home: store.HomeCommune}
	err = st.Update(context.Background(), func(tx *store.Tx) error {
		home, err := tx.Commune(store.HomeCommune)
		if err != nil {
			return err
		}
		home.Name, home.Code = "Xã An Bình", "ANBINH"
		if err := tx.PutCommune(home); err != nil {
			return err
		}
		tp, err := tx.AddCommune(store.Commune{Name: "Xã Tân Phú", Code: "TANPHU"})
		if err != nil {
			return err
		}
		f.tanPhu = tp.ID
		if f.province, err = tx.PutCampaign(store.Campaign{Name: "Phong trào tỉnh 2025", Province: true, MinModels: 1,
			RegDeadline: "2025-04-30", ResultsDeadline: "2025-09-30", EndDate: "2025-12-15"}); err != nil {
			return err
		}
		defer tx.Scope(0)
		units := map[string]store.Unit{}
		for _, m := range []uint64{f.home, f.tanPhu} {
			tx.Scope(m)
			for _, name := range []string{"Chi bộ thôn Đông", "Hội Phụ nữ xã"} {
				u, err := tx.AddUnit(store.Unit{Name: name, Kind: "chi_bo_thon"})
				if err != nil {
					return err
				}
				units[string(rune('0'+m))+name] = u
			}
		}
		tx.Scope(f.home)
		if f.anBinh, err = tx.PutCampaign(store.Campaign{Name: "Phong trào xã 2025", MinModels: 1,
			RegDeadline: "2025-04-07", ResultsDeadline: "2025-09-05", EndDate: "2025-12-15"}); err != nil {
			return err
		}
		add := func(m uint64, c store.Campaign, unit, status string, late bool, res *store.Results, outcome string) error {
			tx.Scope(m)
			g := store.Registration{CampaignID: c.ID, UnitID: units[string(rune('0'+m))+unit].ID, Status: status, Late: late, Results: res,
				Model: store.Model{Name: "Mô hình", Kind: "tap_the", Field: "kinh_te"}}
			if outcome != "" {
				g.Evaluation = &store.Evaluation{Outcome: outcome}
			}
			_, err := tx.AddRegistration(g, "2025")
			return err
		}
		for _, e := range []error{
			add(f.home, f.province, "Chi bộ thôn Đông", store.StatusApproved, false, nil, ""),
			add(f.home, f.province, "Hội Phụ nữ xã", store.StatusReturned, false, nil, ""),
			add(f.tanPhu, f.province, "Chi bộ thôn Đông", store.StatusApproved, true, &store.Results{Achieved: "Xong"}, store.OutcomeRecognised),
			add(f.tanPhu, f.province, "Hội Phụ nữ xã", store.StatusSubmitted, false, nil, ""),
			add(f.home, f.anBinh, "Chi bộ thôn Đông", store.StatusSubmitted, false, nil, ""), // the demo's DVK-2025-001
			add(f.home, f.anBinh, "Hội Phụ nữ xã", store.StatusApproved, false, nil, ""),
		} {
			if e != nil {
				return e
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// yearTotals are the figures the summary and the year-end table share.
type yearTotals struct {
	Units, Models, ResOnTime, ResLate, ResMissing, Recognised, Exemplary, NotMet int
}

// summed is the year-end table's total row, and its unit count.
func summed(rows []report.YearRow) yearTotals {
	var t yearTotals
	for _, r := range rows {
		t.Units++
		t.Models += r.Models
		t.ResOnTime, t.ResLate, t.ResMissing = t.ResOnTime+r.ResOnTime, t.ResLate+r.ResLate, t.ResMissing+r.ResMissing
		t.Recognised, t.Exemplary, t.NotMet = t.Recognised+r.Recognised, t.Exemplary+r.Exemplary, t.NotMet+r.NotMet
	}
	return t
}

// summaryTotals are the signed summary's figures: units taking part,
// models (the by-field table's total), results, outcomes.
func summaryTotals(s report.Summary) yearTotals {
	tot := s.Total()
	return yearTotals{Units: len(s.Units), Models: tot.Registered(), ResOnTime: s.ResOnTime, ResLate: s.ResLate, ResMissing: s.ResMissing,
		Recognised: tot.Recognised, Exemplary: tot.Exemplary, NotMet: tot.NotMet}
}

func (t yearTotals) plus(o yearTotals) yearTotals {
	return yearTotals{t.Units + o.Units, t.Models + o.Models, t.ResOnTime + o.ResOnTime, t.ResLate + o.ResLate, t.ResMissing + o.ResMissing,
		t.Recognised + o.Recognised, t.Exemplary + o.Exemplary, t.NotMet + o.NotMet}
}

// The year-end table and the signed summary count by the same rules: a
// registration the office has not received is not registered, and no
// results are "chưa nộp" before their deadline. The province's table
// covers what its summary covers, the province's campaigns, not a
// commune's own; a commune's covers its campaigns of the year, so it is
// the sum of their summaries (issue 28, item 3).
func TestYearEndAgreesWithTheSummary(t *testing.T) {
	f := newYearFixture(t)
	before, after := input.Date{Year: 2025, Month: 1, Day: 6}, input.Date{Year: 2025, Month: 10, Day: 15}
	for _, tc := range []struct {
		name    string
		commune uint64 // 0: the province, across communes
		day     input.Date
		want    yearTotals
	}{
		// Tân Phú's Đông (late, results, recognised) and An Bình's Đông;
		// the two waiting or returned ones are not models yet.
		{"province before the results deadline", 0, before, yearTotals{Units: 4, Models: 2, ResOnTime: 1, Recognised: 1}},
		{"province after it", 0, after, yearTotals{Units: 4, Models: 2, ResOnTime: 1, ResMissing: 1, Recognised: 1}},
		// An Bình: its Đông in the province's campaign, its Hội Phụ nữ in
		// its own; its own Đông registration waits for the office.
		{"commune before the results deadlines", f.home, before, yearTotals{Units: 2, Models: 2}},
		{"commune after them", f.home, after, yearTotals{Units: 2, Models: 2, ResMissing: 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := f.st.View(context.Background(), func(tx *store.Tx) error {
				camps := []store.Campaign{f.province}
				if tc.commune != 0 {
					tx.Scope(tc.commune)
					camps = append(camps, f.anBinh)
				}
				var want yearTotals
				for _, c := range camps {
					if tc.commune != 0 {
						c, _ = tx.Campaign(c.ID) // as the commune sees it
					}
					s, err := report.Count(tx, c)
					if err != nil {
						return err
					}
					want = want.plus(summaryTotals(s.On(tc.day)))
				}
				if want.Units -= (len(camps) - 1) * 2; want != tc.want { // An Bình's two units are in both
					t.Errorf("the summaries say %+v, want %+v", want, tc.want)
				}
				rows, err := report.YearEnd(tx, "2025", tc.day)
				if err != nil {
					return err
				}
				if got := summed(rows); got != tc.want {
					t.Errorf("the year-end table says %+v, want %+v (the summaries')", got, tc.want)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}

// Whatever campaign the province's paper is read for, its year-end table
// covers that campaign too: a commune's own, read across communes (the
// export command may be asked for one), is in it beside the province's.
func TestYearEndCoversTheSummarysCampaign(t *testing.T) {
	f := newYearFixture(t)
	var snap report.Snapshot
	err := f.st.View(context.Background(), func(tx *store.Tx) (err error) {
		snap, err = report.Read(tx, f.anBinh)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// The province's campaign's 2 models and An Bình's own 1 (its Hội Phụ
	// nữ's; its Đông's waits for the office).
	if got := summed(snap.On(input.Date{Year: 2025, Month: 1, Day: 6}).Year); got.Models != 3 {
		t.Errorf("the year-end table counts %d models, want 3: %+v", got.Models, got)
	}
}
