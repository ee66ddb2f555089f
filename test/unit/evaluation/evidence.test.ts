import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../../src/answers/noAnswer.js';
import { evidenceRows } from '../../../src/evaluation/evidence.js';
import { loadQuestions } from '../../../src/evaluation/questions.js';
import { answerOf, resultOf } from '../../support/engine.js';

const evidence = (coverage: number): Evidence => ({
  family: 'window',
  coverage,
  ownCoverage: coverage,
  heaviest: 'word',
  heaviestShare: 0.4,
  cosine: null,
  meaningRank: null,
  lead: 1,
  episodes: 1,
  hits: 1,
});

describe('the evidence dump', () => {
  it("pairs each question's outcome with the evidence told while it was asked", async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'podqa-q-')), 'q.jsonl');
    writeFileSync(
      path,
      [
        '{"q": "right", "expect": [{"episode": "a", "from": "1:00", "to": "2:00"}]}',
        '{"q": "wrong", "expect": [{"episode": "a", "from": "1:00", "to": "2:00"}]}',
        '{"q": "trap", "expect": "none"}',
        '{"q": "refused", "expect": "none"}',
      ].join('\n'),
    );
    const told: { last: Evidence | null } = { last: null };
    const answers: Record<string, { start: number; coverage: number }> = {
      right: { start: 90, coverage: 0.9 },
      wrong: { start: 300, coverage: 0.6 },
      trap: { start: 90, coverage: 0.5 },
    };
    const ask = (q: string) => {
      const answer = answers[q];
      if (answer) told.last = evidence(answer.coverage);
      return answerOf({ query: q, results: answer ? [resultOf('a', answer.start)] : [] });
    };
    const rows = evidenceRows('transcripts-dev', { ask }, told, await loadQuestions(path));
    expect(rows.map(({ q, label, evidence }) => [q, label, evidence?.coverage ?? null])).toEqual([
      ['right', 'hit', 0.9],
      ['wrong', 'miss', 0.6],
      ['trap', 'trap', 0.5],
      ['refused', 'refused', null],
    ]);
  });
});
