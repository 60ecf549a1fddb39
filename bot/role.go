package bot

// role is what a user may do, decided from the store on every update.
type role int

const (
	roleGuest role = iota // anyone who is not yet in a unit
	roleAdmin             // the office: Văn phòng / Khối Dân vận Đảng ủy
)

// anyone and adminOnly are the "who" rules of commands and buttons.
func anyone(role) bool      { return true }
func adminOnly(r role) bool { return r == roleAdmin }
