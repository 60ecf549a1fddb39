package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dvkbot/dvkbot/bot/report"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// The large sample: a province of sampleCommunes communes of sampleUnits
// units each, sampleModels models a unit (9,000 in all), with long names
// and texts, on a fixed clock and a fixed seed, so that two runs write
// the same files. Its paper is what an office of that size prints.
const (
	sampleCommunes = 100
	sampleUnits    = 30
	sampleModels   = 3
)

// sampleDay is the sample's clock: after the results deadline, so that
// the lists hold days late, results and outcomes.
var sampleDay = time.Date(2024, 9, 20, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600))

// sampleKinds are the unit kinds a commune's 30 units take in turn: every
// kind of the plan, the Party's cells most often.
var sampleKinds = []string{"chi_bo_thon", "chi_bo_thon", "chi_bo_thon", "chi_bo_truong", "chi_bo_cong_an", "chi_bo_quan_su",
	"chi_bo_co_quan", "mttq", "hoi_phu_nu", "hoi_nong_dan", "hoi_ccb", "doan_thanh_nien", "chinh_quyen", "ban_nganh",
	"hoi_quan_chung", "to_dan_van", "khac"}

// sampleNames are the long unit names of each kind ("%s" is a village).
var sampleNames = map[string]string{
	"chi_bo_thon": "Chi bộ thôn %s", "chi_bo_truong": "Chi bộ Trường Trung học cơ sở %s", "chi_bo_cong_an": "Chi bộ Công an xã (Đồn %s)",
	"chi_bo_quan_su": "Chi bộ Quân sự xã (cụm %s)", "chi_bo_co_quan": "Chi bộ cơ quan Đảng - Mặt trận - Đoàn thể %s",
	"mttq": "Ban công tác Mặt trận thôn %s", "hoi_phu_nu": "Chi hội Phụ nữ thôn %s", "hoi_nong_dan": "Chi hội Nông dân thôn %s",
	"hoi_ccb": "Chi hội Cựu chiến binh thôn %s", "doan_thanh_nien": "Chi đoàn Thanh niên Cộng sản Hồ Chí Minh thôn %s",
	"chinh_quyen": "Ủy ban nhân dân xã (bộ phận %s)", "ban_nganh": "Ban Chỉ huy Quân sự, Ban Văn hóa - Xã hội %s",
	"hoi_quan_chung": "Hội Người cao tuổi thôn %s", "to_dan_van": "Tổ dân vận thôn %s", "khac": "Hợp tác xã nông nghiệp dịch vụ %s",
}

var sampleVillages = []string{"Ea Kmăl Buôn Ma Thuột", "Phú Lợi Đông", "Tân Hòa Thượng", "Kon Chiêng Ia Grai", "Bình Minh Hạ",
	"Thạnh Mỹ Tây", "Đăk Pơ Tô", "Hòa Bình Nam", "Ia Kla Chư Prông", "Sơn Lang Trung"}

var sampleFields = []string{"kinh_te", "kinh_te", "van_hoa_xa_hoi", "quoc_phong_an_ninh", "xay_dung_htct", "khac"}

var sampleSurnames = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Rơ Chăm", "Siu", "Ksor"}
var sampleGiven = []string{"Văn Bình", "Thị Thu Hà", "Ngọc Thu", "Minh Quang", "Thị Hồng Nhung", "H'Hen", "Văn Thắng", "Đức Anh"}

// long repeats a phrase of the sample's texts up to about n characters.
func long(r *rand.Rand, n int, phrases ...string) string {
	var b strings.Builder
	for b.Len() < n {
		if b.Len() > 0 {
			b.WriteString(" ")
		}
		b.WriteString(phrases[r.IntN(len(phrases))])
	}
	return b.String()
}

