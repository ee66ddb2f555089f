import { copyFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { buildIndexFile, refreshIndex } from '../index/build.js';
import { type StoredIndex, readIndexFile, writeIndexFile } from '../index/store.js';
import { SegmentedIndex } from '../index/segmented.js';
import { DIFFERENCE_CLASSES, agreementDifferences, topFiveAgreement } from './agreement.js';
import { importedEpisode, queryMix, random, vocabulary } from './corpus.js';
import { writeCatalogue } from './main.js';

/**
 * `npx tsx src/bench/differences.ts [SIZE] [DIR] [--reimport]`: the questions whose top five differ
 * between 10 unmerged 300-passage imports beside a full build and a one-pass build of the same
 * catalogue, each with both top fives and its class (`agreementDifferences`). The catalogue and both
 * indexes are kept in DIR (default: the temporary directory's `podqa-agreement-SIZE`) and reused;
 * `--reimport` makes the ten imports again over the kept full build (after a change to the update
 * path). Writes DIR/differences.json and prints the agreement, the count per class and the p99 CPU
 * time of a question over the unmerged segments and over the one-pass build.
 */
const size = Number(process.argv[2] ?? 300_000);
const dir = process.argv[3] ?? join(tmpdir(), `podqa-agreement-${size}`);
const logger = pino({ level: 'silent' });
const dataDir = join(dir, 'segments');
const wholeDir = join(dir, 'whole');
const vocab = vocabulary(random(1));
const note = (figures: Record<string, unknown>) => process.stderr.write(`${JSON.stringify(figures)}\n`);

if (!existsSync(join(dir, 'texts.json'))) {
  await mkdir(dataDir, { recursive: true });
  const texts = await writeCatalogue(dataDir, size);
  await refreshIndex({ dataDir, logger });
  await copyFile(join(dataDir, 'index.json'), join(dir, 'base.json'));
  await writeFile(join(dir, 'texts.json'), JSON.stringify(texts));
  note({ built: size });
}
if (process.argv.includes('--reimport') || !existsSync(join(dir, 'imported.json'))) {
  for (const file of await readdir(join(dataDir, 'episodes')))
    if (file.startsWith('imported-')) await rm(join(dataDir, 'episodes', file));
  await copyFile(join(dir, 'base.json'), join(dataDir, 'index.json'));
  const from = performance.now();
  for (let n = 0; n < 10; n++) {
    const { episode } = importedEpisode(n, vocab);
    await writeFile(join(dataDir, 'episodes', `${episode.id}.json`), JSON.stringify(episode));
    await refreshIndex({ dataDir, logger });
  }
  await writeFile(join(dir, 'imported.json'), '{}');
  note({ importsMs: Math.round(performance.now() - from) });
}
if (!existsSync(join(wholeDir, 'index.json'))) {
  await mkdir(wholeDir, { recursive: true });
  const { file } = await buildIndexFile({ dataDir, logger });
  await writeIndexFile(join(wholeDir, 'index.json'), file);
  note({ onePass: true });
}

async function open(path: string): Promise<StoredIndex> {
  const read = await readIndexFile(path);
  if (!('file' in read)) throw new Error(`${path}: ${read.reason}`);
  return read.file;
}
const [segmentsRead, wholeRead] = [
  await open(join(dataDir, 'index.json')),
  await open(join(wholeDir, 'index.json')),
];
const [segmented, whole] = [segmentsRead, wholeRead].map(({ segments }) => SegmentedIndex.of(segments)) as [
  SegmentedIndex,
  SegmentedIndex,
];
const texts = JSON.parse(await readFile(join(dir, 'texts.json'), 'utf8')) as string[];
const questions = queryMix(random(11), vocab, texts, 2000);
/** The 99th percentile of one question's CPU time (user + system) over the questions, in ms. */
function p99CpuMs(index: SegmentedIndex): number {
  const times = questions.map((question) => {
    const from = process.cpuUsage();
    index.search(question);
    const { user, system } = process.cpuUsage(from);
    return (user + system) / 1000;
  });
  times.sort((a, b) => a - b);
  return Math.round((times[Math.floor(0.99 * times.length)] ?? 0) * 100) / 100;
}
// Warmed alike (both answer every question once), then timed on CPU, not wall, on a shared machine.
const agreement = topFiveAgreement(segmented, whole, questions);
const p99 = { unmerged: p99CpuMs(segmented), onePass: p99CpuMs(whole) };
const differences = agreementDifferences(
  { index: segmented, segments: segmentsRead.segments },
  { index: whole, segments: wholeRead.segments },
  questions,
);
await writeFile(join(dir, 'differences.json'), JSON.stringify(differences, null, 1));
const classes = Object.fromEntries(
  DIFFERENCE_CLASSES.map((name) => [name, differences.filter((d) => d.class === name).length]),
);
process.stdout.write(
  `${JSON.stringify({ size, segments: segmentsRead.segments.length, agreement, differing: differences.length, classes, p99CpuMs: p99 })}\n`,
);
