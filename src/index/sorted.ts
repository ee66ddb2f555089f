/**
 * Binary search over sorted arrays: the term dictionary and the vocabulary (strings, in UTF-16 code
 * unit order), and postings and passage terms (numbers). Two functions, not one generic: each keeps
 * its comparisons of one type, which the engine compiles to the fast path.
 */

/** The first position in `sorted` whose key is not below `key`. */
export function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first position in `sorted[from, to)` whose value is not below `value` (`to` when none is). */
export function lowerBoundOf(sorted: Uint32Array, value: number, from = 0, to = sorted.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether `sorted[from, to)` holds `value`. */
export function holds(sorted: Uint32Array, value: number, from = 0, to = sorted.length): boolean {
  const at = lowerBoundOf(sorted, value, from, to);
  return at < to && sorted[at] === value;
}
