import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Episode } from '../../../src/episodes/schema.js';
import { buildPassages } from '../../../src/passages/passage.js';
import { type ParsedSource, parseSource } from '../../../src/sources/loadEpisodes.js';

/**
 * Layouts of episode pages, one fixture per class ("The Lantern Works", fictional), each read for its
 * chapters, times, title and show, with every sentence of its body searchable (coverage: nothing lost),
 * then variations the fixtures do not show, so the class is read and not the example.
 */

const read = (name: string) => parseSource(name, readFileSync(`test/fixtures/sources/layouts/${name}`));
const chaptersOf = (episode: Episode | null) => episode?.chapters.map((c) => [c.title, c.start]);
/** The passage holding `words`, with its start. */
const passageWith = (episode: Episode | null, words: string) =>
  episode ? buildPassages(episode).find((p) => p.text.includes(words)) : undefined;
const nothingLost = ({ coverage }: ParsedSource) =>
  expect(coverage.unexplained).toEqual({ words: 0, examples: [] });

describe('page layouts: every line read', () => {
  it('numbered sections with ranges in parentheses, their paragraphs, and quotes as moments at their second', () => {
    const parsed = read('numbered-ranges-quotes.txt');
    const { episode } = parsed;
    expect(episode?.title).toBe('Lantern Works 31: Glassblowers and the furnace that never sleeps');
    expect(chaptersOf(episode)).toEqual([
      ['Introduction and Setting the Stage', 0],
      ['Why the Furnace Stays Lit', 124],
      ['Teaching Apprentices', 570],
    ]);
    expect(passageWith(episode, 'propane and a new crucible')).toMatchObject({
      start: 124,
      approximate: false,
    });
    expect(passageWith(episode, 'cools cracks its own crucible')).toMatchObject({ start: 0 });
    expect(passageWith(episode, 'more keeping it warm')).toMatchObject({ kind: 'transcript', start: 261 });
    expect(passageWith(episode, 'Tomas Reyne: "The crucible')).toMatchObject({ start: 362 });
    expect(passageWith(episode, 'two apprentices a year')).toMatchObject({ kind: 'takeaway', start: 570 });
    nothingLost(parsed);
  });

  it('segments of a title, `Copied to clipboard!` and a stamp under it, with Key Takeaway and Summary bullets', () => {
    const parsed = read('segments-clipboard.txt');
    const { episode, coverage } = parsed;
    expect(chaptersOf(episode)).toEqual([
      ['The Foundry Floor', 17],
      ['Tuning by Lathe', 14 * 60 + 52],
      ['Welding the Carillon', 31 * 60 + 9],
    ]);
    expect(passageWith(episode, 'five partials')).toMatchObject({ start: 892, section: 'Tuning by Lathe' });
    // The list above the segments is the episode's own text, untimed.
    expect(passageWith(episode, 'four parts copper')).toMatchObject({
      start: null,
      section: 'Key Takeaways',
    });
    expect(coverage.setAside).toContainEqual(expect.objectContaining({ rule: 'chrome:share', words: 9 }));
    nothingLost(parsed);
  });

  it('an investor-insights page of paragraphs and `•` runs, no stamps: all of it untimed and searchable', () => {
    const parsed = read('investor-insights.txt');
    const { episode } = parsed;
    expect(episode).toMatchObject({ title: 'Lantern Works 33: Who pays for a makerspace', chapters: [] });
    expect(passageWith(episode, 'evening classes paid the rent')).toMatchObject({ start: null });
    expect(passageWith(episode, 'Insurance is the cost founders underestimate most')).toMatchObject({
      kind: 'takeaway',
      section: 'Investor Insights',
    });
    expect(passageWith(episode, 'inside public libraries')).toMatchObject({ section: 'What to Watch' });
    nothingLost(parsed);
  });

  it('a table of contents of bare ranges, paired in order with the emoji-headed sections after it', () => {
    const parsed = read('toc-bare-ranges.txt');
    const { episode } = parsed;
    expect(chaptersOf(episode)).toEqual([
      ['The last tower clock winder', 0],
      ['Cutting gears without a computer', 8 * 60 + 6],
      ['Apprentices and the escapement', 16 * 60 + 2],
    ]);
    expect(passageWith(episode, 'dividing head')).toMatchObject({ start: 486, approximate: false });
    nothingLost(parsed);
  });

  it('reads `0:0` and `60:43` (minutes past the hour) with their titles before a piped transcript', () => {
    const parsed = read('loose-stamps-pipe.txt');
    const { episode, problems } = parsed;
    expect(chaptersOf(episode)).toEqual([
      ['Intro', 0],
      ['Pulping old sails', 725],
      ['The drying loft', 2020],
      ['Watermarks and forgers', 3643],
      ['Listener questions', 4510],
    ]);
    expect(problems).toEqual([]);
    expect(passageWith(episode, 'wire shape sewn')).toMatchObject({
      section: 'Watermarks and forgers',
      start: 3644,
    });
    nothingLost(parsed);
  });

  it('a stamp alone above its title (`h:mm:ss`), the paragraph under the title its chapter’s', () => {
    const parsed = read('stamp-above-title.txt');
    expect(chaptersOf(parsed.episode)).toEqual([
      ['Opening at the forge', 0],
      ['Drawing out a hook', 552],
      ['Why forges closed', 3760],
    ]);
    expect(passageWith(parsed.episode, 'quenches it in brine')).toMatchObject({ start: 552 });
    nothingLost(parsed);
  });
});

