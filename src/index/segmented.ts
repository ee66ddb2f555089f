import { COMMON_SYNONYMS, Thesaurus } from '../text/thesaurus.js';
import type { Passage } from '../passages/passage.js';
import { type Steps, inBatches, runCooperatively, runNow } from './cooperative.js';
import {
  EpisodeIndex,
  type IndexParts,
  type NearSpellings,
  type SearchHit,
  type SearchOptions,
  type SearchOutcome,
  outcomeOf,
  unsearchable,
} from './EpisodeIndex.js';
import { highlight } from './highlight.js';
import { type Lexicon, type Lookup, SortedTable, type TermTable, type VocabularyEntry } from './lexicon.js';
import { type CollectionStatistics, type Postings, nearIn } from './postings.js';
import { MAX_QUESTION_CHARS, questionTerms } from './question.js';
import { DEFAULT_RANKING, collapse, coverageStep } from './ranking.js';
import type { StoredSegment } from './store.js';
import { lowerBound } from './sorted.js';
import { Suggestions } from './suggestions.js';

/**
 * The catalogue's index as a list of immutable segments (see docs/segments.md): a full build is one
 * segment; a change to a few sources adds a small one and deletes their old episodes from the older
 * ones. A question is analysed once against the whole catalogue's lexicon, each segment is scored
 * with the whole catalogue's statistics (document count, document frequencies, average field
 * lengths: BM25 over every segment), and the segments' ranked passages are merged in ranking order.
 * One segment with nothing deleted is answered by its index alone, exactly as before.
 */

/** A segment as read: its stored parts, and its manifest entry (with its deletion set). */
export type OpenSegment = Pick<StoredSegment, 'index' | 'entry'>;

/**
 * A segment under one deletion set: what its passages add to the catalogue's statistics. Kept per
 * segment while its deletion set is unchanged (`lives`), so a swap joins only what changed.
 */
interface Live {
  index: EpisodeIndex;
  deleted: ReadonlySet<string>;
  /** The deletion set as stored: a manifest naming the segment with the same one reuses this. */
  deletedKey: string;
  /** Its passages not deleted, or undefined when none is. */
  live?: (doc: number) => boolean;
  passages: number;
  /** Each field's length summed over the live passages. */
  lengths: readonly number[];
  /** Live passages per field and term, counted from the postings once (only with deletions). */
  matching: Map<string, number>;
  /** Deleted passages per term (any field), counted from the postings once (only with deletions). */
  deletedWith: Map<string, number>;
}

/**
 * Each stored segment's index, made once: segments are immutable, so a swap to a manifest that names
 * an open segment again (with more deleted) reuses its index, not its cost.
 */
const indexes = new WeakMap<IndexParts, EpisodeIndex>();
/** Each index's live part under its latest deletion set. */
const lives = new WeakMap<EpisodeIndex, Live>();
/** Indexes already warmed in this process: a swap warms only the new segments. */
const warmed = new WeakSet<EpisodeIndex>();

export class SegmentedIndex {
  private constructor(
    private readonly segments: readonly Live[],
    /** The whole catalogue's lexicon (every segment's live passages). */
    readonly lexicon: Lexicon,
    /** BM25's statistics over the live passages of every segment. */
    readonly statistics: CollectionStatistics,
    private readonly suggestions: Suggestions,
    private readonly dictionary: JoinedDictionary,
  ) {}

  /** The index over `segments` (oldest first), made now. */
  static of(segments: readonly OpenSegment[]): SegmentedIndex {
    return runNow(SegmentedIndex.assemble(segments));
  }

  /** `of` a slice at a time, so a process answering questions meanwhile never stalls for long. */
  static load(segments: readonly OpenSegment[]): Promise<SegmentedIndex> {
    return runCooperatively(SegmentedIndex.assemble(segments));
  }