var sampleContent = []string{"Vận động nhân dân hiến đất, góp ngày công làm đường giao thông nông thôn, trồng hoa hai bên đường.",
	"Tuyên truyền, vận động đồng bào dân tộc thiểu số xóa bỏ hủ tục, giữ gìn bản sắc văn hóa, xây dựng nếp sống văn minh.",
	"Thành lập tổ tự quản an ninh trật tự, camera giám sát tại các ngã ba, ngã tư; phối hợp với Công an xã tuần tra ban đêm.",
	"Hỗ trợ hộ nghèo, hộ cận nghèo vay vốn, chuyển đổi cây trồng sang cà phê, hồ tiêu, sầu riêng theo tiêu chuẩn VietGAP.",
	"Đảng viên gương mẫu đi trước, nhận đỡ đầu hộ khó khăn, mỗi tháng một buổi sinh hoạt chuyên đề tại nhà văn hóa thôn."}

// sampleOffices: the province's, and a commune's under the province.
func provinceOfficeSample() store.Office {
	return store.Office{Body: []string{"TỈNH ỦY GIA LAI", "BAN DÂN VẬN"}, Place: "Gia Lai", OnBehalf: "T/M BAN DÂN VẬN",
		Position: "TRƯỞNG BAN", Signer: "Nguyễn Văn Hải", Preparer: "Rơ Chăm H'Hen", Recipient: "Ban Dân vận Trung ương", Abbreviation: "BDVTU"}
}

func communeOfficeSample(name string) store.Office {
	return store.Office{Body: []string{"ĐẢNG BỘ TỈNH GIA LAI", "ĐẢNG ỦY " + strings.ToUpper(name)}, Place: strings.TrimPrefix(name, "Xã "),
		OnBehalf: "T/M ĐẢNG ỦY", Position: "PHÓ BÍ THƯ THƯỜNG TRỰC", Signer: "Ksor Thị Hồng Nhung", Preparer: "Nguyễn Thị Thu Hà",
		Recipient: "Ban Dân vận Tỉnh ủy"}
}

