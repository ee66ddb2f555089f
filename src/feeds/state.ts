import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';

/**
 * `DATA_DIR/feeds.json`: what the importer remembers between runs. Per feed URL, the validators of
 * its last whole import, so the next fetch is conditional (ETag, Last-Modified) and an unchanged
 * feed costs one 304; per episode, the chapters and transcript URLs its files came from, so links
 * that did not change are not downloaded again.
 */

export const FEED_STATE_FILE = 'feeds.json';

const FeedState = z.object({
  feeds: z
    .record(
      z.string(),
      z.object({
        etag: z.string().nullable(),
        lastModified: z.string().nullable(),
        /** When the feed last imported whole (ISO time). */
        importedAt: z.string(),
      }),
    )
    .default({}),
  downloads: z
    .record(z.string(), z.object({ chapters: z.string().nullable(), transcript: z.string().nullable() }))
    .default({}),
});
export type FeedState = z.infer<typeof FeedState>;

/** The stored state; a missing or unreadable file is an empty state (every fetch unconditional). */
export async function readFeedState(dataDir: string): Promise<FeedState> {
  try {
    const parsed = FeedState.safeParse(JSON.parse(await readFile(join(dataDir, FEED_STATE_FILE), 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // Missing or not JSON: start afresh; the cost is one unconditional fetch.
  }
  return { feeds: {}, downloads: {} };
}

/**
 * Where the importer keeps that memory: the bot keeps it in its database (src/state/), a terminal
 * import without one in `feeds.json`. `read` gives the validators of `source` (at least) and every
 * remembered download; `write` saves those of `source` and the downloads.
 */
export interface FeedStateStore {
  read(source: string): Promise<FeedState>;
  write(source: string, state: FeedState): Promise<void>;
}

/** The store as `DATA_DIR/feeds.json`. */
export function feedStateFile(dataDir: string): FeedStateStore {
  return { read: () => readFeedState(dataDir), write: (_, state) => writeFeedState(dataDir, state) };
}

export async function writeFeedState(dataDir: string, state: FeedState): Promise<void> {
  await writeFileAtomic(join(dataDir, FEED_STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
}
