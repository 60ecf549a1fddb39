package unitfile_test

import (
	"bytes"
	"fmt"
	"os"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/dvkbot/dvkbot/bot/unitfile"
)

func TestParseCSV(t *testing.T) {
	data, err := os.ReadFile("../../testdata/units/commune.csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := unitfile.Parse("danh-sach.csv", data)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	bad := 0
	for _, r := range rows {
		if r.Err != "" {
			bad++
			continue
		}
		kinds[r.Kind]++
	}
	want := map[string]int{"chi_bo_thon": 9, "chi_bo_truong": 4, "chi_bo_cong_an": 1, "mttq": 1,
		"hoi_phu_nu": 1, "hoi_nong_dan": 1, "hoi_ccb": 1, "doan_thanh_nien": 1}
	for k, n := range want {
		if kinds[k] != n {
			t.Errorf("%s: %d units, want %d (all: %v)", k, kinds[k], n, kinds)
		}
	}
	if bad != 0 {
		t.Errorf("%d bad rows in a good file: %+v", bad, rows)
	}
}

func TestParseRows(t *testing.T) {
	tests := []struct {
		name, file, data string
		wantName, kind   string
		err              string
	}{
		{"header in any case, BOM", "a.csv", "\ufeffTÊN ĐƠN VỊ,Loại đơn vị\nChi bộ thôn Đông,Chi bộ thôn\n", "Chi bộ thôn Đông", "chi_bo_thon", ""},
		{"semicolons", "a.csv", "Tên đơn vị;Loại\nHội Phụ nữ xã;Hội Phụ nữ\n", "Hội Phụ nữ xã", "hoi_phu_nu", ""},
		{"no header", "a.csv", "Đoàn Thanh niên xã,Đoàn thanh niên\n", "Đoàn Thanh niên xã", "doan_thanh_nien", ""},
		{"NFD and spaces", "a.csv", "Tên đơn vị,Loại\n  Chi bo\u0323\u0302   Co\u0302ng an ,\n", "Chi bộ Công an", "chi_bo_cong_an", ""},
		{"kind typed without diacritics", "a.csv", "Tên,Loại\nHội CCB xã,hoi cuu chien binh\n", "Hội CCB xã", "hoi_ccb", ""},
		{"team before quarter", "a.csv", "Tên,Loại\nTổ dân vận khu phố 3,\n", "Tổ dân vận khu phố 3", "to_dan_van", ""},
		{"unknown kind", "a.csv", "Tên,Loại\nCâu lạc bộ dưỡng sinh,ufo\n", "Câu lạc bộ dưỡng sinh", "", unitfile.ErrNoKind},
		{"kind not guessable", "a.csv", "Tên,Loại\nCâu lạc bộ dưỡng sinh,\n", "Câu lạc bộ dưỡng sinh", "", unitfile.ErrNoKind},
		{"formula stays text", "a.csv", "Tên,Loại\n=HYPERLINK(\"x\"),khác\n", "=HYPERLINK(\"x\")", "khac", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := unitfile.Parse(tt.file, []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 1 {
				t.Fatalf("%d rows: %+v", len(rows), rows)
			}
			r := rows[0]
			if r.Name != tt.wantName || r.Kind != tt.kind || r.Err != tt.err {
				t.Errorf("got %+v, want name %q kind %q err %q", r, tt.wantName, tt.kind, tt.err)
			}
		})
	}
}

func TestParseDuplicateInFile(t *testing.T) {
	rows, err := unitfile.Parse("a.csv", []byte("Tên,Loại\nHội Nông dân,hội nông dân\n\nhội nông dân,Hội Nông dân\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[1].Err != unitfile.ErrDupInFil || rows[1].Dup != 2 || rows[1].Line != 4 {
		t.Errorf("rows %+v: want the second flagged as a duplicate of line 2", rows)
	}
}

func TestParseXLSX(t *testing.T) {
	f := excelize.NewFile()
	rows := [][]any{{"STT", "Tên đơn vị", "Loại đơn vị", "Bí thư", "Số điện thoại"},
		{1, "Chi bộ trường Tiểu học", "Chi bộ nhà trường", "Nguyễn Văn A", "0912345678"},
		{2, "Chi bộ Quân sự", "", "", ""}}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := unitfile.Parse("Danh sách.XLSX", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Kind != "chi_bo_truong" || got[0].Contact != "Nguyễn Văn A" ||
		got[0].Phone != "0912345678" || got[1].Kind != "chi_bo_quan_su" || got[0].Line != 2 {
		t.Errorf("rows %+v", got)
	}
}

func TestParseRejectsOtherFiles(t *testing.T) {
	for name, data := range map[string]string{"a.pdf": "%PDF", "a.xlsx": "not a zip", "a.csv": "\xff\xfe\x00"} {
		if _, err := unitfile.Parse(name, []byte(data)); err == nil {
			t.Errorf("%s parsed", name)
		}
	}
}

func FuzzParseCSV(f *testing.F) {
	f.Add([]byte("Tên đơn vị,Loại\nChi bộ thôn Đông,chi bộ thôn\n"))
	f.Add([]byte("\ufeff;;;\n\"a\"\"b\";x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := unitfile.Parse("f.csv", data)
		if err != nil {
			return
		}
		for _, r := range rows {
			if r.Name == "" || (r.Err == "" && r.Kind == "") {
				t.Fatalf("bad row %+v", r)
			}
		}
	})
}

// The office's own order (an STT column) is read as it is typed; a cell
// that is not a number gives no order, never a refused row (issue 14,
// item 16).
func TestParseOrder(t *testing.T) {
	tests := []struct {
		name, data string
		want       []int
	}{
		{"STT first", "STT,Tên đơn vị,Loại\n2,Hội Phụ nữ xã,Hội Phụ nữ\n1,Chi bộ thôn Đông,Chi bộ thôn\n", []int{2, 1}},
		{"Số thứ tự last, zero-padded, with a dot", "Tên đơn vị,Loại,Số thứ tự\nHội Phụ nữ xã,,03\nChi bộ thôn Đông,,4.\n", []int{3, 4}},
		{"TT, Excel's float, empty, roman", "TT;Tên\n5.0;Hội Phụ nữ xã\n;Chi bộ thôn Đông\nIV;Chi bộ thôn Tây\n", []int{5, 0, 0}},
		{"negative and zero are no order", "STT,Tên\n-1,Hội Phụ nữ xã\n0,Chi bộ thôn Đông\n", []int{0, 0}},
		{"no STT column", "Tên đơn vị,Loại\nHội Phụ nữ xã,\n", []int{0}},
		{"no header: no order", "Hội Phụ nữ xã,Hội Phụ nữ\n", []int{0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := unitfile.Parse("a.csv", []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			var got []int
			for _, r := range rows {
				got = append(got, r.Order)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("orders %v, want %v (rows %+v)", got, tt.want, rows)
			}
		})
	}
}
