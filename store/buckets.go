package store

// The bucket map. Keys are big-endian so that bbolt's byte order is numeric
// order; values are JSON so that a field added later decodes from old files
// (missing fields get zero values) and unknown fields are ignored.
//
//	meta          "schema_version" -> uint64 (big-endian): migrations applied
//	users         itob(telegram user id) -> User
//	updates       itob(update_id) -> handled at (unix seconds, big-endian);
//	              pruned after UpdateRetention, see PruneUpdates
//	outbox        itob(sequence) -> Outgoing: queued sends, FIFO
//	outbox_failed itob(sequence) -> Outgoing: sends Telegram refused for good
//	conversations ctob(chat id, user id) -> Conversation: an open form
var (
	bucketMeta          = []byte("meta")
	bucketUsers         = []byte("users")
	bucketUpdates       = []byte("updates")
	bucketOutbox        = []byte("outbox")
	bucketOutboxFailed  = []byte("outbox_failed")
	bucketConversations = []byte("conversations")

	keySchemaVersion = []byte("schema_version")
)
