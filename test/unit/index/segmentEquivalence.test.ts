import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { topFiveAgreement } from '../../../src/bench/agreement.js';
import { queryMix, random, syntheticEpisode, vocabulary } from '../../../src/bench/corpus.js';
import { buildIndexFile, refreshIndex } from '../../../src/index/build.js';
import { mergeSegments } from '../../../src/index/merge.js';
import { SegmentedIndex } from '../../../src/index/segmented.js';

/**
 * Segments answer as a full build does: before a merge, the top five of nearly every question are
 * the same (deleted passages still count in the statistics, and each segment was analysed with its
 * own corpus); after merging all segments, every answer is the full build's.
 */
describe('segments against a full build', () => {
  it('agree on the top five of ≥ 98% of 2,000 questions with 10 unmerged segments, and on all once merged', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'podqa-segments-'));
    mkdirSync(join(dataDir, 'episodes'));
    const vocab = vocabulary(random(1), 4000);
    const rand = random(7);
    const texts: string[] = [];
    const write = (n: number, seed: number) => {
      const episode = syntheticEpisode(n, vocab, random(seed));
      texts.push(...episode.sections.flatMap((section) => section.bullets.slice(0, 1)));
      writeFileSync(join(dataDir, 'episodes', `${episode.id}.json`), JSON.stringify(episode));
    };
    for (let n = 0; n < 30; n++) write(n, 100 + n);
    const logger = pino({ level: 'silent' });
    await refreshIndex({ dataDir, logger });
    // Ten updates: each adds an episode and rewrites an old one.
    for (let round = 0; round < 10; round++) {
      write(30 + round, 200 + round);
      write(round * 2, 300 + round);
      await refreshIndex({ dataDir, logger });
    }
    const stored = await refreshIndex({ dataDir, logger });
    // Up to eleven: an update that reads an older episode again (for an acronym it defines first)
    // can leave an earlier update's segment with nothing live.
    expect(stored.segments.length).toBeGreaterThanOrEqual(8);
    const segmented = SegmentedIndex.of(stored.segments);
    const { index: full } = await buildIndexFile({ dataDir, logger });
    const questions = queryMix(rand, vocab, texts, 2000);
    expect(topFiveAgreement(segmented, full, questions)).toBeGreaterThanOrEqual(0.98);

    const merged = await mergeSegments({ dataDir }, { all: true });
    expect(merged?.segments).toHaveLength(1);
    const one = SegmentedIndex.of(merged?.segments ?? []);
    expect(topFiveAgreement(one, full, questions)).toBe(1);
    for (const question of questions.slice(0, 200)) {
      const [a, b] = [one, full].map((index) =>
        index.search(question).hits.map((hit) => [hit.passage.id, hit.score]),
      );
      expect(a).toEqual(b);
    }
  }, 300_000);
});
