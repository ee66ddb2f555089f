import type MiniSearch from 'minisearch';
import { type Steps, touchInSteps } from './cooperative.js';
import { holds, lowerBound } from './sorted.js';

/**
 * The compiled query structure: MiniSearch's inverted index, packed into typed arrays (a sorted term
 * dictionary, postings with each field's term frequencies, each passage's field lengths) so a question
 * is scored in one pass over its postings, without a result object per passage. Scores are BM25 as
 * MiniSearch computes them (same parameters, field boosts, prefix and fuzzy weights, same sums).
 */

/** The indexed fields, in MiniSearch's field order: a passage's section title, then its text. */
export const FIELDS = ['section', 'text'] as const;
/** MiniSearch's default BM25 parameters (`SearchOptions.bm25`). */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
/** MiniSearch's default weights of a term met by a near spelling, or as a prefix (`SearchOptions.weights`). */
export const MATCH_WEIGHTS = { fuzzy: 0.45, prefix: 0.375 };

/** What is stored: plain numbers and typed arrays. */
export interface PostingsArrays {
  documentCount: number;
  /** Per field, as MiniSearch averaged it. */
  averageFieldLength: number[];
  /** The term dictionary, sorted by UTF-16 code units (as `Array.prototype.sort` does). */
  terms: readonly string[];
  /** Term `t`'s postings in field `f`: `docs`/`freqs` from `offsets[2t+f]` to `offsets[2t+f+1]`. */
  offsets: Uint32Array;
  /** Passage numbers, ascending within each term and field. */
  docs: Uint32Array;
  /** How often the term occurs in that passage's field. */
  freqs: Uint16Array;
  /** Passage `p`'s distinct terms in field `f` at `2p+f` (MiniSearch's field length). */
  fieldLengths: Uint16Array;
}

/**
 * The statistics of the whole catalogue when these postings are one segment of it, so a segment's
 * passages are scored by BM25 over every segment's live passages.
 */
export interface CollectionStatistics {
  documentCount: number;
  /** Per field. */
  averageFieldLength: readonly number[];
  /** In how many of the catalogue's passages `term` occurs in field `field`. */
  matching(term: string, field: number): number;
}

/** MiniSearch's internals this compiles from (7.x, pinned in package.json). */
interface MiniSearchInternals {
  _index: Iterable<[string, Map<number, Map<number, number>>]>;
  _documentIds: Map<number, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _documentCount: number;
  _fieldIds: Record<string, number>;
}

export class Postings {
  constructor(readonly arrays: PostingsArrays) {}

  /** Packs a built MiniSearch index whose ids are passage numbers. */
  static fromMiniSearch(engine: MiniSearch<unknown>): Postings {
    const inner = engine as unknown as MiniSearchInternals;
    const fieldIds = FIELDS.map((field) => inner._fieldIds[field] as number);
    const entries = [...inner._index].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    let total = 0;
    for (const [, data] of entries) for (const field of fieldIds) total += data.get(field)?.size ?? 0;
    const offsets = new Uint32Array(2 * entries.length + 1);
    const docs = new Uint32Array(total);
    const freqs = new Uint16Array(total);
    let at = 0;
    entries.forEach(([, data], t) => {
      fieldIds.forEach((field, f) => {
        offsets[2 * t + f] = at;
        const start = at;
        for (const [shortId, freq] of data.get(field) ?? []) {
          docs[at] = inner._documentIds.get(shortId) as number;
          freqs[at++] = freq;
        }
        sortPostings(docs, freqs, start, at);
      });
    });
    offsets[2 * entries.length] = at;
    const fieldLengths = new Uint16Array(2 * inner._documentCount);
    for (const [shortId, lengths] of inner._fieldLength) {
      const doc = inner._documentIds.get(shortId) as number;
      fieldIds.forEach((field, f) => (fieldLengths[2 * doc + f] = lengths[field] ?? 0));
    }
    return new Postings({
      documentCount: inner._documentCount,
      averageFieldLength: fieldIds.map((field) => inner._avgFieldLength[field] ?? 0),
      terms: entries.map(([term]) => term),
      offsets,
      docs,
      freqs,
      fieldLengths,
    });
  }

