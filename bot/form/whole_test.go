package form

import (
	"maps"
	"testing"
)

func TestSplitLabelled(t *testing.T) {
	labels := map[string]string{"ten mo hinh": "name", "linh vuc": "field", "noi dung": "content", "don vi": ""}
	tests := []struct {
		name, text string
		want       map[string]string
	}{
		{"no label: an ordinary answer", "Tuyến đường hoa", map[string]string{}},
		{"a colon is not a label", "Mô hình: đường hoa", map[string]string{}},
		{"labels with and without diacritics, bullets, numbers", "PHIẾU\n1. Tên mô hình: Đường hoa\n- Linh vuc :  Kinh tế", map[string]string{"name": "Đường hoa", "field": "Kinh tế"}},
		{"a long text goes on over lines, colons included", "Nội dung: trồng hoa;\nphân công: mỗi người một đoạn\r\n", map[string]string{"content": "trồng hoa;\nphân công: mỗi người một đoạn"}},
		{"a label passed over ends the field above, and its lines", "Tên mô hình: A\nĐơn vị: Chi bộ thôn Tây\nsố 5", map[string]string{"name": "A"}},
		{"given twice: the last", "Tên mô hình: A\nTên mô hình: B", map[string]string{"name": "B"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := splitLabelled(tt.text, labels); !maps.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestMatchOptionIgnoresSigns(t *testing.T) {
	opts := []Option{{Value: "vh", Label: "Văn hóa - xã hội"}, {Value: "kt", Label: "Kinh tế"}}
	for typed, want := range map[string]string{"van hoa xa hoi": "vh", "Văn hóa – xã hội": "vh", "KINH TE": "kt", "nông nghiệp": ""} {
		if got, _ := matchOption(opts, typed); got != want {
			t.Errorf("%q: got %q, want %q", typed, got, want)
		}
	}
}
