import { describe, expect, it } from 'vitest';
import { EpisodeIndex } from '../../../src/index/EpisodeIndex.js';
import type { Passage } from '../../../src/passages/passage.js';

const passage = (
  episode: string,
  title: string,
  id: string,
  kind: Passage['kind'],
  section: string,
  text: string,
): Passage => ({
  id: `${episode}#${id}`,
  episodeId: episode,
  episodeTitle: title,
  kind,
  section,
  text,
  start: kind === 'transcript' ? 600 : null,
  end: null,
  approximate: false,
  url: null,
});

const LISBON = 'E12: The mayor in Lisbon, and the tram fares';
const FERRY = 'E13: The ferry timetable';

/**
 * A transcript window says "she" and "that trip" while the episode's title names the topic: among
 * the windows a question's words find, those whose episode's title holds the rest of it come first.
 * The title makes no answer by itself: a window passes the floor by its own words.
 */
describe("a transcript window is read in its episode's title", () => {
  const index = EpisodeIndex.build([
    passage('lisbon', LISBON, 'summary-1', 'summary', LISBON, 'Two hosts on the news of the week.'),
    passage('ferry', FERRY, 'summary-1', 'summary', FERRY, 'Two hosts on the boats of the week.'),
    passage(
      'ferry',
      FERRY,
      'transcript-1',
      'transcript',
      'Votes',
      'They missed two votes over the trip to the island, and nobody noticed.',
    ),
    passage(
      'lisbon',
      LISBON,
      'transcript-1',
      'transcript',
      'Votes',
      'She missed two votes for that trip, and the budget passed late.',
    ),
    passage('lisbon', LISBON, 'transcript-2', 'transcript', 'The fares', 'Fares go up a dollar in spring.'),
  ]);
  const found = (question: string) => index.search(question).hits.map((hit) => hit.passage.id);

  it("puts first the window whose episode's title names the rest of the question", () => {
    const windows = found('did the mayor miss votes for the lisbon trip').filter((id) =>
      id.includes('#transcript'),
    );
    expect(windows).toEqual(['lisbon#transcript-1', 'ferry#transcript-1']);
  });

  it('answers nothing with the title alone', () => {
    expect(found('lisbon tram')).not.toContain('lisbon#transcript-2');
    expect(found('lisbon trip')).toEqual([]);
  });
});

/**
 * A page that lists its people and describes its episode: the description under the title says more
 * of what the hour is about than the list of names, so a window is read in it.
 */
describe("a transcript window is read in its episode's description before its list of people", () => {
  const window = (episode: string, title: string, text: string) =>
    passage(episode, title, 'transcript-1', 'transcript', 'Votes', text);
  const index = EpisodeIndex.build([
    passage('lisbon', LISBON, 'people', 'people', 'Who is on the episode', `${LISBON}. Hosts: Ana Roe.`),
    passage('lisbon', LISBON, 'summary-1', 'summary', LISBON, 'Ana on the senator skipping budget week.'),
    passage('ferry', FERRY, 'people', 'people', 'Who is on the episode', `${FERRY}. Hosts: Ana Roe.`),
    passage('ferry', FERRY, 'summary-1', 'summary', FERRY, 'Ana on the boats of the week.'),
    window('ferry', FERRY, 'They missed two votes, and nobody noticed.'),
    window('lisbon', LISBON, 'She missed two votes, and it passed late.'),
  ]);

  it('puts first the window whose episode is described by the rest of the question', () => {
    const windows = index
      .search('did she miss two votes over budget week')
      .hits.map((hit) => hit.passage.id)
      .filter((id) => id.includes('#transcript'));
    expect(windows[0]).toBe('lisbon#transcript-1');
  });
});
