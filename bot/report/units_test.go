package report

import "testing"

// TestMeasureUnitsAreNormalised: paper has one spelling of a unit
// whatever was typed first, and in the summary's table a count of work
// days has its unit.
func TestMeasureUnitsAreNormalised(t *testing.T) {
	for _, tt := range []struct{ line, name, unit, table string }{
		{"Đất hiến: 1.200 m2", "Đất hiến", "m²", "m²"},
		{"Đất hiến: 50 M2", "Đất hiến", "m²", "m²"},
		{"Đất hiến: 50 m²", "Đất hiến", "m²", "m²"},
		{"Bê tông: 12 m3", "Bê tông", "m³", "m³"},
		{"Ngày công: 350", "Ngày công", "", "ngày công"},
		{"ngay cong : 20", "ngay cong", "", "ngày công"},
		{"Ngày công lao động: 35", "Ngày công lao động", "", "ngày công"},
		{"Ngày công: 35 ngày", "Ngày công", "ngày", "ngày"},
		{"Cây xanh: 30 cây", "Cây xanh", "cây", "cây"},
		{"Số buổi: 4", "Số buổi", "", ""},
	} {
		t.Run(tt.line, func(t *testing.T) {
			got := parseMeasures(tt.line)
			if len(got) != 1 || got[0].Name != tt.name || got[0].Unit != tt.unit {
				t.Fatalf("%+v, want %q in %q", got, tt.name, tt.unit)
			}
			if u := unitOf(got[0].Name, got[0].Unit); u != tt.table {
				t.Errorf("the table's unit %q, want %q", u, tt.table)
			}
		})
	}
	var m measures
	m.add("Đất hiến: 1.200 m2\nNgày công: 100")
	m.add("Đất hiến: 50 m²\nngay cong: 20 ngày công")
	if len(m.list) != 2 || m.list[0].Unit != "m²" || m.list[0].Total != 1250 || m.list[1].Unit != "" || m.list[1].Total != 120 {
		t.Errorf("summed %+v", m.list)
	}
}
