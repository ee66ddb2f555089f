import { type ChildProcess, fork } from 'node:child_process';
import { mkdtemp, readdir, rm, unlink } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Problem } from '../episodes/problem.js';
import type { Passage } from '../passages/passage.js';
import { type FileCoverage, coverageReport } from '../sources/coverage.js';
import { findAcronyms } from '../text/acronyms.js';
import { childModule } from '../childModule.js';
import { loadAliases } from './aliases.js';
import { type BuildOptions, inputStem, pathsOf } from './build.js';
import {
  ANALYSIS_FINGERPRINT,
  INDEX_FORMAT_VERSION,
  type Manifest,
  type SegmentEntry,
  type SourceStamp,
  type StoredIndex,
  publishIndex,
  readIndexFile,
} from './store.js';

/**
 * A full build in parallel (see docs/segments.md, "A full build in parallel"): the sources are cut
 * into slices of whole stems, in name order; each slice is indexed as one segment by one of a few
 * child processes (one per core, each taking slice after slice), so memory is bounded by a slice,
 * not by the catalogue. Two passes: first each slice's sources are parsed and their words and
 * acronyms sent back, the parsed sources kept in a hand-off file; then every slice is indexed from
 * its hand-off with the whole catalogue's analysis (its alias groups and the words a compound is
 * checked against), so each passage is analysed exactly as a full build in one pass analyses it;
 * statistics are the catalogue's at question time.
 */

/**
 * Sources (stems) per slice at most: about 115,000 passages of the bench's episodes, under half a
 * gigabyte to index. Slices are then made equal and their number a multiple of the cores
 * (`planSlices`), which makes them smaller, not larger.
 */
export const SLICE_SOURCES = 2500;

const CHILD = childModule('index/build-slice');

/**
 * What a slice's child is asked: parse `names`, keep what it read in `handoff` and say their words;
 * or index what `handoff` holds with the catalogue's analysis (and remove it).
 */
export type SliceTask =
  | { kind: 'words'; dataDir: string; names: string[]; handoff: string }
  | { kind: 'index'; dataDir: string; handoff: string; groups: string[][]; tokens: string[] };

/** What a slice's sources tell the build before any is indexed. */
export interface SliceWords {
  ids: string[];
  tokens: string[];
  acronyms: string[][];
}

/** A slice indexed and written as a segment (no manifest names it yet). */
export interface SliceSegment {
  entry: SegmentEntry;
  episodes: number;
  passages: number;
  rejected: { file: string; problems: Problem[] }[];
  warnings: Problem[];
  coverage: FileCoverage[];
}

/** A slice's words: every token as written (`tokens`: its passages' own), and the acronyms its passages define. */
export function wordsOf(
  ids: string[],
  passages: readonly Passage[],
  tokens: ReadonlySet<string>,
): SliceWords {
  return { ids, tokens: [...tokens], acronyms: passages.flatMap((passage) => findAcronyms(passage.text)) };
}

/**
 * The catalogue's analysis from its slices' words, as `EpisodeIndex.build` makes it over all
 * passages: the moderators' groups and the acronyms found (in passage order), and every word as
 * written (for word forms and compounds).
 */
function catalogueAnalysis(aliases: readonly (readonly string[])[], slices: readonly SliceWords[]) {
  return {
    groups: [...aliases.map((group) => [...group]), ...slices.flatMap((slice) => slice.acronyms)],
    tokens: [...new Set(slices.flatMap((slice) => slice.tokens))],
  };
}

/**
 * The directory's names in slices of whole stems (a page, its meta file, its transcripts), in name
 * order: as few slices as hold at most `sliceSources` stems each, their number then raised to a
 * multiple of `cores` (when there are more slices than cores), the stems shared out evenly. Equal
 * slices in whole rounds keep every core busy to the end: a last slice does not run alone.
 */
export function planSlices(names: readonly string[], sliceSources: number, cores: number): string[][] {
  const stems = new Map<string, string[]>();
  for (const name of [...names].sort()) {
    const key = inputStem(name);
    stems.set(key, [...(stems.get(key) ?? []), name]);
  }
  const all = [...stems.values()];
  const fewest = Math.ceil(all.length / Math.max(1, sliceSources));
  const count = fewest > cores ? Math.ceil(fewest / cores) * cores : fewest;
  return Array.from({ length: count }, (_, s) =>
    all.slice(Math.floor((s * all.length) / count), Math.floor(((s + 1) * all.length) / count)).flat(),
  );
}

/**
 * Child processes that run slice tasks, one task at a time each, and stay up between tasks: a child
 * reads what builds derive from WordNet once, not once per slice.
 */
class SliceChildren {
  private readonly idle: ChildProcess[] = [];
  private readonly waiting: ((child: ChildProcess) => void)[] = [];
  private readonly all: ChildProcess[];

  constructor(count: number) {
    this.all = Array.from({ length: count }, () =>
      fork(CHILD.file, [], { execArgv: [...CHILD.execArgv, '--expose-gc'], serialization: 'advanced' }),
    );
    this.idle.push(...this.all);
  }

