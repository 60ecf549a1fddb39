package bot

import (
	"errors"
	"strconv"

	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// Buttons served here.
const (
	routeLink     route = "gl" // "gl:<unit>", pressed in the group; the unit decides who may
	routeLinkPage route = "gp" // "gp:<page>" of the link picker
)

var groupActions = []action{
	{route: routeLink, group: true, who: anyone, run: (*request).linkAction},
	{route: routeLinkPage, group: true, who: staff, run: (*request).linkPageAction},
}

// onMember handles the bot's own membership changes in a group.
func (b *Bot) onMember(r *request) error {
	if !r.u.Chat.Group() {
		return nil
	}
	switch r.u.Status {
	case "member", "administrator":
		return r.botAdded()
	case "left", "kicked":
		return r.botRemoved()
	}
	return nil
}

// botAdded: a known group gets its link back; a new one is asked which
// unit it belongs to, if whoever added the bot is staff.
func (r *request) botAdded() error {
	u, err := r.tx.UnitOfGroup(r.u.Chat.ID)
	if errors.Is(err, store.ErrNotFound) {
		return r.unlinkedGroupCommand()
	}
	if err != nil {
		return err
	}
	if _, err := r.tx.LinkGroup(u.ID, r.u.Chat.ID); err != nil {
		return err
	}
	if err := r.tx.Audit(r.user.ID, "group.restore", u.Name); err != nil {
		return err
	}
	return r.reply(r.t("group_restored", locales.Args{"Unit": u.Name}), nil)
}

func (r *request) botRemoved() error {
	u, err := r.tx.BreakGroup(r.u.Chat.ID, "removed")
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := r.tx.Audit(r.user.ID, "group.broken", u.Name); err != nil {
		return err
	}
	return r.notifyAdmins("notice_group_removed", locales.Args{"Unit": u.Name, "Name": r.displayName()})
}

// onMigrate moves a unit's link when its group became a supergroup.
func (r *request) onMigrate() error {
	u, moved, err := r.tx.MigrateGroup(r.u.Chat.ID, r.u.MigrateTo)
	if err != nil || !moved {
		return err
	}
	return r.tx.Audit(r.user.ID, "group.migrate", u.Name)
}

// link is /link in a group: which unit is this group?
func (r *request) link() error {
	u, err := r.tx.UnitOfGroup(r.u.Chat.ID)
	if err == nil {
		return r.reply(r.t("group_already_linked", locales.Args{"Unit": u.Name}), nil)
	}
	if !errors.Is(err, store.ErrNotFound) {
		return err
	}
	return r.linkPicker(0)
}

// groupLinked reports whether this group belongs to a unit.
func (r *request) groupLinked() bool {
	_, err := r.tx.UnitOfGroup(r.u.Chat.ID)
	return err == nil
}

// unlinkedGroupCommand answers in a group that belongs to no unit (the
// bot was just added, or a command was typed there). Staff get the unit
// picker, whatever they typed: nothing else is said in such a group, so
// that no unit's progress reaches people the bot does not know. Anyone
// else gets silence: a stranger can neither learn the commune's units nor
// make the bot talk.
func (r *request) unlinkedGroupCommand() error {
	if !staff(r.role()) {
		return nil
	}
	return r.linkPicker(0)
}

// linkPicker lists the units that have no working group yet and that the
// sender may link (an admin: all; a secretary: their own), a page at a
// time. Only staff see it.
func (r *request) linkPicker(page int) error {
	text, kb, err := r.linkPage(page)
	if err != nil {
		return err
	}
	if r.u.CallbackID != "" {
		return r.edit(text, kb)
	}
	return r.reply(text, kb)
}

func (r *request) linkPage(page int) (string, [][]store.Button, error) {
	all, err := r.tx.Units(false)
	if err != nil {
		return "", nil, err
	}
	var free []store.Unit
	for _, u := range all {
		if (u.GroupChatID == 0 || u.GroupBroken != "") && r.mayActFor(u.ID) {
			free = append(free, u)
		}
	}
	if len(free) == 0 {
		return r.t("group_no_free_unit", nil), nil, nil
	}
	pages := (len(free) + unitsPerPage - 1) / unitsPerPage
	page = min(max(page, 0), pages-1)
	var kb [][]store.Button
	for _, u := range free[page*unitsPerPage : min(len(free), (page+1)*unitsPerPage)] {
		kb = append(kb, []store.Button{{Text: u.Name, Data: routeLink.data(idArg(u.ID))}})
	}
	kb = append(kb, pager(routeLinkPage, page, pages)...)
	return r.t("group_ask_unit", nil), kb, nil
}

// linkAction handles "gl:<unit>" pressed in a group.
func (r *request) linkAction(arg string) error {
	u, err := r.unitFromArg(arg)
	if err != nil || u.Archived {
		return errStale
	}
	if !r.mayActFor(u.ID) {
		return r.answer(r.label("group_link_not_allowed"), true)
	}
	if cur, err := r.tx.UnitOfGroup(r.u.Chat.ID); err == nil && cur.ID != u.ID {
		return r.answer(r.cat.Text(r.lang, "group_already_linked", locales.Args{"Unit": cur.Name}), true)
	}
	if _, err := r.tx.LinkGroup(u.ID, r.u.Chat.ID); err != nil {
		return err
	}
	if err := r.tx.Audit(r.user.ID, "group.link", u.Name+" ← "+r.u.Chat.Title); err != nil {
		return err
	}
	return r.edit(r.t("group_linked", locales.Args{"Unit": u.Name, "Name": r.displayName()}), nil)
}

func (r *request) linkPageAction(arg string) error {
	page, err := strconv.Atoi(arg)
	if err != nil {
		return errStale
	}
	return r.linkPicker(page)
}
