import { describe, expect, it } from 'vitest';
import { MAX_MERGED_PASSAGES, MERGE_AT, mergePlan } from '../../../src/index/merge.js';
import type { StoredSegment } from '../../../src/index/store.js';

/** Segments of these many passages, nothing deleted: all the policy reads of them. */
const segments = (...sizes: number[]) =>
  sizes.map(
    (length) => ({ index: { passages: { length } }, entry: { deleted: [] } }) as unknown as StoredSegment,
  );

describe('the merge policy', () => {
  it('merges a tier once it holds MERGE_AT segments of one order of magnitude', () => {
    const small = Array.from({ length: MERGE_AT - 1 }, () => 300);
    expect(mergePlan(segments(50_000, ...small))).toBeNull();
    expect(mergePlan(segments(50_000, ...small, 400))).toEqual(
      Array.from({ length: MERGE_AT }, (_, i) => i + 1),
    );
  });

  it('never merges a segment of half the largest merged size, nor makes one above it', () => {
    const half = MAX_MERGED_PASSAGES / 2;
    expect(mergePlan(segments(...Array.from({ length: MERGE_AT + 2 }, () => half)))).toBeNull();
    const large = Math.floor(half * 0.9);
    // Five segments of 90,000 passages: two fit in one merge.
    expect(mergePlan(segments(...Array.from({ length: MERGE_AT }, () => large)))).toEqual([0, 1]);
  });
});
