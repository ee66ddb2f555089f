import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { Episode } from '../episodes/schema.js';
import { Problem } from '../episodes/problem.js';
import { isInputFile } from '../sources/loadEpisodes.js';
import { CHAT_SPELLINGS, STOPWORDS } from '../text/analyze.js';
import { COMMON_SYNONYMS } from '../text/thesaurus.js';
import { RELATIONS, SENSES_PER_PART } from '../text/wordnet.js';
import type { SerializedIndex } from './EpisodeIndex.js';

/**
 * `DATA_DIR/index.json`: the built index, the episodes it was built from, and a manifest that says
 * whether it is still good for the sources on disk. Written atomically: a reader sees the old file
 * or the new one, never half of one.
 */

/** Bump when the analysis, the passages or the file's shape change: older files are then rebuilt. */
export const INDEX_FORMAT_VERSION = 10;
/**
 * What the built-in analysis (stopwords, chat spellings, synonyms, WordNet senses and relations) was when
 * an index was built: editing them changes the terms of every passage, so an index built before is
 * rebuilt without anyone bumping a version.
 */
export const ANALYSIS_FINGERPRINT = createHash('sha256')
  .update(
    JSON.stringify([[...STOPWORDS], [...CHAT_SPELLINGS], COMMON_SYNONYMS, SENSES_PER_PART, [...RELATIONS]]),
  )
  .digest('hex')
  .slice(0, 16);
export const INDEX_FILE = 'index.json';

const SourceHash = z.object({ file: z.string(), hash: z.string() });

export const Manifest = z.object({
  formatVersion: z.number().int(),
  analysis: z.string(),
  builtAt: z.string(),
  /** Every source, meta and alias file the index was built from, with its hash. */
  sources: z.array(SourceHash),
  counts: z.object({ episodes: z.number().int(), passages: z.number().int(), rejected: z.number().int() }),
  rejected: z.array(z.object({ file: z.string(), problems: z.array(Problem) })),
  warnings: z.array(Problem),
});
export type Manifest = z.infer<typeof Manifest>;

/** The file's outer shape; the index payload is checked by MiniSearch when loaded. */
const IndexFile = z.object({
  manifest: Manifest,
  episodes: z.array(Episode),
  index: z.object({
    minisearch: z.record(z.string(), z.unknown()),
    passages: z.array(z.unknown()),
    aliases: z.array(z.array(z.string())),
    vocabulary: z.array(z.tuple([z.string(), z.number(), z.string()])),
    related: z.array(z.tuple([z.string(), z.array(z.string())])),
    commonness: z.array(z.tuple([z.string(), z.number()])),
    inflected: z.array(z.tuple([z.string(), z.string()])),
    phrases: z.array(z.string()),
  }),
});
export interface IndexFile {
  manifest: Manifest;
  episodes: Episode[];
  index: SerializedIndex;
}

export async function writeIndexFile(path: string, file: IndexFile): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(file));
}

/** The stored index, or why it cannot be used (`missing`, or what is wrong with it). */
export async function readIndexFile(path: string): Promise<{ file: IndexFile } | { reason: string }> {
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
  const parsed = IndexFile.safeParse(raw);
  if (!parsed.success)
    return {
      reason: `the index file is corrupt (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`,
    };
  if (parsed.data.manifest.analysis !== ANALYSIS_FINGERPRINT)
    return { reason: 'the index was built with other stopwords or synonyms' };
  return { file: raw as IndexFile };
}

/**
 * The hashes of what an index is built from: every source, meta and transcript file in the episodes directory,
 * and the aliases file. Cheap next to parsing: read and hash only.
 */
export async function hashInputs(
  episodesDir: string,
  aliasesPath: string,
): Promise<{ file: string; hash: string }[]> {
  const names = (await readdir(episodesDir).catch(() => [] as string[])).sort();
  const inputs = names.filter(isInputFile).map((name) => ({ name, path: join(episodesDir, name) }));
  inputs.push({ name: `../${aliasesPath.split('/').pop()}`, path: aliasesPath });
  const hashes: { file: string; hash: string }[] = [];
  for (const { name, path } of inputs) {
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) continue;
    hashes.push({
      file: name,
      hash: createHash('sha256')
        .update(await readFile(path))
        .digest('hex'),
    });
  }
  return hashes;
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
