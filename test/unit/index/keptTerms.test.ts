import { describe, expect, it } from 'vitest';
import { KeptTerms } from '../../../src/index/ranking.js';

/** The verdict a pairwise merge gives: the two sorted, distinct lists share `share` of the smaller one. */
function sharesEnough(a: Uint32Array, b: Uint32Array, share: number): boolean {
  const other = new Set(b);
  const shared = [...a].filter((term) => other.has(term)).length;
  return shared / Math.max(1, Math.min(a.length, b.length)) >= share;
}

/** A sorted, distinct list of up to `most` terms below `range`, from a seeded generator. */
function termList(next: () => number, most: number, range: number): Uint32Array {
  const terms = new Set<number>();
  const size = Math.floor(next() * most);
  while (terms.size < size) terms.add(Math.floor(next() * range));
  return Uint32Array.from([...terms].sort((a, b) => a - b));
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('KeptTerms', () => {
  it('finds a near-duplicate exactly where comparing with each kept passage does', () => {
    const next = seeded(7);
    const kept = new KeptTerms();
    for (let question = 0; question < 20; question++) {
      const share = [0.8, 0.5, 1][question % 3] as number;
      kept.reset(share);
      const lists: Uint32Array[] = [];
      let duplicates = 0;
      for (let candidate = 0; candidate < 200; candidate++) {
        // A small range of terms, so near-duplicates happen; some candidates copy a kept list in part.
        const base = lists.length > 0 && next() < 0.3 ? lists[Math.floor(next() * lists.length)] : undefined;
        const terms = base ? base.filter(() => next() < 0.9) : termList(next, 12, 40);
        const expected = lists.some((other) => sharesEnough(terms, other, share));
        expect(kept.duplicates(terms)).toBe(expected);
        if (expected) duplicates++;
        else {
          kept.keep(terms);
          lists.push(terms);
        }
      }
      expect(duplicates).toBeGreaterThan(0);
    }
  });

  it('forgets the last question when reset, and counts an empty list as sharing nothing', () => {
    const kept = new KeptTerms().reset(0.8);
    kept.keep(Uint32Array.from([1, 2, 3]));
    expect(kept.duplicates(Uint32Array.from([1, 2, 3]))).toBe(true);
    expect(kept.duplicates(new Uint32Array(0))).toBe(false);
    kept.reset(0.8);
    expect(kept.duplicates(Uint32Array.from([1, 2, 3]))).toBe(false);
  });
});
