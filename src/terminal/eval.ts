import { EpisodeLibrary } from '../answers/library.js';
import { EVAL_LIMIT, type EvalReport, evaluateSets } from '../answers/evaluation.js';
import { type Io, UsageError, createContext, createProgram, execute, main } from './cli.js';
import { embeddingsOption } from '../config.js';

/** The sets asked of the bundled episodes (DATA_DIR); `--set all` measures these together. */
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

/**
 * The sets asked of a catalogue of their own: four hour-long fictional transcripts written for them
 * (test/eval/README.md). Measured only when named, never by `all`, so their figures are never pooled
 * with answers from other episodes and the sealed one is never run by accident.
 */
export const TRANSCRIPT_CATALOGUE = 'test/eval/transcripts';
export const TRANSCRIPT_SETS = {
  'transcripts-dev': 'test/eval/questions.transcripts-dev.jsonl',
  'transcripts-sealed': 'test/eval/questions.transcripts-sealed.jsonl',
} as const;
type TranscriptSetName = keyof typeof TRANSCRIPT_SETS;
const isTranscriptSet = (name: string): name is TranscriptSetName => name in TRANSCRIPT_SETS;
const SET_CHOICES = [...SET_NAMES, 'all', ...Object.keys(TRANSCRIPT_SETS)].join(', ');

/**
 * `npm run eval [-- --set dev|holdout|fresh|blind|sealed|sealed2|sealed3|all|transcripts-dev|transcripts-sealed]
 * [--json] [--misses]`: relevance figures over a question set, asked of the catalogue it was written for.
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const program = createProgram('eval', 'Measure answer quality over the question sets.', io)
    .option('--set <name>', SET_CHOICES, 'all')
    .option('--json', 'print the figures as JSON')
    .option('--misses', 'list the questions answered wrongly')
    .action(async (flags: { set: string; json?: boolean; misses?: boolean }) => {
      const { config, logger } = createContext(io);
      const { dataDir, files } = isTranscriptSet(flags.set)
        ? { dataDir: TRANSCRIPT_CATALOGUE, files: { [flags.set]: TRANSCRIPT_SETS[flags.set] } }
        : { dataDir: config.DATA_DIR, files: bundledSets(flags.set) };
      const library = await EpisodeLibrary.open({ dataDir, logger, ...embeddingsOption(config) });
      const reports = await evaluateSets(library, files);
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

/** The bundled sets `--set` names: one, or all of them. */
function bundledSets(set: string): Record<string, string> {
  const names = set === 'all' ? SET_NAMES : [set];
  if (!names.every((name): name is SetName => name in QUESTION_SETS)) {
    throw new UsageError(`--set: expected ${SET_CHOICES}, got "${set}"`);
  }
  return Object.fromEntries(names.map((name) => [name, QUESTION_SETS[name]]));
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
