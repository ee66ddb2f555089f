import { mkdtempSync, readFileSync, readdirSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EpisodeIndex } from '../../../src/index/EpisodeIndex.js';
import {
  ANALYSIS_FINGERPRINT,
  INDEX_FORMAT_VERSION,
  type IndexFile,
  type Manifest,
  hashInputs,
  readIndexFile,
  staleness,
  writeIndexFile,
} from '../../../src/index/store.js';
import type { Passage } from '../../../src/passages/passage.js';
import { episodeOf } from '../../support/episode.js';

const manifest: Manifest = {
  formatVersion: INDEX_FORMAT_VERSION,
  analysis: ANALYSIS_FINGERPRINT,
  builtAt: '2026-01-01T00:00:00.000Z',
  sources: [
    { file: 'a.txt', hash: '1', size: 1, mtimeMs: 1 },
    { file: 'b.txt', hash: '2', size: 1, mtimeMs: 1 },
  ],
  counts: { episodes: 1, passages: 2, rejected: 0 },
  rejected: [],
  warnings: [],
};

describe('staleness', () => {
  it('is null while every input keeps its hash', () => {
    expect(staleness(manifest, manifest.sources)).toBeNull();
  });

  it('names the changed, added and removed sources', () => {
    expect(
      staleness(manifest, [
        { file: 'a.txt', hash: 'other' },
        { file: 'c.txt', hash: '3' },
      ]),
    ).toBe('sources changed (changed: a.txt; added: c.txt; removed: b.txt)');
  });
});

describe('hashInputs', () => {
  it('reads only files whose size or time changed, keeping the recorded hash of the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podqa-inputs-'));
    writeFileSync(join(dir, 'a.txt'), 'one');
    writeFileSync(join(dir, 'b.txt'), 'two');
    const first = await hashInputs(dir, join(dir, 'aliases.json'));
    // A recorded hash that is not the content's: kept while size and time say nothing changed.
    const recorded = first.map((stamp) => ({ ...stamp, hash: `recorded-${stamp.file}` }));
    const again = await hashInputs(dir, join(dir, 'aliases.json'), recorded);
    expect(again.map((stamp) => stamp.hash)).toEqual(['recorded-a.txt', 'recorded-b.txt']);
    writeFileSync(join(dir, 'b.txt'), 'three');
    utimesSync(join(dir, 'b.txt'), new Date(), new Date(Date.now() + 5000));
    const changed = await hashInputs(dir, join(dir, 'aliases.json'), recorded);
    expect(changed[0]?.hash).toBe('recorded-a.txt');
    expect(changed[1]?.hash).not.toBe('recorded-b.txt');
    expect(changed[1]?.hash).not.toBe(first[1]?.hash);
  });
});

const passage = (id: string, text: string): Passage => ({
  id,
  episodeId: 'ep',
  episodeTitle: 'Episode',
  kind: 'takeaway',
  section: 'Memory',
  text,
  start: 1,
  end: 2,
  approximate: false,
  url: null,
});
const passages = [
  passage('ep#1', 'High Bandwidth Memory (HBM) is sold out through 2026.'),
  passage('ep#2', 'Robotic bowls assemble meals for delivery.'),
];
const episodes = [
  episodeOf({
    id: 'ep',
    sections: [
      {
        kind: 'analysis',
        title: 'Memory',
        summary: null,
        bullets: ['High Bandwidth Memory (HBM) is sold out through 2026.'],
        start: 1,
        end: 2,
        approximate: false,
        timing: 'publisher',
        stated: null,
      },
    ],
    transcript: [{ start: 1.5, end: 2, speaker: 'Ann', text: 'HBM is sold out.' }],
  }),
];
const built = EpisodeIndex.build(passages);
const file = (): IndexFile => ({ manifest, episodes, index: built.parts });

