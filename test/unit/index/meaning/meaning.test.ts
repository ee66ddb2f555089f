import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../../../src/index/EpisodeIndex.js';
import { EpisodeIndex } from '../../../../src/index/EpisodeIndex.js';
import { DIMENSIONS, gloveVectors } from '../../../../src/index/meaning/glove.js';
import { Meaning, fuseWithinSteps } from '../../../../src/index/meaning/meaning.js';
import { SegmentedIndex } from '../../../../src/index/segmented.js';
import { windowOf } from '../../../standin/embeddings.js';
import type { SegmentEntry } from '../../../../src/index/store.js';
import type { Passage } from '../../../../src/passages/passage.js';

const hit = (id: number, coverage: number): SearchHit =>
  ({ doc: id, coverage, score: 1, episodeId: 'e', terms: [] }) as unknown as SearchHit;

describe('fuseWithinSteps', () => {
  it('never lifts a passage above one covering more of the question, however close its meaning', () => {
    const hits = [hit(0, 1), hit(1, 0.6), hit(2, 0.6)];
    const fused = fuseWithinSteps(hits, [0.1, 0.9, 0.95]);
    expect(fused.map((h) => h.doc)).toEqual([0, 2, 1]);
  });

  it('keeps the lexical order when meaning agrees with it', () => {
    const hits = [hit(0, 0.7), hit(1, 0.7), hit(2, 0.7)];
    expect(fuseWithinSteps(hits, [0.9, 0.5, 0.1]).map((h) => h.doc)).toEqual([0, 1, 2]);
  });
});

describe('GloVe vectors', () => {
  const vectors = gloveVectors();

  it('are read from the package, unit length, and near for related words', () => {
    expect(vectors).not.toBeNull();
    const cos = (a: string, b: string) => {
      const x = vectors?.vector(a) as Int8Array;
      const y = vectors?.vector(b) as Int8Array;
      let sum = 0;
      for (let d = 0; d < DIMENSIONS; d++) sum += (x[d] as number) * (y[d] as number);
      return sum / 127 / 127;
    };
    expect(cos('senator', 'senator')).toBeCloseTo(1, 1);
    expect(cos('senator', 'politician')).toBeGreaterThan(cos('senator', 'banana') + 0.3);
  });

  it('order passages that words found equally by what they mean', () => {
    const passage = windowOf;
    const index = EpisodeIndex.build([
      passage(0, 'The trip was long.'),
      passage(1, 'Our trip home on the ferry ran late and cold.'),
      passage(2, 'The trip went to the capital, where the senator met voters, lawmakers and the governor.'),
    ]);
    const meaning = new Meaning(index, vectors as NonNullable<typeof vectors>);
    // Words find the three trips alike (the shortest first); what the rest of the question means
    // lifts the senator's trip above a ferry's.
    const hits = index.search('trip').hits;
    expect(hits.map((h) => h.doc)).toEqual([0, 1, 2]);
    expect(meaning.order('the politician trip', hits).map((h) => h.doc)).toEqual([0, 2, 1]);
  });
});

describe('meaning over segments', () => {
  const passage = (episode: string, text: string): Passage => ({
    id: `${episode}#transcript-0`,
    episodeId: episode,
    episodeTitle: episode,
    kind: 'transcript',
    section: 'Part',
    text,
    start: 0,
    end: 60,
    approximate: false,
    url: null,
  });

  it("reads a hit's terms from the segment that answered it, whose numbers are its own", () => {
    const ferry = EpisodeIndex.build([passage('ferry', 'The ferry ran late and cold.')]);
    const senator = EpisodeIndex.build([passage('senator', 'The senator met voters at the capital.')]);
    const entry = { deleted: [] } as unknown as SegmentEntry;
    const both = SegmentedIndex.of([ferry, senator].map(({ parts }) => ({ index: parts, entry })));
    const [found] = both.search('senator voters').hits;
    expect(found?.doc).toBe(0);
    expect(both.textTermsOf(found as SearchHit)).toEqual(senator.textTermsOf(found as SearchHit));
    expect(both.textTermsOf(found as SearchHit)).not.toEqual(ferry.textTermsOf(found as SearchHit));
    expect(both.lexicon.passageCount).toBe(2);
  });
});
