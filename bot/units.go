package bot

import (
	"strconv"
	"strings"

	"github.com/dvkbot/dvkbot/bot/form"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// Buttons served here.
const (
	routeUnits       route = "u"  // "u:<page>": the unit list
	routeUnit        route = "ud" // "ud:<unit>": one unit
	routeUnitAdd     route = "ua" // a new unit
	routeUnitRename  route = "ur" // "ur:<unit>"
	routeUnitKind    route = "uk" // "uk:<unit>"
	routeUnitArchive route = "uh" // "uh:<unit>": archive or restore
)

var unitActions = []action{
	{route: routeUnits, private: true, who: adminOnly, run: (*request).unitsAction},
	{route: routeUnit, private: true, who: adminOnly, run: (*request).unitDetail},
	{route: routeUnitAdd, private: true, who: adminOnly, run: unitFormAction("unit_add")},
	{route: routeUnitRename, private: true, who: adminOnly, run: unitFormAction("unit_rename")},
	{route: routeUnitKind, private: true, who: adminOnly, run: unitFormAction("unit_kind")},
	{route: routeUnitArchive, private: true, who: adminOnly, run: (*request).archiveAction},
}

// unitsPerPage keeps a page of unit buttons short on a small phone.
const unitsPerPage = 8

// units is /units: the office's list of units with their status.
func (r *request) units() error {
	text, kb, err := r.unitsPage(0)
	if err != nil {
		return err
	}
	return r.reply(text, kb)
}

// unitsAction handles "u:<page>" (a page of the list, edited in place).
func (r *request) unitsAction(arg string) error {
	page, _ := strconv.Atoi(arg)
	text, kb, err := r.unitsPage(page)
	if err != nil {
		return err
	}
	return r.edit(text, kb)
}

func (r *request) unitsPage(page int) (string, [][]store.Button, error) {
	all, err := r.tx.Units(true)
	if err != nil {
		return "", nil, err
	}
	pages := max((len(all)+unitsPerPage-1)/unitsPerPage, 1)
	page = min(max(page, 0), pages-1)
	var lines []string
	var kb [][]store.Button
	for i := page * unitsPerPage; i < min(len(all), (page+1)*unitsPerPage); i++ {
		u := all[i]
		lines = append(lines, strconv.Itoa(i+1)+". "+escape(u.Name)+" — "+r.unitStatus(u))
		kb = append(kb, []store.Button{{Text: strconv.Itoa(i+1) + ". " + u.Name, Data: routeUnit.data(idArg(u.ID))}})
	}
	head := r.t("units_title", locales.Args{"Count": strconv.Itoa(len(all)),
		"Page": strconv.Itoa(page + 1), "Pages": strconv.Itoa(pages)})
	if len(all) == 0 {
		lines = append(lines, r.t("units_empty", nil))
	}
	kb = append(kb, pager(routeUnits, page, pages)...)
	kb = append(kb,
		[]store.Button{{Text: r.label("btn_unit_add"), Data: routeUnitAdd.data()}, {Text: r.label("btn_unit_import"), Data: routeImportHelp.data()}},
		[]store.Button{{Text: r.label("btn_admins"), Data: routeAdmins.data()}, {Text: r.label("btn_audit"), Data: routeAudit.data("0")}})
	return head + "\n\n" + strings.Join(lines, "\n"), kb, nil
}

// unitStatus: secretaries, group, archived, in words ("chưa có người
// phụ trách, chưa gắn nhóm"), not signs that need a legend.
func (r *request) unitStatus(u store.Unit) string {
	var parts []string
	if n := len(r.tx.Secretaries(u.ID)); n == 0 {
		parts = append(parts, r.t("unit_st_no_secretary", nil))
	} else {
		parts = append(parts, r.t("unit_st_secretaries", locales.Args{"Count": n}))
	}
	switch {
	case u.GroupChatID == 0:
		parts = append(parts, r.t("unit_st_no_group", nil))
	case u.GroupBroken != "":
		parts = append(parts, r.t("unit_st_group_broken", nil))
	default:
		parts = append(parts, r.t("unit_st_group", nil))
	}
	if u.Archived {
		parts = append(parts, r.t("unit_st_archived", nil))
	}
	return strings.Join(parts, ", ")
}

// unitDetail handles "ud:<id>".
func (r *request) unitDetail(arg string) error {
	u, err := r.unitFromArg(arg)
	if err != nil {
		return err
	}
	return r.edit(r.unitText(u, ""), r.unitButtons(u))
}

// showUnit sends the unit's card as a new message, after a note.
func (r *request) showUnit(u store.Unit, note string) error {
	return r.reply(r.unitText(u, note), r.unitButtons(u))
}

func (r *request) unitText(u store.Unit, note string) string {
	var names []string
	for _, id := range r.tx.Secretaries(u.ID) {
		names = append(names, escape(r.userName(id)))
	}
	secs := strings.Join(names, ", ")
	if secs == "" {
		secs = r.t("unit_no_secretary", nil)
	}
	text := r.t("unit_card", locales.Args{"Name": u.Name, "Kind": r.label("kind_" + u.Kind)}) +
		"\n" + r.t("unit_secretaries", nil) + " " + secs + "\n" + r.groupLine(u)
	if u.Contact != "" || u.Phone != "" {
		text += "\n" + r.t("unit_contact", locales.Args{"Contact": strings.TrimSpace(u.Contact + " " + u.Phone)})
	}
	if u.Archived {
		text += "\n" + r.t("unit_archived_note", nil)
	}
	if note != "" {
		text = note + "\n\n" + text
	}
	return text
}

func (r *request) groupLine(u store.Unit) string {
	switch {
	case u.GroupChatID == 0:
		return r.t("unit_group_none", nil)
	case u.GroupBroken != "":
		return r.t("unit_group_broken", nil)
	}
	return r.t("unit_group_ok", nil)
}

func (r *request) unitButtons(u store.Unit) [][]store.Button {
	id := idArg(u.ID)
	archive := "btn_unit_archive"
	if u.Archived {
		archive = "btn_unit_unarchive"
	}
	return [][]store.Button{
		{{Text: r.label("btn_invite"), Data: routeInvite.data(id)}},
		{{Text: r.label("btn_unit_rename"), Data: routeUnitRename.data(id)}, {Text: r.label("btn_unit_kind"), Data: routeUnitKind.data(id)}},
		{{Text: r.label("btn_secretaries"), Data: routeSecretaries.data(id)}, {Text: r.label(archive), Data: routeUnitArchive.data(id)}},
		{{Text: r.label("btn_units"), Data: routeUnits.data("0")}},
	}
}

func (r *request) unitsButton() [][]store.Button {
	return [][]store.Button{{{Text: r.label("btn_units"), Data: routeUnits.data("0")}}}
}

// unitFormAction opens a unit form: "ua" (add), "ur:<id>", "uk:<id>".
func unitFormAction(name string) func(r *request, arg string) error {
	return func(r *request, arg string) error {
		if name != "unit_add" {
			if _, err := r.unitFromArg(arg); err != nil {
				return err
			}
		}
		return r.beginForm(name, arg, r.unitAnswers(arg))
	}
}

// unitAnswers pre-fills an edit form with the unit's current values.
func (r *request) unitAnswers(arg string) map[string]string {
	u, err := r.unitFromArg(arg)
	if err != nil {
		return nil
	}
	return form.Answers(unitFields, &u)
}

// archiveAction toggles "uh:<id>": archived units keep their history but
// leave lists and reminders.
func (r *request) archiveAction(arg string) error {
	u, err := r.unitFromArg(arg)
	if err != nil {
		return err
	}
	u.Archived = !u.Archived
	if err := r.tx.PutUnit(u); err != nil {
		return err
	}
	action, toast := "unit.unarchive", "unit_unarchived"
	if u.Archived {
		action, toast = "unit.archive", "unit_archived"
	}
	if err := r.tx.Audit(r.user.ID, action, u.Name); err != nil {
		return err
	}
	if err := r.answer(r.label(toast), false); err != nil {
		return err
	}
	return r.edit(r.unitText(u, ""), r.unitButtons(u))
}
