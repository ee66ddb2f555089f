import { describe, expect, it } from 'vitest';
import { type NamedEpisode, readEpisodeNamed } from '../../../src/text/episodeNamed.js';

const catalogue: NamedEpisode[] = [
  { id: 'harbour-41', title: "E41: The Gulls' new keeper and the sea wall", number: null },
  { id: 'harbour-42', title: 'E42: Live from Brackenmoor with the lighthouse choir', number: null },
  { id: 'ledger-89', title: 'Layoffs at the cannery and tiny pensions', number: 89 },
];

describe('an episode named in a question', () => {
  it('is found by its number, from the page or its title, and the number is not searched', () => {
    expect(readEpisodeNamed("who's the new dog in the intro of ep 41", catalogue)).toEqual({
      ids: ['harbour-41'],
      rest: "who's the new dog in the intro of",
    });
    expect(readEpisodeNamed('episode #89 pensions', catalogue).ids).toEqual(['ledger-89']);
    expect(readEpisodeNamed('what happened in e42', catalogue).ids).toEqual(['harbour-42']);
  });

  it('is found by words of its title before "episode" or "show", which stay searched', () => {
    const asked = 'what does mags announce near the end of the pensions episode';
    expect(readEpisodeNamed(asked, catalogue)).toEqual({ ids: ['ledger-89'], rest: asked });
    expect(readEpisodeNamed('who sang at the brackenmoor live show', catalogue).ids).toEqual(['harbour-42']);
  });

  it('is none when the words name no episode, or every one', () => {
    expect(readEpisodeNamed('what did they say in ep 7', catalogue).ids).toEqual([]);
    expect(readEpisodeNamed('the best episode', catalogue).ids).toEqual([]);
    expect(readEpisodeNamed('the sea wall vote', catalogue).ids).toEqual([]);
    const allLive = catalogue.map((episode) => ({ ...episode, title: `${episode.title} live` }));
    expect(readEpisodeNamed('at the start of the live show', allLive)).toEqual({
      ids: [],
      rest: 'at the start of the live show',
    });
  });

  it('reads a number as an episode only after "ep", "episode", "e" or "#"', () => {
    expect(readEpisodeNamed('the 41 bus to the harbour', catalogue).ids).toEqual([]);
  });
});