// writeSample writes the large sample's files to dir and returns their
// paths: the province's workbook and report draft, one commune's
// workbook, and registration sheets of units of several kinds.
func writeSample(ctx context.Context, dir string) ([]string, error) {
	tmp, err := os.MkdirTemp("", "papercheck-db-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	st, err := store.Open(filepath.Join(tmp, "sample.db"), store.Options{Timeout: time.Second, Now: func() time.Time { return sampleDay }})
	if err != nil {
		return nil, err
	}
	defer st.Close()
	c, err := fillSample(ctx, st)
	if err != nil {
		return nil, fmt.Errorf("sample: %w", err)
	}
	cat, err := locales.Load()
	if err != nil {
		return nil, err
	}
	paper := func(o store.Office) report.Paper {
		return report.Paper{T: func(id string) string { return cat.Text("vi", id, nil) }, Loc: sampleDay.Location(), Office: o, Day: sampleDay}
	}
	var out []string
	write := func(name string, data []byte, err error) error {
		if err != nil {
			return fmt.Errorf("sample %s: %w", name, err)
		}
		p := filepath.Join(dir, name)
		out = append(out, p)
		return os.WriteFile(p, data, 0o644)
	}
	var province, commune report.Snapshot
	var sheets []report.Sheet
	err = st.View(ctx, func(tx *store.Tx) (err error) {
		if province, err = report.Read(tx, c); err != nil {
			return err
		}
		if sheets, err = sheetsOfEveryKind(tx, c); err != nil {
			return err
		}
		tx.Scope(sampleCommune)
		commune, err = report.Read(tx, c)
		return err
	})
	if err != nil {
		return nil, err
	}
	po, co := provinceOfficeSample(), communeOfficeSample(sampleCommuneName)
	for _, f := range []struct {
		name   string
		snap   report.Snapshot
		office store.Office
		format string
	}{{"mau-lon_tinh_tong-hop.xlsx", province, po, "xlsx"}, {"mau-lon_tinh_bao-cao.docx", province, po, "docx"},
		{"mau-lon_xa_tong-hop.xlsx", commune, co, "xlsx"}} {
		data, err := f.snap.Render(f.format, paper(f.office))
		if err := write(f.name, data, err); err != nil {
			return nil, err
		}
	}
	for _, s := range sheets {
		data, err := report.RegistrationSheet(s, paper(co))
		if err := write("mau-lon_phieu_"+s.Unit.Kind+".docx", data, err); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// sampleCommune is the commune whose own workbook and registration sheets
// the sample prints (its id; the home commune is 1).
const sampleCommune = 7

var sampleCommuneName = communeName(sampleCommune - 1)

func communeName(i int) string {
	if i%4 == 3 {
		return fmt.Sprintf("Phường Hòa Bình Nam Thượng số %d", i+1)
	}
	return fmt.Sprintf("Xã Ia Hrú Chư Păh Đông số %d", i+1)
}

// sheetKinds are the kinds whose registration sheets the sample prints:
// Party cells, the Front, mass organisations, the government.
var sheetKinds = map[string]bool{"chi_bo_thon": true, "chi_bo_cong_an": true, "mttq": true, "hoi_phu_nu": true,
	"hoi_nong_dan": true, "doan_thanh_nien": true, "to_dan_van": true, "chinh_quyen": true}

// sheetsOfEveryKind are the first unit of each kind of sheetKinds in the
// sample's commune, with its first model.
func sheetsOfEveryKind(tx *store.Tx, c store.Campaign) ([]report.Sheet, error) {
	tx.Scope(sampleCommune)
	defer tx.Scope(0)
	units, err := tx.Units(false)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []report.Sheet
	for _, u := range units {
		if seen[u.Kind] || !sheetKinds[u.Kind] {
			continue
		}
		regs, err := tx.UnitRegistrations(u.ID)
		if err != nil {
			return nil, err
		}
		if len(regs) == 0 {
			continue
		}
		seen[u.Kind] = true
		sheet, err := report.SheetOf(tx, regs[0])
		if err != nil {
			return nil, err
		}
		out = append(out, sheet)
	}
	return out, nil
}

// fillSample stores the province, its communes, units, secretaries and
// models, a commune a transaction, as the bot writes them.
func fillSample(ctx context.Context, st *store.Store) (c store.Campaign, err error) {
	r := rand.New(rand.NewPCG(2024, 28))
	err = st.Update(ctx, func(tx *store.Tx) (err error) {
		c, err = tx.PutCampaign(store.Campaign{Name: "Phong trào thi đua “Dân vận khéo” trên địa bàn tỉnh Gia Lai năm 2024", Province: true,
			MinModels: 1, RegDeadline: "2024-04-07", ResultsDeadline: "2024-09-05", EndDate: "2024-12-15"})
		return err
	})
	if err != nil {
		return c, err
	}
	person := int64(100000)
	for i := 0; i < sampleCommunes; i++ {
		err := st.Update(ctx, func(tx *store.Tx) error {
			id := store.HomeCommune
			if i == 0 {
				if err := tx.PutCommune(store.Commune{ID: id, Code: "XA001", Name: communeName(i)}); err != nil {
					return err
				}
			} else {
				m, err := tx.AddCommune(store.Commune{Code: fmt.Sprintf("XA%03d", i+1), Name: communeName(i)})
				if err != nil {
					return err
				}
				id = m.ID
			}
			tx.Scope(id)
			defer tx.Scope(0)
			for j := 0; j < sampleUnits; j++ {
				if err := sampleUnit(tx, r, c, i, j, &person); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return c, err
		}
	}
	return c, nil
}

// sampleUnit stores unit j of commune i with two secretaries and its
// models: most approved with results and an outcome, some late, some
// owing results, a few still waiting for the office.
func sampleUnit(tx *store.Tx, r *rand.Rand, c store.Campaign, i, j int, person *int64) error {
	kind := sampleKinds[j%len(sampleKinds)]
	name := fmt.Sprintf(sampleNames[kind], sampleVillages[(i+j)%len(sampleVillages)]+" "+fmt.Sprint(j+1))
	u, err := tx.AddUnit(store.Unit{Name: name, Kind: kind})
	if err != nil {
		return fmt.Errorf("unit %q: %w", name, err)
	}
	for k := 0; k < 2; k++ {
		*person++
		given, family := sampleGiven[r.IntN(len(sampleGiven))], sampleSurnames[r.IntN(len(sampleSurnames))]
		if err := tx.PutUser(store.User{ID: *person, FirstName: given, LastName: family, FullName: family + " " + given,
			Username: fmt.Sprintf("bithu_%d", *person)}); err != nil {
			return err
		}
		if err := tx.AddSecretary(u.ID, *person, 0); err != nil {
			return err
		}
	}
	for k := 0; k < sampleModels; k++ {
		g := sampleRegistration(r, c, u, k)
		g.SubmittedBy = *person
		if _, err := tx.AddRegistration(g, "2024"); err != nil {
			return err
		}
	}
	return nil
}

func sampleRegistration(r *rand.Rand, c store.Campaign, u store.Unit, k int) store.Registration {
	kind := "tap_the"
	subject := u.Name
	if r.IntN(4) == 0 {
		kind, subject = "ca_nhan", "Đồng chí "+sampleSurnames[r.IntN(len(sampleSurnames))]+" "+sampleGiven[r.IntN(len(sampleGiven))]+", Bí thư chi bộ kiêm Trưởng thôn"
	}
	novelty := "moi"
	if k > 0 && r.IntN(3) == 0 {
		novelty = "duy_tri"
	}
	g := store.Registration{CampaignID: c.ID, UnitID: u.ID, Status: store.StatusApproved, Late: r.IntN(7) == 0,
		Model: store.Model{Name: "Mô hình “" + long(r, 90, "Dân vận khéo", "Đoàn kết, chung sức xây dựng nông thôn mới", "Thôn sáng - xanh - sạch - đẹp", "Camera an ninh", "Phụ nữ tiết kiệm vì người nghèo") + "”",
			Kind: kind, Subject: subject, Field: sampleFields[r.IntN(len(sampleFields))], Novelty: novelty,
			Address: "Thôn " + sampleVillages[r.IntN(len(sampleVillages))] + ", khu dân cư số " + fmt.Sprint(1+r.IntN(12)),
			Content: long(r, 400+r.IntN(300), sampleContent...), Targets: long(r, 150, "100% hộ gia đình tham gia", "làm mới 2,5 km đường bê tông",
				"giảm 50% hộ nghèo", "không có trọng án", "mỗi đảng viên giúp một hộ"),
			From: "2024-04-01", To: "2024-11-30"}}
	switch n := r.IntN(20); {
	case n == 0:
		g.Status = store.StatusSubmitted // still waiting for the office
		return g
	case n < 4:
		return g // approved; its results are owed
	}
	g.Results = &store.Results{Achieved: long(r, 200, sampleContent...), Against: "dat", People: int64(50 + r.IntN(2000)),
		Money: int64(1+r.IntN(900)) * 500_000, Criteria: []int{1, 2, 3, 5}[:1+r.IntN(4)], Late: r.IntN(10) == 0,
		Measures:    fmt.Sprintf("Ngày công: %d\nĐất hiến: %d m²\nCây xanh: %d cây", 10+r.IntN(900), r.IntN(3000), r.IntN(500)),
		Lessons:     long(r, 160, "Đảng viên đi trước, làng nước theo sau.", "Phát huy vai trò người có uy tín trong đồng bào."),
		Proposals:   long(r, 120, "Đề nghị nhân rộng ra toàn xã.", "Đề nghị hỗ trợ xi măng cho năm sau."),
		SubmittedAt: sampleDay.AddDate(0, 0, -1-r.IntN(60))}
	outcomes := []string{store.OutcomeRecognised, store.OutcomeRecognised, store.OutcomeExemplary, store.OutcomeNotMet, ""}
	if o := outcomes[r.IntN(len(outcomes))]; o != "" {
		// an exemplary model is proposed upward: the summary's line of
		// proposals then runs past what one page names (issue 27)
		g.Evaluation = &store.Evaluation{Outcome: o, Level: store.LevelBase, ProposeHigher: o == store.OutcomeExemplary, Comment: "Đạt yêu cầu", At: sampleDay}
	}
	if g.Results.People%3 == 0 { // a third counted households too, apart from people
		g.Results.Households = g.Results.People / 4
	}
	return g
}
