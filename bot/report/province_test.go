package report_test

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/dvkbot/dvkbot/bot/report"
	"github.com/dvkbot/dvkbot/store"
)

// planModel is one registration of the province fixture.
type planModel struct {
	late, results, withdrawn bool
	outcome                  string
}

// planUnit is a unit and its models; archived units do not take part.
type planUnit struct {
	archived bool
	models   []planModel
}

// planCommune is a commune of the fixture; out: not in the campaign.
type planCommune struct {
	code, name string
	out        bool
	units      []planUnit
}

var (
	onTimeDone = planModel{results: true}
	lateNoRes  = planModel{late: true}
)

// provincePlan: communes of different standings. Expected order, behind
// first: Đông Hòa (2 of 2 units owe), Tân Phú (3 of 4), Bắc Sơn (1 of 3),
// then the two that owe nothing by Vietnamese name: Đông Sơn before Eo
// Gió (Đ sorts after D, before E; in bytes it would come last). An Bình,
// the home commune, is not in the campaign.
var provincePlan = []planCommune{
	{code: "EOGIO", name: "Xã Eo Gió", units: []planUnit{{models: []planModel{onTimeDone}}}},
	{code: "TANPHU", name: "Xã Tân Phú", units: []planUnit{
		{models: []planModel{{results: true, outcome: store.OutcomeRecognised}, {results: true, outcome: store.OutcomeExemplary}}},
		{models: []planModel{lateNoRes, {withdrawn: true}}},
		{}, {},
		{archived: true, models: []planModel{onTimeDone}},
	}},
	{code: "BACSON", name: "Phường Bắc Sơn", units: []planUnit{
		{models: []planModel{{results: true, outcome: store.OutcomeRecognised}}},
		{models: []planModel{{late: true, results: true, outcome: store.OutcomeNotMet}}},
		{models: []planModel{onTimeDone, {}}},
	}},
	{code: "DONGHOA", name: "Xã Đông Hòa", units: []planUnit{{}, {models: []planModel{{}}}}},
	{code: "DONGSON", name: "Xã Đông Sơn", units: []planUnit{{models: []planModel{{late: true, results: true, outcome: store.OutcomeExemplary}}}}},
	{code: "ANBINH", name: "Xã An Bình", out: true, units: []planUnit{{}, {models: []planModel{onTimeDone}}}},
}

// expected is what a commune's roll-up line must say, counted here from
// the plan, not by the report package.
func expected(pc planCommune) report.CommuneLine {
	var l report.CommuneLine
	for _, u := range pc.units {
		if u.archived {
			continue
		}
		l.Units++
		active, late, missing := 0, 0, 0
		for _, m := range u.models {
			if m.withdrawn {
				continue
			}
			active++
			l.Models++
			if m.late {
				late++
			}
			if m.results {
				l.Results++
			} else {
				missing++
			}
			switch m.outcome {
			case store.OutcomeRecognised:
				l.Recognised++
			case store.OutcomeExemplary:
				l.Exemplary++
			case store.OutcomeNotMet:
				l.NotMet++
			}
			if m.outcome == store.OutcomeRecognised || m.outcome == store.OutcomeExemplary {
				if l.Levels == nil {
					l.Levels = map[report.Recognition]int{}
				}
				l.Levels[report.Recognition{Outcome: m.outcome, Level: store.LevelBase}]++ // no level recorded: the base
			}
		}
		switch {
		case active == 0:
			l.RegNone++
			l.Short++
		case late == active:
			l.RegLate++
		default:
			l.RegOnTime++
		}
		l.ResultsMissing += missing
		if active == 0 || missing > 0 {
			l.Owing++
		}
	}
	return l
}

