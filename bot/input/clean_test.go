package input_test

import (
	"testing"

	"github.com/dvkbot/dvkbot/bot/input"
)

func TestCleanName(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"right-to-left override", "\u202eBình", "Bình"},
		{"zero-width space", "Trần\u200b Văn\u200b", "Trần Văn"},
		{"markup", "<b>Trần</b> Bình", "Trần Bình"},
		{"markup split by a zero-width character", "<\u200bb>Lan</b\u200b>", "Lan"},
		{"tags between words", "Trần<br>Bình", "Trần Bình"},
		{"a bare angle bracket", "Lan <3", "Lan 3"},
		{"decomposed and spaced", "  Nguye\u0302\u0303n   Lan\t", "Nguyễn Lan"},
		{"ampersand kept", "Tí & Tèo", "Tí & Tèo"},
		{"nothing left", "<b></b>\u200b", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := input.CleanName(tt.in); got != tt.want {
				t.Errorf("CleanName(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
