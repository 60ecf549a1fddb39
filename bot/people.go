package bot

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// Buttons served here.
const (
	routeSecretaries     route = "us"  // "us:<unit>"
	routeSecretaryRemove route = "ux"  // "ux:<unit>:<user>"
	routeAdmins          route = "adm" // "adm", "adm:rm:<user>", "adm:rv:<user>", "adm:inv"
	routeAudit           route = "aud" // "aud:<before>": a page of the audit log
)

var peopleActions = []action{
	{route: routeSecretaries, private: true, who: adminOnly, run: (*request).secretariesAction},
	{route: routeSecretaryRemove, private: true, who: adminOnly, run: (*request).removeSecretaryAction},
	{route: routeAdmins, private: true, who: adminOnly, run: (*request).adminsAction},
	{route: routeAudit, private: true, who: adminOnly, run: (*request).auditAction},
}

// secretariesAction handles "us:<unit>": the unit's secretaries, each with
// a remove button.
func (r *request) secretariesAction(arg string) error {
	u, err := r.unitFromArg(arg)
	if err != nil {
		return err
	}
	return r.edit(r.secretariesView(u))
}

func (r *request) secretariesView(u store.Unit) (string, [][]store.Button) {
	var kb [][]store.Button
	for _, id := range r.tx.Secretaries(u.ID) {
		kb = append(kb, []store.Button{{Text: "❌ " + r.userName(id),
			Data: routeSecretaryRemove.data(idArg(u.ID), strconv.FormatInt(id, 10))}})
	}
	kb = append(kb, []store.Button{{Text: r.label("btn_invite"), Data: routeInvite.data(idArg(u.ID))}},
		[]store.Button{{Text: r.label("btn_back_unit"), Data: routeUnit.data(idArg(u.ID))}})
	text := r.t("secretaries_title", locales.Args{"Unit": u.Name})
	if len(kb) == 2 {
		text += "\n" + r.t("unit_no_secretary", nil)
	}
	return text, kb
}

// removeSecretaryAction handles "ux:<unit>:<user>".
func (r *request) removeSecretaryAction(arg string) error {
	unitArg, userArg, _ := strings.Cut(arg, ":")
	u, err := r.unitFromArg(unitArg)
	if err != nil {
		return err
	}
	uid, err := strconv.ParseInt(userArg, 10, 64)
	if err != nil || !r.tx.IsSecretary(u.ID, uid) {
		return errStale
	}
	if err := r.tx.RemoveSecretary(u.ID, uid); err != nil {
		return err
	}
	if err := r.refreshMenu(uid); err != nil {
		return err
	}
	if err := r.tx.Audit(r.user.ID, "secretary.remove", r.userName(uid)+" @ "+u.Name); err != nil {
		return err
	}
	if err := r.send(uid, r.cat.HTML(r.langOf(uid), "notice_secretary_removed", locales.Args{"Unit": u.Name}), nil); err != nil {
		return err
	}
	if err := r.answer(r.label("secretary_removed"), false); err != nil {
		return err
	}
	return r.edit(r.secretariesView(u))
}

// adminsAction handles "adm": the admins, with remove buttons for those
// not fixed by the config, and an invite for a new admin.
func (r *request) adminsAction(arg string) error {
	switch {
	case arg == "inv":
		return r.adminInvite()
	case arg == "view":
		return r.viewerInvite()
	case strings.HasPrefix(arg, "rm:"):
		return r.removeAdmin(strings.TrimPrefix(arg, "rm:"))
	case strings.HasPrefix(arg, "rv:"):
		return r.removeViewer(strings.TrimPrefix(arg, "rv:"))
	case arg != "":
		return errStale
	}
	text, kb, err := r.adminsView()
	if err != nil {
		return err
	}
	return r.edit(text, kb)
}

func (r *request) adminsView() (string, [][]store.Button, error) {
	admins, err := r.tx.Admins()
	if err != nil {
		return "", nil, err
	}
	var lines []string
	var kb [][]store.Button
	for _, id := range admins {
		name := r.userName(id)
		if slices.Contains(r.cfg.BootstrapAdmins, id) {
			lines = append(lines, "• "+escape(name)+" "+r.t("admin_from_config", nil))
			continue
		}
		lines = append(lines, "• "+escape(name))
		kb = append(kb, []store.Button{{Text: "❌ " + name, Data: routeAdmins.data("rm", strconv.FormatInt(id, 10))}})
	}
	viewers, err := r.tx.Viewers()
	if err != nil {
		return "", nil, err
	}
	if len(viewers) > 0 {
		lines = append(lines, "", r.t("viewers_title", nil))
	}
	for _, v := range viewers {
		lines = append(lines, "• "+escape(personName(v)))
		kb = append(kb, []store.Button{{Text: "❌ " + personName(v) + " " + r.label("viewer_tag"), Data: routeAdmins.data("rv", strconv.FormatInt(v.ID, 10))}})
	}
	kb = append(kb, []store.Button{{Text: r.label("btn_admin_invite"), Data: routeAdmins.data("inv")}},
		[]store.Button{{Text: r.label("btn_viewer_invite"), Data: routeAdmins.data("view")}},
		[]store.Button{{Text: r.label("btn_units"), Data: routeUnits.data("0")}})
	return r.t("admins_title", nil) + "\n" + strings.Join(lines, "\n"), kb, nil
}

