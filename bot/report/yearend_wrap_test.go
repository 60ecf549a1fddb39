package report

import "testing"

// A row's height follows its words as a spreadsheet wraps them: whole
// words, a word longer than the line broken (issue 28, item 5: the
// header "Điển hình, nhân rộng" needs four lines where three were set).
func TestWrapLines(t *testing.T) {
	for _, tc := range []struct {
		name  string
		text  string
		width float64
		bold  bool
		want  int
	}{
		{"the exemplary header in a narrow column", "Điển hình, nhân rộng", 6.2, true, 4},
		{"the same in a wide one", "Điển hình, nhân rộng", 12, true, 2},
		{"a short unit name", "Chi bộ thôn Đông", 25, false, 1},
		{"a long unit name", "Chi hội Phụ nữ thôn Ea Kmăl Buôn Ma Thuột 3", 25, false, 2},
		{"lines of their own", "Xã An Bình\nXã Tân Phú", 25, false, 2},
		{"a word longer than the line", "Abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz", 10, false, 6},
		{"empty", "", 10, false, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := wrapLines(tc.text, tc.width, 11, tc.bold); got != tc.want {
				t.Errorf("wrapLines(%q, %v) = %d, want %d", tc.text, tc.width, got, tc.want)
			}
		})
	}
}

// The row is as high as its tallest cell's lines at the style's size.
func TestHeightFollowsTheTallestCell(t *testing.T) {
	w := &book{}
	one := w.height("td", []string{"Chi bộ thôn Đông"}, []float64{25})
	four := w.height("th", []string{"Tổng số", "Điển hình, nhân rộng"}, []float64{5.7, 6.2})
	if one < 11*1.2 || four < 4*11*1.2 || four < 3*one {
		t.Errorf("heights %.1f (one line), %.1f (four lines): too low to hold them", one, four)
	}
}
