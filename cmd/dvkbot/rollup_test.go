package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// provinceAdmin is in [province] admins: the Ban Dân vận Tỉnh ủy.
var provinceAdmin = telegramtest.User{ID: 601, FirstName: "Hải", LastName: "Nguyễn Văn"}

// rollUnit is a unit of the roll-up test and its one model, if any.
type rollUnit struct {
	name                   string
	registered, late, done bool
	outcome                string
}

// rollCommunes: An Bình (the home commune) is behind, Tân Phú is not.
var rollCommunes = []struct {
	name, code string
	units      []rollUnit
}{
	{"Xã An Bình", "", []rollUnit{{name: "Chi bộ thôn Đông", registered: true, done: true, outcome: store.OutcomeRecognised},
		{name: "Chi bộ thôn Tây", registered: true, late: true}, {name: "Hội Phụ nữ xã"}}},
	{"Xã Tân Phú", "TANPHU", []rollUnit{{name: "Chi bộ thôn Đông", registered: true, done: true, outcome: store.OutcomeExemplary},
		{name: "Chi bộ ấp Mới", registered: true, done: true}}},
}

// wantRollLine is a commune's line as the bot must print it, counted here.
func wantRollLine(i int) string {
	var onTime, late, none, results, missing, recognised, exemplary, owing int
	for _, u := range rollCommunes[i].units {
		switch {
		case !u.registered:
			none++
		case u.late:
			late++
		default:
			onTime++
		}
		if u.registered && u.done {
			results++
		} else if u.registered {
			missing++
		}
		if !u.registered || !u.done {
			owing++
		}
		switch u.outcome {
		case store.OutcomeRecognised:
			recognised++
		case store.OutcomeExemplary:
			exemplary++
		}
	}
	return fmt.Sprintf("• %s — còn thiếu %d/%d đơn vị: đăng ký đúng hạn %d, muộn %d, chưa đăng ký %d; kết quả đã nộp %d, còn thiếu %d; công nhận %d, điển hình %d",
		rollCommunes[i].name, owing, len(rollCommunes[i].units), onTime, late, none, results, missing, recognised, exemplary)
}

// provinceHarness is a bot for a province: the home commune An Bình (its
// admin is admin), Tân Phú, a province campaign for both, and the
// registrations of rollCommunes.
func provinceHarness(t *testing.T) (*harness, store.Campaign, uint64) {
	h := newHarness(t)
	h.province = []int64{provinceAdmin.ID}
	// The clock is set before the bot that works on it starts: a clock
	// turned back years under a running sender holds its queue for as
	// long (its pace was reckoned at the later time).
	h.clock.set(time.Date(2024, 9, 16, 9, 0, 0, 0, ict)) // a Monday after both deadlines
	h.restart()
	var c store.Campaign
	var tanPhu uint64
	h.change(func(tx *store.Tx) error {
		home, err := tx.Commune(store.HomeCommune)
		if err != nil {
			return err
		}
		home.Name = rollCommunes[0].name
		if err := tx.PutCommune(home); err != nil {
			return err
		}
		m, err := tx.AddCommune(store.Commune{Name: rollCommunes[1].name, Code: rollCommunes[1].code,
			Office: store.Office{Body: []string{"ĐẢNG BỘ TỈNH GIA LAI", "ĐẢNG ỦY XÃ TÂN PHÚ"}, Place: "Tân Phú"}})
		if err != nil {
			return err
		}
		tanPhu = m.ID
		c, err = tx.PutCampaign(store.Campaign{Name: "Phong trào “Dân vận khéo” tỉnh Gia Lai năm 2024", Province: true, MinModels: 1,
			RegDeadline: "2024-04-07", ResultsDeadline: "2024-09-05", EndDate: "2024-12-15"})
		if err != nil {
			return err
		}
		defer tx.Scope(0)
		for i, rc := range rollCommunes {
			tx.Scope([]uint64{store.HomeCommune, tanPhu}[i])
			for _, ru := range rc.units {
				u, err := tx.AddUnit(store.Unit{Name: ru.name, Kind: "chi_bo_thon"})
				if err != nil || !ru.registered {
					if err != nil {
						return err
					}
					continue
				}
				g := store.Registration{CampaignID: c.ID, UnitID: u.ID, Status: store.StatusApproved, Late: ru.late,
					Model: store.Model{Name: "Mô hình " + ru.name, Kind: "tap_the", Field: "kinh_te"}}
				if ru.done {
					g.Results = &store.Results{Achieved: "Xong", People: 20}
				}
				if ru.outcome != "" {
					g.Evaluation = &store.Evaluation{Outcome: ru.outcome}
				}
				if _, err := tx.AddRegistration(g, "2024"); err != nil {
					return err
				}
			}
		}
		return nil
	})
	return h, c, tanPhu
}

