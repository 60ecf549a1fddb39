package input_test

import (
	"errors"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/input"
)

var today = input.Date{Year: 2024, Month: time.March, Day: 15}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string
		err  error
	}{
		{"07/04/2024", "2024-04-07", nil},
		{"7/4/2024", "2024-04-07", nil},
		{"7-4-2024", "2024-04-07", nil},
		{"7.4.2024", "2024-04-07", nil},
		{" 7 / 4 / 2024 ", "2024-04-07", nil},
		{"7/4", "2024-04-07", nil},
		{"7/4/24", "2024-04-07", nil},
		{"29/02/2024", "2024-02-29", nil},
		{"29/02/2023", "", input.ErrNoSuchDay},
		{"31/02/2024", "", input.ErrNoSuchDay},
		{"31/04/2024", "", input.ErrNoSuchDay},
		{"0/4/2024", "", input.ErrNoSuchDay},
		{"7/13/2024", "", input.ErrNoSuchDay},
		{"2024-04-07", "", input.ErrDateFormat},
		{"ngày mai", "", input.ErrDateFormat},
		{"", "", input.ErrDateFormat},
		{"7/4/1990", "", input.ErrNoSuchDay},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := input.ParseDate(tt.in, today)
			if !errors.Is(err, tt.err) || (err == nil && d.ISO() != tt.want) {
				t.Errorf("ParseDate(%q) = %v, %v; want %s, %v", tt.in, d.ISO(), err, tt.want, tt.err)
			}
		})
	}
}

func TestParseRange(t *testing.T) {
	tests := []struct {
		in       string
		from, to string
		err      error
	}{
		{"01/04/2024 - 30/11/2024", "2024-04-01", "2024-11-30", nil},
		{"1/4/2024 đến 30/11/2024", "2024-04-01", "2024-11-30", nil},
		{"1/4 – 30/11", "2024-04-01", "2024-11-30", nil},
		{"30/11/2024 - 1/4/2024", "", "", input.ErrRange},
		{"từ 23/11/2026 đến 11/06/2027", "2026-11-23", "2027-06-11", nil},
		{"Từ ngày 23/11/2026 đến ngày 11/06/2027", "2026-11-23", "2027-06-11", nil},
		{"tu 23/11/2026 den 11/06/2027", "2026-11-23", "2027-06-11", nil},
		{"23/11/2026-11/06/2027", "2026-11-23", "2027-06-11", nil},
		{"23/11/2026 -11/06/2027", "2026-11-23", "2027-06-11", nil},
		{"01/4 - 30/11", "2024-04-01", "2024-11-30", nil},
		{"01/4-30/11", "2024-04-01", "2024-11-30", nil},
		{"01/11 - 31/3", "2024-11-01", "2025-03-31", nil},
		{"1-4-2024 - 30-11-2024", "2024-04-01", "2024-11-30", nil},
		{"1/4/2024", "", "", input.ErrOneDate},
		{"từ 1/4/2024", "", "", input.ErrOneDate},
		{"ngày mai", "", "", input.ErrDateFormat},
		{"1/4/2024 - 31/2/2024", "", "", input.ErrNoSuchDay},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			f, to, err := input.ParseRange(tt.in, today)
			if !errors.Is(err, tt.err) || (err == nil && (f.ISO() != tt.from || to.ISO() != tt.to)) {
				t.Errorf("got %s %s %v", f.ISO(), to.ISO(), err)
			}
		})
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		err  error
	}{
		{"120", 120, nil}, {"1.200", 1200, nil}, {"1,200", 1200, nil}, {"1 200", 1200, nil},
		{"0", 0, nil}, {"-5", 0, input.ErrNegative}, {"12a", 0, input.ErrNumber}, {"mười", 0, input.ErrNumber},
		{"150 hộ", 150, nil}, {"150 người", 150, nil}, {"khoảng 150", 150, nil}, {"Khoảng 1.200 lượt người", 1200, nil},
		{"gần 150 hộ gia đình", 150, nil}, {"khoang 150 nguoi", 150, nil}, {"hộ", 0, input.ErrNumber}, {"khoảng", 0, input.ErrNumber},
		{"1.5", 0, input.ErrNumber}, {"99999999999999999999", 0, input.ErrTooLarge}, {"20000000", 0, input.ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n, err := input.ParseNumber(tt.in)
			if !errors.Is(err, tt.err) || n != tt.want {
				t.Errorf("ParseNumber(%q) = %d, %v; want %d, %v", tt.in, n, err, tt.want, tt.err)
			}
		})
	}
}

func TestDateHelpers(t *testing.T) {
	d := input.Date{Year: 2024, Month: time.April, Day: 7}
	if d.String() != "07/04/2024" || today.DaysUntil(d) != 23 {
		t.Errorf("%s, %d", d, today.DaysUntil(d))
	}
	hcm, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	end := d.EndOf(hcm)
	if end.In(hcm).Format("2006-01-02 15:04") != "2024-04-07 23:59" {
		t.Errorf("end of day %v", end.In(hcm))
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"07/04/2024", "7/4", "31/02/2024", "1/4 - 30/11", "7.4.24"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := input.ParseDate(s, today)
		if err == nil {
			if back, err := input.ParseISO(d.ISO()); err != nil || back != d {
				t.Fatalf("%q -> %v does not round-trip", s, d)
			}
		}
		input.ParseRange(s, today)
	})
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"120", "1.200", "-5", "1 200 000", "9223372036854775808", "150 hộ", "khoảng 150"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := input.ParseNumber(s)
		if err == nil && (n < 0 || n > input.MaxNumber) {
			t.Fatalf("%q -> %d", s, n)
		}
	})
}
