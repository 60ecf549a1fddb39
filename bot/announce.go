package bot

import (
	"strconv"

	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// announceForm writes a free message to all or chosen unit groups.
func announceForm() *form {
	return &form{name: "announce", title: "form_announce", who: adminOnly, submit: (*request).submitAnnounce, steps: []step{
		{key: "text", label: "field_announce_text", prompt: "ask_announce_text", kind: inputLongText, max: 3500},
		{key: "to", label: "field_announce_to", prompt: "ask_announce_to", kind: inputMulti, choices: (*request).groupChoices},
	}}
}

// groupChoices are the units with a working group, after "all". A
// failed read fails the update (see request.fail).
func (r *request) groupChoices() []choice {
	out := []choice{{value: allValue, label: r.label("choice_all_groups")}}
	units, err := r.linkedUnits()
	if err != nil {
		r.fail(err)
	}
	for _, u := range units {
		out = append(out, choice{value: idArg(u.ID), label: u.Name})
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
	return r.beginForm("announce", "", map[string]string{"to": allValue})
}

// submitAnnounce queues the message to each chosen group; the outbox paces
// the wave within Telegram's limits.
func (r *request) submitAnnounce(c *store.Conversation) error {
	chosen := splitList(c.Answers["to"])
	all := len(chosen) == 1 && chosen[0] == allValue
	n := 0
	text := r.t("announce_head", nil) + "\n\n" + escape(c.Answers["text"])
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
