import { describe, expect, it } from 'vitest';
import { episodeOf } from '../../support/episode.js';
import { catalogueFacts, fold, resolveFilter } from '../../../src/timeline/filters.js';

const episode = (id: string, published: string | null, people: string[], show: string | null = 'A') =>
  episodeOf({ id, title: id, show, published, people: people.map((name) => ({ name, role: 'guest' })) });

const catalogue = [
  episode('a', '2023-02-28', ['José Núñez']),
  episode('b', '2024-02-29', ['Zoë Adébáyọ̀', 'José Núñez']),
  episode('c', '2024-03-01', []),
  episode('d', null, ['Zoë Adébáyọ̀'], 'B'),
];
const ids = (filter: Parameters<typeof resolveFilter>[1]) => {
  const resolved = resolveFilter(catalogue, filter);
  return 'episodes' in resolved ? [...(resolved.episodes ?? ['all'])] : resolved.notice;
};

describe('resolveFilter', () => {
  it('reads a year, a month or a day as its first day for from and its last for to', () => {
    expect(ids({ from: '2024' })).toEqual(['b', 'c']);
    expect(ids({ to: '2024-02' })).toEqual(['a', 'b']);
    expect(ids({ from: '2024-02-29', to: '2024-02-29' })).toEqual(['b']);
    expect(ids({ to: '2023' })).toEqual(['a']);
  });

  it('matches a person ignoring case and accents, as whole words of the name', () => {
    expect(ids({ guest: 'zoe adebayo' })).toEqual(['b', 'd']);
    expect(ids({ guest: 'NUNEZ' })).toEqual(['a', 'b']);
    expect(ids({ guest: 'Nu' })).toMatch(/guest "Nu"/);
  });

  it('keeps every episode when no filter is given', () => {
    expect(ids({})).toEqual(['all']);
  });

  it('names the filter that leaves nothing, and the filters that leave nothing together', () => {
    expect(ids({ show: 'C' })).toBe('No episode matches the filter show "C".');
    expect(ids({ show: 'B', from: '2020' })).toBe(
      'No episode matches the filters show "B", from 2020 together.',
    );
  });

  it('names a malformed option and what was expected', () => {
    expect(ids({ from: '2024-13' })).toBe(
      'from: expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got "2024-13".',
    );
    expect(ids({ from: '2025', to: '2024' })).toMatch(/from 2025 is after to 2024/);
  });
});

describe('catalogueFacts', () => {
  it('offers years before their months, newest first, and people by how many episodes name them', () => {
    const facts = catalogueFacts(catalogue, 10);
    expect(facts.dates).toEqual(['2024', '2024-03', '2024-02', '2023', '2023-02']);
    expect(facts.people).toEqual([
      { name: 'José Núñez', episodes: 2 },
      { name: 'Zoë Adébáyọ̀', episodes: 2 },
    ]);
    expect(facts.newest?.id).toBe('c');
    expect(facts.shows).toEqual(['A', 'B']);
  });

  it('folds names for comparison', () => {
    expect(fold('  Zoë   Adébáyọ̀ ')).toBe('zoe adebayo');
  });
});
