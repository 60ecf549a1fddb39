package main

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"

	"golang.org/x/time/rate"
)

// TestPaceIsLiftedOnlyForAnEmulator: DVKBOT_BENCH_UNPACED lifts the
// sender's pace against an emulator and never against Telegram.
func TestPaceIsLiftedOnlyForAnEmulator(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, env, endpoint string
		lifted              bool
		log                 string
	}{
		{"unset", "", "http://127.0.0.1:8081/bot%s/%s", false, ""},
		{"emulator", "1", "http://127.0.0.1:8081/bot%s/%s", true, "pace is lifted"},
		{"telegram", "1", "https://api.telegram.org/bot%s/%s", false, "ignored"},
		{"other value", "yes", "http://127.0.0.1:8081/bot%s/%s", false, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.Telegram.APIEndpoint = c.endpoint
			var logs bytes.Buffer
			m := NewMain(cfg, slog.New(slog.NewTextHandler(&logs, nil)))
			liftPace(m, func(k string) string {
				if k == envUnpaced {
					return c.env
				}
				return ""
			})
			if lifted := m.Limits.Global == rate.Inf; lifted != c.lifted {
				t.Errorf("lifted %v, want %v", lifted, c.lifted)
			}
			if c.log == "" && logs.Len() > 0 || !strings.Contains(logs.String(), c.log) {
				t.Errorf("log %q, want %q", logs.String(), c.log)
			}
		})
	}
}
