import { beforeAll, describe, expect, it } from 'vitest';
import type { Episode } from '../../../src/episodes/schema.js';
import { parseStamp } from '../../../src/episodes/time.js';
import { type LoadedSources, loadEpisodes } from '../../../src/sources/loadEpisodes.js';

/** The two bundled pages, read end to end as users get them. */
let loaded: LoadedSources;
const byId = (id: string): Episode => {
  const episode = loaded.episodes.find((e) => e.id === id);
  if (!episode) throw new Error(`no episode ${id}`);
  return episode;
};
const at = (stamp: string) => parseStamp(stamp);
const section = (episode: Episode, prefix: string) => {
  const found = episode.sections.find((s) => s.title.startsWith(prefix));
  if (!found) throw new Error(`no section ${prefix}`);
  return found;
};
const allText = (episode: Episode) =>
  [
    episode.title,
    episode.insights ?? '',
    ...episode.chapters.map((c) => c.title),
    ...episode.sections.flatMap((s) => [s.title, s.summary ?? '', ...s.bullets]),
  ].join('\n');

beforeAll(async () => {
  loaded = await loadEpisodes('data/episodes');
});

describe('the bundled episodes', () => {
  it('reads both seeds, rejects nothing, and hashes every file read', () => {
    expect(loaded.episodes.map((e) => e.id).sort()).toEqual(['deepseek-panic', 'socialists-sweep-nyc']);
    expect(loaded.rejected).toEqual([]);
    expect(loaded.sources.map((s) => s.file)).toHaveLength(4);
  });

  it('never lets site chrome or links into episode text', () => {
    for (const episode of loaded.episodes) {
      const text = allText(episode);
      for (const chrome of [
        'Skip to content',
        'Listen to Episode',
        'Ask about this post',
        'Answers are grounded',
        'Watch on YouTube',
        'Get more out of YouTube',
        'High quality summaries',
        'Follow ',
        'http',
      ]) {
        expect(text).not.toContain(chrome);
      }
    }
  });

  it('never gives a time past the end, and marks every aligned time approximate', () => {
    for (const episode of loaded.episodes) {
      for (const part of [...episode.chapters, ...episode.sections]) {
        if (part.start !== null) expect(part.start).toBeLessThan(episode.duration ?? Infinity);
        if (part.end !== null) expect(part.end).toBeLessThanOrEqual(episode.duration ?? Infinity);
        expect(part.approximate).toBe(part.timing === 'aligned');
        expect(part.start === null).toBe(part.timing === 'none');
      }
    }
  });
});

describe('seed 000: the podcast-app summary page', () => {
  it('reads the header, the insights and the links', () => {
    const e = byId('socialists-sweep-nyc');
    expect(e.format).toBe('podcast-app');
    expect(e.title).toBe(
      "Socialists Sweep NYC, China Catches Up in Coding, AI Memory Crunch, Micron's Blowout Quarter",
    );
    expect(e.duration).toBe(6060);
    expect(e.published).toBeNull();
    expect(e.videoUrl).toBe('https://www.youtube.com/watch?v=w8ah_tA0yfg');
    expect(e.insights).toMatch(
      /^Investors should prioritize Micron Technology \(MU\).*IPO level despite strong AI hardware fundamentals\.$/,
    );
    expect(e.links).toContain('https://x.com/GavinSBaker');
    expect(e.links).toContain('https://x.com/jietang/status/2067580270078030088');
  });

  it("takes the description's stamps as the publisher's clock", () => {
    const e = byId('socialists-sweep-nyc');
    expect(e.chapters.map((c) => [c.start, c.timing])).toEqual(
      ['0:00', '1:05', '22:51', '45:12', '1:01:46', '1:10:17', '1:27:22'].map((s) => [at(s), 'publisher']),
    );
    expect(e.chapters.at(-1)).toMatchObject({
      title: 'IPO update: Anthropic at $3T, SpaceX float, Cerebras drops after breaking deal price',
      end: 6060,
    });
  });

  it('reads the five analysis sections with their takeaways split', () => {
    const e = byId('socialists-sweep-nyc');
    expect(e.sections.map((s) => [s.kind, s.title, s.bullets.length])).toEqual([
      ['analysis', 'AI & Semiconductor Infrastructure', 4],
      ['analysis', 'Micron Technology (MU)', 4],
      ['analysis', 'SpaceX & Tesla (TSLA)', 3],
      ['analysis', 'The IPO Landscape: Cerebras & Anthropic', 3],
      ['analysis', 'Political & Macro Themes: The Rise of the DSA', 3],
    ]);
    expect(section(e, 'Micron').summary).toMatch(/^Micron reported a "blowout" quarter/);
    expect(section(e, 'Micron').bullets[0]).toMatch(
      /^Supply Sold Out Through 2026: Micron’s entire supply of HBM/,
    );
  });

  it('places the analysis sections on the clock by content', () => {
    const e = byId('socialists-sweep-nyc');
    expect(section(e, 'Micron Technology')).toMatchObject({
      start: at('1:01:46'),
      end: at('1:10:17'),
      timing: 'aligned',
    });
    expect(section(e, 'SpaceX & Tesla')).toMatchObject({ start: at('1:10:17'), timing: 'aligned' });
    expect(section(e, 'AI & Semiconductor')).toMatchObject({ start: at('45:12'), timing: 'aligned' });
    expect(section(e, 'The IPO Landscape')).toMatchObject({ start: at('1:27:22'), timing: 'aligned' });
    // Both the NYC primaries (1:05) and the Democratic Party (22:51) fit: no confident single answer.
    expect([null, at('1:05'), at('22:51')]).toContain(section(e, 'Political').start);
  });
});

