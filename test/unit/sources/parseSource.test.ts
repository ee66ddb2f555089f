import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStamp } from '../../../src/episodes/time.js';
import { MAX_SOURCE_BYTES } from '../../../src/sources/intake.js';
import { parseSource } from '../../../src/sources/loadEpisodes.js';

const fixture = (name: string) => readFileSync(`test/fixtures/sources/${name}`);
const starts = (text: string | Buffer, name = 'doc.txt') =>
  parseSource(name, text).episode?.chapters.map((c) => c.start);
const seconds = (...stamps: string[]) => stamps.map(parseStamp);

describe('the outline fallback reads timestamped layouts', () => {
  it.each([
    [
      'lines.txt',
      'How Chips Are Made, with a Fab Engineer',
      ['0:00', '2:32', '15:10', '1:02:03'],
      'Why fabs cost $20B',
    ],
    ['dash-ranges.md', 'The Robotics Hour', ['0:01', '2:32', '14:05'], 'Humanoid robots in warehouses'],
    [
      'paren-ranges.txt',
      'Energy Markets Weekly',
      ['0:00', '2:04', '18:30'],
      'Grid batteries and peak pricing',
    ],
    ['stamp-after.txt', 'Founders on Fundraising', ['1:44', '12:30', '41:05', '1:10:00'], 'The seed round'],
    [
      'inline-hms.txt',
      'Longevity Science Roundup',
      ['0:00', '4:15', '1:02:03', '1:30:00'],
      'Rapamycin trials',
    ],
  ])('%s', (file, title, stamps, secondTitle) => {
    const { episode, problems } = parseSource(file, fixture(file));
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(episode).toMatchObject({ format: 'outline', title, chapters: expect.any(Array) });
    expect(episode?.chapters.map((c) => c.start)).toEqual(seconds(...stamps));
    expect(episode?.chapters[1]?.title).toBe(secondTitle);
    expect(episode?.chapters.every((c) => c.timing === 'publisher' && !c.approximate)).toBe(true);
  });

  it('keeps links out of chapter titles and in links', () => {
    const { episode } = parseSource('inline-hms.txt', fixture('inline-hms.txt'));
    expect(episode?.chapters.at(-1)?.title).toBe('Listener mail');
    expect(episode?.links).toEqual(['https://example.com/follow']);
  });

  it('detects the format by content, whatever the file is called', () => {
    const page = readFileSync('data/episodes/003_eb5b8ce79ba9296e.txt');
    expect(parseSource('notes.json', page).episode?.format).toBe('video-chapters');
    expect(parseSource('page.md', fixture('lines.txt')).episode?.format).toBe('outline');
  });
});