func TestProvinceReportHasALinePerCommuneAndTheirDetail(t *testing.T) {
	t.Parallel()
	h, c, tanPhu := provinceHarness(t)
	pc := telegramtest.PrivateChat(provinceAdmin)
	sum := h.say(provinceAdmin, "/report", "Tổng hợp theo xã, phường")
	var lines []string
	for _, l := range strings.Split(sum.Plain, "\n") {
		if strings.HasPrefix(l, "• Xã") {
			lines = append(lines, l)
		}
	}
	want := []string{wantRollLine(0), wantRollLine(1)} // An Bình is behind: first
	if len(lines) != len(want) {
		t.Fatalf("%d commune lines, want %d:\n%s", len(lines), len(want), sum.Plain)
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Errorf("line %d:\n got %s\nwant %s", i+1, lines[i], want[i])
		}
	}
	if !strings.Contains(sum.Plain, "Xã, phường tham gia: 2 · đơn vị tham gia: 5") {
		t.Errorf("no totals:\n%s", sum.Plain)
	}

	// Per-commune detail: Tân Phú's own summary, on its own.
	h.press(provinceAdmin, pc, sum, "Xã Tân Phú")
	detail := h.expectNew(provinceAdmin.ID, "🏘 Xã Tân Phú")
	for _, w := range []string{"Báo cáo tổng hợp", "Đơn vị tham gia: 2", "Mô hình: 2"} {
		if !strings.Contains(detail.Plain, w) {
			t.Errorf("Tân Phú's detail lacks %q:\n%s", w, detail.Plain)
		}
	}
	h.press(provinceAdmin, pc, detail, "Excel của xã, phường")
	own, err := h.srv.WaitFor(wait, func(s telegramtest.Sent) bool { return s.Method == "sendDocument" && s.ChatID == provinceAdmin.ID })
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(own.FileName, "DVK_dang-uy-xa-tan-phu_") {
		t.Errorf("Tân Phú's workbook is %q, want it on Tân Phú's paper", own.FileName)
	}

	// The province's workbook: the commune sheet on the province's paper.
	h.press(provinceAdmin, pc, sum, "Tải Excel")
	doc, err := h.srv.WaitFor(wait, func(s telegramtest.Sent) bool {
		return s.Method == "sendDocument" && s.ChatID == provinceAdmin.ID && s.Seq != own.Seq
	})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := h.srv.FileData(doc.Params["document"])
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", doc.FileName, err)
	}
	defer f.Close()
	rows, err := f.GetRows("Tổng hợp theo xã, phường")
	if err != nil {
		t.Fatalf("no commune sheet in %q: %v", f.GetSheetList(), err)
	}
	if rows[0][0] != "TỈNH ỦY GIA LAI" {
		t.Errorf("the commune sheet is headed %q, want the province's body", rows[0])
	}
	models, _ := f.GetRows("Dữ liệu mô hình") // every field; the printed list is "Danh sách mô hình"
	if len(models) != 5 || models[0][2] != "Xã, phường" {
		t.Errorf("model list %q: want 4 models with their commune", models)
	}

	// The commune admin of An Bình, forging the province's buttons with
	// Tân Phú's real ids, is refused and told nothing of Tân Phú.
	ac := telegramtest.PrivateChat(admin)
	mine := h.say(admin, "/report", "Báo cáo tổng hợp")
	if !strings.Contains(mine.Plain, "Đơn vị tham gia: 3") || strings.Contains(mine.Plain, "Tân Phú") {
		t.Errorf("An Bình's /report:\n%s", mine.Plain)
	}
	before := len(h.srv.SentTo(admin.ID))
	for _, data := range []string{fmt.Sprintf("vr:%d:%d", c.ID, tanPhu), fmt.Sprintf("vx:%d:%d", c.ID, tanPhu), fmt.Sprintf("vp:%d:0", c.ID)} {
		q := h.srv.PressButton(admin, ac, mine.MessageID, data)
		if _, err := h.srv.WaitFor(wait, func(s telegramtest.Sent) bool {
			return s.CallbackQueryID == q && strings.Contains(s.Text, "không còn dùng được")
		}); err != nil {
			t.Errorf("%s: no refusal: %v", data, err)
		}
		h.settle()
	}
	for _, s := range h.srv.SentTo(admin.ID)[before:] {
		if s.Method != "answerCallbackQuery" {
			t.Errorf("the forged buttons got %s %q", s.Method, s.Plain)
		}
	}
}

func TestProvinceDigestNamesTheCommunesBehindOnce(t *testing.T) {
	t.Parallel()
	h, _, _ := provinceHarness(t)
	h.say(provinceAdmin, "/start", "Xin chào") // Telegram delivers only to who opened the chat
	h.say(admin, "/start", "Xin chào")
	for i := 0; i < 2; i++ {
		if err := h.main.sched.RunNow("digest"); err != nil {
			t.Fatal(err)
		}
	}
	h.settle()
	var got []telegramtest.Sent
	for _, s := range h.srv.SentTo(provinceAdmin.ID) {
		if strings.Contains(s.Plain, "Tổng hợp hằng tuần theo xã, phường") {
			got = append(got, s)
		}
	}
	if len(got) != 1 {
		t.Fatalf("%d province digests in one week, want 1\n%s", len(got), h.logs.String())
	}
	// An Bình: Hội Phụ nữ registered nothing; Tây owes its results.
	if want := "• Xã An Bình: 1/3 đơn vị chưa đăng ký, 1 mô hình chưa báo cáo kết quả"; !strings.Contains(got[0].Plain, want) {
		t.Errorf("the digest lacks %q:\n%s", want, got[0].Plain)
	}
	if strings.Contains(got[0].Plain, "Tân Phú") {
		t.Errorf("Tân Phú owes nothing, but is named:\n%s", got[0].Plain)
	}
	// The commune's own digest is its own.
	d := h.expectNew(admin.ID, "Tổng hợp hằng tuần")
	if strings.Contains(d.Plain, "Tân Phú") || strings.Contains(d.Plain, "ấp Mới") {
		t.Errorf("An Bình's digest names Tân Phú:\n%s", d.Plain)
	}
}

