import { describe, expect, it } from 'vitest';
import type { Answer, AnswerResult } from '../../../src/answers/schema.js';
import type { Episode } from '../../../src/episodes/schema.js';
import { LIMITS } from '../../../src/discord/limits.js';
import {
  episodeChoices,
  markedText,
  renderAnswer,
  renderEpisode,
  renderEpisodeList,
  renderCoverage,
  renderNoAnswer,
  safeText,
  truncate,
} from '../../../src/discord/render.js';
import { messageViolations } from '../../standin/limits.js';

const result = (text: string, fields: Partial<AnswerResult> = {}): AnswerResult => ({
  passageId: 'ep#takeaway-1',
  episodeId: 'ep',
  episodeTitle: 'Episode',
  kind: 'takeaway',
  section: 'Section',
  text,
  start: 3706,
  end: 4217,
  approximate: true,
  timestamp: '1:01:46',
  url: 'https://www.youtube.com/watch?v=abc&t=3706s',
  score: 1,
  marks: [],
  ...fields,
});
const answer = (results: AnswerResult[], fields: Partial<Answer> = {}): Answer => ({
  query: 'q',
  results,
  total: results.length,
  suggestions: [],
  notice: null,
  showingResultsFor: null,
  tookMs: 1.234,
  ...fields,
});
const checked = (payload: object) =>
  messageViolations({ ...payload, allowed_mentions: { parse: [] } }, 'payload');

describe('text for Discord', () => {
  it('truncates on a word boundary with an ellipsis, within the limit', () => {
    expect(truncate('alpha beta gamma delta', 15)).toBe('alpha beta…');
    expect(truncate('short', 12)).toBe('short');
    expect(truncate('x'.repeat(50), 10)).toHaveLength(10);
  });

  it('escapes Markdown and defuses mentions', () => {
    expect(safeText('@everyone <@123> **x** [a](b)')).toBe(
      '@\u200beveryone <\u200b@\u200b123> \\*\\*x\\*\\* \\[a\\](b)',
    );
  });

  it('bolds the matched ranges of the original text', () => {
    const text = 'High Bandwidth Memory (HBM) is sold out';
    expect(
      markedText(
        text,
        [
          [0, 21],
          [23, 26],
        ],
        200,
      ),
    ).toBe('**High Bandwidth Memory** (**HBM**) is sold out');
  });

  it('never breaks a mark or an escape when it must cut', () => {
    const text = `${'word '.repeat(300)}HBM *starred* end`;
    const out = markedText(text, [[1500, 1503]], 100);
    expect(out.length).toBeLessThanOrEqual(100);
    expect((out.match(/\*\*/g) ?? []).length % 2).toBe(0);
    expect(out.endsWith('…')).toBe(true);
  });
});

const buttons = { more: 'more:k:1', up: 'vote:up:v', down: 'vote:down:v', related: 'related:v' };

