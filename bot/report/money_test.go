package report_test

import (
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestMoneyIsANumberInTheVietnameseForm: money stays a number in its
// cell, formatted with the Vietnamese locale (LibreOffice then prints
// 12.500.000 on any machine), centred like the other figures of its
// column; a measure without a unit gets its own, area is m².
func TestMoneyIsANumberInTheVietnameseForm(t *testing.T) {
	f := openBook(t, seededSummary(t))
	const sheet = "Biểu tổng hợp"
	for _, tt := range []struct {
		name, unit, raw string
	}{
		{"Số người tham gia", "người", "50"},
		{"Số hộ tham gia", "hộ", "0"},
		{"Nguồn lực huy động", "đồng", "5000000"},
		{"Ngày công", "ngày công", "120"},
		{"Đất hiến", "m²", "1250"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := signedRow(t, f, sheet, "B", tt.name)
			if r == 0 {
				t.Fatalf("no row %q", tt.name)
			}
			if got := signedCell(f, sheet, "F", r); got != tt.unit {
				t.Errorf("unit %q, want %q", got, tt.unit)
			}
			raw, _ := f.GetCellValue(sheet, "H"+strconv.Itoa(r), excelize.Options{RawCellValue: true})
			if typ, _ := f.GetCellType(sheet, "H"+strconv.Itoa(r)); raw != tt.raw || (typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset) {
				t.Errorf("cell %q of type %v, want the number %s", raw, typ, tt.raw)
			}
			st := signedStyle(t, f, sheet, "H"+strconv.Itoa(r))
			if st.CustomNumFmt == nil || *st.CustomNumFmt != "[$-42A]#,##0" {
				t.Errorf("number format %v, want [$-42A]#,##0", st.CustomNumFmt)
			}
			if st.Alignment == nil || st.Alignment.Horizontal != "center" {
				t.Errorf("alignment %+v, want centred", st.Alignment)
			}
		})
	}
}
