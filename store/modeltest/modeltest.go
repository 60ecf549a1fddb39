// Package modeltest checks that every field of a store.Model is shown
// where a model is: the summary the bot shows, the export's columns, the
// printable registration sheet. It reads the fields by reflection, so a
// field added to store.Model is checked without a line here; only a new
// field of the store's vocabulary (a word of a list, like Kind) or a new
// day needs its two values below. Only tests import it.
package modeltest

import (
	"reflect"
	"strings"
	"testing"

	"github.com/dvkbot/dvkbot/store"
)

// words are the fields that hold a word of the store's vocabulary or a
// day, with two values each that a renderer tells apart; any other field
// is text and takes markers that name it.
var words = map[string][2]string{
	"Kind":    {store.ModelKinds[0], store.ModelKinds[1]},
	"Field":   {store.ModelFields[0], store.ModelFields[1]},
	"Novelty": {store.ModelNovelties[0], store.ModelNovelties[1]},
	"From":    {"2024-04-01", "2024-05-02"},
	"To":      {"2024-11-30", "2024-10-29"},
}

// field is one field of store.Model and two of its values; text is true
// for a field kept as typed, whose second value must be seen as it is.
type field struct {
	name string
	a, b string
	text bool
}

func fields(t testing.TB) []field {
	t.Helper()
	var out []field
	typ := reflect.TypeFor[store.Model]()
	for i := range typ.NumField() {
		f := typ.Field(i)
		if f.Type.Kind() != reflect.String {
			t.Fatalf("store.Model.%s is a %s: teach modeltest to fill it", f.Name, f.Type)
		}
		if w, ok := words[f.Name]; ok {
			out = append(out, field{name: f.Name, a: w[0], b: w[1]})
			continue
		}
		out = append(out, field{name: f.Name, a: "mark" + f.Name + "one", b: "mark" + f.Name + "two", text: true})
	}
	return out
}

// Filled is a model with every field filled with its first value.
func Filled(t testing.TB) store.Model {
	t.Helper()
	var m store.Model
	v := reflect.ValueOf(&m).Elem()
	for _, f := range fields(t) {
		v.FieldByName(f.name).SetString(f.a)
	}
	return m
}

// EveryFieldShown renders, for each field of store.Model, a filled model
// and the same model with that field's second value, and fails for a
// field whose two renderings are the same: a field where says, render
// does not show. A text field's second value must be seen as typed.
func EveryFieldShown(t *testing.T, where string, render func(t *testing.T, m store.Model) string) {
	t.Helper()
	base := Filled(t)
	before := render(t, base)
	for _, f := range fields(t) {
		m := base
		reflect.ValueOf(&m).Elem().FieldByName(f.name).SetString(f.b)
		after := render(t, m)
		switch {
		case after == before:
			t.Errorf("store.Model.%s is not on %s: %q and %q render the same", f.name, where, f.a, f.b)
		case f.text && !strings.Contains(after, f.b):
			t.Errorf("store.Model.%s is not on %s as typed: %q is not in\n%s", f.name, where, f.b, after)
		}
	}
}
