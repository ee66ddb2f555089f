import { stem } from '../text/analyze.js';
import { COMMON_SYNONYMS, Thesaurus } from '../text/thesaurus.js';
import { type Steps, inBatches } from './cooperative.js';
import { lowerBound } from './sorted.js';

/**
 * The lexicon: what the pages say, as question analysis and suggestions read it, built once per index.
 * The two large tables (the corpus's vocabulary, English commonness) are sorted columns searched by
 * halving, so loading one costs a split of a string, not a Map of a hundred thousand entries.
 */

/** Terms with a value each, looked up by term or read all (one sorted table, or segments' tables together). */
export interface TermTable<V> {
  has(key: string): boolean;
  get(key: string): V | undefined;
  /** Each term's value once. */
  values(): IterableIterator<V>;
}

/** Sorted keys, each with a value: `get` by binary search. */
export class SortedTable<V> implements TermTable<V> {
  /** @param keys sorted by UTF-16 code units, distinct */
  constructor(
    readonly keys: readonly string[],
    /** The value of the key at `index`. */
    readonly valueAt: (index: number) => V,
  ) {}

  get size(): number {
    return this.keys.length;
  }

  indexOf(key: string): number {
    const at = lowerBound(this.keys, key);
    return this.keys[at] === key ? at : -1;
  }

  has(key: string): boolean {
    return this.indexOf(key) >= 0;
  }

  get(key: string): V | undefined {
    const at = this.indexOf(key);
    return at < 0 ? undefined : this.valueAt(at);
  }

  *values(): IterableIterator<V> {
    for (let i = 0; i < this.keys.length; i++) yield this.valueAt(i);
  }
}

/** Values looked up by key: a map, or several segments' maps read as one. */
export interface Lookup<K, V> {
  has(key: K): boolean;
  get(key: K): V | undefined;
}

/** A corpus term's entry: in how many passages it occurs, and a surface word to show in suggestions. */
export interface VocabularyEntry {
  df: number;
  surface: string;
}

export interface Lexicon {
  /** How many passages the corpus has (rarity is relative to it). */
  passageCount: number;
  thesaurus: Thesaurus;
  vocabulary: TermTable<VocabularyEntry>;
  /** A term the corpus never uses → the corpus terms WordNet relates it to. */
  related: Lookup<string, readonly string[]>;
  /** A term → how common its word is in English (SemCor count; absent: not an English word WordNet knows). */
  commonness: SortedTable<number>;
  /** An irregular form the corpus never uses → the same word's term it does ("spent" → "spend"). */
  inflected: Lookup<string, string>;
  /** Two-word phrases in which a word means the phrase, not its relations (`"nuclear fusion"`). */
  phrases: Pick<ReadonlySet<string>, 'has'>;
}

/** The lexicon as stored: columns and plain JSON. */
export interface StoredLexicon {
  /** Alias groups in force when built (moderators' and found acronyms), so search analyses alike. */
  aliases: string[][];
  vocabulary: { terms: string[]; df: Uint32Array; surfaces: string[] };
  commonness: { terms: string[]; counts: Float64Array };
  related: [string, string[]][];
  inflected: [string, string][];
  phrases: string[];
}

/** The lexicon from its stored form, in steps (see `cooperative.ts`). */
export function* lexiconOf(stored: StoredLexicon, passageCount: number): Steps<Lexicon> {
  const { vocabulary, commonness } = stored;
  const thesaurus = new Thesaurus(COMMON_SYNONYMS);
  yield* inBatches(stored.aliases, (group) => thesaurus.add(group), 200);
  const related = new Map<string, readonly string[]>();
  yield* inBatches(stored.related, ([term, terms]) => related.set(term, terms));
  const inflected = new Map<string, string>();
  yield* inBatches(stored.inflected, ([form, term]) => inflected.set(form, term));
  const phrases = new Set<string>();
  yield* inBatches(stored.phrases, (phrase) => phrases.add(phrase));
  return {
    passageCount,
    thesaurus,
    vocabulary: new SortedTable(vocabulary.terms, (i) => ({
      df: vocabulary.df[i] as number,
      surface: vocabulary.surfaces[i] as string,
    })),
    commonness: new SortedTable(commonness.terms, (i) => commonness.counts[i] as number),
    related,
    inflected,
    phrases,
  };
}

/** Sorted columns of a term → value map (the stored form of a `SortedTable`). */
export function columns<V>(entries: Iterable<[string, V]>): { terms: string[]; values: V[] } {
  const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { terms: sorted.map(([term]) => term), values: sorted.map(([, value]) => value) };
}

/** Each English word's commonness under its term: stems share it, the most common word speaking for them. */
export function commonnessOfTerms(frequencies: ReadonlyMap<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  const written = new Map<string, number>();
  for (const [lemma, count] of frequencies) {
    const words = lemma.split('_');
    if (words.length === 1) {
      const term = stem(lemma);
      out.set(term, Math.max(out.get(term) ?? 0, count));
    } else if (words.length === 2 && words.every((word) => /^[a-z]{3,}$/.test(word))) {
      // A two-word entry is also known written as one ("hot tub" as "hottub"), unless that is a word.
      const term = stem(words.join(''));
      written.set(term, Math.max(written.get(term) ?? 0, count));
    }
  }
  for (const [term, count] of written) if (!out.has(term)) out.set(term, count);
  return out;
}
