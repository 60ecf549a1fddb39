package store

import (
	"bytes"
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// A registration's brief is what counting it needs: ids, number, status,
// lateness, the model's name, kind and field, the results' figures and
// lateness, the evaluation's outcome and level; and what the level above
// acts on (issue 27): the model's novelty, the results' people and
// households apart and their standing against the targets, and whether
// the Đảng ủy proposes the model upward. The campaign index
// (bucketCampaignRegs) keeps it as the value beside the registration's
// key, written in the same transaction as the record (putRegistration),
// so that a report reads a campaign's briefs alone: it neither looks up
// nor decodes the records (texts, history, evidence, times).
//
// Encoding, after a version byte: the ids as uvarints (id, campaign,
// unit, commune, carried from), a byte of flags, the number, the model's
// name, kind, field and novelty and the status as strings (a uvarint
// length, then the bytes); with results, people, households and money as
// varints and the measures and the standing against the targets as
// strings; with an evaluation, its outcome and level (the proposal upward
// is a flag). Version 1 had no novelty, households, standing nor proposal;
// a migration rewrote every brief as version 2. A brief is read
// 15,000 times for one 5,000-unit /report; read so rather than as JSON,
// that read took about a fifth less time (docs/BENCHMARKS.md).
const briefVersion = 2

const (
	briefLate = 1 << iota
	briefResults
	briefResultsLate
	briefEvaluation
	briefProposeHigher
)

// putBrief writes r's brief into the campaign index.
func putBrief(idx *bolt.Bucket, r Registration) error {
	key := pairKey(int64(r.CampaignID), int64(r.ID))
	if err := idx.Put(key, appendBrief(nil, r)); err != nil {
		return fmt.Errorf("put %x: %w", key, err)
	}
	return nil
}

func appendBrief(b []byte, r Registration) []byte {
	b = append(b, briefVersion)
	for _, n := range []uint64{r.ID, r.CampaignID, r.UnitID, r.Commune, r.CarriedFrom} {
		b = binary.AppendUvarint(b, n)
	}
	b = append(b, briefFlags(r))
	for _, s := range []string{r.Number, r.Model.Name, r.Model.Kind, r.Model.Field, r.Model.Novelty, r.Status} {
		b = appendString(b, s)
	}
	if res := r.Results; res != nil {
		b = binary.AppendVarint(binary.AppendVarint(binary.AppendVarint(b, res.People), res.Households), res.Money)
		b = appendString(appendString(b, res.Measures), res.Against)
	}
	if ev := r.Evaluation; ev != nil {
		b = appendString(appendString(b, ev.Outcome), ev.Level)
	}
	return b
}

func briefFlags(r Registration) byte {
	var f byte
	if r.Late {
		f |= briefLate
	}
	if r.Results != nil {
		f |= briefResults
		if r.Results.Late {
			f |= briefResultsLate
		}
	}
	if r.Evaluation != nil {
		f |= briefEvaluation
		if r.Evaluation.ProposeHigher {
			f |= briefProposeHigher
		}
	}
	return f
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// readBrief decodes a brief into a Registration that holds just that.
// Words from a small vocabulary (kind, field, status, outcome, level) are
// shared through words rather than copied for every registration.
func readBrief(k, v []byte, words map[string]string) (Registration, error) {
	d := briefReader{b: v, words: words}
	if d.byte() != briefVersion {
		return Registration{}, fmt.Errorf("brief %x: %w", k, ErrDamaged)
	}
	var r Registration
	r.ID, r.CampaignID, r.UnitID, r.Commune, r.CarriedFrom = d.uint(), d.uint(), d.uint(), d.uint(), d.uint()
	flags := d.byte()
	if flags&^(briefLate|briefResults|briefResultsLate|briefEvaluation|briefProposeHigher) != 0 || (flags&briefProposeHigher != 0 && flags&briefEvaluation == 0) {
		d.fail() // a flag this version does not write
	}
	r.Late = flags&briefLate != 0
	r.Number, r.Model.Name, r.Model.Kind, r.Model.Field, r.Model.Novelty, r.Status = d.str(), d.str(), d.word(), d.word(), d.word(), d.word()
	if flags&briefResults != 0 {
		r.Results = &Results{People: d.int(), Households: d.int(), Money: d.int(), Late: flags&briefResultsLate != 0}
		r.Results.Measures, r.Results.Against = d.str(), d.word()
	}
	if flags&briefEvaluation != 0 {
		r.Evaluation = &Evaluation{Outcome: d.word(), Level: d.word(), ProposeHigher: flags&briefProposeHigher != 0}
	}
	if d.err != nil || len(d.b) != 0 || (k != nil && !bytes.Equal(k, pairKey(int64(r.CampaignID), int64(r.ID)))) {
		return Registration{}, fmt.Errorf("brief %x: %w", k, ErrDamaged) // or another's brief under this key
	}
	return r, nil
}

// briefReader reads a brief's fields in order; the first short or bad
// field sets err, and everything after it reads as zero.
type briefReader struct {
	b     []byte
	words map[string]string
	err   error
}

func (d *briefReader) fail() { d.b, d.err = nil, ErrDamaged }

func (d *briefReader) byte() byte {
	if len(d.b) == 0 {
		d.fail()
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *briefReader) uint() uint64 { return varint(d, binary.Uvarint) }

func (d *briefReader) int() int64 { return varint(d, binary.Varint) }

// varint reads the next number with read (binary.Uvarint or Varint).
func varint[T uint64 | int64](d *briefReader, read func([]byte) (T, int)) T {
	n, size := read(d.b)
	if size <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[size:]
	return n
}

// bytes is the next string's bytes, still in bbolt's memory.
func (d *briefReader) bytes() []byte {
	n := d.uint()
	if n > uint64(len(d.b)) {
		d.fail()
		return nil
	}
	s := d.b[:n]
	d.b = d.b[n:]
	return s
}

func (d *briefReader) str() string { return string(d.bytes()) }

// word is str, shared with every other brief of the same word.
func (d *briefReader) word() string {
	raw := d.bytes()
	if w, ok := d.words[string(raw)]; ok {
		return w
	}
	w := string(raw)
	d.words[w] = w
	return w
}

// RegistrationsBrief lists a campaign's registrations, as Registrations
// does, each holding only its brief (see above): for counting, never to
// show or save.
func (t *Tx) RegistrationsBrief(campaignID uint64) ([]Registration, error) {
	c := t.tx.Bucket(bucketCampaignRegs).Cursor()
	prefix := idKey(int64(campaignID))
	n := 0
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		n++ // keys only: the slice is made once
	}
	out, words := make([]Registration, 0, n), map[string]string{}
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		r, err := readBrief(k, v, words)
		if err != nil {
			return nil, err
		}
		if r.Commune = ownerOf(r.Commune); t.sees(r.Commune) {
			out = append(out, r)
		}
	}
	return out, nil
}

// briefCampaignRegs is the migration that keeps each registration's brief
// in the campaign index.
func briefCampaignRegs(tx *bolt.Tx) error {
	idx := tx.Bucket(bucketCampaignRegs)
	return tx.Bucket(bucketRegistrations).ForEach(func(k, v []byte) error {
		r, err := decodeRegistration(k, v)
		if err != nil {
			return err
		}
		r.ID = btoi(k) // the key the first index migration used
		return putBrief(idx, r)
	})
}
