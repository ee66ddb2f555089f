import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as buildIndex } from '../../../src/terminal/build-index.js';
import { copyOfData } from '../../support/data.js';
import { captureIo } from '../../support/io.js';

describe('npm run index', () => {
  it('indexes every good source, writes index.json with its manifest, and exits 0', async () => {
    const dir = copyOfData();
    const io = captureIo({ DATA_DIR: dir });
    expect(await buildIndex([], io)).toBe(0);
    expect(io.stdout).toEqual(['indexed 2 episodes, 125 passages; refused 0 files']);
    const { manifest } = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
    expect(manifest.counts).toEqual({ episodes: 2, passages: 125, rejected: 0 });
    expect(manifest.sources.map((s: { file: string }) => s.file)).toContain('000_18c48776791e99b0.txt');
  });

  it('indexes the good sources, lists the refused ones, and exits 1', async () => {
    const dir = copyOfData();
    writeFileSync(join(dir, 'episodes/bad.json'), '{"title": 42}');
    const io = captureIo({ DATA_DIR: dir });
    expect(await buildIndex([], io)).toBe(1);
    expect(io.stdout).toContain('indexed 2 episodes, 125 passages; refused 1 file');
    expect(io.stdout.join('\n')).toMatch(/bad\.json:1: error: title: .*expected string/);
  });

  it('refuses an unknown option, naming it', async () => {
    const io = captureIo({ DATA_DIR: copyOfData() });
    expect(await buildIndex(['--nope'], io)).not.toBe(0);
    expect(io.stderr.join('\n')).toMatch(/--nope/);
  });
});
