import { afterEach, describe, expect, it, vi } from 'vitest';
import { Communities } from '../../../src/answers/communities.js';
import type { EngineImportOptions } from '../../../src/answers/engine.js';
import type { Publisher } from '../../../src/answers/follower.js';
import type { EpisodeLibrary } from '../../../src/answers/library.js';
import type { ImportReport } from '../../../src/answers/schema.js';
import { type Scope, StateStore } from '../../../src/state/store.js';
import { recordingLogger } from '../../support/data.js';
import { DIALECTS, freshDatabase } from '../../support/databases.js';

const URL_A = 'https://a.example/feed.xml';

const imported: ImportReport = {
  source: URL_A,
  show: 'Alpha Hour',
  notModified: false,
  items: ['a1', 'a2'].map((id, i) => ({
    position: i + 1,
    guid: id,
    id,
    title: id,
    status: 'imported' as const,
    reason: null,
    warnings: [],
  })),
  counts: { imported: 2, updated: 0, unchanged: 0, refused: 0 },
  tookMs: 1,
  index: null,
};

/**
 * A library that records imports (each taking a moment) and hands out engines whose `episodes()` is
 * the scope they were made with. `adopt()` stands for swapping to a newly published index.
 */
function fakeLibrary() {
  const importFeed = vi.fn(async (_url: string, options?: EngineImportOptions) => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    await options?.beforeIndex?.(imported);
    return imported;
  });
  const reindex = vi.fn();
  const within = vi.fn((scope: Scope) => ({ episodes: () => scope }));
  let catalogue: string[] = [];
  const library = { importFeed, reindex, within, episodes: () => catalogue } as unknown as EpisodeLibrary;
  return { library, importFeed, reindex, within, adopt: () => (catalogue = []) };
}

/** The scope of the engine a server is handed. */
const scopeOf = async (communities: Communities, guildId: string) =>
  (await communities.engineFor(guildId)).episodes() as unknown as Scope;

const stores: StateStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

async function communitiesOn(
  settings: { dataDir: string; databaseUrl?: string },
  scopeTtlMs?: number,
  publisher?: Publisher,
) {
  const state = await StateStore.open(settings);
  stores.push(state);
  const fake = fakeLibrary();
  const communities = new Communities({
    library: fake.library,
    state,
    caps: { perServer: 5, feeds: 5 },
    ownFeeds: [],
    logger: recordingLogger().logger,
    ...(scopeTtlMs === undefined ? {} : { scopeTtlMs }),
    ...(publisher ? { publisher } : {}),
  });
  return { communities, state, ...fake };
}