func (r *request) removeAdmin(arg string) error {
	id, err := strconv.ParseInt(arg, 10, 64)
	if err != nil || slices.Contains(r.cfg.BootstrapAdmins, id) {
		return errStale
	}
	if u, err := r.tx.User(id); err != nil || !u.AdminOf(r.commune()) {
		return errStale
	}
	if err := r.tx.RemoveAdmin(id); errors.Is(err, store.ErrLastAdmin) {
		return r.answer(r.label("admin_last"), true)
	} else if err != nil {
		return err
	}
	if id == r.user.ID {
		r.user.Admin = false
	}
	if err := r.closeFormsOf(id); err != nil {
		return err
	}
	if err := r.refreshMenu(id); err != nil {
		return err
	}
	if err := r.tx.Audit(r.user.ID, "admin.remove", r.userName(id)); err != nil {
		return err
	}
	if err := r.answer(r.label("admin_removed"), false); err != nil {
		return err
	}
	text, kb, err := r.adminsView()
	if err != nil {
		return err
	}
	return r.edit(text, kb)
}

// removeViewer takes the read-only role from one of the commune's
// viewers; who they are is read from the store, not the button.
func (r *request) removeViewer(arg string) error {
	id, err := strconv.ParseInt(arg, 10, 64)
	if err != nil {
		return errStale
	}
	u, err := r.tx.User(id)
	if err != nil || !u.ViewerOf(r.commune()) {
		return errStale
	}
	u.Viewer = false
	if err := r.tx.PutUser(u); err != nil {
		return err
	}
	if err := r.refreshMenu(id); err != nil {
		return err
	}
	if err := r.tx.Audit(r.user.ID, "viewer.remove", u.Name()); err != nil {
		return err
	}
	if err := r.answer(r.label("viewer_removed"), false); err != nil {
		return err
	}
	text, kb, err := r.adminsView()
	if err != nil {
		return err
	}
	return r.edit(text, kb)
}

func (r *request) adminInvite() error {
	inv, err := r.tx.CreateInvite(0, r.user.ID, r.cfg.InviteTTL)
	if err != nil {
		return err
	}
	if err := r.tx.Audit(r.user.ID, "invite.create", "admin"); err != nil {
		return err
	}
	return r.reply(r.t("invite_admin_created", locales.Args{"Link": r.inviteLink(inv), "Expires": r.date(inv.ExpiresAt)}),
		[][]store.Button{{{Text: r.label("btn_invite_revoke"), Data: routeInviteRevoke.data(inv.Code)}}})
}

// viewerInvite is a link for the read-only role: leadership or the Ủy
// ban kiểm tra, who follow and check (seed 001) and change nothing.
func (r *request) viewerInvite() error {
	inv, err := r.tx.CreateViewerInvite(r.user.ID, r.cfg.InviteTTL)
	if err != nil {
		return err
	}
	if err := r.tx.Audit(r.user.ID, "invite.create", "viewer"); err != nil {
		return err
	}
	return r.reply(r.t("invite_viewer_created", locales.Args{"Link": r.inviteLink(inv), "Expires": r.date(inv.ExpiresAt)}),
		[][]store.Button{{{Text: r.label("btn_invite_revoke"), Data: routeInviteRevoke.data(inv.Code)}}})
}

// auditPerPage entries of the audit log fit a message easily.
const auditPerPage = 15

// auditAction handles "aud:<before>": a page of the audit log, newest
// first; it reads through the transaction it was given.
func (r *request) auditAction(arg string) error {
	before, _ := strconv.ParseUint(arg, 10, 64)
	entries, err := r.tx.AuditPage(before, auditPerPage+1)
	if err != nil {
		return err
	}
	more := len(entries) > auditPerPage
	entries = entries[:min(len(entries), auditPerPage)]
	var lines []string
	for _, e := range entries {
		lines = append(lines, r.dateTime(e.At)+" · "+escape(r.userName(e.Actor))+" · "+
			r.t("audit_"+strings.ReplaceAll(e.Action, ".", "_"), nil)+" "+escape(e.Detail))
	}
	if len(lines) == 0 {
		lines = []string{r.t("audit_empty", nil)}
	}
	var kb [][]store.Button
	if more {
		kb = append(kb, []store.Button{{Text: r.label("btn_older"), Data: routeAudit.data(idArg(entries[len(entries)-1].ID))}})
	}
	kb = append(kb, []store.Button{{Text: r.label("btn_units"), Data: routeUnits.data("0")}})
	return r.edit(r.t("audit_title", nil)+"\n\n"+strings.Join(lines, "\n"), kb)
}

// closeFormsOf closes the form a person has open in their private chat
// when their roles no longer allow it (an admin just removed).
func (r *request) closeFormsOf(id int64) error {
	c, err := r.tx.Conversation(id, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	u, err := r.tx.User(id)
	if err != nil {
		return err
	}
	f := r.forms[c.Form]
	as := *r // the form's check, as the person whose form it is
	as.user = u
	if f == nil || f.Allow(&as) {
		return nil
	}
	if err := r.tx.DeleteConversation(id, id); err != nil {
		return err
	}
	text := r.cat.HTML(r.langOf(id), "form_revoked", locales.Args{"Form": r.cat.Text(r.langOf(id), f.Title, nil)})
	return r.send(id, text, nil)
}
