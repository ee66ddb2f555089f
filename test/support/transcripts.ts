import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The transcript fixtures (test/fixtures/transcripts/, fictional speech written for podqa): one per
 * format, with the files it comes with, the episode it becomes, the canonical JSON of the same cues
 * (test/fixtures/transcripts/canonical/), the lines its reader sets aside by rule, and a question
 * answered by one cue (`at`, its start in seconds; null for a transcript with no stamps).
 */
export const TRANSCRIPT_FIXTURES = [
  {
    format: 'Whisper console output saved as .txt',
    files: ['e167.txt', 'e167.meta.json'],
    id: 'e167',
    title: "The keepers' logbooks",
    canonical: 'e167',
    setAside: { 'console:log': 2 },
    question: 'storm petrels wire screen around the lantern',
    at: 74.9,
  },
  {
    format: 'whisper.cpp console output with its log lines',
    files: ['e168.transcript.txt'],
    id: 'e168',
    title: 'e168',
    canonical: 'e168',
    setAside: { 'console:log': 6 },
    question: 'annealing oven fourteen hours',
    at: 111.2,
  },
  {
    format: 'YouTube automatic captions with yt-dlp info.json',
    files: ['rooftop-hives [Qm3vX8rT2pA].en.vtt', 'rooftop-hives [Qm3vX8rT2pA].info.json'],
    id: 'rooftop-hives-qm3vx8rt2pa',
    title: 'Honey above the bus garage',
    canonical: 'rooftop-hives',
    setAside: { 'vtt:header': 3, 'caption:repeat': 30 },
    question: 'shallow birdbath full of pebbles',
    at: 73,
  },
  {
    format: 'Otter.ai text export saved as .txt',
    files: ['orchard-commons.txt'],
    id: 'orchard-commons',
    title: 'orchard commons',
    canonical: 'orchard-commons',
    setAside: { 'transcript:credit': 1 },
    question: 'borrowed cider press windfalls',
    at: 124,
  },
  {
    format: 'Descript export saved as .txt',
    files: ['spoke-and-chain.txt'],
    id: 'spoke-and-chain',
    title: 'spoke and chain',
    canonical: 'spoke-and-chain',
    setAside: {},
    question: 'slipped chain grease on your trousers',
    at: 112,
  },
  {
    format: 'WebVTT with cue ids, NOTE, STYLE, REGION and voices',
    files: ['mill-race-14.vtt'],
    id: 'mill-race-14',
    title: 'Mill Race 14: The tide mill wakes',
    canonical: 'mill-race-14',
    setAside: { 'vtt:header': 1, 'vtt:style': 2, 'vtt:region': 3, 'vtt:note': 3 },
    question: 'storm-felled oak seasoned in the creek mud',
    at: 88.1,
  },
  {
    format: 'TTML (Apple Podcasts)',
    files: ['deep-line-7.ttml', 'deep-line-7.meta.json'],
    id: 'deep-line-7',
    title: 'The jointer and the lobster',
    canonical: 'deep-line-7',
    setAside: {},
    question: 'trawler dragged the cable lobster pot',
    at: 79.9,
  },
  {
    format: 'SRT with inline tags',
    files: ['summit-call-3.srt'],
    id: 'summit-call-3',
    title: 'summit call 3',
    canonical: 'summit-call-3',
    setAside: {},
    question: 'squeaky rubber chicken',
    at: 88,
  },
  {
    format: 'plain transcript with no stamps',
    files: ['crumb-theory.transcript.txt'],
    id: 'crumb-theory',
    title: 'crumb theory',
    canonical: 'crumb-theory',
    setAside: {},
    question: 'coin-operated dryers heatwave',
    at: null,
  },
] as const;

export const TRANSCRIPT_FIXTURES_DIR = 'test/fixtures/transcripts';

/** A fresh episodes folder holding the given fixture files. */
export function fixtureDir(files: readonly string[], into?: string): string {
  const dir = into ?? mkdtempSync(join(tmpdir(), 'podqa-transcript-'));
  mkdirSync(dir, { recursive: true });
  for (const file of files) copyFileSync(join(TRANSCRIPT_FIXTURES_DIR, file), join(dir, file));
  return dir;
}
