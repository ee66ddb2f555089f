import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { AnswerEngine } from '../answers/engine.js';
import { checkJson } from '../episodes/problem.js';
import { EpisodeFilter } from '../timeline/schema.js';

/**
 * Timeline questions: a topic (and filters), the episodes its timeline should list, and for some of
 * them the section its best moment should come from. Judged by the precision and recall of the
 * episodes listed.
 */
export const TimelineQuestion = z
  .object({
    topic: z.string().min(1),
    filters: EpisodeFilter.strict().default({}),
    episodes: z.array(z.string()).min(1),
    /** episode id → the section title its best moment should come from. */
    moments: z.record(z.string(), z.string()).default({}),
  })
  .strict();
export type TimelineQuestion = z.infer<typeof TimelineQuestion>;

/** Reads a JSON Lines file of timeline questions; a bad line is an error naming the file and the line. */
export async function loadTimelineQuestions(path: string): Promise<TimelineQuestion[]> {
  const out: TimelineQuestion[] = [];
  (await readFile(path, 'utf8')).split('\n').forEach((text, i) => {
    if (text.trim() === '') return;
    const parsed = checkJson(TimelineQuestion, text, { file: path, line: i + 1, root: 'question' });
    if (parsed.data === null) throw new Error(`${path}:${i + 1}: ${parsed.problems[0]?.message}`);
    out.push(parsed.data);
  });
  return out;
}

export interface TimelineOutcome {
  topic: string;
  filters: TimelineQuestion['filters'];
  listed: string[];
  missed: string[];
  extra: string[];
  precision: number;
  recall: number;
  /** Expected best moments, and how many came from the expected section. */
  moments: { expected: number; right: number };
}

export interface TimelineReport {
  questions: number;
  /** Mean over questions. */
  precision: number;
  recall: number;
  /** Over all episodes of all questions. */
  microPrecision: number;
  microRecall: number;
  /** Share of expected best moments from the expected section. */
  momentAccuracy: number;
  outcomes: TimelineOutcome[];
}

export function evaluateTimelines(
  engine: Pick<AnswerEngine, 'timeline'>,
  questions: readonly TimelineQuestion[],
): TimelineReport {
  const outcomes = questions.map(({ topic, filters, episodes, moments }): TimelineOutcome => {
    const { entries } = engine.timeline(topic, filters);
    const listed = entries.map((entry) => entry.episodeId);
    const expected = new Set(episodes);
    const right = listed.filter((id) => expected.has(id)).length;
    const bySection = Object.entries(moments);
    return {
      topic,
      filters,
      listed,
      missed: episodes.filter((id) => !listed.includes(id)),
      extra: listed.filter((id) => !expected.has(id)),
      precision: listed.length ? right / listed.length : 0,
      recall: right / expected.size,
      moments: {
        expected: bySection.length,
        right: bySection.filter(([id, section]) =>
          entries.some((e) => e.episodeId === id && e.moment.section === section),
        ).length,
      },
    };
  });
  const sum = (pick: (o: TimelineOutcome) => number) => outcomes.reduce((total, o) => total + pick(o), 0);
  const listed = sum((o) => o.listed.length);
  const right = sum((o) => o.listed.length - o.extra.length);
  const expected = sum((o) => o.listed.length - o.extra.length + o.missed.length);
  const momentsExpected = sum((o) => o.moments.expected);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    questions: outcomes.length,
    precision: round(sum((o) => o.precision) / Math.max(1, outcomes.length)),
    recall: round(sum((o) => o.recall) / Math.max(1, outcomes.length)),
    microPrecision: round(listed ? right / listed : 0),
    microRecall: round(expected ? right / expected : 0),
    momentAccuracy: round(momentsExpected ? sum((o) => o.moments.right) / momentsExpected : 1),
    outcomes,
  };
}
