package unitfile

import (
	"archive/zip"
	"bytes"
	"fmt"
	"slices"
	"time"
)

// Limits of an .xlsx the office may send. A commune's list is a few
// kilobytes; a zip can declare a part of gigabytes in a small file, or
// overlap its entries so that one compressed stream is read many times.
// Such a file is refused before excelize sees it.
const (
	maxZipEntries   = 200
	maxPartSize     = 16 << 20 // one part, uncompressed
	maxUnzippedSize = 48 << 20 // all parts, uncompressed
	maxXMLSize      = 16 << 20 // what excelize keeps in memory of one XML part
)

// ParseBudget is how long reading one file may take.
var ParseBudget = 5 * time.Second

// checkZip reads the zip's central directory and refuses a file whose
// parts are too many or too large, overlap, or claim more compressed
// bytes than the file has.
func checkZip(data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("%w: %v", ErrFormat, err)
	}
	if len(zr.File) > maxZipEntries {
		return fmt.Errorf("%w: %d parts", ErrTooLarge, len(zr.File))
	}
	type span struct{ from, to int64 }
	var spans []span
	var total, compressed uint64
	for _, f := range zr.File {
		if f.UncompressedSize64 > maxPartSize {
			return fmt.Errorf("%w: part %s of %d bytes", ErrTooLarge, f.Name, f.UncompressedSize64)
		}
		total += f.UncompressedSize64
		compressed += f.CompressedSize64
		off, err := f.DataOffset()
		if err != nil {
			return fmt.Errorf("%w: %v", ErrFormat, err)
		}
		spans = append(spans, span{off, off + int64(f.CompressedSize64)})
	}
	if total > maxUnzippedSize {
		return fmt.Errorf("%w: %d bytes unzipped", ErrTooLarge, total)
	}
	if compressed > uint64(len(data)) {
		return fmt.Errorf("%w: parts claim %d compressed bytes in a file of %d", ErrFormat, compressed, len(data))
	}
	slices.SortFunc(spans, func(a, b span) int { return int(a.from - b.from) })
	for i := 1; i < len(spans); i++ {
		if spans[i].from < spans[i-1].to {
			return fmt.Errorf("%w: overlapping parts", ErrFormat)
		}
	}
	return nil
}
