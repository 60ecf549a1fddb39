package main

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

func TestReportAndExcelExport(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.clock.set(time.Date(2024, 9, 6, 9, 0, 0, 0, ict))
	c := h.seedCampaign()
	h.file(c, "Chi bộ thôn Đông", true)
	h.file(c, "Chi bộ thôn Tây", false)
	pc := telegramtest.PrivateChat(admin)
	sum := h.say(admin, "/report", "Báo cáo tổng hợp")
	for _, want := range []string{"Đơn vị tham gia: 19", "chưa đăng ký: 17", "Mô hình: 2", "chưa nộp 1", "Đơn vị chưa đăng ký:", "• Hội Phụ nữ xã"} {
		if !strings.Contains(sum.Plain, want) {
			t.Errorf("summary lacks %q:\n%s", want, sum.Plain)
		}
	}
	h.press(admin, pc, sum, "Tải Excel")
	doc, err := h.srv.WaitFor(wait, func(s telegramtest.Sent) bool { return s.Method == "sendDocument" && s.ChatID == admin.ID })
	if err != nil {
		t.Fatal(err)
	}
	if doc.FileName != "DVK_dang-uy-xa_2024_tong-hop_2024-09-06.xlsx" {
		t.Errorf("file name %q", doc.FileName)
	}
	data, ok := h.srv.FileData(doc.Params["document"])
	if !ok {
		t.Fatal("no file bytes")
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("not a workbook: %v", err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Dữ liệu mô hình")
	owing, _ := f.GetRows("Đơn vị chưa hoàn thành")
	if len(rows) != 3 || len(owing) != 21 { // header + 2 models; title, campaign, header + 17 never + Tây without results
		t.Errorf("%d model rows, %d owing rows", len(rows), len(owing))
	}
	year, err := f.GetRows("Tổng kết năm") // the year-end table per unit, as /report offers it
	if err != nil || !strings.Contains(joined2(year), "|Chi bộ thôn Đông|1|") {
		t.Errorf("the workbook's year-end sheet (%v): %v", err, year)
	}

	h.press(admin, pc, sum, "Báo cáo (Word)")
	draft, err := h.srv.WaitFor(wait, func(s telegramtest.Sent) bool {
		return s.Method == "sendDocument" && strings.HasSuffix(s.FileName, ".docx")
	})
	if err != nil {
		t.Fatalf("no report draft: %v", err)
	}
	if draft.FileName != "DVK_dang-uy-xa_2024_bao-cao_2024-09-06.docx" {
		t.Errorf("draft file name %q", draft.FileName)
	}
	if data, _ := h.srv.FileData(draft.Params["document"]); !strings.Contains(docxBody(t, data), "I. KẾT QUẢ") {
		t.Error("the draft has no results section")
	}

	h.press(admin, pc, sum, "Tải CSV")
	h.press(admin, pc, sum, "Biểu đồ")
	if _, err := h.srv.WaitFor(wait, func(s telegramtest.Sent) bool {
		return s.Method == "sendPhoto" && s.ChatID == admin.ID && s.FileSize > 1000
	}); err != nil {
		t.Errorf("no chart: %v", err)
	}
	if _, err := h.srv.WaitFor(wait, func(s telegramtest.Sent) bool {
		return s.Method == "sendDocument" && strings.HasSuffix(s.FileName, ".csv")
	}); err != nil {
		t.Errorf("no CSV: %v", err)
	}

	h.press(admin, pc, sum, "Theo đơn vị")
	h.press(admin, pc, h.expectNew(admin.ID, "Xem chi tiết đơn vị nào"), "Chi bộ thôn Đông")
	h.expectNew(admin.ID, "Chi bộ thôn Đông · Phong trào")

	h.say(admin, "/report Chi bộ thôn Tây", "Đã đăng ký 1 mô hình")
	h.say(admin, "/report Không có", "Không tìm thấy đơn vị")
	h.say(secA, "/report", "Chi bộ thôn Đông · Phong trào") // a secretary sees their own unit

	// The workbook, CSV and chart waited in files, not in the outbox, and
	// are gone once sent.
	h.waitEmptyDir(filepath.Join(h.path+".files", "outgoing"))
}

// docxBody is the document.xml of a .docx.
func docxBody(t *testing.T, data []byte) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a .docx: %v", err)
	}
	for _, f := range z.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			defer rc.Close()
			b, _ := io.ReadAll(rc)
			return string(b)
		}
	}
	t.Fatal("no word/document.xml")
	return ""
}