  /** Whether passage `doc` is in a term's postings (for the terms a shown hit matched). */
  contains(term: number, doc: number): boolean {
    const { offsets, docs } = this.arrays;
    for (let f = 0; f < FIELDS.length; f++)
      if (holds(docs, doc, offsets[2 * term + f] as number, offsets[2 * term + f + 1] as number)) return true;
    return false;
  }

  /**
   * In how many passages `term` occurs in field `field` (0 when it is not in the dictionary); with
   * `live`, only the passages it holds (a segment's passages not deleted).
   */
  matching(term: string, field: number, live?: (doc: number) => boolean): number {
    const id = this.id(term);
    if (id < 0) return 0;
    const { offsets, docs } = this.arrays;
    const [from, to] = [offsets[2 * id + field] as number, offsets[2 * id + field + 1] as number];
    if (!live) return to - from;
    let count = 0;
    for (let p = from; p < to; p++) if (live(docs[p] as number)) count++;
    return count;
  }

  /** How many passages `term` occurs in (in any field) that `live` does not hold. */
  deletedWith(term: string, live: (doc: number) => boolean): number {
    const id = this.id(term);
    if (id < 0) return 0;
    const { offsets, docs } = this.arrays;
    const seen = new Set<number>();
    for (let p = offsets[2 * id] as number; p < (offsets[2 * id + FIELDS.length] as number); p++) {
      const doc = docs[p] as number;
      if (!live(doc)) seen.add(doc);
    }
    return seen.size;
  }

  get termCount(): number {
    return this.arrays.terms.length;
  }

  /** A term's number in the dictionary, or -1. */
  id(term: string): number {
    const { terms } = this.arrays;
    const at = lowerBound(terms, term);
    return terms[at] === term ? at : -1;
  }

  term(id: number): string {
    return this.arrays.terms[id] as string;
  }

  /** The terms that start with `prefix` and are longer (MiniSearch's `atPrefix` without the term itself). */
  longerWithPrefix(prefix: string): number[] {
    const { terms } = this.arrays;
    const out: number[] = [];
    for (let t = lowerBound(terms, prefix); t < terms.length && (terms[t] as string).startsWith(prefix); t++)
      if ((terms[t] as string).length > prefix.length) out.push(t);
    return out;
  }

  /**
   * The terms within `maxDistance` edits of `query` (Levenshtein, as MiniSearch's `fuzzyGet`), without
   * the term itself: term → distance, in dictionary order (see `nearIn`).
   */
  near(query: string, maxDistance: number): Map<number, number> {
    return nearIn(this.arrays.terms, query, maxDistance);
  }
}

/**
 * The positions of the terms of `terms` (sorted by UTF-16 code units) within `maxDistance` edits of
 * `query`, without the term itself: position → distance, in ascending order. Walks the sorted terms
 * as a trie: terms sharing a prefix are one range, and a prefix whose best distance already exceeds
 * the limit ends its whole range. Any sorted terms: one index's dictionary, or every segment's joined.
 */
export function nearIn(terms: readonly string[], query: string, maxDistance: number): Map<number, number> {
  const found = new Map<number, number>();
  const n = query.length;
  // One row of the distance table per depth of the walk, allocated once per query.
  const rows = Array.from({ length: n + maxDistance + 1 }, () => new Uint8Array(n + 1));
  const walk = (lo: number, hi: number, depth: number) => {
    const row = rows[depth] as Uint8Array;
    let i = lo;
    if ((terms[i] as string).length === depth) {
      const distance = row[n] as number;
      if (distance > 0 && distance <= maxDistance) found.set(i, distance);
      i++;
    }
    if (depth >= n + maxDistance) return;
    const next = rows[depth + 1] as Uint8Array;
    while (i < hi) {
      const char = (terms[i] as string).charCodeAt(depth);
      const end = groupEnd(terms, i, hi, depth, char);
      next[0] = (row[0] as number) + 1;
      let best = next[0] as number;
      for (let j = 1; j <= n; j++) {
        const replace = (row[j - 1] as number) + (query.charCodeAt(j - 1) === char ? 0 : 1);
        const value = Math.min(replace, (row[j] as number) + 1, (next[j - 1] as number) + 1);
        next[j] = value;
        if (value < best) best = value;
      }
      if (best <= maxDistance) walk(i, end, depth + 1);
      i = end;
    }
  };
  (rows[0] as Uint8Array).forEach((_, j, row) => (row[j] = j));
  if (terms.length > 0) walk(0, terms.length, 0);
  return found;
}

