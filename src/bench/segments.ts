import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { EpisodeLibrary } from '../answers/library.js';
import { buildIndexFile, refreshIndex } from '../index/build.js';
import { mergeSegments } from '../index/merge.js';
import { prepareRefreshes } from '../index/rebuildInChild.js';
import { SegmentedIndex } from '../index/segmented.js';
import { topFiveAgreement } from './agreement.js';
import { withPeakRss } from './memory.js';
import { importedEpisode, queryMix, random, vocabulary } from './corpus.js';
import { writeCatalogue } from './main.js';

/**
 * `npm run bench:segments [-- SIZE]` (default 300,000 passages): index segments on a synthetic
 * catalogue. A full build (slices in parallel child processes), with the peak memory of all its
 * processes; then a running library (warm, as the bot, its refresh child started) imports one
 * 300-passage episode and the time to its first answer is taken, with the longest event-loop stall
 * meanwhile; then nine more imports make ten unmerged segments beside the build's, whose p99 is taken
 * beside the p99 after the merge policy has merged them, with the merges' time and the stall of
 * swapping to them; then a full build in one pass (the reference), its p99, and the top-5 agreement
 * of the unmerged segments with it over 2,000 questions. Prints each figure to stderr as it is
 * measured (a run cut short still tells what it measured), then one JSON line.
 */
const size = Number(process.argv[2] ?? 300_000);
const logger = pino({ level: 'silent' });
const dataDir = await mkdtemp(join(tmpdir(), 'podqa-bench-segments-'));
const vocab = vocabulary(random(1));
const texts = await writeCatalogue(dataDir, size);
const queries = queryMix(random(7), vocab, texts, 400);

const fullBuild = await withPeakRss(() => refreshIndex({ dataDir, logger }));
const fullBuildMs = fullBuild.ms;
const note = (figures: Record<string, unknown>) => process.stderr.write(`${JSON.stringify(figures)}\n`);
note({
  size,
  fullBuildMs,
  fullBuildPeakRssMb: fullBuild.peakRssMb,
  buildSegments: fullBuild.value.segments.length,
  load: (await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' '),
});

/** Runs `work` while a 1 ms timer notes the longest the event loop was held. */
async function withStall<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; stallMs: number }> {
  let longest = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  const from = performance.now();
  const value = await work();
  const ms = performance.now() - from;
  clearInterval(timer);
  return { value, ms: Math.round(ms), stallMs: Math.round(longest) };
}

function p99(search: (question: string) => unknown): number {
  const times = queries.map((question) => {
    const from = performance.now();
    search(question);
    return performance.now() - from;
  });
  times.sort((a, b) => a - b);
  return Math.round((times[Math.floor(0.99 * times.length)] ?? 0) * 100) / 100;
}

const library = await EpisodeLibrary.open({ dataDir, logger, warm: true });
await library.warmedUp();
await prepareRefreshes(dataDir);
const first = importedEpisode(0, vocab);
const imported = await withStall(async () => {
  await writeFile(join(dataDir, 'episodes', 'imported-0.json'), JSON.stringify(first.episode));
  await library.reindex();
  return library.ask(first.phrase).results[0]?.episodeId;
});
if (imported.value !== 'imported-0') throw new Error(`the import was not answered: ${imported.value}`);
note({ importToFirstAnswerMs: imported.ms, importLongestStallMs: imported.stallMs });

for (let n = 1; n < 10; n++) {
  await writeFile(
    join(dataDir, 'episodes', `imported-${n}.json`),
    JSON.stringify(importedEpisode(n, vocab).episode),
  );
  await refreshIndex({ dataDir, logger });
}
const unmerged = await refreshIndex({ dataDir, logger });
const segmented = SegmentedIndex.of(unmerged.segments);
await segmented.warm();
const p99Unmerged = p99((q) => segmented.search(q));
note({ segments: unmerged.segments.length, p99Unmerged });

// The merge policy's merges, each swapped to as the bot does (cooperatively, warmed).
let mergeMs = 0;
let mergeSwapMs = 0;
let mergeSwapLongestStallMs = 0;
let merged = segmented;
for (;;) {
  const merge = await withStall(() => mergeSegments({ dataDir }));
  if (!merge.value) break;
  const swap = await withStall(async () => {
    const index = await SegmentedIndex.load(merge.value?.segments ?? []);
    await index.warm();
    return index;
  });
  mergeMs += merge.ms;
  mergeSwapMs += swap.ms;
  mergeSwapLongestStallMs = Math.max(mergeSwapLongestStallMs, swap.stallMs);
  merged = swap.value;
}
const p99Merged = p99((q) => merged.search(q));
note({ mergedSegments: merged.segmentCount, p99Merged, mergeMs, mergeSwapMs, mergeSwapLongestStallMs });

// The reference: a full build in one pass, in this process.
const onePass = await withPeakRss(() => buildIndexFile({ dataDir, logger }));
const whole = onePass.value.index;
await whole.warm();
const p99OnePass = p99((q) => whole.search(q));
const agreement = topFiveAgreement(segmented, whole, queryMix(random(11), vocab, texts, 2000));
note({ onePassBuildMs: onePass.ms, onePassPeakRssMb: onePass.peakRssMb, p99OnePass, agreement });

process.stdout.write(
  `${JSON.stringify({
    size,
    fullBuildMs,
    fullBuildPeakRssMb: fullBuild.peakRssMb,
    buildSegments: fullBuild.value.segments.length,
    onePassBuildMs: onePass.ms,
    onePassPeakRssMb: onePass.peakRssMb,
    importToFirstAnswerMs: imported.ms,
    importLongestStallMs: imported.stallMs,
    segments: unmerged.segments.length,
    p99Unmerged,
    mergedSegments: merged.segmentCount,
    p99Merged,
    p99OnePass,
    p99Ratio: Math.round((p99Unmerged / p99Merged) * 100) / 100,
    mergeMs,
    mergeSwapMs,
    mergeSwapLongestStallMs,
    topFiveAgreement: agreement,
  })}\n`,
);
await rm(dataDir, { recursive: true, force: true });