  private static *assemble(segments: readonly OpenSegment[]): Steps<SegmentedIndex> {
    const open: Live[] = [];
    for (const segment of segments) {
      let index = indexes.get(segment.index);
      if (!index) indexes.set(segment.index, (index = yield* EpisodeIndex.assemble(segment.index)));
      yield;
      const deletedKey = segment.entry.deleted.join('\n');
      let live = lives.get(index);
      if (live?.deletedKey !== deletedKey)
        lives.set(index, (live = yield* liveOf(index, segment, deletedKey)));
      open.push(live);
      yield;
    }
    const lexicon = yield* collectionLexicon(open);
    const statistics = collectionStatistics(open);
    const dictionary = new JoinedDictionary(open.map(({ index }) => index.postings.arrays.terms));
    return new SegmentedIndex(open, lexicon, statistics, new Suggestions(lexicon), dictionary);
  }

  /** The one segment that answers alone (nothing deleted from it), or null. */
  private get single(): EpisodeIndex | null {
    const [only, ...others] = this.segments;
    return only && others.length === 0 && only.live === undefined ? only.index : null;
  }

  get segmentCount(): number {
    return this.segments.length;
  }

  /** Passages not deleted, across the segments. */
  get passageCount(): number {
    return this.segments.reduce((sum, segment) => sum + segment.passages, 0);
  }

  /** All passages above the relevance floor for a question, best first, across the segments. */
  search(question: string, options: SearchOptions = {}): SearchOutcome {
    const single = this.single;
    if (single) return single.search(question, options);
    const text = question.slice(0, MAX_QUESTION_CHARS);
    const terms = questionTerms(text, this.lexicon);
    if (terms.length === 0) return unsearchable(text);
    const { episodes } = options;
    // Near spellings are found once over every segment's terms, not walked once per segment.
    const near = this.dictionary.nearOnce();
    const scored = this.segments.map(({ index, deleted, live }) => {
      const allowed =
        episodes === undefined
          ? live
          : index.episodeFilter({ has: (id) => episodes.has(id) && !deleted.has(id) });
      return { index, scored: index.scoreTerms(terms, allowed, this.statistics, near(index.postings)) };
    });
    // Whether passages matching part of the question compete is decided over the whole catalogue.
    const matchingAll = scored.reduce((sum, { scored }) => sum + scored.matchingAll, 0);
    // One ranking over every segment's examined passages: each segment examines its best
    // `maxExamined`, which hold its share of the catalogue's best `maxExamined`; those are taken
    // here and collapsed once (per section, near-duplicates compared by their terms' names), so no
    // segment's own cut of its list differs from one index's (docs/segments.md, "One ranking").
    const examined = scored.flatMap(({ index, scored }, segment) =>
      scored.examine(matchingAll).map((ranked) => ({ ...ranked, segment, index, scored })),
    );
    const { maxExamined } = DEFAULT_RANKING;
    const best =
      examined.length <= maxExamined
        ? examined
        : examined
            .sort((a, b) => coverageStep(b.coverage) - coverageStep(a.coverage) || b.score - a.score)
            .slice(0, maxExamined);
    best.sort(
      (a, b) =>
        coverageStep(b.coverage) - coverageStep(a.coverage) ||
        (b.uses ?? 0) - (a.uses ?? 0) ||
        b.score - a.score,
    );
    const kept = collapse(
      best,
      // A section lives in one segment: its number there, made unique across segments.
      ({ segment, index, doc }) => segment * 2 ** 32 + (index.parts.table.groupOf[doc] as number),
      ({ segment, index, doc }) => this.dictionary.textTerms(segment, index, doc),
      DEFAULT_RANKING,
    );
    return outcomeOf(
      kept.map((ranked) => ranked.scored.hit(ranked)),
      text,
      this.suggestions,
    );
  }

  /** The character ranges `[start, end)` of a hit's text that matched. */
  highlight(hit: SearchHit): [number, number][] {
    const single = this.single;
    if (single) return single.highlight(hit);
    return highlight(hit.passage.text, hit.terms, this.lexicon.thesaurus);
  }

  /** A live passage by its id (the newest segment holding its episode alive). */
  passage(id: string): Passage | undefined {
    const episode = id.slice(0, id.indexOf('#'));
    for (let s = this.segments.length - 1; s >= 0; s--) {
      const { index, deleted } = this.segments[s] as Live;
      if (deleted.has(episode)) continue;
      const found = index.passage(id);
      if (found) return found;
    }
    return undefined;
  }

