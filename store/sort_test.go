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
