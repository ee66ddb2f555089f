import { writeFileSync } from 'node:fs';
import type { AnswerEngine } from '../answers/engine.js';
import { EpisodeLibrary } from '../answers/library.js';
import type { Evidence } from '../answers/noAnswer.js';
import { createLogger } from '../log.js';
import { QUESTION_SETS, TRANSCRIPT_CATALOGUE, TRANSCRIPT_SETS } from '../terminal/eval.js';
import { evaluate } from './metrics.js';
import { type LoadedQuestion, loadQuestions } from './questions.js';

/** One question's no-answer evidence and what it should have got. */
export interface EvidenceRow {
  set: string;
  q: string;
  /** `hit`: answerable, right at 3; `miss`: answerable, not; `trap`: no-answer, answered; `refused`: no-answer, nothing. */
  label: 'hit' | 'miss' | 'trap' | 'refused';
  /** Null when nothing passed the ranking's floor. */
  evidence: Evidence | null;
}

/**
 * Asks `questions` of `library` (opened with `onEvidence` wired to `told`) and pairs each outcome with
 * the evidence the no-answer decision read for it.
 */
export function evidenceRows(
  set: string,
  ask: Pick<AnswerEngine, 'ask'>,
  told: { last: Evidence | null },
  questions: readonly LoadedQuestion[],
): EvidenceRow[] {
  const seen: (Evidence | null)[] = [];
  const report = evaluate(
    {
      ask: (question, options) => {
        told.last = null;
        const answer = ask.ask(question, options);
        seen.push(told.last);
        return answer;
      },
    },
    questions,
  );
  return report.outcomes.map((o, i) => ({
    set,
    q: o.q,
    label: o.answerable ? (o.rank !== null && o.rank <= 3 ? 'hit' : 'miss') : o.empty ? 'refused' : 'trap',
    evidence: seen[i] ?? null,
  }));
}

/**
 * `npx tsx src/evaluation/evidence.ts OUT.jsonl [SET…]`: the evidence of every question of the named
 * sets (default: the dev sets, transcripts-dev, dev, holdout and fresh), one row a line, to choose the
 * no-answer rule from (docs/relevance.md). Sealed sets are named only to measure, never to choose.
 */
async function main([out, ...named]: string[]): Promise<void> {
  if (out === undefined) throw new Error('usage: evidence.ts OUT.jsonl [SET…]');
  const sets = named.length > 0 ? named : ['transcripts-dev', 'dev', 'holdout', 'fresh'];
  const logger = createLogger('warn');
  const rows: EvidenceRow[] = [];
  for (const set of sets) {
    const told: { last: Evidence | null } = { last: null };
    const transcript = set in TRANSCRIPT_SETS;
    const path = transcript
      ? TRANSCRIPT_SETS[set as keyof typeof TRANSCRIPT_SETS]
      : QUESTION_SETS[set as keyof typeof QUESTION_SETS];
    if (path === undefined) throw new Error(`evidence.ts: no question set "${set}"`);
    const library = await EpisodeLibrary.open({
      dataDir: transcript ? TRANSCRIPT_CATALOGUE : (process.env.DATA_DIR ?? 'data'),
      logger,
      onEvidence: (_, evidence) => (told.last = evidence),
    });
    rows.push(...evidenceRows(set, library, told, await loadQuestions(path)));
  }
  writeFileSync(out, rows.map((row) => JSON.stringify(row)).join('\n') + '\n');
}

if (import.meta.url === `file://${process.argv[1]}`) await main(process.argv.slice(2));
