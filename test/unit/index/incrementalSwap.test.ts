import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { pathsOf, refreshIndex } from '../../../src/index/build.js';
import { MERGE_AT, mergeSegments } from '../../../src/index/merge.js';
import { SegmentedIndex } from '../../../src/index/segmented.js';
import { type StoredIndex, readIndexFile } from '../../../src/index/store.js';
import { copyOfCatalogue } from '../../support/data.js';

const logger = pino({ level: 'silent' });

const QUESTIONS = [
  'tidal turbines on the grid',
  'oyster reefs as breakwaters',
  'charging a ferry with batteries',
  'the last lighthouse keeper',
  'packaging made from kelp',
  'beacon keepers',
  'brigantine anchors offshore',
  'ghost nets',
  'storm surge sandbags',
  'hydrogen or batteries at sea',
];

/** The segments of `stored` by data file, as a process holding them open passes them. */
const openOf = (stored?: StoredIndex) =>
  new Map((stored?.segments ?? []).map((segment) => [segment.entry.file, segment]));

async function read(dataDir: string, opened?: StoredIndex): Promise<StoredIndex> {
  const read = await readIndexFile(pathsOf(dataDir).index, { open: openOf(opened) });
  if ('reason' in read) throw new Error(read.reason);
  return read.file;
}

/** Every term, statistic and answer of `index` against a join made from scratch (`fresh`). */
function expectSameAs(index: SegmentedIndex, fresh: SegmentedIndex, stored: StoredIndex): void {
  expect(index.passageCount).toBe(fresh.passageCount);
  const { statistics } = index;
  expect(statistics.documentCount).toBe(fresh.statistics.documentCount);
  expect(statistics.averageFieldLength).toEqual(fresh.statistics.averageFieldLength);
  const terms = new Set(stored.segments.flatMap((segment) => segment.index.lexicon.vocabulary.terms));
  const of = (lexiconOf: SegmentedIndex, term: string) => {
    const { vocabulary, related, inflected, phrases } = lexiconOf.lexicon;
    const stats = lexiconOf.statistics;
    return [
      vocabulary.get(term),
      stats.matching(term, 0),
      stats.matching(term, 1),
      related.get(term),
      inflected.get(term),
      phrases.has(term),
    ];
  };
  for (const term of terms) expect(of(index, term), term).toEqual(of(fresh, term));
  const answers = (of: SegmentedIndex, question: string) =>
    of.search(question).hits.map((hit) => [hit.passage.id, hit.score]);
  for (const question of QUESTIONS) expect(answers(index, question)).toEqual(answers(fresh, question));
}

describe('a swap joins only what changed', () => {
  it('equals a fresh load of the same manifest after an import, deletions and a merge', async () => {
    const dir = copyOfCatalogue();
    let stored = await refreshIndex({ dataDir: dir, logger });
    let index = SegmentedIndex.of(stored.segments);
    /** Swaps as a running library does (its open segments reused), and checks it against a fresh read. */
    const swap = async (published: StoredIndex | null) => {
      expect(published).not.toBeNull();
      // Questions first, so the index swapped from has counted its terms under the old deletion sets.
      for (const question of QUESTIONS) index.search(question);
      const next = await read(dir, stored);
      index = await SegmentedIndex.load(next.segments);
      stored = next;
      expectSameAs(index, SegmentedIndex.of((await read(dir)).segments), stored);
    };
    const rewrite = (name: string, from: RegExp, to: string) => {
      const path = join(dir, 'episodes', name);
      writeFileSync(path, readFileSync(path, 'utf8').replace(from, to));
    };

    // An import: one segment added.
    writeFileSync(
      join(dir, 'episodes/harbour.txt'),
      'Harbour Talk\n0:00 Intro\n4:10 The lighthouse keeper logs every brigantine that anchors offshore\n',
    );
    await swap(await refreshIndex({ dataDir: dir, logger, open: openOf(stored) }));
    expect(stored.segments).toHaveLength(2);

    // Two rewrites of the first segment's episodes: its deletion set grows from one episode to two.
    rewrite('hl-11-the-last-manned-lighthouse.json', /lighthouse/g, 'beacon');
    await swap(await refreshIndex({ dataDir: dir, logger, open: openOf(stored) }));
    rewrite('hl-01-keepers-of-the-light.json', /keeper/g, 'warden');
    await swap(await refreshIndex({ dataDir: dir, logger, open: openOf(stored) }));
    expect(stored.segments[0]?.entry.deleted).toHaveLength(2);

    // A merge of the small segments: they are removed, one is added, the first segment stays.
    for (let n = 0; n < MERGE_AT; n++) {
      writeFileSync(join(dir, `episodes/quay-${n}.txt`), `Quay ${n}\n0:00 Divers mend ghost nets${n}\n`);
      await swap(await refreshIndex({ dataDir: dir, logger, open: openOf(stored) }));
    }
    const before = stored.segments.length;
    await swap(await mergeSegments({ dataDir: dir }));
    expect(stored.segments.length).toBeLessThan(before);
    expect(stored.segments[0]?.entry.deleted).toHaveLength(2);
  }, 240_000);
});
