import { describe, expect, it } from 'vitest';
import {
  type Evidence,
  type HitFacts,
  type WeightedTerm,
  evidenceOf,
  heldBy,
  refusesAnswer,
} from '../../../src/answers/noAnswer.js';

const term = (name: string, weight: number, extra: Partial<WeightedTerm> = {}): WeightedTerm => ({
  term: name,
  df: 3,
  weight,
  related: [],
  outOfPhrase: false,
  ...extra,
});
const hit = (terms: string[], extra: Partial<HitFacts> = {}): HitFacts => ({
  coverage: 0.6,
  score: 10,
  episodeId: 'harbour-41',
  terms,
  ...extra,
});

// "was anyone hurt in the ferry accident": "accident" says most of it.
const ferry = [term('hurt', 0.2), term('ferri', 0.25), term('accid', 0.55)];

describe('the evidence of an answer', () => {
  it('is none without a hit', () => {
    expect(evidenceOf(ferry, 'transcript', [], null)).toBeNull();
  });

  it("reads the share of the question the top passage's own words hold, a relation at half", () => {
    const terms = [term('senat', 0.3), term('abortion', 0.7, { df: 0, related: ['abort'] })];
    const evidence = evidenceOf(terms, 'transcript', [hit(['senat', 'abort'])], null);
    expect(evidence?.ownCoverage).toBeCloseTo(0.3 + 0.7 * 0.5);
    expect(evidence?.heaviest).toBe('relation');
    expect(evidence?.heaviestShare).toBeCloseTo(0.7);
    expect(evidence?.family).toBe('window');
  });

  it('tells a near spelling of an unknown word from a word the passage lacks', () => {
    const typo = term('micorn', 0.7, { df: 0 });
    const accounted = new Set(['micorn', 'earn']);
    expect(heldBy(new Set(['micron', 'earn']), typo, accounted)).toBe('spelling');
    expect(heldBy(new Set(['earn']), typo, accounted)).toBe('none');
    // A known word is never met by spelling: the passage lacks it.
    expect(heldBy(new Set(['micron', 'earn']), term('micorn', 0.7), accounted)).toBe('none');
    expect(heldBy(new Set(['micorn']), term('micorn', 0.7, { outOfPhrase: true }), accounted)).toBe('none');
  });

  it('reads the agreement with the vector order, the lead and the episodes answering as well', () => {
    const hits = [
      hit(['ferri', 'hurt'], { score: 12 }),
      hit(['ferri'], { score: 8, episodeId: 'harbour-42' }),
      hit(['hurt'], { score: 6, coverage: 0.2 }),
    ];
    const evidence = evidenceOf(ferry, 'summary', hits, [0.4, 0.7, 0.5]);
    expect(evidence?.meaningRank).toBe(2);
    expect(evidence?.cosine).toBeCloseTo(0.4);
    expect(evidence?.lead).toBeCloseTo(1.5);
    expect(evidence?.episodes).toBe(2);
    expect(evidence?.hits).toBe(3);
    expect(evidence?.family).toBe('written');
  });
});

describe('the no-answer rule', () => {
  const evidence = (extra: Partial<Evidence>): Evidence => ({
    family: 'window',
    coverage: 0.46,
    ownCoverage: 0.46,
    heaviest: 'none',
    heaviestShare: 0.55,
    cosine: 0.67,
    meaningRank: 0,
    lead: 1,
    episodes: 1,
    hits: 1,
    ...extra,
  });

  it("refuses a passage lacking the word that carries half the question's weight, of either family", () => {
    expect(refusesAnswer(evidence({}))).toBe(true);
    expect(refusesAnswer(evidence({ family: 'written' }))).toBe(true);
    expect(refusesAnswer(evidence({ heaviest: 'relation', heaviestShare: 0.74 }))).toBe(true);
  });

  it('answers when the passage says the heaviest word, or a near spelling of a typo', () => {
    expect(refusesAnswer(evidence({ heaviest: 'word' }))).toBe(false);
    expect(refusesAnswer(evidence({ heaviest: 'spelling', heaviestShare: 1 }))).toBe(false);
  });

  it('answers when the missing word carries less than half the question', () => {
    expect(refusesAnswer(evidence({ heaviestShare: 0.49 }))).toBe(false);
  });

  it('refuses whole answers from the evidence it read: the ferry question over a window without "accident"', () => {
    const read = evidenceOf(ferry, 'transcript', [hit(['ferri', 'hurt'], { coverage: 0.45 })], null);
    expect(read && refusesAnswer(read)).toBe(true);
  });
});
