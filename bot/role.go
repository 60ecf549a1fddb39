package bot

// role is what a user may do, decided from the store on every update. It
// is a set: one person can be an admin of the office and the secretary of
// a unit at once.
type role int

const (
	roleGuest          role = 0         // not (yet) in any unit
	roleSecretary      role = 1 << iota // secretary (người phụ trách) of one or more units
	roleAdmin                           // the office: Văn phòng / Khối Dân vận Đảng ủy
	roleViewer                          // read-only: Thường trực Đảng ủy, Ủy ban kiểm tra
	roleProvince                        // the province's office: Ban Dân vận Tỉnh ủy
	roleProvinceViewer                  // the province's leadership, read-only
)

func (r role) is(x role) bool { return r&x != 0 }

// The "who" rules of commands, buttons and forms.
func anyone(role) bool          { return true }
func adminOnly(r role) bool     { return r.is(roleAdmin) }
func secretaryOnly(r role) bool { return r.is(roleSecretary) }
func staff(r role) bool         { return r.is(roleSecretary | roleAdmin) }

// readers see reports, workbooks and model files: the office and the
// read-only role, who change nothing, and the province's, over every
// commune.
func readers(r role) bool { return r.is(roleAdmin | roleViewer | roleProvince | roleProvinceViewer) }

// offices: a commune's office, or the province's.
func offices(r role) bool { return r.is(roleAdmin | roleProvince) }

// provinceOnly: the province's office, which creates communes and
// launches campaigns for them.
func provinceOnly(r role) bool { return r.is(roleProvince) }

// seers are those who may see a unit's models: its secretaries (their
// own), the office and the read-only role.
func seers(r role) bool { return r.is(roleSecretary | roleAdmin | roleViewer) }
