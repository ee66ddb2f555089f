import { createHash, randomBytes } from 'node:crypto';
import { close, closeSync, fstat, open as openCallback, read, readSync, statSync } from 'node:fs';
import { open, readFile, readdir, rename, stat, unlink } from 'node:fs/promises';
import { promisify } from 'node:util';
import { basename, dirname, join } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { CoverageReport, FileCoverage } from '../sources/coverage.js';
import { Problem } from '../episodes/problem.js';
import type { Episode } from '../episodes/schema.js';
import type { Passage } from '../passages/passage.js';
import { isInputFile } from '../sources/loadEpisodes.js';
import { CHAT_SPELLINGS, STOPWORDS } from '../text/analyze.js';
import { ORDINALS, PHRASAL_COMPOUNDS, SCALES } from '../text/spoken.js';
import { COMMON_SYNONYMS } from '../text/thesaurus.js';
import { RELATIONS, SENSES_PER_PART } from '../text/wordnet.js';
import type { IndexParts, PassageList } from './EpisodeIndex.js';

/**
 * The stored index: `DATA_DIR/index.json`, a small manifest (what it was built from, and its segments),
 * beside one data file `DATA_DIR/index-<id>.bin` per segment. A segment is an immutable index of some
 * episodes: typed arrays stored as their bytes (postings, the passage table, the lexicon's columns),
 * and episodes and passages as JSON records that are parsed when wanted, not when opened. A full build
 * writes one segment; a change to a few sources writes a small one for their episodes and lists their
 * old episodes in the older segments' deletion sets (see docs/segments.md).
 *
 * Writes are atomic: the new data file under a temporary name (written, synced, renamed into place),
 * then the manifest naming every live segment (write-file-atomic), then the data files the old
 * manifest named and the new one does not are removed. A reader sees the old manifest or the new one,
 * each with all its data files; a process killed in between leaves an unused data file, removed by a
 * later write once it is an hour old.
 */

/** Bump when the analysis, the passages or the files' shape change: older indexes are then rebuilt. */
export const INDEX_FORMAT_VERSION = 16;
/**
 * What the built-in analysis (stopwords, chat spellings, synonyms, WordNet senses and relations) was when
 * an index was built: editing them changes the terms of every passage, so an index built before is
 * rebuilt without anyone bumping a version.
 */
export const ANALYSIS_FINGERPRINT = createHash('sha256')
  .update(
    JSON.stringify([
      [...STOPWORDS],
      [...CHAT_SPELLINGS],
      [...PHRASAL_COMPOUNDS],
      [...SCALES],
      [...ORDINALS],
      COMMON_SYNONYMS,
      SENSES_PER_PART,
      [...RELATIONS],
    ]),
  )
  .digest('hex')
  .slice(0, 16);
/** The manifest's name; the data file is named in it. */
export const INDEX_FILE = 'index.json';
const DATA_FILE = /^index-[\w-]+\.bin(\.tmp)?$/;
/** A data file no manifest names, this old, is a killed write's leftover. */
const STALE_MS = 60 * 60 * 1000;
/**
 * Source files stamped between two yields to the event loop. A `stat` is made synchronously: through
 * the thread pool each cost a round trip (4-5 times the wall and CPU time: 250 against 50 ms for
 * 6,500 files), and a batch of a thousand holds the event loop for a few milliseconds only.
 */
const STAT_BATCH = 1000;
/** Changed source files read and hashed at once. */
const READ_BATCH = 64;
/** The data file's first bytes: a data file of another kind or version is refused. */
const MAGIC = `podqa-index-${INDEX_FORMAT_VERSION}\n`;

const openFile = promisify(openCallback);
const fstatFile = promisify(fstat);
const readFrom = promisify(read);

/** A source, meta or alias file the index was built from: its hash, and the size and time it had. */
const SourceStamp = z.object({
  file: z.string(),
  hash: z.string(),
  size: z.number().int().nonnegative(),
  mtimeMs: z.number(),
});
export type SourceStamp = z.infer<typeof SourceStamp>;

