package bot

import (
	"html"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/dvkbot/dvkbot/bot/input"
)

// Telegram's limits, counted in UTF-16 code units as Telegram counts them
// (a message's text limit is the messenger's: Config.Messenger).
const (
	maxCaptionLen = 1024
	maxDataLen    = 64 // callback_data, in bytes
)

// utf16Len is the length of s as Telegram counts it.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// splitMessage cuts s into parts of at most limit UTF-16 units (see
// splitText).
func splitMessage(s string, limit int) []string { return splitText(s, limit, utf16Len) }

// splitText cuts s into parts of at most limit units as length counts
// them, at line ends where it can (so HTML tags, which our templates keep
// on one line, stay whole), else at rune boundaries.
func splitText(s string, limit int, length func(string) int) []string {
	var parts []string
	for length(s) > limit {
		cut := cutPoint(s, limit, length)
		parts = append(parts, strings.TrimRight(s[:cut], "\n"))
		s = strings.TrimLeft(s[cut:], "\n")
	}
	return append(parts, s)
}

// cutPoint is the byte index of the longest prefix within limit, moved back
// to the last newline in it if there is one.
func cutPoint(s string, limit int, length func(string) int) int {
	n, end := 0, 0
	for i, r := range s {
		n += length(string(r))
		if n > limit {
			break
		}
		end = i + len(string(r))
	}
	if nl := strings.LastIndexByte(s[:end], '\n'); nl > 0 {
		return nl + 1
	}
	// Never cut inside an HTML entity or tag.
	if open := strings.LastIndexAny(s[:end], "&<"); open > 0 && open > strings.LastIndexAny(s[:end], ";>") {
		return open
	}
	return end
}

// escape makes user text safe inside our HTML.
func escape(s string) string { return html.EscapeString(s) }

// showISO shows a stored day "2024-04-07" as 07/04/2024.
func showISO(v string) string { return input.ShowISO(v) }

// showRange renders "2024-04-01/2024-11-30" as 01/04/2024 – 30/11/2024.
func showRange(v string) string { return input.ShowRange(v) }

func itoa(n int) string { return strconv.Itoa(n) }

// date shows a moment's day as Vietnamese offices write it: 07/04/2024.
func (r *request) date(t time.Time) string { return t.In(r.cfg.Location).Format("02/01/2006") }

// dateTime adds the local time: 07/04/2024 08:00.
func (r *request) dateTime(t time.Time) string {
	return t.In(r.cfg.Location).Format("02/01/2006 15:04")
}
