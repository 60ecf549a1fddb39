package bot

import (
	"encoding/json"
	"strconv"

	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// maxEvidence caps the files of one files step.
const maxEvidence = 10

func decodeFiles(v string) []store.Evidence {
	var out []store.Evidence
	if v != "" {
		json.Unmarshal([]byte(v), &out)
	}
	return out
}

func encodeFiles(ev []store.Evidence) string {
	if len(ev) == 0 {
		return ""
	}
	b, _ := json.Marshal(ev)
	return string(b)
}

// showFiles is "3 tệp: ảnh, bao-cao.pdf, ảnh".
func (r *request) showFiles(v string) string {
	ev := decodeFiles(v)
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
			name = r.label("file_photo")
		}
		if e.Caption != "" {
			name += " (" + e.Caption + ")" // the caption the unit gave it
		}
		names += name
	}
	return r.t("files_summary", locales.Args{"Count": strconv.Itoa(len(ev)), "Names": names})
}

// fileMessage takes one photo or document for a files step; text gets a
// reminder of what to send, and the step stays.
func (r *request) fileMessage(c *store.Conversation, f *form, s step) error {
	if r.u.Media != "photo" && r.u.Media != "document" || r.u.File.ID == "" {
		return r.reprompt(c, f, "form_err_need_file")
	}
	ev := decodeFiles(c.Answers[s.key])
	if len(ev) >= maxEvidence {
		return r.reply(r.t("form_err_too_many_files", locales.Args{"Max": strconv.Itoa(maxEvidence)}),
			[][]store.Button{{r.formButton(*c, "btn_form_done", "o", "")}})
	}
	ev = append(ev, store.Evidence{FileID: r.u.File.ID, Kind: r.u.Media, Name: r.u.File.Name, Size: r.u.File.Size,
		Caption: input.CleanText(r.u.Text, false)})
	c.Answers[s.key] = encodeFiles(ev)
	if err := r.tx.PutConversation(*c); err != nil {
		return err
	}
	return r.reply(r.t("file_received", locales.Args{"Count": strconv.Itoa(len(ev)), "Max": strconv.Itoa(maxEvidence)}),
		[][]store.Button{{r.formButton(*c, "btn_form_done", "o", "")}})
}

// filesDone ends a files step; none sent is allowed only when optional.
func (r *request) filesDone(c *store.Conversation, f *form, s step) error {
	if c.Answers[s.key] == "" && !s.optional {
		return r.reprompt(c, f, "form_err_need_file")
	}
	return r.advance(c, f)
}
