import { createHmac } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { FEED_STATE_FILE, type FeedState, type FeedStateStore, readFeedState } from '../feeds/state.js';
import type { Logger } from '../log.js';
import { type Database, type DatabaseSettings, openDatabase } from './database.js';
import type { Tables } from './schema.js';
import { deploymentSecret } from './secret.js';

/** The feeds a server follows as `/following` lists them. */
export interface FollowedFeed {
  url: string;
  show: string | null;
  episodes: number;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
}

/** What a server's questions search: only some episodes, or every episode but some. */
export type Scope = { only: ReadonlySet<string> } | { except: ReadonlySet<string> };

export type FollowOutcome = 'followed' | 'already' | { refused: string };

export interface FollowCaps {
  /** Feeds one server may follow. */
  perServer: number;
  /** Distinct feeds followed across all servers. */
  feeds: number;
}

export interface Gap {
  question: string;
  asked: number;
  lastAskedAt: string;
}

/** One line of the legacy `feedback.jsonl`, as `recordVote` wrote it before the database. */
const LegacyVote = z.object({
  time: z.string(),
  question: z.string(),
  passageId: z.string().min(1),
  vote: z.enum(['up', 'down']),
  user: z.string().regex(/^[0-9a-f]{16}$/),
});

/** What importing a legacy file did: null when it had been imported before (or does not exist). */
export interface LegacyImport {
  imported: number;
  /** Lines set aside, by line number and why. */
  skipped: { line: number; reason: string }[];
}

/** Rows per INSERT: well under SQLite's 32,766 bound parameters and PostgreSQL's 65,535. */
const ROWS_PER_INSERT = 500;

/**
 * Everything podqa remembers beyond the episodes and the index, on SQLite or PostgreSQL through one
 * query layer (Kysely). Every method is one statement or one transaction, so two processes (shards)
 * sharing the database never see half a change; the unique keys decide races (an announcement, a
 * follow), not the processes.
 */
export class StateStore {
  private constructor(
    readonly database: Database,
    private readonly secret: string,
  ) {}

  static async open(settings: DatabaseSettings & { secret?: string | undefined }): Promise<StateStore> {
    const secret = await deploymentSecret(settings.dataDir, settings.secret);
    return new StateStore(await openDatabase(settings), secret);
  }

  private get db() {
    return this.database.db;
  }

  close(): Promise<void> {
    return this.db.destroy();
  }

  // ── follows ────────────────────────────────────────────────────────────────────────────────────

  /** Adds a follow unless a cap forbids it; the caps are counted in the same transaction. */
  follow(guildId: string, feedUrl: string, caps: FollowCaps, now = new Date()): Promise<FollowOutcome> {
    return this.db.transaction().execute(async (trx) => {
      const mine = await trx
        .selectFrom('follows')
        .select('feed_url')
        .where('guild_id', '=', guildId)
        .execute();
      if (mine.some((f) => f.feed_url === feedUrl)) return 'already';
      if (mine.length >= caps.perServer)
        return { refused: `this server already follows ${mine.length} feeds, the most allowed` };
      const followed = await trx
        .selectFrom('follows')
        .select(({ fn }) => fn.count<string>('feed_url').distinct().as('feeds'))
        .executeTakeFirstOrThrow();
      const known = await trx
        .selectFrom('follows')
        .select('feed_url')
        .where('feed_url', '=', feedUrl)
        .executeTakeFirst();
      if (!known && Number(followed.feeds) >= caps.feeds)
        return { refused: `this bot already follows ${followed.feeds} feeds, the most it allows` };
      await trx
        .insertInto('follows')
        .values({ guild_id: guildId, feed_url: feedUrl, followed_at: now.toISOString() })
        .onConflict((oc) => oc.columns(['guild_id', 'feed_url']).doNothing())
        .execute();
      return 'followed';
    });
  }