describe('Communities', () => {
  it('imports a new feed once when two servers follow it at once', async () => {
    const { communities, importFeed } = await communitiesOn(await freshDatabase('sqlite'));
    const [one, two] = await Promise.all([communities.follow('g1', URL_A), communities.follow('g2', URL_A)]);
    expect(importFeed).toHaveBeenCalledTimes(1);
    expect(one).toMatchObject({ status: 'followed', show: 'Alpha Hour', episodes: 2 });
    expect(two).toMatchObject({ status: 'followed', show: 'Alpha Hour', episodes: 2 });
    // A third server finds the episodes known: nothing is fetched.
    expect(await communities.follow('g3', URL_A)).toMatchObject({
      status: 'followed',
      episodes: 2,
      imported: null,
    });
    expect(importFeed).toHaveBeenCalledTimes(1);
  });

  it('sees a follow made by another process once its cached scope is older than scopeTtlMs', async () => {
    const settings = await freshDatabase('sqlite');
    const here = await communitiesOn(settings, 0);
    const elsewhere = await communitiesOn(settings);
    expect(await scopeOf(here.communities, 'g1')).toEqual({ except: new Set() });
    await elsewhere.communities.follow('g1', URL_A);
    expect(await scopeOf(here.communities, 'g1')).toEqual({ only: new Set(['a1', 'a2']) });
  });

  it('reads a cached scope again as soon as the library adopts a newly published index', async () => {
    const settings = await freshDatabase('sqlite');
    const shard = await communitiesOn(settings, 3_600_000);
    const manager = await communitiesOn(settings);
    expect(await scopeOf(shard.communities, 'g1')).toEqual({ except: new Set() });
    await manager.communities.follow('g1', URL_A);
    shard.adopt();
    expect(await scopeOf(shard.communities, 'g1')).toEqual({ only: new Set(['a1', 'a2']) });
  });

  it('in a shard, hands a follow’s import and every rebuild to the publisher, never its library', async () => {
    const importFollowed = vi.fn(async () => imported);
    const reindex = vi.fn(async () => imported.index!);
    const publisher = { importFollowed, reindex } as unknown as Publisher;
    const shard = await communitiesOn(await freshDatabase('sqlite'), undefined, publisher);
    expect(await shard.communities.follow('g1', URL_A)).toMatchObject({ status: 'followed', episodes: 2 });
    expect(importFollowed).toHaveBeenCalledWith(URL_A);
    await (await shard.communities.engineFor('g1')).reindex();
    expect(reindex).toHaveBeenCalledTimes(1);
    expect(shard.importFeed).not.toHaveBeenCalled();
    expect(shard.reindex).not.toHaveBeenCalled();
  });

  it('keeps answering with the last scope read when the database is gone', async () => {
    const { communities, state } = await communitiesOn(await freshDatabase('sqlite'), 0);
    await communities.follow('g1', URL_A);
    const read = await scopeOf(communities, 'g1');
    await state.close();
    stores.length = 0;
    expect(await scopeOf(communities, 'g1')).toBe(read);
    expect(await communities.recordGap('g1', 'anything')).toBe(false);
  });

  it('does not follow a feed that cannot be imported', async () => {
    const { communities, importFeed, state } = await communitiesOn(await freshDatabase('sqlite'));
    const { FeedError } = await import('../../../src/answers/engine.js');
    importFeed.mockRejectedValueOnce(new FeedError(`${URL_A}: HTTP 404`));
    expect(await communities.follow('g1', URL_A)).toEqual({
      status: 'refused',
      reason: `${URL_A}: HTTP 404`,
    });
    expect(await state.followedFeeds()).toEqual([]);
  });
});

describe.each(DIALECTS)('a new feed followed in two processes at once, on %s', (dialect) => {
  it('is imported once: one claim wins, the other waits and finds its outcome in the database', async () => {
    const settings = await freshDatabase(dialect);
    const [one, two] = [await communitiesOn(settings), await communitiesOn(settings)];
    // The follow rows first: two connections of one process cannot wait for each other's SQLite
    // lock (better-sqlite3 waits synchronously), as two processes do.
    await one.state.follow('g1', URL_A, { perServer: 5, feeds: 5 });
    await two.state.follow('g2', URL_A, { perServer: 5, feeds: 5 });
    const outcomes = await Promise.all([
      one.communities.importFollowed(URL_A),
      two.communities.importFollowed(URL_A),
    ]);
    expect(one.importFeed.mock.calls.length + two.importFeed.mock.calls.length).toBe(1);
    expect(outcomes).toContainEqual(imported);
    expect(outcomes).toContain('elsewhere');
    for (const [guild, { state }] of [
      ['g1', one],
      ['g2', two],
    ] as const)
      expect(await state.followsOf(guild)).toEqual([
        expect.objectContaining({ url: URL_A, show: 'Alpha Hour', episodes: 2 }),
      ]);
  });

  it('reports a follow whose feed another process imported with that import’s show and episodes', async () => {
    const settings = await freshDatabase(dialect);
    const elsewhere = await communitiesOn(settings);
    // The publisher finds the feed imported by another process meanwhile (its claim won).
    const importFollowed = vi.fn(async (url: string) => {
      await elsewhere.communities.follow('g1', url);
      return 'elsewhere' as const;
    });
    const shard = await communitiesOn(settings, undefined, { importFollowed } as unknown as Publisher);
    expect(await shard.communities.follow('g2', URL_A)).toEqual({
      status: 'followed',
      show: 'Alpha Hour',
      episodes: 2,
      imported: null,
    });
    expect(importFollowed).toHaveBeenCalledTimes(1);
  });
});
