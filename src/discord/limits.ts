/** Discord's limits, as contracts this bot keeps (https://discord.com/developers/docs). */
export const LIMITS = {
  /** An interaction must be acknowledged (reply or defer) within this time. */
  acknowledgeMs: 3_000,
  /** An interaction's token (edits, follow-ups, buttons on its reply) lives this long. */
  interactionTokenMs: 15 * 60_000,
  messageContent: 2_000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4_096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1_024,
  embedFooter: 2_048,
  embedAuthorName: 256,
  /** All text of all embeds of one message together. */
  embedTotal: 6_000,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** The bot's own bounds. */
export const BOUNDS = {
  /** /ask's results option. */
  maxResults: 10,
  defaultResults: 3,
  /** /reindex attachments: larger ones are refused before (or while) downloading. */
  attachmentBytes: 2 * 1024 * 1024,
  /** Per user, at most this many /ask in the window... */
  askPerWindow: 5,
  askWindowMs: 30_000,
  /** Episodes per page of /episode's list. */
  episodesPerPage: 10,
  /** /reindex's feed option: a URL, as long as browsers accept. */
  feedUrlChars: 2000,
  /** Episode cards posted to ANNOUNCE_CHANNEL_ID per poll; a feed that adds more at once is summed up. */
  announcementsPerPoll: 5,
} as const;

/** Discord's upload limit for a message's files where the server has no boost (10 MB). */
export const UPLOAD_BYTES = 10_000_000;
