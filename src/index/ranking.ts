import { type Steps, touchInSteps } from './cooperative.js';
import type { PassageTable } from './passageTerms.js';
import { holds } from './sorted.js';
import type { Scored } from './postings.js';
import type { QuestionTerm } from './question.js';

/**
 * Ranking: which passages a question's scored matches become, in what order. Its settings are
 * `RankingOptions` (each documented with its default, as MiniSearch documents `SearchOptions`).
 */
export interface RankingOptions {
  /**
   * The relevance floor: a passage must cover at least this share of the question's weight (each term
   * weighted as the question analysis says; matches through relations, near spellings or context count
   * in part). Below it, the question has no real match and gets suggestions instead of guesses.
   * Default 0.45.
   */
  minCoverage: number;
  /**
   * ...and match at least this many of the question's words (or all, when it has fewer): one rare word
   * shared by chance ("super" in "super-founder" for "Super Bowl") is not an answer; a name of two
   * words ("Travis Kalanick") matched whole is no chance. Default 2.
   */
  minMatchedTerms: number;
  /** At most this many passages of one section among the results: the rest say the same thing. Default 2. */
  maxPerSection: number;
  /**
   * At most this many passages answer one question (nobody pages past them): ranking stops collapsing
   * there, and passages matching only part of the question are left out when this many match all of
   * it, so a common word in a large corpus costs no more than a rare one. Default 100.
   */
  maxHits: number;
  /** Collapsing looks at most this many ranked candidates: past them, a corpus of echoes is cut short. Default 500. */
  maxExamined: number;
  /** Two passages sharing this share of their terms are near-duplicates: only the better one is shown. Default 0.8. */
  duplicateOverlap: number;
  /** Section titles say what a passage is about; they count this much more than body text. Default 2. */
  sectionBoost: number;
  /**
   * A question's word the pages never use, met through a WordNet relation ("servers" → "computer"),
   * covers this share of its weight: the relation may be another sense, so the word itself counts
   * more. Default 0.5.
   */
  relatedCredit: number;
  /** ...and scores this much of an exact match. Default 0.5. */
  relatedBoost: number;
  /**
   * A word the corpus never uses, met only by a near spelling ("warren" → "warn"), covers this share of
   * its weight: it may be a typo, or another word. Default 0.5.
   */
  fuzzyCredit: number;
  /**
   * A takeaway is read in its section: a question's word that the takeaway lacks but its section's
   * summary has covers this share of it (the section speaks of it, the takeaway may not). Applied to
   * the results, not indexed with each takeaway, which cost half again the heap and p99. Default 0.75.
   */
  contextCredit: number;
  /**
   * A transcript window is read in its episode: a question's word the window lacks but its episode's
   * title or people have covers this share of it. Weaker than a takeaway's section: the title speaks
   * of the whole hour, the window of one minute of it. It orders the windows that pass the floor by
   * their own words and lets none pass: that alone answered traps. Default 0.5.
   */
  titleCredit: number;
}

export const DEFAULT_RANKING: Readonly<RankingOptions> = Object.freeze({
  minCoverage: 0.45,
  minMatchedTerms: 2,
  maxPerSection: 2,
  maxHits: 100,
  maxExamined: 500,
  duplicateOverlap: 0.8,
  sectionBoost: 2,
  relatedCredit: 0.5,
  relatedBoost: 0.5,
  fuzzyCredit: 0.5,
  contextCredit: 0.75,
  titleCredit: 0.5,
});

/** The credit bits a question term's matches set: bit 2i its own term, bit 2i+1 one of its relations. */
export const ownBit = (i: number) => 1 << (2 * i);
export const relatedBit = (i: number) => 1 << (2 * i + 1);

/**
 * Max-score pruning against the relevance floor: the leaves in the order to score them, and how many
 * of them are essential. Leaves are taken by the most coverage each can give, until the rest together
 * could not give a passage `minCoverage`: a passage matching none of the essential leaves (nor its
 * section summary) cannot reach the floor, so the rest need only be looked up for passages that did.
 *
 * @param credits each leaf's credit bits (its sources' together)
 */
export function essentialLeaves<L>(
  leaves: readonly L[],
  credits: (leaf: L) => number,
  terms: readonly QuestionTerm[],
  options: RankingOptions,
): { order: L[]; essential: number } {
  const total = terms.reduce((sum, term) => sum + term.weight, 0);
  /** The most coverage (as weight) the terms whose bits are in `bits` can give. */
  const most = (bits: number) =>
    terms.reduce((sum, term, i) => {
      if (term.outOfPhrase) return sum;
      const own = bits & ownBit(i) ? (term.df === 0 ? options.fuzzyCredit : 1) : 0;
      const related = bits & relatedBit(i) ? options.relatedCredit : 0;
      return sum + term.weight * Math.max(own, related);
    }, 0);
  const order = [...leaves].sort((a, b) => most(credits(b)) - most(credits(a)));
  // A margin keeps rounding from pruning a passage exactly at the floor.
  const floor = options.minCoverage * total * (1 - 1e-9);
  let essential = 0;
  let rest = order.reduce((bits, leaf) => bits | credits(leaf), 0);
  while (essential < order.length && most(rest) >= floor) {
    essential++;
    rest = order.slice(essential).reduce((bits, leaf) => bits | credits(leaf), 0);
  }
  // Nothing to prune: keep the question's order, so sums run as MiniSearch runs them.
  return essential >= order.length ? { order: [...leaves], essential: leaves.length } : { order, essential };
}

