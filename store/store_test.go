package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/store"
	bolt "go.etcd.io/bbolt"
)

var t0 = time.Date(2024, 4, 1, 8, 0, 0, 0, time.UTC)

func openTemp(t *testing.T) (*store.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "dvkbot.db")
	s, err := store.Open(path, store.Options{Now: func() time.Time { return t0 }})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func TestOpenCreatesPrivateFileAtCurrentSchema(t *testing.T) {
	s, path := openTemp(t)
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode().Perm(); got != 0o600 {
		t.Errorf("file mode = %o, want 600", got)
	}
	v, err := s.Version()
	if err != nil || v != store.SchemaVersion() {
		t.Errorf("version = %d, %v; want %d", v, err, store.SchemaVersion())
	}
}

func TestOpenTwiceSaysInUse(t *testing.T) {
	_, path := openTemp(t)
	start := time.Now()
	_, err := store.Open(path, store.Options{Timeout: 100 * time.Millisecond})
	if !errors.Is(err, store.ErrInUse) {
		t.Fatalf("second open: got %v, want ErrInUse", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("second open hung for %v", time.Since(start))
	}
}

func TestReopenKeepsDataAndVersion(t *testing.T) {
	s, path := openTemp(t)
	ctx := context.Background()
	if _, err := s.EnsureAdmins(ctx, []int64{42}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s2, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s2.Close()
	err = s2.View(ctx, func(tx *store.Tx) error {
		u, err := tx.User(42)
		if err == nil && !u.Admin {
			t.Errorf("user 42 lost admin after reopen")
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestNewerSchemaIsRefused(t *testing.T) {
	s, path := openTemp(t)
	s.Close()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		v := make([]byte, 8)
		v[7] = byte(store.SchemaVersion() + 1)
		return tx.Bucket([]byte("meta")).Put([]byte("schema_version"), v)
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	_, err = store.Open(path, store.Options{})
	if !errors.Is(err, store.ErrNewerSchema) {
		t.Fatalf("open newer file: got %v, want ErrNewerSchema", err)
	}
}

func TestMigratesFromEmptyVersionZeroFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	s, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatalf("open version-0 file: %v", err)
	}
	defer s.Close()
	if v, _ := s.Version(); v != store.SchemaVersion() {
		t.Errorf("version after migration = %d, want %d", v, store.SchemaVersion())
	}
}

func TestUnknownFieldsInOldRecordsAreIgnored(t *testing.T) {
	s, path := openTemp(t)
	s.Close()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		k := []byte{0, 0, 0, 0, 0, 0, 0, 7}
		return tx.Bucket([]byte("users")).Put(k, []byte(`{"id":7,"first_name":"Lan","future_field":{"x":1}}`))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	s2, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	err = s2.View(context.Background(), func(tx *store.Tx) error {
		u, err := tx.User(7)
		if err == nil && u.FirstName != "Lan" {
			t.Errorf("first name = %q", u.FirstName)
		}
		return err
	})
	if err != nil {
		t.Fatalf("read record with unknown field: %v", err)
	}
}
