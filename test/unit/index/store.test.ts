import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ANALYSIS_FINGERPRINT,
  INDEX_FORMAT_VERSION,
  type IndexFile,
  type Manifest,
  readIndexFile,
  staleness,
  writeIndexFile,
} from '../../../src/index/store.js';

const manifest: Manifest = {
  formatVersion: INDEX_FORMAT_VERSION,
  analysis: ANALYSIS_FINGERPRINT,
  builtAt: '2026-01-01T00:00:00.000Z',
  sources: [
    { file: 'a.txt', hash: '1' },
    { file: 'b.txt', hash: '2' },
  ],
  counts: { episodes: 2, passages: 0, rejected: 0 },
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

describe('index.json', () => {
  const file = (): IndexFile => ({
    manifest,
    episodes: [],
    index: {
      minisearch: {} as IndexFile['index']['minisearch'],
      passages: [],
      aliases: [],
      vocabulary: [],
      related: [],
      commonness: [],
      inflected: [],
      phrases: [],
    },
  });

  it('reads back what was written', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'podqa-store-')), 'index.json');
    await writeIndexFile(path, file());
    expect(await readIndexFile(path)).toEqual({ file: file() });
  });

  it('says there is none yet when the file is missing', async () => {
    expect(await readIndexFile(join(tmpdir(), 'podqa-no-such-dir', 'index.json'))).toEqual({
      reason: 'no index file yet',
    });
  });

  it('leaves the old file whole, and no temporary file, when a write fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podqa-store-'));
    const path = join(dir, 'index.json');
    writeFileSync(path, 'old');
    const broken = file();
    (broken.index as { passages: unknown[] }).passages.push({ size: 1n }); // BigInt: not JSON
    await expect(writeIndexFile(path, broken)).rejects.toThrow();
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['index.json']);
  });
});
