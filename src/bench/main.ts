import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { INDEX_FILE } from '../index/store.js';
import { type Io, UsageError, createProgram, execute, main } from '../terminal/cli.js';
import { queryMix, random, syntheticEpisode, vocabulary } from './corpus.js';

/**
 * `npm run bench [-- --sizes 30000,300000,1000000]`: for each size, a synthetic catalogue on disk,
 * then podqa's build, index file, cold start, memory and latency (engine and /ask handler), beside
 * MiniSearch with common defaults on the same passages and questions. Writes bench-results/.
 */

const run_ = promisify(execFile);
const measure = async (...args: string[]) => {
  const { stdout } = await run_(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', 'src/bench/measure.ts', ...args],
    {
      maxBuffer: 1e7,
    },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) as string);
};

export async function run(argv: readonly string[], io: Io): Promise<number> {
  const program = createProgram('bench', 'Measure speed and memory on synthetic catalogues.', io)
    .option('--sizes <list>', 'passages per catalogue, comma separated', '30000,300000,1000000')
    .option('--queries <n>', 'questions in the mix', '400')
    .option('--out <dir>', 'where to write bench.json and bench.md', 'bench-results')
    .option(
      '--baseline-up-to <n>',
      "measure MiniSearch's defaults only at sizes up to n passages (at 1M they take the better part of an hour)",
    )
    .action(async (flags: { sizes: string; queries: string; out: string; baselineUpTo?: string }) => {
      const sizes = flags.sizes.split(',').map(Number);
      if (sizes.some((n) => !Number.isInteger(n) || n < 100))
        throw new UsageError(`--sizes: expected whole numbers of at least 100, got "${flags.sizes}"`);
      const baselineUpTo = flags.baselineUpTo === undefined ? Infinity : Number(flags.baselineUpTo);
      if (Number.isNaN(baselineUpTo))
        throw new UsageError(`--baseline-up-to: expected a number of passages, got "${flags.baselineUpTo}"`);
      const rows = [];
      for (const size of sizes) {
        io.err(`generating ${size} passages…`);
        const dataDir = await mkdtemp(join(tmpdir(), 'podqa-bench-'));
        const texts = await writeCatalogue(dataDir, size);
        const queriesPath = join(dataDir, 'queries.json');
        const rand = random(7);
        await writeFile(
          queriesPath,
          JSON.stringify(queryMix(rand, vocabulary(random(1)), texts, Number(flags.queries))),
        );
        io.err(`building podqa's index…`);
        const build = await measure('build', dataDir);
        io.err(`build: ${JSON.stringify(build)}`);
        const fileMb = Math.round((await indexBytes(dataDir)) / 1e4) / 100;
        io.err('measuring podqa…');
        const podqa = await measure('podqa', dataDir, queriesPath);
        io.err(`podqa: ${JSON.stringify(podqa)}`);
        let baseline = {};
        if (size <= baselineUpTo) {
          io.err('measuring MiniSearch defaults…');
          baseline = await measure('baseline', dataDir, queriesPath);
        }
        rows.push({
          size,
          passages: build.passages,
          episodes: build.episodes,
          podqa: { ...podqa, buildMs: build.buildMs, buildPeakRssMb: build.buildPeakRssMb, fileMb },
          baseline,
        });
        await rm(dataDir, { recursive: true, force: true });
        io.err(JSON.stringify(rows.at(-1)));
      }
      await mkdir(flags.out, { recursive: true });
      const table = formatTable(rows);
      await writeFile(
        join(flags.out, 'bench.json'),
        `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, rows }, null, 2)}\n`,
      );
      await writeFile(join(flags.out, 'bench.md'), `${table}\n`);
      io.out(table);
    });
  return execute(program, argv, io);
}

