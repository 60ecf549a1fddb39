package report_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/dvkbot/dvkbot/bot/report"
	"github.com/dvkbot/dvkbot/store"
)

// Count reads brief registrations; every figure it gives must be the one
// Build gives from the whole records, unscoped and in each commune.
func TestCountAgreesWithBuild(t *testing.T) {
	st, c := provinceStore(t)
	communes := []uint64{0}
	err := st.View(context.Background(), func(tx *store.Tx) error {
		all, err := tx.Communes()
		for _, m := range all {
			communes = append(communes, m.ID)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range communes {
		err := st.View(context.Background(), func(tx *store.Tx) error {
			if m != 0 { // 0: across communes, the province's roll-up
				tx.Scope(m)
			}
			full, err := report.Build(tx, c)
			if err != nil {
				return err
			}
			brief, err := report.Count(tx, c)
			if err != nil {
				return err
			}
			if len(full.Rows) == 0 && m == 0 {
				t.Fatal("the fixture has no models")
			}
			if got, want := figures(brief), figures(full); !reflect.DeepEqual(got, want) {
				t.Errorf("commune %d: Count\n%+v\nBuild\n%+v", m, got, want)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// figures are what a counted summary shows: everything but the rows'
// texts.
func figures(s report.Summary) map[string]any {
	type row struct {
		Unit, ID                uint64
		Number, Status, Outcome string
		Late, Results           bool
	}
	var rows []row
	for _, r := range s.Rows {
		x := row{Unit: r.Unit.ID, ID: r.Reg.ID, Number: r.Reg.Number, Status: r.Reg.Status, Late: r.Reg.Late, Results: r.Reg.Results != nil}
		if r.Reg.Evaluation != nil {
			x.Outcome = r.Reg.Evaluation.Outcome
		}
		rows = append(rows, x)
	}
	return map[string]any{"units": s.Units, "reg": []int{s.RegOnTime, s.RegLate, s.RegNone}, "res": []int{s.ResOnTime, s.ResLate, s.ResMissing},
		"byField": s.ByField, "byKind": s.ByKind, "table": s.Table, "total": s.Total(),
		"people": s.People, "households": s.Households, "money": s.Money, "byNovelty": s.ByNovelty, "byAgainst": s.ByAgainst, "proposed": len(s.ProposedUp()), "measures": s.Measures, "communes": s.Communes, "rows": rows, "byCommune": s.ByCommune()}
}
