import { afterEach, describe, expect, it, vi } from 'vitest';
import { Communities } from '../../../src/answers/communities.js';
import type { EpisodeLibrary } from '../../../src/answers/library.js';
import type { ImportReport } from '../../../src/answers/schema.js';
import { type Scope, StateStore } from '../../../src/state/store.js';
import { recordingLogger } from '../../support/data.js';
import { freshDatabase } from '../../support/databases.js';

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

/** A library that records imports (each taking a moment) and hands out its scopes as engines. */
function fakeLibrary() {
  const importFeed = vi.fn(async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    return imported;
  });
  const within = vi.fn((scope: Scope) => ({ scope }));
  return { library: { importFeed, within } as unknown as EpisodeLibrary, importFeed, within };
}

const stores: StateStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

async function communitiesOn(settings: { dataDir: string }, scopeTtlMs?: number) {
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
    const before = (await here.communities.engineFor('g1')) as unknown as { scope: Scope };
    expect(before.scope).toEqual({ except: new Set() });
    await elsewhere.communities.follow('g1', URL_A);
    const after = (await here.communities.engineFor('g1')) as unknown as { scope: Scope };
    expect(after.scope).toEqual({ only: new Set(['a1', 'a2']) });
  });

  it('keeps answering with the last scope read when the database is gone', async () => {
    const { communities, state } = await communitiesOn(await freshDatabase('sqlite'), 0);
    await communities.follow('g1', URL_A);
    const read = (await communities.engineFor('g1')) as unknown as { scope: Scope };
    await state.close();
    stores.length = 0;
    const kept = (await communities.engineFor('g1')) as unknown as { scope: Scope };
    expect(kept.scope).toBe(read.scope);
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
