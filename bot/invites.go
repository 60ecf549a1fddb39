package bot

import (
	"errors"
	"strconv"

	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// Buttons served here.
const (
	routeInvite       route = "ui" // "ui:<unit>": a new invite link
	routeInviteRevoke route = "uv" // "uv:<code>"
)

var inviteActions = []action{
	{route: routeInvite, private: true, who: adminOnly, run: (*request).inviteAction},
	{route: routeInviteRevoke, private: true, who: offices, run: (*request).revokeAction},
}

// inviteAction handles "ui:<id>": a fresh single-use link for the unit.
func (r *request) inviteAction(arg string) error {
	u, err := r.unitFromArg(arg)
	if err != nil {
		return err
	}
	if u.Archived {
		return r.answer(r.label("unit_archived_no_invite"), true)
	}
	inv, err := r.tx.CreateInvite(u.ID, r.user.ID, r.cfg.InviteTTL)
	if err != nil {
		return err
	}
	if err := r.tx.Audit(r.user.ID, "invite.create", u.Name); err != nil {
		return err
	}
	return r.reply(r.t("invite_created", locales.Args{"Unit": u.Name, "Link": r.inviteLink(inv),
		"Expires": r.date(inv.ExpiresAt)}), [][]store.Button{
		{{Text: r.label("btn_invite_revoke"), Data: routeInviteRevoke.data(inv.Code)}},
		{{Text: r.label("btn_back_unit"), Data: routeUnit.data(idArg(u.ID))}},
	})
}

func (r *request) inviteLink(inv store.Invite) string {
	return "https://t.me/" + r.cfg.Username + "?start=" + inv.Code
}

// revokeAction handles "uv:<code>".
func (r *request) revokeAction(code string) error {
	inv, err := r.tx.OwnInvite(code) // another commune's is one that does not exist
	if errors.Is(err, store.ErrNotFound) {
		return errStale
	}
	if err != nil {
		return err
	}
	if inv.UsedBy != 0 {
		return r.answer(r.label("invite_already_used"), true)
	}
	if _, err := r.tx.RevokeInvite(code); err != nil {
		return err
	}
	if err := r.tx.Audit(r.user.ID, "invite.revoke", strconv.FormatUint(inv.UnitID, 10)); err != nil {
		return err
	}
	return r.edit(r.t("invite_revoked", nil), nil)
}

// invite is /invite: pick the unit to invite a secretary to.
func (r *request) invite() error {
	units, err := r.tx.Units(false)
	if err != nil {
		return err
	}
	if len(units) == 0 {
		return r.reply(r.t("units_empty", nil), [][]store.Button{{{Text: r.label("btn_unit_add"), Data: routeUnitAdd.data()}}})
	}
	var kb [][]store.Button
	for _, u := range units {
		kb = append(kb, []store.Button{{Text: u.Name, Data: routeInvite.data(idArg(u.ID))}})
	}
	return r.reply(r.t("invite_pick_unit", nil), kb)
}

// joinByInvite handles /start <code>: the invite makes the sender a
// secretary (or an admin) and the admins are told.
func (r *request) joinByInvite(code string) error {
	inv, err := r.tx.UseInvite(code, r.user.ID)
	switch {
	case errors.Is(err, store.ErrInviteUsed) && inv.UsedBy == r.user.ID:
		return r.reply(r.t("invite_you_already", nil), r.menuButtons())
	case errors.Is(err, store.ErrInviteUsed):
		return r.reply(r.t("invite_used", nil), nil)
	case errors.Is(err, store.ErrInviteExpired):
		return r.reply(r.t("invite_expired", nil), nil)
	case errors.Is(err, store.ErrInviteRevoked), errors.Is(err, store.ErrNotFound):
		return r.reply(r.t("invite_unknown", nil), nil)
	case errors.Is(err, store.ErrUnitArchived):
		return r.reply(r.t("invite_unit_archived", nil), nil)
	case errors.Is(err, store.ErrHasOffice):
		return r.reply(r.t("invite_has_office", nil), r.menuButtons())
	case err != nil:
		return err
	}
	if err := r.rejoin(); err != nil {
		return err
	}
	if !inv.Admin && !inv.Viewer && inv.Place() != r.commune() {
		// the unit's commune, a second one of theirs: they work there now
		r.user.Place = inv.Place()
		if err := r.tx.PutUser(r.user); err != nil {
			return err
		}
		r.scope()
	}
	switch {
	case inv.Admin:
		return r.joinedAsAdmin()
	case inv.Viewer:
		return r.joinedAsViewer()
	}
	return r.joinedUnit(inv.UnitID)
}

func (r *request) joinedUnit(unitID uint64) error {
	u, err := r.tx.Unit(unitID)
	if err != nil {
		return err
	}
	if err := r.tx.Audit(r.user.ID, "invite.use", u.Name); err != nil {
		return err
	}
	if err := r.refreshMenu(r.user.ID); err != nil {
		return err
	}
	args := locales.Args{"Name": r.displayName(), "Unit": u.Name}
	if err := r.notifyAdmins("notice_secretary_joined", args); err != nil {
		return err
	}
	args["Bot"] = r.cfg.Username // U1: the name to search for, and the steps
	return r.welcomeJoined(r.t("invite_welcome", args), r.unitPrefill(u))
}

// welcomeJoined greets someone who just used an invite, and at their
// first contact asks for "Họ và tên", prefilled, before the menu.
func (r *request) welcomeJoined(text, prefill string) error {
	if !r.needsName() {
		return r.reply(text, r.menuButtons())
	}
	if err := r.reply(text, nil); err != nil {
		return err
	}
	return r.askName(prefill)
}

func (r *request) joinedAsAdmin() error {
	if err := r.tx.Audit(r.user.ID, "admin.add", r.displayName()); err != nil {
		return err
	}
	if err := r.refreshMenu(r.user.ID); err != nil {
		return err
	}
	if err := r.notifyAdmins("notice_admin_joined", locales.Args{"Name": r.displayName()}); err != nil {
		return err
	}
	args := locales.Args{"Name": r.displayName()}
	if c, err := r.tx.Commune(r.commune()); err == nil && r.province() {
		args["Units"] = c.Name // which commune's office, where the bot serves several
	}
	return r.welcomeJoined(r.t("invite_welcome_admin", args), r.displayName())
}

func (r *request) joinedAsViewer() error {
	if err := r.tx.Audit(r.user.ID, "viewer.add", r.displayName()); err != nil {
		return err
	}
	if err := r.refreshMenu(r.user.ID); err != nil {
		return err
	}
	if err := r.notifyAdmins("notice_viewer_joined", locales.Args{"Name": r.displayName()}); err != nil {
		return err
	}
	return r.welcomeJoined(r.t("invite_welcome_viewer", locales.Args{"Name": r.displayName()}), r.displayName())
}

// notifyAdmins queues a notice to every admin but the sender, each in
// their own language.
func (r *request) notifyAdmins(id string, args locales.Args) error {
	return r.notifyAdminsBut(r.user.ID, id, args)
}
