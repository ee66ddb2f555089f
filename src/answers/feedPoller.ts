import { newestFirst } from '../episodes/order.js';
import type { Episode } from '../episodes/schema.js';
import type { Logger } from '../log.js';
import type { StateStore } from '../state/store.js';
import { rememberImport } from './communities.js';
import { type AnswerEngine, ReindexInProgressError } from './engine.js';

export interface FeedPollerOptions {
  /** The deployment's own feeds (`FEED_URLS`). */
  urls: readonly string[];
  /**
   * The database: the feeds servers follow are polled with `urls` (each once, however many servers
   * follow it), and every poll's outcome and the episodes a feed lists are kept there.
   */
  state?: StateStore;
  /** Minutes between polls (`FEED_POLL_MINUTES`); the first poll runs at `start()`. */
  everyMinutes: number;
  logger: Logger;
  /**
   * Called after each feed's import with the episodes it added to a feed already in the catalogue
   * (newest first). A feed's first import adds its whole back catalogue and announces nothing.
   */
  onNewEpisodes?: (episodes: Episode[], feedUrl: string) => Promise<void>;
}

/**
 * Imports the configured feeds now and then every few minutes, so new episodes arrive by themselves.
 * Each poll is one conditional GET per feed; a failed feed is logged and changes nothing; a poll
 * that meets a running rebuild leaves that feed to the next round.
 */
export class FeedPoller {
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<Episode[]> | null = null;

  constructor(
    private readonly engine: AnswerEngine,
    private readonly options: FeedPollerOptions,
  ) {}

  /** Polls at once, then every `everyMinutes` after the previous poll ended. Idempotent. */
  start(): void {
    // Without a database there is nothing to poll but FEED_URLS; with one, a server may follow a feed any time.
    if (this.timer !== null || (this.options.urls.length === 0 && !this.options.state)) return;
    const round = () => {
      this.polling = this.pollOnce().finally(() => {
        this.polling = null;
        if (this.timer !== null) this.timer = setTimeout(round, this.options.everyMinutes * 60_000);
      });
    };
    this.timer = setTimeout(round, 0);
  }

  /** Clears the timer; a poll under way finishes (its writes are atomic) and is awaited. */
  async stop(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.polling?.catch(() => undefined);
  }

  /** FEED_URLS and the followed feeds, each once; FEED_URLS alone when the database cannot be read. */
  private async feeds(): Promise<string[]> {
    const { urls, state, logger } = this.options;
    try {
      return [...new Set([...urls, ...((await state?.followedFeeds()) ?? [])])];
    } catch (err) {
      logger.warn(
        { err: (err as Error).message },
        'could not read the followed feeds; polling FEED_URLS only',
      );
      return [...urls];
    }
  }

  /** Saves a feed's poll outcome; a database that cannot keep it is logged, and the poll goes on. */
  private async remember(url: string, save: (state: StateStore) => Promise<void>): Promise<void> {
    const { state, logger } = this.options;
    if (!state) return;
    await save(state).catch((err: unknown) =>
      logger.warn({ feed: url, err: (err as Error).message }, `could not save the poll state of ${url}`),
    );
  }

  /** One round over every feed; the episodes new to feeds already known, newest first. */
  async pollOnce(): Promise<Episode[]> {
    const { logger } = this.options;
    const added: Episode[] = [];
    for (const url of await this.feeds()) {
      try {
        const report = await this.engine.importFeed(url, {
          beforeIndex: (feed) => this.remember(url, (state) => rememberImport(state, url, feed)),
        });
        const { imported, updated, unchanged, refused } = report.counts;
        logger.info(
          { feed: url, notModified: report.notModified, ...report.counts },
          report.notModified
            ? `feed ${url} not modified`
            : `feed ${url}: imported ${imported}, updated ${updated}`,
        );
        if (refused > 0) {
          const reasons = report.items
            .filter((i) => i.status === 'refused')
            .map((i) => `${i.title}: ${i.reason}`);
          logger.warn(
            { feed: url, refused: reasons },
            `feed ${url}: refused ${refused} item${refused === 1 ? '' : 's'}`,
          );
        }
        // A feed with no episode before this poll is being seeded, not growing: nothing to announce.
        if (unchanged + updated === 0) continue;
        const fresh: Episode[] = [];
        for (const item of report.items) {
          const episode = item.status === 'imported' && item.id ? this.engine.episode(item.id) : undefined;
          if (episode) fresh.push(episode);
        }
        added.push(...fresh);
        if (fresh.length && this.options.onNewEpisodes) {
          await this.options.onNewEpisodes(newestFirst(fresh), url).catch((err: unknown) => {
            logger.warn(
              { feed: url, err: (err as Error).message },
              `could not announce new episodes of ${url}`,
            );
          });
        }
      } catch (err) {
        if (err instanceof ReindexInProgressError) {
          logger.info({ feed: url }, `feed ${url} skipped: a rebuild is running; next round`);
        } else {
          const message = (err as Error).message;
          logger.warn({ feed: url, err: message }, `feed ${url} failed; the catalogue is unchanged`);
          await this.remember(url, (state) => state.recordPoll(url, { error: message }));
        }
      }
    }
    return newestFirst(added);
  }
}
