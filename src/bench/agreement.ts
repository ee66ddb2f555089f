import type { SearchHit, SearchIndex } from '../index/EpisodeIndex.js';
import type { Lexicon } from '../index/lexicon.js';
import { questionTerms } from '../index/question.js';
import type { OpenSegment } from '../index/segmented.js';

/**
 * How far two indexes of the same catalogue answer alike: the share of questions whose first five
 * passages are the same, in the same order. Passages whose scores tie exactly may come in either
 * order (which of two equal scores comes first is no difference in the answers), so each run of
 * equal scores is compared as a set.
 */
export function topFiveAgreement(a: SearchIndex, b: SearchIndex, questions: readonly string[]): number {
  if (questions.length === 0) return 1;
  const same = questions.filter(
    (question) => topFive(a.search(question).hits) === topFive(b.search(question).hits),
  );
  return same.length / questions.length;
}

/**
 * The first five passages as a key: ids in order, each run of exactly equal scores sorted, the run
 * the fifth passage ends in taken whole (which of the passages tied there makes fifth is chance).
 */
function topFive(hits: readonly SearchHit[]): string {
  const runs: string[][] = [];
  let last: number | null = null;
  for (const [i, hit] of hits.entries()) {
    if (i >= 5 && hit.score !== last) break;
    const id = hit.passage.id;
    if (last !== null && hit.score === last) runs.at(-1)?.push(id);
    else runs.push([id]);
    last = hit.score;
  }
  return runs.map((run) => run.sort().join('|')).join('\n');
}

/** One side of an index compared: what answers, its lexicon, and its stored segments (to read a passage's terms). */
export interface ComparedIndex {
  index: SearchIndex & { lexicon: Lexicon };
  segments: readonly OpenSegment[];
}

/**
 * Why a question's top five differ, the first cause found in this order:
 * - `question analysis`: the question's terms, their document frequencies or weights differ (a
 *   group, compound or word form one index knows and the other does not, or a term only deleted
 *   passages used);
 * - `passage analysis`: a passage of either top five was indexed with other terms (an acronym group
 *   or compound its segment lacks), so its field length and score differ;
 * - `merge cut`: analysed alike, a passage of one top five is not among the other's answers at all:
 *   the merge of segments' ranked lists (each segment's cut of candidates, its near-duplicates and
 *   per-section limit) kept other passages than one ranking does;
 * - `statistics`: the rest, the same passages ranked otherwise by near-equal scores (average field
 *   lengths, document frequencies).
 */
export const DIFFERENCE_CLASSES = [
  'question analysis',
  'passage analysis',
  'statistics',
  'merge cut',
] as const;
export type DifferenceClass = (typeof DIFFERENCE_CLASSES)[number];

export interface Difference {
  question: string;
  class: DifferenceClass;
  /** What differed: the terms, passages or ranks concerned. */
  detail: string;
  /** Each side's top five: passage id, score, coverage, matched terms. */
  tops: [string[], string[]];
}

/** The questions whose top five differ between `a` (segments) and `b` (the reference), each classed. */
export function agreementDifferences(
  a: ComparedIndex,
  b: ComparedIndex,
  questions: readonly string[],
): Difference[] {
  const differences: Difference[] = [];
  for (const question of questions) {
    const [x, y] = [a, b].map(({ index }) => index.search(question).hits);
    if (!x || !y || topFive(x) === topFive(y)) continue;
    differences.push({
      question,
      ...classify(question, [a, b], [x, y]),
      tops: [x, y].map((hits) =>
        hits
          .slice(0, 5)
          .map(
            (hit) =>
              `${hit.passage.id} ${hit.score.toFixed(4)} ${hit.coverage.toFixed(2)} ${hit.terms.join(',')}`,
          ),
      ) as [string[], string[]],
    });
  }
  return differences;
}

function classify(
  question: string,
  sides: [ComparedIndex, ComparedIndex],
  [x, y]: [SearchHit[], SearchHit[]],
): { class: DifferenceClass; detail: string } {
  const [termsA, termsB] = sides.map(({ index }) =>
    questionTerms(question, index.lexicon).map((term) => ({
      ...term,
      weight: Number(term.weight.toFixed(9)),
    })),
  ) as [ReturnType<typeof questionTerms>, ReturnType<typeof questionTerms>];
  const key = (term: (typeof termsA)[number]) => JSON.stringify(term);
  if (
    termsA.length !== termsB.length ||
    termsA.some((term, i) => key(term) !== key(termsB[i] as typeof term))
  ) {
    const only = (p: typeof termsA, q: typeof termsA) =>
      p.filter((term) => !q.some((t) => key(t) === key(term)));
    const show = (terms: typeof termsA) =>
      terms.map((t) => `${t.term}(df ${t.df}, w ${t.weight.toFixed(3)})`).join(' ');
    return {
      class: 'question analysis',
      detail: `${show(only(termsA, termsB))} ≠ ${show(only(termsB, termsA))}`,
    };
  }
  const ids = [...new Set([...x.slice(0, 5), ...y.slice(0, 5)].map((hit) => hit.passage.id))];
  const byId = [x, y].map((hits) => new Map(hits.map((hit, rank) => [hit.passage.id, { hit, rank }])));
  const ranks = ids.map(
    (id) =>
      `${id} ${byId.map((found) => `${found.get(id)?.rank ?? '–'}:${found.get(id)?.hit.score.toFixed(5) ?? '–'}`).join('/')}`,
  );
  for (const id of ids) {
    const [termsP, termsQ] = sides.map(({ segments }, s) =>
      passageTerms(segments, id, byId[s]?.get(id)?.hit),
    );
    if (termsP !== undefined && termsQ !== undefined && termsP !== termsQ)
      return { class: 'passage analysis', detail: `${id}: ${termsP} ≠ ${termsQ}; ${ranks.join('; ')}` };
  }
  // Analysed alike, a passage one index ranks in its top five is not among the other's answers.
  if (ids.some((id) => byId.some((found) => !found.has(id))))
    return { class: 'merge cut', detail: ranks.join('; ') };
  return { class: 'statistics', detail: ranks.join('; ') };
}

/**
 * A passage's indexed terms (text terms and field lengths) in the segment holding its episode alive,
 * as a key; undefined when it cannot be found (not among the hits and not looked for).
 */
function passageTerms(
  segments: readonly OpenSegment[],
  id: string,
  hit: SearchHit | undefined,
): string | undefined {
  const episode = id.slice(0, id.indexOf('#'));
  for (let s = segments.length - 1; s >= 0; s--) {
    const { index, entry } = segments[s] as OpenSegment;
    if (entry.deleted.includes(episode)) continue;
    const { table, postings, passages } = index;
    if (!table.episodeIds.includes(episode)) continue;
    const doc = hit?.doc ?? findDoc(passages, table.episodeOf, table.episodeIds.indexOf(episode), id);
    if (doc < 0) return undefined;
    const text = [...table.textTerms.subarray(table.textStart[doc], table.textStart[doc + 1])].map(
      (term) => postings.terms[term],
    );
    return `${text.join(' ')} [${postings.fieldLengths[2 * doc]}, ${postings.fieldLengths[2 * doc + 1]}]`;
  }
  return undefined;
}

function findDoc(
  passages: OpenSegment['index']['passages'],
  episodeOf: Uint32Array,
  episode: number,
  id: string,
): number {
  for (let doc = 0; doc < episodeOf.length; doc++)
    if (episodeOf[doc] === episode && passages.at(doc).id === id) return doc;
  return -1;
}
