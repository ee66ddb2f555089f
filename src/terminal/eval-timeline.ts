import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EpisodeLibrary } from '../answers/library.js';
import { type TimelineReport, evaluateTimelines, loadTimelineQuestions } from '../answers/evaluation.js';
import { type Io, createContext, createProgram, execute, main } from './cli.js';

export const TIMELINE_QUESTIONS = 'test/eval/timeline.questions.jsonl';
/** The fictional catalogue the timeline questions are about. */
export const TIMELINE_CATALOGUE = 'test/fixtures/catalogue';

/**
 * `npm run eval:timeline [-- --data DIR] [--json] [--misses]`: precision and recall of the episodes
 * each timeline question lists, over the test catalogue.
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const program = createProgram('eval:timeline', 'Measure which episodes timelines list.', io)
    .option('--questions <file>', 'timeline questions (JSON Lines)', TIMELINE_QUESTIONS)
    .option('--data <dir>', 'the catalogue (a data directory with episodes/)', TIMELINE_CATALOGUE)
    .option('--json', 'print the figures as JSON')
    .option('--misses', 'list the episodes missed and listed wrongly')
    .action(async (flags: { questions: string; data: string; json?: boolean; misses?: boolean }) => {
      const { logger } = createContext(io);
      // A copy, so the fixture never gets an index.json written into it.
      const dataDir = await mkdtemp(join(tmpdir(), 'podqa-eval-timeline-'));
      await cp(join(flags.data, 'episodes'), join(dataDir, 'episodes'), { recursive: true });
      const library = await EpisodeLibrary.open({ dataDir, logger });
      const report = evaluateTimelines(library, await loadTimelineQuestions(flags.questions));
      const { outcomes, ...figures } = report;
      if (flags.json) io.out(JSON.stringify(figures, null, 2));
      else io.out(formatTimelineTable(report));
      await rm(dataDir, { recursive: true, force: true });
      if (flags.misses)
        for (const o of outcomes.filter((o) => o.missed.length || o.extra.length))
          io.out(
            `${o.topic} ${JSON.stringify(o.filters)}: missed ${o.missed.join(', ') || '-'}; extra ${o.extra.join(', ') || '-'}`,
          );
    });
  return execute(program, argv, io);
}

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

export function formatTimelineTable(r: TimelineReport): string {
  return [
    '| questions | precision | recall | micro precision | micro recall | best moment in the expected section |',
    '|---|---|---|---|---|---|',
    `| ${r.questions} | ${percent(r.precision)} | ${percent(r.recall)} | ${percent(r.microPrecision)} | ${percent(r.microRecall)} | ${percent(r.momentAccuracy)} |`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) main(run);
