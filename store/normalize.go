package store

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// NormalizeName is the form of a name used to match units: NFC, spaces
// collapsed, trimmed. It is what the bot stores and shows.
func NormalizeName(s string) string {
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}

// nameKey is the index key of a name: NormalizeName, lower case, so that
// "Chi bộ  thôn Đông" (NFD, stray spaces) and "chi bộ thôn đông" match.
func nameKey(s string) []byte {
	return []byte(strings.ToLower(NormalizeName(s)))
}

// Fold is s without case and Vietnamese diacritics ("Hội Phụ nữ" ->
// "hoi phu nu"), for forgiving matches of typed or imported labels.
func Fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(NormalizeName(s))) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ':
			b.WriteRune('d')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
