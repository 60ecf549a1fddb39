package form

import "strings"

// Op is what a form's button does; its data (after the host's route) is
// "<nonce>:<op>:<step>:<arg>".
type Op string

const (
	OpChoose  Op = "c" // pick option <arg>
	OpToggle  Op = "t" // tick or untick option "<i>=<1|0>"
	OpDone    Op = "o" // "Xong": end a Multi or Files step
	OpBack    Op = "b" // "Quay lại"
	OpSkip    Op = "s" // "Bỏ qua"
	OpKeep    Op = "g" // "Giữ nguyên"
	OpEdit    Op = "e" // change answer <arg> from the review
	OpSubmit  Op = "k" // the review's final button
	OpCancel  Op = "x" // leave, keeping the draft
	OpResume  Op = "r" // go on with a draft
	OpDiscard Op = "d" // drop a draft
)

// OpOf is the operation of a form button's data (after the host's
// route), or "" for data that is not a form's.
func OpOf(payload string) Op {
	parts := strings.SplitN(payload, ":", 4)
	if len(parts) != 4 {
		return ""
	}
	return Op(parts[1])
}

// Moves reports whether op only moves about the form (back, skip, keep,
// cancel), so that a step whose buttons all move asks for a typed answer.
func (op Op) Moves() bool {
	switch op {
	case OpBack, OpSkip, OpKeep, OpCancel:
		return true
	}
	return false
}
