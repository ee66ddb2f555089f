import type { DraftStamp } from '../episodes/draft.js';
import { parseStamp } from '../episodes/time.js';
import { contentEnd } from './chrome.js';
import type { Problem } from '../episodes/problem.js';

/** A stamp as pages write it, well formed or not (`0:0` and `60:43` are caught by parseStamp). */
export const STAMP_TEXT = String.raw`\d{1,2}(?::\d{1,2}){1,2}`;

const INLINE = new RegExp(String.raw`\((${STAMP_TEXT})\)`, 'g');

export interface FoundStamps {
  stamps: DraftStamp[];
  problems: Problem[];
}

export const malformedStamp = (file: string, line: number, text: string): Problem => ({
  file,
  line,
  message: `malformed timestamp "${text}": expected m:ss or h:mm:ss, minutes and seconds below 60`,
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
    const start = parseStamp(match[1] ?? '');
    if (start === null) problems.push(malformedStamp(file, line, match[1] ?? ''));
    else if (title !== '') stamps.push({ title, start, line });
  });
  return { stamps, problems };
}

/** How many inline stamps a line holds: descriptions hold several. */
export function countInlineStamps(text: string): number {
  return [...text.matchAll(INLINE)].length;
}
