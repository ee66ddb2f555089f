import { randomUUID } from 'node:crypto';
import type { Config } from '../config.js';
import type { Episode } from '../episodes/schema.js';
import type { Logger } from '../log.js';
import {
  type FollowCaps,
  type FollowedFeed,
  type Gap,
  type Scope,
  type StateStore,
  openState,
} from '../state/store.js';
import { MAX_QUESTION_CHARS } from '../text/question.js';
import { type AnswerEngine, FeedError, ReindexInProgressError } from './engine.js';
import type { Publisher } from './follower.js';
import type { EpisodeLibrary } from './library.js';
import type { FollowedImport, ImportReport } from './schema.js';
import type { FeedImport } from '../feeds/report.js';

/**
 * What each community (a Discord server) chose and asked, kept in the database: the feeds it follows
 * and so the episodes its questions search, its announcement channel, and the questions that found
 * nothing. The bot is a thin adapter over this; nothing here knows Discord.
 */

// What the adapters need of the database, reached through answers/ like the rest of the domain.
export { type FollowedFeed, type StateStore, openState } from '../state/store.js';

/** Opens the database the configuration names: PostgreSQL at DATABASE_URL, else SQLite in DATA_DIR. */
export function openStateOf(config: Config, logger: Logger): Promise<StateStore> {
  return openState(
    { dataDir: config.DATA_DIR, databaseUrl: config.DATABASE_URL, secret: config.USER_HASH_SECRET },
    logger,
  );
}

export interface CommunitiesOptions {
  library: EpisodeLibrary;
  state: StateStore;
  caps: FollowCaps;
  /** The deployment's own feeds (`FEED_URLS`): their episodes are every non-following server's. */
  ownFeeds: readonly string[];
  logger: Logger;
  /**
   * How long a server's scope is reused before it is read again. Short, so that a follow made in
   * another process (a shard) takes effect here within seconds. Default 2 s.
   */
  scopeTtlMs?: number;
  /** How long /follow waits for a running rebuild before leaving the import to the next poll. Default 30 s. */
  busyWaitMs?: number;
  /** Wraps each engine handed out (the metrics observer), so scoped questions are measured too. */
  present?: (engine: AnswerEngine) => AnswerEngine;
  /**
   * Who rebuilds, imports and keeps uploads for the engines handed out: the library itself (default),
   * or in a shard the process that publishes (a `FollowerEngine`).
   */
  publisher?: Publisher;
}

export type FollowReport =
  | { status: 'followed'; show: string | null; episodes: number; imported: ImportReport | null }
  /** Followed, but a rebuild kept the import from running now: the next poll brings the episodes. */
  | { status: 'queued' }
  | { status: 'already' }
  | { status: 'refused'; reason: string };

export type UnfollowReport =
  { status: 'unfollowed'; show: string | null; lastFollower: boolean } | { status: 'not-following' };

/** A question as it is counted among the gaps: trimmed, single-spaced, lower case, bounded. */
export function gapKey(question: string): string {
  return question.trim().replace(/\s+/g, ' ').toLowerCase().slice(0, MAX_QUESTION_CHARS);
}

/** The episode ids a whole (not 304) import found in a feed. */
export function episodeIdsOf(report: FeedImport): string[] {
  return report.items.flatMap((i) => (i.status !== 'refused' && i.id !== null ? [i.id] : []));
}

/**
 * Keeps what an import learned: the feed's show and last success, and (after a whole fetch) the
 * episodes it lists, which are the scope of the servers that follow it.
 */