  /** Removes a follow; how many servers still follow the feed. */
  async unfollow(guildId: string, feedUrl: string): Promise<{ removed: boolean; followersLeft: number }> {
    return this.db.transaction().execute(async (trx) => {
      const deleted = await trx
        .deleteFrom('follows')
        .where('guild_id', '=', guildId)
        .where('feed_url', '=', feedUrl)
        .executeTakeFirst();
      const left = await trx
        .selectFrom('follows')
        .select(({ fn }) => fn.countAll<string>().as('n'))
        .where('feed_url', '=', feedUrl)
        .executeTakeFirstOrThrow();
      return { removed: Number(deleted.numDeletedRows) > 0, followersLeft: Number(left.n) };
    });
  }

  /** A server's follows with their episode counts and poll state, by show then URL. */
  async followsOf(guildId: string): Promise<FollowedFeed[]> {
    const rows = await this.db
      .selectFrom('follows as f')
      .leftJoin('feeds as s', 's.url', 'f.feed_url')
      .select(['f.feed_url as url', 's.show', 's.last_polled_at', 's.last_success_at', 's.last_error'])
      .select((eb) =>
        eb
          .selectFrom('feed_episodes as e')
          .select(({ fn }) => fn.countAll<string>().as('n'))
          .whereRef('e.feed_url', '=', 'f.feed_url')
          .as('episodes'),
      )
      .where('f.guild_id', '=', guildId)
      .execute();
    return rows
      .map((r) => ({
        url: r.url,
        show: r.show ?? null,
        episodes: Number(r.episodes ?? 0),
        lastPolledAt: r.last_polled_at ?? null,
        lastSuccessAt: r.last_success_at ?? null,
        lastError: r.last_error ?? null,
      }))
      .sort((a, b) => (a.show ?? a.url).localeCompare(b.show ?? b.url) || a.url.localeCompare(b.url));
  }

  /** Every feed at least one server follows. */
  async followedFeeds(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('follows')
      .select('feed_url')
      .distinct()
      .orderBy('feed_url')
      .execute();
    return rows.map((r) => r.feed_url);
  }

  /**
   * What a server searches: the episodes of the feeds it follows; a server that follows none (or a
   * DM, `guildId` null) searches every episode but those that only followed feeds brought (feeds
   * not among `ownFeeds`, the deployment's FEED_URLS).
   */
  async scopeOf(guildId: string | null, ownFeeds: readonly string[]): Promise<Scope> {
    if (guildId !== null) {
      const follows = await this.db
        .selectFrom('follows')
        .select('feed_url')
        .where('guild_id', '=', guildId)
        .execute();
      if (follows.length > 0) {
        const rows = await this.db
          .selectFrom('feed_episodes')
          .select('episode_id')
          .where(
            'feed_url',
            'in',
            follows.map((f) => f.feed_url),
          )
          .execute();
        return { only: new Set(rows.map((r) => r.episode_id)) };
      }
    }
    let others = this.db.selectFrom('feed_episodes').select('episode_id');
    if (ownFeeds.length > 0) others = others.where('feed_url', 'not in', ownFeeds);
    const own = ownFeeds.length
      ? await this.db
          .selectFrom('feed_episodes')
          .select('episode_id')
          .where('feed_url', 'in', ownFeeds)
          .execute()
      : [];
    const keep = new Set(own.map((r) => r.episode_id));
    // An episode listed by a followed feed and by one of the deployment's own stays the deployment's.
    return {
      except: new Set((await others.execute()).map((r) => r.episode_id).filter((id) => !keep.has(id))),
    };
  }

  // ── feeds ──────────────────────────────────────────────────────────────────────────────────────

