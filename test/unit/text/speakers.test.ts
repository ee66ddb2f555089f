import { describe, expect, it } from 'vitest';
import { names, readSpeakers, speakersOf, spokenBy } from '../../../src/text/speakers.js';

const speakers = speakersOf(['Maren Holt', 'Ivo Brandt', 'Ivo Kask'], [['Maren Holt', 'Mo']]);
const [maren] = speakers;

describe('speakers', () => {
  it('knows each person by full name, first and last name and nicknames, but not by a shared name', () => {
    expect(maren?.forms).toEqual(['maren holt', 'maren', 'holt', 'mo']);
    expect(speakers[1]?.forms).not.toContain('ivo');
  });

  it('reads a name asked about as a speaker out of the question', () => {
    expect(readSpeakers('what did Maren say about oyster reefs', speakers)).toEqual({
      speakers: [maren],
      rest: 'what did say about oyster reefs',
    });
    expect(readSpeakers("mo's take on the ferry permits", speakers).rest).toBe('take on the ferry permits');
    expect(readSpeakers('according to Holt, is the reef recovering', speakers).speakers).toEqual([maren]);
  });

  it('keeps a name asked about as a topic', () => {
    expect(readSpeakers('when was Maren Holt a guest', speakers)).toEqual({
      speakers: [],
      rest: 'when was Maren Holt a guest',
    });
  });

  it('tells a window said by the speaker from one that only names them', () => {
    expect(spokenBy('Ivo: Fifty gallons. Maren: Oysters filter water all day.', [maren!])).toBe(true);
    expect(spokenBy('Welcome back, I am here with Maren Holt as always.', [maren!])).toBe(false);
    expect(names('Maren argues the reef is recovering.', [maren!])).toBe(true);
  });
});
