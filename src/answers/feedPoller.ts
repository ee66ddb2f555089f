import { newestFirst } from '../episodes/order.js';
import type { Episode } from '../episodes/schema.js';
import type { Logger } from '../log.js';
import { type AnswerEngine, ReindexInProgressError } from './engine.js';

export interface FeedPollerOptions {
  /** The feeds to import (`FEED_URLS`). */
  urls: readonly string[];
  /** Minutes between polls (`FEED_POLL_MINUTES`); the first poll runs at `start()`. */
  everyMinutes: number;
  logger: Logger;
  /**
   * Called after a poll with the episodes it added to feeds already in the catalogue (newest first).
   * A feed's first import adds its whole back catalogue and announces nothing.
   */
  onNewEpisodes?: (episodes: Episode[]) => Promise<void>;
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
    if (this.timer !== null || this.options.urls.length === 0) return;
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

  /** One round over every feed; the episodes new to feeds already known, newest first. */
  async pollOnce(): Promise<Episode[]> {
    const { logger } = this.options;
    const added: Episode[] = [];
    for (const url of this.options.urls) {
      try {
        const report = await this.engine.importFeed(url);
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
        for (const item of report.items) {
          const episode = item.status === 'imported' && item.id ? this.engine.episode(item.id) : undefined;
          if (episode) added.push(episode);
        }
      } catch (err) {
        if (err instanceof ReindexInProgressError) {
          logger.info({ feed: url }, `feed ${url} skipped: a rebuild is running; next round`);
        } else {
          logger.warn(
            { feed: url, err: (err as Error).message },
            `feed ${url} failed; the catalogue is unchanged`,
          );
        }
      }
    }
    const newest = newestFirst(added);
    if (newest.length && this.options.onNewEpisodes) {
      await this.options.onNewEpisodes(newest).catch((err: unknown) => {
        logger.warn({ err: (err as Error).message }, 'could not announce new episodes');
      });
    }
    return newest;
  }
}
