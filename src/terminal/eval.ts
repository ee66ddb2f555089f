import { EpisodeLibrary } from '../answers/library.js';
import { EVAL_LIMIT, type EvalReport, evaluateSets } from '../answers/evaluation.js';
import { type Io, UsageError, createContext, createProgram, execute, main } from './cli.js';

export const QUESTION_SETS = {
  dev: 'test/eval/questions.dev.jsonl',
  holdout: 'test/eval/questions.holdout.jsonl',
  fresh: 'test/eval/questions.fresh.jsonl',
  blind: 'test/eval/questions.blind.jsonl',
  sealed: 'test/eval/questions.sealed.jsonl',
  sealed2: 'test/eval/questions.sealed2.jsonl',
  sealed3: 'test/eval/questions.sealed3.jsonl',
} as const;
type SetName = keyof typeof QUESTION_SETS;
const SET_NAMES = Object.keys(QUESTION_SETS) as SetName[];

/** `npm run eval [-- --set dev|holdout|fresh|blind|sealed|sealed2|sealed3|all] [--json] [--misses]`: relevance figures over a question set. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const program = createProgram('eval', 'Measure answer quality over the question sets.', io)
    .option('--set <name>', `${SET_NAMES.join(', ')} or all`, 'all')
    .option('--json', 'print the figures as JSON')
    .option('--misses', 'list the questions answered wrongly')
    .action(async (flags: { set: string; json?: boolean; misses?: boolean }) => {
      const names = flags.set === 'all' ? SET_NAMES : [flags.set];
      if (!names.every((name): name is SetName => name in QUESTION_SETS)) {
        throw new UsageError(`--set: expected ${SET_NAMES.join(', ')} or all, got "${flags.set}"`);
      }
      const { config, logger } = createContext(io);
      const library = await EpisodeLibrary.open({ dataDir: config.DATA_DIR, logger });
      const reports = await evaluateSets(
        library,
        Object.fromEntries(names.map((name) => [name, QUESTION_SETS[name]])),
      );
      if (flags.json) {
        io.out(
          JSON.stringify(
            Object.fromEntries(
              Object.entries(reports).map(([name, { outcomes: _, ...figures }]) => [name, figures]),
            ),
            null,
            2,
          ),
        );
        return;
      }
      io.out(formatTable(reports));
      if (flags.misses) {
        for (const [name, report] of Object.entries(reports).filter(([name]) => name !== 'all')) {
          for (const o of report.outcomes) {
            if (o.answerable ? o.rank === null || o.rank > 3 : !o.empty)
              io.out(`${name}: ${o.answerable ? `rank ${o.rank ?? '-'}` : 'answered'}: ${o.q}`);
          }
        }
      }
    });
  return execute(program, argv, io);
}

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

export function formatTable(reports: Record<string, EvalReport>): string {
  const rows = Object.entries(reports).map(([name, r]) =>
    [
      name,
      String(r.questions),
      String(r.answerable),
      percent(r.hitAt1),
      percent(r.hitAt3),
      r.mrr.toFixed(3),
      `${percent(r.noAnswerAccuracy)} of ${r.noAnswer}`,
      String(r.falseEmpty),
    ].join(' | '),
  );
  return [
    `| set | questions | answerable | hit@1 | hit@3 | MRR | no-answer accuracy | answerable but empty |`,
    `|---|---|---|---|---|---|---|---|`,
    ...rows.map((row) => `| ${row} |`),
    '',
    `(top ${EVAL_LIMIT} results judged per question)`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) main(run);
