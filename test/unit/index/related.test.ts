import { describe, expect, it } from 'vitest';
import { relatedTerms } from '../../../src/index/related.js';
import { stem } from '../../../src/text/analyze.js';
import { wordNet } from '../../../src/text/wordnet.js';

describe('relatedTerms', () => {
  const words = ['competitors', 'shortage', 'the', 'h100', 'x'];
  const related = relatedTerms(words, new Set(words.map(stem)), wordNet());

  it('maps words the corpus never uses to the corpus terms WordNet relates them to', () => {
    expect(related.get(stem('rival'))).toEqual([stem('competitors')]);
    expect(related.get(stem('dearth'))).toEqual([stem('shortage')]);
  });

  it('leaves out what the corpus already says, stopwords, and tokens that are no words', () => {
    expect(related.has(stem('competitors'))).toBe(false);
    expect([...related.values()].flat()).not.toContain('the');
    expect([...related.values()].flat()).not.toContain('h100');
  });
});
