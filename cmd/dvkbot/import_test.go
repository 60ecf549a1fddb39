package main

import (
	"archive/zip"
	"bytes"
	"context"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

func communeCSV(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "units", "commune.csv"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// A file Telegram will not give (getFile 400, or a self-hosted server that
// does not serve its files) is answered and marked handled: before, the
// poller tried the same update for ever and nobody else was answered.
func TestUndownloadableFileDoesNotStopTheBot(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.say(admin, "/start", "Xin chào")
	h.srv.FailNext("getFile", 3, 400, "Bad Request: file is too big", 0)
	h.srv.SendDocument(admin, telegramtest.PrivateChat(admin), "ds.csv", "text/csv", communeCSV(t), "")
	h.expectNew(admin.ID, "chưa tải được tệp")
	h.say(stranger, "/start", "Xin chào")
}

// A passing failure of the download is tried again inside the update.
func TestFileDownloadIsRetriedOnAPassingFailure(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.srv.FailNext("getFile", 1, 502, "Bad Gateway", 0)
	h.srv.SendDocument(admin, telegramtest.PrivateChat(admin), "ds.csv", "text/csv", communeCSV(t), "")
	h.expectNew(admin.ID, "Xem trước")
}

// A file whose reading killed the bot is not read again after the
// restart: its update gets an apology and everyone else is answered.
func TestFileThatCrashedTheBotIsNotReadAgain(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.say(admin, "/start", "Xin chào")
	h.main.Close()
	h.srv.SendDocument(admin, telegramtest.PrivateChat(admin), "ds.csv", "text/csv", communeCSV(t), "")
	id := h.srv.LastUpdateID()
	st, err := store.Open(h.path, store.Options{}) // as the run that died left it:
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.BeginAttempt(context.Background(), id); err != nil { // marker set, update not handled
		t.Fatal(err)
	}
	st.Close()
	h.start()
	h.expectNew(admin.ID, "làm bot gặp lỗi")
	h.say(stranger, "/start", "Xin chào")
	if h.unitCountLive() != 0 {
		t.Error("the file was read again")
	}
	first, err := h.main.store.BeginAttempt(context.Background(), id)
	if err != nil || !first {
		t.Errorf("the marker of update %d is still there (%v, %v)", id, first, err)
	}
}

func (h *harness) unitCountLive() int {
	n := 0
	h.main.store.View(context.Background(), func(tx *store.Tx) error {
		u, err := tx.Units(true)
		n = len(u)
		return err
	})
	return n
}

// A 1 KB .xlsx that declares a part of 1.9 GB is refused before it is
// unzipped, with a plain answer.
func TestZipBombUnitFileIsRefused(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	body := []byte("<worksheet/>")
	w, _ := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Store,
		CRC32: crc32.ChecksumIEEE(body), CompressedSize64: uint64(len(body)), UncompressedSize64: 1900 << 20})
	w.Write(body)
	zw.Close()
	h.srv.SendDocument(admin, telegramtest.PrivateChat(admin), "ds.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf.Bytes(), "")
	h.expectNew(admin.ID, "Tệp quá lớn")
	h.say(stranger, "/start", "Xin chào")
}

// An imported list's STT is the office's order: kept on the units and
// used by the unit list; units added later, with none, come after it
// (issue 14, item 16).
func TestImportedOrderIsKept(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	pc := telegramtest.PrivateChat(admin)
	csv := "STT,Tên đơn vị,Loại\n2,Hội Phụ nữ xã,Hội Phụ nữ\n1,Đoàn Thanh niên xã,Đoàn Thanh niên\n3,Chi bộ thôn Đông,Chi bộ thôn\n"
	h.srv.SendDocument(admin, pc, "ds.csv", "text/csv", []byte(csv), "")
	h.press(admin, pc, h.expect(admin.ID, "Xem trước"), "Nhập 3")
	h.expect(admin.ID, "Đã nhập 3 đơn vị mới")
	h.change(func(tx *store.Tx) error {
		_, err := tx.AddUnit(store.Unit{Name: "Ấp Bắc", Kind: "to_dan_van"})
		return err
	})
	var got []string
	for _, u := range h.units() {
		got = append(got, u.Name)
	}
	if want := "Đoàn Thanh niên xã|Hội Phụ nữ xã|Chi bộ thôn Đông|Ấp Bắc"; strings.Join(got, "|") != want {
		t.Errorf("units in the order %v, want %s", got, want)
	}
	list := h.say(admin, "/units", "Đơn vị —")
	at := func(name string) int { return strings.Index(list.Plain+strings.Join(buttons(list), "\n"), name) }
	if !(at("Đoàn Thanh niên xã") < at("Hội Phụ nữ xã") && at("Hội Phụ nữ xã") < at("Chi bộ thôn Đông") && at("Chi bộ thôn Đông") < at("Ấp Bắc")) {
		t.Errorf("the unit list is not in the office's order:\n%s\n%v", list.Plain, buttons(list))
	}
}
