import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pino from 'pino';
import { EpisodeIndex } from '../index/EpisodeIndex.js';
import { pathsOf, refreshIndex } from '../index/build.js';
import { SegmentedIndex } from '../index/segmented.js';
import { type SegmentContent, type StoredIndex, hashInputs, readIndexFile } from '../index/store.js';
import { importedEpisode, random, vocabulary } from './corpus.js';
import { writeCatalogue } from './main.js';
import { withStall } from './stall.js';

/**
 * `npx tsx src/bench/swap.ts DATA_DIR [SIZE] [IMPORTS]`: where the time from an import to its first
 * answer goes (docs/segments.md, "Import → first answer, split"). DATA_DIR is kept between runs: a
 * synthetic catalogue of SIZE passages (default 300,000) is written and built there only the first
 * time. Then IMPORTS times (default 3) one 300-passage episode is imported and each step is timed,
 * in this one process: the refresh child's work (stamping every source, then the whole refresh:
 * stamping again, reading the changed stem, indexing, writing), then the parent's (reading the new
 * manifest and segment, the cooperative load joining the catalogue's lexicon and statistics,
 * warming, the first answer). Each step prints its wall time, its CPU time (this process's user and
 * system time) and the longest event-loop stall a 1 ms timer saw meanwhile; steps of the child stall
 * the loop here, which the child itself spares its parent.
 */
const [dataDir, size = '300000', imports = '3'] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: tsx src/bench/swap.ts DATA_DIR [SIZE] [IMPORTS]');
const logger = pino({ level: 'silent' });
const vocab = vocabulary(random(1));
const paths = pathsOf(dataDir);
if (!existsSync(paths.index)) {
  await writeCatalogue(dataDir, Number(size));
  await refreshIndex({ dataDir, logger });
}
const load = async () => (await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ');

/** Runs `work`, printing its wall and CPU time and the longest the event loop was held meanwhile. */
async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
  const cpu = process.cpuUsage();
  const { value, ms: wall, stallMs } = await withStall(work);
  const { user, system } = process.cpuUsage(cpu);
  const ms = (value: number) => `${Math.round(value)} ms`.padStart(8);
  process.stdout.write(
    `${name.padEnd(44)} wall ${ms(wall)}  cpu ${ms((user + system) / 1000)}  stall ${ms(stallMs)}\n`,
  );
  return value;
}

const read = async (open: ReadonlyMap<string, SegmentContent>, cooperative = false): Promise<StoredIndex> => {
  const read = await readIndexFile(paths.index, { open, cooperative });
  if ('reason' in read) throw new Error(read.reason);
  return read.file;
};
const openOf = ({ segments }: StoredIndex) =>
  new Map(segments.map((segment) => [segment.entry.file, segment]));

// As the bot: the index open and warm, WordNet's tables made (the refresh child makes them ahead).
let stored = await read(new Map());
let index = SegmentedIndex.of(stored.segments);
await index.warm();
EpisodeIndex.build([]);
process.stdout.write(
  `${index.passageCount} passages in ${stored.segments.length} segments, load ${await load()}\n`,
);
const first = stored.segments.length;
for (let n = 0; n < Number(imports); n++) {
  const { episode, phrase } = importedEpisode(first + n, vocab);
  await writeFile(join(paths.episodes, `${episode.id}.json`), JSON.stringify(episode));
  await step('child: stamp every source', () =>
    hashInputs(paths.episodes, paths.aliases, stored.manifest.sources),
  );
  const published = await step('child: refresh (stamp, read, index, write)', () =>
    refreshIndex({ dataDir, logger, open: openOf(stored) }),
  );
  const next = await step('parent: read manifest and segment', () => read(openOf(stored), true));
  index = await step('parent: load (join, cooperative)', () => SegmentedIndex.load(next.segments));
  await step('parent: warm', () => index.warm());
  const answer = await step('parent: first answer', async () => index.search(phrase).hits[0]);
  if (answer?.episodeId !== episode.id) throw new Error(`the import was not answered: ${answer?.episodeId}`);
  stored = next;
  process.stdout.write(`-- ${published.segments.length} segments, load ${await load()}\n`);
}
