import { dirname, join } from 'node:path';
import type { Episode } from '../episodes/schema.js';
import type { Logger } from '../log.js';
import { buildPassages } from '../passages/passage.js';
import { type FileCoverage, coverageReport } from '../sources/coverage.js';
import { loadEpisodes } from '../sources/loadEpisodes.js';
import { isTranscriptFile, transcriptStem } from '../sources/transcripts/readTranscript.js';
import { findAcronyms } from '../text/acronyms.js';
import { analyze } from '../text/analyze.js';
import { EpisodeIndex } from './EpisodeIndex.js';
import { ALIASES_FILE, loadAliases } from './aliases.js';
import { buildInParallel } from './parallelBuild.js';
import { Postings } from './postings.js';
import {
  ANALYSIS_FINGERPRINT,
  INDEX_FILE,
  INDEX_FORMAT_VERSION,
  type IndexFile,
  type Manifest,
  type ReadOptions,
  type SourceStamp,
  type StoredIndex,
  type SegmentContent,
  type StoredSegment,
  hashInputs,
  livePassages,
  publishIndex,
  readIndexFile,
  staleness,
  writeIndexFile,
  writeSegment,
} from './store.js';

export interface BuildOptions {
  /** Holds `episodes/`, `aliases.json` and the index (`index.json` and its data file). */
  dataDir: string;
  logger: Logger;
  /** Called as a long build goes (passages indexed so far, of all). */
  onProgress?: (done: number, total: number) => void;
  /** Sources per slice of a parallel full build (`SLICE_SOURCES`). */
  sliceSources?: number;
  /** Segments this process has open, by data file: a refresh reads only the others (`ReadOptions.open`). */
  open?: ReadOptions['open'];
}

export function pathsOf(dataDir: string) {
  return {
    episodes: join(dataDir, 'episodes'),
    aliases: join(dataDir, ALIASES_FILE),
    index: join(dataDir, INDEX_FILE),
  };
}

/**
 * Reads every source, indexes every good one, and says what was refused. `inputs`: the sources'
 * hashes when the caller has just computed them (to judge staleness), so they are not read twice.
 */
export async function buildIndexFile(
  options: BuildOptions,
  inputs?: SourceStamp[],
): Promise<{ file: IndexFile; index: EpisodeIndex }> {
  const paths = pathsOf(options.dataDir);
  const [loaded, aliases, hashes] = await Promise.all([
    loadEpisodes(paths.episodes).catch(() => null),
    loadAliases(paths.aliases),
    inputs ?? hashInputs(paths.episodes, paths.aliases),
  ]);
  if (loaded === null) throw new Error(`cannot read the episodes directory ${paths.episodes}`);
  for (const { file, problems } of loaded.rejected) {
    options.logger.warn({ file, problems: problems.map((p) => p.message) }, `refused ${file}`);
  }
  const passages = loaded.episodes.flatMap(buildPassages);
  const index = EpisodeIndex.build(passages, aliases.groups, options.onProgress);
  const file: IndexFile = {
    manifest: {
      formatVersion: INDEX_FORMAT_VERSION,
      analysis: ANALYSIS_FINGERPRINT,
      builtAt: new Date().toISOString(),
      sources: hashes,
      counts: {
        episodes: loaded.episodes.length,
        passages: passages.length,
        rejected: loaded.rejected.length,
      },
      rejected: loaded.rejected,
      warnings: [...loaded.warnings, ...aliases.problems],
      coverage: coverageReport(loaded.coverage),
      fileCoverage: loaded.coverage,
    },
    episodes: loaded.episodes,
    index: index.parts,
  };
  return { file, index };
}

/**
 * A full build as the stored index it writes: segments built in parallel from slices of the sources
 * (`buildInParallel`), or one segment built here when the sources fit one slice.
 */
export async function rebuildIndex(options: BuildOptions, inputs?: SourceStamp[]): Promise<StoredIndex> {
  const paths = pathsOf(options.dataDir);
  const stamps = inputs ?? (await hashInputs(paths.episodes, paths.aliases));
  const built = await buildInParallel(options, stamps);
  if (built) return built;
  const { file } = await buildIndexFile(options, stamps);
  return writeIndexFile(pathsOf(options.dataDir).index, file);
}

/**
 * The stored index brought up to date with the sources: as it is when nothing changed; a new segment
 * for the changed sources when only sources changed (see `updateIndex`); else rebuilt whole. Logs why
 * it changed anything.
 */
