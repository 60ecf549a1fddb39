package report_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/dvkbot/dvkbot/bot/report"
	"github.com/dvkbot/dvkbot/store"
)

// TestSheetOfNamesTheUnitsHead: the name typed under the signature is the
// one the bot knows for the unit's head: its only secretary's confirmed
// full name, else the office's imported contact, never a Telegram
// profile name, and never one secretary picked among several.
func TestSheetOfNamesTheUnitsHead(t *testing.T) {
	type person struct {
		full, first, last string
	}
	for _, c := range []struct {
		name        string
		contact     string
		secretaries []person
		want        string
	}{
		{"one secretary who confirmed a name", "", []person{{full: "Trần Văn Bình"}}, "Trần Văn Bình"},
		{"confirmed name over the imported list", "Trần V. Bình", []person{{full: "Trần Văn Bình"}}, "Trần Văn Bình"},
		{"one secretary, Telegram name only", "", []person{{first: "Bình", last: "Trần"}}, ""},
		{"one secretary, Telegram name only, imported contact", "Trần Văn Bình", []person{{first: "Bình"}}, "Trần Văn Bình"},
		{"two secretaries", "", []person{{full: "Trần Văn Bình"}, {full: "Lê Thị Hoa"}}, ""},
		{"two secretaries, imported contact", "Lê Thị Hoa", []person{{full: "Trần Văn Bình"}, {full: "Lê Thị Hoa"}}, "Lê Thị Hoa"},
		{"no secretary, imported contact", "  Nguyễn  Văn An ", nil, "Nguyễn Văn An"},
		{"nobody known", "", nil, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			st, err := store.Open(filepath.Join(t.TempDir(), "s.db"), store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			err = st.Update(context.Background(), func(tx *store.Tx) error {
				old, _ := tx.PutCampaign(store.Campaign{Name: "Năm 2023", MinModels: 1, RegDeadline: "2023-04-07", ResultsDeadline: "2023-09-05", EndDate: "2023-12-15"})
				cur, _ := tx.PutCampaign(store.Campaign{Name: "Năm 2024", MinModels: 1, RegDeadline: "2024-04-07", ResultsDeadline: "2024-09-05", EndDate: "2024-12-15"})
				u, err := tx.AddUnit(store.Unit{Name: "Chi bộ thôn Đông", Kind: "chi_bo_thon", Contact: c.contact})
				if err != nil {
					return err
				}
				for i, p := range c.secretaries {
					id := int64(100 + i)
					if err := tx.PutUser(store.User{ID: id, FullName: p.full, FirstName: p.first, LastName: p.last}); err != nil {
						return err
					}
					if err := tx.AddSecretary(u.ID, id, 0); err != nil {
						return err
					}
				}
				from, _ := tx.AddRegistration(store.Registration{CampaignID: old.ID, UnitID: u.ID, Status: store.StatusApproved,
					Model: store.Model{Name: "Đường hoa", Kind: "tap_the", Field: "kinh_te"}}, "2023")
				g, _ := tx.AddRegistration(store.Registration{CampaignID: cur.ID, UnitID: u.ID, Status: store.StatusSubmitted, CarriedFrom: from.ID,
					Model: store.Model{Name: "Đường hoa", Kind: "tap_the", Field: "kinh_te", Novelty: "duy_tri"}}, "2024")
				s, err := report.SheetOf(tx, g)
				if err != nil {
					return err
				}
				if s.Signer != c.want {
					t.Errorf("signer %q, want %q", s.Signer, c.want)
				}
				if s.Campaign.ID != cur.ID || s.Unit.ID != u.ID || s.Reg.ID != g.ID {
					t.Errorf("sheet of campaign %d, unit %d, registration %d", s.Campaign.ID, s.Unit.ID, s.Reg.ID)
				}
				if s.Earlier == nil || s.Earlier.Number != from.Number {
					t.Errorf("earlier model %+v, want %s", s.Earlier, from.Number)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}
