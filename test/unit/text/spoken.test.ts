import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/text/analyze.js';

describe('spoken and chat forms meet the pages’ forms', () => {
  it('reads amounts in words, with their scale apart, or in chat as the pages write them', () => {
    expect(analyze('three hundred billion')).toEqual(['300b']);
    expect(analyze('$300 bn')).toEqual(analyze('$300B'));
    expect(analyze('300 billion')).toEqual(analyze('300B'));
    expect(analyze('twenty five percent')).toEqual(analyze('25%'));
    expect(analyze('a hundred and ten')).toEqual(['110']);
    expect(analyze('300 k')).toEqual(['300k']);
    expect(analyze('one point four billion')).toEqual(['1.4b']);
    expect(analyze('the one point he made')).toEqual(['point', 'made']);
  });

  it('writes ordinals in words or digits alike, and leaves "first" alone a word', () => {
    expect(analyze('the seventy-first minute')).toEqual(analyze('the 71st minute'));
    expect(analyze('the first minute')).toEqual(['first', 'minut']);
  });

  it('keeps words that only look like numbers: "one" alone, two tens in a row', () => {
    expect(analyze('the one about tariffs')).toEqual(['tariff']);
    expect(analyze('twenty twenty four')).toEqual(['20', '24']);
  });

  it('writes phrasal verbs as the compound the pages use, in any tense', () => {
    expect(analyze('they laid off staff')).toEqual(analyze('the layoffs of staff'));
    expect(analyze('lay-offs')).toEqual(analyze('layoffs'));
    expect(analyze('who took over the company')).toEqual(analyze('the takeover of the company'));
  });

  it('reads chat abbreviations as their words and drops chat filler', () => {
    expect(analyze('last yr, ngl')).toEqual(analyze('last year'));
    expect(analyze('on the pod, ep 41')).toEqual(['41']);
    expect(analyze('rent for a 2br')).toEqual(analyze('rent for a two-bedroom'));
  });
});
