import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rssFeed, type SyntheticItem } from '../../../src/bench/syntheticFeed.js';
import { EpisodeDocument } from '../../../src/episodes/schema.js';
import { episodeIdOf } from '../../../src/feeds/episode.js';
import { type ImportOptions, importFeedItems } from '../../../src/feeds/import.js';
import { FeedError } from '../../../src/feeds/error.js';
import { FeedServer } from '../../support/feedServer.js';

let server: FeedServer;
let dataDir: string;
let options: ImportOptions;
beforeAll(async () => {
  server = await FeedServer.start();
});
afterAll(() => server.stop());
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'podqa-feeds-'));
  options = {
    dataDir,
    allowPrivate: (address) => address === '127.0.0.1',
    fetch: { retryDelayMs: 10, totalTimeoutMs: 3000 },
  };
});

const episodes = () => join(dataDir, 'episodes');
const readEpisode = (guid: string) =>
  EpisodeDocument.parse(JSON.parse(readFileSync(join(episodes(), `${episodeIdOf(guid)}.json`), 'utf8')));

const item = (n: number, fields: Partial<SyntheticItem> = {}): SyntheticItem => ({
  guid: `made-up-${n}`,
  title: `Episode ${n}`,
  pubDate: new Date(Date.UTC(2025, 0, n)).toUTCString(),
  duration: '45:10',
  enclosureUrl: `https://podcast.example/${n}.mp3`,
  description: `<p>Talk ${n}.</p><p>(0:00) Intro (10:00) Main topic</p>`,
  ...fields,
});

