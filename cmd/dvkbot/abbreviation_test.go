package main

import (
	"reflect"
	"strings"
	"testing"

	"github.com/dvkbot/dvkbot/store"
)

// TestAbbreviationConfigReachesThePaper: the issuing body's part of the
// ký hiệu ("ĐU" in "Số 15-BC/ĐU") is the office's paper: a commune's Đảng
// ủy by default, a Ban Dân vận Tỉnh ủy's for [province]; a value that is
// not one (a whole ký hiệu, spaces) is refused with its key.
func TestAbbreviationConfigReachesThePaper(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, body       string
		office, province string
		err              string
	}{
		{"defaults", ``, "ĐU", "", ""},
		{"a commune's own", "[office]\nabbreviation = \"ĐU\"", "ĐU", "", ""},
		{"a province's default", "[province]\nname = \"Tỉnh Gia Lai\"\nadmins = [9]", "ĐU", "BDVTU", ""},
		{"a province's own", "[province]\nname = \"Thành phố Huế\"\nadmins = [9]\nabbreviation = \"BDVT\"", "ĐU", "BDVT", ""},
		{"a whole ký hiệu", "[office]\nabbreviation = \"BC/ĐU\"", "", "", "office.abbreviation"},
		{"spaces", "[province]\nname = \"Tỉnh Gia Lai\"\nadmins = [9]\nabbreviation = \"BDV TU\"", "", "", "province.abbreviation"},
		{"too long", "[office]\nabbreviation = \"ĐUĐUĐUĐUĐUĐUĐ\"", "", "", "office.abbreviation"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := LoadConfig(writeConfig(t, "[telegram]\ntoken = \""+validToken+"\"\n"+tt.body), noEnv)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want one naming %s", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := cfg.Office.Office.Abbreviation; got != tt.office {
				t.Errorf("[office]: %q, want %q", got, tt.office)
			}
			if got := cfg.Office.HomeCommune().Office.Abbreviation; got != tt.office {
				t.Errorf("the stored home commune: %q, want %q", got, tt.office)
			}
			if tt.province != "" {
				if got := cfg.Province.Paper().Abbreviation; got != tt.province {
					t.Errorf("[province]: %q, want %q", got, tt.province)
				}
			}
		})
	}
}

// TestOfficeKeysAreTheStoresKeys: the config's [office] is read into
// store.Office itself, so every field of it has a key, spelled as the
// store spells it, and a value under that key reaches the stored home
// commune; a field added without a toml key fails here.
func TestOfficeKeysAreTheStoresKeys(t *testing.T) {
	t.Parallel()
	typ := reflect.TypeFor[store.Office]()
	var body strings.Builder
	body.WriteString("[office]\n")
	for i := range typ.NumField() {
		f := typ.Field(i)
		key := f.Tag.Get("toml")
		if stored, _, _ := strings.Cut(f.Tag.Get("json"), ","); key == "" || key != stored {
			t.Fatalf("store.Office.%s: toml key %q, stored as %q", f.Name, key, stored)
		}
		value := `"x"`
		if f.Type.Kind() == reflect.Slice {
			value = `["x"]`
		}
		if f.Name == "Abbreviation" {
			value = `"XX"` // a ký hiệu's part is checked
		}
		body.WriteString(key + " = " + value + "\n")
	}
	cfg, err := LoadConfig(writeConfig(t, "[telegram]\ntoken = \""+validToken+"\"\n"+body.String()), noEnv)
	if err != nil {
		t.Fatal(err)
	}
	stored := reflect.ValueOf(cfg.Office.HomeCommune().Office)
	for i := range typ.NumField() {
		t.Run(typ.Field(i).Name, func(t *testing.T) {
			if stored.Field(i).IsZero() {
				t.Errorf("%s did not reach the stored home commune", typ.Field(i).Tag.Get("toml"))
			}
		})
	}
}
