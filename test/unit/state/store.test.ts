import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StateStore } from '../../../src/state/store.js';
import { DIALECTS, freshDatabase } from '../../support/databases.js';

const CAPS = { perServer: 2, feeds: 3 };
const A = 'https://a.example/feed.xml';
const B = 'https://b.example/feed.xml';
const C = 'https://c.example/feed.xml';

describe.each(DIALECTS)('the state store on %s', (dialect) => {
  let store: StateStore | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });
  const open = async (extra: { secret?: string } = {}) => {
    const settings = await freshDatabase(dialect);
    store = await StateStore.open({ ...settings, ...extra });
    return { store, ...settings };
  };

  it('follows within the caps: per server, then across all servers', async () => {
    const { store } = await open();
    expect(await store.follow('g1', A, CAPS)).toBe('followed');
    expect(await store.follow('g1', A, CAPS)).toBe('already');
    expect(await store.follow('g1', B, CAPS)).toBe('followed');
    expect(await store.follow('g1', C, CAPS)).toEqual({
      refused: expect.stringContaining('follows 2 feeds'),
    });
    expect(await store.follow('g2', C, CAPS)).toBe('followed');
    // Three feeds in all: a fourth is refused, a feed already followed elsewhere is not.
    expect(await store.follow('g3', 'https://d.example/f', CAPS)).toEqual({
      refused: expect.stringContaining('3 feeds'),
    });
    expect(await store.follow('g3', A, CAPS)).toBe('followed');
    expect(await store.followedFeeds()).toEqual([A, B, C]);
    expect(await store.unfollow('g1', A)).toEqual({ removed: true, followersLeft: 1 });
    expect(await store.unfollow('g1', A)).toEqual({ removed: false, followersLeft: 1 });
    expect(await store.unfollow('g3', A)).toEqual({ removed: true, followersLeft: 0 });
  });

  it('scopes a following server to its feeds’ episodes and others to the rest', async () => {
    const { store } = await open();
    await store.recordFeedEpisodes(A, ['a1', 'a2']);
    await store.recordFeedEpisodes(B, ['b1', 'shared']);
    await store.recordFeedEpisodes('https://own.example/f', ['own1', 'shared']);
    await store.follow('g1', A, CAPS);
    expect(await store.scopeOf('g1', [])).toEqual({ only: new Set(['a1', 'a2']) });
    const own = ['https://own.example/f'];
    expect(await store.scopeOf('g2', own)).toEqual({ except: new Set(['a1', 'a2', 'b1']) });
    expect(await store.scopeOf(null, own)).toEqual({ except: new Set(['a1', 'a2', 'b1']) });
    // A feed listing fewer episodes now replaces what it listed.
    await store.recordFeedEpisodes(A, ['a2']);
    expect(await store.scopeOf('g1', [])).toEqual({ only: new Set(['a2']) });
  });

  it('lists a server’s follows with episode counts and the last poll’s outcome', async () => {
    const { store } = await open();
    await store.follow('g1', A, CAPS);
    await store.follow('g1', B, CAPS);
    await store.recordFeedEpisodes(A, ['a1', 'a2']);
    await store.recordPoll(A, { show: 'Alpha Hour' }, new Date('2026-01-02T03:04:05Z'));
    await store.recordPoll(B, { error: 'HTTP 500' }, new Date('2026-01-02T03:04:06Z'));
    expect(await store.followsOf('g1')).toEqual(
      [
        {
          url: B,
          show: null,
          episodes: 0,
          lastPolledAt: '2026-01-02T03:04:06.000Z',
          lastSuccessAt: null,
          lastError: 'HTTP 500',
        },
        {
          url: A,
          show: 'Alpha Hour',
          episodes: 2,
          lastPolledAt: '2026-01-02T03:04:05.000Z',
          lastSuccessAt: '2026-01-02T03:04:05.000Z',
          lastError: null,
        },
      ].sort((x, y) => (x.show ?? x.url).localeCompare(y.show ?? y.url)),
    );
    expect(await store.hasEpisodes(A)).toBe(true);
    expect(await store.hasEpisodes(B)).toBe(false);
  });

  it('keeps the importer’s validators and downloads per feed', async () => {
    const { store } = await open();
    const state = store.feedState();
    expect(await state.read(A)).toEqual({ feeds: {}, downloads: {} });
    await state.write(A, {
      feeds: { [A]: { etag: '"v1"', lastModified: null, importedAt: '2026-01-01T00:00:00.000Z' } },
      downloads: { e1: { chapters: 'https://a.example/c.json', transcript: null } },
    });
    await state.write(B, {
      feeds: {},
      downloads: { e1: { chapters: null, transcript: 'https://a.example/t.vtt' } },
    });
    expect(await state.read(A)).toEqual({
      feeds: { [A]: { etag: '"v1"', lastModified: null, importedAt: '2026-01-01T00:00:00.000Z' } },
      downloads: { e1: { chapters: null, transcript: 'https://a.example/t.vtt' } },
    });
    expect((await state.read(B)).feeds).toEqual({});
  });

  it('lets one claim at a time import a feed, and a claim left by a dead process be taken over', async () => {
    const { store } = await open();
    const at = new Date('2026-03-01T10:00:00Z');
    const claims = await Promise.all(
      ['p1', 'p2', 'p3'].map((owner) => store.claimImport(A, owner, 60_000, at)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    const winner = ['p1', 'p2', 'p3'][claims.indexOf(true)]!;
    expect(await store.claimImport(B, 'p2', 60_000, at)).toBe(true);
    // Ending another's claim does nothing; ending one's own frees the feed.
    await store.releaseImport(A, 'someone else');
    expect(await store.claimImport(A, 'p4', 60_000, at)).toBe(false);
    await store.releaseImport(A, winner);
    expect(await store.claimImport(A, 'p4', 60_000, at)).toBe(true);
    // p4 died holding it: a minute later it is stale and taken over.
    expect(await store.claimImport(A, 'p5', 60_000, new Date(at.getTime() + 30_000))).toBe(false);
    expect(await store.claimImport(A, 'p5', 60_000, new Date(at.getTime() + 61_000))).toBe(true);
  });

  it('lets exactly one claim announce an episode in a channel, even claims made at once', async () => {
    const { store } = await open();
    const claims = await Promise.all([1, 2, 3].map(() => store.claimAnnouncement('c1', 'e1')));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await store.claimAnnouncement('c2', 'e1')).toBe(true);
    await store.setAnnounceChannel('g1', 'c1');
    await store.setAnnounceChannel('g2', 'c2');
    await store.follow('g1', A, CAPS);
    await store.follow('g2', A, CAPS);
    await store.follow('g2', B, CAPS);
    expect((await store.announceChannelsFor(A)).sort()).toEqual(['c1', 'c2']);
    await store.setAnnounceChannel('g1', null);
    expect(await store.announceChannelsFor(A)).toEqual(['c2']);
    expect(await store.announceChannelOf('g2')).toBe('c2');
  });

  it('keeps votes with the user as a keyed hash, and imports feedback.jsonl once', async () => {
    const { store, dataDir } = await open({ secret: 'a-test-secret-of-some-length-000000' });
    const file = join(dataDir, 'feedback.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({
          time: '2025-01-01T00:00:00.000Z',
          question: 'q1',
          passageId: 'p#1',
          vote: 'up',
          user: '0123456789abcdef',
        }),
        'not json',
        JSON.stringify({
          time: '2025-01-02T00:00:00.000Z',
          question: 'q2',
          passageId: 'p#2',
          vote: 'sideways',
          user: '0123456789abcdef',
        }),
        '',
      ].join('\n'),
    );
    expect(await store.importFeedbackFile(file)).toEqual({
      imported: 1,
      skipped: [
        { line: 2, reason: 'not JSON' },
        { line: 3, reason: expect.stringContaining('vote') },
      ],
    });
    expect(await store.importFeedbackFile(file)).toBeNull();
    await store.recordVote(
      { question: 'q3', passageId: 'p#3', vote: 'down', userId: '123456789012345678' },
      new Date('2026-01-01T00:00:00Z'),
    );
    const votes = await store.votes();
    expect(votes.map((v) => v.userHash)).toEqual([
      'sha256:0123456789abcdef',
      store.userHash('123456789012345678'),
    ]);
    expect(votes[1]?.userHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(votes)).not.toContain('123456789012345678');
  });

  it('counts gaps per server and lists them most asked first', async () => {
    const { store } = await open();
    await store.recordGap('g1', 'where is the map', new Date('2026-01-01T00:00:00Z'));
    await store.recordGap('g1', 'who is bob', new Date('2026-01-01T00:00:01Z'));
    await store.recordGap('g1', 'who is bob', new Date('2026-01-01T00:00:02Z'));
    await store.recordGap('g2', 'elsewhere', new Date('2026-01-01T00:00:03Z'));
    expect(await store.gaps('g1', 10)).toEqual([
      { question: 'who is bob', asked: 2, lastAskedAt: '2026-01-01T00:00:02.000Z' },
      { question: 'where is the map', asked: 1, lastAskedAt: '2026-01-01T00:00:00.000Z' },
    ]);
    expect(await store.gaps('g1', 1)).toHaveLength(1);
  });
});
