import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { EpisodeLibrary } from '../../src/answers/library.js';
import { refreshIndex } from '../../src/index/build.js';
import { mergePlan, mergeSegments } from '../../src/index/merge.js';

/**
 * Rewrites DATA_DIR/index.json in a loop, changing one source each time so every write differs, until
 * it is killed. The fault test kills it at random points. `rebuild`: a full rebuild each round.
 * `segments`: each round also adds a source, so it publishes a new segment (and a deletion in an
 * older one), and merges whenever the merge policy asks.
 */
const [dataDir, mode = 'rebuild'] = process.argv.slice(2) as [string, string?];
const logger = pino({ level: 'silent' });
for (let round = 0; ; round++) {
  writeFileSync(
    join(dataDir, 'episodes', 'changing.txt'),
    `Changing Show ${round}\n0:00 Intro\n${1 + (round % 50)}:00 Topic number ${round}\n`,
  );
  if (mode === 'rebuild') {
    await EpisodeLibrary.rebuild({ dataDir, logger });
    process.stdout.write(`wrote ${round}\n`);
    continue;
  }
  writeFileSync(
    join(dataDir, 'episodes', `added-${process.pid}-${round}.txt`),
    `Added Show ${round}\n0:00 Intro\n2:00 Lighthouse log number ${round}\n`,
  );
  const stored = await refreshIndex({ dataDir, logger });
  process.stdout.write(`wrote ${round}\n`);
  if (mergePlan(stored.segments)) {
    await mergeSegments({ dataDir });
    process.stdout.write(`merged ${round}\n`);
  }
}
