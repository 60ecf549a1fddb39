package store

// The bucket map. Keys are big-endian so that bbolt's byte order is numeric
// order; records are JSON so that a field added later decodes from old
// files (missing fields get zero values) and unknown fields are ignored.
// (The one binary value is an index's: the brief in campaign_regs, with a
// version byte, rewritten from the records by a migration if it changes.)
//
//	meta          "schema_version" -> uint64 (big-endian): migrations applied
//	users         itob(telegram user id) -> User
//	updates       itob(update_id) -> handled at (unix seconds, big-endian);
//	              pruned after UpdateRetention, see PruneUpdates
//	outbox        itob(sequence) -> Outgoing: queued sends, FIFO
//	outbox_failed itob(sequence) -> Outgoing: sends Telegram refused for good
//	conversations pairKey(chat id, user id) -> Conversation: an open form
//	units         itob(unit id) -> Unit
//	unit_names    lower-case NFC name -> itob(unit id): one unit per name
//	secretaries   pairKey(unit id, user id) -> Membership
//	user_units    pairKey(user id, unit id) -> empty: a user's units
//	invites       code -> Invite
//	groups        idKey(chat id) -> itob(unit id): one group, one unit
//	audit         itob(sequence) -> AuditEntry
//	imports       idKey(user id) -> ImportPlan: a unit file waiting for "import"
//	campaigns     itob(campaign id) -> Campaign
//	registrations itob(registration id) -> Registration
//	unit_regs     pairKey(unit id, registration id) -> empty: a unit's models
//	campaign_regs pairKey(campaign id, registration id) -> the brief (brief.go): a campaign's
//	counters      name -> uint64: gap-free numbers (registrations per year)
//	reminders     ReminderKey: "c<campaign>/u<unit>/<kind>/<deadline date>/<days>"
//	              -> queued at (unix); "digest/<year>-W<week>" for the digest
//	attempts      itob(update_id) -> started at (unix): risky work under way
//	admins        idKey(user id) -> empty: index of users with Admin set
//	menus         "<scope>/<chat>/<lang>" -> SHA-256 of the command menu last queued
//	communes      itob(commune id) -> Commune; 1 is the home commune
//	commune_codes code -> itob(commune id): one commune per code
//	zip_jobs      itob(commune id) -> ZipJob: a zip of kept evidence waiting to be built
//	choices       pairKey(chat id, user id) -> Choices: the numbered buttons last shown
//	              where a messenger has no buttons (user 0: anyone in the group)
//	identities    a messenger's own ids (Zalo's strings) <-> our int64 ids (identity.go)
//
// Since communes, unit_names keys are itob(commune id) + the name, and the
// admins index maps a user to itob(commune id) of their admin role, or to
// itob(0) for the province's office.
var (
	bucketMeta          = []byte("meta")
	bucketUsers         = []byte("users")
	bucketUpdates       = []byte("updates")
	bucketOutbox        = []byte("outbox")
	bucketOutboxFailed  = []byte("outbox_failed")
	bucketAttempts      = []byte("attempts")
	bucketAdmins        = []byte("admins")
	bucketMenus         = []byte("menus")
	bucketConversations = []byte("conversations")
	bucketUnits         = []byte("units")
	bucketUnitNames     = []byte("unit_names")
	bucketSecretaries   = []byte("secretaries")
	bucketUserUnits     = []byte("user_units")
	bucketInvites       = []byte("invites")
	bucketGroups        = []byte("groups")
	bucketAudit         = []byte("audit")
	bucketImports       = []byte("imports")
	bucketCampaigns     = []byte("campaigns")
	bucketRegistrations = []byte("registrations")
	bucketUnitRegs      = []byte("unit_regs")
	bucketCampaignRegs  = []byte("campaign_regs")
	bucketCounters      = []byte("counters")
	bucketReminders     = []byte("reminders")
	bucketCommunes      = []byte("communes")
	bucketCommuneCodes  = []byte("commune_codes")
	bucketZipJobs       = []byte("zip_jobs")
	bucketChoices       = []byte("choices")
	bucketIdentities    = []byte("identities")

	keySchemaVersion = []byte("schema_version")
)
