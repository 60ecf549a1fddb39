package bot

// role is what a user may do, decided from the store on every update.
type role int

const (
	roleGuest     role = iota // not (yet) in any unit
	roleSecretary             // secretary (người phụ trách) of one or more units
	roleAdmin                 // the office: Văn phòng / Khối Dân vận Đảng ủy
)

// The "who" rules of commands, buttons and forms.
func anyone(role) bool          { return true }
func adminOnly(r role) bool     { return r == roleAdmin }
func secretaryOnly(r role) bool { return r == roleSecretary }
func staff(r role) bool         { return r == roleAdmin || r == roleSecretary }
