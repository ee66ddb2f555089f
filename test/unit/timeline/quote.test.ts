import { describe, expect, it } from 'vitest';
import { quoteOf } from '../../../src/timeline/quote.js';

const marked = (text: string, word: string): [number, number][] => {
  const at = text.indexOf(word);
  return [[at, at + word.length]];
};

describe('quoteOf', () => {
  const window = [
    'Mara Quill: Welcome back to the harbour, everyone, it has been a long winter on the coast and a busy one.',
    'José Núñez: The tidal turbines ran all winter. Not one stopped, even in the January storms.',
    'Mara Quill: And the barnacles? Last time you said they cost a tenth of the output within the first year of running.',
  ].join('\n');

  it('gives the sentence holding the marks, the marks remapped onto it, the speaker and the chapter', () => {
    const quote = quoteOf({ text: window, section: 'Turbines at full power' }, marked(window, 'turbines'), 1);
    expect(quote).toEqual({
      text: 'The tidal turbines ran all winter.',
      marks: [[10, 18]],
      speaker: 'José Núñez',
      chapter: 'Turbines at full power',
    });
  });

  it('joins the neighbouring sentence when it holds marks too, not across speakers', () => {
    const marks = [...marked(window, 'turbines'), ...marked(window, 'January storms')];
    const quote = quoteOf({ text: window, section: null }, marks);
    expect(quote.text).toBe(
      'The tidal turbines ran all winter. Not one stopped, even in the January storms.',
    );
    expect(quote.marks.map(([s, e]) => quote.text.slice(s, e))).toEqual(['turbines', 'January storms']);
  });

  it('reads speakers named mid-line, as transcript windows join their cues', () => {
    const text = `Maren Holt: ${'We were out on the water all week and the boats were busy '.repeat(3)}and then Ivo: the tidal turbines hummed all night long and nobody slept. Maren Holt: Right.`;
    const quote = quoteOf({ text, section: 'Night shift' }, marked(text, 'turbines'), 1);
    expect(quote).toEqual({
      text: 'the tidal turbines hummed all night long and nobody slept.',
      marks: [[10, 18]],
      speaker: 'Ivo',
      chapter: 'Night shift',
    });
  });

  it('keeps a short passage whole', () => {
    const text = 'Barnacles on the blades cost a tenth of the output.';
    expect(quoteOf({ text, section: 'x' }, marked(text, 'Barnacles')).text).toBe(text);
  });

  it('does not take a sentence with a colon for a speaker', () => {
    const text = `${'Tobias revisits the figures: the ferry now charges on tidal power. '.repeat(4)}`;
    const quote = quoteOf({ text, section: null }, marked(text, 'ferry'), 1);
    expect(quote).toMatchObject({
      text: 'Tobias revisits the figures: the ferry now charges on tidal power.',
      speaker: null,
    });
  });
});
