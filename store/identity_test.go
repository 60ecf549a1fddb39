package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/dvkbot/dvkbot/store"
)

// TestIdentity: a messenger's own ids get stable int64 ids from the base,
// people positive and groups negative, each given once, kept across a
// restart, and read back.
func TestIdentity(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "id.db")
	s, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	const base = 1 << 60
	u, err := s.Identity(ctx, "zalo", "6ede9afa66b88fe6d6a9", false, base)
	if err != nil || u != base+1 {
		t.Fatalf("first person = %d, %v; want %d", u, err, int64(base+1))
	}
	g, err := s.Identity(ctx, "zalo", "grp1", true, base)
	if err != nil || g != -(base+2) {
		t.Fatalf("first group = %d, %v; want %d", g, err, -int64(base+2))
	}
	again, _ := s.Identity(ctx, "zalo", "6ede9afa66b88fe6d6a9", false, base)
	if again != u {
		t.Errorf("the same person got %d, then %d", u, again)
	}
	s.Close()
	s, err = store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if m, ext, err := s.External(ctx, g); err != nil || m != "zalo" || ext != "grp1" {
		t.Errorf("External(%d) = %q, %q, %v", g, m, ext, err)
	}
	if again, _ := s.Identity(ctx, "zalo", "grp1", true, base); again != g {
		t.Errorf("after a restart the group got %d, not %d", again, g)
	}
	if _, _, err := s.External(ctx, 42); !errors.Is(err, store.ErrIdentity) {
		t.Errorf("an id never given: %v", err)
	}
}
