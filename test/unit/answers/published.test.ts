import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { FollowerEngine, publisherOf } from '../../../src/answers/follower.js';
import { EpisodeLibrary } from '../../../src/answers/library.js';
import { watchPublished } from '../../../src/answers/watchPublished.js';
import { copyOfData, recordingLogger } from '../../support/data.js';

const ZEPPELINS = 'Brand New Show about Zeppelins\n0:00 Zeppelins\n';

/** The one process that builds and publishes, and a shard's library opened on what it published. */
async function writerAndShard() {
  const dataDir = copyOfData();
  const silent = recordingLogger().logger;
  const writer = await EpisodeLibrary.open({ dataDir, logger: silent });
  const { logger, lines } = recordingLogger();
  const shard = await EpisodeLibrary.openPublished({ dataDir, logger });
  return { dataDir, writer, shard, lines };
}

describe('a library that serves what another process publishes', () => {
  it('refuses to open when no whole index is published, and never builds one', async () => {
    const dataDir = copyOfData();
    const { logger } = recordingLogger();
    await expect(EpisodeLibrary.openPublished({ dataDir, logger })).rejects.toThrow(
      `no whole index is published at ${join(dataDir, 'index.json')}: no index file yet`,
    );
    expect(() => readFileSync(join(dataDir, 'index.json'))).toThrow(/ENOENT/);
  });

  it('adopts a newly published index once, without building it', async () => {
    const { dataDir, writer, shard } = await writerAndShard();
    expect(await shard.adoptPublished()).toBe(false);
    writeFileSync(join(dataDir, 'episodes/new.txt'), ZEPPELINS);
    // A file changed on disk is not the shard's business: it answers from what was published.
    expect(await shard.adoptPublished()).toBe(false);
    expect(shard.ask('zeppelins').results).toEqual([]);
    await writer.reindex();
    expect(await shard.adoptPublished()).toBe(true);
    expect(shard.ask('zeppelins').results[0]?.episodeId).toBe('new');
    expect(await shard.adoptPublished()).toBe(false);
  });

  it('never adopts a half-written manifest: keeps serving, says why, and adopts the next whole one', async () => {
    const { dataDir, writer, shard, lines } = await writerAndShard();
    const manifest = join(dataDir, 'index.json');
    const whole = readFileSync(manifest, 'utf8');
    writeFileSync(manifest, whole.slice(0, whole.length / 2));
    expect(await shard.adoptPublished()).toBe(false);
    expect(shard.ask('HBM').results.length).toBeGreaterThan(0);
    expect(lines.find((line) => line.level === 40)?.msg).toMatch(
      /^not adopting the published index: the index file is corrupt .*; still serving the index built at /,
    );
    writeFileSync(join(dataDir, 'episodes/new.txt'), ZEPPELINS);
    await writer.reindex();
    expect(await shard.adoptPublished()).toBe(true);
    expect(shard.episodes()).toHaveLength(3);
  });

  it('answers calls made together with one look at the manifest, not one each', async () => {
    const { dataDir, writer, shard, lines } = await writerAndShard();
    writeFileSync(join(dataDir, 'episodes/new.txt'), ZEPPELINS);
    await writer.reindex();
    const calls = await Promise.all([1, 2, 3, 4].map(() => shard.adoptPublished()));
    expect(calls).toEqual([true, true, true, true]);
    expect(lines.filter((line) => line.msg.startsWith('adopting'))).toHaveLength(1);
    expect(await shard.adoptPublished()).toBe(false);
  });

  it('follows publications by watching the manifest', async () => {
    const { dataDir, writer, shard } = await writerAndShard();
    const { logger } = recordingLogger();
    const watch = watchPublished(shard, { dataDir, logger });
    try {
      writeFileSync(join(dataDir, 'episodes/new.txt'), ZEPPELINS);
      await writer.reindex();
      await vi.waitFor(() => expect(shard.ask('zeppelins').results[0]?.episodeId).toBe('new'), {
        timeout: 10_000,
        interval: 20,
      });
    } finally {
      watch.close();
    }
  });

  it('has a follower hand /reindex to the publisher and answer from what it published as soon as it returns', async () => {
    const { dataDir, writer, shard } = await writerAndShard();
    const notFollowing = { importFollowed: () => Promise.reject(new Error('not expected')) };
    const follower = new FollowerEngine(shard, publisherOf(writer, notFollowing));
    writeFileSync(join(dataDir, 'episodes/new.txt'), ZEPPELINS);
    const report = await follower.reindex();
    expect(report).toMatchObject({ episodes: 3, rejected: [] });
    expect(follower.ask('zeppelins').results[0]?.episodeId).toBe('new');
    expect(follower.episode('new')?.title).toBe(writer.episode('new')?.title);
  });
});
