package input

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Headcount is how many people and how many households took part: two
// numbers of different units, never added together (review F13). Zero is
// "not counted that way".
type Headcount struct {
	People, Households int64
}

// Errors of ParseHeadcount besides ErrNumber, ErrNegative and ErrTooLarge.
var (
	// ErrHeadcountWhich: a number without "người" or "hộ" after it.
	ErrHeadcountWhich = errors.New("people or households?")
	// ErrHeadcountTwice: two numbers of people, or two of households.
	ErrHeadcountTwice = errors.New("the same unit twice")
)

var (
	// headNumber is a whole number as people write it: 150, 1.200,
	// 1,200, with a minus sign caught to be refused.
	headNumber = regexp.MustCompile(`-?\d{1,3}(?:[.,]\d{3})+(?:\D|$)|-?\d+`)
	// What counts people and what counts households, as typed after the
	// number, with or without diacritics, in Vietnamese or English.
	headPeople     = []string{"lượt người", "luot nguoi", "người", "nguoi", "ng ", "nhân khẩu", "nhan khau", "khẩu", "đoàn viên", "hội viên", "đảng viên", "people", "persons", "person"}
	headHouseholds = []string{"hộ", "ho ", "gia đình", "gia dinh", "households", "household", "hh"}
)

// ParseHeadcount reads "150 hộ", "khoảng 1.200 người", "1.200 người, 150
// hộ" or "150 hộ (600 nhân khẩu)": each number with the word after it
// saying what it counts. A number with no such word is ErrHeadcountWhich:
// the bot asks which rather than guess.
func ParseHeadcount(s string) (Headcount, error) {
	s = strings.ToLower(strings.Join(strings.Fields(s), " ")) + " "
	var h Headcount
	people, households := false, false
	found := headNumber.FindAllStringIndex(s, -1)
	if len(found) == 0 {
		return h, ErrNumber
	}
	for _, at := range found {
		raw := strings.TrimRight(s[at[0]:at[1]], " ")
		if raw != "" && !isDigit(raw[len(raw)-1]) { // the (\D|$) that ended a grouped number, one character of any width
			_, size := utf8.DecodeLastRuneInString(raw)
			raw = raw[:len(raw)-size]
		}
		if strings.HasPrefix(raw, "-") {
			return Headcount{}, ErrNegative
		}
		n, err := strconv.ParseInt(strings.NewReplacer(".", "", ",", "").Replace(raw), 10, 64)
		if err != nil || n > MaxNumber {
			return Headcount{}, ErrTooLarge
		}
		rest := strings.TrimLeft(s[at[0]+len(raw):], " ")
		switch {
		case hasAnyPrefix(rest, headHouseholds):
			if households {
				return Headcount{}, ErrHeadcountTwice
			}
			h.Households, households = n, true
		case hasAnyPrefix(rest, headPeople):
			if people {
				return Headcount{}, ErrHeadcountTwice
			}
			h.People, people = n, true
		default:
			return Headcount{}, ErrHeadcountWhich
		}
	}
	return h, nil
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			if strings.HasSuffix(p, " ") {
				return true
			}
			// a word, not the start of a longer one ("hội" is not "hộ")
			next := s[len(p):]
			if next == "" || !isLetter(next) {
				return true
			}
		}
	}
	return false
}

// isLetter reports whether s starts with a letter.
func isLetter(s string) bool {
	for _, r := range s {
		return unicode.IsLetter(r)
	}
	return false
}

// String is the headcount as the form keeps it: "1.200 người, 150 hộ",
// "150 hộ", and "0 người" for nothing counted.
func (h Headcount) String() string {
	var parts []string
	if h.People > 0 || h.Households == 0 {
		parts = append(parts, FormatCount(h.People)+" người")
	}
	if h.Households > 0 {
		parts = append(parts, FormatCount(h.Households)+" hộ")
	}
	return strings.Join(parts, ", ")
}
