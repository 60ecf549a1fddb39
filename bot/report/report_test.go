package report_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"github.com/xuri/excelize/v2"
	"golang.org/x/image/font/sfnt"

	"github.com/dvkbot/dvkbot/bot/report"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// fixture: 4 units; A on time with results (recognised), B late without
// results, C never, D on time with a formula-looking model name.
func fixture(t *testing.T) report.Summary {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "r.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var s report.Summary
	err = st.Update(context.Background(), func(tx *store.Tx) error {
		c, _ := tx.PutCampaign(store.Campaign{Name: "DVK 2024", MinModels: 1, RegDeadline: "2024-04-07", ResultsDeadline: "2024-09-05", EndDate: "2024-12-15"})
		add := func(name string) store.Unit {
			u, _ := tx.AddUnit(store.Unit{Name: name, Kind: "chi_bo_thon"})
			return u
		}
		a, b, _, d := add("A"), add("B"), add("C"), add("D")
		reg := func(u store.Unit, name string, late bool, res *store.Results, ev *store.Evaluation) {
			g, err := tx.AddRegistration(store.Registration{CampaignID: c.ID, UnitID: u.ID, Status: store.StatusApproved, Late: late,
				Model: store.Model{Name: name, Kind: "tap_the", Field: "kinh_te", From: "2024-04-01", To: "2024-11-30"}}, "2024")
			if err != nil {
				t.Fatal(err)
			}
			g.Results, g.Evaluation = res, ev
			tx.PutRegistration(g, 0, "x", "")
		}
		reg(a, "Đường hoa", false, &store.Results{Achieved: "2 km", People: 150, Money: 12_500_000, Criteria: []int{1, 2, 5}, Measures: "Ngày công: 350"},
			&store.Evaluation{Outcome: store.OutcomeRecognised, Comment: "Tốt", ProposeHigher: true})
		reg(b, "Sân chơi", true, nil, nil)
		reg(d, "=HYPERLINK(\"http://x\",\"bấm\")", false, nil, nil)
		var err error
		s, err = report.Build(tx, c)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func vi(t *testing.T) report.Text {
	cat, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	return func(id string) string { return cat.Text("vi", id, nil) }
}

func TestBuildCounts(t *testing.T) {
	s := fixture(t)
	got := []int{len(s.Units), s.RegOnTime, s.RegLate, s.RegNone, s.ResOnTime, s.ResMissing, s.Total().Recognised, len(s.Owing())}
	want := []int{4, 2, 1, 1, 1, 2, 1, 3}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("counts %v, want %v", got, want)
			break
		}
	}
}

func TestWorkbookModelList(t *testing.T) {
	s := fixture(t)
	f := openBook(t, s)
	if got := strings.Join(f.GetSheetList(), "|"); got != "Biểu tổng hợp|Danh sách mô hình|Dữ liệu mô hình|Đơn vị chưa hoàn thành|Tổng kết năm|Biểu đồ" {
		t.Fatalf("sheets %q", got)
	}
	rows, _ := f.GetRows("Dữ liệu mô hình")
	if len(rows) != 4 || rows[0][0] != "STT" || rows[0][1] != "Mã số" || rows[0][17] != "Số người tham gia" || rows[0][18] != "Số hộ tham gia" || rows[0][19] != "Nguồn lực huy động (đồng)" || rows[0][23] != "Cấp công nhận" || rows[0][30] != "Số minh chứng" {
		t.Fatalf("model sheet %d rows, header %v", len(rows), rows[0])
	}
	if r := rows[1]; r[1] != "DVK-2024-001" || r[2] != "A" || r[13] != "Đúng hạn" || r[22] != "Công nhận" || r[23] != "Cấp cơ sở" || r[24] != "Có" || r[21] != "3/5 (1, 2, 5)" || r[20] != "Ngày công: 350" {
		t.Errorf("first model row %v", rows[1])
	}
	if rows[2][13] != "Muộn" {
		t.Errorf("late model shows %q", rows[2][13])
	}
	money, _ := f.GetCellValue("Dữ liệu mô hình", "T2", excelize.Options{RawCellValue: true})
	if money != "12500000" {
		t.Errorf("money cell %q, want the number 12500000", money)
	}
	if v, _ := f.GetCellValue("Dữ liệu mô hình", "D4"); !strings.HasPrefix(v, "=HYPERLINK") {
		t.Errorf("user text changed: %q", v)
	}
	if panes, _ := f.GetPanes("Dữ liệu mô hình"); !panes.Freeze {
		t.Error("header row not frozen")
	}
}

func TestCSV(t *testing.T) {
	s := fixture(t)
	data, err := report.CSV(s, vi(t), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		t.Error("no BOM")
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 4 || recs[1][3] != "Đường hoa" || recs[1][19] != "12500000" {
		t.Fatalf("csv %v", recs)
	}
	if !strings.HasPrefix(recs[3][3], "'=") {
		t.Errorf("formula-looking cell not defused: %q", recs[3][3])
	}
}

func TestChartIsAPNGWithVietnameseLabels(t *testing.T) {
	s := fixture(t)
	data, err := report.Chart(s, vi(t))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() < 400 || b.Dy() < 200 || len(data) > 2<<20 {
		t.Errorf("chart %dx%d, %d bytes", b.Dx(), b.Dy(), len(data))
	}
	if os.Getenv("DVKBOT_CHART_OUT") != "" {
		os.WriteFile(os.Getenv("DVKBOT_CHART_OUT"), data, 0o644)
	}
}

// TestChartFontHasVietnamese: the chart's font draws every Vietnamese
// letter, so no label shows a missing-glyph box.
func TestChartFontHasVietnamese(t *testing.T) {
	f, err := sfnt.Parse(liberationsansregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	var b sfnt.Buffer
	for _, r := range "ĐđƯưƠơẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ—«»" {
		if i, _ := f.GlyphIndex(&b, r); i == 0 {
			t.Errorf("no glyph for %q", r)
		}
	}
}
