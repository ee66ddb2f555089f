import { describe, expect, it } from 'vitest';
import { EpisodeIndex } from '../../../src/index/EpisodeIndex.js';
import type { Passage } from '../../../src/passages/passage.js';

const TITLE = 'E12: The mayor in Lisbon, and the tram fares';

const passage = (id: string, kind: Passage['kind'], section: string, text: string): Passage => ({
  id: `harbour#${id}`,
  episodeId: 'harbour',
  episodeTitle: TITLE,
  kind,
  section,
  text,
  start: kind === 'transcript' ? 600 : null,
  end: null,
  approximate: false,
  url: null,
});

/**
 * A transcript window says "she" and "that trip" while the episode's title names the topic: the
 * title's words count for every window of its episode, weaker than the window's own words.
 */
describe("a transcript window is read in its episode's title", () => {
  const passages = [
    passage('summary-1', 'summary', TITLE, 'Two hosts on the news of the week.'),
    passage('transcript-1', 'transcript', 'The trip', 'She missed two votes for that trip, honestly.'),
    passage(
      'transcript-2',
      'transcript',
      'The fares',
      'Fares go up a dollar in spring, and the votes are in.',
    ),
    passage('transcript-3', 'transcript', 'The trip', 'The mayor in Lisbon, missed votes, the whole trip.'),
  ];
  const index = EpisodeIndex.build(passages);
  const found = (question: string) => index.search(question).hits.map((hit) => hit.passage.id);

  it("finds the window by the title's words and its own", () => {
    expect(found('lisbon trip')).toContain('harbour#transcript-1');
  });

  it('ranks a window saying the words itself above one lent them by the title', () => {
    const ids = found('the mayor in lisbon missed votes');
    expect(ids.indexOf('harbour#transcript-3')).toBeLessThan(ids.indexOf('harbour#transcript-1'));
  });

  it('lends nothing across episodes', () => {
    const other = EpisodeIndex.build([
      ...passages.slice(0, 1),
      {
        ...(passages[1] as Passage),
        id: 'ferry#transcript-1',
        episodeId: 'ferry',
        episodeTitle: 'E13: Ferries',
      },
    ]);
    expect(other.search('lisbon trip').hits).toEqual([]);
  });
});
