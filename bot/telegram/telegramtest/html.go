package telegramtest

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
)

// allowedTags are the tags Telegram's HTML parse mode accepts.
var allowedTags = map[string]bool{
	"b": true, "strong": true, "i": true, "em": true, "u": true, "ins": true, "s": true,
	"strike": true, "del": true, "span": true, "tg-spoiler": true, "a": true, "code": true,
	"pre": true, "blockquote": true, "tg-emoji": true,
}

// parseHTML validates text the way Telegram does for parse_mode=HTML and
// returns the visible text.
func parseHTML(s string) (string, error) {
	var out strings.Builder
	var stack []string
	for i := 0; i < len(s); {
		switch s[i] {
		case '<':
			end := strings.IndexByte(s[i:], '>')
			if end < 0 {
				return "", fmt.Errorf("can't parse entities: Unclosed start tag at byte offset %d", i)
			}
			var err error
			stack, err = tag(s[i+1:i+end], stack, i)
			if err != nil {
				return "", err
			}
			i += end + 1
		case '&':
			text, n := entity(s[i:])
			out.WriteString(text)
			i += n
		default:
			out.WriteByte(s[i])
			i++
		}
	}
	if len(stack) > 0 {
		return "", fmt.Errorf("can't parse entities: Can't find end tag corresponding to start tag \"%s\"", stack[len(stack)-1])
	}
	return out.String(), nil
}

// tag checks one tag's inside (between < and >) against the open tags.
func tag(inner string, stack []string, at int) ([]string, error) {
	if strings.HasPrefix(inner, "/") {
		name := strings.ToLower(strings.TrimSpace(inner[1:]))
		if len(stack) == 0 || stack[len(stack)-1] != name {
			return nil, fmt.Errorf("can't parse entities: Unmatched end tag at byte offset %d, expected \"</%s>\", found \"</%s>\"", at, top(stack), name)
		}
		return stack[:len(stack)-1], nil
	}
	fields := strings.Fields(inner)
	if len(fields) == 0 {
		return nil, fmt.Errorf("can't parse entities: Empty tag at byte offset %d", at)
	}
	name := strings.ToLower(fields[0])
	if !allowedTags[name] {
		return nil, fmt.Errorf("can't parse entities: Unsupported start tag \"%s\" at byte offset %d", name, at)
	}
	if name == "a" && !strings.Contains(inner, "href=") {
		return nil, fmt.Errorf("can't parse entities: Tag \"a\" must have attribute \"href\" at byte offset %d", at)
	}
	return append(stack, name), nil
}

func top(stack []string) string {
	if len(stack) == 0 {
		return ""
	}
	return stack[len(stack)-1]
}

// entity decodes the entity at the start of s; a bare & stays literal.
func entity(s string) (string, int) {
	semi := strings.IndexByte(s, ';')
	if semi < 0 || semi > 10 {
		return "&", 1
	}
	name := s[1:semi]
	switch name {
	case "lt":
		return "<", semi + 1
	case "gt":
		return ">", semi + 1
	case "amp":
		return "&", semi + 1
	case "quot":
		return "\"", semi + 1
	}
	if strings.HasPrefix(name, "#") {
		num, base := name[1:], 10
		if strings.HasPrefix(num, "x") || strings.HasPrefix(num, "X") {
			num, base = num[1:], 16
		}
		if v, err := strconv.ParseInt(num, base, 32); err == nil {
			return string(rune(v)), semi + 1
		}
	}
	return "&", 1
}

// utf16Len counts as Telegram does.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}
