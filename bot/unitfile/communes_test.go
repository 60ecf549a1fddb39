package unitfile

import "testing"

func TestParseCommunes(t *testing.T) {
	file := "\"Tên xã, phường\",Mã,Người ký\n" +
		"Xã Tân Phú,TANPHU,Lê Văn A\n" +
		"Phường Hòa Bình,,\n" +
		"Xã Ia Grai,ia grai,\n" +
		"Xã Tân Phú Đông,TANPHU,\n" +
		"Xã Tân Phú,,\n" +
		"Xã Lạ,Mã có dấu cách!,\n" +
		",,\n"
	rows, err := ParseCommunes("xa.csv", []byte(file))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ name, code, signer, err string }{
		{"Xã Tân Phú", "TANPHU", "Lê Văn A", ""},
		{"Phường Hòa Bình", "HOABINH", "", ""},
		{"Xã Ia Grai", "IAGRAI", "", ""},
		{"Xã Tân Phú Đông", "TANPHU", "", ErrDupInFil}, // the code is taken by line 2
		{"Xã Tân Phú", "TANPHU", "", ErrDupInFil},
		{"Xã Lạ", "MACODAUCACH!", "", ErrBadCode},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d: %+v", len(rows), len(want), rows)
	}
	for i, w := range want {
		r := rows[i]
		t.Run(w.name, func(t *testing.T) {
			if r.Name != w.name || r.Code != w.code || r.Signer != w.signer || r.Err != w.err {
				t.Errorf("row %d: %+v, want %+v", i, r, w)
			}
		})
	}
	if rows[3].Dup != 2 {
		t.Errorf("duplicate code points at line %d, want 2", rows[3].Dup)
	}
}

func TestParseCommunesWithoutHeader(t *testing.T) {
	rows, err := ParseCommunes("xa.csv", []byte("Xã An Bình;ANBINH\nXã Tân Phú;TANPHU\n"))
	if err != nil || len(rows) != 2 || rows[1].Code != "TANPHU" || rows[0].Name != "Xã An Bình" {
		t.Fatalf("%+v, %v", rows, err)
	}
}

// A code made from a name that another row's code already is gets the
// kind's letters before it: Phường Tân Phú beside Xã Tân Phú is not a
// duplicate. A typed code is never changed, and is kept off.
func TestParseCommunesMakesDistinctCodes(t *testing.T) {
	file := "\"Tên xã, phường\",Mã\nXã Tân Phú,\nPhường Tân Phú,\nPhường An Phú,\nXã An Phú,ANPHU\n"
	rows, err := ParseCommunes("xa.csv", []byte(file))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		code string
		made bool
	}{{"TANPHU", true}, {"PTANPHU", true}, {"PANPHU", true}, {"ANPHU", false}}
	if len(rows) != len(want) {
		t.Fatalf("%d rows: %+v", len(rows), rows)
	}
	for i, w := range want {
		if r := rows[i]; r.Code != w.code || r.Made != w.made || r.Err != "" {
			t.Errorf("row %d: %+v, want code %s, made %v", i, r, w.code, w.made)
		}
	}
}

func TestDistinctCode(t *testing.T) {
	taken := func(codes ...string) func(string) bool {
		return func(c string) bool {
			for _, t := range codes {
				if t == c {
					return true
				}
			}
			return false
		}
	}
	tests := []struct {
		name, code, commune string
		taken               []string
		want                string
	}{
		{"free", "TANPHU", "Phường Tân Phú", nil, "TANPHU"},
		{"a ward", "TANPHU", "Phường Tân Phú", []string{"TANPHU"}, "PTANPHU"},
		{"a commune", "TANPHU", "Xã Tân Phú", []string{"TANPHU"}, "XTANPHU"},
		{"a township", "TANPHU", "Thị trấn Tân Phú", []string{"TANPHU"}, "TTTANPHU"},
		{"the kind's code taken too", "TANPHU", "Phường Tân Phú", []string{"TANPHU", "PTANPHU"}, "TANPHU2"},
		{"no kind in the name", "TANPHU", "Tân Phú", []string{"TANPHU"}, "TANPHU2"},
		{"twelve letters", "HOABINHTANPH", "Phường Hòa Bình Tân Phú", []string{"HOABINHTANPH"}, "PHOABINHTANP"},
		{"twelve letters, numbered", "HOABINHTANPH", "Hòa Bình Tân Phú", []string{"HOABINHTANPH", "HOABINHTANP2"}, "HOABINHTANP3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DistinctCode(tt.code, tt.commune, taken(tt.taken...)); got != tt.want {
				t.Errorf("DistinctCode(%s, %s) = %s, want %s", tt.code, tt.commune, got, tt.want)
			}
		})
	}
}
