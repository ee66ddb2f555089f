import { describe, expect, it } from 'vitest';
import { type ParsedSource, parseSource } from '../../../src/sources/loadEpisodes.js';
import { creditedPeople, showPeople } from '../../../src/sources/pageFacts.js';

/**
 * Who is on an episode, read from its page's show and credits lines ("The Kelp Line", fictional): the
 * show line stays set aside as the show, a credits line as `page:people`, but their names are the
 * episode's people (and so its people passage), with nothing lost.
 */

const page = (...lines: string[]) => parseSource('kelp-line-7.txt', lines.join('\n'));
const peopleOf = ({ episode }: ParsedSource) => episode?.people;
const asideBy = ({ coverage }: ParsedSource, rule: string) =>
  coverage.setAside.find((entry) => entry.rule === rule)?.words ?? 0;
const CHAPTERS = ['0:00 Hello from the dock', '4:10 The kelp harvest comes in early'];

describe('people from a page', () => {
  it('reads the hosts a show line names above a numbered title, and keeps the line set aside as the show', () => {
    const parsed = page('The Kelp Line with Wren Osei & Tobias Marr', 'E7: The early harvest', ...CHAPTERS);
    expect(parsed.episode?.show).toBe('The Kelp Line');
    expect(parsed.episode?.title).toBe('E7: The early harvest');
    expect(peopleOf(parsed)).toEqual([
      { name: 'Wren Osei', role: 'host' },
      { name: 'Tobias Marr', role: 'host' },
    ]);
    expect(parsed.coverage.unexplained.words).toBe(0);
  });

  it('reads labelled credits lines as people, setting them aside as page:people rather than a title or a section', () => {
    const parsed = page(
      'Hosts: Wren Osei, Tobias Marr',
      'The early harvest',
      'Featuring Ines Delacroix-Vane',
      ...CHAPTERS,
    );
    expect(parsed.episode?.title).toBe('The early harvest');
    expect(peopleOf(parsed)).toEqual([
      { name: 'Wren Osei', role: 'host' },
      { name: 'Tobias Marr', role: 'host' },
      { name: 'Ines Delacroix-Vane', role: 'guest' },
    ]);
    expect(asideBy(parsed, 'page:people')).toBeGreaterThan(0);
    expect(parsed.coverage.unexplained.words).toBe(0);
  });

  it('reads roles from the label and skips the words that are no one', () => {
    expect(creditedPeople('Guests: Ama Quist and Ruben van Leer')).toEqual([
      { name: 'Ama Quist', role: 'guest' },
      { name: 'Ruben van Leer', role: 'guest' },
    ]);
    expect(creditedPeople('Hosted by Wren Osei')).toEqual([{ name: 'Wren Osei', role: 'host' }]);
    expect(showPeople('The Kelp Line with Wren, Tobias & Friends')).toEqual([
      { name: 'Wren', role: 'host' },
      { name: 'Tobias', role: 'host' },
    ]);
    expect(showPeople('Live at the Pier featuring Ama Quist')).toEqual([
      { name: 'Ama Quist', role: 'guest' },
    ]);
  });

  it('reads no one from lines that only look like credits', () => {
    expect(showPeople('Coffee with the harbour master & friends')).toEqual([]);
    expect(creditedPeople('Guests: everyone who wrote in about the storm')).toBeNull();
    expect(creditedPeople('Hosting a dinner for twelve')).toBeNull();
    const parsed = page('Dinner with the harbour master', ...CHAPTERS);
    expect(parsed.episode?.title).toBe('Dinner with the harbour master');
    expect(peopleOf(parsed)).toEqual([]);
  });
});
