package report

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/dvkbot/dvkbot/store"
)

// Office is who issues the paper: the header block and the signature of
// every document the bot prints. One commune's office today; once a bot
// serves many communes, each has its own.
type Office struct {
	Body      []string // the issuing body, one or two lines: "ĐẢNG BỘ TỈNH …", "ĐẢNG ỦY XÃ …"
	ShortName string   // for file names; empty: the body's last line
	Place     string   // the place name of the date line: "An Bình, ngày …"
	OnBehalf  string   // "T/M ĐẢNG ỦY"
	Position  string   // the signer's position, "PHÓ BÍ THƯ"
	Signer    string   // the signer's name; empty leaves a blank to sign
	Preparer  string   // who drew up the table (người lập biểu); optional
	Recipient string   // named in "Nơi nhận", today the province's Ban Dân vận
	// Abbreviation is the issuing body's part of the ký hiệu: "ĐU" of a
	// commune's Đảng ủy in "Số 15-BC/ĐU", "BDVTU" of a Ban Dân vận Tỉnh
	// ủy; empty: "ĐU".
	Abbreviation string
}

// reportType is the ký hiệu of the kind of paper the bot issues: a báo
// cáo ("BC"); the tables go with one and carry its number.
const reportType = "BC"

// numberBlank is the room left in "Số       -BC/ĐU" for the number, which
// the office's văn thư writes in when it registers and issues the paper.
const numberBlank = "       "

// DefaultOffice is an office that has not been configured yet: the
// blanks are dotted, so a printed paper shows what is to be filled in.
func DefaultOffice() Office {
	return Office{Body: []string{"ĐẢNG BỘ TỈNH ……………", "ĐẢNG ỦY XÃ ……………"}, Place: "……………",
		OnBehalf: "T/M ĐẢNG ỦY", Position: "BÍ THƯ", Recipient: "Ban Dân vận Tỉnh ủy", Abbreviation: "ĐU"}
}

// orDefault fills what o leaves empty from DefaultOffice.
func (o Office) orDefault() Office {
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
func (o Office) Author() string { return strings.Join(o.orDefault().Body, " - ") }

// DateLine is "An Bình, ngày 05 tháng 02 năm 2024": the day below 10 and
// the months 1 and 2 get a leading zero, as administrative texts write
// them (so that nothing can be added in front).
func (o Office) DateLine(day time.Time) string {
	m := fmt.Sprint(int(day.Month()))
	if day.Month() <= 2 {
		m = "0" + m
	}
	return fmt.Sprintf("%s, ngày %02d tháng %s năm %d", o.orDefault().Place, day.Day(), m, day.Year())
}

// Symbol is the ký hiệu of the office's report: "BC/ĐU".
func (o Office) Symbol() string {
	return reportType + "/" + strings.TrimSpace(o.orDefault().Abbreviation)
}

// NumberLine is "Số       -BC/ĐU" (word is "Số"): the number left blank
// for the văn thư, the ký hiệu the office's.
func (o Office) NumberLine(word string) string { return word + numberBlank + "-" + o.Symbol() }

// AnnexLine is "(Kèm theo Báo cáo số       -BC/ĐU, ngày      tháng      năm
// 2024)" (lead is "Kèm theo Báo cáo số"): the line under a table's title
// that ties it to the written report it goes with, whose number and day
// the văn thư writes in, in the year of the table's date.
func (o Office) AnnexLine(lead string, day time.Time) string {
	return fmt.Sprintf("(%s%s-%s, ngày      tháng      năm %d)", lead, numberBlank, o.Symbol(), day.Year())
}

// Slug is the office's short name in ASCII for file names:
// "ĐẢNG ỦY XÃ AN BÌNH" → "dang-uy-xa-an-binh".
func (o Office) Slug() string {
	name := o.ShortName
	if strings.TrimSpace(name) == "" {
		body := o.orDefault().Body
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
func FileName(o Office, c store.Campaign, kind string, day time.Time, ext string) string {
	return "DVK_" + o.Slug() + "_" + c.Year() + "_" + kind + "_" + day.Format("2006-01-02") + "." + ext
}
