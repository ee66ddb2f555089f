import { describe, expect, it } from 'vitest';
import type { CatalogueFacts, Moment, Timeline } from '../../../src/answers/schema.js';
import { LIMITS } from '../../../src/discord/limits.js';
import {
  CHART_FILE,
  dateChoices,
  personChoices,
  renderHelp,
  renderPersonEpisodes,
  renderRelated,
  renderTimeline,
} from '../../../src/discord/renderAcross.js';
import type { MessagePayload } from '../../../src/discord/render.js';

const QUOTE = 'They spoke of @everyone and [links](x) and tidal turbines. '.repeat(10);
const moment = (n: number, fields: Partial<Moment> = {}): Moment => ({
  passageId: `e${n}#summary-1`,
  episodeId: `e${n}`,
  episodeTitle: `Episode ${n} `.repeat(20),
  published: `2024-01-${String(1 + (n % 28)).padStart(2, '0')}`,
  section: 'Section',
  start: 125,
  approximate: n % 2 === 0,
  timestamp: '2:05',
  url: `https://www.youtube.com/watch?v=abcdefghijk&t=125s`,
  quote: {
    text: QUOTE,
    marks: [[QUOTE.indexOf('tidal'), QUOTE.indexOf('turbines') + 8]],
    speaker: null,
    chapter: 'Chapter',
  },
  ...fields,
});
const timeline = (count: number): Timeline => ({
  topic: 'tidal turbines',
  entries: Array.from({ length: count }, (_, n) => ({
    episodeId: `e${n}`,
    title: `Episode ${n} `.repeat(20),
    show: null,
    published: moment(n).published,
    weight: 1 + (n % 3),
    passages: 1,
    moment: moment(n),
  })),
  complete: true,
  suggestions: [],
  notice: null,
  tookMs: 3.2,
});

/** Every embed limit a message must keep. */
function expectWithinLimits(payload: MessagePayload) {
  expect(payload.embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
  let total = 0;
  for (const embed of payload.embeds) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedTitle);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.embedFooter);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeLessThanOrEqual(LIMITS.embedFieldName);
      expect(field.value.length).toBeLessThanOrEqual(LIMITS.embedFieldValue);
    }
    total += (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);
    total += (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  }
  expect(total).toBeLessThanOrEqual(LIMITS.embedTotal);
  expect(payload.content?.length ?? 0).toBeLessThanOrEqual(LIMITS.messageContent);
}

describe('renderTimeline', () => {
  it('fits 300 episodes in one embed with "N more episodes", and shows the chart from the attachment', () => {
    const payload = renderTimeline(timeline(300), Buffer.from('png'));
    expectWithinLimits(payload);
    const description = payload.embeds[0]?.description ?? '';
    const shown = description.split('\n\n').length - 1;
    expect(description).toMatch(new RegExp(`… ${300 - shown} more episodes$`));
    expect(payload.embeds[0]?.image?.url).toBe(`attachment://${CHART_FILE}`);
    expect(payload.files).toEqual([{ attachment: Buffer.from('png'), name: CHART_FILE }]);
  });

  it('links each moment, ≈ when approximate, with the quote escaped and its matched words bold', () => {
    const description = renderTimeline(timeline(2), null).embeds[0]?.description ?? '';
    expect(description).toContain('[2:05](https://www.youtube.com/watch?v=abcdefghijk&t=125s)');
    expect(description).toContain('[≈2:05](');
    expect(description).toContain('**tidal turbines**');
    expect(description).not.toMatch(/[^\\]\[links\]/);
    expect(description).not.toContain('@everyone');
    expect(description).not.toContain('more episode');
  });

  it('says when the timeline is only part of the episodes, and how to narrow it', () => {
    const footer = renderTimeline({ ...timeline(3), complete: false }, null).embeds[0]?.footer?.text;
    expect(footer).toMatch(/^at least 3 episodes: narrow with from, to, guest or show/);
  });

  it('says which filter left nothing', () => {
    const payload = renderTimeline(
      { ...timeline(0), notice: 'No episode matches the filter from 2030.' },
      null,
    );
    expect(payload).toMatchObject({ content: 'No episode matches the filter from 2030.', files: [] });
  });
});

describe('other replies about the catalogue', () => {
  const facts: CatalogueFacts = {
    episodes: 24,
    passages: 219,
    newest: { id: 'n', title: 'Newest', published: '2025-07-24' },
    dates: Array.from({ length: 40 }, (_, i) => `${2030 - i}`),
    people: [
      { name: 'Zoë Adébáyọ̀', episodes: 3 },
      { name: 'Edda Halvorsen', episodes: 4 },
    ],
    shows: ['A'],
  };

  it('keeps related moments and a long list of episodes within limits', () => {
    expectWithinLimits(renderRelated(Array.from({ length: 5 }, (_, n) => moment(n))));
    expectWithinLimits(
      renderPersonEpisodes(
        'x'.repeat(300),
        Array.from({ length: 200 }, (_, n) => ({
          episodeId: `e${n}`,
          title: 'T'.repeat(300),
          published: null,
          role: null,
          namedIn: ['C'.repeat(300)],
        })),
      ),
    );
  });

  it('shows the catalogue size and newest episode in help', () => {
    const payload = renderHelp(
      [{ usage: '/timeline topic', does: 'Every episode', example: '/timeline topic:HBM' }],
      facts,
    );
    expect(payload.embeds[0]?.description).toBe(
      '24 episodes, 219 passages; newest: **Newest** (2025-07-24).',
    );
  });

  it('offers at most 25 dates, and people ignoring accents', () => {
    expect(dateChoices(facts, '')).toHaveLength(LIMITS.autocompleteChoices);
    expect(personChoices(facts, 'zoe')).toEqual([{ name: 'Zoë Adébáyọ̀ (3 episodes)', value: 'Zoë Adébáyọ̀' }]);
  });
});
