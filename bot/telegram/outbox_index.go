package telegram

import (
	"container/heap"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/dvkbot/dvkbot/store"
)

// maxChatBacklog caps what may wait for one chat: past it, new entries for
// that chat are given up (a group whose members ask the bot faster than
// Telegram lets it answer cannot fill the outbox).
const maxChatBacklog = 300

// queueIndex is the sender's picture of the outbox: a FIFO per chat, and
// the chats that have something to send in a heap ordered by when their
// first entry may go. A chat being sent to is out of the heap, so its
// later entries wait for the one on the wire.
type queueIndex struct {
	now      func() time.Time
	seq      uint64
	chats    map[int64]*chatQueue
	ready    [2]chatHeap // by lane: replies, bulk
	picks    int         // chats picked while both lanes had one due
	known    map[uint64]bool
	overflow []store.Queued
}

type chatQueue struct {
	key     int64
	items   []store.Queued
	due     time.Time
	pos     int    // index in its lane's heap; -1 when not in it
	lane    int    // the lane of its first entry: laneReply or laneBulk
	seq     uint64 // when it joined the line: ties go round-robin
	sending bool
	// removing: its head was sent and waits for its removal to commit
	// (Sender.remove); the chat is still out of line.
	removing bool
	// arrived and arrivedSeq: when the first entry queued behind the one
	// on the wire arrived, and its turn then: the chat takes that place
	// when it is back in line (finish), not the moment the removal
	// committed.
	arrived    time.Time
	arrivedSeq uint64
}

func newQueueIndex(now func() time.Time) *queueIndex {
	return &queueIndex{now: now, chats: map[int64]*chatQueue{}, known: map[uint64]bool{}}
}

// queueKey: entries of one chat keep their order; a button answer, a
// download or a command menu is its own queue and waits for nothing (a
// person's menu, queued in bulk, must not hold back the answer to what
// they just did).
func queueKey(e store.Queued) int64 {
	if !toChat(e) {
		return -(1 << 62) - int64(e.ID)
	}
	return e.ChatID
}

// push adds e at the end of its chat's queue; false when that chat's
// backlog is full (the caller gives e up).
func (x *queueIndex) push(e store.Queued) bool {
	if x.known[e.ID] {
		return true // seen at start and again from the commit
	}
	key := queueKey(e)
	q := x.chats[key]
	if q == nil {
		q = &chatQueue{key: key, pos: -1}
		x.chats[key] = q
	}
	if len(q.items) >= maxChatBacklog {
		x.overflow = append(x.overflow, e)
		return false
	}
	x.known[e.ID] = true
	at := len(q.items)
	for at > 0 && q.items[at-1].ID > e.ID && !(at == 1 && q.sending) {
		at-- // learnt from a commit before the start-up read got to it: keep id order
	}
	q.items = slices.Insert(q.items, at, e)
	switch {
	case q.sending:
		if q.arrived.IsZero() {
			x.seq++
			q.arrived, q.arrivedSeq = x.now(), x.seq
		}
	case len(q.items) == 1:
		x.line(q, e.NotBefore)
	case at == 0: // a new head: its own lane and not-before time
		heap.Remove(&x.ready[q.lane], q.pos)
		x.line(q, e.NotBefore)
	}
	return true
}

// The two lanes: replies to what a person just did go before bulk
// (reminders, digests, announcements, notices to others), but bulk is not
// starved: while both wait, every bulkEvery-th turn is bulk's. Lanes order
// chats, never one chat's own messages: a chat is in the lane of its
// first entry.
const (
	laneReply = 0
	laneBulk  = 1
	bulkEvery = 5
)

func laneOf(e store.Queued) int {
	if e.Bulk {
		return laneBulk
	}
	return laneReply
}

// peekDue returns the chat whose turn it is among those that may send at
// now: the one that waited longest in the reply lane, or in the bulk lane
// when it is bulk's turn or no reply is due.
func (x *queueIndex) peekDue(now time.Time) (*chatQueue, bool) {
	r, rok := x.dueIn(laneReply, now)
	b, bok := x.dueIn(laneBulk, now)
	switch {
	case rok && bok:
		x.picks++
		if x.picks%bulkEvery == 0 {
			return b, true
		}
		return r, true
	case rok:
		return r, true
	case bok:
		return b, true
	}
	return nil, false
}

func (x *queueIndex) dueIn(lane int, now time.Time) (*chatQueue, bool) {
	h := x.ready[lane]
	if len(h) == 0 || h[0].due.After(now) {
		return nil, false
	}
	return h[0], true
}

// dueBy counts the chats of lane that may send a message by at, stopping
// at enough: the heap is walked from its top and only below chats due by
// then, so the cost is about enough, not the backlog. A button answer's
// own queue is no chat and is not counted.
func (x *queueIndex) dueBy(lane int, at time.Time, enough int) int {
	h, n := x.ready[lane], 0
	var walk func(i int)
	walk = func(i int) {
		if i >= len(h) || n >= enough || h[i].due.After(at) {
			return
		}
		if toChat(h[i].items[0]) {
			n++
		}
		walk(2*i + 1)
		walk(2*i + 2)
	}
	walk(0)
	return n
}

// delay moves a chat's turn to at.
func (x *queueIndex) delay(q *chatQueue, at time.Time) {
	q.due = at
	heap.Fix(&x.ready[q.lane], q.pos)
}