  /**
   * Live passages, across the segments, of the episodes `ids` holds (all when undefined): what a
   * view scoped to those episodes searches.
   */
  passagesOf(ids?: ReadonlySet<string>): number {
    if (ids === undefined) return this.passageCount;
    let count = 0;
    for (const { index, deleted } of this.segments) {
      const { episodeOf, episodeIds } = index.parts.table;
      const inScope = episodeIds.map((id) => ids.has(id) && !deleted.has(id));
      for (const episode of episodeOf) if (inScope[episode]) count++;
    }
    return count;
  }

  /** Every segment's alias groups (moderators' and found acronyms), each group once. */
  get aliases(): string[][] {
    const groups = new Map<string, string[]>();
    for (const { index } of this.segments)
      for (const group of index.parts.lexicon.aliases) groups.set(JSON.stringify(group), group);
    return [...groups.values()];
  }

  /** A hit's text terms, from the segment that answered it (the one holding its episode alive). */
  textTermsOf(hit: SearchHit): string[] {
    const single = this.single;
    if (single) return single.textTermsOf(hit);
    const episode = hit.episodeId;
    for (let s = this.segments.length - 1; s >= 0; s--) {
      const { index, deleted } = this.segments[s] as Live;
      if (!deleted.has(episode) && index.parts.table.episodeIds.includes(episode))
        return index.textTermsOf(hit);
    }
    return [];
  }

  /** Warms the segments not warmed yet, then the catalogue's spellings (see `EpisodeIndex.warm`). */
  async warm(): Promise<void> {
    for (const { index } of this.segments) {
      if (warmed.has(index)) continue;
      await index.warm();
      warmed.add(index);
    }
    if (this.single) return;
    await runCooperatively(this.suggestions.prepare());
    await runCooperatively(this.dictionary.prepare());
  }
}

/**
 * Every segment's term dictionary joined (sorted, each term once): a question's near spellings are
 * found in it once, then looked up in each segment's dictionary, rather than walked in each (the
 * walk was four tenths of a question's time over 14 segments; docs/search.md, "Speed of a question").
 * A term is near a word whatever dictionary holds it, so each segment gets the same terms, in the
 * same order, as its own walk finds. A word's position in it is also its number in every segment,
 * for comparing passages of different segments (near-duplicates) without their terms' strings.
 */
class JoinedDictionary {
  private terms?: readonly string[];
  /** Per segment, each of its term numbers' position in the joined dictionary (-1: not yet looked up). */
  private readonly positions: Int32Array[] = [];

  constructor(private readonly dictionaries: readonly (readonly string[])[]) {}

  /** Joins the dictionaries now, in steps, rather than at the first question that needs it. */
  *prepare(): Steps<void> {
    this.terms ??= yield* joinSorted(this.dictionaries);
  }

  /**
   * For one question: each segment's near spellings (given its postings), found in the joined
   * dictionary at most once per term and distance.
   */
  nearOnce(): (postings: Postings) => NearSpellings {
    const found = new Map<string, [string, number][]>();
    return (postings) => (term, distance) => {
      const key = `${distance}\u0000${term}`;
      let words = found.get(key);
      if (!words) found.set(key, (words = this.near(term, distance)));
      const own: [number, number][] = [];
      for (const [word, edits] of words) {
        const id = postings.id(word);
        if (id >= 0) own.push([id, edits]);
      }
      return own;
    };
  }

  /**
   * Passage `doc` of segment number `segment`: its text terms as positions in the joined dictionary
   * (one number per word in every segment, for near-duplicates across segments), sorted. A segment's
   * term is looked up once, then kept.
   */
  textTerms(segment: number, index: EpisodeIndex, doc: number): Uint32Array {
    const terms = this.joined;
    const positions = (this.positions[segment] ??= new Int32Array(index.postings.termCount).fill(-1));
    const { textStart, textTerms } = index.parts.table;
    const own = textTerms.subarray(textStart[doc], textStart[doc + 1]);
    const shared = new Uint32Array(own.length);
    own.forEach((term, i) => {
      let at = positions[term] as number;
      if (at < 0) positions[term] = at = lowerBound(terms, index.postings.term(term));
      shared[i] = at;
    });
    return shared.sort();
  }

