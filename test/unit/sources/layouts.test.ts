import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStamp } from '../../../src/episodes/time.js';
import { parseSource } from '../../../src/sources/loadEpisodes.js';
import { pickTitle, readDateLine, readLengthLine } from '../../../src/sources/pageFacts.js';

/**
 * Page layouts seen on real summary sites, each written as a fixture for a fictional show ("The
 * Tidewater Hour"): every page with two or more stamps yields timed chapters, the title is the
 * episode's, date and length are read where the page states them.
 */

const read = (name: string) => parseSource(name, readFileSync(`test/fixtures/sources/layouts/${name}`));
const at = (...stamps: string[]) => stamps.map(parseStamp);

describe('page layouts', () => {
  it('splits a show name glued to the title, and reads labelled date and length', () => {
    const { episode } = read('glued-show.txt');
    expect(episode).toMatchObject({
      title: 'E12: Salt marshes, storm surge and the mill dams',
      show: 'The Tidewater Hour',
      published: '2025-04-26',
      duration: 72 * 60,
    });
    expect(episode?.chapters.map((c) => c.start)).toEqual(at('0:00', '3:10', '24:45', '51:20'));
  });

  it('passes over a show line above the title; reads an RFC 822 date and a `2h 45m` length', () => {
    const { episode } = read('show-first-line.txt');
    expect(episode).toMatchObject({
      title: 'E13: Herons, ferries and a sailing school',
      show: 'The Tidewater Hour',
      published: '2024-09-06',
      duration: 2 * 3600 + 45 * 60,
    });
    expect(episode?.chapters).toHaveLength(4);
  });

  it('skips site chrome and a failed template, taking the `Title:` line; a clock time is not a length', () => {
    const { episode } = read('chrome-first.txt');
    expect(episode).toMatchObject({
      title: 'Tidewater Hour 14: Kelp farms and septic tanks',
      published: '2022-02-19',
      duration: null,
    });
    expect(episode?.chapters.map((c) => c.title)).toEqual([
      'Intro',
      'Kelp farms as a second income',
      'Septic systems and nitrogen in the coves',
    ]);
  });

  it('skips the same chrome without a `Title:` line, cutting the failed template off the title', () => {
    const page =
      'back to index\nPodcast Episode Summary\nundefined - Tidewater Hour 20: Crab traps\n0:00 Intro\n5:00 Ghost traps\n';
    expect(parseSource('page.txt', page).episode).toMatchObject({
      title: 'Tidewater Hour 20: Crab traps',
      show: null,
    });
  });

  it('reads a seed-003-style chapter list without its header block: ranges alone, titles next', () => {
    const { episode, problems } = read('headless-chapters.txt');
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(episode).toMatchObject({
      title: 'Tidewater Hour 15: The working waterfront',
      published: '2025-07-30',
      duration: 52 * 60 + 13,
    });
    expect(episode?.chapters.map((c) => [c.title, c.start])).toEqual([
      ['Welcome and listener mail', 0],
      ['Saving the boatyards', 152],
      ['Tide gauges and sea level', 1205],
    ]);
    const boatyards = episode?.sections[1];
    expect(boatyards).toMatchObject({
      title: 'Saving the boatyards',
      summary: 'Zoning keeps the waterfront for boatyards instead of condos.',
      bullets: ['Three boatyards were saved by the new zoning.', 'Condo developers sued and lost.'],
      start: 152,
      approximate: false,
    });
  });

  it('reads a table of contents of ranges, then places its emoji-headed sections by content', () => {
    const { episode } = read('toc-emoji.txt');
    expect(episode).toMatchObject({ published: '2025-05-02', duration: 55 * 60 });
    expect(episode?.chapters.map((c) => c.start)).toEqual(at('0:00', '8:00', '30:00'));
    expect(episode?.sections.map((s) => [s.title, s.start, s.bullets.length])).toEqual([
      ['Cold open at the harbor', 0, 1],
      ['Dredging and the shipping channel', 480, 2],
      ['Terns on the rebuilt island', 1800, 1],
    ]);
    expect(episode?.sections[1]?.summary).toMatch(/^The dredging plan moves sand/);
  });

  it.each(['chapters-then-pipe-transcript.txt', 'chapters-then-speaker-transcript.txt'])(
    '%s: a chapter list followed by a transcript keeps its chapters and reads the rest as a transcript',
    (name) => {
      const { episode, problems } = read(name);
      expect(episode?.chapters).toHaveLength(3);
      expect(episode?.chapters.every((c) => c.timing === 'publisher')).toBe(true);
      expect(problems.filter((p) => /does not come after/.test(p.message))).toEqual([]);
      expect(episode?.transcript.length).toBeGreaterThanOrEqual(60);
      expect(episode?.transcript[0]?.text).toBe('Welcome back to the Tidewater Hour.');
    },
  );

  it('keeps the speakers and the exact seconds of a page’s transcript', () => {
    const { episode } = read('chapters-then-speaker-transcript.txt');
    expect(episode?.transcript.slice(0, 2)).toEqual([
      { start: 12, end: 52, speaker: 'Maren Holt', text: 'Welcome back to the Tidewater Hour.' },
      { start: 52, end: 92, speaker: 'Ivo Brandt', text: 'Today we are at the pier with the tide gauge.' },
    ]);
    expect(read('chapters-then-pipe-transcript.txt').episode?.transcript[1]?.start).toBe(25.137);
  });

  it('reads stamped speakers’ sentences after a chapter list as a transcript, not as chapters', () => {
    const said = 'the tide gauge at the pier has run since nineteen twenty one';
    const cues = Array.from(
      { length: 30 },
      (_, k) => `0:${String(10 + k).padStart(2, '0')}:05 Maren: ${said}, part ${k}.`,
    );
    const page = ['Tidewater Hour 21: Gauges', '0:00 Intro', '10:00 The gauge', ...cues].join('\n');
    const { episode } = parseSource('page.txt', page);
    expect(episode?.chapters.map((c) => c.title)).toEqual(['Intro', 'The gauge']);
    expect(episode?.transcript).toHaveLength(30);
    expect(episode?.transcript[0]).toMatchObject({ start: 605, speaker: 'Maren' });
  });

  it('titles a page that is all transcript by its header line', () => {
    const cues = Array.from(
      { length: 5 },
      (_, k) => `00:00:${String(k * 10).padStart(2, '0')}.000 | Words ${k}.`,
    );
    const { episode } = parseSource('page.txt', ['Tidewater Hour 22: Raw captions', ...cues].join('\n'));
    expect(episode).toMatchObject({ title: 'Tidewater Hour 22: Raw captions', chapters: [] });
    expect(episode?.transcript).toHaveLength(5);
  });

  it('keeps a page with no stamps untimed, with one clear warning', () => {
    const { episode, problems } = read('no-stamps.txt');
    expect(episode).toMatchObject({
      title: 'Tidewater Hour 19: A walk on the marsh',
      published: '2025-06-01',
    });
    expect(episode?.chapters).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/no timestamps found/) }),
    ]);
  });
});

