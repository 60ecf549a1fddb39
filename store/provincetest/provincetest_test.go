package provincetest

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dvkbot/dvkbot/store"
)

// TestBuildSmallProvince builds a small province and reads it back per
// commune: each commune has its own units, admins, groups and numbers.
func TestBuildSmallProvince(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	s := Spec{Communes: 3, Units: 4, Models: 2, SecondSecretaries: 5, Admins: 2, Groups: true}
	p, err := Build(path, s)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Units) != 12 || len(p.Groups) != 12 || p.People() != 12+5+6 {
		t.Fatalf("units %d groups %d people %d", len(p.Units), len(p.Groups), p.People())
	}
	due, err := AddDue(path, "2099-01-10")
	if err != nil || !due.Province || due.Reminders[0] != 0 {
		t.Fatalf("%+v %v", due, err)
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	err = st.View(context.Background(), func(tx *store.Tx) error {
		for i, c := range p.Communes {
			tx.Scope(c.ID)
			units, err := tx.Units(false)
			if err != nil {
				return err
			}
			if len(units) != 4 {
				t.Errorf("commune %s: %d units", c.Code, len(units))
			}
			admins, err := tx.AdminsOf(c.ID)
			if err != nil {
				return err
			}
			if len(admins) != 2 || admins[0] != p.Admins[i][0] {
				t.Errorf("commune %s: admins %v, want %v", c.Code, admins, p.Admins[i])
			}
			for _, u := range units {
				regs, err := tx.UnitRegistrations(u.ID)
				if err != nil {
					return err
				}
				if len(regs) != 2 || !strings.HasPrefix(regs[0].Number, "DVK-"+c.Code+"-2099-") || regs[0].Results == nil {
					t.Errorf("unit %d: %+v", u.ID, regs)
				}
				if got, ok := tx.CommuneOfGroup(u.GroupChatID); !ok || got != c.ID {
					t.Errorf("group of unit %d: commune %d", u.ID, got)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