describe('importFeedItems', () => {
  it('downloads the chapters file and the best transcript beside the episode', async () => {
    server
      .serve(
        '/chapters/1.json',
        JSON.stringify({
          version: '1.2.0',
          chapters: [
            { startTime: 0, title: 'Cold open' },
            { startTime: 95.5, title: 'Rates' },
          ],
        }),
        'application/json+chapters',
      )
      .serve(
        '/transcripts/1.vtt',
        'WEBVTT\n\n00:00:00.000 --> 00:00:04.000\nHello and welcome.\n',
        'text/vtt',
      )
      .serve('/transcripts/1.txt', 'Hello and welcome.', 'text/plain')
      .serve(
        '/linked.xml',
        rssFeed('Made-Up Show', [
          item(1, {
            extra: [
              `<podcast:chapters url="${server.url('/chapters/1.json')}" type="application/json+chapters"/>`,
              `<podcast:transcript url="${server.url('/transcripts/1.txt')}" type="text/plain"/>`,
              `<podcast:transcript url="${server.url('/transcripts/1.vtt')}" type="text/vtt"/>`,
            ].join(''),
          }),
        ]),
      );
    const report = await importFeedItems(server.url('/linked.xml'), options);
    expect(report.counts).toEqual({ imported: 1, updated: 0, unchanged: 0, refused: 0 });
    const id = episodeIdOf('made-up-1');
    expect(readEpisode('made-up-1').chapters).toEqual([
      { title: 'Cold open', start: 0 },
      { title: 'Rates', start: 95 },
    ]);
    expect(readFileSync(join(episodes(), `${id}.vtt`), 'utf8')).toMatch(/^WEBVTT/);
    expect(readdirSync(episodes()).sort()).toEqual([`${id}.json`, `${id}.vtt`]);

    // Again: the links did not change, so nothing is downloaded or rewritten.
    const before = server.hitsOf('/transcripts/1.vtt') + server.hitsOf('/chapters/1.json');
    const again = await importFeedItems(server.url('/linked.xml'), options);
    expect(again.counts.unchanged).toBe(1);
    expect(server.hitsOf('/transcripts/1.vtt') + server.hitsOf('/chapters/1.json')).toBe(before);
  });

  it('updates in place, never rewrites an unchanged item, and asks conditionally', async () => {
    let items = [item(1), item(2)];
    server.route('/show.xml', (req, res) => {
      const etag = `"${items.map((i) => i.title).join('|').length}-${items.length}"`;
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304).end();
      res.writeHead(200, { etag, 'content-type': 'application/rss+xml' }).end(rssFeed('Made-Up Show', items));
    });
    expect((await importFeedItems(server.url('/show.xml'), options)).counts.imported).toBe(2);
    const file = (n: number) => join(episodes(), `${episodeIdOf(`made-up-${n}`)}.json`);
    const written = statSync(file(2)).mtimeMs;

    const unchanged = await importFeedItems(server.url('/show.xml'), options);
    expect(unchanged).toMatchObject({ notModified: true, items: [] });

    items = [item(1, { title: 'Episode 1, retitled' }), item(2), item(3)];
    const changed = await importFeedItems(server.url('/show.xml'), options);
    expect(changed.counts).toEqual({ imported: 1, updated: 1, unchanged: 1, refused: 0 });
    expect(readEpisode('made-up-1').title).toBe('Episode 1, retitled');
    expect(statSync(file(2)).mtimeMs).toBe(written);
    expect(readdirSync(episodes()).filter((name) => name.endsWith('.json'))).toHaveLength(3);
  });

  it('refuses a duplicate guid, naming the first item, and imports the rest', async () => {
    server.serve('/dupes.xml', rssFeed('Made-Up Show', [item(1), item(2), item(3, { guid: 'made-up-1' })]));
    const report = await importFeedItems(server.url('/dupes.xml'), options);
    expect(report.counts).toEqual({ imported: 2, updated: 0, unchanged: 0, refused: 1 });
    expect(report.items[2]).toMatchObject({
      status: 'refused',
      reason: 'duplicate guid "made-up-1" (first used by item 1)',
    });
    expect(readEpisode('made-up-1').title).toBe('Episode 1');
  });

  it('imports an item without enclosure, with no audio link', async () => {
    server.serve('/no-audio.xml', rssFeed('Made-Up Show', [item(1, { enclosureUrl: null })]));
    const report = await importFeedItems(server.url('/no-audio.xml'), options);
    expect(report.counts.imported).toBe(1);
    expect(readEpisode('made-up-1').audioUrl).toBeNull();
  });

  it('keeps an item whose transcript fails to download, with a warning naming it', async () => {
    server.route('/transcripts/broken.vtt', (_req, res) => res.writeHead(404).end());
    server.serve(
      '/broken-transcript.xml',
      rssFeed('Made-Up Show', [
        item(1, {
          extra: `<podcast:transcript url="${server.url('/transcripts/broken.vtt')}" type="text/vtt"/>`,
        }),
      ]),
    );
    const report = await importFeedItems(server.url('/broken-transcript.xml'), options);
    expect(report.items[0]).toMatchObject({
      status: 'imported',
      warnings: [`transcript ${server.url('/transcripts/broken.vtt')}: HTTP 404`],
    });
  });

  it('imports after a server error thanks to one retry', async () => {
    server.route('/flaky.xml', (_req, res, hits) => {
      if (hits === 0) res.writeHead(500).end();
      else res.writeHead(200).end(rssFeed('Made-Up Show', [item(1)]));
    });
    expect((await importFeedItems(server.url('/flaky.xml'), options)).counts.imported).toBe(1);
  });

  it('takes --limit and --since', async () => {
    server.serve('/many.xml', rssFeed('Made-Up Show', [item(5), item(4), item(3), item(2), item(1)]));
    const limited = await importFeedItems(server.url('/many.xml'), { ...options, limit: 2 });
    expect(limited.items.map((i) => i.title)).toEqual(['Episode 5', 'Episode 4']);
    const since = await importFeedItems(server.url('/many.xml'), { ...options, since: '2025-01-03' });
    expect(since.items.map((i) => i.title)).toEqual(['Episode 5', 'Episode 4', 'Episode 3']);
  });

  it.each([
    [
      'malformed XML',
      '/malformed.xml',
      (s: FeedServer) => s.serve('/malformed.xml', '<rss><channel><title>x</channel></rss>'),
      /malformed XML/,
    ],
    [
      'a server that keeps failing',
      '/down.xml',
      (s: FeedServer) => s.route('/down.xml', (_q, r) => r.writeHead(500).end()),
      /HTTP 500/,
    ],
    [
      'an oversize feed',
      '/huge.xml',
      (s: FeedServer) =>
        s.route('/huge.xml', (_q, r) => r.writeHead(200, { 'content-length': 30 * 1024 * 1024 }).end()),
      /larger than 20 MB/,
    ],
    [
      'a feed with no items',
      '/empty.xml',
      (s: FeedServer) => s.serve('/empty.xml', rssFeed('Made-Up Show', [])),
      /lists no items/,
    ],
  ])('refuses %s as a whole and keeps the catalogue', async (_name, path, setUp, message) => {
    server.serve('/good.xml', rssFeed('Made-Up Show', [item(1)]));
    await importFeedItems(server.url('/good.xml'), options);
    const before = readFileSync(join(episodes(), `${episodeIdOf('made-up-1')}.json`), 'utf8');
    setUp(server);
    const err = await importFeedItems(server.url(path), options).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FeedError);
    expect((err as Error).message).toMatch(message);
    expect(readdirSync(episodes())).toEqual([`${episodeIdOf('made-up-1')}.json`]);
    expect(readFileSync(join(episodes(), `${episodeIdOf('made-up-1')}.json`), 'utf8')).toBe(before);
  });

  it('refuses a feed file that does not exist, naming it', async () => {
    await expect(importFeedItems('/nowhere/feed.xml', options)).rejects.toThrow(
      /^\/nowhere\/feed\.xml: cannot read the feed file/,
    );
  });
});
