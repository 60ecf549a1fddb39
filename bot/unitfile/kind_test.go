package unitfile

import (
	"testing"

	"github.com/dvkbot/dvkbot/store"
)

// Every kind is guessed from a name an office writes (issue 14, item 17).
func TestKindFromName(t *testing.T) {
	tests := []struct{ name, kind string }{
		{"Chi bộ thôn Đông", "chi_bo_thon"},
		{"Chi bộ thôn Trường Xuân", "chi_bo_thon"},
		{"Chi bộ khu phố 2", "chi_bo_thon"},
		{"Chi bộ ấp Phú Lợi", "chi_bo_thon"},
		{"Chi bộ bản Phống", "chi_bo_thon"},
		{"Khu phố 10", "chi_bo_thon"},
		{"Chi bộ Trường Mầm non Hoa Sen", "chi_bo_truong"},
		{"Chi bộ Trường Tiểu học Kim Đồng", "chi_bo_truong"},
		{"Chi bộ THCS Hòa Bình", "chi_bo_truong"},
		{"Chi bộ Công an xã", "chi_bo_cong_an"},
		{"Chi bộ Quân sự xã", "chi_bo_quan_su"},
		{"Chi bộ Trạm Y tế", "chi_bo_co_quan"},
		{"Chi bộ cơ quan Đảng - Đoàn thể", "chi_bo_co_quan"},
		{"Chi bộ UBND xã", "chi_bo_co_quan"},
		{"UBND xã Hòa Bình", "chinh_quyen"},
		{"Ủy ban nhân dân xã", "chinh_quyen"},
		{"Ban Xây dựng Đảng", "ban_nganh"},
		{"Phòng Văn hóa - Xã hội", "ban_nganh"},
		{"Ủy ban MTTQ Việt Nam xã", "mttq"},
		{"Mặt trận Tổ quốc xã", "mttq"},
		{"Hội Phụ nữ xã", "hoi_phu_nu"},
		{"Hội Nông dân xã", "hoi_nong_dan"},
		{"Hội Cựu chiến binh xã", "hoi_ccb"},
		{"Đoàn Thanh niên xã", "doan_thanh_nien"},
		{"Hội Khuyến học xã", "hoi_quan_chung"},
		{"Hội Người cao tuổi xã", "hoi_quan_chung"},
		{"Hội Chữ thập đỏ xã", "hoi_quan_chung"},
		{"Hội Đông y xã", "hoi_quan_chung"},
		{"Hội Khuyến học trường Kim Đồng", "hoi_quan_chung"},
		{"Tổ dân vận khu phố 3", "to_dan_van"},
		{"Tổ dân vận thôn Đông", "to_dan_van"},
		{"Đơn vị khác", "khac"},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, errID := kindOf("", tt.name)
			if got != tt.kind || errID != "" {
				t.Errorf("kindOf(%q) = %q, %q; want %q", tt.name, got, errID, tt.kind)
			}
		})
		seen[tt.kind] = true
	}
	for _, k := range store.UnitKinds {
		if !seen[k] {
			t.Errorf("kind %s has no table case", k)
		}
	}
}
