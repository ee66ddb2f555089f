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

/** Where checked input came from, so each problem can say it. */
export interface Origin {
  file: string;
  /** The line a problem is on: fixed (one line of JSON Lines), or found from the issue's path. */
  line?: number | null | ((path: readonly PropertyKey[]) => number | null);
  /** `error` (default) refuses the input; `warning` when the caller goes on without it. */
  severity?: Problem['severity'];
  /** Names the whole input when an issue has no path (`(document)`, `meta`). */
  root?: string;
  /** Appended to each issue, saying what a good input looks like. */
  expected?: string;
}

export type Checked<T> = { data: T; problems: [] } | { data: null; problems: Problem[] };

/**
 * Validates a value with a zod schema; each issue becomes a problem naming the file, the line when
 * known, the path and what was expected. The one way input is checked, so every refusal reads alike.
 */
export function check<T>(schema: z.ZodType<T>, value: unknown, origin: Origin): Checked<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { data: parsed.data, problems: [] };
  const problems = parsed.error.issues.map((issue) =>
    problemAt(origin, issue.path, `${issue.path.join('.') || (origin.root ?? 'input')}: ${issue.message}`),
  );
  return { data: null, problems };
}

/** Parses JSON text, then checks it like `check`; invalid JSON is one problem on the line V8 names. */
export function checkJson<T>(schema: z.ZodType<T>, text: string, origin: Origin): Checked<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const line = typeof origin.line === 'number' ? origin.line : jsonErrorLine(err, text);
    return {
      data: null,
      problems: [problemAt({ ...origin, line }, [], `invalid JSON: ${(err as Error).message}`)],
    };
  }
  return check(schema, raw, origin);
}

function problemAt(origin: Origin, path: readonly PropertyKey[], message: string): Problem {
  const line = typeof origin.line === 'function' ? origin.line(path) : (origin.line ?? null);
  return {
    file: origin.file,
    line,
    message: origin.expected ? `${message} (expected ${origin.expected})` : message,
    severity: origin.severity ?? 'error',
  };
}

/** V8 reports `… at position N` (and newer, `line L column C`). */
function jsonErrorLine(err: unknown, text: string): number | null {
  const message = (err as Error).message;
  const line = /line (\d+)/.exec(message);
  if (line) return Number(line[1]);
  const position = /position (\d+)/.exec(message);
  if (!position) return null;
  return text.slice(0, Number(position[1])).split('\n').length;
}
