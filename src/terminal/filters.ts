import type { Command } from 'commander';
import { EpisodeFilter } from '../answers/schema.js';
import { UsageError } from './cli.js';

/** The flags `ask` and `timeline` share: `--from`, `--to`, `--guest`, `--show`. */
export function withFilterFlags(command: Command): Command {
  return command
    .option('--from <date>', 'only episodes published on or after: YYYY, YYYY-MM or YYYY-MM-DD')
    .option('--to <date>', 'only episodes published on or before: YYYY, YYYY-MM or YYYY-MM-DD')
    .option('--guest <name>', 'only episodes with this person (case and accents ignored)')
    .option('--show <name>', 'only episodes of this show');
}

/** The filter the flags give; a malformed one is a usage error naming the flag and what was expected. */
export function filterOf(flags: Record<string, unknown>): EpisodeFilter {
  const picked = Object.fromEntries(
    (['from', 'to', 'guest', 'show'] as const).flatMap((key) =>
      flags[key] === undefined ? [] : [[key, flags[key]]],
    ),
  );
  const parsed = EpisodeFilter.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag = String(issue?.path[0]);
    throw new UsageError(`--${flag}: ${issue?.message}, got "${String(picked[flag])}"`);
  }
  return parsed.data;
}
