package store_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/dvkbot/dvkbot/store"
)

// testdata/main-f866dbb.db is the database `dvkbot demo` leaves behind,
// written by main at f866dbb, before communes: units, campaigns,
// registrations with results and evaluations, secretaries, a linked
// group, admins and a read-only user.
const oldMain = "testdata/main-f866dbb.db"

// rawBucket reads every record of a bucket as it is in the file, before
// any migration.
func rawBucket(t *testing.T, path, bucket string) map[string]map[string]any {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := map[string]map[string]any{}
	err = db.View(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte(bucket)).ForEach(func(k, v []byte) error {
			var m map[string]any
			if err := json.Unmarshal(v, &m); err != nil {
				return err
			}
			out[string(k)] = m
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func copyOldMain(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(oldMain)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "old.db")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// An older, one-commune database becomes the home commune's: every unit,
// campaign, registration and admin is the home commune's, numbers are
// kept, names are still found, and numbering goes on without a gap.
func TestOlderDatabaseBecomesTheHomeCommune(t *testing.T) {
	path := copyOldMain(t)
	units, regs := rawBucket(t, path, "units"), rawBucket(t, path, "registrations")
	users := rawBucket(t, path, "users")
	if len(units) == 0 || len(regs) == 0 {
		t.Fatalf("the fixture holds %d units and %d registrations", len(units), len(regs))
	}
	s, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	err = s.Update(context.Background(), func(tx *store.Tx) error {
		checkHome(t, tx)
		checkUnits(t, tx, units)
		checkRegistrations(t, tx, regs)
		checkAdmins(t, tx, users)
		checkNumbering(t, tx, regs)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func checkHome(t *testing.T, tx *store.Tx) {
	t.Helper()
	cs, err := tx.Communes()
	if err != nil || len(cs) != 1 || cs[0].ID != store.HomeCommune || cs[0].Code != "" {
		t.Fatalf("communes after migration: %+v, %v; want the home commune alone, without a code", cs, err)
	}
}

func checkUnits(t *testing.T, tx *store.Tx, raw map[string]map[string]any) {
	t.Helper()
	all, err := tx.Units(true)
	if err != nil || len(all) != len(raw) {
		t.Fatalf("%d units, %v; the file had %d", len(all), err, len(raw))
	}
	for _, u := range all {
		if u.Commune != store.HomeCommune {
			t.Errorf("unit %q of commune %d", u.Name, u.Commune)
		}
		if found, err := tx.UnitByName(strings.ToUpper(u.Name)); err != nil || found.ID != u.ID {
			t.Errorf("unit %q not found by name after migration: %v", u.Name, err)
		}
	}
	tx.InCommune(2, func() error {
		if n, _ := tx.Units(true); len(n) != 0 {
			t.Errorf("commune 2 sees %d of the home commune's units", len(n))
		}
		return nil
	})
}

func checkRegistrations(t *testing.T, tx *store.Tx, raw map[string]map[string]any) {
	t.Helper()
	all, err := tx.Registrations(0)
	if err != nil || len(all) != len(raw) {
		t.Fatalf("%d registrations, %v; the file had %d", len(all), err, len(raw))
	}
	numbers, perCampaign := map[string]bool{}, map[uint64]int{}
	for _, m := range raw {
		numbers[m["number"].(string)] = true
		perCampaign[uint64(m["campaign_id"].(float64))]++
	}
	for id, n := range perCampaign { // the migration indexed them by campaign
		if got, err := tx.Registrations(id); err != nil || len(got) != n {
			t.Errorf("campaign %d: %d registrations, %v; the file had %d", id, len(got), err, n)
		}
		checkBriefs(t, tx, id)
	}
	for _, r := range all {
		if !numbers[r.Number] || r.Commune != store.HomeCommune {
			t.Errorf("registration %d: number %q of commune %d; the file's numbers are %v", r.ID, r.Number, r.Commune, numbers)
		}
		c, err := tx.Campaign(r.CampaignID)
		if err != nil || c.Commune != store.HomeCommune || c.Province {
			t.Errorf("campaign %d: %+v, %v; want the home commune's", r.CampaignID, c, err)
		}
	}
}

func checkAdmins(t *testing.T, tx *store.Tx, raw map[string]map[string]any) {
	t.Helper()
	want := 0
	for _, m := range raw {
		if m["admin"] == true {
			want++
		}
	}
	admins, err := tx.AdminsOf(store.HomeCommune)
	if err != nil || len(admins) != want || want == 0 {
		t.Errorf("home commune's admins %v, %v; the file had %d", admins, err, want)
	}
	for _, id := range admins {
		u, _ := tx.User(id)
		if !u.AdminOf(store.HomeCommune) || u.AdminOf(2) {
			t.Errorf("admin %d: %+v", id, u)
		}
	}
	if p, _ := tx.AdminsOf(0); len(p) != 0 {
		t.Errorf("province admins after migration: %v", p)
	}
}

// checkNumbering: the next registration of the fixture's year follows the
// highest number in the file.
func checkNumbering(t *testing.T, tx *store.Tx, raw map[string]map[string]any) {
	t.Helper()
	var last string
	var unitID uint64
	for _, m := range raw {
		if n := m["number"].(string); n > last {
			last, unitID = n, uint64(m["unit_id"].(float64))
		}
	}
	year := last[4:8]
	r, err := tx.AddRegistration(store.Registration{UnitID: unitID, CampaignID: 1}, year)
	if err != nil {
		t.Fatal(err)
	}
	if r.Number <= last || !strings.HasPrefix(r.Number, "DVK-"+year+"-") {
		t.Errorf("next number %q after %q", r.Number, last)
	}
}
