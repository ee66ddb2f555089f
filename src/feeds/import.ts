import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { EpisodeDocument } from '../episodes/schema.js';
import {
  ChaptersFile,
  bestTranscript,
  chaptersOfFile,
  documentOf,
  episodeIdOf,
  isoDateOf,
} from './episode.js';
import { FETCH_CAPS, FetchError, type FetchOptions, formatBytes, safeFetch } from './fetch.js';
import { FeedError } from './error.js';
import type { FeedItem, ParsedFeed } from './parse.js';
import { type FeedImport, type ItemOutcome, ItemStatus } from './report.js';
import { type FeedState, type FeedStateStore, feedStateFile } from './state.js';

/**
 * Imports a feed into `DATA_DIR/episodes`: one canonical `<id>.json` per item (rewritten only when its
 * content changed) and the item's best transcript as `<id><suffix>`. A feed that cannot be fetched
 * or read throws `FeedError` before anything is written; a bad item is refused on its own.
 */

/** How to import a feed; the engine adds where its data lives and which addresses it may reach. */
export interface FeedImportOptions {
  /** Fetch the feed whole even when its validators say it has not changed (to relearn its episodes). */
  fresh?: boolean;
  /** Import only the first N items the feed lists (after `since`). */
  limit?: number;
  /** Import only items published on or after this date (YYYY-MM-DD); undated items are left out. */
  since?: string;
  /** Timeouts and retry delay for every download (tests shorten them). */
  fetch?: Pick<FetchOptions, 'connectTimeoutMs' | 'totalTimeoutMs' | 'retryDelayMs'>;
  /** Called as items finish (items done, of all selected). */
  onProgress?: (done: number, total: number) => void;
}

export interface ImportOptions extends FeedImportOptions {
  /** Holds `episodes/` (and `feeds.json` when no `state` is given). */
  dataDir: string;
  /** Where validators and downloads are remembered; default `DATA_DIR/feeds.json`. */
  state?: FeedStateStore;
  /** `ALLOW_PRIVATE_FEEDS`: fetch from loopback, private and link-local addresses (see `FetchOptions`). */
  allowPrivate: NonNullable<FetchOptions['allowPrivate']>;
}

/** Items whose chapters and transcript are downloaded at the same time. */
const CONCURRENT_ITEMS = 4;

const isUrl = (source: string) => /^[a-z][a-z0-9+.-]*:/i.test(source) && !/^[a-z]:[\\/]/i.test(source);

export async function importFeedItems(source: string, options: ImportOptions): Promise<FeedImport> {
  const started = performance.now();
  const store = options.state ?? feedStateFile(options.dataDir);
  const state = await store.read(source);
  const fetchOptions = { allowPrivate: options.allowPrivate, ...options.fetch };
  const finish = (show: string | null, notModified: boolean, items: ItemOutcome[]): FeedImport => ({
    source,
    show,
    notModified,
    items,
    counts: Object.fromEntries(
      ItemStatus.options.map((status) => [status, items.filter((item) => item.status === status).length]),
    ) as FeedImport['counts'],
    tookMs: Math.round(performance.now() - started),
  });

  const read = await readFeedSource(source, options.fresh ? { ...state, feeds: {} } : state, fetchOptions);
  if (read === 'not-modified') return finish(null, true, []);
  // Loaded on the first import: asking and starting never pay for the feed parser.
  const { parseFeedXml } = await import('./parse.js');
  const feed = parseFeedXml(read.xml, source);
  if (feed.items.length === 0) throw new FeedError(`${source}: the feed lists no items`);

  const selected = feed.items
    .filter((item) => {
      const published = isoDateOf(item.published);
      return options.since === undefined || (published !== null && published >= options.since);
    })
    .slice(0, options.limit ?? Infinity);
  const episodesDir = join(options.dataDir, 'episodes');
  await mkdir(episodesDir, { recursive: true });
  const outcomes: ItemOutcome[] = [];
  const work: { item: FeedItem; id: string; outcome: ItemOutcome }[] = [];
  const seen = new Map<string, number>();
  for (const item of selected) {
    const outcome: ItemOutcome = {
      position: item.position,
      guid: item.guid,
      id: null,
      title: item.title ?? `item ${item.position}`,
      status: 'refused',
      reason: null,
      warnings: [],
    };
    outcomes.push(outcome);
    const first = item.guid === null ? undefined : seen.get(item.guid);
    if (item.guid === null) outcome.reason = 'no guid, enclosure or link to identify it';
    else if (first !== undefined)
      outcome.reason = `duplicate guid "${item.guid}" (first used by item ${first})`;
    else if (item.title === null) outcome.reason = 'no title';
    else {
      seen.set(item.guid, item.position);
      outcome.id = episodeIdOf(item.guid);
      work.push({ item, id: outcome.id, outcome });
    }
  }

  let done = outcomes.length - work.length;
  options.onProgress?.(done, outcomes.length);
  await eachLimited(work, CONCURRENT_ITEMS, async ({ item, id, outcome }) => {
    try {
      await importItem(item, id, feed, outcome, { episodesDir, state, fetchOptions });
    } catch (err) {
      outcome.status = 'refused';
      outcome.reason = `could not be imported: ${(err as Error).message}`;
    }
    options.onProgress?.(++done, outcomes.length);
  });

  if (read.validators && outcomes.every((outcome) => outcome.status !== 'refused')) {
    // Only a whole import is remembered: a refused item is fetched and tried again next time.
    state.feeds[source] = { ...read.validators, importedAt: new Date().toISOString() };
  }
  await store.write(source, state);
  return finish(feed.title, false, outcomes);
}

