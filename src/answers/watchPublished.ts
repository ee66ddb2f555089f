import { watch } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pathsOf } from '../index/build.js';
import { INDEX_FILE } from '../index/store.js';
import type { Logger } from '../log.js';
import type { EpisodeLibrary } from './library.js';

export interface PublishedWatchOptions {
  dataDir: string;
  logger: Logger;
  /** How often the manifest is looked at when no change event came (default 2 s). */
  pollMs?: number;
}

export interface PublishedWatch {
  /** Stops watching; an adoption under way finishes. */
  close(): void;
}

/** Events that arrive together (a rename is two of them) lead to one look at the manifest. */
const SETTLE_MS = 50;

/**
 * Keeps a library that never builds (a shard's) on the newest published index: whenever the manifest
 * (`DATA_DIR/index.json`) changes, `adoptPublished` opens it and swaps to it when it is whole and new.
 * The directory is watched, not the file: a publication renames a new manifest into place, and a watch
 * on the file would go on following the replaced one. Some file systems (network mounts, some
 * container volumes) send no events, so the manifest's identity is also looked at every `pollMs`.
 * The first look is at once: a publication between opening the library and watching is not missed.
 */
export function watchPublished(
  library: Pick<EpisodeLibrary, 'adoptPublished'>,
  { dataDir, logger, pollMs = 2_000 }: PublishedWatchOptions,
): PublishedWatch {
  const manifest = pathsOf(dataDir).index;
  let seen: string | null = null;
  let settling: NodeJS.Timeout | null = null;
  const look = async () => {
    settling = null;
    const info = await stat(manifest).catch(() => null);
    const identity = info ? `${info.ino}:${info.size}:${info.mtimeMs}` : 'none';
    if (identity === seen) return;
    seen = identity;
    await library.adoptPublished().catch((err: unknown) => {
      logger.warn({ err: (err as Error).message }, 'could not adopt the published index');
    });
  };
  const soon = () => {
    settling ??= setTimeout(() => void look(), SETTLE_MS);
  };
  const watcher = watch(dataDir, (_, name) => {
    if (name === INDEX_FILE) soon();
  });
  watcher.on('error', (err) => logger.warn({ err: err.message }, `watching ${dataDir} failed; polling`));
  const timer = setInterval(soon, pollMs);
  soon();
  return {
    close() {
      watcher.close();
      clearInterval(timer);
      if (settling) clearTimeout(settling);
    },
  };
}
