package unitfile

import (
	"strings"

	"github.com/dvkbot/dvkbot/store"
)

// kindWords map folded words to unit kinds. Order matters: the first
// match wins, so the specific come before the general ("Tổ dân vận khu
// phố" is a team, not a village cell).
var kindWords = []struct {
	kind  string
	words []string
}{
	{"to_dan_van", []string{"to dan van"}},
	{"chi_bo_cong_an", []string{"cong an"}},
	{"chi_bo_quan_su", []string{"quan su", "quan doi"}},
	{"chi_bo_truong", []string{"truong", "mam non", "tieu hoc", "thcs", "thpt"}},
	{"hoi_phu_nu", []string{"phu nu"}},
	{"hoi_nong_dan", []string{"nong dan"}},
	{"hoi_ccb", []string{"cuu chien binh", "ccb"}},
	{"doan_thanh_nien", []string{"thanh nien", "doan tn", "chi doan"}},
	{"mttq", []string{"mttq", "mat tran"}},
	{"chi_bo_co_quan", []string{"co quan", "uy ban", "ubnd"}},
	{"chi_bo_thon", []string{"thon", "khu pho", "xom", "ap", "ban", "to dan pho"}},
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

func match(folded string) string {
	words := " " + folded + " "
	for _, kw := range kindWords {
		for _, w := range kw.words {
			if strings.Contains(words, " "+w+" ") {
				return kw.kind
			}
		}
	}
	return ""
}
