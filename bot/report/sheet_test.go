package report_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/report"
	"github.com/dvkbot/dvkbot/store"
)

// sampleSheet is a chi bộ's model, registered on 20/03/2024 (printed on
// paperDay, 06/09/2024).
func sampleSheet() report.Sheet {
	return report.Sheet{
		Campaign: store.Campaign{Name: "Phong trào thi đua “Dân vận khéo” năm 2024", EndDate: "2024-12-15"},
		Unit:     store.Unit{Name: "Chi bộ thôn Đông", Kind: "chi_bo_thon"},
		Reg: store.Registration{Number: "DVK-2024-001", Status: store.StatusApproved, SubmittedAt: time.Date(2024, 3, 20, 9, 0, 0, 0, time.UTC),
			Model: store.Model{Name: "Đường hoa", Kind: "tap_the", Novelty: "moi", Subject: "Nhân dân", Field: "van_hoa_xa_hoi", Address: "Thôn Đông",
				Content: "Trồng hoa", Targets: "2 km", From: "2024-04-01", To: "2024-11-30"}},
	}
}

// sheetParas renders s and returns its paragraphs.
func sheetParas(t *testing.T, s report.Sheet, loc *time.Location) []string {
	t.Helper()
	data, err := report.RegistrationSheet(s, report.Paper{T: vi(t), Loc: loc, Office: office(), Day: paperDay})
	if err != nil {
		t.Fatal(err)
	}
	return paragraphs(t, docxParts(t, data)["word/document.xml"])
}

// sheetRow is the value of the sheet's table row labelled label, and
// whether there is one.
func sheetRow(paras []string, label string) (string, bool) {
	i := slices.Index(paras, label)
	if i < 0 || i+1 >= len(paras) {
		return "", false
	}
	return paras[i+1], true
}

const (
	partyNation = "ĐẢNG CỘNG SẢN VIỆT NAM"
	stateNation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	stateMotto  = "Độc lập - Tự do - Hạnh phúc"
	youthNation = "ĐOÀN TNCS HỒ CHÍ MINH"
)

