package report

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"io"
	"strconv"
)

// finish edits a written workbook where excelize cannot, cheaply:
//
//   - it drops customHeight="1" from the rows of the list sheets (paths).
//     excelize's stream writer marks every row it gives a height as
//     manually set; the lists' heights are only what the texts are
//     expected to take (fitHeight), so they are left unmarked:
//     LibreOffice keeps them, and Excel fits a row to its text again
//     when it changes;
//   - it hides the sheets named in hidden. excelize's SetSheetVisible
//     reads every worksheet back, the streamed lists too (a second of
//     XML decoding for 15,000 rows), and fails on a chart sheet.
//
// The other parts of the file are copied as they are, still compressed.
func finish(data []byte, paths map[string]bool, hidden []string) ([]byte, error) {
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	out.Grow(len(data))
	zw := zip.NewWriter(&out)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	for _, f := range r.File {
		if !paths[f.Name] && f.Name != "xl/workbook.xml" {
			if err := zw.Copy(f); err != nil {
				return nil, err
			}
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		x, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: f.Modified})
		if err != nil {
			return nil, err
		}
		if f.Name == "xl/workbook.xml" {
			for _, name := range hidden {
				var esc bytes.Buffer
				xml.EscapeText(&esc, []byte(name))
				at := []byte(`<sheet name="` + esc.String() + `"`)
				x = bytes.Replace(x, at, append(at, ` state="hidden"`...), 1)
			}
		} else {
			x = bytes.ReplaceAll(x, []byte(` customHeight="1"`), nil)
		}
		if _, err := w.Write(x); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// sheetPaths are the parts in the file of the sheets named: excelize
// writes a sheet as xl/worksheets/sheet<its id>.xml.
func sheetPaths(ids map[int]string, names []string) map[string]bool {
	out := map[string]bool{}
	for id, name := range ids {
		for _, n := range names {
			if n == name {
				out["xl/worksheets/sheet"+strconv.Itoa(id)+".xml"] = true
			}
		}
	}
	return out
}
