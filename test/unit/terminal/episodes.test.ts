import { readFileSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as episodes } from '../../../src/terminal/episodes.js';
import { episodeJsonSchema } from '../../../src/answers/sources.js';
import { SCHEMA_PATH } from '../../../src/terminal/schema.js';
import { run as validate } from '../../../src/terminal/validate.js';
import { captureIo } from '../../support/io.js';

function dataDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'podqa-data-'));
  mkdirSync(join(dir, 'episodes'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, 'episodes', name), content);
  return dir;
}

describe('npm run episodes', () => {
  it('prints the JSON shape others rely on, newest first', async () => {
    const io = captureIo({ DATA_DIR: 'data' });
    expect(await episodes(['--json'], io)).toBe(0);
    const list = JSON.parse(io.stdout.join('\n'));
    expect(list.map((e: { id: string }) => e.id)).toEqual(['deepseek-panic', 'socialists-sweep-nyc']);
    expect(Object.keys(list[0])).toEqual(
      expect.arrayContaining([
        'id',
        'title',
        'source',
        'published',
        'duration',
        'people',
        'videoUrl',
        'chapters',
        'sections',
      ]),
    );
    expect(list[0].source).toBe('003_eb5b8ce79ba9296e.txt');
    expect(list[1].sections[1]).toMatchObject({
      title: 'Micron Technology (MU)',
      start: 3706,
      approximate: true,
      timing: 'aligned',
    });
    expect(Object.keys(list[1].chapters[0])).toEqual(['title', 'start', 'end', 'approximate', 'timing']);
  });

  it('shows times for a person, ≈ when approximate and – when unknown', async () => {
    const io = captureIo({ DATA_DIR: 'data' });
    await episodes([], io);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/≈1:01:46 {2}Micron Technology \(MU\)/);
    expect(text).toMatch(/ 1:25:13 {2}Future of Self Driving/);
    expect(text).toMatch(/– {2}Political & Macro Themes: The Rise of the DSA/);
    expect(text).toContain('2025-01-31 · 1h 49m · Jason Calacanis (host)');
  });

  it('says how much transcript an episode has, and who speaks in it', async () => {
    const dir = dataDir({
      'ep.txt': 'Tidewater Hour 2\n0:00 Intro\n2:00 Herons\n',
      'ep.vtt':
        'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Maren>Hi.\n\n00:02:05.000 --> 00:02:09.400\n<v Ivo>Herons.\n',
    });
    const io = captureIo({ DATA_DIR: dir });
    expect(await episodes([], io)).toBe(0);
    expect(io.stdout.join('\n')).toContain('  Transcript: 2 cues to 2:10 · Maren, Ivo');
  });

  it('names a bad option', async () => {
    const io = captureIo({ DATA_DIR: 'data' });
    expect(await episodes(['--jsn'], io)).not.toBe(0);
    expect(io.stderr.join('\n')).toMatch(/unknown option '--jsn'/);
  });
});

describe('npm run validate', () => {
  it('prints each problem with file and line, and exits 1 when a file is refused', async () => {
    const dir = dataDir({ 'good.txt': 'Good\n0:00 Intro\n1:75:00 Broken\n', 'bad.json': '{"title": 5}' });
    const io = captureIo({ DATA_DIR: dir });
    expect(await validate([], io)).toBe(1);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/bad\.json:1?: ?error: title: .*string/);
    expect(text).toMatch(/good\.txt:3: warning: malformed timestamp "1:75:00"/);
    expect(text).toMatch(/2 files checked: 1 ok, 1 refused, 1 warning$/);
  });

  it('--coverage says per file the words searchable and set aside by rule, with the first example', async () => {
    const dir = dataDir({
      'glass.txt': 'Lantern Works 1: Glass\nCopied to clipboard!\n0:00 Intro\nThe furnace burns all year.\n',
    });
    const io = captureIo({ DATA_DIR: dir });
    expect(await validate(['--coverage'], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toContain('glass.txt: 6 of 13 words searchable, 7 set aside by rule, 0 lost');
    expect(text).toContain('  chrome:share: 3 words, e.g. line 2 "Copied to clipboard!"');
    expect(text).toMatch(/coverage: 1 file: 6 of 13 words searchable, 7 set aside by rule, 0 lost$/m);
  });

  it('exits 0 for the bundled episodes, and checks a single file in its folder', async () => {
    expect(await validate([], captureIo({ DATA_DIR: 'data' }))).toBe(0);
    const io = captureIo();
    expect(await validate(['data/episodes/000_18c48776791e99b0.txt'], io)).toBe(0);
    expect(io.stdout.at(-1)).toBe('1 file checked: 1 ok, 0 refused, 0 warnings');
  });

  it('names a file it skips and why, instead of only "0 files checked"', async () => {
    const dir = dataDir({ 'notes.pdf': '%PDF', 'good.meta.json': '{}' });
    const io = captureIo();
    const given = [join(dir, 'episodes/notes.pdf'), join(dir, 'episodes/good.meta.json')];
    expect(await validate(given, io)).toBe(1);
    expect(io.stderr).toEqual([
      `${given[0]}: not an episode source: expected a file ending in .txt, .md, .html, .json, .vtt, .srt, .ttml, .transcript.json, .transcript.txt, .transcript.md, .transcript.html`,
      `${given[1]}: a meta file is checked with its source: give the source file (the same name without .meta.json)`,
    ]);
  });

  it('says when a path does not exist', async () => {
    const io = captureIo();
    expect(await validate(['no/such/file.txt'], io)).toBe(1);
    expect(io.stderr[0]).toBe('no/such/file.txt: no such file or directory');
  });
});

it('the committed JSON Schema is the one the zod schema produces (run `npm run schema` after changing it)', () => {
  expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(episodeJsonSchema());
});
