import { newestFirst } from '../episodes/order.js';
import type { Episode } from '../episodes/schema.js';
import { formatStamp } from '../episodes/time.js';
import { MAX_HITS, type SearchHit, type SearchIndex } from '../index/EpisodeIndex.js';
import { hitMoment, titleOf } from '../passages/passage.js';
import { MAX_QUESTION_CHARS } from '../text/question.js';
import { type Resolved, fold, namesWithin } from './filters.js';
import { quoteOf } from './quote.js';
import type { Moment, PersonEpisode, Timeline, TimelineEntry } from './schema.js';

/**
 * Across the catalogue: every episode where a topic came up, the same topic's moments in other
 * episodes, and the episodes of a person. Built on `EpisodeIndex.search` with its `episodes` filter.
 */

/**
 * A search returns at most MAX_HITS passages. When a round comes back full, the timeline searches
 * again over the episodes not yet found, at most this many rounds: past them the timeline says it is
 * incomplete (a topic in thousands of episodes wants a date, person or show to narrow it). Each round
 * costs a whole search: 20 rounds took 78 s for a common word at 300k passages on a loaded machine.
 */
export const MAX_ROUNDS = 4;
/** The related moments of an answer: at most this many episodes. */
export const MAX_RELATED = 5;

type Catalogue = ReadonlyMap<string, Episode>;

/** A hit as a moment: where, when, the link, and the sentence holding the matched words. */
export function momentOf(
  index: SearchIndex,
  hit: SearchHit,
  episode: Episode | undefined,
  sentences: 1 | 2,
): Moment {
  const { passage } = hit;
  const marks = index.highlight(hit);
  const { start, url } = hitMoment(passage, marks, episode);
  return {
    passageId: passage.id,
    episodeId: passage.episodeId,
    episodeTitle: passage.episodeTitle,
    published: episode?.published ?? null,
    section: titleOf(passage),
    start,
    approximate: passage.approximate,
    timestamp: start === null ? null : formatStamp(start),
    url,
    quote: quoteOf(passage, marks, sentences),
  };
}

/** Oldest first, undated last, then by title. */
function oldestFirst(
  a: { published: string | null; title: string },
  b: { published: string | null; title: string },
) {
  if (a.published !== b.published) {
    if (a.published === null) return 1;
    if (b.published === null) return -1;
    return a.published < b.published ? -1 : 1;
  }
  return a.title.localeCompare(b.title);
}

/**
 * The hits of a question grouped by episode, in rank order within each, over `scope` (undefined:
 * all). Searches again over the episodes not yet found while a round comes back full.
 */
function hitsByEpisode(
  index: SearchIndex,
  catalogue: Catalogue,
  question: string,
  scope: ReadonlySet<string> | undefined,
) {
  const found = new Map<string, SearchHit[]>();
  const first = index.search(question, scope === undefined ? {} : { episodes: scope });
  let outcome = first;
  for (let round = 1; ; round++) {
    for (const hit of outcome.hits) {
      const hits = found.get(hit.episodeId);
      if (hits) hits.push(hit);
      else found.set(hit.episodeId, [hit]);
    }
    if (outcome.hits.length < MAX_HITS) break;
    const rest = new Set([...(scope ?? catalogue.keys())].filter((id) => !found.has(id)));
    if (rest.size === 0) break;
    if (round >= MAX_ROUNDS)
      return { found, complete: false, suggestions: first.suggestions, notice: first.notice };
    outcome = index.search(question, { episodes: rest });
  }
  return { found, complete: true, suggestions: first.suggestions, notice: first.notice };
}

/** The best moment of an episode's hits: the best-ranked that has a time among those covering the most. */
function bestHit(hits: readonly SearchHit[]): SearchHit {
  const top = hits[0] as SearchHit;
  const step = Math.round(top.coverage * 10);
  return hits.find((hit) => hit.passage.start !== null && Math.round(hit.coverage * 10) === step) ?? top;
}

