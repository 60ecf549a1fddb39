package bot

import (
	"html"
	"strings"
	"unicode/utf16"
)

// Telegram's limits, counted in UTF-16 code units as Telegram counts them.
const (
	maxMessageLen = 4096
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

// splitMessage cuts s into parts of at most limit UTF-16 units, at line
// ends where it can (so HTML tags, which our templates keep on one line,
// stay whole), else at rune boundaries.
func splitMessage(s string, limit int) []string {
	var parts []string
	for utf16Len(s) > limit {
		cut := cutPoint(s, limit)
		parts = append(parts, strings.TrimRight(s[:cut], "\n"))
		s = strings.TrimLeft(s[cut:], "\n")
	}
	return append(parts, s)
}

// cutPoint is the byte index of the longest prefix within limit, moved back
// to the last newline in it if there is one.
func cutPoint(s string, limit int) int {
	n, end := 0, 0
	for i, r := range s {
		n += utf16.RuneLen(r)
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
