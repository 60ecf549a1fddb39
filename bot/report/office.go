package report

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/dvkbot/dvkbot/store"
)

// Who issues a paper is store.Office, the one shape of it that a commune
// keeps and the config describes; the functions below print it: its
// defaults, the ký hiệu, the date line and the file name.

// reportType is the ký hiệu of the kind of paper the bot issues: a báo
// cáo ("BC"); the tables go with one and carry its number.
const reportType = "BC"

// numberBlank is the room left in "Số       -BC/ĐU" for the number, which
// the office's văn thư writes in when it registers and issues the paper.
const numberBlank = "       "

// DefaultOffice is an office that has not been configured yet: the
// blanks are dotted, so a printed paper shows what is to be filled in.
func DefaultOffice() store.Office {
	return store.Office{Body: []string{"ĐẢNG BỘ TỈNH ……………", "ĐẢNG ỦY XÃ ……………"}, Place: "……………",
		OnBehalf: "T/M ĐẢNG ỦY", Position: "BÍ THƯ", Recipient: "Ban Dân vận Tỉnh ủy", Abbreviation: "ĐU"}
}

// orDefault fills what o leaves empty from DefaultOffice.
func orDefault(o store.Office) store.Office {
	d := DefaultOffice()
	if len(o.Body) == 0 {
		o.Body = d.Body
	}
	for _, f := range []struct {
		v *string
		d string
	}{{&o.Place, d.Place}, {&o.OnBehalf, d.OnBehalf}, {&o.Position, d.Position}, {&o.Recipient, d.Recipient},
		{&o.Abbreviation, d.Abbreviation}} {
		if strings.TrimSpace(*f.v) == "" {
			*f.v = f.d
		}
	}
	return o
}

// Author is the issuing body on one line, for document properties.
func Author(o store.Office) string { return strings.Join(orDefault(o).Body, " - ") }

// DateLine is "An Bình, ngày 05 tháng 02 năm 2024": the day below 10 and
// the months 1 and 2 get a leading zero, as administrative texts write
// them (so that nothing can be added in front).
func DateLine(o store.Office, day time.Time) string {
	m := fmt.Sprint(int(day.Month()))
	if day.Month() <= 2 {
		m = "0" + m
	}
	return fmt.Sprintf("%s, ngày %02d tháng %s năm %d", orDefault(o).Place, day.Day(), m, day.Year())
}

// Symbol is the ký hiệu of the office's report: "BC/ĐU".
func Symbol(o store.Office) string {
	return reportType + "/" + strings.TrimSpace(orDefault(o).Abbreviation)
}

// NumberLine is "Số       -BC/ĐU" (word is "Số"): the number left blank
// for the văn thư, the ký hiệu the office's.
func NumberLine(o store.Office, word string) string { return word + numberBlank + "-" + Symbol(o) }

// AnnexLine is "(Kèm theo Báo cáo số       -BC/ĐU, ngày      tháng      năm
// 2024)" (lead is "Kèm theo Báo cáo số"): the line under a table's title
// that ties it to the written report it goes with, whose number and day
// the văn thư writes in, in the year of the table's date.
func AnnexLine(o store.Office, lead string, day time.Time) string {
	return fmt.Sprintf("(%s%s-%s, ngày      tháng      năm %d)", lead, numberBlank, Symbol(o), day.Year())
}

// Slug is the office's short name in ASCII for file names:
// "ĐẢNG ỦY XÃ AN BÌNH" → "dang-uy-xa-an-binh".
func Slug(o store.Office) string {
	name := o.ShortName
	if strings.TrimSpace(name) == "" {
		body := orDefault(o).Body
		name = body[len(body)-1]
	}
	var b strings.Builder
	dash := false
	for _, r := range store.Fold(name) {
		ok := r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r))
		if ok && dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = !ok
		if ok {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "dang-uy"
	}
	return b.String()
}

// FileName is like DVK_dang-uy-xa-an-binh_2024_tong-hop_2024-09-06.xlsx:
// ASCII only, so that every mail client and phone keeps it.
func FileName(o store.Office, c store.Campaign, kind string, day time.Time, ext string) string {
	return "DVK_" + Slug(o) + "_" + c.Year() + "_" + kind + "_" + day.Format("2006-01-02") + "." + ext
}