describe('renderAnswer', () => {
  it('shows a transcript window as a quote under its chapter, at its exact moment', () => {
    const quote = result('Maren: Oysters filter water.', {
      kind: 'transcript',
      section: 'Oyster reefs',
      approximate: false,
      start: 65,
      timestamp: '1:05',
      url: 'https://example.com/ep.mp3#t=65',
    });
    const [embed] = renderAnswer(answer([quote]), { page: 0, perPage: 3, buttons }).embeds;
    expect(embed?.title).toBe('Oyster reefs · transcript');
    expect(embed?.description).toMatch(
      /^\[1:05\]\(https:\/\/example\.com\/ep\.mp3#t=65\)\n“Maren: Oysters filter water\.”$/,
    );
  });

  it('shows the moment as a masked link and ≈ when approximate', () => {
    const [embed] = renderAnswer(answer([result('Text')]), { page: 0, perPage: 3, buttons }).embeds;
    expect(embed?.description?.split('\n')[0]).toBe(
      '[≈1:01:46](https://www.youtube.com/watch?v=abc&t=3706s)',
    );
    expect(embed).toMatchObject({
      title: 'Section',
      author: { name: 'Episode' },
      footer: { text: '1–1 of 1 passage · 1.2 ms' },
    });
  });

  it('says when a passage has no time', () => {
    const [embed] = renderAnswer(answer([result('Text', { start: null, timestamp: null, url: null })]), {
      page: 0,
      perPage: 3,
      buttons,
    }).embeds;
    expect(embed?.description?.split('\n')[0]).toBe('no time given');
  });

  it('fits ten huge passages into one message within every limit', () => {
    const huge = Array.from({ length: 10 }, (_, i) =>
      result(`${'long text '.repeat(800)}${i}`, {
        episodeTitle: 'T'.repeat(400),
        section: 'S'.repeat(400),
        marks: [[0, 4]],
      }),
    );
    const payload = renderAnswer(answer(huge, { total: 40 }), { page: 0, perPage: 10, buttons });
    expect(checked(payload)).toEqual([]);
    expect(payload.embeds).toHaveLength(10);
  });

  it('says which correction it shows, escaped, above the passages', () => {
    const payload = renderAnswer(
      answer([result('a')], { query: '@everyone chna', showingResultsFor: 'china *coding*' }),
      { page: 0, perPage: 3, buttons },
    );
    expect(payload.content).toBe(
      'Showing results for “china \\*coding\\*” (nothing matched “@\u200beveryone chna”).',
    );
    expect(renderAnswer(answer([result('a')]), { page: 0, perPage: 3, buttons }).content).toBeUndefined();
  });

  it('offers more results only when there are more', () => {
    const more = (total: number) =>
      renderAnswer(answer([result('a')], { total }), { page: 0, perPage: 1, buttons }).components[0]
        ?.components[0];
    expect(more(3)).toMatchObject({ custom_id: buttons.more, disabled: false });
    expect(more(1)).toMatchObject({ disabled: true });
  });

  it('says plainly when nothing matches, with suggestions, escaping the question', () => {
    expect(
      renderNoAnswer(answer([], { query: '@everyone micorn', suggestions: ['@everyone micron'] })).content,
    ).toBe(
      'Nothing in the episodes really matches “@\u200beveryone micorn”.\nDid you mean: “@\u200beveryone micron”?',
    );
  });
});

describe('episodes', () => {
  const episode: Episode = {
    id: 'big',
    title: 'B'.repeat(500),
    source: 'big.txt',
    format: 'outline',
    show: null,
    number: null,
    image: null,
    published: '2025-01-31',
    duration: 6540,
    people: [{ name: 'Travis Kalanick', role: 'guest' }],
    videoUrl: 'https://www.youtube.com/watch?v=abc',
    audioUrl: null,
    insights: null,
    links: [],
    transcript: [],
    chapters: Array.from({ length: 300 }, (_, i) => ({
      title: `Chapter ${i} ${'about things '.repeat(20)}`,
      start: i * 10,
      end: i * 10 + 10,
      approximate: false,
      timing: 'publisher' as const,
    })),
    sections: Array.from({ length: 100 }, (_, i) => ({
      kind: 'chapter' as const,
      title: `Part ${i} ${'x'.repeat(200)}`,
      summary: null,
      bullets: [],
      start: i % 2 ? null : i,
      end: null,
      approximate: true,
      timing: 'aligned' as const,
      stated: null,
    })),
  };

  it('fits a huge episode card within every limit, saying what was left out', () => {
    const payload = renderEpisode(episode);
    expect(checked(payload)).toEqual([]);
    expect(payload.embeds[0]?.description).toMatch(/…and \d+ more$/);
    expect(payload.embeds[0]?.description).toContain(
      '[0:10](https://www.youtube.com/watch?v=abc&t=10s) Chapter 1',
    );
  });

  it('pages the list and autocompletes within 25 choices of 100 characters', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({
      ...episode,
      id: `ep-${i}`,
      title: `Episode ${i} ${'t'.repeat(200)}`,
    }));
    const list = renderEpisodeList(many, 2, (page) => `list:${page}`);
    expect(checked(list)).toEqual([]);
    expect(list.embeds[0]?.footer?.text).toMatch(/^Page 3 of 6/);
    expect(list.components[0]?.components).toMatchObject([{ custom_id: 'list:1' }, { custom_id: 'list:3' }]);
    const choices = episodeChoices(many, '');
    expect(choices).toHaveLength(LIMITS.autocompleteChoices);
    expect(choices.every((c) => c.name.length <= 100 && c.value.length <= 100)).toBe(true);
    expect(episodeChoices(many, 'EPISODE 59')).toEqual([
      { name: expect.stringMatching(/^2025-01-31 · Episode 59/), value: 'ep-59' },
    ]);
  });
});

describe('renderCoverage', () => {
  const example = { file: 'f.txt', line: 2, rule: 'chrome:nav', text: 'x'.repeat(120) };
  const file = (k: number) => ({
    file: `episode-${k}-${'n'.repeat(300)}.txt`,
    lines: Array(40).fill(JSON.stringify(example)),
  });

  it('keeps a large report within Discord’s embed limits, the totals first', () => {
    const embed = renderCoverage({
      outcome: '500 files: 1 of 2 words searchable, 1 set aside by rule, 0 lost',
      rules: Array.from({ length: 200 }, (_, k) => `chrome:rule-${k}: 9 words, e.g. ${example.text}`),
      files: Array.from({ length: 30 }, (_, k) => file(k)),
    });
    expect(embed.description?.startsWith('500 files: 1 of 2 words searchable')).toBe(true);
    expect(messageViolations({ embeds: [embed], allowed_mentions: { parse: [] } }, 'coverage')).toEqual([]);
    expect(embed.fields?.length).toBeGreaterThan(0);
  });
});
