import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReindexInProgressError } from '../../../src/answers/engine.js';
import { EpisodeLibrary } from '../../../src/answers/library.js';
import { rssFeed, syntheticItems } from '../../../src/bench/syntheticFeed.js';
import { episodeIdOf } from '../../../src/feeds/episode.js';
import { FeedError } from '../../../src/feeds/error.js';
import { copyOfData, recordingLogger } from '../../support/data.js';
import { FeedServer } from '../../support/feedServer.js';

describe('EpisodeLibrary.importFeed', () => {
  it('answers from a transcript the feed links, at the exact second', async () => {
    const server = await FeedServer.start();
    try {
      const [item] = syntheticItems(1);
      server
        .serve(
          '/t.vtt',
          'WEBVTT\n\n00:12:05.000 --> 00:12:11.000\nThe real choke point is the zeppelin mooring mast, not the hangar.\n',
          'text/vtt',
        )
        .serve(
          '/feed.xml',
          rssFeed('Synthetic Show', [
            { ...item!, extra: `<podcast:transcript url="${server.url('/t.vtt')}" type="text/vtt"/>` },
          ]),
        );
      const dataDir = copyOfData();
      const library = await EpisodeLibrary.open({
        dataDir,
        logger: recordingLogger().logger,
        allowPrivateFeeds: (address) => address === '127.0.0.1',
      });
      const report = await library.importFeed(server.url('/feed.xml'));
      expect(report.counts.imported).toBe(1);
      const [hit] = library.ask('zeppelin mooring mast').results;
      expect(hit).toMatchObject({
        episodeId: episodeIdOf(item!.guid),
        kind: 'transcript',
        start: 725,
        approximate: false,
      });
    } finally {
      await server.stop();
    }
  }, 120_000);

  it('imports beside the bundled episodes, answers from them at once, and rebuilds only when something changed', async () => {
    const dataDir = copyOfData();
    const library = await EpisodeLibrary.open({ dataDir, logger: recordingLogger().logger });
    const before = library.episodes().length;
    const feedFile = join(dataDir, 'feed.xml');
    writeFileSync(feedFile, rssFeed('Synthetic Show', syntheticItems(2)));

    const report = await library.importFeed(feedFile);
    expect(report.counts.imported).toBe(2);
    expect(report.index?.episodes).toBe(before + 2);
    const id = episodeIdOf('synthetic-show-2');
    expect(library.episode(id)).toMatchObject({
      show: 'Synthetic Show',
      number: 2,
      format: 'canonical-json',
    });
    const answer = library.ask('tariffs on wafers', { episodeId: id });
    expect(answer.results[0]).toMatchObject({ episodeId: id, start: 2232, approximate: false });

    const again = await library.importFeed(feedFile);
    expect(again).toMatchObject({ counts: { unchanged: 2 }, index: null });
  }, 60_000);

  it('hands the written items to beforeIndex before they are searchable, and indexes them even when it fails', async () => {
    const dataDir = copyOfData();
    const library = await EpisodeLibrary.open({ dataDir, logger: recordingLogger().logger });
    const feedFile = join(dataDir, 'feed.xml');
    const [first, second] = syntheticItems(2);
    const [one, two] = [episodeIdOf(first!.guid), episodeIdOf(second!.guid)];

    writeFileSync(feedFile, rssFeed('Synthetic Show', [first!]));
    const seen: { ids: (string | null)[]; searchable: boolean }[] = [];
    const report = await library.importFeed(feedFile, {
      beforeIndex: async (feed) => {
        seen.push({ ids: feed.items.map((i) => i.id), searchable: library.episode(one) !== undefined });
      },
    });
    expect(seen).toEqual([{ ids: [one], searchable: false }]);
    expect(report.index).not.toBeNull();
    expect(library.episode(one)).toBeDefined();

    writeFileSync(feedFile, rssFeed('Synthetic Show', [first!, second!]));
    await expect(
      library.importFeed(feedFile, { beforeIndex: () => Promise.reject(new Error('database gone')) }),
    ).rejects.toThrow('database gone');
    expect(library.episode(two)).toBeDefined();
  }, 60_000);

  it('refuses an unusable feed with FeedError and keeps answering as before', async () => {
    const dataDir = copyOfData();
    const library = await EpisodeLibrary.open({ dataDir, logger: recordingLogger().logger });
    const episodes = library.episodes().length;
    writeFileSync(join(dataDir, 'bad.xml'), '<rss><channel>');
    await expect(library.importFeed(join(dataDir, 'bad.xml'))).rejects.toBeInstanceOf(FeedError);
    expect(library.episodes()).toHaveLength(episodes);
  });

  it('refuses to import while a rebuild runs', async () => {
    const library = await EpisodeLibrary.open({ dataDir: copyOfData(), logger: recordingLogger().logger });
    const rebuilding = library.reindex();
    await expect(library.importFeed('feed.xml')).rejects.toBeInstanceOf(ReindexInProgressError);
    await rebuilding;
  }, 60_000);
});