/** One query term's postings to score: a dictionary term, its weight, and its boost per field. */
export interface Contribution {
  term: number;
  /** 1 for the term itself, less for a prefix or near spelling (`MATCH_WEIGHTS`). */
  weight: number;
  /** Per field (`FIELDS`). */
  boosts: readonly number[];
}

/** A query term as MiniSearch reports it (`queryTerms`): what it matched through. */
export interface Source {
  /** Its number among the query's distinct terms (a result's quality counts distinct terms). */
  distinct: number;
  /** Bits set on every passage it matches (what it credits, for coverage). */
  credits: number;
  contributions: readonly Contribution[];
}

/** One of the question's terms, searched: the term itself, or else any of its relations. */
export interface Leaf {
  exact: Source;
  related: readonly Source[];
}

/**
 * The passages a query touched, with what each matched, after one pass: `score` as MiniSearch's
 * (before multiplying by quality), `leaves` a bit per leaf matched (AND is all bits), `credits` the
 * sources' credit bits, `quality` the distinct query terms matched. Valid until the next pass.
 */
export interface Scored {
  touched: Uint32Array;
  count: number;
  score: Float64Array;
  leaves: Uint16Array;
  credits: Uint32Array;
  quality: Uint8Array;
}

/**
 * Scores queries over postings with accumulators allocated once per index: a pass costs its postings,
 * not the corpus. Sums keep MiniSearch's grouping (each leaf's term, plus its relations summed apart,
 * then leaf after leaf), so scores match its own to the last bit.
 */
export class Scorer {
  private readonly total: Float64Array;
  private readonly leaf: Float64Array;
  private readonly relations: Float64Array;
  private readonly source: Float64Array;
  private readonly lists: Uint32Array[];
  private readonly leaves: Uint16Array;
  private readonly credits: Uint32Array;
  private readonly quality: Uint8Array;
  /** Per passage, a bit per distinct query term matched, `seenWords` words wide in the last pass. */
  private seen = new Uint32Array(0);
  private seenWords = 1;
  /**
   * The catalogue's count of passages matching each term and field of these postings (`2t+f`; -1 not
   * yet asked), for the `collection` it was read from: asked once per term, not once per question
   * (a half-typed word's hundreds of prefix terms were a string key and a lookup each, every question).
   */
  private matchingIn: { collection: CollectionStatistics; counts: Int32Array } | null = null;
  private scored: Scored | null = null;

  /** Per passage, whether it is some takeaway's section summary (its matches lend them context). */
  private readonly isSummary: Uint8Array;

  /** @param summaryOf each passage's section summary when it is a takeaway, else -1 */
  constructor(
    private readonly postings: Postings,
    private readonly summaryOf: Int32Array,
  ) {
    const n = postings.arrays.documentCount;
    this.isSummary = new Uint8Array(n);
    for (const summary of summaryOf) if (summary >= 0) this.isSummary[summary] = 1;
    this.total = new Float64Array(n);
    this.leaf = new Float64Array(n);
    this.relations = new Float64Array(n);
    this.source = new Float64Array(n);
    this.lists = Array.from({ length: 4 }, () => new Uint32Array(n));
    this.leaves = new Uint16Array(n);
    this.credits = new Uint32Array(n);
    this.quality = new Uint8Array(n);
  }

  /** Maps the accumulators' memory now (see `touchInSteps`), for a question matching one word per passage. */
  *reserve(): Steps<void> {
    const n = this.postings.arrays.documentCount;
    if (this.seen.length < n) this.seen = new Uint32Array(n);
    for (const array of [
      this.total,
      this.leaf,
      this.relations,
      this.source,
      ...this.lists,
      this.leaves,
      this.credits,
      this.quality,
      this.seen,
    ])
      yield* touchInSteps(array);
  }