/** A passage ranked: its number, score (MiniSearch's, times the distinct terms it matched) and coverage. */
export interface Ranked {
  doc: number;
  score: number;
  coverage: number;
  /** How many of the question's own words it uses, when the question has some (the order within a step). */
  uses?: number;
}

/**
 * The passages above the floor, best first, at most `maxHits`: by coverage (in steps of a tenth), then
 * own words used, then score; at most `maxPerSection` of a section; near-duplicates dropped.
 *
 * Passages matching every leaf (MiniSearch's AND) are enough when there are `maxHits` of them, or any
 * of them for a one-term question; otherwise every passage matching a leaf (OR) competes.
 */
export function rank(...examined: Parameters<typeof examine>): Ranked[] {
  const [, , , , { groupOf, textStart, textTerms }, options] = examined;
  return collapse(
    examine(...examined),
    ({ doc }) => groupOf[doc] as number,
    ({ doc }) => textTerms.subarray(textStart[doc], textStart[doc + 1]),
    options,
  );
}

/**
 * What `rank` collapses: the first `maxExamined` passages above the floor by step then score, in
 * ranking order (step, own words used, score). One segment's, for a ranking over segments.
 *
 * @param ownWords dictionary numbers of the question's own words inside thesaurus groups: asked about
 *   GPUs, passages saying "GPUs" come before those saying "chips" within a step of coverage.
 */
export function examine(
  scored: Scored,
  terms: readonly QuestionTerm[],
  leafCount: number,
  ownWords: readonly number[],
  table: PassageTable,
  options: RankingOptions,
  /** Passages matching every leaf in the whole catalogue, when these are one segment's. */
  both = matchingAll(scored, leafCount),
): Ranked[] {
  if (leafCount === 0) return [];
  const { touched, count, leaves, credits, quality, score } = scored;
  const all = (1 << leafCount) - 1;
  const anyLeaf = !(both >= options.maxHits || (both > 0 && terms.length === 1));
  const candidate = (doc: number) => {
    const matched = leaves[doc] as number;
    return matched !== 0 && (anyLeaf || matched === all);
  };

  const weights = terms.map((term) => term.weight);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const questionWords = terms.reduce((sum, term) => sum + term.size, 0);
  const minimum = Math.min(options.minMatchedTerms, questionWords);
  const credit = (i: number, bits: number) => {
    const term = terms[i] as QuestionTerm;
    if (term.outOfPhrase) return 0;
    if (bits & ownBit(i)) return term.df === 0 ? options.fuzzyCredit : 1;
    return bits & relatedBit(i) ? options.relatedCredit : 0;
  };
  /** A passage's coverage from its credit bits and its context's (credited `lent`), or -1 below the floor. */
  const coverageOf = (own: number, context: number, lent: number) => {
    let covered = 0;
    let matched = 0;
    for (let t = 0; t < terms.length; t++) {
      const share = Math.max(credit(t, own), lent * credit(t, context));
      covered += share * (weights[t] as number);
      if (share > 0) matched += (terms[t] as QuestionTerm).size;
    }
    const coverage = total === 0 ? 0 : covered / total;
    return coverage < options.minCoverage || matched < minimum ? -1 : coverage;
  };
  // Thousands of passages share a few patterns of credit bits: each pattern's coverage is worked out once.
  const coverages = new Map<number, number>();
  const shift = 2 ** (2 * terms.length);
  const passing = scratch(count);
  let n = 0;
  for (let i = 0; i < count; i++) {
    const doc = touched[i] as number;
    if (!candidate(doc)) continue;
    const own = credits[doc] as number;
    const summary = table.summaryOf[doc] as number;
    const context = summary >= 0 && candidate(summary) ? (credits[summary] as number) : 0;
    // A context in the passage's own section is its summary; in another, its episode's title.
    const byTitle = context !== 0 && table.groupOf[summary] !== table.groupOf[doc] ? 1 : 0;
    // Credit bits are 2 per term: own and context fit one exact key, a small integer up to 7 terms.
    const key = (own * shift + context) * 2 + byTitle;
    let coverage = coverages.get(key);
    // The title orders the windows its words found, but makes no answer: a window passes the floor by its own words.
    if (coverage === undefined)
      coverages.set(
        key,
        (coverage = byTitle
          ? coverageOf(own, 0, 0) < 0
            ? -1
            : coverageOf(own, context, options.titleCredit)
          : coverageOf(own, context, options.contextCredit)),
      );
    if (coverage < 0) continue;
    passing.docs[n] = doc;
    passing.scores[n] = (score[doc] as number) * (quality[doc] as number);
    passing.coverages[n] = coverage;
    passing.steps[n++] = coverageStep(coverage);
  }
  return inOwnWordsOrder(best(passing, n, options.maxExamined), ownWords, table);
}

