import { describe, expect, it } from 'vitest';
import { familiarForms, names, readSpeakers, speakersOf, spokenBy } from '../../../src/text/speakers.js';

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

  it('learns a familiar form of a first name from the words near the person, never an English word', () => {
    const english = new Set(['brandy', 'rose', 'roses']);
    const isWord = (word: string) => english.has(word);
    const words = ['Branno', 'Brandy', 'Bran', 'Roses', 'Rosalind', 'branwell', 'Br', 'Ted', 'Theo'];
    expect(familiarForms('Bran Ellery', words, isWord)).toEqual(['branno']);
    expect(familiarForms('Theodore Vask', words, isWord)).toEqual(['theo']);
    expect(familiarForms('Rose Tamm', words, isWord)).toEqual([]);
  });

  it('knows a person by a familiar form found for them, unless it is someone else’s too', () => {
    const familiar = new Map([
      ['Oskar Lind', ['Ozzy', 'Osk']],
      ['Oskarine Bell', ['Osk']],
    ]);
    const known = speakersOf(['Oskar Lind', 'Oskarine Bell'], [], familiar);
    expect(known[0]?.forms).toContain('ozzy');
    expect(known.flatMap((speaker) => speaker.forms)).not.toContain('osk');
    expect(readSpeakers('what did ozzy think of the ferry', known).speakers).toEqual([known[0]]);
  });
});
