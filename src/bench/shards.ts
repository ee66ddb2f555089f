import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, readdirSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_ID, DiscordStandIn, TOKEN, command, guildOnShard } from '../../test/standin/discord.js';
import { copyOfData } from '../../test/support/data.js';
import { EpisodeLibrary } from '../answers/library.js';
import { createLogger } from '../log.js';
import { type Io, UsageError, createProgram, execute, main } from '../terminal/cli.js';

/**
 * `npm run bench:shards [-- --runs 3 --asks 300 --rate 30]`: `npm start` as a real process against the
 * Discord stand-in on 127.0.0.1, as one process and with SHARDS=2 (the ShardingManager and two shard
 * processes), over the bundled catalogue with its index already built:
 * - startup: from spawning the process until a question on a server of every shard is answered;
 * - memory: the resident size of the process and its shard processes once started;
 * - answer latency: `--asks` /ask at `--rate` a second, spread over a server on each shard, from the
 *   stand-in's dispatch to the bot's acknowledgement (what a member waits for).
 * Figures, not assertions: the machine's load is written beside them. Writes bench-results/shards.*
 * (shards-compiled.* with `--entry` a compiled main.js).
 */

const QUESTIONS = ['HBM', 'GRPO', 'what did they say about Waymo', 'memory chip shortage', 'DOGE cuts'];

interface Mode {
  name: string;
  shards: number | null;
}
const MODES: Mode[] = [
  { name: 'one process', shards: null },
  { name: 'SHARDS=2', shards: 2 },
];

const round = (ms: number) => Math.round(ms * 10) / 10;

/** A file under /proc, or '' once its process is gone. */
const readProc = (path: string) => {
  try {
    return readFileSync(join('/proc', path), 'utf8');
  } catch {
    return '';
  }
};

/** Kilobytes resident of a process and of every process under it (Linux /proc; null elsewhere). */
function residentKb(root: number): number | null {
  if (readProc(`${root}/status`) === '') return null;
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProc(`${entry}/stat`);
    // The fields after the command name (which may hold spaces): state, then the parent's pid.
    parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
  }
  const tree = [root];
  for (const [pid, parent] of parentOf) if (tree.includes(parent)) tree.push(pid);
  return tree.reduce((kb, pid) => kb + Number(/VmRSS:\s+(\d+)/.exec(readProc(`${pid}/status`))?.[1] ?? 0), 0);
}

