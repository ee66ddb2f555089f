import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { checkJson } from '../episodes/problem.js';
import { parseStamp } from '../episodes/time.js';

/**
 * An evaluation question: what a listener asks, and where the answer is — an episode and a window of
 * its publisher clock, or a section for answers the pages give no time — or that there is none.
 */
const Stamp = z.string().refine((text) => parseStamp(text) !== null, 'expected a time such as 1:01:46');

const Expectation = z.union([
  z.object({ episode: z.string(), from: Stamp, to: Stamp }).strict(),
  z.object({ episode: z.string(), section: z.string() }).strict(),
]);

export const Question = z
  .object({
    q: z.string().min(1),
    expect: z.union([z.literal('none'), z.array(Expectation).min(1)]),
    tags: z.array(z.string()).default([]),
  })
  .strict();
export type Question = z.infer<typeof Question>;

/** Where a right answer is: a window in seconds, or a section (answers with no time). */
export type Target = { episode: string; from: number; to: number } | { episode: string; section: string };

export interface LoadedQuestion {
  q: string;
  tags: string[];
  /** null: the question must get no answer. */
  targets: Target[] | null;
  line: number;
}

/** Reads a JSON Lines question file; a bad line is an error naming the file and the line. */
export async function loadQuestions(path: string): Promise<LoadedQuestion[]> {
  const lines = (await readFile(path, 'utf8')).split('\n');
  const questions: LoadedQuestion[] = [];
  lines.forEach((text, i) => {
    if (text.trim() === '' || text.trimStart().startsWith('//')) return;
    const parsed = checkJson(Question, text, { file: path, line: i + 1, root: 'question' });
    if (parsed.data === null) throw new Error(`${path}:${i + 1}: ${parsed.problems[0]?.message}`);
    const { q, expect, tags } = parsed.data;
    questions.push({
      q,
      tags: expect === 'none' ? [...new Set([...tags, 'no-answer'])] : tags,
      targets:
        expect === 'none'
          ? null
          : expect.map((e) =>
              'section' in e
                ? e
                : { episode: e.episode, from: parseStamp(e.from) as number, to: parseStamp(e.to) as number },
            ),
      line: i + 1,
    });
  });
  return questions;
}
