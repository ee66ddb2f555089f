import { describe, expect, it } from 'vitest';
import { wordNet } from '../../../src/text/wordnet.js';

const wordnet = wordNet();

describe('WordNet', () => {
  it('finds every base form of an inflected word', () => {
    expect(wordnet.baseForms('chips')).toEqual(
      expect.arrayContaining([
        { part: 'noun', lemma: 'chips' },
        { part: 'noun', lemma: 'chip' },
        { part: 'verb', lemma: 'chip' },
      ]),
    );
    expect(wordnet.baseForms('competitors')).toContainEqual({ part: 'noun', lemma: 'competitor' });
    expect(wordnet.baseForms('mircon')).toEqual([]);
  });

  it('relates a word to its synonyms and near relations, through its first senses only', () => {
    const rival = wordnet.related('rivals');
    expect(rival).toContain('competitor');
    expect(rival).not.toContain('rival');
    expect(wordnet.related('shortage')).toContain('deficit');
    expect(wordnet.related('pastime')).toContain('hobby');
    // "chip" as a cow chip is a late sense: never followed.
    expect(wordnet.related('chip')).not.toContain('dung');
    for (const word of wordnet.related('quit')) expect(word).toMatch(/^[^\s_-]+$/);
  });

  it('knows how common an English word is, and which words are English at all', () => {
    const counts = wordnet.frequencies();
    expect(counts.get('make')).toBeGreaterThan(counts.get('money') ?? 0);
    expect(counts.get('money')).toBeGreaterThan(0);
    expect(counts.get('quantum')).toBe(0);
    expect(counts.has('mircon')).toBe(false);
  });

  it("reads irregular forms through WordNet's exception lists", () => {
    expect(wordnet.baseForms('stuck')).toContainEqual({ part: 'verb', lemma: 'stick' });
    expect(wordnet.baseForms('children')).toContainEqual({ part: 'noun', lemma: 'child' });
    expect(wordnet.related('bought')).toContain('purchase');
    // As common as its base: "stuck" is not a rare word, "children" not a name.
    const counts = wordnet.frequencies();
    expect(counts.get('stuck')).toBe(counts.get('stick'));
    expect(counts.get('children')).toBeGreaterThan(0);
  });
});
