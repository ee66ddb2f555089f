import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { type Problem, checkJson } from '../episodes/problem.js';

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
  const parsed = checkJson(AliasFile, content.toString('utf8'), {
    file: ALIASES_FILE,
    line: null,
    severity: 'warning',
    root: 'file',
    expected: '{"groups": [["name", "other name"], …]}; aliases ignored',
  });
  if (parsed.data === null) return { groups: [], problems: parsed.problems, content };
  return { groups: parsed.data.groups, problems: [], content };
}
