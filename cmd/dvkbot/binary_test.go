package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// The tests and benchmarks that run dvkbot as its own process share one
// build of it, made on first use and removed when the tests end.
var (
	binOnce sync.Once
	binPath string
	binErr  error
)

func dvkbotBinary(t testing.TB) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "dvkbot-bin")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "dvkbot")
		if out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput(); err != nil {
			binErr = fmt.Errorf("build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

func TestMain(m *testing.M) {
	if os.Getenv(floorServerEnv) != "" {
		serveFloor() // a benchmark's other process (floor_bench_test.go)
		return
	}
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}
