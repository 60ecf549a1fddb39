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
	total := func(v Evaluations) int {
		n := 0
		for _, f := range reflect.ValueOf(v).Fields() {
			n += int(f.Int())
		}
		return n
	}
	column := map[Evaluations]string{}
	for _, o := range store.Outcomes {
		t.Run(o, func(t *testing.T) {
			var v Evaluations
			v.count(&store.Evaluation{Outcome: o})
			if total(v) != 1 {
				t.Fatalf("%q counts %d times: %+v", o, total(v), v)
			}
			if other, ok := column[v]; ok {
				t.Errorf("%q counts in the column of %q", o, other)
			}
			column[v] = o
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
