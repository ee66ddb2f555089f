import type { AnswerEngine } from '../answers/engine.js';
import type { AnswerResult } from '../answers/schema.js';
import { titleOf } from '../passages/passage.js';
import type { LoadedQuestion, Target } from './questions.js';

/** How many results a question is judged on (what /ask and `ask` show by default). */
export const EVAL_LIMIT = 5;

export interface QuestionOutcome {
  q: string;
  tags: string[];
  /** 1-based rank of the first right result, or null. */
  rank: number | null;
  /** For no-answer questions: whether nothing was returned. */
  empty: boolean;
  answerable: boolean;
}

export interface EvalReport {
  questions: number;
  answerable: number;
  noAnswer: number;
  hitAt1: number;
  hitAt3: number;
  mrr: number;
  /** Share of no-answer questions that got nothing. */
  noAnswerAccuracy: number;
  /** Answerable questions that got nothing at all. */
  falseEmpty: number;
  byTag: Record<string, { count: number; hitAt3: number }>;
  outcomes: QuestionOutcome[];
}

/**
 * A result is right when it is from an expected episode and its moment lies in the expected window
 * (or, for answers the pages give no time, it is from the expected section; a passage of no section
 * goes by the title it is shown under, such as `Quick Insights`). A question expecting two episodes
 * is answered by a right result from either.
 */
export function isHit(result: AnswerResult, targets: readonly Target[]): boolean {
  return targets.some((target) => {
    if (result.episodeId !== target.episode) return false;
    if ('section' in target) return titleOf(result) === target.section;
    return result.start !== null && result.start >= target.from && result.start < target.to;
  });
}

export function evaluate(
  engine: Pick<AnswerEngine, 'ask'>,
  questions: readonly LoadedQuestion[],
): EvalReport {
  const outcomes: QuestionOutcome[] = questions.map(({ q, tags, targets }) => {
    const { results } = engine.ask(q, { limit: EVAL_LIMIT });
    const index = targets ? results.findIndex((result) => isHit(result, targets)) : -1;
    return {
      q,
      tags,
      rank: index >= 0 ? index + 1 : null,
      empty: results.length === 0,
      answerable: targets !== null,
    };
  });
  const answerable = outcomes.filter((o) => o.answerable);
  const noAnswer = outcomes.filter((o) => !o.answerable);
  const share = (items: readonly QuestionOutcome[], test: (o: QuestionOutcome) => boolean) =>
    items.length === 0 ? 0 : items.filter(test).length / items.length;
  const byTag: EvalReport['byTag'] = {};
  for (const tag of new Set(answerable.flatMap((o) => o.tags))) {
    const tagged = answerable.filter((o) => o.tags.includes(tag));
    byTag[tag] = { count: tagged.length, hitAt3: share(tagged, (o) => o.rank !== null && o.rank <= 3) };
  }
  return {
    questions: outcomes.length,
    answerable: answerable.length,
    noAnswer: noAnswer.length,
    hitAt1: share(answerable, (o) => o.rank === 1),
    hitAt3: share(answerable, (o) => o.rank !== null && o.rank <= 3),
    mrr:
      answerable.length === 0
        ? 0
        : answerable.reduce((sum, o) => sum + (o.rank ? 1 / o.rank : 0), 0) / answerable.length,
    noAnswerAccuracy: share(noAnswer, (o) => o.empty),
    falseEmpty: answerable.filter((o) => o.empty).length,
    byTag,
    outcomes,
  };
}
