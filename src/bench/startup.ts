import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { type Io, UsageError, createProgram, execute, main } from '../terminal/cli.js';

/**
 * `npm run bench:startup [-- --runs 7] [--build]`: how long a terminal command takes as a whole process
 * (start, load, open the index, answer, exit), wall time, the median of several runs. The variants run
 * in turn within each round, so a load spike from other processes falls on all of them alike; Node's
 * own start (`node -e 0`) is the floor. Where GNU time is installed, the CPU time the process and its
 * children used is measured too: on a machine shared with other work it moves far less than wall time.
 * Writes bench-results/startup.{json,md}.
 */

const QUESTION = 'what did they say about HBM';

interface Variant {
  name: string;
  command: string;
  args: string[];
}

const VARIANTS: readonly Variant[] = [
  { name: 'node -e 0 (the floor: Node starting)', command: process.execPath, args: ['-e', '0'] },
  {
    name: 'node dist/terminal/ask.js (compiled)',
    command: process.execPath,
    args: ['dist/terminal/ask.js', QUESTION],
  },
  {
    name: 'node scripts/run.js terminal/ask.js (+ the staleness check)',
    command: process.execPath,
    args: ['scripts/run.js', 'terminal/ask.js', QUESTION],
  },
  { name: 'npm run ask (what a person types)', command: 'npm', args: ['run', '-s', 'ask', '--', QUESTION] },
  {
    name: 'tsx src/terminal/ask.ts (from source, as before)',
    command: process.execPath,
    args: ['--import', 'tsx', 'src/terminal/ask.ts', QUESTION],
  },
];

const BUILD: Variant = { name: 'npm run build (tsc, whole)', command: 'npm', args: ['run', '-s', 'build'] };

const GNU_TIME = '/usr/bin/time';
const withCpu = existsSync(GNU_TIME);

/**
 * One whole process: wall time, and user + system CPU time (ms; null without GNU time, whose last
 * line of standard error it reads). A failure stops the bench rather than timing an error path.
 */
function timed({ name, command, args }: Variant): { wallMs: number; cpuMs: number | null } {
  const [file, argv] = withCpu ? [GNU_TIME, ['-f', '%U %S', command, ...args]] : [command, args];
  const started = performance.now();
  const done = spawnSync(file, argv, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const wallMs = performance.now() - started;
  if (done.status !== 0) throw new Error(`${name} exited ${done.status}: ${done.stderr.trim()}`);
  const [user, system] = (done.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  return { wallMs, cpuMs: withCpu ? ((user ?? 0) + (system ?? 0)) * 1000 : null };
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

export async function run(argv: readonly string[], io: Io): Promise<number> {
  const program = createProgram('bench:startup', 'Time the terminal commands as whole processes.', io)
    .option('--runs <n>', 'runs of each variant (the median is reported)', '7')
    .option('--build', 'also time `npm run build` (three runs)')
    .option('--out <dir>', 'where to write startup.json and startup.md', 'bench-results')
    .action(async (flags: { runs: string; build?: boolean; out: string }) => {
      const runs = Number(flags.runs);
      if (!Number.isInteger(runs) || runs < 1)
        throw new UsageError(`--runs: expected a whole number of 1 or more, got "${flags.runs}"`);
      // Compiles dist/ and builds the index when either is missing, so no round pays for them.
      timed(VARIANTS[2] as Variant);
      const loadBefore = loadavg()[0] as number;
      const times = new Map(VARIANTS.map((variant) => [variant, [] as ReturnType<typeof timed>[]]));
      for (let round = 0; round < runs; round++)
        for (const variant of VARIANTS) times.get(variant)?.push(timed(variant));
      if (flags.build) times.set(BUILD, [timed(BUILD), timed(BUILD), timed(BUILD)]);
      const loadAfter = loadavg()[0] as number;

      const rows = [...times].map(([variant, runs]) => {
        const wall = runs.map((r) => r.wallMs);
        const cpu = runs.flatMap((r) => (r.cpuMs === null ? [] : [r.cpuMs]));
        return {
          variant: variant.name,
          runs: runs.length,
          medianMs: Math.round(median(wall)),
          minMs: Math.round(Math.min(...wall)),
          maxMs: Math.round(Math.max(...wall)),
          cpuMedianMs: cpu.length ? Math.round(median(cpu)) : null,
        };
      });
      const figures = { question: QUESTION, cores: cpus().length, loadBefore, loadAfter, rows };
      await mkdir(flags.out, { recursive: true });
      await writeFile(join(flags.out, 'startup.json'), `${JSON.stringify(figures, null, 2)}\n`);
      const table = [
        `Whole-process wall time, "${QUESTION}" over the bundled catalogue; ${figures.cores} cores, load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after.`,
        '',
        '| command | runs | wall median | wall min | wall max | CPU median (user + sys) |',
        '| --- | --- | --- | --- | --- | --- |',
        ...rows.map(
          (r) =>
            `| ${r.variant} | ${r.runs} | ${r.medianMs} ms | ${r.minMs} ms | ${r.maxMs} ms | ${r.cpuMedianMs ?? '–'} ms |`,
        ),
      ].join('\n');
      await writeFile(join(flags.out, 'startup.md'), `${table}\n`);
      io.out(table);
    });
  return execute(program, argv, io);
}

if (import.meta.url === `file://${process.argv[1]}`) main(run);