export const Manifest = z.object({
  formatVersion: z.number().int(),
  analysis: z.string(),
  builtAt: z.string(),
  sources: z.array(SourceStamp),
  counts: z.object({ episodes: z.number().int(), passages: z.number().int(), rejected: z.number().int() }),
  rejected: z.array(z.object({ file: z.string(), problems: z.array(Problem) })),
  warnings: z.array(Problem),
  /** What of the sources became searchable and what was set aside by which rule; absent in older indexes. */
  coverage: CoverageReport.optional(),
  /**
   * Each source file's coverage, which the report sums: an update that reads only the changed files
   * sums them with the unchanged files' own, so its report is the full build's.
   */
  fileCoverage: z.array(FileCoverage).optional(),
});
export type Manifest = z.infer<typeof Manifest>;

const ARRAY_TYPES = {
  Uint8: Uint8Array,
  Uint16: Uint16Array,
  Uint32: Uint32Array,
  Int32: Int32Array,
  Float64: Float64Array,
};
type ArrayType = keyof typeof ARRAY_TYPES;
type StoredArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;

/** Where a part lies in the data file: bytes from `offset`, `length` elements of `type`. */
const Section = z.object({
  offset: z.number().int().nonnegative(),
  length: z.number().int().nonnegative(),
  type: z.enum(['Uint8', 'Uint16', 'Uint32', 'Int32', 'Float64']),
});

/** Small parts kept as JSON in the manifest. */
const SmallParts = z.object({
  documentCount: z.number().int().nonnegative(),
  averageFieldLength: z.array(z.number()),
  aliases: z.array(z.array(z.string())),
});

/** One segment in the manifest: its data file, where each part lies, and the episodes deleted from it since. */
const SegmentEntry = z.object({
  file: z.string().regex(DATA_FILE),
  bytes: z.number().int().nonnegative(),
  sections: z.record(z.string(), Section),
  small: SmallParts,
  /** Ids of this segment's episodes that a later segment replaced or whose source is gone. */
  deleted: z.array(z.string()),
});
export type SegmentEntry = z.infer<typeof SegmentEntry>;

/** `index.json`: validated whole (it is small); each data file only by its size and first bytes. */
const IndexManifestFile = z.object({
  manifest: Manifest,
  segments: z.array(SegmentEntry),
});

/**
 * `IndexManifestFile` with its two long lists (a source stamp and a file's coverage per source file)
 * left for `checkInBatches`: at a million passages each is 21,613 entries, and checked at once the
 * coverage alone held the event loop for 30-60 ms.
 */
const IndexManifestShell = IndexManifestFile.extend({
  manifest: Manifest.extend({
    sources: z.array(z.unknown()),
    fileCoverage: z.array(z.unknown()).optional(),
  }),
});

/** `items` checked against `schema` a batch at a time (yielding between batches when `cooperative`). */
async function checkInBatches<T>(
  items: readonly unknown[],
  schema: z.ZodType<T>,
  at: string,
  cooperative: boolean,
): Promise<{ items: T[]; issue?: z.core.$ZodIssue }> {
  const BATCH = 2000;
  const checked: T[] = [];
  for (let from = 0; from < items.length; from += BATCH) {
    const batch = z.array(schema).safeParse(items.slice(from, from + BATCH));
    if (!batch.success) {
      const [first] = batch.error.issues;
      const path = first ? ['manifest', at, from + Number(first.path[0]), ...first.path.slice(1)] : [];
      return { items: [], issue: first && { ...first, path } };
    }
    checked.push(...batch.data);
    if (cooperative) await yieldToEventLoop();
  }
  return { items: checked };
}

/** What one segment holds: episodes and their index. */
export interface SegmentContent {
  episodes: Episode[];
  index: IndexParts;
}

/** A whole index of one segment, as a full build makes it. */
export interface IndexFile extends SegmentContent {
  manifest: Manifest;
}

/** A segment as read: its manifest entry (with its deletion set) and what it holds. */
export interface StoredSegment extends SegmentContent {
  entry: SegmentEntry;
}

/** The stored index as read: the manifest and every segment it names, oldest first. */
export interface StoredIndex {
  manifest: Manifest;
  segments: StoredSegment[];
}

/** A segment's passages whose episode is not deleted. */
export function livePassages({ index, entry }: Pick<StoredSegment, 'index' | 'entry'>): number {
  const deleted = new Set(entry.deleted);
  if (deleted.size === 0) return index.passages.length;
  const { episodeOf, episodeIds } = index.table;
  const gone = Uint8Array.from(episodeIds, (id) => (deleted.has(id) ? 1 : 0));
  let live = 0;
  for (const episode of episodeOf) if (gone[episode] === 0) live++;
  return live;
}

