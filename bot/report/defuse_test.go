package report

import "testing"

func TestDefuseOnlyWhatCouldBeAFormula(t *testing.T) {
	tests := []struct{ in, want string }{
		{"- Tuyên truyền, vận động nhân dân", "- Tuyên truyền, vận động nhân dân"},
		{"-5", "-5"},
		{"+84 912 345 678", "+84 912 345 678"},
		{"-12.500.000", "-12.500.000"},
		{"Đường hoa", "Đường hoa"},
		{"", ""},
		{"=HYPERLINK(\"http://x\";\"bấm\")", "'=HYPERLINK(\"http://x\";\"bấm\")"},
		{"=1+1", "'=1+1"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"+SUM(A1:A9)", "'+SUM(A1:A9)"},
		{"-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
		{"- 1+cmd|' /C calc'!A0", "'- 1+cmd|' /C calc'!A0"},
		{"\t=1+1", "'\t=1+1"},
		{"\r=1+1", "'\r=1+1"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := defuse(tt.in); got != tt.want {
				t.Errorf("defuse(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
