import { type DraftSection, type EpisodeDraft, draftOf } from '../episodes/draft.js';
import type { Person } from '../episodes/schema.js';
import { parseStamp } from '../episodes/time.js';
import { findLinks, isChromeLine } from './chrome.js';
import { pickTitle, readDateLine } from './pageFacts.js';
import { nextNonBlank } from './transcripts/cues.js';
import { aside, splitBullets } from './podcastApp.js';
import type { SetAsideLine } from './setAside.js';
import type { Problem } from '../episodes/problem.js';
import { STAMP_TEXT, countInlineStamps, findInlineStamps, malformedStamp } from './stamps.js';

/**
 * The video chapter-summary page (seed 003): title, a description with `(m:ss)` stamps and links,
 * people run together with their roles, `Jan 31, 20251h 49m`, then `CHAPTERS`: numbered chapters with
 * `m:ss – m:ss` ranges, a title, a summary paragraph and `•` bullets. The same chapter list is read
 * without the seed's header block or numbers: `- 0:00 – 2:32` alone on a line, the title on the next.
 */

/** `1. 0:00 – 2:32` (under a `CHAPTERS` heading), or a bare range `- 0:00 – 2:32` / `(0:00 - 2:32)` alone. */
const NUMBERED_HEAD = new RegExp(
  String.raw`^(?:-\s*)?\d{1,3}\.\s+(${STAMP_TEXT})(?:\s*-\s*(${STAMP_TEXT}))?\s*$`,
);
const RANGE_HEAD = new RegExp(String.raw`^(?:[-*•]\s*)?\(?(${STAMP_TEXT})\s*-\s*(${STAMP_TEXT})\)?$`);
const ROLE = /(.+?)(co-host|host|guest|moderator|producer)(?=\p{Lu}|$)/gu;

/** Ranges use en dashes on the page; intake leaves them, so compare on a dash-folded copy. */
const foldDashes = (text: string) => text.replace(/[\u2012-\u2015\u2212]/g, '-');

/** The range a chapter head states (`[start, end]` as written), or null for any other line. */
function chapterHead(line: string, numbered: boolean): [string, string | undefined] | null {
  const text = foldDashes(line.trim());
  const head = (numbered ? NUMBERED_HEAD : RANGE_HEAD).exec(text);
  return head ? [head[1] ?? '', head[2]] : null;
}

/** Where the chapters begin (the first head) and whether they are the numbered kind under `CHAPTERS`. */
function chapterList(lines: readonly string[]): { from: number; headEnd: number; numbered: boolean } | null {
  const chaptersAt = lines.findIndex((line) => line.trim() === 'CHAPTERS');
  if (chaptersAt >= 0 && lines.slice(chaptersAt).some((line) => chapterHead(line, true)))
    return { from: chaptersAt + 1, headEnd: chaptersAt, numbered: true };
  // Without the heading: at least two bare ranges, each followed by a title line.
  const heads = lines.flatMap((line, i) =>
    chapterHead(line, false) && /\p{L}/u.test(nextNonBlank(lines, i)) ? [i] : [],
  );
  const first = heads[0];
  return heads.length >= 2 && first !== undefined ? { from: first, headEnd: first, numbered: false } : null;
}

export function looksLikeVideoChapters(lines: readonly string[]): boolean {
  return chapterList(lines) !== null;
}