  /** The episodes a feed lists now (after a full fetch): replaces what it listed before. */
  async recordFeedEpisodes(feedUrl: string, episodeIds: readonly string[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('feed_episodes').where('feed_url', '=', feedUrl).execute();
      for (const chunk of chunks([...new Set(episodeIds)])) {
        await trx
          .insertInto('feed_episodes')
          .values(chunk.map((episode_id) => ({ feed_url: feedUrl, episode_id })))
          .execute();
      }
    });
  }

  /** True when the feed's episodes are known (it was imported whole at least once). */
  async hasEpisodes(feedUrl: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('feed_episodes')
      .select('episode_id')
      .where('feed_url', '=', feedUrl)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Claims a feed's first import for `owner`: true for one caller at a time, whatever the process
   * (insert-or-ignore on the primary key). A claim older than `staleMs` is of a process that died
   * mid-import and is taken over.
   */
  async claimImport(feedUrl: string, owner: string, staleMs: number, now = new Date()): Promise<boolean> {
    await this.db
      .deleteFrom('feed_imports')
      .where('url', '=', feedUrl)
      .where('claimed_at', '<', new Date(now.getTime() - staleMs).toISOString())
      .execute();
    const result = await this.db
      .insertInto('feed_imports')
      .values({ url: feedUrl, owner, claimed_at: now.toISOString() })
      .onConflict((oc) => oc.column('url').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Ends `owner`'s claim on a feed's import (another's claim is left alone). */
  async releaseImport(feedUrl: string, owner: string): Promise<void> {
    await this.db.deleteFrom('feed_imports').where('url', '=', feedUrl).where('owner', '=', owner).execute();
  }

  /** A poll's outcome: a success clears the last error, a failure keeps the last success. */
  async recordPoll(
    feedUrl: string,
    outcome: { show?: string | null; error?: string },
    now = new Date(),
  ): Promise<void> {
    const at = now.toISOString();
    const values =
      outcome.error === undefined
        ? {
            last_polled_at: at,
            last_success_at: at,
            last_error: null,
            ...(outcome.show ? { show: outcome.show } : {}),
          }
        : { last_polled_at: at, last_error: outcome.error.slice(0, 500) };
    await this.db
      .insertInto('feeds')
      .values({ url: feedUrl, ...values })
      .onConflict((oc) => oc.column('url').doUpdateSet(values))
      .execute();
  }

  /** The importer's memory (validators, downloads) kept in the `feeds` and `episode_downloads` tables. */
  feedState(): FeedStateStore {
    return {
      read: async (source) => {
        const [feed, downloads] = await Promise.all([
          this.db.selectFrom('feeds').selectAll().where('url', '=', source).executeTakeFirst(),
          this.db.selectFrom('episode_downloads').selectAll().execute(),
        ]);
        const state: FeedState = { feeds: {}, downloads: {} };
        if (feed?.imported_at)
          state.feeds[source] = {
            etag: feed.etag,
            lastModified: feed.last_modified,
            importedAt: feed.imported_at,
          };
        for (const d of downloads)
          state.downloads[d.episode_id] = { chapters: d.chapters, transcript: d.transcript };
        return state;
      },
      write: (source, state) => this.db.transaction().execute((trx) => saveFeedState(trx, source, state)),
    };
  }

  /** Imports a legacy `feeds.json` once (its validators and downloads); null when done before. */
  async importFeedStateFile(name: string, state: FeedState | null): Promise<LegacyImport | null> {
    if (state === null) return null;
    return this.once(`imported:${name}`, async (trx) => {
      await saveFeedState(trx, null, state);
      return { imported: Object.keys(state.feeds).length, skipped: [] };
    });
  }

  // ── settings and announcements ─────────────────────────────────────────────────────────────────

  async setAnnounceChannel(guildId: string, channelId: string | null): Promise<void> {
    await this.db
      .insertInto('guild_settings')
      .values({ guild_id: guildId, announce_channel_id: channelId })
      .onConflict((oc) => oc.column('guild_id').doUpdateSet({ announce_channel_id: channelId }))
      .execute();
  }

  async announceChannelOf(guildId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('guild_settings')
      .select('announce_channel_id')
      .where('guild_id', '=', guildId)
      .executeTakeFirst();
    return row?.announce_channel_id ?? null;
  }

  /** The announcement channels of the servers that follow a feed. */
  async announceChannelsFor(feedUrl: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('follows as f')
      .innerJoin('guild_settings as g', 'g.guild_id', 'f.guild_id')
      .select('g.announce_channel_id')
      .where('f.feed_url', '=', feedUrl)
      .where('g.announce_channel_id', 'is not', null)
      .execute();
    return [...new Set(rows.flatMap((r) => (r.announce_channel_id ? [r.announce_channel_id] : [])))];
  }

  /**
   * Claims the right to announce an episode in a channel: true for exactly one caller, ever, whatever
   * the process (insert-or-ignore on the primary key).
   */
  async claimAnnouncement(channelId: string, episodeId: string, now = new Date()): Promise<boolean> {
    const result = await this.db
      .insertInto('announcements')
      .values({ channel_id: channelId, episode_id: episodeId, announced_at: now.toISOString() })
      .onConflict((oc) => oc.columns(['channel_id', 'episode_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  // ── votes ──────────────────────────────────────────────────────────────────────────────────────

  /** The user as HMAC-SHA256 under the deployment's secret: the same user hashes alike, no id is kept. */
  userHash(userId: string): string {
    return createHmac('sha256', this.secret).update(userId).digest('hex');
  }

  async recordVote(
    vote: { question: string; passageId: string; vote: 'up' | 'down'; userId: string },
    now = new Date(),
  ): Promise<void> {
    await this.db
      .insertInto('votes')
      .values({
        voted_at: now.toISOString(),
        question: vote.question,
        passage_id: vote.passageId,
        vote: vote.vote,
        user_hash: this.userHash(vote.userId),
      })
      .execute();
  }

  /**
   * Imports a legacy `feedback.jsonl` once. Its users were bare SHA-256 prefixes, which cannot be
   * turned into keyed hashes: they are kept as `sha256:<prefix>`. Malformed lines are set aside by number.
   */
  async importFeedbackFile(file: string): Promise<LegacyImport | null> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    return this.once(`imported:${basename(file)}`, async (trx) => {
      const skipped: LegacyImport['skipped'] = [];
      const rows: {
        voted_at: string;
        question: string;
        passage_id: string;
        vote: 'up' | 'down';
        user_hash: string;
      }[] = [];
      text.split('\n').forEach((line, i) => {
        if (line.trim() === '') return;
        let parsed;
        try {
          parsed = LegacyVote.safeParse(JSON.parse(line));
        } catch {
          return void skipped.push({ line: i + 1, reason: 'not JSON' });
        }
        if (!parsed.success)
          return void skipped.push({
            line: i + 1,
            reason: parsed.error.issues.map((p) => `${p.path.join('.')}: ${p.message}`).join('; '),
          });
        const v = parsed.data;
        rows.push({
          voted_at: v.time,
          question: v.question,
          passage_id: v.passageId,
          vote: v.vote,
          user_hash: `sha256:${v.user}`,
        });
      });
      for (const chunk of chunks(rows)) await trx.insertInto('votes').values(chunk).execute();
      return { imported: rows.length, skipped };
    });
  }

  async votes(): Promise<
    { question: string; passageId: string; vote: 'up' | 'down'; userHash: string; votedAt: string }[]
  > {
    const rows = await this.db.selectFrom('votes').selectAll().orderBy('voted_at').execute();
    return rows.map((r) => ({
      question: r.question,
      passageId: r.passage_id,
      vote: r.vote,
      userHash: r.user_hash,
      votedAt: r.voted_at,
    }));
  }

  // ── gaps ───────────────────────────────────────────────────────────────────────────────────────

  /** Counts a question that found nothing in a server (folded, so "Foo?" and "foo ?" count once). */
  async recordGap(guildId: string, question: string, now = new Date()): Promise<void> {
    const at = now.toISOString();
    await this.db
      .insertInto('gaps')
      .values({ guild_id: guildId, question, asked: 1, first_asked_at: at, last_asked_at: at })
      .onConflict((oc) =>
        oc.columns(['guild_id', 'question']).doUpdateSet((eb) => ({
          asked: eb('gaps.asked', '+', 1),
          last_asked_at: at,
        })),
      )
      .execute();
  }

  /** A server's gaps, most asked first, then most recent. */
  async gaps(guildId: string, limit: number): Promise<Gap[]> {
    const rows = await this.db
      .selectFrom('gaps')
      .select(['question', 'asked', 'last_asked_at'])
      .where('guild_id', '=', guildId)
      .orderBy('asked', 'desc')
      .orderBy('last_asked_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ question: r.question, asked: Number(r.asked), lastAskedAt: r.last_asked_at }));
  }

  // ── meta ───────────────────────────────────────────────────────────────────────────────────────

  /** Runs `work` once ever per key: the key is written in the same transaction as the work. */
  private once(
    key: string,
    work: (trx: Transaction<Tables>) => Promise<LegacyImport>,
  ): Promise<LegacyImport | null> {
    return this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('meta')
        .values({ key, value: new Date().toISOString() })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return null;
      return work(trx);
    });
  }
}

/** Upserts the validators of `source` (every feed's when null) and the downloads, inside `trx`. */
async function saveFeedState(
  trx: Transaction<Tables>,
  source: string | null,
  state: FeedState,
): Promise<void> {
  const feeds = Object.entries(state.feeds).filter(([url]) => source === null || url === source);
  for (const [url, f] of feeds) {
    const values = { etag: f.etag, last_modified: f.lastModified, imported_at: f.importedAt };
    await trx
      .insertInto('feeds')
      .values({ url, ...values })
      .onConflict((oc) => oc.column('url').doUpdateSet(values))
      .execute();
  }
  const rows = Object.entries(state.downloads).map(([episode_id, d]) => ({ episode_id, ...d }));
  for (const chunk of chunks(rows)) {
    await trx
      .insertInto('episode_downloads')
      .values(chunk)
      .onConflict((oc) =>
        oc.column('episode_id').doUpdateSet((eb) => ({
          chapters: eb.ref('excluded.chapters'),
          transcript: eb.ref('excluded.transcript'),
        })),
      )
      .execute();
  }
}

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) out.push(rows.slice(i, i + ROWS_PER_INSERT));
  return out;
}

/**
 * Opens the database for the bot and imports, once, what the bot kept in files before it:
 * `feedback.jsonl` (votes) and `feeds.json` (the importer's validators and downloads). The files
 * stay where they are; lines set aside are logged by number.
 */
export async function openState(
  settings: DatabaseSettings & { secret?: string | undefined },
  logger: Logger,
): Promise<StateStore> {
  const state = await StateStore.open(settings);
  logger.info({ database: state.database.dialect, where: state.database.where }, 'database open');
  const legacy = [
    ['feedback.jsonl', () => state.importFeedbackFile(join(settings.dataDir, 'feedback.jsonl'))],
    [
      FEED_STATE_FILE,
      async () => state.importFeedStateFile(FEED_STATE_FILE, await readLegacyFeedState(settings.dataDir)),
    ],
  ] as const;
  for (const [file, load] of legacy) {
    const done = await load();
    if (done === null) continue;
    logger.info({ file, imported: done.imported }, `imported ${file} into the database (once)`);
    for (const { line, reason } of done.skipped)
      logger.warn({ file, line, reason }, `${file} line ${line} set aside: ${reason}`);
  }
  return state;
}

/** `feeds.json` as it is, or null when there is none. */
async function readLegacyFeedState(dataDir: string): Promise<FeedState | null> {
  try {
    await access(join(dataDir, FEED_STATE_FILE));
  } catch {
    return null;
  }
  return readFeedState(dataDir);
}
