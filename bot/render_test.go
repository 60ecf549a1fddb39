package bot

import (
	"strings"
	"testing"
)

func TestUTF16Len(t *testing.T) {
	tests := []struct {
		name string
		s    string
		want int
	}{
		{"ascii", "abc", 3},
		{"vietnamese NFC", "Dân vận khéo", 12},
		{"vietnamese NFD", "Da\u0302n", 4},
		{"emoji counts two", "👍", 2},
		{"flag counts four", "🇻🇳", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := utf16Len(tt.s); got != tt.want {
				t.Errorf("utf16Len(%q) = %d, want %d", tt.s, got, tt.want)
			}
		})
	}
}

func TestSplitMessage(t *testing.T) {
	line := strings.Repeat("ệ", 99) + "\n" // 100 units a line
	tests := []struct {
		name  string
		s     string
		limit int
		parts int
	}{
		{"fits", "ngắn", 4096, 1},
		{"exactly the limit", strings.Repeat("a", 4096), 4096, 1},
		{"lines", strings.Repeat(line, 100), 4096, 3},
		{"one long line of emoji", strings.Repeat("😀", 3000), 4096, 2},
		{"entity at the cut", strings.Repeat("a", 4094) + "&amp;b", 4096, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parts := splitMessage(tt.s, tt.limit)
			if len(parts) != tt.parts {
				t.Fatalf("%d parts, want %d", len(parts), tt.parts)
			}
			joined := 0
			for _, p := range parts {
				if n := utf16Len(p); n > tt.limit || n == 0 {
					t.Errorf("part of %d units (limit %d)", n, tt.limit)
				}
				if strings.HasSuffix(p, "&am") || strings.HasSuffix(p, "&") {
					t.Errorf("part cut inside an entity: …%q", p[len(p)-5:])
				}
				joined += len(strings.ReplaceAll(p, "\n", ""))
			}
			if want := len(strings.ReplaceAll(tt.s, "\n", "")); joined != want {
				t.Errorf("lost text: %d bytes of %d", joined, want)
			}
		})
	}
}