describe('the stored index (index.json and its data file)', () => {
  it('reads back what was written: manifest, episodes, passages, and the same answers', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'podqa-store-')), 'index.json');
    await writeIndexFile(path, file());
    const read = await readIndexFile(path, { cooperative: true });
    if (!('file' in read)) throw new Error(read.reason);
    expect(read.file.manifest).toEqual(manifest);
    const [segment] = read.file.segments;
    if (!segment) throw new Error('no segment');
    expect(segment.episodes).toEqual(episodes);
    expect(segment.index.passages.at(1)).toEqual(passages[1]);
    const loaded = EpisodeIndex.fromParts(segment.index);
    for (const question of ['HBM', 'high bandwidth memory', 'robotic meals', 'robotc']) {
      expect(loaded.search(question)).toEqual(built.search(question));
    }
  });

  it('keeps serving an index read before its data file was replaced (passages and sections are read late)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podqa-store-'));
    const path = join(dir, 'index.json');
    await writeIndexFile(path, file());
    const read = await readIndexFile(path);
    if (!('file' in read)) throw new Error(read.reason);
    const other = EpisodeIndex.build([passage('ep#1', 'Something else entirely.')]);
    await writeIndexFile(path, { manifest, episodes: [], index: other.parts });
    expect(readdirSync(dir).filter((name) => name.endsWith('.bin'))).toHaveLength(1);
    expect(read.file.segments[0]?.index.passages.at(0)).toEqual(passages[0]);
    expect(read.file.segments[0]?.episodes[0]?.sections).toEqual(episodes[0]?.sections);
    expect(read.file.segments[0]?.episodes[0]?.transcript).toEqual(episodes[0]?.transcript);
  });

  it('reads back an index of no episodes whole (every source refused), rather than calling it corrupt', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'podqa-store-')), 'index.json');
    const none = EpisodeIndex.build([]);
    await writeIndexFile(path, { manifest, episodes: [], index: none.parts });
    const read = await readIndexFile(path);
    if (!('file' in read)) throw new Error(read.reason);
    expect(read.file.segments[0]?.episodes).toEqual([]);
    expect(read.file.segments[0]?.index.passages.length).toBe(0);
  });

  it('keeps one data file: a rewrite removes the one the old manifest named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podqa-store-'));
    await writeIndexFile(join(dir, 'index.json'), file());
    await writeIndexFile(join(dir, 'index.json'), file());
    const names = readdirSync(dir);
    expect(names.filter((name) => name.endsWith('.bin'))).toHaveLength(1);
    expect(names).toHaveLength(2);
  });

  it('names the source stamp that is wrong in a manifest', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'podqa-store-')), 'index.json');
    await writeIndexFile(path, file());
    const written = JSON.parse(readFileSync(path, 'utf8'));
    written.manifest.sources[1].hash = 2;
    writeFileSync(path, JSON.stringify(written));
    expect(await readIndexFile(path, { cooperative: true })).toEqual({
      reason: expect.stringMatching(/^the index file is corrupt \(manifest\.sources\.1\.hash: /),
    });
  });

  it('names the file coverage that is wrong in a manifest (checked a batch at a time, as the stamps)', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'podqa-store-')), 'index.json');
    const coverage = (file: string) => ({
      file,
      words: 3,
      searchable: 3,
      setAside: [],
      unexplained: { words: 0, examples: [] },
    });
    const stored = file();
    const fileCoverage = Array.from({ length: 2500 }, (_, i) => coverage(`${i}.txt`));
    await writeIndexFile(path, { ...stored, manifest: { ...stored.manifest, fileCoverage } });
    const read = await readIndexFile(path, { cooperative: true });
    expect('file' in read && read.file.manifest.fileCoverage).toEqual(fileCoverage);
    const written = JSON.parse(readFileSync(path, 'utf8'));
    written.manifest.fileCoverage[2100].words = -1;
    writeFileSync(path, JSON.stringify(written));
    expect(await readIndexFile(path, { cooperative: true })).toEqual({
      reason: expect.stringMatching(/^the index file is corrupt \(manifest\.fileCoverage\.2100\.words: /),
    });
  });

  it('says there is none yet when the file is missing', async () => {
    expect(await readIndexFile(join(tmpdir(), 'podqa-no-such-dir', 'index.json'))).toEqual({
      reason: 'no index file yet',
    });
  });

  it('refuses a data file cut short or missing, naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podqa-store-'));
    const path = join(dir, 'index.json');
    await writeIndexFile(path, file());
    const data = JSON.parse(readFileSync(path, 'utf8')).segments[0].file as string;
    truncateSync(join(dir, data), 100);
    expect(await readIndexFile(path)).toEqual({
      reason: expect.stringMatching(new RegExp(`data file ${data} is corrupt`)),
    });
    writeFileSync(path, readFileSync(path, 'utf8').replace(data, 'index-gone.bin'));
    expect(await readIndexFile(path)).toEqual({ reason: 'the index data file index-gone.bin is missing' });
  });

  it('leaves the old files whole, and no temporary file, when a write fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podqa-store-'));
    const path = join(dir, 'index.json');
    writeFileSync(path, 'old');
    const broken = file();
    broken.index = {
      ...broken.index,
      passages: { length: 1, at: () => ({ size: 1n }) as unknown as Passage },
    };
    await expect(writeIndexFile(path, broken)).rejects.toThrow();
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['index.json']);
  });
});
