import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import MiniSearch from 'minisearch';
import pino from 'pino';
import { EpisodeLibrary } from '../answers/library.js';
import { renderAnswer } from '../discord/render.js';
import { catalogueVectors, gloveVectors } from '../index/meaning/glove.js';
import { SegmentedIndex } from '../index/segmented.js';
import { INDEX_FILE, readIndexFile } from '../index/store.js';
import type { Passage } from '../passages/passage.js';
import { withPeakRss } from './memory.js';

/** Button ids as /ask makes them (their keys are short and random). */
const BUTTONS = { more: 'more:k:1', up: 'vote:up:k', down: 'vote:down:k', related: 'related:k' };

/**
 * One measurement in a fresh process (so heap and start-up are its own), printed as JSON:
 * `build` rebuilds podqa's index; `podqa` and `baseline` load one and answer the query mix;
 * `podqa-words` as `podqa` with meaning off (no word vectors); `vectors`, the memory of GloVe's vectors
 * of the catalogue's words and of the whole table; `paired`, each question asked with meaning on and
 * off in turn (a shared machine's load then falls on both alike).
 * Run with --expose-gc so heap figures are after a collection.
 */

const [mode, dataDir = '', queriesPath = ''] = process.argv.slice(2);
const logger = pino({ level: 'silent' });
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

function memory() {
  gc();
  const { heapUsed, rss } = process.memoryUsage();
  return { heapMb: Math.round(heapUsed / 1e6), rssMb: Math.round(rss / 1e6) };
}

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  return { p50: round(at(0.5)), p99: round(at(0.99)) };
}
const round = (ms: number) => Math.round(ms * 100) / 100;

function time<T>(work: () => T): [T, number] {
  const start = performance.now();
  const value = work();
  return [value, performance.now() - start];
}

async function timeAsync<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await work();
  return [value, performance.now() - start];
}

/**
 * The process's CPU time (milliseconds, all its threads) while `work` runs: on a shared machine, wall
 * time also counts the moments the process waited for a core; CPU time does not.
 */
function cpuTime<T>(work: () => T): [T, number] {
  const start = process.cpuUsage();
  const value = work();
  const { user, system } = process.cpuUsage(start);
  return [value, (user + system) / 1000];
}

/**
 * Answers while a reindex rebuilds in its child process and swaps: their p99, how long it took, and the
 * longest the event loop was held at once meanwhile (an answer's own time included: a stall delays
 * every answer waiting behind it).
 */
async function askWhileReindexing(library: EpisodeLibrary, queries: readonly string[]) {
  const samples: number[] = [];
  const started = performance.now();
  let reindexing = true;
  const delay = monitorEventLoopDelay({ resolution: 2 });
  delay.enable();
  const reindex = library.reindex().finally(() => (reindexing = false));
  for (let i = 0; reindexing; i++) {
    samples.push(time(() => library.ask(queries[i % queries.length] as string, { limit: 3 }))[1]);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  delay.disable();
  await reindex;
  return {
    ...percentiles(samples),
    asked: samples.length,
    reindexMs: Math.round(performance.now() - started),
    longestStallMs: round(delay.max / 1e6),
  };
}

/**
 * The longest the event loop is held while a stored index is loaded and warmed a slice at a time, as
 * after /reindex (a 1 ms timer's longest gap, in wall time and in the process's CPU time), beside the same
 * timer's longest gap with nothing to do: on a shared machine that is the floor wall time cannot go under.
 */
async function swapStall(dataDir: string) {
  const longestGap = async (work: () => Promise<unknown>) => {
    let longest = 0;
    let longestCpu = 0;
    let last = performance.now();
    let lastCpu = process.cpuUsage();
    const timer = setInterval(() => {
      const now = performance.now();
      const { user, system } = process.cpuUsage(lastCpu);
      longest = Math.max(longest, now - last);
      longestCpu = Math.max(longestCpu, (user + system) / 1000);
      last = now;
      lastCpu = process.cpuUsage();
    }, 1);
    const started = performance.now();
    await work();
    const ms = performance.now() - started;
    clearInterval(timer);
    return { longest: round(longest), longestCpu: round(longestCpu), ms: Math.round(ms) };
  };
  const swap = await longestGap(async () => {
    const read = await readIndexFile(join(dataDir, INDEX_FILE), { cooperative: true });
    if (!('file' in read)) throw new Error(read.reason);
    const index = await SegmentedIndex.load(read.file.segments);
    await index.warm();
  });
  const idle = await longestGap(() => new Promise((resolve) => setTimeout(resolve, swap.ms)));
  return {
    longestStallMs: swap.longest,
    longestStallCpuMs: swap.longestCpu,
    idleStallMs: idle.longest,
    loadMs: swap.ms,
  };
}

/** Resident memory (after a collection) added by the catalogue's word vectors, then by the whole table's. */
async function vectorsMemory() {
  const read = await readIndexFile(join(dataDir, INDEX_FILE));
  if (!('file' in read)) throw new Error(read.reason);
  const index = SegmentedIndex.of(read.file.segments);
  // Freed buffers are released after a collection, by a task of their own: collect, wait, collect.
  const resident = async () => {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 100));
    gc();
    const { rss, heapUsed, arrayBuffers } = process.memoryUsage();
    return { rss, held: heapUsed + arrayBuffers };
  };
  const mb = (bytes: number) => round(bytes / 1e6);
  // The lexicon is made at its first use, and the words asked for are the library's to make: both before.
  const words = new Set([...index.lexicon.vocabulary.values()].map(({ surface }) => surface));
  const before = await resident();
  const catalogue = catalogueVectors(words);
  const withCatalogue = await resident();
  const whole = gloveVectors();
  const withWhole = await resident();
  return {
    catalogueWords: words.size,
    catalogueVectors: catalogue?.words.length,
    catalogue: {
      rssMb: mb(withCatalogue.rss - before.rss),
      heapAndBuffersMb: mb(withCatalogue.held - before.held),
    },
    wholeVectors: whole?.words.length,
    whole: {
      rssMb: mb(withWhole.rss - withCatalogue.rss),
      heapAndBuffersMb: mb(withWhole.held - withCatalogue.held),
    },
  };
}

