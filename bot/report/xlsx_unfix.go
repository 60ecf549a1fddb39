package report

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"io"
	"strconv"
)

// unfix drops customHeight="1" from the rows of the list sheets in a
// written workbook. excelize's stream writer marks every row it gives a
// height as manually set; the lists' heights are only what the texts are
// expected to take (fitHeight), so they are left unmarked: LibreOffice
// keeps them, and Excel fits a row to its text again when it changes.
// The other parts of the file are copied as they are, still compressed.
func unfix(data []byte, paths map[string]bool) ([]byte, error) {
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	out.Grow(len(data))
	zw := zip.NewWriter(&out)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	for _, f := range r.File {
		if !paths[f.Name] {
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
		if _, err := w.Write(bytes.ReplaceAll(x, []byte(` customHeight="1"`), nil)); err != nil {
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
