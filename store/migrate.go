package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// migration is one ordered schema step. Steps are never edited or reordered
// once released: a new need gets a new step at the end.
type migration struct {
	name string
	fn   func(tx *bolt.Tx) error
}

var migrations = []migration{
	{"create base buckets", createBuckets(bucketMeta, bucketUsers, bucketUpdates,
		bucketOutbox, bucketOutboxFailed, bucketConversations)},
	{"units, secretaries, invites, groups, audit", createBuckets(bucketUnits, bucketUnitNames,
		bucketSecretaries, bucketUserUnits, bucketInvites, bucketGroups, bucketAudit, bucketImports)},
	{"campaigns and registrations", createBuckets(bucketCampaigns, bucketRegistrations,
		bucketUnitRegs, bucketCounters)},
	{"reminders", createBuckets(bucketReminders)},
	{"reminder keys carry the deadline's date", dateReminderKeys},
	{"attempt markers of risky updates", createBuckets(bucketAttempts)},
	{"index of admins", indexAdmins},
	{"published command menus", createBuckets(bucketMenus)},
	{"admins from the config are marked", markConfigAdmins},
	{"communes: the records so far are the home commune's", createHomeCommune},
	{"index of registrations by campaign", indexCampaignRegs},
	{"the campaign index keeps each registration's brief", briefCampaignRegs},
	{"zips of kept evidence waiting to be built", createBuckets(bucketZipJobs)},
	{"numbered choices where a messenger has no buttons", createBuckets(bucketChoices)},
	{"briefs carry novelty, households, the standing against targets and the proposal upward", briefCampaignRegs},
	{"int64 ids of the people and chats of a messenger with ids of its own", createBuckets(bucketIdentities)},
}

// SchemaVersion is the schema this binary writes.
func SchemaVersion() int { return len(migrations) }

func createBuckets(names ...[]byte) func(*bolt.Tx) error {
	return func(tx *bolt.Tx) error {
		for _, n := range names {
			if _, err := tx.CreateBucketIfNotExists(n); err != nil {
				return fmt.Errorf("create bucket %s: %w", n, err)
			}
		}
		return nil
	}
}

// migrate applies the steps not yet applied, one transaction each, so a
// crash mid-way resumes at the step that did not commit.
func (s *Store) migrate() error {
	for {
		done, err := s.migrateStep()
		if err != nil || done {
			return err
		}
	}
}

func (s *Store) migrateStep() (done bool, err error) {
	err = s.db.Update(func(tx *bolt.Tx) error {
		meta, err := tx.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return fmt.Errorf("create meta bucket: %w", err)
		}
		v := schemaVersion(meta)
		if v > len(migrations) {
			return fmt.Errorf("schema version %d, this binary knows %d: %w", v, len(migrations), ErrNewerSchema)
		}
		if v == len(migrations) {
			done = true
			return nil
		}
		if err := migrations[v].fn(tx); err != nil {
			return fmt.Errorf("migration %d (%s): %w", v+1, migrations[v].name, err)
		}
		return meta.Put(keySchemaVersion, itob(uint64(v+1)))
	})
	return done, err
}

func schemaVersion(meta *bolt.Bucket) int {
	b := meta.Get(keySchemaVersion)
	if len(b) != 8 {
		return 0
	}
	return int(btoi(b))
}

// Version reports the schema version recorded in the file.
func (s *Store) Version() (int, error) {
	var v int
	err := s.db.View(func(tx *bolt.Tx) error {
		v = schemaVersion(tx.Bucket(bucketMeta))
		return nil
	})
	return v, err
}
