package form

import (
	"slices"
	"strconv"
)

// Field binds a step to a field of the record of type T the form fills:
// the one way every form reads a record into answers (to change it) and
// writes answers back into it (on submit).
type Field[H Host, T any] struct {
	Step[H]
	Get func(rec *T) string    // the answer, from the record
	Set func(rec *T, v string) // the answer, into the record
}

// String binds a step to a string field kept as answered.
func String[H Host, T any](s Step[H], at func(rec *T) *string) Field[H, T] {
	return Field[H, T]{Step: s,
		Get: func(rec *T) string { return *at(rec) },
		Set: func(rec *T, v string) { *at(rec) = v }}
}

// Int binds a step to a whole-number field; an answer that is not a
// number (a skipped step) leaves the field as it was.
func Int[H Host, T any, N ~int | ~int64](s Step[H], at func(rec *T) *N) Field[H, T] {
	return Field[H, T]{Step: s,
		Get: func(rec *T) string { return strconv.FormatInt(int64(*at(rec)), 10) },
		Set: func(rec *T, v string) {
			if n, err := strconv.ParseInt(v, 10, 64); err == nil {
				*at(rec) = N(n)
			}
		}}
}

// Steps are the fields' steps, in order.
func Steps[H Host, T any](fields []Field[H, T]) []Step[H] {
	steps := make([]Step[H], len(fields))
	for i, f := range fields {
		steps[i] = f.Step
	}
	return steps
}

// Answers are rec's fields as a form's answers, to change rec; an
// optional field left empty is left out, as if skipped.
func Answers[H Host, T any](fields []Field[H, T], rec *T) map[string]string {
	a := map[string]string{}
	for _, f := range fields {
		if v := f.Get(rec); v != "" || !f.Optional {
			a[f.Key] = v
		}
	}
	return a
}

// Fill writes the answers into rec, each field by its Set.
func Fill[H Host, T any](fields []Field[H, T], answers map[string]string, rec *T) {
	for _, f := range fields {
		f.Set(rec, answers[f.Key])
	}
}

// Pick are the fields under keys, in the order of fields: a form that
// asks part of a record (a unit's rename) fills only that part.
func Pick[H Host, T any](fields []Field[H, T], keys ...string) []Field[H, T] {
	var out []Field[H, T]
	for _, f := range fields {
		if slices.Contains(keys, f.Key) {
			out = append(out, f)
		}
	}
	return out
}
