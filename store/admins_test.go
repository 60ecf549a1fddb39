package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// A database written before admins knew where their role came from: an
// admin who used no admin invite came from the config, and is demoted
// when the config no longer lists them; an invited admin stays.
func TestMigrationMarksConfigAdmins(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := s.EnsureAdmins(ctx, []int64{42, 7}); err != nil {
		t.Fatal(err)
	}
	err = s.Update(ctx, func(tx *Tx) error {
		inv, err := tx.CreateInvite(0, 42, time.Hour)
		if err != nil {
			return err
		}
		_, err = tx.UseInvite(inv.Code, 9)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.db.Update(func(tx *bolt.Tx) error { // the records as an older version wrote them
		for _, id := range []int64{42, 7, 9} {
			var u User
			if err := getJSON(tx.Bucket(bucketUsers), idKey(id), &u); err != nil {
				return err
			}
			u.ConfigAdmin = false
			if err := putJSON(tx.Bucket(bucketUsers), idKey(id), u); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(keySchemaVersion, itob(uint64(migrationIndex(t, "admins from the config are marked"))))
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
	demoted, err := s.EnsureAdmins(ctx, []int64{42})
	if err != nil || len(demoted) != 1 || demoted[0].ID != 7 {
		t.Fatalf("demoted %+v, %v; want 7 only", demoted, err)
	}
	s.View(ctx, func(tx *Tx) error {
		ids, err := tx.Admins()
		if err != nil || len(ids) != 2 || ids[0] != 9 || ids[1] != 42 {
			t.Errorf("admins %v, %v; want the invited 9 and the listed 42", ids, err)
		}
		return nil
	})
}
