import { type DraftSection, type DraftStamp, type EpisodeDraft, draftOf } from '../episodes/draft.js';
import { parseStamp } from '../episodes/time.js';
import { contentEnd, findLinks, isChromeLine } from './chrome.js';
import type { Problem } from '../episodes/problem.js';
import { pickTitle, readDateLine, readLengthLine } from './pageFacts.js';
import { STAMP_TEXT, countInlineStamps, findInlineStamps, malformedStamp } from './stamps.js';

/**
 * The generic fallback: any document with a timestamped outline. One chapter per line in any of the
 * forms below, or several inline `(m:ss) Title` stamps in one line; dates and lengths wherever the
 * page states them; sections headed by an emoji (after a table of contents) with their summary and
 * bullets; the title picked by `pickTitle` among the lines that are neither chrome, stamps nor facts.
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

/** Headings a page puts over its parts: never the episode's title. */
const PART_HEADING =
  /^(summary|chapters|timestamps|time ?stamps|show notes|episode notes|description|key takeaways|takeaways|highlights|transcript):?$/i;
/** `🎙️ Cold open`: a section headed by an emoji, as summary sites write after a table of contents. */
const EMOJI_HEADING =
  /^\p{Extended_Pictographic}(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f|\s)*(\p{L}.{0,120})$/u;
const BULLET = /^(?:[-*•▪‣✅✔]|\d{1,2}[.)])\s+/u;

export function readOutline(
  file: string,
  lines: readonly string[],
): { draft: EpisodeDraft; problems: Problem[] } {
  const problems: Problem[] = [];
  const stamps: DraftStamp[] = [];
  const links: string[] = [];
  const sections: (DraftSection & { summaryLines: string[] })[] = [];
  const candidates: string[] = [];
  let published: string | null = null;
  let duration: number | null = null;
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
    // Facts first: `Sat, 19 Feb 2022 07:22` and `Duration: 55:00` end in what looks like a stamp.
    const dated = readDateLine(text);
    const length = dated ? null : readLengthLine(text);
    if (dated || length !== null) {
      published ??= dated?.published ?? null;
      duration ??= dated?.duration ?? length;
      return;
    }
    const stamp =
      text.length > MAX_CHAPTER_LINE ? null : readStampLine(file, foldDashes(text), line, problems);
    if (stamp) return void stamps.push(stamp);
    if (stamp === undefined) return;
    const heading = EMOJI_HEADING.exec(text);
    if (heading) {
      sections.push({
        kind: 'analysis',
        title: (heading[1] ?? '').trim(),
        summary: null,
        bullets: [],
        stated: null,
        line,
        summaryLines: [],
      });
      return;
    }
    const section = sections.at(-1);
    if (section) {
      if (BULLET.test(text)) section.bullets.push(text.replace(BULLET, ''));
      else if (section.bullets.length) section.bullets.push(text);
      else section.summaryLines.push(text);
      return;
    }
    if (!PART_HEADING.test(text)) candidates.push(text);
  });
  if (stamps.length === 0) {
    problems.push({
      file,
      line: null,
      message: 'no timestamps found: expected chapter lines such as "(0:00) Intro" or "12:34 Topic"',
      severity: 'warning',
    });
  }
  const named = pickTitle(candidates);
  const title = named.title.slice(0, contentEnd(named.title)).trim() || named.title;
  return {
    draft: draftOf(file, 'outline', {
      title,
      show: named.show,
      published,
      duration,
      links: [...new Set(links)],
      stamps,
      sections: sections.map(({ summaryLines, ...section }) => ({
        ...section,
        summary: summaryLines.join(' ') || null,
      })),
    }),
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
