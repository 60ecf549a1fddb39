package input

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Why a typed full name is refused.
var (
	ErrNameEmpty = errors.New("no name")
	ErrNameChars = errors.New("a name has letters only")
	ErrNameLong  = errors.New("name too long")
)

// MaxNameRunes bounds a full name: Vietnamese names are a few words.
const MaxNameRunes = 60

// ParseFullName reads "Họ và tên" as a person types it: cleaned as any
// typed text (no control, bidi or zero-width characters), a leading
// "đồng chí" / "đ/c" dropped, spaces collapsed, and a name typed all in
// small or all in capital letters given a capital at each word ("trần văn
// bình" is "Trần Văn Bình"). Letters, spaces, hyphens, apostrophes and
// dots only: digits, @handles and markup are refused, not stored.
func ParseFullName(s string) (string, error) {
	s = CleanText(s, false)
	s = dropAddress(s)
	s = strings.TrimRight(s, " .,;")
	letters := 0
	for _, c := range s {
		switch {
		case unicode.IsLetter(c):
			letters++
		case unicode.Is(unicode.Mn, c), c == ' ', c == '-', c == '\'', c == '’', c == '.':
		default:
			return "", ErrNameChars
		}
	}
	switch {
	case letters == 0:
		return "", ErrNameEmpty
	case letters < 2:
		return "", ErrNameChars
	case utf8.RuneCountInString(s) > MaxNameRunes:
		return "", ErrNameLong
	}
	if s == strings.ToLower(s) || s == strings.ToUpper(s) {
		s = capitalise(s)
	}
	return s, nil
}

// dropAddress removes the forms of address typed before the name.
func dropAddress(s string) string {
	for {
		rs, cut := []rune(s), false
		for _, p := range []string{"đồng chí ", "đ/c: ", "đ/c ", "đc ", "dong chi ", "d/c "} {
			n := utf8.RuneCountInString(p)
			if len(rs) > n && strings.ToLower(string(rs[:n])) == p {
				s, cut = strings.TrimSpace(string(rs[n:])), true
				break
			}
		}
		if !cut {
			return s
		}
	}
}

// capitalise gives each word a capital first letter and small letters
// after it.
func capitalise(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		r, n := utf8.DecodeRuneInString(w)
		words[i] = string(unicode.ToUpper(r)) + strings.ToLower(w[n:])
	}
	return strings.Join(words, " ")
}
