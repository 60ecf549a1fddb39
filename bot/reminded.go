package bot

import (
	"errors"
	"strconv"
	"strings"

	"github.com/dvkbot/dvkbot/bot/campaign"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// Buttons served here.
const routeReminded route = "rm" // "rm:reg:<campaign>:<unit>" or "rm:res:<campaign>:<unit>": a reminder's button

// Anyone may press it: who may open the unit's form is decided by the
// unit (its secretaries), not by the roles of the place the person works
// in now, which may be another commune's.
var remindedActions = []action{
	{route: routeReminded, private: true, who: anyone, run: (*request).remindedAction},
}

// reminderKinds name a reminder's deadline in its button and its link.
var reminderKinds = map[campaign.DeadlineKind]string{campaign.Registration: "reg", campaign.Results: "res"}

// reminderButton is what a reminder of unit in c offers: in a group, a
// link that opens the private chat ("start=reg_<campaign>_<unit>", at
// most 45 of Telegram's 64 characters); to a secretary in private, a
// button. Either opens the form of that unit and campaign, whatever
// place the person works in.
func (w *writer) reminderButton(lang string, kind campaign.DeadlineKind, c store.Campaign, u store.Unit, group bool) store.Button {
	b := store.Button{Text: w.cat.Text(lang, "btn_remind_"+string(kind), nil)}
	if group {
		b.URL = "https://t.me/" + w.cfg.Username + "?start=" + reminderKinds[kind] + "_" + idArg(c.ID) + "_" + idArg(u.ID)
	} else {
		b.Data = routeReminded.data(reminderKinds[kind], idArg(c.ID), idArg(u.ID))
	}
	return b
}

// remindedAction handles "rm:<kind>:<campaign>:<unit>".
func (r *request) remindedAction(arg string) error {
	kind, rest, _ := strings.Cut(arg, ":")
	cid, uid, _ := strings.Cut(rest, ":")
	return r.reminded(kind, cid, uid)
}

// reminderLink reads a reminder's deep link, "reg_<campaign>_<unit>" or
// "res_<campaign>_<unit>"; ok is false for anything else (an invite).
func reminderLink(code string) (kind, cid, uid string, ok bool) {
	kind, rest, _ := strings.Cut(code, "_")
	cid, uid, _ = strings.Cut(rest, "_")
	_, errC := strconv.ParseUint(cid, 10, 64)
	_, errU := strconv.ParseUint(uid, 10, 64)
	return kind, cid, uid, (kind == "reg" || kind == "res") && errC == nil && errU == nil
}

// startReminded opens a reminder's deep link. Who is not the unit's
// secretary is told so; a unit or a campaign that is gone opens what the
// bare link opens, the forms of where the person works.
func (r *request) startReminded(kind, cid, uid string) error {
	id, _ := strconv.ParseUint(uid, 10, 64)
	if !r.tx.IsSecretary(id, r.user.ID) {
		return r.reply(r.t("not_allowed", nil), r.menuButtons())
	}
	err := r.reminded(kind, cid, uid)
	if !errors.Is(err, errStale) {
		return err
	}
	if kind == "res" {
		return r.startForm(secretaryOnly, r.results)
	}
	return r.startForm(secretaryOnly, r.register)
}

// reminded opens what a reminder of the unit in the campaign asks for:
// its registration form, or its results report. Only a secretary of the
// unit may; one who works in another place is moved to the unit's
// commune first, and told so in a line.
func (r *request) reminded(kind, cid, uid string) error {
	id, err := strconv.ParseUint(uid, 10, 64)
	if err != nil || !r.tx.IsSecretary(id, r.user.ID) {
		return errStale
	}
	if err := r.moveToUnit(id); err != nil {
		return err
	}
	switch kind {
	case "reg":
		return r.registerAction(cid + ":" + uid)
	case "res":
		return r.remindedResults(cid, uid)
	}
	return errStale
}

// moveToUnit makes the unit's commune the place the person works in, if
// it is another of their places. The caller checked that they are the
// unit's secretary: the unit is then of one of their places.
func (r *request) moveToUnit(id uint64) error {
	_, err := r.tx.Unit(id)
	if err == nil || !errors.Is(err, store.ErrNotFound) {
		return err // of this place already, or a store that cannot read
	}
	for _, c := range r.tx.CommunesOf(r.user.ID) {
		if c == r.commune() || r.within(c, func() error { _, err := r.tx.Unit(id); return err }) != nil {
			continue
		}
		r.user.Place = c
		if err := r.tx.PutUser(r.user); err != nil {
			return err
		}
		r.scope()
		m, err := r.tx.Commune(c)
		if err != nil {
			return err
		}
		return r.reply(r.t("place_moved", locales.Args{"Name": m.Name}), nil)
	}
	return errStale
}

// remindedResults opens the results report of the unit's models in the
// campaign (a choice when there are several).
func (r *request) remindedResults(cid, uid string) error {
	c, err := r.campaignFromArg(cid)
	if err != nil {
		return err
	}
	u, err := r.unitFromArg(uid)
	if err != nil || !c.Includes(u) {
		return errStale
	}
	if refused := r.filingClosed(c, u); refused != "" { // a reminder's button, kept
		return r.reply(refused, r.menuButtons())
	}
	return r.resultsFor([]target{{campaign: c, unit: u}})
}
