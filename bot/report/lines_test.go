package report

import (
	"testing"

	"github.com/dvkbot/dvkbot/store"
)

// The row heights of the printed lists come from lineCount: these are
// texts as LibreOffice 7.4 wrapped them on the printed sample (60 models,
// long names), in the lists' widths. The count may be a line more than
// LibreOffice's, never less: it takes a column to be as narrow as Excel
// draws it (7 pixels a unit; LibreOffice gives 7.3), so that a row is
// never short in either.
func TestLineCountWrapsAsLibreOffice(t *testing.T) {
	name := paperWidth(10) - (5 + 13 + 21 + 13 + 10 + 12 + 11 + 12 + 10) // the model name's column in a commune's list as measured (the widths of then)
	for _, c := range []struct {
		text  string
		width float64
		lines int
	}{
		{"Chưa đến hạn", 13, 1},
		{"DVK-2024-001", codeWidth(Summary{Rows: []Row{{Reg: &store.Registration{Number: "DVK-2024-001"}}}}), 1},
		{"01/04/2024 – 30/11/2024", 12, 2},
		{"Xây dựng hệ thống chính trị", 13, 2},
		{"Chi hội phụ nữ thôn Ea Kmăl Buôn Ma Thuột số 7", 21, 3},
		{"Mô hình “Dân vận khéo” trong xây dựng đường giao thông nông thôn, thắp sáng đường quê và giữ gìn vệ sinh môi trường số 8", name, 4},
		{"Kinh tế: 12\nVăn hóa - xã hội: 12\nKhác: 12", 13, 4},
	} {
		t.Run(c.text, func(t *testing.T) {
			if got := lineCount(c.text, c.width, 11); got < c.lines || got > c.lines+1 {
				t.Errorf("%d lines in width %.1f, LibreOffice set %d", got, c.width, c.lines)
			}
		})
	}
	if h := fitHeight([]string{"", "Chi hội phụ nữ thôn Ea Kmăl Buôn Ma Thuột số 7"}, []float64{5, 21}, false); h < 3*12.7 {
		t.Errorf("a row of 3 lines %v points high, less than LibreOffice's 3 lines of 11 pt Times", h)
	}
}
