package form

import (
	"strings"

	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// A form already written out (a registration typed in a notes app, or
// copied from the printed sheet) may be sent whole, in one message of
// labelled lines:
//
//	Tên mô hình: Tuyến đường hoa nông thôn mới
//	Lĩnh vực: Văn hóa - xã hội
//	Nội dung: Mỗi hộ trồng hoa trước cổng;
//	chi bộ phân công đảng viên phụ trách từng đoạn.
//
// A line whose label (before ":") is one of the form's (Form.Labels,
// with or without diacritics) starts a field; any other line goes on
// with the field above it, so a long text may take several lines.
// Lines before the first label (a title) are passed over. Each value is
// read as its step reads a typed answer; what cannot be read is named
// and left to be asked.

// StartWhole opens a new form from a message that may hold it whole: at
// its review, or at the first field still missing. A message with no
// labelled line opens it as Start does.
func (f *Form[H]) StartWhole(h H, c *store.Conversation, text string) error {
	if c.Answers == nil {
		c.Answers = map[string]string{}
	}
	if f.Labels != nil {
		if note, bad, ok := f.readWhole(h, c, text); ok {
			return f.afterWhole(h, c, note, bad)
		}
	}
	return f.Start(h, c)
}

// afterWhole goes on from a form read whole: to the first line that
// could not be read, asked again as from the review, else to the first
// field missing, else to the review.
func (f *Form[H]) afterWhole(h H, c *store.Conversation, note string, bad int) error {
	if bad < 0 {
		return f.walkMissing(h, c, note)
	}
	c.Step, c.Review = bad, true
	if err := h.Conversations().PutConversation(*c); err != nil {
		return err
	}
	return h.Reply(note+f.promptText(h, c, ""), f.promptButtons(h, c))
}

// readWhole reads text as a whole form into c's answers; ok is false
// when no line of it is labelled, and the text is an ordinary answer.
// note tells what was read and what was not, in HTML; bad is the step
// of the first line that could not be read, or -1.
func (f *Form[H]) readWhole(h H, c *store.Conversation, text string) (note string, bad int, ok bool) {
	fields := splitLabelled(text, f.Labels(h))
	if len(fields) == 0 {
		return "", -1, false
	}
	bad = -1
	var read, why []string
	for i, s := range f.Steps {
		raw, given := fields[s.Key]
		if !given || strings.TrimSpace(raw) == "" {
			continue
		}
		if s.Kind == Multi || s.Kind == Files {
			continue // ticked or sent, never typed in a line
		}
		v, errID := f.parse(h, c, s, raw)
		if errID != "" {
			if bad < 0 {
				bad = i
			}
			why = append(why, h.HTML("form_whole_bad", locales.Args{"Field": h.Plain(s.Label, nil), "Why": f.whyNot(h, c, s, errID)}))
			continue
		}
		c.Answers[s.Key] = v
		read = append(read, h.Plain(s.Label, nil))
	}
	var b strings.Builder
	b.WriteString(h.HTML("form_whole_read", locales.Args{"Fields": strings.Join(read, ", ")}))
	for _, line := range why {
		b.WriteString("\n" + line)
	}
	if m := f.missing(c); m >= 0 || bad >= 0 {
		b.WriteString("\n" + h.HTML("form_whole_missing", nil))
	}
	return b.String() + "\n\n", bad, true
}

// whyNot is why a pasted line was not read, in words that fit a line of
// a message: a choice names its options.
func (f *Form[H]) whyNot(h H, c *store.Conversation, s Step[H], errID string) string {
	if s.Kind == Choice && errID == "form_err_pick_button" {
		var labels []string
		for _, o := range s.Options(h, c) {
			labels = append(labels, o.Label)
		}
		return h.Plain("form_whole_bad_choice", locales.Args{"Options": strings.Join(labels, "; ")})
	}
	return strings.TrimSpace(strings.TrimPrefix(h.Plain(errID, f.args(h, c, s)), "⚠️"))
}

// Labelled reports whether text has a line labelled by one of labels.
func Labelled(text string, labels map[string]string) bool {
	return len(splitLabelled(text, labels)) > 0
}

// splitLabelled cuts text into fields by labelled lines; labels maps a
// folded label to its key, "" for a label known and passed over (the
// sheet's unit or number: the form's record decides them, never a
// line). A field given twice keeps its last line.
func splitLabelled(text string, labels map[string]string) map[string]string {
	out := map[string]string{}
	key := ""
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if k, v, ok := labelledLine(line, labels); ok {
			if key = k; k != "" {
				out[k] = v
			}
			continue
		}
		if key != "" {
			out[key] += "\n" + line
		}
	}
	for k, v := range out {
		out[k] = strings.TrimSpace(v)
	}
	return out
}

// labelledLine reads "Label: value" (or "Label - value"), the label one
// of labels. A bullet or number before the label is allowed ("1. Tên
// mô hình:", "- Lĩnh vực:").
func labelledLine(line string, labels map[string]string) (key, value string, ok bool) {
	label, value, found := strings.Cut(line, ":")
	if !found {
		return "", "", false
	}
	label = strings.TrimLeft(strings.TrimSpace(label), "-•*+0123456789.) ")
	key, ok = labels[Folded(label)]
	return key, value, ok
}
