import pino from 'pino';
import { refreshIndex } from './build.js';
import { mergeSegments } from './merge.js';

/**
 * The child of `inChild`: `refresh` brings DATA_DIR's index up to date (a new segment for changed
 * sources, or a full build); `merge` merges the segments the merge policy names. Either publishes a
 * new manifest atomically; exit 1 with one line on failure.
 */
const [dataDir, task] = process.argv.slice(2) as [string, string];
try {
  if (task === 'merge') await mergeSegments({ dataDir });
  else await refreshIndex({ dataDir, logger: pino({ level: 'silent' }) });
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
