import pino from 'pino';
import { EpisodeIndex } from './EpisodeIndex.js';
import { pathsOf, refreshIndex } from './build.js';
import { mergeSegments } from './merge.js';
import type { RefreshReply, WarmTask } from './rebuildInChild.js';
import { type SegmentContent, readIndexFile } from './store.js';

/**
 * The child of `inChild`: `refresh` brings DATA_DIR's index up to date (a new segment for changed
 * sources, or a full build); `merge` merges the segments the merge policy names. Either publishes a
 * new manifest atomically; exit 1 with one line on failure. `serve` stays, doing each task it is sent
 * (`WarmTask`: a refresh, or preparing for one) and answering `{ done: id }` (or with `error`),
 * keeping the segments it read open for the next refresh (segments are immutable).
 */
const [dataDir, task] = process.argv.slice(2) as [string, string];
const logger = pino({ level: 'silent' });
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

if (task === 'serve') {
  let open = new Map<string, SegmentContent>();
  let running = Promise.resolve();
  process.on('message', ({ id, task }: WarmTask) => {
    running = running.then(async () => {
      let reply: RefreshReply;
      try {
        if (task === 'prepare') {
          // What a refresh needs at once: the segments open, and what builds read of WordNet made
          // (by building an index of nothing).
          const read = await readIndexFile(pathsOf(dataDir).index, { open });
          if ('file' in read) open = new Map(read.file.segments.map((s) => [s.entry.file, s]));
          EpisodeIndex.build([]);
        } else {
          const stored = await refreshIndex({ dataDir, logger, open });
          open = new Map(stored.segments.map((segment) => [segment.entry.file, segment]));
        }
        reply = { done: id };
      } catch (err) {
        reply = { done: id, error: message(err) };
      }
      // A parent that exited meanwhile (the bot stopped during a refresh) cannot be told: leave too.
      process.send?.(reply, (err: Error | null) => {
        if (err) process.exit(0);
      });
    });
  });
  // The parent gone, so is the reason to stay.
  process.on('disconnect', () => process.exit(0));
} else {
  try {
    if (task === 'merge') await mergeSegments({ dataDir });
    else await refreshIndex({ dataDir, logger });
  } catch (err) {
    process.stderr.write(`${message(err)}\n`);
    process.exit(1);
  }
}