// TestSheetHeadsAndSignsAsTheUnitDoes: each kind of unit heads its sheet
// and signs it as its own papers do. Only Party organisations write
// "ĐẢNG CỘNG SẢN VIỆT NAM" and the Đảng ủy above their name; the others
// their own body above theirs and the national motto (the Đoàn its own
// title). Every kind the store knows has a case.
func TestSheetHeadsAndSignsAsTheUnitDoes(t *testing.T) {
	type want struct {
		left             []string // the left block, then its mark ("" for the short rule)
		nation, motto    string
		onBehalf, sign   string
		partyHeadingSeen bool
	}
	party := func(unit, onBehalf string) want {
		return want{left: []string{"ĐẢNG ỦY XÃ AN BÌNH", unit, "*"}, nation: partyNation, onBehalf: onBehalf, sign: "BÍ THƯ"}
	}
	state := func(onBehalf, sign string, left ...string) want {
		return want{left: append(left, ""), nation: stateNation, motto: stateMotto, onBehalf: onBehalf, sign: sign}
	}
	cases := []struct {
		kind, name string
		want       want
	}{
		{"chi_bo_thon", "Chi bộ thôn Đông", party("CHI BỘ THÔN ĐÔNG", "T/M CHI BỘ")},
		{"chi_bo_thon", "Đảng bộ bộ phận thôn Bắc", party("ĐẢNG BỘ BỘ PHẬN THÔN BẮC", "T/M ĐẢNG ỦY")},
		{"chi_bo_truong", "Chi bộ trường Tiểu học", party("CHI BỘ TRƯỜNG TIỂU HỌC", "T/M CHI BỘ")},
		{"chi_bo_cong_an", "Chi bộ Công an xã", party("CHI BỘ CÔNG AN\nXÃ AN BÌNH", "T/M CHI BỘ")},
		{"chi_bo_quan_su", "Chi bộ Quân sự xã", party("CHI BỘ QUÂN SỰ\nXÃ AN BÌNH", "T/M CHI BỘ")},
		{"chi_bo_co_quan", "Chi bộ cơ quan Ủy ban", party("CHI BỘ CƠ QUAN ỦY BAN", "T/M CHI BỘ")},
		{"chinh_quyen", "UBND xã", state("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "ỦY BAN NHÂN DÂN\nXÃ AN BÌNH")},
		{"ban_nganh", "Trạm Y tế xã", state("", "THỦ TRƯỞNG ĐƠN VỊ", "ỦY BAN NHÂN DÂN\nXÃ AN BÌNH", "TRẠM Y TẾ\nXÃ AN BÌNH")},
		{"mttq", "Ủy ban MTTQ xã", state("T/M BAN THƯỜNG TRỰC", "CHỦ TỊCH", "ỦY BAN MTTQ VIỆT NAM\nXÃ AN BÌNH")},
		{"mttq", "Ban công tác Mặt trận thôn Đông", state("T/M BAN CÔNG TÁC MẶT TRẬN", "TRƯỞNG BAN", "ỦY BAN MTTQ VIỆT NAM\nXÃ AN BÌNH", "BAN CÔNG TÁC MẶT TRẬN THÔN ĐÔNG")},
		{"hoi_phu_nu", "Hội Phụ nữ xã", state("T/M BAN CHẤP HÀNH", "CHỦ TỊCH", "HỘI LHPN\nXÃ AN BÌNH")},
		{"hoi_phu_nu", "Chi hội Phụ nữ thôn Ea Kmăl", state("T/M BAN CHẤP HÀNH", "CHI HỘI TRƯỞNG", "HỘI LHPN XÃ AN BÌNH", "CHI HỘI PHỤ NỮ THÔN EA KMĂL")},
		{"hoi_nong_dan", "Hội Nông dân xã", state("T/M BAN CHẤP HÀNH", "CHỦ TỊCH", "HỘI NÔNG DÂN\nXÃ AN BÌNH")},
		{"hoi_nong_dan", "Chi hội Nông dân thôn Đông", state("T/M BAN CHẤP HÀNH", "CHI HỘI TRƯỞNG", "HỘI NÔNG DÂN XÃ AN BÌNH", "CHI HỘI NÔNG DÂN THÔN ĐÔNG")},
		{"hoi_ccb", "Hội Cựu chiến binh xã", state("T/M BAN CHẤP HÀNH", "CHỦ TỊCH", "HỘI CỰU CHIẾN BINH\nXÃ AN BÌNH")},
		{"hoi_ccb", "Chi hội CCB thôn Đông", state("T/M BAN CHẤP HÀNH", "CHI HỘI TRƯỞNG", "HỘI CCB XÃ AN BÌNH", "CHI HỘI CCB THÔN ĐÔNG")},
		{"doan_thanh_nien", "Đoàn Thanh niên xã", want{left: []string{"BCH ĐOÀN\nXÃ AN BÌNH", "***"}, nation: youthNation, onBehalf: "T/M BAN CHẤP HÀNH", sign: "BÍ THƯ"}},
		{"doan_thanh_nien", "Chi đoàn thôn Đông", want{left: []string{"BCH ĐOÀN XÃ AN BÌNH", "CHI ĐOÀN THÔN ĐÔNG", "***"}, nation: youthNation, onBehalf: "T/M BAN CHẤP HÀNH", sign: "BÍ THƯ"}},
		{"hoi_quan_chung", "Hội Người cao tuổi xã", state("T/M BAN CHẤP HÀNH", "CHỦ TỊCH", "HỘI NGƯỜI CAO TUỔI\nXÃ AN BÌNH")},
		{"hoi_quan_chung", "Chi hội Khuyến học thôn Đông", state("T/M BAN CHẤP HÀNH", "CHI HỘI TRƯỞNG", "CHI HỘI KHUYẾN HỌC THÔN ĐÔNG")},
		{"to_dan_van", "Tổ dân vận khu phố 1", state("T/M TỔ DÂN VẬN", "TỔ TRƯỞNG", "XÃ AN BÌNH", "TỔ DÂN VẬN KHU PHỐ 1")},
		{"khac", "Câu lạc bộ dân vận khéo", state("", "ĐẠI DIỆN ĐƠN VỊ", "XÃ AN BÌNH", "CÂU LẠC BỘ DÂN VẬN KHÉO")},
		{"khac", "Chi bộ Trạm Y tế", party("CHI BỘ TRẠM Y TẾ", "T/M CHI BỘ")},
	}
	seen := map[string]bool{}
	for _, c := range cases {
		seen[c.kind] = true
		for _, signer := range []string{"Trần Thị Mai", ""} {
			t.Run(c.name+"/"+signer, func(t *testing.T) {
				s := sampleSheet()
				s.Unit = store.Unit{Name: c.name, Kind: c.kind}
				s.Signer = signer
				paras := sheetParas(t, s, time.UTC)
				w := c.want
				n := len(w.left)
				if len(paras) < n+3 || !slices.Equal(paras[:n], w.left) {
					t.Fatalf("left block %q, want %q", paras[:min(n, len(paras))], w.left)
				}
				right := []string{w.nation}
				if w.motto != "" {
					right = append(right, w.motto)
				}
				right = append(right, "An Bình, ngày 20 tháng 3 năm 2024")
				if got := paras[n : n+len(right)]; !slices.Equal(got, right) {
					t.Errorf("right block %q, want %q", got, right)
				}
				if w.nation != partyNation && slices.Contains(paras, partyNation) {
					t.Errorf("a %s writes %q", c.kind, partyNation)
				}
				sign := []string{w.sign}
				if w.onBehalf != "" {
					sign = []string{w.onBehalf, w.sign}
				}
				i := slices.Index(paras, sign[0])
				if i < 0 || !slices.Equal(paras[i:i+len(sign)], sign) {
					t.Fatalf("no signature %q in %q", sign, paras)
				}
				tail := strings.Join(paras[i+len(sign):], "|")
				if signer != "" {
					if strings.Trim(tail, "|") != signer {
						t.Errorf("under the signature %q, want only the name %q", tail, signer)
					}
				} else if strings.Trim(tail, "|") != "(Ký, ghi rõ họ tên)" {
					t.Errorf("under the signature %q, want the hint to sign and write the name", tail)
				}
			})
		}
	}
	for _, k := range store.UnitKinds {
		if !seen[k] {
			t.Errorf("kind %q has no case", k)
		}
	}
}

// TestSheetIsDatedTheDayTheUnitRegistered: the date line is the day the
// unit registered, in the office's time zone, not the day it is printed.
func TestSheetIsDatedTheDayTheUnitRegistered(t *testing.T) {
	ict, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Skip(err)
	}
	s := sampleSheet()
	s.Reg.SubmittedAt = time.Date(2024, 3, 20, 18, 30, 0, 0, time.UTC) // 01:30 on the 21st in Hà Nội
	paras := sheetParas(t, s, ict)
	if !slices.Contains(paras, "An Bình, ngày 21 tháng 3 năm 2024") {
		t.Errorf("no date line of 21/03/2024 in %q", paras)
	}
	if v, ok := sheetRow(paras, "Ngày đăng ký"); ok {
		t.Errorf("a row \"Ngày đăng ký\" %q besides the date line that says it", v)
	}
	if strings.Contains(strings.Join(paras, "|"), "tháng 9 năm 2024") {
		t.Error("dated the day it was printed")
	}
}

// TestSheetCarriesNoveltyNotTheOfficesStatus: the sheet says whether the
// model is new or carried on, and from which model; not how the office
// has dealt with it.
func TestSheetCarriesNoveltyNotTheOfficesStatus(t *testing.T) {
	earlier := store.Registration{Number: "DVK-2023-004", Model: store.Model{Name: "Đường hoa"}}
	quoted := store.Registration{Number: "DVK-2023-005", Model: store.Model{Name: "Mô hình “Dân vận khéo” ở thôn"}}
	for _, c := range []struct {
		name              string
		novelty           string
		earlier           *store.Registration
		wantNovelty, from string
		hasFrom           bool
	}{
		{"new", "moi", nil, "Mô hình mới", "", false},
		{"carried on", "duy_tri", &earlier, "Duy trì, nhân rộng", nb("DVK-2023-004") + " “Đường hoa”", true},
		{"carried on, name with quotes", "duy_tri", &quoted, "Duy trì, nhân rộng", nb("DVK-2023-005") + " Mô hình “Dân vận khéo” ở thôn", true},
		{"older record, carried on", "", &earlier, "Duy trì, nhân rộng", nb("DVK-2023-004") + " “Đường hoa”", true},
		{"older record", "", nil, "", "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := sampleSheet()
			s.Reg.Model.Novelty, s.Earlier = c.novelty, c.earlier
			if c.earlier != nil {
				s.Reg.CarriedFrom = 9
			}
			paras := sheetParas(t, s, time.UTC)
			if v, ok := sheetRow(paras, "Mới / duy trì"); !ok || v != c.wantNovelty {
				t.Errorf("Mới / duy trì: %q (row %v), want %q", v, ok, c.wantNovelty)
			}
			if v, ok := sheetRow(paras, "Duy trì từ mô hình"); ok != c.hasFrom || v != c.from {
				t.Errorf("Duy trì từ mô hình: %q (row %v), want %q (row %v)", v, ok, c.from, c.hasFrom)
			}
			for _, office := range []string{"Trạng thái", "đã tiếp nhận"} {
				if slices.Contains(paras, office) {
					t.Errorf("the sheet prints the office's %q", office)
				}
			}
			if !slices.Contains(paras, "Mã số: "+nb("DVK-2024-001")) {
				t.Errorf("no unbroken Mã số in %q", paras)
			}
		})
	}
}
