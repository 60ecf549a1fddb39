package store_test

import (
	"bytes"
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/dvkbot/dvkbot/store"
)

// A damaged file is refused with a clear error: it neither crashes the
// process (bbolt panics or faults on some) nor becomes a new database.
func TestOpenRefusesDamagedFiles(t *testing.T) {
	good := goodDatabase(t)
	tests := []struct {
		name string
		data func() []byte
	}{
		{"empty", func() []byte { return nil }},
		{"a few bytes", func() []byte { return []byte("dvkbot") }},
		{"random bytes", func() []byte {
			b := make([]byte, 64<<10)
			r := rand.New(rand.NewPCG(1, 2))
			for i := range b {
				b[i] = byte(r.UintN(256))
			}
			return b
		}},
		{"truncated", func() []byte { return good[:len(good)-1000] }},
		{"half a database", func() []byte { return good[:len(good)/2+7] }},
		{"cut at a page boundary", func() []byte { return good[:5*4096] }}, // below its last page
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "bad.db")
			data := tt.data()
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			s, err := store.Open(path, store.Options{})
			if err == nil {
				s.Close()
				t.Fatal("a damaged file was opened")
			}
			if !errors.Is(err, store.ErrDamaged) {
				t.Errorf("error %v, want ErrDamaged", err)
			}
			after, _ := os.ReadFile(path)
			if !bytes.Equal(after, data) {
				t.Error("the damaged file was changed")
			}
		})
	}
}

func TestReadOnlyOpenCreatesAndMigratesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing.db")
	if _, err := store.Open(path, store.Options{ReadOnly: true}); err == nil {
		t.Fatal("a missing file opened read-only")
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a read-only open created %s", path)
	}
	good := filepath.Join(t.TempDir(), "good.db")
	os.WriteFile(good, goodDatabase(t), 0o600)
	s, err := store.Open(good, store.Options{ReadOnly: true, Check: true})
	if err != nil {
		t.Fatalf("read-only open of a good file: %v", err)
	}
	s.Close()
}

func goodDatabase(t *testing.T) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "good.db")
	s, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
