package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/store"
)

// twoCommunes: the home commune and Tân Phú, each with a unit of the same
// name, a campaign and a registration.
type twoCommunes struct {
	tanPhu           store.Commune
	homeUnit, tpUnit store.Unit
	homeCamp, tpCamp store.Campaign
	homeReg, tpReg   store.Registration
	province         store.Campaign
}

func setUpTwoCommunes(t *testing.T, tx *store.Tx) twoCommunes {
	t.Helper()
	var w twoCommunes
	var err error
	must := func(e error) {
		t.Helper()
		if e != nil {
			t.Fatal(e)
		}
	}
	w.tanPhu, err = tx.AddCommune(store.Commune{Name: "Xã Tân Phú", Code: "tan phu"})
	must(err)
	w.homeUnit, err = tx.AddUnit(store.Unit{Name: "Chi bộ thôn Đông", Kind: "chi_bo_thon"})
	must(err)
	w.homeCamp, err = tx.PutCampaign(store.Campaign{Name: "Năm 2024", RegDeadline: "2024-04-07", ResultsDeadline: "2024-09-05"})
	must(err)
	w.homeReg, err = tx.AddRegistration(store.Registration{UnitID: w.homeUnit.ID, CampaignID: w.homeCamp.ID}, "2024")
	must(err)
	w.province, err = tx.PutCampaign(store.Campaign{Name: "Tỉnh 2024", Province: true, RegDeadline: "2024-04-30", ResultsDeadline: "2024-10-01"})
	must(err)
	must(tx.InCommune(w.tanPhu.ID, func() (err error) {
		w.tpUnit, err = tx.AddUnit(store.Unit{Name: "Chi bộ thôn Đông", Kind: "chi_bo_thon"})
		must(err)
		w.tpCamp, err = tx.PutCampaign(store.Campaign{Name: "Tân Phú 2024", RegDeadline: "2024-04-01", ResultsDeadline: "2024-09-01"})
		must(err)
		w.tpReg, err = tx.AddRegistration(store.Registration{UnitID: w.tpUnit.ID, CampaignID: w.tpCamp.ID}, "2024")
		return err
	}))
	return w
}

