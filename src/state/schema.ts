/**
 * The tables podqa keeps in its database, the same on SQLite and PostgreSQL. Times are ISO 8601
 * text (UTC) on both, so rows read back alike whichever dialect wrote them. Episodes and the index
 * stay files: the database holds only what servers chose and what the bot must remember.
 */
export interface Tables {
  /** A server follows a feed: its episodes are what that server's questions search. */
  follows: { guild_id: string; feed_url: string; followed_at: string };
  /** Per server settings; a server with no row has every setting unset. */
  guild_settings: { guild_id: string; announce_channel_id: string | null };
  /** Poll state per feed (followed or FEED_URLS): validators of the last whole import, last outcome. */
  feeds: {
    url: string;
    /** The feed's title at its last import, or null before one. */
    show: string | null;
    etag: string | null;
    last_modified: string | null;
    /** When the feed last imported whole (its validators are then good for a conditional fetch). */
    imported_at: string | null;
    last_polled_at: string | null;
    last_success_at: string | null;
    last_error: string | null;
  };
  /**
   * A feed's first import under way, claimed by one process (`owner`, a random id per claim): the
   * primary key lets one claim win however many servers and processes follow the feed at once.
   */
  feed_imports: { url: string; owner: string; claimed_at: string };
  /** Which episodes a feed brought: the scope of the servers that follow it. */
  feed_episodes: { feed_url: string; episode_id: string };
  /** The chapters and transcript URLs an episode's files came from (not downloaded again unchanged). */
  episode_downloads: { episode_id: string; chapters: string | null; transcript: string | null };
  /** An episode announced in a channel: the primary key makes the first claim the only one. */
  announcements: { channel_id: string; episode_id: string; announced_at: string };
  /** A listener's vote; `user_hash` is HMAC-SHA256 of the user id (or `sha256:` for imported votes). */
  votes: {
    voted_at: string;
    question: string;
    passage_id: string;
    vote: 'up' | 'down';
    user_hash: string;
  };
  /** A question a server asked that found nothing, counted per distinct (folded) question. */
  gaps: {
    guild_id: string;
    question: string;
    asked: number;
    first_asked_at: string;
    last_asked_at: string;
  };
  /** One-off facts, such as which legacy files were imported. */
  meta: { key: string; value: string };
}
