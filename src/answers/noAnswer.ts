import { z } from 'zod';
import { DEFAULT_RANKING } from '../index/ranking.js';
import type { PassageKind } from '../passages/passage.js';

/**
 * The second no-answer decision (issue 20, item 4). The ranking's floor (`minCoverage`) asks only how
 * much of the question's weight a passage covers; a trap that shares two topic words with a real
 * passage passes it. This reads what else the engine already knows about the answer as a whole: the
 * top passage's kind, the share of the question its own words hold, whether it holds the question's
 * heaviest word, how far the lexical and the vector rankings agree on it, its lead over the next
 * passage and how many episodes answer as well. Small pure functions, so the evidence can be dumped
 * for every evaluation question and the rule chosen from it (docs/relevance.md).
 */

/** The kinds a rule is chosen for: a transcript window is long and chatty, the others are written. */
export const PassageFamily = z.enum(['written', 'window']);
export type PassageFamily = z.infer<typeof PassageFamily>;

export const familyOf = (kind: PassageKind): PassageFamily => (kind === 'transcript' ? 'window' : 'written');

/** How a passage's own terms hold a question term: by the word, a relation standing in for it, a near spelling, or not. */
export const Held = z.enum(['word', 'relation', 'spelling', 'none']);
export type Held = z.infer<typeof Held>;

/** What the decision reads of one answer. */
export const Evidence = z.object({
  family: PassageFamily,
  /** The top passage's coverage as ranked (its section and, for a takeaway, its section's summary, lend words). */
  coverage: z.number(),
  /** The share of the question's weight the top passage's own indexed terms hold (no context lent). */
  ownCoverage: z.number(),
  /** How the top passage's own terms hold the question's heaviest term. */
  heaviest: Held,
  /** The heaviest term's share of the question's weight. */
  heaviestShare: z.number(),
  /** Cosine of the question and the top passage by word vectors, or null without vectors (or when no one reads it). */
  cosine: z.number().nullable(),
  /** The top passage's rank (0: first) among the first hits ordered by cosine, or null without vectors. */
  meaningRank: z.number().int().nullable(),
  /** The top passage's score over the next one's (1 with one hit). */
  lead: z.number(),
  /** Distinct episodes among the hits in the top passage's step of coverage. */
  episodes: z.number().int(),
  /** How many passages passed the floor. */
  hits: z.number().int(),
});
export type Evidence = z.infer<typeof Evidence>;

/** A question term as the decision reads it (`QuestionTerm` of src/index/question.ts). */
export interface WeightedTerm {
  term: string;
  /** In how many passages it occurs (0: the corpus never uses it). */
  df: number;
  weight: number;
  related: readonly string[];
  outOfPhrase: boolean;
}

/** A hit as the decision reads it (`SearchHit` of src/index/EpisodeIndex.ts). */
export interface HitFacts {
  coverage: number;
  score: number;
  episodeId: string;
  /** The index terms it matched of its own. */
  terms: readonly string[];
}

/** How many hits the agreement with the vector ranking is read over: the page a listener sees and more. */
export const AGREEMENT_DEPTH = 10;

/** What each way of holding a term covers of it, as the ranking credits it (`RankingOptions`). */
const HELD_CREDIT: Record<Held, number> = {
  word: 1,
  relation: DEFAULT_RANKING.relatedCredit,
  spelling: DEFAULT_RANKING.fuzzyCredit,
  none: 0,
};

/**
 * How `own` (a passage's matched terms) holds `term`. A word the corpus never uses (df 0) with no
 * relation is met, if at all, by a near spelling: a matched term no question term accounts for.
 */
export function heldBy(own: ReadonlySet<string>, term: WeightedTerm, accounted: ReadonlySet<string>): Held {
  if (term.outOfPhrase) return 'none';
  if (own.has(term.term)) return 'word';
  if (term.related.some((related) => own.has(related))) return 'relation';
  if (term.df === 0 && [...own].some((matched) => !accounted.has(matched))) return 'spelling';
  return 'none';
}

/**
 * The evidence of an answer, or null when there is none to judge (no hit, or a question of no weight).
 * `kind`: the top passage's; `cosines`: each of the first hits' cosine with the question (aligned with
 * `hits`), or null.
 */
export function evidenceOf(
  terms: readonly WeightedTerm[],
  kind: PassageKind,
  hits: readonly HitFacts[],
  cosines: readonly number[] | null,
): Evidence | null {
  const top = hits[0];
  const total = terms.reduce((sum, term) => sum + term.weight, 0);
  if (top === undefined || total <= 0) return null;
  const own = new Set(top.terms);
  const accounted = new Set(terms.flatMap((term) => [term.term, ...term.related]));
  const held = (term: WeightedTerm) => heldBy(own, term, accounted);
  const heaviest = terms.reduce((a, b) => (b.weight > a.weight ? b : a));
  const step = Math.round(top.coverage * 10);
  const inStep = hits.filter((hit) => Math.round(hit.coverage * 10) === step);
  const next = hits[1];
  const topCosine = cosines?.[0];
  return {
    family: familyOf(kind),
    coverage: top.coverage,
    ownCoverage: terms.reduce((sum, term) => sum + HELD_CREDIT[held(term)] * term.weight, 0) / total,
    heaviest: held(heaviest),
    heaviestShare: heaviest.weight / total,
    cosine: topCosine ?? null,
    meaningRank:
      cosines === null || topCosine === undefined
        ? null
        : cosines.slice(1, AGREEMENT_DEPTH).filter((cosine) => cosine > topCosine).length,
    lead: next === undefined || next.score <= 0 ? 1 : top.score / next.score,
    episodes: new Set(inStep.map((hit) => hit.episodeId)).size,
    hits: hits.length,
  };
}

/**
 * The rule per family, chosen on the dev sets' evidence (docs/relevance.md): an answer is refused when
 * the question's heaviest word carries at least this share of its weight and the top passage holds it
 * neither by the word nor by a near spelling of it (a typo's: "Micorn earnings"). A WordNet relation
 * standing in for the word ("abortion" met as another sense) or its absence leaves the passage about
 * the question's lighter words only. The same share held for both families: no other evidence
 * (cosine, agreement, lead, episodes) separated traps from answers in either (the table in the docs).
 */
export const HEAVIEST_SHARE: Readonly<Record<PassageFamily, number>> = Object.freeze({
  written: 0.5,
  window: 0.5,
});

/** Whether the answer should be refused: true leaves the question with no passage (and its suggestions). */
export function refusesAnswer(evidence: Evidence): boolean {
  const lacking = evidence.heaviest === 'relation' || evidence.heaviest === 'none';
  return lacking && evidence.heaviestShare >= HEAVIEST_SHARE[evidence.family];
}