func TestExportCommandWritesTheDraft(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	c := h.seedCampaign()
	h.file(c, "Chi bộ thôn Đông", true)
	h.main.Close()
	cfgPath := filepath.Join(t.TempDir(), "config.toml")
	os.WriteFile(cfgPath, []byte("[store]\npath = \""+h.path+"\"\n[office]\nbody = [\"ĐẢNG ỦY XÃ AN BÌNH\"]\nplace = \"An Bình\"\nsigner = \"Lâm Ngọc Thu\"\n"), 0o600)
	out := filepath.Join(t.TempDir(), "x.docx")
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"export", "-config", cfgPath, "-out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	data, _ := os.ReadFile(out)
	body := docxBody(t, data)
	for _, want := range []string{"ĐẢNG ỦY XÃ AN BÌNH", "An Bình, ngày", "Lâm Ngọc Thu", "Số mô hình đăng ký: 1"} {
		if !strings.Contains(body, want) {
			t.Errorf("exported draft lacks %q", want)
		}
	}
}

func TestExportCommandWhileTheBotRunsAndAfter(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	c := h.seedCampaign()
	h.file(c, "Chi bộ thôn Đông", true)
	cfgPath := filepath.Join(t.TempDir(), "config.toml")
	os.WriteFile(cfgPath, []byte("[store]\npath = \""+h.path+"\"\n"), 0o600)
	for _, when := range []string{"running", "stopped"} {
		t.Run(when, func(t *testing.T) {
			if when == "stopped" {
				h.main.Close()
			}
			out := filepath.Join(t.TempDir(), "tong-hop.xlsx")
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), []string{"export", "-config", cfgPath, "-campaign", c.Name, "-out", out}, &stdout, &stderr)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			f, err := excelize.OpenFile(out)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if rows, _ := f.GetRows("Dữ liệu mô hình"); len(rows) != 2 {
				t.Errorf("%d rows in the exported model list, want header + 1", len(rows))
			}
		})
	}
}

func TestBackupWhileTheBotRunsAndAfter(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.importCommune()
	cfgPath := filepath.Join(t.TempDir(), "config.toml")
	os.WriteFile(cfgPath, []byte("[store]\npath = \""+h.path+"\"\n"), 0o600)
	for _, when := range []string{"running", "stopped"} {
		t.Run(when, func(t *testing.T) {
			if when == "stopped" {
				h.main.Close()
			}
			out := filepath.Join(t.TempDir(), "copy.db")
			var stdout, stderr bytes.Buffer
			if code := run(context.Background(), []string{"backup", "-config", cfgPath, "-out", out}, &stdout, &stderr); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o600 {
				t.Fatalf("copy %v, %v: want mode 600", fi, err)
			}
			st, err := store.Open(out, store.Options{})
			if err != nil {
				t.Fatalf("the copy does not open: %v", err)
			}
			defer st.Close()
			st.View(context.Background(), func(tx *store.Tx) error {
				if units, _ := tx.Units(false); len(units) != 19 {
					t.Errorf("copy has %d units, want 19", len(units))
				}
				return nil
			})
		})
	}
}

func TestBackupInChatOnlyWhenEnabled(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.importCommune()
	h.say(admin, "/backup", "đang tắt")
	h.main.Close()
	h.chatBackups = true
	h.start()
	h.srv.SendPrivate(admin, "/backup")
	doc, err := h.srv.WaitFor(wait, func(s telegramtest.Sent) bool {
		return s.Method == "sendDocument" && strings.HasSuffix(s.FileName, ".db")
	})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := h.srv.FileData(doc.Params["document"])
	path := filepath.Join(t.TempDir(), "copy.db")
	os.WriteFile(path, data, 0o600)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatalf("the copy does not open: %v", err)
	}
	defer st.Close()
	st.View(context.Background(), func(tx *store.Tx) error {
		if units, _ := tx.Units(false); len(units) != 19 {
			t.Errorf("copy has %d units", len(units))
		}
		return nil
	})
	h.say(secA, "/backup", "không có quyền")
}

// joined2 joins a sheet's rows, a line each.
func joined2(rows [][]string) string {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, "|") + "\n")
	}
	return b.String()
}
