package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var updateGolden = flag.Bool("update", false, "rewrite testdata/demo.golden from the demo's output")

// The demo transcript is the behaviour contract of what users see: a
// refactoring that changes a reply shows up here. Only the random parts
// (invite codes) and where the workbook was written are masked.
var demoVolatile = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`start[= ][A-Za-z0-9_-]{22}`), "start <invite>"},
	{regexp.MustCompile(`Đã ghi tệp .* \(\d+ byte\)`), "Đã ghi tệp <path> (<size>)"},
}

func normalizeDemo(b []byte) []byte {
	for _, v := range demoVolatile {
		b = v.re.ReplaceAll(b, []byte(v.with))
	}
	return b
}

func TestDemoTranscriptMatchesGolden(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("plays the whole demo")
	}
	var out bytes.Buffer
	if err := runDemo(context.Background(), &out); err != nil {
		t.Fatalf("demo: %v", err)
	}
	got := normalizeDemo(out.Bytes())
	path := filepath.Join("testdata", "demo.golden")
	if *updateGolden {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden: %v (run go test ./cmd/dvkbot -run DemoTranscript -update)", err)
	}
	if !bytes.Equal(got, want) {
		gotPath := filepath.Join(t.TempDir(), "demo.got")
		_ = os.WriteFile(gotPath, got, 0o644)
		t.Fatalf("demo transcript differs from %s; diff %s %s\n%s", path, path, gotPath, firstDifference(want, got))
	}
}

// firstDifference shows the first line where got leaves want, with the
// lines around it, so that a failure in CI says what changed.
func firstDifference(want, got []byte) string {
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	from := max(0, i-3)
	show := func(lines []string) string { return strings.Join(lines[from:min(len(lines), i+4)], "\n") }
	return fmt.Sprintf("line %d\n--- want\n%s\n--- got\n%s", i+1, show(w), show(g))
}