type FetchSettings = Omit<FetchOptions, 'kind'>;

/** The feed's XML from a URL (conditionally) or a file; `FeedError` when it cannot be had. */
async function readFeedSource(
  source: string,
  state: FeedState,
  fetchOptions: FetchSettings,
): Promise<'not-modified' | { xml: string; validators: FeedState['feeds'][string] | null }> {
  if (isUrl(source)) {
    const known = state.feeds[source];
    try {
      const fetched = await safeFetch(source, {
        ...fetchOptions,
        kind: 'feed',
        ...(known ? { validators: known } : {}),
      });
      if (fetched.status === 'not-modified') return 'not-modified';
      return {
        xml: fetched.body.toString('utf8'),
        validators: { ...fetched.validators, importedAt: '' },
      };
    } catch (err) {
      throw err instanceof FetchError ? new FeedError(err.message) : err;
    }
  }
  try {
    const { size } = await stat(source);
    if (size > FETCH_CAPS.feed) {
      throw new FeedError(
        `${source}: file is ${formatBytes(size)}; the limit is ${formatBytes(FETCH_CAPS.feed)}`,
      );
    }
    return { xml: await readFile(source, 'utf8'), validators: null };
  } catch (err) {
    if (err instanceof FeedError) throw err;
    throw new FeedError(`${source}: cannot read the feed file (${(err as Error).message})`);
  }
}

interface ItemContext {
  episodesDir: string;
  state: FeedState;
  fetchOptions: FetchSettings;
}

async function importItem(
  item: FeedItem,
  id: string,
  feed: ParsedFeed,
  outcome: ItemOutcome,
  { episodesDir, state, fetchOptions }: ItemContext,
): Promise<void> {
  const path = join(episodesDir, `${id}.json`);
  const existing = await readFile(path, 'utf8').catch(() => null);
  const remembered = state.downloads[id];
  const download = { chapters: null as string | null, transcript: null as string | null };

  let chapters: EpisodeDocument['chapters'] | null = null;
  if (item.chaptersUrl !== null) {
    const kept = remembered?.chapters === item.chaptersUrl ? chaptersOf(existing) : null;
    chapters = kept ?? (await fetchChapters(item.chaptersUrl, fetchOptions, outcome));
    if (chapters !== null) download.chapters = item.chaptersUrl;
  }

  const checked = EpisodeDocument.safeParse(documentOf(item, feed, id, chapters));
  if (!checked.success) {
    outcome.reason = checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    return;
  }
  const transcriptChanged = await saveTranscript(item, id, episodesDir, remembered?.transcript ?? null, {
    fetchOptions,
    outcome,
    download,
  });

  const content = `${JSON.stringify(checked.data, null, 2)}\n`;
  if (content !== existing) await writeFileAtomic(path, content);
  outcome.status =
    existing === null ? 'imported' : content !== existing || transcriptChanged ? 'updated' : 'unchanged';
  state.downloads[id] = download;
}

/** The chapters of an episode file written before, to reuse when its chapters link has not changed. */
function chaptersOf(existing: string | null): EpisodeDocument['chapters'] | null {
  if (existing === null) return null;
  try {
    const parsed = EpisodeDocument.safeParse(JSON.parse(existing));
    return parsed.success ? parsed.data.chapters : null;
  } catch {
    return null;
  }
}

async function fetchChapters(
  url: string,
  fetchOptions: FetchSettings,
  outcome: ItemOutcome,
): Promise<EpisodeDocument['chapters'] | null> {
  try {
    const fetched = await safeFetch(url, { ...fetchOptions, kind: 'chapters' });
    if (fetched.status !== 'ok') return null;
    const parsed = ChaptersFile.safeParse(JSON.parse(fetched.body.toString('utf8')));
    if (parsed.success) return chaptersOfFile(parsed.data);
    outcome.warnings.push(`chapters file ${url}: not JSON chapters (${parsed.error.issues[0]?.message})`);
  } catch (err) {
    outcome.warnings.push(
      `chapters file ${err instanceof FetchError ? err.message : `${url}: ${(err as Error).message}`}`,
    );
  }
  return null;
}

/**
 * Downloads the item's best transcript to `<id><suffix>` unless the same link was downloaded before
 * and the file is still there; true when the file on disk changed.
 */
async function saveTranscript(
  item: FeedItem,
  id: string,
  episodesDir: string,
  rememberedUrl: string | null,
  {
    fetchOptions,
    outcome,
    download,
  }: { fetchOptions: FetchSettings; outcome: ItemOutcome; download: { transcript: string | null } },
): Promise<boolean> {
  const best = bestTranscript(item);
  if (best === null) return false;
  const path = join(episodesDir, `${id}${best.suffix}`);
  const onDisk = await readFile(path).catch(() => null);
  if (rememberedUrl === best.url && onDisk !== null) {
    download.transcript = best.url;
    return false;
  }
  try {
    const fetched = await safeFetch(best.url, { ...fetchOptions, kind: 'transcript' });
    if (fetched.status !== 'ok') return false;
    download.transcript = best.url;
    if (onDisk !== null && onDisk.equals(fetched.body)) return false;
    await writeFileAtomic(path, fetched.body);
    return true;
  } catch (err) {
    outcome.warnings.push(
      `transcript ${err instanceof FetchError ? err.message : `${best.url}: ${(err as Error).message}`}`,
    );
    return false;
  }
}

/** Runs `task` over `items`, at most `limit` at a time. */
async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
