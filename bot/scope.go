package bot

import (
	"slices"
	"strconv"

	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// Buttons served here.
const routePlace route = "pl" // "pl:<commune>": work in another of one's places

var placeActions = []action{
	{route: routePlace, private: true, who: anyone, run: (*request).placeAction},
}

// scope limits the update's transaction to the commune of who sent it,
// before any handler reads a record: in a group, the commune of its unit;
// in private, the commune of the sender's office (none for the
// province's), or else of their units. Every later read of a unit, a
// registration, a campaign or an admin is then that commune's, so a
// forged id of another commune's record is a record that does not exist.
func (r *request) scope() {
	r.tx.Scope(r.communeOf())
}

func (r *request) communeOf() uint64 {
	if !r.u.Chat.Private() {
		if c, ok := r.tx.CommuneOfGroup(r.u.Chat.ID); ok {
			return c
		}
	}
	places := placesOf(r.tx, r.user)
	switch {
	case len(places) == 0:
		return store.HomeCommune
	case slices.Contains(places, r.user.Place) && r.user.Place != 0:
		return r.user.Place // chosen among their places
	}
	return places[0]
}

// placeSwitch is the menu's row for a person with roles in more than one
// place: a button to each of the others.
func (r *request) placeSwitch() [][]store.Button {
	places := placesOf(r.tx, r.user)
	if len(places) < 2 {
		return nil
	}
	var kb [][]store.Button
	for _, p := range places {
		if p == r.commune() {
			continue
		}
		name := r.cfg.Province.Name
		if p != 0 {
			c, err := r.anyCommune(p)
			if err != nil {
				r.fail(err)
				continue
			}
			name = c.Name
		}
		kb = append(kb, []store.Button{{Text: r.cat.Text(r.lang, "btn_place", locales.Args{"Name": name}), Data: routePlace.data(idArg(p))}})
	}
	return kb
}

// anyCommune reads a commune's own record (its name) whatever the place.
func (r *request) anyCommune(id uint64) (store.Commune, error) {
	var c store.Commune
	err := r.tx.AcrossCommunes(func() (err error) { c, err = r.tx.Commune(id); return err })
	return c, err
}

// placeAction is "pl:<commune>": work in another of one's places. Only a
// place the person holds a role in is taken.
func (r *request) placeAction(arg string) error {
	id, err := strconv.ParseUint(arg, 10, 64)
	if err != nil || !slices.Contains(placesOf(r.tx, r.user), id) {
		return errStale
	}
	r.user.Place = id
	if err := r.tx.PutUser(r.user); err != nil {
		return err
	}
	r.scope()
	return r.menuEdit()
}

// rejoin reloads the sender after an invite changed their roles, and
// scopes the transaction to their new place.
func (r *request) rejoin() error {
	u, err := r.tx.User(r.user.ID)
	if err != nil {
		return err
	}
	r.user = u
	r.scope()
	return nil
}

// within runs fn with the transaction scoped to commune, then restores
// the scope it had: a job of the way out (a refusal, a lost file) tells
// the office of the record's commune, not every office.
func (w *writer) within(commune uint64, fn func() error) error {
	return w.tx.InCommune(commune, fn)
}

// commune is the commune the update is scoped to; 0 in the province's
// place (and across communes, in a timed job).
func (w *writer) commune() uint64 { return w.tx.Scoped() }

// province reports whether the deployment serves more than one commune:
// with one, nothing anywhere names or offers a commune.
func (w *writer) province() bool { return w.tx.CommuneCount() > 1 }

// eachCommune runs fn with the transaction scoped to each commune in
// turn: a timed job does for every commune what it did for one, with that
// commune's units, dates and admins. The scope is lifted after.
func eachCommune(tx *store.Tx, fn func(store.Commune) error) error {
	communes, err := tx.Communes()
	if err != nil {
		return err
	}
	for _, c := range communes {
		if err := tx.InCommune(c.ID, func() error { return fn(c) }); err != nil {
			return err
		}
	}
	return nil
}

// office is who issues the paper of the scope: the commune's office, or
// the province's for an unscoped transaction.
func (r *request) office() store.Office {
	if r.commune() == 0 {
		return r.cfg.Province.Office
	}
	c, err := r.tx.Commune(r.commune())
	if err != nil {
		r.fail(err)
	}
	return c.Office
}

// notAllowed answers a command the person may not use where they work.
// One they may use in another of their places (the province's office that
// is also a unit's secretary, in the province's place, asking /register)
// says so, with the buttons to go there: what is done for a commune is
// done in that commune, never in the province's place.
func (r *request) notAllowed(c command) error {
	var elsewhere role
	r.tx.AcrossCommunes(func() error { elsewhere = r.roleOf(r.user); return nil })
	if !r.u.Chat.Private() || !c.who(elsewhere) {
		return r.reply(r.t("not_allowed", nil), nil)
	}
	return r.reply(r.t("not_allowed_here", nil), r.placeSwitch())
}
