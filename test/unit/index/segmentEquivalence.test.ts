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

describe('one ranking over segments', () => {
  it('keeps what one index keeps when a segment’s own best passages are near-duplicates of another’s', async () => {
    const { dataDir, vocab, logger } = emptyCatalogue('cut', 3);
    const write = (episode: ReturnType<typeof syntheticEpisode>) =>
      writeFileSync(join(dataDir, 'episodes', `${episode.id}.json`), JSON.stringify(episode));
    for (let n = 0; n < 6; n++) write(syntheticEpisode(n, vocab, random(400 + n)));
    // A chapter saying only "Quorlax vendel": every passage whose text uses both near-duplicates it.
    const lone = syntheticEpisode(6, vocab, random(406));
    write({ ...lone, chapters: [{ title: 'Quorlax vendel', start: 0 }, ...lone.chapters.slice(1)] });
    await refreshIndex({ dataDir, logger });
    // A new segment: 80 sections of short passages using both words (its best, more than a ranking
    // keeps even at two per section, all near-duplicates of the chapter) and long passages using
    // "quorlax" alone (what one ranking keeps).
    const many = syntheticEpisode(7, vocab, random(407));
    const words = vocab.words.slice(100);
    write({
      ...many,
      sections: [
        ...Array.from({ length: 80 }, (_, s) => ({
          ...(many.sections[0] as (typeof many.sections)[0]),
          title: `Part ${words[s]}`,
          summary: `Quorlax vendel ${words[1000 + s]}.`,
          bullets: Array.from({ length: 2 }, (_, b) => `Quorlax vendel ${words[2000 + s * 2 + b]}.`),
        })),
        ...many.sections.map((section) => ({
          ...section,
          bullets: section.bullets.map((bullet) => `Quorlax ${bullet}`),
        })),
      ],
    });
    const stored = await refreshIndex({ dataDir, logger });
    expect(stored.segments).toHaveLength(2);
    const segmented = SegmentedIndex.of(stored.segments);
    const { index: full } = await buildIndexFile({ dataDir, logger });
    const [ours, theirs] = [segmented, full].map((index) =>
      index.search('quorlax').hits.map((hit) => hit.passage.id),
    );
    expect(theirs?.length).toBeGreaterThan(1);
    expect(ours).toEqual(theirs);
  });
});

describe('near spellings over segments', () => {
  it('matches a mistyped word to its near spellings in every segment, as a full build does', async () => {
    const { dataDir, vocab, logger } = emptyCatalogue('near', 5);
    // Two spellings near "marrowvaile", each used by one episode only, each episode its own segment.
    const write = (n: number, word: string) => {
      const episode = syntheticEpisode(n, vocab, random(500 + n));
      const [first, ...rest] = episode.sections;
      const section = first as (typeof episode.sections)[0];
      const bullets = [`The ${word} ledger was read aloud.`, ...section.bullets];
      writeFileSync(
        join(dataDir, 'episodes', `${episode.id}.json`),
        JSON.stringify({ ...episode, sections: [{ ...section, bullets }, ...rest] }),
      );
    };
    for (let n = 0; n < 3; n++) write(n, n === 1 ? 'Marrowvale' : 'Quillstone');
    await refreshIndex({ dataDir, logger });
    write(3, 'Marrowvane');
    const stored = await refreshIndex({ dataDir, logger });
    expect(stored.segments.length).toBeGreaterThanOrEqual(2);
    const segmented = SegmentedIndex.of(stored.segments);
    const { index: full } = await buildIndexFile({ dataDir, logger });
    const [ours, theirs] = [segmented, full].map((index) => index.search('marrowvaile ledger').hits);
    expect(new Set(ours?.slice(0, 2).map((hit) => hit.episodeId))).toEqual(
      new Set(['synthetic-1', 'synthetic-3']),
    );
    // The same passages, through the same terms; scores alike but for the last bits of the averages.
    const shown = (hits: typeof ours) => hits?.map((hit) => [hit.passage.id, hit.terms]);
    expect(shown(ours)).toEqual(shown(theirs));
    ours?.forEach((hit, i) => expect(hit.score).toBeCloseTo(theirs?.[i]?.score ?? 0, 9));
  });
});

/** A catalogue with no episodes yet, in a fresh directory, and the synthetic vocabulary of `seed`. */
function emptyCatalogue(name: string, seed: number) {
  const dataDir = mkdtempSync(join(tmpdir(), `podqa-segments-${name}-`));
  mkdirSync(join(dataDir, 'episodes'));
  return { dataDir, vocab: vocabulary(random(seed), 4000), logger: pino({ level: 'silent' }) };
}
