package bot

import (
	"strconv"

	"github.com/dvkbot/dvkbot/bot/form"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// announceForm writes a free message to all or chosen unit groups.
func announceForm() *formDef {
	return &formDef{Name: "announce", Title: "form_announce", Allow: allowing(adminOnly), Submit: (*request).submitAnnounce, Steps: form.Steps(announcementFields)}
}

// announcement is what the office sends: its text, to the groups of the
// units listed ("all", or ids).
type announcement struct{ Text, To string }

var announcementFields = []form.Field[*request, announcement]{
	form.String(stepDef{Key: "text", Label: "field_announce_text", Prompt: "ask_announce_text", Kind: form.LongText, Max: 3500},
		func(a *announcement) *string { return &a.Text }),
	form.String(stepDef{Key: "to", Label: "field_announce_to", Prompt: "ask_announce_to", Kind: form.Multi, Options: (*request).groupChoices},
		func(a *announcement) *string { return &a.To }),
}

// groupChoices are the units with a working group, after "all". A
// failed read fails the update (see request.fail).
func (r *request) groupChoices(*store.Conversation) []form.Option {
	out := []form.Option{{Value: form.All, Label: r.label("choice_all_groups")}}
	units, err := r.linkedUnits()
	if err != nil {
		r.fail(err)
	}
	for _, u := range units {
		out = append(out, form.Option{Value: idArg(u.ID), Label: u.Name})
	}
	return out
}

// linkedUnits are the units with a working group.
func (r *request) linkedUnits() ([]store.Unit, error) {
	units, err := r.tx.Units(false)
	if err != nil {
		return nil, err
	}
	var out []store.Unit
	for _, u := range units {
		if u.GroupChatID != 0 && u.GroupBroken == "" {
			out = append(out, u)
		}
	}
	return out, nil
}

// announce is /announce.
func (r *request) announce() error {
	units, err := r.linkedUnits()
	if err != nil {
		return err
	}
	if len(units) == 0 {
		return r.reply(r.t("announce_no_groups", nil), nil)
	}
	return r.beginForm("announce", "", form.Answers(announcementFields, &announcement{To: form.All}))
}

// submitAnnounce queues the message to each chosen group; the outbox paces
// the wave within Telegram's limits.
func (r *request) submitAnnounce(c *store.Conversation) error {
	var a announcement
	form.Fill(announcementFields, c.Answers, &a)
	chosen := form.List(a.To)
	all := len(chosen) == 1 && chosen[0] == form.All
	n := 0
	text := r.cat.HTML(r.cfg.DefaultLanguage, "announce_head", nil) + "\n\n" + escape(a.Text) // the groups' language, as the reminders
	units, err := r.linkedUnits()
	if err != nil {
		return err
	}
	for _, u := range units {
		if !all && !contains(chosen, idArg(u.ID)) {
			continue
		}
		if err := r.send(u.GroupChatID, text, nil); err != nil {
			return err
		}
		n++
	}
	if err := r.tx.Audit(r.user.ID, "announce.send", strconv.Itoa(n)); err != nil {
		return err
	}
	return r.reply(r.t("announce_queued", locales.Args{"Count": strconv.Itoa(n)}), r.menuButtons())
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
