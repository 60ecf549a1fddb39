package store_test

import (
	"strings"
	"testing"

	"github.com/dvkbot/dvkbot/store"
)

// Units sort as a Vietnamese list reads, numbers by value, and are found
// by what people type without diacritics (issue 14, item 16).
func TestSortAndFindUnits(t *testing.T) {
	names := []string{"Khu phố 10", "Đoàn Thanh niên", "Khu phố 2", "Chi bộ thôn Đông", "Chi bộ thôn Dưới", "Ấp Bắc", "An Bình", "Chi bộ thôn Tây"}
	var units []store.Unit
	for i, n := range names {
		units = append(units, store.Unit{ID: uint64(i + 1), Name: n})
	}
	store.SortUnits(units)
	var got []string
	for _, u := range units {
		got = append(got, u.Name)
	}
	want := []string{"An Bình", "Ấp Bắc", "Chi bộ thôn Dưới", "Chi bộ thôn Đông", "Chi bộ thôn Tây", "Đoàn Thanh niên", "Khu phố 2", "Khu phố 10"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sorted %v\nwant   %v", got, want)
	}
	for _, tc := range []struct {
		typed string
		n     int
	}{{"chi bo thon dong", 1}, {"thon tay", 1}, {"chi bo thon", 3}, {"khu pho", 2}, {"Đoàn", 1}, {"xyz", 0}} {
		if found := store.FindUnits(units, tc.typed); len(found) != tc.n {
			t.Errorf("FindUnits(%q) = %d units, want %d", tc.typed, len(found), tc.n)
		}
	}
}

// The office's own order (an STT column of an imported file) comes
// first; units without one follow in Vietnamese order (issue 14, item 16).
func TestSortUnitsKeepsTheOfficesOrder(t *testing.T) {
	tests := []struct {
		name  string
		units []store.Unit // ID from the position, Order as given
		want  []string
	}{
		{"all numbered: the office's order, not the alphabet",
			[]store.Unit{{Name: "Chi bộ thôn Đông", Order: 2}, {Name: "Hội Phụ nữ xã", Order: 3}, {Name: "Đoàn Thanh niên xã", Order: 1}},
			[]string{"Đoàn Thanh niên xã", "Chi bộ thôn Đông", "Hội Phụ nữ xã"}},
		{"numbered first, then the others by collation",
			[]store.Unit{{Name: "Khu phố 10"}, {Name: "Hội Phụ nữ xã", Order: 2}, {Name: "Khu phố 2"}, {Name: "Ấp Bắc"}, {Name: "Chi bộ thôn Đông", Order: 1}},
			[]string{"Chi bộ thôn Đông", "Hội Phụ nữ xã", "Ấp Bắc", "Khu phố 2", "Khu phố 10"}},
		{"numbers by value, not as text",
			[]store.Unit{{Name: "A", Order: 10}, {Name: "B", Order: 9}, {Name: "C", Order: 100}},
			[]string{"B", "A", "C"}},
		{"the same number twice: by collation",
			[]store.Unit{{Name: "Đông", Order: 1}, {Name: "Dưới", Order: 1}, {Name: "An", Order: 2}},
			[]string{"Dưới", "Đông", "An"}},
		{"none numbered: collation as before",
			[]store.Unit{{Name: "Đông"}, {Name: "Dưới"}, {Name: "Ấp"}},
			[]string{"Ấp", "Dưới", "Đông"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			units := append([]store.Unit(nil), tt.units...)
			for i := range units {
				units[i].ID = uint64(i + 1)
			}
			store.SortUnits(units)
			var got []string
			for _, u := range units {
				got = append(got, u.Name)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("sorted %v\nwant   %v", got, tt.want)
			}
		})
	}
}
