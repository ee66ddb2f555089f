import pino from 'pino';
import { buildIndexFile, pathsOf } from './build.js';
import { writeIndexFile } from './store.js';

/** The child of `rebuildInChild`: builds DATA_DIR's index and writes it; exit 1 with one line on failure. */
const dataDir = process.argv[2] as string;
try {
  const { file } = await buildIndexFile({ dataDir, logger: pino({ level: 'silent' }) });
  await writeIndexFile(pathsOf(dataDir).index, file);
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