/** The stored index's size: the manifest and its data file. */
async function indexBytes(dataDir: string): Promise<number> {
  const names = (await readdir(dataDir)).filter(
    (name) => name === INDEX_FILE || /^index-.*\.bin$/.test(name),
  );
  const sizes = await Promise.all(names.map(async (name) => (await stat(join(dataDir, name))).size));
  return sizes.reduce((sum, size) => sum + size, 0);
}

/** Writes a catalogue of canonical episode files with at least `size` passages; returns sample texts for questions. */
export async function writeCatalogue(dataDir: string, size: number): Promise<string[]> {
  const rand = random(42);
  const vocab = vocabulary(random(1));
  await mkdir(join(dataDir, 'episodes'), { recursive: true });
  const texts: string[] = [];
  let passages = 0;
  for (let n = 0; passages < size; n++) {
    const episode = syntheticEpisode(n, vocab, rand);
    passages +=
      1 + episode.chapters.length + episode.sections.reduce((sum, s) => sum + 1 + s.bullets.length, 0);
    if (texts.length < 2000 && rand() < 0.3) texts.push(episode.sections[0]?.bullets[0] ?? episode.title);
    await writeFile(join(dataDir, 'episodes', `${episode.id}.json`), JSON.stringify(episode));
  }
  return texts;
}

type Row = {
  size: number;
  passages: number;
  podqa: Record<string, unknown>;
  baseline: Record<string, unknown>;
};

function formatTable(rows: Row[]): string {
  const get = (o: Record<string, unknown>, path: string) =>
    path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], o) as number | undefined;
  const metrics: [string, string, string][] = [
    ['build (podqa: parse + align + index + write)', 'buildMs', 'ms'],
    ['peak memory during the build (RSS)', 'buildPeakRssMb', 'MB'],
    ['index files', 'fileMb', 'MB'],
    ['cold start (load until ready)', 'coldStartMs', 'ms'],
    ['warm-up, in the background once ready', 'warmUpMs', 'ms'],
    ['heap after load', 'heapMb', 'MB'],
    ['RSS after load', 'rssMb', 'MB'],
    ['engine p50', 'engine.p50', 'ms'],
    ['engine p99', 'engine.p99', 'ms'],
    ['engine p50, CPU time', 'engineCpu.p50', 'ms'],
    ['engine p99, CPU time (the waits for a core left out)', 'engineCpu.p99', 'ms'],
    ['/ask handler p99 (ask + reply payload)', 'handler.p99', 'ms'],
    ['engine p99 while a reindex runs', 'duringReindex.p99', 'ms'],
    ['reindex (child build + swap)', 'duringReindex.reindexMs', 'ms'],
    [
      'longest event-loop stall while a reindex runs (child build + swap)',
      'duringReindex.longestStallMs',
      'ms',
    ],
    ['swap: loading and warming the new index a slice at a time', 'swap.loadMs', 'ms'],
    ['swap: longest event-loop stall', 'swap.longestStallMs', 'ms'],
    ['swap: longest event-loop stall, CPU time', 'swap.longestStallCpuMs', 'ms'],
    ['…an idle event loop on this machine, same length of time', 'swap.idleStallMs', 'ms'],
    ['questions answered with nothing', 'emptyShare', ''],
  ];
  const lines = [
    '| passages | figure | podqa | MiniSearch defaults | podqa ÷ defaults |',
    '|---|---|---|---|---|',
  ];
  for (const row of rows) {
    for (const [label, key, unit] of metrics) {
      const ours = get(row.podqa, key);
      const theirs = get(row.baseline, key);
      const ratio = ours !== undefined && theirs ? `${Number((ours / theirs).toPrecision(2))}×` : '–';
      const show = (v: number | undefined) => (v === undefined ? '–' : `${v}${unit ? ` ${unit}` : ''}`);
      lines.push(
        `| ${row.passages.toLocaleString('en-US')} | ${label} | ${show(ours)} | ${show(theirs)} | ${ratio} |`,
      );
    }
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) main(run);
