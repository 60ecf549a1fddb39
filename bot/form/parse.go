package form

import (
	"errors"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/store"
)

// parse cleans and checks a typed answer for step s; it returns the
// answer as kept, or the locale id of what is wrong with it.
func (f *Form[H]) parse(h H, c *store.Conversation, s Step[H], raw string) (string, string) {
	v := input.CleanText(raw, s.Kind == LongText)
	switch {
	case v == "":
		return "", "form_err_empty"
	case utf16Len(v) > s.MaxLen():
		return "", "form_err_too_long"
	case s.Kind == Choice:
		return matchOption(s.Options(h, c), v)
	case s.Kind == Multi:
		return "", "form_err_pick_button"
	}
	if s.Options != nil { // a typed step's option typed by its label (a messenger without buttons)
		if o, errID := matchOption(s.Options(h, c), v); errID == "" {
			return o, ""
		}
	}
	v, errID := typed(s.Kind, v, h.Today(), f.yearOf(h, c))
	if errID != "" {
		return "", errID
	}
	if s.Check != nil {
		if errID := s.Check(h, c, v); errID != "" {
			return "", errID
		}
	}
	return v, ""
}

// yearOf is the day whose year completes a typed day without one: the
// form's year (today, if it is that year), else today.
func (f *Form[H]) yearOf(h H, c *store.Conversation) input.Date {
	today := h.Today()
	if f.Year == nil {
		return today
	}
	if y := f.Year(h, c); y != 0 && y != today.Year {
		return input.Date{Year: y, Month: 1, Day: 1}
	}
	return today
}

// typed parses numbers, days and names into their kept form.
func typed(kind Kind, v string, today, year input.Date) (string, string) {
	switch kind {
	case Number:
		n, err := input.ParseNumber(v)
		return strconv.FormatInt(n, 10), numberError(err)
	case Date:
		d, err := input.ParseDate(v, today)
		return d.ISO(), dateError(err)
	case Range:
		from, to, err := input.ParseRange(v, year)
		return from.ISO() + "/" + to.ISO(), dateError(err)
	case Money:
		n, err := input.ParseMoney(v)
		return strconv.FormatInt(n, 10), moneyError(err)
	case Name:
		n, err := input.ParseFullName(v)
		return n, nameError(err)
	}
	return v, ""
}

func nameError(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, input.ErrNameEmpty):
		return "form_err_empty"
	case errors.Is(err, input.ErrNameLong):
		return "form_err_too_long"
	}
	return "form_err_name"
}

func moneyError(err error) string {
	if err == nil || errors.Is(err, input.ErrNegative) || errors.Is(err, input.ErrTooLarge) {
		return numberError(err)
	}
	return "form_err_money"
}

func numberError(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, input.ErrNegative):
		return "form_err_negative"
	case errors.Is(err, input.ErrTooLarge):
		return "form_err_too_large"
	}
	return "form_err_number"
}

func dateError(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, input.ErrNoSuchDay):
		return "form_err_no_such_day"
	case errors.Is(err, input.ErrRange):
		return "form_err_range"
	case errors.Is(err, input.ErrOneDate):
		return "form_err_range_one"
	}
	return "form_err_date"
}

// matchOption accepts a typed choice when it matches one label, ignoring
// case, diacritics and the label's emoji: "hoi phu nu" is "Hội Phụ nữ".
func matchOption(opts []Option, typed string) (string, string) {
	want := Folded(typed)
	for _, o := range opts {
		if Folded(o.Label) == want {
			return o.Value, ""
		}
	}
	for _, o := range opts { // "van hoa xa hoi" is "Văn hóa - xã hội"
		if compact(o.Label) == compact(typed) && compact(typed) != "" {
			return o.Value, ""
		}
	}
	return "", "form_err_pick_button"
}

// compact is a label folded to its letters and digits only.
func compact(s string) string {
	return strings.Map(func(c rune) rune {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			return c
		}
		return -1
	}, store.Fold(s))
}

// Folded is a label or a typed answer as the two are compared: without
// case, diacritics, or the emoji and signs around it.
func Folded(s string) string {
	return store.Fold(strings.TrimFunc(s, func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) }))
}

// utf16Len is the length of s as Telegram counts it.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// List is the values of a Multi answer: "1,2,5".
func List(v string) []string {
	if v == "" {
		return nil
	}
	return strings.Split(v, ",")
}