describe('page facts', () => {
  it.each([
    ['Release Date: April 26, 2025', '2025-04-26', null],
    ['Fri, 06 Sep 2024', '2024-09-06', null],
    ['Sat, 19 Feb 2022 07:22', '2022-02-19', null],
    ['July 30, 202552:13', '2025-07-30', 3133],
    ['Jan 31, 20251h 49mWatch on YouTube ↗', '2025-01-31', 6540],
    ['Published: 2025-05-02', '2025-05-02', null],
    ['3 March 2023 · 1:02:03', '2023-03-03', 3723],
  ])('%s', (line, published, duration) => {
    expect(readDateLine(line)).toEqual({ published, duration });
  });

  it('refuses prose that starts with a date, and impossible dates', () => {
    expect(readDateLine('April 26, 2025 was the day the marsh flooded and everyone came down.')).toBeNull();
    expect(readDateLine('2025-13-01')).toBeNull();
  });

  it('reads lengths alone or labelled, never a bare stamp', () => {
    expect(readLengthLine('2h 45m')).toBe(9900);
    expect(readLengthLine('Duration: 1:12:09')).toBe(4329);
    expect(readLengthLine('52 min')).toBe(3120);
    expect(readLengthLine('52:13')).toBeNull();
    expect(readLengthLine('2 hosts and a guest')).toBeNull();
  });

  it('takes the first line as the title when nothing says otherwise', () => {
    expect(pickTitle(['Herons with Maren, Ivo and Ana', 'A note about herons'])).toMatchObject({
      title: 'Herons with Maren, Ivo and Ana',
      show: null,
    });
    expect(pickTitle(['undefined - Kelp lines'])).toMatchObject({ title: 'Kelp lines' });
  });
});
