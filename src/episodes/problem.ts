import { z } from 'zod';

/**
 * Something wrong with a source, said so that a person can fix it: which file, which line (1-based,
 * null when the problem is the whole file), and what was expected.
 */
export const Problem = z.object({
  file: z.string(),
  line: z.number().int().positive().nullable(),
  message: z.string().min(1),
  /** `error` rejects the file; `warning` keeps it and says what was dropped or doubted. */
  severity: z.enum(['error', 'warning']),
});
export type Problem = z.infer<typeof Problem>;

/** `data/episodes/x.txt:12: expected …` — the form editors and terminals make clickable. */
export function formatProblem(problem: Problem): string {
  const where = problem.line === null ? problem.file : `${problem.file}:${problem.line}`;
  return `${where}: ${problem.severity}: ${problem.message}`;
}
