package input

import (
	"errors"
	"testing"
)

// People and households are two numbers: each is read with the word that
// says what it counts, and a bare number is asked about, never guessed
// (review F13, U11).
func TestParseHeadcount(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Headcount
		err  error
	}{
		{"150 hộ", Headcount{Households: 150}, nil},
		{"khoảng 150 hộ", Headcount{Households: 150}, nil},
		{"150 ho", Headcount{Households: 150}, nil},
		{"150hộ", Headcount{Households: 150}, nil},
		{"150 hộ dân", Headcount{Households: 150}, nil},
		{"150 hộ gia đình", Headcount{Households: 150}, nil},
		{"1.200 người", Headcount{People: 1200}, nil},
		{"1.200…", Headcount{}, ErrHeadcountWhich}, // a grouped number right before a character of three bytes: asked which, not "too large"
		{"gần 1.200 lượt người", Headcount{People: 1200}, nil},
		{"1,200 nguoi", Headcount{People: 1200}, nil},
		{"1.200 người, 150 hộ", Headcount{People: 1200, Households: 150}, nil},
		{"150 hộ và 600 người", Headcount{People: 600, Households: 150}, nil},
		{"150 hộ (600 nhân khẩu)", Headcount{People: 600, Households: 150}, nil},
		{"80 đoàn viên", Headcount{People: 80}, nil},
		{"40 households, 120 people", Headcount{People: 120, Households: 40}, nil},
		{"0 người", Headcount{}, nil},
		{"150", Headcount{}, ErrHeadcountWhich},
		{"khoảng 150", Headcount{}, ErrHeadcountWhich},
		{"1.200", Headcount{}, ErrHeadcountWhich},
		{"150 hội viên", Headcount{People: 150}, nil},
		{"150 hội", Headcount{}, ErrHeadcountWhich},
		{"150 hộ, 200 hộ", Headcount{}, ErrHeadcountTwice},
		{"một trăm", Headcount{}, ErrNumber},
		{"-5 người", Headcount{}, ErrNegative},
		{"99999999999 người", Headcount{}, ErrTooLarge},
	} {
		got, err := ParseHeadcount(c.in)
		if got != c.want || !errors.Is(err, c.err) {
			t.Errorf("ParseHeadcount(%q) = %+v, %v; want %+v, %v", c.in, got, err, c.want, c.err)
		}
		if err == nil {
			if again, err := ParseHeadcount(got.String()); err != nil || again != got {
				t.Errorf("%q kept as %q reads back as %+v, %v", c.in, got.String(), again, err)
			}
		}
	}
}

// FuzzParseHeadcount: any text is read or refused, never a panic, and
// what is read is kept and read back the same.
func FuzzParseHeadcount(f *testing.F) {
	for _, s := range []string{"150 hộ", "1.200 người, 150 hộ", "150", "-5 người", "1,2,3 hộ", "hộ 150", "9.999.999.999 người", "0 hộ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h, err := ParseHeadcount(s)
		if err != nil {
			return
		}
		if h.People < 0 || h.Households < 0 || h.People > MaxNumber || h.Households > MaxNumber {
			t.Fatalf("%q read as %+v", s, h)
		}
		if again, err := ParseHeadcount(h.String()); err != nil || again != h {
			t.Fatalf("%q kept as %q reads back as %+v, %v", s, h.String(), again, err)
		}
	})
}
