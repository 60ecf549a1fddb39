package bot

import (
	"errors"
	"strconv"
	"strings"
	"unicode"

	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/store"
)

// formMessage takes a typed answer (or a wrong kind of message) for the
// current step. Bad input gets a specific message and the same step again.
func (r *request) formMessage(c *store.Conversation, f *form) error {
	s := f.steps[c.Step]
	if s.kind == inputFiles {
		return r.fileMessage(c, f, s)
	}
	if r.u.Media != "" || strings.TrimSpace(r.u.Text) == "" && r.u.Text != "" {
		return r.reprompt(c, f, r.mediaError(s))
	}
	v, errID := r.parse(c, s, r.u.Text)
	if errID != "" {
		return r.reprompt(c, f, errID)
	}
	return r.accept(c, f, v)
}

func (r *request) mediaError(s step) string {
	if r.u.Media == "" {
		return "form_err_empty"
	}
	if s.kind == inputChoice {
		return "form_err_pick_button"
	}
	return "form_err_need_text"
}

// parse cleans and checks a typed answer for step s.
func (r *request) parse(c *store.Conversation, s step, raw string) (string, string) {
	v := input.CleanText(raw, s.kind == inputLongText)
	switch {
	case v == "":
		return "", "form_err_empty"
	case utf16Len(v) > s.maxLen():
		return "", "form_err_too_long"
	case s.kind == inputChoice:
		return r.matchChoice(s, v)
	case s.kind == inputMulti:
		return "", "form_err_pick_button"
	}
	v, errID := r.typed(c, s.kind, v)
	if errID != "" {
		return "", errID
	}
	if s.check != nil {
		if errID := s.check(r, c, v); errID != "" {
			return "", errID
		}
	}
	return v, ""
}

// typed parses numbers and dates into their stored form.
func (r *request) typed(c *store.Conversation, kind inputKind, v string) (string, string) {
	switch kind {
	case inputNumber:
		n, err := input.ParseNumber(v)
		return strconv.FormatInt(n, 10), numberError(err)
	case inputDate:
		d, err := input.ParseDate(v, r.today())
		return d.ISO(), dateError(err)
	case inputRange:
		from, to, err := input.ParseRange(v, r.yearOf(c))
		return from.ISO() + "/" + to.ISO(), dateError(err)
	case inputMoney:
		n, err := input.ParseMoney(v)
		return strconv.FormatInt(n, 10), moneyError(err)
	case inputName:
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

// yearOf is the day whose year completes a typed day without one: in a
// registration, the campaign's year (today, if it is that year); else today.
func (r *request) yearOf(c *store.Conversation) input.Date {
	today := r.today()
	camp, ok := r.formCampaign(c)
	if !ok {
		return today
	}
	y, err := strconv.Atoi(camp.Year())
	if err != nil || y == today.Year {
		return today
	}
	return input.Date{Year: y, Month: 1, Day: 1}
}

// formCampaign is the campaign a registration form is for.
func (r *request) formCampaign(c *store.Conversation) (store.Campaign, bool) {
	if c == nil || c.Form != "register" {
		return store.Campaign{}, false
	}
	t, err := r.targetOf(c.Subject)
	return t.campaign, err == nil
}

// today is the current day in the configured zone.
func (r *request) today() input.Date { return input.DateOf(r.tx.Now(), r.cfg.Location) }

// matchChoice accepts a typed choice when it matches one label, ignoring
// case, diacritics and the label's emoji: "hoi phu nu" is "Hội Phụ nữ".
func (r *request) matchChoice(s step, typed string) (string, string) {
	want := store.Fold(typed)
	for _, ch := range s.choices(r) {
		if store.Fold(stripSymbols(ch.label)) == want {
			return ch.value, ""
		}
	}
	return "", "form_err_pick_button"
}

func stripSymbols(s string) string {
	return strings.TrimFunc(s, func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) })
}

// accept stores v as the current step's answer and moves on.
func (r *request) accept(c *store.Conversation, f *form, v string) error {
	c.Answers[f.steps[c.Step].key] = v
	return r.advance(c, f)
}

func (r *request) advance(c *store.Conversation, f *form) error {
	if f.quick && c.Step+1 >= len(f.steps) {
		c.Step = len(f.steps)
		return r.submitForm(c, f)
	}
	if c.Review || c.Step+1 >= len(f.steps) {
		c.Step, c.Review = len(f.steps), false
		return r.saveAndReview(c, f)
	}
	c.Step++
	return r.saveAndPrompt(c, f)
}

func (r *request) reprompt(c *store.Conversation, f *form, errID string) error {
	return r.reply(r.promptText(c, f, errID), r.promptButtons(c, f))
}

// saveAndReview shows every answer with a button to edit each one.
func (r *request) saveAndReview(c *store.Conversation, f *form) error {
	if err := r.tx.PutConversation(*c); err != nil {
		return err
	}
	var b strings.Builder
	if f.reviewNote != nil {
		if note := f.reviewNote(r, c); note != "" {
			b.WriteString(note + "\n\n")
		}
	}
	b.WriteString(r.t("form_review", map[string]any{"Form": r.label(f.title)}))
	var rows [][]store.Button
	for i, s := range f.steps {
		v := r.display(s, c.Answers[s.key])
		switch {
		case v == "" && s.skipped != "":
			v = r.cat.Text(r.lang, s.skipped, map[string]any{"Days": joinInts(r.cfg.ReminderDays)})
		case v == "":
			v = r.label("form_empty_value")
		}
		b.WriteString("\n\n<b>" + r.t(s.label, nil) + ":</b> " + escape(v))
		rows = append(rows, []store.Button{{Text: "✏️ " + r.label(s.label), Data: formData(c, "e", strconv.Itoa(i))}})
	}
	submit := f.submitLabel
	if submit == "" {
		submit = "btn_form_submit"
	}
	rows = append(rows, []store.Button{r.formButton(*c, submit, "k", ""), r.formButton(*c, "btn_form_cancel", "x", "")})
	return r.reply(b.String(), pairUp(rows))
}

// pairUp puts the one-button edit rows two to a row, keeping the last row.
func pairUp(rows [][]store.Button) [][]store.Button {
	var out [][]store.Button
	edits := rows[:len(rows)-1]
	for i := 0; i < len(edits); i += 2 {
		row := edits[i]
		if i+1 < len(edits) {
			row = append(row, edits[i+1]...)
		}
		out = append(out, row)
	}
	return append(out, rows[len(rows)-1])
}

func joinInts(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ", ")
}