describe('seed 003: the video chapter-summary page', () => {
  it('reads the header: title, date, duration and four people with roles', () => {
    const e = byId('deepseek-panic');
    expect(e.format).toBe('video-chapters');
    expect(e.title).toBe(
      'DeepSeek Panic, US vs China, OpenAI $40B?, and Doge Delivers with Travis Kalanick and David Sacks',
    );
    expect(e.published).toBe('2025-01-31');
    expect(e.duration).toBe(6540);
    expect(e.people).toEqual([
      { name: 'Jason Calacanis', role: 'host' },
      { name: 'David Friedberg', role: 'host' },
      { name: 'Chamath Palihapitiya', role: 'host' },
      { name: 'Travis Kalanick', role: 'guest' },
    ]);
    expect(e.links).toContain('https://en.m.wikipedia.org/wiki/Jevons_paradox');
  });

  it("takes the description's ten stamps as the clock", () => {
    const e = byId('deepseek-panic');
    expect(e.chapters.map((c) => c.start)).toEqual(
      ['0:00', '2:11', '13:34', '15:38', '50:14', '1:01:51', '1:10:37', '1:25:13', '1:38:04', '1:44:17'].map(
        at,
      ),
    );
    expect(e.chapters[0]?.title).toBe('The Besties intro Travis Kalanick!');
    expect(e.chapters.at(-1)).toMatchObject({ title: 'Fatal DC plane crash', end: 6540 });
  });

  it("keeps the summary's own ranges only as stated, never on the clock", () => {
    const e = byId('deepseek-panic');
    expect(e.sections).toHaveLength(13);
    expect(e.sections.every((s) => s.kind === 'chapter' && s.timing !== 'summary')).toBe(true);
    expect(e.sections[1]?.stated).toEqual({ start: at('7:10'), end: at('31:00') });
    expect(e.sections[12]?.stated).toEqual({ start: at('4:50:00'), end: null });
    expect(e.sections.map((s) => s.bullets.length)).toEqual([5, 6, 5, 5, 5, 6, 6, 6, 5, 6, 6, 5, 5]);
    expect(
      loaded.warnings.some(
        (w) => w.file === '003_eb5b8ce79ba9296e.txt' && /past the episode's end/.test(w.message),
      ),
    ).toBe(true);
  });

  it('aligns the summary chapters to the publisher chapters, in any order', () => {
    const e = byId('deepseek-panic');
    const grpo = section(e, 'DeepSeek’s Technical Breakthroughs');
    expect(grpo.start).toBeGreaterThanOrEqual(at('15:38')!);
    expect(grpo.start).toBeLessThan(at('50:14')!);
    expect(grpo.approximate).toBe(true);
    expect(section(e, 'Autonomy, Power Constraints')).toMatchObject({
      start: at('1:25:13'),
      timing: 'aligned',
    });
    expect(section(e, 'CloudKitchens')).toMatchObject({ start: at('2:11') });
    expect(section(e, 'Robotic Bowls')).toMatchObject({ start: at('2:11') });
    expect(section(e, 'Did DeepSeek Distill')).toMatchObject({ start: at('15:38') });
    expect(section(e, 'OpenAI’s $40B Raise')).toMatchObject({ start: at('1:01:51') });
    expect(section(e, 'Interest Rates')).toMatchObject({ start: at('1:38:04') });
    expect(section(e, 'Aviation Tragedy')).toMatchObject({ start: at('1:44:17'), end: 6540 });
  });
});
