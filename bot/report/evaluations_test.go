package report

import (
	"reflect"
	"testing"

	"github.com/dvkbot/dvkbot/store"
)

// TestEveryOutcomeIsCounted: each outcome the office can give
// (store.Outcomes) counts once, in a column of its own, in the
// evaluations that the by-field table, a commune's line and a unit's
// year-end row share; an outcome added to the store's list but not to
// Evaluations.count fails here. No evaluation, or an outcome the list
// does not know, counts nothing.
func TestEveryOutcomeIsCounted(t *testing.T) {
	total := func(v Evaluations) int { // the outcomes' columns: every int but the proposal, which is not an outcome
		n := 0
		for name, f := range reflect.ValueOf(v).Fields() {
			if f.Kind() == reflect.Int && name.Name != "Proposed" {
				n += int(f.Int())
			}
		}
		return n
	}
	column := map[[3]int]string{}
	for _, o := range store.Outcomes {
		t.Run(o, func(t *testing.T) {
			var v Evaluations
			v.count(&store.Evaluation{Outcome: o})
			if total(v) != 1 {
				t.Fatalf("%q counts %d times: %+v", o, total(v), v)
			}
			key := [3]int{v.Recognised, v.Exemplary, v.NotMet}
			if other, ok := column[key]; ok {
				t.Errorf("%q counts in the column of %q", o, other)
			}
			column[key] = o
		})
	}
	for _, tt := range []struct {
		name string
		e    *store.Evaluation
	}{{"not evaluated", nil}, {"unknown outcome", &store.Evaluation{Outcome: "khac"}}} {
		t.Run(tt.name, func(t *testing.T) {
			var v Evaluations
			v.count(tt.e)
			if total(v) != 0 {
				t.Errorf("counts %+v", v)
			}
		})
	}
}

// TestLevelsAndProposalCountedOnce: a recognising outcome counts once at
// the level it is recognised at (an older record's "" at the base level),
// one that does not recognise counts at none; a proposal upward counts
// once, whatever the outcome; a total row sums them (review F9).
func TestLevelsAndProposalCountedOnce(t *testing.T) {
	var sum Evaluations
	for _, tt := range []struct {
		e    store.Evaluation
		want map[Recognition]int
	}{
		{store.Evaluation{Outcome: store.OutcomeRecognised}, map[Recognition]int{{store.OutcomeRecognised, store.LevelBase}: 1}},
		{store.Evaluation{Outcome: store.OutcomeExemplary, Level: store.LevelProvince, ProposeHigher: true}, map[Recognition]int{{store.OutcomeExemplary, store.LevelProvince}: 1}},
		{store.Evaluation{Outcome: store.OutcomeNotMet, Level: store.LevelBase}, nil},
	} {
		var v Evaluations
		v.count(&tt.e)
		if !reflect.DeepEqual(v.Levels, tt.want) {
			t.Errorf("%+v counts levels %v, want %v", tt.e, v.Levels, tt.want)
		}
		if want := map[bool]int{true: 1}[tt.e.ProposeHigher]; v.Proposed != want {
			t.Errorf("%+v counts %d proposals, want %d", tt.e, v.Proposed, want)
		}
		sum.add(v)
	}
	if sum.Proposed != 1 || sum.AtLevels(store.OutcomeRecognised)[store.LevelBase] != 1 || sum.AtLevels(store.OutcomeExemplary)[store.LevelProvince] != 1 ||
		len(sum.AtLevels(store.OutcomeNotMet)) != len(store.Levels) || sum.AtLevels(store.OutcomeNotMet)[store.LevelBase] != 0 {
		t.Errorf("the total row %+v", sum)
	}
	if got := RecognisingOutcomes(); !reflect.DeepEqual(got, []string{store.OutcomeRecognised, store.OutcomeExemplary}) {
		t.Errorf("recognising outcomes %v", got)
	}
}
