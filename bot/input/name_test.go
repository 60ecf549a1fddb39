package input_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/dvkbot/dvkbot/bot/input"
)

func TestParseFullName(t *testing.T) {
	tests := []struct {
		in, want string
		err      error
	}{
		{"Trần Văn Bình", "Trần Văn Bình", nil},
		{"  Trần   Văn\tBình  ", "Trần Văn Bình", nil},
		{"trần văn bình", "Trần Văn Bình", nil},                         // all small: capitals given
		{"TRẦN VĂN BÌNH", "Trần Văn Bình", nil},                         // all capitals
		{"đặng thị ánh", "Đặng Thị Ánh", nil},                           // Đ
		{"Nguyễn thị Hoa", "Nguyễn thị Hoa", nil},                       // mixed: kept as typed
		{"Đồng chí Trần Văn Bình", "Trần Văn Bình", nil},                // the address dropped
		{"đ/c Lê Minh", "Lê Minh", nil},                                 //
		{"Trần Văn Bình.", "Trần Văn Bình", nil},                        // a full stop at the end
		{"Tra\u0302\u0300n Va\u0306n Bi\u0300nh", "Trần Văn Bình", nil}, // NFD
		{"Trần\u200b Văn\u202e Bình", "Trần Văn Bình", nil},             // zero-width and bidi dropped
		{"Nguyễn-Trần Thu Hà", "Nguyễn-Trần Thu Hà", nil},               // hyphen
		{"H'Hen Niê", "H'Hen Niê", nil},                                 // Ê Đê names
		{"Y Moan", "Y Moan", nil},                                       //
		{"", "", input.ErrNameEmpty},
		{"   ", "", input.ErrNameEmpty},
		{"...", "", input.ErrNameEmpty},
		{"Đồng chí", "Đồng chí", nil}, // nothing after it to drop to
		{"B", "", input.ErrNameChars},
		{"Trần Văn Bình 1975", "", input.ErrNameChars},
		{"<b>Trần</b>", "", input.ErrNameChars},
		{"@vanphong", "", input.ErrNameChars},
		{"Trần\nVăn Bình", "Trần Văn Bình", nil}, // one line
		{"/start", "", input.ErrNameChars},
		{"🙂 Bình", "", input.ErrNameChars},
		{strings.Repeat("Nguyễn ", 12), "", input.ErrNameLong},
	}
	for _, tt := range tests {
		got, err := input.ParseFullName(tt.in)
		if !errors.Is(err, tt.err) || got != tt.want {
			t.Errorf("ParseFullName(%q) = %q, %v; want %q, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func FuzzParseFullName(f *testing.F) {
	for _, s := range []string{"Trần Văn Bình", "đ/c lê minh", "<b>x</b>", "\u202e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := input.ParseFullName(s)
		if err != nil {
			return
		}
		if strings.ContainsAny(got, "<>&\"\n\t") || got != strings.TrimSpace(got) {
			t.Fatalf("ParseFullName(%q) = %q", s, got)
		}
		if again, err := input.ParseFullName(got); err != nil || again != got {
			t.Fatalf("not stable: %q -> %q -> %q, %v", s, got, again, err)
		}
	})
}