  /** Runs `task` in the next idle child and resolves with what it sends back. */
  async run<T>(task: SliceTask): Promise<T> {
    const child = this.idle.pop() ?? (await new Promise<ChildProcess>((ready) => this.waiting.push(ready)));
    const value = await new Promise<T>((resolve, reject) => {
      const settle = () => {
        child.off('message', onMessage);
        child.off('exit', onExit);
        child.off('error', reject);
      };
      const onMessage = (message: { value: T } | { error: string }) => {
        settle();
        if ('error' in message) reject(new Error(message.error));
        else resolve(message.value);
      };
      const onExit = (code: number | null) => {
        settle();
        reject(new Error(`indexing a slice of the sources stopped (exit code ${code})`));
      };
      child.once('message', onMessage);
      child.once('exit', onExit);
      child.once('error', reject);
      if (child.connected) child.send(task);
      else onExit(child.exitCode);
    });
    const next = this.waiting.shift();
    if (next) next(child);
    else this.idle.push(child);
    return value;
  }

  /** Every task of `tasks`, as many at a time as there are children, results in order. */
  runAll<T>(tasks: readonly SliceTask[]): Promise<T[]> {
    return Promise.all(tasks.map((task) => this.run<T>(task)));
  }

  /** Ends every child (one waiting for a task exits when its channel closes; a busy one is killed), and waits for it. */
  async close(): Promise<void> {
    await Promise.all(
      this.all.map((child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        if (this.idle.includes(child)) child.disconnect();
        else child.kill();
        return exited;
      }),
    );
  }
}

/**
 * A full build as several segments built in parallel and published as one manifest; null when the
 * sources fit one slice (a build in this process is quicker) or when two slices hold episodes of the
 * same id (a build in one pass refuses one of them, and says which).
 */
export async function buildInParallel(
  options: BuildOptions,
  inputs: SourceStamp[],
): Promise<StoredIndex | null> {
  const paths = pathsOf(options.dataDir);
  const cores = Math.max(1, availableParallelism());
  const slices = planSlices(await readdir(paths.episodes), options.sliceSources ?? SLICE_SOURCES, cores);
  if (slices.length < 2) return null;
  const { dataDir } = options;
  const handoffs = await mkdtemp(join(tmpdir(), 'podqa-slices-'));
  const children = new SliceChildren(Math.min(cores, slices.length));
  try {
    const handoff = (s: number) => join(handoffs, `${s}.v8`);
    const words = await children.runAll<SliceWords>(
      slices.map((names, s) => ({ kind: 'words', dataDir, names, handoff: handoff(s) })),
    );
    const ids = words.flatMap((slice) => slice.ids);
    if (new Set(ids).size !== ids.length) return null;
    const aliases = await loadAliases(paths.aliases);
    const analysis = catalogueAnalysis(aliases.groups, words);
    let indexed = 0;
    const built = await Promise.all(
      slices.map(async (_, s) => {
        const segment = await children.run<SliceSegment>({
          kind: 'index',
          dataDir,
          handoff: handoff(s),
          ...analysis,
        });
        options.onProgress?.((indexed += segment.passages), ids.length);
        return segment;
      }),
    );
    return await publishSlices(options, inputs, built, aliases.problems);
  } finally {
    await children.close();
    await rm(handoffs, { recursive: true, force: true });
  }
}

/** The slices' segments published as one manifest, read back as the stored index. */
async function publishSlices(
  options: BuildOptions,
  inputs: SourceStamp[],
  built: SliceSegment[],
  aliasProblems: Problem[],
): Promise<StoredIndex> {
  const paths = pathsOf(options.dataDir);
  const rejected = built.flatMap((slice) => slice.rejected);
  for (const { file, problems } of rejected)
    options.logger.warn({ file, problems: problems.map((p) => p.message) }, `refused ${file}`);
  const fileCoverage = built.flatMap((slice) => slice.coverage);
  const manifest: Manifest = {
    formatVersion: INDEX_FORMAT_VERSION,
    analysis: ANALYSIS_FINGERPRINT,
    builtAt: new Date().toISOString(),
    sources: inputs,
    counts: {
      episodes: built.reduce((sum, slice) => sum + slice.episodes, 0),
      passages: built.reduce((sum, slice) => sum + slice.passages, 0),
      rejected: rejected.length,
    },
    rejected,
    warnings: [...built.flatMap((slice) => slice.warnings), ...aliasProblems],
    coverage: coverageReport(fileCoverage),
    fileCoverage,
  };
  // Slices whose every source was refused hold nothing: left out, unless nothing else is left.
  const kept = built.filter((slice, s) => slice.passages > 0 || (s === 0 && built.every((b) => !b.passages)));
  for (const { entry } of built.filter((slice) => !kept.includes(slice)))
    await unlink(join(dirname(paths.index), entry.file));
  await publishIndex(
    paths.index,
    manifest,
    kept.map((slice) => slice.entry),
  );
  const read = await readIndexFile(paths.index);
  if ('reason' in read) throw new Error(`the index just built cannot be read: ${read.reason}`);
  return read.file;
}
