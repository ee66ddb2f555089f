import { z } from 'zod';
import type { Episode } from '../episodes/schema.js';
import { cueMoment, transcriptWindows } from './transcriptWindows.js';

export const PassageKind = z.enum([
  /** A summary chapter or analysis section: its title and summary paragraph. */
  'summary',
  /** One takeaway or chapter bullet, with its section's title as context. */
  'takeaway',
  /** One chapter of the publisher's description (or an outline). */
  'chapter',
  /** The episode's quick insights. */
  'insights',
  /** Who is on the episode: its title and its people by role, for "who was the guest". */
  'people',
  /** About a minute of the transcript, speakers named, at its exact moment; `section` is its chapter. */
  'transcript',
]);
export type PassageKind = z.infer<typeof PassageKind>;

/**
 * A passage: the unit podqa finds and shows. Small enough to answer one question, carrying the
 * moment it was said when that is known.
 */
export const Passage = z.object({
  /** Stable across rebuilds of the same source: `episode#kind-n`. */
  id: z.string(),
  episodeId: z.string(),
  episodeTitle: z.string(),
  kind: PassageKind,
  /** The chapter or section the passage belongs to (its title), or null for insights. */
  section: z.string().nullable(),
  text: z.string(),
  start: z.number().int().nonnegative().nullable(),
  end: z.number().int().nonnegative().nullable(),
  approximate: z.boolean(),
  /** A link to that moment (or the episode when the moment is unknown), or null without a URL. */
  url: z.string().nullable(),
  /**
   * A transcript window's cues: where each begins in `text` and its second, so an answer points at the
   * cue holding the matched words rather than at the window's start. Absent for other kinds.
   */
  cues: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])).optional(),
});
export type Passage = z.infer<typeof Passage>;

/**
 * What passages that belong to no section are shown under, and named by in a question set: the quick
 * insights by their heading on the page.
 */
export const UNSECTIONED_TITLES: Partial<Record<PassageKind, string>> = {
  insights: 'Quick Insights',
  people: 'Who is on the episode',
  transcript: 'Transcript',
};

/** The title a passage is shown under: its section's, or its kind's. */
export function titleOf(passage: Pick<Passage, 'kind' | 'section'>): string | null {
  return passage.section ?? UNSECTIONED_TITLES[passage.kind] ?? null;
}

/**
 * How a passage is introduced to a reader: its title, and for a transcript window, that what follows
 * are the words said in that chapter (`Heron rookery · transcript`), shown as a quote.
 */
export function headingOf(passage: Pick<Passage, 'kind' | 'section'>): string | null {
  const title = titleOf(passage);
  return passage.kind === 'transcript' && passage.section !== null ? `${title} · transcript` : title;
}

/** A transcript window's words in quotation marks, as said; other passages' text as written. */
export const quoted = (passage: Pick<Passage, 'kind'>, text: string): string =>
  passage.kind === 'transcript' ? `“${text}”` : text;

/**
 * Splits an episode into passages: one per summary chapter or analysis section (its summary), one per
 * bullet (with its section's title as context), one per publisher chapter, one for the quick insights,
 * one naming the episode's people when the page lists them (no moment: the page gives none), and one
 * per window of about a minute of the transcript, at its exact moment, under the chapter it falls in.
 */
export function buildPassages(episode: Episode): Passage[] {
  const passages: Passage[] = [];
  const add = (
    kind: Passage['kind'],
    section: string | null,
    text: string,
    place: { start: number | null; end: number | null; approximate: boolean },
    cues?: [number, number][],
  ) =>
    passages.push({
      id: `${episode.id}#${kind}-${passages.filter((p) => p.kind === kind).length + 1}`,
      episodeId: episode.id,
      episodeTitle: episode.title,
      kind,
      section,
      text,
      start: place.start,
      end: place.end,
      approximate: place.approximate,
      url: momentUrl(episode, place.start),
      ...(cues?.length ? { cues } : {}),
    });

  const unplaced = { start: null, end: null, approximate: false };
  if (episode.people.length) add('people', null, peopleText(episode), unplaced);
  if (episode.insights) add('insights', null, episode.insights, unplaced);
  for (const chapter of episode.chapters) add('chapter', chapter.title, chapter.title, chapter);
  for (const section of episode.sections) {
    add('summary', section.title, section.summary ?? section.title, section);
    for (const bullet of section.bullets) add('takeaway', section.title, bullet, section);
  }
  for (const { cues, ...window } of transcriptWindows(episode.transcript, episode.chapters))
    add('transcript', window.chapter, window.text, { ...window, approximate: false }, cues);
  return passages;
}

/**
 * Where a hit on a passage points: for a transcript window, the second of the cue holding the matched
 * words (a window is up to 90 s long), linked there; otherwise the passage's own moment.
 */
export function hitMoment(
  passage: Passage,
  marks: readonly [number, number][],
  episode: Pick<Episode, 'videoUrl' | 'audioUrl'> | undefined,
): Pick<Passage, 'start' | 'url'> {
  const second = passage.cues ? cueMoment(passage.cues, marks, passage.text) : null;
  if (second === null || second === passage.start || !episode)
    return { start: passage.start, url: passage.url };
  return { start: second, url: momentUrl(episode, second) };
}

/**
 * A link to the moment: YouTube's `&t=SECONDSs`, a media fragment `#t=SECONDS` for audio; the episode
 * itself when the moment is unknown; null without any URL.
 */
export function momentUrl(
  episode: Pick<Episode, 'videoUrl' | 'audioUrl'>,
  start: number | null,
): string | null {
  if (episode.videoUrl) {
    const url = youtubeWatchUrl(episode.videoUrl) ?? new URL(episode.videoUrl);
    if (start !== null) url.searchParams.set('t', `${start}s`);
    return url.toString();
  }
  if (episode.audioUrl) {
    const url = new URL(episode.audioUrl);
    if (start !== null) url.hash = `t=${start}`;
    return url.toString();
  }
  return null;
}

/** Any YouTube link (`youtu.be/ID`, `watch?v=ID&…`, `/live/ID`) as `https://www.youtube.com/watch?v=ID`. */
function youtubeWatchUrl(link: string): URL | null {
  const url = new URL(link);
  const host = url.hostname.replace(/^(www|m)\./, '');
  let id: string | null = null;
  if (host === 'youtu.be') id = url.pathname.slice(1);
  else if (host === 'youtube.com')
    id = url.searchParams.get('v') ?? /^\/(?:live|shorts|embed)\/([\w-]+)/.exec(url.pathname)?.[1] ?? null;
  if (!id) return null;
  const watch = new URL('https://www.youtube.com/watch');
  watch.searchParams.set('v', id);
  return watch;
}

/** "Title. Guests: A. Hosts: B, C, D." — the people grouped by role, in the page's order. */
function peopleText(episode: Pick<Episode, 'title' | 'people'>): string {
  const byRole = new Map<string, string[]>();
  for (const { name, role } of episode.people) byRole.set(role, [...(byRole.get(role) ?? []), name]);
  const roles = [...byRole].map(([role, names]) => {
    const label = role.charAt(0).toUpperCase() + role.slice(1);
    return `${names.length > 1 && !label.endsWith('s') ? `${label}s` : label}: ${names.join(', ')}.`;
  });
  return [`${episode.title.replace(/[.!?]$/, '')}.`, ...roles].join(' ');
}
