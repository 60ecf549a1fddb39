package form

import (
	"html"
	"strconv"
	"strings"

	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// The buttons are what a person may do at each point. The host renders
// them through the messenger's capabilities: buttons where it has them,
// a numbered menu where it has not; an option may always be typed too
// (matchOption).

func (f *Form[H]) promptText(h H, c *store.Conversation, errID string) string {
	s := f.Steps[c.Step]
	args := f.args(h, c, s)
	var b strings.Builder
	if errID != "" {
		b.WriteString(h.HTML(errID, args) + "\n\n")
	}
	b.WriteString(h.HTML("form_progress", locales.Args{"Form": h.Plain(f.Title, nil),
		"Step": strconv.Itoa(c.Step + 1), "Total": strconv.Itoa(len(f.Steps))}))
	b.WriteString("\n" + h.HTML(s.Prompt, args))
	if cur := c.Answers[s.Key]; cur != "" && s.Kind != Multi { // a Multi shows its ticks
		b.WriteString("\n\n" + h.HTML("form_current", locales.Args{"Value": f.display(h, c, s, cur)}))
	}
	return b.String()
}

// args are what a step's prompt or error may name: its limit, and the
// form's own (Form.Args).
func (f *Form[H]) args(h H, c *store.Conversation, s Step[H]) locales.Args {
	args := locales.Args{}
	if f.Args != nil {
		args = f.Args(h, c)
	}
	args["Max"] = strconv.Itoa(s.MaxLen())
	return args
}

func (f *Form[H]) promptButtons(h H, c *store.Conversation) [][]store.Button {
	s := f.Steps[c.Step]
	var rows [][]store.Button
	switch s.Kind {
	case Choice:
		for i, o := range s.Options(h, c) {
			rows = append(rows, []store.Button{{Text: o.Label, Data: f.data(h, c, OpChoose, strconv.Itoa(i))}})
		}
	case Multi:
		rows = f.multiButtons(h, c, s)
	case Files:
		rows = [][]store.Button{{f.button(h, c, "btn_form_done", OpDone, "")}}
	default:
		if s.Options != nil { // a typed step's common answers, one press each (a unit's name, a period)
			for i, o := range s.Options(h, c) {
				rows = append(rows, []store.Button{{Text: o.Label, Data: f.data(h, c, OpChoose, strconv.Itoa(i))}})
			}
		}
	}
	if s.Kind.Typed() && c.Answers[s.Key] != "" { // back onto a typed answer: keep it with one press
		keep := s.Keep
		if keep == "" {
			keep = "btn_form_keep"
		}
		rows = append(rows, []store.Button{f.button(h, c, keep, OpKeep, "")})
	}
	var nav []store.Button
	if c.Step > 0 || c.Review {
		nav = append(nav, f.button(h, c, "btn_form_back", OpBack, ""))
	}
	if s.Optional {
		nav = append(nav, f.button(h, c, "btn_form_skip", OpSkip, ""))
	}
	cancel := "btn_form_cancel"
	if f.Later != "" {
		cancel = "btn_form_later"
	}
	nav = append(nav, f.button(h, c, cancel, OpCancel, ""))
	return append(rows, nav)
}

// button is a button of this form instance; the step is part of its
// data, so a double tap or an old message's button is stale.
func (f *Form[H]) button(h H, c *store.Conversation, labelID string, op Op, arg string) store.Button {
	return store.Button{Text: h.Plain(labelID, nil), Data: f.data(h, c, op, arg)}
}

func (f *Form[H]) data(h H, c *store.Conversation, op Op, arg string) string {
	return h.ButtonData(c.Nonce, string(op), strconv.Itoa(c.Step), arg)
}

// display renders a kept answer for the person.
func (f *Form[H]) display(h H, c *store.Conversation, s Step[H], v string) string {
	switch s.Kind {
	case Choice, Multi:
		return optionLabels(s.Options(h, c), v)
	case Date:
		if d, err := input.ParseISO(v); err == nil && !d.IsZero() {
			return d.String()
		}
	case Range:
		return input.ShowRange(v)
	case Money:
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			return input.FormatMoney(n)
		}
	case Files:
		return ShowFiles(h, v)
	}
	return v
}

func optionLabels(opts []Option, v string) string {
	var out []string
	for _, val := range List(v) {
		for _, o := range opts {
			if o.Value == val {
				out = append(out, o.Label)
			}
		}
	}
	return strings.Join(out, ", ")
}

// saveAndReview keeps c and shows every answer with a button to change
// each one.
func (f *Form[H]) saveAndReview(h H, c *store.Conversation) error { return f.review(h, c, "") }

// review keeps c and shows its review under note.
func (f *Form[H]) review(h H, c *store.Conversation, note string) error {
	if err := h.Conversations().PutConversation(*c); err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(note)
	if f.ReviewNote != nil {
		if note := f.ReviewNote(h, c); note != "" {
			b.WriteString(note + "\n\n")
		}
	}
	b.WriteString(h.HTML("form_review", map[string]any{"Form": h.Plain(f.Title, nil)}))
	var rows [][]store.Button
	for i, s := range f.Steps {
		v := f.display(h, c, s, c.Answers[s.Key])
		switch {
		case v == "" && s.Skipped != "":
			v = h.Plain(s.Skipped, f.args(h, c, s))
		case v == "":
			v = h.Plain("form_empty_value", nil)
		}
		b.WriteString("\n\n<b>" + h.HTML(s.Label, nil) + ":</b> " + html.EscapeString(v))
		rows = append(rows, []store.Button{{Text: "✏️ " + h.Plain(s.Label, nil), Data: f.data(h, c, OpEdit, strconv.Itoa(i))}})
	}
	submit := f.SubmitLabel
	if submit == "" {
		submit = "btn_form_submit"
	}
	rows = append(rows, []store.Button{f.button(h, c, submit, OpSubmit, ""), f.button(h, c, "btn_form_cancel", OpCancel, "")})
	return h.Reply(b.String(), pairUp(rows))
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
