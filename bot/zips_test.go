package bot

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/dvkbot/dvkbot/bot/report"
	"github.com/dvkbot/dvkbot/store"
)

// The plan's bound holds for data deflate cannot shrink: every zip it
// plans comes out at or under the limit, and holds every file.
func TestZipPlanStaysUnderTheLimit(t *testing.T) {
	dir := t.TempDir()
	const limit = 1 << 20
	var entries []store.ZipEntry
	for i, size := range []int{300 << 10, 500 << 10, 100, 700 << 10, limit - 4096, 64 << 10, 200 << 10} {
		data := make([]byte, size)
		rand.Read(data)
		local := fmt.Sprintf("evidence/%d/1.jpg", i+1)
		if err := os.MkdirAll(filepath.Join(dir, "evidence", fmt.Sprint(i+1)), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(local)), data, 0o600); err != nil {
			t.Fatal(err)
		}
		entries = append(entries, store.ZipEntry{Name: fmt.Sprintf("Chi bộ thôn Đông/DVK-2024-%03d Tuyến đường hoa/1.jpg", i+1), Local: local})
	}
	groups, err := planZips(entries, dir, limit)
	if err != nil {
		t.Fatal(err)
	}
	files := 0
	for i, g := range groups {
		var buf bytes.Buffer
		n, err := report.WriteZip(&buf, g, dir)
		if err != nil {
			t.Fatal(err)
		}
		files += n
		if buf.Len() > limit {
			t.Errorf("zip %d of %d is %d bytes, over the limit of %d", i+1, len(groups), buf.Len(), limit)
		}
	}
	if files != len(entries) {
		t.Errorf("the zips hold %d files, want %d", files, len(entries))
	}

	if _, err := planZips(entries, dir, limit-4096); err != errZipTooBig {
		t.Errorf("a file that fits in no zip: %v, want errZipTooBig", err)
	}
}
