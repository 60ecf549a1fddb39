package report

import (
	"strings"
)

// The pieces every signed sheet shares (Biểu tổng hợp, Tổng hợp theo xã,
// phường, Tổng kết năm), in the form of a Party paper (HD 36-HD/VPTW):
// the header block with the number and ký hiệu, the title with the line
// that ties the table to its report, and Nơi nhận beside the signature.

// Row heights of the signed sheets, in points.
const (
	lineHeight  = 18 // one line of 13 pt type
	titleHeight = 21 // one line of the 14 pt title
	// signRows rows of signRowHeight are the room to sign between the
	// signer's position and name: 96 pt, 3.4 cm, for the signature and
	// the seal over it.
	signRows      = 4
	signRowHeight = 24
)

// headerIn writes the Party header block from row top and returns the row
// after it: the issuing body, "*" and "Số       -BC/ĐU" on the left;
// "ĐẢNG CỘNG SẢN VIỆT NAM" and the date line, level with the number, on
// the right.
func (w *book) headerIn(sheet string, top int, sp span) int {
	body := w.office.Body
	for i, line := range body {
		style := "body"
		if i == len(body)-1 {
			style = "bodyBold"
		}
		w.merged(sheet, 1, sp.leftEnd, top+i, line, style)
	}
	star := top + len(body)
	w.merged(sheet, 1, sp.leftEnd, star, "*", "body")
	w.merged(sheet, 1, sp.leftEnd, star+1, NumberLine(w.office, w.t("doc_number")), "body")
	w.merged(sheet, sp.rightBeg, sp.last, top, w.t("xl_nation"), "nation")
	w.merged(sheet, sp.rightBeg, sp.last, star+1, DateLine(w.office, w.day), "dateLine")
	for r := top; r <= star+1; r++ {
		w.keep(w.f.SetRowHeight(sheet, r, lineHeight))
	}
	return star + 2
}

// titleIn writes the title across the sheet (its lines broken where the
// locale breaks them), the subtitle under it, and the annex line; it
// returns the row after them.
func (w *book) titleIn(sheet string, row int, sp span, title, subtitle string) int {
	w.merged(sheet, 1, sp.last, row, title, "title")
	w.keep(w.f.SetRowHeight(sheet, row, float64(strings.Count(title, "\n")+1)*titleHeight))
	w.merged(sheet, 1, sp.last, row+1, subtitle, "subtitle")
	w.keep(w.f.SetRowHeight(sheet, row+1, w.textHeight(sheet, subtitle, 1, sp.last)))
	return w.annexLine(sheet, row+2, sp)
}

// annexLine writes "(Kèm theo Báo cáo số       -BC/ĐU, ngày … năm 2024)"
// across the sheet in row, the line that makes a table the appendix of
// the written report, and returns the row after it. A sheet calls it
// under its title.
func (w *book) annexLine(sheet string, row int, sp span) int {
	w.merged(sheet, 1, sp.last, row, AnnexLine(w.office, w.t("xl_annex"), w.day), "subtitle")
	w.keep(w.f.SetRowHeight(sheet, row, lineHeight))
	return row + 1
}

// signaturesIn writes, from row, "Nơi nhận:" and the recipients on the
// left, level with "T/M ĐẢNG ỦY", the position, room to sign and the
// name (a blank to sign when no name is set) on the right; and who drew
// up the table, when set, as a small line under the recipients.
//
// There is no "NGƯỜI LẬP BIỂU" co-signature: that belongs to statistical
// forms, and on a Party paper only the one who signs for the body signs.
// The preparer is named for whoever reads the table upward and has a
// question about a figure.
func (w *book) signaturesIn(sheet string, row int, sp span) {
	o := w.office
	for i, l := range []struct{ text, style string }{
		{w.t("xl_recipients"), "recipients"},
		{"- " + o.Recipient + " (b/c);", "recipient"},
		{"- " + w.t("xl_file_copy"), "recipient"},
	} {
		w.merged(sheet, 1, sp.leftEnd, row+i, l.text, l.style)
	}
	w.merged(sheet, sp.rightBeg, sp.last, row, o.OnBehalf, "signTitle")
	w.merged(sheet, sp.rightBeg, sp.last, row+1, o.Position, "signTitle")
	w.keep(w.f.SetRowHeight(sheet, row, lineHeight))
	w.keep(w.f.SetRowHeight(sheet, row+1, lineHeight))
	for r := row + 2; r < row+2+signRows; r++ {
		w.keep(w.f.SetRowHeight(sheet, r, signRowHeight))
	}
	name := row + 2 + signRows
	w.merged(sheet, sp.rightBeg, sp.last, name, o.Signer, "signName")
	w.keep(w.f.SetRowHeight(sheet, name, lineHeight))
	if p := strings.TrimSpace(o.Preparer); p != "" {
		w.merged(sheet, 1, sp.leftEnd, row+4, w.t("xl_preparer")+": "+p, "preparer")
	}
}

// textHeight is the height of a row holding text in 13 pt type across
// columns from..to: a line's height for each line it wraps to, measured
// as the lists measure theirs (lineCount).
func (w *book) textHeight(sheet, text string, from, to int) float64 {
	width := 0.0
	for c := from; c <= to; c++ {
		name := cell(c, 1)
		cw, err := w.f.GetColWidth(sheet, strings.TrimRight(name, "0123456789"))
		w.keep(err)
		width += cw
	}
	width += float64(to-from) * 5 / 7 // the merged columns' padding
	return float64(lineCount(text, width, 13)) * lineHeight
}