export async function refreshIndex(options: BuildOptions): Promise<StoredIndex> {
  const paths = pathsOf(options.dataDir);
  const stored = await readIndexFile(paths.index, { open: options.open });
  // Sources whose size and time are as recorded keep their recorded hash: only changes are read.
  const previous = 'file' in stored ? stored.file.manifest.sources : [];
  const inputs = await hashInputs(paths.episodes, paths.aliases, previous);
  const reason = 'file' in stored ? staleness(stored.file.manifest, inputs) : stored.reason;
  if ('file' in stored && reason === null) return stored.file;
  if ('file' in stored) {
    const updated = await updateIndex(options, stored.file, inputs, reason as string);
    if (updated) return updated;
  }
  options.logger.info({ reason }, `rebuilding the index: ${reason}`);
  return rebuildIndex(options, inputs);
}

/**
 * Indexes only what changed: the episodes of the changed, added or removed source files (whole stems:
 * a page, its meta file and its transcript) are read and written as a new segment, and their old
 * episodes are deleted from the older segments; a new manifest naming them all is published
 * atomically. Null when only a full build will do: the aliases changed (they shape every passage's
 * terms), or a changed file now claims the id of an episode read from another file (a full build
 * refuses one of them and says so).
 */
export async function updateIndex(
  options: BuildOptions,
  stored: StoredIndex,
  inputs: SourceStamp[],
  reason: string,
): Promise<StoredIndex | null> {
  const paths = pathsOf(options.dataDir);
  const before = new Map(stored.manifest.sources.map((stamp) => [stamp.file, stamp.hash]));
  const now = new Map(inputs.map((stamp) => [stamp.file, stamp.hash]));
  const changed = [...new Set([...before.keys(), ...now.keys()])].filter(
    (file) => before.get(file) !== now.get(file),
  );
  if (changed.some((file) => file.startsWith('../'))) return null;
  const stems = new Set(changed.map(inputStem));
  const fromChanged = (file: string) => stems.has(inputStem(file));
  const [first, aliases] = await Promise.all([
    loadEpisodes(paths.episodes, fromChanged).catch(() => null),
    loadAliases(paths.aliases),
  ]);
  if (first === null) throw new Error(`cannot read the episodes directory ${paths.episodes}`);
  // Older episodes that use an acronym the changed ones define first are read again with them: a
  // full build analyses their passages with its group.
  const touched = sourcesUsingNewAcronyms(stored.segments, first.episodes);
  for (const source of touched) stems.add(inputStem(source));
  const loaded = touched.size === 0 ? first : await loadEpisodes(paths.episodes, fromChanged);
  const replaced = new Set<string>();
  const kept = new Set<string>();
  for (const segment of stored.segments) {
    const deleted = new Set(segment.entry.deleted);
    for (const { id, source } of segment.episodes) {
      if (!deleted.has(id)) (fromChanged(source) ? replaced : kept).add(id);
    }
  }
  if (loaded.episodes.some((episode) => kept.has(episode.id))) return null;
  options.logger.info({ reason }, `updating the index: ${reason}`);
  for (const { file, problems } of loaded.rejected) {
    options.logger.warn({ file, problems: problems.map((p) => p.message) }, `refused ${file}`);
  }
  const segments: StoredSegment[] = stored.segments
    .map((segment) => {
      const gone = segment.episodes.map(({ id }) => id).filter((id) => replaced.has(id));
      const deleted = [...new Set([...segment.entry.deleted, ...gone])];
      return { ...segment, entry: { ...segment.entry, deleted } };
    })
    .filter((segment) => segment.entry.deleted.length < segment.episodes.length);
  if (loaded.episodes.length > 0) {
    const content = indexSegment(loaded.episodes, aliases.groups, segments);
    segments.push({ ...content, entry: await writeSegment(dirname(paths.index), content) });
  }
  const { manifest: old } = stored;
  const manifest: Manifest = {
    ...old,
    builtAt: new Date().toISOString(),
    sources: inputs,
    counts: {
      episodes: segments.reduce((sum, s) => sum + s.episodes.length - s.entry.deleted.length, 0),
      passages: segments.reduce((sum, s) => sum + livePassages(s), 0),
      rejected: 0,
    },
    rejected: [...old.rejected.filter(({ file }) => !fromChanged(file)), ...loaded.rejected],
    warnings: [...old.warnings.filter(({ file }) => !fromChanged(file)), ...loaded.warnings],
    ...updatedCoverage(old, loaded.coverage, fromChanged),
  };
  manifest.counts.rejected = manifest.rejected.length;
  await publishIndex(
    paths.index,
    manifest,
    segments.map(({ entry }) => entry),
  );
  return { manifest, segments };
}

