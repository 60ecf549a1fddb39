package main

import (
	"reflect"
	"strings"
	"testing"
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
			if got := cfg.Office.Report().Abbreviation; got != tt.office {
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

// TestPaperConfigCopiesEveryKey: every key of a paper in the config
// reaches the printed paper and the stored home commune.
func TestPaperConfigCopiesEveryKey(t *testing.T) {
	t.Parallel()
	var p PaperConfig
	v := reflect.ValueOf(&p).Elem()
	for i := range v.NumField() {
		switch f := v.Field(i); f.Kind() {
		case reflect.String:
			f.SetString("x" + v.Type().Field(i).Name)
		case reflect.Slice:
			f.Set(reflect.ValueOf([]string{"x" + v.Type().Field(i).Name}))
		}
	}
	printed := reflect.ValueOf(p.Report())
	stored := reflect.ValueOf(OfficeConfig{PaperConfig: p}.HomeCommune().Office)
	for i := range v.NumField() {
		name := v.Type().Field(i).Name
		for _, out := range []reflect.Value{printed, stored} {
			got := out.FieldByName(name)
			if !got.IsValid() || !reflect.DeepEqual(got.Interface(), v.Field(i).Interface()) {
				t.Errorf("%s of %s: %v, want %v", name, out.Type(), got, v.Field(i).Interface())
			}
		}
	}
}
