// Package input parses what users type: dates as Vietnamese offices write
// them, date ranges, whole numbers. Every parser is total: bad input gives
// an error, never a panic, and the fuzz tests hold it to that.
package input

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar day, without a time or a zone.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// Errors of parsing, for choosing the message to show.
var (
	ErrDateFormat = errors.New("not a date")
	ErrNoSuchDay  = errors.New("no such day")
	ErrRange      = errors.New("the end is before the start")
	ErrNumber     = errors.New("not a whole number")
	ErrNegative   = errors.New("negative")
	ErrTooLarge   = errors.New("too large")
)

var dateRE = regexp.MustCompile(`^(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{2}|\d{4}))?$`)

// ParseDate reads "07/04/2024", "7/4/2024", "7-4-2024", "7.4.24" or
// "7/4" (this year, from today).
func ParseDate(s string, today Date) (Date, error) {
	m := dateRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return Date{}, ErrDateFormat
	}
	d, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	y := today.Year
	if m[3] != "" {
		y, _ = strconv.Atoi(m[3])
		if len(m[3]) == 2 {
			y += 2000
		}
	}
	return MakeDate(y, mo, d)
}

// MakeDate checks that the day exists (no 31/02).
func MakeDate(y, m, d int) (Date, error) {
	if m < 1 || m > 12 || d < 1 || y < 2000 || y > 2100 {
		return Date{}, ErrNoSuchDay
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return Date{}, ErrNoSuchDay
	}
	return Date{y, time.Month(m), d}, nil
}

// DateOf is the calendar day of t in loc.
func DateOf(t time.Time, loc *time.Location) Date {
	y, m, d := t.In(loc).Date()
	return Date{y, m, d}
}

// ParseISO reads the stored form "2024-04-07"; "" is the zero Date.
func ParseISO(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Date{}, fmt.Errorf("stored date %q: %w", s, ErrDateFormat)
	}
	return DateOf(t, time.UTC), nil
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d.Year == 0 }

// ISO is the stored form, 2024-04-07.
func (d Date) ISO() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// String is how Vietnamese offices write it: 07/04/2024.
func (d Date) String() string { return fmt.Sprintf("%02d/%02d/%04d", d.Day, d.Month, d.Year) }

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.ISO() < e.ISO() }

// DaysUntil counts days from d to e (negative when e is past).
func (d Date) DaysUntil(e Date) int {
	a := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	b := time.Date(e.Year, e.Month, e.Day, 0, 0, 0, 0, time.UTC)
	return int(b.Sub(a).Hours() / 24)
}

// EndOf is the last instant of d in loc: a deadline "07/04/2024" holds
// until midnight.
func (d Date) EndOf(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day+1, 0, 0, 0, 0, loc).Add(-time.Nanosecond)
}

const rangeDate = `(\d{1,2}\s*[/.\-]\s*\d{1,2}(?:\s*[/.\-]\s*(?:\d{4}|\d{2}))?)`

var (
	rangeRE   = regexp.MustCompile(`^(?:(?:từ|tu|from)\s*)?(?:(?:ngày|ngay)\s*)?` + rangeDate + `\s*(?:[–—\-]|đến|tới|den|toi|to|until)\s*(?:ngày|ngay)?\s*` + rangeDate + `$`)
	rangeFrom = regexp.MustCompile(`^(?:(?:từ|tu|from)\s*)?(?:(?:ngày|ngay)\s*)?`)
)

// ErrOneDate: a period was asked and one day was typed.
var ErrOneDate = errors.New("one day, not two")

// ParseRange reads a period as people type it: "01/04/2024 - 30/11/2024",
// "1/4/2024 đến 30/11/2024", "từ 23/11/2026 đến 11/06/2027",
// "23/11/2026-11/06/2027", or "01/4 - 30/11", whose year is ref's (the
// campaign's). A day without a year that falls before the start is in the
// next year ("01/11 - 31/3"). One day alone is ErrOneDate.
func ParseRange(s string, ref Date) (Date, Date, error) {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	m := rangeRE.FindStringSubmatch(s)
	if m == nil {
		rest := s[len(rangeFrom.FindString(s)):]
		if _, err := ParseDate(rest, ref); err == nil {
			return Date{}, Date{}, ErrOneDate
		}
		return Date{}, Date{}, ErrDateFormat
	}
	from, err := ParseDate(m[1], ref)
	if err != nil {
		return Date{}, Date{}, err
	}
	to, err := ParseDate(m[2], from)
	if err != nil {
		return Date{}, Date{}, err
	}
	if to.Before(from) && !hasYear(m[2]) {
		if next, err := MakeDate(to.Year+1, int(to.Month), to.Day); err == nil {
			to = next
		}
	}
	if to.Before(from) {
		return Date{}, Date{}, ErrRange
	}
	return from, to, nil
}

// hasYear reports whether a typed day names its year.
func hasYear(s string) bool { return len(dateRE.FindStringSubmatch(strings.TrimSpace(s))[3]) > 0 }

// MaxNumber bounds whole numbers: a commune counts people and households,
// not billions.
const MaxNumber = 10_000_000

var (
	thousands = regexp.MustCompile(`^\d{1,3}([.,\s]\d{3})+$`)
	// about and what: "khoảng 150", "150 hộ", "gần 1.200 lượt người".
	countAbout = regexp.MustCompile(`^(?:khoảng|khoang|chừng|chung|gần|gan|hơn|hon|trên|tren|ước|uoc|~)\s*`)
	countWhat  = regexp.MustCompile(`\s+[\p{L}][\p{L}\s]*$`)
)

// ParseNumber reads a whole number: "120", "1.200", "1,200", "1 200",
// and a count as people say it: "150 hộ", "150 người", "khoảng 150".
func ParseNumber(s string) (int64, error) {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	s = s[len(countAbout.FindString(s)):]
	s = strings.TrimSpace(countWhat.ReplaceAllString(s, ""))
	if strings.HasPrefix(s, "-") {
		return 0, ErrNegative
	}
	if thousands.MatchString(s) {
		s = strings.NewReplacer(".", "", ",", "", " ", "").Replace(s)
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		if errors.Is(err, strconv.ErrRange) {
			return 0, ErrTooLarge
		}
		return 0, ErrNumber
	}
	if n > MaxNumber {
		return 0, ErrTooLarge
	}
	return n, nil
}

// AddDays is the day n days after d (n may be negative).
func (d Date) AddDays(n int) Date {
	t := time.Date(d.Year, d.Month, d.Day+n, 0, 0, 0, 0, time.UTC)
	return DateOf(t, time.UTC)
}

// At is the instant of d at hh:mm in loc.
func (d Date) At(hour, minute int, loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, hour, minute, 0, 0, loc)
}

// ShowISO shows a kept day "2024-04-07" as offices write it, 07/04/2024;
// anything else as it is.
func ShowISO(v string) string {
	d, err := ParseISO(v)
	if err != nil || d.IsZero() {
		return v
	}
	return d.String()
}

// ShowRange shows a kept range "2024-04-01/2024-11-30" as
// "01/04/2024 – 30/11/2024"; anything else as it is.
func ShowRange(v string) string {
	a, b, _ := strings.Cut(v, "/")
	from, err1 := ParseISO(a)
	to, err2 := ParseISO(b)
	if err1 != nil || err2 != nil || from.IsZero() {
		return v
	}
	return from.String() + " – " + to.String()
}
