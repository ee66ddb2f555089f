import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnswerEngine } from '../../../src/answers/engine.js';
import type { AnswerResult } from '../../../src/answers/schema.js';
import { evaluate, isHit } from '../../../src/evaluation/metrics.js';
import { loadQuestions } from '../../../src/evaluation/questions.js';
import { answerOf, fakeEngine, resultOf } from '../../support/engine.js';

/** An engine that answers from a fixed table. */
const fake = (answers: Record<string, AnswerResult[]>): AnswerEngine =>
  fakeEngine({ ask: (q) => answerOf({ query: q, results: answers[q] ?? [] }) });

function questionFile(lines: string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'podqa-q-')), 'q.jsonl');
  writeFileSync(path, lines.join('\n'));
  return path;
}

describe('evaluate', () => {
  it('computes hit@1, hit@3, MRR and no-answer accuracy', async () => {
    const questions = await loadQuestions(
      questionFile([
        '{"q": "first", "expect": [{"episode": "a", "from": "1:00", "to": "2:00"}]}',
        '{"q": "third", "expect": [{"episode": "a", "from": "1:00", "to": "2:00"}], "tags": ["paraphrase"]}',
        '{"q": "missed", "expect": [{"episode": "a", "from": "1:00", "to": "2:00"}]}',
        '{"q": "untimed", "expect": [{"episode": "b", "section": "Where"}]}',
        '{"q": "nothing", "expect": "none"}',
        '{"q": "guessed", "expect": "none"}',
      ]),
    );
    const report = evaluate(
      fake({
        first: [resultOf('a', 90)],
        third: [resultOf('a', 10), resultOf('b', 90), resultOf('a', 119)],
        missed: [resultOf('a', 120), resultOf('a', null)],
        untimed: [resultOf('b', null, 'Where')],
        guessed: [resultOf('a', 90)],
      }),
      questions,
    );
    expect(report).toMatchObject({
      questions: 6,
      answerable: 4,
      noAnswer: 2,
      hitAt1: 0.5,
      hitAt3: 0.75,
      noAnswerAccuracy: 0.5,
      falseEmpty: 0,
    });
    expect(report.mrr).toBeCloseTo((1 + 1 / 3 + 0 + 1) / 4);
    expect(report.byTag.paraphrase).toEqual({ count: 1, hitAt3: 1 });
  });

  it('names the quick insights, which have no section, by their heading', () => {
    const insights = { ...resultOf('a', null), kind: 'insights' as const, section: null };
    expect(isHit(insights, [{ episode: 'a', section: 'Quick Insights' }])).toBe(true);
    expect(isHit(insights, [{ episode: 'b', section: 'Quick Insights' }])).toBe(false);
    expect(isHit(resultOf('a', null), [{ episode: 'a', section: 'Quick Insights' }])).toBe(false);
  });

  it('names the file and line of a bad question', async () => {
    await expect(
      loadQuestions(
        questionFile([
          '{"q": "ok", "expect": "none"}',
          '{"q": "bad", "expect": [{"episode": "a", "from": "1:0", "to": "2:00"}]}',
        ]),
      ),
    ).rejects.toThrow(/q\.jsonl:2: expect\.0\.from: expected a time such as 1:01:46|q\.jsonl:2: expect/);
    await expect(loadQuestions(questionFile(['not json']))).rejects.toThrow(/q\.jsonl:1: invalid JSON/);
  });
});
