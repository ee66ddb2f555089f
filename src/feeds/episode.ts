import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { EpisodeDocument } from '../episodes/schema.js';
import { foldDiacritics } from '../text/normalize.js';
import { contentEnd, isChromeLine } from '../sources/chrome.js';
import { intakeSource } from '../sources/intake.js';
import { readOutline } from '../sources/outline.js';
import type { FeedItem, ParsedFeed } from './parse.js';

/**
 * One feed item as a canonical episode document: the item's own facts, its chapters (the
 * Podcasting 2.0 chapters file when there is one, else the stamps in its description, read by the
 * same outline reader as any page), and the rest of the description as insights.
 */

/** The id of an item's episode: readable from its guid, made unique by a hash of the whole guid. */
export function episodeIdOf(guid: string): string {
  const slug = foldDiacritics(guid)
    .toLowerCase()
    .replace(/^https?:\/\/(www\.)?/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(-40)
    .replace(/^-+/, '');
  const hash = createHash('sha256').update(guid).digest('hex').slice(0, 8);
  return slug ? `${slug}-${hash}` : `episode-${hash}`;
}

/** Podcasting 2.0 JSON chapters (version 1.2.0): only what podqa uses is required. */
export const ChaptersFile = z.object({
  chapters: z.array(
    z.object({
      startTime: z.number().nonnegative(),
      title: z.string().optional(),
      /** `false` marks a chapter that is not part of the table of contents (an image change, an ad). */
      toc: z.boolean().optional(),
    }),
  ),
});

/** The chapters of a chapters file with start seconds, in time order, untitled and hidden ones left out. */
export function chaptersOfFile(file: z.infer<typeof ChaptersFile>): EpisodeDocument['chapters'] {
  return file.chapters
    .filter((chapter) => chapter.toc !== false && chapter.title?.trim())
    .map((chapter) => ({ title: (chapter.title ?? '').trim(), start: Math.floor(chapter.startTime) }))
    .sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
}

/** A description's insights are kept to this many characters, cut at a sentence where possible. */
export const MAX_INSIGHTS = 3000;

/** The description read as an outline: its stamps as chapters, its other prose as insights, its links. */
export function readDescription(
  description: string | null,
  source: string,
): { chapters: EpisodeDocument['chapters']; insights: string | null; links: string[] } {
  if (description === null) return { chapters: [], insights: null, links: [] };
  const hrefs = [...description.matchAll(/\bhref\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1] ?? '');
  const { lines } = intakeSource(source, htmlToText(description));
  const outline = readOutline(source, lines);
  const stampLines = new Set(outline.draft.stamps.map((stamp) => stamp.line));
  const prose = lines
    .map((line, i) =>
      stampLines.has(i + 1) || isChromeLine(line) ? '' : line.slice(0, contentEnd(line)).trim(),
    )
    .filter((line) => /\p{L}/u.test(line));
  return {
    chapters: outline.draft.stamps.map((stamp) => ({ title: stamp.title, start: stamp.start })),
    insights: prose.length ? clip(prose.join('\n'), MAX_INSIGHTS) : null,
    links: [...new Set([...hrefs.filter(isHttpUrl), ...outline.draft.links])],
  };
}

/** HTML to lines of text: block ends become line breaks, tags go; entities are decoded by intake. */
function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div|li|h[1-6]|tr|blockquote)>|<(p|div|li|h[1-6]|tr|ul|ol)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/[ \t\u00a0]+/g, ' ');
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const sentence = cut.lastIndexOf('. ');
  return `${cut.slice(0, sentence > max / 2 ? sentence + 1 : max).trim()}…`;
}

function isHttpUrl(value: string | null | undefined): value is string {
  if (!value) return false;
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

const urlOrNull = (value: string | null | undefined): string | null => (isHttpUrl(value) ? value : null);

const isYouTube = (url: string) =>
  /^https?:\/\/(?:(?:www|m)\.)?(?:youtube\.com\/(?:watch|live\/)|youtu\.be\/)/i.test(url);

/** `Fri, 06 Sep 2024 07:22:00 GMT` or ISO 8601 → `2024-09-06` (UTC), or null. */
export function isoDateOf(written: string | null): string | null {
  if (written === null) return null;
  const time = Date.parse(written);
  return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 10);
}

/**
 * The episode document of an item. `chapters`: from the item's chapters file when it had one;
 * otherwise the description's stamps are the chapters.
 */
export function documentOf(
  item: FeedItem,
  feed: ParsedFeed,
  id: string,
  chapters: EpisodeDocument['chapters'] | null,
): EpisodeDocument {
  const description = readDescription(item.description, `${id} (description)`);
  const links = [...new Set([...(item.link ? [item.link] : []), ...description.links])];
  const video = links.find(isYouTube) ?? null;
  const author = item.author ?? feed.author;
  return {
    id,
    title: item.title ?? `Episode ${item.position}`,
    show: feed.title,
    number: item.number,
    published: isoDateOf(item.published),
    duration: item.duration,
    people: item.people.length ? item.people : author ? [{ name: author, role: 'author' }] : [],
    videoUrl: urlOrNull(video),
    audioUrl: urlOrNull(item.enclosure?.url),
    image: urlOrNull(item.image) ?? urlOrNull(feed.image),
    insights: description.insights,
    chapters: chapters && chapters.length ? chapters : description.chapters,
    sections: [],
    links: links.filter((link) => isHttpUrl(link) && link !== video),
  };
}

/** Transcript types in order of preference, with the file suffix each is saved under (GUIDE.md contract). */
export const TRANSCRIPT_SUFFIXES = [
  ['text/vtt', '.vtt'],
  ['application/x-subrip', '.srt'],
  ['application/srt', '.srt'],
  ['text/srt', '.srt'],
  ['application/ttml+xml', '.ttml'],
  ['application/json', '.transcript.json'],
  ['text/html', '.transcript.html'],
  ['text/plain', '.transcript.txt'],
] as const;

/** The item's best transcript (vtt > srt > ttml > json > html > plain) and the suffix to save it under, or null. */
export function bestTranscript(item: FeedItem): { url: string; suffix: string } | null {
  for (const [type, suffix] of TRANSCRIPT_SUFFIXES) {
    const found = item.transcripts.find((t) => t.type.split(';')[0]?.trim() === type && isHttpUrl(t.url));
    if (found) return { url: found.url, suffix };
  }
  return null;
}
