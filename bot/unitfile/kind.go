package unitfile

import (
	"strings"

	"github.com/dvkbot/dvkbot/store"
)

// kindWords map folded words to unit kinds. Order matters: the first
// match wins, so the specific come before the general: "Tổ dân vận khu
// phố" is a team, not a village cell; "Chi bộ thôn Trường Xuân" is a
// village cell, not a school ("chi bo thon" is read before "truong"); "Chi
// bộ UBND" is an office's cell, "UBND xã" the government.
var kindWords = []kindRule{
	{"to_dan_van", []string{"to dan van"}},
	{"chi_bo_thon", []string{"chi bo thon", "chi bo khu pho", "chi bo xom", "chi bo ap", "chi bo ban", "chi bo to dan pho", "chi bo khom", "chi bo buon", "chi bo lang"}},
	{"chi_bo_cong_an", []string{"cong an"}},
	{"chi_bo_quan_su", []string{"quan su", "quan doi"}},
	{"chi_bo_co_quan", []string{"chi bo ubnd", "chi bo uy ban", "chi bo co quan", "chi bo tram y te", "chi bo y te"}},
	{"chi_bo_truong", []string{"truong", "mam non", "tieu hoc", "thcs", "thpt"}},
	{"hoi_phu_nu", []string{"phu nu"}},
	{"hoi_nong_dan", []string{"nong dan"}},
	{"hoi_ccb", []string{"cuu chien binh", "ccb"}},
	{"doan_thanh_nien", []string{"thanh nien", "doan tn", "chi doan"}},
	{"mttq", []string{"mttq", "mat tran"}},
	{"hoi_quan_chung", []string{"khuyen hoc", "nguoi cao tuoi", "chu thap do", "cuu giao chuc", "cuu thanh nien xung phong",
		"nan nhan chat doc da cam", "bao tro", "hoi quan chung", "hoi dong y", "hoi luat gia", "hoi sinh vat canh"}},
	{"chinh_quyen", []string{"ubnd", "uy ban nhan dan", "chinh quyen", "hdnd", "hoi dong nhan dan"}},
	{"ban_nganh", []string{"ban nganh", "ban xay dung dang", "ban to chuc", "ban tuyen giao", "ban dan van", "ban kinh te",
		"ban van hoa", "ban phap che", "phong van hoa", "phong kinh te", "phong", "ban"}},
	{"chi_bo_co_quan", []string{"co quan", "uy ban", "tram y te", "y te", "tram"}},
	{"chi_bo_thon", []string{"thon", "khu pho", "xom", "ap", "to dan pho", "khom", "buon", "lang"}},
	{"khac", []string{"khac", "other"}},
}

// kindOf reads the kind column, or, when it is empty, guesses from the
// unit's name. It returns the kind or ErrNoKind.
func kindOf(kindCell, name string) (string, string) {
	k := strings.TrimSpace(kindCell)
	if store.ValidKind(k) {
		return k, ""
	}
	if k != "" {
		if kind := match(store.Fold(k)); kind != "" {
			return kind, ""
		}
		return "", ErrNoKind
	}
	if kind := match(store.Fold(name)); kind != "" {
		return kind, ""
	}
	return "", ErrNoKind
}

type kindRule struct {
	kind  string
	words []string
}

// associations are the kinds a name starting "Hội …" may be; any other
// "Hội" is a mass association (Hội Khuyến học, Hội Đông y, …).
var associations = map[string]bool{"hoi_phu_nu": true, "hoi_nong_dan": true, "hoi_ccb": true, "hoi_quan_chung": true}

func match(folded string) string {
	words := " " + folded + " "
	if strings.HasPrefix(folded, "hoi ") && !strings.HasPrefix(folded, "hoi dong nhan dan") {
		for _, kw := range kindWords {
			if associations[kw.kind] && contains(words, kw.words) {
				return kw.kind
			}
		}
		return "hoi_quan_chung"
	}
	for _, kw := range kindWords {
		if contains(words, kw.words) {
			return kw.kind
		}
	}
	return ""
}

// contains reports whether one of ws is a whole-word part of words.
func contains(words string, ws []string) bool {
	for _, w := range ws {
		if strings.Contains(words, " "+w+" ") {
			return true
		}
	}
	return false
}