func TestCommunesAreIsolatedByScope(t *testing.T) {
	s, _ := openTemp(t)
	err := s.Update(context.Background(), func(tx *store.Tx) error {
		w := setUpTwoCommunes(t, tx)
		if w.tanPhu.Code != "TANPHU" || w.tpUnit.Commune != w.tanPhu.ID {
			t.Fatalf("commune %+v, unit %+v", w.tanPhu, w.tpUnit)
		}
		if w.homeReg.Number != "DVK-2024-001" || w.tpReg.Number != "DVK-TANPHU-2024-001" {
			t.Errorf("numbers %q and %q: each commune numbers from 1, with its code", w.homeReg.Number, w.tpReg.Number)
		}
		tx.Scope(store.HomeCommune)
		hidden := []struct {
			name string
			err  error
		}{
			{"unit", second(tx.Unit(w.tpUnit.ID))},
			{"registration", second(tx.Registration(w.tpReg.ID))},
			{"campaign", second(tx.Campaign(w.tpCamp.ID))},
			{"commune", second(tx.Commune(w.tanPhu.ID))},
			{"put registration", tx.PutRegistration(w.tpReg, 1, "approve", "")},
			{"secretary", tx.AddSecretary(w.tpUnit.ID, 5, 1)},
			{"link group", second(tx.LinkGroup(w.tpUnit.ID, -100))},
			{"invite", second(tx.CreateInvite(w.tpUnit.ID, 1, 3600))},
		}
		for _, h := range hidden {
			if !errors.Is(h.err, store.ErrNotFound) {
				t.Errorf("home commune, %s of Tân Phú: %v, want ErrNotFound", h.name, h.err)
			}
		}
		if u, err := tx.UnitByName("chi bộ thôn đông"); err != nil || u.ID != w.homeUnit.ID {
			t.Errorf("by name in the home commune: %+v, %v", u, err)
		}
		checkLists(t, tx, w)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func checkLists(t *testing.T, tx *store.Tx, w twoCommunes) {
	t.Helper()
	units, _ := tx.Units(true)
	regs, _ := tx.Registrations(0)
	camps, _ := tx.Campaigns(true)
	if len(units) != 1 || len(regs) != 1 || len(camps) != 2 {
		t.Errorf("home commune lists %d units, %d registrations, %d campaigns; want 1, 1, 2 (its own and the province's)",
			len(units), len(regs), len(camps))
	}
	tx.AcrossCommunes(func() error {
		units, _ = tx.Units(true)
		camps, _ = tx.Campaigns(true)
		return nil
	})
	if len(units) != 2 || len(camps) != 3 {
		t.Errorf("across communes: %d units, %d campaigns", len(units), len(camps))
	}
	tx.Scope(0)
	units, _ = tx.Units(true)
	camps, _ = tx.Campaigns(true)
	admins, _ := tx.Admins()
	if len(units) != 0 || len(camps) != 1 || len(admins) != 0 {
		t.Errorf("the province's place: %d units, %d campaigns, %d commune admins; want 0, 1 (its own), 0", len(units), len(camps), len(admins))
	}
}

func second[T any](_ T, err error) error { return err }

// A commune sets its own, earlier dates in a province campaign: it reads
// them as the campaign's, the other communes keep the province's, and it
// cannot change the campaign itself.
func TestProvinceCampaignTakesACommunesOwnDates(t *testing.T) {
	s, _ := openTemp(t)
	err := s.Update(context.Background(), func(tx *store.Tx) error {
		w := setUpTwoCommunes(t, tx)
		tx.Scope(w.tanPhu.ID)
		if err := tx.SetLocalDates(w.province.ID, store.Dates{RegDeadline: "2024-04-20"}); err != nil {
			t.Fatal(err)
		}
		c, _ := tx.Campaign(w.province.ID)
		if c.RegDeadline != "2024-04-20" || c.ResultsDeadline != "2024-10-01" {
			t.Errorf("Tân Phú reads %s / %s", c.RegDeadline, c.ResultsDeadline)
		}
		if o := c.Official(); o.RegDeadline != "2024-04-30" || o.ResultsDeadline != "2024-10-01" {
			t.Errorf("a filing is late against %+v; want the province's dates", o)
		}
		c.Name = "changed"
		if _, err := tx.PutCampaign(c); !errors.Is(err, store.ErrProvinceCampaign) {
			t.Errorf("a commune changed the province's campaign: %v", err)
		}
		tx.Scope(store.HomeCommune)
		if c, _ := tx.Campaign(w.province.ID); c.RegDeadline != "2024-04-30" || c.Name != "Tỉnh 2024" {
			t.Errorf("the home commune reads %+v", c)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestProvinceCampaignForChosenCommunes(t *testing.T) {
	s, _ := openTemp(t)
	err := s.Update(context.Background(), func(tx *store.Tx) error {
		w := setUpTwoCommunes(t, tx)
		only, err := tx.PutCampaign(store.Campaign{Name: "Chỉ Tân Phú", Province: true, Communes: []uint64{w.tanPhu.ID}})
		if err != nil {
			t.Fatal(err)
		}
		tx.Scope(store.HomeCommune)
		if _, err := tx.Campaign(only.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("the home commune sees a campaign for Tân Phú only: %v", err)
		}
		tx.Scope(w.tanPhu.ID)
		if _, err := tx.Campaign(only.ID); err != nil {
			t.Errorf("Tân Phú does not see its province campaign: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestCommuneCodes(t *testing.T) {
	s, _ := openTemp(t)
	err := s.Update(context.Background(), func(tx *store.Tx) error {
		if _, err := tx.AddCommune(store.Commune{Name: "Xã A", Code: "TP"}); err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			code string
			want error
		}{{"TP", store.ErrDuplicateCode}, {"tp", store.ErrDuplicateCode}, {"", store.ErrBadCode},
			{"Tân Phú", store.ErrBadCode}, {"X", store.ErrBadCode}, {"ABCDEFGHIJKLM", store.ErrBadCode}} {
			if _, err := tx.AddCommune(store.Commune{Name: "Xã B", Code: tt.code}); !errors.Is(err, tt.want) {
				t.Errorf("code %q: %v, want %v", tt.code, err, tt.want)
			}
		}
		if c, err := tx.CommuneByCode("tp"); err != nil || c.Name != "Xã A" {
			t.Errorf("by code: %+v, %v", c, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// An invite is managed by its commune's office: another commune's scope
// neither reads it for revoking nor revokes it; whoever holds the code
// still opens it (Invite reads any commune's).
func TestInvitesAreManagedByTheirCommune(t *testing.T) {
	s, _ := openTemp(t)
	err := s.Update(context.Background(), func(tx *store.Tx) error {
		w := setUpTwoCommunes(t, tx)
		if err := tx.PutUser(store.User{ID: 9, Admin: true, Commune: w.tanPhu.ID}); err != nil {
			return err
		}
		tx.Scope(w.tanPhu.ID)
		unitInv, err := tx.CreateInvite(w.tpUnit.ID, 9, time.Hour)
		if err != nil {
			return err
		}
		officeInv, err := tx.CreateOfficeInvite(w.tanPhu.ID, false, 9, time.Hour)
		if err != nil {
			return err
		}
		for _, code := range []string{unitInv.Code, officeInv.Code} {
			tx.Scope(store.HomeCommune)
			if _, err := tx.OwnInvite(code); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("the home commune reads Tân Phú's invite: %v", err)
			}
			if _, err := tx.RevokeInvite(code); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("the home commune revokes Tân Phú's invite: %v", err)
			}
			if inv, err := tx.Invite(code); err != nil || inv.Revoked {
				t.Errorf("the code no longer opens: %+v, %v", inv, err)
			}
			tx.Scope(w.tanPhu.ID)
			if _, err := tx.RevokeInvite(code); err != nil {
				t.Errorf("Tân Phú cannot revoke its own invite: %v", err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A unit files only into its own commune's campaigns and the province's
// for its commune: not into another commune's, whatever the scope.
func TestRegistrationOnlyIntoTheUnitsCommunesCampaign(t *testing.T) {
	s, _ := openTemp(t)
	err := s.Update(context.Background(), func(tx *store.Tx) error {
		w := setUpTwoCommunes(t, tx)
		if _, err := tx.AddRegistration(store.Registration{UnitID: w.homeUnit.ID, CampaignID: w.tpCamp.ID}, "2024"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("the home commune's unit filed into Tân Phú's campaign: %v", err)
		}
		if _, err := tx.AddRegistration(store.Registration{UnitID: w.tpUnit.ID, CampaignID: w.province.ID}, "2024"); err != nil {
			t.Errorf("Tân Phú's unit cannot file into the province's campaign: %v", err)
		}
		if !w.province.Includes(w.tpUnit) || w.tpCamp.Includes(w.homeUnit) || !w.homeCamp.Includes(w.homeUnit) {
			t.Error("Includes ignores the unit's commune")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A campaign's registrations are its own, oldest first, however they
// interleave with another campaign's; the province's campaign shows a
// commune only its own units'.
func TestRegistrationsOfACampaign(t *testing.T) {
	s, _ := openTemp(t)
	within(t, s, func(tx *store.Tx) error {
		w := setUpTwoCommunes(t, tx)
		want := map[uint64][]uint64{w.homeCamp.ID: {w.homeReg.ID}, w.tpCamp.ID: {w.tpReg.ID}}
		for i := 0; i < 3; i++ {
			for _, g := range []store.Registration{
				{UnitID: w.homeUnit.ID, CampaignID: w.province.ID},
				{UnitID: w.homeUnit.ID, CampaignID: w.homeCamp.ID},
				{UnitID: w.tpUnit.ID, CampaignID: w.province.ID},
			} {
				r, err := tx.AddRegistration(g, "2024")
				if err != nil {
					return err
				}
				want[g.CampaignID] = append(want[g.CampaignID], r.ID)
			}
		}
		for c, ids := range want {
			checkRegIDs(t, tx, c, ids)
		}
		tx.Scope(w.tanPhu.ID)
		checkRegIDs(t, tx, w.province.ID, []uint64{want[w.province.ID][1], want[w.province.ID][3], want[w.province.ID][5]})
		checkRegIDs(t, tx, w.homeCamp.ID, nil)
		return nil
	})
}

func checkRegIDs(t *testing.T, tx *store.Tx, campaign uint64, want []uint64) {
	t.Helper()
	regs, err := tx.Registrations(campaign)
	var got []uint64
	for _, r := range regs {
		if r.CampaignID != campaign {
			t.Errorf("campaign %d lists registration %d of campaign %d", campaign, r.ID, r.CampaignID)
		}
		got = append(got, r.ID)
	}
	if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("campaign %d (scope %d): registrations %v, %v; want %v", campaign, tx.Scoped(), got, err, want)
	}
}

// The province's place (Scope(0)) holds the province's own records only:
// no commune's unit, registration, admin or audit entry is read there,
// nothing of a commune's is made there, and its campaigns are the
// province's. Before, Scope(0) read every commune.
func TestProvincePlaceHoldsNoCommunesRecords(t *testing.T) {
	s, _ := openTemp(t)
	err := s.Update(context.Background(), func(tx *store.Tx) error {
		w := setUpTwoCommunes(t, tx)
		if err := tx.PutUser(store.User{ID: 9, Admin: true, Commune: w.tanPhu.ID}); err != nil {
			return err
		}
		if err := tx.InCommune(w.tanPhu.ID, func() error { return tx.Audit(9, "unit.add", "Chi bộ thôn Đông") }); err != nil {
			return err
		}
		tx.Scope(0)
		if err := tx.Audit(1, "commune.add", "Xã Tân Phú"); err != nil {
			return err
		}
		hidden := []struct {
			name string
			err  error
		}{
			{"unit", second(tx.Unit(w.tpUnit.ID))},
			{"home unit", second(tx.Unit(w.homeUnit.ID))},
			{"registration", second(tx.Registration(w.tpReg.ID))},
			{"commune's campaign", second(tx.Campaign(w.tpCamp.ID))},
		}
		for _, h := range hidden {
			if !errors.Is(h.err, store.ErrNotFound) {
				t.Errorf("the province's place, %s: %v, want ErrNotFound", h.name, h.err)
			}
		}
		if _, err := tx.AddUnit(store.Unit{Name: "Chi bộ mới", Kind: "chi_bo_thon"}); !errors.Is(err, store.ErrProvincePlace) {
			t.Errorf("a unit made in the province's place: %v", err)
		}
		if _, err := tx.CreateInvite(0, 1, time.Hour); !errors.Is(err, store.ErrProvincePlace) {
			t.Errorf("a commune's admin invite made in the province's place: %v", err)
		}
		c, err := tx.PutCampaign(store.Campaign{Name: "Tỉnh 2025", RegDeadline: "2025-04-30", ResultsDeadline: "2025-10-01"})
		if err != nil || !c.Province {
			t.Errorf("a campaign made in the province's place: %+v, %v; want the province's", c, err)
		}
		if admins, _ := tx.Admins(); len(admins) != 0 {
			t.Errorf("the province's place lists commune admins %v", admins)
		}
		if regs, _ := tx.Registrations(0); len(regs) != 0 {
			t.Errorf("the province's place lists %d registrations", len(regs))
		}
		if communes, _ := tx.Communes(); len(communes) != 2 {
			t.Errorf("the province's place lists %d communes, want both", len(communes))
		}
		entries, err := tx.AuditPage(0, 10)
		if err != nil || len(entries) != 1 || entries[0].Action != "commune.add" {
			t.Errorf("the province's audit log: %+v, %v; want its own entry only", entries, err)
		}
		return tx.AcrossCommunes(func() error {
			if units, _ := tx.Units(true); len(units) != 2 {
				t.Errorf("across communes: %d units", len(units))
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.View(context.Background(), func(tx *store.Tx) error {
		if !tx.Across() {
			t.Error("a new transaction is not across communes")
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// An admin taken out of [bot] admins is audited in the log of the office
// they left, the home commune's, not the province's. Before, the entry
// was written across communes and read as the province's.
func TestConfigDemotionInTheOfficesLog(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	if _, err := s.EnsureAdmins(ctx, []int64{42, 7}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.EnsureAdmins(ctx, []int64{42}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		commune uint64
		want    int
	}{{"the home commune", store.HomeCommune, 1}, {"the province", 0, 0}} {
		var n int
		err := s.View(ctx, func(tx *store.Tx) error {
			tx.Scope(tc.commune)
			entries, err := tx.AuditPage(0, 20)
			for _, e := range entries {
				if e.Action == "admin.remove" {
					n++
				}
			}
			return err
		})
		if err != nil || n != tc.want {
			t.Errorf("%s's log: %d removals, %v; want %d", tc.name, n, err, tc.want)
		}
	}
}