export function readVideoChapters(
  file: string,
  lines: readonly string[],
): { draft: EpisodeDraft; problems: Problem[]; setAside: SetAsideLine[]; titleIfShow: string | null } {
  const problems: Problem[] = [];
  const list = chapterList(lines) ?? { from: lines.length, headEnd: lines.length, numbered: true };
  const head = lines.slice(0, list.headEnd).map((text, i) => ({ text: text.trim(), number: i + 1 }));
  const content = head.filter((line) => line.text !== '' && !isChromeLine(line.text));

  const descriptionLine = content.find((line) => countInlineStamps(line.text) >= 2);
  const found = descriptionLine
    ? findInlineStamps(file, descriptionLine.text, descriptionLine.number)
    : { stamps: [], problems: [] };
  problems.push(...found.problems);

  let people: Person[] = [];
  let published: string | null = null;
  let duration: number | null = null;
  const facts = new Set<(typeof content)[number]>(descriptionLine ? [descriptionLine] : []);
  const setAside: SetAsideLine[] = descriptionLine ? [aside(file, descriptionLine, 'page:promo')] : [];
  for (const line of content) {
    const cast = readPeople(line.text);
    if (cast.length >= 2 && people.length === 0) {
      people = cast;
      facts.add(line);
      setAside.push(aside(file, line, 'page:people'));
    }
    const dated = readDateLine(line.text);
    if (dated) {
      published ??= dated.published;
      duration ??= dated.duration;
      facts.add(line);
      setAside.push(aside(file, line, 'page:date'));
    }
  }
  if (list.headEnd < lines.length && lines[list.headEnd]?.trim() === 'CHAPTERS')
    setAside.push({ file, line: list.headEnd + 1, rule: 'page:label', text: 'CHAPTERS' });
  const named = pickTitle(content.filter((line) => !facts.has(line)).map((line) => line.text));
  const sections = readChapters(file, lines, list, problems);
  // A page whose only clock is its chapter list: the list's starts are the chapters.
  const stamps = found.stamps.length
    ? found.stamps
    : list.numbered
      ? []
      : sections.flatMap((section) =>
          section.stated ? [{ title: section.title, start: section.stated.start, line: section.line }] : [],
        );

  return {
    draft: draftOf(file, 'video-chapters', {
      title: named.title,
      show: named.show,
      published,
      duration,
      people,
      links: descriptionLine ? [...new Set(findLinks(descriptionLine.text))] : [],
      stamps,
      sections,
    }),
    problems,
    setAside,
    titleIfShow: named.runnerUp,
  };
}

/** `Jason CalacanishostTravis Kalanickguest` → two people with roles; [] when the line is not a cast list. */
export function readPeople(text: string): Person[] {
  const people: Person[] = [];
  let consumed = 0;
  for (const match of text.matchAll(ROLE)) {
    if (match.index !== consumed) return [];
    const name = (match[1] ?? '').trim();
    if (!/^\p{Lu}/u.test(name) || name.length > 60) return [];
    people.push({ name, role: match[2] ?? 'guest' });
    consumed = (match.index ?? 0) + match[0].length;
  }
  return consumed === text.length ? people : [];
}

/** Chapters: a head line with the range, the title, summary lines, then `•` bullets. */
function readChapters(
  file: string,
  lines: readonly string[],
  { from, numbered }: { from: number; numbered: boolean },
  problems: Problem[],
): DraftSection[] {
  const sections: DraftSection[] = [];
  let current: (DraftSection & { summaryLines: string[] }) | null = null;
  const finish = () => {
    if (current) {
      const { summaryLines, ...section } = current;
      sections.push({ ...section, summary: summaryLines.join(' ') || null });
    }
    current = null;
  };
  for (let i = from; i < lines.length; i++) {
    const text = (lines[i] ?? '').trim();
    if (text === '') continue;
    if (isChromeLine(text)) {
      finish();
      continue;
    }
    const head = chapterHead(text, numbered);
    if (head) {
      finish();
      const [startText, endText] = head;
      const start = parseStamp(startText);
      const end = endText === undefined ? null : parseStamp(endText);
      if (start === null) problems.push(malformedStamp(file, i + 1, startText));
      if (endText !== undefined && end === null) problems.push(malformedStamp(file, i + 1, endText));
      current = {
        kind: 'chapter',
        title: '',
        summary: null,
        bullets: [],
        stated: start === null ? null : { start, end },
        line: i + 1,
        summaryLines: [],
      };
      continue;
    }
    if (!current) continue;
    const chapter: DraftSection & { summaryLines: string[] } = current;
    if (chapter.title === '') chapter.title = text;
    else if (
      text.startsWith('•') ||
      (text.startsWith('- ') && (chapter.bullets.length > 0 || chapter.summaryLines.length > 0))
    )
      chapter.bullets.push(...splitBullets(text.replace(/^-\s+/, '')));
    else if (chapter.bullets.length === 0) chapter.summaryLines.push(text);
    else chapter.bullets.push(text);
  }
  finish();
  return sections.filter((section) => {
    if (section.title !== '') return true;
    problems.push({
      file,
      line: section.line,
      message: 'chapter has a time range but no title',
      severity: 'warning',
    });
    return false;
  });
}
