// @ts-check
/**
 * `node scripts/run.js terminal/ask.js ARGS…`: what `npm run ask`, `npm start` and the other commands
 * run. It starts the compiled entry (dist/…), compiling first when dist/ is missing or older than
 * src/: a fresh clone answers after `npm ci` alone, and an edited source is never run stale.
 * Compiled JavaScript starts in a third of the time tsx takes (docs/benchmarks.md).
 */
import { join } from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { DIST, build, staleness } from './build.js';

const [entry] = process.argv.splice(2, 1);
if (entry === undefined) {
  process.stderr.write('usage: node scripts/run.js ENTRY [ARGS…], e.g. terminal/ask.js "what about HBM"\n');
  process.exit(2);
}
const stale = staleness();
if (stale !== null) {
  process.stderr.write(`compiling src/ to dist/ first (${stale})…\n`);
  try {
    build();
  } catch (err) {
    process.stderr.write(`podqa: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
const file = join(DIST, entry);
// The entry runs as the main module: it checks `import.meta.url` against argv[1].
process.argv[1] = file;
await import(pathToFileURL(file).href);
