package store

import (
	"fmt"
	"math"
	"time"
)

// ZipJob is a zip of kept evidence that a person asked for and that waits
// to be built and sent: what goes into it, taken in the transaction of the
// request. The zip is built after that transaction, outside any; the job
// is deleted in the transaction that queues the finished zip. One commune
// has at most one job: its key is the commune's id.
type ZipJob struct {
	ID      uint64     `json:"id"` // from a sequence: names the job's files
	Commune uint64     `json:"commune"`
	ChatID  int64      `json:"chat_id"` // where the zip goes
	UnitID  uint64     `json:"unit_id"`
	Unit    string     `json:"unit"`           // the unit's name, for the caption and the file name
	Lang    string     `json:"lang,omitempty"` // the language of the person who asked
	Files   []ZipEntry `json:"files"`
	At      time.Time  `json:"at"`
}

// ZipEntry is one file of a zip: its path inside the zip, and the kept
// copy's path under the files folder.
type ZipEntry struct {
	Name  string `json:"name"`
	Local string `json:"local"`
}

// PutZipJob records j as the commune's job, with a new ID.
func (t *Tx) PutZipJob(j ZipJob) error {
	b := t.tx.Bucket(bucketZipJobs)
	id, err := b.NextSequence()
	if err != nil {
		return fmt.Errorf("zip job sequence: %w", err)
	}
	j.ID, j.At = id, t.now
	return putJSON(b, itob(j.Commune), j)
}

// ZipJob is the commune's job waiting to be built, or ErrNotFound.
func (t *Tx) ZipJob(commune uint64) (ZipJob, error) {
	var j ZipJob
	err := getJSON(t.tx.Bucket(bucketZipJobs), itob(commune), &j)
	return j, err
}

// DeleteZipJob ends the commune's job.
func (t *Tx) DeleteZipJob(commune uint64) error {
	return t.tx.Bucket(bucketZipJobs).Delete(itob(commune))
}

// ZipJobs lists every commune's job waiting to be built, in the
// communes' order: for the bot's one builder, never for a handler.
func (t *Tx) ZipJobs() ([]ZipJob, error) {
	return listJSON[ZipJob](t.tx.Bucket(bucketZipJobs), math.MaxInt)
}
