import { dirname } from 'node:path';
import { loadAliases } from './aliases.js';
import { type BuildOptions, indexSegment, pathsOf } from './build.js';
import {
  type StoredIndex,
  type StoredSegment,
  liveEpisodes,
  livePassages,
  publishIndex,
  readIndexFile,
  writeSegment,
} from './store.js';

/**
 * Merging segments: the live episodes of several segments indexed again as one, so deleted passages
 * stop counting and a question reads fewer segments. Run in a child process by a long-running library
 * (`mergeInChild`), never in the way of answers.
 */

/** This many segments of one size tier are merged into one (Lucene's merge factor, smaller). */
export const MERGE_AT = 5;

/**
 * A merge never makes a segment of more live passages than this, and a segment of half as many or
 * more is never merged (Lucene's maximum merged segment size): a merge re-indexes what it merges,
 * so its memory and time are bounded whatever the catalogue's size, and a full build's slices
 * (`SLICE_SOURCES`, about 115,000 passages of the bench's episodes) are left as they are.
 */
export const MAX_MERGED_PASSAGES = 200_000;

/** A segment's tier: its live passages' order of magnitude (1–9, 10–99, …). */
const tierOf = (passages: number) => Math.floor(Math.log10(Math.max(1, passages)));

/**
 * Which segments to merge (by position), or null: the segments of the first tier holding `MERGE_AT`
 * or more of similar size, so each passage is merged again only a few times over its life, as many
 * of them as fit in `MAX_MERGED_PASSAGES`.
 */
export function mergePlan(segments: readonly StoredSegment[]): number[] | null {
  const byTier = new Map<number, { s: number; passages: number }[]>();
  segments.forEach((segment, s) => {
    const passages = livePassages(segment);
    if (passages >= MAX_MERGED_PASSAGES / 2) return;
    const tier = tierOf(passages);
    byTier.set(tier, [...(byTier.get(tier) ?? []), { s, passages }]);
  });
  const [first] = [...byTier.entries()]
    .filter(([, members]) => members.length >= MERGE_AT)
    .sort(([a], [b]) => a - b);
  if (!first) return null;
  const plan: number[] = [];
  let total = 0;
  for (const { s, passages } of first[1]) {
    if (total + passages > MAX_MERGED_PASSAGES) break;
    plan.push(s);
    total += passages;
  }
  return plan.length >= 2 ? plan : null;
}

/**
 * Merges the segments the plan names (or all of them, `all`) and publishes a manifest naming the
 * merged segment in place of the first of them; the stored index as published, or null when there
 * was nothing to merge or the index changed under the merge in a way it cannot follow (a segment it
 * merged is gone: the next merge starts again). Episodes keep the order a full build reads them in
 * (by source file name), so a merge of all segments answers exactly as a full build does.
 */
export async function mergeSegments(
  options: Pick<BuildOptions, 'dataDir'>,
  { all = false }: { all?: boolean } = {},
): Promise<StoredIndex | null> {
  const paths = pathsOf(options.dataDir);
  const read = await readIndexFile(paths.index);
  if ('reason' in read) return null;
  const { segments } = read.file;
  const plan = all ? (segments.length > 1 ? segments.map((_, s) => s) : null) : mergePlan(segments);
  if (!plan) return null;
  const merging = plan.map((s) => segments[s] as StoredSegment);
  const episodes = merging
    .flatMap(liveEpisodes)
    .sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  const { groups } = await loadAliases(paths.aliases);
  const others = segments.filter((_, s) => !plan.includes(s));
  const content = indexSegment(episodes, groups, others);
  const entry = await writeSegment(dirname(paths.index), content);
  // Publishing follows what was published meanwhile: episodes deleted from the merged segments since
  // are deleted from the merged one; a segment added is kept.
  const now = await readIndexFile(paths.index);
  if ('reason' in now) return null;
  const merged = new Set(merging.map((segment) => segment.entry.file));
  const current = now.file.segments;
  if (current.filter((segment) => merged.has(segment.entry.file)).length !== merged.size) return null;
  const before = new Map(merging.map((segment) => [segment.entry.file, new Set(segment.entry.deleted)]));
  const deleted = current
    .filter((segment) => merged.has(segment.entry.file))
    .flatMap((segment) => segment.entry.deleted.filter((id) => !before.get(segment.entry.file)?.has(id)));
  const at = current.findIndex((segment) => merged.has(segment.entry.file));
  const result: StoredSegment[] = [];
  current.forEach((segment, s) => {
    if (s === at) result.push({ ...content, entry: { ...entry, deleted: [...new Set(deleted)] } });
    if (!merged.has(segment.entry.file)) result.push(segment);
  });
  await publishIndex(
    paths.index,
    now.file.manifest,
    result.map((segment) => segment.entry),
  );
  return { manifest: now.file.manifest, segments: result };
}