describe('page titles: the show is not the title', () => {
  it('passes over a show line above a title printed twice, and reads the `E68:` number', () => {
    const parsed = read('show-doubled-title.txt');
    expect(parsed.episode).toMatchObject({
      title: 'E68: Rope walks and the longest building in town',
      show: 'The Lantern Works',
      number: 68,
      published: '2025-10-02',
    });
    expect(chaptersOf(parsed.episode)).toHaveLength(3);
    nothingLost(parsed);
  });

  it('knows the show by the page’s About block, and keeps that block out of the episode’s passages', () => {
    const parsed = read('show-about-block.txt');
    expect(parsed.episode).toMatchObject({
      title: 'Kilns, clay and the pottery co-op',
      show: 'The Lantern Works with Ada, Tomas & Friends',
      published: '2025-11-20',
    });
    expect(passageWith(parsed.episode, 'old crafts')).toBeUndefined();
    expect(parsed.coverage.setAside).toContainEqual(expect.objectContaining({ rule: 'page:about' }));
    nothingLost(parsed);
  });

  it('never takes a paywall sentence for the title', () => {
    const parsed = read('paywall-first.txt');
    expect(parsed.episode?.title).toBe('Lantern Works 36: Ines Varga on restoring pipe organs');
    expect(parsed.coverage.setAside).toContainEqual(
      expect.objectContaining({ rule: 'chrome:paywall', words: 13 }),
    );
  });

  it('titles a page with no title line by its first heading, never by its opening paragraph', () => {
    const parsed = read('no-title-line.txt');
    expect(parsed.episode?.title).toBe('Raising the barrel');
    expect(passageWith(parsed.episode, 'flat iron drift')).toMatchObject({ start: null });
    nothingLost(parsed);
  });

  it('titles a page of paragraphs only by its file name', () => {
    const paragraph = `${'The cooper steams the staves over an oak fire until they bend. '.repeat(5)}`;
    const { episode } = parseSource('lantern-works_ep38.txt', `${paragraph}\n${paragraph}\n`);
    expect(episode?.title).toBe('lantern works ep38');
  });
});

describe('page layouts: variations', () => {
  it.each([
    [
      'stamp after the title, bracketed',
      'Intro [0:00]\nThe kiln is lit.\nFiring [12:30]\nIt burns five days.\n',
    ],
    ['stamp under the title', 'Intro\n(0:00)\nThe kiln is lit.\nFiring\n(12:30)\nIt burns five days.\n'],
    ['stamp above the title', '0:00\nIntro\nThe kiln is lit.\n12:30\nFiring\nIt burns five days.\n'],
    [
      'markdown headings with ranges',
      '## 1. Intro (0:00 - 12:30)\nThe kiln is lit.\n## 2. Firing (12:30 - 40:00)\nIt burns five days.\n',
    ],
    ['bold numbered titles', '**Intro** 0:00\nThe kiln is lit.\n**Firing** 12:30\nIt burns five days.\n'],
  ])('%s', (_, body) => {
    const parsed = parseSource('kiln.txt', `Lantern Works 40: Kilns\n${body}`);
    expect(parsed.episode?.title).toBe('Lantern Works 40: Kilns');
    expect(chaptersOf(parsed.episode)).toEqual([
      ['Intro', 0],
      ['Firing', 750],
    ]);
    expect(passageWith(parsed.episode, 'burns five days')).toMatchObject({ start: 750 });
    nothingLost(parsed);
  });

  it('pairs a table of ranges with plain headings when the page has no emoji or markdown ones', () => {
    const page = [
      'Lantern Works 41: Looms',
      '0:00-9:59',
      '10:00-30:00',
      'The jacquard loom',
      'Punched cards tell the loom which threads to lift.',
      'Weaving a tapestry',
      'A tapestry of one square meter takes a month.',
    ].join('\n');
    const { episode } = parseSource('looms.txt', page);
    expect(chaptersOf(episode)).toEqual([
      ['The jacquard loom', 0],
      ['Weaving a tapestry', 600],
    ]);
  });
});
