import { describe, expect, it } from 'vitest';
import { findAcronyms } from '../../../src/text/acronyms.js';
import { analyze, termSpans } from '../../../src/text/analyze.js';
import { Thesaurus } from '../../../src/text/thesaurus.js';

describe('analyze', () => {
  it('normalises typography: curly quotes, dashes and diacritics meet their plain forms', () => {
    expect(analyze('Micron’s “blowout” café')).toEqual(analyze(`Micron's "blowout" cafe`));
    expect(analyze('Micron’s')).toEqual(['micron']);
  });

  it('drops the scaffolding of questions', () => {
    expect(analyze('What did they say about HBM?')).toEqual(['hbm']);
    expect(analyze('How many GPUs does DeepSeek have')).toEqual(['gpu', 'deepseek']);
    expect(analyze('what happens if they spend a little')).toEqual(['spend']);
    // As people type them: no apostrophe, any tense.
    expect(analyze('whats going on, why are laptops getting dearer')).toEqual(['laptop', 'dearer']);
    // Every passage is from an episode of a podcast: naming one asks nothing.
    expect(analyze('which episodes of the podcast had Kalanick')).toEqual(['kalanick']);
    // Nor is the filler of chat, which weighed as a name would sink the question.
    expect(analyze('deepseek thought it was chatgpt lol tbh')).toEqual(['deepseek', 'chatgpt']);
    // Chat spellings are the words they stand for.
    expect(analyze('ppl paid by the govt, the dems say')).toEqual(
      analyze('people paid by the government, the democrats say'),
    );
  });

  it('keeps numbers and money whole', () => {
    expect(analyze('~$6M, 5.2, 30-year, 3%, 4x, $40B, H100/H800')).toEqual([
      '$6m',
      '5.2',
      '30-year',
      '3%',
      '4x',
      '$40b',
      'h100',
      'h800',
    ]);
  });

  it('stems with the Porter stemmer', () => {
    expect(analyze('datacenters distilled distillation')).toEqual(['datacent', 'distil', 'distil']);
  });

  it('tells the country from the pronoun', () => {
    expect(analyze('U.S. and US versus us')).toEqual(['usa', 'usa']);
  });

  it('keeps where each term stands in the original text', () => {
    const text = 'The “DRAM” Bottleneck';
    expect(termSpans(text).map(({ start, end }) => text.slice(start, end))).toEqual(['DRAM', 'Bottleneck']);
  });

  it('survives hostile input', () => {
    for (const text of ['', '🙂🚀', 'مرحبا بالعالم', '.*+?^${}()|[]\\', 'x'.repeat(6000)])
      expect(() => analyze(text)).not.toThrow();
  });
});

describe('Thesaurus', () => {
  const thesaurus = new Thesaurus([
    ['self driving', 'autonomy', 'drive themselves', 'cars drive themselves'],
    ['real estate', 'property'],
  ]);

  it('maps every member of a group to one term, phrases first', () => {
    expect(thesaurus.expand(analyze('autonomy'))).toEqual(thesaurus.expand(analyze('self-driving')));
    expect(thesaurus.expand(analyze('commercial real estate'))).toEqual(['commerci', '~real_estat']);
  });

  it('leaves out a phrase that stopwords cut to one word, which would claim that word in any sense', () => {
    expect(thesaurus.expand(analyze('drive wealthy people out'))).toEqual(
      analyze('drive wealthy people out'),
    );
    expect(thesaurus.expand(analyze('cars that drive themselves'))).toEqual(thesaurus.expand(['autonomi']));
  });

  it('spans a phrase from its first word to its last', () => {
    const text = 'the real estate shock';
    const [span] = thesaurus.expandSpans(termSpans(text));
    expect(text.slice(span?.start, span?.end)).toBe('real estate');
  });
});

describe('findAcronyms', () => {
  it('finds initialisms and tickers the text defines', () => {
    expect(
      findAcronyms('demand for High Bandwidth Memory (HBM) and Democratic Socialists of America (DSA)'),
    ).toEqual([
      ['HBM', 'High Bandwidth Memory'],
      ['DSA', 'Democratic Socialists of America'],
    ]);
    expect(findAcronyms('Micron Technology (MU) and NVIDIA (NVDA)')).toEqual([
      ['MU', 'Micron Technology', 'Micron'],
      ['NVDA', 'NVIDIA'],
    ]);
    // A sentence's first word is not the company's name.
    expect(findAcronyms('Monitor NVIDIA (NVDA) as it evolves')).toEqual([['NVDA', 'NVIDIA']]);
  });
});
