package report

import (
	"testing"

	"github.com/dvkbot/dvkbot/store"
)

// Issue 27 item 7 (F12): the self-assessment is counted out of the
// criteria a unit could tick: the four defaults (seed 001's fourth is the
// Đảng ủy's recognition), or the campaign's own list, however long.
func TestSelfAssessmentCountsOutOfTheTickableCriteria(t *testing.T) {
	defaults := func(id string) string {
		if id == "default_criteria" {
			return "1. Một\n2. Hai\n3. Ba\n5. Năm"
		}
		return id
	}
	for _, tc := range []struct {
		name string
		c    store.Campaign
		met  []int
		want string
	}{
		{"the defaults", store.Campaign{}, []int{1, 2, 5}, "3/4 (1, 2, 5)"},
		{"a campaign's own six", store.Campaign{Criteria: []string{"1. a", "2. b", "3. c", "4. d", "5. e", "6. f"}}, []int{1, 6}, "2/6 (1, 6)"},
		{"a campaign's own two, blank lines aside", store.Campaign{Criteria: []string{"1. a", " ", "2. b"}}, []int{2}, "1/2 (2)"},
		{"none ticked", store.Campaign{}, nil, "0/4 ()"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := criteria(tc.met, tickable(tc.c, defaults)); got != tc.want {
				t.Errorf("criteria = %q, want %q", got, tc.want)
			}
		})
	}
}