/** Engine times with meaning on and off, each question asked of both in turn, three rounds after one unmeasured. */
async function pairedMeaning(queries: readonly string[]) {
  const on = await EpisodeLibrary.open({ dataDir, logger });
  const off = await EpisodeLibrary.open({ dataDir, logger, meaning: false });
  const times = { on: [] as number[], off: [] as number[], onCpu: [] as number[], offCpu: [] as number[] };
  for (let round = 0; round < 4; round++) {
    for (const q of queries) {
      const [[, onMs], onCpu] = cpuTime(() => time(() => on.ask(q, { limit: 3 })));
      const [[, offMs], offCpu] = cpuTime(() => time(() => off.ask(q, { limit: 3 })));
      if (round === 0) continue;
      times.on.push(onMs);
      times.off.push(offMs);
      times.onCpu.push(onCpu);
      times.offCpu.push(offCpu);
    }
  }
  return {
    on: percentiles(times.on),
    off: percentiles(times.off),
    onCpu: percentiles(times.onCpu),
    offCpu: percentiles(times.offCpu),
  };
}

async function main(): Promise<unknown> {
  const queries: string[] = queriesPath ? JSON.parse(await readFile(queriesPath, 'utf8')) : [];
  if (mode === 'build') {
    const {
      value: library,
      ms,
      peakRssMb,
    } = await withPeakRss(() => EpisodeLibrary.rebuild({ dataDir, logger }));
    return {
      buildMs: ms,
      // The build's peak resident memory: this process and its slices' child processes together.
      buildPeakRssMb: peakRssMb,
      passages: library.report.passages,
      episodes: library.report.episodes,
    };
  }
  if (mode === 'vectors') return vectorsMemory();
  if (mode === 'paired') return pairedMeaning(queries);
  if (mode === 'podqa' || mode === 'podqa-words') {
    const start = performance.now();
    // As the bot opens it: warmed in the background once it can answer.
    const library = await EpisodeLibrary.open({ dataDir, logger, warm: true, meaning: mode === 'podqa' });
    const coldStartMs = Math.round(performance.now() - start);
    const [, warmUpMs] = await timeAsync(() => library.warmedUp());
    const mem = memory();
    const engine: number[] = [];
    const engineCpu: number[] = [];
    const handler: number[] = [];
    let empty = 0;
    for (const q of queries) {
      const [[answer, ms], cpuMs] = cpuTime(() => time(() => library.ask(q, { limit: 3 })));
      engine.push(ms);
      engineCpu.push(cpuMs);
      if (answer.results.length === 0) empty++;
      handler.push(
        ms + time(() => JSON.stringify(renderAnswer(answer, { page: 0, perPage: 3, buttons: BUTTONS })))[1],
      );
    }
    return {
      coldStartMs,
      warmUpMs: Math.round(warmUpMs),
      ...mem,
      engine: percentiles(engine),
      engineCpu: percentiles(engineCpu),
      handler: percentiles(handler),
      emptyShare: round(empty / queries.length),
      swap: await swapStall(dataDir),
      duringReindex: await askWhileReindexing(library, queries),
    };
  }
  // MiniSearch as it is commonly set up: stored fields for rendering, fuzzy 0.2, prefix, OR.
  const stored = await readIndexFile(join(dataDir, INDEX_FILE));
  if (!('file' in stored)) throw new Error(stored.reason);
  const all = stored.file.segments.flatMap(({ index: { passages } }) =>
    Array.from({ length: passages.length }, (_, i) => passages.at(i)),
  );
  const options = {
    fields: ['section', 'text'],
    storeFields: ['episodeId', 'section', 'text', 'start', 'url'],
    searchOptions: { fuzzy: 0.2, prefix: true, combineWith: 'OR' as const },
  };
  const [built, buildMs] = time(() => {
    const search = new MiniSearch<Passage>(options);
    search.addAll(all);
    return search;
  });
  const json = JSON.stringify(built);
  const [loaded, coldStartMs] = time(() => MiniSearch.loadJSON<Passage>(json, options));
  const mem = memory();
  const engine: number[] = [];
  const engineCpu: number[] = [];
  let empty = 0;
  for (const q of queries) {
    const [[results, ms], cpuMs] = cpuTime(() => time(() => loaded.search(q).slice(0, 3)));
    engine.push(ms);
    engineCpu.push(cpuMs);
    if (results.length === 0) empty++;
  }
  return {
    buildMs: Math.round(buildMs),
    fileMb: round(json.length / 1e6),
    coldStartMs: Math.round(coldStartMs),
    ...mem,
    engine: percentiles(engine),
    engineCpu: percentiles(engineCpu),
    emptyShare: round(empty / queries.length),
  };
}

main().then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