/** A segment's episodes not deleted. */
export function liveEpisodes({ episodes, entry }: Pick<StoredSegment, 'episodes' | 'entry'>): Episode[] {
  const deleted = new Set(entry.deleted);
  return deleted.size === 0 ? episodes : episodes.filter(({ id }) => !deleted.has(id));
}

/** Writes a full build as the one segment of a new manifest (see the module comment for the order). */
export async function writeIndexFile(path: string, file: IndexFile): Promise<StoredIndex> {
  const { manifest, ...content } = file;
  const entry = await writeSegment(dirname(path), content);
  await publishIndex(path, manifest, [entry]);
  return { manifest, segments: [{ ...content, entry }] };
}

/** Writes a segment's data file (synced, renamed into place); no manifest names it yet. */
export async function writeSegment(dir: string, content: SegmentContent): Promise<SegmentEntry> {
  const name = `index-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}.bin`;
  const { index } = content;
  const { postings, table, lexicon } = index;
  const text = (values: readonly string[]) => Buffer.from(values.join('\n'));
  const episodes = records(content.episodes.length, (i) => headOf(content.episodes[i] as Episode));
  const bodies = records(content.episodes.length, (i) => bodyOf(content.episodes[i] as Episode));
  const passages = records(index.passages.length, (i) => index.passages.at(i));
  const parts: [string, StoredArray | Buffer[]][] = [
    ['offsets', postings.offsets],
    ['docs', postings.docs],
    ['freqs', postings.freqs],
    ['fieldLengths', postings.fieldLengths],
    ['terms', [text(postings.terms)]],
    ['episodeOf', table.episodeOf],
    ['episodeIds', [text(table.episodeIds)]],
    ['groupOf', table.groupOf],
    ['summaryOf', table.summaryOf],
    ['textStart', table.textStart],
    ['textTerms', table.textTerms],
    ['groupStart', table.groupStart],
    ['groupTerms', table.groupTerms],
    ['vocabularyTerms', [text(lexicon.vocabulary.terms)]],
    ['vocabularyDf', lexicon.vocabulary.df],
    ['vocabularySurfaces', [text(lexicon.vocabulary.surfaces)]],
    ['commonnessTerms', [text(lexicon.commonness.terms)]],
    ['commonnessCounts', lexicon.commonness.counts],
    [
      'maps',
      [
        Buffer.from(
          JSON.stringify({
            related: lexicon.related,
            inflected: lexicon.inflected,
            phrases: lexicon.phrases,
          }),
        ),
      ],
    ],
    ['episodeStarts', episodes.starts],
    ['episodes', episodes.chunks],
    ['bodyStarts', bodies.starts],
    ['passageStarts', passages.starts],
    // Left on disk when opened (ON_DISK), so they come last.
    ['passages', passages.chunks],
    ['bodies', bodies.chunks],
  ];
  const sections: Record<string, z.infer<typeof Section>> = {};
  let offset = MAGIC.length;
  const writes: { at: number; bytes: Uint8Array }[] = [{ at: 0, bytes: Buffer.from(MAGIC) }];
  for (const [key, value] of parts) {
    offset = Math.ceil(offset / 8) * 8;
    const chunks = Array.isArray(value)
      ? value
      : [new Uint8Array(value.buffer, value.byteOffset, value.byteLength)];
    const type: ArrayType = Array.isArray(value) ? 'Uint8' : arrayType(value);
    let bytes = 0;
    for (const chunk of chunks) {
      writes.push({ at: offset + bytes, bytes: chunk });
      bytes += chunk.byteLength;
    }
    sections[key] = { offset, length: bytes / ARRAY_TYPES[type].BYTES_PER_ELEMENT, type };
    offset += bytes;
  }
  const temporary = join(dir, `${name}.tmp`);
  const handle = await open(temporary, 'w');
  try {
    for (const { at, bytes } of writes) await handle.write(bytes, 0, bytes.byteLength, at);
    // Empty parts at the end (no episodes) leave their alignment padding unwritten: the file is
    // extended to the size the manifest names, or it would be refused as cut short.
    await handle.truncate(offset);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await unlink(temporary).catch(() => {});
    throw err;
  }
  await handle.close();
  await rename(temporary, join(dir, name));
  return {
    file: name,
    bytes: offset,
    sections,
    small: {
      documentCount: postings.documentCount,
      averageFieldLength: postings.averageFieldLength,
      aliases: lexicon.aliases,
    },
    deleted: [],
  };
}