func TestExportCommuneOrProvince(t *testing.T) {
	t.Parallel()
	h, _, _ := provinceHarness(t)
	cfgPath := filepath.Join(t.TempDir(), "config.toml")
	os.WriteFile(cfgPath, []byte("[store]\npath = \""+h.path+"\"\n[province]\nbody = [\"TỈNH ỦY GIA LAI\", \"BAN DÂN VẬN\"]\n"), 0o600)
	export := func(args ...string) (*excelize.File, string) {
		t.Helper()
		out := filepath.Join(t.TempDir(), "tong-hop.xlsx")
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), append([]string{"export", "-config", cfgPath, "-out", out}, args...), &stdout, &stderr); code != 0 {
			return nil, stderr.String()
		}
		f, err := excelize.OpenFile(out)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f, ""
	}
	for _, when := range []string{"running", "stopped"} {
		t.Run(when, func(t *testing.T) {
			if when == "stopped" {
				h.main.Close()
			}
			f, msg := export("-commune", "tanphu")
			if f == nil {
				t.Fatalf("-commune tanphu: %s", msg)
			}
			rows, _ := f.GetRows("Dữ liệu mô hình")
			head, _ := f.GetRows("Biểu tổng hợp")
			if len(rows) != 3 || rows[0][2] != "Đơn vị" || head[1][0] != "ĐẢNG ỦY XÃ TÂN PHÚ" || slices.Contains(f.GetSheetList(), "Tổng hợp theo xã, phường") {
				t.Errorf("Tân Phú's workbook: %d model rows, header %q, body %q, sheets %q", len(rows), rows[0], head[:2], f.GetSheetList())
			}
			f, msg = export()
			if f == nil {
				t.Fatalf("no flag: %s", msg)
			}
			rows, _ = f.GetRows("Dữ liệu mô hình")
			communes, err := f.GetRows("Tổng hợp theo xã, phường")
			if err != nil || len(rows) != 5 || rows[0][2] != "Xã, phường" || communes[0][0] != "TỈNH ỦY GIA LAI" {
				t.Errorf("the province's workbook: %v, %d model rows, header %q", err, len(rows), rows[0])
			}
			if f, msg := export("-commune", "NOPE"); f != nil || !strings.Contains(msg, `"NOPE"`) {
				t.Errorf("an unknown code: %q", msg)
			}
		})
	}
}

// The province's leadership, invited read-only, sees the roll-up and
// changes nothing: no communes to add, no campaigns, no files to import.
func TestProvinceLeadershipReadsOnly(t *testing.T) {
	t.Parallel()
	h, _, _ := provinceHarness(t)
	leader := telegramtest.User{ID: 611, FirstName: "Thường trực", LastName: "Tỉnh ủy"}
	pc := telegramtest.PrivateChat(provinceAdmin)
	h.press(provinceAdmin, pc, h.say(provinceAdmin, "/communes", "Các xã, phường"), "Mời lãnh đạo tỉnh")
	link := linkRE.FindStringSubmatch(h.expectNew(provinceAdmin.ID, "Link mời lãnh đạo tỉnh").Plain)
	if link == nil {
		t.Fatal("no invite link")
	}
	h.say(leader, "/start "+link[1], "Kính chào")
	if u := h.user(leader.ID); !u.Viewer || !u.Province || u.Admin {
		t.Fatalf("the leader is %+v", u)
	}
	h.say(leader, "/report", "Tổng hợp theo xã, phường")
	before := h.communeCount()
	for _, cmd := range []string{"/communes", "/campaigns", "/units", "/pending"} {
		if got := h.say(leader, cmd, ""); strings.Contains(got.Plain, "Thêm") || strings.Contains(got.Plain, "Tạo") {
			t.Errorf("%s offers a change to the read-only leader: %q", cmd, got.Plain)
		}
	}
	lp := telegramtest.PrivateChat(leader)
	for _, data := range []string{"cn", "cm:2", "ci:2", "cv", "ca", "cl"} {
		h.srv.PressButton(leader, lp, 1, data)
	}
	h.settle()
	if h.communeCount() != before {
		t.Error("the read-only leader changed the communes")
	}
	h.view(func(tx *store.Tx) error {
		if invs, _ := tx.OpenInvites(0); len(invs) != 0 {
			t.Errorf("the read-only leader made invites: %+v", invs)
		}
		return nil
	})
}
