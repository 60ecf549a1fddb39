package bot

import (
	"slices"
	"strconv"
	"strings"

	"github.com/dvkbot/dvkbot/store"
)

// allValue is the multi-choice option that stands for every other one.
const allValue = "all"

// multiButtons shows each choice ticked or not; a press sets (not flips)
// the state it shows, so a double tap does no harm.
func (r *request) multiButtons(c *store.Conversation, s step) [][]store.Button {
	chosen := splitList(c.Answers[s.key])
	var rows [][]store.Button
	for i, ch := range s.choices(r) {
		mark, want := "⬜ ", "1"
		if slices.Contains(chosen, ch.value) {
			mark, want = "✅ ", "0"
		}
		rows = append(rows, []store.Button{{Text: mark + ch.label, Data: formData(c, "t", strconv.Itoa(i)+"="+want)}})
	}
	return append(rows, []store.Button{r.formButton(*c, "btn_form_done", "o", "")})
}

func splitList(v string) []string {
	if v == "" {
		return nil
	}
	return strings.Split(v, ",")
}

// toggle handles "t:<index>=<1|0>" and redraws the question in place.
func (r *request) toggle(c *store.Conversation, f *form, arg string) error {
	s, ok := r.currentStep(c, f)
	idxArg, want, _ := strings.Cut(arg, "=")
	i, err := strconv.Atoi(idxArg)
	chs := s.choices(r)
	if !ok || s.kind != inputMulti || err != nil || i < 0 || i >= len(chs) {
		return errStale
	}
	c.Answers[s.key] = strings.Join(setChoice(splitList(c.Answers[s.key]), chs[i].value, want == "1"), ",")
	if err := r.tx.PutConversation(*c); err != nil {
		return err
	}
	return r.edit(r.promptText(c, f, ""), r.promptButtons(c, f))
}

// setChoice adds or removes v; "all" and the single choices exclude each
// other.
func setChoice(list []string, v string, on bool) []string {
	list = slices.DeleteFunc(list, func(x string) bool { return x == v })
	if !on {
		return list
	}
	if v == allValue {
		return []string{allValue}
	}
	list = slices.DeleteFunc(list, func(x string) bool { return x == allValue })
	return append(list, v)
}

// multiDone accepts the ticked choices.
func (r *request) multiDone(c *store.Conversation, f *form) error {
	s, ok := r.currentStep(c, f)
	if ok && s.kind == inputFiles {
		return r.filesDone(c, f, s)
	}
	if !ok || s.kind != inputMulti {
		return errStale
	}
	v := c.Answers[s.key]
	if v == "" && !s.none {
		return r.reprompt(c, f, "form_err_pick_one")
	}
	shown := r.display(s, v)
	if shown == "" {
		shown = r.label("form_none_chosen")
	}
	r.record(r.t("form_chosen", map[string]any{"Value": shown}))
	return r.accept(c, f, v)
}
