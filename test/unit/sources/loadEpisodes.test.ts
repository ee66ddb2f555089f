import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEpisodes, slugOf } from '../../../src/sources/loadEpisodes.js';

function episodesDir(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'podqa-episodes-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe('loadEpisodes', () => {
  it('keeps the good files when one is bad, and says why the bad one was refused', async () => {
    const dir = episodesDir({
      'a.txt': 'Episode A\n0:00 Intro\n',
      'b.txt': Buffer.from([0, 1, 2, 3]),
      'c.txt': 'Episode C\n0:00 Intro\n',
      'notes.png': 'ignored: not a source',
    });
    const loaded = await loadEpisodes(dir);
    expect(loaded.episodes.map((e) => e.id)).toEqual(['a', 'c']);
    expect(loaded.rejected).toEqual([
      { file: 'b.txt', problems: [expect.objectContaining({ message: expect.stringMatching(/binary/) })] },
    ]);
  });

  it('lets a meta file override and complete the page', async () => {
    const dir = episodesDir({
      'show.txt': 'Episode\n0:00 Intro\n',
      'show.meta.json': JSON.stringify({
        id: 'my-show',
        audioUrl: 'https://cdn.example.com/ep.mp3',
        published: '2024-02-29',
      }),
    });
    const [episode] = (await loadEpisodes(dir)).episodes;
    expect(episode).toMatchObject({
      id: 'my-show',
      audioUrl: 'https://cdn.example.com/ep.mp3',
      published: '2024-02-29',
      videoUrl: null,
    });
  });

  it('refuses a source whose meta file is invalid, naming the meta file and the expected shape', async () => {
    const dir = episodesDir({
      'show.txt': 'Episode\n0:00 Intro\n',
      'show.meta.json': '{"videoUrl": "not a url"}',
    });
    const loaded = await loadEpisodes(dir);
    expect(loaded.episodes).toEqual([]);
    expect(loaded.rejected[0]?.problems[0]).toMatchObject({
      file: 'show.meta.json',
      message: expect.stringMatching(/videoUrl/),
    });
  });

  it('refuses the later of two files with the same id, naming the other', async () => {
    const dir = episodesDir({
      'one.txt': 'One\n0:00 Intro\n',
      'one.meta.json': '{"id": "same"}',
      'two.txt': 'Two\n0:00 Intro\n',
      'two.meta.json': '{"id": "same"}',
    });
    const loaded = await loadEpisodes(dir);
    expect(loaded.episodes.map((e) => e.title)).toEqual(['One']);
    expect(loaded.rejected[0]?.problems[0]?.message).toMatch(/already used by one\.txt/);
  });

  it('hashes every file read, so a changed meta file makes the index stale too', async () => {
    const dir = episodesDir({});
    copyFileSync('data/episodes/000_18c48776791e99b0.txt', join(dir, 'x.txt'));
    writeFileSync(join(dir, 'x.meta.json'), '{"id": "x"}');
    const before = (await loadEpisodes(dir)).sources;
    writeFileSync(join(dir, 'x.meta.json'), '{"id": "y"}');
    const after = (await loadEpisodes(dir)).sources;
    expect(before.map((s) => s.file)).toEqual(['x.txt', 'x.meta.json']);
    expect(after[0]?.hash).toBe(before[0]?.hash);
    expect(after[1]?.hash).not.toBe(before[1]?.hash);
  });
});

describe('slugOf', () => {
  it('makes an id the schema accepts from any file name', () => {
    expect(slugOf('003_Deep Dive!.txt')).toBe('003_deep-dive');
    expect(slugOf('Épisode Ünïcode.md')).toBe('episode-unicode');
    expect(slugOf('!!!.txt')).toBe('episode');
  });
});

describe('loadEpisodes across the catalogue', () => {
  it('takes a first line repeated across the catalogue’s pages for the show, and the next line for the title', async () => {
    const dir = episodesDir({
      'e1.txt': 'The Lantern Works Podcast\nGlass floats\nPublished: 2025-01-02\n0:00 Intro\n',
      'e2.txt': 'The Lantern Works Podcast\nE2: Copper kettles\n0:00 Intro\n',
      'e3.txt': 'Lone episode\nSomething else\n0:00 Intro\n',
    });
    const loaded = await loadEpisodes(dir);
    expect(loaded.episodes.map(({ title, show, number }) => [title, show, number])).toEqual([
      ['Glass floats', 'The Lantern Works Podcast', null],
      ['E2: Copper kettles', 'The Lantern Works Podcast', 2],
      ['Lone episode', null, null],
    ]);
  });

  it('says per file what became searchable and what was set aside by which rule', async () => {
    const dir = episodesDir({
      'a.txt': 'Lantern Works 1: Glass\nSkip to content\n0:00 Intro\nThe furnace burns all year.\n',
    });
    const [coverage] = (await loadEpisodes(dir)).coverage;
    expect(coverage).toMatchObject({
      file: 'a.txt',
      words: 13,
      searchable: 6,
      setAside: [
        { rule: 'page:title', words: 4 },
        {
          rule: 'chrome:nav',
          words: 3,
          examples: [{ file: 'a.txt', line: 2, rule: 'chrome:nav', text: 'Skip to content' }],
        },
      ],
      unexplained: { words: 0, examples: [] },
    });
  });
});
