import { type DraftStamp, type EpisodeDraft, draftOf } from '../episodes/draft.js';
import { parseStamp } from '../episodes/time.js';
import { contentEnd, findLinks, isChromeLine } from './chrome.js';
import type { Problem } from '../episodes/problem.js';
import { STAMP_TEXT, countInlineStamps, findInlineStamps, malformedStamp } from './stamps.js';

/**
 * The generic fallback: any document with a timestamped outline. One chapter per line in any of the
 * forms below, or several inline `(m:ss) Title` stamps in one line; the title is the first line that
 * is neither chrome nor a stamp.
 */

const S = STAMP_TEXT;
/** `0:00 Title`, `(0:00) Title`, `0:00 – 2:32 Title`, `(00:00 - 02:04) Title`, `- 0:01 - Title` */
const STAMP_FIRST = new RegExp(
  String.raw`^(?:[-*]\s*)?\(?(${S})(?:\s*-\s*(${S}))?\)?\s*(?:[-:.|]\s*)?(\S.*)$`,
);
/** `Introduction: 00:01:44`, `Introduction (1:02:03)`, `- Title - 0:00 – 2:32` */
const STAMP_LAST = new RegExp(
  String.raw`^(?:[-*]\s*)?(\S.*?)\s*(?:[-:|]\s*)?\(?(${S})(?:\s*-\s*(${S}))?\)?$`,
);

const foldDashes = (text: string) => text.replace(/[\u2012-\u2015\u2212]/g, '-');

/** A chapter line is short; longer lines are prose, read only for inline stamps. */
const MAX_CHAPTER_LINE = 500;

export function readOutline(
  file: string,
  lines: readonly string[],
): { draft: EpisodeDraft; problems: Problem[] } {
  const problems: Problem[] = [];
  const stamps: DraftStamp[] = [];
  const links: string[] = [];
  let title = '';
  lines.forEach((raw, i) => {
    const text = raw.trim();
    if (text === '' || isChromeLine(text)) return;
    links.push(...findLinks(text));
    const line = i + 1;
    if (countInlineStamps(text) >= 2) {
      const found = findInlineStamps(file, text, line);
      stamps.push(...found.stamps);
      problems.push(...found.problems);
      return;
    }
    const stamp =
      text.length > MAX_CHAPTER_LINE ? null : readStampLine(file, foldDashes(text), line, problems);
    if (stamp) stamps.push(stamp);
    else if (stamp === null && title === '') title = text.slice(0, contentEnd(text)).trim() || text;
  });
  if (stamps.length === 0) {
    problems.push({
      file,
      line: null,
      message: 'no timestamps found: expected chapter lines such as "(0:00) Intro" or "12:34 Topic"',
      severity: 'warning',
    });
  }
  return {
    draft: draftOf(file, 'outline', { title, links: [...new Set(links)], stamps }),
    problems,
  };
}

/**
 * A chapter line, or null when the line has no stamp; `undefined` when it has a malformed one (a
 * warning is recorded, and the line is neither a chapter nor the title).
 */
function readStampLine(
  file: string,
  text: string,
  line: number,
  problems: Problem[],
): DraftStamp | null | undefined {
  for (const [pattern, stampAt, titleAt] of [
    [STAMP_FIRST, 1, 3],
    [STAMP_LAST, 2, 1],
  ] as const) {
    const match = pattern.exec(text);
    if (!match) continue;
    const stampText = match[stampAt] ?? '';
    const title = (match[titleAt] ?? '').trim();
    if (!/\p{L}/u.test(title)) continue;
    const start = parseStamp(stampText);
    if (start === null) {
      problems.push(malformedStamp(file, line, stampText));
      return undefined;
    }
    return { title: title.slice(0, contentEnd(title)).trim() || title, start, line };
  }
  return null;
}