  private get joined(): readonly string[] {
    if (!this.terms) runNow(this.prepare());
    return this.terms as readonly string[];
  }

  private near(term: string, distance: number): [string, number][] {
    const terms = this.joined;
    return [...nearIn(terms, term, distance)].map(([at, edits]) => [terms[at] as string, edits]);
  }
}

/** Sorted lists of strings as one sorted list, each string once: merged two by two, in steps. */
function* joinSorted(lists: readonly (readonly string[])[]): Steps<readonly string[]> {
  let round = [...lists];
  while (round.length > 1) {
    const next: (readonly string[])[] = [];
    for (let i = 0; i < round.length; i += 2) {
      const [a, b] = [round[i] as readonly string[], round[i + 1]];
      next.push(b ? yield* mergeSorted(a, b) : a);
    }
    round = next;
  }
  return round[0] ?? [];
}

function* mergeSorted(a: readonly string[], b: readonly string[]): Steps<string[]> {
  const out: string[] = [];
  let [i, j] = [0, 0];
  while (i < a.length || j < b.length) {
    const [x, y] = [a[i], b[j]];
    if (y === undefined || (x !== undefined && x < y)) out.push(a[i++] as string);
    else if (x === undefined || y < x) out.push(b[j++] as string);
    else {
      out.push(x);
      i++;
      j++;
    }
    if (out.length % 50_000 === 0) yield;
  }
  return out;
}

/** A segment's live part under the deletion set `deletedKey`: its live passages and their field lengths. */
function* liveOf(index: EpisodeIndex, segment: OpenSegment, deletedKey: string): Steps<Live> {
  const deleted = new Set(segment.entry.deleted);
  const base = { index, deleted, deletedKey, matching: new Map(), deletedWith: new Map() };
  const { documentCount: n, averageFieldLength, fieldLengths } = index.parts.postings;
  if (deleted.size === 0)
    return {
      ...base,
      passages: index.parts.passages.length,
      lengths: averageFieldLength.map((average) => average * n),
    };
  const live = index.episodeFilter({ has: (id) => !deleted.has(id) });
  const lengths = averageFieldLength.map(() => 0);
  let passages = 0;
  for (let doc = 0; doc < n; doc++) {
    if (live(doc)) {
      passages++;
      for (let f = 0; f < lengths.length; f++)
        lengths[f] = (lengths[f] as number) + (fieldLengths[2 * doc + f] as number);
    }
    if (doc % 50_000 === 49_999) yield;
  }
  return { ...base, live, passages, lengths };
}

/** A value counted once per key. */
function counted(counts: Map<string, number>, key: string, count: () => number): number {
  let value = counts.get(key);
  if (value === undefined) counts.set(key, (value = count()));
  return value;
}

/** Reads the first of several lookups that has a key, as joining them oldest first would keep it. */
class FirstOf<V> implements Lookup<string, V> {
  constructor(
    private readonly lookups: readonly Lookup<string, V>[],
    /** Keys the join has none of whatever the lookups hold. */
    private readonly without: (key: string) => boolean = () => false,
  ) {}

  get(key: string): V | undefined {
    if (this.without(key)) return undefined;
    for (const lookup of this.lookups) {
      const value = lookup.get(key);
      if (value !== undefined) return value;
    }
    return undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }
}

/**
 * The whole catalogue's lexicon, for analysing a question once: every segment's vocabulary together
 * (document frequencies summed), the alias groups of all, and their relations, inflections and
 * phrases joined as one build over all passages would have made them, as far as the segments tell:
 * an irregular form one segment never uses but another does is no longer mapped, and a phrase one
 * segment writes is no longer withheld. Only the alias groups are joined now; the rest is read
 * through the segments' own tables when a question asks (a few lookups per segment), so a swap costs
 * no pass over every segment's tables.
 */
