import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EpisodeLibrary } from '../../../src/answers/library.js';
import { MAX_HITS } from '../../../src/index/EpisodeIndex.js';
import { copyOfCatalogue, recordingLogger } from '../../support/data.js';

const logger = recordingLogger().logger;

describe('timeline over the test catalogue', async () => {
  const library = await EpisodeLibrary.open({ dataDir: copyOfCatalogue(), logger });

  it('lists every episode of the topic oldest first, each with its best moment, a quote and a weight', () => {
    const timeline = library.timeline('tidal turbines');
    expect(timeline.notice).toBeNull();
    expect(timeline.entries.map((e) => e.published)).toEqual(
      [...timeline.entries.map((e) => e.published)].sort(),
    );
    const grid = timeline.entries.find((e) => e.episodeId === 'hl-14-tidal-power-gets-a-grid');
    expect(grid).toMatchObject({ title: 'Tidal Power Gets a Grid Connection', show: 'Harbor Lights' });
    expect(grid?.weight).toBeGreaterThan(1);
    expect(grid?.moment.url).toMatch(/&t=\d+s$/);
    const { quote } = grid?.moment ?? { quote: { text: '', marks: [] } };
    expect(quote.marks.map(([s, e]) => quote.text.slice(s, e).toLowerCase()).join(' ')).toMatch(
      /tidal|turbine/,
    );
    expect(quote.text.length).toBeLessThanOrEqual(240);
  });

  it('weighs an episode that dwells on the topic above one that mentions it', () => {
    const weight = (id: string) =>
      library.timeline('electric ferries').entries.find((e) => e.episodeId === id)?.weight ?? 0;
    expect(weight('hl-04-ferries-without-diesel')).toBeGreaterThan(weight('hl-20-turbines-ten-years-on'));
  });

  it('narrows to a filter, and says which filter leaves nothing', () => {
    expect(
      library.timeline('tidal turbines', { show: 'low tide notes' }).entries.map((e) => e.episodeId),
    ).toEqual(['lt-02-a-turbine-in-the-bay']);
    expect(library.timeline('tidal turbines', { guest: 'Nobody Here' })).toMatchObject({
      entries: [],
      notice: 'No episode matches the filter guest "Nobody Here".',
    });
    expect(library.timeline('tidal turbines', { guest: 'Zoe Adebayo' }).notice).toBe(
      'No episode of the filter guest "Zoe Adebayo" speaks of "tidal turbines".',
    );
    expect(library.ask('tidal turbines', { guest: 'Zoe Adebayo', from: '2024' }).notice).toBe(
      'Nothing in the episodes of the filter guest "Zoe Adebayo", from 2024 matches "tidal turbines".',
    );
  });

  it('filters /ask the same way, and keeps an episode option inside the filter', () => {
    const answer = library.ask('tidal turbines', { from: '2025', limit: 10 });
    expect(answer.results.length).toBeGreaterThan(0);
    expect(
      answer.results.every((r) =>
        ['hl-20-turbines-ten-years-on', 'lt-02-a-turbine-in-the-bay'].includes(r.episodeId),
      ),
    ).toBe(true);
    expect(library.ask('tidal turbines', { to: '2022' }).notice).toBe(
      'No episode matches the filter to 2022.',
    );
    expect(library.ask('tidal', { from: 'last year' }).notice).toMatch(/^from: expected a date/);
    expect(library.ask('tidal', { episodeId: 'hl-02-turbines-under-the-tide', from: '2025' }).notice).toMatch(
      /not among the filter's episodes/,
    );
  });

  it('relates an answer to the same topic in other episodes, newest first, at most five', () => {
    const [first] = library.ask('charging electric ferries').results;
    const related = library.related('charging electric ferries', first?.passageId ?? '');
    expect(related.length).toBeGreaterThan(0);
    expect(related.length).toBeLessThanOrEqual(5);
    expect(related.every((m) => m.episodeId !== first?.episodeId)).toBe(true);
    const dates = related.map((m) => m.published ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it("lists a person's episodes newest first, with the parts naming them, including episodes that only name them", () => {
    const episodes = library.episodesWith('ines caillou');
    expect(episodes.map((e) => [e.episodeId, e.role])).toEqual([
      ['hl-20-turbines-ten-years-on', null],
      ['hl-17-batteries-at-sea', 'guest'],
      ['hl-10-charging-a-ferry', 'guest'],
      ['hl-04-ferries-without-diesel', 'guest'],
    ]);
    expect(episodes[0]?.namedIn).toContain("Inès Caillou's ferry numbers revisited");
  });
});

describe('timeline past one page of hits', () => {
  it(`lists every episode even when the topic fills more than ${MAX_HITS} passages`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podqa-many-'));
    mkdirSync(join(dir, 'episodes'));
    const count = 90;
    for (let n = 0; n < count; n++) {
      const chapters = ['harbour dredging plans', 'dredging the harbour again', 'why harbour dredging costs'];
      writeFileSync(
        join(dir, 'episodes', `e${n}.json`),
        JSON.stringify({
          id: `e${n}`,
          title: `Episode ${n}`,
          published: `2020-01-${String(1 + (n % 28)).padStart(2, '0')}`,
          chapters: chapters.map((title, i) => ({ title: `${title} ${n}`, start: i * 60 })),
        }),
      );
    }
    const library = await EpisodeLibrary.open({ dataDir: dir, logger });
    expect(library.ask('harbour dredging', { limit: 1 }).total).toBeLessThanOrEqual(MAX_HITS);
    expect(library.timeline('harbour dredging').entries).toHaveLength(count);
  });
});