  /**
   * One pass over the leaves' postings. `allowed`: when set, passages it does not hold are skipped
   * (an episode filter), which MiniSearch applies after scoring: the scores of the rest are the same.
   *
   * `essential`: the first leaves that a passage must match to be able to reach the relevance floor
   * (max-score pruning, see `essentialLeaves`). The later leaves only add to passages that matched
   * one of them, whose section summary did, or that are section summaries (whose matches lend their
   * takeaways context): any other passage they would touch cannot reach the floor. All leaves by default.
   *
   * `collection`: when these postings are one segment, the whole catalogue's statistics to score with.
   */
  score(
    leaves: readonly Leaf[],
    distinctSources: number,
    allowed?: (doc: number) => boolean,
    essential = leaves.length,
    collection?: CollectionStatistics,
  ): Scored {
    this.clear();
    const words = Math.max(1, Math.ceil(distinctSources / 32));
    const n = this.postings.arrays.documentCount;
    if (this.seen.length < n * words) this.seen = new Uint32Array(n * words);
    this.seenWords = words;
    const [all, inLeaf, inRelations, inSource] = this.lists as [
      Uint32Array,
      Uint32Array,
      Uint32Array,
      Uint32Array,
    ];
    let count = 0;
    leaves.forEach((leaf, l) => {
      let leafCount = 0;
      let relationCount = 0;
      const gate = l < essential ? undefined : (1 << essential) - 1;
      const bit = 1 << l;
      // A leaf of its term alone (most are): its source's sums go straight to the totals, the same
      // additions in the same order as through the leaf's own sum, without two more passes over them.
      if (leaf.related.length === 0) {
        const source = leaf.exact;
        const sourceCount = this.accumulate(source, inSource, allowed, gate, collection);
        const distinctBit = 1 << (source.distinct & 31);
        const word = source.distinct >> 5;
        for (let i = 0; i < sourceCount; i++) {
          const doc = inSource[i] as number;
          this.matched(doc, doc * words + word, distinctBit, source.credits);
          if (this.leaves[doc] === 0) all[count++] = doc;
          this.leaves[doc] = (this.leaves[doc] as number) | bit;
          this.total[doc] = (this.total[doc] as number) + (this.source[doc] as number);
          this.source[doc] = 0;
        }
        return;
      }
      const sources = [leaf.exact, ...leaf.related];
      sources.forEach((source, s) => {
        const sourceCount = this.accumulate(source, inSource, allowed, gate, collection);
        const bit = 1 << (source.distinct & 31);
        const word = source.distinct >> 5;
        for (let i = 0; i < sourceCount; i++) {
          const doc = inSource[i] as number;
          const value = this.source[doc] as number;
          this.source[doc] = 0;
          this.matched(doc, doc * words + word, bit, source.credits);
          if (s === 0) {
            this.leaf[doc] = value;
            inLeaf[leafCount++] = doc;
          } else {
            if (this.relations[doc] === 0) inRelations[relationCount++] = doc;
            this.relations[doc] = (this.relations[doc] as number) + value;
          }
        }
      });
      for (let i = 0; i < relationCount; i++) {
        const doc = inRelations[i] as number;
        if (this.leaf[doc] === 0) inLeaf[leafCount++] = doc;
        this.leaf[doc] = (this.leaf[doc] as number) + (this.relations[doc] as number);
        this.relations[doc] = 0;
      }
      for (let i = 0; i < leafCount; i++) {
        const doc = inLeaf[i] as number;
        if (this.leaves[doc] === 0) all[count++] = doc;
        this.leaves[doc] = (this.leaves[doc] as number) | bit;
        this.total[doc] = (this.total[doc] as number) + (this.leaf[doc] as number);
        this.leaf[doc] = 0;
      }
    });
    this.scored = {
      touched: all,
      count,
      score: this.total,
      leaves: this.leaves,
      credits: this.credits,
      quality: this.quality,
    };
    return this.scored;
  }

