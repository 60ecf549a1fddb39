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
