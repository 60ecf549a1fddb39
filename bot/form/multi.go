package form

import (
	"slices"
	"strconv"
	"strings"

	"github.com/dvkbot/dvkbot/store"
)

// multiButtons shows each option ticked or not; a press sets (not flips)
// the state it shows, so a double tap does no harm.
func (f *Form[H]) multiButtons(h H, c *store.Conversation, s Step[H]) [][]store.Button {
	chosen := List(c.Answers[s.Key])
	var rows [][]store.Button
	for i, o := range s.Options(h, c) {
		mark, want := "⬜ ", "1"
		if slices.Contains(chosen, o.Value) {
			mark, want = "✅ ", "0"
		}
		rows = append(rows, []store.Button{{Text: mark + o.Label, Data: f.data(h, c, OpToggle, strconv.Itoa(i)+"="+want)}})
	}
	return append(rows, []store.Button{f.button(h, c, "btn_form_done", OpDone, "")})
}

// toggle handles "t:<index>=<1|0>" and redraws the question in place.
func (f *Form[H]) toggle(h H, c *store.Conversation, arg string) error {
	s, ok := f.current(c)
	idxArg, want, _ := strings.Cut(arg, "=")
	i, err := strconv.Atoi(idxArg)
	if !ok || s.Kind != Multi || err != nil {
		return ErrStale
	}
	opts := s.Options(h, c)
	if i < 0 || i >= len(opts) {
		return ErrStale
	}
	c.Answers[s.Key] = strings.Join(setOption(List(c.Answers[s.Key]), opts[i].Value, want == "1"), ",")
	if err := h.Conversations().PutConversation(*c); err != nil {
		return err
	}
	return h.Edit(f.promptText(h, c, ""), f.promptButtons(h, c))
}

// setOption adds or removes v; All and the single options exclude each
// other.
func setOption(list []string, v string, on bool) []string {
	list = slices.DeleteFunc(list, func(x string) bool { return x == v })
	if !on {
		return list
	}
	if v == All {
		return []string{All}
	}
	list = slices.DeleteFunc(list, func(x string) bool { return x == All })
	return append(list, v)
}

// done ends a Multi or Files step ("Xong").
func (f *Form[H]) done(h H, c *store.Conversation) error {
	s, ok := f.current(c)
	if ok && s.Kind == Files {
		return f.filesDone(h, c, s)
	}
	if !ok || s.Kind != Multi {
		return ErrStale
	}
	v := c.Answers[s.Key]
	if v == "" && !s.None {
		return f.reprompt(h, c, "form_err_pick_one")
	}
	shown := f.display(h, c, s, v)
	if shown == "" {
		shown = h.Plain("form_none_chosen", nil)
	}
	h.Record(h.HTML("form_chosen", map[string]any{"Value": shown}))
	return f.accept(h, c, v)
}
