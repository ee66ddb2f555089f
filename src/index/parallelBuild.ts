import { fork } from 'node:child_process';
import { readdir, unlink } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import type { Problem } from '../episodes/problem.js';
import type { Passage } from '../passages/passage.js';
import { type FileCoverage, coverageReport } from '../sources/coverage.js';
import { findAcronyms } from '../text/acronyms.js';
import { childModule } from '../childModule.js';
import { loadAliases } from './aliases.js';
import { type BuildOptions, inputStem, pathsOf } from './build.js';
import { corpusWords } from './passageTerms.js';
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
 * A full build in parallel (see docs/segments.md, "Full build"): the sources are cut into slices of
 * whole stems, in name order; each slice is indexed as one segment by a child process, at most one
 * per core at a time, so memory is bounded by a slice, not by the catalogue. Two passes: first each
 * slice's words and acronyms are read, then every slice is indexed with the whole catalogue's (its
 * alias groups and the words a compound is checked against), so each passage is analysed exactly as
 * a full build in one pass analyses it; statistics are the catalogue's at question time.
 */

/**
 * Sources (stems) per slice: about 115,000 passages of the bench's episodes, under half a gigabyte to
 * index, and more than half of `MAX_MERGED_PASSAGES`, so a merge leaves them be.
 */
export const SLICE_SOURCES = 2500;

const CHILD = childModule('index/build-slice');

/** What a slice's child is asked: read `names` and say their words, or index them with the catalogue's. */
export type SliceTask =
  | { kind: 'words'; dataDir: string; names: string[] }
  | { kind: 'index'; dataDir: string; names: string[]; groups: string[][]; tokens: string[] };

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

/** A slice's words: every token as written, and the acronyms its passages define. */
export function wordsOf(ids: string[], passages: readonly Passage[]): SliceWords {
  const { tokens } = corpusWords(passages, new Map());
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

/** The directory's names in slices of whole stems (a page, its meta file, its transcripts), in name order. */
async function slicesOf(episodesDir: string, sliceSources: number): Promise<string[][]> {
  const names = (await readdir(episodesDir)).sort();
  const stems = new Map<string, string[]>();
  for (const name of names) {
    const key = inputStem(name);
    stems.set(key, [...(stems.get(key) ?? []), name]);
  }
  const all = [...stems.values()];
  const slices: string[][] = [];
  for (let from = 0; from < all.length; from += sliceSources)
    slices.push(all.slice(from, from + sliceSources).flat());
  return slices;
}

/** Runs one task in a child process of its own and resolves with what it sends back. */
function inSliceChild<T>(task: SliceTask): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD.file, [], { execArgv: CHILD.execArgv, serialization: 'advanced' });
    let answered = false;
    child.once('message', (message: { value: T } | { error: string }) => {
      answered = true;
      if ('error' in message) reject(new Error(message.error));
      else resolve(message.value);
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!answered) reject(new Error(`indexing a slice of the sources stopped (exit code ${code})`));
    });
    child.send(task);
  });
}

/** `work` over `items`, at most `limit` at a time, results in order. */
async function pool<I, O>(items: readonly I[], limit: number, work: (item: I) => Promise<O>): Promise<O[]> {
  const results: O[] = new Array(items.length);
  let next = 0;
  const runner = async () => {
    while (next < items.length) {
      const at = next++;
      results[at] = await work(items[at] as I);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, runner));
  return results;
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
  const slices = await slicesOf(paths.episodes, options.sliceSources ?? SLICE_SOURCES);
  if (slices.length < 2) return null;
  const cores = Math.max(1, availableParallelism());
  const { dataDir } = options;
  const words = await pool(slices, cores, (names) =>
    inSliceChild<SliceWords>({ kind: 'words', dataDir, names }),
  );
  const ids = words.flatMap((slice) => slice.ids);
  if (new Set(ids).size !== ids.length) return null;
  const aliases = await loadAliases(paths.aliases);
  const analysis = catalogueAnalysis(aliases.groups, words);
  let indexed = 0;
  const built = await pool(slices, cores, async (names) => {
    const segment = await inSliceChild<SliceSegment>({ kind: 'index', dataDir, names, ...analysis });
    options.onProgress?.((indexed += segment.passages), ids.length);
    return segment;
  });
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
    warnings: [...built.flatMap((slice) => slice.warnings), ...aliases.problems],
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
