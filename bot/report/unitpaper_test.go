package report

import (
	"slices"
	"testing"

	"github.com/dvkbot/dvkbot/store"
)

// TestEveryKindHasItsForms: the table names every kind of unit the store
// knows (none falls on "khac" unseen), and each of its forms heads and
// signs a paper.
func TestEveryKindHasItsForms(t *testing.T) {
	for _, k := range store.UnitKinds {
		t.Run(k, func(t *testing.T) {
			forms, ok := unitForms[k]
			if !ok || len(forms) == 0 {
				t.Fatalf("no forms for %q", k)
			}
			for _, f := range forms {
				if len(f.left) == 0 || f.nation == "" || f.position == "" {
					t.Errorf("form %+v lacks a heading or a position", f)
				}
				if (f.nation == partyNation) != (f.mark == "*") {
					t.Errorf("form %+v: a Party title goes with the Party's star, and only it", f)
				}
			}
		})
	}
	for k := range unitForms {
		if !slices.Contains(store.UnitKinds, k) {
			t.Errorf("forms for %q, which the store does not know", k)
		}
	}
}

func TestHeadingNamesTheCommune(t *testing.T) {
	for _, c := range []struct {
		name string
		body []string
		unit store.Unit
		want []string
	}{
		{"a chi bộ of the configured commune", []string{"ĐẢNG BỘ TỈNH GIA LAI", "ĐẢNG ỦY XÃ AN BÌNH"}, store.Unit{Name: "Chi bộ Công an xã", Kind: "chi_bo_cong_an"},
			[]string{"ĐẢNG ỦY XÃ AN BÌNH", "CHI BỘ CÔNG AN\nXÃ AN BÌNH"}},
		{"a ward, one line", []string{"Đảng ủy phường Tân Phú"}, store.Unit{Name: "Hội Phụ nữ phường", Kind: "hoi_phu_nu"},
			[]string{"HỘI LHPN\nPHƯỜNG TÂN PHÚ"}},
		{"an office not configured", nil, store.Unit{Name: "Chi hội Nông dân thôn 2", Kind: "hoi_nong_dan"},
			[]string{"HỘI NÔNG DÂN XÃ ……………", "CHI HỘI NÔNG DÂN THÔN 2"}},
		{"a body the bot cannot read a commune from", []string{"BAN DÂN VẬN"}, store.Unit{Name: "Hội Người cao tuổi xã", Kind: "hoi_quan_chung"},
			[]string{"HỘI NGƯỜI CAO TUỔI XÃ"}},
		{"an unknown kind", []string{"ĐẢNG ỦY XÃ AN BÌNH"}, store.Unit{Name: "Câu lạc bộ  dân vận", Kind: "moi_ve"},
			[]string{"XÃ AN BÌNH", "CÂU LẠC BỘ DÂN VẬN"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			o := orDefault(store.Office{Body: c.body})
			if got := formOf(c.unit).heading(o, c.unit); !slices.Equal(got, c.want) {
				t.Errorf("heading %q, want %q", got, c.want)
			}
		})
	}
}
