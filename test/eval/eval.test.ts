import { describe, expect, it } from 'vitest';
import { EpisodeLibrary } from '../../src/answers/library.js';
import type { Evidence } from '../../src/answers/noAnswer.js';
import { evaluate } from '../../src/evaluation/metrics.js';
import { loadQuestions } from '../../src/evaluation/questions.js';
import { QUESTION_SETS, TRANSCRIPT_CATALOGUE, TRANSCRIPT_SETS } from '../../src/terminal/eval.js';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyOfData, recordingLogger } from '../support/data.js';

/**
 * The relevance floor, over the bundled episodes. The target is hit@3 ≥ 95% with every no-answer
 * question answered with nothing; these floors are the figures measured when they were last raised
 * (docs/evaluation.md), so a change that makes answers worse fails here. Where a floor is below
 * the target, the target is not met yet, and docs/evaluation.md says so.
 */
describe('answer quality over the question sets', async () => {
  const library = await EpisodeLibrary.open({ dataDir: copyOfData(), logger: recordingLogger().logger });
  const measure = async (set: keyof typeof QUESTION_SETS) =>
    evaluate(library, await loadQuestions(QUESTION_SETS[set]));

  it("dev set has the issue's size: at least 60 answerable and 8 no-answer questions", async () => {
    const report = await measure('dev');
    expect(report.answerable).toBeGreaterThanOrEqual(60);
    expect(report.noAnswer).toBeGreaterThanOrEqual(8);
  });

  /** Each set's floor: the figures measured when it was last raised, and what the set has seen. */
  const FLOORS = {
    dev: { hitAt3: 0.95, noAnswer: 0.96, seen: 'tuned on' },
    holdout: { hitAt3: 1, noAnswer: 1, seen: 'misses read, no question tuned for' },
    fresh: { hitAt3: 1, noAnswer: 1, seen: 'misses read, no question tuned for' },
    blind: { hitAt3: 0.76, noAnswer: 0.9, seen: 'written without the engine, misses read once' },
    sealed: { hitAt3: 0.86, noAnswer: 0.7, seen: 'written without the engine, misses read once' },
    sealed2: { hitAt3: 0.86, noAnswer: 0.91, seen: 'written without the engine, misses read once' },
    sealed3: { hitAt3: 0.94, noAnswer: 0.83, seen: 'written without the engine, misses read once' },
  } as const satisfies Record<keyof typeof QUESTION_SETS, unknown>;

  it.each(Object.entries(FLOORS).map(([set, floor]) => ({ set, ...floor })))(
    '$set set ($seen): hit@3 at least $hitAt3, no-answer accuracy at least $noAnswer',
    async ({ set, hitAt3, noAnswer }) => {
      const report = await measure(set as keyof typeof QUESTION_SETS);
      expect(report.hitAt3).toBeGreaterThanOrEqual(hitAt3);
      expect(report.noAnswerAccuracy).toBeGreaterThanOrEqual(noAnswer);
    },
  );
});

/**
 * The transcript sets (issue 20), over their own hour-long fictional catalogue. The floors are the
 * figures measured after the second no-answer decision and the episode named in a question (the
 * target, hit@3 ≥ 0.85, is met on both; docs/relevance.md). The sealed set was never tuned on: it was
 * measured once after the listener work, twice after the title context, once after the floor.
 */
describe('answer quality over the transcript sets', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'podqa-transcripts-'));
  cpSync(join(TRANSCRIPT_CATALOGUE, 'episodes'), join(dataDir, 'episodes'), { recursive: true });
  const told: Evidence[] = [];
  const library = await EpisodeLibrary.open({
    dataDir,
    logger: recordingLogger().logger,
    onEvidence: (_, evidence) => told.push(evidence),
  });

  it('refuses a window lacking the word that carries most of the question, and says what it read', () => {
    told.length = 0;
    const answer = library.ask('was anyone hurt in the ferry accident');
    expect(answer.results).toEqual([]);
    expect(told).toMatchObject([{ family: 'window', heaviest: 'none' }]);
    expect(told[0]?.heaviestShare).toBeGreaterThanOrEqual(0.5);
  });

  it('looks in the episode a question names by number, and nowhere else', () => {
    const answer = library.ask('what was the new dog called in ep 41');
    expect(answer.results.length).toBeGreaterThan(0);
    expect(new Set(answer.results.map((result) => result.episodeId))).toEqual(
      new Set(['calder-after-dark-41-new-keeper']),
    );
  });

  const FLOORS = {
    'transcripts-dev': { hitAt3: 0.87, noAnswer: 0.72, seen: 'tuned on' },
    'transcripts-sealed': { hitAt3: 0.86, noAnswer: 0.42, seen: 'written blind, measured once a session' },
  } as const satisfies Record<keyof typeof TRANSCRIPT_SETS, unknown>;

  it.each(Object.entries(FLOORS).map(([set, floor]) => ({ set, ...floor })))(
    '$set set ($seen): hit@3 at least $hitAt3, no-answer accuracy at least $noAnswer',
    async ({ set, hitAt3, noAnswer }) => {
      const report = evaluate(
        library,
        await loadQuestions(TRANSCRIPT_SETS[set as keyof typeof TRANSCRIPT_SETS]),
      );
      expect(report.hitAt3).toBeGreaterThanOrEqual(hitAt3);
      expect(report.noAnswerAccuracy).toBeGreaterThanOrEqual(noAnswer);
    },
  );
});
