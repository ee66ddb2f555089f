import { type EvalReport, evaluate } from '../evaluation/metrics.js';
import { loadQuestions } from '../evaluation/questions.js';
import type { AnswerEngine } from './engine.js';

export { EVAL_LIMIT, type EvalReport } from '../evaluation/metrics.js';
export { type TimelineReport, evaluateTimelines, loadTimelineQuestions } from '../evaluation/timeline.js';

/**
 * Relevance figures of an engine over named question files, each set alone and, when there are
 * several, all of them together as `all`.
 */
export async function evaluateSets(
  engine: AnswerEngine,
  files: Readonly<Record<string, string>>,
): Promise<Record<string, EvalReport>> {
  const sets = await Promise.all(
    Object.entries(files).map(async ([name, path]) => [name, await loadQuestions(path)] as const),
  );
  await engine.embedQuestions?.(sets.flatMap(([, questions]) => questions.map(({ q }) => q)));
  const reports: Record<string, EvalReport> = {};
  for (const [name, questions] of sets) reports[name] = evaluate(engine, questions);
  if (sets.length > 1)
    reports.all = evaluate(
      engine,
      sets.flatMap(([, questions]) => questions),
    );
  return reports;
}
