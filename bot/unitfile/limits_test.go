package unitfile

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"testing"

	"github.com/xuri/excelize/v2"
)

// zipWithDeclaredSize is a small zip whose one part claims size bytes.
func zipWithDeclaredSize(t *testing.T, size uint64) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	body := []byte("<worksheet/>")
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Store,
		CRC32: crc32.ChecksumIEEE(body), CompressedSize64: uint64(len(body)), UncompressedSize64: size})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(body)
	zw.Close()
	return buf.Bytes()
}

// zipWithOverlap is a zip whose two directory entries share one stream.
func zipWithOverlap() []byte {
	body := []byte("<worksheet/>")
	crc := crc32.ChecksumIEEE(body)
	var b bytes.Buffer
	le := func(v any) { binary.Write(&b, binary.LittleEndian, v) }
	name := "a.xml"
	le(uint32(0x04034b50))
	le([]uint16{20, 0, 0, 0, 0})
	le([]uint32{crc, uint32(len(body)), uint32(len(body))})
	le([]uint16{uint16(len(name)), 0})
	b.WriteString(name)
	b.Write(body)
	dir := b.Len()
	for _, n := range []string{"a.xml", "b.xml"} {
		le(uint32(0x02014b50))
		le([]uint16{20, 20, 0, 0, 0, 0})
		le([]uint32{crc, uint32(len(body)), uint32(len(body))})
		le([]uint16{uint16(len(n)), 0, 0, 0, 0})
		le([]uint32{0, 0}) // external attributes, local header at 0
		b.WriteString(n)
	}
	size := b.Len() - dir
	le(uint32(0x06054b50))
	le([]uint16{0, 0, 2, 2})
	le([]uint32{uint32(size), uint32(dir)})
	le(uint16(0))
	return b.Bytes()
}

func sheetWithRows(t *testing.T, n int) []byte {
	t.Helper()
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	sw.SetRow("A1", []any{"Tên đơn vị", "Loại"})
	for i := 2; i <= n+1; i++ {
		sw.SetRow(fmt.Sprintf("A%d", i), []any{fmt.Sprintf("Chi bộ thôn %d", i), "chi bộ thôn"})
	}
	sw.Flush()
	var buf bytes.Buffer
	f.Write(&buf)
	return buf.Bytes()
}

func TestHostileXLSXIsRefusedBeforeParsing(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"a part declared at 1.9 GB", zipWithDeclaredSize(t, 1900<<20), ErrTooLarge},
		{"a part just at the cap", zipWithDeclaredSize(t, maxPartSize), nil},
		{"overlapping parts", zipWithOverlap(), ErrFormat},
		{"not a zip", []byte("PK\x03\x04 not really"), ErrFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkZip(tt.data)
			if tt.want == nil && err != nil || tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("checkZip: %v, want %v", err, tt.want)
			}
		})
	}
}

func TestXLSXWithTooManyRowsStopsEarly(t *testing.T) {
	_, err := Parse("ds.xlsx", sheetWithRows(t, MaxRows+50))
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Parse: %v, want ErrTooLarge", err)
	}
	rows, err := Parse("ds.xlsx", sheetWithRows(t, 30))
	if err != nil || len(rows) != 30 {
		t.Fatalf("a good list: %d rows, %v", len(rows), err)
	}
}

func TestImportedCellsAreCleanedAsTypedText(t *testing.T) {
	data := "Tên,Loại\n" +
		"\u202eChi bộ thôn Đông,chi bộ thôn\n" + // right-to-left override
		"Chi\u200b bộ thôn\u200d Tây,chi bộ thôn\n" + // zero-width space and joiner
		"Chi bộ\x00 thôn\x07 Nam,chi bộ thôn\n" + // NUL and BEL
		"\u200b\u200c\u2066,chi bộ thôn\n" // nothing visible
	rows, err := Parse("ds.csv", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Chi bộ thôn Đông", "Chi bộ thôn Tây", "Chi bộ thôn Nam"}
	if len(rows) != len(want) {
		t.Fatalf("rows %+v, want %v (an invisible name is no unit)", rows, want)
	}
	for i, w := range want {
		if rows[i].Name != w || rows[i].Err != "" {
			t.Errorf("row %d: %q (%s), want %q", i+1, rows[i].Name, rows[i].Err, w)
		}
	}
}