/**
 * Publishes a manifest naming `segments` (write-file-atomic), then removes the data files the old
 * manifest named that this one does not. Others are left to writers still at work (two builds at
 * once), unless they are an hour old: a killed write's leftovers. When publishing fails, the data
 * files only this manifest would have named are removed.
 */
export async function publishIndex(
  path: string,
  manifest: Manifest,
  segments: readonly SegmentEntry[],
): Promise<void> {
  const dir = dirname(path);
  const manifestFile: z.infer<typeof IndexManifestFile> = { manifest, segments: [...segments] };
  const previous = new Set(await namedDataFiles(path));
  const named = new Set(segments.map((segment) => segment.file));
  try {
    await writeFileAtomic(path, JSON.stringify(manifestFile));
  } catch (err) {
    for (const file of named) if (!previous.has(file)) await unlink(join(dir, file)).catch(() => {});
    throw err;
  }
  for (const replaced of previous)
    if (!named.has(replaced)) await unlink(join(dir, replaced)).catch(() => {});
  for (const other of await readdir(dir)) {
    if (named.has(other) || !DATA_FILE.test(other)) continue;
    const info = await stat(join(dir, other)).catch(() => null);
    if (info && Date.now() - info.mtimeMs > STALE_MS) await unlink(join(dir, other)).catch(() => {});
  }
}

/** The data files the manifest at `path` names (none when it is missing or unreadable). */
async function namedDataFiles(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8').catch(() => null);
  if (text === null) return [];
  try {
    const parsed = z
      .object({ segments: z.array(z.object({ file: z.string().regex(DATA_FILE) })) })
      .safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.segments.map((segment) => segment.file) : [];
  } catch {
    return [];
  }
}

function arrayType(value: StoredArray): ArrayType {
  const found = (Object.keys(ARRAY_TYPES) as ArrayType[]).find((type) => value instanceof ARRAY_TYPES[type]);
  if (!found) throw new Error('the index holds an array of an unknown type');
  return found;
}

/** JSON records in chunks of bytes, with each record's start (and the end) as byte offsets. */
function records(count: number, at: (i: number) => unknown): { chunks: Buffer[]; starts: Uint32Array } {
  const starts = new Uint32Array(count + 1);
  const chunks: Buffer[] = [];
  const CHUNK = 2000;
  let bytes = 0;
  for (let from = 0; from < count; from += CHUNK) {
    const parts: string[] = [];
    for (let i = from; i < Math.min(count, from + CHUNK); i++) {
      const json = JSON.stringify(at(i));
      parts.push(json);
      starts[i] = bytes;
      bytes += Buffer.byteLength(json);
    }
    chunks.push(Buffer.from(parts.join('')));
  }
  starts[count] = bytes;
  if (bytes > 0xffffffff) throw new Error('the index records exceed 4 GB');
  return { chunks, starts };
}

export interface ReadOptions {
  /**
   * Yield to the event loop between steps and between batches of records, so a process answering
   * questions while it loads a new index never stalls for long (after `/reindex`).
   */
  cooperative?: boolean;
  /**
   * Segments this process already has open, by data file: a manifest naming them again reuses them
   * (segments are immutable), so a swap reads only the new ones.
   */
  open?: ReadonlyMap<string, SegmentContent>;
}

const corruptIndex = (issue?: z.core.$ZodIssue) => ({
  reason: `the index file is corrupt (${issue?.path.join('.')}: ${issue?.message})`,
});