/** Starts the bot in `mode`; resolves once a question on a server of every shard is answered. */
async function start(mode: Mode, dataDir: string, standIn: DiscordStandIn, entry: string) {
  const started = performance.now();
  const loader = entry.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const bot = spawn(process.execPath, [...loader, entry], {
    env: {
      PATH: process.env.PATH,
      LOG_LEVEL: 'warn',
      DISCORD_TOKEN: TOKEN,
      DISCORD_CLIENT_ID: APP_ID,
      DISCORD_API_URL: standIn.apiUrl,
      DATA_DIR: dataDir,
      ...(mode.shards ? { SHARDS: String(mode.shards) } : {}),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const count = mode.shards ?? 1;
  while (standIn.shards.length < count) {
    if (bot.exitCode !== null) throw new Error(`${mode.name}: the bot exited (${bot.exitCode})`);
    await sleep(10);
  }
  await Promise.all(
    Array.from({ length: count }, (_, shard) =>
      standIn.interact({ ...command('ask', { question: 'HBM' }), guild_id: guildOnShard(shard, count) }),
    ),
  );
  return { bot, startupMs: round(performance.now() - started) };
}

async function stop(bot: ChildProcess): Promise<void> {
  if (bot.exitCode !== null) return;
  bot.kill('SIGTERM');
  await once(bot, 'exit');
}

/** `asks` questions at `rate` a second over a server on each shard; the acknowledgement latencies. */
async function askAtRate(standIn: DiscordStandIn, count: number, asks: number, rate: number) {
  const ids: string[] = [];
  const begun = performance.now();
  for (let n = 0; n < asks; n++) {
    const due = begun + (n * 1000) / rate;
    if (due > performance.now()) await sleep(due - performance.now());
    const member = { id: String(800000000000000000n + BigInt(n)), permissions: '0' };
    const question = QUESTIONS[n % QUESTIONS.length] as string;
    ids.push(
      standIn.dispatch({ ...command('ask', { question }, member), guild_id: guildOnShard(n % count, count) }),
    );
  }
  await sleep(3_500);
  const latencies = ids
    .map((id) => standIn.answersTo(id)[0]?.sinceDispatch)
    .filter((ms): ms is number => ms !== undefined)
    .sort((a, b) => a - b);
  const at = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return {
    answered: latencies.length,
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    p99Ms: at(0.99),
    maxMs: latencies.at(-1) ?? NaN,
  };
}

export async function run(argv: readonly string[], io: Io): Promise<number> {
  const program = createProgram(
    'bench:shards',
    'Measure startup and answer latency, one process against two shards.',
    io,
  )
    .option('--runs <n>', 'startups measured per mode', '3')
    .option('--asks <n>', 'questions asked per mode', '300')
    .option('--rate <n>', 'questions a second', '30')
    .option(
      '--entry <file>',
      'the bot: src/discord/main.ts (through tsx) or a compiled main.js',
      'src/discord/main.ts',
    )
    .option(
      '--out <dir>',
      'where to write shards.{json,md} (shards-compiled.* for a compiled entry)',
      'bench-results',
    )
    .action(async (flags: { runs: string; asks: string; rate: string; entry: string; out: string }) => {
      const [runs, asks, rate] = (['runs', 'asks', 'rate'] as const).map((key) => {
        const value = Number(flags[key]);
        if (!Number.isInteger(value) || value < 1)
          throw new UsageError(`--${key}: expected a whole number of 1 or more, got "${flags[key]}"`);
        return value;
      }) as [number, number, number];
      const dataDir = copyOfData();
      try {
        // Built once here: startups open the stored index, as a restart does.
        await EpisodeLibrary.open({ dataDir, logger: createLogger('silent') });
        const results = [];
        for (const mode of MODES) {
          const startups: number[] = [];
          let memoryKb: number | null = null;
          let latency = null;
          for (let r = 0; r < runs; r++) {
            const count = mode.shards ?? 1;
            const standIn = await DiscordStandIn.start({ shards: count, maxConcurrency: count });
            const { bot, startupMs } = await start(mode, dataDir, standIn, flags.entry);
            startups.push(startupMs);
            try {
              if (r === runs - 1) {
                memoryKb = bot.pid === undefined ? null : residentKb(bot.pid);
                latency = await askAtRate(standIn, count, asks, rate);
              }
            } finally {
              await stop(bot);
              await standIn.stop();
            }
          }
          startups.sort((a, b) => a - b);
          results.push({
            mode: mode.name,
            startupsMs: startups,
            startupMedianMs: startups[Math.floor(runs / 2)],
            memoryKb,
            latency,
          });
        }
        const name = flags.entry.endsWith('.ts') ? 'shards' : 'shards-compiled';
        const figures = {
          entry: flags.entry,
          cores: cpus().length,
          loadAverage: loadavg().map((l) => round(l)),
          runs,
          asks,
          rate,
          results,
        };
        await mkdir(flags.out, { recursive: true });
        await writeFile(join(flags.out, `${name}.json`), `${JSON.stringify(figures, null, 2)}\n`);
        const table = [
          `| mode | startup (median of ${runs}) | resident memory | answered | p50 | p95 | p99 | max |`,
          '| --- | --- | --- | --- | --- | --- | --- | --- |',
          ...results.map(
            ({ mode, startupMedianMs, memoryKb, latency: l }) =>
              `| ${mode} | ${startupMedianMs} ms | ${memoryKb === null ? 'n/a' : `${Math.round(memoryKb / 1024)} MB`} | ${l?.answered}/${asks} | ${l?.p50Ms} ms | ${l?.p95Ms} ms | ${l?.p99Ms} ms | ${l?.maxMs} ms |`,
          ),
          '',
          `\`${flags.entry}\`; ${figures.cores} cores, load average ${figures.loadAverage.join(' / ')} at the end; ${asks} /ask at ${rate}/s per mode.`,
        ].join('\n');
        await writeFile(join(flags.out, `${name}.md`), `${table}\n`);
        io.out(table);
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    });
  return execute(program, argv, io);
}

if (import.meta.url === `file://${process.argv[1]}`) main(run);
