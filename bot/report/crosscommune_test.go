package report_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/bot/report"
	"github.com/dvkbot/dvkbot/store"
)

// Unscoped (the province's year-end table and sheet), a commune's own
// campaign is not the province's: neither that commune's units nor
// another commune's are counted in it.
func TestCrossCommuneYearEndUnscopedMixesCommunes(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "y.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	err = st.Update(context.Background(), func(tx *store.Tx) error {
		tp, err := tx.AddCommune(store.Commune{Name: "Xã Tân Phú", Code: "TANPHU"})
		if err != nil {
			return err
		}
		if _, err := tx.AddUnit(store.Unit{Name: "Chi bộ thôn Đông", Kind: "chi_bo_thon"}); err != nil {
			return err
		}
		if _, err := tx.PutCampaign(store.Campaign{Name: "Xã nhà 2024", MinModels: 1, RegDeadline: "2024-04-07", ResultsDeadline: "2024-09-05"}); err != nil {
			return err
		}
		err = tx.InCommune(tp.ID, func() error {
			_, err := tx.AddUnit(store.Unit{Name: "Chi bộ ấp Bến Đình", Kind: "chi_bo_thon"})
			return err
		})
		if err != nil {
			return err
		}
		rows, err := report.YearEnd(tx, "2024", input.Date{Year: 2024, Month: 12, Day: 31})
		if err != nil {
			return err
		}
		for _, r := range rows {
			if r.Unit.Commune == tp.ID {
				t.Errorf("Tân Phú's unit %q is in the home commune's campaign: %+v", r.Unit.Name, r)
			} else {
				t.Errorf("the home commune's own campaign is in the province's table: %+v", r)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