describe('bad input: a clear problem, never a crash', () => {
  const errors = (name: string, content: string | Buffer) =>
    parseSource(name, content).problems.filter((p) => p.severity === 'error');

  it('refuses an empty file', () => {
    expect(errors('empty.txt', '  \n\n')).toEqual([
      expect.objectContaining({ file: 'empty.txt', message: expect.stringMatching(/empty/) }),
    ]);
  });

  it('refuses a binary file', () => {
    expect(errors('image.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff]))[0]?.message).toMatch(
      /binary/,
    );
  });

  it('refuses a file over the size limit, saying the limit', () => {
    const huge = Buffer.alloc(MAX_SOURCE_BYTES + 1, 'a');
    expect(errors('huge.txt', huge)[0]?.message).toMatch(/limit is 5242880 bytes/);
  });

  it('reads CRLF, a byte-order mark and HTML entities like plain text', () => {
    const text = '\uFEFFTom &amp; Jerry&#8217;s Show\r\n0:00 Intro\r\n5:00 Cats &gt; dogs?\r\n';
    const { episode } = parseSource('crlf.txt', text);
    expect(episode?.title).toBe('Tom & Jerry’s Show');
    expect(episode?.chapters.map((c) => c.title)).toEqual(['Intro', 'Cats > dogs?']);
  });

  it('drops duplicate and backwards stamps with a warning naming the line', () => {
    const { episode, problems } = parseSource(
      'order.txt',
      'Show\n0:00 Intro\n5:00 A\n5:00 A again\n3:00 Back\n9:00 B\n',
    );
    expect(episode?.chapters.map((c) => c.title)).toEqual(['Intro', 'A', 'B']);
    expect(problems.map((p) => [p.line, p.severity])).toEqual([
      [4, 'warning'],
      [5, 'warning'],
    ]);
    expect(problems[1]?.message).toMatch(/expected increasing times/);
  });

  it('reads loose stamps (0:0, 60:43 past the hour) with their titles, and names a malformed one', () => {
    const { episode, problems } = parseSource(
      'loose.txt',
      'Show\n0:0 Intro\n12:5 Tides\n60:43 Past the hour\n1:75:00 Broken\n',
    );
    expect(episode?.chapters.map((c) => [c.title, c.start])).toEqual([
      ['Intro', 0],
      ['Tides', 12 * 60 + 5],
      ['Past the hour', 3643],
    ]);
    expect(problems).toEqual([
      expect.objectContaining({
        line: 5,
        message: expect.stringMatching(/"1:75:00".*expected m:ss or h:mm:ss/),
      }),
    ]);
  });

  it('reads a page cut off mid-sentence as far as it goes', () => {
    const page = readFileSync('data/episodes/003_eb5b8ce79ba9296e.txt', 'utf8');
    const cut = page.slice(0, page.indexOf('DeepSeek’s Technical Breakthroughs') + 60);
    const { episode } = parseSource('cut.txt', cut);
    expect(episode?.sections).toHaveLength(5);
    expect(episode?.chapters).toHaveLength(10);
  });

  it('accepts a title only, with a warning that there are no times', () => {
    const { episode, problems } = parseSource('title.txt', 'Just a Title\n');
    expect(episode).toMatchObject({ title: 'Just a Title', chapters: [] });
    expect(problems[0]).toMatchObject({
      severity: 'warning',
      message: expect.stringMatching(/no timestamps/),
    });
  });

  it('stays linear on a pathological multi-megabyte line', () => {
    const line = '(1:1'.repeat(1_000_000);
    expect(() => parseSource('long.txt', `Title\n${line}\n`)).not.toThrow();
  });

  it('keeps a stamp past the known end off the clock', () => {
    const doc = JSON.stringify({
      title: 'Short',
      duration: 600,
      chapters: [
        { title: 'A', start: 0 },
        { title: 'Late', start: 900 },
      ],
    });
    const { episode, problems } = parseSource('short.json', doc);
    expect(episode?.chapters.map((c) => [c.title, c.end])).toEqual([['A', 600]]);
    expect(problems[0]?.message).toMatch(/past the episode's end/);
  });
});

describe('canonical episode JSON', () => {
  it('reads a hand-made episode, tolerating $schema, with stated times that agree kept as stated', () => {
    const { episode, problems } = parseSource('canonical.json', fixture('canonical.json'));
    expect(problems).toEqual([]);
    expect(episode).toMatchObject({
      id: 'hand-made',
      format: 'canonical-json',
      published: '2025-03-01',
      duration: 3600,
      chapters: [
        { start: 0, end: 600 },
        { start: 600, end: 2400 },
        { start: 2400, end: 3600 },
      ],
      sections: [{ title: 'Punched cards', start: 700, end: 2300, approximate: false, timing: 'summary' }],
    });
  });

  it('names the field, the line and what was expected', () => {
    const bad = '{\n  "title": "X",\n  "duration": "an hour"\n}\n';
    expect(parseSource('bad.json', bad).problems).toEqual([
      expect.objectContaining({
        file: 'bad.json',
        line: 3,
        severity: 'error',
        message: expect.stringMatching(/^duration: .*number/),
      }),
    ]);
  });

  it('names the line of a JSON syntax error', () => {
    const problems = parseSource('broken.json', '{\n  "title": "X",\n  oops\n}').problems;
    expect(problems[0]).toMatchObject({
      severity: 'error',
      line: 3,
      message: expect.stringMatching(/invalid JSON/),
    });
  });

  it('refuses unknown fields rather than ignoring a typo', () => {
    expect(
      parseSource('typo.json', '{"title": "X", "videoURL": "https://x.y"}').problems[0]?.message,
    ).toMatch(/videoURL/);
  });
});

it('derives the same times whatever the stamp form', () => {
  expect(starts('Show\n(1:02:03) A\n(1:05:00) B\n')).toEqual(seconds('1:02:03', '1:05:00'));
});