function* collectionLexicon(segments: readonly Live[]): Steps<Lexicon> {
  const indexes = segments.map(({ index }) => index);
  const [first] = indexes;
  if (segments.length === 1 && first && !segments[0]?.live) return first.lexicon;
  const vocabulary = new CatalogueVocabulary(
    segments.map(({ index: { parts, postings }, live, deletedWith }) => {
      const { terms, df, surfaces } = parts.lexicon.vocabulary;
      // A term's passages deleted from a segment no longer count.
      const at = (i: number) => {
        const term = terms[i] as string;
        const deleted = live ? counted(deletedWith, term, () => postings.deletedWith(term, live)) : 0;
        return { df: (df[i] as number) - deleted, surface: surfaces[i] as string };
      };
      return new SortedTable(terms, at);
    }),
  );
  const thesaurus = new Thesaurus(COMMON_SYNONYMS);
  const groups = new Set<string>();
  for (const { parts } of indexes)
    yield* inBatches(
      parts.lexicon.aliases,
      (group) => {
        const key = JSON.stringify(group);
        if (groups.has(key)) return;
        groups.add(key);
        thesaurus.add(group);
      },
      200,
    );
  const lexicons = indexes.map(({ lexicon }) => lexicon);
  // A phrase is withheld only when no segment writes its two words together: a segment that knows
  // either word yet does not withhold it wrote them so.
  const writes = (phrase: string) => {
    const words = phrase.split(' ');
    return (other: Lexicon) =>
      !other.phrases.has(phrase) &&
      words.some((word) => other.vocabulary.has(word) || other.related.has(word));
  };
  return {
    passageCount: segments.reduce((sum, { passages }) => sum + passages, 0),
    thesaurus,
    vocabulary,
    commonness: (first as EpisodeIndex).lexicon.commonness,
    related: new FirstOf(lexicons.map(({ related }) => related)),
    inflected: new FirstOf(
      lexicons.map(({ inflected }) => inflected),
      (form) => vocabulary.has(form),
    ),
    phrases: {
      has: (phrase) => lexicons.some(({ phrases }) => phrases.has(phrase)) && !lexicons.some(writes(phrase)),
    },
  };
}

/** The segments' vocabularies as one: a term's passages summed, its surface the oldest segment's. */
class CatalogueVocabulary implements TermTable<VocabularyEntry> {
  constructor(private readonly tables: readonly SortedTable<VocabularyEntry>[]) {}

  has(key: string): boolean {
    return this.tables.some((table) => table.has(key));
  }

  get(key: string): VocabularyEntry | undefined {
    let found: VocabularyEntry | undefined;
    for (const table of this.tables) {
      const entry = table.get(key);
      if (entry) found = found ? { df: found.df + entry.df, surface: found.surface } : entry;
    }
    return found;
  }

  /** Each term once, in sorted order as one table of them all would give them (the tables merged). */
  *values(): IterableIterator<VocabularyEntry> {
    const { tables } = this;
    const next = tables.map(() => 0);
    for (;;) {
      let least: string | undefined;
      tables.forEach(({ keys }, t) => {
        const key = keys[next[t] as number];
        if (key !== undefined && (least === undefined || key < least)) least = key;
      });
      if (least === undefined) return;
      let found: VocabularyEntry | undefined;
      tables.forEach((table, t) => {
        const at = next[t] as number;
        if (table.keys[at] !== least) return;
        const entry = table.valueAt(at);
        found = found ? { df: found.df + entry.df, surface: found.surface } : entry;
        next[t] = at + 1;
      });
      yield found as VocabularyEntry;
    }
  }
}

/**
 * BM25's statistics over every segment's live passages, as a full build of them would count: a
 * passage deleted but not yet merged away counts nowhere (Lucene counts it until a merge). Each
 * segment's part is its own (`Live`): a term's live passages in a segment with deletions are counted
 * once per deletion set, the first time it is asked for, and kept across swaps.
 */
function collectionStatistics(segments: readonly Live[]): CollectionStatistics {
  const documentCount = segments.reduce((sum, segment) => sum + segment.passages, 0);
  const lengths = [0, 1].map((f) => segments.reduce((sum, { lengths }) => sum + (lengths[f] ?? 0), 0));
  return {
    documentCount,
    averageFieldLength: lengths.map((sum) => (documentCount === 0 ? 0 : sum / documentCount)),
    matching: (term, field) =>
      segments.reduce(
        (sum, { index: { postings }, live, matching }) =>
          sum +
          (live
            ? counted(matching, `${field}\u0000${term}`, () => postings.matching(term, field, live))
            : postings.matching(term, field)),
        0,
      ),
  };
}