/**
 * Episodes indexed as one segment of a catalogue whose other segments are `others`: its passages are
 * analysed with the catalogue's alias groups (acronyms defined and word forms found anywhere in it)
 * and its words (for compounds), as a full build of the whole catalogue analyses them. Without them a
 * new segment's passages lack the groups and compounds the question is analysed with, and their
 * scores drift from a full build's until a merge (docs/segments.md, "Same answers").
 */
export function indexSegment(
  episodes: Episode[],
  aliases: readonly (readonly string[])[],
  others: readonly Pick<StoredSegment, 'index'>[],
): SegmentContent {
  const groups = new Map(aliases.map((group) => [JSON.stringify(group), [...group]]));
  const words = new Set<string>();
  for (const { index } of others) {
    for (const group of index.lexicon.aliases) groups.set(JSON.stringify(group), group);
    for (const term of index.lexicon.vocabulary.terms) if (!term.startsWith('~')) words.add(term);
  }
  const passages = episodes.flatMap(buildPassages);
  return { episodes, index: EpisodeIndex.build(passages, [...groups.values()], undefined, { words }).parts };
}

/**
 * Older episodes read again at most this many per new acronym: an acronym that is also a common
 * word ("TEA" beside "tea") is in thousands of passages, and reading them all again would make one
 * new episode cost a large part of a full build. Such an acronym's older passages keep their analysis.
 */
export const REREAD_PER_ACRONYM = 20;

/**
 * The source files of live episodes in `segments` with a passage using an acronym that `episodes`
 * define and no segment knew: the acronym itself, or every word of its spelt-out form (for each
 * acronym found in at most `REREAD_PER_ACRONYM` episodes).
 */
function sourcesUsingNewAcronyms(segments: readonly StoredSegment[], episodes: Episode[]): Set<string> {
  const known = new Set(segments.flatMap(({ index }) => index.lexicon.aliases.map((g) => JSON.stringify(g))));
  const fresh = episodes
    .flatMap(buildPassages)
    .flatMap((passage) => findAcronyms(passage.text))
    .filter((group) => !known.has(JSON.stringify(group)));
  const open = segments.map(({ index, episodes: held, entry }) => ({
    postings: new Postings(index.postings),
    table: index.table,
    deleted: new Set(entry.deleted),
    sourceOf: new Map(held.map((episode) => [episode.id, episode.source])),
  }));
  const sources = new Set<string>();
  for (const group of fresh) {
    const using = new Set<string>();
    for (const stems of group.map(analyze).filter((stems) => stems.length > 0)) {
      for (const { postings, table, deleted, sourceOf } of open) {
        const [head, ...rest] = stems.map((term) => passagesWith(postings, term));
        for (const doc of head ?? []) {
          if (!rest.every((docs) => docs.has(doc))) continue;
          const id = table.episodeIds[table.episodeOf[doc] as number] as string;
          const source = sourceOf.get(id);
          if (source !== undefined && !deleted.has(id)) using.add(source);
        }
      }
    }
    if (using.size <= REREAD_PER_ACRONYM) for (const source of using) sources.add(source);
  }
  return sources;
}

/** The passages a term occurs in, in any field. */
function passagesWith(postings: Postings, term: string): Set<number> {
  const id = postings.id(term);
  if (id < 0) return new Set();
  const { offsets, docs } = postings.arrays;
  return new Set(docs.subarray(offsets[2 * id], offsets[2 * id + 2]));
}

/**
 * The coverage of an update: the unchanged files' recorded coverage with the changed files' new one.
 * An index that recorded no files' coverage (of an older build) has none to update.
 */
function updatedCoverage(
  old: Manifest,
  changed: readonly FileCoverage[],
  fromChanged: (file: string) => boolean,
): Pick<Manifest, 'coverage' | 'fileCoverage'> {
  if (old.fileCoverage === undefined) return { coverage: undefined, fileCoverage: undefined };
  const fileCoverage = [...old.fileCoverage.filter(({ file }) => !fromChanged(file)), ...changed].sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0),
  );
  return { coverage: coverageReport(fileCoverage), fileCoverage };
}

/**
 * The stem an input file shares with the other files of its episode, which are read together:
 * `003_x.txt`, `003_x.meta.json` and `003_x.vtt` are all `003_x`.
 */
export function inputStem(file: string): string {
  if (file.endsWith(META_SUFFIX)) return file.slice(0, -META_SUFFIX.length);
  if (isTranscriptFile(file)) return transcriptStem(file) ?? file;
  return file.replace(/\.[^.]+$/, '');
}
const META_SUFFIX = '.meta.json';