// removing marks e's chat as waiting for the removal of its head, e.
func (x *queueIndex) removing(e store.Queued) { x.chats[queueKey(e)].removing = true }

// waitingRemoval returns the head of e's chat when the chat waits for the
// removal of its head, sent already.
func (x *queueIndex) waitingRemoval(e store.Queued) (uint64, bool) {
	q := x.chats[queueKey(e)]
	if q == nil || !q.removing {
		return 0, false
	}
	return q.items[0].ID, true
}

// startSending takes the chat out of line while its head is on the wire.
func (x *queueIndex) startSending(q *chatQueue) {
	heap.Remove(&x.ready[q.lane], q.pos)
	q.sending = true
}

// nextDue is when the first chat in either line may send (zero: none
// waits).
func (x *queueIndex) nextDue() time.Time {
	var next time.Time
	for _, h := range x.ready {
		if len(h) > 0 && (next.IsZero() || h[0].due.Before(next)) {
			next = h[0].due
		}
	}
	return next
}

// sendResult is what became of an entry on the wire: retryAt set means it
// stays at the head of its chat until then; dropped are entries the store
// gave up with it (the chat shut the bot out).
type sendResult struct {
	retryAt time.Time
	dropped []uint64
	sent    []uint64 // entries that went out with it as one message
	// delivered are the entries sent, to be removed from the outbox, and
	// file the file that was sent, to be removed after them.
	delivered []uint64
	file      string
}

// finish puts e's chat back in line after its send; false when it has
// nothing left to send.
func (x *queueIndex) finish(e store.Queued, res sendResult) bool {
	q := x.chats[queueKey(e)]
	q.sending, q.removing = false, false
	gone := map[uint64]bool{}
	for _, id := range append(res.dropped, res.sent...) {
		gone[id] = true
	}
	if res.retryAt.IsZero() {
		gone[e.ID] = true
	}
	kept := q.items[:0]
	for _, it := range q.items {
		if gone[it.ID] {
			delete(x.known, it.ID)
			continue
		}
		kept = append(kept, it)
	}
	clear(q.items[len(kept):])
	q.items = kept
	arrived, arrivedSeq := q.arrived, q.arrivedSeq
	q.arrived = time.Time{}
	switch {
	case len(q.items) == 0:
		delete(x.chats, q.key)
		return false
	case !res.retryAt.IsZero() && q.items[0].ID == e.ID:
		x.line(q, res.retryAt)
	case !arrived.IsZero() && !q.items[0].NotBefore.After(arrived):
		x.lineAt(q, arrived, arrivedSeq)
	default:
		x.line(q, q.items[0].NotBefore)
	}
	return true
}

// maxBatch is how many waiting messages of one batch may go out together.
const maxBatch = 20

// batchBehind lists the entries right behind the head that may go out
// with it as one message: of the head's batch, due at now, up to the
// first that is not or that would make the message too long for
// Telegram; none when the head must go alone. Only these are read from
// the store: long notices waiting at a chat's pace are not read again and
// again for a message they cannot join.
func (q *chatQueue) batchBehind(now time.Time, alone bool) []store.Queued {
	head := q.items[0]
	if alone || head.Batch == "" || head.Kind != store.KindMessage {
		return nil
	}
	var out []store.Queued
	size := head.Chars
	for _, e := range q.items[1:min(len(q.items), maxBatch)] {
		size += utf8.RuneCountInString(batchSeparator) + e.Chars // characters: never more than merge's UTF-16 count
		if e.Batch != head.Batch || e.Kind != store.KindMessage || e.NotBefore.After(now) || size > maxText {
			break
		}
		out = append(out, e)
	}
	return out
}

// line puts a chat in the line of its first entry's lane, to send at due,
// behind the chats already due. A chat due in the past joins at now: the
// line is ordered by when each chat became ready, so one that waited for
// its own pace is not passed for ever by chats that arrive later with
// nothing to wait for.
func (x *queueIndex) line(q *chatQueue, due time.Time) {
	if now := x.now(); due.Before(now) {
		due = now
	}
	x.seq++
	q.due, q.seq, q.lane = due, x.seq, laneOf(q.items[0])
	heap.Push(&x.ready[q.lane], q)
}

// lineAt puts a chat in line as it would have been at due, with the
// turn seq it was given then.
func (x *queueIndex) lineAt(q *chatQueue, due time.Time, seq uint64) {
	q.due, q.seq, q.lane = due, seq, laneOf(q.items[0])
	heap.Push(&x.ready[q.lane], q)
}

// takeOverflow returns the entries push refused, to be given up.
func (x *queueIndex) takeOverflow() []store.Queued {
	o := x.overflow
	x.overflow = nil
	return o
}

// chatHeap orders chats by when they may send, then by when they joined
// the line.
type chatHeap []*chatQueue

func (h chatHeap) Len() int { return len(h) }
func (h chatHeap) Less(i, j int) bool {
	if !h[i].due.Equal(h[j].due) {
		return h[i].due.Before(h[j].due)
	}
	return h[i].seq < h[j].seq
}
func (h chatHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].pos, h[j].pos = i, j
}
func (h *chatHeap) Push(v any) {
	q := v.(*chatQueue)
	q.pos = len(*h)
	*h = append(*h, q)
}
func (h *chatHeap) Pop() any {
	old := *h
	q := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	q.pos = -1
	return q
}
