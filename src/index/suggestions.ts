import { STOPWORDS, stem, tokenSpans } from '../text/analyze.js';
import { type Steps, inBatches, runNow } from './cooperative.js';
import type { Lexicon } from './lexicon.js';

/**
 * Spelling suggestions ("did you mean"): the question again, each word the corpus never uses replaced
 * by the closest word it does, and each misspelt common word ("wat", "abuot") by that word.
 */
export class Suggestions {
  /** The vocabulary by first letter and length, so a suggestion reads a few words, not all. */
  private spellingsByKey?: Map<string, { surface: string; df: number }[]>;

  constructor(private readonly lexicon: Pick<Lexicon, 'vocabulary' | 'commonness'>) {}

  /**
   * The corrected question, or null when no word changed. `onlyTypos`: every word it replaced is no
   * word of English either (no SemCor count), so the question was surely mistyped and the correction
   * may be answered in its place; "gold prices" may mean gold, whatever the pages hold.
   */
  suggest(text: string): { text: string; onlyTypos: boolean } | null {
    let changed = false;
    let onlyTypos = true;
    const words = tokenSpans(text).map(({ term: word }) => {
      if (STOPWORDS.has(word) || this.lexicon.vocabulary.has(stem(word))) return word;
      const english = (this.lexicon.commonness.get(stem(word)) ?? 0) > 0;
      // A stopword mistyped ("wat", "abuot") is no English word; "gold" is not "told".
      const correction =
        (english ? null : closestStopword(word)) ?? (word.length < 4 ? null : this.closest(word));
      if (correction) {
        changed = true;
        if (english) onlyTypos = false;
      }
      return correction ?? word;
    });
    return changed ? { text: words.join(' '), onlyTypos } : null;
  }

  /** Sorts the vocabulary into spellings now, in steps, rather than at the first question that needs it. */
  *prepare(): Steps<void> {
    if (this.spellingsByKey) return;
    const byKey = new Map<string, { surface: string; df: number }[]>();
    yield* inBatches(this.lexicon.vocabulary.values(), (entry) => {
      const key = spellingKey(entry.surface, entry.surface.length);
      const bucket = byKey.get(key);
      if (bucket) bucket.push(entry);
      else byKey.set(key, [entry]);
    });
    this.spellingsByKey = byKey;
  }

  private get spellings(): Map<string, { surface: string; df: number }[]> {
    if (!this.spellingsByKey) runNow(this.prepare());
    return this.spellingsByKey as Map<string, { surface: string; df: number }[]>;
  }

  /** The corpus's word nearest `word` (fewest edits, then most passages), or null past the limit. */
  private closest(word: string): string | null {
    let best: { surface: string; distance: number; df: number } | null = null;
    const limit = word.length >= 6 ? 2 : 1;
    for (let length = word.length - limit; length <= word.length + limit; length++) {
      for (const { surface, df } of this.spellings.get(spellingKey(word, length)) ?? []) {
        const distance = editDistance(word, surface, limit);
        if (
          distance <= limit &&
          (!best || distance < best.distance || (distance === best.distance && df > best.df))
        ) {
          best = { surface, distance, df };
        }
      }
    }
    return best?.surface ?? null;
  }
}

/**
 * Stopwords of three letters or more, by length: a question's unknown word one edit or one swap of
 * neighbours from one ("wat", "abuot") is that word mistyped, not a name.
 */
const STOPWORDS_BY_LENGTH = (() => {
  const byLength = new Map<number, string[]>();
  for (const word of STOPWORDS) {
    if (word.length < 3 || !/^\p{L}+$/u.test(word)) continue;
    byLength.set(word.length, [...(byLength.get(word.length) ?? []), word]);
  }
  return byLength;
})();

function closestStopword(word: string): string | null {
  if (word.length < 3) return null;
  const near = [word.length, word.length + 1, word.length - 1].flatMap(
    (length) =>
      STOPWORDS_BY_LENGTH.get(length)?.filter((stopword) => editDistance(word, stopword, 1, true) <= 1) ?? [],
  );
  // Typing keeps a word's ends: "wat" is "what", not "was".
  const keepsEnds = (stopword: string) => stopword[0] === word[0] && stopword.at(-1) === word.at(-1);
  return near.find(keepsEnds) ?? near[0] ?? null;
}

const spellingKey = (word: string, length: number) => `${word[0] ?? ''}${length}`;

/** Three rows of the distance table, kept between calls: words are short, and this runs per candidate. */
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * Levenshtein distance (with `swaps`, a swap of neighbours counts one edit), giving up (returning
 * limit + 1) once it must exceed the limit.
 */
function editDistance(a: string, b: string, limit: number, swaps = false): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if ((rows[0] as Int32Array).length <= b.length) rows = rows.map(() => new Int32Array(2 * b.length + 2));
  let [before, previous, current] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (swaps && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, (before[j - 2] as number) + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length] as number;
}
