package report_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"image/png"
	"os"
	"path/filepath"
	"slices"
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
	if len(rows) != 4 || rows[0][0] != "STT" {
		t.Fatalf("model sheet %d rows, header %v", len(rows), rows[0])
	}
	at := byHeader(t, rows[0]) // by its header: a new column moves none of these
	at("Số người tham gia")
	at("Số hộ tham gia")
	if r := rows[1]; r[at("Mã số")] != "DVK-2024-001" || r[at("Đơn vị")] != "A" || r[at("Đúng hạn/Muộn")] != "Đúng hạn" || r[at("Đánh giá")] != "Công nhận" ||
		r[at("Cấp công nhận")] != "Cấp cơ sở" || r[at("Đề nghị cấp trên công nhận")] != "Có" || r[at("Tự đánh giá")] != "3/4 (1, 2, 5)" || r[at("Kết quả khác")] != "Ngày công: 350" {
		t.Errorf("first model row %v", rows[1])
	}
	if got := rows[2][at("Đúng hạn/Muộn")]; got != "Muộn" {
		t.Errorf("late model shows %q", got)
	}
	moneyCol, _ := excelize.ColumnNumberToName(at("Nguồn lực huy động (đồng)") + 1)
	money, _ := f.GetCellValue("Dữ liệu mô hình", moneyCol+"2", excelize.Options{RawCellValue: true})
	if money != "12500000" {
		t.Errorf("money cell %q, want the number 12500000", money)
	}
	nameCol, _ := excelize.ColumnNumberToName(at("Tên mô hình") + 1)
	if v, _ := f.GetCellValue("Dữ liệu mô hình", nameCol+"4"); !strings.HasPrefix(v, "=HYPERLINK") {
		t.Errorf("user text changed: %q", v)
	}
	at("Số minh chứng")
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
	if len(recs) != 4 {
		t.Fatalf("csv %v", recs)
	}
	at := byHeader(t, recs[0])
	if recs[1][at("Tên mô hình")] != "Đường hoa" || recs[1][at("Nguồn lực huy động (đồng)")] != "12500000" {
		t.Fatalf("csv %v", recs)
	}
	if got := recs[3][at("Tên mô hình")]; !strings.HasPrefix(got, "'=") {
		t.Errorf("formula-looking cell not defused: %q", got)
	}
}

// byHeader finds a column by its header; a missing one fails the test.
func byHeader(t *testing.T, header []string) func(name string) int {
	return func(name string) int {
		t.Helper()
		i := slices.Index(header, name)
		if i < 0 {
			t.Fatalf("no column %q in %v", name, header)
		}
		return i
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