/** Every episode (of the filter's) where `topic` came up, oldest first, with its best moment and a weight. */
export function timelineOf(
  index: SearchIndex,
  catalogue: Catalogue,
  topic: string,
  filter: Resolved,
): Omit<Timeline, 'tookMs'> {
  const query = topic.trim().slice(0, MAX_QUESTION_CHARS);
  if (filter.notice !== null)
    return { topic: query, entries: [], complete: true, suggestions: [], notice: filter.notice };
  const { found, complete, suggestions, notice } = hitsByEpisode(index, catalogue, query, filter.episodes);
  if (found.size === 0 && notice === null && filter.label !== null)
    return {
      topic: query,
      entries: [],
      complete,
      suggestions,
      notice: `No episode of the filter ${filter.label} speaks of "${query}".`,
    };
  const entries: TimelineEntry[] = [...found].map(([episodeId, hits]) => {
    const episode = catalogue.get(episodeId);
    return {
      episodeId,
      title: episode?.title ?? (hits[0] as SearchHit).passage.episodeTitle,
      show: episode?.show ?? null,
      published: episode?.published ?? null,
      weight: Math.round(hits.reduce((sum, hit) => sum + hit.coverage, 0) * 100) / 100,
      passages: hits.length,
      moment: momentOf(index, bestHit(hits), episode, 1),
    };
  });
  return { topic: query, entries: entries.sort(oldestFirst), complete, suggestions, notice };
}

/**
 * The same topic's moments in other episodes, newest first (at most MAX_RELATED): the words of
 * `question` that matched passage `passageId` (or its section's title) searched in every other episode.
 */
export function relatedMoments(
  index: SearchIndex,
  catalogue: Catalogue,
  question: string,
  passageId: string,
): Moment[] {
  const episodeId = passageId.split('#')[0] ?? '';
  const own = index
    .search(question, { episodes: new Set([episodeId]) })
    .hits.find((hit) => hit.passage.id === passageId);
  const passage = own?.passage ?? index.passage(passageId);
  if (!passage) return [];
  const matched = own
    ? [...new Set(index.highlight(own).map(([s, e]) => passage.text.slice(s, e).toLowerCase()))]
    : [];
  const topic = matched.length ? matched.join(' ') : (titleOf(passage) ?? question);
  const others = new Set([...catalogue.keys()].filter((id) => id !== passage.episodeId));
  if (others.size === 0) return [];
  const best = new Map<string, SearchHit>();
  for (const hit of index.search(topic, { episodes: others }).hits) {
    if (!best.has(hit.episodeId)) best.set(hit.episodeId, hit);
    if (best.size >= MAX_RELATED) break;
  }
  // Newest first, undated last: the catalogue's own order.
  const order = newestFirst([...best.keys()].flatMap((id) => catalogue.get(id) ?? []));
  return order.map((episode) => momentOf(index, best.get(episode.id) as SearchHit, episode, 1));
}

/**
 * The episodes a person is on (in `people`) or named in (a chapter, a section's title, summary or
 * bullet), newest first, each with the chapters and sections that name them. On an episode they are
 * on, a part naming their first or last name alone counts ("Edda wants the logbooks scanned").
 */
export function episodesWith(episodes: readonly Episode[], name: string): PersonEpisode[] {
  const wanted = fold(name);
  if (wanted === '') return [];
  const out: PersonEpisode[] = [];
  for (const episode of newestFirst(episodes)) {
    const person = episode.people.find((p) => namesWithin(fold(p.name), wanted));
    const names = person
      ? [
          fold(person.name),
          ...fold(person.name)
            .split(' ')
            .filter((w) => w.length >= 3),
        ]
      : [wanted];
    const namesThem = (text: string | null) => text !== null && names.some((n) => namesWithin(fold(text), n));
    const namedIn = [
      ...episode.chapters.filter((c) => namesThem(c.title)).map((c) => c.title),
      ...episode.sections
        .filter((s) => namesThem(s.title) || namesThem(s.summary) || s.bullets.some(namesThem))
        .map((s) => s.title),
    ];
    if (person || namedIn.length)
      out.push({
        episodeId: episode.id,
        title: episode.title,
        published: episode.published,
        role: person?.role ?? null,
        namedIn: [...new Set(namedIn)],
      });
  }
  return out;
}
