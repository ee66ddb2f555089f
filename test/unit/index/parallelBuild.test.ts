import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { queryMix, random, syntheticEpisode, vocabulary } from '../../../src/bench/corpus.js';
import { topFiveAgreement } from '../../../src/bench/agreement.js';
import { buildIndexFile, rebuildIndex } from '../../../src/index/build.js';
import { mergeSegments } from '../../../src/index/merge.js';
import { SegmentedIndex } from '../../../src/index/segmented.js';

const logger = pino({ level: 'silent' });

/** A catalogue of `count` synthetic episodes, and the first takeaway of each (questions are made of them). */
function catalogue(count: number): {
  dataDir: string;
  texts: string[];
  vocab: ReturnType<typeof vocabulary>;
} {
  const dataDir = mkdtempSync(join(tmpdir(), 'podqa-parallel-'));
  mkdirSync(join(dataDir, 'episodes'));
  const vocab = vocabulary(random(1), 4000);
  const texts: string[] = [];
  for (let n = 0; n < count; n++) {
    const episode = syntheticEpisode(n, vocab, random(100 + n));
    texts.push(...episode.sections.flatMap((section) => section.bullets.slice(0, 1)));
    writeFileSync(join(dataDir, 'episodes', `${episode.id}.json`), JSON.stringify(episode));
  }
  return { dataDir, texts, vocab };
}

const answers = (index: Pick<SegmentedIndex, 'search'>, question: string) =>
  index.search(question).hits.map((hit) => [hit.passage.id, hit.score.toFixed(6), hit.terms.join('+')]);

describe('a full build in parallel', () => {
  it('builds a segment per slice of the sources, analysed with the whole catalogue, answering as one build does', async () => {
    const { dataDir, texts, vocab } = catalogue(24);
    // The acronym is defined in the first slice and used in the last: its passages are grouped alike.
    writeFileSync(
      join(dataDir, 'episodes', 'zz-pier.txt'),
      'Pier Talk\n0:00 Intro\n2:15 Divers inspected the TEA blades beside the pier at dawn\n',
    );
    writeFileSync(
      join(dataDir, 'episodes', 'aa-harbour.txt'),
      'Harbour Talk\n0:00 Intro\n4:10 The Tidal Energy Array (TEA) turns under the harbour wall\n',
    );
    const stored = await rebuildIndex({ dataDir, logger, sliceSources: 7 });
    expect(stored.segments).toHaveLength(4);
    expect(stored.manifest.counts.episodes).toBe(26);
    const parallel = SegmentedIndex.of(stored.segments);
    const { index: whole, file } = await buildIndexFile({ dataDir, logger });
    expect(stored.manifest.counts).toEqual(file.manifest.counts);
    expect(stored.manifest.coverage).toEqual(file.manifest.coverage);
    expect(answers(parallel, 'tidal energy array divers')[0]?.[0]).toMatch(/^zz-pier#/);
    const questions = queryMix(random(7), vocab, texts, 1000);
    // Passages are analysed alike and scored with the catalogue's statistics; a weak partial match a
    // segment's own ranking cuts may differ (999 of these 1,000 top fives are the same).
    expect(topFiveAgreement(parallel, whole, questions)).toBeGreaterThanOrEqual(0.99);

    const merged = await mergeSegments({ dataDir }, { all: true });
    const one = SegmentedIndex.of(merged?.segments ?? []);
    for (const question of questions.slice(0, 200))
      expect(answers(one, question)).toEqual(answers(whole, question));
  }, 300_000);

  it('builds in one pass when two slices hold episodes of one id, refusing one as a full build does', async () => {
    const { dataDir } = catalogue(6);
    const copy = syntheticEpisode(0, vocabulary(random(1), 4000), random(100));
    writeFileSync(join(dataDir, 'episodes', 'zz-same.json'), JSON.stringify(copy));
    const stored = await rebuildIndex({ dataDir, logger, sliceSources: 3 });
    expect(stored.segments).toHaveLength(1);
    expect(stored.manifest.rejected.map((r) => r.file)).toEqual(['zz-same.json']);
  }, 120_000);
});
