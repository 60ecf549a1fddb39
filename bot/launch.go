package bot

import (
	"github.com/dvkbot/dvkbot/bot/campaign"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// announceLaunch tells those a new movement concerns that it is launched
// ("phát động", seeds 001 and 002): the office of every commune taking
// part (a province's movement reaches each commune's office; a commune's,
// its other admins) and the group of every unit taking part, with its
// deadlines and, in a group, the button that opens the registration in
// private chat. It is called once, in the transaction that creates the
// movement: the messages are in the outbox with the movement or not at
// all, so a restart neither loses nor repeats them, and the outbox paces
// them. by is who launched it (told by the saved card, not by a notice).
// It returns how many messages were queued.
func (w *writer) announceLaunch(c store.Campaign, by int64) (int, error) {
	if !c.Province {
		return w.announceInCommune(c, by)
	}
	n := 0
	err := eachCommune(w.tx, func(cm store.Commune) error {
		if !c.For(cm.ID) {
			return nil
		}
		local, err := w.tx.Campaign(c.ID) // as the commune sees it
		if err != nil {
			return err
		}
		k, err := w.announceInCommune(local, by)
		n += k
		return err
	})
	return n, err
}

// announceInCommune announces c to the commune the transaction is scoped
// to: its office (but by) and its participating units' groups.
func (w *writer) announceInCommune(c store.Campaign, by int64) (int, error) {
	n := 0
	admins, err := w.tx.AdminsOf(w.tx.Scoped())
	if err != nil {
		return 0, err
	}
	for _, a := range admins {
		if a == by {
			continue
		}
		lang := w.langOf(a)
		text := w.launchText(lang, launchOffice, c, "")
		if c.Province {
			text += "\n\n" + w.cat.HTML(lang, "launch_office_local", nil)
		}
		kb := [][]store.Button{{{Text: w.cat.Text(lang, "btn_launch_open", nil), Data: routeCampaign.data(idArg(c.ID))}}}
		if err := w.send(a, text, kb); err != nil {
			return n, err
		}
		n++
	}
	units, err := w.participants(c)
	if err != nil {
		return n, err
	}
	lang := w.cfg.DefaultLanguage // a group reads the bot's language
	for _, u := range units {
		if u.GroupChatID == 0 || u.GroupBroken != "" {
			continue
		}
		text := w.launchText(lang, launchGroup, c, u.Name) + w.mentions(w.tx.Secretaries(u.ID))
		kb := [][]store.Button{{w.reminderButton(lang, campaign.Registration, c, u, true)}}
		if err := w.send(u.GroupChatID, text, kb); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// The launch notices, by who reads them, in the voice of who launched it:
// the Đảng ủy (a commune's movement) or the province's Ban Dân vận.
const (
	launchOffice = iota
	launchGroup
)

var launchIDs = map[bool][2]string{
	false: {launchOffice: "launch_office", launchGroup: "launch_group"},
	true:  {launchOffice: "launch_office_province", launchGroup: "launch_group_province"},
}

// launchText is a launch notice in lang with the movement's deadlines as
// the plan writes them ("trước ngày").
func (w *writer) launchText(lang string, to int, c store.Campaign, unit string) string {
	return w.cat.HTML(lang, launchIDs[c.Province][to], locales.Args{"Campaign": c.Name, "Unit": unit, "Min": c.MinModels,
		"Reg": showISO(c.RegDeadline), "Results": showISO(c.ResultsDeadline), "End": showISO(c.EndDate)})
}
