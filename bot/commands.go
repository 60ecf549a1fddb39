package bot

import (
	"context"
	"errors"
	"log/slog"
	"maps"
	"slices"

	"github.com/dvkbot/dvkbot/store"
)

// command is one slash command: where it works, who may use it, what it does.
type command struct {
	name    string
	desc    string // locale id of the one-line description
	private bool   // works in private chat
	group   bool   // works in groups (otherwise the group gets a pointer to the private chat)
	who     func(role) bool
	run     func(*request) error
}

// commandTable lists every command.
func commandTable() []command {
	return []command{
		{name: "start", desc: "cmd_start", private: true, who: anyone, run: (*request).start},
		{name: "menu", desc: "cmd_menu", private: true, who: anyone, run: (*request).menu},
		{name: "help", desc: "cmd_help", private: true, group: true, who: anyone, run: (*request).help},
		{name: "language", desc: "cmd_language", private: true, who: anyone, run: (*request).chooseLanguage},
		{name: "cancel", desc: "cmd_cancel", private: true, who: anyone, run: (*request).cancel},
		{name: "register", desc: "cmd_register", private: true, who: secretaryOnly, run: (*request).register},
		{name: "results", desc: "cmd_results", private: true, who: secretaryOnly, run: (*request).results},
		{name: "report", desc: "cmd_report", private: true, who: func(r role) bool { return staff(r) || readers(r) }, run: (*request).reportCmd},
		{name: "pending", desc: "cmd_pending", private: true, who: adminOnly, run: (*request).pending},
		{name: "status", desc: "cmd_status", private: true, group: true, who: staff, run: (*request).status},
		{name: "campaigns", desc: "cmd_campaigns", private: true, who: offices, run: (*request).campaigns},
		{name: "communes", desc: "cmd_communes", private: true, who: provinceOnly, run: (*request).communes},
		{name: "backup", desc: "cmd_backup", private: true, who: offices, run: (*request).backup},
		{name: "announce", desc: "cmd_announce", private: true, who: adminOnly, run: (*request).announce},
		{name: "units", desc: "cmd_units", private: true, who: adminOnly, run: (*request).units},
		{name: "invite", desc: "cmd_invite", private: true, who: adminOnly, run: (*request).invite},
		{name: "link", desc: "cmd_link", group: true, who: staff, run: (*request).link},
	}
}

func (e *env) findCommand(name string) (command, bool) {
	for _, c := range e.cmds {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// allowed lists the commands a role may use in private or in groups.
func (e *env) allowed(ro role, inGroup bool) []command {
	var out []command
	for _, c := range e.cmds {
		where := c.private
		if inGroup {
			where = c.group
		}
		if where && c.who(ro) {
			out = append(out, c)
		}
	}
	return out
}

// QueueMenus queues the command menus that changed since they were last
// queued: one for private chats, one for groups, in each language, plus a
// per-chat menu for each admin and each secretary, who have more commands.
// It is one transaction and no network call, so the bot starts polling at
// once; the sender publishes them in the background, and a restart
// publishes nothing that did not change.
func (b *Bot) QueueMenus(ctx context.Context) error {
	var people map[int64]role
	n := 0
	err := b.store.Update(ctx, func(tx *store.Tx) error {
		w := newWriter(b.env, tx)
		var err error
		if people, err = menuRoles(tx); err != nil {
			return err
		}
		for _, lang := range b.cat.Languages() {
			for _, m := range []struct {
				scope string
				ro    role
				group bool
			}{{store.MenuPrivate, roleGuest, false}, {store.MenuGroups, roleSecretary, true}} {
				queued, err := w.queueMenu(m.scope, 0, lang, b.allowed(m.ro, m.group))
				if err != nil {
					return err
				}
				n += queued
			}
		}
		return nil
	})
	for chunk := range slices.Chunk(slices.Sorted(maps.Keys(people)), menuChunk) {
		if err != nil {
			break
		}
		var queued int
		queued, err = b.queuePersonalMenus(ctx, chunk, people)
		n += queued
	}
	if n > 0 {
		b.log.Info("command menus queued", slog.Int("menus", n))
	}
	return err
}

// menuChunk people's menus are queued a transaction: a province's
// thousands of people at the first start would otherwise be one
// transaction holding every changed page in memory until it commits.
const menuChunk = 250

// menuRoles are the people who get a menu of their own, and their roles.
func menuRoles(tx *store.Tx) (map[int64]role, error) {
	admins, err := tx.Admins()
	if err != nil {
		return nil, err
	}
	province, err := tx.AdminsOf(0)
	if err != nil {
		return nil, err
	}
	return roles(admins, province, tx.SecretaryIDs()), nil
}

func (b *Bot) queuePersonalMenus(ctx context.Context, ids []int64, people map[int64]role) (int, error) {
	n := 0
	err := b.store.Update(ctx, func(tx *store.Tx) error {
		w := newWriter(b.env, tx)
		for _, id := range ids {
			queued, err := w.queueChatMenu(id, b.allowed(people[id], false))
			if err != nil {
				return err
			}
			n += queued
		}
		return nil
	})
	return n, err
}

// refreshMenu queues the menus of one person whose roles just changed.
func (w *writer) refreshMenu(userID int64) error {
	u, err := w.tx.User(userID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	var ro role
	w.tx.AcrossCommunes(func() error { ro = w.roleOf(u); return nil }) // their roles where they hold them, not in this update's commune
	_, err = w.queueChatMenu(userID, w.allowed(ro, false))
	return err
}

// queueChatMenu queues a person's own menu, if it changed: one list, in
// the language the bot speaks to them, for every app language (a list per
// language would be twice the calls at a province's first start, and an
// English list would show to whoever's phone is in English while the bot
// speaks Vietnamese to them).
func (w *writer) queueChatMenu(userID int64, cmds []command) (int, error) {
	return w.queueMenuIn(store.MenuChat, userID, w.langOf(userID), "", cmds)
}

// queueMenu queues a menu if it changed; it returns 1 when it did.
func (w *writer) queueMenu(scope string, chatID int64, lang string, cmds []command) (int, error) {
	code := lang
	if lang == w.cfg.DefaultLanguage {
		code = "" // the default list, for every app language
	}
	return w.queueMenuIn(scope, chatID, lang, code, cmds)
}

// queueMenuIn queues cmds described in lang, for the app language code
// ("" for all), if that list changed.
func (w *writer) queueMenuIn(scope string, chatID int64, lang, code string, cmds []command) (int, error) {
	list := make([]store.Command, len(cmds))
	for i, c := range cmds {
		list[i] = store.Command{Name: c.name, Desc: w.cat.Text(lang, c.desc, nil)}
	}
	changed, err := w.tx.MenuChanged(scope, chatID, code, list)
	if err != nil || !changed {
		return 0, err
	}
	err = w.enqueue(store.Outgoing{Kind: store.KindMenu, Scope: scope, ChatID: chatID, Lang: code,
		Commands: list, Bulk: true, Quiet: true})
	return 1, err
}

// roles merges the admins and the secretaries into each one's role set.
func roles(admins, province, secretaries []int64) map[int64]role {
	out := map[int64]role{}
	for _, id := range admins {
		out[id] |= roleAdmin
	}
	for _, id := range province {
		out[id] |= roleProvince
	}
	for _, id := range secretaries {
		out[id] |= roleSecretary
	}
	return out
}
