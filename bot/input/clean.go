package input

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// CleanText makes typed or imported text NFC, drops control, bidi and
// zero-width characters (format characters, Unicode's Cf), trims it, and
// (for one-line fields) folds it onto one line.
func CleanText(s string, multiline bool) string {
	s = strings.Map(func(c rune) rune {
		switch {
		case c == '\n' && multiline:
			return c
		case c == '\n' || c == '\t':
			return ' '
		case unicode.IsControl(c), unicode.Is(unicode.Cf, c):
			return -1
		}
		return c
	}, norm.NFC.String(s))
	if !multiline {
		return strings.Join(strings.Fields(s), " ")
	}
	return strings.TrimSpace(s)
}

// markup is an HTML tag, as someone may put in a Telegram name.
var markup = regexp.MustCompile(`<[^<>]*>`)

// CleanName is a name from Telegram's profile as the bot keeps and shows
// it: CleanText on one line, without HTML tags or angle brackets (a
// name is no markup), spaces collapsed.
func CleanName(s string) string {
	s = markup.ReplaceAllString(CleanText(s, false), " ")
	return strings.Join(strings.Fields(strings.NewReplacer("<", " ", ">", " ").Replace(s)), " ")
}
