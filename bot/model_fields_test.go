package bot

import (
	"reflect"
	"testing"

	"github.com/dvkbot/dvkbot/store"
)

// TestEveryModelFieldIsInTheTable fills every field of store.Model,
// prefills a change from it and copies the answers back: a field of the
// record with no line in registerFields comes back empty.
func TestEveryModelFieldIsInTheTable(t *testing.T) {
	var m store.Model
	v := reflect.ValueOf(&m).Elem()
	for i := range v.NumField() {
		v.Field(i).SetString(v.Type().Field(i).Name + "-value")
	}
	c := &store.Conversation{Answers: modelAnswers(m)}
	if got := (&request{}).modelOf(c, store.Campaign{}); got != m {
		t.Errorf("round trip gave %+v, want %+v", got, m)
	}
}

// TestASkippedPeriodIsLeftOutOfTheAnswers: a change prefilled from a
// model with no period has every asked field but the optional ones left
// empty, as if skipped.
func TestASkippedPeriodIsLeftOutOfTheAnswers(t *testing.T) {
	a := modelAnswers(store.Model{Name: "Đường hoa"})
	if _, ok := a["period"]; ok || a["name"] != "Đường hoa" {
		t.Errorf("answers %v", a)
	}
	for _, f := range registerFields {
		if _, ok := a[f.Key]; ok == f.Optional {
			t.Errorf("%s (optional %v) in the answers: %v", f.Key, f.Optional, ok)
		}
	}
}

// TestResultsRoundTrip prefills a change of a report and copies the
// answers back.
func TestResultsRoundTrip(t *testing.T) {
	want := store.Results{Achieved: "2 km", People: 150, Money: 12_500_000, Measures: "Ngày công: 120",
		Criteria: []int{1, 2, 5}, Evidence: []store.Evidence{{FileID: "f1", Kind: "photo"}}, Lessons: "l", Proposals: "p"}
	a := resultsAnswers(&want)
	var got store.Results
	for _, f := range resultsFields {
		f.Set(&got, a[f.Key])
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip gave %+v, want %+v", got, want)
	}
	if resultsAnswers(nil) != nil {
		t.Error("a new report is prefilled")
	}
}
