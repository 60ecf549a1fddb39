package store

import (
	"context"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// A database written before reminder keys carried the deadline's date
// keeps what it sent: the old keys get the campaign's current dates.
func TestMigrationDatesOldReminderKeys(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var c Campaign
	err = s.Update(context.Background(), func(tx *Tx) error {
		c, err = tx.PutCampaign(Campaign{Name: "Đợt 2024", RegDeadline: "2024-04-07", ResultsDeadline: "2024-09-05"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// Back to how the previous version left the file.
	err = s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketReminders)
		for _, k := range []string{"c1/u2/reg/3", "c1/u2/results/-1", "c9/u2/reg/7", "digest/2024-W14"} {
			if err := b.Put([]byte(k), itob(1)); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(keySchemaVersion, itob(uint64(migrationIndex(t, "reminder keys carry the deadline's date"))))
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.View(context.Background(), func(tx *Tx) error {
		for key, want := range map[string]bool{
			ReminderKey(c.ID, 2, "reg", "2024-04-07", 3):      true,
			ReminderKey(c.ID, 2, "results", "2024-09-05", -1): true,
			"c1/u2/reg/3":     false,
			"c9/u2/reg/7":     true, // a campaign that is gone: left as it was
			"digest/2024-W14": true,
		} {
			if got := tx.ReminderSent(key); got != want {
				t.Errorf("ReminderSent(%q) = %v, want %v", key, got, want)
			}
		}
		return nil
	})
}

// migrationIndex is the schema version just before the named step.
func migrationIndex(t *testing.T, name string) int {
	t.Helper()
	for i, m := range migrations {
		if m.name == name {
			return i
		}
	}
	t.Fatalf("no migration %q", name)
	return 0
}

// A database written before the admins index gets it built from the users.
func TestMigrationIndexesAdmins(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.EnsureAdmins(context.Background(), []int64{42, 7}); err != nil {
		t.Fatal(err)
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketAdmins); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchemaVersion, itob(uint64(migrationIndex(t, "index of admins"))))
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.View(context.Background(), func(tx *Tx) error {
		ids, err := tx.Admins()
		if err != nil || len(ids) != 2 || ids[0] != 7 || ids[1] != 42 {
			t.Errorf("admins after the migration: %v, %v", ids, err)
		}
		return nil
	})
}
