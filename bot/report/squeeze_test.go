package report

import (
	"strings"
	"testing"
)

// squeeze must say what strings.Fields joined says, copying only when
// that differs.
func TestSqueezeIsFieldsJoined(t *testing.T) {
	for _, in := range []string{"", " ", "m²", "m2", "km đường", "tấn  thóc", " m²", "m² ", "cây\txanh", "người\u00a0dân",
		"a \u2003b", "ngày\ncông", "  ", "đ", "triệu đồng", "x y z", "x  y", "\u3000m"} {
		t.Run(in, func(t *testing.T) {
			want := strings.Join(strings.Fields(in), " ")
			if got := squeeze(in); got != want {
				t.Errorf("squeeze(%q) = %q, want %q", in, got, want)
			}
		})
	}
}

func FuzzSqueeze(f *testing.F) {
	for _, s := range []string{"m²", " a  b ", "x\u00a0y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if got, want := squeeze(in), strings.Join(strings.Fields(in), " "); got != want {
			t.Errorf("squeeze(%q) = %q, want %q", in, got, want)
		}
	})
}
