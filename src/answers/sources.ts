import { stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { newestFirst } from '../episodes/order.js';
import type { Problem } from '../episodes/problem.js';
import { EpisodeDocument, type Episode } from '../episodes/schema.js';
import { pathsOf } from '../index/build.js';
import {
  SOURCE_EXTENSIONS,
  isSourceFile,
  loadEpisodes,
  parseSource,
  parseTranscriptEpisode,
} from '../sources/loadEpisodes.js';
import {
  TRANSCRIPT_SUFFIXES,
  isTranscriptFile,
  readTranscript,
  transcriptStem,
} from '../sources/transcripts/readTranscript.js';
import { DataDirError } from './engine.js';
import type { AddedSource, FileCoverage, SourceUpload } from './schema.js';

/**
 * The episode sources as the adapters need them: where they are, reading and checking them, and
 * adding one. The terminal and the bot reach sources/ only through here.
 */

/** Where DATA_DIR keeps the episode sources. */
export const episodesDirOf = (dataDir: string): string => pathsOf(dataDir).episodes;

/** Throws one line naming DATA_DIR, its path and what was expected, when it holds no episodes folder. */
export async function requireDataDir(dataDir: string): Promise<void> {
  const where = `DATA_DIR: ${resolve(dataDir)}`;
  const expected = 'expected a folder holding episodes/ (the episode sources)';
  const kind = (path: string) =>
    stat(path).then(
      (info) => (info.isDirectory() ? 'folder' : 'file'),
      () => null,
    );
  const root = await kind(dataDir);
  if (root === null) throw new DataDirError(`${where} does not exist; ${expected}`);
  if (root === 'file') throw new DataDirError(`${where} is a file; ${expected}`);
  if ((await kind(episodesDirOf(dataDir))) !== 'folder')
    throw new DataDirError(`${where} has no episodes/ folder; ${expected}`);
}

/** Every good episode in DATA_DIR, newest first, and the files refused with their problems. */
export async function readEpisodes(
  dataDir: string,
): Promise<{ episodes: Episode[]; rejected: { file: string; problems: Problem[] }[] }> {
  await requireDataDir(dataDir);
  const loaded = await loadEpisodes(episodesDirOf(dataDir));
  return { episodes: newestFirst(loaded.episodes), rejected: loaded.rejected };
}

/** What checking some sources found. */
export interface SourceCheck {
  /** Sources checked, and how many of them would be refused. */
  files: number;
  refused: number;
  /** Every problem, its file as an absolute path. */
  problems: Problem[];
  /** Paths given that could not be checked, and why. */
  skipped: { path: string; reason: string }[];
  /** Per source checked: words searchable, set aside by rule, and lost. */
  coverage: FileCoverage[];
}

/**
 * Checks source files or whole folders as an index build would read them. A single file is read in
 * its folder, so its meta file and id clashes count too.
 */
export async function checkSources(paths: readonly string[]): Promise<SourceCheck> {
  const report: SourceCheck = { files: 0, refused: 0, problems: [], skipped: [], coverage: [] };
  for (const path of paths) {
    const isFolder = await stat(path).then(
      (info) => info.isDirectory(),
      () => null,
    );
    if (isFolder === null) {
      report.skipped.push({ path, reason: 'no such file or directory' });
      continue;
    }
    const only = isFolder ? null : basename(path);
    if (only !== null && !isSourceFile(only) && !isTranscriptFile(only)) {
      report.skipped.push({ path, reason: notASource(only) });
      continue;
    }
    const dir = isFolder ? path : dirname(path);
    const loaded = await loadEpisodes(dir);
    const concerns = (problem: Problem) =>
      only === null || problem.file === only || problem.file.startsWith(only.replace(/\.[^.]+$/, '.meta'));
    const rejected = loaded.rejected.filter((r) => only === null || r.file === only);
    report.files += loaded.sources.filter((s) =>
      only === null ? isSourceFile(s.file) : s.file === only,
    ).length;
    report.refused += rejected.length;
    for (const problem of [...rejected.flatMap((r) => r.problems), ...loaded.warnings.filter(concerns)])
      report.problems.push({ ...problem, file: resolve(dir, problem.file) });
    for (const coverage of loaded.coverage)
      if (only === null || coverage.file === only)
        report.coverage.push({ ...coverage, file: resolve(dir, coverage.file) });
  }
  return report;
}

function notASource(name: string): string {
  return name.endsWith('.meta.json')
    ? 'a meta file is checked with its source: give the source file (the same name without .meta.json)'
    : `not an episode source: expected a file ending in ${[...SOURCE_EXTENSIONS, ...TRANSCRIPT_SUFFIXES].join(', ')}`;
}

/** A file name safe to write into the episodes folder, or null when none can be made. */
export function safeSourceName(name: string): string | null {
  const base = basename(name.replace(/\\/g, '/'))
    .replace(/[^\w.-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(-100);
  return base && (isSourceFile(base) || isTranscriptFile(base)) ? base : null;
}

/**
 * Validates a source or a transcript and, only when it is good and its id is free, writes it
 * atomically into the episodes folder. A transcript whose stem is an indexed episode's source joins
 * that episode; otherwise it is an episode of its own. It is indexed by the next reindex.
 */
export async function addSource(
  dataDir: string,
  { name: given, content }: SourceUpload,
  known: readonly Episode[],
): Promise<AddedSource> {
  const refuse = (message: string): AddedSource => ({
    saved: null,
    problems: [{ file: given, line: null, message, severity: 'error' }],
  });
  const name = safeSourceName(given);
  if (!name) return refuse(`${notASource(given)} (not .meta.json)`);
  // A transcript of an episode already indexed joins it: it is checked for cues, not as an episode.
  const stem = transcriptStem(name);
  const page = stem === null ? undefined : known.find((e) => e.source.replace(/\.[^.]+$/, '') === stem);
  if (page) {
    const read = readTranscript(name, content);
    const errors = read.problems.filter((p) => p.severity === 'error');
    if (errors.length) return { saved: null, problems: errors };
    await writeFileAtomic(join(episodesDirOf(dataDir), name), content);
    return { saved: name, problems: read.problems };
  }
  const { episode, problems } =
    stem === null ? parseSource(name, content) : parseTranscriptEpisode(name, content);
  const errors = problems.filter((p) => p.severity === 'error');
  if (!episode || errors.length) return { saved: null, problems: errors };
  const clash = known.find((e) => e.id === episode.id && e.source !== name);
  if (clash) return refuse(`episode id "${episode.id}" is already used by ${clash.source}`);
  await writeFileAtomic(join(episodesDirOf(dataDir), name), content);
  return { saved: name, problems };
}

/** The canonical episode document as a JSON Schema, for editors and converters. */
export function episodeJsonSchema(): string {
  const schema = z.toJSONSchema(EpisodeDocument, { io: 'input' });
  return `${JSON.stringify({ title: 'podqa episode', ...schema }, null, 2)}\n`;
}