// provinceStore writes the plan: the home commune renamed An Bình, the
// others added, each commune's units and registrations written in a
// transaction scoped to it, and one province campaign for all but An
// Bình. A campaign of An Bình's own, with a model of Tân Phú's unit's
// name, must not count.
func provinceStore(t testing.TB) (*store.Store, store.Campaign) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "province.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var c store.Campaign
	err = st.Update(context.Background(), func(tx *store.Tx) error {
		ids := map[string]uint64{}
		for _, pc := range provincePlan {
			if pc.code == "ANBINH" {
				home, err := tx.Commune(store.HomeCommune)
				if err != nil {
					return err
				}
				home.Name, home.Code = pc.name, pc.code
				if err := tx.PutCommune(home); err != nil {
					return err
				}
				ids[pc.code] = home.ID
				continue
			}
			m, err := tx.AddCommune(store.Commune{Code: pc.code, Name: pc.name})
			if err != nil {
				return err
			}
			ids[pc.code] = m.ID
		}
		var in []uint64
		for _, pc := range provincePlan {
			if !pc.out {
				in = append(in, ids[pc.code])
			}
		}
		c, err = tx.PutCampaign(store.Campaign{Name: "Phong trào thi đua “Dân vận khéo” tỉnh năm 2024", Province: true, Communes: in,
			MinModels: 1, RegDeadline: "2024-04-07", ResultsDeadline: "2024-09-05", EndDate: "2024-12-15"})
		if err != nil {
			return err
		}
		defer tx.Scope(0)
		for _, pc := range provincePlan {
			tx.Scope(ids[pc.code])
			own, err := tx.PutCampaign(store.Campaign{Name: "Đợt riêng", MinModels: 1, RegDeadline: "2024-05-01", ResultsDeadline: "2024-10-01", EndDate: "2024-12-01"})
			if err != nil {
				return err
			}
			for i, pu := range pc.units {
				u, err := tx.AddUnit(store.Unit{Name: "Chi bộ thôn " + strconv.Itoa(i+1), Kind: "chi_bo_thon", Archived: pu.archived})
				if err != nil {
					return err
				}
				if _, err := tx.AddRegistration(store.Registration{CampaignID: own.ID, UnitID: u.ID, Status: store.StatusApproved,
					Model: store.Model{Name: "Mô hình riêng", Kind: "tap_the", Field: "kinh_te"}}, "2024"); err != nil {
					return err
				}
				for _, pm := range pu.models {
					if pc.out {
						break // a commune left out cannot file into the campaign (the store refuses it)
					}
					g := store.Registration{CampaignID: c.ID, UnitID: u.ID, Status: store.StatusApproved, Late: pm.late,
						Model: store.Model{Name: "Mô hình của " + pc.name, Kind: "tap_the", Field: "van_hoa_xa_hoi"}}
					if pm.withdrawn {
						g.Status = store.StatusWithdrawn
					}
					if pm.results {
						g.Results = &store.Results{Achieved: "Xong", People: 10, Money: 1_000_000, Measures: "Ngày công: 5"}
					}
					if pm.outcome != "" {
						g.Evaluation = &store.Evaluation{Outcome: pm.outcome}
					}
					if _, err := tx.AddRegistration(g, "2024"); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return st, c
}

func provinceRollup(t *testing.T) report.Rollup {
	t.Helper()
	st, c := provinceStore(t)
	var r report.Rollup
	err := st.View(context.Background(), func(tx *store.Tx) (err error) { r, err = report.BuildRollup(tx, c); return err })
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestRollupCountsEachCommuneAsCountedHere(t *testing.T) {
	r := provinceRollup(t)
	var names []string
	var total report.CommuneLine
	for _, l := range r.Lines {
		names = append(names, l.Commune.Name)
		i := slices.IndexFunc(provincePlan, func(pc planCommune) bool { return pc.name == l.Commune.Name })
		if i < 0 || provincePlan[i].out {
			t.Errorf("%s is not in the campaign, but has a line", l.Commune.Name)
			continue
		}
		want := expected(provincePlan[i])
		want.Commune = l.Commune
		if !reflect.DeepEqual(l, want) {
			t.Errorf("%s:\n got %+v\nwant %+v", l.Commune.Name, l, want)
		}
		total.Units, total.Models, total.Results = total.Units+want.Units, total.Models+want.Models, total.Results+want.Results
		total.RegOnTime, total.RegLate, total.RegNone = total.RegOnTime+want.RegOnTime, total.RegLate+want.RegLate, total.RegNone+want.RegNone
	}
	wantOrder := []string{"Xã Đông Hòa", "Xã Tân Phú", "Phường Bắc Sơn", "Xã Đông Sơn", "Xã Eo Gió"}
	if !slices.Equal(names, wantOrder) {
		t.Errorf("order %q, want %q", names, wantOrder)
	}
	if r.Total.Units != total.Units || r.Total.Models != total.Models || r.Total.Results != total.Results ||
		r.Total.RegOnTime != total.RegOnTime || r.Total.RegLate != total.RegLate || r.Total.RegNone != total.RegNone {
		t.Errorf("total %+v, want %+v", r.Total, total)
	}
	// The summary over the province agrees with its lines: An Bình's units
	// and the communes' own campaigns are left out.
	if len(r.Units) != total.Units || len(r.Rows) != total.Models {
		t.Errorf("summary of %d units and %d models, want %d and %d", len(r.Units), len(r.Rows), total.Units, total.Models)
	}
}

func TestBehindIsTheShareOfUnitsOwing(t *testing.T) {
	for _, tt := range []struct {
		l    report.CommuneLine
		want float64
	}{{report.CommuneLine{}, 0}, {report.CommuneLine{Units: 4, Owing: 3}, 0.75}, {report.CommuneLine{Units: 2, Owing: 2}, 1}} {
		if got := tt.l.Behind(); got != tt.want {
			t.Errorf("%+v: Behind %v, want %v", tt.l, got, tt.want)
		}
	}
}

// A commune's own summary, scoped, is unchanged: no commune list, no
// commune column, only its units.
func TestScopedSummaryIsOneCommunes(t *testing.T) {
	st, c := provinceStore(t)
	err := st.View(context.Background(), func(tx *store.Tx) error {
		m, err := tx.CommuneByCode("TANPHU")
		if err != nil {
			return err
		}
		tx.Scope(m.ID)
		s, err := report.Build(tx, c)
		if err != nil {
			return err
		}
		if s.Communes != nil || len(s.Units) != 4 || len(s.Rows) != 3 {
			t.Errorf("Tân Phú's summary: communes %v, %d units, %d models; want none, 4, 3", s.Communes, len(s.Units), len(s.Rows))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func provinceOffice() store.Office {
	return store.Office{Body: []string{"TỈNH ỦY GIA LAI", "BAN DÂN VẬN"}, Place: "Gia Lai", OnBehalf: "T/M BAN DÂN VẬN",
		Position: "TRƯỞNG BAN", Signer: "Nguyễn Văn Hải", Recipient: "Ban Dân vận Trung ương"}
}

func TestProvinceWorkbookHasTheCommuneSheetAndColumn(t *testing.T) {
	st, c := provinceStore(t)
	var r report.Rollup
	var full report.Summary
	err := st.View(context.Background(), func(tx *store.Tx) (err error) {
		if r, err = report.BuildRollup(tx, c); err != nil {
			return err
		}
		full, err = report.Build(tx, c)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := report.Workbook(r.Summary, report.Paper{T: vi(t), Loc: time.UTC}); !errors.Is(err, report.ErrBrief) {
		t.Errorf("a workbook of the counted roll-up: %v; want ErrBrief", err)
	}
	data, err := report.Workbook(full, report.Paper{T: vi(t), Loc: time.UTC, Office: provinceOffice(), Day: paperDay})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) < 2 || sheets[1] != "Tổng hợp theo xã, phường" {
		t.Fatalf("sheets %q: want the commune sheet second", sheets)
	}
	rows, err := f.GetRows(sheets[1])
	if err != nil {
		t.Fatal(err)
	}
	all := ""
	for _, row := range rows {
		all += strings.Join(row, "|") + "\n"
	}
	for _, want := range []string{"TỈNH ỦY GIA LAI", "BAN DÂN VẬN", "ĐẢNG CỘNG SẢN VIỆT NAM", "Gia Lai, ngày 06 tháng 9 năm 2024", "THEO XÃ, PHƯỜNG NĂM 2024",
		"T/M BAN DÂN VẬN", "Nguyễn Văn Hải"} {
		if !strings.Contains(all, want) {
			t.Errorf("the commune sheet lacks %q:\n%s", want, all)
		}
	}
	// One row a commune, behind first, with the counts of expected; then
	// the total.
	var got []string
	for _, row := range rows {
		if len(row) < 11 {
			continue
		}
		i := slices.IndexFunc(provincePlan, func(pc planCommune) bool { return pc.name == row[1] })
		if i >= 0 {
			got = append(got, row[1])
			e := expected(provincePlan[i])
			want := []int{e.Units, e.RegOnTime, e.RegLate, e.RegNone, e.Models, e.Results, e.ResultsMissing, e.Recognised, e.Exemplary}
			for j, v := range want {
				if row[2+j] != strconv.Itoa(v) {
					t.Errorf("%s column %d = %q, want %d", row[1], 3+j, row[2+j], v)
				}
			}
		}
		if row[1] == "Tổng cộng" && (row[2] != strconv.Itoa(r.Total.Units) || row[6] != strconv.Itoa(r.Total.Models)) {
			t.Errorf("total row %q, want %d units and %d models", row, r.Total.Units, r.Total.Models)
		}
	}
	if want := []string{"Xã Đông Hòa", "Xã Tân Phú", "Phường Bắc Sơn", "Xã Đông Sơn", "Xã Eo Gió"}; !slices.Equal(got, want) {
		t.Errorf("commune rows %q, want %q", got, want)
	}
	models, _ := f.GetRows("Dữ liệu mô hình")
	if models[0][2] != "Xã, phường" || models[0][3] != "Đơn vị" {
		t.Fatalf("model list header %q: want the commune after the number", models[0])
	}
	for _, row := range models[1:] {
		if !strings.HasSuffix(row[4], row[2]) { // "Mô hình của Xã Tân Phú" is Tân Phú's
			t.Errorf("model %q of %q listed under %q", row[4], row[3], row[2])
		}
	}
	if len(models)-1 != r.Total.Models {
		t.Errorf("%d models listed, want %d", len(models)-1, r.Total.Models)
	}
	csv, err := report.CSV(full, vi(t), time.UTC)
	if err != nil || !strings.Contains(string(csv), "Mã số,Xã, phường,Đơn vị") && !strings.Contains(string(csv), `Mã số,"Xã, phường",Đơn vị`) {
		t.Errorf("the CSV has no commune column: %v\n%.200s", err, csv)
	}
}

// One commune's workbook has neither the commune sheet nor the column.
func TestOneCommuneWorkbookHasNoCommuneSheet(t *testing.T) {
	f := openBook(t, seededSummary(t))
	for _, s := range f.GetSheetList() {
		if s == "Tổng hợp theo xã, phường" {
			t.Error("a one-commune workbook has the commune sheet")
		}
	}
	if models, _ := f.GetRows("Dữ liệu mô hình"); models[0][2] != "Đơn vị" {
		t.Errorf("header %q: want no commune column", models[0])
	}
}