/** The stored index, or why it cannot be used (`missing`, or what is wrong with it). */
export async function readIndexFile(
  path: string,
  { cooperative = false, open = new Map() }: ReadOptions = {},
): Promise<{ file: StoredIndex } | { reason: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { reason: 'no index file yet' };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { reason: `the index file is corrupt (${(err as Error).message})` };
  }
  const version = (raw as { manifest?: { formatVersion?: unknown } })?.manifest?.formatVersion;
  if (version !== INDEX_FORMAT_VERSION)
    return {
      reason: `the index file has format ${String(version)}, this podqa needs ${INDEX_FORMAT_VERSION}`,
    };
  // Every source has a stamp and a coverage (21,613 at a million passages): checked a batch at a time.
  const parsed = IndexManifestShell.safeParse(raw);
  if (!parsed.success) return corruptIndex(parsed.error.issues[0]);
  const { sources, fileCoverage, ...rest } = parsed.data.manifest;
  const stamps = await checkInBatches(sources, SourceStamp, 'sources', cooperative);
  if (stamps.issue) return corruptIndex(stamps.issue);
  const coverage =
    fileCoverage && (await checkInBatches(fileCoverage, FileCoverage, 'fileCoverage', cooperative));
  if (coverage?.issue) return corruptIndex(coverage.issue);
  const manifest: Manifest = {
    ...rest,
    sources: stamps.items,
    ...(coverage ? { fileCoverage: coverage.items } : {}),
  };
  if (manifest.analysis !== ANALYSIS_FINGERPRINT)
    return { reason: 'the index was built with other stopwords or synonyms' };
  const segments: StoredSegment[] = [];
  for (const entry of parsed.data.segments) {
    const known = open.get(entry.file);
    const read = known ?? (await readSegment(join(dirname(path), basename(entry.file)), entry, cooperative));
    if ('reason' in read) return read;
    segments.push({ ...read, entry });
  }
  return { file: { manifest, segments } };
}

/** One segment's data file, checked by its size and first bytes, its parts as views. */
async function readSegment(
  dataPath: string,
  entry: SegmentEntry,
  cooperative: boolean,
): Promise<SegmentContent | { reason: string }> {
  let fd: number;
  try {
    fd = await openFile(dataPath, 'r');
  } catch {
    return { reason: `the index data file ${entry.file} is missing` };
  }
  const corrupt = (why: string) => {
    closeSync(fd);
    return { reason: `the index data file ${entry.file} is corrupt (${why})` };
  };
  try {
    const { size } = await fstatFile(fd);
    // Everything before the parts left on disk is read now; those (most of the file) only when shown.
    const onDiskAt = Math.min(size, ...ON_DISK.map((key) => entry.sections[key]?.offset ?? size));
    const bytes = Buffer.allocUnsafe(onDiskAt);
    let bytesRead = 0;
    while (bytesRead < bytes.byteLength) {
      const got = await readFrom(fd, bytes, bytesRead, bytes.byteLength - bytesRead, bytesRead);
      if (got.bytesRead === 0) break;
      bytesRead += got.bytesRead;
    }
    if (
      size !== entry.bytes ||
      bytesRead !== bytes.byteLength ||
      bytes.toString('latin1', 0, MAGIC.length) !== MAGIC
    )
      return corrupt(`expected ${entry.bytes} bytes of podqa index`);
    return await assemble(bytes, new DataFile(fd), size, entry.sections, entry.small, cooperative);
  } catch (err) {
    return corrupt((err as Error).message);
  }
}

/** Records read from the data file when wanted, not when opened: passages, and episodes' sections and transcripts. */
const ON_DISK = ['passages', 'bodies'];

/** An open data file, shared by the readers of its records left on disk. */
class DataFile {
  constructor(readonly fd: number) {}
}

/**
 * Closes a data file once nothing can read from it: an index swapped out after /reindex may still be
 * read by an answer in flight, so its file is never closed under it.
 */
const dataFiles = new FinalizationRegistry<number>((fd) => close(fd, () => {}));

/** What every listing reads of an episode (all but its sections and transcript), kept in memory. */
type EpisodeHead = Omit<Episode, 'sections' | 'transcript'>;
type EpisodeBody = Pick<Episode, 'sections' | 'transcript'>;

const headOf = ({ sections: _sections, transcript: _transcript, ...head }: Episode): EpisodeHead => head;
const bodyOf = ({ sections, transcript }: Episode): EpisodeBody => ({ sections, transcript });

/** An episode whose sections and transcript are read from the data file the first time they are asked for. */
function withBodyOnDemand(head: EpisodeHead, readBody: () => EpisodeBody): Episode {
  let body: EpisodeBody | undefined;
  const read = () => (body ??= readBody());
  return Object.defineProperties(head, {
    sections: { enumerable: true, get: () => read().sections },
    transcript: { enumerable: true, get: () => read().transcript },
  }) as Episode;
}

