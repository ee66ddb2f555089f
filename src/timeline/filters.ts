import type { Episode } from '../episodes/schema.js';
import { newestFirst } from '../episodes/order.js';
import { type CatalogueFacts, EpisodeFilter } from './schema.js';

/**
 * Filters by date, person and show, resolved to the set of episode ids a search takes; and what the
 * catalogue offers to filter by (for autocomplete).
 */

/** A name or title folded for comparison: no accents, no case, single spaces ("Zoë  Adébáyọ̀" → "zoe adebayo"). */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** True when `needle` (folded) occurs in `haystack` (folded) as whole words. */
export function namesWithin(haystack: string, needle: string): boolean {
  return needle !== '' && ` ${haystack} `.includes(` ${needle} `);
}

/** The first day a bound can mean: `2024` → `2024-01-01`. */
function firstDay(bound: string): string {
  return bound.length === 4 ? `${bound}-01-01` : bound.length === 7 ? `${bound}-01` : bound;
}

/** The last day a bound can mean: `2024-02` → `2024-02-29`. */
function lastDay(bound: string): string {
  if (bound.length === 4) return `${bound}-12-31`;
  if (bound.length === 7) {
    const [year, month] = bound.split('-').map(Number) as [number, number];
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return `${bound}-${String(days).padStart(2, '0')}`;
  }
  return bound;
}

export type Resolved =
  /** `label` names the filters in force (`guest "Ama Owusu", from 2024`), null without any. */
  { episodes: ReadonlySet<string> | undefined; label: string | null; notice: null } | { notice: string };

/**
 * The episodes a filter leaves (undefined: no filter, every episode), or a notice naming the option
 * that is malformed or that leaves nothing.
 */
export function resolveFilter(episodes: readonly Episode[], filter: EpisodeFilter): Resolved {
  const parsed = EpisodeFilter.safeParse(filter);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const option = String(issue?.path[0] ?? 'filter');
    const given = (filter as Record<string, unknown>)[option];
    return { notice: `${option}: ${issue?.message ?? 'invalid'}, got "${String(given)}".` };
  }
  const { from, to, guest, show } = parsed.data;
  if (from === undefined && to === undefined && guest === undefined && show === undefined)
    return { episodes: undefined, label: null, notice: null };
  if (from !== undefined && to !== undefined && firstDay(from) > lastDay(to))
    return { notice: `from ${from} is after to ${to}: no date is in between.` };

  const steps: [string, (episode: Episode) => boolean][] = [];
  if (show !== undefined) {
    const wanted = fold(show);
    steps.push([`show "${show}"`, (e) => e.show !== null && fold(e.show) === wanted]);
  }
  if (guest !== undefined) {
    const wanted = fold(guest);
    steps.push([`guest "${guest}"`, (e) => e.people.some((p) => namesWithin(fold(p.name), wanted))]);
  }
  if (from !== undefined) {
    const day = firstDay(from);
    steps.push([`from ${from}`, (e) => e.published !== null && e.published >= day]);
  }
  if (to !== undefined) {
    const day = lastDay(to);
    steps.push([`to ${to}`, (e) => e.published !== null && e.published <= day]);
  }
  let left = episodes;
  const named: string[] = [];
  for (const [name, keeps] of steps) {
    named.push(name);
    left = left.filter(keeps);
    if (left.length === 0) {
      const which = named.length === 1 ? `the filter ${name}` : `the filters ${named.join(', ')} together`;
      return { notice: `No episode matches ${which}.` };
    }
  }
  return { episodes: new Set(left.map((e) => e.id)), label: named.join(', '), notice: null };
}

/** Years and months, people and shows the catalogue holds; `passages` is the index's count. */
export function catalogueFacts(episodes: readonly Episode[], passages: number): CatalogueFacts {
  const dates = new Set<string>();
  for (const { published } of episodes)
    if (published) dates.add(published.slice(0, 4)).add(published.slice(0, 7));
  const people = new Map<string, { name: string; episodes: Set<string> }>();
  for (const episode of episodes) {
    for (const { name } of episode.people) {
      const key = fold(name);
      const entry = people.get(key) ?? { name, episodes: new Set<string>() };
      entry.episodes.add(episode.id);
      people.set(key, entry);
    }
  }
  const newest = newestFirst(episodes)[0];
  return {
    episodes: episodes.length,
    passages,
    newest: newest ? { id: newest.id, title: newest.title, published: newest.published } : null,
    // `2025` before `2025-07`, and every month of a year before the year before.
    dates: [...dates].sort(
      (a, b) => b.slice(0, 4).localeCompare(a.slice(0, 4)) || a.length - b.length || b.localeCompare(a),
    ),
    people: [...people.values()]
      .map(({ name, episodes: ids }) => ({ name, episodes: ids.size }))
      .sort((a, b) => b.episodes - a.episodes || a.name.localeCompare(b.name)),
    shows: [...new Set(episodes.flatMap((e) => (e.show ? [e.show] : [])))].sort((a, b) => a.localeCompare(b)),
  };
}
