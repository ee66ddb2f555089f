import { describe, expect, it } from 'vitest';
import {
  inflectedTerms,
  inflectionGroups,
  phraseCandidates,
  phrasesOf,
  relatedTerms,
} from '../../../src/index/related.js';
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

describe('inflectedTerms', () => {
  const inflected = inflectedTerms(new Set(['spend', 'bought', 'was'].map(stem)), wordNet());

  it('maps an irregular form the corpus lacks to the form it uses, either way', () => {
    expect(inflected.get(stem('spent'))).toBe(stem('spend'));
    expect(inflected.get(stem('buy'))).toBe(stem('bought'));
  });

  it('leaves stopwords and what the corpus already says alone', () => {
    expect(inflected.has(stem('be'))).toBe(false);
    expect(inflected.has(stem('spend'))).toBe(false);
  });

  it('lets an irregular form stand for what its base is related to', () => {
    const related = relatedTerms(['purchase'], new Set([stem('purchase')]), wordNet());
    expect(related.get(stem('buy'))).toContain(stem('purchase'));
    expect(related.get(stem('bought'))).toEqual(related.get(stem('buy')));
  });
});

describe('phrasesOf', () => {
  const phrase = (a: string, b: string) => `${stem(a)} ${stem(b)}`;

  it('keeps the phrases the corpus uses one word of, or neither with relations to withhold', () => {
    const phrases = phrasesOf(
      new Set([stem('climate')]),
      new Set(),
      new Map([[stem('fusion'), ['mix']]]),
      phraseCandidates(wordNet()),
    );
    expect(phrases.has(phrase('climate', 'change'))).toBe(true);
    expect(phrases.has(phrase('nuclear', 'fusion'))).toBe(true);
    expect(phrases.has(phrase('interest', 'rate'))).toBe(false);
  });

  it('keeps a phrase whose words the corpus uses both only when it never writes them together', () => {
    const known = new Set([stem('health'), stem('code'), stem('climate'), stem('change')]);
    const phrases = phrasesOf(
      known,
      new Set([phrase('climate', 'change')]),
      new Map(),
      phraseCandidates(wordNet()),
    );
    expect(phrases.has(phrase('health', 'code'))).toBe(true);
    expect(phrases.has(phrase('climate', 'change'))).toBe(false);
  });
});

describe('inflectionGroups', () => {
  const groups = inflectionGroups(
    new Set(['buy', 'bought', 'bad', 'worse', 'leave', 'left', 'spend']),
    wordNet(),
  );

  it('joins an irregular form and its base when the corpus uses both, an adjective’s degree too', () => {
    expect(groups).toContainEqual(['buy', 'bought']);
    expect(groups).toContainEqual(['bad', 'worse']);
  });

  it('leaves apart a form that is a noun of its own, and a base whose form the corpus lacks', () => {
    expect(groups).not.toContainEqual(['leave', 'left']);
    expect(groups.flat()).not.toContain('spend');
  });
});