export async function rememberImport(state: StateStore, url: string, report: FeedImport): Promise<void> {
  if (!report.notModified) await state.recordFeedEpisodes(url, episodeIdsOf(report));
  await state.recordPoll(url, { show: report.show });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * How long a scope read may take: a question must be answered within Discord's 3 s, so a database
 * that does not answer (a server gone, a connection timing out) is given up on well before.
 */
const SCOPE_READ_MS = 1_000;

/**
 * A claim on a feed's first import older than this is of a process that died mid-import: an import
 * is bounded by the fetch limits and one rebuild, far under it.
 */
const IMPORT_CLAIM_STALE_MS = 10 * 60_000;
/** How often a follow waiting for another process's import of its feed looks again. */
const CLAIM_RETRY_MS = 250;

/** `work`, or a rejection after `ms`. */
async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the database did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

export class Communities {
  /** Scopes read lately, with the catalogue they were read for (`library.episodes()`). */
  private readonly scopes = new Map<string, { at: number; of: unknown; scope: Scope }>();
  /** Imports under way here by URL: two servers following one new feed at once share one import. */
  private readonly importing = new Map<string, Promise<FollowedImport>>();

  constructor(private readonly options: CommunitiesOptions) {}

  /** The communities of a deployment, with the caps and FEED_URLS of its configuration. */
  static fromConfig(
    config: Config,
    library: EpisodeLibrary,
    state: StateStore,
    logger: Logger,
    more: Pick<CommunitiesOptions, 'present' | 'publisher'> = {},
  ): Communities {
    return new Communities({
      library,
      state,
      caps: { perServer: config.MAX_FOLLOWS_PER_SERVER, feeds: config.MAX_FOLLOWED_FEEDS },
      ownFeeds: config.FEED_URLS,
      logger,
      ...more,
    });
  }

  /** The database it keeps its choices in (the feed poller keeps its outcomes there too). */
  get state(): StateStore {
    return this.options.state;
  }

  /**
   * The engine as a server (or a DM, `guildId` null) sees it. When the database cannot be read, the
   * last scope read is used however old, or the whole catalogue before any: answering goes on.
   */
  async engineFor(guildId: string | null): Promise<AnswerEngine> {
    const { present = (engine: AnswerEngine) => engine } = this.options;
    return present(await this.scopedEngine(guildId));
  }

  private async scopedEngine(guildId: string | null): Promise<AnswerEngine> {
    const { library, state, ownFeeds, logger, scopeTtlMs = 2_000 } = this.options;
    const key = guildId ?? '';
    const cached = this.scopes.get(key);
    // A scope read before the library swapped to a newer index (one this process built, or one
    // another published and this shard adopted) may miss the feeds it brought: it is read again.
    const catalogue = library.episodes();
    if (cached && cached.of === catalogue && performance.now() - cached.at < scopeTtlMs)
      return this.scoped(cached.scope);
    try {
      const scope = await within(SCOPE_READ_MS, state.scopeOf(guildId, ownFeeds));
      this.scopes.set(key, { at: performance.now(), of: catalogue, scope });
      return this.scoped(scope);
    } catch (err) {
      logger.warn(
        { err: (err as Error).message, guild: guildId },
        'could not read the server’s scope from the database',
      );
      return cached ? this.scoped(cached.scope) : this.scoped(null);
    }
  }

  /** The library within a scope (the whole of it for null), its writes going to the publisher. */
  private scoped(scope: Scope | null): AnswerEngine {
    const { library, publisher } = this.options;
    const writer: Pick<AnswerEngine, 'reindex' | 'addSource' | 'importFeed'> = publisher ?? library;
    const reading = scope ? library.within(scope) : library;
    return {
      ask: (...args) => reading.ask(...args),
      episodes: () => reading.episodes(),
      episode: (id) => reading.episode(id),
      timeline: (...args) => reading.timeline(...args),
      related: (...args) => reading.related(...args),
      episodesWith: (name) => reading.episodesWith(name),
      facts: () => reading.facts(),
      recordVote: (vote) => library.recordVote(vote),
      reindex: () => writer.reindex(),
      addSource: (upload) => writer.addSource(upload),
      importFeed: (...args) => writer.importFeed(...args),
    };
  }

  /**
   * Follows a feed for a server within the caps. A feed whose episodes are not known yet is imported
   * now (every fetch under the importer's rules: no private addresses, size and time limits); a feed
   * that cannot be imported is not followed.
   */
  async follow(guildId: string, url: string): Promise<FollowReport> {
    const { state, caps } = this.options;
    const outcome = await state.follow(guildId, url, caps);
    if (outcome === 'already') return { status: 'already' };
    if (outcome !== 'followed') return { status: 'refused', reason: outcome.refused };
    this.scopes.delete(guildId);
    if (await state.hasEpisodes(url)) {
      const feed = (await state.followsOf(guildId)).find((f) => f.url === url);
      return { status: 'followed', show: feed?.show ?? null, episodes: feed?.episodes ?? 0, imported: null };
    }
    const { publisher } = this.options;
    let imported: FollowedImport;
    try {
      // In a shard, the process that publishes imports (and claims) it; here, this one.
      imported = await (publisher ? publisher.importFollowed(url) : this.importFollowed(url));
    } catch (err) {
      await state.unfollow(guildId, url);
      if (err instanceof FeedError) return { status: 'refused', reason: err.message };
      throw err;
    }
    // A question asked here while the import ran may have cached a scope read between the index's
    // publication and the recording of the feed's episodes: this server's next question reads anew.
    this.scopes.delete(guildId);
    if (imported === 'busy') return { status: 'queued' };
    if (imported === 'elsewhere') {
      const feed = (await state.followsOf(guildId)).find((f) => f.url === url);
      return { status: 'followed', show: feed?.show ?? null, episodes: feed?.episodes ?? 0, imported: null };
    }
    return { status: 'followed', show: imported.show, episodes: episodeIdsOf(imported).length, imported };
  }

  /**
   * Imports a newly followed feed once, however many servers follow it at the same moment and in
   * however many processes: the import is claimed in the database, one claim wins, and the others
   * wait for the winner's claim to end and then find its outcome there (`elsewhere`). A winner that
   * failed leaves no episodes, so the next claimant tries the feed itself (and says why it failed).
   */
  importFollowed(url: string): Promise<FollowedImport> {
    const running = this.importing.get(url);
    if (running) return running;
    const { library, state, busyWaitMs = 30_000 } = this.options;
    const owner = randomUUID();
    const work = (async (): Promise<FollowedImport> => {
      const until = performance.now() + busyWaitMs;
      for (;;) {
        if (await state.claimImport(url, owner, IMPORT_CLAIM_STALE_MS)) {
          try {
            if (await state.hasEpisodes(url)) return 'elsewhere';
            // `fresh`: the feed may be known with validators (FEED_URLS, /reindex feed:) and its
            // episodes still unlisted: a 304 would teach nothing.
            return await library.importFeed(url, {
              fresh: true,
              beforeIndex: (feed) => rememberImport(state, url, feed),
            });
          } catch (err) {
            if (!(err instanceof ReindexInProgressError)) throw err;
          } finally {
            await state.releaseImport(url, owner);
          }
        }
        // A rebuild here, or another process's import of this feed: wait for it, within bounds.
        if (performance.now() > until) return 'busy';
        await sleep(CLAIM_RETRY_MS);
      }
    })().finally(() => this.importing.delete(url));
    this.importing.set(url, work);
    return work;
  }

  /**
   * Stops following. When the last server unfollows a feed it is no longer fetched; its episode
   * files stay (out of every server's answers), so following it again is immediate.
   */
  async unfollow(guildId: string, url: string): Promise<UnfollowReport> {
    const { state } = this.options;
    const show = (await state.followsOf(guildId)).find((f) => f.url === url)?.show ?? null;
    const { removed, followersLeft } = await state.unfollow(guildId, url);
    this.scopes.delete(guildId);
    return removed
      ? { status: 'unfollowed', show, lastFollower: followersLeft === 0 }
      : { status: 'not-following' };
  }

  following(guildId: string): Promise<FollowedFeed[]> {
    return this.options.state.followsOf(guildId);
  }

  setAnnounceChannel(guildId: string, channelId: string | null): Promise<void> {
    return this.options.state.setAnnounceChannel(guildId, channelId);
  }

  announceChannelOf(guildId: string): Promise<string | null> {
    return this.options.state.announceChannelOf(guildId);
  }

  gaps(guildId: string, limit: number): Promise<Gap[]> {
    return this.options.state.gaps(guildId, limit);
  }

  /** Counts a question that found nothing; false (and logged) when the database could not keep it. */
  async recordGap(guildId: string, question: string): Promise<boolean> {
    const key = gapKey(question);
    if (key === '') return true;
    try {
      await this.options.state.recordGap(guildId, key);
      return true;
    } catch (err) {
      this.options.logger.warn(
        { err: (err as Error).message, guild: guildId },
        'could not save an unanswered question',
      );
      return false;
    }
  }

  /**
   * Where a feed's new episodes go: the announcement channels of the servers that follow it, and
   * `ownChannel` for the deployment's own feeds. Each (channel, episode) is claimed in the database
   * first, so it is posted once across restarts and processes; a claim that cannot be made is not
   * posted (never twice beats possibly twice).
   */
  async announcements(
    feedUrl: string,
    episodes: readonly Episode[],
    ownChannel: string | undefined,
  ): Promise<{ channelId: string; episodes: Episode[] }[]> {
    const { state, ownFeeds, logger } = this.options;
    // New episodes change every scope holding their feed: read them again, rather than hide the
    // episode being announced from the servers it is announced to until the cache expires.
    this.scopes.clear();
    try {
      const channels = new Set(await state.announceChannelsFor(feedUrl));
      if (ownChannel && ownFeeds.includes(feedUrl)) channels.add(ownChannel);
      const out: { channelId: string; episodes: Episode[] }[] = [];
      for (const channelId of channels) {
        const claimed: Episode[] = [];
        for (const episode of episodes)
          if (await state.claimAnnouncement(channelId, episode.id)) claimed.push(episode);
        if (claimed.length) out.push({ channelId, episodes: claimed });
      }
      return out;
    } catch (err) {
      logger.warn(
        { err: (err as Error).message, feed: feedUrl },
        'could not claim announcements in the database; none posted',
      );
      return [];
    }
  }
}
