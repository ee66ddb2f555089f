import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { FeedError, ReindexInProgressError } from '../../../src/answers/engine.js';
import type { Publisher } from '../../../src/answers/follower.js';
import type { ImportReport, ReindexReport } from '../../../src/answers/schema.js';
import { loadConfig } from '../../../src/config.js';
import { publisherOverIpc, servePublisher } from '../../../src/discord/sharding/publisherIpc.js';
import { recordingLogger } from '../../support/data.js';

const REPORT: ReindexReport = {
  episodes: 3,
  passages: 40,
  rejected: [],
  warnings: [],
  coverage: null,
  tookMs: 12,
};

/** A shard's `process` and the manager's `Shard`, joined as fork's JSON channel joins them. */
function channel(publisher: Publisher) {
  const shardSide = new EventEmitter();
  const managerSide = new EventEmitter();
  const carry = (to: EventEmitter, message: unknown) =>
    setImmediate(() => to.emit('message', JSON.parse(JSON.stringify(message))));
  const parent = Object.assign(shardSide, {
    send: (message: unknown, callback: (err: Error | null) => void) => {
      carry(managerSide, message);
      callback(null);
      return true;
    },
  });
  const shard = Object.assign(managerSide, {
    id: 1,
    send: async (message: unknown) => carry(shardSide, message),
  });
  servePublisher(shard, publisher, recordingLogger().logger);
  return { client: publisherOverIpc(parent), parent, shard };
}

const publisher = (overrides: Partial<Publisher>): Publisher => ({
  reindex: () => Promise.resolve(REPORT),
  importFeed: () => Promise.reject(new Error('not expected')),
  addSource: () => Promise.reject(new Error('not expected')),
  importFollowed: () => Promise.reject(new Error('not expected')),
  ...overrides,
});

describe('the publisher over the shard channel', () => {
  it('carries a reindex report, and an upload’s bytes whole', async () => {
    const received: Buffer[] = [];
    const { client } = channel(
      publisher({
        addSource: async ({ content }) => {
          received.push(Buffer.from(content));
          return { saved: 'new.txt', problems: [] };
        },
      }),
    );
    expect(await client.reindex()).toEqual(REPORT);
    const bytes = Buffer.from([0, 255, 10, 0xe2, 0x80, 0x94]);
    expect(await client.addSource({ name: 'new.txt', content: bytes })).toEqual({
      saved: 'new.txt',
      problems: [],
    });
    expect(received).toEqual([bytes]);
  });

  it('keeps the errors handlers tell apart: busy, and a feed that cannot be imported', async () => {
    const { client } = channel(
      publisher({
        reindex: () => Promise.reject(new ReindexInProgressError()),
        importFeed: (source) => Promise.reject(new FeedError(`${source}: malformed XML`)),
      }),
    );
    await expect(client.reindex()).rejects.toBeInstanceOf(ReindexInProgressError);
    const failed = client.importFeed('https://feeds.example/show.xml', { limit: 2 });
    await expect(failed).rejects.toBeInstanceOf(FeedError);
    await expect(failed).rejects.toThrow('https://feeds.example/show.xml: malformed XML');
  });

  it('passes only limit and since to the import, and answers each call with its own reply', async () => {
    const asked: unknown[] = [];
    const reportOf = (source: string): ImportReport => ({
      source,
      show: null,
      notModified: true,
      items: [],
      counts: { imported: 0, updated: 0, unchanged: 0, refused: 0 },
      tookMs: 1,
      index: null,
    });
    const { client } = channel(
      publisher({
        importFeed: async (source, options) => {
          asked.push(options);
          // The first call is answered last.
          if (source === 'slow') await new Promise((resolve) => setTimeout(resolve, 20));
          return reportOf(source);
        },
      }),
    );
    const [slow, fast] = await Promise.all([
      client.importFeed('slow', { limit: 1, since: '2025-01-01', onProgress: () => {} }),
      client.importFeed('fast'),
    ]);
    expect([slow.source, fast.source]).toEqual(['slow', 'fast']);
    expect(asked).toEqual([{ limit: 1, since: '2025-01-01' }, {}]);
  });

  it('carries a followed feed’s first import: done elsewhere, or refused as a feed error', async () => {
    const { client } = channel(
      publisher({
        importFollowed: async (url) => {
          if (url === 'https://feeds.example/known.xml') return 'elsewhere';
          throw new FeedError(`${url}: not a feed`);
        },
      }),
    );
    expect(await client.importFollowed('https://feeds.example/known.xml')).toBe('elsewhere');
    await expect(client.importFollowed('https://feeds.example/page.html')).rejects.toBeInstanceOf(FeedError);
  });

  it('refuses a reply that is not what was asked for', async () => {
    const { client } = channel(
      publisher({ reindex: async () => ({ episodes: 'many' }) as unknown as ReindexReport }),
    );
    await expect(client.reindex()).rejects.toThrow(/episodes/);
  });

  it('fails the calls under way when the manager is gone', async () => {
    const { client, parent } = channel(publisher({ reindex: () => new Promise(() => {}) }));
    const pending = client.reindex();
    parent.emit('disconnect');
    await expect(pending).rejects.toThrow('the publishing process is gone');
  });
});

describe('SHARDS', () => {
  const config = (SHARDS: string) => loadConfig({ SHARDS }, { dotenv: false }).SHARDS;

  it('is auto or a number of shards; unset runs one process', () => {
    expect(config('auto')).toBe('auto');
    expect(config('2')).toBe(2);
    expect(loadConfig({}, { dotenv: false }).SHARDS).toBeUndefined();
  });

  it.each(['0', 'two', '-1', '1.5', '10000'])(
    'refuses %j, naming the variable and what was expected',
    (value) => {
      expect(() => config(value)).toThrow(/SHARDS.*expected auto or a number of shards from 1 to 9999/);
    },
  );
});
