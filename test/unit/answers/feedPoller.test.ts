import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type AnswerEngine,
  type EngineImportOptions,
  ReindexInProgressError,
} from '../../../src/answers/engine.js';
import { FeedPoller } from '../../../src/answers/feedPoller.js';
import type { ImportReport } from '../../../src/answers/schema.js';
import type { Episode } from '../../../src/episodes/schema.js';
import { episodeOf } from '../../support/episode.js';
import type { ItemOutcome } from '../../../src/feeds/report.js';
import { recordingLogger } from '../../support/data.js';
import { fakeEngine } from '../../support/engine.js';

const episode = (id: string, published: string) => episodeOf({ id, show: 'Made-Up Show', published });

const outcome = (id: string, status: ItemOutcome['status']): ItemOutcome => ({
  position: 1,
  guid: id,
  id,
  title: `Episode ${id}`,
  status,
  reason: status === 'refused' ? 'no title' : null,
  warnings: [],
});

const report = (items: ItemOutcome[]): ImportReport => ({
  source: 'feed',
  show: 'Made-Up Show',
  notModified: false,
  items,
  counts: {
    imported: items.filter((i) => i.status === 'imported').length,
    updated: items.filter((i) => i.status === 'updated').length,
    unchanged: items.filter((i) => i.status === 'unchanged').length,
    refused: items.filter((i) => i.status === 'refused').length,
  },
  tookMs: 1,
  index: null,
});

/** An engine whose imports answer from a queue, knowing the episodes given. */
function engineWith(answers: ((url: string) => Promise<ImportReport>)[], episodes: Episode[]): AnswerEngine {
  const byId = new Map(episodes.map((e) => [e.id, e]));
  return fakeEngine({
    episodes: () => episodes,
    episode: (id) => byId.get(id),
    importFeed: vi.fn(async (url: string, options?: EngineImportOptions) => {
      const report = await (answers.shift() ?? (() => Promise.reject(new Error('no more'))))(url);
      await options?.beforeIndex?.(report);
      return report;
    }),
  });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('FeedPoller', () => {
  const a = episode('a', '2025-01-01');
  const b = episode('b', '2025-02-01');

  it('announces the episodes new to a known feed, newest first', async () => {
    const engine = engineWith(
      [async () => report([outcome('a', 'imported'), outcome('b', 'imported'), outcome('old', 'unchanged')])],
      [a, b],
    );
    const announced: string[][] = [];
    const poller = new FeedPoller(engine, {
      urls: ['https://podcast.example/feed.xml'],
      everyMinutes: 60,
      logger: recordingLogger().logger,
      onNewEpisodes: async (episodes) => void announced.push(episodes.map((e) => e.id)),
    });
    expect((await poller.pollOnce()).map((e) => e.id)).toEqual(['b', 'a']);
    expect(announced).toEqual([['b', 'a']]);
  });

  it('announces nothing when a feed is first imported (its back catalogue is not news)', async () => {
    const engine = engineWith(
      [async () => report([outcome('a', 'imported'), outcome('b', 'imported')])],
      [a, b],
    );
    const onNewEpisodes = vi.fn(async () => undefined);
    const poller = new FeedPoller(engine, {
      urls: ['https://podcast.example/feed.xml'],
      everyMinutes: 60,
      logger: recordingLogger().logger,
      onNewEpisodes,
    });
    expect(await poller.pollOnce()).toEqual([]);
    expect(onNewEpisodes).not.toHaveBeenCalled();
  });

  it('logs a failed feed and a running rebuild, and goes on with the other feeds', async () => {
    const { logger, lines } = recordingLogger();
    const engine = engineWith(
      [
        () => Promise.reject(new Error('https://one.example/feed.xml: HTTP 500')),
        () => Promise.reject(new ReindexInProgressError()),
        async () => report([outcome('a', 'imported'), outcome('x', 'unchanged'), outcome('y', 'refused')]),
      ],
      [a],
    );
    const poller = new FeedPoller(engine, {
      urls: [
        'https://one.example/feed.xml',
        'https://two.example/feed.xml',
        'https://three.example/feed.xml',
      ],
      everyMinutes: 60,
      logger,
    });
    expect((await poller.pollOnce()).map((e) => e.id)).toEqual(['a']);
    expect(lines.map((l) => l.msg)).toEqual(
      expect.arrayContaining([
        'feed https://one.example/feed.xml failed; the catalogue is unchanged',
        'feed https://two.example/feed.xml skipped: a rebuild is running; next round',
        'feed https://three.example/feed.xml: refused 1 item',
      ]),
    );
  });

  it('polls at start, then every FEED_POLL_MINUTES, and stops on stop()', async () => {
    vi.useFakeTimers();
    const engine = engineWith(
      Array.from({ length: 5 }, () => async () => report([outcome('old', 'unchanged')])),
      [],
    );
    const poller = new FeedPoller(engine, {
      urls: ['https://podcast.example/feed.xml'],
      everyMinutes: 15,
      logger: recordingLogger().logger,
    });
    poller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(engine.importFeed).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(15 * 60_000 - 1);
    expect(engine.importFeed).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(engine.importFeed).toHaveBeenCalledTimes(2);
    await poller.stop();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(engine.importFeed).toHaveBeenCalledTimes(2);
  });
});