/** The parts as views over the data file's bytes (copied only when a view would be misaligned). */
async function assemble(
  bytes: Buffer,
  dataFile: DataFile,
  size: number,
  sections: Record<string, z.infer<typeof Section>>,
  small: z.infer<typeof SmallParts>,
  cooperative: boolean,
): Promise<SegmentContent> {
  let since = performance.now();
  // Cooperative: yield when a slice of 10 ms has passed (see `cooperative.ts`).
  const pause = async () => {
    if (!cooperative || performance.now() - since < 10) return;
    await yieldToEventLoop();
    since = performance.now();
  };
  const section = (key: string) => {
    const found = sections[key];
    if (!found) throw new Error(`no ${key}`);
    const Type = ARRAY_TYPES[found.type];
    if (found.offset + found.length * Type.BYTES_PER_ELEMENT > bytes.byteLength)
      throw new Error(`${key} runs past the end`);
    return found;
  };
  const array = <T extends ArrayType>(key: string, type: T): InstanceType<(typeof ARRAY_TYPES)[T]> => {
    const { offset, length, type: stored } = section(key);
    if (stored !== type) throw new Error(`${key} is ${stored}, expected ${type}`);
    const Type = ARRAY_TYPES[type];
    const start = bytes.byteOffset + offset;
    const buffer = bytes.buffer as ArrayBuffer;
    if (start % Type.BYTES_PER_ELEMENT === 0)
      return new Type(buffer, start, length) as InstanceType<(typeof ARRAY_TYPES)[T]>;
    return new Type(buffer.slice(start, start + length * Type.BYTES_PER_ELEMENT)) as InstanceType<
      (typeof ARRAY_TYPES)[T]
    >;
  };
  const utf8 = (key: string) => {
    const { offset, length } = section(key);
    return bytes.toString('utf8', offset, offset + length);
  };
  const lines = (key: string) => {
    const value = utf8(key);
    return value === '' ? [] : value.split('\n');
  };
  const record = (key: string, starts: Uint32Array) => {
    const { offset } = section(key);
    return (i: number): unknown =>
      JSON.parse(bytes.toString('utf8', offset + (starts[i] as number), offset + (starts[i + 1] as number)));
  };
  /** A record of a section left on disk, read from the data file when asked for. */
  const recordOnDisk = (key: string, starts: Uint32Array) => {
    const { offset, length } = sections[key] ?? {};
    if (offset === undefined || length === undefined || offset + length > size)
      throw new Error(`no ${key} within the file`);
    return (i: number): unknown => {
      const from = starts[i] as number;
      const bytes = Buffer.allocUnsafe((starts[i + 1] as number) - from);
      if (readSync(dataFile.fd, bytes, 0, bytes.byteLength, offset + from) !== bytes.byteLength)
        throw new Error(`the index data file ends inside ${key} record ${i}`);
      return JSON.parse(bytes.toString('utf8'));
    };
  };

  // Each split or parse below is one step: at a million passages none holds the loop for long.
  const documentCount = small.documentCount;
  const terms = lines('terms');
  await pause();
  const postings = {
    documentCount,
    averageFieldLength: small.averageFieldLength,
    terms,
    offsets: array('offsets', 'Uint32'),
    docs: array('docs', 'Uint32'),
    freqs: array('freqs', 'Uint16'),
    fieldLengths: array('fieldLengths', 'Uint16'),
  };
  const maps = JSON.parse(utf8('maps')) as Pick<IndexParts['lexicon'], 'related' | 'inflected' | 'phrases'>;
  await pause();
  const vocabularyTerms = lines('vocabularyTerms');
  await pause();
  const surfaces = lines('vocabularySurfaces');
  await pause();
  const commonnessTerms = lines('commonnessTerms');
  await pause();
  const lexicon = {
    aliases: small.aliases,
    vocabulary: { terms: vocabularyTerms, df: array('vocabularyDf', 'Uint32'), surfaces },
    commonness: { terms: commonnessTerms, counts: array('commonnessCounts', 'Float64') },
    ...maps,
  };
  const table = {
    episodeOf: array('episodeOf', 'Uint32'),
    episodeIds: lines('episodeIds'),
    groupOf: array('groupOf', 'Uint32'),
    summaryOf: array('summaryOf', 'Int32'),
    textStart: array('textStart', 'Uint32'),
    textTerms: array('textTerms', 'Uint32'),
    groupStart: array('groupStart', 'Uint32'),
    groupTerms: array('groupTerms', 'Uint32'),
  };
  const passageStarts = array('passageStarts', 'Uint32');
  const episodeStarts = array('episodeStarts', 'Uint32');
  if (passageStarts.length !== documentCount + 1 || table.episodeOf.length !== documentCount)
    throw new Error(`expected ${documentCount} passages`);
  const passageAt = recordOnDisk('passages', passageStarts);
  const bodyStarts = array('bodyStarts', 'Uint32');
  if (bodyStarts.length !== episodeStarts.length) throw new Error('expected a body for every episode');
  const episodeAt = record('episodes', episodeStarts);
  const bodyAt = recordOnDisk('bodies', bodyStarts);
  const episodes: Episode[] = [];
  for (let i = 0; i < episodeStarts.length - 1; i++) {
    episodes.push(withBodyOnDemand(episodeAt(i) as EpisodeHead, () => bodyAt(i) as EpisodeBody));
    if (i % 20 === 19) await pause();
  }
  // Registered last: a data file refused above is closed by the caller, and must not be closed twice.
  const passages: PassageList = { length: documentCount, at: (i) => passageAt(i) as Passage };
  dataFiles.register(dataFile, dataFile.fd);
  return {
    episodes,
    index: {
      lexicon,
      postings,
      table,
      passages,
    },
  };
}