/** How many of the scored passages match every leaf (MiniSearch's AND). */
export function matchingAll({ touched, count, leaves }: Scored, leafCount: number): number {
  const all = (1 << leafCount) - 1;
  let both = 0;
  for (let i = 0; i < count; i++) if (leaves[touched[i] as number] === all) both++;
  return both;
}

/** Coverage in steps of a tenth: within a step, other signals decide. */
export const coverageStep = (coverage: number) => Math.round(coverage * 10);

const byStepThenScore = (a: Ranked, b: Ranked) =>
  coverageStep(b.coverage) - coverageStep(a.coverage) || b.score - a.score;

/** The passages above the floor, in columns: a question over a common word passes tens of thousands. */
interface Passing {
  docs: Uint32Array;
  scores: Float64Array;
  coverages: Float64Array;
  steps: Uint8Array;
  /** The scores of one step, for selecting among them. */
  cut: Float64Array;
}

/** Columns kept between questions (one question at a time), grown as needed: fresh memory costs page faults. */
let columns: Passing = passingColumns(0);

function passingColumns(size: number): Passing {
  return {
    docs: new Uint32Array(size),
    scores: new Float64Array(size),
    coverages: new Float64Array(size),
    steps: new Uint8Array(size),
    cut: new Float64Array(size),
  };
}

/** Makes room for `size` passing passages now, memory mapped (see `touchInSteps`), in steps. */
export function* reservePassing(size: number): Steps<void> {
  for (const column of Object.values(scratch(size))) yield* touchInSteps(column);
}

function scratch(size: number): Passing {
  if (columns.docs.length < size) columns = passingColumns(Math.max(size, 2 * columns.docs.length));
  return columns;
}

/** The first `limit` of the `n` passing, by step then score, sorted: a selection, not a sort of thousands. */
function best(passing: Passing, n: number, limit: number): Ranked[] {
  const { docs, scores, coverages, steps, cut: inCut } = passing;
  const ranked = (i: number): Ranked => ({
    doc: docs[i] as number,
    score: scores[i] as number,
    coverage: coverages[i] as number,
  });
  const chosen: Ranked[] = [];
  if (n <= limit) {
    for (let i = 0; i < n; i++) chosen.push(ranked(i));
    return chosen.sort(byStepThenScore);
  }
  const perStep = new Array<number>(12).fill(0);
  for (let i = 0; i < n; i++) perStep[steps[i] as number] = (perStep[steps[i] as number] as number) + 1;
  let cut = 11;
  let above = 0;
  while (cut > 0 && above + (perStep[cut] as number) < limit) above += perStep[cut--] as number;
  let m = 0;
  for (let i = 0; i < n; i++) if (steps[i] === cut) inCut[m++] = scores[i] as number;
  const threshold = kthLargest(inCut.subarray(0, m), limit - above);
  let atThreshold = limit - above;
  for (let i = 0; i < n; i++) if (steps[i] === cut && (scores[i] as number) > threshold) atThreshold--;
  for (let i = 0; i < n; i++) {
    const step = steps[i] as number;
    const value = scores[i] as number;
    if (step > cut || (step === cut && value > threshold)) chosen.push(ranked(i));
    else if (step === cut && value === threshold && atThreshold-- > 0) chosen.push(ranked(i));
  }
  return chosen.sort(byStepThenScore);
}

/** The k-th largest value (1-based), by quickselect; reorders `values`. */
function kthLargest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] as number) > pivot) i++;
      while ((values[j] as number) < pivot) j--;
      if (i <= j) {
        const swap = values[i] as number;
        values[i++] = values[j] as number;
        values[j--] = swap;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return values[target] as number;
}

/**
 * Within a step of coverage, the passages that use the question's own words come first: synonyms
 * meet through their group's term ("GPUs" meets "chips"). Sorted here, over the examined passages,
 * rather than queried: a second query per common group cost a quarter of p99 at 100k passages.
 */
