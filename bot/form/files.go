package form

import (
	"encoding/json"
	"strconv"

	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// MaxFiles caps the files of one Files step.
const MaxFiles = 10

// DecodeFiles reads a Files answer.
func DecodeFiles(v string) []store.Evidence {
	var out []store.Evidence
	if v != "" {
		json.Unmarshal([]byte(v), &out)
	}
	return out
}

// EncodeFiles is files as a Files answer keeps them.
func EncodeFiles(ev []store.Evidence) string {
	if len(ev) == 0 {
		return ""
	}
	b, _ := json.Marshal(ev)
	return string(b)
}

// ShowFiles is "3 tệp: ảnh, bao-cao.pdf, ảnh".
func ShowFiles(h Host, v string) string {
	ev := DecodeFiles(v)
	if len(ev) == 0 {
		return ""
	}
	names := ""
	for i, e := range ev {
		if i > 0 {
			names += ", "
		}
		name := e.Name
		if e.Kind == "photo" {
			name = h.Plain("file_photo", nil)
		}
		if e.Caption != "" {
			name += " (" + e.Caption + ")" // the caption the unit gave it
		}
		names += name
	}
	return h.HTML("files_summary", locales.Args{"Count": strconv.Itoa(len(ev)), "Names": names})
}

// file takes one photo or document for a Files step; text gets a
// reminder of what to send, and the step stays.
func (f *Form[H]) file(h H, c *store.Conversation, s Step[H], m Message) error {
	if m.Media != "photo" && m.Media != "document" || m.File.ID == "" {
		return f.reprompt(h, c, "form_err_need_file")
	}
	ev := DecodeFiles(c.Answers[s.Key])
	if len(ev) >= MaxFiles {
		return h.Reply(h.HTML("form_err_too_many_files", locales.Args{"Max": strconv.Itoa(MaxFiles)}),
			[][]store.Button{{f.button(h, c, "btn_form_done", OpDone, "")}})
	}
	ev = append(ev, store.Evidence{FileID: m.File.ID, Kind: m.Media, Name: m.File.Name, Size: m.File.Size,
		Caption: input.CleanText(m.Text, false)})
	c.Answers[s.Key] = EncodeFiles(ev)
	if err := h.Conversations().PutConversation(*c); err != nil {
		return err
	}
	return h.Reply(h.HTML("file_received", locales.Args{"Count": strconv.Itoa(len(ev)), "Max": strconv.Itoa(MaxFiles)}),
		[][]store.Button{{f.button(h, c, "btn_form_done", OpDone, "")}})
}

// filesDone ends a Files step; none sent is allowed only when optional.
func (f *Form[H]) filesDone(h H, c *store.Conversation, s Step[H]) error {
	if c.Answers[s.Key] == "" && !s.Optional {
		return f.reprompt(h, c, "form_err_need_file")
	}
	return f.advance(h, c)
}