  /**
   * Adds a source's postings into `this.source`; returns how many passages it touched (listed in
   * `into`). With `essential` (a mask of the essential leaves), only passages that may still reach
   * the floor are added to.
   */
  private accumulate(
    source: Source,
    into: Uint32Array,
    allowed?: (doc: number) => boolean,
    essential?: number,
    collection?: CollectionStatistics,
  ): number {
    const { leaves, isSummary, summaryOf } = this;
    const { offsets, docs, freqs, fieldLengths } = this.postings.arrays;
    const { documentCount, averageFieldLength } = collection ?? this.postings.arrays;
    const { k, b, d } = BM25;
    let count = 0;
    for (const { term, weight, boosts } of source.contributions) {
      for (let f = 0; f < FIELDS.length; f++) {
        const from = offsets[2 * term + f] as number;
        const to = offsets[2 * term + f + 1] as number;
        if (from === to) continue;
        const matching = collection ? this.matching(collection, term, f) : to - from;
        const invDocFreq = Math.log(1 + (documentCount - matching + 0.5) / (matching + 0.5));
        const average = averageFieldLength[f] as number;
        const factor = weight * (boosts[f] as number);
        for (let p = from; p < to; p++) {
          const doc = docs[p] as number;
          if (allowed && !allowed(doc)) continue;
          if (
            essential !== undefined &&
            ((leaves[doc] as number) & essential) === 0 &&
            isSummary[doc] === 0 &&
            ((summaryOf[doc] as number) < 0 ||
              ((leaves[summaryOf[doc] as number] as number) & essential) === 0)
          )
            continue;
          const termFreq = freqs[p] as number;
          const fieldLength = fieldLengths[2 * doc + f] as number;
          const raw =
            invDocFreq * (d + (termFreq * (k + 1)) / (termFreq + k * (1 - b + (b * fieldLength) / average)));
          if (this.source[doc] === 0) into[count++] = doc;
          this.source[doc] = (this.source[doc] as number) + factor * raw;
        }
      }
    }
    return count;
  }

  /**
   * Notes that passage `doc` matched a source: its distinct term (bit `bit` of `seen` word `at`)
   * counts once in its quality, and its credit bits are added.
   */
  private matched(doc: number, at: number, bit: number, credits: number): void {
    const seen = this.seen[at] as number;
    if ((seen & bit) === 0) {
      this.seen[at] = seen | bit;
      this.quality[doc] = (this.quality[doc] as number) + 1;
    }
    this.credits[doc] = (this.credits[doc] as number) | credits;
  }

  /** In how many of the catalogue's passages term number `term` occurs in field `field`. */
  private matching(collection: CollectionStatistics, term: number, field: number): number {
    if (this.matchingIn?.collection !== collection) {
      const counts = new Int32Array(2 * this.postings.termCount).fill(-1);
      this.matchingIn = { collection, counts };
    }
    const { counts } = this.matchingIn;
    let count = counts[2 * term + field] as number;
    if (count < 0) counts[2 * term + field] = count = collection.matching(this.postings.term(term), field);
    return count;
  }

  /** Resets what the last pass touched, so a pass costs its own postings only. */
  private clear(): void {
    const last = this.scored;
    if (!last) return;
    const words = this.seenWords;
    for (let i = 0; i < last.count; i++) {
      const doc = last.touched[i] as number;
      this.total[doc] = 0;
      this.leaves[doc] = 0;
      this.credits[doc] = 0;
      this.quality[doc] = 0;
      for (let w = doc * words; w < doc * words + words; w++) this.seen[w] = 0;
    }
    this.scored = null;
  }
}

/** The end of the run of terms in `[from, hi)` whose code unit at `depth` is `char` (they are sorted). */
function groupEnd(terms: readonly string[], from: number, hi: number, depth: number, char: number): number {
  let lo = from + 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((terms[mid] as string).charCodeAt(depth) <= char) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Sorts a run of postings by passage (MiniSearch lists them in insertion order, which is already so). */
function sortPostings(docs: Uint32Array, freqs: Uint16Array, from: number, to: number): void {
  let sorted = true;
  for (let i = from + 1; i < to && sorted; i++) sorted = (docs[i - 1] as number) < (docs[i] as number);
  if (sorted) return;
  const pairs = Array.from({ length: to - from }, (_, i) => [docs[from + i], freqs[from + i]] as const);
  pairs.sort((a, b) => (a[0] as number) - (b[0] as number));
  pairs.forEach(([doc, freq], i) => {
    docs[from + i] = doc as number;
    freqs[from + i] = freq as number;
  });
}