function inOwnWordsOrder(examined: Ranked[], ownWords: readonly number[], table: PassageTable): Ranked[] {
  if (ownWords.length === 0) return examined;
  const { textStart, textTerms, groupStart, groupTerms, groupOf } = table;
  const uses = (doc: number) => {
    const group = groupOf[doc] as number;
    const section = groupTerms.subarray(groupStart[group], groupStart[group + 1]);
    const text = textTerms.subarray(textStart[doc], textStart[doc + 1]);
    return ownWords.filter((word) => holds(text, word) || holds(section, word)).length;
  };
  return examined
    .map((ranked) => ({ ranked, step: coverageStep(ranked.coverage), uses: uses(ranked.doc) }))
    .sort((a, b) => b.step - a.step || b.uses - a.uses || b.ranked.score - a.ranked.score)
    .map(({ ranked, uses }) => ({ ...ranked, uses }));
}

/**
 * At most `maxPerSection` passages of a section (`sectionOf`), and no near-duplicates (by their
 * sorted text terms, `termsOf`); the first `maxHits` of `ordered`.
 */
export function collapse<T>(
  ordered: readonly T[],
  sectionOf: (item: T) => number,
  termsOf: (item: T) => Uint32Array,
  options: RankingOptions,
): T[] {
  const perSection = new Map<number, number>();
  const keptTerms = keptInCollapse.reset(options.duplicateOverlap);
  const kept: T[] = [];
  for (const item of ordered) {
    if (kept.length >= options.maxHits) break;
    const section = sectionOf(item);
    const count = perSection.get(section) ?? 0;
    if (count >= options.maxPerSection) continue;
    const terms = termsOf(item);
    if (keptTerms.duplicates(terms)) continue;
    perSection.set(section, count + 1);
    keptTerms.keep(terms);
    kept.push(item);
  }
  return kept;
}

/**
 * The passages kept so far, as an inverted list of their terms, to tell whether a candidate
 * near-duplicates any of them: each candidate term's kept passages are counted up at once, so a check
 * costs the candidate's terms, not a merge with each of up to `maxHits` kept passages (which was a
 * third of ranking's time at 300k). Term lists are sorted and distinct; the verdict is that of
 * comparing the candidate with each kept passage in turn (`shared / smaller >= share`).
 */
export class KeptTerms {
  /** Per term, its first entry (-1: none); `next` chains a term's entries, `keptOf` names each's passage. */
  private head = new Int32Array(0);
  private next = new Int32Array(0);
  private keptOf = new Int32Array(0);
  private entries = 0;
  private lengths: number[] = [];
  /** Per kept passage, the terms it shares with the candidate being checked. */
  private shared = new Int32Array(0);
  private readonly met: number[] = [];
  private readonly terms: number[] = [];
  private share = 1;

  /** Forgets every kept passage, for a question's `share` (the arrays stay, for the next question). */
  reset(share: number): this {
    for (const term of this.terms) this.head[term] = -1;
    this.terms.length = 0;
    this.lengths.length = 0;
    this.entries = 0;
    this.share = share;
    return this;
  }

  /** Whether `candidate` shares at least `share` of the smaller one's terms with a kept passage. */
  duplicates(candidate: Uint32Array): boolean {
    const { head, next, keptOf, shared, met } = this;
    for (let i = 0; i < candidate.length; i++) {
      const term = candidate[i] as number;
      for (let e = term < head.length ? (head[term] as number) : -1; e >= 0; e = next[e] as number) {
        const kept = keptOf[e] as number;
        if (shared[kept] === 0) met.push(kept);
        shared[kept] = (shared[kept] as number) + 1;
      }
    }
    let found = false;
    for (const kept of met) {
      const smaller = Math.max(1, Math.min(candidate.length, this.lengths[kept] as number));
      if ((shared[kept] as number) / smaller >= this.share) found = true;
      shared[kept] = 0;
    }
    met.length = 0;
    return found;
  }

  /** Keeps a passage's terms. */
  keep(terms: Uint32Array): void {
    const kept = this.lengths.length;
    this.lengths.push(terms.length);
    if (this.shared.length <= kept) this.shared = grown(this.shared, kept + 1, 0);
    if (this.next.length < this.entries + terms.length) {
      this.next = grown(this.next, this.entries + terms.length, 0);
      this.keptOf = grown(this.keptOf, this.entries + terms.length, 0);
    }
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i] as number;
      if (term >= this.head.length) this.head = grown(this.head, term + 1, -1);
      const e = this.entries++;
      if (this.head[term] === -1) this.terms.push(term);
      this.next[e] = this.head[term] as number;
      this.keptOf[e] = kept;
      this.head[term] = e;
    }
  }
}

/** `array` copied into one at least `size` long (doubling), the new part filled with `fill`. */
function grown(array: Int32Array, size: number, fill: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(Math.max(size, 2 * array.length)).fill(fill);
  bigger.set(array);
  return bigger;
}

/** Reused question after question (one collapses at a time). */
const keptInCollapse = new KeptTerms();
