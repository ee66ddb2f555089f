import type { DraftStamp } from '../episodes/draft.js';
import { parseStamp } from '../episodes/time.js';
import { contentEnd } from './chrome.js';
import type { Problem } from '../episodes/problem.js';

/** A stamp as pages write it, well formed or not (`0:0`, `60:43`, `1:02:03`). */
export const STAMP_TEXT = String.raw`\d{1,3}(?::\d{1,2}){1,2}`;

const INLINE = new RegExp(String.raw`\((${STAMP_TEXT})\)`, 'g');
/** `60:43`, `0:0`, `125:07`: minutes counted past the hour, or seconds written with one digit. */
const MINUTES_PAST_HOUR = /^(\d{1,3}):(\d{1,2})$/;

/**
 * Seconds for a stamp as a page writes it: the well-formed forms, and the loose ones some pages
 * print (`0:0`, `60:43` for 1:00:43), which are still unambiguous; null when it cannot be read.
 */
export function readPageStamp(text: string): number | null {
  const strict = parseStamp(text);
  if (strict !== null) return strict;
  const loose = MINUTES_PAST_HOUR.exec(text.trim());
  if (!loose) return null;
  const seconds = Number(loose[2]);
  return seconds < 60 ? Number(loose[1]) * 60 + seconds : null;
}

export interface FoundStamps {
  stamps: DraftStamp[];
  problems: Problem[];
}

export const malformedStamp = (file: string, line: number, text: string): Problem => ({
  file,
  line,
  message: `malformed timestamp "${text}": expected m:ss or h:mm:ss, seconds below 60`,
  severity: 'warning',
});

/**
 * Publisher stamps written inline, as descriptions do: `(0:00) Intro (1:05) Topic … Follow us: …`.
 * Each title runs to the next stamp, and the last one stops where links and promos begin.
 */
export function findInlineStamps(file: string, text: string, line: number): FoundStamps {
  const matches = [...text.matchAll(INLINE)];
  const stamps: DraftStamp[] = [];
  const problems: Problem[] = [];
  matches.forEach((match, i) => {
    const from = (match.index ?? 0) + match[0].length;
    const to = matches[i + 1]?.index ?? text.length;
    let title = text.slice(from, to);
    title = title.slice(0, contentEnd(title)).trim();
    const start = readPageStamp(match[1] ?? '');
    if (start === null) problems.push(malformedStamp(file, line, match[1] ?? ''));
    else if (title !== '') stamps.push({ title, start, line });
  });
  return { stamps, problems };
}

/** How many inline stamps a line holds: descriptions hold several. */
export function countInlineStamps(text: string): number {
  return [...text.matchAll(INLINE)].length;
}