/**
 * What an index is built from, each with its hash: every source, meta and transcript file in the
 * episodes directory, and the aliases file. A file whose size and modification time are those
 * recorded in `previous` keeps its recorded hash: only what changed is read and hashed.
 */
export async function hashInputs(
  episodesDir: string,
  aliasesPath: string,
  previous: readonly SourceStamp[] = [],
): Promise<SourceStamp[]> {
  const known = new Map(previous.map((stamp) => [stamp.file, stamp]));
  const names = (await readdir(episodesDir).catch(() => [] as string[])).sort();
  const inputs = names.filter(isInputFile).map((name) => ({ name, path: join(episodesDir, name) }));
  inputs.push({ name: `../${aliasesPath.split('/').pop()}`, path: aliasesPath });
  const stampOf = async ({ name, path }: { name: string; path: string }): Promise<SourceStamp | null> => {
    const info = statSync(path, { throwIfNoEntry: false });
    if (!info?.isFile()) return null;
    const before = known.get(name);
    const hash =
      before && before.size === info.size && before.mtimeMs === info.mtimeMs
        ? before.hash
        : createHash('sha256')
            .update(await readFile(path))
            .digest('hex');
    return { file: name, hash, size: info.size, mtimeMs: info.mtimeMs };
  };
  const stamps: SourceStamp[] = [];
  for (let from = 0; from < inputs.length; from += STAT_BATCH) {
    // Files to hash are read a few at a time: all at once would open as many files as there are changes.
    for (let at = from; at < Math.min(inputs.length, from + STAT_BATCH); at += READ_BATCH) {
      const batch = await Promise.all(
        inputs.slice(at, Math.min(at + READ_BATCH, from + STAT_BATCH)).map(stampOf),
      );
      for (const stamp of batch) if (stamp) stamps.push(stamp);
    }
    await yieldToEventLoop();
  }
  return stamps;
}

/** Why an index no longer matches its inputs, or null when it does. */
export function staleness(
  manifest: Manifest,
  inputs: readonly { file: string; hash: string }[],
): string | null {
  const before = new Map(manifest.sources.map((s) => [s.file, s.hash]));
  const now = new Map(inputs.map((s) => [s.file, s.hash]));
  const changed = [...now]
    .filter(([file, hash]) => before.has(file) && before.get(file) !== hash)
    .map(([file]) => file);
  const added = [...now.keys()].filter((file) => !before.has(file));
  const removed = [...before.keys()].filter((file) => !now.has(file));
  const parts = [
    changed.length ? `changed: ${changed.join(', ')}` : '',
    added.length ? `added: ${added.join(', ')}` : '',
    removed.length ? `removed: ${removed.join(', ')}` : '',
  ].filter(Boolean);
  return parts.length ? `sources changed (${parts.join('; ')})` : null;
}
