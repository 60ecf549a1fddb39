package bot

import (
	"reflect"
	"testing"

	"github.com/dvkbot/dvkbot/store"
)

// TestOfficeOfCopiesTheWholePaper: every field of a commune's stored
// paper reaches the paper the report package prints, so a field added
// to one (the ký hiệu) is not silently dropped by the copy.
func TestOfficeOfCopiesTheWholePaper(t *testing.T) {
	var in store.Office
	v := reflect.ValueOf(&in).Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString("x" + v.Type().Field(i).Name)
		case reflect.Slice:
			f.Set(reflect.ValueOf([]string{"x" + v.Type().Field(i).Name}))
		default:
			t.Fatalf("store.Office.%s: a %s, not a paper's text", v.Type().Field(i).Name, f.Kind())
		}
	}
	out := reflect.ValueOf(OfficeOf(store.Commune{Office: in}))
	for i := range v.NumField() {
		t.Run(v.Type().Field(i).Name, func(t *testing.T) {
			name := v.Type().Field(i).Name
			got := out.FieldByName(name)
			if !got.IsValid() {
				t.Fatalf("report.Office has no %s", name)
			}
			if !reflect.DeepEqual(got.Interface(), v.Field(i).Interface()) {
				t.Errorf("%s: %v, want %v", name, got.Interface(), v.Field(i).Interface())
			}
		})
	}
	if _, ok := reflect.TypeOf(in).FieldByName("Abbreviation"); !ok {
		t.Error("store.Office keeps no ký hiệu (Abbreviation)")
	}
}
