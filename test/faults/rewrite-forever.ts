import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { EpisodeLibrary } from '../../src/answers/library.js';

/**
 * Rebuilds and rewrites DATA_DIR/index.json in a loop, changing one source each time so every write
 * differs, until it is killed. The fault test kills it at random points.
 */
const dataDir = process.argv[2] as string;
const logger = pino({ level: 'silent' });
for (let round = 0; ; round++) {
  writeFileSync(
    join(dataDir, 'episodes', 'changing.txt'),
    `Changing Show ${round}\n0:00 Intro\n${1 + (round % 50)}:00 Topic number ${round}\n`,
  );
  await EpisodeLibrary.rebuild({ dataDir, logger });
  process.stdout.write(`wrote ${round}\n`);
}
