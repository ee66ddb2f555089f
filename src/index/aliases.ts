import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Problem } from '../episodes/problem.js';

/** `DATA_DIR/aliases.json`: groups of names for one thing, kept by moderators. */
const AliasFile = z
  .object({
    $comment: z.string().optional(),
    groups: z
      .array(z.array(z.string().min(1).max(100)).min(2, 'expected at least two names in a group'))
      .max(5000),
  })
  .strict();

export const ALIASES_FILE = 'aliases.json';

/** The moderators' alias groups; a missing file is no aliases, a bad one is a problem and no aliases. */
export async function loadAliases(
  path: string,
): Promise<{ groups: string[][]; problems: Problem[]; content: Buffer | null }> {
  let content: Buffer;
  try {
    content = await readFile(path);
  } catch {
    return { groups: [], problems: [], content: null };
  }
  const problem = (message: string): Problem => ({
    file: ALIASES_FILE,
    line: null,
    message,
    severity: 'warning',
  });
  let raw: unknown;
  try {
    raw = JSON.parse(content.toString('utf8'));
  } catch (err) {
    return {
      groups: [],
      problems: [problem(`invalid JSON, aliases ignored: ${(err as Error).message}`)],
      content,
    };
  }
  const parsed = AliasFile.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'file'}: ${issue.message}`);
    return {
      groups: [],
      problems: [
        problem(`expected {"groups": [["name", "other name"], …]}, aliases ignored: ${issues.join('; ')}`),
      ],
      content,
    };
  }
  return { groups: parsed.data.groups, problems: [], content };
}
